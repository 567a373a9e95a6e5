// An organisation's administration in the browser: Hilde (admin of Nordvik kommune) adds a
// unit, a profession and a person, moves the person and gives and takes a leader grant, and
// imports employees from CSV after fixing the line the check refused. axe on each state.
import { test, expect, signIn } from './fixtures';
import type { Page } from '@playwright/test';

/// Signs in as Hilde and waits until the app knows (a page opened before would lose the sign-in).
async function signInAsAdmin(page: Page) {
  await signIn(page, 'hilde.aas@demo.kursbro.no');
  await expect(page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Administrasjon' })).toBeVisible();
}

test('an admin adds a unit, a profession and a person, moves them and gives and takes a grant', async ({ page, axe }, testInfo) => {
  // The address already taken is the server's to know: it answers 422.
  testInfo.annotations.push({ type: 'expected-console', description: 'the server responded with a status of 422' });
  const p = testInfo.project.name;
  const unit = `Hjemmetjenesten vest ${p}`;
  const person = `Eva Vik ${p}`;
  await signInAsAdmin(page);
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Administrasjon' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administrasjon');
  const units = page.getByRole('table', { name: 'Enhetene i organisasjonen' });
  await expect(units.getByRole('rowheader', { name: 'Hjemmetjenesten nord' })).toBeVisible();

  // A code that is not one is refused before anything is sent.
  const add = page.locator('form', { has: page.getByRole('button', { name: 'Legg til enheten' }) });
  await add.getByLabel('Navn på enheten').fill(unit);
  await add.getByLabel(/^Kode/).fill('HJT V');
  await add.getByRole('button', { name: 'Legg til enheten' }).click();
  await expect(page.locator('#unit-error')).toContainText('Koden kan ha bokstaver');
  await expect(add.getByLabel(/^Kode/)).toBeFocused();
  await axe(page);
  await add.getByLabel(/^Kode/).fill(`HJT-V-${p}`);
  await add.getByLabel('Ligger under').selectOption({ label: '\u2003Helse og omsorg' });
  await add.getByRole('button', { name: 'Legg til enheten' }).click();
  await expect(page.getByText('Enheten er lagt til.')).toBeVisible();
  await expect(units.getByRole('rowheader', { name: unit })).toBeVisible();

  // Renamed, and moved below the south district; a loop is refused in words.
  const change = page.locator('form', { has: page.getByLabel('Enhet', { exact: true }) });
  await change.getByLabel('Enhet', { exact: true }).selectOption({ label: `\u2003\u2003${unit}` });
  await expect(change.getByLabel('Navn på enheten')).toHaveValue(unit);
  await change.getByLabel('Navn på enheten').fill(`${unit} og fjord`);
  await change.getByLabel('Ligger under').selectOption({ label: '\u2003\u2003Hjemmetjenesten sør' });
  await change.getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(page.getByText('Enheten er endret.')).toBeVisible();
  await expect(units.getByRole('row', { name: new RegExp(`${unit} og fjord`) })).toContainText('Hjemmetjenesten sør');
  await change.getByLabel('Enhet', { exact: true }).selectOption({ label: '\u2003Helse og omsorg' });
  await change.getByLabel('Ligger under').selectOption({ label: '\u2003\u2003Hjemmetjenesten nord' });
  await change.getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(page.locator('#change-unit-error')).toHaveText(/kan ikke ligge under seg selv/);
  await axe(page);

  await page.getByLabel('Navn på yrket').fill(`Fysioterapeut ${p}`);
  await page.getByRole('button', { name: 'Legg til yrket' }).click();
  await expect(page.getByText('Yrket er lagt til.')).toBeVisible();
  await expect(page.locator('.profession-list')).toContainText(`Fysioterapeut ${p} – 0 personer`);

  // A person in the new unit: no password yet, and the page says so.
  await page.getByRole('link', { name: 'Personer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personer');
  await page.getByLabel('Navn', { exact: true }).fill(person);
  await page.getByLabel('E-postadresse').fill(`eva.vik.${p}@nordvik.kommune.no`);
  await page.getByLabel('Enhet', { exact: true }).selectOption({ label: `\u2003\u2003\u2003${unit} og fjord` });
  await page.getByLabel('Yrke', { exact: true }).selectOption({ label: `Fysioterapeut ${p}` });
  await page.getByRole('button', { name: 'Legg til personen' }).click();
  await expect(page.getByText('Personen er lagt til.')).toBeVisible();
  // The same address again is refused, in words.
  await page.getByLabel('Navn', { exact: true }).fill(person);
  await page.getByLabel('E-postadresse').fill(`eva.vik.${p}@nordvik.kommune.no`);
  await page.getByRole('button', { name: 'Legg til personen' }).click();
  await expect(page.locator('#person-error')).toHaveText('Noen har allerede denne e-postadressen.');

  await page.getByLabel('Søk etter navn eller e-post').fill(person);
  await page.getByRole('button', { name: 'Søk' }).click();
  const row = page.getByRole('row', { name: new RegExp(person) });
  await expect(row).toContainText('Aktiv, har ikke passord ennå');
  await row.getByRole('link', { name: person }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(person);

  // Moved to Hjemmetjenesten nord.
  await page.getByLabel('Enhet', { exact: true }).selectOption({ label: '\u2003\u2003Hjemmetjenesten nord' });
  await page.getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(page.getByText('Endringene er lagret.')).toBeVisible();

  // Leader of the new unit, then not.
  await page.getByLabel('Tilgang', { exact: true }).selectOption('leader');
  await page.getByLabel('Enheten hen skal lede').selectOption({ label: `\u2003\u2003\u2003${unit} og fjord` });
  await page.getByRole('button', { name: 'Gi tilgangen' }).click();
  await expect(page.locator('.grant-list')).toHaveText(new RegExp(`Leder for ${unit} og fjord`));
  await axe(page);
  await page.getByRole('button', { name: `Fjern tilgangen: Leder for ${unit} og fjord` }).click();
  await expect(page.getByText('Ingen tilganger utover å lære.')).toBeVisible();
});

test('an admin removes an empty unit, is told why a unit in use stays, and renames a profession', async ({ page, axe }, testInfo) => {
  // A unit in use is the server's to know: it answers 409.
  testInfo.annotations.push({ type: 'expected-console', description: 'the server responded with a status of 409' });
  const p = testInfo.project.name;
  const unit = `Nattpatruljen ${p}`;
  await signInAsAdmin(page);
  await page.goto('/admin');
  const units = page.getByRole('table', { name: 'Enhetene i organisasjonen' });
  const add = page.locator('form', { has: page.getByRole('button', { name: 'Legg til enheten' }) });
  await add.getByLabel('Navn på enheten').fill(unit);
  await add.getByLabel(/^Kode/).fill(`NATT-${p}`);
  await add.getByLabel('Ligger under').selectOption({ label: '\u2003Helse og omsorg' });
  await add.getByRole('button', { name: 'Legg til enheten' }).click();
  await expect(units.getByRole('rowheader', { name: unit })).toBeVisible();

  // The south district has people and a leader: it stays, and the page says why.
  const change = page.locator('section', { has: page.getByRole('heading', { name: 'Endre en enhet' }) });
  await change.getByLabel('Enhet', { exact: true }).selectOption({ label: '\u2003\u2003Hjemmetjenesten sør' });
  await change.getByRole('button', { name: 'Fjern enheten' }).click();
  await expect(page.locator('#remove-unit-error')).toHaveText(/Enheten er i bruk/);
  await expect(units.getByRole('rowheader', { name: 'Hjemmetjenesten sør' })).toBeVisible();
  await axe(page);

  // The new, empty one goes.
  await change.getByLabel('Enhet', { exact: true }).selectOption({ label: `\u2003\u2003${unit}` });
  await change.getByRole('button', { name: 'Fjern enheten' }).click();
  await expect(page.getByText('Enheten er fjernet.')).toBeVisible();
  await expect(units.getByRole('rowheader', { name: unit })).toHaveCount(0);

  // A profession gets another name; the list shows it.
  await page.getByLabel('Navn på yrket').fill(`Ergoterapeut ${p}`);
  await page.getByRole('button', { name: 'Legg til yrket' }).click();
  await expect(page.getByText('Yrket er lagt til.')).toBeVisible();
  const rename = page.locator('form', { has: page.getByLabel('Nytt navn') });
  await rename.getByLabel('Yrke', { exact: true }).selectOption({ label: `Ergoterapeut ${p}` });
  await rename.getByLabel('Nytt navn').fill(`Ergoterapeut ${p} med spesialisering`);
  await rename.getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(page.getByText('Yrket har fått nytt navn.')).toBeVisible();
  await expect(page.locator('.profession-list')).toContainText(`Ergoterapeut ${p} med spesialisering – 0 personer`);
  await axe(page);
});

test('an admin imports employees from CSV: the check names the line to fix, then all are imported at once', async ({ page, axe }, testInfo) => {
  const p = testInfo.project.name;
  await signInAsAdmin(page);
  await page.goto('/admin/import');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importer ansatte fra CSV');
  const good = `Siri Fjell;siri.fjell.${p}@nordvik.kommune.no;HJT-N;sykepleier`;
  const bad = `Odd Berg;odd.berg.${p}@nordvik.kommune.no;HJT-X;helsefagarbeider`;
  await page.getByLabel('Innholdet i filen (eller lim inn)').fill(`navn;e-post;enhet;yrke\n${good}\n${bad}\n`);
  await page.getByRole('button', { name: 'Sjekk linjene' }).click();
  await expect(page.getByText('1 av 2 linjer må rettes. Ingenting er importert.')).toBeVisible();
  const refused = page.getByRole('table', { name: 'Linjer som må rettes' });
  await expect(refused.getByRole('row').nth(1)).toContainText('3');
  await expect(refused).toContainText('Ingen enhet i organisasjonen har denne koden.');
  await axe(page);

  await page.getByLabel('Innholdet i filen (eller lim inn)').fill(`navn;e-post;enhet;yrke\n${good}\n${bad.replace('HJT-X', 'HJT-S')}\n`);
  await page.getByRole('button', { name: 'Sjekk linjene' }).click();
  await expect(page.getByText('Alle 2 linjene er i orden. Ingenting er importert ennå.')).toBeVisible();
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page.getByText('2 personer er importert. De har ikke passord ennå.')).toBeVisible();

  await page.goto('/admin/personer');
  await page.getByLabel('Søk etter navn eller e-post').fill(`odd.berg.${p}`);
  await page.getByRole('button', { name: 'Søk' }).click();
  await expect(page.getByRole('row', { name: /Odd Berg/ })).toContainText('Hjemmetjenesten sør');
});

test('someone who administers nothing is not offered the administration, and is told so if they go there', async ({ page }) => {
  await signIn(page, 'line.dahl@demo.kursbro.no');
  await expect(page).toHaveURL(/\/kompetanse$/);
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await expect(nav.getByRole('link', { name: 'Kompetanseoversikt' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Administrasjon' })).toHaveCount(0);
  for (const path of ['/admin', '/admin/personer', '/admin/import']) {
    await page.goto(path);
    await expect(page.getByText('Denne siden er for organisasjonens administratorer.')).toBeVisible();
  }
});

test('an admin makes a link, and the person opens it, chooses a password and is signed in', async ({ page, browser, baseURL, axe }) => {
  await signInAsAdmin(page);
  await page.goto('/admin/personer');
  await page.getByLabel('Søk etter navn eller e-post').fill('Tone Berntsen');
  await page.getByRole('button', { name: 'Søk' }).click();
  await page.getByRole('link', { name: 'Tone Berntsen' }).click();
  await page.getByRole('button', { name: 'Lag lenke for å velge passord' }).click();
  const link = page.getByLabel('Lenken – kopier den og gi den til personen');
  await expect(link).toBeFocused();
  const url = await link.inputValue();
  expect(url).toMatch(/\/invitasjon#[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(/^Lenken gjelder til \d\d\.\d\d\.\d{4}\.$/)).toBeVisible();

  // Tone, on her own phone: not signed in.
  const context = await browser.newContext({ baseURL });
  const tone = await context.newPage();
  await tone.goto(url);
  await expect(tone.getByRole('heading', { level: 1 })).toHaveText('Velg passord');
  await expect(tone.getByText('Velkommen, Tone Berntsen! Du logger inn i Kursbro med tone.berntsen@demo.kursbro.no (Nordvik kommune).')).toBeVisible();
  await tone.getByLabel('Nytt passord').fill('kort');
  await tone.getByRole('button', { name: 'Lagre passordet og logg inn' }).click();
  await expect(tone.locator('#invitation-error')).toHaveText('Det nye passordet må ha minst 10 tegn.');
  await axe(tone);
  await tone.getByLabel('Nytt passord').fill('bjørk og furu i vind');
  await tone.getByRole('button', { name: 'Lagre passordet og logg inn' }).click();
  await expect(tone).toHaveURL(/\/$/);
  await expect(tone.getByRole('link', { name: /Tone Berntsen/ })).toBeVisible();

  // The link worked once.
  await tone.goto(url);
  await expect(tone.getByText('Lenken er brukt, utløpt eller ikke hel. Be administratoren din om en ny.')).toBeVisible();
  await context.close();
});
