import { encode, type ImageData } from 'fast-png';

/** Teams' icon rules: a full-colour 192×192 icon, and a 32×32 outline icon, white on transparent. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** The Qualibot mark: a "Q" (a ring with a tail), in unit coordinates. */
function coverage(x: number, y: number): boolean {
  const dx = x - 0.47;
  const dy = y - 0.46;
  const radius = Math.hypot(dx, dy);
  const ring = radius <= 0.3 && radius >= 0.2;
  return ring || distanceToSegment(x, y, 0.6, 0.6, 0.8, 0.8) <= 0.055;
}

/** Share of a pixel inside the mark (4×4 supersampling, for smooth edges). */
function pixelCoverage(px: number, py: number, size: number): number {
  let inside = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) if (coverage((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) inside++;
  }
  return inside / 16;
}

/** The colour icon: the white mark on the accent colour. */
export function colorIconPng(accentColor: string): Buffer {
  const [r, g, b] = parseHexColor(accentColor);
  return encodePng(draw(COLOR_ICON_SIZE, (share) => [mix(r, 255, share), mix(g, 255, share), mix(b, 255, share), 255]));
}

/** The outline icon: the mark in white, everything else fully transparent. */
export function outlineIconPng(): Buffer {
  return encodePng(draw(OUTLINE_ICON_SIZE, (share) => [255, 255, 255, Math.round(share * 255)]));
}

/** An 8-bit RGBA image of the mark, painted by `paint` from each pixel's coverage. */
function draw(size: number, paint: (share: number) => [number, number, number, number]): ImageData {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) data.set(paint(pixelCoverage(x, y, size)), (y * size + x) * 4);
  }
  return { width: size, height: size, data, channels: 4, depth: 8 };
}

function encodePng(image: ImageData): Buffer {
  return Buffer.from(encode(image));
}

export function parseHexColor(color: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) throw new Error(`Not a #RRGGBB colour: "${color}".`);
  const value = Number.parseInt(match[1]!, 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function mix(from: number, to: number, share: number): number {
  return Math.round(from + (to - from) * share);
}

function distanceToSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): number {
  const length2 = (x2 - x1) ** 2 + (y2 - y1) ** 2;
  const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / length2));
  return Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1)));
}
