//! Gatherings, sign-up and attendance, the course programme, notices and calendars.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use kursbro_shared::api::ErrorBody;
use kursbro_shared::gatherings::{
    AddParticipant, CalendarFeed, CalendarFeedState, CourseProgramme, GatheringDetail,
    GatheringInput, GatheringList, Notices, ParticipantList, ProgrammeFilter, SetAttendance,
    SignupResult,
};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::gatherings;
use crate::session::AuthUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(course_programme))
        .routes(routes!(list, create))
        .routes(routes!(get, update))
        .routes(routes!(cancel))
        .routes(routes!(sign_up, cancel_signup))
        .routes(routes!(participants, add_participant))
        .routes(routes!(remove_participant))
        .routes(routes!(set_attendance))
        .routes(routes!(ics))
        .routes(routes!(notices))
        .routes(routes!(read_notices))
        .routes(routes!(calendar_state, new_calendar, revoke_calendar))
        .routes(routes!(feed))
}

/// A calendar file's answer: downloaded, never cached by a shared cache.
fn calendar_file(body: String, filename: &str) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, no-cache".to_string()),
        ],
        body,
    )
}

fn created<T>(fresh: bool, body: T) -> (StatusCode, Json<T>) {
    (
        if fresh {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(body),
    )
}

/// A half-year's course programme: every gathering the asker sees, across providers (not
/// signed in: the course events and the gatherings of what is shared with everyone).
#[utoipa::path(get, path = "/course-programme", tag = "gatherings", params(ProgrammeFilter),
    responses(
        (status = 200, body = CourseProgramme),
        (status = 422, description = "A filter is not valid (the period is `2027-var` or `2027-host`)", body = ErrorBody),
    ))]
async fn course_programme(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiQuery(filter): ApiQuery<ProgrammeFilter>,
) -> ApiResult<Json<CourseProgramme>> {
    Ok(Json(
        gatherings::course_programme(&state.db, user.as_ref(), &filter).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ListParams {
    /// The gatherings of this module (a slug).
    module: Option<String>,
    /// The gatherings of this programme (a slug), and of its modules.
    programme: Option<String>,
    /// Only those the asker signed up for.
    mine: Option<bool>,
}

/// Gatherings the asker sees, by start: a module's, a programme's, or their own.
#[utoipa::path(get, path = "/gatherings", tag = "gatherings", params(ListParams),
    responses(
        (status = 200, body = GatheringList),
        (status = 404, description = "No such module or programme that the asker sees", body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiQuery(params): ApiQuery<ListParams>,
) -> ApiResult<Json<GatheringList>> {
    Ok(Json(
        gatherings::list(
            &state.db,
            user.as_ref(),
            params.module.as_deref(),
            params.programme.as_deref(),
            params.mine.unwrap_or(false),
        )
        .await?,
    ))
}

/// Creates a gathering of the asker's organisation (its facilitators and admins): of a
/// module, of a programme (perhaps one cohort's), or a course event; or another session of
/// one (`session_of`). Times are Oslo wall-clock times.
#[utoipa::path(post, path = "/gatherings", tag = "gatherings", request_body = GatheringInput,
    responses(
        (status = 201, body = GatheringDetail, description = "Created"),
        (status = 403, description = "Only facilitators and admins", body = ErrorBody),
        (status = 422, description = "A field is not valid; `field` names it", body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(input): ApiJson<GatheringInput>,
) -> ApiResult<(StatusCode, Json<GatheringDetail>)> {
    Ok((
        StatusCode::CREATED,
        Json(gatherings::create(&state.db, &user, &input).await?),
    ))
}

/// A gathering (the video link only for those with a place and those who run it).
#[utoipa::path(get, path = "/gatherings/{id}", tag = "gatherings",
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 200, body = GatheringDetail),
        (status = 404, description = "No such gathering that the asker sees", body = ErrorBody),
    ))]
async fn get(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<GatheringDetail>> {
    Ok(Json(gatherings::get(&state.db, user.as_ref(), id).await?))
}

/// Changes a gathering (not what it belongs to); those signed up are told.
#[utoipa::path(put, path = "/gatherings/{id}", tag = "gatherings", request_body = GatheringInput,
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 200, body = GatheringDetail),
        (status = 403, description = "Another organisation's gathering", body = ErrorBody),
        (status = 404, description = "No such gathering that the asker sees", body = ErrorBody),
        (status = 409, description = "The gathering is cancelled", body = ErrorBody),
        (status = 422, description = "A field is not valid (also: fewer places than people with one)", body = ErrorBody),
    ))]
