use reqwest::StatusCode;
use serde_json::{json, Value};

use kursbro_server::store::testing;

use crate::helpers::*;

#[tokio::test]
async fn sign_in_sets_a_safe_session_cookie_and_me_answers() {
    let app = spawn_app().await;
    let client = app.client();

    let res = app.get(&client, "/api/v1/me").await;
    assert_error(res, StatusCode::UNAUTHORIZED, "unauthenticated").await;

    let res = app
        .login(&client, "  Kari.Nordmann@Demo.Kursbro.no ", DEMO_PASSWORD)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("kursbro_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain http: no Secure flag: {cookie}"
    );
    let me: Value = res.json().await.unwrap();
    assert_eq!(me["email"], LEARNER);
    assert_eq!(me["role"], "learner");
    assert_eq!(me["organisation"]["name"], "Nordvik kommune");

    let me: Value = app.get(&client, "/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["name"], "Kari Nordmann");

    // Only a hash of the token is stored.
    let token = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("kursbro_session=");
    let stored = testing::session_hashes(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    assert!(!stored[0].is_empty());
}

#[tokio::test]
async fn the_cookie_is_secure_behind_https() {
    let app = spawn_app().await;
    let res = app
        .client()
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-proto", "https")
        .json(&json!({ "email": LEARNER, "password": DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");

    let app = spawn_app_with(|c| c.secure_cookies = true).await;
    let res = app.login(&app.client(), LEARNER, DEMO_PASSWORD).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn sign_out_deletes_the_session_on_the_server() {
    let app = spawn_app().await;
    let client = app.client();
    let res = app.login(&client, LEARNER, DEMO_PASSWORD).await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    let pair = cookie.split(';').next().unwrap().to_owned();

    let res = client
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let cleared = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_error(
        app.get(&client, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;

    // A copy of the old cookie is worthless: the session is gone, not just the cookie.
    let res = app
        .client()
        .get(app.url("/api/v1/me"))
        .header("cookie", pair)
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    assert!(testing::session_hashes(&app.db).await.unwrap().is_empty());

    // Signing out twice is harmless.
    let res = client
        .post(app.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_clear_answer() {
    let app = spawn_app().await;
    let client = app.client();
    let wrong = assert_error(
        app.login(&client, LEARNER, "not-the-password").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let unknown = assert_error(
        app.login(&client, "nobody@demo.kursbro.no", DEMO_PASSWORD)
            .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(wrong, unknown, "no hint about which part was wrong");
    assert!(app
        .get(&client, "/api/v1/me")
        .await
        .status()
        .is_client_error());
}

#[tokio::test]
async fn ten_failures_in_a_minute_from_one_address_then_429() {
    let app = spawn_app().await;
    let client = app.client();
    for i in 0..10 {
        let res = app.login(&client, LEARNER, &format!("wrong-{i}")).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "attempt {}", i + 1);
    }
    // The 11th attempt is refused even with the right password.
    let res = app.login(&client, LEARNER, DEMO_PASSWORD).await;
    let retry_after: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
}

#[tokio::test]
async fn successful_sign_ins_are_not_limited() {
    let app = spawn_app().await;
    for _ in 0..12 {
        let res = app.login(&app.client(), LEARNER, DEMO_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn sign_in_input_is_validated_with_the_field_named() {
    let app = spawn_app().await;
    let client = app.client();
    let cases = [
        (json!({"email": "", "password": "x"}), "email"),
        (json!({"email": "kari", "password": "x"}), "email"),
        (
            json!({"email": "a".repeat(250) + "@x.no", "password": "x"}),
            "email",
        ),
        (json!({"email": LEARNER, "password": ""}), "password"),
        (
            json!({"email": LEARNER, "password": "p".repeat(1025)}),
            "password",
        ),
    ];
    for (body, field) in cases {
        let res = app.post_json(&client, "/api/v1/auth/login", &body).await;
        let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(err["error"]["field"], field);
    }
    // Validation failures are not counted as wrong passwords.
    let res = app.login(&client, LEARNER, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn idle_and_old_sessions_expire() {
    let app = spawn_app().await;
    let client = app.signed_in(LEARNER).await;
    assert_eq!(
        app.get(&client, "/api/v1/me").await.status(),
        StatusCode::OK
    );

    // Four days without use (idle limit: 72 hours).
    let past = chrono::Utc::now() - chrono::Duration::days(4);
    testing::age_sessions(&app.db, Some(past), None)
        .await
        .unwrap();
    assert_error(
        app.get(&client, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;

    // In use every day, but signed in 15 days ago (absolute limit: 14 days).
    let client = app.signed_in(LEARNER).await;
    let past = chrono::Utc::now() - chrono::Duration::days(15);
    testing::age_sessions(&app.db, None, Some(past))
        .await
        .unwrap();
    assert_error(
        app.get(&client, "/api/v1/me").await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    assert!(
        testing::session_hashes(&app.db).await.unwrap().is_empty(),
        "expired sessions are deleted"
    );
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id() {
    let app = spawn_app().await;
    let hashes = testing::password_hashes(&app.db).await.unwrap();
    assert!(hashes.len() >= 8);
    for h in &hashes {
        assert!(h.starts_with("$argon2id$"), "{h}");
    }
    let mut unique: Vec<_> = hashes.iter().collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), hashes.len(), "every user has their own salt");
}
