// A first visit (issue 13): index.html paints a first screen before the app has arrived;
// the app in parts (src/parts.rs, scripts/build-app.sh) fetches the main part only; the
// learner's part is kept by the service worker for offline use; a part that cannot be
// fetched says so and can be fetched again, and the rest of the app goes on.
import { test, expect } from './fixtures';

test.describe('the first screen', () => {
  test.use({ serviceWorkers: 'block' });

  test('is painted from index.html before the app arrives, in the chosen language, and the app takes its place', async ({ page }, testInfo) => {
    testInfo.annotations.push({ type: 'expected-console', description: 'Failed to fetch' });
    testInfo.annotations.push({ type: 'expected-console', description: 'WebAssembly' });
    let release: () => void = () => {};
    const arrived = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/kursbro-app_bg.wasm', async (route) => { await arrived; await route.continue(); });

    await page.goto('/');
    // No app yet: the heading, the text and the header come from index.html.
    await expect(page.locator('#boot')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetanse som passer inn i turnusen');
    await expect(page.locator('#boot .lead:visible')).toContainText('Ta modulene i den rekkefølgen som passer deg');
    await expect(page.locator('#boot nav a[aria-current="page"]')).toHaveText('Hjem');
    await expect(page.locator('#boot .site-header .button')).toHaveText('Logg inn');

    release();
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetanse som passer inn i turnusen');
    await expect(page.locator('main#main')).toBeVisible();

    // Someone who chose English gets the first screen in English, the catalogue's here.
    await page.evaluate(() => localStorage.setItem('kursbro.lang', 'en'));
    let releaseAgain: () => void = () => {};
    const arrivedAgain = new Promise<void>((resolve) => { releaseAgain = resolve; });
    await page.unroute('**/kursbro-app_bg.wasm');
    await page.route('**/kursbro-app_bg.wasm', async (route) => { await arrivedAgain; await route.continue(); });
    await page.goto('/katalog');
    await expect(page.locator('#boot h1:visible')).toHaveText('Catalogue');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('#boot nav a[aria-current="page"]')).toHaveText('Catalogue');
    releaseAgain();
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catalogue');

    // Any other address shows the header and "loading" until its page is drawn.
    await page.evaluate(() => localStorage.removeItem('kursbro.lang'));
    await page.unroute('**/kursbro-app_bg.wasm');
    await page.route('**/kursbro-app_bg.wasm', (route) => route.abort());
    await page.goto('/min-fremdrift');
    await expect(page.locator('#boot .loading')).toHaveText('Laster …');
    await expect(page.locator('#boot h1:visible')).toHaveCount(0);
    await page.unroute('**/kursbro-app_bg.wasm');
  });
});

