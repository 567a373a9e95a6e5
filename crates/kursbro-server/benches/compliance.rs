//! The leader's competence overview at hospital scale, timed as the handler runs it
//! (`compliance::dashboard`: a fixed number of queries plus the shared status rules) and
//! with its JSON, on one SQLite file:
//!
//! * an organisation of 50,000 employees in 25 clinics × 8 wards, 5 professions;
//! * a central plan of 25 modules (CPR-like: 12 months from completion; medication-like:
//!   24 months from expiry for one profession; infection-control-like: every 1 January),
//!   and each clinic's own plan of 5 more: a clinic's overview is 2,000 people × 30
//!   requirements;
//! * about 70 % of each requirement done, in Kursbro (2 activities a module) or approved
//!   from elsewhere, at dates spread over three years.
//!
//! Run: `make bench`. Targets (issue 10): a clinic (2,000 × 30) ≤ 50 ms on the server; the
//! whole organisation (50,000, its roll-up) ≤ 300 ms. From 1,000 people on, the dashboard
//! reads and works out two halves of the people at once on two threads: its figures depend
//! on the machine's cores (the number is printed).
//!
//! Seeding takes minutes: with `KURSBRO_BENCH_COMPLIANCE_DB=path` the database is kept there (with the
//! seeded ids beside it in `path.ids`) and used again by the next run.

mod common;

use common::Lcg;
use std::time::{Duration, Instant};

use chrono::{Duration as ChronoDuration, Utc};
use kursbro_server::compliance::{dashboard, DashboardQuery};
use kursbro_server::session::AuthUser;
use kursbro_server::store::compliance::{self as plans, NewRequirement};
use kursbro_server::store::content::{self, NewActivity, NewModule};
use kursbro_server::store::{connect_and_migrate, learning, people, Db};
use kursbro_shared::api::{Grants, OrganisationKind, OrganisationRef, UnitRef};

const CLINICS: i64 = 25;
const WARDS: i64 = 8;
const PER_WARD: i64 = 250;
const CENTRAL: i64 = 25;
const PER_CLINIC: i64 = 5;
const ACTIVITIES: i64 = 2;

struct Seeded {
    org: i64,
    top: i64,
    clinic: i64,
    leader: i64,
}

async fn module(tx: &mut kursbro_server::store::Tx, org: i64, n: i64) -> (i64, Vec<i64>) {
    let now = Utc::now();
    let slug = format!("krav-{n}");
    let title = format!("Obligatorisk kurs {n}");
    let m = NewModule {
        slug: &slug,
        title: &title,
        summary: "",
        description: "",
        kind: "statutory_course",
        theme: "Obligatorisk",
        language: "nb",
        credits: None,
        estimated_hours: 2,
        validity_months: Some(12),
        provider_id: org,
        search_text: "",
    };
    let id = content::insert_module(tx, &m, now).await.unwrap();
    let mut activities = Vec::new();
    for a in 0..ACTIVITIES {
        let activity = NewActivity {
            module_id: id,
            position: a + 1,
            kind: "lesson",
            title: "Leksjon",
            summary: "",
            body_markdown: "",
            body_html: "",
            external_url: None,
            video_url: None,
            estimated_minutes: 10,
            pass_mark_percent: 80,
        };
        activities.push(content::insert_activity(tx, &activity).await.unwrap());
    }
    (id, activities)
}

fn requirement(module_id: i64, position: i64) -> NewRequirement {
    // Every third like CPR, every third like medication handling, every third like
    // infection control.
    let (months, from, fixed) = match position % 3 {
        0 => (12, "completion", None),
        1 => (24, "expiry", None),
        _ => (12, "fixed", Some((1, 1))),
    };
    NewRequirement {
        module_id: Some(module_id),
        programme_id: None,
        position,
        due_days_after_join: Some(90),
        due_on: None,
        recert_months: Some(months),
        recert_from: Some(from),
        fixed_month: fixed.map(|(m, _)| m),
        fixed_day: fixed.map(|(_, d)| d),
        min_validity_months: if fixed.is_some() { 3 } else { 0 },
        window_days: 60,
    }
}

