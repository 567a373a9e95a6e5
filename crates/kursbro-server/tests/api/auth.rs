use reqwest::StatusCode;
use serde_json::{json, Value};

use kursbro_server::store::{self, testing};

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
    assert_eq!(
        me["grants"],
        serde_json::json!({ "facilitator": false, "leader_of": [], "admin": false, "platform_admin": false, "author": false })
    );
    assert_eq!(me["organisation"]["name"], "Nordvik kommune");
    assert_eq!(me["unit"]["name"], "Hjemmetjenesten nord");
    assert_eq!(me["profession"], "Sykepleier");

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

#[tokio::test]
async fn writes_from_other_sites_are_refused_even_without_a_body() {
    let app = spawn_app().await;
    let client = app.signed_in(LEARNER).await;
    let host = app.address.trim_start_matches("http://").to_string();
    // A page elsewhere makes the browser sign Kari out: refused, and she stays signed in.
    for (name, value) in [
        ("sec-fetch-site", "cross-site".to_string()),
        ("sec-fetch-site", "same-site".to_string()),
        ("origin", "https://evil.example".to_string()),
        ("origin", "null".to_string()),
    ] {
        let res = client
            .post(app.url("/api/v1/auth/logout"))
            .header(name, value.clone())
            .send()
            .await
            .unwrap();
        assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
        assert_eq!(
            app.get(&client, "/api/v1/me").await.status(),
            StatusCode::OK,
            "{name}: {value}"
        );
    }
    // Reading is not a write: a cross-site GET is left to the session rules.
    let res = client
        .get(app.url("/api/v1/catalogue"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // Our own pages (same origin) may write.
    let res = client
        .post(app.url("/api/v1/auth/logout"))
        .header("origin", format!("http://{host}"))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(&client, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_a_doubled_cookie_counts_as_none() {
    let app = spawn_app_with(|c| {
        c.public_url = Some("https://kurs.example.no".into());
        c.hsts = true;
    })
    .await;
    let res = app.login(&app.client(), LEARNER, DEMO_PASSWORD).await;
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("__Host-kursbro_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.to_lowercase().contains("domain="), "{cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    let me = |header: String| {
        let app = &app;
        async move {
            app.client()
                .get(app.url("/api/v1/me"))
                .header("cookie", header)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(me(pair.clone()).await, StatusCode::OK);
    // The same name twice (e.g. one planted by another page): neither is trusted.
    assert_eq!(
        me(format!("{pair}; __Host-kursbro_session=planted")).await,
        StatusCode::UNAUTHORIZED
    );
    // The plain-http name is not accepted over https.
    let plain = pair.replacen("__Host-", "", 1);
    assert_eq!(me(plain).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn signing_out_everywhere_ends_every_session_of_the_person() {
    let app = spawn_app().await;
    let phone = app.signed_in(LEARNER).await;
    let ward_pc = app.signed_in(LEARNER).await;
    let other = app.signed_in(LEARNER_COHORT_2).await;
    // Nobody signed in: nothing to end.
    let res = app
        .client()
        .post(app.url("/api/v1/auth/logout-everywhere"))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let res = phone
        .post(app.url("/api/v1/auth/logout-everywhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    for client in [&phone, &ward_pc] {
        assert_eq!(
            app.get(client, "/api/v1/me").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        app.get(&other, "/api/v1/me").await.status(),
        StatusCode::OK,
        "other people stay signed in"
    );
}

#[tokio::test]
async fn changing_the_password_ends_every_other_session_and_keeps_this_one() {
    let app = spawn_app().await;
    let phone = app.signed_in(LEARNER).await;
    let ward_pc = app.signed_in(LEARNER).await;
    let other = app.signed_in(LEARNER_COHORT_2).await;
    let change =
        |current: &str, new: &str| json!({ "current_password": current, "new_password": new });
    const PATH: &str = "/api/v1/auth/password";

    // Not signed in: 401. A wrong current password: 403, nothing changes, sessions stay.
    assert_error(
        app.post_json(
            &app.client(),
            PATH,
            &change(DEMO_PASSWORD, "fire ord er best"),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "unauthenticated",
    )
    .await;
    let err = assert_error(
        app.post_json(&phone, PATH, &change("gjettet-feil", "fire ord er best"))
            .await,
        StatusCode::FORBIDDEN,
        "wrong_password",
    )
    .await;
    assert_eq!(err["error"]["field"], "current_password");
    // The new one must be long enough, and new.
    for (new, problem) in [("kort", "at least 10"), (DEMO_PASSWORD, "differ")] {
        let err = assert_error(
            app.post_json(&phone, PATH, &change(DEMO_PASSWORD, new))
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert_eq!(err["error"]["field"], "new_password");
        assert!(
            err["error"]["message"].as_str().unwrap().contains(problem),
            "{err}"
        );
    }
    assert_eq!(
        app.get(&ward_pc, "/api/v1/me").await.status(),
        StatusCode::OK
    );

    // Changed from the phone: the ward PC is signed out, the phone goes on with a new
    // session, other people are untouched.
    let res = app
        .post_json(&phone, PATH, &change(DEMO_PASSWORD, "fire ord er best"))
        .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(
        res.headers().get("set-cookie").is_some(),
        "a new session cookie"
    );
    assert_eq!(
        app.get(&ward_pc, "/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.get(&phone, "/api/v1/me").await.status(), StatusCode::OK);
    assert_eq!(app.get(&other, "/api/v1/me").await.status(), StatusCode::OK);
    // The old password no longer signs in; the new one does.
    assert_error(
        app.login(&app.client(), LEARNER, DEMO_PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(
        app.login(&app.client(), LEARNER, "fire ord er best")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_borrowed_session_cannot_guess_the_password_quickly() {
    let app = spawn_app().await;
    let borrowed = app.signed_in(LEARNER).await;
    for i in 0..10 {
        let res = app
            .post_json(
                &borrowed,
                "/api/v1/auth/password",
                &json!({ "current_password": format!("gjett {i}"), "new_password": "overtatt konto!" }),
            )
            .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "guess {i}");
    }
    // The account's back-off now applies, here and at sign-in.
    let res = app
        .post_json(
            &borrowed,
            "/api/v1/auth/password",
            &json!({ "current_password": DEMO_PASSWORD, "new_password": "overtatt konto!" }),
        )
        .await;
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    assert_error(
        app.login(&app.client(), LEARNER, DEMO_PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
    )
    .await;
}

#[tokio::test]
async fn a_sign_in_checked_against_a_password_that_has_since_changed_gets_no_session() {
    let app = spawn_app().await;
    let kari = app.user_id(LEARNER).await;
    let now = chrono::Utc::now();
    let old = store::people::password_hash(&app.db, kari).await.unwrap();
    // The password changes while a sign-in with the old one is being verified…
    assert!(
        store::people::change_password(&app.db, kari, &old, "$argon2id$v=19$ny")
            .await
            .unwrap()
    );
    // (…and a second change checked against the old password changes nothing.)
    assert!(
        !store::people::change_password(&app.db, kari, &old, "$argon2id$v=19$tredje")
            .await
            .unwrap()
    );
    // …so the session that sign-in asks for is not made.
    assert!(
        !store::people::insert_session(&app.db, "token-a", kari, &old, now)
            .await
            .unwrap()
    );
    assert!(
        store::people::insert_session(&app.db, "token-b", kari, "$argon2id$v=19$ny", now)
            .await
            .unwrap()
    );
}

/// A client that says it comes from `ip` (through the configured proxy header).
async fn login_from(app: &TestApp, ip: &str, email: &str, password: &str) -> reqwest::Response {
    app.client()
        .post(app.url("/api/v1/auth/login"))
        .header("x-forwarded-for", format!("198.51.100.7, {ip}"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn guesses_at_one_account_from_many_addresses_are_slowed_but_never_lock_the_owner_out_for_long(
) {
    let app = spawn_app_with(|c| c.client_ip_header = Some("X-Forwarded-For".into())).await;
    // Ten addresses, one wrong guess each: each address is well under its own limit.
    for i in 0..10 {
        let res = login_from(&app, &format!("203.0.113.{i}"), LEARNER, "gjett").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "guess {i}");
    }
    // The account now asks for a short wait, from any address, even with the right password.
    let res = login_from(&app, "192.0.2.50", LEARNER, DEMO_PASSWORD).await;
    assert_eq!(res.headers()["retry-after"], "1");
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Other accounts are not affected.
    let res = login_from(&app, "192.0.2.50", LEARNER_COHORT_2, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
    // The owner gets in as soon as the short wait is over.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let res = login_from(&app, "192.0.2.50", LEARNER, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_client_address_comes_from_the_proxy_header_only_when_configured() {
    // Not configured: a client cannot dodge the address limit by inventing addresses.
    let app = spawn_app().await;
    for i in 0..10 {
        let res = login_from(
            &app,
            &format!("203.0.113.{i}"),
            &format!("x{i}@example.no"),
            "feil",
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = login_from(&app, "203.0.113.99", "y@example.no", "feil").await;
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;

    // Configured: the proxy's address for each client counts, so one client's typos do not
    // lock out everyone behind the proxy.
    let app = spawn_app_with(|c| c.client_ip_header = Some("X-Forwarded-For".into())).await;
    for i in 0..10 {
        let res = login_from(&app, "203.0.113.1", &format!("x{i}@example.no"), "feil").await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    }
    let res = login_from(&app, "203.0.113.1", "y@example.no", "feil").await;
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    let res = login_from(&app, "203.0.113.2", LEARNER, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn old_rate_limit_events_are_forgotten_when_a_server_starts_and_then_every_ten_minutes() {
    // A database with no server running yet, so nothing tidies behind the test's back.
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let db = kursbro_server::store::connect_and_migrate(&url)
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let old = now - chrono::Duration::days(2);
    let limit = kursbro_server::rate_limit::Limit::per_minute("login", 10);
    limit.record_at(&db, "192.0.2.9", old).await.unwrap();
    limit.record_at(&db, "192.0.2.10", now).await.unwrap();
    let count = |key: &'static str| {
        let db = db.clone();
        async move {
            let since = old - chrono::Duration::days(1);
            kursbro_server::store::limits::count_since(&db, "login", key, since)
                .await
                .unwrap()
                .0
        }
    };
    assert_eq!(
        (count("192.0.2.9").await, count("192.0.2.10").await),
        (1, 1)
    );

    let _server = kursbro_server::Application::build(config_in(dir.path(), &url))
        .await
        .unwrap();
    for _ in 0..100 {
        if count("192.0.2.9").await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(
        (count("192.0.2.9").await, count("192.0.2.10").await),
        (0, 1),
        "a day-old event is gone, a fresh one stays"
    );
}
