//! Authoring: a provider's authors write a module as a draft and publish it; learners see
//! only what is published and shared with them, and keep their progress when it changes.
//! The demo data: Sigrid writes for Høgskolen på Fjellstad; Hilde is admin and author of
//! Nordvik kommune (where Kari learns); Ola works at the hospital.

use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

use kursbro_server::store;

use crate::helpers::*;

pub const SIGRID: &str = "sigrid.fjell@demo.kursbro.no";
pub const HILDE: &str = "hilde.aas@demo.kursbro.no";
const OLA: &str = "ola.hansen@demo.kursbro.no";
pub const SLUG: &str = "trykksar-forebygging";

pub async fn put_json(app: &TestApp, client: &Client, path: &str, body: &Value) -> Response {
    client
        .put(app.url(path))
        .json(body)
        .send()
        .await
        .expect("request")
}

pub fn lesson(id: Option<i64>, title: &str, body: &str) -> Value {
    json!({ "id": id, "title": title, "summary": "", "estimated_minutes": 10,
            "content": { "kind": "lesson", "body": body, "video_url": null } })
}

pub fn quiz(id: Option<i64>, correct: usize) -> Value {
    json!({ "id": id, "title": "Test deg selv", "summary": "", "estimated_minutes": 5,
            "content": { "kind": "quiz", "pass_mark_percent": 100, "questions": [{
                "prompt": "Hvor ofte snus en pasient med høy risiko?", "multiple": false,
                "options": [
                    { "text": "Hver 2.–4. time", "correct": correct == 0 },
                    { "text": "En gang i døgnet", "correct": correct == 1 },
                ] }] } })
}

fn reflection(id: Option<i64>) -> Value {
    json!({ "id": id, "title": "Refleksjon", "summary": "", "estimated_minutes": 10,
            "content": { "kind": "reflection", "prompt": "Hva gjør dere på din post?" } })
}

/// Sigrid's draft of the module, with `activities` and shared as `shared_with`.
pub fn draft(activities: Vec<Value>, shared_with: Value) -> Value {
    json!({
        "title": "Forebygging av trykksår",
        "summary": "Risikovurdering, snuregime og hudobservasjon.",
        "description": "For sykepleiere og helsefagarbeidere.",
        "theme": "Pasientsikkerhet",
        "language": "nb",
        "kind": "statutory_course",
        "estimated_hours": 1,
        "credits": null,
        "validity_months": 24,
        "prerequisite": null,
        "shared_with": shared_with,
        "activities": activities,
    })
}

pub async fn save(app: &TestApp, client: &Client, version: i64, d: &Value) -> Response {
    put_json(
        app,
        client,
        &format!("/api/v1/authoring/modules/{SLUG}"),
        &json!({ "version": version, "draft": d }),
    )
    .await
}

pub async fn publish(app: &TestApp, client: &Client, version: i64) -> Response {
    app.post_json(
        client,
        &format!("/api/v1/authoring/modules/{SLUG}/publish"),
        &json!({ "version": version }),
    )
    .await
}

