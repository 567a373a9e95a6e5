//! The facilitator's cohort tools: the grid, drill-down, CSV export, creating cohorts and
//! managing members — and who may do each.

use chrono::NaiveDate;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use kursbro_server::store::{self, testing};

use crate::helpers::*;

const AUTUMN: &str = "Helseinformatikk høsten 2026";

async fn autumn_id(app: &TestApp, client: &Client) -> i64 {
    let page: Value = app
        .get(client, "/api/v1/cohorts")
        .await
        .json()
        .await
        .unwrap();
    page["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == AUTUMN)
        .expect("autumn cohort")["id"]
        .as_i64()
        .unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app.user_id(email).await
}

/// What an untouched required module shows on a given day (the cohort began 2026-09-01).
fn untouched_required() -> &'static str {
    let flagged_from = NaiveDate::from_ymd_opt(2026, 9, 29).unwrap();
    if chrono::Utc::now().date_naive() >= flagged_from {
        "overdue"
    } else {
        "not_started"
    }
}

#[tokio::test]
async fn the_grid_shows_every_learner_and_module_with_a_summary() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    let res = app.get(&marte, &format!("/api/v1/cohorts/{id}/grid")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let grid: Value = res.json().await.unwrap();
    let modules: Vec<&str> = grid["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        modules,
        vec![
            "personvern-og-informasjonssikkerhet",
            "digitale-helsetjenester",
            "brukermedvirkning",
            "helsedata-og-informatikk"
        ]
    );
    let names: Vec<&str> = grid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["Aisha Rahman", "Ingrid Berg", "Kari Nordmann", "Ola Hansen"]
    );

    let ingrid = &grid["rows"][1];
    assert_eq!(ingrid["cells"][0], json!({ "state": "completed" }));
    assert_eq!(ingrid["cells"][1], json!({ "state": untouched_required() }));
    assert_eq!(
        ingrid["cells"][3],
        json!({ "state": "in_progress", "percent": 16 })
    );
    // 5 of 17 steps: the demo's last module has two mandatory gatherings besides its four
    // activities.
    assert_eq!(ingrid["overall_percent"], 29);
    assert!(ingrid["last_activity_at"].is_string());
    let kari = &grid["rows"][2];
    assert_eq!(
        kari["cells"][3],
        json!({ "state": "in_progress", "percent": 33 })
    );
    assert!(
        grid["rows"][0]["last_activity_at"].is_null(),
        "Aisha has done nothing yet"
    );

    assert_eq!(grid["summary"]["learners"], 4);
    assert_eq!(grid["summary"]["completed_per_module"], json!([1, 0, 0, 0]));
    assert_eq!(grid["summary"]["median_percent"], 5); // 0, 0, 11, 29
    let chart = grid["summary"]["completions_over_time"].as_array().unwrap();
    assert!(!chart.is_empty());
    assert_eq!(chart.last().unwrap()["completions"], 1);
}

#[tokio::test]
async fn only_the_cohorts_facilitators_and_admins_see_its_grid_drill_down_and_export() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    let ingrid = user_id(&app, "ingrid.berg@demo.kursbro.no").await;
    let paths = [
        format!("/api/v1/cohorts/{id}/grid"),
        format!("/api/v1/cohorts/{id}/grid.csv"),
        format!(
            "/api/v1/cohorts/{id}/learners/{ingrid}/modules/personvern-og-informasjonssikkerhet"
        ),
        format!("/api/v1/cohorts/{id}/members"),
        format!("/api/v1/cohorts/{id}/candidates"),
    ];
    for email in [
        FACILITATOR_2,
        LEARNER,
        "ingrid.berg@demo.kursbro.no",
        LEADER,
    ] {
        let client = app.signed_in(email).await;
        for path in &paths {
            assert_error(
                app.get(&client, path).await,
                StatusCode::NOT_FOUND,
                "not_found",
            )
            .await;
        }
        let res = app
            .post_json(
                &client,
                &format!("/api/v1/cohorts/{id}/members"),
                &json!({ "user_id": ingrid, "role": "learner" }),
            )
            .await;
        assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    }
    for path in &paths {
        assert_error(
            app.get(&app.client(), path).await,
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
        )
        .await;
        assert_eq!(
            app.get(&marte, path).await.status(),
            StatusCode::OK,
            "{path}"
        );
    }
    let admin = app.signed_in(ADMIN).await;
    assert_eq!(app.get(&admin, &paths[0]).await.status(), StatusCode::OK);
    assert_error(
        app.get(&marte, "/api/v1/cohorts/999999/grid").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&marte, "/api/v1/cohorts/abc/grid").await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
    )
    .await;
}

