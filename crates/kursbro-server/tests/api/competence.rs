//! Competence plans: "Mine krav", the leader's dashboard and who may see it, moving a
//! person, external completions, the CSV. The demo data is the fixture (Nordvik kommune:
//! Helse og omsorg led by Jonas, with Hjemmetjenesten nord led by Line and Hjemmetjenesten
//! sør below it).

use chrono::Utc;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use kursbro_server::store;

use crate::helpers::*;

const LINE: &str = "line.dahl@demo.kursbro.no";
const MAGNUS: &str = "magnus.eide@demo.kursbro.no";
const AISHA: &str = "aisha.rahman@demo.kursbro.no";
const NORA: &str = "nora.haugen@demo.kursbro.no";

async fn json_of(app: &TestApp, client: &Client, path: &str) -> Value {
    let res = app.get(client, path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.unwrap()
}

fn colour(status: &Value) -> &'static str {
    match status["status"].as_str().unwrap() {
        "valid" => "green",
        "renewal_open" | "due_soon" | "not_yet_due" => "yellow",
        "overdue" | "expired" => "red",
        "not_applicable" => "none",
        other => panic!("unknown status {other}"),
    }
}

/// (module or programme slug, status) of a person's requirements, in the order given.
fn statuses(compliance: &Value) -> Vec<(String, Value)> {
    compliance["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (target_slug(&r["requirement"]), r["status"].clone()))
        .collect()
}

/// The slug of the module or programme a requirement asks for.
fn target_slug(requirement: &Value) -> String {
    let target = match requirement.get("programme") {
        Some(p) => p,
        None => &requirement["module"],
    };
    target["slug"].as_str().unwrap().to_string()
}

fn unit_id(dashboard: &Value, name: &str) -> i64 {
    dashboard["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("unit {name}"))["id"]
        .as_i64()
        .unwrap()
}

fn person_ids(dashboard: &Value) -> Vec<i64> {
    dashboard["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_learner_sees_every_requirement_for_her_red_first() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let mine = json_of(&app, &kari, "/api/v1/me/requirements").await;
    assert_eq!(mine["person"]["name"], "Kari Nordmann");
    let items = statuses(&mine);
    let slugs: Vec<&str> = items.iter().map(|(s, _)| s.as_str()).collect();
    // Two central plans (one for nurses: she is one) and her unit's own plan.
    for slug in [
        "hjerte-lunge-redning",
        "smittevern",
        "legemiddelhandtering",
        "personvern-og-informasjonssikkerhet",
    ] {
        assert!(slugs.contains(&slug), "{slug} in {slugs:?}");
    }
    let colours: Vec<&str> = items.iter().map(|(_, s)| colour(s)).collect();
    let mut sorted = colours.clone();
    sorted.sort_by_key(|c| {
        ["red", "yellow", "green", "none"]
            .iter()
            .position(|x| x == c)
    });
    assert_eq!(colours, sorted, "red first");
    assert_eq!(
        colours[0], "red",
        "she has done none of it and joined two years ago"
    );
    let plan = &mine["requirements"][0]["requirement"]["plan"];
    assert!(plan["name"].is_string(), "each requirement names its plan");

    // Aisha is a health worker: the nurses' plan lists medication handling as not
    // applicable; the north district's own plan does not list her at all (she is in sør).
    let aisha = app.signed_in(AISHA).await;
    let items = statuses(&json_of(&app, &aisha, "/api/v1/me/requirements").await);
    let med = items
        .iter()
        .find(|(s, _)| s == "legemiddelhandtering")
        .expect("listed");
    assert_eq!(med.1["status"], "not_applicable");
    assert_eq!(
        items.last().unwrap().0,
        "legemiddelhandtering",
        "not applicable last"
    );
    assert!(!items
        .iter()
        .any(|(s, _)| s == "personvern-og-informasjonssikkerhet"));

    // Someone whose organisation has no plans has no requirements.
    let nora = app.signed_in(NORA).await;
    let none = json_of(&app, &nora, "/api/v1/me/requirements").await;
    assert_eq!(none["requirements"], json!([]));
}

#[tokio::test]
async fn a_leader_sees_their_units_and_below_and_nobody_else() {
    let app = spawn_app().await;
    let jonas = app.signed_in(LEADER).await;
    let all = json_of(&app, &jonas, "/api/v1/leader/dashboard").await;
    assert_eq!(all["unit"]["name"], "Helse og omsorg");
    let north = unit_id(&all, "Hjemmetjenesten nord");
    let south = unit_id(&all, "Hjemmetjenesten sør");
    let top = all["unit"]["id"].as_i64().unwrap();
    let kari = app.user_id(LEARNER).await;
    let aisha = app.user_id(AISHA).await;
    assert!(person_ids(&all).contains(&kari) && person_ids(&all).contains(&aisha));
    // Every status there is, so the dashboard tells a story on the first sign-in.
    let cells: Vec<&'static str> = all["people"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["cells"].as_array().unwrap().iter())
        .filter(|c| !c.is_null())
        .map(colour)
        .collect();
    for c in ["green", "yellow", "red", "none"] {
        assert!(cells.contains(&c), "{c} among {cells:?}");
    }
    // Each row has one cell per requirement column.
    let columns = all["requirements"].as_array().unwrap().len();
    assert!(all["people"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["cells"].as_array().unwrap().len() == columns));

    // Line leads the north district only: not its sibling, not its parent.
    let line = app.signed_in(LINE).await;
    let hers = json_of(&app, &line, "/api/v1/leader/dashboard").await;
    assert_eq!(hers["unit"]["id"], north);
    assert!(person_ids(&hers).contains(&kari));
    assert!(!person_ids(&hers).contains(&aisha));
    for unit in [south, top] {
        assert_error(
            app.get(&line, &format!("/api/v1/leader/dashboard?unit={unit}"))
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    assert_error(
        app.get(&line, &format!("/api/v1/leader/people/{aisha}"))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let drill = json_of(&app, &line, &format!("/api/v1/leader/people/{kari}")).await;
    assert_eq!(drill["person"]["name"], "Kari Nordmann");

    // The dashboard's cell and the person's own page are the same rule.
    let kari_client = app.signed_in(LEARNER).await;
    let own = json_of(&app, &kari_client, "/api/v1/me/requirements").await;
    let row = hers["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == kari)
        .unwrap();
    for (i, r) in hers["requirements"].as_array().unwrap().iter().enumerate() {
        let mine = own["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["requirement"]["id"] == r["id"])
            .expect("the same requirement");
        assert_eq!(row["cells"][i], mine["status"]);
    }

    // A learner leads nothing; a leader of another organisation cannot open this one.
    let kari_dash = app.get(&kari_client, "/api/v1/leader/dashboard").await;
    assert_error(kari_dash, StatusCode::NOT_FOUND, "not_found").await;
    let hanne = app.signed_in("hanne.lund@demo.kursbro.no").await;
    assert_error(
        app.get(&hanne, &format!("/api/v1/leader/dashboard?unit={north}"))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        app.get(&hanne, &format!("/api/v1/leader/people/{kari}"))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn the_dashboard_filters_pages_and_rolls_up_on_the_server() {
    let app = spawn_app().await;
    let jonas = app.signed_in(LEADER).await;
    let all = json_of(&app, &jonas, "/api/v1/leader/dashboard").await;
    let everyone = all["matching"].as_u64().unwrap();
    assert_eq!(all["people"].as_array().unwrap().len() as u64, everyone);
    let s = &all["summary"];
    assert_eq!(
        s["green"].as_u64().unwrap() + s["yellow"].as_u64().unwrap() + s["red"].as_u64().unwrap(),
        everyone,
        "each person counted once, by their worst status"
    );
    assert_eq!(
        all["by_requirement"].as_array().unwrap().len(),
        all["requirements"].as_array().unwrap().len()
    );
    let units: Vec<i64> = all["by_unit"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit_id"].as_i64().unwrap())
        .collect();
    assert!(units.contains(&unit_id(&all, "Hjemmetjenesten nord")));

    // Red only: everyone listed has a red cell, and they are the summary's red ones.
    let red = json_of(&app, &jonas, "/api/v1/leader/dashboard?status=red").await;
    assert_eq!(red["matching"], s["red"]);
    assert_eq!(
        red["summary"], all["summary"],
        "the status filter is for the table only"
    );
    for p in red["people"].as_array().unwrap() {
        assert!(
            p["cells"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| !c.is_null() && colour(c) == "red"),
            "{p}"
        );
    }
    // One profession: the summary counts only them.
    let hfa = json_of(
        &app,
        &jonas,
        "/api/v1/leader/dashboard?profession=Helsefagarbeider",
    )
    .await;
    assert!(hfa["people"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["profession"] == "Helsefagarbeider"));
    let counted = &hfa["summary"];
    assert_eq!(
        counted["green"].as_u64().unwrap()
            + counted["yellow"].as_u64().unwrap()
            + counted["red"].as_u64().unwrap(),
        hfa["matching"].as_u64().unwrap()
    );
    assert!(hfa["matching"].as_u64().unwrap() < everyone);
    assert!(all["professions"]
        .as_array()
        .unwrap()
        .contains(&json!("Helsefagarbeider")));

    // Pages, by name.
    let second = json_of(&app, &jonas, "/api/v1/leader/dashboard?limit=1&offset=1").await;
    assert_eq!(second["people"].as_array().unwrap().len(), 1);
    assert_eq!(second["people"][0]["id"], all["people"][1]["id"]);
    assert_eq!(second["matching"], all["matching"]);
    let err = assert_error(
        app.get(&jonas, "/api/v1/leader/dashboard?limit=201").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(err["error"]["field"], "limit");
    let err = assert_error(
        app.get(&jonas, "/api/v1/leader/dashboard?status=purple")
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_body",
    )
    .await;
    assert!(
        err["error"]["message"].as_str().unwrap().contains("status"),
        "{err}"
    );
}

#[tokio::test]
async fn a_person_moved_to_another_unit_is_followed_by_its_leaders() {
    let app = spawn_app().await;
    let jonas = app.signed_in(LEADER).await;
    let all = json_of(&app, &jonas, "/api/v1/leader/dashboard").await;
    let north = unit_id(&all, "Hjemmetjenesten nord");
    let aisha = app.user_id(AISHA).await;
    let line = app.signed_in(LINE).await;
    let path = format!("/api/v1/leader/people/{aisha}");
    assert_eq!(app.get(&line, &path).await.status(), StatusCode::NOT_FOUND);

    // Only admins move people.
    let put = |client: &Client, id: i64, body: Value| {
        client
            .put(app.url(&format!("/api/v1/users/{id}/unit")))
            .json(&body)
            .send()
    };
    assert_error(
        put(&jonas, aisha, json!({ "unit_id": north }))
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let admin = app.signed_in(ADMIN).await;
    let hanne = app.user_id("hanne.lund@demo.kursbro.no").await;
    let other_org_unit = json_of(
        &app,
        &app.signed_in("hanne.lund@demo.kursbro.no").await,
        "/api/v1/leader/dashboard",
    )
    .await["unit"]["id"]
        .as_i64()
        .unwrap();
    let err = assert_error(
        put(&admin, aisha, json!({ "unit_id": other_org_unit }))
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(err["error"]["field"], "unit_id");
    assert!(hanne > 0);

    let res = put(&admin, aisha, json!({ "unit_id": north }))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let drill = json_of(&app, &line, &path).await;
    assert_eq!(drill["person"]["unit"]["name"], "Hjemmetjenesten nord");
    // She now has the north district's own requirement, due from the day she joined it.
    assert!(statuses(&drill)
        .iter()
        .any(|(s, _)| s == "personvern-og-informasjonssikkerhet"));
    let hers = json_of(&app, &line, "/api/v1/leader/dashboard").await;
    assert!(person_ids(&hers).contains(&aisha));
    // Jonas leads the unit above both: he still sees her.
    assert_eq!(app.get(&jonas, &path).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_leader_approves_a_completion_made_elsewhere() {
    let app = spawn_app().await;
    let jonas = app.signed_in(LEADER).await;
    let magnus = app.user_id(MAGNUS).await;
    let path = format!("/api/v1/leader/people/{magnus}");
    let before = json_of(&app, &jonas, &path).await;
    let cpr = |c: &Value| {
        statuses(c)
            .into_iter()
            .find(|(s, _)| s == "hjerte-lunge-redning")
            .unwrap()
            .1
    };
    assert_eq!(
        cpr(&before)["status"],
        "expired",
        "done 400 days ago, valid 12 months"
    );

    let approve = format!("{path}/external-completions");
    let today = Utc::now().date_naive();
    // Bad input: each refused with the field named, nothing stored.
    let tomorrow = today.succ_opt().unwrap().to_string();
    for (body, field) in [
        (
            json!({ "module": "hjerte-lunge-redning", "completed_on": tomorrow, "note": "HLR" }),
            "completed_on",
        ),
        (
            json!({ "module": "hjerte-lunge-redning", "completed_on": today, "note": " " }),
            "note",
        ),
        (
            json!({ "module": "digitale-helsetjenester", "completed_on": today, "note": "x" }),
            "module",
        ),
    ] {
        let err = assert_error(
            app.post_json(&jonas, &approve, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(err["error"]["field"], field, "{body}");
    }
    // Someone who does not lead him cannot approve anything for him.
    let body = json!({
        "module": "hjerte-lunge-redning",
        "completed_on": today,
        "note": "Praktisk HLR-trening med instruktør, 2 timer"
    });
    let line = app.signed_in(LINE).await;
    assert_error(
        app.post_json(&line, &approve, &body).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let magnus_client = app.signed_in(MAGNUS).await;
    assert_error(
        app.post_json(&magnus_client, &approve, &body).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        json_of(&app, &jonas, &path).await,
        before,
        "nothing stored by a refused request"
    );

    let res = app.post_json(&jonas, &approve, &body).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let after: Value = res.json().await.unwrap();
    assert_eq!(cpr(&after)["status"], "valid");
    // The learner sees who approved what, and when; the old completion stays in history.
    let own = json_of(&app, &magnus_client, "/api/v1/me/requirements").await;
    let item = own["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["requirement"]["module"]["slug"] == "hjerte-lunge-redning")
        .unwrap();
    let last = &item["last_completion"];
    assert_eq!(last["source"], "external");
    assert_eq!(last["approved_by"], "Jonas Bakke");
    assert_eq!(last["approved_on"], today.to_string());
    assert_eq!(last["note"], "Praktisk HLR-trening med instruktør, 2 timer");
    let cpr_history: Vec<&Value> = own["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["module"]["slug"] == "hjerte-lunge-redning")
        .collect();
    assert_eq!(cpr_history.len(), 2, "{cpr_history:?}");
    assert_eq!(cpr_history[1]["source"], "kursbro");
}

#[tokio::test]
async fn the_dashboard_exports_as_csv_in_words() {
    let app = spawn_app().await;
    let jonas = app.signed_in(LEADER).await;
    let res = app.get(&jonas, "/api/v1/leader/dashboard.csv").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let body = res.text().await.unwrap();
    assert!(body.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let mut lines = body.trim_start_matches('\u{feff}').lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("Navn;Enhet;Yrke;"), "{header}");
    assert!(
        header.contains("Hjerte-lunge-redning (HLR) (Obligatorisk opplæring)"),
        "{header}"
    );
    let magnus = lines.find(|l| l.starts_with("Magnus Eide;")).unwrap();
    assert!(
        magnus.contains(";Hjemmetjenesten sør;Sykepleier;"),
        "{magnus}"
    );
    assert!(magnus.contains("Utløpt "), "{magnus}");
    assert!(body.contains("Ikke aktuelt"));

    let en = app
        .get(
            &jonas,
            "/api/v1/leader/dashboard.csv?lang=en&separator=comma",
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(en
        .trim_start_matches('\u{feff}')
        .starts_with("Name,Unit,Profession,"));
    assert!(en.contains("Expired "));
    let learner = app.signed_in(LEARNER).await;
    assert_error(
        app.get(&learner, "/api/v1/leader/dashboard.csv").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

/// The status of Magnus's CPR requirement in the leader's dashboard.
async fn cpr_cell(app: &TestApp, jonas: &Client, magnus: i64) -> Value {
    let all = json_of(app, jonas, "/api/v1/leader/dashboard").await;
    let column = all["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["module"]["slug"] == "hjerte-lunge-redning")
        .unwrap();
    let person = all["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == magnus)
        .unwrap()
        .clone();
    person["cells"][column].clone()
}

#[tokio::test]
async fn a_learner_renews_by_taking_the_module_again_and_keeps_the_old_completion() {
    let app = spawn_app().await;
    const CPR: &str = "hjerte-lunge-redning";
    let start_again = format!("/api/v1/modules/{CPR}/start-again");
    let magnus_id = app.user_id(MAGNUS).await;
    let magnus = app.signed_in(MAGNUS).await;
    let jonas = app.signed_in(LEADER).await;
    let cpr = |c: &Value| {
        c["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["requirement"]["module"]["slug"] == CPR)
            .unwrap()
            .clone()
    };
    let history = |c: &Value| -> Vec<String> {
        c["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["module"]["slug"] == CPR)
            .map(|h| h["completed_on"].as_str().unwrap().to_string())
            .collect()
    };
    // The infection course requires CPR: it stays open while CPR is taken again.
    let infection = store::catalogue::module_id(&app.db, "smittevern", None)
        .await
        .unwrap()
        .unwrap();
    let cpr_id = store::catalogue::module_id(&app.db, CPR, None)
        .await
        .unwrap();
    store::content::set_prerequisite(&mut app.db.conn().await.unwrap(), infection, cpr_id)
        .await
        .unwrap();

    // Done 400 days ago, valid 12 months: expired, and he may take it again.
    let before = json_of(&app, &magnus, "/api/v1/me/requirements").await;
    assert_eq!(cpr(&before)["status"]["status"], "expired");
    assert_eq!(cpr(&before)["may_start_again"], true);
    let old_day = history(&before);
    assert_eq!(old_day.len(), 1);

    // Kari has done nothing of it: nothing to start again. An unknown module is 404.
    let kari = app.signed_in(LEARNER).await;
    let kari_cpr = cpr(&json_of(&app, &kari, "/api/v1/me/requirements").await);
    assert_eq!(kari_cpr["may_start_again"], false);
    let err = assert_error(
        app.post_json(&kari, &start_again, &json!({})).await,
        StatusCode::CONFLICT,
        "renewal_not_open",
    )
    .await;
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("renewal window"));
    assert_error(
        app.post_json(
            &magnus,
            "/api/v1/modules/finnes-ikke/start-again",
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // His phone's clock is behind the server's: it says he did the work before he started
    // the module again.
    let behind = Utc::now().to_rfc3339();
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let res = app.post_json(&magnus, &start_again, &json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // A second tap finds nothing complete to start again.
    assert_error(
        app.post_json(&magnus, &start_again, &json!({})).await,
        StatusCode::CONFLICT,
        "renewal_not_open",
    )
    .await;
    // The module starts afresh; the old completion still counts (it has expired) and stays
    // in the history, for him and for his leader; the infection course is not locked.
    let state = json_of(&app, &magnus, &format!("/api/v1/modules/{CPR}/progress")).await;
    assert_eq!(state["completions"], json!([]));
    assert_eq!(state["enrolled"], true, "taking it again enrols him");
    assert_eq!(
        state["quizzes"],
        json!([]),
        "earlier rounds' quiz attempts do not count"
    );
    let infection_state = json_of(&app, &magnus, "/api/v1/modules/smittevern/progress").await;
    assert!(infection_state["locked_by"].is_null(), "{infection_state}");
    let started = json_of(&app, &magnus, "/api/v1/me/requirements").await;
    assert_eq!(cpr(&started)["status"]["status"], "expired");
    assert_eq!(cpr(&started)["may_start_again"], false);
    assert_eq!(history(&started), old_day);
    let drill = json_of(&app, &jonas, &format!("/api/v1/leader/people/{magnus_id}")).await;
    assert_eq!(history(&drill), old_day);
    assert_eq!(cpr_cell(&app, &jonas, magnus_id).await["status"], "expired");

    // He does it again, his phone's clock behind: the work counts all the same, dated when
    // it arrives, and nobody is told their clock is wrong.
    let module: Value = app
        .get(&app.client(), &format!("/api/v1/modules/{CPR}"))
        .await
        .json()
        .await
        .unwrap();
    for (i, a) in module["activities"].as_array().unwrap().iter().enumerate() {
        let id = a["id"].as_i64().unwrap();
        let action = if a["kind"] == "quiz" {
            json!({ "kind": "quiz_submitted", "activity_id": id, "answers": right_answers(&app, id).await })
        } else {
            json!({ "kind": "lesson_completed", "activity_id": id })
        };
        let event = json!({ "id": format!("renewal-{i}-activity"), "occurred_at": behind, "action": action });
        let res = app.post_json(&magnus, "/api/v1/events", &event).await;
        let status = res.status();
        let receipt: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{receipt}");
        assert_eq!(receipt["clock_adjusted"], false);
    }
    let today = Utc::now().date_naive();
    let renewed = json_of(&app, &magnus, "/api/v1/me/requirements").await;
    let item = cpr(&renewed);
    assert_eq!(item["status"]["status"], "valid");
    let until: chrono::NaiveDate = item["status"]["until"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        until,
        kursbro_shared::training::expires_on(today, Some(12)).unwrap()
    );
    assert_eq!(item["last_completion"]["completed_on"], today.to_string());
    assert_eq!(item["last_completion"]["source"], "kursbro");
    let days = history(&renewed);
    assert_eq!(
        days,
        vec![today.to_string(), old_day[0].clone()],
        "newest first"
    );
    assert_eq!(cpr_cell(&app, &jonas, magnus_id).await["status"], "valid");
}

#[tokio::test]
async fn a_programme_is_required_as_a_whole_and_done_when_its_last_module_is() {
    let app = spawn_app().await;
    const PROGRAMME: &str = "helseinformatikk-og-digitalisering";
    let kari_id = app.user_id(LEARNER).await;
    let kari = app.signed_in(LEARNER).await;
    let jonas = app.signed_in(LEADER).await;
    let path = format!("/api/v1/leader/people/{kari_id}");
    let item = |c: &Value| {
        c["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["requirement"]["programme"]["slug"] == PROGRAMME)
            .expect("the programme is one of her requirements")
            .clone()
    };
    // The north district's nurses take the programme within 540 days; she has started it.
    let mine = json_of(&app, &kari, "/api/v1/me/requirements").await;
    let before = item(&mine);
    assert!(before["requirement"].get("module").is_none(), "{before}");
    assert_eq!(
        before["requirement"]["plan"]["name"],
        "Hjemmetjenesten nord: videreutdanning"
    );
    assert_eq!(before["status"]["status"], "not_yet_due");
    // Aisha (a health worker in the south) is not listed.
    let aisha = app.signed_in(AISHA).await;
    let hers = statuses(&json_of(&app, &aisha, "/api/v1/me/requirements").await);
    assert!(!hers.iter().any(|(s, _)| s == PROGRAMME));

    // Her leader approves its modules, done elsewhere, one by one: three are not enough.
    let today = Utc::now().date_naive();
    let modules = [
        "personvern-og-informasjonssikkerhet",
        "digitale-helsetjenester",
        "brukermedvirkning",
        "helsedata-og-informatikk",
    ];
    let approve = format!("{path}/external-completions");
    for (i, module) in modules.iter().enumerate() {
        let day = today - chrono::Duration::days(40 - 10 * i as i64);
        let body = json!({ "module": module, "completed_on": day, "note": "Fullført ved Høgskolen på Fjellstad" });
        let res = app.post_json(&jonas, &approve, &body).await;
        assert_eq!(res.status(), StatusCode::CREATED, "{module}");
        let after: Value = res.json().await.unwrap();
        let status = item(&after)["status"].clone();
        if i < 3 {
            assert_eq!(status["status"], "not_yet_due", "after {module}");
        } else {
            // Done on the day its last module was; it does not expire.
            assert_eq!(status, json!({ "status": "valid", "until": null }));
            let last = &item(&after)["last_completion"];
            assert_eq!(last["completed_on"], day.to_string());
            assert_eq!(last["module"]["slug"], *module);
        }
    }
    // The leader's overview says so too: a column for the programme, green for her.
    let all = json_of(&app, &jonas, "/api/v1/leader/dashboard").await;
    let column = all["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["programme"]["slug"] == PROGRAMME)
        .expect("a column for the programme");
    let row = all["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == kari_id)
        .unwrap();
    assert_eq!(row["cells"][column]["status"], "valid");

    // A module that is neither required nor part of a required programme is refused.
    let err = assert_error(
        app.post_json(
            &jonas,
            &approve,
            &json!({ "module": "legemiddelhandtering-finnes-ikke", "completed_on": today, "note": "x" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(err["error"]["field"], "module");

    // A plan names a programme as it names a module; an unknown one is refused by name.
    let line = app.signed_in(LINE).await;
    let north = all["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == "Hjemmetjenesten nord")
        .unwrap()["id"]
        .clone();
    let draft = |slug: &str| {
        json!({ "name": "Digitalt", "unit_id": north, "include_sub_units": false,
                "profession_ids": [],
                "requirements": [{ "programme": slug, "due": { "rule": "after_joining", "days": 365 },
                                   "recertification": null }] })
    };
    let err = assert_error(
        app.post_json(&line, "/api/v1/plans", &draft("finnes-ikke"))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(err["error"]["field"], "requirements[0].programme");
    let res = app
        .post_json(&line, "/api/v1/plans", &draft(PROGRAMME))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let made: Value = res.json().await.unwrap();
    assert_eq!(made["requirements"][0]["programme"]["slug"], PROGRAMME);
    assert_eq!(
        made["requirements"][0]["programme"]["title"],
        "Helseinformatikk og digitalisering"
    );
}

#[tokio::test]
async fn a_programme_is_renewed_by_taking_every_module_of_it_again() {
    let app = spawn_app().await;
    const PROGRAMME: &str = "helseinformatikk-og-digitalisering";
    const ALI: &str = "ali.hassan@demo.kursbro.no";
    let ali_id = app.user_id(ALI).await;
    // A yearly programme for the north district (his unit).
    let line = app.signed_in(LINE).await;
    let seen: Value = json_of(&app, &line, "/api/v1/plans").await;
    let north = seen["units"][0]["id"].clone();
    let plan = json!({ "name": "Digitalt hvert år", "unit_id": north, "include_sub_units": false,
        "profession_ids": [],
        "requirements": [{ "programme": PROGRAMME, "due": { "rule": "after_joining", "days": 365 },
            "recertification": { "period_months": 12, "from": { "from": "completion_date" }, "window_days": 60 } }] });
    let res = app.post_json(&line, "/api/v1/plans", &plan).await;
    let status = res.status();
    assert_eq!(status, StatusCode::CREATED, "{}", res.text().await.unwrap());
    // Every module of it done in Kursbro 400 days ago.
    let modules: Vec<Value> = json_of(&app, &line, &format!("/api/v1/programmes/{PROGRAMME}"))
        .await["programme"]["modules"]
        .as_array()
        .unwrap()
        .clone();
    let long_ago = Utc::now() - chrono::Duration::days(400);
    let mut tx = app.db.write().await.unwrap();
    for m in &modules {
        let slug = m["slug"].as_str().unwrap();
        let detail = json_of(&app, &line, &format!("/api/v1/modules/{slug}")).await;
        for a in detail["activities"].as_array().unwrap() {
            store::learning::complete(&mut tx, ali_id, a["id"].as_i64().unwrap(), long_ago)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();

    let ali = app.signed_in(ALI).await;
    let requirement = |c: &Value, plan: &str| {
        c["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["requirement"]["plan"]["name"] == plan)
            .unwrap()
            .clone()
    };
    let mine = json_of(&app, &ali, "/api/v1/me/requirements").await;
    let yearly = requirement(&mine, "Digitalt hvert år");
    assert_eq!(yearly["status"]["status"], "expired");
    assert_eq!(yearly["may_start_again"], true);
    // The plan that asks for it once is met for good: nothing to start again there.
    let once = requirement(&mine, "Hjemmetjenesten nord: videreutdanning");
    assert_eq!(once["status"]["status"], "valid");
    assert_eq!(once["may_start_again"], false);
    // One module of it on its own is no requirement of his that is open for renewal.
    assert_error(
        app.post_json(
            &ali,
            "/api/v1/modules/brukermedvirkning/start-again",
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "renewal_not_open",
    )
    .await;

    let again = format!("/api/v1/programmes/{PROGRAMME}/start-again");
    let res = app.post_json(&ali, &again, &json!({})).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(
        app.post_json(&ali, &again, &json!({})).await,
        StatusCode::CONFLICT,
        "renewal_not_open",
    )
    .await;
    for m in &modules {
        let slug = m["slug"].as_str().unwrap();
        let state = json_of(&app, &ali, &format!("/api/v1/modules/{slug}/progress")).await;
        assert_eq!(state["completions"], json!([]), "{slug} starts afresh");
    }
    // Still expired until every module is done again; the old completions stay.
    let started = json_of(&app, &ali, "/api/v1/me/requirements").await;
    assert_eq!(
        requirement(&started, "Digitalt hvert år")["status"]["status"],
        "expired"
    );
    assert_eq!(
        requirement(&started, "Hjemmetjenesten nord: videreutdanning")["status"]["status"],
        "valid",
        "a programme done once stays done"
    );
    assert_eq!(started["history"].as_array().unwrap().len(), modules.len());
}

/// A generated organisation for [`the_dashboard_of_many_people_is_each_persons_own_requirements`]:
/// units three deep, people right in some of them, central, profession and unit plans (one
/// not for the units below), a programme, completions in Kursbro, from elsewhere, renewed,
/// and dated ahead of the clock; some people without a profession or a recorded joining day,
/// some deactivated.
struct Generated {
    org: i64,
    top: i64,
    clinic: i64,
    viewer: i64,
    /// (id, name) of the active people.
    people: Vec<(i64, String)>,
}

async fn generate(db: &store::Db, people: usize) -> Generated {
    use chrono::Duration;
    use kursbro_server::store::compliance::{self as plans, NewRequirement};
    use kursbro_server::store::content::{self, NewActivity, NewModule, NewProgramme};
    use kursbro_server::store::{learning, people as users};

    let now = Utc::now();
    // A fixed sequence, so a failure can be run again.
    let mut seed: u64 = 15;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut tx = db.write().await.unwrap();
    let org = users::insert_organisation(&mut tx, "testby-hf", "Testby HF", "hospital", now)
        .await
        .unwrap();
    let top = users::insert_unit(&mut tx, org, None, "T", "Testby HF", now)
        .await
        .unwrap();
    let mut units = vec![top];
    let mut clinics = Vec::new();
    for c in 0..3 {
        let clinic = users::insert_unit(
            &mut tx,
            org,
            Some(top),
            &format!("K{c}"),
            &format!("Klinikk {c}"),
            now,
        )
        .await
        .unwrap();
        clinics.push(clinic);
        units.push(clinic);
        for w in 0..2 {
            let ward = users::insert_unit(
                &mut tx,
                org,
                Some(clinic),
                &format!("K{c}-P{w}"),
                &format!("Post {c}.{w}"),
                now,
            )
            .await
            .unwrap();
            units.push(ward);
            if c == 0 && w == 0 {
                units.push(
                    users::insert_unit(&mut tx, org, Some(ward), "K0-P0-T", "Team 0.0", now)
                        .await
                        .unwrap(),
                );
            }
        }
    }
    let mut professions = Vec::new();
    for (code, name) in [
        ("spl", "Sykepleier"),
        ("hfa", "Helsefagarbeider"),
        ("lege", "Lege"),
    ] {
        professions.push(
            users::insert_profession(&mut tx, org, code, name)
                .await
                .unwrap(),
        );
    }
    // Eight modules of one activity each.
    let mut modules = Vec::new();
    for n in 0..8 {
        let slug = format!("testby-krav-{n}");
        let id = content::insert_module(
            &mut tx,
            &NewModule {
                slug: &slug,
                title: &format!("Krav {n}"),
                summary: "",
                description: "",
                kind: "statutory_course",
                theme: "Obligatorisk",
                language: "nb",
                credits: None,
                estimated_hours: 1,
                validity_months: None,
                provider_id: org,
                search_text: "",
            },
            now,
        )
        .await
        .unwrap();
        let activity = content::insert_activity(
            &mut tx,
            &NewActivity {
                module_id: id,
                position: 1,
                kind: "lesson",
                title: "Leksjon",
                summary: "",
                body_markdown: "",
                body_html: "",
                external_url: None,
                video_url: None,
                estimated_minutes: 10,
                pass_mark_percent: 80,
            },
        )
        .await
        .unwrap();
        modules.push((id, activity));
    }
    let programme = content::insert_programme(
        &mut tx,
        &NewProgramme {
            slug: "testby-program",
            title: "Program",
            summary: "",
            description: "",
            credits: 0.0,
            provider_id: org,
        },
        now,
    )
    .await
    .unwrap();
    for (position, (module, required)) in [(5, true), (7, true), (0, false)].iter().enumerate() {
        content::add_programme_module(
            &mut tx,
            programme,
            modules[*module].0,
            position as i64,
            *required,
        )
        .await
        .unwrap();
    }
    let requirement = |target: (Option<i64>, Option<i64>), position: i64, kind: u8| {
        let (recert_months, recert_from, fixed) = match kind {
            0 => (Some(12), Some("completion"), None),
            1 => (Some(24), Some("expiry"), None),
            2 => (Some(12), Some("fixed"), Some((1, 1))),
            _ => (None, None, None),
        };
        NewRequirement {
            module_id: target.0,
            programme_id: target.1,
            position,
            due_days_after_join: (kind != 3).then_some(90),
            due_on: (kind == 3).then(|| (now + Duration::days(30)).date_naive()),
            recert_months,
            recert_from,
            fixed_month: fixed.map(|(m, _)| m),
            fixed_day: fixed.map(|(_, d)| d),
            min_validity_months: if fixed.is_some() { 3 } else { 0 },
            window_days: 60,
        }
    };
    let module = |n: usize| (Some(modules[n].0), None);
    // (unit, include_sub_units, profession, [(target, kind)])
    let plan_list = [
        (
            None,
            true,
            None,
            vec![
                (module(0), 0),
                (module(1), 1),
                (module(2), 2),
                (module(3), 3),
            ],
        ),
        (None, true, Some(professions[0]), vec![(module(4), 1)]),
        (Some(clinics[0]), true, None, vec![(module(5), 0)]),
        (Some(clinics[1]), false, None, vec![(module(6), 2)]),
        (
            Some(clinics[2]),
            true,
            None,
            vec![((None, Some(programme)), 0)],
        ),
    ];
    for (p, (unit, below, profession, list)) in plan_list.into_iter().enumerate() {
        let plan = plans::insert_plan(&mut tx, org, unit, below, &format!("Plan {p}"), now)
            .await
            .unwrap();
        if let Some(profession) = profession {
            plans::limit_plan_to_profession(&mut tx, plan, profession)
                .await
                .unwrap();
        }
        for (position, (target, kind)) in list.into_iter().enumerate() {
            plans::insert_requirement(&mut tx, plan, &requirement(target, position as i64, kind))
                .await
                .unwrap();
        }
    }
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo";
    let mut everyone = Vec::new();
    for k in 0..people {
        // Some names twice (by id then), numbered so every collation sorts them alike.
        let name = format!("Ansatt {:04}", k % (people * 4 / 5));
        let joined = (next(5) > 0).then(|| (now - Duration::days(next(1_500) as i64)).date_naive());
        let id = users::insert_user(
            &mut tx,
            &users::NewUser {
                organisation_id: org,
                email: &format!("ansatt-{k}@testby.example"),
                name: &name,
                unit_id: Some(units[next(units.len() as u64) as usize]),
                unit_joined_on: joined,
                profession_id: match next(7) {
                    0 => None,
                    p => Some(professions[(p % 3) as usize]),
                },
                password_hash: hash,
            },
            now,
        )
        .await
        .unwrap();
        everyone.push((id, name));
        for &(module, activity) in &modules {
            let day = |next: &mut dyn FnMut(u64) -> u64| now - Duration::days(next(1_100) as i64);
            match next(10) {
                0..=2 => {}
                3..=5 => learning::complete(&mut tx, id, activity, day(&mut next))
                    .await
                    .unwrap(),
                choice @ (6 | 8) => {
                    // From elsewhere; 8: in Kursbro too.
                    if choice == 8 {
                        learning::complete(&mut tx, id, activity, day(&mut next))
                            .await
                            .unwrap();
                    }
                    plans::insert_external_completion(
                        &mut tx,
                        id,
                        module,
                        day(&mut next).date_naive(),
                        "Kurs hos annen arbeidsgiver",
                        id,
                        now,
                    )
                    .await
                    .unwrap();
                }
                7 => {
                    // Done, started again, done again: the first is an earlier round's.
                    let first = now - Duration::days(400 + next(300) as i64);
                    learning::complete(&mut tx, id, activity, first)
                        .await
                        .unwrap();
                    learning::start_again(&mut tx, id, module, now)
                        .await
                        .unwrap();
                    let again = now - Duration::days(next(60) as i64);
                    learning::complete(&mut tx, id, activity, again)
                        .await
                        .unwrap();
                }
                _ => {
                    // Dated ahead of the server's clock: it does not count yet.
                    let ahead = now + Duration::days(1 + next(20) as i64);
                    learning::complete(&mut tx, id, activity, ahead)
                        .await
                        .unwrap();
                }
            }
        }
    }
    tx.commit().await.unwrap();
    // A few people leave: they are on nobody's dashboard.
    for k in [3, 400, people - 1] {
        store::testing::deactivate(db, &format!("ansatt-{k}@testby.example"))
            .await
            .unwrap();
    }
    let gone: Vec<i64> = [3, 400, people - 1]
        .iter()
        .map(|&k| everyone[k].0)
        .collect();
    everyone.retain(|(id, _)| !gone.contains(id));
    Generated {
        org,
        top,
        clinic: clinics[0],
        viewer: everyone[0].0,
        people: everyone,
    }
}

/// The dashboard of more than a thousand people (on SQLite worked out in two parts at once)
/// is each person's own requirements put side by side: every cell is the status their own
/// page shows, the summary and roll-ups are the shared rules' over the whole rows, and every
/// filter and page is the same rows filtered and cut.
#[tokio::test]
async fn the_dashboard_of_many_people_is_each_persons_own_requirements() {
    use kursbro_server::compliance::{self, DashboardQuery};
    use kursbro_server::session::AuthUser;
    use kursbro_shared::api::{Grants, OrganisationKind, OrganisationRef};
    use kursbro_shared::compliance::{
        per_requirement, per_sub_unit, person_colour, summary, Dashboard, DashboardPerson,
        PeopleFilter, UnitTally,
    };

    let app = spawn_app().await;
    let g = generate(&app.db, 1_200).await;
    let viewer = AuthUser {
        id: g.viewer,
        name: "Admin".into(),
        email: "admin@testby.example".into(),
        organisation: OrganisationRef {
            id: g.org,
            name: "Testby HF".into(),
            kind: OrganisationKind::Hospital,
        },
        unit: None,
        profession: None,
        grants: Grants {
            admin: true,
            ..Grants::default()
        },
    };
    let today = Utc::now().date_naive();
    let dashboard = |q: DashboardQuery| {
        let viewer = &viewer;
        let db = &app.db;
        async move { compliance::dashboard(db, viewer, &q, today).await.unwrap() }
    };
    // The roll-ups of `rows` by the shared rules, as a dashboard of `unit` holds them.
    let roll_ups = |d: &Dashboard, rows: &[DashboardPerson]| {
        let by_unit: Vec<UnitTally> = per_sub_unit(d.unit.id, &d.units, rows)
            .into_iter()
            .map(|(unit_id, tally)| UnitTally { unit_id, tally })
            .collect();
        (
            summary(rows),
            per_requirement(d.requirements.len(), rows),
            by_unit,
        )
    };

    for (unit, split) in [(g.top, true), (g.clinic, false)] {
        let all = dashboard(DashboardQuery {
            unit: Some(unit),
            limit: None,
            ..DashboardQuery::default()
        })
        .await;
        // Everyone below the unit, by name (then id).
        let below: Vec<i64> = all.units.iter().map(|u| u.id).collect();
        let ids: Vec<i64> = all.people.iter().map(|p| p.id).collect();
        let mut expected: Vec<&(i64, String)> =
            g.people.iter().filter(|(id, _)| ids.contains(id)).collect();
        expected.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        assert_eq!(
            ids,
            expected.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
            "by name, then id"
        );
        if split {
            assert_eq!(ids.len(), g.people.len(), "the whole organisation");
            assert!(
                ids.len() >= 1_000,
                "enough people to be worked out in two parts"
            );
        } else {
            assert!(ids.len() < g.people.len() && !ids.is_empty());
        }
        // Each row is the person's own requirements, one cell per column: the requirements
        // that list anyone here.
        let mut listed = std::collections::BTreeSet::new();
        for row in &all.people {
            let own = compliance::person(&app.db, row.id, today).await.unwrap();
            assert!(below.contains(&row.unit_id));
            assert_eq!(Some(row.unit_id), own.person.unit.as_ref().map(|u| u.id));
            assert_eq!(row.profession, own.person.profession);
            assert_eq!(row.cells.len(), all.requirements.len());
            for (cell, r) in row.cells.iter().zip(&all.requirements) {
                let mine = own
                    .requirements
                    .iter()
                    .find(|x| x.requirement.id == r.id)
                    .map(|x| x.status);
                assert_eq!(*cell, mine, "person {} requirement {}", row.id, r.id);
            }
            listed.extend(own.requirements.iter().map(|r| r.requirement.id));
        }
        let columns: std::collections::BTreeSet<i64> =
            all.requirements.iter().map(|r| r.id).collect();
        assert_eq!(
            columns, listed,
            "a column for each requirement listing someone"
        );
        let (s, by_requirement, by_unit) = roll_ups(&all, &all.people);
        assert_eq!(
            (all.summary, &all.by_requirement, &all.by_unit),
            (s, &by_requirement, &by_unit)
        );
        for c in ["green", "yellow", "red"] {
            assert!(
                all.people
                    .iter()
                    .any(|p| format!("{:?}", person_colour(&p.cells)).to_lowercase() == c),
                "someone is {c}"
            );
        }

        // Every filter: the same rows, filtered; the roll-ups of those of the profession.
        let mut professions: Vec<Option<String>> =
            all.professions.iter().cloned().map(Some).collect();
        professions.extend([None, Some("Ingen slik".into())]);
        for profession in professions {
            let counted: Vec<DashboardPerson> = all
                .people
                .iter()
                .filter(|p| profession.is_none() || p.profession == profession)
                .cloned()
                .collect();
            for status in [
                None,
                Some(PeopleFilter::Red),
                Some(PeopleFilter::Yellow),
                Some(PeopleFilter::Green),
            ] {
                let shown: Vec<DashboardPerson> = counted
                    .iter()
                    .filter(|p| status.is_none_or(|f| person_colour(&p.cells) == f.colour()))
                    .cloned()
                    .collect();
                let d = dashboard(DashboardQuery {
                    unit: Some(unit),
                    profession: profession.clone(),
                    status,
                    offset: 0,
                    limit: None,
                })
                .await;
                let what = format!("{profession:?} {status:?}");
                assert_eq!(d.people, shown, "{what}");
                assert_eq!(d.matching as usize, shown.len(), "{what}");
                let (s, by_requirement, by_unit) = roll_ups(&all, &counted);
                assert_eq!(
                    (d.summary, &d.by_requirement, &d.by_unit),
                    (s, &by_requirement, &by_unit),
                    "{what}"
                );
                assert_eq!(
                    (&d.requirements, &d.professions, &d.units),
                    (&all.requirements, &all.professions, &all.units),
                    "{what}: the columns and the choices stay"
                );
            }
        }

        // Pages: the same rows cut.
        let n = all.people.len() as u32;
        for (offset, limit) in [(0, 50), (37, 50), (n - 3, 10), (n + 5, 10), (0, 200)] {
            let d = dashboard(DashboardQuery {
                unit: Some(unit),
                offset,
                limit: Some(limit),
                ..DashboardQuery::default()
            })
            .await;
            let from = offset.min(n) as usize;
            let to = (from + limit as usize).min(n as usize);
            assert_eq!(
                d.people,
                all.people[from..to],
                "offset {offset} limit {limit}"
            );
            assert_eq!((d.offset, d.matching), (offset.min(n), n));
            assert_eq!(d.summary, all.summary);
        }
    }
}
