import { test, expect, signIn } from './fixtures';
import { execFileSync } from 'node:child_process';

// The grid shows 50 learners a page. The demo cohorts are far smaller, and the API adds
// learners only from people who exist, so the big cohort is written straight into the
// server's SQLite file (python3's sqlite3): a cohort of its own in Marte's organisation,
// with her as facilitator, so the tests that count the demo cohort's rows are untouched.
// Timestamps, the programme and the password hash are copied from the demo data, in the
// format the server wrote them.
const LEARNERS = 62;

const INSERT_BIG_COHORT = `
import json, sys, sqlite3
db_path, cohort_name, prefix, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db = sqlite3.connect(db_path, timeout=30)
with db:
    org, hash_, created, marte = db.execute(
        "SELECT organisation_id, password_hash, created_at, id FROM users WHERE email = 'marte.lie@demo.kursbro.no'").fetchone()
    programme, starts_on, cohort_created = db.execute(
        "SELECT programme_id, starts_on, created_at FROM cohorts WHERE name = 'Helseinformatikk høsten 2026'").fetchone()
    added = db.execute("SELECT MIN(added_at) FROM cohort_members").fetchone()[0]
    done_at = db.execute("SELECT MAX(completed_at) FROM activity_completions").fetchone()[0] or added
    row = db.execute("SELECT id FROM cohorts WHERE name = ?", (cohort_name,)).fetchone()
    cohort = row[0] if row else db.execute(
        "INSERT INTO cohorts (organisation_id, programme_id, name, starts_on, created_at) VALUES (?, ?, ?, ?, ?)",
        (org, programme, cohort_name, starts_on, cohort_created)).lastrowid
    db.execute("INSERT OR IGNORE INTO cohort_members (cohort_id, user_id, role, added_at) VALUES (?, ?, 'facilitator', ?)",
               (cohort, marte, added))
    names = []
    for i in range(1, count + 1):
        name = f"{prefix} {i:02d}"
        email = f"{prefix.lower().replace(' ', '.')}.{i:02d}@sidevisning.kursbro.test"
        # search_text as the server writes it (kursbro_shared::search::search_text).
        db.execute("INSERT OR IGNORE INTO users (organisation_id, email, name, password_hash, created_at, search_text) VALUES (?, ?, ?, ?, ?, ?)",
                   (org, email, name, hash_, created, (name + "\\n" + email).lower()))
        user = db.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()[0]
        db.execute("INSERT OR IGNORE INTO cohort_members (cohort_id, user_id, role, added_at) VALUES (?, ?, 'learner', ?)",
                   (cohort, user, added))
        names.append(name)
    # The last learner (on page 2 by name) has done every activity of the programme's
    # first module, so sorting by progress brings them to page 1.
    last = db.execute("SELECT id FROM users WHERE name = ?", (names[-1],)).fetchone()[0]
    db.execute("""INSERT OR IGNORE INTO activity_completions (user_id, activity_id, completed_at)
                  SELECT ?, a.id, ? FROM activities a
                  JOIN programme_modules pm ON pm.module_id = a.module_id
                  WHERE pm.programme_id = ? AND pm.position = 1""", (last, done_at, programme))
print(json.dumps({"cohort": cohort, "names": names}))
`;

