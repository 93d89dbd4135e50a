import { describe, expect, it } from 'vitest';
import { loadMailConfig } from '../../src/mail/mail-config.js';

describe('SMTP settings', () => {
  it('is off without SMTP_HOST', () => {
    expect(loadMailConfig({})).toBeUndefined();
  });

  it('reads a full configuration, with the port following SMTP_SECURE', () => {
    expect(loadMailConfig({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'Chat <chat@example.com>', SMTP_USER: 'u', SMTP_PASSWORD: 'p' })).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      user: 'u',
      password: 'p',
      from: 'Chat <chat@example.com>',
      timeoutMs: 10_000,
    });
    expect(loadMailConfig({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'chat@example.com', SMTP_SECURE: 'true' })).toMatchObject({ port: 465, secure: true });
    expect(loadMailConfig({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'chat@example.com', SMTP_PORT: '465' })).toMatchObject({ port: 465, secure: true });
  });

  it('refuses half or bad configurations naming the variable', () => {
    expect(() => loadMailConfig({ SMTP_HOST: 'smtp.example.com' })).toThrow(/SMTP_FROM is required/);
    expect(() => loadMailConfig({ SMTP_FROM: 'chat@example.com' })).toThrow(/SMTP_HOST is required when SMTP_FROM/);
    expect(() => loadMailConfig({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'not an address' })).toThrow(/SMTP_FROM/);
    expect(() => loadMailConfig({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'a@b.example', SMTP_PORT: '70000' })).toThrow(/SMTP_PORT/);
    expect(() => loadMailConfig({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'a@b.example', SMTP_SECURE: 'yes' })).toThrow(/SMTP_SECURE/);
    expect(() => loadMailConfig({ SMTP_HOST: 'smtp.example.com', SMTP_FROM: 'a@b.example', SMTP_USER: 'u' })).toThrow(/SMTP_USER and SMTP_PASSWORD/);
  });
});
