//! Who may see what. Every endpoint that needs a session answers 401 without one, and
//! role-scoped lists show only what the role allows.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

async fn cohort_names(app: &TestApp, email: &str) -> Vec<String> {
    let client = app.signed_in(email).await;
    let res = app.get(&client, "/api/v1/cohorts").await;
    assert_eq!(res.status(), StatusCode::OK, "{email}");
    let page: Value = res.json().await.unwrap();
    page["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

const AUTUMN: &str = "Helseinformatikk høsten 2026";
const SPRING: &str = "Helseinformatikk våren 2027";

#[tokio::test]
async fn cohorts_are_scoped_by_role_and_membership() {
    let app = spawn_app().await;
    assert_eq!(cohort_names(&app, FACILITATOR).await, vec![AUTUMN]);
    assert_eq!(cohort_names(&app, FACILITATOR_2).await, vec![SPRING]);
    assert_eq!(cohort_names(&app, LEARNER).await, vec![AUTUMN]);
    assert_eq!(cohort_names(&app, LEARNER_COHORT_2).await, vec![SPRING]);
    // A leader whose people are in the autumn cohort, but who is not a member of it: they
    // follow those people on the competence dashboard, not in the cohort.
    assert!(cohort_names(&app, LEADER).await.is_empty());
    let mut all = cohort_names(&app, ADMIN).await;
    all.sort();
    assert_eq!(all, vec![AUTUMN, SPRING]);
}

#[tokio::test]
async fn a_cohort_lists_its_facilitators_and_counts_learners() {
    let app = spawn_app().await;
    let client = app.signed_in(FACILITATOR).await;
    let page: Value = app
        .get(&client, "/api/v1/cohorts")
        .await
        .json()
        .await
        .unwrap();
    let list = page["cohorts"].as_array().unwrap();
    assert_eq!(page["matching"], 1);
    assert_eq!(list[0]["facilitators"], serde_json::json!(["Marte Lie"]));
    assert_eq!(list[0]["learner_count"], 4);
    assert_eq!(
        list[0]["programme"]["slug"],
        "helseinformatikk-og-digitalisering"
    );
    assert_eq!(list[0]["starts_on"], "2026-09-01");
}

#[tokio::test]
async fn people_lists_are_for_admins_and_leaders_only() {
    let app = spawn_app().await;
    for email in [LEARNER, FACILITATOR] {
        let client = app.signed_in(email).await;
        assert_error(
            app.get(&client, "/api/v1/users").await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }

    let client = app.signed_in(LEADER).await;
    let list: Vec<Value> = app
        .get(&client, "/api/v1/users")
        .await
        .json()
        .await
        .unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|u| u["organisation"]["name"] == "Nordvik kommune"),
        "a leader sees their own organisation only"
    );

    let client = app.signed_in(ADMIN).await;
    let list: Vec<Value> = app
        .get(&client, "/api/v1/users")
        .await
        .json()
        .await
        .unwrap();
    let demo: Value = serde_json::from_str(include_str!("../../seed/demo.json")).unwrap();
    assert_eq!(
        list.len(),
        demo["users"].as_array().unwrap().len(),
        "a platform admin sees everyone"
    );
    assert!(list.iter().all(|u| u.get("password_hash").is_none()));
}

#[tokio::test]
async fn endpoints_needing_a_session_answer_401_without_one() {
    let app = spawn_app().await;
    let client = app.client();
    for path in ["/api/v1/me", "/api/v1/cohorts", "/api/v1/users"] {
        assert_error(
            app.get(&client, path).await,
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
        )
        .await;
    }
    // A forged cookie is no better than none.
    let res = client
        .get(app.url("/api/v1/cohorts"))
        .header("cookie", "kursbro_session=forged-token")
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}
