use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use axum_extra::extract::CookieJar;
use kursbro_shared::api::{ErrorBody, LoginRequest, Me};
use kursbro_shared::validation::{normalise_email, validate_login};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiError, ApiJson, ApiResult};
use crate::password;
use crate::session::{self, AuthUser, COOKIE_NAME};
use crate::state::AppState;
use crate::store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
}

/// Signs in with e-mail and password and sets the session cookie.
///
/// After too many failed attempts from one address within a minute, every attempt from it
/// is answered 429 (with `Retry-After`) until the minute has passed.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; the session cookie is set", body = Me),
        (status = 401, description = "Wrong e-mail or password", body = ErrorBody),
        (status = 422, description = "A field is missing, too long or malformed", body = ErrorBody),
        (status = 429, description = "Too many failed attempts", body = ErrorBody),
    ))]
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    ApiJson(req): ApiJson<LoginRequest>,
) -> ApiResult<(CookieJar, Json<Me>)> {
    let ip = peer.ip().to_string();
    state.login_failures.check(&state.db, &ip).await?;
    validate_login(&req)?;

    let row = store::people::login_row(&state.db, &normalise_email(&req.email)).await?;

    // Verify against a dummy hash for unknown addresses: same work, same time.
    let stored = row.as_ref().map_or_else(
        || password::dummy_hash().to_owned(),
        |r| r.password_hash.clone(),
    );
    let password = req.password;
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .map_err(|e| anyhow::anyhow!("password check panicked: {e}"))?;

    let Some(row) = row.filter(|_| matches) else {
        state.login_failures.record(&state.db, &ip).await?;
        tracing::info!(%ip, "failed sign-in");
        return Err(ApiError::InvalidCredentials);
    };

    let user = row.user.into_summary()?;
    let token = session::create(&state, user.id).await?;
    let me = Me {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        organisation: user.organisation,
    };
    let jar = jar.add(session::session_cookie(&state, &headers, token));
    Ok((jar, Json(me)))
}

/// Signs out: the session is deleted on the server and the cookie cleared. Answers 204
/// also when there was no session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out")))]
async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
) -> ApiResult<(StatusCode, CookieJar)> {
    if let Some(cookie) = jar.get(COOKIE_NAME) {
        session::delete(&state, cookie.value()).await?;
    }
    let jar = jar.add(session::removal_cookie(&state, &headers));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// The signed-in person.
#[utoipa::path(get, path = "/me", tag = "auth",
    responses(
        (status = 200, body = Me),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn me(user: AuthUser) -> Json<Me> {
    Json(user.to_me())
}
