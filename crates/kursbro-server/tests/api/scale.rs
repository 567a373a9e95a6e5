//! The regional benchmark's data and page list (`make scale-data`, `make bench-scale`) on a
//! small region, on SQLite and on PostgreSQL: the fill runs, the server starts on it, and
//! every call the benchmark times answers 200 with what the data says it should — so the
//! benchmark cannot time error pages or empty lists.

use kursbro_server::scale::{calls, email, fill, Role, Scale};
use kursbro_server::store::connect_and_migrate;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{config_in, fresh_database_url, start, DEMO_PASSWORD};

const SMALL: Scale = Scale {
    organisations: 2,
    learners_per_org: 400,
    cohorts_per_org: 8,
    programmes: 2,
    modules_per_programme: 5,
    courses: 15,
};

#[test]
fn a_size_the_statements_cannot_fill_is_refused() {
    assert!(Scale::region().check().is_ok());
    assert!(SMALL.check().is_ok());
    let too_few_courses = Scale {
        courses: 10,
        ..SMALL
    };
    assert!(too_few_courses.check().is_err());
    let tiny_cohorts = Scale {
        learners_per_org: 60,
        ..SMALL
    };
    assert!(tiny_cohorts.check().is_err());
}

#[tokio::test]
async fn every_page_of_the_benchmark_answers_on_the_generated_region() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let db = connect_and_migrate(&url).await.unwrap();
    let hash = kursbro_server::password::hash(DEMO_PASSWORD).unwrap();
    let filled = fill(db, &SMALL, &hash, chrono::Utc::now()).await.unwrap();
    let rows = |t: &str| filled.rows.iter().find(|(n, _)| n == t).map(|(_, n)| *n);
    assert_eq!(rows("users"), Some(800));
    assert_eq!(
        rows("cohort_members"),
        Some(800),
        "every learner in one cohort"
    );
    assert_eq!(rows("cohorts"), Some(16));
    assert!(rows("activity_completions").unwrap() > 800 * 5);
    assert_eq!(
        rows("learning_events"),
        Some(
            rows("activity_completions").unwrap() + rows("activity_completions (courses)").unwrap()
        ),
        "an event for every completed activity"
    );

    let mut config = config_in(dir.path(), &url);
    config.demo_data = false;
    let app = start(config, dir).await;
    let broken = kursbro_server::store::testing::broken_references(&app.db).await;
    assert_eq!(
        broken.unwrap().unwrap_or(0),
        0,
        "every reference leads to a row"
    );
    let mut clients = Vec::new();
    for role in Role::ALL {
        let client = app.client();
        let res = app
            .login(&client, email(&filled, role), DEMO_PASSWORD)
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{} signs in", role.as_str());
        clients.push((role, client));
    }
    let mut bodies = Vec::new();
    for call in calls(&filled) {
        let client = &clients.iter().find(|(r, _)| *r == call.role).unwrap().1;
        let res = app.get(client, &call.path).await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{} as {}",
            call.path,
            call.role.as_str()
        );
        let body: Value = res.json().await.unwrap();
        bodies.push((call.page, body));
    }
    let body = |page: &str| &bodies.iter().find(|(p, _)| *p == page).unwrap().1;

    let grid = body("cohort grid");
    assert_eq!(
        grid["rows"].as_array().unwrap().len() as i64,
        filled.cohort_learners
    );
    assert_eq!(grid["modules"].as_array().unwrap().len(), 5);
    let members = body("cohort members");
    assert_eq!(
        members["matching"].as_i64(),
        Some(filled.cohort_learners + 1),
        "{members}"
    );
    assert!(
        body("my requirements")["requirements"]
            .as_array()
            .unwrap()
            .len()
            >= 5
    );
    assert!(body("my progress")
        .to_string()
        .contains(&filled.module_slug));
    let thread = body("thread");
    assert_eq!(
        thread["posts"].as_array().map(Vec::len),
        Some(20),
        "{thread}"
    );
    for page in ["competence: clinic", "competence: organisation"] {
        let d = body(page);
        let people = d["summary"]["green"].as_u64().unwrap()
            + d["summary"]["yellow"].as_u64().unwrap()
            + d["summary"]["red"].as_u64().unwrap();
        assert!(people > 0, "{page}: {}", d["summary"]);
    }
    // The clinic is a part of the organisation, as its leader's and the admin's views say.
    let matching = |page| body(page)["matching"].as_u64().unwrap();
    assert!(matching("competence: clinic") < matching("competence: organisation"));
    assert!(!body("admin: people search")["people"]
        .as_array()
        .unwrap()
        .is_empty());
    let gatherings = body("gatherings")["gatherings"].as_array().unwrap();
    assert!(!gatherings.is_empty(), "the learner's cohort's gatherings");
}
