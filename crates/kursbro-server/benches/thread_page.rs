//! The first page of a thread with 1,000 replies, timed as the handler runs it:
//! `discussions::read_thread` (access check, one page of 50 posts, marking it read).
//! Every timed read writes: each run is another member opening the thread for the first
//! time (the first page: a new read mark) and then its last page (the mark moves forward).
//! A reader who has already read a page does not write, so repeating one reader would time
//! reads only.
//!
//! Run: `make bench`. Target (issue 4): ≤ 20 ms on the project's 2-core machines.

mod common;

use std::time::{Duration, Instant};

use chrono::Utc;
use kursbro_server::discussions::read_thread;
use kursbro_server::session::AuthUser;
use kursbro_server::store::content::{self, NewProgramme};
use kursbro_server::store::discussions::{self, AreaKey};
use kursbro_server::store::{cohorts, connect_and_migrate, people};
use kursbro_shared::api::{Grants, OrganisationKind, OrganisationRef};
use kursbro_shared::cohort_grid::MemberRole;

const REPLIES: i64 = 1_000;
const RUNS: usize = 200;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = connect_and_migrate(&format!(
        "sqlite://{}",
        dir.path().join("thread.db").display()
    ))
    .await
    .unwrap();
    let now = Utc::now();
    let mut tx = db.write().await.unwrap();
    let org = people::insert_organisation(&mut tx, "o", "O", "municipality", now)
        .await
        .unwrap();
    let programme = NewProgramme {
        slug: "p",
        title: "P",
        summary: "",
        description: "",
        credits: 5.0,
        provider_id: org,
    };
    let programme = content::insert_programme(&mut tx, &programme, now)
        .await
        .unwrap();
    let anne = common::person(&mut tx, org, "a@x.no", "Anne", "x", now).await;
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let cohort = cohorts::insert(&mut tx, org, programme, "K", start, now)
        .await
        .unwrap();
    cohorts::add_member(&mut tx, cohort, anne, MemberRole::Learner, now)
        .await
        .unwrap();
    let mut readers = Vec::with_capacity(RUNS);
    for i in 0..RUNS {
        let email = format!("r{i}@x.no");
        let id = common::person(&mut tx, org, &email, "Reader", "x", now).await;
        cohorts::add_member(&mut tx, cohort, id, MemberRole::Learner, now)
            .await
            .unwrap();
        readers.push((id, email));
    }
    tx.commit().await.unwrap();
    let body = "Et svar med **litt** tekst, en [lenke](https://example.org) og noen ord om vaktene i helgen.";
    let html = kursbro_server::markdown::render(body);
    let (thread, _) = discussions::create_thread(
        &db,
        AreaKey::Cohort(cohort),
        anne,
        "Lang tråd",
        body,
        &html,
        now,
    )
    .await
    .unwrap();
    for _ in 0..REPLIES {
        discussions::reply(&db, thread, anne, body, &html, now)
            .await
            .unwrap();
    }

    let as_user = |id: i64, email: &str| AuthUser {
        id,
        name: "Reader".into(),
        email: email.into(),
        organisation: OrganisationRef {
            id: org,
            name: "O".into(),
            kind: OrganisationKind::Municipality,
        },
        unit: None,
        profession: None,
        grants: Grants::default(),
    };
    let user = as_user(anne, "a@x.no");
    // Post ids are the database's; the last page starts after the 960th post of the thread.
    let first_post = read_thread(&db, &user, thread, 0).await.unwrap().posts[0].id - 1;
    let mut first = Vec::with_capacity(RUNS);
    let mut last = Vec::with_capacity(RUNS);
    read_thread(&db, &user, thread, 0).await.unwrap(); // warm-up
    for (id, email) in &readers {
        let user = as_user(*id, email);
        let t = Instant::now();
        let page = read_thread(&db, &user, thread, 0).await.unwrap();
        first.push(t.elapsed());
        assert_eq!(page.posts.len(), 50);
        let t = Instant::now();
        let last_page = first_post + 960;
        let page = read_thread(&db, &user, thread, last_page).await.unwrap();
        last.push(t.elapsed());
        assert_eq!(page.posts.len(), 41);
    }
    let report = |name: &str, mut v: Vec<Duration>| {
        v.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<40} median {:>6.2} ms   p95 {:>6.2} ms   max {:>6.2} ms",
            ms(v[v.len() / 2]),
            ms(v[v.len() * 95 / 100]),
            ms(*v.last().unwrap())
        );
    };
    println!("thread with {REPLIES} replies, pages of 50, {RUNS} runs:");
    report("first page (a first visit: a new mark)", first);
    report("last page (cursor; the mark moves on)", last);
}
