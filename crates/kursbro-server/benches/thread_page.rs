//! The first page of a thread with 1,000 replies, timed as the handler runs it:
//! `discussions::read_thread` (access check, one page of 50 posts, marking it read).
//!
//! Run: `make bench`. Target (issue 4): ≤ 20 ms on the project's 2-core machines.

use std::time::{Duration, Instant};

use chrono::Utc;
use kursbro_server::db::connect_and_migrate;
use kursbro_server::discussions::read_thread;
use kursbro_server::session::AuthUser;
use kursbro_shared::api::{OrganisationKind, OrganisationRef, Role};

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
    let mut tx = db.begin().await.unwrap();
    sqlx::query("INSERT INTO organisations (id, slug, name, kind, created_at) VALUES (1, 'o', 'O', 'municipality', ?)")
        .bind(now).execute(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO programmes (id, slug, title, summary, description, credits, provider_id, created_at) VALUES (1, 'p', 'P', '', '', 5, 1, ?)")
        .bind(now).execute(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO users (id, organisation_id, email, name, role, password_hash, created_at) VALUES (1, 1, 'a@x.no', 'Anne', 'learner', 'x', ?)")
        .bind(now).execute(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO cohorts (id, organisation_id, programme_id, name, starts_on, created_at) VALUES (1, 1, 1, 'K', '2026-01-01', ?)")
        .bind(now).execute(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO cohort_members (cohort_id, user_id, role, added_at) VALUES (1, 1, 'learner', ?)")
        .bind(now).execute(&mut *tx).await.unwrap();
    sqlx::query("INSERT INTO threads (id, cohort_id, author_id, title, created_at, last_activity_at) VALUES (1, 1, 1, 'Lang tråd', ?, ?)")
        .bind(now).bind(now).execute(&mut *tx).await.unwrap();
    let body = "Et svar med **litt** tekst, en [lenke](https://example.org) og noen ord om vaktene i helgen.";
    let html = kursbro_server::markdown::render(body);
    for _ in 0..=REPLIES {
        sqlx::query("INSERT INTO posts (thread_id, author_id, body_markdown, body_html, created_at) VALUES (1, 1, ?, ?, ?)")
            .bind(body).bind(&html).bind(now).execute(&mut *tx).await.unwrap();
    }
    sqlx::query("UPDATE threads SET reply_count = ?, last_post_id = (SELECT MAX(id) FROM posts) WHERE id = 1")
        .bind(REPLIES).execute(&mut *tx).await.unwrap();
    tx.commit().await.unwrap();

    let user = AuthUser {
        id: 1,
        name: "Anne".into(),
        email: "a@x.no".into(),
        role: Role::Learner,
        organisation: OrganisationRef {
            id: 1,
            name: "O".into(),
            kind: OrganisationKind::Municipality,
        },
    };
    let mut first = Vec::with_capacity(RUNS);
    let mut last = Vec::with_capacity(RUNS);
    read_thread(&db, &user, 1, 0).await.unwrap(); // warm-up
    for _ in 0..RUNS {
        let t = Instant::now();
        let page = read_thread(&db, &user, 1, 0).await.unwrap();
        first.push(t.elapsed());
        assert_eq!(page.posts.len(), 50);
        let t = Instant::now();
        let page = read_thread(&db, &user, 1, 960).await.unwrap();
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
    report("first page", first);
    report("last page (cursor)", last);
}
