//! The signed-in learner's own journey: enrolments, learning events, progress. Every
//! handler acts on the caller's own data only; nothing here takes another user's id.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use kursbro_shared::api::ErrorBody;
use kursbro_shared::compliance::TargetSlug;
use kursbro_shared::learning::{
    EnrolRequest, EventReceipt, LearningEvent, ModuleLearnerState, MyProgress,
};
use kursbro_shared::validation::validate_slug;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiJson, ApiPath, ApiResult};
use crate::learning;
use crate::session::AuthUser;
use crate::state::AppState;
use crate::store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(post_event))
        .routes(routes!(my_progress))
        .routes(routes!(module_progress))
        .routes(routes!(enrol))
        .routes(routes!(leave_programme))
        .routes(routes!(leave_module))
        .routes(routes!(start_module_again))
        .routes(routes!(start_programme_again))
}

/// Records one thing the learner did (also sent later from an offline outbox).
///
/// Idempotent on `id`: the same event again gets the same receipt with `duplicate: true`;
/// the same id with another body is refused with 409. Progress only moves forward.
#[utoipa::path(post, path = "/events", tag = "learning", request_body = LearningEvent,
    responses(
        (status = 200, body = EventReceipt),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not enrolled in the activity's module", body = ErrorBody),
        (status = 404, description = "No such activity", body = ErrorBody),
        (status = 409, description = "The id was used for another event", body = ErrorBody),
        (status = 410, description = "The module was withdrawn", body = ErrorBody),
        (status = 422, description = "Malformed id, empty or too long text, answers that do not fit the quiz", body = ErrorBody),
    ))]
async fn post_event(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(event): ApiJson<LearningEvent>,
) -> ApiResult<Json<EventReceipt>> {
    Ok(Json(
        learning::ingest(&state.db, state.events.as_deref(), user.id, &event).await?,
    ))
}

/// Everything the signed-in learner is enrolled in or has started, and where to continue.
#[utoipa::path(get, path = "/progress", tag = "learning",
    responses(
        (status = 200, body = MyProgress),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn my_progress(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<MyProgress>> {
    Ok(Json(
        learning::my_progress(&state.db, user.id, user.organisation.id).await?,
    ))
}

/// The signed-in learner's state in one module: completions, best quiz scores, reflections.
#[utoipa::path(get, path = "/modules/{slug}/progress", tag = "learning",
    params(("slug" = String, Path, description = "The module's slug")),
    responses(
        (status = 200, body = ModuleLearnerState),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such module", body = ErrorBody),
    ))]
async fn module_progress(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<ModuleLearnerState>> {
    validate_slug(&slug)?;
    let module_id = learning::module_id(&state.db, &slug, Some(user.organisation.id)).await?;
    Ok(Json(
        learning::module_state(&state.db, user.id, module_id).await?,
    ))
}

/// Enrols the signed-in person in a programme (`{"programme": "slug"}`) or a single module
/// (`{"module": "slug"}`). Enrolling again changes nothing.
#[utoipa::path(post, path = "/enrolments", tag = "learning", request_body = EnrolRequest,
    responses(
        (status = 204, description = "Enrolled"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such programme or module", body = ErrorBody),
    ))]
async fn enrol(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<EnrolRequest>,
) -> ApiResult<StatusCode> {
    let now = chrono::Utc::now();
    match resolve(&state, &user, &req).await? {
        Target::Programme(id) => {
            store::learning::enrol_programme(&state.db, user.id, id, now).await?
        }
        Target::Module(id) => {
            store::learning::enrol_module(&mut state.db.conn().await?, user.id, id, now).await?
        }
    };
    Ok(StatusCode::NO_CONTENT)
}

/// Leaves a programme. Progress is kept and counts again on re-enrolment.
#[utoipa::path(delete, path = "/enrolments/programmes/{slug}", tag = "learning",
    params(("slug" = String, Path, description = "The programme's slug")),
    responses(
        (status = 204, description = "No longer enrolled"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
    ))]
async fn leave_programme(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<StatusCode> {
    leave(&state, &user, EnrolRequest::Programme(slug)).await
}

/// Leaves a module one enrolled in directly. Progress is kept.
#[utoipa::path(delete, path = "/enrolments/modules/{slug}", tag = "learning",
    params(("slug" = String, Path, description = "The module's slug")),
    responses(
        (status = 204, description = "No longer enrolled"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such module", body = ErrorBody),
    ))]
async fn leave_module(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<StatusCode> {
    leave(&state, &user, EnrolRequest::Module(slug)).await
}

/// Starts a module the learner has completed again, to renew a requirement of their
/// competence plans on it. Allowed once that requirement's renewal window is open, or it
/// has expired (`may_start_again` in `GET /me/requirements`). The completion is kept in
/// the history and counts until the renewal is done; the module's activities start afresh,
/// and the learner is enrolled in it.
#[utoipa::path(post, path = "/modules/{slug}/start-again", tag = "learning",
    params(("slug" = String, Path, description = "The module's slug")),
    responses(
        (status = 204, description = "Started again"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such module", body = ErrorBody),
        (status = 409, description = "Not complete, or no renewal of it is open", body = ErrorBody),
    ))]
async fn start_module_again(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<StatusCode> {
    validate_slug(&slug)?;
    learning::module_id(&state.db, &slug, Some(user.organisation.id)).await?;
    let target = TargetSlug::Module(slug);
    crate::compliance::start_again(&state.db, user.id, &target, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts a programme the learner has completed again, to renew a requirement of their
/// competence plans on it: every module of it, as `POST /modules/{slug}/start-again` does
/// for one.
#[utoipa::path(post, path = "/programmes/{slug}/start-again", tag = "learning",
    params(("slug" = String, Path, description = "The programme's slug")),
    responses(
        (status = 204, description = "Started again"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 409, description = "Not complete, or no renewal of it is open", body = ErrorBody),
    ))]
async fn start_programme_again(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<StatusCode> {
    validate_slug(&slug)?;
    learning::programme_id(&state.db, &slug, Some(user.organisation.id)).await?;
    let target = TargetSlug::Programme(slug);
    crate::compliance::start_again(&state.db, user.id, &target, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The published programme or module an enrolment request names.
enum Target {
    Programme(i64),
    Module(i64),
}

/// What an enrolment request names, as the person's organisation sees the catalogue.
async fn resolve(state: &AppState, user: &AuthUser, req: &EnrolRequest) -> ApiResult<Target> {
    let viewer = Some(user.organisation.id);
    Ok(match req {
        EnrolRequest::Programme(slug) => {
            validate_slug(slug)?;
            Target::Programme(learning::programme_id(&state.db, slug, viewer).await?)
        }
        EnrolRequest::Module(slug) => {
            validate_slug(slug)?;
            Target::Module(learning::module_id(&state.db, slug, viewer).await?)
        }
    })
}

/// Ends an enrolment; progress is kept.
async fn leave(state: &AppState, user: &AuthUser, req: EnrolRequest) -> ApiResult<StatusCode> {
    match resolve(state, user, &req).await? {
        Target::Programme(id) => store::learning::leave_programme(&state.db, user.id, id).await?,
        Target::Module(id) => store::learning::leave_module(&state.db, user.id, id).await?,
    }
    Ok(StatusCode::NO_CONTENT)
}
