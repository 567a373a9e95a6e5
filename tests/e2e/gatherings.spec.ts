// Gatherings: Hilde (an admin of Nordvik kommune, who runs its gatherings) makes a course
// event with one place; Sofie signs up and gets it, Magnus is put on the waitlist, Sofie
// cancels and Magnus moves up, is told so and downloads the calendar file; on a phone-sized
// screen Hilde marks attendance, which stays; a visitor reads and filters the course
// programme. Every gathering here is the test's own (a title unique per project), so the
// demo data's counts are untouched.
import * as fs from 'node:fs';
import { Browser, Page, request as playwrightRequest } from '@playwright/test';
import { test, expect, signIn, DEMO_PASSWORD } from './fixtures';

const HILDE = 'hilde.aas@demo.kursbro.no';
// Next year's spring is always ahead (sign-up open), whenever the tests run.
const Y = new Date().getFullYear() + 1;
/// The Norwegian weekday of a day (as the app writes dates: `tirsdag 16.03.2027`).
const weekday = (m: number, d: number) =>
  new Date(Date.UTC(Y, m - 1, d)).toLocaleDateString('nb-NO', { weekday: 'long', timeZone: 'UTC' });
const SOFIE = 'sofie.lie@demo.kursbro.no';
const MAGNUS = 'magnus.eide@demo.kursbro.no';

async function signedIn(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).not.toHaveURL(/logg-inn/);
}

async function newPerson(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signedIn(page, email);
  return { context, page };
}

