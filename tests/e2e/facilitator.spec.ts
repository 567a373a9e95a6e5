import { test, expect, signIn } from './fixtures';
import * as fs from 'node:fs';

test('a facilitator sees the grid, sorts, filters, drills into a learner and downloads the CSV', async ({ page, axe }) => {
  await signIn(page, 'marte.lie@demo.kursbro.no');
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Kull', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kull');
  await page.getByRole('link', { name: 'Helseinformatikk høsten 2026' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Helseinformatikk høsten 2026');

  const rows = page.locator('.grid-table tbody tr');
  const names = () => rows.locator('th').allTextContents();
  // Other tests may add members on a shared server: check the demo learners are there, in order.
  await expect(rows.first().locator('th')).toHaveText('Aisha Rahman');
  expect(await names()).toEqual(expect.arrayContaining(['Aisha Rahman', 'Ingrid Berg', 'Kari Nordmann', 'Ola Hansen']));
  await expect(page.getByRole('button', { name: /^Ingrid Berg, Personvern og informasjonssikkerhet i helsetjenesten: Fullført$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Kari Nordmann, Helsedata, journalsystemer og informatikk: Påbegynt 33 %$/ })).toBeVisible();
  // Four learners fit on one page.
  const gridPager = page.locator('.grid-pager');
  await expect(gridPager.getByText('Side 1 av 1')).toBeVisible();
  await expect(gridPager.getByRole('button', { name: 'Neste side', exact: true })).toBeDisabled();
  await expect(gridPager.getByRole('button', { name: 'Forrige side', exact: true })).toBeDisabled();

  // Sort by overall progress, highest first: Ingrid (5 of 15 activities) leads.
  await page.getByLabel('Sorter etter').selectOption('progress');
  await page.getByLabel('Synkende').check();
  await expect(rows.first().locator('th')).toHaveText('Ingrid Berg');

  // Only those who have not started anything.
  await page.getByLabel('Vis').selectOption('not_started');
  const notStarted = await names();
  expect(notStarted).not.toContain('Ingrid Berg');
  expect(notStarted).not.toContain('Kari Nordmann');
  // …and the filter keeps who it should: Ola has not started (no test has him start
  // before this one), and every row shown is at 0 %.
  expect(notStarted).toContain('Ola Hansen');
  expect(await rows.locator('td.num').allTextContents()).toEqual(notStarted.map(() => '0 %'));
  await page.getByLabel('Vis').selectOption('all');

  // Drill into Ingrid × module 1: dates, quiz score and her reflection.
  await page.getByRole('button', { name: /^Ingrid Berg, Personvern og informasjonssikkerhet i helsetjenesten/ }).click();
  const drill = page.locator('.drill-down');
  await expect(drill.getByRole('heading', { level: 2 })).toHaveText('Ingrid Berg – Personvern og informasjonssikkerhet i helsetjenesten');
  await expect(drill).toContainText('Beste resultat: 100 %');
  await expect(drill.locator('.reflection-text')).toContainText('fastlegen');
  await axe(page);

  // The CSV: UTF-8 with BOM, semicolons, Norwegian letters intact.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Last ned som CSV (Excel)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kull-\d+\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf-8');
  expect(text.split('\n')[0]).toContain('Deltaker;E-post;Samlet fremdrift (%);Sist aktiv;');
  expect(text).toContain('Ingrid Berg;');
  expect(text).toContain('Fullført');
  expect(text).toContain('Påbegynt 16 %');
});

test('a facilitator adds a learner from the organisation, who then appears in the grid', async ({ page }, testInfo) => {
  // One project adds Nora, the other Emil, so the two never collide on a shared server.
  const [who, email] = testInfo.project.name === 'phone'
    ? ['Emil Johansen', 'emil.johansen@demo.kursbro.no']
    : ['Nora Haugen', 'nora.haugen@demo.kursbro.no'];
  await signIn(page, 'marte.lie@demo.kursbro.no');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/kull');
  await page.getByRole('link', { name: 'Helseinformatikk høsten 2026' }).click();
  await page.getByLabel('Finn personer i organisasjonen').fill(who.split(' ')[0]);
  await page.locator('.member-search').getByRole('button', { name: 'Søk' }).click();
  await page.getByRole('button', { name: `Legg til som deltaker – ${who}` }).click();
  await expect(page.locator('.grid-table tbody th', { hasText: who })).toBeVisible();
  await expect(page.locator('.member-list').first()).toContainText(who);
  expect(email).toContain('@demo.kursbro.no');
});
