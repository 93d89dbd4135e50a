import { describe, expect, it } from 'vitest';
import { loadCrmConfig } from '../../src/crm/crm-config.js';
import { DEFAULT_CRM_FIELDS } from '../../src/crm/pick-allowed.js';

const secret = 'a-long-enough-secret';

describe('loadCrmConfig', () => {
  it('is off without a webhook URL', () => {
    expect(loadCrmConfig({})).toBeUndefined();
    expect(loadCrmConfig({ CRM_WEBHOOK_URL: '  ', CRM_WEBHOOK_SECRET: secret })).toBeUndefined();
  });

  it('reads the settings, with the default allow-list when CRM_FIELDS is unset', () => {
    const config = loadCrmConfig({ CRM_WEBHOOK_URL: 'https://crm.example.test/hook', CRM_WEBHOOK_SECRET: secret, CRM_MAX_ATTEMPTS: '5' });
    expect(config).toMatchObject({ webhookUrl: 'https://crm.example.test/hook', secret, maxAttempts: 5, timeoutMs: 10_000 });
    expect(config?.fields).toEqual(DEFAULT_CRM_FIELDS);
    const custom = loadCrmConfig({ CRM_WEBHOOK_URL: 'https://crm.example.test/hook', CRM_WEBHOOK_SECRET: secret, CRM_FIELDS: 'lead.id, contact.email' });
    expect(custom?.fields).toEqual(['lead.id', 'contact.email']);
  });

  it('refuses an unsigned webhook, a short secret, a bad URL or a bad number, naming the variable', () => {
    expect(() => loadCrmConfig({ CRM_WEBHOOK_URL: 'https://crm.example.test/hook' })).toThrow(/CRM_WEBHOOK_SECRET/);
    expect(() => loadCrmConfig({ CRM_WEBHOOK_URL: 'https://crm.example.test/hook', CRM_WEBHOOK_SECRET: 'short' })).toThrow(/CRM_WEBHOOK_SECRET/);
    expect(() => loadCrmConfig({ CRM_WEBHOOK_URL: 'ftp://crm.example.test', CRM_WEBHOOK_SECRET: secret })).toThrow(/CRM_WEBHOOK_URL/);
    expect(() => loadCrmConfig({ CRM_WEBHOOK_URL: 'https://crm.example.test', CRM_WEBHOOK_SECRET: secret, CRM_MAX_ATTEMPTS: '0' })).toThrow(
      /CRM_MAX_ATTEMPTS/,
    );
  });
});
