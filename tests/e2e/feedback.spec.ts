// Learners' feedback: Ola completes his hospital's internal course (two lessons), is asked
// what he thought of it, and answers; Sigrid (who writes for Høgskolen på Fjellstad) reads
// the summary of her organisation's modules, where too few answers show only their number.
import { test, expect, signIn } from './fixtures';

test('a learner who completed a module gives feedback; the provider sees only an anonymous summary', async ({ page, axe }) => {
  await signIn(page, 'ola.hansen@demo.kursbro.no');
  await expect(page.getByRole('link', { name: 'Min fremdrift' })).toBeVisible();
  await page.goto('/moduler/journalforing-i-dips');
  await page.getByRole('button', { name: 'Meld meg på' }).click();
  await expect(page.getByText('Du er påmeldt.')).toBeVisible();
  for (const lesson of ['Hvor dokumenterer du hva?', 'Tilgang og taushetsplikt']) {
    await page.getByRole('link', { name: lesson }).click();
    await page.getByRole('button', { name: 'Merk som fullført' }).click();
    await expect(page.locator('.status-done')).toHaveText('✓ Fullført');
    await page.getByRole('link', { name: 'Tilbake til modulen' }).click();
  }
  await expect(page.locator('.progress-text')).toHaveText('2 av 2 aktiviteter fullført');

  // Asked once it is completed; every question needs an answer.
  const form = page.locator('section.feedback-form');
  await expect(form.getByRole('heading', { name: 'Hva syntes du om modulen?' })).toBeVisible();
  await form.getByRole('button', { name: 'Send tilbakemeldingen' }).click();
  await expect(page.locator('#feedback-error')).toHaveText('Velg et tall fra 1 til 5 på hvert spørsmål.');
  await axe(page);
  await form.getByRole('group', { name: 'Hvor nyttig er modulen for arbeidet ditt?' }).getByLabel('5').check();
  await form.getByRole('group', { name: 'Stemte arbeidsmengden med det modulen sa?' }).getByLabel('4').check();
  await form.getByRole('group', { name: 'Hvor godt var innholdet?' }).getByLabel('4').check();
  await form.getByLabel(/Noe du vil si med egne ord/).fill('Nyttig før første vakt.');
  await form.getByRole('button', { name: 'Send tilbakemeldingen' }).click();
  await expect(page.getByText('Takk for tilbakemeldingen!')).toBeVisible();
  await page.reload();
  await expect(page.locator('.progress-text')).toHaveText('2 av 2 aktiviteter fullført');
  await expect(page.locator('section.feedback-form')).toHaveCount(0);

  // The provider's author reads a summary: three answers so far, so nothing but that.
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await signIn(page, 'sigrid.fjell@demo.kursbro.no');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Innhold' }).click();
  await page.getByRole('link', { name: 'Tilbakemeldinger' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tilbakemeldinger på modulene');
  const privacy = page.locator('section.feedback-summary', { has: page.getByRole('heading', { name: 'Personvern og informasjonssikkerhet i helsetjenesten' }) });
  await expect(privacy).toContainText('3 har svart. Sammendraget vises når minst 5 har svart.');
  await axe(page);
});