async fn update(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<GatheringInput>,
) -> ApiResult<Json<GatheringDetail>> {
    Ok(Json(
        gatherings::update(&state.db, &user, id, &input).await?,
    ))
}

/// Cancels a gathering (it stays, cancelled); those signed up are told.
#[utoipa::path(post, path = "/gatherings/{id}/cancel", tag = "gatherings",
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 200, body = GatheringDetail),
        (status = 403, description = "Another organisation's gathering", body = ErrorBody),
        (status = 404, description = "No such gathering that the asker sees", body = ErrorBody),
    ))]
async fn cancel(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<GatheringDetail>> {
    Ok(Json(gatherings::cancel(&state.db, &user, id).await?))
}

/// Signs the asker up: a place while there is one, else the waitlist (first come first
/// served). Signing up again answers the place they have.
#[utoipa::path(post, path = "/gatherings/{id}/signup", tag = "gatherings",
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 201, body = SignupResult, description = "Signed up"),
        (status = 200, body = SignupResult, description = "Already signed up"),
        (status = 404, description = "No such gathering that the asker sees", body = ErrorBody),
        (status = 409, description = "Sign-up has closed, or the gathering is cancelled", body = ErrorBody),
    ))]
async fn sign_up(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<SignupResult>)> {
    let (result, fresh) = gatherings::sign_up(&state.db, &user, id).await?;
    Ok(created(fresh, result))
}

/// Cancels the asker's sign-up; the first on the waitlist gets the place.
#[utoipa::path(delete, path = "/gatherings/{id}/signup", tag = "gatherings",
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 404, description = "Not signed up for a gathering the asker sees", body = ErrorBody),
        (status = 409, description = "Attendance is already marked", body = ErrorBody),
    ))]
async fn cancel_signup(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    gatherings::cancel_signup(&state.db, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who signed up: those with a place, then the waitlist in order (for those who run it).
#[utoipa::path(get, path = "/gatherings/{id}/participants", tag = "gatherings",
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 200, body = ParticipantList),
        (status = 403, description = "Another organisation's gathering", body = ErrorBody),
        (status = 404, description = "No such gathering that the asker sees", body = ErrorBody),
    ))]
async fn participants(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ParticipantList>> {
    Ok(Json(gatherings::participants(&state.db, &user, id).await?))
}

/// A facilitator signs someone up by e-mail (a place if there is one, else the waitlist).
#[utoipa::path(post, path = "/gatherings/{id}/participants", tag = "gatherings",
    request_body = AddParticipant,
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 201, body = SignupResult, description = "Signed up"),
        (status = 200, body = SignupResult, description = "Already signed up"),
        (status = 403, description = "Another organisation's gathering", body = ErrorBody),
        (status = 404, description = "No such gathering that the asker sees", body = ErrorBody),
        (status = 409, description = "The gathering is cancelled", body = ErrorBody),
        (status = 422, description = "No person has that e-mail address", body = ErrorBody),
    ))]
async fn add_participant(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<AddParticipant>,
) -> ApiResult<(StatusCode, Json<SignupResult>)> {
    let (result, fresh) = gatherings::add_participant(&state.db, &user, id, &req.email).await?;
    Ok(created(fresh, result))
}

/// A facilitator takes someone off the list; the waitlist moves up.
#[utoipa::path(delete, path = "/gatherings/{id}/participants/{user_id}", tag = "gatherings",
    params(("id" = i64, Path, description = "A gathering"), ("user_id" = i64, Path, description = "A person on its list")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Another organisation's gathering", body = ErrorBody),
        (status = 404, description = "No such gathering, or the person is not on its list", body = ErrorBody),
        (status = 409, description = "Attendance is already marked", body = ErrorBody),
    ))]
