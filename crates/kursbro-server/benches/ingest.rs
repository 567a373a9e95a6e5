//! Durable progress writes: `POST /api/v1/events` through the real server (HTTP, sessions,
//! validation, the data-access layer), side by side in one run with raw SQLite executing
//! the same statements for the same kind of event on the same kind of database, one
//! transaction per event, with the same pragmas (WAL, `synchronous=NORMAL`, foreign keys).
//!
//! The database: 5,000 learners of one municipality, each enrolled in a published module of
//! 40 lessons, with 200,000 earlier events and 100,000 completions. Each sending client is a
//! different learner who posts lesson completions one after the other (a phone flushing its
//! outbox), each with a new event id; the server answers only after the event is committed.
//!
//! Run: `make bench` (or `cargo bench -p kursbro-server --bench ingest`);
//! `BENCH_SECONDS=20` for longer runs. Target (issue 15): ≥ 50 % of raw SQLite's rate, p99
//! ≤ 20 ms at 64 connections.

mod common;

use std::time::{Duration, Instant};

use chrono::{Duration as ChronoDuration, SecondsFormat, Utc};
use common::Lcg;
use kursbro_server::config::Config;
use kursbro_server::startup::Application;
use kursbro_server::store::content::{self, NewActivity, NewModule};
use kursbro_server::store::{connect_and_migrate, learning, people, Db};

const LEARNERS: i64 = 5_000;
const LESSONS: i64 = 40;
const PASSWORD: &str = "kursbro-demo";

/// Seeds the database; returns the lessons' ids.
async fn seed(db: &Db) -> Vec<i64> {
    let now = Utc::now();
    let hash = kursbro_server::password::hash(PASSWORD).unwrap();
    let mut tx = db.write().await.unwrap();
    let org = people::insert_organisation(&mut tx, "storby", "Storby kommune", "municipality", now)
        .await
        .unwrap();
    let module = NewModule {
        slug: "legemiddelhandtering",
        title: "Legemiddelhåndtering",
        summary: "",
        description: "",
        kind: "statutory_course",
        theme: "Legemidler",
        language: "nb",
        credits: None,
        estimated_hours: 4,
        validity_months: Some(24),
        provider_id: org,
        search_text: "",
    };
    let module_id = content::insert_module(&mut tx, &module, now).await.unwrap();
    let mut lessons = Vec::new();
    for a in 0..LESSONS {
        let title = format!("Leksjon {a}");
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
            estimated_minutes: 5,
            pass_mark_percent: 80,
        };
        lessons.push(content::insert_activity(&mut tx, &activity).await.unwrap());
    }
    content::set_module_published(&mut tx, "legemiddelhandtering", true)
        .await
        .unwrap();
    let mut rng = Lcg(7);
    for l in 0..LEARNERS {
        let email = format!("deltaker{l}@storby.example");
        let name = format!("Deltaker {l:04}");
        let user = common::person(
            &mut tx,
            org,
            &email,
            &name,
            &hash,
            now - ChronoDuration::days(400),
        )
        .await;
        learning::enrol_module(&mut tx, user, module_id, now - ChronoDuration::days(300))
            .await
            .unwrap();
        // Earlier work: 40 events each, half of them completions of a lesson.
        for e in 0..40 {
            let at = now - ChronoDuration::minutes((rng.next() % 400_000) as i64);
            let id = format!("tidligere-{l}-{e}");
            learning::claim_event(&mut tx, &id, user, "hash", at, at)
                .await
                .unwrap();
            if e % 2 == 0 {
                let lesson = lessons[(rng.next() % LESSONS as u64) as usize];
                learning::complete(&mut tx, user, lesson, at).await.unwrap();
            }
        }
    }
    tx.commit().await.unwrap();
    lessons
}

