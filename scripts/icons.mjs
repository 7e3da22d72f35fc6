// Renders public/icons/icon.svg to the PNG sizes that install prompts and home screens ask
// for (192, 512, a maskable 512 with the safe-zone padding, and Apple's 180), with Chromium.
// Run after changing the SVG: node scripts/icons.mjs. The PNGs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/e2e/support.mjs';

const dir = join(import.meta.dirname, '..', 'public', 'icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await launch();
const page = await browser.newPage();
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true], ['icon-180.png', 180, false]]) {
  await page.setViewportSize({ width: size, height: size });
  // Maskable icons keep their drawing inside the central 80% circle, on the brand colour.
  const inner = maskable ? Math.round(size * 0.7) : size;
  await page.setContent(`<body style="margin:0;background:${maskable ? '#0b5cab' : 'transparent'};display:grid;place-items:center;height:${size}px"><img src="${src}" width="${inner}" height="${inner}"></body>`);
  writeFileSync(join(dir, name), await page.screenshot({ omitBackground: !maskable }));
}
await browser.close();
