//! A region's worth of data for the benchmarks (`make scale-data`, issue 15): organisations
//! with unit trees, hundreds of thousands of learners in cohorts, a catalogue of programmes
//! and mandatory courses, tens of millions of completions and learning events, discussions,
//! gatherings, competence plans and news.
//!
//! Written with `INSERT … SELECT` over a numbers table, so each table is one statement that
//! runs inside the database (row by row through a driver, 50 million rows would take hours).
//! Every row is a function of its number, so a run is repeatable and the benchmark knows
//! whom to sign in as ([`Filled`]). The statements are written once; the few places where
//! SQLite and PostgreSQL differ (time arithmetic, zero padding) are [`Dialect`] fragments.
//!
//! SQLite is filled over a direct connection without a journal (a fresh file that is thrown
//! away when a run fails), then put back in WAL mode; PostgreSQL in one session with
//! asynchronous commit and without foreign-key triggers (the rows are consistent by
//! construction). Both end with `ANALYZE`.

use std::time::Instant;

use anyhow::Context;
use chrono::{DateTime, Utc};

use super::Db;

/// How big a region is. [`Scale::region`] is issue 15's; the tests use a small one.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub organisations: i64,
    /// Learners of each organisation.
    pub learners_per_org: i64,
    /// Cohorts of each organisation: a quarter of them hold half its learners (the big
    /// cohorts), the rest share the other half.
    pub cohorts_per_org: i64,
    /// Programmes in the catalogue, each of [`Scale::modules_per_programme`] modules.
    pub programmes: i64,
    pub modules_per_programme: i64,
    /// Mandatory courses (statutory training with a validity), outside the programmes.
    pub courses: i64,
}

impl Scale {
    /// 500,000 learners in 10 organisations, 1,000 cohorts (250 of 1,000 learners), 200
    /// modules (9 programmes of 20, and 20 mandatory courses).
    pub fn region() -> Self {
        Scale {
            organisations: 10,
            learners_per_org: 50_000,
            cohorts_per_org: 100,
            programmes: 9,
            modules_per_programme: 20,
            courses: 20,
        }
    }

    /// Whether the arithmetic of the statements holds for this size: every cohort has
    /// learners enough for its posts and sign-ups, the plans' courses exist, and the people
    /// [`Filled`] names are in the first cohort.
    pub fn check(&self) -> anyhow::Result<()> {
        anyhow::ensure!(self.organisations >= 1, "at least one organisation");
        anyhow::ensure!(
            self.cohorts_per_org >= 2,
            "at least two cohorts an organisation"
        );
        anyhow::ensure!(self.courses >= 14, "the plans ask for 14 mandatory courses");
        anyhow::ensure!(
            self.programmes >= 1 && self.modules_per_programme >= 1,
            "a programme"
        );
        anyhow::ensure!(self.big_cohort() >= 10, "cohorts of at least 10 learners");
        let (small, last) = (self.small_cohort(), self.last_cohort());
        anyhow::ensure!(
            small >= SIGNUPS && last >= SIGNUPS,
            "every cohort needs {SIGNUPS} learners (the last one has {last})"
        );
        Ok(())
    }

    pub fn learners(&self) -> i64 {
        self.organisations * self.learners_per_org
    }

    /// Cohorts of the first kind, each of [`Scale::big_cohort`] learners.
    fn big_cohorts(&self) -> i64 {
        (self.cohorts_per_org / 4).max(1)
    }

    pub fn big_cohort(&self) -> i64 {
        (self.learners_per_org / 2) / self.big_cohorts()
    }

    fn small_cohort(&self) -> i64 {
        let rest = self.learners_per_org - self.big_cohort() * self.big_cohorts();
        let small = (self.cohorts_per_org - self.big_cohorts()).max(1);
        (rest + small - 1) / small
    }

    /// The learners of each organisation's last cohort (the rest of the small ones').
    fn last_cohort(&self) -> i64 {
        self.learners_per_org
            - self.big_cohorts() * self.big_cohort()
            - (self.cohorts_per_org - self.big_cohorts() - 1) * self.small_cohort()
    }

    fn programme_modules(&self) -> i64 {
        self.programmes * self.modules_per_programme
    }

    /// Staff of each organisation after its learners: an admin, the top unit's leader, a
    /// leader for each clinic, and one facilitator for each cohort.
    fn staff_per_org(&self) -> i64 {
        2 + CLINICS + self.cohorts_per_org
    }
}

/// Clinics under each organisation's top unit, and wards under each clinic.
const CLINICS: i64 = 20;
const WARDS: i64 = 10;
/// Activities in each module; the last one is a quiz.
const ACTIVITIES: i64 = 5;
/// Discussion threads of each cohort and of each module, and posts in each thread.
const COHORT_THREADS: i64 = 3;
const MODULE_THREADS: i64 = 2;
const POSTS: i64 = 20;
/// Gatherings of each cohort; people signed up for each.
const GATHERINGS: i64 = 2;
const SIGNUPS: i64 = 20;
/// News of each organisation.
const NEWS: i64 = 30;

