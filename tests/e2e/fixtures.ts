// Test fixtures: the real server (built binary, fresh SQLite file, demo data, the real
// trunk build in dist/) on a random port, an axe-core check, and a guard that fails a
// test on any script error or console error (CSP violations show up there).
import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

type Server = { baseURL: string };

async function startServer(): Promise<{ server: Server; stop: () => Promise<void> }> {
  const bin = process.env.KURSBRO_SERVER_BIN || path.join(root, 'target', 'debug', 'kursbro-server');
  const dist = process.env.KURSBRO_DIST || path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`no built app in ${dist}: run \`make app\` first`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kursbro-e2e-'));
  const child: ChildProcess = spawn(
    bin,
    ['--addr', '127.0.0.1:0', '--database-url', `sqlite://${dir}/e2e.db`, '--dist', dist, '--demo-data'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d.toString()));
  const baseURL = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${stderr}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}\n${stderr}`)));
  });
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { server: { baseURL }, stop };
}

export const DEMO_PASSWORD = 'kursbro-demo';

type Fixtures = {
  axe: (page: Page) => Promise<void>;
  noPageErrors: void;
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
  axe: async ({}, use) => {
    await use(async (page: Page) => {
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
      );
      expect(summary, `axe violations on ${page.url()}`).toEqual([]);
    });
  },
  noPageErrors: [
    async ({ page }, use) => {
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
      expect(errors, 'script errors in the page').toEqual([]);
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
