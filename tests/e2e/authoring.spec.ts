// Authoring: Sigrid (author for Høgskolen på Fjellstad) creates a module with a lesson that
// shows an uploaded image and a quiz, orders its activities with the keyboard, is told what
// to fix, and publishes it shared only with Nordvik kommune. Ali of Nordvik finds it, enrols,
// completes it and leaves feedback; Ola of the hospital cannot find it.
import { test, expect, signIn } from './fixtures';

// A one-pixel PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001' +
  '0d0a2db40000000049454e44ae426082',
  'hex',
);
const TITLE = 'Forebygging av trykksår';

test('an author publishes a module for one municipality; its learner completes it, others never see it', async ({ page, axe }, testInfo) => {
  // The module's page asks the server, which answers 404 for those it is not shared with.
  testInfo.annotations.push({ type: 'expected-console', description: 'the server responded with a status of 404' });
  await signIn(page, 'sigrid.fjell@demo.kursbro.no');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innhold' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Innhold');
  await expect(page.getByRole('link', { name: 'Personvern og informasjonssikkerhet i helsetjenesten' })).toBeVisible();
  await axe(page);

  // A new module: the address follows the title.
  const newModule = page.getByRole('region', { name: 'Ny modul' });
  await newModule.getByLabel('Tittel', { exact: true }).fill(TITLE);
  await expect(newModule.getByLabel('Adresse')).toHaveValue('forebygging-av-trykksar');
  await newModule.getByRole('button', { name: 'Opprett modul' }).click();
  await expect(page).toHaveURL(/\/innhold\/moduler\/forebygging-av-trykksar$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.getByText('Ikke publisert', { exact: true })).toBeVisible();

  await page.getByLabel('Kort beskrivelse').fill('Risikovurdering, snuregime og hudobservasjon.');
  await page.getByLabel('Tema').fill('Pasientsikkerhet');
  // A programme module (the catalogue's mandatory courses stay as other tests know them).
  await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Modul i et studieprogram' });
  await page.getByLabel('Bare vår organisasjon og disse:').check();
  await page.getByLabel('Nordvik kommune').check();

  // A lesson with an uploaded image, previewed as the server renders it.
  await page.getByRole('button', { name: 'Legg til aktivitet' }).click();
  const lesson = page.locator('li.activity-editor').nth(0);
  await expect(lesson.getByLabel('Tittel', { exact: true })).toBeFocused();
  await lesson.getByLabel('Tittel', { exact: true }).fill('Risikovurdering');
  await lesson.getByLabel('Tekst (Markdown)').fill('## Braden-skala\n\nVurder huden **hver dag**.');
  await lesson.getByRole('button', { name: 'Last opp bilde' }).click();
  await expect(lesson.locator('.form-error')).toHaveText('Beskriv hva bildet viser før du laster det opp.');
  await lesson.getByLabel('Hva bildet viser (for skjermlesere)').fill('Trykkpunkter på kroppen');
  await lesson.getByLabel('Bildefil').setInputFiles({ name: 'trykkpunkter.png', mimeType: 'image/png', buffer: PNG });
  await lesson.getByRole('button', { name: 'Last opp bilde' }).click();
  await expect(lesson.getByText('Bildet er lagt inn i teksten.')).toBeVisible();
  await expect(lesson.getByLabel('Tekst (Markdown)')).toHaveValue(/!\[Trykkpunkter på kroppen\]\(\/api\/v1\/images\/\d+\)/);
  await lesson.getByRole('button', { name: 'Forhåndsvis' }).click();
  const preview = lesson.locator('.lesson-preview');
  await expect(preview.getByRole('heading', { name: 'Braden-skala' })).toBeVisible();
  await expect(preview.getByRole('img', { name: 'Trykkpunkter på kroppen' })).toBeVisible();
  await expect.poll(() => preview.locator('img').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1);
  // The open preview follows the text.
  await lesson.getByLabel('Tekst (Markdown)').press('ControlOrMeta+End');
  await page.keyboard.type('\n\n## Snuregime');
  await expect(preview.getByRole('heading', { name: 'Snuregime' })).toBeVisible();

  // A quiz, moved first with the keyboard, and back.
  await page.getByLabel('Ny aktivitet av typen').selectOption({ label: 'Quiz' });
  await page.getByRole('button', { name: 'Legg til aktivitet' }).click();
  const quiz = page.locator('li.activity-editor').nth(1);
  await quiz.getByLabel('Tittel', { exact: true }).fill('Test deg selv');
  await quiz.getByLabel('Spørsmål', { exact: true }).fill('Hvor ofte snus en sengeliggende pasient med høy risiko?');
  await quiz.getByRole('textbox', { name: 'Svar 1' }).fill('Hver 2.–4. time');
  await quiz.getByRole('checkbox', { name: 'Riktig', exact: true }).first().check();
  await quiz.getByLabel('Forklaring (valgfritt)').fill('Hyppig snuing avlaster trykkpunktene.');
  await quiz.getByRole('button', { name: 'Flytt «Test deg selv» opp' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('li.activity-editor h3').first()).toContainText('1. Test deg selv');
  await expect(page.getByRole('button', { name: 'Flytt «Test deg selv» ned' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('li.activity-editor h3').first()).toContainText('1. Risikovurdering');
  await axe(page);

  // The second option is empty: said where, and focus goes there.
  await page.getByRole('button', { name: 'Publiser …' }).click();
  await expect(page.locator('#editor-problem')).toHaveText('Aktivitet 2, spørsmål 1, svar 2: Svaret må fylles ut.');
  await expect(quiz.getByRole('textbox', { name: 'Svar 2' })).toBeFocused();
  await quiz.getByRole('textbox', { name: 'Svar 2' }).fill('En gang i døgnet');

  await page.getByRole('button', { name: 'Publiser …' }).click();
  const impact = page.locator('section.impact');
  await expect(impact.getByRole('heading', { name: 'Dette skjer når du publiserer' })).toBeFocused();
  await expect(impact.getByRole('listitem')).toHaveText(['Risikovurdering – ny', 'Test deg selv – ny']);
  await axe(page);
  await impact.getByRole('button', { name: 'Publiser nå' }).click();
  await expect(page.locator('#publish-status')).toHaveText('Publisert. Deltakerne ser nå den nye versjonen.');
  await expect(page.getByText('Publisert', { exact: true })).toBeVisible();
  // Downloaded as a zip, and imported again: a new draft of the same module.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Last ned som zip' }).click();
  expect((await download).suggestedFilename()).toBe('forebygging-av-trykksar.zip');
  const zip = await (await download).path();
  await page.getByRole('link', { name: 'Innhold', exact: true }).first().click();
  await expect(page.locator('.change-log')).toContainText('Sigrid Fjell publiserte (2 nye, 0 endret, 0 fjernet aktiviteter): Forebygging av trykksår');
  await page.getByLabel('Zip-fil').setInputFiles(zip);
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  await expect(page).toHaveURL(/\/innhold\/moduler\/forebygging-av-trykksar$/);
  await expect(page.getByText('Upubliserte endringer', { exact: true })).toBeVisible();
  await expect(page.locator('li.activity-editor h3')).toHaveText(['1. Risikovurdering Leksjon', '2. Test deg selv Quiz']);

  // Ali of Nordvik finds it, enrols and completes it.
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await signIn(page, 'ali.hassan@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Min fremdrift' })).toBeVisible();
  await page.goto('/katalog');
  await page.getByLabel('Søk i katalogen').fill('trykksår');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await page.getByRole('button', { name: 'Meld meg på' }).click();
  await expect(page.getByText('Du er påmeldt.')).toBeVisible();
  await page.getByRole('link', { name: 'Risikovurdering' }).click();
  const img = page.getByRole('img', { name: 'Trykkpunkter på kroppen' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(1);
  await axe(page);
  await page.getByRole('button', { name: 'Merk som fullført' }).click();
  await expect(page.locator('.status-done')).toHaveText('✓ Fullført');
  await page.getByRole('link', { name: 'Tilbake til modulen' }).click();
  await page.getByRole('link', { name: 'Test deg selv' }).click();
  await page.getByLabel('Hver 2.–4. time').check();
  await page.getByRole('button', { name: 'Send inn svarene' }).click();
  await expect(page.locator('.quiz-result')).toContainText('Bestått');
  await expect(page.locator('.quiz-explanations')).toContainText('Hyppig snuing avlaster trykkpunktene.');
  await page.getByRole('link', { name: 'Tilbake til modulen' }).click();
  await expect(page.locator('.progress-text')).toHaveText('2 av 2 aktiviteter fullført');
  const form = page.locator('section.feedback-form');
  await form.getByRole('group', { name: 'Hvor nyttig er modulen for arbeidet ditt?' }).getByLabel('5').check();
  await form.getByRole('group', { name: 'Stemte arbeidsmengden med det modulen sa?' }).getByLabel('4').check();
  await form.getByRole('group', { name: 'Hvor godt var innholdet?' }).getByLabel('5').check();
  await form.getByRole('button', { name: 'Send tilbakemeldingen' }).click();
  await expect(page.getByText('Takk for tilbakemeldingen!')).toBeVisible();
  await axe(page);

  // Ola of the hospital: it is not there for him, in the catalogue or by its address.
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await signIn(page, 'ola.hansen@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Min fremdrift' })).toBeVisible();
  await page.goto('/katalog');
  await page.getByLabel('Søk i katalogen').fill('trykksår');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page.getByText('Ingen moduler passer søket. Prøv andre ord eller færre filtre.')).toBeVisible();
  await expect(page.getByRole('link', { name: TITLE })).toHaveCount(0);
  await page.goto('/moduler/forebygging-av-trykksar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modulen finnes ikke');
});