test('a first visit fetches only the main part; the service worker keeps the learner\'s part and drops an earlier build\'s files', async ({ page, axe }) => {
  const wasm: string[] = [];
  const catalogue: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
    if (new URL(r.url()).pathname === '/api/v1/catalogue') catalogue.push(r.url());
  });
  // The main wasm held back: index.html asks for the catalogue while the app is on its way.
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  await page.route('**/kursbro-app_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.goto('/katalog');
  await expect.poll(() => catalogue.length).toBe(1);
  // Before the app: the search form, and the first programme drawn from that answer.
  const first = (await (await page.request.get('/api/v1/catalogue?limit=50')).json()).programmes[0];
  await expect(page.locator('#boot')).toBeVisible();
  await expect(page.locator('#boot').getByRole('searchbox', { name: 'Søk i katalogen' })).toBeVisible();
  await expect(page.locator('#boot article.programme h3')).toHaveText(first.title);
  await expect(page.locator('#boot article.programme h3 a')).toHaveAttribute('href', `/programmer/${first.slug}`);
  await expect(page.locator('#boot article.programme > p').last()).toHaveText(first.summary);
  await axe(page);
  release();
  await expect(page.locator('#boot')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog');
  await expect(page.getByRole('heading', { name: 'Helseinformatikk og digitalisering' })).toBeVisible();
  await page.unroute('**/kursbro-app_bg.wasm');
  // The app's own request was answered from that one.
  expect(catalogue).toHaveLength(1);
  expect(wasm.some((p) => p.endsWith('/kursbro-app_bg.wasm'))).toBe(true);
  expect(wasm.filter((p) => /split_(staff|community)\.wasm$/.test(p))).toEqual([]);

  // Installed, the service worker has the learner's part (and the chunks it needs).
  const kept = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const cache = await caches.open('kursbro-shell-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  const prefetched = await page.locator('link[rel="prefetch"][data-part="learning"]').evaluateAll(
    (links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
  expect(prefetched.some((p) => p.endsWith('/split_learning.wasm'))).toBe(true);
  for (const p of prefetched) expect(kept).toContain(p);
  expect(kept.filter((p) => /split_(staff|community)\.wasm$/.test(p))).toEqual([]);

  // Files of an earlier build in the cache are dropped when the next page load brings this
  // build's index.html; this build's files stay.
  const earlier = ['/app-0123456789abcdef/split_learning.wasm', '/app-0123456789abcdef/kursbro-app_bg.wasm',
    '/style-0123456789abcdef.css'];
  await page.evaluate(async (paths) => {
    const cache = await caches.open('kursbro-shell-v1');
    for (const p of paths) await cache.put(p, new Response('old build'));
  }, earlier);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog');
  await expect.poll(async () => page.evaluate(async () => {
    const cache = await caches.open('kursbro-shell-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  })).toEqual(expect.not.arrayContaining([earlier[0]]));
  const after = await page.evaluate(async () => {
    const cache = await caches.open('kursbro-shell-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  for (const p of earlier) expect(after).not.toContain(p);
  for (const p of kept) expect(after).toContain(p);
});

test('a module\'s page is drawn from the module while the app is on its way, stays while the learner\'s part arrives, and the app takes that answer', async ({ page, axe }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/modules/')) asked.push(new URL(r.url()).pathname);
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let releasePart!: () => void;
  const partHeld = new Promise<void>((resolve) => { releasePart = resolve; });
  await page.route('**/kursbro-app_bg.wasm', async (route) => { await held; await route.continue(); });
  await page.route('**/split_learning.wasm', async (route) => { await partHeld; await route.continue(); });
  await page.goto('/moduler/smittevern');
  await expect.poll(() => asked).toEqual(['/api/v1/modules/smittevern']);

  // No app yet: the module's title, summary, provider and description, from its data.
  const boot = page.locator('#boot');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smittevern og basale smittevernrutiner');
  await expect(boot.locator('article.module > p').last()).toContainText('Basale smittevernrutiner skal følges i møte med alle pasienter');
  await expect(boot.locator('.facts dt').first()).toHaveText('Arbeidsmengde');
  await expect(boot.locator('.loading')).toBeHidden();
  await axe(page);

  // The app has arrived, the learner's part (the module page) not yet: the module stays
  // on screen and the app waits behind it.
  release();
  await expect(page.locator('main#main')).toHaveCount(1);
  await expect(page.locator('main#main')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smittevern og basale smittevernrutiner');

  // The part arrives: the app's page takes the first screen's place, with the facts' values.
  releasePart();
  await expect(boot).toHaveCount(0);
  await expect(page.locator('main#main h1')).toHaveText('Smittevern og basale smittevernrutiner');
  await expect(page.locator('main#main .facts dd').first()).toHaveText(/\d+ timer?/);
  await page.unroute('**/kursbro-app_bg.wasm');
  await page.unroute('**/split_learning.wasm');
  // The app used the first screen's answer: the module was asked for once.
  expect(asked).toEqual(['/api/v1/modules/smittevern']);
});

test.describe('a part that cannot be fetched', () => {
  // Requests the service worker answers are out of reach of page.route.
  test.use({ serviceWorkers: 'block' });

  test('says so, tries again on request, and the rest of the app goes on', async ({ page, axe }, testInfo) => {
    // The parts' loader logs the failed fetch; that is the point of this test.
    testInfo.annotations.push({ type: 'expected-console', description: 'Failed to fetch' });
    let blocked = true;
    await page.route('**/split_community.wasm', (route) => (blocked ? route.abort() : route.continue()));

    await page.goto('/nyheter');
    const alert = page.getByRole('alert');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Denne delen av Kursbro kunne ikke hentes');
    await expect(alert).toContainText('Det du har gjort er lagret');
    await axe(page);

    await page.getByRole('button', { name: 'Prøv igjen' }).click();
    await expect(alert).toContainText('Det gikk ikke denne gangen heller.');
    await expect(page.getByRole('button', { name: 'Prøv igjen' })).toBeEnabled();
    // The part may belong to a build that has since been replaced: a reload is offered.
    await expect(alert.getByRole('button', { name: 'Last siden på nytt' })).toBeVisible();
    await axe(page);

    // The app is alive: the main part's pages still work.
    await page.getByRole('link', { name: 'Katalog', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Denne delen av Kursbro kunne ikke hentes');

    // The network is back: the same button fetches the part and shows the page in place.
    blocked = false;
    await page.getByRole('button', { name: 'Prøv igjen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nyheter');
    await expect(page).toHaveURL(/\/nyheter$/);
    await expect(page.getByText('Denne delen av Kursbro kunne ikke hentes')).toHaveCount(0);
  });

  test('on a module\'s address, the module drawn before the app gives way to the message, which fetches the part again', async ({ page, axe }, testInfo) => {
    testInfo.annotations.push({ type: 'expected-console', description: 'Failed to fetch' });
    let blocked = true;
    await page.route('**/split_learning.wasm', (route) => (blocked ? route.abort() : route.continue()));
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/kursbro-app_bg.wasm', async (route) => { await held; await route.continue(); });

    await page.goto('/moduler/smittevern');
    await expect(page.locator('#boot[data-kept] h1:visible')).toHaveText('Smittevern og basale smittevernrutiner');
    release();
    // The app could not fetch the learner's part: the first screen is gone and the app
    // says so (nothing is left hidden behind it).
    await expect(page.locator('#boot')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Denne delen av Kursbro kunne ikke hentes');
    await expect(page.locator('main#main')).toBeVisible();
    await axe(page);

    blocked = false;
    await page.getByRole('button', { name: 'Prøv igjen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smittevern og basale smittevernrutiner');
  });
});