/// Creates the module as Sigrid, saves `d` and publishes it; the published state.
pub async fn create_and_publish(app: &TestApp, sigrid: &Client, d: &Value) -> Value {
    let res = app
        .post_json(
            sigrid,
            "/api/v1/authoring/modules",
            &json!({ "slug": SLUG, "title": "Forebygging av trykksår" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["published"], false);
    let saved: Value = save(app, sigrid, created["version"].as_i64().unwrap(), d)
        .await
        .json()
        .await
        .unwrap();
    let res = publish(app, sigrid, saved["version"].as_i64().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

/// The version of the draft as the editor loads it (to save from).
pub async fn draft_version(app: &TestApp, client: &Client) -> i64 {
    state(app, client).await["version"].as_i64().unwrap()
}

pub async fn state(app: &TestApp, client: &Client) -> Value {
    app.get(client, &format!("/api/v1/authoring/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap()
}

async fn module_db_id(app: &TestApp) -> i64 {
    store::authoring::module_by_slug(&mut app.db.conn().await.unwrap(), SLUG)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn complete(app: &TestApp, email: &str, activity: i64) {
    let user = app.user_id(email).await;
    let mut tx = app.db.write().await.unwrap();
    store::learning::complete(&mut tx, user, activity, chrono::Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn has_completed(app: &TestApp, email: &str) -> bool {
    let user = app.user_id(email).await;
    let module = module_db_id(app).await;
    store::feedback::completed(&mut app.db.conn().await.unwrap(), user, module)
        .await
        .unwrap()
}

#[tokio::test]
async fn authoring_is_for_the_providers_own_authors_and_drafts_stay_hidden() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    let kari = app.signed_in(LEARNER).await;
    let hilde = app.signed_in(HILDE).await;
    // A learner has no authoring at all.
    let res = app.get(&kari, "/api/v1/authoring/modules").await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = app
        .post_json(
            &kari,
            "/api/v1/authoring/modules",
            &json!({ "slug": SLUG, "title": "X" }),
        )
        .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;

    let res = app
        .post_json(
            &sigrid,
            "/api/v1/authoring/modules",
            &json!({ "slug": SLUG, "title": "Forebygging av trykksår" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // Her list has it, unpublished; Hilde's (another provider) does not.
    let mine: Value = app
        .get(&sigrid, "/api/v1/authoring/modules")
        .await
        .json()
        .await
        .unwrap();
    let m = mine["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == SLUG)
        .expect("the new module");
    assert_eq!(
        (m["published"].as_bool(), m["unpublished_changes"].as_bool()),
        (Some(false), Some(true))
    );
    let hers: Value = app
        .get(&hilde, "/api/v1/authoring/modules")
        .await
        .json()
        .await
        .unwrap();
    assert!(!hers["modules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["slug"] == SLUG));
    assert!(
        mine["modules"].as_array().unwrap().len() > 1,
        "Høgskolen's published modules are hers to edit too"
    );

    // Another provider's author: the draft does not exist for her, read or write.
    let path = format!("/api/v1/authoring/modules/{SLUG}");
    assert_error(
        app.get(&hilde, &path).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let d = draft(vec![lesson(None, "Les", "Tekst")], Value::Null);
    assert_error(
        save(&app, &hilde, 1, &d).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        publish(&app, &hilde, 1).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Nor can she edit Høgskolen's published modules.
    let res = app
        .get(
            &hilde,
            "/api/v1/authoring/modules/personvern-og-informasjonssikkerhet",
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;

    // Saved but not published: no learner, visitor or catalogue sees it.
    let saved = save(&app, &sigrid, 1, &d).await;
    assert_eq!(saved.status(), StatusCode::OK);
    for client in [&kari, &app.client()] {
        let res = app.get(client, &format!("/api/v1/modules/{SLUG}")).await;
        assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
        let c: Value = app
            .get(client, "/api/v1/catalogue?q=trykksår")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(c["total_modules"], 0, "{c}");
    }
    let res = app
        .post_json(&kari, "/api/v1/enrolments", &json!({ "module": SLUG }))
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_published_module_shared_with_one_municipality_is_theirs_alone() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    let nordvik = app.org_of(LEARNER).await;
    let published = create_and_publish(
        &app,
        &sigrid,
        &draft(
            vec![
                lesson(None, "Risiko", "## Braden-skala\n\nVurder **alle**."),
                quiz(None, 0),
            ],
            json!([nordvik]),
        ),
    )
    .await;
    assert_eq!(published["published"], true);
    assert_eq!(published["unpublished_changes"], false);
    // Created (1), saved (2), published (3): the version keeps counting, so an editor
    // opened before the publish cannot save over it.
    assert_eq!(published["version"], 3);
    assert_eq!(published["draft"]["shared_with"], json!([nordvik]));

    // Kari of Nordvik finds it, reads the lesson as sanitised HTML, enrols.
    let kari = app.signed_in(LEARNER).await;
    let c: Value = app
        .get(&kari, "/api/v1/catalogue?q=trykksår")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(c["modules"][0]["slug"], SLUG);
    assert_eq!(
        c["modules"][0]["provider"]["name"],
        "Høgskolen på Fjellstad"
    );
    let m: Value = app
        .get(&kari, &format!("/api/v1/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        m["activities"][0]["content"]["html"],
        "<h2>Braden-skala</h2>\n<p>Vurder <strong>alle</strong>.</p>\n"
    );
    assert_eq!(m["module"]["validity_months"], 24);
    let res = app
        .post_json(&kari, "/api/v1/enrolments", &json!({ "module": SLUG }))
        .await;
    assert!(res.status().is_success());

    // Ola of the hospital and visitors: it does not exist.
    let ola = app.signed_in(OLA).await;
    for client in [&ola, &app.client()] {
        let res = app.get(client, &format!("/api/v1/modules/{SLUG}")).await;
        assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    }

    // The change log says who did what.
    let log: Value = app
        .get(&sigrid, "/api/v1/authoring/changes")
        .await
        .json()
        .await
        .unwrap();
    let ours: Vec<(&str, u64)> = log["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["module"]["slug"] == SLUG)
        .map(|c| (c["what"].as_str().unwrap(), c["added"].as_u64().unwrap()))
        .collect();
    assert_eq!(ours, [("published", 2), ("created", 0)]);
    assert_eq!(log["changes"][0]["author"], "Sigrid Fjell");
}

#[tokio::test]
async fn publishing_a_change_keeps_what_learners_did() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    let published = create_and_publish(
        &app,
        &sigrid,
        &draft(
            vec![
                lesson(None, "Risiko", "Tekst"),
                quiz(None, 0),
                reflection(None),
            ],
            Value::Null,
        ),
    )
    .await;
    let ids: Vec<i64> = published["draft"]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    let [les, qz, refl] = ids[..] else {
        panic!("{ids:?}")
    };
    // Kari did the lesson and passed the quiz; Per did all three (completed).
    // Kari reads the lesson and passes the quiz, as the app sends it.
    complete(&app, LEARNER, les).await;
    let kari = app.signed_in(LEARNER).await;
    app.post_json(&kari, "/api/v1/enrolments", &json!({ "module": SLUG }))
        .await;
    let event = json!({
        "id": "trykksar-quiz-1",
        "occurred_at": chrono::Utc::now().to_rfc3339(),
        "action": { "kind": "quiz_submitted", "activity_id": qz,
                    "answers": right_answers(&app, qz).await }
    });
    let res = app.post_json(&kari, "/api/v1/events", &event).await;
    assert_eq!(res.status(), StatusCode::OK);
    for a in [les, qz, refl] {
        complete(&app, LEARNER_COHORT_2, a).await;
    }
    let per = app.user_id(LEARNER_COHORT_2).await;
    let mut tx = app.db.write().await.unwrap();
    store::learning::save_reflection(
        &mut tx,
        per,
        refl,
        "Vi snur hver tredje time.",
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(!has_completed(&app, LEARNER).await);
    assert!(has_completed(&app, LEARNER_COHORT_2).await);

    // The draft reorders, changes the quiz's right answer and removes the reflection.
    let mut changed = draft(
        vec![quiz(Some(qz), 1), lesson(Some(les), "Risiko", "Tekst")],
        Value::Null,
    );
    changed["activities"][0]["content"]["questions"][0]["explanation"] =
        json!("Ved høy risiko snus pasienten ofte nok til at huden aldri får varige trykkmerker.");
    let saved: Value = save(&app, &sigrid, draft_version(&app, &sigrid).await, &changed)
        .await
        .json()
        .await
        .unwrap();
    let version = saved["version"].as_i64().unwrap();
    assert_eq!(saved["unpublished_changes"], true);
    // Learners still see the published module meanwhile.
    let m: Value = app
        .get(&app.client(), &format!("/api/v1/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(m["activities"].as_array().unwrap().len(), 3);

    let impact: Value = app
        .get(&sigrid, &format!("/api/v1/authoring/modules/{SLUG}/impact"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        impact["activities"],
        json!([
            { "title": "Test deg selv", "change": "changed" },
            { "title": "Risiko", "change": "unchanged" },
            { "title": "Refleksjon", "change": "removed" },
        ])
    );
    assert_eq!(
        (
            impact["in_progress"].as_u64(),
            impact["completed"].as_u64(),
            impact["will_complete"].as_u64(),
            impact["lose_completions"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1))
    );

    // Someone else saves meanwhile: publishing the version she reviewed is refused.
    let newer: Value = save(&app, &sigrid, version, &changed)
        .await
        .json()
        .await
        .unwrap();
    assert_error(
        publish(&app, &sigrid, version).await,
        StatusCode::CONFLICT,
        "draft_changed",
    )
    .await;
    assert_error(
        save(&app, &sigrid, version, &changed).await,
        StatusCode::CONFLICT,
        "draft_changed",
    )
    .await;
    let res = publish(&app, &sigrid, newer["version"].as_i64().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);

    // As the impact said: Kari has now completed it (what she lacked is gone), Per keeps
    // his completion, and the quiz Kari passed stays passed under the new question.
    assert!(has_completed(&app, LEARNER).await);
    assert!(has_completed(&app, LEARNER_COHORT_2).await);
    let kari = app.signed_in(LEARNER).await;
    let p: Value = app
        .get(&kari, &format!("/api/v1/modules/{SLUG}/progress"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["progress"], json!({ "completed": 2, "total": 2 }));
    let m: Value = app
        .get(&kari, &format!("/api/v1/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(m["activities"][0]["id"], qz, "the quiz comes first now");
    // Answering the quiz as it is now, she is told the author's explanation.
    let event = json!({
        "id": "trykksar-quiz-2",
        "occurred_at": chrono::Utc::now().to_rfc3339(),
        "action": { "kind": "quiz_submitted", "activity_id": qz,
                    "answers": right_answers(&app, qz).await }
    });
    let receipt: Value = app
        .post_json(&kari, "/api/v1/events", &event)
        .await
        .json()
        .await
        .unwrap();
    let question = m["activities"][0]["content"]["questions"][0]["id"].clone();
    assert_eq!(
        receipt["quiz"]["explanations"],
        json!([{ "question_id": question,
                 "text": "Ved høy risiko snus pasienten ofte nok til at huden aldri får varige trykkmerker." }])
    );
    // Her pass of the quiz as it was stays a pass.
    assert_eq!(
        p["quizzes"],
        json!([{ "activity_id": qz, "best_percent": 100, "passed": true, "attempts": 1 }])
    );
    // An editor opened before the publish cannot save over it.
    let res = save(&app, &sigrid, version, &changed).await;
    assert_error(res, StatusCode::CONFLICT, "draft_changed").await;
    assert_eq!(
        m["activities"][0]["content"]["questions"][0]["options"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    // Per's reflection on the removed activity is kept.
    let kept = store::testing::retired_reflections(&app.db, app.user_id(LEARNER_COHORT_2).await)
        .await
        .unwrap();
    assert_eq!(kept, ["Refleksjon"]);

    // A new activity: Per keeps his completion, Kari (completed too now) as well; someone
    // who had only the lesson stays in progress.
    let with_new = draft(
        vec![
            quiz(Some(qz), 1),
            lesson(Some(les), "Risiko", "Tekst"),
            lesson(None, "Hud", "Observer huden."),
        ],
        Value::Null,
    );
    let saved: Value = save(&app, &sigrid, draft_version(&app, &sigrid).await, &with_new)
        .await
        .json()
        .await
        .unwrap();
    let impact: Value = app
        .get(&sigrid, &format!("/api/v1/authoring/modules/{SLUG}/impact"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(impact["completed"], 2);
    assert_eq!(impact["will_complete"], 0);
    assert_eq!(
        impact["activities"][2],
        json!({ "title": "Hud", "change": "added" })
    );
    assert_eq!(
        publish(&app, &sigrid, saved["version"].as_i64().unwrap())
            .await
            .status(),
        StatusCode::OK
    );
    assert!(has_completed(&app, LEARNER_COHORT_2).await);
    let log: Value = app
        .get(&sigrid, "/api/v1/authoring/changes")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            log["changes"][0]["added"].as_u64(),
            log["changes"][1]["changed"].as_u64(),
            log["changes"][1]["removed"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    // That publish took the explanation away and changed nothing else in the quiz: the
    // question is the same one (an answer sent offline still counts), without explanation.
    let m: Value = app
        .get(&kari, &format!("/api/v1/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        m["activities"][0]["content"]["questions"][0]["id"],
        question
    );
    let event = json!({
        "id": "trykksar-quiz-3",
        "occurred_at": chrono::Utc::now().to_rfc3339(),
        "action": { "kind": "quiz_submitted", "activity_id": qz,
                    "answers": right_answers(&app, qz).await }
    });
    let receipt: Value = app
        .post_json(&kari, "/api/v1/events", &event)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(receipt["quiz"]["explanations"], json!([]));
}

#[tokio::test]
async fn bad_drafts_are_refused_by_field_and_nothing_is_half_saved() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    let published = create_and_publish(
        &app,
        &sigrid,
        &draft(vec![lesson(None, "Risiko", "Tekst")], Value::Null),
    )
    .await;
    let les = published["draft"]["activities"][0]["id"].as_i64().unwrap();
    let field = |res| async move {
        let e = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        e["error"]["field"].as_str().unwrap().to_string()
    };
    // A quiz with no correct option; a pass mark over 100.
    let mut none_correct = quiz(None, 0);
    none_correct["content"]["questions"][0]["options"][0]["correct"] = json!(false);
    let d = draft(
        vec![lesson(Some(les), "Risiko", "Tekst"), none_correct],
        Value::Null,
    );
    assert_eq!(
        field(save(&app, &sigrid, draft_version(&app, &sigrid).await, &d).await).await,
        "activities[1].content.questions[0].options"
    );
    let mut over = quiz(None, 0);
    over["content"]["pass_mark_percent"] = json!(101);
    let d = draft(vec![over], Value::Null);
    assert_eq!(
        field(save(&app, &sigrid, draft_version(&app, &sigrid).await, &d).await).await,
        "activities[0].pass_mark_percent"
    );
    // A published lesson turned into a quiz; an activity of another module; an unknown
    // organisation; a prerequisite that is not in the catalogue.
    let d = draft(vec![quiz(Some(les), 0)], Value::Null);
    assert_eq!(
        field(save(&app, &sigrid, draft_version(&app, &sigrid).await, &d).await).await,
        "activities[0].content"
    );
    let other = activity(&app, "personvern-og-informasjonssikkerhet", "lesson").await;
    let d = draft(vec![lesson(Some(other), "Stjålet", "Tekst")], Value::Null);
    assert_eq!(
        field(save(&app, &sigrid, draft_version(&app, &sigrid).await, &d).await).await,
        "activities[0].id"
    );
    let d = draft(vec![lesson(Some(les), "Risiko", "Tekst")], json!([999_999]));
    assert_eq!(
        field(save(&app, &sigrid, draft_version(&app, &sigrid).await, &d).await).await,
        "shared_with"
    );
    let mut d = draft(vec![lesson(Some(les), "Risiko", "Tekst")], Value::Null);
    d["prerequisite"] = json!("finnes-ikke");
    assert_eq!(
        field(save(&app, &sigrid, draft_version(&app, &sigrid).await, &d).await).await,
        "prerequisite"
    );
    // An empty module saves but does not publish; the published module stays as it was.
    let empty = draft(vec![], Value::Null);
    let saved: Value = save(&app, &sigrid, draft_version(&app, &sigrid).await, &empty)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        field(publish(&app, &sigrid, saved["version"].as_i64().unwrap()).await).await,
        "activities"
    );
    let m: Value = app
        .get(&app.client(), &format!("/api/v1/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(m["activities"][0]["title"], "Risiko");
    assert_eq!(
        state(&app, &sigrid).await["version"],
        saved["version"],
        "the draft is kept"
    );
    // A slug taken, or malformed.
    let res = app
        .post_json(
            &sigrid,
            "/api/v1/authoring/modules",
            &json!({ "slug": SLUG, "title": "Igjen" }),
        )
        .await;
    assert_eq!(field(res).await, "slug");
    let res = app
        .post_json(
            &sigrid,
            "/api/v1/authoring/modules",
            &json!({ "slug": "Store Bokstaver", "title": "X" }),
        )
        .await;
    assert_eq!(field(res).await, "slug");
}

#[tokio::test]
async fn author_text_is_sanitised_on_the_servers_own_rendering() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    let payloads: Vec<String> = include_str!("xss_payloads.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.replace("\\n", "\n"))
        .collect();
    for p in &payloads {
        let res = app
            .post_json(
                &sigrid,
                "/api/v1/authoring/preview",
                &json!({ "markdown": p }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK, "{p:?}");
        let html: Value = res.json().await.unwrap();
        assert_not_executable(html["html"].as_str().unwrap(), p, true);
    }
    // And in every text field of a published module: lessons, reflections, quiz texts.
    let all: Vec<Value> = payloads
        .iter()
        .take(30)
        .map(|p| {
            let mut l = lesson(None, p, p);
            l["summary"] = json!(p);
            l
        })
        .chain([
            json!({ "id": null, "title": "R", "summary": "", "estimated_minutes": 5,
                         "content": { "kind": "reflection", "prompt": payloads[0] } }),
        ])
        .collect();
    create_and_publish(&app, &sigrid, &draft(all, Value::Null)).await;
    let m: Value = app
        .get(&app.client(), &format!("/api/v1/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap();
    let activities = m["activities"].as_array().unwrap();
    assert_eq!(activities.len(), 31);
    for (a, p) in activities.iter().zip(&payloads[..30]) {
        assert_eq!(a["title"], p.trim(), "titles are text, kept verbatim");
        assert_not_executable(a["content"]["html"].as_str().unwrap(), p, true);
    }
    let prompt = activities[30]["content"]["prompt_html"].as_str().unwrap();
    assert_not_executable(prompt, &payloads[0], false);
}

/// A one-pixel PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

pub async fn upload(app: &TestApp, client: &Client, bytes: Vec<u8>, claimed: &str) -> Response {
    client
        .post(app.url(&format!("/api/v1/authoring/modules/{SLUG}/images")))
        .header("content-type", claimed)
        .body(bytes)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn images_are_checked_by_their_bytes_and_shown_to_whoever_sees_the_module() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    let res = app
        .post_json(
            &sigrid,
            "/api/v1/authoring/modules",
            &json!({ "slug": SLUG, "title": "Trykksår" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);

    // A PNG named anything is a PNG.
    let res = upload(&app, &sigrid, PNG.to_vec(), "application/octet-stream").await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let img: Value = res.json().await.unwrap();
    assert_eq!(img["content_type"], "image/png");
    let url = img["url"].as_str().unwrap().to_string();
    // SVG with script, HTML claiming to be an image, a GIF: refused, and say what to send.
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    for (bytes, claimed) in [
        (svg.to_vec(), "image/svg+xml"),
        (b"<html><script>alert(1)</script>".to_vec(), "image/png"),
        (
            b"GIF89a\x01\x00\x01\x00<script>alert(1)</script>".to_vec(),
            "image/gif",
        ),
    ] {
        let res = upload(&app, &sigrid, bytes, claimed).await;
        assert_error(res, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_image").await;
    }
    // Over 2 MB: refused with its own message, even when it is a real PNG header.
    let mut big = PNG.to_vec();
    big.resize(2 * 1024 * 1024 + 1, 0);
    let res = upload(&app, &sigrid, big, "image/png").await;
    let e = assert_error(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
    assert!(e["error"]["message"].as_str().unwrap().contains("2 MB"));
    // Someone else's module, and a learner: not theirs to upload to.
    let hilde = app.signed_in(HILDE).await;
    assert_error(
        upload(&app, &hilde, PNG.to_vec(), "image/png").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let kari = app.signed_in(LEARNER).await;
    assert_error(
        upload(&app, &kari, PNG.to_vec(), "image/png").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // The draft's image: its authors see it; nobody else does yet.
    let res = app.get(&sigrid, &url).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .starts_with("private"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);
    for client in [&kari, &app.client()] {
        assert_error(
            app.get(client, &url).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // Published with a lesson that shows it: everyone who sees the module sees the image.
    let body = format!("![Trykkpunkter]({url})");
    let saved: Value = save(
        &app,
        &sigrid,
        1,
        &draft(vec![lesson(None, "Bilde", &body)], Value::Null),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        publish(&app, &sigrid, saved["version"].as_i64().unwrap())
            .await
            .status(),
        StatusCode::OK
    );
    let m: Value = app
        .get(&app.client(), &format!("/api/v1/modules/{SLUG}"))
        .await
        .json()
        .await
        .unwrap();
    assert!(m["activities"][0]["content"]["html"]
        .as_str()
        .unwrap()
        .contains(&format!("<img src=\"{url}\" alt=\"Trykkpunkter\">")));
    let res = app.get(&app.client(), &url).await;
    assert_eq!(res.status(), StatusCode::OK);
    // Kept by the browser only to ask again ("not modified" once it may still see it).
    assert_eq!(res.headers()["cache-control"], "private, no-cache");
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    let res = app
        .client()
        .get(app.url(&url))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);

    // A new image in the draft of the published module: not for learners yet.
    let second: Value = upload(&app, &sigrid, PNG.to_vec(), "image/png")
        .await
        .json()
        .await
        .unwrap();
    let second = second["url"].as_str().unwrap().to_string();
    for client in [&kari, &app.client()] {
        assert_error(
            app.get(client, &second).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // Another provider's author sees none of it.
    for path in [
        second.clone(),
        format!("/api/v1/authoring/modules/{SLUG}/impact"),
        format!("/api/v1/authoring/modules/{SLUG}/export"),
    ] {
        assert_error(
            app.get(&hilde, &path).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // Published without the first image: nobody but its authors is served it any more;
    // and an image removed is gone for them too.
    let body = format!("![Hud]({second})");
    let saved: Value = save(
        &app,
        &sigrid,
        draft_version(&app, &sigrid).await,
        &draft(vec![lesson(None, "Bilde", &body)], Value::Null),
    )
    .await
    .json()
    .await
    .unwrap();
    let res = publish(&app, &sigrid, saved["version"].as_i64().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.get(&kari, &second).await.status(), StatusCode::OK);
    assert_error(
        app.get(&kari, &url).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(app.get(&sigrid, &url).await.status(), StatusCode::OK);
    let id = url.rsplit('/').next().unwrap();
    let delete = |client: Client| {
        let path = app.url(&format!("/api/v1/authoring/modules/{SLUG}/images/{id}"));
        async move { client.delete(path).send().await.unwrap() }
    };
    assert_error(
        delete(hilde.clone()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        delete(sigrid.clone()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(
        app.get(&sigrid, &url).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        delete(sigrid.clone()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn a_programme_gathers_published_modules_for_those_it_is_shared_with() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    // Her module, at first for Høgskolen alone.
    create_and_publish(
        &app,
        &sigrid,
        &draft(vec![lesson(None, "Risiko", "Tekst")], json!([])),
    )
    .await;
    let res = app
        .post_json(
            &sigrid,
            "/api/v1/authoring/programmes",
            &json!({ "slug": "sarbehandling", "title": "Sårbehandling" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["published"], false);
    let path = "/api/v1/authoring/programmes/sarbehandling";
    let nordvik = app.org_of(LEARNER).await;
    let programme = |modules: Value, published: bool| {
        json!({ "published": published, "draft": {
            "title": "Sårbehandling", "summary": "Forebygging og behandling av sår.",
            "description": "", "credits": 7.5, "shared_with": [nordvik], "modules": modules } })
    };
    // Refused by field: a module that is not in the catalogue; published without a
    // module that counts.
    let res = put_json(
        &app,
        &sigrid,
        path,
        &programme(json!([{ "slug": "finnes-ikke", "required": true }]), false),
    )
    .await;
    let e = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(e["error"]["field"], "modules");
    let res = put_json(
        &app,
        &sigrid,
        path,
        &programme(json!([{ "slug": SLUG, "required": false }]), true),
    )
    .await;
    let e = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(e["error"]["field"], "modules");
    // A programme for Nordvik cannot hold a module Nordvik does not see: its people would
    // complete the programme without it. Shared with everyone, the module may be in it.
    let only_hers = json!([{ "slug": SLUG, "required": true }]);
    let res = put_json(&app, &sigrid, path, &programme(only_hers, true)).await;
    let e = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(e["error"]["field"], "modules");
    let les = state(&app, &sigrid).await["draft"]["activities"][0]["id"].as_i64();
    let everyone = draft(vec![lesson(les, "Risiko", "Tekst")], Value::Null);
    let saved: Value = save(&app, &sigrid, draft_version(&app, &sigrid).await, &everyone)
        .await
        .json()
        .await
        .unwrap();
    let res = publish(&app, &sigrid, saved["version"].as_i64().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    // Her own module required, another provider's (shared with everyone) optional.
    let modules = json!([
        { "slug": SLUG, "required": true },
        { "slug": "hjerte-lunge-redning", "required": false }
    ]);
    let res = put_json(&app, &sigrid, path, &programme(modules.clone(), true)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let saved: Value = res.json().await.unwrap();
    assert_eq!(saved["draft"]["modules"], modules);
    assert_eq!(saved["module_titles"][0], "Forebygging av trykksår");

    // Kari of Nordvik sees it, as one required module; Ola of the hospital does not.
    let kari = app.signed_in(LEARNER).await;
    let p: Value = app
        .get(&kari, "/api/v1/programmes/sarbehandling")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(p["programme"]["modules"].as_array().unwrap().len(), 2);
    assert_eq!(p["programme"]["modules"][0]["required"], true);
    let ola = app.signed_in("ola.hansen@demo.kursbro.no").await;
    let res = app.get(&ola, "/api/v1/programmes/sarbehandling").await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    // Another provider's author cannot read or change it.
    let hilde = app.signed_in(HILDE).await;
    assert_error(
        app.get(&hilde, path).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = put_json(&app, &hilde, path, &programme(modules, true)).await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    // Recorded.
    let log: Value = app
        .get(&sigrid, "/api/v1/authoring/changes")
        .await
        .json()
        .await
        .unwrap();
    let what: Vec<&str> = log["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["what"].as_str().unwrap())
        .collect();
    assert_eq!(what, ["published", "created"]);
    let list: Value = app
        .get(&sigrid, "/api/v1/authoring/modules")
        .await
        .json()
        .await
        .unwrap();
    assert!(list["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["slug"] == "sarbehandling" && p["published"] == true));
}