async fn seed(db: &Db) -> Seeded {
    let now = Utc::now();
    let mut rng = Lcg(7);
    let mut tx = db.write().await.unwrap();
    let org = people::insert_organisation(&mut tx, "storby-hf", "Storby HF", "hospital", now)
        .await
        .unwrap();
    let top = people::insert_unit(&mut tx, org, None, "HF", "Storby HF", now)
        .await
        .unwrap();
    let mut professions = Vec::new();
    for (code, name) in [
        ("spl", "Sykepleier"),
        ("hfa", "Helsefagarbeider"),
        ("lege", "Lege"),
        ("sekr", "Helsesekretær"),
        ("fys", "Fysioterapeut"),
    ] {
        professions.push(
            people::insert_profession(&mut tx, org, code, name)
                .await
                .unwrap(),
        );
    }
    let central = plans::insert_plan(&mut tx, org, None, true, "Obligatorisk", now)
        .await
        .unwrap();
    let mut modules: Vec<(i64, Vec<i64>)> = Vec::new();
    for n in 0..CENTRAL {
        let m = module(&mut tx, org, n).await;
        plans::insert_requirement(&mut tx, central, &requirement(m.0, n))
            .await
            .unwrap();
        modules.push(m);
    }
    // Medication handling: nurses only.
    let nurses = plans::insert_plan(&mut tx, org, None, true, "Sykepleiere", now)
        .await
        .unwrap();
    plans::limit_plan_to_profession(&mut tx, nurses, professions[0])
        .await
        .unwrap();
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";
    let mut clinics = Vec::new();
    let mut leader = 0;
    for c in 0..CLINICS {
        let clinic = people::insert_unit(
            &mut tx,
            org,
            Some(top),
            &format!("K{c}"),
            &format!("Klinikk {c}"),
            now,
        )
        .await
        .unwrap();
        clinics.push(clinic);
        let own = plans::insert_plan(&mut tx, org, Some(clinic), true, "Klinikkens krav", now)
            .await
            .unwrap();
        let mut own_modules = Vec::new();
        for n in 0..PER_CLINIC {
            let m = module(&mut tx, org, 1_000 + c * PER_CLINIC + n).await;
            plans::insert_requirement(&mut tx, own, &requirement(m.0, n))
                .await
                .unwrap();
            own_modules.push(m);
        }
        for w in 0..WARDS {
            let ward = people::insert_unit(
                &mut tx,
                org,
                Some(clinic),
                &format!("K{c}-P{w}"),
                &format!("Post {c}.{w}"),
                now,
            )
            .await
            .unwrap();
            for p in 0..PER_WARD {
                let email = format!("ansatt-{c}-{w}-{p}@storby.example");
                let joined = (now - ChronoDuration::days((rng.next() % 2_000) as i64)).date_naive();
                let user = people::insert_user(
                    &mut tx,
                    &people::NewUser {
                        organisation_id: org,
                        email: &email,
                        name: &format!("Ansatt {c}-{w}-{p:03}"),
                        unit_id: Some(ward),
                        unit_joined_on: Some(joined),
                        profession_id: Some(professions[(rng.next() % 5) as usize]),
                        password_hash: hash,
                    },
                    now,
                )
                .await
                .unwrap();
                if leader == 0 {
                    leader = user;
                }
                for (module_id, activities) in modules.iter().chain(&own_modules) {
                    if rng.next() % 10 >= 7 {
                        continue;
                    }
                    let days = (rng.next() % 1_100) as i64;
                    let at = now - ChronoDuration::days(days);
                    if rng.next() % 4 == 0 {
                        plans::insert_external_completion(
                            &mut tx,
                            user,
                            *module_id,
                            at.date_naive(),
                            "Kurs hos annen arbeidsgiver",
                            user,
                            now,
                        )
                        .await
                        .unwrap();
                    } else {
                        for &a in activities {
                            learning::complete(&mut tx, user, a, at).await.unwrap();
                        }
                    }
                }
            }
        }
    }
    tx.commit().await.unwrap();
    Seeded {
        org,
        top,
        clinic: clinics[0],
        leader,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::var("KURSBRO_BENCH_COMPLIANCE_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("compliance.db"));
    let ids_path = path.with_extension("ids");
    let kept = std::fs::read_to_string(&ids_path).ok().and_then(|text| {
        match text
            .split(' ')
            .map(|n| n.trim().parse::<i64>())
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(ids) if ids.len() == 4 && path.exists() => Some(Seeded {
                org: ids[0],
                top: ids[1],
                clinic: ids[2],
                leader: ids[3],
            }),
            _ => None,
        }
    });
    if kept.is_none() && path.exists() {
        std::fs::remove_file(&path).unwrap();
    }
    let db = connect_and_migrate(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let s = match kept {
        Some(s) => {
            println!("the database seeded before, at {}", path.display());
            s
        }
        None => {
            let t = Instant::now();
            let s = seed(&db).await;
            println!(
                "seeded {} employees, {} requirements a clinic, in {:.0} s",
                CLINICS * WARDS * PER_WARD,
                CENTRAL + PER_CLINIC,
                t.elapsed().as_secs_f64()
            );
            let ids = format!("{} {} {} {}", s.org, s.top, s.clinic, s.leader);
            std::fs::write(&ids_path, ids).unwrap();
            s
        }
    };
    println!(
        "{} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // An admin of the organisation: may open any unit of it.
    let viewer = AuthUser {
        id: s.leader,
        name: "Leder".into(),
        email: "leder@storby.example".into(),
        organisation: OrganisationRef {
            id: s.org,
            name: "Storby HF".into(),
            kind: OrganisationKind::Hospital,
        },
        unit: None,
        profession: None,
        grants: Grants {
            leader_of: vec![UnitRef {
                id: s.top,
                name: "Storby HF".into(),
            }],
            ..Grants::default()
        },
    };
    // Where the time goes for the whole organisation: each read once, warm.
    // The top unit first, then every other unit of the organisation (all below it).
    let units: Vec<i64> = std::iter::once(s.top)
        .chain(
            plans::units(&db, s.org)
                .await
                .unwrap()
                .into_iter()
                .map(|u| u.id)
                .filter(|id| *id != s.top),
        )
        .collect();
    let who = plans::Who::Units(&units);
    for _ in 0..2 {
        let t = Instant::now();
        let people = plans::people(&db, who).await.unwrap().len();
        let a = t.elapsed();
        let t = Instant::now();
        let mut done = 0usize;
        plans::completion_days(&db, who, s.org, |_, _, _| done += 1)
            .await
            .unwrap();
        let b = t.elapsed();
        println!(
            "reads for the whole organisation: {people} people {:.0} ms, {done} completion days {:.0} ms",
            ms(a),
            ms(b)
        );
    }
    let today = Utc::now().date_naive();
    for (label, unit, runs) in [
        ("one clinic", s.clinic, 30usize),
        ("the whole organisation", s.top, 5),
    ] {
        let mut server = Vec::with_capacity(runs);
        let mut json = Vec::with_capacity(runs);
        let mut shape = (0, 0, 0);
        for i in 0..=runs {
            let t = Instant::now();
            let q = DashboardQuery {
                unit: Some(unit),
                limit: Some(50),
                ..DashboardQuery::default()
            };
            let d = dashboard(&db, &viewer, &q, today).await.unwrap();
            let handler = t.elapsed();
            let body = serde_json::to_vec(&d).unwrap();
            let with_json = t.elapsed();
            assert_eq!(d.summary.counted(), d.matching);
            if i > 0 {
                server.push(handler);
                json.push(with_json);
            }
            shape = (d.matching as usize, d.requirements.len(), body.len());
        }
        for v in [&mut server, &mut json] {
            v.sort();
        }
        println!(
            "{label} ({} people × {} requirements; summary, roll-ups and the first 50 people, {:.0} kB JSON): handler median {:.1} ms, max {:.1} ms; with JSON median {:.1} ms   ({runs} runs)",
            shape.0,
            shape.1,
            shape.2 as f64 / 1e3,
            ms(server[runs / 2]),
            ms(*server.last().unwrap()),
            ms(json[runs / 2]),
        );
    }
}
