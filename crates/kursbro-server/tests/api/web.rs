//! Serving the built app: deep links fall back to index.html, caching and CSP headers.

use reqwest::StatusCode;

use crate::helpers::*;

const INDEX: &str = r#"<!doctype html><html lang="nb"><head><link rel="stylesheet" href="/style-0123456789abcdef.css"><script type="module">import init from '/app-0123456789abcdef.js'; init();</script></head><body></body></html>"#;

async fn app_with_dist() -> TestApp {
    spawn_app_with(|c| {
        std::fs::create_dir_all(&c.dist).unwrap();
        std::fs::write(c.dist.join("index.html"), INDEX).unwrap();
        std::fs::write(c.dist.join("style-0123456789abcdef.css"), "body{}").unwrap();
        let parts = c.dist.join("app-0123456789abcdef");
        std::fs::create_dir_all(&parts).unwrap();
        std::fs::write(parts.join("split_learning.wasm"), "\0asm").unwrap();
    })
    .await
}

#[tokio::test]
async fn deep_links_get_the_app_and_are_revalidated() {
    let app = app_with_dist().await;
    let client = app.client();
    for path in ["/", "/katalog", "/moduler/smittevern", "/finnes/ikke"] {
        let res = app.get(&client, path).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert_eq!(res.text().await.unwrap(), INDEX);
    }
}

#[tokio::test]
async fn fingerprinted_assets_are_cached_for_a_year() {
    let app = app_with_dist().await;
    let res = app.get(&app.client(), "/style-0123456789abcdef.css").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.text().await.unwrap(), "body{}");
}

#[tokio::test]
async fn a_missing_fingerprinted_asset_is_not_found_rather_than_the_app() {
    let app = app_with_dist().await;
    let client = app.client();
    for path in [
        "/app-0123456789abcdef/split_staff.wasm",
        "/app-fedcba9876543210/split_learning.wasm",
        "/style-fedcba9876543210.css",
    ] {
        let res = app.get(&client, path).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{path}");
        assert_ne!(res.text().await.unwrap(), INDEX, "{path}");
    }
    // A file of the build that is there is served, and kept.
    let res = app
        .get(&client, "/app-0123456789abcdef/split_learning.wasm")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.text().await.unwrap(), "\0asm");
}

#[tokio::test]
async fn the_csp_allows_exactly_the_inline_loader() {
    use base64::Engine;
    use sha2::Digest;
    let app = app_with_dist().await;
    let res = app.get(&app.client(), "/").await;
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let script = "import init from '/app-0123456789abcdef.js'; init();";
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script));
    assert!(csp.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
}

#[tokio::test]
async fn api_paths_never_fall_back_to_the_app() {
    let app = app_with_dist().await;
    assert_error(
        app.get(&app.client(), "/api/v1/finnes-ikke").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(app.dist().join("index.html").is_file());
}
