//! Learners' feedback on modules they completed, and the summaries their providers read.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use kursbro_shared::api::ErrorBody;
use kursbro_shared::feedback::{FeedbackOverview, NewFeedback};
use kursbro_shared::texts::Lang;
use kursbro_shared::validation::validate_slug;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::cohorts::Separator;
use crate::error::{ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::{feedback, learning};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(give))
        .routes(routes!(overview))
        .routes(routes!(overview_csv))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct CsvParams {
    /// `semicolon` (default, for Excel with Norwegian settings) or `comma`.
    separator: Option<Separator>,
    /// `nb` (default) or `en`: the language of the headings.
    lang: Option<Lang>,
}

/// The feedback on the asker's organisation's modules as CSV: per module and per cohort,
/// the figures and the comments of the summaries (never who answered).
#[utoipa::path(get, path = "/feedback.csv", tag = "learning", params(CsvParams),
    responses(
        (status = 200, description = "CSV file", content_type = "text/csv"),
        (status = 403, description = "Only the organisation's authors and admins", body = ErrorBody),
    ))]
async fn overview_csv(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(params): ApiQuery<CsvParams>,
) -> ApiResult<impl IntoResponse> {
    let o = feedback::overview(&state.db, &user).await?;
    let body = feedback::overview_csv(
        &o,
        params.separator.unwrap_or(Separator::Semicolon),
        params.lang.unwrap_or_default(),
    )?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"tilbakemeldinger.csv\"",
            ),
        ],
        body,
    ))
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
