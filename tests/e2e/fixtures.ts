// Test fixtures: the real server (built binary, fresh SQLite file, demo data, the real
// trunk build in dist/) on a random port, an axe-core check (by hand, and automatically on
// every page a test visits), and a guard that fails a test on any script error or console
// error (CSP violations show up there).
import { test as base, expect, Page, Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
/// Unexpected script and console errors of failed tests, one block per test.
export const PAGE_ERRORS = path.join(root, 'test-results', 'page-errors.txt');

/// `dbPath`: the server's SQLite file, for tests that set up data the API cannot (e.g. a
/// cohort bigger than the demo's).
type Server = { baseURL: string; dbPath: string };

/// Starts the real server binary (target/debug, or KURSBRO_SERVER_BIN) on `addr` with the
/// demo data in the SQLite file `dbPath`, serving the built app; resolves with the process
/// and its address once it listens, or with the output if it exits or stays silent for 30 s.
export async function launchServer(addr: string, dbPath: string, logLevel = 'warn') {
  const bin = process.env.KURSBRO_SERVER_BIN || path.join(root, 'target', 'debug', 'kursbro-server');
  const dist = process.env.KURSBRO_DIST || path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`no built app in ${dist}: run \`make app\` first`);
  }
  const child: ChildProcess = spawn(
    bin,
    ['--addr', addr, '--database-url', `sqlite://${dbPath}`, '--dist', dist, '--demo-data'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: logLevel } },
  );
  let out = '';
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d.toString()));
  const baseURL = await new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 30_000);
    child.stdout!.on('data', (d) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  if (!baseURL) child.kill('SIGKILL');
  return { child, baseURL, output: `${out}\n${stderr}` };
}

async function startServer(): Promise<{ server: Server; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kursbro-e2e-'));
  const dbPath = path.join(dir, 'e2e.db');
  const { child, baseURL, output } = await launchServer('127.0.0.1:0', dbPath);
  if (!baseURL) throw new Error(`server did not start:\n${output}`);
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { server: { baseURL, dbPath }, stop };
}

export const DEMO_PASSWORD = 'kursbro-demo';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type AxeViolation = { id: string; impact?: string | null; help: string; targets: string[] };

