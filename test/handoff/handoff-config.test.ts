import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { sweepIntervalFor } from '../../src/handoff/handoff-config.js';

describe('handoff configuration', () => {
  it('defaults to a 120 s timeout, always open, Paris time, no booking link and a random token secret', () => {
    const { handoff } = loadConfig({});
    expect(handoff).toMatchObject({ assignmentTimeoutS: 120, businessHours: [], timeZone: 'Europe/Paris', bookingUrl: undefined });
    expect(handoff.tokenSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig({}).handoff.tokenSecret).not.toBe(handoff.tokenSecret);
    expect(sweepIntervalFor(handoff)).toBe(5000);
  });

  it('reads every variable', () => {
    const { handoff } = loadConfig({
      HANDOFF_ASSIGNMENT_TIMEOUT_S: '45',
      BUSINESS_HOURS: 'mon-fri 09:00-18:00',
      TIMEZONE: 'America/Montreal',
      BOOKING_URL: 'https://cal.com/prospekt/demo',
      SDR_TOKEN_SECRET: 'a-shared-secret-of-some-length',
    });
    expect(handoff).toEqual({
      assignmentTimeoutS: 45,
      businessHours: [{ days: [1, 2, 3, 4, 5], start: 540, end: 1080 }],
      timeZone: 'America/Montreal',
      bookingUrl: 'https://cal.com/prospekt/demo',
      tokenSecret: 'a-shared-secret-of-some-length',
    });
  });

  it('stops start-up naming the bad variable', () => {
    const failure = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(failure({ BUSINESS_HOURS: 'weekdays 9-18' })).toMatch(/BUSINESS_HOURS: "weekdays 9-18" is not "DAYS HH:MM-HH:MM"/);
    expect(failure({ TIMEZONE: 'Paris' })).toMatch(/TIMEZONE: is not an IANA time zone/);
    expect(failure({ BOOKING_URL: 'calendly' })).toMatch(/BOOKING_URL/);
    expect(failure({ SDR_TOKEN_SECRET: 'short' })).toMatch(/SDR_TOKEN_SECRET: use at least 16 characters/);
    expect(failure({ HANDOFF_ASSIGNMENT_TIMEOUT_S: '0' })).toMatch(/HANDOFF_ASSIGNMENT_TIMEOUT_S/);
  });
});
