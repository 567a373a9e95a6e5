//! Several app servers behind one database: two real server processes (the built binary),
//! requests alternating between them. Nothing that must be shared may live in one
//! process's memory.

use std::process::Stdio;

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use kursbro_server::store::{self, testing};

use crate::helpers::*;

/// One `kursbro-server` process; killed when dropped.
struct Server {
    _child: Child,
    base: String,
}

impl Server {
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

/// Starts the server binary on a free port with `database_url` and demo data, and waits
/// until it says where it listens.
async fn start_server(database_url: &str, dist: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kursbro-server"))
        .args(["--addr", "127.0.0.1:0", "--demo-data", "--database-url"])
        .arg(database_url)
        .arg("--dist")
        .arg(dist)
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("the server binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let base = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.expect("read stdout") {
            if let Some(addr) = line.strip_prefix("Kursbro is listening on ") {
                return addr.trim().to_string();
            }
        }
        panic!("the server stopped before it listened");
    })
    .await
    .expect("the server starts within a minute");
    // Keep reading so the pipe never fills.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Server {
        _child: child,
        base,
    }
}

async fn login(client: &Client, server: &Server, email: &str, password: &str) -> StatusCode {
    client
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn two_server_processes_share_sessions_rate_limits_and_events() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let dist = dir.path().join("dist");
    // On PostgreSQL both start at the same moment: the migrations (under PostgreSQL's
    // advisory lock) and the demo seed must each happen exactly once. SQLite is the
    // one-server database; there the second starts after the first.
    let (a, b) = if postgres_server().is_some() {
        tokio::join!(start_server(&url, &dist), start_server(&url, &dist))
    } else {
        let a = start_server(&url, &dist).await;
        (a, start_server(&url, &dist).await)
    };
    let servers = [&a, &b];

    // A session made on one server works on the other, and signing out on that one ends it
    // on both.
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let kari = Client::builder()
        .cookie_provider(jar.clone())
        .build()
        .unwrap();
    assert_eq!(
        login(&kari, &a, LEARNER, DEMO_PASSWORD).await,
        StatusCode::OK
    );
    let me: Value = kari
        .get(b.url("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], LEARNER);

    // 50 copies of the same learning event, spread over both servers at once: stored once.
    let module: Value = kari
        .get(a.url("/api/v1/modules/personvern-og-informasjonssikkerhet"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let lesson = module["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["kind"] == "lesson")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let enrolled = kari
        .post(b.url("/api/v1/enrolments"))
        .json(&json!({ "module": "personvern-og-informasjonssikkerhet" }))
        .send()
        .await
        .unwrap();
    assert_eq!(enrolled.status(), StatusCode::NO_CONTENT);
    let event = json!({
        "id": "7d1c2a9e-5b3f-4e61-8c0d-two-servers",
        "occurred_at": "2026-11-20T08:00:00Z",
        "action": { "kind": "lesson_completed", "activity_id": lesson }
    });
    let sends = (0..50).map(|i| {
        let request = kari
            .post(servers[i % 2].url("/api/v1/events"))
            .json(&event)
            .send();
        async move {
            let res = request.await.unwrap();
            assert_eq!(res.status(), StatusCode::OK, "copy {i}");
            res.json::<Value>().await.unwrap()
        }
    });
    let receipts = futures::future::join_all(sends).await;
    let firsts = receipts
        .iter()
        .filter(|r| r["duplicate"] == json!(false))
        .count();
    assert_eq!(firsts, 1, "exactly one copy is new: {receipts:?}");
    let db = store::connect_and_migrate(&url).await.unwrap();
    assert_eq!(testing::count_learning_events(&db).await.unwrap(), 1);
    assert_eq!(
        testing::completions_in_module(&db, LEARNER, "personvern-og-informasjonssikkerhet")
            .await
            .unwrap(),
        1
    );

    // Signing out on B ends the session on A too: a copy of the cookie is worthless.
    use reqwest::cookie::CookieStore;
    let cookie = jar
        .cookies(&a.base.parse().unwrap())
        .expect("the session cookie");
    let res = kari
        .post(b.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = Client::new()
        .get(a.url("/api/v1/me"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(testing::session_hashes(&db).await.unwrap().is_empty());

    // Failed sign-ins count across servers: 10 a minute from one address, wherever they
    // land; the 11th is refused by either server.
    let guesser = Client::new();
    for i in 0..10 {
        let status = login(&guesser, servers[i % 2], LEARNER, "wrong password").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    for server in servers {
        assert_eq!(
            login(&guesser, server, LEARNER, DEMO_PASSWORD).await,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    db.close().await;
}
