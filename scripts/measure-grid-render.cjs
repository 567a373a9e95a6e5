// Measures how long the cohort grid takes to render in headless Chromium for the cohort of
// 1,000 learners × 20 modules written by the `cohort_grid` benchmark. Prints figures for
// BENCHMARKS.md; asserts nothing about time. Run through `make bench`.
//
//   node scripts/measure-grid-render.cjs target/bench-grid.db
const { chromium } = require('playwright-core');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const db = path.resolve(process.argv[2] || path.join(root, 'target', 'bench-grid.db'));
const RUNS = 5;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function startServer() {
  // The optimised server (`make server`), as in production.
  const bin = process.env.KURSBRO_SERVER_BIN || path.join(root, 'target', 'server', 'kursbro-server');
  const server = spawn(bin,
    ['--addr', '127.0.0.1:0', '--database-url', `sqlite://${db}`, '--dist', path.join(root, 'dist')],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return { server, url };
}

(async () => {
  if (!fs.existsSync(db)) throw new Error(`${db} is missing: run the cohort_grid benchmark with KURSBRO_BENCH_DB`);
  const { server, url } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${url}/logg-inn`);
    await page.getByLabel('E-postadresse').fill('bench.facilitator@demo.kursbro.no');
    await page.getByLabel('Passord').fill('kursbro-demo');
    await page.locator('form').getByRole('button', { name: 'Logg inn' }).click();
    await page.waitForURL(`${url}/`);

    const load = [], sort = [], next = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${url}/kull/1`);
      await page.waitForSelector('.grid-table tbody tr:nth-child(50)');
      load.push(await page.evaluate(() => performance.now()));
      const first = () => page.locator('.grid-table tbody tr').first().locator('th').textContent();
      const before = await first();
      let t = Date.now();
      await page.getByLabel('Sorter etter').selectOption('progress');
      await page.waitForFunction((b) => document.querySelector('.grid-table tbody tr th')?.textContent !== b, before);
      sort.push(Date.now() - t);
      const beforeNext = await first();
      t = Date.now();
      await page.getByRole('button', { name: 'Neste side', exact: true }).click();
      await page.waitForFunction((b) => document.querySelector('.grid-table tbody tr th')?.textContent !== b, beforeNext);
      next.push(Date.now() - t);
    }
    const rows = await page.locator('.grid-table tbody tr').count();
    console.log(`grid page, 1000 learners x 20 modules, ${rows} rows per page, median of ${RUNS}:`);
    console.log(`  navigation start -> first page of rows in the DOM: ${median(load).toFixed(0)} ms`);
    console.log(`  re-sort all 1000 rows by progress and show page 1:  ${median(sort).toFixed(0)} ms`);
    console.log(`  next page:                                          ${median(next).toFixed(0)} ms`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
})().catch((e) => { console.error(e); process.exit(1); });
