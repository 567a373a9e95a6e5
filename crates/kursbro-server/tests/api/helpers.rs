use std::path::PathBuf;

use kursbro_server::store::{self, Db};
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
    pub db: Db,
    pub database_url: String,
    pub dir: TempDir,
}

/// The PostgreSQL server the tests run against, when `KURSBRO_TEST_POSTGRES` names one
/// (`make test` starts a throwaway cluster and sets it; see scripts/with-postgres.sh).
/// Without it, every test runs on its own SQLite file.
pub fn postgres_server() -> Option<String> {
    std::env::var("KURSBRO_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A fresh, empty database for one test: a SQLite file in `dir`, or a new database on the
/// test PostgreSQL server.
pub async fn fresh_database_url(dir: &std::path::Path) -> String {
    match postgres_server() {
        Some(server) => kursbro_server::store::testing::create_postgres_database(&server)
            .await
            .expect("create a PostgreSQL test database"),
        None => format!("sqlite://{}", dir.join("kursbro.db").display()),
    }
}

/// A config as `main` would build it, with its files in `dir`.
pub fn config_in(dir: &std::path::Path, database_url: &str) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        database_url: database_url.to_string(),
        dist: dir.join("dist"),
        demo_data: true,
        secure_cookies: false,
        public_url: None,
        client_ip_header: None,
        hsts: false,
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
    let url = fresh_database_url(dir.path()).await;
    let mut config = config_in(dir.path(), &url);
    adjust(&mut config);
    start(config, dir).await
}

pub async fn start(config: Config, dir: TempDir) -> TestApp {
    let database_url = config.database_url.clone();
    let app = Application::build(config).await.expect("app builds");
    let address = format!("http://{}", app.local_addr().unwrap());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        db,
        database_url,
        dir,
    }
}

impl TestApp {
    /// A config for another server on this test's database.
    pub fn config(&self) -> Config {
        config_in(self.dir.path(), &self.database_url)
    }

    /// The id of the person with this e-mail address.
    pub async fn user_id(&self, email: &str) -> i64 {
        store::people::user_id_by_email(&self.db, email)
            .await
            .unwrap()
            .expect("a demo user")
    }

    /// The id of a demo user's organisation, as `GET /me` tells them.
    pub async fn org_of(&self, email: &str) -> i64 {
        let client = self.signed_in(email).await;
        let me: Value = self.get(&client, "/api/v1/me").await.json().await.unwrap();
        me["organisation"]["id"].as_i64().expect("an organisation")
    }

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

/// The id of the first activity of `kind` (`lesson`, `quiz`, …) in a published module, as
/// anyone reads it from the catalogue.
pub async fn activity(app: &TestApp, slug: &str, kind: &str) -> i64 {
    let m: Value = app
        .get(&app.client(), &format!("/api/v1/modules/{slug}"))
        .await
        .json()
        .await
        .unwrap();
    m["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {slug}"))["id"]
        .as_i64()
        .unwrap()
}

/// The correct option ids for each question of a quiz, straight from the database.
pub async fn right_answers(app: &TestApp, quiz_id: i64) -> Value {
    let key = store::catalogue::answer_key(&mut app.db.conn().await.unwrap(), quiz_id)
        .await
        .unwrap();
    let rows = key
        .into_iter()
        .filter(|&(_, _, _, correct)| correct)
        .map(|(q, _, o, _)| (q, o));
    let mut answers: Vec<Value> = Vec::new();
    for (q, o) in rows {
        match answers.iter_mut().find(|a| a["question_id"] == q) {
            Some(a) => a["option_ids"].as_array_mut().unwrap().push(json!(o)),
            None => answers.push(json!({ "question_id": q, "option_ids": [o] })),
        }
    }
    json!(answers)
}

/// Asserts sanitised HTML holds nothing that runs: no script-like elements, no handlers,
/// no dangerous URLs, no inline style. `images`: lessons may show images, posts may not.
pub fn assert_not_executable(html: &str, payload: &str, images: bool) {
    let lower = html.to_lowercase();
    // Text is escaped (`&lt;script`), so any of these as markup would be a real element.
    for bad in [
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "<svg",
        "<math",
        "<style",
        "<link",
        "<meta",
        "<form",
        "<base",
        "<img",
        "<input",
        "<button",
        "<frame",
        "<applet",
        "<template",
    ] {
        if images && bad == "<img" {
            continue;
        }
        assert!(!lower.contains(bad), "{bad:?} survived {payload:?}: {html}");
    }
    // Inside tags: no dangerous URL schemes, no handlers, no inline style.
    for tag in lower.split('<').skip(1) {
        let inside = tag.split('>').next().unwrap_or("");
        for bad in ["javascript:", "vbscript:", "data:", "srcdoc", "expression("] {
            assert!(
                !inside.contains(bad),
                "{bad:?} survived in a tag from {payload:?}: {html}"
            );
        }
        for attr in inside.split_whitespace().skip(1) {
            let name = attr.split('=').next().unwrap_or("");
            assert!(
                !name.starts_with("on"),
                "handler {name:?} survived {payload:?}: {html}"
            );
            assert!(
                name != "style",
                "style attribute survived {payload:?}: {html}"
            );
        }
    }
    // Every link goes somewhere harmless.
    for part in lower.split("href=\"").skip(1) {
        let url = part.split('"').next().unwrap_or("");
        assert!(
            url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
                || url.starts_with('#')
                || url.starts_with('/')
                || !url.contains(':'),
            "link {url:?} from {payload:?}"
        );
    }
}

/// A request with an optional JSON body, sent as `client` (one browser).
pub async fn call(
    app: &TestApp,
    client: &Client,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Response {
    let mut req = client.request(method, app.url(path));
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.send().await.expect("request")
}

/// Asserts the answer's status (showing its body when it differs) and returns its JSON.
pub async fn ok(res: Response, status: StatusCode) -> Value {
    let got = res.status();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert_eq!(got, status, "{body}");
    body
}