#[tokio::test]
async fn the_drill_down_shows_dates_scores_and_reflections() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    let ingrid = user_id(&app, "ingrid.berg@demo.kursbro.no").await;
    let d: Value = app
        .get(&marte, &format!("/api/v1/cohorts/{id}/learners/{ingrid}/modules/personvern-og-informasjonssikkerhet"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["learner_name"], "Ingrid Berg");
    let acts = d["activities"].as_array().unwrap();
    assert_eq!(acts.len(), 4);
    assert!(acts.iter().all(|a| a["completed_at"].is_string()));
    assert_eq!(acts[2]["quiz"]["best_percent"], 100);
    assert!(acts[3]["reflection"]["text"]
        .as_str()
        .unwrap()
        .contains("fastlegen"));

    // Not a learner of this cohort (Per is in the spring cohort), or not a programme module.
    let per = user_id(&app, "per.olsen@demo.kursbro.no").await;
    let res = app
        .get(
            &marte,
            &format!("/api/v1/cohorts/{id}/learners/{per}/modules/brukermedvirkning"),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let res = app
        .get(
            &marte,
            &format!("/api/v1/cohorts/{id}/learners/{ingrid}/modules/smittevern"),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
}

fn parse_csv(bytes: &[u8], sep: u8) -> Vec<Vec<String>> {
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "starts with a byte-order mark"
    );
    let mut r = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_csv_export_round_trips_norwegian_letters() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    testing::rename_user(
        &app.db,
        "ola.hansen@demo.kursbro.no",
        "Ærlige Øyvind Åsheim",
    )
    .await
    .unwrap();

    let res = app
        .get(&marte, &format!("/api/v1/cohorts/{id}/grid.csv"))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(&format!("kull-{id}.csv")));
    let rows = parse_csv(&res.bytes().await.unwrap(), b';');
    assert_eq!(
        &rows[0][..4],
        ["Deltaker", "E-post", "Samlet fremdrift (%)", "Sist aktiv"]
    );
    assert_eq!(rows[0][7], "Helsedata, journalsystemer og informatikk");
    assert_eq!(rows.len(), 5);
    let ingrid = rows.iter().find(|r| r[0] == "Ingrid Berg").unwrap();
    assert_eq!(ingrid[4], "Fullført");
    assert_eq!(ingrid[7], "Påbegynt 16 %");
    assert!(
        rows.iter().any(|r| r[0] == "Ærlige Øyvind Åsheim"),
        "æøå survive the round trip"
    );

    let res = app
        .get(
            &marte,
            &format!("/api/v1/cohorts/{id}/grid.csv?separator=comma&lang=en"),
        )
        .await;
    let rows = parse_csv(&res.bytes().await.unwrap(), b',');
    assert_eq!(rows[0][0], "Learner");
    assert_eq!(rows[0][7], "Helsedata, journalsystemer og informatikk");
    assert_eq!(
        rows.iter().find(|r| r[0] == "Ingrid Berg").unwrap()[4],
        "Completed"
    );

    for q in ["separator=tab", "lang=de"] {
        let res = app
            .get(&marte, &format!("/api/v1/cohorts/{id}/grid.csv?{q}"))
            .await;
        assert!(res.status().is_client_error(), "{q}");
        let body: Value = res.json().await.unwrap();
        assert!(body["error"]["message"].as_str().unwrap().len() > 10);
    }
}

