//! Competence plans: the plans that cover the asker's units, and making, changing and
//! removing them (leaders for their units, admins for the whole organisation). Anyone who
//! leads no unit and administers nothing gets 404.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kursbro_shared::api::ErrorBody;
use kursbro_shared::plans::{Plan, PlanDraft, Plans};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiJson, ApiPath, ApiResult};
use crate::plans;
use crate::session::AuthUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(update, delete))
}

/// The plans that cover the asker's units (an admin: every plan of the organisation), how
/// many people each applies to, and the units and professions a new plan may name.
#[utoipa::path(get, path = "/plans", tag = "competence",
    responses(
        (status = 200, body = Plans),
        (status = 404, description = "The asker leads no unit and administers nothing", body = ErrorBody),
    ))]
async fn list(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<Plans>> {
    Ok(Json(plans::list(&state.db, &user).await?))
}

/// A new plan: central (admins) or for a unit the asker leads or one below it.
#[utoipa::path(post, path = "/plans", tag = "competence",
    request_body = PlanDraft,
    responses(
        (status = 201, body = Plan, description = "Made"),
        (status = 404, description = "The asker leads no unit and administers nothing", body = ErrorBody),
        (status = 422, description = "A field of the plan or of a requirement is not valid (`field` names it, e.g. `requirements[1].window_days`)", body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(draft): ApiJson<PlanDraft>,
) -> ApiResult<(StatusCode, Json<Plan>)> {
    Ok((
        StatusCode::CREATED,
        Json(plans::create(&state.db, &user, &draft).await?),
    ))
}

/// Changes a plan: name, whom it covers and its requirements, all at once. Statuses follow
/// at once; completions are never lost (they belong to the people).
#[utoipa::path(put, path = "/plans/{id}", tag = "competence",
    params(("id" = i64, Path, description = "A plan the asker may change")),
    request_body = PlanDraft,
    responses(
        (status = 200, body = Plan),
        (status = 403, description = "A plan the asker sees but may not change (a central plan, for a leader)", body = ErrorBody),
        (status = 404, description = "No such plan among those the asker sees", body = ErrorBody),
        (status = 422, description = "A field of the plan or of a requirement is not valid", body = ErrorBody),
    ))]
async fn update(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(draft): ApiJson<PlanDraft>,
) -> ApiResult<Json<Plan>> {
    Ok(Json(plans::update(&state.db, &user, id, &draft).await?))
}

/// Removes a plan; the completions of its modules stay with the people.
#[utoipa::path(delete, path = "/plans/{id}", tag = "competence",
    params(("id" = i64, Path, description = "A plan the asker may change")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "A plan the asker sees but may not change", body = ErrorBody),
        (status = 404, description = "No such plan among those the asker sees", body = ErrorBody),
    ))]
async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    plans::delete(&state.db, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
