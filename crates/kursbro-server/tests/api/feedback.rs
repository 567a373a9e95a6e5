//! Learners' feedback: given once after completing a module, read by the module's provider
//! as a summary that names nobody and covers whole batches of five answers only. The demo data:
//! three learners have answered on Høgskolen på Fjellstad's privacy module; Sigrid writes
//! for Høgskolen.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use kursbro_server::store;

use crate::helpers::*;

const PRIVACY: &str = "personvern-og-informasjonssikkerhet";
const SIGRID: &str = "sigrid.fjell@demo.kursbro.no";

fn answer(r: u8, w: u8, q: u8, comment: &str) -> Value {
    json!({ "relevance": r, "workload": w, "quality": q, "comment": comment })
}

async fn privacy_summary(app: &TestApp, client: &Client) -> Value {
    let o: Value = app
        .get(client, "/api/v1/feedback")
        .await
        .json()
        .await
        .unwrap();
    o["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["module"]["slug"] == PRIVACY)
        .expect("the provider's module")
        .clone()
}

/// Marks every activity of the privacy module done for `email`, as events would.
async fn complete_privacy(app: &TestApp, email: &str) {
    let user = app.user_id(email).await;
    let module = store::catalogue::module_id(&app.db, PRIVACY, None)
        .await
        .unwrap()
        .unwrap();
    let mut tx = app.db.write().await.unwrap();
    for (id, _) in store::catalogue::module_activities(&mut tx, module, 100)
        .await
        .unwrap()
    {
        store::learning::complete(&mut tx, user, id, chrono::Utc::now())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn feedback_is_given_after_completing_and_read_only_as_an_anonymous_summary_of_five() {
    let app = spawn_app().await;
    let path = format!("/api/v1/modules/{PRIVACY}/feedback");
    let kari = app.signed_in(LEARNER).await;
    // Not completed yet: asked to complete it first. A rating out of range names its field.
    let res = app.post_json(&kari, &path, &answer(5, 5, 5, "")).await;
    assert_error(res, StatusCode::CONFLICT, "module_not_completed").await;
    let res = app.post_json(&kari, &path, &answer(0, 5, 5, "")).await;
    let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(err["error"]["field"], "relevance");

    // Three have answered: the provider learns only that.
    let sigrid = app.signed_in(SIGRID).await;
    let s = privacy_summary(&app, &sigrid).await;
    assert_eq!(
        (s["answers"].as_u64(), s["min_answers"].as_u64()),
        (Some(3), Some(5))
    );
    assert_eq!(s["averages"], json!([]));
    assert_eq!(s["comments"], json!([]));

    // Two more complete it and answer; the page says it is answered.
    for (email, a) in [
        (LEARNER, answer(4, 2, 4, "For mye tekst")),
        (LEARNER_COHORT_2, answer(3, 3, 3, "")),
    ] {
        complete_privacy(&app, email).await;
        let client = app.signed_in(email).await;
        assert_eq!(
            app.post_json(&client, &path, &a).await.status(),
            StatusCode::NO_CONTENT
        );
        let state: Value = app
            .get(&client, &format!("/api/v1/modules/{PRIVACY}/progress"))
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(state["feedback_given"], true);
    }
    // Given once: a change would show as a change in the summary.
    let res = app.post_json(&kari, &path, &answer(1, 1, 1, "")).await;
    assert_error(res, StatusCode::CONFLICT, "feedback_given").await;
    // A module not shared with her organisation does not exist for her.
    let res = app
        .post_json(
            &kari,
            "/api/v1/modules/journalforing-i-dips/feedback",
            &answer(5, 5, 5, ""),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;

    let s = privacy_summary(&app, &sigrid).await;
    assert_eq!(
        (s["answers"].as_u64(), s["summarised"].as_u64()),
        (Some(5), Some(5))
    );
    // Relevance 5, 5, 4 (seeded) + 4, 3; workload 4, 3, 4 + 2, 3; quality 4, 5, 4 + 4, 3.
    let five = json!([
        { "question": "relevance", "average": 4.2 },
        { "question": "workload", "average": 3.2 },
        { "question": "quality", "average": 4.0 }
    ]);
    assert_eq!(s["averages"], five);
    assert_eq!(
        s["comments"],
        json!([
            "Casene fra hjemmetjenesten var nyttige.",
            "For mye tekst",
            "Litt lang quiz."
        ])
    );
    // A sixth answer waits for its batch of five: only the count moves.
    let aisha = "aisha.rahman@demo.kursbro.no";
    complete_privacy(&app, aisha).await;
    let client = app.signed_in(aisha).await;
    let res = app
        .post_json(&client, &path, &answer(1, 1, 1, "Kjedelig"))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let six = privacy_summary(&app, &sigrid).await;
    assert_eq!(
        (six["answers"].as_u64(), six["summarised"].as_u64()),
        (Some(6), Some(5))
    );
    assert_eq!(six["averages"], five);
    assert_eq!(six["comments"], s["comments"]);

    // Per cohort, by the same rule: the autumn cohort's Ingrid, Kari and Aisha have answered,
    // and the spring cohort's Per; too few in each to show more than that.
    let cohorts: Vec<(String, u64, u64)> = six["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                format!(
                    "{} ({})",
                    c["cohort"].as_str().unwrap(),
                    c["organisation"].as_str().unwrap()
                ),
                c["summary"]["answers"].as_u64().unwrap(),
                c["summary"]["summarised"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        cohorts,
        [
            (
                "Helseinformatikk høsten 2026 (Høgskolen på Fjellstad)".to_string(),
                3,
                0
            ),
            (
                "Helseinformatikk våren 2027 (Sørlia kommune)".to_string(),
                1,
                0
            ),
        ]
    );
    assert!(six["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["summary"]["averages"] == json!([]) && c["summary"]["comments"] == json!([])));

    // The export: the same figures and comments, nobody's name.
    let res = app
        .get(&sigrid, "/api/v1/feedback.csv?separator=comma&lang=en")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Module,Cohort,Answers,Summarised,Relevance (average 1–5),Workload (average 1–5),Quality (average 1–5),Comment");
    let privacy: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("Personvern"))
        .collect();
    assert_eq!(
        privacy,
        [
            "Personvern og informasjonssikkerhet i helsetjenesten,All,6,5,4.2,3.2,4.0,",
            "Personvern og informasjonssikkerhet i helsetjenesten,All,,,,,,Casene fra hjemmetjenesten var nyttige.",
            "Personvern og informasjonssikkerhet i helsetjenesten,All,,,,,,For mye tekst",
            "Personvern og informasjonssikkerhet i helsetjenesten,All,,,,,,Litt lang quiz.",
            "Personvern og informasjonssikkerhet i helsetjenesten,Helseinformatikk høsten 2026 (Høgskolen på Fjellstad),3,0,,,,",
            "Personvern og informasjonssikkerhet i helsetjenesten,Helseinformatikk våren 2027 (Sørlia kommune),1,0,,,,",
        ]
    );
    for name in [
        "Kari Nordmann",
        "Per Olsen",
        "Aisha Rahman",
        "Ingrid Berg",
        "Line Dahl",
        "Tone Berntsen",
    ] {
        assert!(!csv.contains(name), "{name} in the CSV");
    }
    assert_error(
        app.get(&kari, "/api/v1/feedback.csv").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // Only the provider's authors and admins, and only their own organisation's modules.
    assert_error(
        app.get(&kari, "/api/v1/feedback").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let hilde = app.signed_in("hilde.aas@demo.kursbro.no").await;
    let theirs: Value = app
        .get(&hilde, "/api/v1/feedback")
        .await
        .json()
        .await
        .unwrap();
    let slugs: Vec<&str> = theirs["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["module"]["slug"].as_str().unwrap())
        .collect();
    assert!(
        slugs.contains(&"hjerte-lunge-redning"),
        "Nordvik provides the CPR course"
    );
    assert!(!slugs.contains(&PRIVACY), "not another provider's");
}
