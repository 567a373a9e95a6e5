//! Refuses state-changing requests that another site makes a browser send.
//!
//! SameSite=Lax keeps the session cookie off most cross-site requests, and bodies must be
//! JSON; this closes the rest, including endpoints without a body (sign-out, restore).
//! Browsers say where a request comes from: `Sec-Fetch-Site` (all current browsers) and
//! `Origin`. A write is refused when `Sec-Fetch-Site` is anything but `same-origin` or
//! `none` (typed by the user), or, without it, when `Origin` is not our own. Requests with
//! neither header do not come from a browser page and are left to the session check.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::Config;
use crate::error::ApiError;
use crate::state::AppState;

pub async fn refuse_cross_site(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    if is_cross_site(&state.config, req.method(), req.headers()) {
        tracing::warn!(
            target: "kursbro::security",
            event = "cross_site_refused",
            method = %req.method(),
            path = %req.uri().path()
        );
        return ApiError::CrossSite.into_response();
    }
    next.run(req).await
}

fn is_cross_site(config: &Config, method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = text(header::ORIGIN) else {
        return false;
    };
    match config.public_url.as_deref() {
        Some(public) => !same_origin(origin, public),
        None => {
            let authority = origin.split_once("://").map(|(_, rest)| rest);
            authority.is_none() || authority != text(header::HOST)
        }
    }
}

/// Whether `origin` (scheme://host[:port]) is the origin of `url`.
fn same_origin(origin: &str, url: &str) -> bool {
    let url = url.trim_end_matches('/');
    let end = url
        .find("://")
        .and_then(|i| url[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(url.len());
    origin.eq_ignore_ascii_case(&url[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_by_scheme_host_and_port() {
        assert!(same_origin(
            "https://kurs.example.no",
            "https://kurs.example.no/"
        ));
        assert!(same_origin(
            "https://kurs.example.no",
            "https://kurs.example.no/app"
        ));
        assert!(!same_origin(
            "https://evil.example",
            "https://kurs.example.no"
        ));
        assert!(!same_origin(
            "http://kurs.example.no",
            "https://kurs.example.no"
        ));
        assert!(!same_origin(
            "https://kurs.example.no:8443",
            "https://kurs.example.no"
        ));
    }
}
