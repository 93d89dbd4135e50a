import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from '../../../src/channels/widget/origin-policy.js';

describe('isOriginAllowed', () => {
  it('with an empty list allows the same origin and loopback pages only', () => {
    expect(isOriginAllowed('https://bot.example.com', 'bot.example.com', [])).toBe(true);
    expect(isOriginAllowed('http://localhost:5173', 'bot.example.com', [])).toBe(true);
    expect(isOriginAllowed('http://127.0.0.1:8080', 'bot.example.com', [])).toBe(true);
    expect(isOriginAllowed('http://[::1]:8080', 'bot.example.com', [])).toBe(true);
    expect(isOriginAllowed('https://evil.example', 'bot.example.com', [])).toBe(false);
  });

  it('with a list allows exactly the listed origins (scheme, host and port) plus the same origin', () => {
    const list = ['https://www.prospekt.example', 'https://shop.prospekt.example:8443/'];
    expect(isOriginAllowed('https://www.prospekt.example', 'bot.example.com', list)).toBe(true);
    expect(isOriginAllowed('https://shop.prospekt.example:8443', 'bot.example.com', list)).toBe(true);
    expect(isOriginAllowed('http://www.prospekt.example', 'bot.example.com', list)).toBe(false);
    expect(isOriginAllowed('https://prospekt.example', 'bot.example.com', list)).toBe(false);
    expect(isOriginAllowed('http://localhost:3000', 'bot.example.com', list)).toBe(false);
    expect(isOriginAllowed('https://bot.example.com', 'bot.example.com', list)).toBe(true);
  });

  it("allows any origin with '*', and requests without Origin (not a browser)", () => {
    expect(isOriginAllowed('https://anyone.example', 'bot.example.com', ['*'])).toBe(true);
    expect(isOriginAllowed(undefined, 'bot.example.com', [])).toBe(true);
  });

  it('refuses opaque and non-web origins', () => {
    expect(isOriginAllowed('null', 'bot.example.com', [])).toBe(false);
    expect(isOriginAllowed('file://', 'bot.example.com', [])).toBe(false);
    expect(isOriginAllowed('chrome-extension://abc', 'bot.example.com', [])).toBe(false);
  });
});
