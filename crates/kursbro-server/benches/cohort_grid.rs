//! The cohort grid for 1,000 learners × 20 modules (5 activities each, about half done),
//! timed as the handler runs it: `cohorts::grid` — a fixed number of queries plus the
//! shared grid rules.
//!
//! Run: `make bench`. Target (issue 5): ≤ 50 ms on the project's 2-core machines.
//! With `KURSBRO_BENCH_DB=path` the database is written there and kept, with a facilitator
//! `bench.facilitator@demo.kursbro.no` (password `kursbro-demo`), so the browser
//! measurement (`scripts/measure-grid-render.cjs`) can render the same cohort.

use std::time::{Duration, Instant};

use chrono::{Duration as ChronoDuration, NaiveDate, Utc};
use kursbro_server::cohorts::{facilitated, grid};
use kursbro_server::db::connect_and_migrate;
use kursbro_server::session::AuthUser;
use kursbro_shared::api::{OrganisationKind, OrganisationRef, Role};

const LEARNERS: i64 = 1_000;
const MODULES: i64 = 20;
const ACTIVITIES: i64 = 5;
const RUNS: usize = 100;

/// A small deterministic generator, so every run seeds the same data.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

async fn seed(db: &sqlx::SqlitePool) -> i64 {
    let now = Utc::now();
    let hash = kursbro_server::password::hash("kursbro-demo").unwrap();
    let mut tx = db.begin().await.unwrap();
    sqlx::query("INSERT INTO organisations (id, slug, name, kind, created_at) VALUES (1, 'storby', 'Storby kommune', 'municipality', ?)")
        .bind(now).execute(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO programmes (id, slug, title, summary, description, credits, provider_id, created_at)
                 VALUES (1, 'stort-program', 'Stort program', '', '', 100, 1, ?)")
        .bind(now).execute(&mut *tx).await.unwrap();
    let mut activity_ids = Vec::new();
    for m in 0..MODULES {
        let module_id: i64 = sqlx::query_scalar(
            "INSERT INTO modules (slug, title, summary, description, kind, theme, language, credits,
                                  estimated_hours, provider_id, created_at)
             VALUES (?, ?, '', '', 'programme_module', 'Tema', 'nb', 5, 135, 1, ?) RETURNING id",
        )
        .bind(format!("modul-{m}"))
        .bind(format!("Modul {m}"))
        .bind(now)
        .fetch_one(&mut *tx).await.unwrap();
        sqlx::query("INSERT INTO programme_modules (programme_id, module_id, position, required) VALUES (1, ?, ?, ?)")
            .bind(module_id).bind(m).bind(m < 15).execute(&mut *tx).await.unwrap();
        for a in 0..ACTIVITIES {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO activities (module_id, position, kind, title, summary) VALUES (?, ?, 'lesson', ?, '') RETURNING id",
            )
            .bind(module_id).bind(a + 1).bind(format!("Aktivitet {a}"))
            .fetch_one(&mut *tx).await.unwrap();
            activity_ids.push(id);
        }
    }
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    sqlx::query("INSERT INTO cohorts (id, organisation_id, programme_id, name, starts_on, created_at) VALUES (1, 1, 1, 'Stort kull', ?, ?)")
        .bind(start).bind(now).execute(&mut *tx).await.unwrap();
    let facilitator: i64 = sqlx::query_scalar(
        "INSERT INTO users (organisation_id, email, name, role, password_hash, created_at)
         VALUES (1, 'bench.facilitator@demo.kursbro.no', 'Benk Veileder', 'facilitator', ?, ?) RETURNING id",
    )
    .bind(&hash).bind(now).fetch_one(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO cohort_members (cohort_id, user_id, role, added_at) VALUES (1, ?, 'facilitator', ?)")
        .bind(facilitator).bind(now).execute(&mut *tx).await.unwrap();
    let mut rng = Lcg(42);
    for l in 0..LEARNERS {
        let user: i64 = sqlx::query_scalar(
            "INSERT INTO users (organisation_id, email, name, role, password_hash, created_at)
             VALUES (1, ?, ?, 'learner', ?, ?) RETURNING id",
        )
        .bind(format!("deltaker{l}@storby.example"))
        .bind(format!("Deltaker {l:04}"))
        .bind(&hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        sqlx::query("INSERT INTO cohort_members (cohort_id, user_id, role, added_at) VALUES (1, ?, 'learner', ?)")
            .bind(user).bind(now).execute(&mut *tx).await.unwrap();
        // Each learner gets somewhere between nothing and everything.
        let share = rng.next() % 101;
        for &a in &activity_ids {
            if rng.next() % 100 < share {
                let days = (rng.next() % 300) as i64;
                sqlx::query("INSERT INTO activity_completions (user_id, activity_id, completed_at) VALUES (?, ?, ?)")
                    .bind(user).bind(a).bind(now - ChronoDuration::days(days))
                    .execute(&mut *tx).await.unwrap();
            }
        }
    }
    tx.commit().await.unwrap();
    facilitator
}

#[tokio::main]
async fn main() {
    let keep = std::env::var("KURSBRO_BENCH_DB").ok();
    let dir = tempfile::tempdir().unwrap();
    let path = keep
        .clone()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("grid.db"));
    if path.exists() {
        std::fs::remove_file(&path).unwrap();
    }
    let db = connect_and_migrate(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let t = Instant::now();
    let facilitator = seed(&db).await;
    let completions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activity_completions")
        .fetch_one(&db)
        .await
        .unwrap();
    println!(
        "seeded {LEARNERS} learners × {MODULES} modules × {ACTIVITIES} activities ({completions} completions) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let user = AuthUser {
        id: facilitator,
        name: "Benk Veileder".into(),
        email: "bench.facilitator@demo.kursbro.no".into(),
        role: Role::Facilitator,
        organisation: OrganisationRef {
            id: 1,
            name: "Storby kommune".into(),
            kind: OrganisationKind::Municipality,
        },
    };
    let today = Utc::now().date_naive();
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut rows = 0;
    for i in 0..=RUNS {
        let t = Instant::now();
        let c = facilitated(&db, &user, 1).await.unwrap();
        let g = grid(&db, &c, today).await.unwrap();
        if i > 0 {
            times.push(t.elapsed()); // run 0 warms up
        }
        rows = g.rows.len();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "cohort grid ({rows} rows × {MODULES} modules): median {:.2} ms   p95 {:.2} ms   max {:.2} ms   ({RUNS} runs)",
        ms(times[RUNS / 2]),
        ms(times[RUNS * 95 / 100]),
        ms(*times.last().unwrap())
    );
    if let Some(p) = keep {
        println!("database kept at {p}");
    }
}
