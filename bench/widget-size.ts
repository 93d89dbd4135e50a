/**
 * Prints what a visitor downloads for the widget: the loader on every page, the rest only when the
 * chat is opened. Run: node --import tsx bench/widget-size.ts
 */
import { measureWidgetSizes } from '../src/channels/widget/index.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = await measureWidgetSizes();
const width = Math.max(...rows.map((row) => row.file.length));
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
for (const row of rows) console.log(`${row.file.padEnd(width)}  ${kb(row.rawBytes).padStart(10)}  ${kb(row.gzipBytes).padStart(10)}`);