/// Whom the benchmark signs in as and what it opens (everyone's password is the one the
/// caller hashed).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Filled {
    /// A learner in a big cohort, with progress in the programme and mandatory courses.
    pub learner: String,
    /// The facilitator of that cohort.
    pub facilitator: String,
    /// The leader of a clinic (2,520 people at region scale).
    pub leader: String,
    /// The admin of the learner's organisation (50,000 people at region scale).
    pub admin: String,
    pub cohort_id: i64,
    pub cohort_learners: i64,
    pub other_learner_id: i64,
    pub module_slug: String,
    pub programme_slug: String,
    pub course_slug: String,
    pub module_thread_id: i64,
    pub cohort_thread_id: i64,
    pub gathering_id: i64,
    /// Rows written, per table.
    pub rows: Vec<(String, i64)>,
}

/// The places where the two dialects differ.
#[derive(Debug, Clone, Copy)]
struct Dialect {
    postgres: bool,
}

impl Dialect {
    /// The moment `days` days before the base day at 07:00 UTC plus `minutes`.
    fn at(&self, base: &str, days: &str, minutes: &str) -> String {
        if self.postgres {
            format!(
                "(TIMESTAMPTZ '{base} 07:00:00+00' - ({days}) * INTERVAL '1 day' \
                 + ({minutes}) * INTERVAL '1 minute')"
            )
        } else {
            format!(
                "strftime('%Y-%m-%dT%H:%M:%S+00:00', '{base} 07:00:00', \
                 (-({days})) || ' days', ({minutes}) || ' minutes')"
            )
        }
    }

    /// The day `days` days before the base day.
    fn day(&self, base: &str, days: &str) -> String {
        if self.postgres {
            format!("(DATE '{base}' - CAST(({days}) AS INTEGER))")
        } else {
            format!("date('{base}', (-({days})) || ' days')")
        }
    }

    /// A line break in text.
    fn newline(&self) -> &'static str {
        if self.postgres {
            "chr(10)"
        } else {
            "char(10)"
        }
    }

    /// `n` as text, zero-padded to `width` digits.
    fn padded(&self, n: &str, width: usize) -> String {
        if self.postgres {
            format!("lpad(CAST(({n}) AS TEXT), {width}, '0')")
        } else {
            format!("printf('%0{width}d', {n})")
        }
    }
}

/// Where the rows go: a direct SQLite connection or a PostgreSQL session.
enum Target {
    Lite(rusqlite::Connection),
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
}

impl Target {
    async fn run(&mut self, sql: &str) -> anyhow::Result<u64> {
        match self {
            Target::Lite(c) => Ok(c.execute_batch(sql).map(|_| c.changes())?),
            Target::Postgres(c) => Ok(sqlx::raw_sql(sql).execute(&mut **c).await?.rows_affected()),
        }
    }

    async fn count(&mut self, table: &str) -> anyhow::Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        match self {
            Target::Lite(c) => Ok(c.query_row(&sql, [], |r| r.get(0))?),
            Target::Postgres(c) => Ok(sqlx::query_scalar(&sql).fetch_one(&mut **c).await?),
        }
    }
}

