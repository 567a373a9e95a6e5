use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use axum_extra::extract::CookieJar;
use kursbro_shared::admin::{
    validate_accept_invitation, validate_invitation_token, AcceptInvitation, InvitationInfo,
    InvitationToken,
};
use kursbro_shared::api::{ChangePasswordRequest, ErrorBody, LoginRequest, Me};
use kursbro_shared::validation::{
    normalise_email, validate_login, validate_password_change, validate_password_is_new,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiError, ApiJson, ApiResult};
use crate::password;
use crate::rate_limit::AccountBackoff;
use crate::session::{self, AuthUser};
use crate::state::AppState;
use crate::store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(logout_everywhere))
        .routes(routes!(change_password))
        .routes(routes!(me))
        .routes(routes!(check_invitation))
        .routes(routes!(accept_invitation))
}

/// Signs in with e-mail and password and sets the session cookie.
///
/// After too many failed attempts from one address within a minute, every attempt from it
/// is answered 429 (with `Retry-After`) until the minute has passed. After ten failures at
/// one account within 15 minutes, from wherever, each further attempt at it must wait a
/// little longer (1, 2, 4 … seconds, at most a minute) after the latest failure.
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
    let ip = client_address(&state, &headers, peer).to_string();
    if let Err(e) = state.login_failures.check(&state.db, &ip).await {
        tracing::warn!(target: "kursbro::security", event = "sign_in_throttled", by = "address", client = %ip);
        return Err(e);
    }
    validate_login(&req)?;
    let email = normalise_email(&req.email);
    let account = AccountBackoff::key(&email);
    let now = chrono::Utc::now();
    if let Err(e) = AccountBackoff::check(&state.db, &account, now).await {
        tracing::warn!(target: "kursbro::security", event = "sign_in_throttled", by = "account", client = %ip, account = %account);
        return Err(e);
    }

    let row = store::people::login_row(&state.db, &email).await?;

    // Verify against a dummy hash for unknown addresses: same work, same time.
    let stored = row.as_ref().map_or_else(
        || password::dummy_hash().to_owned(),
        |r| r.password_hash.clone(),
    );
    let matches = password::verify_blocking(req.password, stored.clone()).await?;

    let Some(row) = row.filter(|_| matches) else {
        state.login_failures.record(&state.db, &ip).await?;
        AccountBackoff::record(&state.db, &account, now).await?;
        // A security event: the client address and a hash of the account (no e-mail
        // address or password in the log).
        tracing::warn!(target: "kursbro::security", event = "sign_in_failed", client = %ip, account = %account);
        return Err(ApiError::InvalidCredentials);
    };

    let grants = store::people::grants(&state.db, row.user.id).await?;
    let user = AuthUser::from_rows(row.user, grants)?;
    // The password changed while it was being checked: as if it were wrong.
    let Some(token) = session::create(&state, user.id, &stored).await? else {
        return Err(ApiError::InvalidCredentials);
    };
    let me = user.to_me();
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
    if let Some(token) = session::token(&state, &headers) {
        session::delete(&state, &token).await?;
    }
    let jar = jar.add(session::removal_cookie(&state, &headers));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// Signs out on every device: all of the person's sessions end, this one too.
#[utoipa::path(post, path = "/auth/logout-everywhere", tag = "auth",
    responses(
        (status = 204, description = "Every session of this person has ended"),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn logout_everywhere(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    jar: CookieJar,
) -> ApiResult<(StatusCode, CookieJar)> {
    store::people::delete_sessions_of(&state.db, user.id).await?;
    tracing::info!(target: "kursbro::security", event = "signed_out_everywhere", user = user.id);
    let jar = jar.add(session::removal_cookie(&state, &headers));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// Changes the signed-in person's password. Every session of the person ends (the other
/// devices are signed out) and this device gets a new session cookie.
///
/// A wrong current password is 403 `wrong_password` (the session stays); wrong guesses
/// count towards the account's sign-in back-off, so a borrowed session cannot be used to
/// guess the password quickly.
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed; every other session has ended, a new cookie is set"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The current password is wrong", body = ErrorBody),
        (status = 422, description = "The new password is too short, too long, hidden or the current one", body = ErrorBody),
        (status = 429, description = "Too many wrong passwords; wait", body = ErrorBody),
    ))]
