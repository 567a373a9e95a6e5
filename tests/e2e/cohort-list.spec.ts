import { test, expect, signIn } from './fixtures';
import { execFileSync } from 'node:child_process';

// The cohort list shows 20 cohorts a page. Nobody in the demo is in that many, so a person
// in 22 cohorts is written straight into the server's SQLite file (python3's sqlite3), with
// people and cohorts of their own, so other tests' lists are untouched.
const COHORTS = 22;

const INSERT_MANY_COHORTS = `
import json, sys, sqlite3
db_path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
db = sqlite3.connect(db_path, timeout=30)
with db:
    org, hash_, created = db.execute(
        "SELECT organisation_id, password_hash, created_at FROM users WHERE email = 'marte.lie@demo.kursbro.no'").fetchone()
    programme, cohort_created, added = db.execute(
        "SELECT c.programme_id, c.created_at, MIN(cm.added_at) FROM cohorts c JOIN cohort_members cm ON cm.cohort_id = c.id WHERE c.name = 'Helseinformatikk høsten 2026'").fetchone()
    name = prefix + " deltaker"
    email = prefix.lower().replace(" ", ".") + "@kull.kursbro.test"
    db.execute("INSERT OR IGNORE INTO users (organisation_id, email, name, password_hash, created_at, search_text) VALUES (?, ?, ?, ?, ?, ?)",
               (org, email, name, hash_, created, (name + "\\n" + email).lower()))
    user = db.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()[0]
    names = []
    for i in range(1, count + 1):
        cohort_name = f"{prefix} kull {i:02d}"
        row = db.execute("SELECT id FROM cohorts WHERE name = ?", (cohort_name,)).fetchone()
        cohort = row[0] if row else db.execute(
            "INSERT INTO cohorts (organisation_id, programme_id, name, starts_on, created_at) VALUES (?, ?, ?, ?, ?)",
            (org, programme, cohort_name, f"2030-01-{i:02d}", cohort_created)).lastrowid
        db.execute("INSERT OR IGNORE INTO cohort_members (cohort_id, user_id, role, added_at) VALUES (?, ?, 'learner', ?)",
                   (cohort, user, added))
        names.append(cohort_name)
print(json.dumps({"email": email, "names": names}))
`;

test('a person in more than 20 cohorts pages through the cohort list, newest first', async ({ page, server, axe }, testInfo) => {
  const prefix = `Listetest ${testInfo.project.name}`;
  const out = execFileSync('python3', ['-c', INSERT_MANY_COHORTS, server.dbPath, prefix, String(COHORTS)], {
    encoding: 'utf-8',
  });
  const { email, names } = JSON.parse(out) as { email: string; names: string[] };
  const newestFirst = [...names].reverse();

  await signIn(page, email);
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/kull');
  const titles = page.locator('.cohort-list .card-title');
  const status = page.locator('#cohorts-status');
  const pager = page.getByRole('navigation', { name: 'Kull' });
  await expect(status).toHaveText('Side 1 av 2');
  await expect(titles).toHaveCount(20);
  expect(await titles.allTextContents()).toEqual(newestFirst.slice(0, 20));
  await axe(page);

  await pager.getByRole('button', { name: 'Neste side', exact: true }).click();
  await expect(status).toHaveText('Side 2 av 2');
  await expect(status).toBeFocused();
  expect(await titles.allTextContents()).toEqual(newestFirst.slice(20));
  await expect(pager.getByRole('button', { name: 'Neste side', exact: true })).toHaveCount(0);

  await pager.getByRole('button', { name: 'Forrige side', exact: true }).click();
  await expect(status).toHaveText('Side 1 av 2');
  expect(await titles.allTextContents()).toEqual(newestFirst.slice(0, 20));
});
