use reqwest::StatusCode;
use serde_json::Value;

use kursbro_server::store;

use crate::helpers::*;

#[tokio::test]
async fn the_catalogue_lists_the_demo_programme_and_courses_without_sign_in() {
    let app = spawn_app().await;
    let res = app.get(&app.client(), "/api/v1/catalogue").await;
    assert_eq!(res.status(), StatusCode::OK);
    let cat: Value = res.json().await.unwrap();

    let programmes = cat["programmes"].as_array().unwrap();
    assert_eq!(programmes.len(), 1);
    let p = &programmes[0];
    assert_eq!(p["title"], "Helseinformatikk og digitalisering");
    assert_eq!(p["credits"], 20.0);
    let pm = p["modules"].as_array().unwrap();
    assert_eq!(pm.len(), 4);
    assert!(pm.iter().all(|m| m["required"] == true));

    let modules = cat["modules"].as_array().unwrap();
    let kind_count = |k: &str| modules.iter().filter(|m| m["kind"] == k).count();
    assert_eq!(kind_count("programme_module"), 4);
    assert_eq!(kind_count("statutory_course"), 3);
    for m in modules {
        assert!(m["activity_count"].as_u64().unwrap() >= 3, "{m}");
        assert!(!m["summary"].as_str().unwrap().is_empty());
        if m["kind"] == "programme_module" {
            assert_eq!(m["credits"], 5.0);
        } else {
            assert!(m["validity_months"].as_u64().unwrap() >= 12);
        }
    }
    let titles: Vec<&str> = modules
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Smittevern og basale smittevernrutiner"));
    assert!(titles.contains(&"Hjerte-lunge-redning (HLR)"));
}

#[tokio::test]
async fn a_module_page_has_its_activities_in_order_and_its_programme() {
    let app = spawn_app().await;
    let res = app
        .get(
            &app.client(),
            "/api/v1/modules/personvern-og-informasjonssikkerhet",
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let m: Value = res.json().await.unwrap();
    assert_eq!(
        m["module"]["title"],
        "Personvern og informasjonssikkerhet i helsetjenesten"
    );
    assert_eq!(m["module"]["provider"]["name"], "Høgskolen på Fjellstad");
    let acts = m["activities"].as_array().unwrap();
    assert_eq!(acts.len(), 4);
    let positions: Vec<u64> = acts
        .iter()
        .map(|a| a["position"].as_u64().unwrap())
        .collect();
    assert_eq!(positions, vec![1, 2, 3, 4]);
    let kinds: Vec<&str> = acts.iter().map(|a| a["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, vec!["lesson", "lesson", "quiz", "reflection"]);
    assert_eq!(
        m["programmes"][0]["slug"],
        "helseinformatikk-og-digitalisering"
    );
    assert!(m["description"].as_str().unwrap().contains("taushetsplikt"));
}

#[tokio::test]
async fn unknown_and_malformed_module_slugs_get_clear_errors() {
    let app = spawn_app().await;
    let client = app.client();
    assert_error(
        app.get(&client, "/api/v1/modules/finnes-ikke").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let err = assert_error(
        app.get(&client, "/api/v1/modules/Smittevern").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(err["error"]["field"], "slug");
    let long = "a".repeat(101);
    assert_error(
        app.get(&client, &format!("/api/v1/modules/{long}")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn unpublished_modules_are_not_shown() {
    let app = spawn_app().await;
    let mut c = app.db.conn().await.unwrap();
    store::content::set_module_published(&mut c, "smittevern", false)
        .await
        .unwrap();
    let client = app.client();
    assert_error(
        app.get(&client, "/api/v1/modules/smittevern").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let cat: Value = app
        .get(&client, "/api/v1/catalogue")
        .await
        .json()
        .await
        .unwrap();
    assert!(cat["modules"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["slug"] != "smittevern"));
}

#[tokio::test]
async fn demo_data_is_seeded_on_first_start_only() {
    let app = spawn_app().await;
    let before = store::testing::count_users(&app.db).await.unwrap();
    store::testing::rename_user(&app.db, LEARNER, "Kari Endret")
        .await
        .unwrap();

    // Start a second server on the same database.
    let second = kursbro_server::Application::build(app.config())
        .await
        .unwrap();
    let db = second.state.db.clone();
    assert_eq!(store::testing::count_users(&db).await.unwrap(), before);
    let id = app.user_id(LEARNER).await;
    let kari = store::people::user(&db, id).await.unwrap().unwrap();
    assert_eq!(kari.name, "Kari Endret", "existing data is left alone");
}

#[tokio::test]
async fn the_database_runs_in_wal_mode_with_foreign_keys() {
    let app = spawn_app().await;
    let Some((mode, fk, timeout)) = store::testing::sqlite_settings(&app.db).await.unwrap() else {
        // PostgreSQL: nothing of this applies (WAL and foreign keys are always on there).
        assert!(postgres_server().is_some());
        return;
    };
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert_eq!(timeout, 5000);
    assert!(app.dir.path().join("kursbro.db").is_file());
}
