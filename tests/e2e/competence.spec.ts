// Competence plans in the browser: a learner's "Mine krav" (red first, a link into the
// module, readable offline) and a leader's overview (summary, roll-ups, filter, a person's
// page, approving a completion made elsewhere and seeing the cell turn green).
import { test, expect, signIn } from './fixtures';

function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('a learner sees her requirements red first, opens one, and reads them offline', async ({ page, context, axe }, testInfo) => {
  // One learner per project: the projects share nothing, but keep them apart anyway.
  const email = testInfo.project.name === 'phone' ? 'aisha.rahman@demo.kursbro.no' : 'kari.nordmann@demo.kursbro.no';
  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole('link', { name: 'Mine krav' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mine krav');
  const rows = page.locator('.requirement-table tbody tr');
  await expect(rows.first()).toBeVisible();
  // Red first, in words as well as colour.
  await expect(rows.first().locator('.req')).toHaveClass(/req-red/);
  await expect(rows.first().locator('.req')).toContainText(/Forfalt|Utløpt/);
  const classes = await rows.locator('.req').evaluateAll((els) => els.map((e) => e.className));
  const rank = (c: string) => ['req-red', 'req-yellow', 'req-green', 'req-na'].findIndex((k) => c.includes(k));
  const ranks = classes.map(rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  if (email.startsWith('kari')) {
    // Her district's nurses take a whole study programme; its row leads to the programme.
    const programme = rows.filter({ hasText: 'Helseinformatikk og digitalisering' });
    await expect(programme).toContainText('Studieprogram');
    await expect(programme.getByRole('link')).toHaveAttribute('href', '/programmer/helseinformatikk-og-digitalisering');
  }
  await axe(page);

  // The course link leads into the module.
  const link = rows.first().getByRole('link');
  const title = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // Offline, the last answer is still there.
  await page.goto('/mine-krav');
  await expect(rows.first()).toBeVisible();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect(rows.first()).toBeVisible();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mine krav');
  await expect(rows.first().locator('.req')).toHaveClass(/req-red/);
  await context.setOffline(false);
});

test('a learner whose CPR has expired takes the course again; the old completion stays in her history', async ({ page, axe }) => {
  // Magnus did CPR 400 days ago; it is valid for 12 months. (This runs before the leader
  // approves a CPR session for him below: his CPR is still expired then, as it is here.)
  await signIn(page, 'magnus.eide@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Mine krav' })).toBeVisible();
  await page.goto('/mine-krav');
  const cpr = page.locator('.requirement-table tbody tr', { hasText: 'Hjerte-lunge-redning (HLR)' });
  await expect(cpr.locator('.req')).toContainText('Utløpt');
  const again = cpr.getByRole('button', { name: /^Ta kurset på nytt\W+Hjerte-lunge-redning \(HLR\)$/ });
  await expect(again).toBeVisible();
  await expect(page.getByText('Når fornyelsen er åpen, kan du ta et kurs du har fullført på nytt.', { exact: false })).toBeVisible();
  const history = page.locator('.history-list li', { hasText: 'Hjerte-lunge-redning (HLR)' });
  await expect(history).toHaveCount(1);
  await axe(page);

  await again.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hjerte-lunge-redning (HLR)');
  await expect(page.locator('.progress-text')).toHaveText('0 av 3 aktiviteter fullført');

  // Back on his requirements: still expired until he has done it, nothing more to start
  // again, and the completion of last year still in the history.
  await page.goto('/mine-krav');
  await expect(cpr.locator('.req')).toContainText('Utløpt');
  await expect(cpr.getByRole('button')).toHaveCount(0);
  await expect(history).toHaveCount(1);
});

test('a leader starts on the overview, filters red, approves a completion made elsewhere and sees it turn green', async ({ page, axe }, testInfo) => {
  testInfo.annotations.push({ type: 'expected-console', description: 'the server responded with a status of 422' });
  await signIn(page, 'jonas.bakke@demo.kursbro.no');
  // The leader's first screen is the overview of the unit they lead.
  await expect(page).toHaveURL(/\/kompetanse$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetanseoversikt: Helse og omsorg');
  await expect(page.locator('.summary-line')).toHaveText(/^\d+ av \d+ er helt à jour; \d+ har krav som forfaller snart eller ikke er tatt ennå; \d+ har forfalte eller utløpte krav\.$/);
  const byUnit = page.getByRole('table', { name: 'Per enhet' });
  await expect(byUnit.getByRole('rowheader', { name: 'Hjemmetjenesten nord' })).toBeVisible();
  await expect(byUnit.getByRole('rowheader', { name: 'Hjemmetjenesten sør' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Per krav' }).getByRole('rowheader').first()).toBeVisible();
  await axe(page);

  // Only people with something red.
  const people = page.getByRole('table', { name: 'Krav per person' });
  await expect(people.getByRole('link', { name: 'Sofie Lie' })).toBeVisible();
  await page.getByLabel('Vis personer').selectOption('red');
  await expect(people.getByRole('link', { name: 'Sofie Lie' })).toHaveCount(0);
  const shown = people.locator('tbody tr');
  await expect(shown.first()).toBeVisible();
  for (const row of await shown.all()) await expect(row.locator('.req-red').first()).toBeVisible();

  // Drill into a person whose CPR has expired.
  await people.getByRole('link', { name: 'Magnus Eide' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Magnus Eide');
  const cpr = page.locator('.requirement-table tbody tr', { hasText: 'Hjerte-lunge-redning (HLR)' });
  await expect(cpr.locator('.req')).toHaveClass(/req-red/);
  await expect(cpr.locator('.req')).toContainText('Utløpt');
  await axe(page);

  // A date in the future is refused before anything is sent.
  await page.getByLabel('Kurs', { exact: true }).selectOption({ label: 'Hjerte-lunge-redning (HLR)' });
  await page.getByLabel('Dato gjennomført').fill('2099-01-01');
  await page.getByLabel('Hva og hvor').fill('Praktisk HLR-trening med instruktør');
  await page.getByRole('button', { name: 'Registrer og godkjenn' }).click();
  await expect(page.locator('#external-error')).toHaveText('Datoen kan ikke være senere enn i dag.');
  await expect(page.getByLabel('Dato gjennomført')).toBeFocused();

  await page.getByLabel('Dato gjennomført').fill(yesterday());
  await page.getByRole('button', { name: 'Registrer og godkjenn' }).click();
  await expect(page.getByText('Registrert og godkjent.')).toBeVisible();
  await expect(cpr.locator('.req')).toHaveClass(/req-green/);
  await expect(cpr).toContainText('godkjent av Jonas Bakke');
  await expect(page.locator('.history-list')).toContainText('Praktisk HLR-trening med instruktør');
  await axe(page);

  // Back on the overview, his CPR cell is green.
  await page.getByRole('link', { name: 'Tilbake til kompetanseoversikten' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetanseoversikt: Helse og omsorg');
  const titles = await people.locator('thead .col-title').allTextContents();
  const column = titles.indexOf('Hjerte-lunge-redning (HLR)');
  expect(column).toBeGreaterThanOrEqual(0);
  const magnus = people.locator('tbody tr', { has: page.getByRole('link', { name: 'Magnus Eide' }) });
  // td 0 is the unit; the requirement cells follow.
  await expect(magnus.locator('td').nth(column + 1).locator('.req')).toHaveClass(/req-green/);
});

test('someone who leads nothing is not offered the overview, and is told so if they go there', async ({ page }) => {
  await signIn(page, 'kari.nordmann@demo.kursbro.no');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.who-name')).toHaveText(/Kari Nordmann/);
  await expect(page.getByRole('link', { name: 'Mine krav' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kompetanseoversikt' })).toHaveCount(0);
  await page.goto('/kompetanse');
  await expect(page.getByText('Du er ikke leder for noen enhet.')).toBeVisible();
});

test('a leader makes a plan for her unit: the editor names what to fix, the plan lists whom it applies to, and it can be deleted', async ({ page, axe }, testInfo) => {
  const name = `Kveldsvakt ${testInfo.project.name}`;
  await signIn(page, 'line.dahl@demo.kursbro.no');
  await expect(page).toHaveURL(/\/kompetanse$/);
  await page.getByRole('link', { name: 'Kompetanseplaner' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kompetanseplaner');
  // The central plans are listed for her to read; only her unit's plan is hers to change.
  const central = page.locator('section.plan-card', { has: page.getByRole('heading', { name: 'Obligatorisk opplæring' }) });
  await expect(central).toContainText('Sentral plan for hele organisasjonen');
  // (How many depends on what other tests of this server added: the API tests count.)
  await expect(central).toContainText(/Gjelder \d+ personer/);
  await expect(central.getByRole('link', { name: /Endre planen/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Endre planen: Hjemmetjenesten nord: egne krav' })).toBeVisible();

  await page.getByRole('link', { name: 'Ny plan' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ny plan');
  await page.getByLabel('Navn på planen').fill(name);
  // Only the unit she leads is offered, and what other tests of this server put below it.
  const offered = page.getByLabel('Gjelder for').locator('option');
  await expect(offered.first()).toHaveText('Hjemmetjenesten nord');
  expect(await offered.allTextContents()).not.toContain('Helse og omsorg');
  expect((await offered.allTextContents()).map((t) => t.trim())).not.toContain('Hjemmetjenesten sør');
  await page.getByRole('button', { name: 'Lagre planen' }).click();
  await expect(page.locator('#plan-error')).toHaveText('Legg til minst ett krav.');
  await expect(page.getByLabel('Søk etter kurs')).toBeFocused();

  // The mandatory courses are offered at once; a course is added with the usual defaults.
  await page.getByRole('button', { name: 'Legg til: Smittevern og basale smittevernrutiner' }).click();
  const row = page.locator('fieldset.plan-requirement', { hasText: 'Smittevern og basale smittevernrutiner' });
  await expect(row.getByLabel('Må fornyes')).toBeChecked();
  await expect(row.getByLabel('Gyldig i (måneder)')).toHaveValue('24');
  await expect(page.getByRole('button', { name: 'Står i planen: Smittevern og basale smittevernrutiner' })).toBeDisabled();
  await row.getByLabel('Antall dager').fill('99999');
  await page.getByRole('button', { name: 'Lagre planen' }).click();
  await expect(page.locator('#plan-error')).toHaveText('Krav 1 (Smittevern og basale smittevernrutiner): fristen må være fra 0 til 3650 dager etter oppstart.');
  await expect(row.getByLabel('Antall dager')).toBeFocused();
  await expect(row.getByLabel('Antall dager')).toHaveAttribute('aria-invalid', 'true');
  await axe(page);

  // Renewed on a fixed day each year.
  await row.getByLabel('Antall dager').fill('30');
  await row.getByLabel('Ny gyldighet regnes fra').selectOption('fixed');
  await row.getByLabel('Måned', { exact: true }).selectOption('1');
  await row.getByLabel('Dag', { exact: true }).fill('1');
  await row.getByLabel('Minst gyldig (måneder)').fill('6');
  // A whole study programme can be required too: found by search, due within a year, once.
  await page.getByLabel('Søk etter kurs eller studieprogram').fill('helseinformatikk');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await page.getByRole('button', { name: 'Legg til: Helseinformatikk og digitalisering' }).click();
  const programme = page.locator('fieldset.plan-requirement', { hasText: 'Helseinformatikk og digitalisering (Studieprogram)' });
  await expect(programme.getByLabel('Antall dager')).toHaveValue('365');
  await expect(programme.getByLabel('Må fornyes')).not.toBeChecked();
  await page.getByRole('button', { name: 'Lagre planen' }).click();
  await expect(page).toHaveURL(/\/kompetanse\/planer$/);
  const made = page.locator('section.plan-card', { has: page.getByRole('heading', { name }) });
  await expect(made).toContainText(/Hjemmetjenesten nord \(også enhetene under\) · Alle yrker · Gjelder \d+ personer/);
  await expect(made).toContainText('Innen 30 dager etter oppstart i enheten');
  await expect(made).toContainText('Hver 24. måned, utløper 1. januar, minst 6 måneder gyldig; kan fornyes 60 dager før utløp');
  const programmeRow = made.locator('tr', { hasText: 'Helseinformatikk og digitalisering' });
  await expect(programmeRow).toContainText('Studieprogram');
  await expect(programmeRow).toContainText('Innen 365 dager etter oppstart i enheten');
  await expect(programmeRow.getByRole('link')).toHaveAttribute('href', '/programmer/helseinformatikk-og-digitalisering');

  // Deleted after saying what happens; the list no longer has it.
  await made.getByRole('link', { name: `Endre planen: ${name}` }).click();
  await expect(page.getByLabel('Navn på planen')).toHaveValue(name);
  await page.getByRole('button', { name: 'Slett planen' }).click();
  await expect(page.getByText('Planen forsvinner fra alles krav.')).toBeVisible();
  await page.getByRole('button', { name: 'Ja, slett planen' }).click();
  await expect(page).toHaveURL(/\/kompetanse\/planer$/);
  await expect(page.getByRole('heading', { name: 'Hjemmetjenesten nord: egne krav' })).toBeVisible();
  await expect(page.getByRole('heading', { name })).toHaveCount(0);
});