async fn change_password(
    State(state): State<AppState>,
    user: AuthUser,
    headers: HeaderMap,
    jar: CookieJar,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> ApiResult<(StatusCode, CookieJar)> {
    validate_password_change(&req)?;
    let account = AccountBackoff::key(&normalise_email(&user.email));
    let now = chrono::Utc::now();
    AccountBackoff::check(&state.db, &account, now).await?;
    let stored = store::people::password_hash(&state.db, user.id).await?;
    let matches = password::verify_blocking(req.current_password.clone(), stored.clone()).await?;
    if !matches {
        AccountBackoff::record(&state.db, &account, now).await?;
        tracing::warn!(target: "kursbro::security", event = "password_change_refused", user = user.id, account = %account);
        return Err(ApiError::WrongPassword);
    }
    validate_password_is_new(&req)?;
    let hash = password::hash_blocking(req.new_password).await?;
    if !store::people::change_password(&state.db, user.id, &stored, &hash).await? {
        // Changed by another request since it was checked: this one was against the old.
        return Err(ApiError::WrongPassword);
    }
    tracing::info!(target: "kursbro::security", event = "password_changed", user = user.id);
    // None only if it changed yet again meanwhile: then this device is signed out too.
    let Some(token) = session::create(&state, user.id, &hash).await? else {
        return Err(ApiError::Unauthenticated);
    };
    let jar = jar.add(session::session_cookie(&state, &headers, token));
    Ok((StatusCode::NO_CONTENT, jar))
}

/// The client's address: the connection's, or — only when configured, because a client
/// can send any header — the last address in the reverse proxy's header.
fn client_address(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> IpAddr {
    state
        .config
        .client_ip_header
        .as_deref()
        .and_then(|name| headers.get_all(name).iter().next_back())
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| peer.ip())
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

/// Whom a link to choose a password is for (to greet them first). The token goes in the
/// body, never in an address.
#[utoipa::path(post, path = "/auth/invitation/check", tag = "auth", request_body = InvitationToken,
    responses(
        (status = 200, body = InvitationInfo),
        (status = 404, description = "The link is unknown, used or expired", body = ErrorBody),
        (status = 422, description = "Not a token", body = ErrorBody),
    ))]
async fn check_invitation(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<InvitationToken>,
) -> ApiResult<Json<InvitationInfo>> {
    validate_invitation_token(&req.token)?;
    let user = store::people::invitation_user(
        &state.db,
        &session::token_hash(&req.token),
        chrono::Utc::now(),
    )
    .await?
    .ok_or(ApiError::NotFound("invitation"))?;
    let person = store::admin::person(&state.db, user)
        .await?
        .ok_or(ApiError::NotFound("invitation"))?;
    Ok(Json(InvitationInfo {
        organisation: store::admin::organisation_name(&state.db, person.organisation_id)
            .await?
            .unwrap_or_default(),
        name: person.name,
        email: person.email,
        has_password: person.has_password,
    }))
}

/// Chooses a password with a link: the link is used up, every other session of the person
/// ends, and they are signed in here (the session cookie is set).
#[utoipa::path(post, path = "/auth/invitation/accept", tag = "auth", request_body = AcceptInvitation,
    responses(
        (status = 200, description = "The password is set and the person signed in", body = Me),
        (status = 404, description = "The link is unknown, used or expired", body = ErrorBody),
        (status = 422, description = "Not a token, or the password is too short, too long or hidden", body = ErrorBody),
    ))]
async fn accept_invitation(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    ApiJson(req): ApiJson<AcceptInvitation>,
) -> ApiResult<(CookieJar, Json<Me>)> {
    validate_accept_invitation(&req)?;
    let token_hash = session::token_hash(&req.token);
    let now = chrono::Utc::now();
    // Checked before hashing, so an unknown link costs no argon2 work.
    if store::people::invitation_user(&state.db, &token_hash, now)
        .await?
        .is_none()
    {
        return Err(ApiError::NotFound("invitation"));
    }
    let hash = password::hash_blocking(req.new_password).await?;
    let user_id = store::people::accept_invitation(&state.db, &token_hash, &hash, now)
        .await?
        .ok_or(ApiError::NotFound("invitation"))?;
    tracing::info!(target: "kursbro::security", event = "password_set_by_link", user = user_id);
    let row = store::people::user(&state.db, user_id)
        .await?
        .ok_or(ApiError::NotFound("invitation"))?;
    let grants = store::people::grants(&state.db, user_id).await?;
    let user = AuthUser::from_rows(row, grants)?;
    let Some(token) = session::create(&state, user.id, &hash).await? else {
        return Err(ApiError::NotFound("invitation"));
    };
    let jar = jar.add(session::session_cookie(&state, &headers, token));
    Ok((jar, Json(user.to_me())))
}
