/** Public surface of CRM delivery. */
export * from './crm-event.js';
export { enqueueCrmEvent, crmEventFromOutbox } from './crm-outbox.js';
export { CrmDeliveryError, type CrmSink } from './crm-sink.js';
export { WebhookCrmSink, type WebhookCrmSinkOptions } from './webhook-crm-sink.js';
export { signBody, verifySignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.js';
export { pickAllowed, parseFieldList, DEFAULT_CRM_FIELDS } from './pick-allowed.js';
export { OutboxWorker, type OutboxWorkerOptions, type RoundSummary, type DeliveryOutcome } from './outbox-worker.js';
export { backoffDelay, type BackoffPolicy } from './backoff.js';
export { loadCrmConfig, type CrmConfig } from './crm-config.js';
export { toCsv, toJsonl, csvCell, type ExportRow } from './export.js';
