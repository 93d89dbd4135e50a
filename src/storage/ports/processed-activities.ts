/**
 * Dedupe of events handled outside a visitor turn (Slack events, SDR desk actions, SDR notifications):
 * the same one is handled once, even across processes. Visitor turns are deduplicated in the bot state instead.
 */
export interface ProcessedActivityRepository {
  /** True only the first time this (conversation, activity) pair is claimed; atomic (unique key). */
  claim(conversationId: string, activityId: string): Promise<boolean>;
}