struct Run {
    events: u64,
    seconds: f64,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

impl Run {
    fn rate(&self) -> f64 {
        self.events as f64 / self.seconds
    }
}

/// wrk posts lesson completions on `conns` connections for `seconds`, as fast as the server
/// answers, each request for the next of 64 signed-in learners and with a new event id.
async fn through_server(
    base: &str,
    lessons: &[i64],
    conns: usize,
    seconds: u64,
    round: usize,
) -> Run {
    let mut cookies = Vec::new();
    for c in 0..64 {
        // Each level uses learners of its own, so no level repeats another's completions.
        let learner = round * 100 + c;
        let response = reqwest::Client::new()
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({
                "email": format!("deltaker{learner}@storby.example"),
                "password": PASSWORD,
            }))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "sign-in: {}",
            response.status()
        );
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("kursbro_session="))
            .and_then(|v| v.split(';').next())
            .unwrap()
            .to_string();
        cookies.push(format!("{cookie:?}"));
    }
    let lessons: Vec<String> = lessons.iter().map(i64::to_string).collect();
    let script = format!(
        r#"local cookies = {{ {cookies} }}
local lessons = {{ {lessons} }}
local threads = 0
setup = function(thread) thread:set("tid", threads); threads = threads + 1 end
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{{"id":"wrk-{round}-%d-%d","occurred_at":"{at}","action":{{"kind":"lesson_completed","activity_id":%s}}}}',
    tid, n, lessons[n % #lessons + 1])
  return wrk.format("POST", "/api/v1/events",
    {{ ["Content-Type"] = "application/json", ["Cookie"] = cookies[n % #cookies + 1] }}, body)
end
"#,
        cookies = cookies.join(", "),
        lessons = lessons.join(", "),
        at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
    );
    let dir = tempfile::tempdir().unwrap();
    let lua = dir.path().join("events.lua");
    std::fs::write(&lua, script).unwrap();
    let out = tokio::process::Command::new("wrk")
        .args(["-t", if conns == 1 { "1" } else { "2" }])
        .arg(format!("-c{conns}"))
        .arg(format!("-d{seconds}s"))
        .arg("--latency")
        .arg("-s")
        .arg(&lua)
        .arg(base)
        .output()
        .await
        .expect("wrk (Debian's package: apt-get install wrk)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "wrk failed: {text}");
    assert!(!text.contains("Non-2xx"), "every event is accepted: {text}");
    let field = |label: &str| -> String {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(label))
            .unwrap_or_else(|| panic!("no {label} in {text}"))
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    };
    let duration = |s: String| -> Duration {
        let (n, unit) = s.split_at(s.find(|c: char| c.is_alphabetic()).unwrap());
        let n: f64 = n.parse().unwrap();
        Duration::from_secs_f64(match unit {
            "us" => n / 1e6,
            "ms" => n / 1e3,
            "s" => n,
            "m" => n * 60.0,
            u => panic!("unit {u}"),
        })
    };
    let rate: f64 = field("Requests/sec:").parse().unwrap();
    let max = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("Latency "))
        .and_then(|l| l.split_whitespace().nth(3))
        .map(|m| duration(m.to_string()))
        .unwrap();
    Run {
        events: (rate * seconds as f64) as u64,
        seconds: seconds as f64,
        p50: duration(field("50%")),
        p99: duration(field("99%")),
        max,
    }
}

/// Raw SQLite: the statements a lesson completion runs (the store's own, so they are the
/// same), executed by rusqlite on one thread with no server, no HTTP and no domain code,
/// one transaction each, on a copy of the same database.
fn raw_sqlite(path: &std::path::Path, lessons: &[i64], seconds: u64) -> Run {
    use kursbro_server::store::catalogue::activity_target;
    use kursbro_server::store::learning::{
        claim_event, complete, is_enrolled, prerequisite_progress, set_receipt,
    };
    use kursbro_server::store::lite::LiteTx;
    // The settings Kursbro's own connections use.
    let mut c = kursbro_server::store::lite::open(path).unwrap();
    let mut latencies = Vec::new();
    let start = Instant::now();
    let mut n = 0i64;
    while start.elapsed() < Duration::from_secs(seconds) {
        let t = Instant::now();
        // Learners none of the server's clients are.
        let user = 4_000 + n % 500;
        let lesson = lessons[(n as usize) % lessons.len()];
        let id = format!("raa-{n:010}");
        let now = Utc::now();
        c.execute_batch("BEGIN IMMEDIATE").unwrap();
        futures::executor::block_on(async {
            let tx = &mut LiteTx::new(&mut c);
            assert!(claim_event(tx, &id, user, "hash", now, now).await.unwrap());
            let target = activity_target(tx, lesson, user).await.unwrap().unwrap();
            assert!(is_enrolled(tx, user, target.module_id).await.unwrap());
            prerequisite_progress(tx, user, target.module_id)
                .await
                .unwrap();
            complete(tx, user, lesson, now).await.unwrap();
            set_receipt(tx, user, &id, "{}").await.unwrap();
        });
        c.execute_batch("COMMIT").unwrap();
        latencies.push(t.elapsed());
        n += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    latencies.sort();
    Run {
        events: latencies.len() as u64,
        seconds,
        p50: latencies[latencies.len() / 2],
        p99: latencies[latencies.len() * 99 / 100],
        max: *latencies.last().unwrap(),
    }
}

fn print(name: &str, conns: usize, r: &Run) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<34} {conns:>3} conns {:>9.0} events/s   p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>7.2} ms",
        r.rate(),
        ms(r.p50),
        ms(r.p99),
        ms(r.max)
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let seconds: u64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ingest.db");
    let url = format!("sqlite://{}", path.display());
    let db = connect_and_migrate(&url).await.unwrap();
    let t = Instant::now();
    let lessons = seed(&db).await;
    db.close().await;
    println!(
        "seeded {LEARNERS} learners, {} earlier events, in {:.1} s",
        LEARNERS * 40,
        t.elapsed().as_secs_f64()
    );
    // The raw baseline gets its own copy, so neither run sees the other's rows.
    let raw_path = dir.path().join("raw.db");
    std::fs::copy(&path, &raw_path).unwrap();

    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: url,
        dist: dir.path().join("dist"),
        demo_data: false,
        secure_cookies: false,
        public_url: None,
        client_ip_header: None,
        hsts: false,
        session_idle_hours: 72,
        session_max_days: 14,
        login_failures_per_minute: 1000,
        posts_per_minute: 1000,
    };
    let app = Application::build(config).await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    tokio::spawn(app.run_until_stopped());

    let raw = tokio::task::spawn_blocking({
        let (raw_path, lessons) = (raw_path.clone(), lessons.clone());
        move || raw_sqlite(&raw_path, &lessons, seconds)
    })
    .await
    .unwrap();
    print("raw SQLite, same statements", 1, &raw);
    for (round, conns) in [1usize, 16, 64].into_iter().enumerate() {
        let r = through_server(&base, &lessons, conns, seconds, round).await;
        print("POST /api/v1/events", conns, &r);
        println!(
            "{:<34}           {:>8.0} % of raw SQLite",
            "",
            100.0 * r.rate() / raw.rate()
        );
    }
}
