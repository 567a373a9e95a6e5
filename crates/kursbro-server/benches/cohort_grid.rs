//! The cohort grid for 1,000 learners × 20 modules (5 activities each, about half done),
//! timed as the handler runs it: `cohorts::grid` — a fixed number of queries plus the
//! shared grid rules.
//!
//! Run: `make bench`. Target (issue 5): ≤ 50 ms on the project's 2-core machines.
//! With `KURSBRO_BENCH_DB=path` the database is written there and kept, with a facilitator
//! `bench.facilitator@demo.kursbro.no` (password `kursbro-demo`), so the browser
//! measurement (`scripts/measure-grid-render.cjs`) can render the same cohort.

mod common;

use common::Lcg;
use std::time::{Duration, Instant};

use chrono::{Duration as ChronoDuration, NaiveDate, Utc};
use kursbro_server::cohorts::{facilitated, grid};
use kursbro_server::session::AuthUser;
use kursbro_server::store::content::{self, NewActivity, NewModule, NewProgramme};
use kursbro_server::store::{cohorts, connect_and_migrate, learning, people, Db};
use kursbro_shared::api::{Grants, OrganisationKind, OrganisationRef};
use kursbro_shared::cohort_grid::MemberRole;

const LEARNERS: i64 = 1_000;
const MODULES: i64 = 20;
const ACTIVITIES: i64 = 5;
const RUNS: usize = 100;

/// Seeds the cohort through the data-access layer; returns (organisation, facilitator).
async fn seed(db: &Db) -> (i64, i64) {
    let now = Utc::now();
    let hash = kursbro_server::password::hash("kursbro-demo").unwrap();
    let mut tx = db.write().await.unwrap();
    let org = people::insert_organisation(&mut tx, "storby", "Storby kommune", "municipality", now)
        .await
        .unwrap();
    let programme = NewProgramme {
        slug: "stort-program",
        title: "Stort program",
        summary: "",
        description: "",
        credits: 100.0,
        provider_id: org,
    };
    let programme = content::insert_programme(&mut tx, &programme, now)
        .await
        .unwrap();
    let mut activity_ids = Vec::new();
    for m in 0..MODULES {
        let slug = format!("modul-{m}");
        let title = format!("Modul {m}");
        let module = NewModule {
            slug: &slug,
            title: &title,
            summary: "",
            description: "",
            kind: "programme_module",
            theme: "Tema",
            language: "nb",
            credits: Some(5.0),
            estimated_hours: 135,
            validity_months: None,
            provider_id: org,
            search_text: "",
        };
        let module_id = content::insert_module(&mut tx, &module, now).await.unwrap();
        content::add_programme_module(&mut tx, programme, module_id, m, m < 15)
            .await
            .unwrap();
        for a in 0..ACTIVITIES {
            let title = format!("Aktivitet {a}");
            let activity = NewActivity {
                module_id,
                position: a + 1,
                kind: "lesson",
                title: &title,
                summary: "",
                body_markdown: "",
                body_html: "",
                external_url: None,
                video_url: None,
                estimated_minutes: 10,
                pass_mark_percent: 80,
            };
            activity_ids.push(content::insert_activity(&mut tx, &activity).await.unwrap());
        }
    }
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let cohort = cohorts::insert(&mut tx, org, programme, "Stort kull", start, now)
        .await
        .unwrap();
    assert_eq!(cohort, 1, "the browser measurement opens cohort 1");
    let facilitator = common::person(
        &mut tx,
        org,
        "bench.facilitator@demo.kursbro.no",
        "Benk Veileder",
        &hash,
        now,
    )
    .await;
    cohorts::add_member(&mut tx, cohort, facilitator, MemberRole::Facilitator, now)
        .await
        .unwrap();
    let mut rng = Lcg(42);
    for l in 0..LEARNERS {
        let email = format!("deltaker{l}@storby.example");
        let name = format!("Deltaker {l:04}");
        let user = common::person(&mut tx, org, &email, &name, &hash, now).await;
        cohorts::add_member(&mut tx, cohort, user, MemberRole::Learner, now)
            .await
            .unwrap();
        // Each learner gets somewhere between nothing and everything.
        let share = rng.next() % 101;
        for &a in &activity_ids {
            if rng.next() % 100 < share {
                let days = (rng.next() % 300) as i64;
                learning::complete(&mut tx, user, a, now - ChronoDuration::days(days))
                    .await
                    .unwrap();
            }
        }
    }
    tx.commit().await.unwrap();
    (org, facilitator)
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
    let (org, facilitator) = seed(&db).await;
    println!(
        "seeded {LEARNERS} learners × {MODULES} modules × {ACTIVITIES} activities in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let user = AuthUser {
        id: facilitator,
        name: "Benk Veileder".into(),
        email: "bench.facilitator@demo.kursbro.no".into(),
        organisation: OrganisationRef {
            id: org,
            name: "Storby kommune".into(),
            kind: OrganisationKind::Municipality,
        },
        unit: None,
        profession: None,
        grants: Grants {
            facilitator: true,
            ..Grants::default()
        },
    };
    let today = Utc::now().date_naive();
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut rows = 0;
    for i in 0..=RUNS {
        let t = Instant::now();
        let c = facilitated(&db, &user, 1).await.unwrap();
        let g = grid(&db, &c, &user, today).await.unwrap();
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