/// Fills the empty, migrated database behind `db` (which this closes: SQLite's file is
/// reopened without a journal) with a region of `scale`, dated up to `now`. Everyone signs
/// in with the password `password_hash` is of. Prints each table's time as it goes.
pub async fn fill(
    db: Db,
    scale: &Scale,
    password_hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Filled> {
    scale.check()?;
    let mut target = match &db {
        Db::Sqlite(_, readers) => {
            let path = readers
                .as_ref()
                .context("scale data needs an SQLite file, not an in-memory database")?
                .path()
                .to_path_buf();
            db.close().await;
            let conn = rusqlite::Connection::open(&path)?;
            // Leaving WAL needs the file alone, and the pool's connections close on their own
            // threads a moment after `close` returns; SQLite does not wait for them here (no
            // busy handler for a journal-mode change), so this does.
            let mut tries = 0;
            while let Err(e) = conn.execute_batch(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
                 PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY;",
            ) {
                let busy = e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy);
                if !busy || tries == 100 {
                    return Err(e.into());
                }
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Target::Lite(conn)
        }
        Db::Postgres(pool) => {
            let mut conn = pool.acquire().await?;
            sqlx::query("SET synchronous_commit = off")
                .execute(&mut *conn)
                .await?;
            // Foreign keys are not checked row by row (the rows are consistent by making).
            sqlx::query("SET session_replication_role = replica")
                .execute(&mut *conn)
                .await
                .context("filling PostgreSQL needs a superuser (session_replication_role)")?;
            Target::Postgres(conn)
        }
    };
    let d = Dialect {
        postgres: matches!(target, Target::Postgres(_)),
    };
    if target.count("users").await? > 0 {
        anyhow::bail!("the database already has people: scale data goes into an empty one");
    }
    let mut rows = Vec::new();
    for (table, sql) in statements(d, scale, password_hash, now) {
        let started = Instant::now();
        let n = target
            .run(&sql)
            .await
            .with_context(|| format!("filling {table}"))?;
        if !table.starts_with('(') {
            rows.push((table.to_string(), n as i64));
        }
        eprintln!(
            "  {table:<24} {n:>11} rows  {:>7.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let started = Instant::now();
    match &mut target {
        Target::Lite(c) => c.execute_batch("ANALYZE; PRAGMA journal_mode = WAL;")?,
        Target::Postgres(c) => {
            for table in IDENTITY_TABLES {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                     (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                ))
                .execute(&mut **c)
                .await?;
            }
            sqlx::query("SET session_replication_role = origin")
                .execute(&mut **c)
                .await?;
            sqlx::query("ANALYZE").execute(&mut **c).await?;
        }
    }
    eprintln!(
        "  {:<24} {:>11}       {:>7.1} s",
        "(analyze)",
        "",
        started.elapsed().as_secs_f64()
    );
    if let Target::Postgres(c) = target {
        drop(c);
        db.close().await;
    }
    Ok(who(scale, rows))
}

/// Tables whose ids the fill sets itself; PostgreSQL's identity sequences move past them.
const IDENTITY_TABLES: &[&str] = &[
    "organisations",
    "units",
    "professions",
    "users",
    "grants",
    "programmes",
    "modules",
    "activities",
    "quiz_questions",
    "quiz_options",
    "cohorts",
    "quiz_attempts",
    "threads",
    "posts",
    "gatherings",
    "gathering_signups",
    "plans",
    "plan_requirements",
    "external_completions",
    "news",
];

/// The people and things the benchmark uses, by the same arithmetic as the statements.
fn who(s: &Scale, rows: Vec<(String, i64)>) -> Filled {
    let org = 1;
    let learner = learner_id(s, org, 0) + 7; // in the organisation's first (big) cohort
    let staff = |k: i64| s.learners() + (org - 1) * s.staff_per_org() + k + 1;
    let facilitator = staff(2 + CLINICS); // the first cohort's
    let module_threads = s.programme_modules() + s.courses;
    Filled {
        learner: learner_email(learner),
        facilitator: staff_email(facilitator),
        leader: staff_email(staff(2)),
        admin: staff_email(staff(0)),
        cohort_id: 1,
        cohort_learners: s.big_cohort(),
        other_learner_id: learner + 1,
        module_slug: "region-modul-1".into(),
        programme_slug: "region-program-1".into(),
        course_slug: format!("region-modul-{}", s.programme_modules() + 1),
        module_thread_id: 1,
        cohort_thread_id: module_threads * MODULE_THREADS + 1,
        gathering_id: 1,
        rows,
    }
}

/// The id of learner `j` (from 0) of organisation `org` (from 1).
fn learner_id(s: &Scale, org: i64, j: i64) -> i64 {
    (org - 1) * s.learners_per_org + j + 1
}

fn learner_email(id: i64) -> String {
    format!("ansatt{id}@region.kursbro.no")
}

fn staff_email(id: i64) -> String {
    format!("leder{id}@region.kursbro.no")
}

/// Every statement, in order, named by the table it fills (a name in parentheses: a step
/// that fills none).
fn statements(
    d: Dialect,
    s: &Scale,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Vec<(&'static str, String)> {
    let base = now.format("%Y-%m-%d").to_string();
    let base = base.as_str();
    let orgs = s.organisations;
    let lorg = s.learners_per_org;
    let learners = s.learners();
    let kpo = s.cohorts_per_org;
    let cohorts = orgs * kpo;
    let staff = s.staff_per_org();
    let big_n = s.big_cohorts();
    let big = s.big_cohort();
    let small = s.small_cohort();
    let pmods = s.programme_modules();
    let modules = pmods + s.courses;
    let mpp = s.modules_per_programme;
    let programmes = s.programmes;
    let numbers = [
        learners,
        orgs * staff,
        modules * ACTIVITIES,
        modules * MODULE_THREADS + cohorts * COHORT_THREADS,
        cohorts * GATHERINGS,
        orgs * NEWS,
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let hash = password_hash.replace('\'', "''");
    // A learner's organisation and number in it, from the id `u`.
    let org_of = |u: &str| format!("(({u} - 1) / {lorg} + 1)");
    let j_of = |u: &str| format!("(({u} - 1) % {lorg})");
    // The cohort (its id) of learner `u`.
    let cohort_of = |u: &str| {
        let j = j_of(u);
        format!(
            "(({org} - 1) * {kpo} + CASE WHEN {j} < {big_n} * {big} THEN {j} / {big} \
             ELSE {big_n} + ({j} - {big_n} * {big}) / {small} END + 1)",
            org = org_of(u)
        )
    };
    // The first learner of cohort `c` (its id).
    let first_learner = |c: &str| {
        format!(
            "((({c} - 1) / {kpo}) * {lorg} + CASE WHEN ({c} - 1) % {kpo} < {big_n} \
             THEN (({c} - 1) % {kpo}) * {big} \
             ELSE {big_n} * {big} + (({c} - 1) % {kpo} - {big_n}) * {small} END + 1)"
        )
    };
    // The staff member `k` of organisation `o`, and the facilitator of cohort `c`.
    let staff_id = |o: &str, k: &str| format!("({learners} + ({o} - 1) * {staff} + {k} + 1)");
    let facilitator_of = |c: &str| {
        staff_id(
            &format!("(({c} - 1) / {kpo} + 1)"),
            &format!("({} + ({c} - 1) % {kpo})", 2 + CLINICS),
        )
    };
    // The programme a cohort follows; how many of its modules a learner has completed
    // (0 to 8 of 20), how many activities of the next, and which mandatory courses.
    let programme_of = |c: &str| format!("(({c} - 1) % {programmes} + 1)");
    let done_modules = |u: &str| format!("(({u} * 7919) % {})", mpp * 2 / 5 + 1);
    let done_in_next = |u: &str| format!("({u} % {ACTIVITIES})");
    let does_course = |u: &str, m: &str| {
        format!("(({u} * 31 + {m} * 17) % 20 < CASE WHEN {m} <= {pmods} + 8 THEN 9 ELSE 1 END)")
    };
    // The day a learner completed a module: programme modules within the last two years,
    // mandatory courses spread over 900 days so that some are valid, some due, some expired.
    let done_days = |u: &str, m: &str| {
        format!("(CASE WHEN {m} > {pmods} THEN ({u} * 13 + {m} * 7) % 900 ELSE ({u} * 3 + {m} * 11) % 700 END)")
    };
    let created = d.at(base, "1000", "0");
    let at = |days: &str, minutes: &str| d.at(base, days, minutes);
    let unit_of = |u: &str| {
        format!(
            "({o} * 1000 + {} + ({j} / 7) % {})",
            1 + CLINICS,
            CLINICS * WARDS,
            o = org_of(u),
            j = j_of(u)
        )
    };
    let names_first = "CASE n.i % 8 WHEN 0 THEN 'Åse' WHEN 1 THEN 'Øyvind' WHEN 2 THEN 'Kari' \
         WHEN 3 THEN 'Ola' WHEN 4 THEN 'Ingrid' WHEN 5 THEN 'Håkon' WHEN 6 THEN 'Sigrid' \
         ELSE 'Jørgen' END";
    let folded_first = "CASE n.i % 8 WHEN 0 THEN 'åse' WHEN 1 THEN 'øyvind' WHEN 2 THEN 'kari' \
         WHEN 3 THEN 'ola' WHEN 4 THEN 'ingrid' WHEN 5 THEN 'håkon' WHEN 6 THEN 'sigrid' \
         ELSE 'jørgen' END";
    let names_last = "CASE (n.i / 8) % 8 WHEN 0 THEN 'Hansen' WHEN 1 THEN 'Ødegård' \
         WHEN 2 THEN 'Berg' WHEN 3 THEN 'Dahl' WHEN 4 THEN 'Ærø' WHEN 5 THEN 'Lie' \
         WHEN 6 THEN 'Strand' ELSE 'Haugen' END";
    let folded_last = "CASE (n.i / 8) % 8 WHEN 0 THEN 'hansen' WHEN 1 THEN 'ødegård' \
         WHEN 2 THEN 'berg' WHEN 3 THEN 'dahl' WHEN 4 THEN 'ærø' WHEN 5 THEN 'lie' \
         WHEN 6 THEN 'strand' ELSE 'haugen' END";
    let themes = "CASE n.i % 6 WHEN 0 THEN 'Legemiddelhåndtering' WHEN 1 THEN 'Smittevern' \
         WHEN 2 THEN 'Førstehjelp' WHEN 3 THEN 'Demens' WHEN 4 THEN 'Dokumentasjon' \
         ELSE 'Psykisk helse' END";
    let text = |n: &str| format!("CAST({n} AS TEXT)");
    let learner_rows = format!(
        "SELECT n.i + 1, {org}, 'ansatt' || {id} || '@region.kursbro.no', \
         {names_first} || ' ' || {names_last} || ' ' || {id}, '{hash}', {created}, \
         {unit}, {joined}, {org} * 10 + (n.i / 3) % 5, TRUE, \
         {folded_first} || ' ' || {folded_last} || ' ' || {id} || {nl} || 'ansatt' || {id} \
         || '@region.kursbro.no' \
         FROM scale_numbers n WHERE n.i < {learners}",
        org = org_of("(n.i + 1)"),
        id = text("(n.i + 1)"),
        unit = unit_of("(n.i + 1)"),
        joined = d.day(base, "(n.i * 37) % 1500"),
        nl = d.newline(),
    );
    let staff_rows = format!(
        "SELECT {learners} + n.i + 1, n.i / {staff} + 1, 'leder' || {id} || '@region.kursbro.no', \
         'Leder ' || {id}, '{hash}', {created}, (n.i / {staff} + 1) * 1000, {joined}, \
         (n.i / {staff} + 1) * 10, TRUE, 'leder ' || {id} || {nl} || 'leder' || {id} \
         || '@region.kursbro.no' \
         FROM scale_numbers n WHERE n.i < {orgs} * {staff}",
        id = text(&format!("({learners} + n.i + 1)")),
        joined = d.day(base, "1000"),
        nl = d.newline(),
    );
    let event_id = format!(
        "{} || '-0000-4000-8000-' || {}",
        d.padded("ac.activity_id", 8),
        d.padded("ac.user_id", 12)
    );
    let v: Vec<(&'static str, String)> = vec![
        (
            "(numbers)",
            format!(
                "CREATE TABLE scale_numbers (i BIGINT PRIMARY KEY); \
                 INSERT INTO scale_numbers (i) \
                 WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < {}) \
                 SELECT i FROM r",
                numbers - 1
            ),
        ),
        (
            "organisations",
            format!(
                "INSERT INTO organisations (id, slug, name, kind, created_at) \
                 SELECT n.i + 1, 'region-org-' || {id}, \
                 CASE WHEN n.i % 2 = 0 THEN 'Helseforetak ' ELSE 'Kommune ' END || {id}, \
                 CASE WHEN n.i % 2 = 0 THEN 'hospital' ELSE 'municipality' END, {created} \
                 FROM scale_numbers n WHERE n.i < {orgs}",
                id = text("(n.i + 1)")
            ),
        ),
        (
            "units",
            // Unit o*1000 is organisation o's top; +1… its clinics; +21… their wards.
            format!(
                "INSERT INTO units (id, organisation_id, parent_id, code, name, created_at) \
                 SELECT o.id * 1000 + n.i, o.id, \
                 CASE WHEN n.i = 0 THEN NULL WHEN n.i <= {CLINICS} THEN o.id * 1000 \
                 ELSE o.id * 1000 + 1 + (n.i - {c1}) / {WARDS} END, \
                 'e' || {code}, \
                 CASE WHEN n.i = 0 THEN o.name WHEN n.i <= {CLINICS} THEN 'Klinikk ' || {code} \
                 ELSE 'Post ' || {code} END, {created} \
                 FROM organisations o JOIN scale_numbers n ON n.i < {c1} + {cw}",
                c1 = 1 + CLINICS,
                cw = CLINICS * WARDS,
                code = text("n.i"),
            ),
        ),
        (
            "professions",
            "INSERT INTO professions (id, organisation_id, code, name) \
                 SELECT o.id * 10 + n.i, o.id, \
                 CASE n.i WHEN 0 THEN 'sykepleier' WHEN 1 THEN 'helsefagarbeider' \
                 WHEN 2 THEN 'lege' WHEN 3 THEN 'helsesekretaer' ELSE 'annet' END, \
                 CASE n.i WHEN 0 THEN 'Sykepleier' WHEN 1 THEN 'Helsefagarbeider' \
                 WHEN 2 THEN 'Lege' WHEN 3 THEN 'Helsesekretær' ELSE 'Annet' END \
                 FROM organisations o JOIN scale_numbers n ON n.i < 5"
                .to_string(),
        ),
        (
            "users",
            format!(
                "INSERT INTO users (id, organisation_id, email, name, password_hash, created_at, \
                 unit_id, unit_joined_on, profession_id, active, search_text) {learner_rows}"
            ),
        ),
        (
            "users (staff)",
            format!(
                "INSERT INTO users (id, organisation_id, email, name, password_hash, created_at, \
                 unit_id, unit_joined_on, profession_id, active, search_text) {staff_rows}"
            ),
        ),
        (
            "grants",
            // Per organisation: its admin, the top unit's leader, each clinic's leader, and
            // each cohort's facilitator.
            format!(
                "INSERT INTO grants (id, user_id, kind, organisation_id, unit_id, created_at) \
                 SELECT n.i + 1, {learners} + n.i + 1, \
                 CASE WHEN n.i % {staff} = 0 THEN 'admin' \
                 WHEN n.i % {staff} <= {CLINICS} + 1 THEN 'leader' ELSE 'facilitator' END, \
                 CASE WHEN n.i % {staff} = 0 OR n.i % {staff} > {CLINICS} + 1 \
                 THEN n.i / {staff} + 1 END, \
                 CASE WHEN n.i % {staff} = 1 THEN (n.i / {staff} + 1) * 1000 \
                 WHEN n.i % {staff} <= {CLINICS} + 1 AND n.i % {staff} > 1 \
                 THEN (n.i / {staff} + 1) * 1000 + n.i % {staff} - 1 END, {created} \
                 FROM scale_numbers n WHERE n.i < {orgs} * {staff}"
            ),
        ),
        (
            "programmes",
            format!(
                "INSERT INTO programmes (id, slug, title, summary, description, credits, \
                 provider_id, published, created_at, shared_with_all) \
                 SELECT n.i + 1, 'region-program-' || {id}, 'Videreutdanning ' || {id}, \
                 'Et program for helse- og omsorgstjenesten.', \
                 'Tjue moduler som tas i den rekkefølgen som passer.', 60.0, \
                 n.i % {orgs} + 1, TRUE, {created}, TRUE \
                 FROM scale_numbers n WHERE n.i < {programmes}",
                id = text("(n.i + 1)")
            ),
        ),
        (
            "modules",
            format!(
                "INSERT INTO modules (id, slug, title, summary, description, kind, theme, \
                 language, credits, estimated_hours, validity_months, provider_id, published, \
                 created_at, search_text, shared_with_all) \
                 SELECT n.i + 1, 'region-modul-' || {id}, {themes} || ' ' || {id}, \
                 'Kort om modul ' || {id} || '.', \
                 'Modulen gir kunnskap og ferdigheter i ' || {themes} || '.', \
                 CASE WHEN n.i < {pmods} THEN 'programme_module' ELSE 'statutory_course' END, \
                 {themes}, 'nb', CASE WHEN n.i < {pmods} THEN 3.0 END, 20, \
                 CASE WHEN n.i < {pmods} THEN NULL ELSE 12 + 12 * (n.i % 2) END, \
                 n.i % {orgs} + 1, TRUE, {created}, \
                 lower({themes}) || ' ' || {id}, TRUE \
                 FROM scale_numbers n WHERE n.i < {modules}",
                id = text("(n.i + 1)")
            ),
        ),
        (
            "programme_modules",
            format!(
                "INSERT INTO programme_modules (programme_id, module_id, position, required) \
                 SELECT n.i / {mpp} + 1, n.i + 1, n.i % {mpp}, (n.i % {mpp} < {req}) \
                 FROM scale_numbers n WHERE n.i < {pmods}",
                req = mpp * 3 / 4
            ),
        ),
        (
            "activities",
            format!(
                "INSERT INTO activities (id, module_id, position, kind, title, summary, \
                 body_markdown, body_html, estimated_minutes, pass_mark_percent) \
                 SELECT n.i + 1, n.i / {ACTIVITIES} + 1, n.i % {ACTIVITIES}, \
                 CASE WHEN n.i % {ACTIVITIES} = {last} THEN 'quiz' ELSE 'lesson' END, \
                 'Del ' || {pos}, 'Om del ' || {pos}, \
                 'Les teksten og tenk på egen praksis.', \
                 '<p>Les teksten og tenk på egen praksis.</p>', 15, 80 \
                 FROM scale_numbers n WHERE n.i < {acts}",
                last = ACTIVITIES - 1,
                pos = text(&format!("(n.i % {ACTIVITIES} + 1)")),
                acts = modules * ACTIVITIES
            ),
        ),
        (
            "quiz_questions",
            "INSERT INTO quiz_questions (id, activity_id, position, prompt, multiple) \
                 SELECT a.module_id, a.id, 0, 'Hva er riktig?', FALSE \
                 FROM activities a WHERE a.kind = 'quiz'"
                .to_string(),
        ),
        (
            "quiz_options",
            format!(
                "INSERT INTO quiz_options (id, question_id, position, text, correct) \
                 SELECT (q.id - 1) * 3 + n.i + 1, q.id, n.i, 'Svar ' || {}, (n.i = 0) \
                 FROM quiz_questions q JOIN scale_numbers n ON n.i < 3",
                text("(n.i + 1)")
            ),
        ),
        (
            "cohorts",
            format!(
                "INSERT INTO cohorts (id, organisation_id, programme_id, name, starts_on, \
                 created_at) \
                 SELECT n.i + 1, n.i / {kpo} + 1, {prog}, 'Kull ' || {id}, {starts}, {created} \
                 FROM scale_numbers n WHERE n.i < {cohorts}",
                prog = programme_of("(n.i + 1)"),
                id = text("(n.i + 1)"),
                starts = d.day(base, "700 - n.i % 300"),
            ),
        ),
        (
            "cohort_members",
            format!(
                "INSERT INTO cohort_members (cohort_id, user_id, role, added_at) \
                 SELECT {cohort}, n.i + 1, 'learner', {created} \
                 FROM scale_numbers n WHERE n.i < {learners}",
                cohort = cohort_of("(n.i + 1)")
            ),
        ),
        (
            "cohort_members (staff)",
            format!(
                "INSERT INTO cohort_members (cohort_id, user_id, role, added_at) \
                 SELECT n.i + 1, {fac}, 'facilitator', {created} \
                 FROM scale_numbers n WHERE n.i < {cohorts}",
                fac = facilitator_of("(n.i + 1)")
            ),
        ),
        (
            "programme_enrolments",
            format!(
                "INSERT INTO programme_enrolments (user_id, programme_id, enrolled_at) \
                 SELECT cm.user_id, c.programme_id, {created} \
                 FROM cohort_members cm JOIN cohorts c ON c.id = cm.cohort_id \
                 WHERE cm.role = 'learner' ORDER BY cm.user_id"
            ),
        ),
        (
            "activity_completions",
            // Programme modules: the first `done_modules` by position, and some activities
            // of the next.
            format!(
                "INSERT INTO activity_completions (user_id, activity_id, completed_at) \
                 SELECT pe.user_id, a.id, {when} FROM programme_enrolments pe \
                 JOIN programme_modules pm ON pm.programme_id = pe.programme_id \
                 JOIN activities a ON a.module_id = pm.module_id \
                 WHERE pm.position < {dm} OR (pm.position = {dm} AND a.position < {dn})",
                when = at(&done_days("pe.user_id", "pm.module_id"), "a.position * 10"),
                dm = done_modules("pe.user_id"),
                dn = done_in_next("pe.user_id"),
            ),
        ),
        (
            "activity_completions (courses)",
            // Mandatory courses, whole, where `does_course`.
            format!(
                "INSERT INTO activity_completions (user_id, activity_id, completed_at) \
                 SELECT pe.user_id, a.id, {when} FROM programme_enrolments pe \
                 JOIN modules m ON m.id > {pmods} AND {course} \
                 JOIN activities a ON a.module_id = m.id",
                when = at(&done_days("pe.user_id", "m.id"), "a.position * 10"),
                course = does_course("pe.user_id", "m.id"),
            ),
        ),
        (
            "module_completions",
            format!(
                "INSERT INTO module_completions (user_id, module_id, completed_at) \
                 SELECT ac.user_id, a.module_id, MAX(ac.completed_at) \
                 FROM activity_completions ac JOIN activities a ON a.id = ac.activity_id \
                 GROUP BY ac.user_id, a.module_id HAVING COUNT(*) = {ACTIVITIES} \
                 ORDER BY ac.user_id, a.module_id"
            ),
        ),
        (
            "quiz_attempts",
            format!(
                "INSERT INTO quiz_attempts (user_id, activity_id, score_percent, passed, \
                 answers_json, submitted_at) \
                 SELECT ac.user_id, ac.activity_id, 80 + (ac.user_id % 3) * 10, TRUE, \
                 '[{{\"question_id\":' || {q} || ',\"option_ids\":[' || {o} || ']}}]', \
                 ac.completed_at \
                 FROM activity_completions ac JOIN activities a ON a.id = ac.activity_id \
                 WHERE a.kind = 'quiz' ORDER BY ac.user_id, ac.activity_id",
                q = text("a.module_id"),
                o = text("(a.module_id - 1) * 3 + 1"),
            ),
        ),
        (
            "learning_events",
            format!(
                "INSERT INTO learning_events (id, user_id, body_hash, receipt_json, \
                 occurred_at, received_at) \
                 SELECT {event_id}, ac.user_id, \
                 '9f2c4e1a7b3d5f6081a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a7b8', \
                 '{{\"id\":\"' || {event_id} || '\",\"duplicate\":false,\"quiz\":null,\
                 \"clock_adjusted\":false}}', ac.completed_at, ac.completed_at \
                 FROM activity_completions ac"
            ),
        ),
        (
            "threads",
            // Each module's threads, then each cohort's; POSTS posts in each.
            format!(
                "INSERT INTO threads (id, module_id, cohort_id, author_id, title, created_at, \
                 last_activity_at, last_post_id, reply_count) \
                 SELECT n.i + 1, \
                 CASE WHEN n.i < {mt} THEN n.i / {MODULE_THREADS} + 1 END, \
                 CASE WHEN n.i >= {mt} THEN (n.i - {mt}) / {COHORT_THREADS} + 1 END, \
                 CASE WHEN n.i < {mt} THEN (n.i * 7919) % {learners} + 1 ELSE {fac} END, \
                 'Spørsmål om ' || {id}, {start}, {last}, (n.i + 1) * {POSTS}, {replies} \
                 FROM scale_numbers n WHERE n.i < {mt} + {cohorts} * {COHORT_THREADS}",
                mt = modules * MODULE_THREADS,
                fac = facilitator_of(&format!(
                    "((n.i - {}) / {COHORT_THREADS} + 1)",
                    modules * MODULE_THREADS
                )),
                id = text("(n.i + 1)"),
                start = at("(n.i + 1) % 300 + 30", "0"),
                last = at("(n.i + 1) % 300 + 30", &((POSTS - 1) * 60).to_string()),
                replies = POSTS - 1,
            ),
        ),
        (
            "posts",
            format!(
                "INSERT INTO posts (id, thread_id, author_id, body_markdown, body_html, \
                 created_at) \
                 SELECT (t.id - 1) * {POSTS} + n.i + 1, t.id, \
                 CASE WHEN n.i = 0 THEN t.author_id WHEN t.cohort_id IS NULL \
                 THEN (t.id * 31 + n.i * 7919) % {learners} + 1 \
                 ELSE {first} + (n.i * 13) % {authors} END, \
                 'Hvordan gjør dere dette på deres post? Vi har gode erfaringer med å \
                 dobbeltkontrollere før utdeling, men det tar tid på travle vakter.', \
                 '<p>Hvordan gjør dere dette på deres post? Vi har gode erfaringer med å \
                 dobbeltkontrollere før utdeling, men det tar tid på travle vakter.</p>', \
                 {when} \
                 FROM threads t JOIN scale_numbers n ON n.i < {POSTS}",
                first = first_learner("t.cohort_id"),
                authors = small.min(s.last_cohort()).min(50),
                when = at("t.id % 300 + 30", "n.i * 60"),
            ),
        ),
        (
            "gatherings",
            format!(
                "INSERT INTO gatherings (id, organisation_id, programme_id, cohort_id, \
                 gathering_id, title, description_markdown, description_html, starts_at, \
                 ends_at, address, room, capacity, mandatory, created_by, created_at) \
                 SELECT n.i + 1, c.organisation_id, c.programme_id, c.id, n.i + 1, \
                 'Samling ' || {no} || ' for ' || c.name, 'Vi møtes og går gjennom caser.', \
                 '<p>Vi møtes og går gjennom caser.</p>', {starts}, {ends}, \
                 'Sykehusveien 1', 'Auditoriet', 40, FALSE, {fac}, {created} \
                 FROM cohorts c JOIN scale_numbers n \
                 ON n.i >= (c.id - 1) * {GATHERINGS} AND n.i < c.id * {GATHERINGS}",
                no = text(&format!("(n.i % {GATHERINGS} + 1)")),
                starts = at("-(n.i % 60) - 1", "120"),
                ends = at("-(n.i % 60) - 1", "300"),
                fac = facilitator_of("c.id"),
            ),
        ),
        (
            "gathering_signups",
            format!(
                "INSERT INTO gathering_signups (id, gathering_id, user_id, status, signed_up_at) \
                 SELECT (g.id - 1) * {SIGNUPS} + n.i + 1, g.id, {first} + n.i, 'confirmed', \
                 {created} \
                 FROM gatherings g JOIN scale_numbers n ON n.i < {signups}",
                signups = SIGNUPS,
                first = first_learner("g.cohort_id"),
            ),
        ),
        (
            "plans",
            // Per organisation: a plan for everyone, one for nurses, one for the first ward.
            format!(
                "INSERT INTO plans (id, organisation_id, unit_id, include_sub_units, name, \
                 created_at) \
                 SELECT (o.id - 1) * 3 + n.i + 1, o.id, \
                 CASE WHEN n.i = 2 THEN o.id * 1000 + {ward} END, TRUE, \
                 CASE n.i WHEN 0 THEN 'Obligatorisk for alle' WHEN 1 THEN 'Sykepleiere' \
                 ELSE 'Postens egne krav' END, {created} \
                 FROM organisations o JOIN scale_numbers n ON n.i < 3",
                ward = 1 + CLINICS
            ),
        ),
        (
            "plan_professions",
            "INSERT INTO plan_professions (plan_id, profession_id) \
             SELECT p.id, p.organisation_id * 10 FROM plans p WHERE p.name = 'Sykepleiere'"
                .to_string(),
        ),
        (
            "plan_requirements",
            // Per organisation: courses 1–5 for everyone (yearly from completion, every 2 years
            // from expiry, every 1 January), courses 6–7 for nurses, and courses 11–14 and the
            // first programme for the first ward.
            format!(
                "INSERT INTO plan_requirements (id, plan_id, module_id, programme_id, position, \
                 due_days_after_join, recert_months, recert_from, fixed_month, fixed_day, \
                 window_days) \
                 SELECT (p.id - 1) * 5 + n.i + 1, p.id, \
                 CASE WHEN n.i = 4 AND (p.id - 1) % 3 = 2 THEN NULL \
                 ELSE {pmods} + ((p.id - 1) % 3) * 5 + n.i + 1 END, \
                 CASE WHEN n.i = 4 AND (p.id - 1) % 3 = 2 THEN 1 END, n.i, 60, \
                 CASE WHEN n.i = 4 AND (p.id - 1) % 3 = 2 THEN NULL \
                 WHEN n.i % 3 = 0 THEN 12 WHEN n.i % 3 = 1 THEN 24 ELSE 12 END, \
                 CASE WHEN n.i = 4 AND (p.id - 1) % 3 = 2 THEN NULL \
                 WHEN n.i % 3 = 0 THEN 'completion' WHEN n.i % 3 = 1 THEN 'expiry' \
                 ELSE 'fixed' END, \
                 CASE WHEN n.i % 3 = 2 AND NOT (n.i = 4 AND (p.id - 1) % 3 = 2) THEN 1 END, \
                 CASE WHEN n.i % 3 = 2 AND NOT (n.i = 4 AND (p.id - 1) % 3 = 2) THEN 1 END, 60 \
                 FROM plans p JOIN scale_numbers n ON n.i < CASE (p.id - 1) % 3 \
                 WHEN 0 THEN 5 WHEN 1 THEN 2 ELSE 5 END"
            ),
        ),
        (
            "external_completions",
            format!(
                "INSERT INTO external_completions (id, user_id, module_id, completed_on, note, \
                 approved_by, approved_at) \
                 SELECT n.i + 1, n.i * 100 + 1, {course}, {day}, \
                 'Praktisk HLR-trening med instruktør', {leader}, {created} \
                 FROM scale_numbers n WHERE n.i < {learners} / 100",
                course = pmods + 1,
                day = d.day(base, "(n.i * 7) % 400"),
                leader = staff_id(&org_of("(n.i * 100 + 1)"), "1"),
            ),
        ),
        (
            "news",
            format!(
                "INSERT INTO news (id, organisation_id, author_id, title, body_markdown, \
                 body_html, shared_with_all, published_at) \
                 SELECT n.i + 1, n.i / {NEWS} + 1, {admin}, 'Nytt kurs ' || {id}, \
                 'Et nytt kurs er lagt ut i katalogen.', \
                 '<p>Et nytt kurs er lagt ut i katalogen.</p>', (n.i % 3 = 0), {when} \
                 FROM scale_numbers n WHERE n.i < {orgs} * {NEWS}",
                admin = staff_id(&format!("(n.i / {NEWS} + 1)"), "0"),
                id = text("(n.i + 1)"),
                when = at("n.i % 200", "0"),
            ),
        ),
        ("(numbers dropped)", "DROP TABLE scale_numbers".to_string()),
    ];
    v
}
