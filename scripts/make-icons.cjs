// Renders the home-screen icons of the web app manifest from assets/favicon.svg with
// Debian's Chromium (playwright-core): icon-192.png, icon-512.png (the logo as it is, its
// rounded corners transparent) and icon-maskable-512.png (a full-bleed background with the
// logo inside the safe zone, for launchers that cut their own shape). Run once when the logo
// changes; the PNGs are committed.
//
//   node scripts/make-icons.cjs
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const root = path.join(__dirname, '..');
const svg = fs.readFileSync(path.join(root, 'assets/favicon.svg'), 'utf8');
const background = '#0b5563';

async function render(page, size, maskable, file) {
  // A maskable icon keeps what matters within the inner 80 % (the safe zone).
  const logo = maskable ? Math.round(size * 0.7) : size;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<!DOCTYPE html><html><body style="margin:0;width:${size}px;height:${size}px;
    display:flex;align-items:center;justify-content:center;background:${maskable ? background : 'transparent'}">
    <div style="width:${logo}px;height:${logo}px">${svg.replace('<svg ', `<svg width="${logo}" height="${logo}" `)}</div>
    </body></html>`);
  await page.screenshot({ path: path.join(root, 'assets', file), omitBackground: !maskable });
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  await render(page, 192, false, 'icon-192.png');
  await render(page, 512, false, 'icon-512.png');
  await render(page, 512, true, 'icon-maskable-512.png');
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