#[tokio::test]
async fn facilitators_create_cohorts_and_manage_members() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let body = json!({ "name": "Helseinformatikk høsten 2027", "programme": "helseinformatikk-og-digitalisering", "starts_on": "2027-08-23" });
    let res = app.post_json(&marte, "/api/v1/cohorts", &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: Value = res.json().await.unwrap();
    assert_eq!(created["facilitators"], json!(["Marte Lie"]));
    assert_eq!(created["organisation"]["name"], "Høgskolen på Fjellstad");
    let id = created["id"].as_i64().unwrap();

    for email in [LEARNER, LEADER] {
        let client = app.signed_in(email).await;
        assert_error(
            app.post_json(&client, "/api/v1/cohorts", &body).await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }
    let res = app.post_json(&marte, "/api/v1/cohorts", &json!({ "name": "  ", "programme": "helseinformatikk-og-digitalisering", "starts_on": "2027-08-23" })).await;
    assert_eq!(
        assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await["error"]["field"],
        "name"
    );
    let res = app.post_json(&marte, "/api/v1/cohorts", &json!({ "name": "x".repeat(121), "programme": "helseinformatikk-og-digitalisering", "starts_on": "2027-08-23" })).await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    let res = app
        .post_json(
            &marte,
            "/api/v1/cohorts",
            &json!({ "name": "X", "programme": "finnes-ikke", "starts_on": "2027-08-23" }),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let res = app.post_json(&marte, "/api/v1/cohorts", &json!({ "name": "X", "programme": "helseinformatikk-og-digitalisering", "starts_on": "31.12.2027" })).await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;

    // Candidates: people of the cohort's organisation, found by any part of the name.
    testing::rename_user(&app.db, "nora.haugen@demo.kursbro.no", "Nora Ødegård")
        .await
        .unwrap();
    let found: Vec<Value> = app
        .get(
            &marte,
            &format!("/api/v1/cohorts/{id}/candidates?q=%C3%B8deg%C3%A5rd"),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["name"], "Nora Ødegård");
    let nora = found[0]["id"].as_i64().unwrap();
    let all: Vec<Value> = app
        .get(&marte, &format!("/api/v1/cohorts/{id}/candidates"))
        .await
        .json()
        .await
        .unwrap();
    assert!(all
        .iter()
        .all(|u| u["organisation"]["name"] == "Høgskolen på Fjellstad"));
    assert!(
        all.iter().all(|u| u["name"] != "Marte Lie"),
        "members are not candidates"
    );

    let members = format!("/api/v1/cohorts/{id}/members");
    let add = |user_id: i64, role: &str| json!({ "user_id": user_id, "role": role });
    assert_eq!(
        app.post_json(&marte, &members, &add(nora, "learner"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.post_json(&marte, &members, &add(nora, "learner"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    // A number with no fractional part is an integer (JSON Schema's rule, and so the
    // OpenAPI document's); a fraction is refused, naming the field.
    assert_eq!(
        app.post_json(
            &marte,
            &members,
            &json!({ "user_id": nora as f64, "role": "learner" })
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    let err = assert_error(
        app.post_json(
            &marte,
            &members,
            &json!({ "user_id": nora as f64 + 0.5, "role": "learner" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("user_id: invalid type"),
        "{err}"
    );
    // Someone of another organisation gets the same answer as an unknown id: whether an
    // id exists elsewhere is not the facilitator's to learn.
    let kari = user_id(&app, LEARNER).await;
    assert_error(
        app.post_json(&marte, &members, &add(kari, "learner")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let emil = user_id(&app, "emil.johansen@demo.kursbro.no").await;
    let err = assert_error(
        app.post_json(&marte, &members, &add(emil, "facilitator"))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(err["error"]["field"], "role");
    assert_error(
        app.post_json(&marte, &members, &add(123456, "learner"))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    let grid: Value = app
        .get(&marte, &format!("/api/v1/cohorts/{id}/grid"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(grid["rows"][0]["name"], "Nora Ødegård");

    // A co-facilitator; then the first facilitator can leave, but the last one cannot.
    let even = user_id(&app, FACILITATOR_2).await;
    assert_eq!(
        app.post_json(&marte, &members, &add(even, "facilitator"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_error(
        app.post_json(&marte, &members, &add(even, "learner")).await,
        StatusCode::CONFLICT,
        "member_has_other_role",
    )
    .await;
    let even_client = app.signed_in(FACILITATOR_2).await;
    assert_eq!(
        app.get(&even_client, &format!("/api/v1/cohorts/{id}/grid"))
            .await
            .status(),
        StatusCode::OK
    );
    let marte_id = user_id(&app, FACILITATOR).await;
    let res = marte
        .delete(app.url(&format!("{members}/{marte_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(
        app.get(&marte, &format!("/api/v1/cohorts/{id}/grid")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = even_client
        .delete(app.url(&format!("{members}/{even}")))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::CONFLICT, "last_facilitator").await;
    let res = even_client
        .delete(app.url(&format!("{members}/{nora}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let list: Value = app.get(&even_client, &members).await.json().await.unwrap();
    assert_eq!(list["members"].as_array().unwrap().len(), 1);
    assert_eq!(list["matching"], 1);
}

#[tokio::test]
async fn a_cohorts_members_come_a_page_at_a_time_and_are_searched_in_the_database() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    let members = format!("/api/v1/cohorts/{id}/members");
    let page = |query: String| {
        let (app, marte, members) = (&app, &marte, &members);
        async move {
            let res = app.get(marte, &format!("{members}?{query}")).await;
            assert_eq!(res.status(), StatusCode::OK, "{query}");
            res.json::<Value>().await.unwrap()
        }
    };
    let names = |v: &Value| -> Vec<String> {
        v["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["name"].as_str().unwrap().to_string())
            .collect()
    };
    // Everyone, learners first and each role by name; then the same list two at a time.
    let all = page("limit=100".into()).await;
    let everyone = names(&all);
    let total = all["matching"].as_u64().unwrap() as usize;
    assert_eq!(everyone.len(), total);
    assert!(total >= 3, "the demo cohort has learners and a facilitator");
    let roles: Vec<&str> = all["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    let learners = roles.iter().filter(|r| **r == "learner").count();
    assert!(
        roles[..learners].iter().all(|r| *r == "learner"),
        "{roles:?}"
    );
    assert!(everyone[..learners].is_sorted(), "{everyone:?}");
    let mut paged = Vec::new();
    for offset in (0..total).step_by(2) {
        let p = page(format!("offset={offset}&limit=2")).await;
        assert_eq!(p["offset"], offset);
        assert_eq!(p["matching"], total);
        paged.extend(names(&p));
    }
    assert_eq!(paged, everyone);
    // The default page, and a page past the end.
    assert_eq!(names(&page(String::new()).await).len(), total.min(25));
    let past = page(format!("offset={}", total + 10)).await;
    assert_eq!(past["members"], json!([]));
    assert_eq!(past["matching"], total);
    // Searched on the folded name and address: any case, Norwegian letters, several words.
    let someone = everyone[0].clone();
    let first_word = someone.split_whitespace().next().unwrap().to_uppercase();
    let found = page(format!("q={}", first_word)).await;
    assert!(names(&found).contains(&someone), "{found}");
    assert!(names(&found).len() < total || total == 1);
    let both = someone
        .split_whitespace()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(names(&page(format!("q={both}")).await), vec![someone]);
    let nobody = page("q=ingen%20slik%20person".into()).await;
    assert_eq!(
        (nobody["members"].clone(), nobody["matching"].clone()),
        (json!([]), json!(0))
    );
    // LIKE's wildcards are the person's text, not patterns.
    assert_eq!(page("q=%25".into()).await["matching"], 0);
    // Bad pages and searches are refused, naming the field.
    for (query, field) in [("limit=0", "limit"), ("limit=101", "limit"), ("q=%07", "q")] {
        let err = assert_error(
            app.get(&marte, &format!("{members}?{query}")).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(err["error"]["field"], field, "{query}: {err}");
    }
    let err = assert_error(
        app.get(&marte, &format!("{members}?offset=-1")).await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
    )
    .await;
    assert!(err.to_string().contains("offset"), "{err}");
    let long = "a".repeat(101);
    assert_error(
        app.get(&marte, &format!("{members}?q={long}")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn the_grid_shows_activity_in_the_cohorts_programme_only() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    let kari_id = app.user_id(LEARNER).await;
    let last_active = || async {
        let grid: Value = app
            .get(&marte, &format!("/api/v1/cohorts/{id}/grid"))
            .await
            .json()
            .await
            .unwrap();
        grid["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["learner_id"] == kari_id)
            .expect("Kari is in the autumn cohort")["last_activity_at"]
            .clone()
    };
    let before = last_active().await;
    assert!(before.is_string(), "the demo data has her in the programme");

    // A failed quiz in a mandatory course outside the programme, today.
    let kari = app.signed_in(LEARNER).await;
    let res = app
        .post_json(
            &kari,
            "/api/v1/enrolments",
            &json!({ "module": "hjerte-lunge-redning" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let quiz = activity(&app, "hjerte-lunge-redning", "quiz").await;
    let key = store::catalogue::answer_key(&mut app.db.conn().await.unwrap(), quiz)
        .await
        .unwrap();
    let mut wrong: Vec<Value> = Vec::new();
    for (question, _, option, correct) in key {
        if !correct && !wrong.iter().any(|w| w["question_id"] == question) {
            wrong.push(json!({ "question_id": question, "option_ids": [option] }));
        }
    }
    let event = json!({
        "id": "outside-the-programme-1",
        "occurred_at": chrono::Utc::now().to_rfc3339(),
        "action": { "kind": "quiz_submitted", "activity_id": quiz, "answers": wrong }
    });
    let res = app.post_json(&kari, "/api/v1/events", &event).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        last_active().await,
        before,
        "the cohort sees only its own modules"
    );
}

#[tokio::test]
async fn the_cohort_list_says_what_each_person_may_open() {
    let app = spawn_app().await;
    let access = |list: &[Value], name: &str| {
        list.iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} is listed"))["access"]
            .clone()
    };
    let list_of = |email: &'static str| {
        let app = &app;
        async move {
            let client = app.signed_in(email).await;
            let page: Value = app
                .get(&client, "/api/v1/cohorts")
                .await
                .json()
                .await
                .unwrap();
            page["cohorts"].as_array().unwrap().clone()
        }
    };
    // The facilitator opens her cohort's grid and discussion.
    let marte = list_of(FACILITATOR).await;
    assert_eq!(
        access(&marte, AUTUMN),
        json!({ "grid": true, "discussion": true })
    );
    // A learner reads the discussion, not the grid.
    let kari = list_of(LEARNER).await;
    assert_eq!(
        access(&kari, AUTUMN),
        json!({ "grid": false, "discussion": true })
    );
    // A leader follows their people on the competence dashboard: cohorts they are not a
    // member of are not listed, so the app offers no link that would answer "not found";
    // asked directly, the cohort's pages answer 404.
    let leader = list_of(LEADER).await;
    assert!(leader.is_empty(), "{leader:?}");
    let jonas = app.signed_in(LEADER).await;
    let id = autumn_id(&app, &app.signed_in(FACILITATOR).await).await;
    assert_error(
        app.get(&jonas, &format!("/api/v1/cohorts/{id}/grid")).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&jonas, &format!("/api/v1/discussions/cohorts/{id}/threads"))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // An admin opens everything.
    let admin = list_of(ADMIN).await;
    assert_eq!(
        access(&admin, AUTUMN),
        json!({ "grid": true, "discussion": true })
    );
}

#[tokio::test]
async fn facilitators_see_only_work_done_for_their_cohort_and_learners_see_who_reads_it() {
    let app = spawn_app().await;
    let nora = app.signed_in("nora.haugen@demo.kursbro.no").await;
    let nora_id = app.user_id("nora.haugen@demo.kursbro.no").await;
    let slug = "personvern-og-informasjonssikkerhet";
    // Before any cohort: Nora takes the module on her own and writes a private reflection.
    let res = app
        .post_json(&nora, "/api/v1/enrolments", &json!({ "module": slug }))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let reflection = activity(&app, slug, "reflection").await;
    let reflect = |id: &str, at: String, text: &str| {
        json!({ "id": id, "occurred_at": at,
                "action": { "kind": "reflection_submitted", "activity_id": reflection, "text": text } })
    };
    let before = (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339();
    let res = app
        .post_json(
            &nora,
            "/api/v1/events",
            &reflect("nora-reflection-1", before, "Bare for meg selv."),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let state: Value = app
        .get(&nora, &format!("/api/v1/modules/{slug}/progress"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["readers"], json!([]), "nobody else reads it yet");

    // Then Marte adds her to the autumn cohort, whose programme has the module.
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    let res = app
        .post_json(
            &marte,
            &format!("/api/v1/cohorts/{id}/members"),
            &json!({ "user_id": nora_id, "role": "learner" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let drill = format!("/api/v1/cohorts/{id}/learners/{nora_id}/modules/{slug}");
    let detail: Value = app.get(&marte, &drill).await.json().await.unwrap();
    let activity = |d: &Value| {
        d["activities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == reflection)
            .unwrap()
            .clone()
    };
    assert!(
        activity(&detail)["completed_at"].is_string(),
        "progress is the cohort's to follow"
    );
    assert!(
        activity(&detail)["reflection"].is_null(),
        "what she wrote before joining is not: {detail}"
    );
    // Nora sees who can read her work from now on.
    let state: Value = app
        .get(&nora, &format!("/api/v1/modules/{slug}/progress"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        state["readers"],
        json!([{ "cohort": AUTUMN, "facilitators": ["Marte Lie"] }])
    );
    // What she writes as a member is the cohort's to read.
    let now = chrono::Utc::now().to_rfc3339();
    let res = app
        .post_json(
            &nora,
            "/api/v1/events",
            &reflect("nora-reflection-2", now, "Skrevet i kullet."),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let detail: Value = app.get(&marte, &drill).await.json().await.unwrap();
    assert_eq!(activity(&detail)["reflection"]["text"], "Skrevet i kullet.");
}

#[tokio::test]
async fn new_activity_shows_in_the_grid() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let id = autumn_id(&app, &marte).await;
    let ola_id = app.user_id("ola.hansen@demo.kursbro.no").await;
    let slug = "personvern-og-informasjonssikkerhet";
    let cell = || async {
        let grid: Value = app
            .get(&marte, &format!("/api/v1/cohorts/{id}/grid"))
            .await
            .json()
            .await
            .unwrap();
        let column = grid["modules"]
            .as_array()
            .unwrap()
            .iter()
            .position(|m| m["slug"] == slug)
            .unwrap();
        let row = grid["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["learner_id"] == ola_id)
            .unwrap()
            .clone();
        (row["cells"][column].clone(), row["overall_percent"].clone())
    };
    let (before, overall_before) = cell().await;
    assert_ne!(before["state"], "in_progress", "{before}");
    assert_eq!(overall_before, 0);

    let ola = app.signed_in("ola.hansen@demo.kursbro.no").await;
    let lesson = activity(&app, slug, "lesson").await;
    let res = app
        .post_json(
            &ola,
            "/api/v1/events",
            &json!({ "id": "ola-grid-1", "occurred_at": chrono::Utc::now().to_rfc3339(),
                     "action": { "kind": "lesson_completed", "activity_id": lesson } }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (after, overall_after) = cell().await;
    assert_eq!(after, json!({ "state": "in_progress", "percent": 25 }));
    assert!(overall_after.as_u64().unwrap() > 0);
}

#[tokio::test]
async fn a_learner_is_told_once_when_added_to_a_cohort_and_by_whom_they_are_followed() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let nora = app.signed_in("nora.haugen@demo.kursbro.no").await;
    let emil = app.signed_in("emil.johansen@demo.kursbro.no").await;
    let notices = |client: Client| {
        let app = &app;
        async move {
            let res = app.get(&client, "/api/v1/me/cohort-notices").await;
            assert_eq!(res.status(), StatusCode::OK);
            res.json::<Vec<Value>>().await.unwrap()
        }
    };
    let before = notices(nora.clone()).await.len();

    let body = json!({ "name": "Varsel-kullet", "programme": "helseinformatikk-og-digitalisering", "starts_on": "2027-01-10" });
    let created: Value = app
        .post_json(&marte, "/api/v1/cohorts", &body)
        .await
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    let nora_id = user_id(&app, "nora.haugen@demo.kursbro.no").await;
    let res = app
        .post_json(
            &marte,
            &format!("/api/v1/cohorts/{id}/members"),
            &json!({ "user_id": nora_id, "role": "learner" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // Nora is told: which cohort, whose, which programme, who follows her work, since when.
    let told = notices(nora.clone()).await;
    assert_eq!(told.len(), before + 1);
    let notice = told.iter().find(|n| n["cohort_id"] == id).unwrap();
    assert_eq!(notice["cohort"], "Varsel-kullet");
    assert_eq!(notice["organisation"], "Høgskolen på Fjellstad");
    assert_eq!(
        notice["programme"]["slug"],
        "helseinformatikk-og-digitalisering"
    );
    assert_eq!(notice["facilitators"], json!(["Marte Lie"]));
    assert!(notice["added_at"].is_string());
    // Nobody else is told about her membership, and the facilitator is not told about
    // her own cohort.
    assert!(notices(emil.clone())
        .await
        .iter()
        .all(|n| n["cohort_id"] != id));
    assert!(notices(marte.clone())
        .await
        .iter()
        .all(|n| n["cohort_id"] != id));

    // Once acknowledged, the notice is gone; saying so twice is fine.
    let seen = format!("/api/v1/me/cohort-notices/{id}/seen");
    for _ in 0..2 {
        let res = nora.post(app.url(&seen)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
    }
    assert!(notices(nora.clone())
        .await
        .iter()
        .all(|n| n["cohort_id"] != id));
    // Not a learner there: 404 (for the facilitator and for a stranger alike).
    for client in [&emil, &marte] {
        let res = client.post(app.url(&seen)).send().await.unwrap();
        assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    }
    // Removed and added again: told again.
    let res = marte
        .delete(app.url(&format!("/api/v1/cohorts/{id}/members/{nora_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    app.post_json(
        &marte,
        &format!("/api/v1/cohorts/{id}/members"),
        &json!({ "user_id": nora_id, "role": "learner" }),
    )
    .await;
    assert!(notices(nora.clone())
        .await
        .iter()
        .any(|n| n["cohort_id"] == id));
}

/// Candidates are searched in the database: the organisation's people walked by name on
/// their index until the page is full, not every person read and sorted.
#[tokio::test]
async fn a_candidate_search_walks_the_organisations_people_by_name() {
    let app = spawn_app().await;
    let Some(plan) = testing::candidates_plan(&app.db).await.unwrap() else {
        return; // PostgreSQL chooses by its statistics; SQLite's plan is fixed.
    };
    assert!(
        plan.iter()
            .any(|step| step.contains("users_organisation_name")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step.contains("TEMP B-TREE")),
        "no sorting of all the people: {plan:?}"
    );
}

#[tokio::test]
async fn the_cohort_list_comes_a_page_at_a_time_newest_first() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    // Marte's demo cohort and five new ones, starting a month apart, and two twins (the same
    // name and day) between the third and the fourth: they tie on the list's order, and a
    // page of three ends between them.
    let create = |name: String, starts_on: String| {
        let (app, marte) = (&app, &marte);
        async move {
            let body = json!({
                "name": name,
                "programme": "helseinformatikk-og-digitalisering",
                "starts_on": starts_on,
            });
            let res = app.post_json(marte, "/api/v1/cohorts", &body).await;
            assert_eq!(res.status(), StatusCode::CREATED);
            res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
        }
    };
    for month in 1..=5 {
        create(format!("Kull {month}"), format!("2028-{month:02}-01")).await;
    }
    create("Tvilling".into(), "2028-03-15".into()).await;
    let twin = create("Tvilling".into(), "2028-03-15".into()).await;
    // The second twin has a co-facilitator.
    let even_id = user_id(&app, FACILITATOR_2).await;
    let res = app
        .post_json(
            &marte,
            &format!("/api/v1/cohorts/{twin}/members"),
            &json!({ "user_id": even_id, "role": "facilitator" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let page = |query: String| {
        let (app, marte) = (&app, &marte);
        async move {
            let res = app.get(marte, &format!("/api/v1/cohorts?{query}")).await;
            assert_eq!(res.status(), StatusCode::OK, "{query}");
            res.json::<Value>().await.unwrap()
        }
    };
    let all = page(String::new()).await;
    assert_eq!(all["matching"], 8);
    let everyone: Vec<Value> = all["cohorts"].as_array().unwrap().clone();
    let names: Vec<&str> = everyone
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Kull 5", "Kull 4", "Tvilling", "Tvilling", "Kull 3", "Kull 2", "Kull 1", AUTUMN],
        "newest first"
    );
    let facilitators = |c: &Value| {
        if c["id"] == twin {
            json!(["Even Strand", "Marte Lie"])
        } else {
            json!(["Marte Lie"])
        }
    };
    assert!(everyone
        .iter()
        .all(|c| c["facilitators"] == facilitators(c)));
    // Three at a time (the twins fall on two pages): the same cohorts in the same order,
    // each with its own facilitators and learner count.
    let mut paged = Vec::new();
    for offset in [0, 3, 6] {
        let p = page(format!("offset={offset}&limit=3")).await;
        assert_eq!(
            (p["offset"].clone(), p["matching"].clone()),
            (json!(offset), json!(8))
        );
        paged.extend(p["cohorts"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(paged, everyone);
    assert_eq!(paged[7]["learner_count"], 4);
    assert_eq!(page("offset=8".into()).await["cohorts"], json!([]));
    // Even sees only his own: his demo cohort and the twin he co-facilitates.
    let even = app.signed_in(FACILITATOR_2).await;
    let theirs: Value = app
        .get(&even, "/api/v1/cohorts")
        .await
        .json()
        .await
        .unwrap();
    let theirs: Vec<&str> = theirs["cohorts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(theirs, ["Tvilling", "Helseinformatikk våren 2027"]);
    for query in ["limit=0", "limit=101"] {
        let err = assert_error(
            app.get(&marte, &format!("/api/v1/cohorts?{query}")).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(err["error"]["field"], "limit", "{query}");
    }
}
