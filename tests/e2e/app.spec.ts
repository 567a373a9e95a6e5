import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from '@playwright/test';
import { test, expect, signIn, DEMO_PASSWORD } from './fixtures';

test('home, catalogue and a module page in Norwegian', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetanse som passer inn i turnusen');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page).toHaveTitle('Kompetanse for helse og omsorg – Kursbro');

  await page.getByRole('link', { name: 'Se katalogen' }).click();
  await expect(page).toHaveURL(/\/katalog$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog');
  // Data from the API: the programme and the statutory courses.
  await expect(page.getByRole('heading', { name: 'Helseinformatikk og digitalisering' })).toBeVisible();
  const courses = page.locator('section', { has: page.getByRole('heading', { name: 'Obligatoriske kurs' }) });
  await expect(courses.locator('article')).toHaveCount(3);
  const modules = page.locator('section', { has: page.getByRole('heading', { name: 'Moduler', exact: true }) });
  await expect(modules.locator('article')).toHaveCount(4);

  await courses.getByRole('link', { name: 'Smittevern og basale smittevernrutiner' }).click();
  await expect(page).toHaveURL(/\/moduler\/smittevern$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Smittevern og basale smittevernrutiner');
  await expect(page).toHaveTitle('Smittevern og basale smittevernrutiner – Kursbro');
  const activities = page.locator('ol.activities > li');
  await expect(activities).toHaveCount(3);
  await expect(activities.first()).toContainText('Smitteveier');
  await expect(activities.last()).toContainText('Quiz');
  await expect(page.locator('dl.facts')).toContainText('24 måneder');

  // A deep link straight to a module works too (the server falls back to the app).
  await page.goto('/moduler/personvern-og-informasjonssikkerhet');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Personvern og informasjonssikkerhet i helsetjenesten',
  );
  await expect(page.locator('ol.activities > li')).toHaveCount(4);
  await expect(page.getByText('Helseinformatikk og digitalisering')).toBeVisible();
});

