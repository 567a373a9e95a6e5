// Sharing across organisations: Vestfjord sykehus's internal course on journal-keeping is
// shared with nobody else. Its people find and open it; a visitor and someone of another
// organisation do not see it in the catalogue, and its address answers "not found".
import { test, expect, signIn } from './fixtures';

test('a course shared only with its hospital is found by its people and by nobody else', async ({ page, axe }, testInfo) => {
  // Its page asks the server, which answers 404 for those it is not shared with.
  testInfo.annotations.push({ type: 'expected-console', description: 'the server responded with a status of 404' });
  const courses = page.locator('section', { has: page.getByRole('heading', { name: 'Obligatoriske kurs' }) });
  const internal = 'Journalføring i DIPS ved Vestfjord sykehus';

  // A visitor: three mandatory courses, and the internal one's address does not exist.
  await page.goto('/katalog');
  await expect(courses.locator('article')).toHaveCount(3);
  await page.goto('/moduler/journalforing-i-dips');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modulen finnes ikke');

  // Kari of Nordvik kommune: the same.
  await signIn(page, 'kari.nordmann@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Mine krav' })).toBeVisible();
  await page.goto('/katalog');
  await expect(courses.locator('article')).toHaveCount(3);
  await expect(page.getByText(internal)).toHaveCount(0);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByRole('link', { name: 'Logg inn' })).toBeVisible();

  // Ola of Vestfjord sykehus finds it and opens it.
  await signIn(page, 'ola.hansen@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Min fremdrift' })).toBeVisible();
  await page.goto('/katalog');
  await expect(courses.locator('article')).toHaveCount(4);
  await courses.getByRole('link', { name: internal }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(internal);
  await expect(page.locator('ol.activities > li')).toHaveCount(2);
  await axe(page);
});
