/**
 * An SDR's message reaches the visitor as markdown, and a markdown or HTML image would make the visitor's
 * browser fetch a URL the SDR chose (revealing the visitor's address and that they read it). Images are
 * not rendered for visitors: `![alt](url)` becomes the link `[alt](url)` (the visitor may click it) and
 * an `<img` tag is written as text. Nothing is proxied.
 */
export function withoutRemoteImages(markdown: string): string {
  // `!` before a link bracket is what makes it an image, inline or by reference (`![alt][ref]`).
  return markdown.replace(/!(?=\[)/g, '').replace(/<(?=img\b)/gi, '&lt;');
}
