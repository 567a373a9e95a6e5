import { test, expect, signIn } from './fixtures';

// A ward PC: a learner taps "Logg ut" with no network. The device must be signed out at
// once, stay so for the next person (offline and online), and the server session must end
// as soon as the network is back.
test('signing out with no network signs the device out now and the server as soon as it can', async ({ page, context, request, baseURL, axe }, testInfo) => {
  const email = testInfo.project.name === 'phone' ? 'aisha.rahman@demo.kursbro.no' : 'ingrid.berg@demo.kursbro.no';
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.goto('/min-fremdrift');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min fremdrift');
  const session = (await context.cookies()).find((c) => c.name === 'kursbro_session');
  expect(session).toBeTruthy();

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.locator('.site-header').getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await expect(page.locator('.sign-out-pending')).toContainText('Du er logget ut på denne enheten');
  // The service worker's copies of this person's API answers are gone from the device.
  await expect.poll(() => page.evaluate(() => caches.has('kursbro-api-v1'))).toBe(false);
  await axe(page);

  // The next person opens Kursbro on the same device, still offline: nobody is signed in.
  await page.goto('/min-fremdrift');
  await expect(page.locator('.site-header').getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await expect(page.locator('.who-name')).toHaveCount(0);

  // Network back: the owed sign-out reaches the server, and nobody is signed in.
  await context.setOffline(false);
  await page.reload();
  await expect(page.locator('.sign-out-pending')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('.site-header').getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await expect(page.locator('.who-name')).toHaveCount(0);
  // The old cookie is worthless now: the session is gone on the server, not just here.
  const me = await request.get(`${baseURL}/api/v1/me`, { headers: { cookie: `kursbro_session=${session!.value}` } });
  expect(me.status()).toBe(401);
});
