use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn malformed_bodies_get_4xx_with_a_reason() {
    let app = spawn_app().await;
    let client = app.client();
    let url = app.url("/api/v1/auth/login");

    let res = client
        .post(&url)
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    let body = assert_error(res, StatusCode::BAD_REQUEST, "invalid_body").await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("not valid JSON"));

    let res = client
        .post(&url)
        .header("content-type", "application/json")
        .body(r#"{"email": "kari@example.no"}"#)
        .send()
        .await
        .unwrap();
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("password"));

    let res = client
        .post(&url)
        .header("content-type", "application/json")
        .body(r#"{"email": 12, "password": "x"}"#)
        .send()
        .await
        .unwrap();
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    assert_eq!(body["error"]["field"], "email", "{body}");

    // A number larger than a double: valid JSON, a value out of range (422), not a
    // malformed body.
    let res = client
        .post(&url)
        .header("content-type", "application/json")
        .body(r#"{"email": 1e400, "password": "x"}"#)
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;

    // Not an object at all, or a key twice: refused, without Rust's type names.
    for (text, why) in [
        (r#"["kari@example.no", "x"]"#, "an array"),
        (r#""kari""#, "a string"),
        (
            r#"{"email": "kari@example.no", "email": "ola@example.no", "password": "x"}"#,
            "a duplicate key",
        ),
    ] {
        let res = client
            .post(&url)
            .header("content-type", "application/json; charset=utf-8")
            .body(text)
            .send()
            .await
            .unwrap();
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
        let message = body["error"]["message"].as_str().unwrap();
        assert!(
            !message.contains("struct") && !message.contains("Request"),
            "{why}: {message}"
        );
        if why == "a duplicate key" {
            assert!(message.contains("duplicate field `email`"), "{message}");
        }
    }
    // Something after the JSON value is not JSON.
    let res = client
        .post(&url)
        .header("content-type", "application/json")
        .body(r#"{"email": "kari@example.no", "password": "x"} {}"#)
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::BAD_REQUEST, "invalid_body").await;

    let res = client.post(&url).body("email=kari").send().await.unwrap();
    assert_error(
        res,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;

    let huge = format!(
        r#"{{"email": "kari@example.no", "password": "{}"}}"#,
        "x".repeat(kursbro_server::startup::MAX_BODY_BYTES)
    );
    let res = client
        .post(&url)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

#[tokio::test]
async fn unknown_api_paths_and_methods_get_json_errors() {
    let app = spawn_app().await;
    let client = app.client();
    for path in [
        "/api/v1/finnes-ikke",
        "/api/v2/catalogue",
        "/api",
        "/api/v1/modules/a/b",
    ] {
        assert_error(
            app.get(&client, path).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let res = client
        .delete(app.url("/api/v1/catalogue"))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    let res = client
        .get(app.url("/api/v1/auth/login"))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
}

#[tokio::test]
async fn internal_errors_are_opaque() {
    let app = spawn_app().await;
    // Break the database under the running server.
    kursbro_server::store::testing::break_schema(&app.db)
        .await
        .unwrap();
    let res = app.get(&app.client(), "/api/v1/catalogue").await;
    let body = assert_error(res, StatusCode::INTERNAL_SERVER_ERROR, "internal").await;
    let text = body.to_string().to_lowercase();
    for leak in ["sql", "programme_modules", "table", "sqlx"] {
        assert!(!text.contains(leak), "leaks {leak:?}: {text}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_endpoints() {
    let app = spawn_app().await;
    let res = app.get(&app.client(), "/api/v1/openapi.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/catalogue",
        "/api/v1/modules/{slug}",
        "/api/v1/cohorts",
        "/api/v1/users",
        "/api/v1/health",
        "/api/v1/events",
        "/api/v1/progress",
        "/api/v1/modules/{slug}/progress",
        "/api/v1/programmes/{slug}",
        "/api/v1/enrolments",
        "/api/v1/enrolments/modules/{slug}",
        "/api/v1/cohorts/{id}/grid",
        "/api/v1/cohorts/{id}/grid.csv",
        "/api/v1/cohorts/{id}/learners/{user_id}/modules/{slug}",
        "/api/v1/cohorts/{id}/members",
        "/api/v1/cohorts/{id}/members/{user_id}",
        "/api/v1/cohorts/{id}/candidates",
        "/api/v1/discussions/modules/{slug}/threads",
        "/api/v1/discussions/cohorts/{id}/threads",
        "/api/v1/threads/{id}",
        "/api/v1/threads/{id}/posts",
        "/api/v1/posts/{id}",
        "/api/v1/posts/{id}/hide",
        "/api/v1/posts/{id}/restore",
        "/api/v1/posts/{id}/report",
        "/api/v1/moderation/reports",
    ] {
        assert!(paths.contains_key(p), "missing {p}");
    }
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    assert!(doc["components"]["schemas"]["ModuleDetail"].is_object());
}

#[tokio::test]
async fn text_that_hides_what_it_says_is_refused_in_every_text_field() {
    let app = spawn_app().await;
    let marte = app.signed_in(FACILITATOR).await;
    let area = "/api/v1/discussions/modules/personvern-og-informasjonssikkerhet/threads";
    let cases = [
        (
            "title",
            json!({ "title": "abc\u{202e}gnp.exe", "body": "tekst" }),
        ),
        (
            "title",
            json!({ "title": "\u{200b}\u{200b}\u{feff}", "body": "tekst" }),
        ),
        ("title", json!({ "title": "nul\u{0}byte", "body": "tekst" })),
        (
            "body",
            json!({ "title": "Tittel", "body": "\u{2066}skjult\u{2069}" }),
        ),
    ];
    for (field, body) in cases {
        let res = app.post_json(&marte, area, &body).await;
        let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(err["error"]["field"], field, "{body}");
    }
    // The same rule guards cohort names…
    let res = app
        .post_json(
            &marte,
            "/api/v1/cohorts",
            &json!({ "name": "\u{200d}", "programme": "helseinformatikk-og-digitalisering", "starts_on": "2027-01-04" }),
        )
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    // …and reflections sent from a device.
    let kari = app.signed_in(LEARNER).await;
    let reflection = activity(&app, "personvern-og-informasjonssikkerhet", "reflection").await;
    let res = app
        .post_json(
            &kari,
            "/api/v1/events",
            &json!({ "id": "hidden-text-1", "occurred_at": "2026-11-20T08:00:00Z",
                     "action": { "kind": "reflection_submitted", "activity_id": reflection,
                                 "text": "ok\u{202e}" } }),
        )
        .await;
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    // Ordinary Norwegian text with an emoji built by a zero-width joiner is welcome.
    let res = app
        .post_json(
            &marte,
            area,
            &json!({ "title": "Vakt på lørdag 👩\u{200d}⚕️", "body": "Hvem tar den?" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn the_openapi_document_is_exact() {
    let app = spawn_app().await;
    let doc: Value = app
        .get(&app.client(), "/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    // The catalogue's filters are optional query parameters, not path parameters.
    let params = doc["paths"]["/api/v1/catalogue"]["get"]["parameters"]
        .as_array()
        .unwrap();
    assert_eq!(params.len(), 8);
    for p in params {
        assert_eq!(p["in"], "query", "{p}");
        assert_ne!(p["required"], true, "{p}");
    }
    let limit = params.iter().find(|p| p["name"] == "limit").unwrap();
    assert_eq!(limit["schema"]["maximum"], 100);
    // Every schema that is referenced exists.
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            schemas.contains_key(name),
            "{name} is referenced but missing"
        );
    }
    // The session cookie is a security scheme, required where a session is.
    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["in"],
        "cookie"
    );
    assert!(doc["paths"]["/api/v1/progress"]["get"]["security"].is_array());
    assert!(doc["paths"]["/api/v1/catalogue"]["get"]["security"].is_null());
    // Bodies document their refusals.
    let events = &doc["paths"]["/api/v1/events"]["post"]["responses"];
    for status in ["400", "401", "413", "415", "422", "500"] {
        assert!(events[status].is_object(), "POST /events lacks {status}");
    }
    // The password limits in the document are the rules' own.
    let new_password =
        &doc["components"]["schemas"]["ChangePasswordRequest"]["properties"]["new_password"];
    assert_eq!(
        new_password["minLength"],
        kursbro_shared::validation::PASSWORD_MIN_CHARS
    );
    assert_eq!(
        new_password["maxLength"],
        kursbro_shared::validation::PASSWORD_MAX_CHARS
    );
    // A page larger than allowed is refused, not silently made smaller.
    let res = app.get(&app.client(), "/api/v1/catalogue?limit=101").await;
    let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(err["error"]["field"], "limit");

    // The whole document is pinned: a change to the API shows up in review as a change
    // to tests/api/snapshots/ (update with INSTA_UPDATE=always after checking it).
    insta::assert_json_snapshot!("openapi", doc);
}
