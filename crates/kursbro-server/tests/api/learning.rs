//! The learner journey: idempotent events, forward-only progress, quiz grading on the
//! server, access to one's own data only, and the progress views.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use kursbro_server::store::{self, testing};

use crate::helpers::*;

const PRIVACY: &str = "personvern-og-informasjonssikkerhet";
const USER_INVOLVEMENT: &str = "brukermedvirkning";

async fn module(app: &TestApp, slug: &str) -> Value {
    app.get(&app.client(), &format!("/api/v1/modules/{slug}"))
        .await
        .json()
        .await
        .unwrap()
}

/// When the signed-in learner completed `activity` of module `slug`, as the API says.
async fn completed_at(
    app: &TestApp,
    client: &Client,
    slug: &str,
    activity: i64,
) -> chrono::DateTime<chrono::Utc> {
    let state: Value = app
        .get(client, &format!("/api/v1/modules/{slug}/progress"))
        .await
        .json()
        .await
        .unwrap();
    state["completions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["activity_id"] == activity)
        .expect("the activity is completed")["completed_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn send(app: &TestApp, client: &Client, event: &Value) -> reqwest::Response {
    app.post_json(client, "/api/v1/events", event).await
}

fn lesson_done(id: &str, activity_id: i64, at: &str) -> Value {
    json!({ "id": id, "occurred_at": at, "action": { "kind": "lesson_completed", "activity_id": activity_id } })
}

async fn stored_events(app: &TestApp) -> i64 {
    testing::count_learning_events(&app.db).await.unwrap()
}

/// Kari's completions in the privacy module (the demo data seeds some elsewhere, and for
/// others).
async fn privacy_completions(app: &TestApp) -> i64 {
    testing::completions_in_module(&app.db, LEARNER, PRIVACY)
        .await
        .unwrap()
}

async fn kari_attempts(app: &TestApp) -> i64 {
    testing::quiz_attempts_of(&app.db, LEARNER).await.unwrap()
}

#[tokio::test]
async fn the_same_event_twice_is_stored_once_and_another_body_is_refused() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let lesson = activity(&app, PRIVACY, "lesson").await;
    let event = lesson_done(
        "9b2f6d0e-1c1a-4f3e-9a57-000000000001",
        lesson,
        "2026-11-20T08:00:00Z",
    );

    let first = send(&app, &kari, &event).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["duplicate"], false);

    let again: Value = send(&app, &kari, &event).await.json().await.unwrap();
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["id"], first["id"]);
    assert_eq!(stored_events(&app).await, 1);
    assert_eq!(privacy_completions(&app).await, 1);

    // Same id, other content: refused, not merged.
    let other = activity(&app, PRIVACY, "reflection").await;
    let mut changed = event.clone();
    changed["action"]["activity_id"] = json!(other);
    assert_error(
        send(&app, &kari, &changed).await,
        StatusCode::CONFLICT,
        "event_id_reused",
    )
    .await;
    let mut later = event.clone();
    later["occurred_at"] = json!("2026-11-21T08:00:00Z");
    assert_error(
        send(&app, &kari, &later).await,
        StatusCode::CONFLICT,
        "event_id_reused",
    )
    .await;

    // Ids are per person: Ola's device using the same id stores Ola's own event, and the
    // answer reveals nothing about Kari's.
    let ola = app.signed_in("ola.hansen@demo.kursbro.no").await;
    let res = send(&app, &ola, &event).await;
    assert_eq!(res.status(), StatusCode::OK);
    let receipt: Value = res.json().await.unwrap();
    assert_eq!(receipt["duplicate"], false);
    assert_eq!(stored_events(&app).await, 2);
    assert_eq!(
        privacy_completions(&app).await,
        1,
        "Kari's progress is untouched"
    );
}

