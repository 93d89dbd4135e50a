import type { Activity } from '../channels/activity.js';

/**
 * Qualibot's view of one turn: the activity received, replies, and per-turn state. The core (handoff, listeners,
 * middleware) is written against this port; both SDKs' `TurnContext` classes fit it, and only the runtime
 * adapters (src/runtime), the dialog runner and the channel adapters meet the SDK classes themselves.
 */
export interface TurnContext {
  readonly activity: Activity;
  sendActivity(activityOrText: string | Partial<Activity>): Promise<ResourceResponse | undefined>;
  sendActivities(activities: Partial<Activity>[]): Promise<ResourceResponse[]>;
  /** Sees (and may change or drop) what the turn sends, before it is sent. */
  onSendActivities(handler: SendActivitiesHandler): this;
  /** Values shared by the turn's middleware and handler, keyed by symbol or string. */
  readonly turnState: TurnState;
}

export interface ResourceResponse {
  id: string;
}

export type SendActivitiesHandler = (context: TurnContext, activities: Partial<Activity>[], next: () => Promise<ResourceResponse[]>) => Promise<ResourceResponse[]>;

export interface TurnState {
  get<T = any>(key: unknown): T;
  set(key: unknown, value: unknown): unknown;
  has(key: unknown): boolean;
}

/** A step every turn goes through before (and around) the bot: guards, transcript, metrics. */
export interface Middleware {
  onTurn(context: TurnContext, next: () => Promise<void>): Promise<void>;
}

/** A value kept in the conversation's state, read and written within a turn. */
export interface StatePropertyAccessor<T> {
  get(context: TurnContext): Promise<T | undefined>;
  get(context: TurnContext, defaultValue: T): Promise<T>;
  set(context: TurnContext, value: T): Promise<void>;
  delete(context: TurnContext): Promise<void>;
}

/** The conversation's state: loaded once per turn (cached on the turn) and saved at its end, as the SDKs keep it. */
export interface ConversationState {
  createProperty<T>(name: string): StatePropertyAccessor<T>;
  load(context: TurnContext, force?: boolean): Promise<unknown>;
  saveChanges(context: TurnContext, force?: boolean): Promise<void>;
}