async fn remove_participant(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, person)): ApiPath<(i64, i64)>,
) -> ApiResult<StatusCode> {
    gatherings::remove_participant(&state.db, &user, id, person).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks a person with a place present, absent or excused (`null`: unmarked). At a
/// mandatory gathering, present or excused completes the module's step.
#[utoipa::path(put, path = "/gatherings/{id}/attendance/{user_id}", tag = "gatherings",
    request_body = SetAttendance,
    params(("id" = i64, Path, description = "A gathering"), ("user_id" = i64, Path, description = "A person with a place")),
    responses(
        (status = 204, description = "Marked"),
        (status = 403, description = "Another organisation's gathering", body = ErrorBody),
        (status = 404, description = "No such gathering, or the person has no place", body = ErrorBody),
        (status = 409, description = "The gathering is cancelled", body = ErrorBody),
    ))]
async fn set_attendance(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, person)): ApiPath<(i64, i64)>,
    ApiJson(req): ApiJson<SetAttendance>,
) -> ApiResult<StatusCode> {
    gatherings::set_attendance(&state.db, &user, id, person, req.attendance).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A gathering as a calendar file (RFC 5545).
#[utoipa::path(get, path = "/gatherings/{id}/calendar.ics", tag = "gatherings",
    params(("id" = i64, Path, description = "A gathering")),
    responses(
        (status = 200, description = "The calendar file", content_type = "text/calendar"),
        (status = 404, description = "No such gathering that the asker sees", body = ErrorBody),
    ))]
async fn ics(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<impl IntoResponse> {
    let body = gatherings::ics(&state.db, user.as_ref(), id, &state.config.uid_domain()).await?;
    Ok(calendar_file(body, &format!("samling-{id}.ics")))
}

/// The asker's notices, newest first, and how many are unread.
#[utoipa::path(get, path = "/notices", tag = "gatherings",
    responses((status = 200, body = Notices)))]
async fn notices(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<Notices>> {
    Ok(Json(gatherings::notices(&state.db, &user).await?))
}

/// Marks every notice of the asker read.
#[utoipa::path(post, path = "/notices/read", tag = "gatherings",
    responses((status = 204, description = "Read")))]
async fn read_notices(State(state): State<AppState>, user: AuthUser) -> ApiResult<StatusCode> {
    gatherings::read_notices(&state.db, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether the asker has a calendar feed.
#[utoipa::path(get, path = "/me/calendar", tag = "gatherings",
    responses((status = 200, body = CalendarFeedState)))]
async fn calendar_state(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<CalendarFeedState>> {
    Ok(Json(gatherings::calendar_state(&state.db, &user).await?))
}

/// A new secret token for the asker's calendar feed, served at `/calendar/{token}` (an
/// earlier one stops working). It is shown this once: only its hash is kept.
#[utoipa::path(post, path = "/me/calendar", tag = "gatherings",
    responses((status = 201, body = CalendarFeed, description = "Made")))]
async fn new_calendar(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<(StatusCode, Json<CalendarFeed>)> {
    Ok((
        StatusCode::CREATED,
        Json(gatherings::new_calendar(&state.db, &user).await?),
    ))
}

/// Turns the asker's calendar feed off.
#[utoipa::path(delete, path = "/me/calendar", tag = "gatherings",
    responses((status = 204, description = "Turned off")))]
async fn revoke_calendar(State(state): State<AppState>, user: AuthUser) -> ApiResult<StatusCode> {
    gatherings::revoke_calendar(&state.db, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A person's calendar feed (RFC 5545): every gathering they signed up for, cancelled ones
/// marked so. The secret token in the address is the only key.
#[utoipa::path(get, path = "/calendar/{token}", tag = "gatherings",
    params(("token" = String, Path, description = "The secret token (perhaps with `.ics` after it)")),
    responses(
        (status = 200, description = "The calendar", content_type = "text/calendar"),
        (status = 404, description = "No such calendar (revoked or replaced)", body = ErrorBody),
    ))]
async fn feed(
    State(state): State<AppState>,
    ApiPath(token): ApiPath<String>,
) -> ApiResult<impl IntoResponse> {
    let body = gatherings::feed(&state.db, &token, &state.config.uid_domain()).await?;
    Ok(calendar_file(body, "kursbro.ics"))
}