/// Creates a gathering through the API as Hilde; answers its id.
async function createAsHilde(baseURL: string, input: Record<string, unknown>): Promise<number> {
  const api = await playwrightRequest.newContext({ baseURL });
  const login = await api.post('/api/v1/auth/login', { data: { email: HILDE, password: DEMO_PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const res = await api.post('/api/v1/gatherings', { data: input });
  expect(res.status(), await res.text()).toBe(201);
  const id = (await res.json()).gathering.id as number;
  await api.dispose();
  return id;
}

test('a course event with one place: sign-up, the waitlist moving up, the notice and the calendar file', async ({ page, browser, baseURL, axe }, testInfo) => {
  const title = `Forflytningsteknikk ${testInfo.project.name} ${Date.now()}`;
  // Hilde makes the course event with the form.
  const hilde = await newPerson(browser, baseURL!, HILDE);
  const h = hilde.page;
  await h.goto('/samlinger/ny');
  await expect(h.getByRole('heading', { level: 1 })).toHaveText('Ny samling');
  await h.getByRole('button', { name: 'Opprett samlingen' }).click();
  await expect(h.locator('#gathering-error')).toHaveText('Skriv en tittel på høyst 200 tegn.');
  await expect(h.getByLabel('Tittel', { exact: true })).toBeFocused();
  await h.getByLabel('Tittel', { exact: true }).fill(title);
  await h.getByLabel('Beskrivelse (du kan bruke Markdown)').fill('Ta med **arbeidstøy**.');
  await h.getByLabel('Starter (norsk tid)').fill(`${Y}-03-16T10:00`);
  await h.getByLabel('Slutter (norsk tid)').fill(`${Y}-03-16T09:00`);
  await h.getByRole('button', { name: 'Opprett samlingen' }).click();
  await expect(h.locator('#gathering-error')).toHaveText('Samlingen må slutte etter at den starter.');
  await expect(h.getByLabel('Slutter (norsk tid)')).toBeFocused();
  await h.getByLabel('Slutter (norsk tid)').fill(`${Y}-03-16T12:00`);
  await h.getByRole('button', { name: 'Opprett samlingen' }).click();
  await expect(h.locator('#gathering-error')).toHaveText('Fyll ut en adresse, en lenke til videomøtet, eller begge.');
  await expect(h.getByLabel('Adresse', { exact: true })).toBeFocused();
  await h.getByLabel('Adresse', { exact: true }).fill('Rådhusgata 1, Nordvik');
  await h.getByLabel('Rom (valgfritt)').fill('Møterom 2');
  await h.getByLabel('Antall plasser (valgfritt)').fill('1');
  await axe(h);
  await h.getByRole('button', { name: 'Opprett samlingen' }).click();
  await expect(h).toHaveURL(/\/samlinger\/\d+$/);
  await expect(h.getByRole('heading', { level: 1 })).toHaveText(title);
  const url = new URL(h.url()).pathname;
  // Oslo time, whatever the browser's zone.
  await expect(h.locator('.gathering-facts')).toContainText(`${weekday(3, 16)} 16.03.${Y} kl. 10:00–12:00`);
  await expect(h.locator('.gathering-facts')).toContainText('Rådhusgata 1, Nordvik, Møterom 2');
  await expect(h.locator('.gathering-description strong')).toHaveText('arbeidstøy');
  await expect(h.getByRole('link', { name: 'Endre' })).toBeVisible();

  // Sofie signs up and gets the one place.
  const sofie = await newPerson(browser, baseURL!, SOFIE);
  await sofie.page.goto(url);
  await sofie.page.getByRole('button', { name: 'Meld på' }).click();
  await expect(sofie.page.locator('#signup-status')).toHaveText('Du har fått plass.');
  await expect(sofie.page.locator('#signup-status')).toBeFocused();

  // Magnus (this test's page) finds it in the course programme and is put on the waitlist.
  await signedIn(page, MAGNUS);
  await page.goto(`/kursprogram/${Y}-var`);
  await page.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(page.locator('.gathering-facts')).toContainText('1 av 1 plasser tatt');
  await expect(page.locator('.gathering-facts')).toContainText('Fullt – venteliste');
  await page.getByRole('button', { name: 'Meld på' }).click();
  await expect(page.locator('#signup-status')).toHaveText('Du står på venteliste som nummer 1.');
  await axe(page);

  // Sofie cancels (asked once), and the place goes to Magnus.
  await sofie.page.getByRole('button', { name: 'Meld av' }).click();
  await expect(sofie.page.getByRole('button', { name: 'Ja, meld meg av' })).toBeFocused();
  await sofie.page.getByRole('button', { name: 'Ja, meld meg av' }).click();
  await expect(sofie.page.locator('#signup-status')).toHaveText('Du er meldt av.');
  await expect(sofie.page.getByRole('button', { name: 'Meld på' })).toBeVisible();
  await sofie.context.close();

  // Magnus is told: the header counts the notice, the notices page says what happened.
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await nav.getByRole('link', { name: /^Varsler, 1 uleste$/ }).click();
  await expect(page).toHaveURL(/\/varsler$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Varsler');
  const notice = page.getByRole('link', { name: `Du har fått plass på «${title}».` });
  await expect(notice).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Varsler', exact: true })).toBeVisible();
  await axe(page);
  await notice.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('#signup-status')).toHaveText('Du har fått plass.');
  await expect(page.getByRole('button', { name: 'Meld av' })).toBeVisible();

  // The calendar file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Last ned i kalender (.ics)' }).click(),
  ]);
  const ics = fs.readFileSync((await download.path())!, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics.replace(/\r\n[ \t]/g, '')).toContain(title);

  // "Mine samlinger" on the account page lists it.
  await page.goto('/konto');
  const mine = page.locator('section', { has: page.getByRole('heading', { name: 'Mine samlinger' }) });
  await expect(mine.getByRole('link', { name: title })).toBeVisible();
  await expect(mine).toContainText('Du har plass');
  await hilde.context.close();
});

test('on a phone-sized screen, whoever runs a gathering adds people and marks attendance, which stays', async ({ page, baseURL, axe }, testInfo) => {
  const title = `Munnstell i praksis ${testInfo.project.name} ${Date.now()}`;
  const id = await createAsHilde(baseURL!, {
    title, starts: `${Y}-04-07T13:00`, ends: `${Y}-04-07T15:00`, address: 'Helsehuset, Nordvik', capacity: 1,
  });
  await page.setViewportSize({ width: 360, height: 740 });
  await signedIn(page, HILDE);
  await page.goto(`/samlinger/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('heading', { name: 'Deltakere med plass' })).toBeVisible();
  await expect(page.getByText('Ingen har plass ennå.')).toBeVisible();

  // Sofie by e-mail gets the place, Magnus the waitlist.
  const email = page.getByLabel('E-postadresse');
  await email.fill(SOFIE);
  await page.getByRole('button', { name: 'Legg til deltaker' }).click();
  await expect(page.getByText(`${SOFIE} er lagt til og har fått plass.`)).toBeVisible();
  await email.fill(MAGNUS);
  await page.getByRole('button', { name: 'Legg til deltaker' }).click();
  await expect(page.getByText(`${MAGNUS} er lagt til på ventelisten som nummer 1.`)).toBeVisible();
  const waitlist = page.locator('ol.waitlist');
  await expect(waitlist.getByRole('listitem')).toHaveText([/Magnus Eide/]);

  // Attendance: three large choices per person, readable at 360 px.
  const row = page.locator('li.participant', { hasText: 'Sofie Lie' });
  const group = row.getByRole('group', { name: 'Oppmøte for Sofie Lie' });
  await expect(group.getByRole('radio')).toHaveCount(3);
  const present = group.getByRole('radio', { name: 'Til stede' });
  const box = await row.locator('.segment label').first().boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await axe(page);
  await present.check();
  await expect(row.getByText('Oppmøtet er lagret.')).toBeVisible();
  await page.reload();
  await expect(page.locator('li.participant', { hasText: 'Sofie Lie' }).getByRole('radio', { name: 'Til stede' })).toBeChecked();
  await expect(page.locator('li.participant', { hasText: 'Sofie Lie' }).getByRole('radio', { name: 'Ikke møtt' })).not.toBeChecked();

  // Removing Magnus from the waitlist.
  await waitlist.getByRole('button', { name: 'Fjern Magnus Eide fra listen' }).click();
  await expect(page.getByText('Ingen står på venteliste.')).toBeVisible();

  // Change the title, then copy it to a new date as a course of its own.
  await page.getByRole('link', { name: 'Endre' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Endre samlingen');
  await expect(page.getByLabel('Starter (norsk tid)')).toHaveValue(`${Y}-04-07T13:00`);
  await page.getByLabel('Tittel', { exact: true }).fill(`${title} (endret)`);
  await page.getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} (endret)`);
  await page.getByRole('link', { name: 'Kopier til ny dato' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kopier samlingen');
  await expect(page.getByText('Dette er en kopi. Velg ny dato og tid')).toBeVisible();
  await expect(page.getByLabel('Tittel', { exact: true })).toHaveValue(`${title} (endret)`);
  await expect(page.getByLabel('Starter (norsk tid)')).toHaveValue('');
  await page.getByLabel('Starter (norsk tid)').fill(`${Y}-05-05T13:00`);
  await page.getByLabel('Slutter (norsk tid)').fill(`${Y}-05-05T15:00`);
  await page.getByRole('button', { name: 'Opprett samlingen' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/samlinger/${id}$`));
  await expect(page).toHaveURL(/\/samlinger\/\d+$/);
  await expect(page.locator('.gathering-facts')).toContainText(`${weekday(5, 5)} 05.05.${Y} kl. 13:00–15:00`);

  // And cancels the copy, after saying what happens.
  await page.getByRole('button', { name: 'Avlys' }).click();
  await expect(page.getByText('Alle påmeldte får beskjed om at samlingen er avlyst.')).toBeVisible();
  await page.getByRole('button', { name: 'Ja, avlys samlingen' }).click();
  await expect(page.getByText('Avlyst – denne samlingen blir ikke noe av.')).toBeVisible();
});

test('anyone reads the course programme of a half-year and filters it, and the filter is in the address', async ({ page, baseURL, axe }, testInfo) => {
  const theme = `Tema ${testInfo.project.name} ${Date.now()}`;
  await createAsHilde(baseURL!, {
    title: `Demensomsorg i hjemmet ${testInfo.project.name}`, theme,
    starts: `${Y}-02-10T09:00`, ends: `${Y}-02-10T15:00`, address: 'Kulturhuset, Nordvik', capacity: 30,
  });
  await createAsHilde(baseURL!, {
    title: `Velferdsteknologi på video ${testInfo.project.name}`, theme,
    starts: `${Y}-03-03T12:00`, ends: `${Y}-03-03T13:00`, video_url: 'https://meet.example.no/velferd',
  });

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Kursprogram' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Kursprogram (vår|høst) \d{4}$/);
  await page.goto(`/kursprogram/${Y - 1}-host`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kursprogram høst ${Y - 1}`);
  await page.getByRole('link', { name: `Neste: vår ${Y}` }).click();
  await expect(page).toHaveURL(new RegExp(`/kursprogram/${Y}-var$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Kursprogram vår ${Y}`);
  await expect(page.getByRole('link', { name: `Demensomsorg i hjemmet ${testInfo.project.name}` })).toBeVisible();

  await page.getByLabel('Tema', { exact: true }).selectOption(theme);
  await expect(page).toHaveURL(/tema=/);
  const items = page.locator('.gathering-item');
  await expect(items).toHaveCount(2);
  await expect(page.getByRole('heading', { level: 2, name: `Februar ${Y}` })).toBeVisible();
  await expect(items.first()).toContainText(`${weekday(2, 10)} 10.02.${Y} kl. 09:00–15:00`);
  await expect(items.first()).toContainText('Nordvik kommune');
  await expect(items.first()).toContainText('30 ledige plasser');
  await page.getByLabel('Form', { exact: true }).selectOption('video');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(`Velferdsteknologi på video ${testInfo.project.name}`);
  await expect(items.first()).toContainText('Video');
  await expect(items.first()).toContainText('Ingen plassbegrensning');
  await axe(page);

  // The address keeps the filter: shared, it shows the same.
  const shared = new URL(page.url());
  expect(shared.searchParams.get('format')).toBe('video');
  await page.goto(shared.pathname + shared.search);
  await expect(page.locator('.gathering-item')).toHaveCount(1);
  await expect(page.getByLabel('Form', { exact: true })).toHaveValue('video');
  await expect(page.getByLabel('Tema', { exact: true })).toHaveValue(theme);

  // Dates narrow it; clearing shows the half-year again.
  await page.getByLabel('Form', { exact: true }).selectOption('');
  await page.getByLabel('Fra dato').fill(`${Y}-03-01`);
  await expect(page.locator('.gathering-item')).toHaveCount(1);
  await expect(page).toHaveURL(new RegExp(`fra=${Y}-03-01`));
  await page.getByRole('link', { name: 'Nullstill' }).click();
  await expect(page).toHaveURL(new RegExp(`/kursprogram/${Y}-var$`));

  // A visitor cannot sign up, but is shown how.
  await page.getByRole('link', { name: `Demensomsorg i hjemmet ${testInfo.project.name}` }).click();
  await expect(page.getByRole('link', { name: 'Logg inn for å melde deg på' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Last ned i kalender (.ics)' })).toBeVisible();
});
