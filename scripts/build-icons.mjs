/**
 * `npm run icons`: renders assets/icon.svg to the PNGs the platforms need, with Debian's Chromium (Playwright):
 * assets/icons/<size>x<size>.png for Linux, and assets/icon.png (1024) from which electron-builder makes the
 * macOS .icns and the Windows .ico. Run it after editing the SVG; the PNGs are committed.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const svg = readFileSync('assets/icon.svg', 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.DESK_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
mkdirSync('assets/icons', { recursive: true });
for (const size of SIZES) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  const file = path.join('assets/icons', `${size}x${size}.png`);
  await page.screenshot({ path: file, omitBackground: true });
  if (size === 1024) await page.screenshot({ path: 'assets/icon.png', omitBackground: true });
  await page.close();
}
await browser.close();
console.log(`icons: ${SIZES.join(', ')} px from assets/icon.svg`);
