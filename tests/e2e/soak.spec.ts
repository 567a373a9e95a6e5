// Chaos soak test of the offline sync. A learner in Chromium does random activities (lessons
// marked done, quiz answers, reflections) while the network goes offline and online, pages
// reload, and the server is killed with SIGKILL and restarted, often while the app is
// sending. At the end, every action the learner did must be on the server exactly once, and
// nothing may have been refused without the learner being told.
//
//   make test   a short run (SOAK_CYCLES=25)
//   make soak   the long run (SOAK_CYCLES=1000); figures go in BENCHMARKS.md
//
// SOAK_SEED repeats a run (the seed is printed at the start and in any failure);
// SOAK_MINUTES bounds its time (cycles stop when it is up; the checks still run).
//
// The server here is the test's own (not the shared fixture's), because it is killed and
// restarted on the same port and database file.
import { test, expect, BrowserContext, Page, Request } from '@playwright/test';
import { spawnSync, ChildProcess } from 'node:child_process';
import { launchServer } from './fixtures';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const LEARNER = 'kari.nordmann@demo.kursbro.no';
const PASSWORD = 'kursbro-demo';

const cycles = Number(process.env.SOAK_CYCLES || 25);
const minutes = Number(process.env.SOAK_MINUTES || 60);
const seed = Number(process.env.SOAK_SEED || Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function generator(s: number) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The real server binary on one SQLite file, killed and started again on the same port. */
class Server {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kursbro-soak-'));
  readonly db = path.join(this.dir, 'soak.db');
  private child: ChildProcess | null = null;
  addr = '127.0.0.1:0';
  baseURL = '';

  async start() {
    for (let attempt = 0; ; attempt++) {
      const { child, baseURL, output } = await launchServer(this.addr, this.db, 'error');
      if (baseURL) {
        this.child = child;
        this.baseURL = baseURL;
        this.addr = baseURL.replace('http://', '');
        return;
      }
      // The port of a killed server can take a moment to be free again.
      if (attempt >= 20) throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** SIGKILL: no graceful shutdown, no flushing, whatever was in flight is cut off. */
  async kill9() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  get up() {
    return this.child !== null;
  }

  async stop() {
    const child = this.child;
    this.child = null;
    if (child) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }

  /** Reads the database file directly (python3's sqlite3), after the server has stopped. */
  query(sql: string, ...params: (string | number)[]): unknown[][] {
    const script = 'import json, sqlite3, sys\n'
      + 'c = sqlite3.connect(sys.argv[1])\n'
      + 'print(json.dumps(c.execute(sys.argv[2], json.loads(sys.argv[3])).fetchall()))\n';
    const r = spawnSync('python3', ['-c', script, this.db, sql, JSON.stringify(params)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`query failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  remove() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

type Kind = 'lesson' | 'external' | 'quiz' | 'reflection';
type Target = { slug: string; id: number; kind: Kind };
type Action = { id: string; kind: Kind; activity: number; text?: string };

/** The activities the learner may act on: enrolled, not locked by a prerequisite. */
async function targets(context: BrowserContext, baseURL: string): Promise<Target[]> {
  const progress = await (await context.request.get(`${baseURL}/api/v1/progress`)).json();
  const slugs = new Set<string>(progress.modules.map((m: { slug: string }) => m.slug));
  for (const p of progress.programmes) for (const m of p.modules) slugs.add(m.slug);
  const found: Target[] = [];
  for (const slug of slugs) {
    const state = await (await context.request.get(`${baseURL}/api/v1/modules/${slug}/progress`)).json();
    if (!state.enrolled || state.locked_by) continue;
    const detail = await (await context.request.get(`${baseURL}/api/v1/modules/${slug}`)).json();
    for (const a of detail.activities) found.push({ slug, id: a.id, kind: a.kind });
  }
  return found;
}

/** Ids of events waiting in the device's outbox, and of those the server refused. */
async function outbox(page: Page): Promise<{ pending: string[]; refused: string[] }> {
  return page.evaluate(() => {
    const pending: string[] = [];
    const refused: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (!key.startsWith('kursbro.outbox.')) continue;
      const stored = JSON.parse(localStorage.getItem(key)!);
      for (const p of stored.pending) pending.push(p.event.id);
      for (const r of stored.refused) refused.push(r.pending.event.id);
    }
    return { pending, refused };
  });
}

test('soak: random learning with the network and the server failing loses nothing and doubles nothing', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'one project is enough: the phone layout adds nothing here');
  test.setTimeout((minutes + 5) * 60_000);
  console.log(`soak: seed ${seed} (SOAK_SEED=${seed} repeats it), ${cycles} cycles, at most ${minutes} min`);
  const random = generator(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const server = new Server();
  const context = await browser.newContext();
  const figures = { cycles: 0, actions: 0, kills: 0, killsRightAfterAction: 0, resent: 0, reloads: 0, offline: 0, lost: 0, doubled: 0, seconds: 0 };
  try {
    await server.start();
    const base = server.baseURL;
    const page = await context.newPage();
    // Bounded waits: a step that hangs fails the run (with the seed) instead of stalling it.
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(30_000);

    // Every event id the page sent (the app sends from the page, not the service worker).
    const sent = new Set<string>();
    const sends = new Map<string, number>();
    page.on('request', (r: Request) => {
      if (r.method() !== 'POST' || !r.url().endsWith('/api/v1/events')) return;
      try {
        const id = JSON.parse(r.postData() || '{}').id;
        sent.add(id);
        sends.set(id, (sends.get(id) || 0) + 1);
      } catch { /* not ours to judge here: the server answers it */ }
    });

    await page.goto(`${base}/logg-inn`);
    await page.getByLabel('E-postadresse').fill(LEARNER);
    await page.getByLabel('Passord').fill(PASSWORD);
    await page.locator('form').getByRole('button', { name: 'Logg inn' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const all = await targets(context, base);
    // Events the demo data already has for this learner are not the run's.
    const [[user]] = server.query('SELECT id FROM users WHERE email = ?', LEARNER) as [[number]];
    const eventsOf = () => (server.query('SELECT id FROM learning_events WHERE user_id = ?', user) as [string][]).map((r) => r[0]);
    const before = new Set(eventsOf());
    const attemptsOf = () => (server.query('SELECT COUNT(*) FROM quiz_attempts WHERE user_id = ?', user) as [[number]])[0][0];
    const attemptsBefore = attemptsOf();
    expect(all.length, 'activities to work on').toBeGreaterThan(5);

    const actions: Action[] = [];
    const known = () => new Set([...sent, ...actions.map((a) => a.id)]);
    let offline = false;
    const visited = new Set<string>();

    const open = async (t: Target) => {
      await page.goto(`${base}/moduler/${t.slug}/aktiviteter/${t.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Let the learner's state arrive: it may take the button away (a lesson already done).
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      visited.add(`${t.slug}/${t.id}`);
      return t;
    };

    // What the page offers now, done once; returns the new event's id (or null if nothing
    // was on offer, e.g. a lesson already done). `afterClick` runs the moment after the
    // click, while the app is sending (that is where the server gets killed).
    const act = async (t: Target, afterClick: () => Promise<void>): Promise<Action | null> => {
      const seen = known();
      const waiting = new Set((await outbox(page)).pending);
      let text: string | undefined;
      if (t.kind === 'lesson' || t.kind === 'external') {
        const button = page.getByRole('button', { name: 'Merk som fullført' });
        // The button may go the moment the learner's state arrives: then nothing was done.
        if (!(await button.isVisible())) return null;
        if (!(await button.click({ timeout: 3_000 }).then(() => true, () => false))) return null;
        await afterClick();
      } else if (t.kind === 'quiz') {
        const submit = page.getByRole('button', { name: 'Send inn svarene' });
        if (!(await submit.isVisible())) return null;
        for (const q of await page.locator('fieldset.question').all()) {
          const inputs = await q.locator('input').all();
          if ((await inputs[0].getAttribute('type')) === 'radio') {
            await pick(inputs).check();
          } else {
            for (const i of inputs) if (random() < 0.5) await i.click();
          }
        }
        await submit.click();
        await afterClick();
      } else {
        const save = page.getByRole('button', { name: 'Lagre refleksjonen' });
        if (!(await save.isVisible())) return null;
        const field = page.locator('textarea');
        await field.fill(`Soak ${seed}, syklus ${figures.cycles}: ${Math.floor(random() * 1e9)} æøå`);
        // What is saved is what the field shows: the saved text can arrive while the
        // driver types (as it can for a person), and the typing then continues after it.
        text = await field.inputValue();
        await save.click();
        await afterClick();
      }
      // The action is recorded on the device (outbox) at once; it may already be sent.
      let id: string | undefined;
      await expect.poll(async () => {
        const now = (await outbox(page)).pending.filter((x) => !waiting.has(x) && !seen.has(x));
        const newlySent = [...sent].filter((x) => !seen.has(x));
        id = now[0] ?? newlySent[0];
        return id !== undefined;
      }, { message: `the ${t.kind} action on ${t.slug}/${t.id} was not recorded`, timeout: 10_000 }).toBe(true);
      return { id: id!, kind: t.kind, activity: t.id, text };
    };

    let current = await open(pick(all));
    const started = Date.now();
    for (let c = 0; c < cycles && Date.now() - started < minutes * 60_000; c++) {
      figures.cycles = c + 1;
      // The network comes and goes.
      if (random() < 0.25) {
        offline = !offline;
        figures.offline += offline ? 1 : 0;
        await context.setOffline(offline);
      }
      // Somewhere else: any activity when the network and server are there, else one
      // already visited (its page and data are on the device).
      if (random() < 0.4) {
        const cached = all.filter((t) => visited.has(`${t.slug}/${t.id}`));
        const choice = !offline && server.up ? pick(all) : cached.length ? pick(cached) : null;
        if (choice) current = await open(choice);
      }
      // The server dies, often the moment the app is sending what was just done.
      const kill = random() < 0.15;
      const killNow = async () => {
        if (!kill || !server.up) return;
        await server.kill9();
        figures.kills++;
        figures.killsRightAfterAction++;
      };
      let done = await act(current, killNow);
      if (!done && !offline && server.up) {
        // Nothing to do here (a lesson already done): try somewhere else once.
        current = await open(pick(all));
        done = await act(current, killNow);
      }
      if (done) {
        actions.push(done);
        figures.actions++;
      }
      if (kill) {
        if (server.up) {
          await server.kill9();
          figures.kills++;
        }
        await new Promise((r) => setTimeout(r, random() * 400));
        await server.start();
      }
      if (random() < 0.1) {
        await page.reload();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        figures.reloads++;
      }
    }

    // Back online with the server up: the outbox must empty on its own (the `online`
    // event and the start of the app both send it).
    if (!server.up) await server.start();
    await context.setOffline(true);
    await context.setOffline(false);
    await page.reload();
    await expect.poll(async () => (await outbox(page)).pending.length, {
      message: 'the outbox empties once the network and the server are back',
      timeout: 60_000,
    }).toBe(0);
    const { refused } = await outbox(page);
    if (refused.length > 0) {
      // Nothing refused may go unmentioned: the learner sees it.
      await expect(page.getByText('Ble ikke lagret').first()).toBeVisible();
    }
    expect(refused, 'the server refused none of what the learner did').toEqual([]);
    await page.close();
    await server.stop();

    // On the server, exactly once each.
    const stored = eventsOf().filter((id) => !before.has(id));
    const mine = new Set(actions.map((a) => a.id));
    figures.lost = actions.filter((a) => !stored.includes(a.id)).length;
    figures.doubled = stored.length - new Set(stored).size + stored.filter((id) => !mine.has(id)).length;
    // …and their effects once each: one quiz attempt per submission. (An event cannot be
    // stored twice under one id — the key forbids it — so a replay applied twice shows
    // here, in its effect, and an action recorded under two ids shows above.)
    const attempts = attemptsOf() - attemptsBefore;
    const submissions = actions.filter((a) => a.kind === 'quiz').length;
    figures.doubled += Math.max(0, attempts - submissions);
    figures.resent = [...sends.values()].filter((n) => n > 1).length;
    figures.seconds = Math.round((Date.now() - started) / 1000);
    console.log(`soak: ${JSON.stringify(figures)}`);
    expect(mine.size, 'one event id per action').toBe(actions.length);
    expect(figures.lost, 'actions lost').toBe(0);
    expect(figures.doubled, 'actions stored twice or events nobody did').toBe(0);
    expect(attempts, 'quiz attempts').toBe(submissions);
    // The last reflection wins; every lesson marked done is done.
    const latest = new Map<number, string>();
    for (const a of actions) if (a.kind === 'reflection') latest.set(a.activity, a.text!);
    for (const [activity, text] of latest) {
      expect(server.query('SELECT body FROM reflections WHERE user_id = ? AND activity_id = ?', user, activity)).toEqual([[text]]);
    }
    const completed = new Set((server.query('SELECT activity_id FROM activity_completions WHERE user_id = ?', user) as [number][]).map((r) => r[0]));
    for (const a of actions) {
      if (a.kind === 'lesson' || a.kind === 'external') expect(completed.has(a.activity), `lesson ${a.activity} done`).toBe(true);
    }
    testInfo.annotations.push({ type: 'soak', description: JSON.stringify(figures) });
  } catch (e) {
    console.log(`soak: FAILED with SOAK_SEED=${seed} after ${figures.cycles} cycles: ${JSON.stringify(figures)}`);
    throw e;
  } finally {
    await context.close();
    await server.stop();
    server.remove();
  }
});
