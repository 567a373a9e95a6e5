// Times the cohort grid in headless Chromium with the CPU slowed 4× (a mid-range phone), in
// the page with the Performance API (no driver round trips in the figures):
//   - cold: a new browser profile (no service worker, no cache): navigation start -> rows
//     drawn, and grid data received -> rows drawn;
//   - warm: the same, on a second visit (the service worker has the app);
//   - re-sort all rows by progress, and next page: input event -> new rows drawn.
// "Drawn" is the first animation frame after the rows are in the DOM. Prints figures for
// BENCHMARKS.md; asserts nothing about time. Run through `make bench`.
//
//   node scripts/measure-grid-render.cjs DB [EMAIL] [COHORT]
// DB is the `cohort_grid` benchmark's file (target/bench-grid.db, facilitator
// bench.facilitator@demo.kursbro.no) or the region's (`make scale-data`): when DB has a
// DB.who.json beside it and no EMAIL is given, EMAIL and COHORT are read from there.
const { chromium } = require('playwright-core');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const db = path.resolve(process.argv[2] || path.join(root, 'target', 'bench-grid.db'));
let email = process.argv[3] || 'bench.facilitator@demo.kursbro.no';
let cohort = process.argv[4] || '1';
if (fs.existsSync(`${db}.who.json`) && !process.argv[3]) {
  const who = JSON.parse(fs.readFileSync(`${db}.who.json`, 'utf8'));
  email = who.facilitator;
  cohort = String(who.cohort_id);
}
const RUNS = 5;
const THROTTLE = 4;
const TIMEOUT_MS = 60000;

// `promise`, or an error after TIMEOUT_MS: a grid that never changes fails the run.
function within(promise, what) {
  return Promise.race([promise, new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`${what}: nothing after ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref())]);
}

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

// Installed before the app: records when the grid's rows are first drawn.
const recorder = () => {
  window.__gridDrawn = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector('.grid-table tbody tr')) {
      obs.disconnect();
      requestAnimationFrame(() => { window.__gridDrawn = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
};

// In the page: run `act`, then wait for the first row to change and the next frame.
async function timeInPage(page, act) {
  return within(page.evaluate(async (act) => {
    const first = () => document.querySelector('.grid-table tbody tr th')?.textContent;
    const before = first();
    return new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (first() !== before) {
          obs.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }
      });
      obs.observe(document.querySelector('.grid-table'), { childList: true, subtree: true, characterData: true });
      const t0 = performance.now();
      if (act === 'sort') {
        const s = document.getElementById('grid-sort');
        s.value = 'progress';
        s.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        document.querySelectorAll('.grid-pager button')[1].click();
      }
    });
  }, act), act);
}

async function visit(page, url) {
  await page.goto(`${url}/kull/${cohort}`);
  await page.waitForFunction(() => window.__gridDrawn !== null, null, { timeout: TIMEOUT_MS });
  return page.evaluate(() => {
    const data = performance.getEntriesByType('resource').find((e) => /\/api\/v1\/cohorts\/\d+\/grid$/.test(e.name));
    return { total: window.__gridDrawn, afterData: window.__gridDrawn - data.responseEnd, serverWait: data.responseStart - data.requestStart };
  });
}

(async () => {
  if (!fs.existsSync(db)) throw new Error(`${db} is missing: run the cohort_grid benchmark with KURSBRO_BENCH_DB, or make scale-data`);
  const { server, url } = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const r = { cold: [], coldData: [], warm: [], warmData: [], wait: [], sort: [], next: [] };
  let rows = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      // A new context is a new profile: no service worker, no HTTP cache.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(recorder);
      const login = await context.request.post(`${url}/api/v1/auth/login`, { data: { email, password: 'kursbro-demo' } });
      if (!login.ok()) throw new Error(`cannot sign in as ${email}: ${login.status()}`);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
      const cold = await visit(page, url);
      r.cold.push(cold.total); r.coldData.push(cold.afterData); r.wait.push(cold.serverWait);
      await within(page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), 'service worker');
      const warm = await visit(page, url);
      r.warm.push(warm.total); r.warmData.push(warm.afterData);
      r.sort.push(await timeInPage(page, 'sort'));
      r.next.push(await timeInPage(page, 'next'));
      rows = await page.locator('.grid-table tbody tr').count();
      await context.close();
    }
    const f = (xs) => `${median(xs).toFixed(0)} ms`.padStart(8);
    console.log(`cohort grid in Chromium, CPU ${THROTTLE}x slower, ${rows} rows a page, median of ${RUNS} (${path.basename(db)}, cohort ${cohort}):`);
    console.log(`  cold  navigation -> rows drawn ${f(r.cold)}   grid data received -> rows drawn ${f(r.coldData)}`);
    console.log(`  warm  navigation -> rows drawn ${f(r.warm)}   grid data received -> rows drawn ${f(r.warmData)}`);
    console.log(`  grid request -> first byte     ${f(r.wait)}`);
    console.log(`  re-sort by progress            ${f(r.sort)}`);
    console.log(`  next page                      ${f(r.next)}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
})().catch((e) => { console.error(e); process.exit(1); });
