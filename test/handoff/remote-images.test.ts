import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { withoutRemoteImages } from '../../src/handoff/remote-images.js';

// Web Chat's own markdown engine (a dependency of botframework-webchat), with raw HTML on as Web Chat's default is.
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: object) => { render(markdown: string): string };
const webChatMarkdown = new MarkdownIt({ html: true, linkify: true, typographer: true, xhtmlOut: true });

describe('remote images in SDR messages (security probe finding 9, #21)', () => {
  const hostile = [
    'Voici notre plaquette ![plaquette](https://tracker.example/pixel.png)',
    'See ![logo][l]\n\n[l]: https://tracker.example/logo.png',
    'Regardez <img src="https://tracker.example/x.png"> ou <IMG SRC=https://tracker.example/y.png>',
  ];

  it('no message an SDR writes makes the visitor’s browser load an image', () => {
    for (const text of hostile) {
      expect(webChatMarkdown.render(text)).toMatch(/<img/i); // the probe's finding, reproduced
      expect(webChatMarkdown.render(withoutRemoteImages(text))).not.toMatch(/<img/i);
    }
  });

  it('keeps the link so the visitor can still open it, and leaves ordinary text alone', () => {
    expect(webChatMarkdown.render(withoutRemoteImages(hostile[0]!))).toContain('<a href="https://tracker.example/pixel.png">plaquette</a>');
    const ordinary = 'Bonjour ! [Réservez ici](https://cal.example/marie) — 3 < 4, **merci** !';
    expect(withoutRemoteImages(ordinary)).toBe(ordinary);
  });
});
