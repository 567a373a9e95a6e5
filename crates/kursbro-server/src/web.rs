//! Serving the built web app: precompressed files, long caching for fingerprinted assets,
//! `index.html` for every other path (the app's router handles deep links and its own 404)
//! except a fingerprinted asset that is not there, and a Content-Security-Policy that
//! allows exactly the app's own scripts.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// The static file service for `dist`.
pub fn static_files(dist: &Path) -> ServeDir<Router> {
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(Router::new().fallback(move |req: Request| app_or_missing(index.clone(), req)))
}

/// A path that is not a file: the app (`index.html`, whose router shows deep links and its
/// own "not found"), unless it names a fingerprinted asset. That is a file of another build,
/// asked for by a tab still running it: it gets a 404, so the tab's loader fails as it
/// should (and says so) instead of reading the app's HTML as a part, and no cache keeps the
/// HTML under the asset's name.
async fn app_or_missing(index: ServeFile, req: Request) -> Response {
    if is_fingerprinted(req.uri().path()) {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    match index.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    }
}

/// trunk names built assets `name-<hash>.ext`, the hash being a 64-bit number in hex (up to
/// 16 digits; fewer when it has leading zeros), and the app's parts are in a folder named
/// the same way (`/app-<hash>/split_learning.wasm`, scripts/build-app.sh); those never
/// change and may be cached for a year. Everything else (index.html above all) is
/// revalidated every time.
fn is_fingerprinted(path: &str) -> bool {
    let mut segments = path.trim_start_matches('/').split('/');
    let first = segments.next().unwrap_or("");
    match segments.next() {
        Some(file) => {
            first.strip_prefix("app-").is_some_and(is_hash)
                && segments.next().is_none()
                && !file.is_empty()
        }
        // wasm-bindgen adds `_bg` after the hash of the wasm file.
        None => first
            .split(['.', '_'])
            .next()
            .and_then(|stem| stem.rsplit_once('-'))
            .is_some_and(|(_, hash)| is_hash(hash)),
    }
}

/// 12 to 16 hex digits.
fn is_hash(s: &str) -> bool {
    (12..=16).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Middleware for the static service: sets `Cache-Control`.
pub async fn cache_control(req: Request, next: Next) -> Response {
    let immutable = is_fingerprinted(req.uri().path());
    let mut res = next.run(req).await;
    let value = if immutable && res.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    res
}

/// The CSP for the app: scripts only from us, plus the inline module loader trunk writes
/// into `index.html`, allowed by its hash (read from the built file at start-up).
pub fn content_security_policy(dist: &Path) -> String {
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let hashes: String = inline_scripts(&html)
        .map(|s| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The text of every `<script>` element without a `src` attribute.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let rest = &html[start..];
        let tag_end = rest.find('>')?;
        let tag = &rest[..tag_end];
        if tag.contains(" src=") {
            return None;
        }
        let body = &rest[tag_end + 1..];
        let close = body.find("</script>")?;
        Some(&body[..close])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_fingerprints_are_recognised() {
        assert!(is_fingerprinted("/kursbro-app-3f1e2a9c0b7d4e51_bg.wasm"));
        assert!(is_fingerprinted("/kursbro-app-3f1e2a9c0b7d4e51.js"));
        assert!(is_fingerprinted("/main-0123456789abcdef.css"));
        assert!(
            is_fingerprinted("/kursbro-app-57c7c49a45a48a3.js"),
            "leading zero dropped"
        );
        assert!(!is_fingerprinted("/sw.js"));
        assert!(!is_fingerprinted("/some-name.js"));
        assert!(!is_fingerprinted("/"));
        assert!(!is_fingerprinted("/index.html"));
        assert!(!is_fingerprinted("/katalog"));
        assert!(!is_fingerprinted("/moduler/smittevern"));
    }

    #[test]
    fn the_parts_folder_is_fingerprinted() {
        assert!(is_fingerprinted(
            "/app-b22378ec73ca0f06/split_learning.wasm"
        ));
        assert!(is_fingerprinted("/app-b22378ec73ca0f06/__wasm_split.js"));
        assert!(is_fingerprinted(
            "/app-b22378ec73ca0f06/kursbro-app_bg.wasm"
        ));
        assert!(!is_fingerprinted("/app-b22378ec73ca0f06/"));
        assert!(!is_fingerprinted("/app-b22378ec73ca0f06/a/b.wasm"));
        assert!(!is_fingerprinted("/app/split_learning.wasm"));
        assert!(!is_fingerprinted("/moduler/kurs-123456789abc"));
    }

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import x from '/b.js';</script></head>"#;
        let found: Vec<_> = inline_scripts(html).collect();
        assert_eq!(found, vec!["import x from '/b.js';"]);
    }
}
