/**
 * Qualibot's own types for the Bot Framework Activity protocol: the fields the core (handoff, storage, widget
 * history) reads and writes, declared after the protocol's schema, so both runtimes' activities fit them and
 * no core module imports an SDK for a type. Inbound activities are validated with zod at the edge
 * (src/server/activity-guard.ts); the SDKs' own classes stay in the channel adapters, the turn handler and
 * the dialog runner (README, "Runtime and support status").
 */

export interface ChannelAccount {
  id: string;
  name: string;
  aadObjectId?: string;
  /** `user`, `bot` or `skill`; botbuilder types it as its own enum, so accounts built here meet it only at its adapters. */
  role?: string;
  properties?: unknown;
}

/** A conversation's account; its `role`, which no channel sets on a conversation, is left out. */
export interface ConversationAccount extends Omit<ChannelAccount, 'role'> {
  isGroup: boolean;
  conversationType: string;
  tenantId?: string;
}

/** Where a conversation is and who talks in it: what a proactive message needs. */
export interface ConversationReference {
  activityId?: string;
  user?: ChannelAccount;
  locale?: string;
  bot: ChannelAccount;
  conversation: ConversationAccount;
  channelId: string;
  serviceUrl: string;
}

export interface CardAction {
  type: string;
  title: string;
  // The protocol's `any`: a button's payload is the channel's data.
  value: any;
  text?: string;
  displayText?: string;
  image?: string;
  imageAltText?: string;
  channelData?: any;
}

export interface Attachment {
  contentType: string;
  contentUrl?: string;
  content?: any;
  name?: string;
  thumbnailUrl?: string;
}

export interface Entity {
  type: string;
  [key: string]: any;
}

export interface Activity {
  type: string;
  id?: string;
  timestamp?: Date;
  serviceUrl: string;
  channelId: string;
  from: ChannelAccount;
  conversation: ConversationAccount;
  recipient: ChannelAccount;
  membersAdded?: ChannelAccount[];
  membersRemoved?: ChannelAccount[];
  locale?: string;
  text: string;
  inputHint?: string;
  textFormat?: string;
  suggestedActions?: { to: string[]; actions: CardAction[] };
  attachments?: Attachment[];
  entities?: Entity[];
  channelData?: any;
  replyToId?: string;
  value?: any;
  name?: string;
  relatesTo?: ConversationReference;
  code?: string;
}

/** Key-value state storage, as both SDKs' conversation state reads and writes it (SQLite, PostgreSQL). */
export interface StoreItems {
  [key: string]: any;
}

export interface Storage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
