//! Learners' feedback on modules they completed, and the summaries their providers read.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kursbro_shared::api::ErrorBody;
use kursbro_shared::feedback::{FeedbackOverview, NewFeedback};
use kursbro_shared::validation::validate_slug;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiJson, ApiPath, ApiResult};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::{feedback, learning};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(give))
        .routes(routes!(overview))
}

/// The signed-in learner's feedback on a module they completed, given once. Anonymous to
/// those who made the module.
#[utoipa::path(post, path = "/modules/{slug}/feedback", tag = "learning",
    params(("slug" = String, Path, description = "The module's slug")),
    request_body = NewFeedback,
    responses(
        (status = 204, description = "Thank you"),
        (status = 404, description = "No such module", body = ErrorBody),
        (status = 409, description = "The module is not completed yet, or feedback was given already", body = ErrorBody),
    ))]
async fn give(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
    ApiJson(req): ApiJson<NewFeedback>,
) -> ApiResult<StatusCode> {
    validate_slug(&slug)?;
    let module_id = learning::module_id(&state.db, &slug, Some(user.organisation.id)).await?;
    feedback::give(&state.db, &user, module_id, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The feedback on every module the asker's organisation provides: how many answered, and
/// for whole batches of five answers, oldest first, each question's average and the texts
/// (never who wrote what).
/// For the organisation's authors and admins.
#[utoipa::path(get, path = "/feedback", tag = "learning",
    responses(
        (status = 200, body = FeedbackOverview),
        (status = 403, description = "Only the organisation's authors and admins", body = ErrorBody),
    ))]
async fn overview(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<FeedbackOverview>> {
    Ok(Json(feedback::overview(&state.db, &user).await?))
}
