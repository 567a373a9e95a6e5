//! An organisation's administration: units, professions, people and grants, by its admins
//! only. The demo data is the fixture: Hilde administers Nordvik kommune (Helse og omsorg
//! with Hjemmetjenesten nord, led by Line, and sør); Hanne leads a clinic of Vestfjord
//! sykehus; the platform admin works at Høgskolen på Fjellstad.

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const HILDE: &str = "hilde.aas@demo.kursbro.no";
const LINE: &str = "line.dahl@demo.kursbro.no";
const HANNE: &str = "hanne.lund@demo.kursbro.no";

fn id_named(list: &Value, name: &str) -> i64 {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {list}"))["id"]
        .as_i64()
        .unwrap()
}

async fn field_error(res: reqwest::Response) -> String {
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    body["error"]["field"].as_str().unwrap().to_string()
}

/// The people on a leader's overview of their first unit.
async fn followed(app: &TestApp, leader: &Client) -> Vec<String> {
    let d: Value = app
        .get(leader, "/api/v1/leader/dashboard?limit=200")
        .await
        .json()
        .await
        .unwrap();
    d["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_admin_adds_units_professions_and_people_and_moves_deactivates_and_grants() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let org = ok(
        app.get(&hilde, "/api/v1/admin/organisation").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(org["name"], "Nordvik kommune");
    let units = &org["units"];
    assert_eq!(units.as_array().unwrap().len(), 4);
    let north = id_named(units, "Hjemmetjenesten nord");
    let top = id_named(units, "Helse og omsorg");
    let north_unit = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == north)
        .unwrap();
    assert_eq!(
        (&north_unit["people"], &north_unit["depth"]),
        (&json!(4), &json!(2))
    );

    // A unit below Helse og omsorg; its code is the organisation's own, once.
    let west = json!({ "code": "HJT-V", "name": "Hjemmetjenesten vest", "parent_id": top });
    let made = ok(
        app.post_json(&hilde, "/api/v1/admin/units", &west).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (&made["depth"], &made["parent_id"]),
        (&json!(2), &json!(top))
    );
    let west_id = made["id"].as_i64().unwrap();
    assert_eq!(
        field_error(app.post_json(&hilde, "/api/v1/admin/units", &west).await).await,
        "code"
    );
    let bad_code = json!({ "code": "HJT V", "name": "X", "parent_id": top });
    assert_eq!(
        field_error(
            app.post_json(&hilde, "/api/v1/admin/units", &bad_code)
                .await
        )
        .await,
        "code"
    );

    // A profession, its code from its name, once.
    let physio = json!({ "name": "Fysioterapeut" });
    let made = ok(
        app.post_json(&hilde, "/api/v1/admin/professions", &physio)
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(made["code"], "fysioterapeut");
    let physio_id = made["id"].as_i64().unwrap();
    assert_eq!(
        field_error(
            app.post_json(
                &hilde,
                "/api/v1/admin/professions",
                &json!({ "name": "fysioterapeut" })
            )
            .await
        )
        .await,
        "name"
    );

    // A person: the address is kept normalised, and there is no password yet.
    let eva = json!({ "name": "Eva Vik", "email": " Eva.Vik@Nordvik.kommune.no ",
                      "unit_id": west_id, "profession_id": physio_id });
    let made = ok(
        app.post_json(&hilde, "/api/v1/admin/people", &eva).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(made["email"], "eva.vik@nordvik.kommune.no");
    assert_eq!(
        (&made["has_password"], &made["active"]),
        (&json!(false), &json!(true))
    );
    assert_eq!(made["unit"]["name"], "Hjemmetjenesten vest");
    assert_eq!(made["profession"]["name"], "Fysioterapeut");
    let eva_id = made["id"].as_i64().unwrap();
    assert_eq!(
        field_error(app.post_json(&hilde, "/api/v1/admin/people", &eva).await).await,
        "email"
    );
    let res = app
        .login(&app.client(), "eva.vik@nordvik.kommune.no", DEMO_PASSWORD)
        .await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "no password, no sign-in"
    );
    let found = ok(
        app.get(&hilde, "/api/v1/admin/people?q=VIK").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(found["matching"], 1);
    assert_eq!(found["people"][0]["name"], "Eva Vik");
    // Norwegian names: "øyvind" finds "Øyvind" on SQLite too (its LIKE folds only ASCII).
    let oyvind = json!({ "name": "Øyvind Ås", "email": "oyvind.as@nordvik.kommune.no",
                         "unit_id": west_id, "profession_id": null });
    ok(
        app.post_json(&hilde, "/api/v1/admin/people", &oyvind).await,
        StatusCode::CREATED,
    )
    .await;
    for q in ["%C3%B8yvind", "%C3%85s", "%C3%B8YVIND%20%C3%A5S"] {
        let found = ok(
            app.get(&hilde, &format!("/api/v1/admin/people?q={q}"))
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(found["people"][0]["name"], "Øyvind Ås", "{q}");
    }

    // Moved to Hjemmetjenesten nord: Line follows her from now on.
    let line = app.signed_in(LINE).await;
    assert!(!followed(&app, &line).await.contains(&"Eva Vik".to_string()));
    let path = format!("/api/v1/admin/people/{eva_id}");
    let moved = json!({ "unit_id": north, "profession_id": physio_id, "active": true });
    let after = ok(
        call(&app, &hilde, Method::PUT, &path, Some(moved)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(after["unit"]["name"], "Hjemmetjenesten nord");
    assert_eq!(
        ok(app.get(&hilde, &path).await, StatusCode::OK).await,
        after
    );
    assert!(followed(&app, &line).await.contains(&"Eva Vik".to_string()));

    // Grants: leader of the new unit, given once, and taken back.
    let grants = format!("/api/v1/admin/people/{eva_id}/grants");
    let leader = json!({ "kind": "leader", "unit_id": west_id });
    let with = ok(
        call(&app, &hilde, Method::POST, &grants, Some(leader.clone())).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(with["grants"][0]["kind"], "leader");
    assert_eq!(with["grants"][0]["unit"]["name"], "Hjemmetjenesten vest");
    assert_eq!(
        field_error(call(&app, &hilde, Method::POST, &grants, Some(leader)).await).await,
        "kind"
    );
    assert_eq!(
        field_error(
            call(
                &app,
                &hilde,
                Method::POST,
                &grants,
                Some(json!({ "kind": "leader", "unit_id": null }))
            )
            .await
        )
        .await,
        "unit_id"
    );
    let grant = format!("/api/v1/admin/grants/{}", with["grants"][0]["id"]);
    let without = ok(
        call(&app, &hilde, Method::DELETE, &grant, None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(without["grants"], json!([]));

    // Deactivated: signed out at once, cannot sign in, gone from the overview; back again
    // with every completion kept.
    let kari = app.signed_in(LEARNER).await;
    let history = app
        .get(&kari, "/api/v1/me/requirements")
        .await
        .json::<Value>()
        .await
        .unwrap()["history"]
        .clone();
    let kari_id = app.user_id(LEARNER).await;
    let kari_path = format!("/api/v1/admin/people/{kari_id}");
    let off = json!({ "unit_id": north, "profession_id": null, "active": false });
    let after = ok(
        call(&app, &hilde, Method::PUT, &kari_path, Some(off)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(after["active"], false);
    assert_eq!(
        app.get(&kari, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = app.login(&app.client(), LEARNER, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(!followed(&app, &line)
        .await
        .contains(&"Kari Nordmann".to_string()));
    let on = json!({ "unit_id": north, "profession_id": null, "active": true });
    ok(
        call(&app, &hilde, Method::PUT, &kari_path, Some(on)).await,
        StatusCode::OK,
    )
    .await;
    let kari = app.signed_in(LEARNER).await;
    let again: Value = app
        .get(&kari, "/api/v1/me/requirements")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["history"], history);

    // Nobody locks the organisation out by themselves.
    let hilde_id = app.user_id(HILDE).await;
    let me = ok(
        app.get(&hilde, "/api/v1/admin/people?q=hilde").await,
        StatusCode::OK,
    )
    .await;
    let self_off = json!({ "unit_id": top, "profession_id": null, "active": false });
    assert_eq!(
        field_error(
            call(
                &app,
                &hilde,
                Method::PUT,
                &format!("/api/v1/admin/people/{hilde_id}"),
                Some(self_off)
            )
            .await
        )
        .await,
        "active"
    );
    let own_admin = me["people"][0]["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "admin")
        .unwrap()["id"]
        .clone();
    assert_eq!(
        field_error(
            call(
                &app,
                &hilde,
                Method::DELETE,
                &format!("/api/v1/admin/grants/{own_admin}"),
                None
            )
            .await
        )
        .await,
        "grant"
    );
}

#[tokio::test]
async fn only_an_organisations_admins_administer_it_and_only_their_own() {
    let app = spawn_app().await;
    for email in [LINE, LEARNER, FACILITATOR] {
        let someone = app.signed_in(email).await;
        for path in ["/api/v1/admin/organisation", "/api/v1/admin/people"] {
            let res = app.get(&someone, path).await;
            assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
        }
        let res = app
            .post_json(
                &someone,
                "/api/v1/admin/professions",
                &json!({ "name": "Jordmor" }),
            )
            .await;
        assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    }

    // Another organisation's people, units and grants are out of reach.
    let hilde = app.signed_in(HILDE).await;
    let ola = app.user_id("ola.hansen@demo.kursbro.no").await;
    let res = call(
        &app,
        &hilde,
        Method::PUT,
        &format!("/api/v1/admin/people/{ola}"),
        Some(json!({ "unit_id": 1, "profession_id": null, "active": false })),
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let res = app
        .get(&hilde, &format!("/api/v1/admin/people/{ola}"))
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let res = call(
        &app,
        &hilde,
        Method::POST,
        &format!("/api/v1/admin/people/{ola}/grants"),
        Some(json!({ "kind": "admin", "unit_id": null })),
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let hanne = app.signed_in(HANNE).await;
    let plans: Value = app.get(&hanne, "/api/v1/plans").await.json().await.unwrap();
    let clinic = plans["units"][0]["id"].clone();
    let elsewhere = json!({ "name": "Per Utenfor", "email": "per.utenfor@nordvik.kommune.no",
                            "unit_id": clinic, "profession_id": null });
    assert_eq!(
        field_error(
            app.post_json(&hilde, "/api/v1/admin/people", &elsewhere)
                .await
        )
        .await,
        "unit_id"
    );
    let admin = app.signed_in(ADMIN).await;
    let fjellstad = ok(
        app.get(&admin, "/api/v1/admin/people?q=marte").await,
        StatusCode::OK,
    )
    .await;
    let marte_grant = fjellstad["people"][0]["grants"][0]["id"].clone();
    assert!(marte_grant.is_i64(), "{fjellstad}");
    let res = call(
        &app,
        &hilde,
        Method::DELETE,
        &format!("/api/v1/admin/grants/{marte_grant}"),
        None,
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;

    // A search is ordinary text, a page at most 100 people.
    for query in ["q=%1B", "limit=101", "limit=0"] {
        let res = app
            .get(&hilde, &format!("/api/v1/admin/people?{query}"))
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{query}");
    }
}

/// The token of an invitation (the part after `#` of its path).
fn token_of(invitation: &Value) -> String {
    let path = invitation["path"].as_str().unwrap();
    let (page, token) = path.split_once('#').expect("a fragment");
    assert_eq!(page, "/invitasjon");
    token.to_string()
}

#[tokio::test]
async fn a_link_lets_a_person_choose_a_password_once_and_signs_them_in() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let org = ok(
        app.get(&hilde, "/api/v1/admin/organisation").await,
        StatusCode::OK,
    )
    .await;
    let north = id_named(&org["units"], "Hjemmetjenesten nord");
    let eva = ok(
        app.post_json(
            &hilde,
            "/api/v1/admin/people",
            &json!({ "name": "Eva Vik", "email": "eva.vik@nordvik.kommune.no",
                     "unit_id": north, "profession_id": null }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let link_path = format!("/api/v1/admin/people/{}/invitation", eva["id"]);

    // Only admins make links.
    let kari = app.signed_in(LEARNER).await;
    let res = call(&app, &kari, Method::POST, &link_path, None).await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;

    let first = ok(
        call(&app, &hilde, Method::POST, &link_path, None).await,
        StatusCode::CREATED,
    )
    .await;
    let expires: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(first["expires_at"].clone()).unwrap();
    let days = (expires - chrono::Utc::now()).num_days();
    assert!((13..=14).contains(&days), "{days} days");
    // A newer link replaces it.
    let link = ok(
        call(&app, &hilde, Method::POST, &link_path, None).await,
        StatusCode::CREATED,
    )
    .await;
    let token = token_of(&link);
    let stranger = app.client();
    let check = |token: String| {
        let app = &app;
        let stranger = &stranger;
        async move {
            app.post_json(
                stranger,
                "/api/v1/auth/invitation/check",
                &json!({ "token": token }),
            )
            .await
        }
    };
    assert_error(
        check(token_of(&first)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let info = ok(check(token.clone()).await, StatusCode::OK).await;
    assert_eq!(
        info,
        json!({ "name": "Eva Vik", "email": "eva.vik@nordvik.kommune.no",
                "organisation": "Nordvik kommune", "has_password": false })
    );
    assert_eq!(field_error(check("kort".into()).await).await, "token");

    // Too short a password is refused and the link still works; a good one signs her in.
    let accept = |password: &'static str| {
        let body = json!({ "token": token.clone(), "new_password": password });
        let (app, stranger) = (&app, &stranger);
        async move {
            app.post_json(stranger, "/api/v1/auth/invitation/accept", &body)
                .await
        }
    };
    assert_eq!(field_error(accept("kort").await).await, "new_password");
    let me = ok(accept("fire ord på rad").await, StatusCode::OK).await;
    assert_eq!(me["name"], "Eva Vik");
    assert_eq!(
        app.get(&stranger, "/api/v1/me").await.status(),
        StatusCode::OK
    );
    assert_error(
        accept("fire ord på rad").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        check(token.clone()).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let res = app
        .login(
            &app.client(),
            "eva.vik@nordvik.kommune.no",
            "fire ord på rad",
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);

    // Someone who forgot their password: the new one replaces it and ends every session.
    let kari_id = app.user_id(LEARNER).await;
    let link = ok(
        call(
            &app,
            &hilde,
            Method::POST,
            &format!("/api/v1/admin/people/{kari_id}/invitation"),
            None,
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let other = app.client();
    let res = app
        .post_json(
            &other,
            "/api/v1/auth/invitation/accept",
            &json!({ "token": token_of(&link), "new_password": "et helt nytt passord" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        app.get(&kari, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = app.login(&app.client(), LEARNER, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // No link for someone deactivated, and a link made before stops working.
    let link = ok(
        call(&app, &hilde, Method::POST, &link_path, None).await,
        StatusCode::CREATED,
    )
    .await;
    let off = json!({ "unit_id": north, "profession_id": null, "active": false });
    ok(
        call(
            &app,
            &hilde,
            Method::PUT,
            &format!("/api/v1/admin/people/{}", eva["id"]),
            Some(off),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        field_error(call(&app, &hilde, Method::POST, &link_path, None).await).await,
        "active"
    );
    assert_error(
        check(token_of(&link)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Active again, the old link stays void.
    let on = json!({ "unit_id": north, "profession_id": null, "active": true });
    let eva_path = format!("/api/v1/admin/people/{}", eva["id"]);
    ok(
        call(&app, &hilde, Method::PUT, &eva_path, Some(on)).await,
        StatusCode::OK,
    )
    .await;
    assert_error(
        check(token_of(&link)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // A link is void once the person chooses a password themselves, and once it expires.
    let link = ok(
        call(&app, &hilde, Method::POST, &link_path, None).await,
        StatusCode::CREATED,
    )
    .await;
    let eva_client = app.client();
    let res = app
        .login(&eva_client, "eva.vik@nordvik.kommune.no", "fire ord på rad")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let change =
        json!({ "current_password": "fire ord på rad", "new_password": "fem ord på en rad" });
    let res = app
        .post_json(&eva_client, "/api/v1/auth/password", &change)
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(
        check(token_of(&link)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let link = ok(
        call(&app, &hilde, Method::POST, &link_path, None).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        ok(check(token_of(&link)).await, StatusCode::OK).await["name"],
        "Eva Vik"
    );
    kursbro_server::store::testing::age_invitations(&app.db, chrono::Utc::now())
        .await
        .unwrap();
    assert_error(
        check(token_of(&link)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

/// The id of a person's grant of `kind`.
fn grant_id(person: &Value, kind: &str) -> Value {
    person["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == kind)
        .unwrap_or_else(|| panic!("{kind} in {person}"))["id"]
        .clone()
}

#[tokio::test]
async fn no_admin_takes_over_another_and_an_organisation_keeps_an_admin() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let line_id = app.user_id(LINE).await;
    let hilde_id = app.user_id(HILDE).await;
    let grants = format!("/api/v1/admin/people/{line_id}/grants");
    let with = ok(
        call(
            &app,
            &hilde,
            Method::POST,
            &grants,
            Some(json!({ "kind": "admin", "unit_id": null })),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let line_admin = grant_id(&with, "admin");
    // A link to choose Line's password would hand Hilde Line's account: only a platform
    // admin may make one for an admin.
    let link = format!("/api/v1/admin/people/{line_id}/invitation");
    let res = call(&app, &hilde, Method::POST, &link, None).await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;

    // Both admins take the other's admin grant at the same moment: one of them stays admin.
    let line = app.signed_in(LINE).await;
    let hilde_seen = ok(
        app.get(&line, &format!("/api/v1/admin/people/{hilde_id}"))
            .await,
        StatusCode::OK,
    )
    .await;
    let hilde_admin = grant_id(&hilde_seen, "admin");
    let (take_line, take_hilde) = (
        format!("/api/v1/admin/grants/{line_admin}"),
        format!("/api/v1/admin/grants/{hilde_admin}"),
    );
    let (a, b) = tokio::join!(
        call(&app, &hilde, Method::DELETE, &take_line, None),
        call(&app, &line, Method::DELETE, &take_hilde, None),
    );
    let succeeded = [a.status(), b.status()]
        .iter()
        .filter(|s| **s == StatusCode::OK)
        .count();
    assert!(succeeded <= 1, "{} {}", a.status(), b.status());
    let organisation = "/api/v1/admin/organisation";
    let hilde_still = app.get(&hilde, organisation).await.status() == StatusCode::OK;
    let line_still = app.get(&line, organisation).await.status() == StatusCode::OK;
    assert!(hilde_still || line_still, "somebody administers Nordvik");
}

#[tokio::test]
async fn a_unit_is_renamed_and_moved_and_its_leaders_follow_never_into_a_loop() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let org = ok(
        app.get(&hilde, "/api/v1/admin/organisation").await,
        StatusCode::OK,
    )
    .await;
    let units = &org["units"];
    let top = id_named(units, "Nordvik kommune");
    let care = id_named(units, "Helse og omsorg");
    let north = id_named(units, "Hjemmetjenesten nord");
    let south = id_named(units, "Hjemmetjenesten sør");
    let put = |id: i64, body: Value| {
        let path = format!("/api/v1/admin/units/{id}");
        let (app, hilde) = (&app, &hilde);
        async move { call(app, hilde, Method::PUT, &path, Some(body)).await }
    };

    // Line leads the north district: Aisha, in the south, is not hers to follow.
    let line = app.signed_in(LINE).await;
    assert!(!followed(&app, &line)
        .await
        .contains(&"Aisha Rahman".to_string()));
    // The south district renamed and moved below the north one: now she is.
    let moved = ok(
        put(
            south,
            json!({ "code": "HJT-S", "name": "Sør-teamet", "parent_id": north }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (&moved["name"], &moved["parent_id"]),
        (&json!("Sør-teamet"), &json!(north))
    );
    assert!(followed(&app, &line)
        .await
        .contains(&"Aisha Rahman".to_string()));

    // No loops, the top stays on top, codes stay the organisation's own.
    let refusals = [
        (
            care,
            json!({ "code": "HO", "name": "Helse og omsorg", "parent_id": south }),
        ),
        (
            north,
            json!({ "code": "HJT-N", "name": "Hjemmetjenesten nord", "parent_id": north }),
        ),
        (
            top,
            json!({ "code": "nordvik-kommune", "name": "Nordvik kommune", "parent_id": care }),
        ),
        (
            north,
            json!({ "code": "HJT-N", "name": "Hjemmetjenesten nord", "parent_id": null }),
        ),
    ];
    for (id, body) in refusals {
        assert_eq!(
            field_error(put(id, body.clone()).await).await,
            "parent_id",
            "{body}"
        );
    }
    assert_eq!(
        field_error(
            put(
                north,
                json!({ "code": "HJT-S", "name": "Nord", "parent_id": care })
            )
            .await
        )
        .await,
        "code"
    );
    let renamed_top = ok(
        put(
            top,
            json!({ "code": "nordvik", "name": "Nordvik kommune", "parent_id": null }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(renamed_top["code"], "nordvik");

    // Another organisation's unit is not Hilde's to change.
    let hanne = app.signed_in(HANNE).await;
    let plans: Value = app.get(&hanne, "/api/v1/plans").await.json().await.unwrap();
    let clinic = plans["units"][0]["id"].as_i64().unwrap();
    let res = put(
        clinic,
        json!({ "code": "X", "name": "X", "parent_id": null }),
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn an_empty_unit_is_removed_and_a_profession_renamed_keeping_its_code() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let org = ok(
        call(
            &app,
            &hilde,
            Method::GET,
            "/api/v1/admin/organisation",
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let top = org["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["parent_id"].is_null())
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let north = id_named(&org["units"], "Hjemmetjenesten nord");
    let made = ok(
        call(
            &app,
            &hilde,
            Method::POST,
            "/api/v1/admin/units",
            Some(json!({ "code": "HJT-N-NATT", "name": "Nattpatruljen", "parent_id": north })),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let night = made["id"].as_i64().unwrap();

    // Units in use stay, and the refusal says what uses them.
    let res = call(
        &app,
        &hilde,
        Method::DELETE,
        &format!("/api/v1/admin/units/{north}"),
        None,
    )
    .await;
    let err = assert_error(res, StatusCode::CONFLICT, "unit_in_use").await;
    let message = err["error"]["message"].as_str().unwrap();
    for what in [
        "1 units below it",
        "people in it",
        "competence plans for it",
        "1 leaders of it",
    ] {
        assert!(message.contains(what), "{what}: {message}");
    }
    let res = call(
        &app,
        &hilde,
        Method::DELETE,
        &format!("/api/v1/admin/units/{top}"),
        None,
    )
    .await;
    let err = assert_error(res, StatusCode::CONFLICT, "unit_in_use").await;
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("top unit"));
    // Only its admins, only their own organisation's units.
    let line = app.signed_in(LINE).await;
    let res = call(
        &app,
        &line,
        Method::DELETE,
        &format!("/api/v1/admin/units/{night}"),
        None,
    )
    .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let hanne = app.signed_in(HANNE).await;
    let clinic: Value = app
        .get(&hanne, "/api/v1/leader/dashboard")
        .await
        .json()
        .await
        .unwrap();
    let elsewhere = clinic["unit"]["id"].as_i64().unwrap();
    let res = call(
        &app,
        &hilde,
        Method::DELETE,
        &format!("/api/v1/admin/units/{elsewhere}"),
        None,
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;

    // The empty one goes.
    let res = call(
        &app,
        &hilde,
        Method::DELETE,
        &format!("/api/v1/admin/units/{night}"),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let org = ok(
        call(
            &app,
            &hilde,
            Method::GET,
            "/api/v1/admin/organisation",
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(!org["units"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["id"] == night));
    let res = call(
        &app,
        &hilde,
        Method::DELETE,
        &format!("/api/v1/admin/units/{night}"),
        None,
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;

    // A profession is renamed; its code (which imports accept) stays; names stay distinct.
    let worker = org["professions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Helsefagarbeider")
        .unwrap()
        .clone();
    let path = format!("/api/v1/admin/professions/{}", worker["id"]);
    let renamed = ok(
        call(
            &app,
            &hilde,
            Method::PUT,
            &path,
            Some(json!({ "name": "Helsefagarbeider med fagbrev" })),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(renamed["name"], "Helsefagarbeider med fagbrev");
    assert_eq!(renamed["code"], worker["code"]);
    assert_eq!(renamed["people"], worker["people"]);
    let res = call(
        &app,
        &hilde,
        Method::PUT,
        &path,
        Some(json!({ "name": "sykepleier" })),
    )
    .await;
    assert_eq!(field_error(res).await, "name");
    let res = call(
        &app,
        &hilde,
        Method::PUT,
        "/api/v1/admin/professions/999999",
        Some(json!({ "name": "Jordmor" })),
    )
    .await;
    assert_error(res, StatusCode::NOT_FOUND, "not_found").await;
    let res = call(
        &app,
        &line,
        Method::PUT,
        &path,
        Some(json!({ "name": "Jordmor" })),
    )
    .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    // Her people show the new name.
    let aisha = app.user_id("aisha.rahman@demo.kursbro.no").await;
    let person = ok(
        call(
            &app,
            &hilde,
            Method::GET,
            &format!("/api/v1/admin/people/{aisha}"),
            None,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(person["profession"]["name"], "Helsefagarbeider med fagbrev");
}
