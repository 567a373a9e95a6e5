//! Sharing across organisations: a module a provider shares only with chosen organisations
//! is seen, found, taken and discussed by their people alone; for everyone else — other
//! organisations and visitors who are not signed in — it does not exist (404, not 403),
//! wherever they ask. The fixture: Vestfjord sykehus's internal course on journal-keeping
//! (Ola works there; Kari works for Nordvik kommune).

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use kursbro_server::store;

use crate::helpers::*;

const INTERNAL: &str = "journalforing-i-dips";
const OLA: &str = "ola.hansen@demo.kursbro.no";

async fn slugs(app: &TestApp, client: &Client, query: &str) -> Vec<String> {
    let c: Value = app
        .get(client, &format!("/api/v1/catalogue{query}"))
        .await
        .json()
        .await
        .unwrap();
    c["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["slug"].as_str().unwrap().to_string())
        .collect()
}

async fn status(app: &TestApp, client: &Client, path: &str) -> StatusCode {
    app.get(client, path).await.status()
}

/// Everything someone who may not see the internal course could ask for: all "no such".
async fn sees_nothing(app: &TestApp, client: &Client, signed_in: bool, lesson: i64) {
    assert!(!slugs(app, client, "?limit=100")
        .await
        .contains(&INTERNAL.to_string()));
    assert!(
        slugs(app, client, "?q=dips").await.is_empty(),
        "not found by search"
    );
    let providers: Value = app
        .get(client, "/api/v1/catalogue")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        !providers["facets"]["themes"]
            .as_array()
            .unwrap()
            .contains(&json!("Dokumentasjon")),
        "its theme is not a facet either"
    );
    let detail = app
        .get(client, &format!("/api/v1/modules/{INTERNAL}"))
        .await;
    assert_error(detail, StatusCode::NOT_FOUND, "not_found").await;
    if !signed_in {
        return;
    }
    for path in [
        format!("/api/v1/modules/{INTERNAL}/progress"),
        format!("/api/v1/discussions/modules/{INTERNAL}/threads"),
    ] {
        assert_eq!(
            status(app, client, &path).await,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let res = app
        .post_json(client, "/api/v1/enrolments", &json!({ "module": INTERNAL }))
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let event = json!({ "id": "internal-lesson-1", "occurred_at": "2026-11-20T08:00:00Z",
                        "action": { "kind": "lesson_completed", "activity_id": lesson } });
    let res = app.post_json(client, "/api/v1/events", &event).await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn a_module_shared_with_chosen_organisations_exists_for_them_alone() {
    let app = spawn_app().await;
    let module_id = store::catalogue::module_id(&app.db, INTERNAL, Some(app.org_of(OLA).await))
        .await
        .unwrap()
        .expect("Ola's hospital sees its own course");
    let lesson =
        store::catalogue::module_activities(&mut app.db.conn().await.unwrap(), module_id, 1)
            .await
            .unwrap()[0]
            .0;

    // Not signed in, and someone of another organisation: nothing.
    sees_nothing(&app, &app.client(), false, lesson).await;
    let kari = app.signed_in(LEARNER).await;
    sees_nothing(&app, &kari, true, lesson).await;

    // Ola of the hospital finds it, opens it, enrols, does a lesson and opens its discussion.
    let ola = app.signed_in(OLA).await;
    assert!(slugs(&app, &ola, "?q=dips")
        .await
        .contains(&INTERNAL.to_string()));
    assert_eq!(
        status(&app, &ola, &format!("/api/v1/modules/{INTERNAL}")).await,
        StatusCode::OK
    );
    let res = app
        .post_json(&ola, "/api/v1/enrolments", &json!({ "module": INTERNAL }))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let event = json!({ "id": "internal-lesson-1", "occurred_at": "2026-11-26T08:00:00Z",
                        "action": { "kind": "lesson_completed", "activity_id": lesson } });
    assert_eq!(
        app.post_json(&ola, "/api/v1/events", &event).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        status(
            &app,
            &ola,
            &format!("/api/v1/discussions/modules/{INTERNAL}/threads")
        )
        .await,
        StatusCode::OK
    );
    let progress: Value = app
        .get(&ola, "/api/v1/progress")
        .await
        .json()
        .await
        .unwrap();
    assert!(progress["modules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["slug"] == INTERNAL));

    // Shared with Nordvik kommune too: now Kari sees it, and a visitor still does not.
    let nordvik = app.org_of(LEARNER).await;
    let mut tx = app.db.write().await.unwrap();
    store::content::share_module_only_with(&mut tx, module_id, &[nordvik])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        status(&app, &kari, &format!("/api/v1/modules/{INTERNAL}")).await,
        StatusCode::OK
    );
    assert!(slugs(&app, &kari, "?q=dips")
        .await
        .contains(&INTERNAL.to_string()));
    sees_nothing(&app, &app.client(), false, lesson).await;
}

#[tokio::test]
async fn a_private_module_inside_shared_content_is_left_out_for_others() {
    let app = spawn_app().await;
    const PROGRAMME: &str = "helseinformatikk-og-digitalisering";
    let hospital = app.org_of(OLA).await;
    let internal = store::catalogue::module_id(&app.db, INTERNAL, Some(hospital))
        .await
        .unwrap()
        .unwrap();
    let infection = store::catalogue::module_id(&app.db, "smittevern", None)
        .await
        .unwrap()
        .unwrap();
    let programme = store::catalogue::programme_id(&app.db, PROGRAMME, None)
        .await
        .unwrap()
        .unwrap();
    // The hospital's course made a prerequisite of a shared course, and a required module
    // of the shared programme (which Nordvik's north district requires of its nurses).
    let mut tx = app.db.write().await.unwrap();
    store::content::set_prerequisite(&mut tx, infection, Some(internal))
        .await
        .unwrap();
    store::content::add_programme_module(&mut tx, programme, internal, 99, true)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let kari = app.signed_in(LEARNER).await;
    let ola = app.signed_in(OLA).await;
    let modules_of = |p: &Value| -> Vec<String> {
        p["programme"]["modules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["slug"].as_str().unwrap().to_string())
            .collect()
    };
    // The programme: five modules for the hospital's people, four for Kari and visitors.
    let path = format!("/api/v1/programmes/{PROGRAMME}");
    let hers: Value = app.get(&kari, &path).await.json().await.unwrap();
    let his: Value = app.get(&ola, &path).await.json().await.unwrap();
    let visitor: Value = app.get(&app.client(), &path).await.json().await.unwrap();
    assert!(modules_of(&his).contains(&INTERNAL.to_string()));
    assert!(!modules_of(&hers).contains(&INTERNAL.to_string()));
    assert_eq!(modules_of(&hers), modules_of(&visitor));
    // The infection course names no prerequisite for Kari and is not locked for her.
    let detail: Value = app
        .get(&kari, "/api/v1/modules/smittevern")
        .await
        .json()
        .await
        .unwrap();
    assert!(
        detail["prerequisite"].is_null(),
        "{}",
        detail["prerequisite"]
    );
    app.post_json(
        &kari,
        "/api/v1/enrolments",
        &json!({ "module": "smittevern" }),
    )
    .await;
    let state: Value = app
        .get(&kari, "/api/v1/modules/smittevern/progress")
        .await
        .json()
        .await
        .unwrap();
    assert!(state["locked_by"].is_null(), "{}", state["locked_by"]);
    let his_detail: Value = app
        .get(&ola, "/api/v1/modules/smittevern")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(his_detail["prerequisite"]["slug"], INTERNAL);
    // Her programme requirement rests on the modules she can do.
    let mine: Value = app
        .get(&kari, "/api/v1/me/requirements")
        .await
        .json()
        .await
        .unwrap();
    let requirement = mine["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"]["programme"]["slug"] == PROGRAMME)
        .unwrap();
    let rests_on: Vec<&str> = requirement["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["slug"].as_str().unwrap())
        .collect();
    assert_eq!(rests_on.len(), 4);
    assert!(!rests_on.contains(&INTERNAL));
}
