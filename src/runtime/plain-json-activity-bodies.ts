import { Serializer, type OperationSpec } from '@azure/core-http';
import type { Activity } from 'botbuilder';
import { ConversationConstants, type ConnectorClient } from 'botframework-connector';
// Not re-exported at the package's root; botframework-connector is pinned to botbuilder's version.
import { ConnectorMappers } from 'botframework-connector/lib/connectorApi/connectorClient.js';

/**
 * The generated connector client serialises every reply through botframework-connector's Activity mapper: a walk
 * of the whole schema that costs about a quarter of sending the reply (bench/reply-path.ts: 0.35 → 0.26 CPU ms per
 * reply). These specs send the same JSON with a plain-object body mapper: the mapper's only change to an activity
 * is dropping top-level fields the schema does not know, done here by `schemaFieldsOf`, and everything else — URL,
 * the conversation id header, credentials, retries and throttling, the response and error mapping — is still the
 * library's request pipeline.
 */
const ACTIVITY_FIELDS = new Set(Object.values((ConnectorMappers.Activity.type as { modelProperties: Record<string, { serializedName: string }> }).modelProperties).map((property) => property.serializedName));

const pathParameter = (name: string) => ({ parameterPath: name, mapper: { required: true, serializedName: name, type: { name: 'String' } } });
const sharedSpec = {
  httpMethod: 'POST',
  headerParameters: [{ parameterPath: 'conversationId', mapper: { serializedName: ConversationConstants.ConversationIdHttpHeaderName, type: { name: 'String' } } }],
  requestBody: { parameterPath: 'activity', mapper: { required: true, serializedName: 'activity', type: { name: 'Object' } } },
  responses: {
    200: { bodyMapper: ConnectorMappers.ResourceResponse },
    201: { bodyMapper: ConnectorMappers.ResourceResponse },
    202: { bodyMapper: ConnectorMappers.ResourceResponse },
    default: { bodyMapper: ConnectorMappers.ErrorResponse },
  },
} as const;

// Built as the generated operations build theirs: it maps the response and error bodies.
const serializer = new Serializer(ConnectorMappers);

function specFor(path: string, parameters: string[]): OperationSpec {
  return { ...sharedSpec, path, urlParameters: parameters.map(pathParameter), serializer } as unknown as OperationSpec;
}

const REPLY_SPEC = specFor('v3/conversations/{conversationId}/activities/{activityId}', ['conversationId', 'activityId']);
const SEND_SPEC = specFor('v3/conversations/{conversationId}/activities', ['conversationId']);

/** The activity's fields the Bot Framework schema defines, as the Activity mapper would keep them. */
export function schemaFieldsOf(activity: Partial<Activity>): Partial<Activity> {
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(activity)) if (ACTIVITY_FIELDS.has(field)) kept[field] = value;
  return kept as Partial<Activity>;
}

/** Makes `client` send replies and new messages with plain JSON bodies (other operations are untouched). */
export function sendPlainJsonActivities(client: ConnectorClient): ConnectorClient {
  const conversations = client.conversations;
  const generated = { reply: conversations.replyToActivity.bind(conversations), send: conversations.sendToConversation.bind(conversations) };
  // Only the promise form botbuilder calls is replaced; a call with options or a callback goes to the generated code.
  conversations.replyToActivity = ((conversationId: string, activityId: string, activity: Partial<Activity>, ...rest: unknown[]) =>
    rest.length > 0
      ? (generated.reply as (...args: unknown[]) => unknown)(conversationId, activityId, activity, ...rest)
      : client.sendOperationRequest({ conversationId, activityId, activity: schemaFieldsOf(activity) }, REPLY_SPEC)) as typeof conversations.replyToActivity;
  conversations.sendToConversation = ((conversationId: string, activity: Partial<Activity>, ...rest: unknown[]) =>
    rest.length > 0
      ? (generated.send as (...args: unknown[]) => unknown)(conversationId, activity, ...rest)
      : client.sendOperationRequest({ conversationId, activity: schemaFieldsOf(activity) }, SEND_SPEC)) as typeof conversations.sendToConversation;
  return client;
}
