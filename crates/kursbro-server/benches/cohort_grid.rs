//! The cohort grid for 1,000 learners × 20 modules (5 activities each, about half done; the
//! last one of each a quiz, with attempts), timed as the handler runs it: `cohorts::grid` —
//! a fixed number of queries plus the shared grid rules. The learners have also done most
//! of 10 mandatory courses outside the programme (rows the grid's reads must pass over),
//! and a second cohort of 1,000 learners works on the same programme.
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
/// Mandatory courses outside the programme, 5 activities each.
const OUTSIDE: i64 = 10;

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
    let mut quizzes = Vec::new();
    let mut outside_ids = Vec::new();
    for m in 0..MODULES + OUTSIDE {
        let inside = m < MODULES;
        let slug = format!("modul-{m}");
        let title = format!("Modul {m}");
        let module = NewModule {
            slug: &slug,
            title: &title,
            summary: "",
            description: "",
            kind: if inside {
                "programme_module"
            } else {
                "statutory_course"
            },
            theme: "Tema",
            language: "nb",
            credits: Some(5.0),
            estimated_hours: 135,
            validity_months: None,
            provider_id: org,
            search_text: "",
        };
        let module_id = content::insert_module(&mut tx, &module, now).await.unwrap();
        if inside {
            content::add_programme_module(&mut tx, programme, module_id, m, m < 15)
                .await
                .unwrap();
        }
        for a in 0..ACTIVITIES {
            let quiz = a == ACTIVITIES - 1;
            let title = format!("Aktivitet {a}");
            let activity = NewActivity {
                module_id,
                position: a + 1,
                kind: if quiz { "quiz" } else { "lesson" },
                title: &title,
                summary: "",
                body_markdown: "",
                body_html: "",
                external_url: None,
                video_url: None,
                estimated_minutes: 10,
                pass_mark_percent: 80,
            };
            let id = content::insert_activity(&mut tx, &activity).await.unwrap();
            match (inside, quiz) {
                (false, _) => outside_ids.push(id),
                (true, true) => {
                    quizzes.push(id);
                    activity_ids.push(id);
                }
                (true, false) => activity_ids.push(id),
            }
        }
    }
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let cohort = cohorts::insert(&mut tx, org, programme, "Stort kull", start, now)
        .await
        .unwrap();
    assert_eq!(cohort, 1, "the browser measurement opens cohort 1");
    let other = cohorts::insert(&mut tx, org, programme, "Neste kull", start, now)
        .await
        .unwrap();
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
    for l in 0..2 * LEARNERS {
        let in_cohort = if l < LEARNERS { cohort } else { other };
        let email = format!("deltaker{l}@storby.example");
        let name = format!("Deltaker {l:04}");
        let user = common::person(&mut tx, org, &email, &name, &hash, now).await;
        cohorts::add_member(&mut tx, in_cohort, user, MemberRole::Learner, now)
            .await
            .unwrap();
        // Each learner gets somewhere between nothing and everything.
        let share = rng.next() % 101;
        for &a in &activity_ids {
            if rng.next() % 100 < share {
                let days = (rng.next() % 300) as i64;
                let at = now - ChronoDuration::days(days);
                learning::complete(&mut tx, user, a, at).await.unwrap();
                if quizzes.contains(&a) {
                    for (score, passed) in [(60, false), (90, true)] {
                        learning::add_quiz_attempt(&mut tx, user, a, score, passed, "{}", at)
                            .await
                            .unwrap();
                    }
                }
            }
        }
        // …and most of the mandatory courses, which the grid is not about.
        for &a in &outside_ids {
            if rng.next() % 10 < 9 {
                let days = (rng.next() % 700) as i64;
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
        "seeded 2 cohorts of {LEARNERS} learners × {MODULES} modules × {ACTIVITIES} activities, and {OUTSIDE} courses outside the programme, in {:.1} s",
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
