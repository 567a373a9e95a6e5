use std::path::PathBuf;

use kursbro_server::{Application, Config};
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use tempfile::TempDir;

pub const DEMO_PASSWORD: &str = "kursbro-demo";
pub const LEARNER: &str = "kari.nordmann@demo.kursbro.no";
pub const LEARNER_COHORT_2: &str = "per.olsen@demo.kursbro.no";
pub const FACILITATOR: &str = "marte.lie@demo.kursbro.no";
pub const FACILITATOR_2: &str = "even.strand@demo.kursbro.no";
pub const LEADER: &str = "jonas.bakke@demo.kursbro.no";
pub const ADMIN: &str = "admin@demo.kursbro.no";

pub struct TestApp {
    pub address: String,
    pub db: sqlx::SqlitePool,
    pub dir: TempDir,
}

/// A config as `main` would build it, pointing at `dir`.
pub fn config_in(dir: &std::path::Path) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: format!("sqlite://{}", dir.join("kursbro.db").display()),
        dist: dir.join("dist"),
        demo_data: true,
        secure_cookies: false,
        session_idle_hours: 72,
        session_max_days: 14,
        login_failures_per_minute: 10,
        posts_per_minute: 10,
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts the server with a fresh database (and demo data), after `adjust` may change the
/// config or write files into the folder (e.g. a `dist`).
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = config_in(dir.path());
    adjust(&mut config);
    start(config, dir).await
}

pub async fn start(config: Config, dir: TempDir) -> TestApp {
    let app = Application::build(config).await.expect("app builds");
    let address = format!("http://{}", app.local_addr().unwrap());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp { address, db, dir }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A client with its own cookie store, like one browser.
    pub fn client(&self) -> Client {
        Client::builder()
            .cookie_store(true)
            .build()
            .expect("client")
    }

    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn post_json(&self, client: &Client, path: &str, body: &Value) -> Response {
        client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn login(&self, client: &Client, email: &str, password: &str) -> Response {
        self.post_json(
            client,
            "/api/v1/auth/login",
            &json!({ "email": email, "password": password }),
        )
        .await
    }

    /// A client signed in as `email` with the demo password.
    pub async fn signed_in(&self, email: &str) -> Client {
        let client = self.client();
        let res = self.login(&client, email, DEMO_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "sign-in as {email}");
        client
    }

    pub fn dist(&self) -> PathBuf {
        self.dir.path().join("dist")
    }
}

/// Asserts the response is our JSON error with `status` and `code`; returns the body.
pub async fn assert_error(res: Response, status: StatusCode, code: &str) -> Value {
    assert_eq!(res.status(), status);
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(ct.as_deref(), Some("application/json"));
    let body: Value = res.json().await.expect("JSON error body");
    assert_eq!(body["error"]["code"], code, "{body}");
    let message = body["error"]["message"].as_str().expect("message");
    assert!(
        message.len() > 10,
        "a message a person can act on: {message}"
    );
    body
}
