import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runTeamsManifest } from '../../src/cli/commands/teams-manifest.js';
import { createLogger } from '../../src/logger.js';
import { LOCALES } from '../../src/qualification/types.js';

const BOT_ID = '2f9d6c1e-3b7a-4c4e-9a55-1d2e3f405162';
const ENV = { MicrosoftAppId: BOT_ID, PUBLIC_URL: 'https://bot.prospekt.example', LOG_LEVEL: 'silent' };
const logger = createLogger('silent');
const dir = mkdtempSync(join(tmpdir(), 'qualibot-teams-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a zip through its central directory (as unzip does), checking each entry's CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  expect(at + zip.readUInt32LE(eocd + 12)).toBe(eocd);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect([0, 8]).toContain(method);
    expect(data.length).toBe(size);
    expect(crc32(data) >>> 0).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Decodes our PNGs (RGBA, filter 0) enough to check size and pixels; verifies every chunk CRC. */
function readPng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(crc32(png.subarray(at + 4, at + 8 + length)) >>> 0).toBe(png.readUInt32BE(at + 8 + length));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  expect(rows.length).toBe(height * (width * 4 + 1));
  return {
    width,
    height,
    pixel: (x, y) => [...rows.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)],
  };
}

describe('qualibot teams-manifest', () => {
  it('writes a Teams app package: manifest v1.17 for the bot, French and German texts, valid icons', async () => {
    const out = join(dir, 'app.zip');
    expect(await runTeamsManifest(['--out', out], logger, ENV)).toBe(0);
    const files = readZip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'de.json', 'fr.json', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({
      $schema: 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
      manifestVersion: '1.17',
      id: BOT_ID,
      name: { short: 'Qualibot' },
      icons: { color: 'color.png', outline: 'outline.png' },
      validDomains: ['bot.prospekt.example'],
      localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'fr', file: 'fr.json' }, { languageTag: 'de', file: 'de.json' }] },
      developer: { websiteUrl: 'https://bot.prospekt.example', privacyUrl: 'https://prospekt.example/confidentialite', termsOfUseUrl: 'https://bot.prospekt.example' },
    });
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    const [bot] = manifest.bots;
    expect(manifest.bots).toHaveLength(1);
    expect(bot.botId).toBe(BOT_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.commandLists[0].commands.length).toBeGreaterThan(0);
    for (const command of bot.commandLists[0].commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }

    // One localization file per other locale, within Teams' limits (German words run long).
    for (const locale of LOCALES.filter((other) => other !== 'en')) {
      const localized = JSON.parse(files.get(`${locale}.json`)!.toString('utf8'));
      expect(localized.$schema).toContain('v1.17/MicrosoftTeams.Localization.schema.json');
      expect(localized['name.short']).toBe('Qualibot');
      expect(localized['name.full'].length, locale).toBeLessThanOrEqual(100);
      expect(localized['description.short'].length, locale).toBeLessThanOrEqual(80);
      bot.commandLists[0].commands.forEach((_command: unknown, index: number) => {
        const title = localized[`bots[0].commandLists[0].commands[${index}].title`];
        expect(title).toBeTruthy();
        expect(title.length, `${locale} command ${index}`).toBeLessThanOrEqual(32);
        expect(localized[`bots[0].commandLists[0].commands[${index}].description`].length).toBeLessThanOrEqual(128);
      });
    }

    const color = readPng(files.get('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixel(0, 0)).toEqual([0x3b, 0x5b, 0xdb, 255]);
    const outline = readPng(files.get('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const pixels = Array.from({ length: 32 * 32 }, (_, index) => outline.pixel(index % 32, Math.floor(index / 32)));
    // Outline icons must be white on a transparent background.
    expect(outline.pixel(0, 0)[3]).toBe(0);
    expect(pixels.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    expect(pixels.filter((pixel) => pixel[3] === 255).length).toBeGreaterThan(50);
  });

  it('takes the Teams app id, name, version and URLs from options', async () => {
    const out = join(dir, 'custom.zip');
    const appId = '0b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d';
    const args = ['--out', out, '--app-id', appId, '--name', 'Prospekt', '--version', '2.3.4', '--privacy', 'https://p.example/privacy', '--terms', 'https://p.example/terms'];
    expect(await runTeamsManifest(args, logger, ENV)).toBe(0);
    const manifest = JSON.parse(readZip(readFileSync(out)).get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ id: appId, version: '2.3.4', name: { short: 'Prospekt' }, bots: [{ botId: BOT_ID }] });
    expect(manifest.developer).toMatchObject({ privacyUrl: 'https://p.example/privacy', termsOfUseUrl: 'https://p.example/terms' });
  });

  it.each([
    ['no MicrosoftAppId', { ...ENV, MicrosoftAppId: '' }, []],
    ['no website at all', { ...ENV, PUBLIC_URL: '' }, []],
    ['a bot id that is not a GUID', { ...ENV, MicrosoftAppId: 'my-bot' }, []],
    ['a plain-http public URL', { ...ENV, PUBLIC_URL: 'http://bot.prospekt.example' }, []],
    ['an unknown option', ENV, ['--colour', 'red']],
  ])('refuses %s with exit code 2 and writes nothing', async (_case, env, extra) => {
    const out = join(dir, `refused-${Math.random()}.zip`);
    expect(await runTeamsManifest(['--out', out, ...extra], logger, env)).toBe(2);
    expect(() => readFileSync(out)).toThrow();
  });

  it('is registered in the CLI: `qualibot teams-manifest` writes the zip', async () => {
    const out = join(dir, 'cli.zip');
    const { stdout } = await promisify(execFile)(process.execPath, ['src/cli/qualibot.mjs', 'teams-manifest', '--out', out], {
      env: { ...process.env, ...ENV },
    });
    expect(stdout).toContain(out);
    expect(readZip(readFileSync(out)).has('manifest.json')).toBe(true);
  });
});