test('an author gathers published modules into a study programme for one municipality', async ({ page, axe }) => {
  await signIn(page, 'sigrid.fjell@demo.kursbro.no');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innhold' }).click();
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Nytt studieprogram' }) });
  await form.getByLabel('Tittel', { exact: true }).fill('Sårbehandling');
  await expect(form.getByLabel('Adresse')).toHaveValue('sarbehandling');
  await form.getByRole('button', { name: 'Opprett studieprogram' }).click();
  await expect(page).toHaveURL(/\/innhold\/programmer\/sarbehandling$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sårbehandling');

  await page.getByLabel('Kort beskrivelse').fill('Forebygging og behandling av sår.');
  await page.getByLabel('Studiepoeng').fill('7,5');
  await page.getByLabel('Bare vår organisasjon og disse:').check();
  await page.getByLabel('Nordvik kommune').check();
  // Published without a module that counts: said, and focus goes to where modules are found.
  await page.getByLabel('Publisert (deltakerne ser programmet)').check();
  await page.getByRole('button', { name: 'Lagre programmet' }).click();
  await expect(page.locator('#programme-problem')).toHaveText('Et publisert program må ha minst én modul som teller for å fullføre det.');
  await expect(page.getByLabel('Finn en modul å legge til')).toBeFocused();

  // Modules found in the catalogue: another provider's too.
  await page.getByLabel('Finn en modul å legge til').fill('personvern');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Legg til «Personvern og informasjonssikkerhet i helsetjenesten»' }).click();
  await page.getByLabel('Finn en modul å legge til').fill('hjerte');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await page.getByRole('button', { name: /^Legg til «Hjerte-lunge-redning/ }).click();
  const rows = page.locator('li.programme-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByLabel('Teller for å fullføre programmet').uncheck();
  await rows.nth(1).getByRole('button', { name: /^Flytt .* opp$/ }).click();
  await expect(rows.first()).toContainText('Hjerte-lunge-redning');
  await axe(page);
  await page.getByRole('button', { name: 'Lagre programmet' }).click();
  await expect(page.getByText('Programmet er lagret.')).toBeVisible();

  // Ali of Nordvik sees it: one module counts.
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await signIn(page, 'ali.hassan@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Min fremdrift' })).toBeVisible();
  await page.goto('/programmer/sarbehandling');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sårbehandling');
  await expect(page.locator('li[data-module="personvern-og-informasjonssikkerhet"]')).toBeVisible();
  await axe(page);
});