test('sign in: clear messages for mistakes, then signed in across reloads, then signed out', async ({ page, axe }) => {
  await page.goto('/logg-inn');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logg inn');
  const submit = page.locator('form').getByRole('button', { name: 'Logg inn' });

  // Empty form: answered in the page, before any request.
  await submit.click();
  await expect(page.getByRole('alert')).toHaveText('Skriv inn e-postadressen din.');
  await expect(page.getByLabel('E-postadresse')).toBeFocused();
  await expect(page.getByLabel('E-postadresse')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('E-postadresse').fill('kari.nordmann@demo.kursbro.no');
  await page.getByLabel('Passord').fill('feil-passord');
  await submit.click();
  await expect(page.getByRole('alert')).toHaveText('E-postadressen eller passordet er feil.');
  await expect(page.getByLabel('Passord')).toHaveValue('');
  await axe(page);

  await page.getByLabel('Passord').fill(DEMO_PASSWORD);
  await submit.click();
  await expect(page).toHaveURL(/\/$/);
  // The name leads to the account page, and says so to screen readers.
  await expect(page.getByRole('link', { name: 'Kari Nordmann – Min konto' })).toBeVisible();
  await expect(page.locator('.who-role')).toHaveText('Deltaker');
  await expect(page.locator('.greeting')).toContainText('Kari Nordmann');

  await page.reload();
  await expect(page.locator('.who-name')).toContainText('Kari Nordmann');
  // The session cookie cannot be read by scripts.
  expect(await page.evaluate(() => document.cookie)).not.toContain('kursbro_session');

  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await expect(page.locator('.who-name')).toHaveCount(0);
});

for (const [email, role] of [
  ['marte.lie@demo.kursbro.no', 'Veileder'],
  ['jonas.bakke@demo.kursbro.no', 'Leder'],
  ['admin@demo.kursbro.no', 'Administrator'],
]) {
  test(`demo sign-in as ${role}: every link the menu and the cohort list offer works, and fits a phone`, async ({ page }) => {
    await signIn(page, email);
    // A leader starts on their competence overview; everyone else on the home page.
    await expect(page).toHaveURL(role === 'Leder' ? /\/kompetanse$/ : /\/$/);
    await expect(page.locator('.who-role')).toHaveText(role);
    const links = async (scope: string) =>
      (await page.locator(`${scope} a[href^="/"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')!)));
    const offered = new Set(await links('header'));
    if (offered.has('/kull')) {
      await page.goto('/kull');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kull');
      await expect(page.locator('main .loading')).toHaveCount(0);
      for (const href of await links('main')) offered.add(href);
    }
    expect(offered.size).toBeGreaterThan(2);
    for (const href of offered) {
      await page.goto(href);
      await expect(page.getByRole('heading', { level: 1 }), href).toBeVisible();
      await expect(page.locator('main .loading'), href).toHaveCount(0);
      // Nothing offered answers "not found" to the person it is offered to.
      await expect(page.getByRole('heading', { level: 1 }), href).not.toHaveText(/finnes ikke/);
      await expect(page.getByText('Fant ikke det du lette etter.'), href).toHaveCount(0);
      // Nothing is wider than the screen (360 px on the phone). Measured against the
      // viewport itself: a mobile browser widens its layout to fit what overflows, so the
      // document's own widths would always agree with each other.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth) - page.viewportSize()!.width;
      expect(overflow, `${href} is wider than the screen`).toBeLessThanOrEqual(0);
    }
  });
}

test('the language switch changes the UI to English and is remembered', async ({ page, axe }) => {
  await page.goto('/katalog');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Katalog');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catalogue');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Mandatory courses' })).toBeVisible();
  await expect(page).toHaveTitle('Catalogue – Kursbro');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catalogue');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await axe(page);

  await page.goto('/logg-inn');
  await expect(page.getByLabel('E-mail address')).toBeVisible();
  await page.getByRole('button', { name: 'Bytt til norsk' }).click();
  await expect(page.getByLabel('E-postadresse')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
});

test('unknown pages and modules get a clear not-found page', async ({ page }) => {
  await page.goto('/finnes-ikke');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Siden finnes ikke');
  await page.getByRole('link', { name: 'Gå til forsiden' }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/moduler/finnes-ikke');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modulen finnes ikke');
});

test('pages fit the screen without sideways scrolling', async ({ page }, testInfo) => {
  // The phone project also checks the narrowest phones still in use (320 px).
  if (testInfo.project.name === 'phone') await page.setViewportSize({ width: 320, height: 640 });
  for (const path of [
    '/',
    '/katalog',
    '/moduler/helsedata-og-informatikk',
    '/moduler/personvern-og-informasjonssikkerhet',
    '/moduler/personvern-og-informasjonssikkerhet/aktiviteter/3',
    '/programmer/helseinformatikk-og-digitalisering',
    '/logg-inn',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Against the viewport: a mobile browser widens its layout to whatever overflows.
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll, `${path} is wider than the screen`).toBeLessThanOrEqual(page.viewportSize()!.width);
  }
});

test('keyboard users can skip to the content', async ({ page, browserName }, testInfo) => {
  test.skip(testInfo.project.name === 'phone', 'no keyboard on the phone profile');
  await page.goto('/katalog');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Hopp til innholdet' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  expect(browserName).toBe('chromium');
});

test('Kursbro can be put on the home screen: a web app manifest with icons, and no installability errors', async ({ request, baseURL }, testInfo) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.ok()).toBeTruthy();
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await res.json();
  expect(manifest).toMatchObject({ short_name: 'Kursbro', lang: 'nb', start_url: '/', display: 'standalone' });
  const sizes = [];
  for (const icon of manifest.icons) {
    const r = await request.get(icon.src);
    expect(r.ok(), icon.src).toBeTruthy();
    expect(r.headers()['content-type']).toBe('image/png');
    sizes.push(`${icon.sizes} ${icon.purpose}`);
  }
  expect(sizes).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

  // Chromium's own check of what it needs to offer "install" / "add to home screen". It
  // refuses in an incognito-like context (Playwright's usual one), so this is a browser with
  // a profile of its own: a fresh user-data-dir, started with the project's flags.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kursbro-install-'));
  const launch = testInfo.project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(profile, {
    headless: true, executablePath: launch.executablePath, args: launch.args, baseURL,
  });
  try {
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto('/');
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    // The service worker keeps the manifest and icons for opening offline from the home screen.
    const cached = await page.evaluate(async () => {
      const cache = await caches.open('kursbro-shell-v1');
      return Promise.all(['/manifest.webmanifest', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png']
        .map(async (p) => !!(await cache.match(p))));
    });
    expect(cached).toEqual([true, true, true, true]);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