test('a facilitator pages through a cohort of more than 50 learners', async ({ page, server }, testInfo) => {
  // Both projects may share one server and database: each gets its own cohort and people.
  const cohortName = `Stort kull for sidevisning (${testInfo.project.name})`;
  const prefix = `Sidetest ${testInfo.project.name}`;
  const out = execFileSync('python3', ['-c', INSERT_BIG_COHORT, server.dbPath, cohortName, prefix, String(LEARNERS)], {
    encoding: 'utf-8',
  });
  const { names } = JSON.parse(out) as { cohort: number; names: string[] };
  expect(names).toHaveLength(LEARNERS);
  const mover = names[LEARNERS - 1];

  await signIn(page, 'marte.lie@demo.kursbro.no');
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/kull');
  await page.getByRole('link', { name: cohortName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(cohortName);
  await expect(page.locator('.grid-summary dd').first()).toHaveText(String(LEARNERS));

  const rows = page.locator('.grid-table tbody tr');
  const shown = () => rows.locator('th').allTextContents();
  const status = page.locator('.grid-pager [role=status]');
  // The grid's pager (the member list below has one of its own).
  const next = page.locator('.grid-pager').getByRole('button', { name: 'Neste side', exact: true });
  const previous = page.locator('.grid-pager').getByRole('button', { name: 'Forrige side', exact: true });

  // Page 1: the first 50 by name.
  await expect(status).toHaveText('Side 1 av 2');
  await expect(rows).toHaveCount(50);
  const page1 = await shown();
  expect(page1).toEqual(names.slice(0, 50));
  await expect(previous).toBeDisabled();
  await expect(next).toBeEnabled();

  // Page 2: the rest, none of them also on page 1.
  await next.click();
  await expect(status).toHaveText('Side 2 av 2');
  await expect(rows).toHaveCount(LEARNERS - 50);
  const page2 = await shown();
  expect(page2).toEqual(names.slice(50));
  expect(page1.filter((n) => page2.includes(n))).toEqual([]);
  expect(new Set([...page1, ...page2])).toEqual(new Set(names));
  await expect(next).toBeDisabled();
  await expect(previous).toBeEnabled();

  // Back to page 1.
  await previous.click();
  await expect(status).toHaveText('Side 1 av 2');
  await expect(rows).toHaveCount(50);
  expect(await shown()).toEqual(page1);

  // Sorting from page 2 starts again at page 1, and sorts across pages: by progress,
  // highest first, the one learner with progress (last by name) leads page 1.
  await next.click();
  await expect(status).toHaveText('Side 2 av 2');
  await page.getByLabel('Sorter etter').selectOption('progress');
  await page.getByLabel('Synkende').check();
  await expect(status).toHaveText('Side 1 av 2');
  await expect(rows).toHaveCount(50);
  await expect(rows.first().locator('th')).toHaveText(mover);
  await expect(rows.first().locator('td.num')).not.toHaveText('0 %');
  await next.click();
  await expect(rows).toHaveCount(LEARNERS - 50);
  expect(await shown()).not.toContain(mover);

  // A filter pages too: without the one who has started, 61 rows are 50 + 11.
  await page.getByLabel('Sorter etter').selectOption('name');
  await page.getByLabel('Synkende').uncheck();
  await page.getByLabel('Vis').selectOption('not_started');
  await expect(status).toHaveText('Side 1 av 2');
  await expect(rows).toHaveCount(50);
  expect(await shown()).toEqual(names.slice(0, 50));
  await next.click();
  await expect(status).toHaveText('Side 2 av 2');
  await expect(rows).toHaveCount(LEARNERS - 1 - 50);
  expect(await shown()).toEqual(names.slice(50, LEARNERS - 1));

  // The member list below the grid pages too (25 a page) and is searched in the database:
  // the 62 learners and Marte are 63 people, on 3 pages, learners first by name.
  const members = page.locator('section.members');
  const memberStatus = members.locator('#members-status');
  const memberNames = members.locator('.member-list').first().locator('li > span:first-child');
  await expect(memberStatus).toHaveText('Side 1 av 3 · 63 personer');
  expect(await memberNames.allTextContents()).toEqual(names.slice(0, 25));
  await members.getByRole('button', { name: 'Neste side', exact: true }).click();
  await expect(memberStatus).toHaveText('Side 2 av 3 · 63 personer');
  await expect(memberStatus).toBeFocused();
  expect(await memberNames.allTextContents()).toEqual(names.slice(25, 50));
  await members.getByRole('button', { name: 'Neste side', exact: true }).click();
  await expect(memberStatus).toHaveText('Side 3 av 3 · 63 personer');
  expect(await memberNames.allTextContents()).toEqual([...names.slice(50), 'Marte Lie']);
  await expect(members.getByRole('button', { name: 'Neste side', exact: true })).toHaveCount(0);
  // A search starts at page 1: "07" is in one learner's name and address only.
  await members.getByLabel('Søk blant medlemmene').fill(`${prefix.toUpperCase()} 07`);
  await members.locator('.member-filter').getByRole('button', { name: 'Søk' }).click();
  await expect(memberStatus).toHaveText('Side 1 av 1 · 1 person');
  expect(await memberNames.allTextContents()).toEqual([names[6]]);
  await members.getByLabel('Søk blant medlemmene').fill('ingen slik person');
  await members.locator('.member-filter').getByRole('button', { name: 'Søk' }).click();
  await expect(members.getByText('Ingen medlemmer passer søket.')).toBeVisible();
});
