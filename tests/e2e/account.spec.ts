// The account page (a new password ends every other session; signing out on every device)
// and the notice a learner gets when added to a cohort.
import { Browser } from '@playwright/test';
import { test, expect, signIn, DEMO_PASSWORD } from './fixtures';

/// A second device of the same person: its own browser context, signed in through the API.
async function otherDevice(browser: Browser, baseURL: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL });
  const res = await context.request.post('/api/v1/auth/login', { data: { email, password } });
  expect(res.status()).toBe(200);
  const signedIn = async () => (await context.request.get('/api/v1/me')).status() === 200;
  return { context, signedIn };
}

test('a new password signs out every other device, and "sign out on every device" signs out this one too', async ({ page, browser, baseURL, axe }, testInfo) => {
  // One person per project: the projects share one server.
  const email = testInfo.project.name === 'phone' ? 'per.olsen@demo.kursbro.no' : 'sander.moe@demo.kursbro.no';
  const newPassword = 'tre ord og en hest';
  const ward = await otherDevice(browser, baseURL!, email, DEMO_PASSWORD);

  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: /Min konto/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min konto');
  await expect(page.locator('.account-facts')).toContainText(email);
  await axe(page);

  // Checked before sending: too short.
  await page.getByLabel('Nåværende passord').fill(DEMO_PASSWORD);
  await page.getByLabel('Nytt passord').fill('kort');
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await expect(page.locator('#change-password-error')).toHaveText('Det nye passordet må ha minst 10 tegn.');
  await expect(page.getByLabel('Nytt passord')).toBeFocused();
  await expect(page.getByLabel('Nytt passord')).toHaveAttribute('aria-invalid', 'true');
  // The server's answer: the current password is wrong; nothing changes. (The browser
  // logs the 403 as a failed resource.)
  testInfo.annotations.push({ type: 'expected-console', description: 'the server responded with a status of 403' });
  await page.getByLabel('Nåværende passord').fill('ikke-mitt-passord');
  await page.getByLabel('Nytt passord').fill(newPassword);
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await expect(page.locator('#change-password-error')).toHaveText('Nåværende passord er feil. Passordet ble ikke byttet.');
  await expect(page.getByLabel('Nåværende passord')).toBeFocused();
  await axe(page);
  expect(await ward.signedIn()).toBe(true);

  // Changed: this device goes on, the other one is signed out.
  await page.getByLabel('Nåværende passord').fill(DEMO_PASSWORD);
  await page.getByLabel('Nytt passord').fill(newPassword);
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await expect(page.getByText('Passordet er byttet. Du er logget ut på alle andre enheter.')).toBeVisible();
  await expect(page.getByLabel('Nåværende passord')).toHaveValue('');
  expect(await ward.signedIn()).toBe(false);
  await page.reload();
  await expect(page.locator('.account-facts')).toContainText(email);
  await ward.context.close();

  // Signing out on every device ends this session and another one made with the new password.
  const phone = await otherDevice(browser, baseURL!, email, newPassword);
  await page.getByRole('button', { name: 'Logg ut på alle enheter' }).click();
  await expect(page.getByRole('link', { name: 'Logg inn' }).first()).toBeVisible();
  expect(await phone.signedIn()).toBe(false);
  await phone.context.close();
  await page.reload();
  await expect(page.getByText('Logg inn for å se kontoen din.')).toBeVisible();
  // The new password is the one that signs in.
  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/$/);
});

test('a learner is told once that they were added to a cohort, and who can follow their work', async ({ page, axe }, testInfo) => {
  // Demo learners were added to their cohorts without being told: each sees it once.
  const [email, facilitator] = testInfo.project.name === 'phone'
    ? ['ingrid.berg@demo.kursbro.no', 'Marte Lie']
    : ['kari.nordmann@demo.kursbro.no', 'Marte Lie'];
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  const notice = page.locator('.cohort-notice').filter({ hasText: 'Helseinformatikk høsten 2026' });
  await expect(notice).toContainText('Du er lagt til i kullet «Helseinformatikk høsten 2026» hos Høgskolen på Fjellstad.');
  await expect(notice).toContainText(`Veilederne (${facilitator}) og administratorer`);
  await expect(notice).toContainText('«Helseinformatikk og digitalisering»');
  // In English too.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(notice).toContainText('You have been added to the cohort “Helseinformatikk høsten 2026”');
  await page.getByRole('button', { name: 'Bytt til norsk' }).click();

  await axe(page);
  await notice.getByRole('button', { name: 'Skjønner' }).click();
  await expect(notice).toHaveCount(0);
  // The keyboard stays where the reader is (the notice and its button are gone).
  await expect(page.locator('#notices-heading, #home-title').first()).toBeFocused();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.greeting')).toBeVisible();
  await expect(notice).toHaveCount(0);
});
