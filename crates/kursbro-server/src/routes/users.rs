//! People. A platform admin sees everyone; an organisation's admin its people; a leader the
//! people of the units they lead and the units below; anyone else gets 403. Admins move
//! people between the units of their organisation.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use kursbro_shared::api::{
    validate_import, ErrorBody, ImportPeopleRequest, ImportReport, MovePersonRequest, UserSummary,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiError, ApiJson, ApiPath, ApiResult};
use crate::people_import;
use crate::rows::UserRow;
use crate::session::AuthUser;
use crate::state::AppState;
use crate::store;
use crate::store::people::UserScope;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users))
        .routes(routes!(move_person))
        .routes(routes!(import_people))
}

/// Imports employees into the admin's organisation from CSV (name, e-mail, unit code,
/// profession). Every line is checked; either all are imported or none, and the report
/// lists each refused line and why. `dry_run` only checks. Imported people have no password
/// yet, so they cannot sign in until one is set.
#[utoipa::path(post, path = "/users/import", tag = "users",
    request_body = ImportPeopleRequest,
    responses(
        (status = 200, body = ImportReport, description = "Everything imported, or nothing and why"),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only an organisation's admins import people", body = ErrorBody),
    ))]
async fn import_people(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<ImportPeopleRequest>,
) -> ApiResult<Json<ImportReport>> {
    if !user.grants.administers() {
        return Err(ApiError::Forbidden);
    }
    validate_import(&req)?;
    Ok(Json(
        people_import::import(&state.db, user.organisation.id, &req).await?,
    ))
}

/// People the signed-in admin or leader may see.
#[utoipa::path(get, path = "/users", tag = "users",
    responses(
        (status = 200, body = Vec<UserSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only admins and leaders may list people", body = ErrorBody),
    ))]
async fn list_users(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<Vec<UserSummary>>> {
    let g = &user.grants;
    let scope = if g.platform_admin {
        UserScope::All
    } else if g.admin {
        UserScope::Organisation(user.organisation.id)
    } else if g.is_leader() {
        UserScope::LedBy(user.id)
    } else {
        return Err(ApiError::Forbidden);
    };
    let rows = store::people::list_users(&state.db, scope).await?;
    let list = rows
        .into_iter()
        .map(UserRow::into_summary)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(list))
}

/// Moves a person to another unit of their organisation; they join it today (due rules
/// count from then), and the leaders of the new unit follow them up from now on. Their
/// completions move with them.
#[utoipa::path(put, path = "/users/{id}/unit", tag = "users",
    params(("id" = i64, Path, description = "A person of the admin's organisation")),
    request_body = MovePersonRequest,
    responses(
        (status = 204, description = "Moved"),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only admins may move people", body = ErrorBody),
        (status = 404, description = "No such person in your organisation", body = ErrorBody),
        (status = 422, description = "No such unit in the person's organisation", body = ErrorBody),
    ))]
async fn move_person(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<MovePersonRequest>,
) -> ApiResult<StatusCode> {
    if !(user.grants.admin || user.grants.platform_admin) {
        return Err(ApiError::Forbidden);
    }
    let person = store::people::user(&state.db, id)
        .await?
        .filter(|p| user.grants.platform_admin || p.org_id == user.organisation.id)
        .ok_or(ApiError::NotFound("person"))?;
    let unit = store::compliance::unit(&state.db, req.unit_id)
        .await?
        .filter(|u| u.organisation_id == person.org_id)
        .ok_or_else(|| ApiError::Unprocessable {
            field: "unit_id",
            message: "There is no such unit in the person's organisation.".into(),
        })?;
    let mut tx = state.db.write().await?;
    store::compliance::move_person(&mut tx, person.id, unit.id, Utc::now().date_naive()).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
