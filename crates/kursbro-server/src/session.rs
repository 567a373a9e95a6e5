//! Server-side sessions and the extractor that tells a handler who is asking.
//!
//! The cookie carries 256 random bits; the database keeps only their SHA-256. A session
//! ends after `session_idle` without use, `session_max` after sign-in, or at sign-out.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, SameSite};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use kursbro_shared::api::{Grants, Me, OrganisationRef, UnitRef};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::rows::{self, GrantRow, UserRow};
use crate::state::AppState;
use crate::store;

/// The session cookie's name over plain http (development, tests).
pub const COOKIE_NAME: &str = "kursbro_session";
/// Its name over https: browsers accept a `__Host-` cookie only when it is `Secure`, has
/// `Path=/` and no `Domain`, so no subdomain or plain-http page can set or shadow it.
pub const SECURE_COOKIE_NAME: &str = "__Host-kursbro_session";

/// `last_seen_at` is written at most this often, so reading pages is not a write each time.
const TOUCH_INTERVAL: chrono::Duration = chrono::Duration::minutes(5);

/// A new random session token (what the cookie holds).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a token.
pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// Whether the client reached us over https: the configured public address is https, the
/// operator said so (`--secure-cookies`), or a proxy says so.
fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies
        || state.config.public_https()
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure over https, lives as long as the
/// session may.
pub fn session_cookie(state: &AppState, headers: &HeaderMap, token: String) -> Cookie<'static> {
    let max_age = state.config.session_max();
    Cookie::build((cookie_name(state, headers), token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_https(state, headers))
        .max_age(cookie_duration(max_age))
        .build()
}

/// A cookie that tells the browser to forget the session.
pub fn removal_cookie(state: &AppState, headers: &HeaderMap) -> Cookie<'static> {
    let mut c = Cookie::build((cookie_name(state, headers), ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(is_https(state, headers))
        .build();
    c.make_removal();
    c
}

/// The session cookie's name for this request (see [`SECURE_COOKIE_NAME`]).
pub fn cookie_name(state: &AppState, headers: &HeaderMap) -> &'static str {
    if is_https(state, headers) {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// The session token the request carries. A request that carries the cookie twice is
/// treated as carrying none: which copy a server picks ("last wins") is exactly what a
/// cookie-injection attack relies on.
pub fn token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let name = cookie_name(state, headers);
    let mut found = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(n, _)| *n == name)
        .map(|(_, v)| v.to_string());
    let first = found.next()?;
    match found.next() {
        Some(_) => None,
        None => Some(first),
    }
}

fn cookie_duration(d: std::time::Duration) -> time::Duration {
    time::Duration::seconds(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Stores a new session for `user_id`, whose password hash was just verified to be
/// `password_hash`; returns the token for the cookie, or `None` when the password changed
/// in the meantime (no session then).
pub async fn create(
    state: &AppState,
    user_id: i64,
    password_hash: &str,
) -> Result<Option<String>, ApiError> {
    let token = new_token();
    let now = Utc::now();
    if !store::people::insert_session(&state.db, &token_hash(&token), user_id, password_hash, now)
        .await?
    {
        return Ok(None);
    }
    // Housekeeping: this user's expired sessions go now, so the table does not grow forever.
    let idle_cutoff = now - state.config.session_idle();
    let max_cutoff = now - state.config.session_max();
    store::people::delete_expired_sessions(&state.db, user_id, idle_cutoff, max_cutoff).await?;
    Ok(Some(token))
}

/// Deletes the session a token belongs to (sign-out). Unknown tokens are fine.
pub async fn delete(state: &AppState, token: &str) -> Result<(), ApiError> {
    store::people::delete_session(&state.db, &token_hash(token)).await?;
    Ok(())
}

/// The person behind a request, with a valid session.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: OrganisationRef,
    pub unit: Option<UnitRef>,
    pub profession: Option<String>,
    pub grants: Grants,
}

impl AuthUser {
    /// A signed-in person from their row and grant rows.
    pub fn from_rows(user: UserRow, grants: Vec<GrantRow>) -> Result<Self, ApiError> {
        let unit = user.unit();
        let mut g = Grants::default();
        for row in grants {
            match row.kind.as_str() {
                "facilitator" => g.facilitator |= row.organisation_id == Some(user.org_id),
                "admin" => g.admin |= row.organisation_id == Some(user.org_id),
                "author" => g.author |= row.organisation_id == Some(user.org_id),
                "platform_admin" => g.platform_admin = true,
                "leader" => {
                    if let (Some(id), Some(name)) = (row.unit_id, row.unit_name) {
                        g.leader_of.push(UnitRef { id, name });
                    }
                }
                _ => {}
            }
        }
        Ok(AuthUser {
            organisation: rows::org_ref(user.org_id, user.org_name, &user.org_kind)?,
            id: user.id,
            name: user.name,
            email: user.email,
            unit,
            profession: user.profession,
            grants: g,
        })
    }

    /// `Forbidden` unless the user may create and run cohorts.
    pub fn require_facilitator(&self) -> Result<(), ApiError> {
        if self.grants.may_facilitate() {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn to_me(&self) -> Me {
        Me {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            organisation: self.organisation.clone(),
            unit: self.unit.clone(),
            profession: self.profession.clone(),
            grants: self.grants.clone(),
        }
    }
}

/// Finds the valid session for `token`; `None` if there is none or it has expired (an
/// expired one is deleted on the way).
pub async fn lookup(state: &AppState, token: &str) -> Result<Option<AuthUser>, ApiError> {
    let hash = token_hash(token);
    let Some(row) = store::people::session(&state.db, &hash).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let idle = now.signed_duration_since(row.last_seen_at);
    let age = now.signed_duration_since(row.created_at);
    let expired = idle
        .to_std()
        .is_ok_and(|d| d >= state.config.session_idle())
        || age.to_std().is_ok_and(|d| d >= state.config.session_max());
    if expired {
        delete(state, token).await?;
        return Ok(None);
    }
    if idle > TOUCH_INTERVAL {
        store::people::touch_session(&state.db, &hash, now).await?;
    }
    let grants = store::people::grants(&state.db, row.user.id).await?;
    Ok(Some(AuthUser::from_rows(row.user, grants)?))
}

/// `Option<AuthUser>`: the signed-in person, or `None` for a visitor who is not signed in
/// (or whose session has ended) — for the reads anyone may make, which show a signed-in
/// person what their organisation sees.
impl axum::extract::OptionalFromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, ApiError> {
        match token(state, &parts.headers) {
            Some(token) => lookup(state, &token).await,
            None => Ok(None),
        }
    }
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = token(state, &parts.headers).ok_or(ApiError::Unauthenticated)?;
        lookup(state, &token)
            .await?
            .ok_or(ApiError::Unauthenticated)
    }
}
