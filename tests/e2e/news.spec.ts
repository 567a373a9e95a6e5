// Providers' news: the newest on the home page for everyone it is shared with; Hilde (an
// author and admin of Nordvik kommune) posts an item for her organisation only, sees it
// marked so, and takes it down.
import { test, expect, signIn } from './fixtures';

// A one-pixel PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001' +
  '0d0a2db40000000049454e44ae426082',
  'hex',
);

test('news on the home page, and an author posts and takes down an item for her organisation', async ({ page, axe }, testInfo) => {
  const title = `Personalmøte flyttes ${testInfo.project.name}`;
  // A visitor sees what is shared with everyone, newest first.
  await page.goto('/');
  const latest = page.locator('section.news');
  await expect(latest.getByRole('heading', { level: 3 }).first()).toHaveText('HLR-trening med instruktør i januar');
  await expect(latest).not.toContainText('Ny rutine for legemiddelrom');
  await axe(page);

  await signIn(page, 'hilde.aas@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Administrasjon' })).toBeVisible();
  // Signed in, her organisation's own news is there too.
  await expect(latest.getByRole('heading', { level: 3 }).first()).toHaveText('Ny rutine for legemiddelrom i hjemmetjenesten');
  await latest.getByRole('link', { name: 'Alle nyheter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nyheter');
  await expect(page.getByRole('link', { name: 'Nyhetene som Atom-feed' })).toHaveAttribute('href', '/api/v1/news.atom');

  // A title is needed; the form says so and goes there.
  await page.getByRole('button', { name: 'Publiser nyheten' }).click();
  await expect(page.locator('#news-error')).toHaveText('Skriv en tittel på høyst 150 tegn.');
  await expect(page.getByLabel('Tittel')).toBeFocused();
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel(/^Tekst/).fill('Møtet er **torsdag kl. 14**.');
  await page.getByLabel('Temaer (valgfritt)').fill('Legemidler, Rutiner');
  await page.getByLabel('Bildefil').setInputFiles({ name: 'rom.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Publiser nyheten' }).click();
  await expect(page.locator('#news-error')).toHaveText('Beskriv hva bildet viser før du laster det opp.');
  await expect(page.getByLabel('Hva bildet viser (for skjermlesere)')).toBeFocused();
  await page.getByLabel('Hva bildet viser (for skjermlesere)').fill('Det nye legemiddelrommet');
  await page.getByLabel('Bare for Nordvik kommune').check();
  await page.getByRole('button', { name: 'Publiser nyheten' }).click();
  await expect(page.getByText('Nyheten er publisert.')).toBeVisible();
  const posted = page.locator('article.news-item', { has: page.getByRole('heading', { name: title }) });
  await expect(posted).toContainText('Bare for Nordvik kommune');
  await expect(posted.locator('strong')).toHaveText('torsdag kl. 14');
  const img = posted.getByRole('img', { name: 'Det nye legemiddelrommet' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1);
  await expect(posted.getByRole('list', { name: 'Temaer' }).getByRole('listitem')).toHaveText(['Legemidler', 'Rutiner']);
  await expect(page.locator('article.news-item').first()).toContainText(title);
  await axe(page);

  // Taken down after saying what happens.
  await posted.getByRole('button', { name: `Ta ned: ${title}` }).click();
  await expect(posted.getByText('Nyheten forsvinner for alle som kan se den.')).toBeVisible();
  await expect(posted.getByRole('button', { name: 'Ja, ta ned nyheten' })).toBeFocused();
  await posted.getByRole('button', { name: 'Ja, ta ned nyheten' }).click();
  await expect(posted).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
});

test('a provider has a page with its news and what it offers', async ({ page, axe }) => {
  await page.goto('/nyheter');
  const item = page.locator('article.news-item', { has: page.getByRole('heading', { name: 'HLR-trening med instruktør i januar' }) });
  await expect(item.getByRole('list', { name: 'Temaer' })).toContainText('HLR');
  await item.getByRole('link', { name: 'Nordvik kommune' }).click();
  await expect(page).toHaveURL(/\/tilbydere\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nordvik kommune');
  await expect(page.getByRole('heading', { name: 'HLR-trening med instruktør i januar' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Hjerte-lunge-redning (HLR)' })).toBeVisible();
  await axe(page);
});