#[tokio::test]
async fn the_same_quiz_answers_in_another_order_are_the_same_event() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let quiz = activity(&app, PRIVACY, "quiz").await;
    let answers = right_answers(&app, quiz).await;
    let mut shuffled: Vec<Value> = answers.as_array().unwrap().clone();
    assert!(shuffled.len() >= 2, "a quiz of several questions");
    shuffled.reverse();
    for a in &mut shuffled {
        a["option_ids"].as_array_mut().unwrap().reverse();
    }
    let event = |answers: Value| {
        json!({ "id": "quiz-order-1", "occurred_at": "2026-11-20T08:00:00Z",
                "action": { "kind": "quiz_submitted", "activity_id": quiz, "answers": answers } })
    };
    let first: Value = send(&app, &kari, &event(answers.clone()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["duplicate"], false);
    let res = send(&app, &kari, &event(json!(shuffled))).await;
    assert_eq!(res.status(), StatusCode::OK, "a replay, not a conflict");
    let again: Value = res.json().await.unwrap();
    assert_eq!(again["duplicate"], true);
    assert_eq!(again["quiz"], first["quiz"]);
    assert_eq!(kari_attempts(&app).await, 1);
}

#[tokio::test]
async fn a_refused_event_stores_nothing_and_can_be_sent_again_once_allowed() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    // Kari is in the programme cohort, not enrolled in the statutory infection course.
    let lesson = activity(&app, "smittevern", "lesson").await;
    let event = lesson_done(
        "c0ffee00-0000-4000-8000-000000000002",
        lesson,
        "2026-11-20T08:00:00Z",
    );
    assert_error(
        send(&app, &kari, &event).await,
        StatusCode::FORBIDDEN,
        "not_enrolled",
    )
    .await;
    assert_eq!(stored_events(&app).await, 0);

    let res = app
        .post_json(
            &kari,
            "/api/v1/enrolments",
            &json!({ "module": "smittevern" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let ok: Value = send(&app, &kari, &event).await.json().await.unwrap();
    assert_eq!(ok["duplicate"], false);
}

#[tokio::test]
async fn events_are_checked_for_who_what_and_where() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let lesson = activity(&app, PRIVACY, "lesson").await;
    let quiz = activity(&app, PRIVACY, "quiz").await;

    let res = send(
        &app,
        &app.client(),
        &lesson_done("abcdefgh-1", lesson, "2026-11-20T08:00:00Z"),
    )
    .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    let res = send(
        &app,
        &kari,
        &lesson_done("abcdefgh-2", 999_999, "2026-11-20T08:00:00Z"),
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;

    let res = send(
        &app,
        &kari,
        &lesson_done("abcdefgh-3", quiz, "2026-11-20T08:00:00Z"),
    )
    .await;
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert!(body["error"]["message"].as_str().unwrap().contains("quiz"));

    let res = send(
        &app,
        &kari,
        &lesson_done("bad id!", lesson, "2026-11-20T08:00:00Z"),
    )
    .await;
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(body["error"]["field"], "id");

    let res = send(&app, &kari, &json!({ "id": "abcdefgh-4", "occurred_at": "yesterday", "action": { "kind": "lesson_completed", "activity_id": lesson } })).await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    let res = send(&app, &kari, &json!({ "id": "abcdefgh-5", "occurred_at": "2026-11-20T08:00:00Z", "action": { "kind": "teleported", "activity_id": lesson } })).await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;

    let reflection = activity(&app, PRIVACY, "reflection").await;
    let too_long = json!({ "id": "abcdefgh-6", "occurred_at": "2026-11-20T08:00:00Z",
        "action": { "kind": "reflection_submitted", "activity_id": reflection, "text": "å".repeat(10_001) } });
    let body = assert_error(
        send(&app, &kari, &too_long).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(body["error"]["field"], "text");
    assert!(body["error"]["message"].as_str().unwrap().contains("10000"));

    // A module withdrawn after the learner went offline: a clear 410, not a silent drop.
    store::content::set_module_published(&mut app.db.conn().await.unwrap(), PRIVACY, false)
        .await
        .unwrap();
    let res = send(
        &app,
        &kari,
        &lesson_done("abcdefgh-7", lesson, "2026-11-20T08:00:00Z"),
    )
    .await;
    assert_error(res, StatusCode::GONE, "withdrawn").await;
    assert_eq!(stored_events(&app).await, 0);
    assert_eq!(privacy_completions(&app).await, 0);
}

#[tokio::test]
async fn quizzes_are_graded_on_the_server_and_the_best_score_is_kept() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let detail = module(&app, PRIVACY).await;
    assert!(
        !detail.to_string().contains("correct"),
        "the answer key never reaches the browser"
    );
    let quiz = activity(&app, PRIVACY, "quiz").await;
    let right = right_answers(&app, quiz).await;
    let questions = right.as_array().unwrap().len();
    assert_eq!(questions, 3);

    let submit = |id: &str, answers: Value| {
        json!({ "id": id, "occurred_at": "2026-11-20T08:00:00Z",
                "action": { "kind": "quiz_submitted", "activity_id": quiz, "answers": answers } })
    };
    // Only the first question right: 33 %, below the pass mark of 60 %.
    let one_right = json!([right[0].clone()]);
    let r: Value = send(&app, &kari, &submit("quiz-try-1", one_right))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["quiz"]["score_percent"], 33);
    assert_eq!(r["quiz"]["passed"], false);
    assert_eq!(r["quiz"]["correct_questions"], 1);
    assert_eq!(r["quiz"]["total_questions"], 3);
    assert_eq!(privacy_completions(&app).await, 0);

    let r: Value = send(&app, &kari, &submit("quiz-try-2", right.clone()))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["quiz"]["score_percent"], 100);
    assert_eq!(r["quiz"]["passed"], true);
    assert_eq!(privacy_completions(&app).await, 1);

    // A worse retry (e.g. from an older offline attempt) keeps the best and the completion.
    let r: Value = send(&app, &kari, &submit("quiz-try-3", json!([])))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["quiz"]["score_percent"], 0);
    assert_eq!(r["quiz"]["best_percent"], 100);
    let state: Value = app
        .get(&kari, &format!("/api/v1/modules/{PRIVACY}/progress"))
        .await
        .json()
        .await
        .unwrap();
    let best = &state["quizzes"][0];
    assert_eq!(
        (best["best_percent"].as_i64(), best["attempts"].as_i64()),
        (Some(100), Some(3))
    );
    assert_eq!(best["passed"], true);
    assert!(state["completions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["activity_id"] == quiz));

    // Answers that do not fit the quiz are refused with the reason.
    let bad = json!([{ "question_id": 123456, "option_ids": [1] }]);
    let body = assert_error(
        send(&app, &kari, &submit("quiz-try-4", bad)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(body["error"]["field"], "answers");
    assert_eq!(kari_attempts(&app).await, 3);
}

#[tokio::test]
async fn progress_only_moves_forward_whatever_order_events_arrive_in() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let lesson = activity(&app, PRIVACY, "lesson").await;
    let reflection = activity(&app, PRIVACY, "reflection").await;

    // The newer completion arrives first, the older one (from an offline phone) later:
    // the activity stays completed, with the earlier time.
    send(
        &app,
        &kari,
        &lesson_done("order-new-1", lesson, "2026-11-22T10:00:00Z"),
    )
    .await;
    send(
        &app,
        &kari,
        &lesson_done("order-old-1", lesson, "2026-11-20T10:00:00Z"),
    )
    .await;
    let kari_id = app.user_id(LEARNER).await;
    let module_id = store::catalogue::module_id(&app.db, PRIVACY, None)
        .await
        .unwrap()
        .unwrap();
    let work = store::learning::module_work(&mut app.db.conn().await.unwrap(), kari_id, module_id)
        .await
        .unwrap();
    let at = work
        .completions
        .iter()
        .find(|(id, _)| *id == lesson)
        .map(|(_, at)| *at)
        .expect("the lesson is completed");
    assert_eq!(at.to_rfc3339(), "2026-11-20T10:00:00+00:00");

    let reflect = |id: &str, at: &str, text: &str| {
        json!({ "id": id, "occurred_at": at,
                "action": { "kind": "reflection_submitted", "activity_id": reflection, "text": text } })
    };
    for (id, at, text) in [
        ("refl-new-1", "2026-11-22T10:00:00Z", "Ny tekst"),
        ("refl-old-1", "2026-11-21T10:00:00Z", "Gammel tekst"),
    ] {
        let res = send(&app, &kari, &reflect(id, at, text)).await;
        assert_eq!(res.status(), StatusCode::OK, "{id} is stored");
    }
    let state: Value = app
        .get(&kari, &format!("/api/v1/modules/{PRIVACY}/progress"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["reflections"][0]["text"], "Ny tekst");
    assert_eq!(state["progress"]["completed"], 2);
    assert_eq!(state["progress"]["total"], 4);
    assert_eq!(state["enrolled"], true, "through the cohort");
    assert_eq!(state["enrolled_directly"], false);
}

#[tokio::test]
async fn a_learner_sees_only_their_own_progress_and_reflections() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let reflection = activity(&app, PRIVACY, "reflection").await;
    let secret = json!({ "id": "private-1", "occurred_at": "2026-11-20T08:00:00Z",
        "action": { "kind": "reflection_submitted", "activity_id": reflection, "text": "Kari sin private tekst" } });
    let res = send(&app, &kari, &secret).await;
    assert_eq!(res.status(), StatusCode::OK, "the reflection is stored");
    let own = app
        .get(&kari, &format!("/api/v1/modules/{PRIVACY}/progress"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        own.contains("Kari sin private tekst"),
        "Kari reads her own: {own}"
    );

    let ola = app.signed_in("ola.hansen@demo.kursbro.no").await;
    let state = app
        .get(&ola, &format!("/api/v1/modules/{PRIVACY}/progress"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!state.contains("Kari sin private tekst"), "{state}");
    let state: Value = serde_json::from_str(&state).unwrap();
    assert_eq!(state["progress"]["completed"], 0);
    let all = app
        .get(&ola, "/api/v1/progress")
        .await
        .text()
        .await
        .unwrap();
    assert!(!all.contains("Kari"), "{all}");

    for path in ["/api/v1/progress", "/api/v1/modules/smittevern/progress"] {
        assert_error(
            app.get(&app.client(), path).await,
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
        )
        .await;
    }
}

#[tokio::test]
async fn module_3_before_module_1_counts_and_the_programme_says_what_remains() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let m = module(&app, USER_INVOLVEMENT).await;
    for (i, a) in m["activities"].as_array().unwrap().iter().enumerate() {
        let id = a["id"].as_i64().unwrap();
        let action = match a["kind"].as_str().unwrap() {
            "lesson" => json!({ "kind": "lesson_completed", "activity_id": id }),
            "reflection" => {
                json!({ "kind": "reflection_submitted", "activity_id": id, "text": "Min brukerreise" })
            }
            other => panic!("unexpected {other}"),
        };
        let res = send(&app, &kari, &json!({ "id": format!("m3-activity-{i}"), "occurred_at": "2026-11-20T08:00:00Z", "action": action })).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let progress: Value = app
        .get(&kari, "/api/v1/progress")
        .await
        .json()
        .await
        .unwrap();
    let p = &progress["programmes"][0];
    assert_eq!(p["slug"], "helseinformatikk-og-digitalisering");
    assert_eq!(p["enrolled"], true);
    assert_eq!(p["progress"]["required_total"], 4);
    assert_eq!(p["progress"]["required_completed"], 1);
    assert_eq!(p["completed"], false);
    let statuses: Vec<(&str, &str)> = p["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["slug"].as_str().unwrap(), m["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (PRIVACY, "not_started"),
            ("digitale-helsetjenester", "not_started"),
            (USER_INVOLVEMENT, "completed"),
            // Two activities done in the demo data.
            ("helsedata-og-informatikk", "in_progress"),
        ]
    );
    let done = progress["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == USER_INVOLVEMENT)
        .unwrap();
    assert_eq!(done["status"], "completed");
    assert_eq!(done["progress"]["completed"], 3);
    assert!(done["completed_at"].is_string());
    assert!(done["next_activity"].is_null());

    // Then module 1: one lesson in, and "continue where I left off" points into it.
    let lesson = activity(&app, PRIVACY, "lesson").await;
    send(
        &app,
        &kari,
        &lesson_done("m1-lesson-1", lesson, "2026-11-21T08:00:00Z"),
    )
    .await;
    let progress: Value = app
        .get(&kari, "/api/v1/progress")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(progress["continue_at"]["module_slug"], PRIVACY);
    assert_eq!(
        progress["continue_at"]["activity"]["title"],
        "Tilgangsstyring og logging"
    );
}

#[tokio::test]
async fn enrolling_and_leaving_keeps_progress() {
    let app = spawn_app().await;
    let learner = app.signed_in("sander.moe@demo.kursbro.no").await;
    let res = app
        .post_json(
            &learner,
            "/api/v1/enrolments",
            &json!({ "module": "hjerte-lunge-redning" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .post_json(
            &learner,
            "/api/v1/enrolments",
            &json!({ "module": "hjerte-lunge-redning" }),
        )
        .await;
    assert_eq!(
        res.status(),
        StatusCode::NO_CONTENT,
        "enrolling twice is harmless"
    );
    let lesson = activity(&app, "hjerte-lunge-redning", "lesson").await;
    send(
        &app,
        &learner,
        &lesson_done("hlr-lesson-1", lesson, "2026-11-20T08:00:00Z"),
    )
    .await;

    let res = learner
        .delete(app.url("/api/v1/enrolments/modules/hjerte-lunge-redning"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let progress: Value = app
        .get(&learner, "/api/v1/progress")
        .await
        .json()
        .await
        .unwrap();
    let hlr = progress["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["slug"] == "hjerte-lunge-redning")
        .unwrap();
    assert_eq!(hlr["enrolled"], false);
    assert_eq!(hlr["progress"]["completed"], 1);

    for body in [
        json!({ "module": "finnes-ikke" }),
        json!({ "programme": "finnes-ikke" }),
    ] {
        let res = app.post_json(&learner, "/api/v1/enrolments", &body).await;
        assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    }
    let res = app
        .post_json(&learner, "/api/v1/enrolments", &json!({ "course": "x" }))
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
}

#[tokio::test]
async fn the_catalogue_searches_and_filters_on_the_server() {
    let app = spawn_app().await;
    let client = app.client();
    let get = |q: &'static str| {
        let app = &app;
        let client = client.clone();
        async move {
            let res = app.get(&client, &format!("/api/v1/catalogue{q}")).await;
            assert_eq!(res.status(), StatusCode::OK, "{q}");
            res.json::<Value>().await.unwrap()
        }
    };
    let slugs = |v: &Value| -> Vec<String> {
        v["modules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["slug"].as_str().unwrap().to_owned())
            .collect()
    };

    let all = get("").await;
    assert_eq!(all["total_modules"], 7);
    assert_eq!(all["facets"]["themes"].as_array().unwrap().len(), 4);
    assert_eq!(all["facets"]["providers"].as_array().unwrap().len(), 4);
    assert_eq!(all["facets"]["languages"], json!(["nb"]));

    // Words match title, summary, description or theme, case-insensitively (also æøå).
    assert_eq!(slugs(&get("?q=H%C3%85NDHYGIENE").await), vec!["smittevern"]);
    assert_eq!(
        slugs(&get("?q=kodeverk%20snomed").await),
        vec!["helsedata-og-informatikk"]
    );
    assert!(slugs(&get("?q=kodeverk%20hjertestarter").await).is_empty());
    assert!(get("?q=hjertestarter").await["programmes"]
        .as_array()
        .unwrap()
        .is_empty());

    let courses = get("?kind=statutory_course").await;
    assert_eq!(courses["total_modules"], 3);
    assert!(courses["programmes"].as_array().unwrap().is_empty());
    assert_eq!(
        slugs(&get("?kind=statutory_course&max_hours=2").await).len(),
        2
    );
    assert_eq!(get("?theme=Pasientsikkerhet").await["total_modules"], 2);
    assert_eq!(get("?language=en").await["total_modules"], 0);

    let page = get("?limit=2&offset=2").await;
    assert_eq!(page["modules"].as_array().unwrap().len(), 2);
    assert_eq!(page["total_modules"], 7);
    assert_ne!(slugs(&page), slugs(&get("?limit=2").await));

    let long = "a".repeat(201);
    let res = app
        .get(&client, &format!("/api/v1/catalogue?q={long}"))
        .await;
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(body["error"]["field"], "q");
    let res = app.get(&client, "/api/v1/catalogue?max_hours=lots").await;
    assert_error(res, StatusCode::BAD_REQUEST, "invalid_body").await;
}

#[tokio::test]
async fn lessons_are_rendered_markdown_and_programmes_have_a_page() {
    let app = spawn_app().await;
    let m = module(&app, PRIVACY).await;
    let lesson = &m["activities"][0]["content"];
    assert_eq!(lesson["type"], "lesson");
    assert!(lesson["html"]
        .as_str()
        .unwrap()
        .contains("<h2>Taushetsplikt</h2>"));
    let reflection = m["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "reflection")
        .unwrap();
    assert!(reflection["content"]["prompt_html"]
        .as_str()
        .unwrap()
        .contains("<strong>taushetsplikten</strong>"));
    let quiz = m["activities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quiz")
        .unwrap();
    assert_eq!(quiz["content"]["pass_mark_percent"], 60);
    assert_eq!(quiz["content"]["questions"].as_array().unwrap().len(), 3);
    assert_eq!(quiz["content"]["questions"][1]["multiple"], true);

    let res = app
        .get(
            &app.client(),
            "/api/v1/programmes/helseinformatikk-og-digitalisering",
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let p: Value = res.json().await.unwrap();
    assert_eq!(p["programme"]["modules"].as_array().unwrap().len(), 4);
    assert!(p["description"].as_str().unwrap().contains("rekkefølge"));
    assert_error(
        app.get(&app.client(), "/api/v1/programmes/finnes-ikke")
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn a_prerequisite_set_by_the_author_locks_the_module_until_it_is_completed() {
    let app = spawn_app().await;
    // Nothing is locked in the demo data; here the author of the infection course requires CPR.
    let infection = store::catalogue::module_id(&app.db, "smittevern", None)
        .await
        .unwrap()
        .unwrap();
    let cpr = store::catalogue::module_id(&app.db, "hjerte-lunge-redning", None)
        .await
        .unwrap();
    store::content::set_prerequisite(&mut app.db.conn().await.unwrap(), infection, cpr)
        .await
        .unwrap();
    let kari = app.signed_in(LEARNER).await;
    for slug in ["smittevern", "hjerte-lunge-redning"] {
        app.post_json(&kari, "/api/v1/enrolments", &json!({ "module": slug }))
            .await;
    }
    let detail = module(&app, "smittevern").await;
    assert_eq!(detail["prerequisite"]["slug"], "hjerte-lunge-redning");
    let state: Value = app
        .get(&kari, "/api/v1/modules/smittevern/progress")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["locked_by"]["title"], "Hjerte-lunge-redning (HLR)");

    let lesson = activity(&app, "smittevern", "lesson").await;
    let res = send(
        &app,
        &kari,
        &lesson_done("prereq-1", lesson, "2026-11-20T08:00:00Z"),
    )
    .await;
    let err = assert_error(res, StatusCode::CONFLICT, "prerequisite_missing").await;
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Hjerte-lunge-redning (HLR)"));

    // Complete every CPR activity; then the infection course opens.
    let hlr = module(&app, "hjerte-lunge-redning").await;
    for (i, a) in hlr["activities"].as_array().unwrap().iter().enumerate() {
        let id = a["id"].as_i64().unwrap();
        let action = if a["kind"] == "quiz" {
            json!({ "kind": "quiz_submitted", "activity_id": id, "answers": right_answers(&app, id).await })
        } else {
            json!({ "kind": "lesson_completed", "activity_id": id })
        };
        let res = send(&app, &kari, &json!({ "id": format!("hlr-{i}-activity"), "occurred_at": "2026-11-20T08:00:00Z", "action": action })).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let state: Value = app
        .get(&kari, "/api/v1/modules/smittevern/progress")
        .await
        .json()
        .await
        .unwrap();
    assert!(state["locked_by"].is_null());
    let res = send(
        &app,
        &kari,
        &lesson_done("prereq-1", lesson, "2026-11-20T08:00:00Z"),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "the refused event can be sent again once allowed"
    );
    // The programme's modules have no prerequisites: any order.
    let m = module(&app, "brukermedvirkning").await;
    assert!(m["prerequisite"].is_null());
}

#[tokio::test]
async fn a_device_clock_in_the_future_does_not_write_the_future() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let lesson = activity(&app, PRIVACY, "lesson").await;
    let res = send(
        &app,
        &kari,
        &lesson_done("future-clock-1", lesson, "2099-01-01T00:00:00Z"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let at = completed_at(&app, &kari, PRIVACY, lesson).await;
    assert!(
        at <= chrono::Utc::now(),
        "a clock ahead of the server's is clamped to now: {at}"
    );
}

#[tokio::test]
async fn a_device_clock_reset_to_year_one_does_not_rewrite_history() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let lesson = activity(&app, PRIVACY, "lesson").await;
    let started = chrono::Utc::now();
    let res = send(
        &app,
        &kari,
        &lesson_done("reset-clock-1", lesson, "0001-01-01T00:00:00Z"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let receipt: Value = res.json().await.unwrap();
    assert_eq!(receipt["clock_adjusted"], true, "the learner is told");
    let at = completed_at(&app, &kari, PRIVACY, lesson).await;
    assert!(
        at >= started - chrono::Duration::seconds(1),
        "the receipt time is used: {at}"
    );
    // A believable date stays as the device said, and is not flagged.
    let other = activity(&app, USER_INVOLVEMENT, "lesson").await;
    let res = send(
        &app,
        &kari,
        &lesson_done("fine-clock-1", other, "2026-11-20T08:00:00Z"),
    )
    .await;
    let receipt: Value = res.json().await.unwrap();
    assert_eq!(receipt["clock_adjusted"], false, "{receipt}");
}

/// On SQLite, events that arrive together share one transaction of the event writer (group
/// commit): one refused event must not take the others with it, and copies of one event
/// among them are stored once.
#[tokio::test]
async fn events_sent_at_once_are_each_kept_or_refused_on_their_own() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let page = module(&app, PRIVACY).await;
    let lessons: Vec<i64> = page["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "lesson")
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert!(lessons.len() >= 2, "the demo module has lessons");
    let quiz = activity(&app, PRIVACY, "quiz").await;
    let at = "2026-11-20T08:00:00Z";
    let mut events = Vec::new();
    for i in 0..90 {
        let (event, status) = match i % 3 {
            0 => (
                lesson_done(
                    &format!("samtidig-ok-{i:03}"),
                    lessons[(i / 3) % lessons.len()],
                    at,
                ),
                StatusCode::OK,
            ),
            // A lesson completion for a quiz: refused on its own.
            1 => (
                lesson_done(&format!("samtidig-feil-{i:03}"), quiz, at),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            _ => (lesson_done("samtidig-kopi", lessons[0], at), StatusCode::OK),
        };
        events.push((event, status));
    }
    let sends = events.iter().map(|(event, status)| {
        let request = send(&app, &kari, event);
        async move {
            let res = request.await;
            assert_eq!(res.status(), *status, "{event}");
            res.json::<Value>().await.unwrap()
        }
    });
    let answers = futures::future::join_all(sends).await;
    let copies: Vec<&Value> = answers
        .iter()
        .filter(|a| a["id"] == "samtidig-kopi")
        .collect();
    assert_eq!(copies.len(), 30);
    assert_eq!(
        copies.iter().filter(|a| a["duplicate"] == false).count(),
        1,
        "one copy is new, the others are repeats"
    );
    assert_eq!(stored_events(&app).await, 30 + 1);
    assert_eq!(privacy_completions(&app).await, lessons.len() as i64);
}
