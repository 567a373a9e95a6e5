//! Discussion areas: membership, posting rules, moderation, pagination, unread markers, and
//! a corpus of XSS payloads that must never come out executable.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use kursbro_server::store;

use crate::helpers::*;

const MODULE_AREA: &str = "/api/v1/discussions/modules/personvern-og-informasjonssikkerhet/threads";

async fn cohort_id(app: &TestApp, name: &str) -> i64 {
    store::testing::cohort_id_by_name(&app.db, name)
        .await
        .unwrap()
}

async fn new_thread(app: &TestApp, client: &Client, area: &str, title: &str, body: &str) -> Value {
    let res = app
        .post_json(client, area, &json!({ "title": title, "body": body }))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{title}");
    res.json().await.unwrap()
}

async fn reply(app: &TestApp, client: &Client, thread: i64, body: &str) -> reqwest::Response {
    app.post_json(
        client,
        &format!("/api/v1/threads/{thread}/posts"),
        &json!({ "body": body }),
    )
    .await
}

async fn thread(app: &TestApp, client: &Client, id: i64) -> Value {
    let res = app.get(client, &format!("/api/v1/threads/{id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

#[tokio::test]
async fn cohort_areas_are_for_their_members_only() {
    let app = spawn_app().await;
    let autumn = cohort_id(&app, "Helseinformatikk høsten 2026").await;
    let spring = cohort_id(&app, "Helseinformatikk våren 2027").await;
    let kari = app.signed_in(LEARNER).await; // autumn
    let per = app.signed_in(LEARNER_COHORT_2).await; // spring
    let autumn_area = format!("/api/v1/discussions/cohorts/{autumn}/threads");
    let spring_area = format!("/api/v1/discussions/cohorts/{spring}/threads");

    let t = new_thread(
        &app,
        &kari,
        &autumn_area,
        "Hvem tar vakt på lørdag?",
        "Vi trenger en til.",
    )
    .await;
    let id = t["id"].as_i64().unwrap();

    // Per (spring cohort) can neither read nor post in the autumn area, nor see the thread.
    assert_error(
        app.get(&per, &autumn_area).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app
        .post_json(&per, &autumn_area, &json!({ "title": "x", "body": "y" }))
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    assert_error(
        app.get(&per, &format!("/api/v1/threads/{id}")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        reply(&app, &per, id, "hei").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // The facilitator of the spring cohort neither.
    let even = app.signed_in(FACILITATOR_2).await;
    assert_error(
        app.get(&even, &autumn_area).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Per's own area works; its facilitator and the admin see the autumn one as appropriate.
    assert_eq!(app.get(&per, &spring_area).await.status(), StatusCode::OK);
    let marte = app.signed_in(FACILITATOR).await;
    let list: Value = app.get(&marte, &autumn_area).await.json().await.unwrap();
    assert_eq!(list["threads"][0]["title"], "Hvem tar vakt på lørdag?");
    assert_eq!(list["can_moderate"], true);
    let list: Value = app.get(&kari, &autumn_area).await.json().await.unwrap();
    assert_eq!(list["can_moderate"], false);
    assert_error(
        app.get(&app.client(), &autumn_area).await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn module_areas_are_for_the_enrolled_and_facilitators() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await; // enrolled through her cohort
    new_thread(
        &app,
        &kari,
        MODULE_AREA,
        "Logging i journal",
        "Hvem ser loggen?",
    )
    .await;
    let sander = app.signed_in("sander.moe@demo.kursbro.no").await;
    // Sander is in the spring cohort of the same programme: enrolled too.
    assert_eq!(app.get(&sander, MODULE_AREA).await.status(), StatusCode::OK);
    // Nora (not enrolled anywhere) may not; after enrolling she may.
    let nora = app.signed_in("nora.haugen@demo.kursbro.no").await;
    assert_error(
        app.get(&nora, MODULE_AREA).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    app.post_json(
        &nora,
        "/api/v1/enrolments",
        &json!({ "module": "personvern-og-informasjonssikkerhet" }),
    )
    .await;
    assert_eq!(app.get(&nora, MODULE_AREA).await.status(), StatusCode::OK);
    // A facilitator of the module's provider (who also runs a cohort of its programme)
    // reads and moderates it.
    let even = app.signed_in(FACILITATOR_2).await;
    let list: Value = app.get(&even, MODULE_AREA).await.json().await.unwrap();
    assert_eq!(list["can_moderate"], true);
    assert_error(
        app.get(&kari, "/api/v1/discussions/modules/finnes-ikke/threads")
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn module_areas_are_moderated_by_the_provider_and_the_cohorts_facilitators_only() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    // Smittevern is Sørlia kommune's course, in no cohort's programme.
    let res = app
        .post_json(
            &kari,
            "/api/v1/enrolments",
            &json!({ "module": "smittevern" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let area = "/api/v1/discussions/modules/smittevern/threads";
    let t = new_thread(&app, &kari, area, "Hansker", "Når skifter dere hansker?").await;
    let post = thread(&app, &kari, t["id"].as_i64().unwrap()).await["posts"][0]["id"]
        .as_i64()
        .unwrap();
    let res = kari
        .post(app.url(&format!("/api/v1/posts/{post}/report")))
        .json(&json!({ "reason": "Test av køen" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // Marte facilitates at the college, for another programme: she neither reads nor
    // moderates the area, and its reports are not in her queue.
    let marte = app.signed_in(FACILITATOR).await;
    assert_error(
        app.get(&marte, area).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = marte
        .post(app.url(&format!("/api/v1/posts/{post}/hide")))
        .json(&json!({ "reason": "Skjules" }))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let queue: Vec<Value> = app
        .get(&marte, "/api/v1/moderation/reports")
        .await
        .json()
        .await
        .unwrap();
    assert!(queue.iter().all(|r| r["post_id"] != post), "{queue:?}");
    // In the module of her own cohort's programme she does moderate.
    let own: Value = app.get(&marte, MODULE_AREA).await.json().await.unwrap();
    assert_eq!(own["can_moderate"], true);

    // An admin moderates everywhere and sees every report.
    let admin = app.signed_in(ADMIN).await;
    let list: Value = app.get(&admin, area).await.json().await.unwrap();
    assert_eq!(list["can_moderate"], true);
    let queue: Vec<Value> = app
        .get(&admin, "/api/v1/moderation/reports")
        .await
        .json()
        .await
        .unwrap();
    assert!(queue.iter().any(|r| r["post_id"] == post));
    // The author, enrolled, reads but does not moderate.
    let mine: Value = app.get(&kari, area).await.json().await.unwrap();
    assert_eq!(mine["can_moderate"], false);
}

#[tokio::test]
async fn posting_rules_give_clear_errors() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    for (body, field) in [
        (json!({ "title": "  ", "body": "x" }), "title"),
        (json!({ "title": "t".repeat(201), "body": "x" }), "title"),
        (json!({ "title": "t", "body": "" }), "body"),
        (json!({ "title": "t", "body": "b".repeat(20_001) }), "body"),
    ] {
        let res = app.post_json(&kari, MODULE_AREA, &body).await;
        let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(err["error"]["field"], field);
    }
    // The longest title and body there may be, every character an emoji written as a JSON
    // escape pair (12 bytes each): valid, so not refused for its size.
    let emoji = "\\ud83d\\ude00";
    let longest = format!(
        r#"{{"title": "{}", "body": "{}"}}"#,
        emoji.repeat(kursbro_shared::discussion::TITLE_MAX_CHARS),
        emoji.repeat(kursbro_shared::discussion::BODY_MAX_CHARS)
    );
    let res = kari
        .post(app.url(MODULE_AREA))
        .header("content-type", "application/json")
        .body(longest)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let t = new_thread(&app, &kari, MODULE_AREA, "Tråd", "Første innlegg").await;
    let id = t["id"].as_i64().unwrap();

    // A locked thread takes no replies from learners (the facilitator can still answer).
    let marte = app.signed_in(FACILITATOR).await;
    let res = marte
        .patch(app.url(&format!("/api/v1/threads/{id}")))
        .json(&json!({ "locked": true, "pinned": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(
        reply(&app, &kari, id, "Svar").await,
        StatusCode::CONFLICT,
        "thread_locked",
    )
    .await;
    assert_eq!(
        reply(&app, &marte, id, "Jeg låser denne.").await.status(),
        StatusCode::CREATED
    );
    // Learners cannot pin, lock, hide or restore.
    let res = kari
        .patch(app.url(&format!("/api/v1/threads/{id}")))
        .json(&json!({ "locked": false }))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let first = thread(&app, &kari, id).await["posts"][0]["id"]
        .as_i64()
        .unwrap();
    let res = app
        .post_json(
            &kari,
            &format!("/api/v1/posts/{first}/hide"),
            &json!({ "reason": "x" }),
        )
        .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = kari
        .post(app.url(&format!("/api/v1/posts/{first}/restore")))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;

    // Too many posts in a minute: 429 with Retry-After (ten per minute per person).
    let t2 = new_thread(&app, &kari, MODULE_AREA, "Mange svar", "Start").await["id"]
        .as_i64()
        .unwrap();
    // Three posts so far this minute (the three threads).
    for i in 0..7 {
        assert_eq!(
            reply(&app, &kari, t2, &format!("svar {i}")).await.status(),
            StatusCode::CREATED
        );
    }
    let res = reply(&app, &kari, t2, "ett for mye").await;
    assert!(res.headers().contains_key("retry-after"));
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

#[tokio::test]
async fn authors_edit_and_delete_their_own_posts_and_replies_keep_their_context() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let ola = app.signed_in("ola.hansen@demo.kursbro.no").await;
    let id = new_thread(
        &app,
        &kari,
        MODULE_AREA,
        "Spørsmål",
        "Hva er **tjenstlig behov**?",
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let r: Value = reply(&app, &ola, id, "Når du yter helsehjelp til pasienten.")
        .await
        .json()
        .await
        .unwrap();
    let ola_post = r["id"].as_i64().unwrap();
    let t = thread(&app, &kari, id).await;
    let first = t["posts"][0]["id"].as_i64().unwrap();
    assert_eq!(
        t["posts"][0]["body"]["html"],
        "<p>Hva er <strong>tjenstlig behov</strong>?</p>\n"
    );
    assert_eq!(t["posts"][0]["markdown"], "Hva er **tjenstlig behov**?");
    assert!(
        t["posts"][1]["markdown"].is_null(),
        "only your own raw text comes back"
    );
    assert_eq!(t["reply_count"], 1);

    // Editing someone else's post is refused; one's own is marked edited.
    let res = kari
        .patch(app.url(&format!("/api/v1/posts/{ola_post}")))
        .json(&json!({ "body": "endret" }))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = kari
        .patch(app.url(&format!("/api/v1/posts/{first}")))
        .json(&json!({ "body": "Hva betyr tjenstlig behov?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let edited: Value = res.json().await.unwrap();
    assert_eq!(edited["edited"], true);

    // Deleting leaves "deleted by author" in place, with the text gone from the database.
    let res = kari
        .delete(app.url(&format!("/api/v1/posts/{first}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let t = thread(&app, &ola, id).await;
    assert_eq!(t["posts"][0]["body"], json!({ "state": "deleted" }));
    assert_eq!(t["posts"][1]["body"]["state"], "visible");
    let (md, html) = store::testing::post_bodies(&app.db, first).await.unwrap();
    assert!(md.is_empty() && html.is_empty());
    let res = ola
        .delete(app.url(&format!("/api/v1/posts/{first}")))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = kari
        .patch(app.url(&format!("/api/v1/posts/{first}")))
        .json(&json!({ "body": "igjen" }))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::CONFLICT, "post_deleted").await;
}

#[tokio::test]
async fn facilitators_hide_with_a_reason_the_author_sees_and_reports_queue_up() {
    let app = spawn_app().await;
    let autumn = cohort_id(&app, "Helseinformatikk høsten 2026").await;
    let area = format!("/api/v1/discussions/cohorts/{autumn}/threads");
    let kari = app.signed_in(LEARNER).await;
    let ola = app.signed_in("ola.hansen@demo.kursbro.no").await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = new_thread(
        &app,
        &kari,
        &area,
        "Pasienthistorie",
        "Pasienten på rom 12, Hansen (f. 1950), ...",
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let post = thread(&app, &kari, id).await["posts"][0]["id"]
        .as_i64()
        .unwrap();

    let res = app
        .post_json(
            &ola,
            &format!("/api/v1/posts/{post}/report"),
            &json!({ "reason": "Inneholder pasientopplysninger" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .post_json(
            &ola,
            &format!("/api/v1/posts/{post}/report"),
            &json!({ "reason": "" }),
        )
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let queue: Vec<Value> = app
        .get(&marte, "/api/v1/moderation/reports")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0]["post_id"], post);
    assert_eq!(
        queue[0]["reasons"],
        json!(["Inneholder pasientopplysninger"])
    );
    // The spring facilitator does not see reports from the autumn cohort; learners get 403.
    let even = app.signed_in(FACILITATOR_2).await;
    let other: Vec<Value> = app
        .get(&even, "/api/v1/moderation/reports")
        .await
        .json()
        .await
        .unwrap();
    assert!(other.is_empty());
    assert_error(
        app.get(&kari, "/api/v1/moderation/reports").await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    let res = app
        .post_json(
            &marte,
            &format!("/api/v1/posts/{post}/hide"),
            &json!({ "reason": "Personopplysninger om en pasient" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let queue: Vec<Value> = app
        .get(&marte, "/api/v1/moderation/reports")
        .await
        .json()
        .await
        .unwrap();
    assert!(queue.is_empty(), "hiding resolves the reports");

    // The author sees it hidden, why, and her own text; others only that it was hidden.
    let mine = thread(&app, &kari, id).await["posts"][0].clone();
    assert_eq!(mine["body"]["state"], "hidden");
    assert_eq!(mine["body"]["reason"], "Personopplysninger om en pasient");
    assert!(mine["body"]["html"].as_str().unwrap().contains("rom 12"));
    let theirs = thread(&app, &ola, id).await["posts"][0].clone();
    assert_eq!(
        theirs["body"],
        json!({ "state": "hidden", "reason": null, "html": null })
    );
    assert!(!theirs.to_string().contains("rom 12"));

    let res = marte
        .post(app.url(&format!("/api/v1/posts/{post}/restore")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        thread(&app, &ola, id).await["posts"][0]["body"]["state"],
        "visible"
    );
}

#[tokio::test]
async fn threads_sort_by_activity_paginate_with_cursors_and_track_unread() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let ola = app.signed_in("ola.hansen@demo.kursbro.no").await;
    let mut ids = Vec::new();
    for i in 0..3 {
        ids.push(
            new_thread(&app, &kari, MODULE_AREA, &format!("Tråd {i}"), "tekst").await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    // A reply moves thread 0 to the top, with a post Kari has not read.
    reply(&app, &ola, ids[0], "svar").await;
    let list: Value = app.get(&kari, MODULE_AREA).await.json().await.unwrap();
    let titles: Vec<&str> = list["threads"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["Tråd 0", "Tråd 2", "Tråd 1"]);
    assert_eq!(list["threads"][0]["unread"], true);
    assert_eq!(list["threads"][0]["reply_count"], 1);
    assert_eq!(list["threads"][1]["unread"], false, "her own thread");
    let ola_list: Value = app.get(&ola, MODULE_AREA).await.json().await.unwrap();
    assert_eq!(
        ola_list["threads"][1]["unread"], true,
        "never opened by Ola"
    );

    thread(&app, &kari, ids[0]).await;
    let list: Value = app.get(&kari, MODULE_AREA).await.json().await.unwrap();
    assert_eq!(
        list["threads"][0]["unread"], false,
        "reading clears the marker"
    );

    // Long threads come in pages of 50, by cursor.
    let author = app.user_id(FACILITATOR).await;
    for i in 1..=120 {
        let text = format!("svar {i}");
        store::discussions::reply(&app.db, ids[1], author, &text, &text, chrono::Utc::now())
            .await
            .unwrap();
    }
    let mut seen = 0;
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/threads/{}?cursor={c}", ids[1]),
            None => format!("/api/v1/threads/{}", ids[1]),
        };
        let page: Value = app.get(&kari, &path).await.json().await.unwrap();
        seen += page["posts"].as_array().unwrap().len();
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!((seen, pages), (121, 3));
    let res = app
        .get(&kari, &format!("/api/v1/threads/{}?cursor=abc", ids[1]))
        .await;
    assert_error(res, StatusCode::BAD_REQUEST, "invalid_body").await;
    let res = app
        .get(&kari, &format!("{MODULE_AREA}?cursor=garbage"))
        .await;
    assert_error(res, StatusCode::BAD_REQUEST, "invalid_body").await;
}

#[tokio::test]
async fn thread_lists_page_by_cursor() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let module_id =
        store::catalogue::module_id(&app.db, "personvern-og-informasjonssikkerhet", None)
            .await
            .unwrap()
            .unwrap();
    let author = app.user_id(FACILITATOR).await;
    // Some threads share a last-activity time, so the cursor's tie-break on the id counts.
    let base = chrono::DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    for i in 1..=75 {
        let at = base + chrono::Duration::minutes(i % 60);
        store::discussions::create_thread(
            &app.db,
            store::discussions::AreaKey::Module(module_id),
            author,
            &format!("Tråd {i}"),
            "tekst",
            "<p>tekst</p>",
            at,
        )
        .await
        .unwrap();
    }
    let first: Value = app.get(&kari, MODULE_AREA).await.json().await.unwrap();
    assert_eq!(first["threads"].as_array().unwrap().len(), 50);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second: Value = app
        .get(&kari, &format!("{MODULE_AREA}?cursor={cursor}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second["threads"].as_array().unwrap().len(), 25);
    assert!(second["next_cursor"].is_null());
    let mut all: Vec<i64> = first["threads"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["threads"].as_array().unwrap())
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n, "no thread twice");
    assert_eq!(n, 75);
}

#[tokio::test]
async fn a_corpus_of_xss_payloads_never_comes_out_executable() {
    // The whole corpus in one go: lift the per-minute post limit for this server.
    let app = spawn_app_with(|c| c.posts_per_minute = 1_000).await;
    let marte = app.signed_in(FACILITATOR).await;
    let payloads: Vec<String> = include_str!("xss_payloads.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.replace("\\n", "\n"))
        .collect();
    assert!(payloads.len() >= 100, "{} payloads", payloads.len());
    let mut thread_ids = Vec::new();
    for p in &payloads {
        // Titles are stored as text and shown as text; bodies become sanitised HTML.
        let res = app
            .post_json(&marte, MODULE_AREA, &json!({ "title": p, "body": p }))
            .await;
        assert_eq!(res.status(), StatusCode::CREATED, "{p:?}");
        let t: Value = res.json().await.unwrap();
        assert_eq!(t["title"], p.trim(), "titles are kept as text, verbatim");
        thread_ids.push(t["id"].as_i64().unwrap());
    }
    let stored = store::testing::all_post_html(&app.db).await.unwrap();
    assert_eq!(stored.len(), payloads.len());
    for (html, p) in stored.iter().zip(&payloads) {
        assert_not_executable(html, p, false);
    }
    // And what the API hands out is the same sanitised HTML.
    let t = thread(&app, &marte, thread_ids[0]).await;
    assert_not_executable(
        t["posts"][0]["body"]["html"].as_str().unwrap(),
        &payloads[0],
        false,
    );
}