/// What axe finds on the page as it is now (WCAG 2.1 A and AA). `legacy`: axe runs in the
/// page itself instead of gathering frame results in a blank page of its own — the same
/// rules and result for a page without cross-origin frames (Kursbro has none), in half the
/// time; the automatic check after every test uses it.
async function axeViolations(page: Page, legacy = false): Promise<AxeViolation[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode(legacy).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

function describe(violations: AxeViolation[]): string[] {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.targets.join('\n  ')}`);
}

/// Accessibility violations in the app that the automatic check lets through, each a
/// known and reported bug: the rule on these elements (`target`, matched against axe's
/// selector) of these pages (`path`, matched against path and query). Each one let through
/// is named in the test's annotations; anything else fails. Delete an entry once fixed.
const AXE_KNOWN_VIOLATIONS: { path: RegExp; rule: string; target: RegExp; why: string }[] = [
  // Empty. (The first entry, a wide code block in a post that scrolled sideways out of
  // keyboard reach on the phone, was fixed: code blocks wrap now.)
];

/// Splits what axe found on `where` into what fails the test and the known violations let
/// through (per element, so another element breaking the same rule still fails).
function sortOut(where: string, violations: AxeViolation[]) {
  const failing: AxeViolation[] = [];
  const known: string[] = [];
  for (const v of violations) {
    const isKnown = (t: string) =>
      AXE_KNOWN_VIOLATIONS.some((k) => k.rule === v.id && k.path.test(where) && k.target.test(t));
    const rest = v.targets.filter((t) => !isKnown(t));
    known.push(...v.targets.filter(isKnown).map((t) => `${where}: ${v.id} on ${t}`));
    if (rest.length) failing.push({ ...v, targets: rest });
  }
  return { failing, known };
}

/// At most this many distinct paths are checked again after a test (in the order first
/// visited), to bound the time the check adds (about a second a path); a test that visits
/// more gets an annotation naming the unchecked ones. The suite's busiest test today (the
/// XSS one: 16 paths, 13 of them thread pages) stays under it.
const AXE_MAX_PATHS_PER_TEST = 20;

/// Paths the automatic check does not revisit: the API and downloads, not pages.
function isPagePath(p: string): boolean {
  return !/^\/api\//.test(p) && !/\.(csv|json|txt|pdf|xml|js|wasm)(\?|$)/.test(p);
}

/// Waits until a freshly loaded page has rendered: its heading is there, nothing shows
/// "Laster …", and no request of the page is still under way (the session check, data) at
/// two looks 50 ms apart — quicker than waiting for 500 ms of network silence.
async function rendered(page: Page, where: string, inFlight: Set<Request>) {
  await expect(page.locator('main h1').first(), `no heading on ${where}`).toBeVisible();
  await expect(page.locator('main .loading'), `still loading on ${where}`).toHaveCount(0);
  let quiet = 0;
  await expect
    .poll(
      async () => {
        quiet = inFlight.size === 0 ? quiet + 1 : 0;
        return quiet >= 2 ? 'quiet' : [...inFlight].map((r) => r.url()).join(' ') || 'settling';
      },
      { message: `requests still under way on ${where}`, intervals: [50] },
    )
    .toBe('quiet');
  await expect(page.locator('main .loading'), `still loading on ${where}`).toHaveCount(0);
}

type Fixtures = {
  axe: (page: Page) => Promise<void>;
  noPageErrors: void;
  axeEveryPage: void;
};

export const test = base.extend<Fixtures, { server: Server }>({
  server: [
    async ({}, use) => {
      const { server, stop } = await startServer();
      await use(server);
      await stop();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.baseURL);
  },
  // By hand, for states a fresh load of the page does not reach (a dialog open, an error
  // shown, offline): every page visited is also checked automatically (axeEveryPage).
  axe: async ({}, use) => {
    await use(async (page: Page) => {
      expect(describe(await axeViolations(page)), `axe violations on ${page.url()}`).toEqual([]);
    });
  },
  noPageErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        // Expected: a refused sign-in (401) logged as a failed resource, and requests that
        // fail because a test took the network away.
        const expected = /status of 40[14]|Failed to load resource: net::ERR_(INTERNET_DISCONNECTED|FAILED)/;
        if (m.type() === 'error' && !expected.test(m.text())) {
          errors.push(`console: ${m.text()}`);
        }
      });
      await use();
      // A test that provokes an error answer on purpose (a wrong password: 403) says so
      // with an `expected-console` annotation holding the text to let through.
      const allowed = testInfo.annotations.filter((a) => a.type === 'expected-console').map((a) => a.description!);
      const unexpected = errors.filter((e) => !allowed.some((a) => e.includes(a)));
      if (unexpected.length > 0) {
        // Also kept apart (make test-e2e prints the file last), so that a failure's cause is
        // at the end of a long CI log, not only in the middle of Playwright's report.
        fs.mkdirSync(path.dirname(PAGE_ERRORS), { recursive: true });
        fs.appendFileSync(PAGE_ERRORS, `[${testInfo.project.name}] ${testInfo.title}:\n${unexpected.map((e) => `  ${e}\n`).join('')}`);
      }
      expect(unexpected, 'script errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  // Every distinct path the test's page (or another page of its context) showed in its
  // main frame — full loads and the app's own route changes (history.pushState, which
  // Chromium reports as a same-document `framenavigated`) — is loaded again after the
  // test, in the same page and context (so signed in or out, and in the language, the test
  // left it), and checked with axe. Depends on noPageErrors so that fixture's check, which
  // runs after this one, also covers script errors while revisiting.
  axeEveryPage: [
    async ({ page, context, baseURL, noPageErrors: _ }, use, testInfo) => {
      const origin = new URL(baseURL!).origin;
      const paths: string[] = [];
      const record = (p: Page) =>
        p.on('framenavigated', (frame) => {
          if (frame !== p.mainFrame()) return;
          const url = new URL(frame.url());
          const where = url.pathname + url.search; // the hash is not another page
          if (url.origin === origin && isPagePath(url.pathname) && !paths.includes(where)) paths.push(where);
        });
      record(page);
      context.on('page', record);
      await use();
      // A failed or skipped test has already said what is wrong.
      if (testInfo.status !== 'passed') return;
      const unchecked = paths.slice(AXE_MAX_PATHS_PER_TEST);
      if (unchecked.length) {
        testInfo.annotations.push({ type: 'axe: paths not checked (cap)', description: unchecked.join(' ') });
        console.log(`[${testInfo.project.name}] axe: ${unchecked.length} paths not checked (AXE_MAX_PATHS_PER_TEST): ${unchecked.join(' ')}`);
      }
      const inFlight = new Set<Request>();
      page.on('request', (r) => inFlight.add(r));
      page.on('requestfinished', (r) => inFlight.delete(r));
      page.on('requestfailed', (r) => inFlight.delete(r));
      const failures: string[] = [];
      const known: string[] = [];
      for (const where of paths.slice(0, AXE_MAX_PATHS_PER_TEST)) {
        await page.goto(where);
        await rendered(page, where, inFlight);
        const found = sortOut(where, await axeViolations(page, true));
        known.push(...found.known);
        if (found.failing.length) failures.push(`${where}:\n${describe(found.failing).join('\n')}`);
      }
      if (known.length) {
        testInfo.annotations.push({ type: 'axe: known violations let through', description: known.join('; ') });
        console.log(`[${testInfo.project.name}] axe: known violations let through (AXE_KNOWN_VIOLATIONS): ${known.join('; ')}`);
      }
      expect(failures, `axe violations on pages the test visited (loaded again after it)`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/// Signs in through the sign-in page.
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord').fill(password);
  await page.locator('form').getByRole('button', { name: 'Logg inn' }).click();
}
