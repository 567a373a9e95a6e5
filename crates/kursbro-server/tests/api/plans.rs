//! Making and changing competence plans: who sees which plans, who may change them, how a
//! refused draft is named field by field, and that a change reaches the people it covers.
//! The demo data is the fixture: Nordvik kommune has nine people; its top unit (Helse og
//! omsorg) is led by Jonas, Hjemmetjenesten nord by Line; Hilde administers it.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const LINE: &str = "line.dahl@demo.kursbro.no";
const HILDE: &str = "hilde.aas@demo.kursbro.no";
const HANNE: &str = "hanne.lund@demo.kursbro.no";
const AISHA: &str = "aisha.rahman@demo.kursbro.no";

async fn plans(app: &TestApp, client: &Client) -> Value {
    let res = app.get(client, "/api/v1/plans").await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.unwrap()
}

fn named<'a>(plans: &'a Value, name: &str) -> &'a Value {
    plans["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("plan {name} in {plans}"))
}

fn names(plans: &Value) -> Vec<String> {
    plans["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

fn unit(plans: &Value, name: &str) -> i64 {
    plans["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == name)
        .unwrap_or_else(|| panic!("unit {name} in {}", plans["units"]))["id"]
        .as_i64()
        .unwrap()
}

async fn send(
    app: &TestApp,
    client: &Client,
    method: reqwest::Method,
    path: &str,
    body: Option<&Value>,
) -> reqwest::Response {
    let mut req = client.request(method, app.url(path));
    if let Some(body) = body {
        req = req.json(body);
    }
    req.send().await.expect("request")
}

fn smittevern_after(days: u32) -> Value {
    json!({ "module": "smittevern", "due": { "rule": "after_joining", "days": days },
            "recertification": null })
}

/// The module slugs on a person's "Mine krav" from the plan `plan`, alphabetically.
async fn required_by(app: &TestApp, client: &Client, plan: &str) -> Vec<String> {
    let mine: Value = app
        .get(client, "/api/v1/me/requirements")
        .await
        .json()
        .await
        .unwrap();
    mine["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["requirement"]["plan"]["name"] == plan)
        .map(|r| {
            r["requirement"]["module"]["slug"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[tokio::test]
async fn a_leader_sees_the_plans_for_their_units_and_changes_only_their_own() {
    let app = spawn_app().await;
    let line = app.signed_in(LINE).await;
    let seen = plans(&app, &line).await;
    assert_eq!(
        names(&seen),
        [
            "Legemiddelhåndtering for sykepleiere",
            "Obligatorisk opplæring",
            "Hjemmetjenesten nord: egne krav",
            "Hjemmetjenesten nord: videreutdanning"
        ],
        "central plans first, then her unit's"
    );
    let central = named(&seen, "Obligatorisk opplæring");
    assert_eq!(central["applies_to"], 9, "everyone in Nordvik");
    assert_eq!(central["may_edit"], false);
    assert_eq!(
        named(&seen, "Legemiddelhåndtering for sykepleiere")["applies_to"],
        4,
        "the four nurses"
    );
    let own = named(&seen, "Hjemmetjenesten nord: egne krav");
    assert_eq!(
        (own["applies_to"].as_i64(), &own["may_edit"]),
        (Some(4), &json!(true))
    );
    assert_eq!(seen["may_create_central"], false);
    assert_eq!(
        seen["units"].as_array().unwrap().len(),
        1,
        "only the unit she leads: {}",
        seen["units"]
    );
    let north = unit(&seen, "Hjemmetjenesten nord");

    // A central plan is the admins' to change: she sees it, so she is told she may not.
    let central_path = format!("/api/v1/plans/{}", central["id"]);
    let draft = json!({ "name": "Mitt", "unit_id": north, "include_sub_units": true,
                        "profession_ids": [], "requirements": [smittevern_after(14)] });
    let res = send(
        &app,
        &line,
        reqwest::Method::PUT,
        &central_path,
        Some(&draft),
    )
    .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = send(&app, &line, reqwest::Method::DELETE, &central_path, None).await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;

    // Her own unit: a new plan reaches Kari, who works there, at once.
    let made = app.post_json(&line, "/api/v1/plans", &draft).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["applies_to"], 4);
    assert_eq!(made["unit"]["name"], "Hjemmetjenesten nord");
    let kari = app.signed_in(LEARNER).await;
    assert_eq!(required_by(&app, &kari, "Mitt").await, ["smittevern"]);

    // Not for a unit above or beside hers, and not a central plan.
    let jonas = app.signed_in(LEADER).await;
    let all = plans(&app, &jonas).await;
    for unit_id in [json!(unit(&all, "Hjemmetjenesten sør")), json!(null)] {
        let elsewhere = json!({ "name": "Mitt", "unit_id": unit_id, "include_sub_units": true,
                                "profession_ids": [], "requirements": [smittevern_after(14)] });
        let res = app.post_json(&line, "/api/v1/plans", &elsewhere).await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(body["error"]["field"], "unit_id");
    }

    // Jonas leads the whole of Helse og omsorg: he sees Line's plan and may change it.
    assert!(names(&all).contains(&"Mitt".to_string()));
    assert_eq!(named(&all, "Mitt")["may_edit"], true);
    assert_eq!(
        all["units"].as_array().unwrap().len(),
        3,
        "his unit and the two below"
    );

    // A learner has no plans page; a leader elsewhere cannot reach Nordvik's plans.
    let res = app.get(&kari, "/api/v1/plans").await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let hanne = app.signed_in(HANNE).await;
    assert!(!names(&plans(&app, &hanne).await).contains(&"Mitt".to_string()));
    let path = format!("/api/v1/plans/{}", made["id"]);
    let res = send(&app, &hanne, reqwest::Method::PUT, &path, Some(&draft)).await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let res = send(&app, &hanne, reqwest::Method::DELETE, &path, None).await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(required_by(&app, &kari, "Mitt").await, ["smittevern"]);
}

#[tokio::test]
async fn an_admin_makes_changes_and_removes_a_central_plan() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let seen = plans(&app, &hilde).await;
    assert_eq!(seen["may_create_central"], true);
    assert_eq!(
        seen["units"].as_array().unwrap().len(),
        4,
        "the whole tree: Nordvik kommune, Helse og omsorg and its two districts"
    );
    let health_worker = seen["professions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Helsefagarbeider")
        .unwrap()["id"]
        .clone();
    let draft = json!({
        "name": "Forflytning for helsefagarbeidere",
        "unit_id": null,
        "include_sub_units": true,
        "profession_ids": [health_worker],
        "requirements": [{
            "module": "hjerte-lunge-redning",
            "due": { "rule": "by", "date": "2027-03-01" },
            "recertification": { "period_months": 12, "window_days": 30,
                "from": { "from": "fixed_date", "month": 1, "day": 1, "min_validity_months": 6 } }
        }]
    });
    let made = app.post_json(&hilde, "/api/v1/plans", &draft).await;
    assert_eq!(made.status(), StatusCode::CREATED);
    let made: Value = made.json().await.unwrap();
    assert_eq!(made["applies_to"], 3, "Aisha, Tone and Sofie");
    assert_eq!(
        made["requirements"][0]["recertification"],
        draft["requirements"][0]["recertification"]
    );
    let aisha = app.signed_in(AISHA).await;
    let plan = "Forflytning for helsefagarbeidere";
    assert_eq!(
        required_by(&app, &aisha, plan).await,
        ["hjerte-lunge-redning"]
    );

    // Changed all at once: another requirement, and open to every profession.
    let path = format!("/api/v1/plans/{}", made["id"]);
    let mut changed = draft.clone();
    changed["profession_ids"] = json!([]);
    changed["requirements"]
        .as_array_mut()
        .unwrap()
        .push(smittevern_after(30));
    let res = send(&app, &hilde, reqwest::Method::PUT, &path, Some(&changed)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let after: Value = res.json().await.unwrap();
    assert_eq!(after["applies_to"], 9);
    assert_eq!(after["requirements"].as_array().unwrap().len(), 2);
    assert_eq!(
        required_by(&app, &aisha, plan).await,
        ["hjerte-lunge-redning", "smittevern"]
    );

    // A course withdrawn from the catalogue since does not stop the plan being changed.
    kursbro_server::store::testing::set_published(&app.db, "smittevern", false)
        .await
        .unwrap();
    changed["name"] = json!("Forflytning og smittevern");
    let res = send(&app, &hilde, reqwest::Method::PUT, &path, Some(&changed)).await;
    assert_eq!(res.status(), StatusCode::OK, "{:?}", res.text().await);
    changed["name"] = draft["name"].clone();
    let res = send(&app, &hilde, reqwest::Method::PUT, &path, Some(&changed)).await;
    assert_eq!(res.status(), StatusCode::OK);
    // A new plan cannot take it up.
    let res = app.post_json(&hilde, "/api/v1/plans", &changed).await;
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(body["error"]["field"], "requirements[1].module");
    kursbro_server::store::testing::set_published(&app.db, "smittevern", true)
        .await
        .unwrap();

    // Removed: it no longer lists anyone, and nobody's completions go with it.
    let history_before = aisha_history(&app, &aisha).await;
    let res = send(&app, &hilde, reqwest::Method::DELETE, &path, None).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(!names(&plans(&app, &hilde).await).contains(&plan.to_string()));
    assert!(required_by(&app, &aisha, plan).await.is_empty());
    assert_eq!(aisha_history(&app, &aisha).await, history_before);
    let res = send(&app, &hilde, reqwest::Method::DELETE, &path, None).await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
}

async fn aisha_history(app: &TestApp, aisha: &Client) -> Value {
    let mine: Value = app
        .get(aisha, "/api/v1/me/requirements")
        .await
        .json()
        .await
        .unwrap();
    mine["history"].clone()
}

#[tokio::test]
async fn a_refused_plan_names_the_field_and_the_requirement_and_nothing_is_saved() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let before = names(&plans(&app, &hilde).await);
    let hanne = app.signed_in(HANNE).await;
    let other_org_profession = plans(&app, &hanne).await["professions"][0]["id"].clone();
    let good = json!({ "name": "Ny plan", "unit_id": null, "include_sub_units": true,
                       "profession_ids": [], "requirements": [smittevern_after(30)] });
    let with = |f: &dyn Fn(&mut Value)| {
        let mut d = good.clone();
        f(&mut d);
        d
    };
    let cases = [
        (with(&|d| d["name"] = json!("   ")), "name"),
        (with(&|d| d["requirements"] = json!([])), "requirements"),
        (
            with(&|d| d["requirements"] = json!([smittevern_after(1), smittevern_after(2)])),
            "requirements[1].module",
        ),
        (
            with(&|d| d["requirements"][0]["module"] = json!("finnes-ikke")),
            "requirements[0].module",
        ),
        (
            with(&|d| d["requirements"][0]["due"]["days"] = json!(99_999)),
            "requirements[0].due_days",
        ),
        (
            with(&|d| {
                d["requirements"][0]["recertification"] = json!({ "period_months": 12,
                    "window_days": 400, "from": { "from": "completion_date" } })
            }),
            "requirements[0].window_days",
        ),
        (
            with(&|d| d["profession_ids"] = json!([other_org_profession])),
            "profession_ids",
        ),
    ];
    for (draft, field) in cases {
        let res = app.post_json(&hilde, "/api/v1/plans", &draft).await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(body["error"]["field"], field, "{draft}");
        let message = body["error"]["message"].as_str().unwrap();
        if field.starts_with("requirements[") {
            assert!(message.starts_with("Requirement "), "{message}");
        }
    }
    assert_eq!(names(&plans(&app, &hilde).await), before, "nothing saved");
}
