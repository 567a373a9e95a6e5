//! Gatherings: facilitators create them; learners sign up, are waitlisted and move up first
//! come first served; attendance at a mandatory gathering completes the module's step; the
//! video link reaches only those with a place; the calendars are read back with Python's
//! `icalendar` (an independent parser).

use std::sync::Arc;

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const HILDE: &str = "hilde.aas@demo.kursbro.no";
const OLA: &str = "ola.hansen@demo.kursbro.no";
const NORA: &str = "nora.haugen@demo.kursbro.no";

/// The spring the tests' gatherings are in: two years ahead (sign-up open; no demo data
/// then).
fn year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year() + 2
}

/// The tests are written for spring 2029, when summer time begins on 25 March: `local` (an
/// Oslo time in 2029) moved to the same place around the change in [`year`].
fn at(local: &str) -> String {
    use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
    let change = |y: i32| {
        (25..=31)
            .rev()
            .map(|d| NaiveDate::from_ymd_opt(y, 3, d).unwrap())
            .find(|d| d.weekday() == Weekday::Sun)
            .unwrap()
    };
    let t = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").unwrap();
    let moved = change(year()).and_time(t.time()) + (t.date() - change(2029));
    moved.format("%Y-%m-%dT%H:%M").to_string()
}

/// The UTC time (as Python's parser writes it) of an Oslo time `hours` ahead of UTC.
fn utc(local: &str, hours: i64) -> String {
    let t = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").unwrap();
    (t - chrono::Duration::hours(hours))
        .format("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string()
}

/// A course event in spring (see [`year`]), with `extra` fields.
fn event(title: &str, extra: Value) -> Value {
    let mut body = json!({
        "title": title,
        "description": "Praktisk trening med **instruktør**.",
        "theme": "Akuttmedisin",
        "starts": at("2029-03-24T10:00"),
        "ends": at("2029-03-24T13:00"),
        "address": "Fjellstadveien 1",
        "room": "Auditorium A",
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn create(app: &TestApp, client: &Client, body: Value) -> Value {
    ok(
        call(app, client, Method::POST, "/api/v1/gatherings", Some(body)).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn a_full_gathering_waitlists_and_moves_the_first_in_line_up_with_a_notice() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let g = create(
        &app,
        &marte,
        event("HLR for ledere", json!({ "capacity": 1 })),
    )
    .await;
    let id = g["gathering"]["id"].as_i64().unwrap();
    let path = format!("/api/v1/gatherings/{id}/signup");

    let kari = app.signed_in(LEARNER).await;
    let per = app.signed_in(LEARNER_COHORT_2).await;
    let ola = app.signed_in(OLA).await;
    let first = ok(
        call(&app, &kari, Method::POST, &path, None).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(first["status"], "confirmed");
    let second = ok(
        call(&app, &per, Method::POST, &path, None).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(second["status"], "waitlisted");
    assert_eq!(second["waitlist_position"], 1);
    let third = ok(
        call(&app, &ola, Method::POST, &path, None).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(third["waitlist_position"], 2);
    // Signing up again answers the place one has.
    let again = ok(
        call(&app, &per, Method::POST, &path, None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(again["waitlist_position"], 1);

    // Kari cancels: Per (first in line) gets the place and is told; Ola moves to first.
    let res = call(&app, &kari, Method::DELETE, &path, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let detail = ok(
        app.get(&per, &format!("/api/v1/gatherings/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(detail["gathering"]["my_status"], "confirmed");
    assert_eq!(detail["gathering"]["confirmed"], 1);
    assert_eq!(detail["gathering"]["waitlisted"], 1);
    let notices = ok(app.get(&per, "/api/v1/notices").await, StatusCode::OK).await;
    assert_eq!(notices["unread"], 1);
    assert_eq!(notices["notices"][0]["kind"], "got_place");
    assert_eq!(notices["notices"][0]["gathering_id"], id);
    let ola_now = ok(
        app.get(&ola, &format!("/api/v1/gatherings/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(ola_now["waitlist_position"], 1);
    let ola_notices = ok(app.get(&ola, "/api/v1/notices").await, StatusCode::OK).await;
    assert_eq!(
        ola_notices["unread"], 0,
        "only the one who moved up is told: {ola_notices}"
    );
    let res = call(&app, &per, Method::POST, "/api/v1/notices/read", None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        ok(app.get(&per, "/api/v1/notices").await, StatusCode::OK).await["unread"],
        0
    );

    // The facilitator's list: the place, then the waitlist in order.
    let list = ok(
        app.get(&marte, &format!("/api/v1/gatherings/{id}/participants"))
            .await,
        StatusCode::OK,
    )
    .await;
    let people: Vec<(&str, &str)> = list["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["email"].as_str().unwrap(), p["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        people,
        [(LEARNER_COHORT_2, "confirmed"), (OLA, "waitlisted")]
    );
    // Learners do not see the list; another organisation's facilitator-admin neither.
    assert_error(
        app.get(&kari, &format!("/api/v1/gatherings/{id}/participants"))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let hilde = app.signed_in(HILDE).await;
    assert_error(
        app.get(&hilde, &format!("/api/v1/gatherings/{id}/participants"))
            .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // A larger capacity gives Ola a place; everyone signed up is told of the change.
    let mut changed = event("HLR for ledere", json!({ "capacity": 2 }));
    changed["starts"] = json!(at("2029-03-24T11:00"));
    let after = ok(
        call(
            &app,
            &marte,
            Method::PUT,
            &format!("/api/v1/gatherings/{id}"),
            Some(changed),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(after["gathering"]["confirmed"], 2);
    assert_eq!(after["sequence"], 1);
    let kinds: Vec<String> = ok(app.get(&ola, "/api/v1/notices").await, StatusCode::OK).await
        ["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["got_place", "changed"], "newest first");
}

#[tokio::test]
async fn two_hundred_sign_up_at_once_for_twenty_places() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let g = create(
        &app,
        &marte,
        event("Fagdag demens", json!({ "capacity": 20 })),
    )
    .await;
    let id = g["gathering"]["id"].as_i64().unwrap();

    // 200 people with sessions (made directly: 200 sign-ins would test argon2, not this).
    let org = app.org_of(LEARNER).await;
    let mut cookies = Vec::new();
    for i in 0..200 {
        let email = format!("deltaker{i}@nordvik.example.no");
        let mut tx = app.db.write().await.unwrap();
        let user = kursbro_server::store::people::insert_user(
            &mut tx,
            &kursbro_server::store::people::NewUser {
                organisation_id: org,
                email: &email,
                name: &format!("Deltaker {i}"),
                unit_id: None,
                unit_joined_on: None,
                profession_id: None,
                password_hash: "not-a-password",
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let token = kursbro_server::session::new_token();
        assert!(kursbro_server::store::people::insert_session(
            &app.db,
            &kursbro_server::session::token_hash(&token),
            user,
            "not-a-password",
            chrono::Utc::now(),
        )
        .await
        .unwrap());
        cookies.push(format!("{}={token}", kursbro_server::session::COOKIE_NAME));
    }
    let client = Arc::new(Client::new());
    let url = app.url(&format!("/api/v1/gatherings/{id}/signup"));
    let results = futures::future::join_all(cookies.into_iter().map(|cookie| {
        let client = client.clone();
        let url = url.clone();
        tokio::spawn(async move {
            let res = client
                .post(&url)
                .header("cookie", cookie)
                .send()
                .await
                .expect("request");
            assert_eq!(res.status(), StatusCode::CREATED);
            res.json::<Value>().await.unwrap()
        })
    }))
    .await;
    let results: Vec<Value> = results.into_iter().map(|r| r.unwrap()).collect();
    let confirmed = results
        .iter()
        .filter(|r| r["status"] == "confirmed")
        .count();
    assert_eq!(confirmed, 20);
    let mut positions: Vec<i64> = results
        .iter()
        .filter_map(|r| r["waitlist_position"].as_i64())
        .collect();
    positions.sort_unstable();
    assert_eq!(
        positions,
        (1..=180).collect::<Vec<_>>(),
        "each place in line once"
    );

    // The list agrees: 20 places, 180 in line in order of arrival, nobody twice.
    let list = ok(
        app.get(&marte, &format!("/api/v1/gatherings/{id}/participants"))
            .await,
        StatusCode::OK,
    )
    .await;
    let people = list["participants"].as_array().unwrap();
    assert_eq!(people.len(), 200);
    let mut ids: Vec<i64> = people
        .iter()
        .map(|p| p["user_id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 200);
    assert!(people[..20].iter().all(|p| p["status"] == "confirmed"));
    assert!(people[20..].iter().all(|p| p["status"] == "waitlisted"));
    let arrivals: Vec<&str> = people[20..]
        .iter()
        .map(|p| p["signed_up_at"].as_str().unwrap())
        .collect();
    let mut sorted = arrivals.clone();
    sorted.sort_unstable();
    assert_eq!(arrivals, sorted, "the waitlist is in order of arrival");
}

#[tokio::test]
async fn bad_gatherings_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let cases = [
        (json!({ "ends": at("2029-03-24T09:00") }), "ends"),
        (json!({ "video_url": "javascript:alert(1)" }), "video_url"),
        (
            json!({ "video_url": "ftp://møte.example.no/x" }),
            "video_url",
        ),
        (
            json!({ "signup_deadline": at("2029-03-25T10:00") }),
            "signup_deadline",
        ),
        (
            json!({ "starts": at("2029-03-25T02:30"), "ends": at("2029-03-25T04:00") }),
            "starts",
        ),
        (json!({ "address": "", "video_url": "" }), "address"),
        (json!({ "capacity": 0 }), "capacity"),
        (json!({ "module": "finnes-ikke" }), "module"),
        // Mandatory only for a module the organisation provides (Nordvik's, here).
        (
            json!({ "module": "hjerte-lunge-redning", "mandatory": true }),
            "mandatory",
        ),
    ];
    for (extra, field) in cases {
        let res = call(
            &app,
            &marte,
            Method::POST,
            "/api/v1/gatherings",
            Some(event("Feil", extra.clone())),
        )
        .await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(body["error"]["field"], field, "{extra}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    // Learners cannot create gatherings.
    let kari = app.signed_in(LEARNER).await;
    assert_error(
        call(
            &app,
            &kari,
            Method::POST,
            "/api/v1/gatherings",
            Some(event("Nei", json!({}))),
        )
        .await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;

    // Fewer places than people who have one is refused; as many is fine.
    let g = create(&app, &marte, event("Tre plasser", json!({ "capacity": 3 }))).await;
    let id = g["gathering"]["id"].as_i64().unwrap();
    for email in [LEARNER, LEARNER_COHORT_2] {
        let c = app.signed_in(email).await;
        call(
            &app,
            &c,
            Method::POST,
            &format!("/api/v1/gatherings/{id}/signup"),
            None,
        )
        .await;
    }
    let res = call(
        &app,
        &marte,
        Method::PUT,
        &format!("/api/v1/gatherings/{id}"),
        Some(event("Tre plasser", json!({ "capacity": 1 }))),
    )
    .await;
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(body["error"]["field"], "capacity");
    let res = call(
        &app,
        &marte,
        Method::PUT,
        &format!("/api/v1/gatherings/{id}"),
        Some(event("To plasser", json!({ "capacity": 2 }))),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_video_link_reaches_only_those_with_a_place() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let link = "https://video.example.no/hlr-123";
    let g = create(
        &app,
        &marte,
        event("Hybrid HLR", json!({ "capacity": 1, "video_url": link })),
    )
    .await;
    assert_eq!(g["video_url"], link, "those who run it see it");
    assert_eq!(g["gathering"]["format"], "hybrid");
    let id = g["gathering"]["id"].as_i64().unwrap();
    let kari = app.signed_in(LEARNER).await;
    let per = app.signed_in(LEARNER_COHORT_2).await;
    let visitor = app.client();
    for c in [&kari, &per, &visitor] {
        let d = ok(
            app.get(c, &format!("/api/v1/gatherings/{id}")).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(d["video_url"], Value::Null);
        assert_eq!(
            d["input"],
            Value::Null,
            "the form's fields are for those who run it"
        );
        let res = app
            .get(c, &format!("/api/v1/gatherings/{id}/calendar.ics"))
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        let ics = res.text().await.unwrap();
        assert!(
            ics.contains("BEGIN:VEVENT") && ics.contains("Hybrid HLR"),
            "{ics}"
        );
        assert!(!ics.contains("video.example.no"), "{ics}");
    }
    call(
        &app,
        &kari,
        Method::POST,
        &format!("/api/v1/gatherings/{id}/signup"),
        None,
    )
    .await;
    call(
        &app,
        &per,
        Method::POST,
        &format!("/api/v1/gatherings/{id}/signup"),
        None,
    )
    .await;
    let d = ok(
        app.get(&kari, &format!("/api/v1/gatherings/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(d["video_url"], link);
    let d = ok(
        app.get(&per, &format!("/api/v1/gatherings/{id}")).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        d["video_url"],
        Value::Null,
        "the waitlist does not get the link"
    );
    // Not in lists either.
    let list = app
        .get(&per, "/api/v1/gatherings?mine=true")
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains("video.example.no"));
    assert!(list.contains("Hybrid HLR"));
    let programme = app
        .get(
            &visitor,
            &format!("/api/v1/course-programme?period={}-var", year()),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(!programme.contains("video.example.no"));
    assert!(programme.contains("Hybrid HLR"));
}

#[tokio::test]
async fn attendance_at_a_mandatory_gathering_completes_the_module() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let slug = "brukermedvirkning";
    let before = ok(
        app.get(&marte, &format!("/api/v1/modules/{slug}")).await,
        StatusCode::OK,
    )
    .await;
    let steps = before["activities"].as_array().unwrap().len();
    let g = create(
        &app,
        &marte,
        event(
            "Samling: brukermedvirkning i praksis",
            json!({ "module": slug, "mandatory": true }),
        ),
    )
    .await;
    let id = g["gathering"]["id"].as_i64().unwrap();
    assert_eq!(g["gathering"]["belongs_to"]["kind"], "module");
    // Another session of the same gathering: attending either meets it.
    let mut second = event(
        "Samling: brukermedvirkning i praksis",
        json!({ "module": slug, "session_of": id }),
    );
    second["starts"] = json!(at("2029-04-10T10:00"));
    second["ends"] = json!(at("2029-04-10T13:00"));
    let g2 = create(&app, &marte, second).await;
    let id2 = g2["gathering"]["id"].as_i64().unwrap();
    assert_eq!(g2["gathering"]["mandatory"], true);
    assert_eq!(g2["sessions"][0]["id"], id);

    // The module's authors see the new step in their change log.
    let sigrid = app.signed_in("sigrid.fjell@demo.kursbro.no").await;
    let log = ok(
        app.get(&sigrid, "/api/v1/authoring/changes").await,
        StatusCode::OK,
    )
    .await;
    let newest = &log["changes"][0];
    assert_eq!(
        (
            &newest["module"]["slug"],
            &newest["author"],
            &newest["added"]
        ),
        (&json!(slug), &json!("Marte Lie"), &json!(1)),
        "{log}"
    );

    // The programme that has the module lists its mandatory gatherings too.
    let listed = ok(
        app.get(
            &marte,
            "/api/v1/gatherings?programme=helseinformatikk-og-digitalisering",
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(listed["gatherings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["id"] == id && g["mandatory"] == true));

    // The module has one more step, a gathering, which the learner cannot complete herself.
    let after = ok(
        app.get(&marte, &format!("/api/v1/modules/{slug}")).await,
        StatusCode::OK,
    )
    .await;
    let activities = after["activities"].as_array().unwrap();
    assert_eq!(activities.len(), steps + 1);
    let step = activities.last().unwrap();
    assert_eq!(step["kind"], "gathering");
    assert_eq!(step["content"]["gathering_id"], id);
    let step_id = step["id"].as_i64().unwrap();

    // Nora does every other activity: the module is not complete without the gathering.
    let nora = app.signed_in(NORA).await;
    let res = app
        .post_json(&nora, "/api/v1/enrolments", &json!({ "module": slug }))
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let module = &after;
    for a in module["activities"].as_array().unwrap() {
        let (kind, aid) = (a["kind"].as_str().unwrap(), a["id"].as_i64().unwrap());
        let action = match kind {
            "lesson" => json!({ "kind": "lesson_completed", "activity_id": aid }),
            "external" => json!({ "kind": "external_completed", "activity_id": aid }),
            "reflection" => {
                json!({ "kind": "reflection_submitted", "activity_id": aid, "text": "Jeg lærte mye om å lytte." })
            }
            "quiz" => {
                json!({ "kind": "quiz_submitted", "activity_id": aid, "answers": right_answers(&app, aid).await })
            }
            "gathering" => continue,
            other => panic!("unexpected kind {other}"),
        };
        let res = app
            .post_json(
                &nora,
                "/api/v1/events",
                &json!({ "id": format!("gathering-test-{aid}"), "occurred_at": chrono::Utc::now(), "action": action }),
            )
            .await;
        assert!(
            res.status().is_success(),
            "{kind}: {}",
            res.text().await.unwrap()
        );
    }
    let progress = |app: &TestApp, c: &Client| {
        let path = format!("/api/v1/modules/{slug}/progress");
        let c = c.clone();
        let url = app.url(&path);
        async move {
            c.get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let p = progress(&app, &nora).await;
    assert_eq!(p["progress"]["completed"].as_i64().unwrap() as usize, steps);
    assert_eq!(p["progress"]["total"].as_i64().unwrap() as usize, steps + 1);
    // A learning event cannot complete the gathering step.
    let res = app
        .post_json(
            &nora,
            "/api/v1/events",
            &json!({ "id": "gathering-step-event", "occurred_at": chrono::Utc::now(),
                     "action": { "kind": "lesson_completed", "activity_id": step_id } }),
        )
        .await;
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(body["error"]["field"], "action");

    // She signs up for the second session and is marked present: the module is complete.
    call(
        &app,
        &nora,
        Method::POST,
        &format!("/api/v1/gatherings/{id2}/signup"),
        None,
    )
    .await;
    let nora_id = app.user_id(NORA).await;
    let mark_path = format!("/api/v1/gatherings/{id2}/attendance/{nora_id}");
    let mark = |attendance: Value| {
        let c = marte.clone();
        let url = app.url(&mark_path);
        async move {
            c.put(url)
                .json(&json!({ "attendance": attendance }))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(mark(json!("absent")).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        progress(&app, &nora).await["progress"]["completed"]
            .as_i64()
            .unwrap() as usize,
        steps
    );
    assert_eq!(
        mark(json!("present")).await.status(),
        StatusCode::NO_CONTENT
    );
    let p = progress(&app, &nora).await;
    assert_eq!(p["progress"]["completed"], p["progress"]["total"]);
    // She cannot cancel a gathering she attended.
    assert_error(
        call(
            &app,
            &nora,
            Method::DELETE,
            &format!("/api/v1/gatherings/{id2}/signup"),
            None,
        )
        .await,
        StatusCode::CONFLICT,
        "already_attended",
    )
    .await;
    // A mistake corrected takes the step back.
    assert_eq!(mark(Value::Null).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        progress(&app, &nora).await["progress"]["completed"]
            .as_i64()
            .unwrap() as usize,
        steps
    );
    // Excused also meets it.
    assert_eq!(
        mark(json!("excused")).await.status(),
        StatusCode::NO_CONTENT
    );
    let p = progress(&app, &nora).await;
    assert_eq!(p["progress"]["completed"], p["progress"]["total"]);
    // Someone without a place cannot be marked.
    let kari_id = app.user_id(LEARNER).await;
    assert_error(
        call(
            &app,
            &marte,
            Method::PUT,
            &format!("/api/v1/gatherings/{id2}/attendance/{kari_id}"),
            Some(json!({ "attendance": "present" })),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // Publishing the module again keeps the gathering step after the authored activities.
    let state = ok(
        app.get(&sigrid, &format!("/api/v1/authoring/modules/{slug}"))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        !state.to_string().contains("\"gathering\""),
        "the draft does not hold the gathering step"
    );
    let saved = ok(
        call(
            &app,
            &sigrid,
            Method::PUT,
            &format!("/api/v1/authoring/modules/{slug}"),
            Some(json!({ "version": state["version"], "draft": state["draft"] })),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let version = saved["version"].clone();
    let res = call(
        &app,
        &sigrid,
        Method::POST,
        &format!("/api/v1/authoring/modules/{slug}/publish"),
        Some(json!({ "version": version })),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "{}",
        res.text().await.unwrap()
    );
    let again = ok(
        app.get(&marte, &format!("/api/v1/modules/{slug}")).await,
        StatusCode::OK,
    )
    .await;
    let kinds: Vec<&str> = again["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), steps + 1);
    assert_eq!(kinds.last(), Some(&"gathering"));
    let p = progress(&app, &nora).await;
    assert_eq!(
        p["progress"]["completed"], p["progress"]["total"],
        "her completion stays"
    );
}

/// The calendar parsed by Python's `icalendar` package: (version, events).
fn parse_ical(text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cal.ics");
    std::fs::write(&file, text).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = root.join("target/ical-venv/bin/python");
    assert!(
        python.exists(),
        "the iCalendar parser is missing: run scripts/setup.sh (it installs Python's icalendar into target/ical-venv)"
    );
    let out = std::process::Command::new(python)
        .arg(root.join("scripts/ical-to-json.py"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn the_calendar_feed_has_stable_uids_oslo_times_cancellations_and_the_video_link() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let link = "https://video.example.no/rom?id=1;a=b";
    // One on each side of the change to summer time, both at 10:00 in Oslo.
    let winter = create(
        &app,
        &marte,
        event("Før sommertid", json!({ "video_url": link })),
    )
    .await;
    let mut body = event("Etter sommertid", json!({}));
    body["starts"] = json!(at("2029-03-26T10:00"));
    body["ends"] = json!(at("2029-03-26T12:30"));
    let summer = create(&app, &marte, body).await;
    let (w, s) = (
        winter["gathering"]["id"].as_i64().unwrap(),
        summer["gathering"]["id"].as_i64().unwrap(),
    );
    let kari = app.signed_in(LEARNER).await;
    for id in [w, s] {
        call(
            &app,
            &kari,
            Method::POST,
            &format!("/api/v1/gatherings/{id}/signup"),
            None,
        )
        .await;
    }
    assert_eq!(
        ok(app.get(&kari, "/api/v1/me/calendar").await, StatusCode::OK).await["active"],
        false
    );
    let feed = ok(
        call(&app, &kari, Method::POST, "/api/v1/me/calendar", None).await,
        StatusCode::CREATED,
    )
    .await;
    let path = format!("/api/v1/calendar/{}", feed["token"].as_str().unwrap());
    assert!(path.starts_with("/api/v1/calendar/"));
    let anonymous = app.client();
    assert_eq!(
        app.get(&anonymous, &format!("{path}.ics")).await.status(),
        StatusCode::OK,
        "with .ics too"
    );
    let res = app.get(&anonymous, &path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let cal = parse_ical(&res.text().await.unwrap());
    assert_eq!(cal["version"], "2.0");
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    let (a, b) = (&events[0], &events[1]);
    assert_eq!(a["uid"], format!("gathering-{w}@kursbro"));
    assert_eq!(b["uid"], format!("gathering-{s}@kursbro"));
    assert_eq!(a["start"]["oslo"], at("2029-03-24T10:00"));
    assert_eq!(a["start"]["utc"], utc(&at("2029-03-24T10:00"), 1));
    assert_eq!(b["start"]["oslo"], at("2029-03-26T10:00"));
    assert_eq!(b["start"]["utc"], utc(&at("2029-03-26T10:00"), 2));
    assert_eq!(b["end"]["oslo"], at("2029-03-26T12:30"));
    assert_eq!(a["status"], "CONFIRMED");
    assert_eq!(a["sequence"], 0);
    assert_eq!(a["location"], "Fjellstadveien 1, Auditorium A");
    assert_eq!(a["conference"][0]["uri"], link);
    assert_eq!(a["conference"][0]["params"]["VALUE"], "URI");
    assert_eq!(a["conference"][0]["params"]["FEATURE"], "VIDEO");
    assert!(a["description"].as_str().unwrap().contains(link));
    assert_eq!(b["conference"], json!([]));

    // Changed, then cancelled: the same UID, a higher SEQUENCE, STATUS:CANCELLED (kept).
    let mut moved = event("Før sommertid", json!({ "video_url": link }));
    moved["starts"] = json!(at("2029-03-24T11:00"));
    call(
        &app,
        &marte,
        Method::PUT,
        &format!("/api/v1/gatherings/{w}"),
        Some(moved),
    )
    .await;
    let res = call(
        &app,
        &marte,
        Method::POST,
        &format!("/api/v1/gatherings/{w}/cancel"),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let cal = parse_ical(&app.get(&anonymous, &path).await.text().await.unwrap());
    let a = &cal["events"][0];
    assert_eq!(a["uid"], format!("gathering-{w}@kursbro"));
    assert_eq!(a["sequence"], 2);
    assert_eq!(a["status"], "CANCELLED");
    assert_eq!(a["start"]["oslo"], at("2029-03-24T11:00"));
    let notices = ok(app.get(&kari, "/api/v1/notices").await, StatusCode::OK).await;
    assert_eq!(notices["notices"][0]["kind"], "cancelled");
    assert_error(
        call(
            &app,
            &kari,
            Method::POST,
            &format!("/api/v1/gatherings/{w}/signup"),
            None,
        )
        .await,
        StatusCode::CONFLICT,
        "gathering_cancelled",
    )
    .await;

    // A single gathering's file parses too; a visitor's has no video link, Kari's has.
    let mut with_link = event("Med lenke", json!({ "video_url": link }));
    with_link["starts"] = json!(at("2029-04-02T10:00"));
    with_link["ends"] = json!(at("2029-04-02T11:00"));
    let v = create(&app, &marte, with_link).await["gathering"]["id"]
        .as_i64()
        .unwrap();
    let ics_of = |c: &Client| {
        let (c, url) = (
            c.clone(),
            app.url(&format!("/api/v1/gatherings/{v}/calendar.ics")),
        );
        async move {
            let res = c.get(url).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            parse_ical(&res.text().await.unwrap())
        }
    };
    let visitor = ics_of(&anonymous).await;
    assert_eq!(
        visitor["events"][0]["uid"],
        format!("gathering-{v}@kursbro")
    );
    assert_eq!(visitor["events"][0]["conference"], json!([]));
    assert!(!visitor["events"][0]["description"]
        .as_str()
        .unwrap()
        .contains(link));
    call(
        &app,
        &kari,
        Method::POST,
        &format!("/api/v1/gatherings/{v}/signup"),
        None,
    )
    .await;
    assert_eq!(
        ics_of(&kari).await["events"][0]["conference"][0]["uri"],
        link
    );

    // A new address replaces the old; turning it off closes it. Tokens are not guessable
    // paths: a wrong one is 404.
    let replaced = ok(
        call(&app, &kari, Method::POST, "/api/v1/me/calendar", None).await,
        StatusCode::CREATED,
    )
    .await;
    let new_path = &format!("/api/v1/calendar/{}", replaced["token"].as_str().unwrap());
    assert_ne!(*new_path, path);
    assert_error(
        app.get(&anonymous, &path).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(app.get(&anonymous, new_path).await.status(), StatusCode::OK);
    assert_eq!(
        call(&app, &kari, Method::DELETE, "/api/v1/me/calendar", None)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_error(
        app.get(&anonymous, new_path).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&anonymous, "/api/v1/calendar/gjetting.ics").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_course_programme_is_public_and_filters() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    create(
        &app,
        &marte,
        event(
            "Palliasjon i vår",
            json!({ "theme": "Palliasjon", "capacity": 1 }),
        ),
    )
    .await;
    let mut video = event(
        "Demens på video",
        json!({ "theme": "Demens", "address": "", "video_url": "https://v.example.no/d" }),
    );
    video["starts"] = json!(at("2029-05-03T09:00"));
    video["ends"] = json!(at("2029-05-03T11:00"));
    create(&app, &marte, video).await;
    let mut autumn = event("Høstkurs", json!({}));
    autumn["starts"] = json!(at("2029-09-01T09:00"));
    autumn["ends"] = json!(at("2029-09-01T11:00"));
    create(&app, &marte, autumn).await;

    let visitor = app.client();
    let titles = |v: &Value| -> Vec<String> {
        v["gatherings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["title"].as_str().unwrap().to_string())
            .collect()
    };
    let all = ok(
        app.get(
            &visitor,
            &format!("/api/v1/course-programme?period={}-var", year()),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(all["period"], json!({ "year": year(), "spring": true }));
    let t = titles(&all);
    assert!(
        t.contains(&"Palliasjon i vår".to_string()) && t.contains(&"Demens på video".to_string())
    );
    assert!(!t.contains(&"Høstkurs".to_string()));
    assert!(all["themes"].as_array().unwrap().contains(&json!("Demens")));
    let q = |query: &str| {
        let url = app.url(&format!(
            "/api/v1/course-programme?period={}-var&{query}",
            year()
        ));
        let c = visitor.clone();
        async move { c.get(url).send().await.unwrap() }
    };
    assert_eq!(
        titles(&ok(q("format=video").await, StatusCode::OK).await),
        ["Demens på video"]
    );
    assert_eq!(
        titles(&ok(q("theme=Palliasjon").await, StatusCode::OK).await),
        ["Palliasjon i vår"]
    );
    assert_eq!(
        titles(
            &ok(
                q(&format!(
                    "from={}&to={}",
                    &at("2029-05-01T00:00")[..10],
                    &at("2029-05-31T00:00")[..10]
                ))
                .await,
                StatusCode::OK
            )
            .await
        ),
        ["Demens på video"]
    );
    // Full: not among those with free places.
    let kari = app.signed_in(LEARNER).await;
    let pall = all["gatherings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["title"] == "Palliasjon i vår")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    call(
        &app,
        &kari,
        Method::POST,
        &format!("/api/v1/gatherings/{pall}/signup"),
        None,
    )
    .await;
    let free = titles(&ok(q("free=true").await, StatusCode::OK).await);
    assert!(!free.contains(&"Palliasjon i vår".to_string()));
    assert!(free.contains(&"Demens på video".to_string()));
    let fjellstad = app.org_of(FACILITATOR).await;
    assert!(
        !titles(&ok(q(&format!("provider={fjellstad}")).await, StatusCode::OK).await).is_empty()
    );
    // Bad filters are clear 4xx.
    let body = assert_error(
        app.get(
            &visitor,
            &format!("/api/v1/course-programme?period={}-sommer", year()),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(body["error"]["field"], "period");
    assert_eq!(
        app.get(&visitor, "/api/v1/course-programme?from=i-morgen")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    // Signing up takes an account.
    assert_error(
        call(
            &app,
            &visitor,
            Method::POST,
            &format!("/api/v1/gatherings/{pall}/signup"),
            None,
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
}

#[tokio::test]
async fn a_cohorts_gathering_is_for_its_members_and_adding_people_tells_nobody_who_has_an_account()
{
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let cohort =
        kursbro_server::store::testing::cohort_id_by_name(&app.db, "Helseinformatikk høsten 2026")
            .await
            .unwrap();
    let g = create(
        &app,
        &marte,
        event(
            "Kullsamling høst",
            json!({ "programme": "helseinformatikk-og-digitalisering", "cohort_id": cohort, "capacity": 10 }),
        ),
    )
    .await;
    let id = g["gathering"]["id"].as_i64().unwrap();
    assert_eq!(
        g["gathering"]["belongs_to"]["cohort"],
        "Helseinformatikk høsten 2026"
    );
    let path = format!("/api/v1/gatherings/{id}");

    // Its members and those who run the host's gatherings see it; a learner of the same
    // organisation outside the cohort, and another cohort's learner, do not.
    let kari = app.signed_in(LEARNER).await;
    assert_eq!(app.get(&kari, &path).await.status(), StatusCode::OK);
    let even = app.signed_in(FACILITATOR_2).await;
    assert_eq!(app.get(&even, &path).await.status(), StatusCode::OK);
    for outsider in ["emil.johansen@demo.kursbro.no", LEARNER_COHORT_2] {
        let c = app.signed_in(outsider).await;
        assert_error(app.get(&c, &path).await, StatusCode::NOT_FOUND, "not_found").await;
        assert_error(
            call(&app, &c, Method::POST, &format!("{path}/signup"), None).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        let list = app
            .get(
                &c,
                &format!("/api/v1/course-programme?period={}-var", year()),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(!list.contains("Kullsamling høst"), "{outsider}");
    }

    // A learner cannot use the form to learn whether an address has an account.
    let add = format!("{path}/participants");
    for email in [LEARNER_COHORT_2, "finnes.ikke@example.no"] {
        assert_error(
            call(
                &app,
                &kari,
                Method::POST,
                &add,
                Some(json!({ "email": email })),
            )
            .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    // The facilitator gets one answer for nobody and for someone it is not for.
    let mut messages = Vec::new();
    for email in [LEARNER_COHORT_2, "finnes.ikke@example.no"] {
        let body = assert_error(
            call(
                &app,
                &marte,
                Method::POST,
                &add,
                Some(json!({ "email": email })),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(body["error"]["field"], "email");
        messages.push(body["error"]["message"].clone());
    }
    assert_eq!(messages[0], messages[1]);
    // A member is added, and told.
    let added = ok(
        call(
            &app,
            &marte,
            Method::POST,
            &add,
            Some(json!({ "email": "ingrid.berg@demo.kursbro.no" })),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(added["status"], "confirmed");
    let ingrid = app.signed_in("ingrid.berg@demo.kursbro.no").await;
    let notices = ok(app.get(&ingrid, "/api/v1/notices").await, StatusCode::OK).await;
    assert_eq!(notices["notices"][0]["kind"], "added");

    // A deactivated person's calendar feed stops working.
    let feed = ok(
        call(&app, &ingrid, Method::POST, "/api/v1/me/calendar", None).await,
        StatusCode::CREATED,
    )
    .await;
    let feed_path = format!("/api/v1/calendar/{}", feed["token"].as_str().unwrap());
    assert_eq!(
        app.get(&app.client(), &feed_path).await.status(),
        StatusCode::OK
    );
    kursbro_server::store::testing::deactivate(&app.db, "ingrid.berg@demo.kursbro.no")
        .await
        .unwrap();
    assert_error(
        app.get(&app.client(), &feed_path).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn correcting_attendance_keeps_a_completion_made_before_and_a_cancelled_gathering_drops_its_step(
) {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let slug = "personvern-og-informasjonssikkerhet";
    let ingrid_email = "ingrid.berg@demo.kursbro.no";
    let before = kursbro_server::store::testing::module_completed_at(&app.db, ingrid_email, slug)
        .await
        .unwrap()
        .expect("the demo has Ingrid complete the module");
    let g = create(
        &app,
        &marte,
        event(
            "Personvern i praksis",
            json!({ "module": slug, "mandatory": true }),
        ),
    )
    .await;
    let id = g["gathering"]["id"].as_i64().unwrap();
    let ingrid = app.signed_in(ingrid_email).await;
    call(
        &app,
        &ingrid,
        Method::POST,
        &format!("/api/v1/gatherings/{id}/signup"),
        None,
    )
    .await;
    let ingrid_id = app.user_id(ingrid_email).await;
    let mark = |attendance: Value| {
        let (c, url) = (
            marte.clone(),
            app.url(&format!("/api/v1/gatherings/{id}/attendance/{ingrid_id}")),
        );
        async move {
            c.put(url)
                .json(&json!({ "attendance": attendance }))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    // Present, then a slip of the finger to absent, then excused: the completion she had
    // before the gathering existed stays, with its date, throughout.
    for attendance in [
        json!("present"),
        json!("absent"),
        Value::Null,
        json!("excused"),
    ] {
        assert_eq!(mark(attendance.clone()).await, StatusCode::NO_CONTENT);
        assert_eq!(
            kursbro_server::store::testing::module_completed_at(&app.db, ingrid_email, slug)
                .await
                .unwrap(),
            Some(before),
            "after {attendance}"
        );
    }

    // A second mandatory gathering, never held: cancelling its only session removes the
    // step it added (nobody could meet it any more).
    let steps = |app: &TestApp| {
        let (c, url) = (app.client(), app.url(&format!("/api/v1/modules/{slug}")));
        async move {
            let m: Value = c.get(url).send().await.unwrap().json().await.unwrap();
            m["activities"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["kind"] == "gathering")
                .count()
        }
    };
    let mut later = event(
        "Personvern: oppfølging",
        json!({ "module": slug, "mandatory": true }),
    );
    later["starts"] = json!(at("2029-04-20T10:00"));
    later["ends"] = json!(at("2029-04-20T12:00"));
    let second = create(&app, &marte, later).await["gathering"]["id"]
        .as_i64()
        .unwrap();
    assert_eq!(steps(&app).await, 2);
    let res = call(
        &app,
        &marte,
        Method::POST,
        &format!("/api/v1/gatherings/{second}/cancel"),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(steps(&app).await, 1, "the met gathering's step stays");
}
