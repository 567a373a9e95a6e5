//! Competence plans: the signed-in person's requirements ("Mine krav"), and for leaders
//! (and admins) the dashboard of their units, its CSV, a person's history, and approving a
//! completion made outside Kursbro. A unit or person the asker does not follow up is 404.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{NaiveDate, Utc};
use kursbro_shared::api::ErrorBody;
use kursbro_shared::compliance::{
    Dashboard, ExternalCompletionRequest, PeopleFilter, PersonCompliance, DASHBOARD_PAGE_DEFAULT,
    DASHBOARD_PAGE_MAX,
};
use kursbro_shared::texts::Lang;
use kursbro_shared::validation::{check_text, FieldError, Problem};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::cohorts::Separator;
use crate::compliance::{self, DashboardQuery};
use crate::error::{ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_requirements))
        .routes(routes!(dashboard))
        .routes(routes!(dashboard_csv))
        .routes(routes!(person))
        .routes(routes!(approve_external))
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Every requirement of the competence plans that covers the signed-in person, red first,
/// with the completions each rests on and the full history.
#[utoipa::path(get, path = "/me/requirements", tag = "competence",
    responses(
        (status = 200, body = PersonCompliance),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn my_requirements(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<PersonCompliance>> {
    Ok(Json(compliance::person(&state.db, user.id, today()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DashboardParams {
    /// A unit the asker leads, or one below it (default: the first unit they lead).
    unit: Option<i64>,
    /// Only people of this profession (its name); the summary and roll-ups count them only.
    #[param(
        max_length = 100,
        pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
    )]
    profession: Option<String>,
    /// Only people whose worst status is red, yellow or green (the table only).
    status: Option<PeopleFilter>,
    /// People to skip (by name order).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64)]
    offset: Option<u32>,
    /// People on the page: 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// The filters, checked: a profession is ordinary text, a page at most
/// `DASHBOARD_PAGE_MAX` people (more is refused, not clamped).
fn query(
    unit: Option<i64>,
    profession: Option<String>,
    status: Option<PeopleFilter>,
) -> ApiResult<DashboardQuery> {
    if let Some(p) = &profession {
        check_text("profession", p, 100)?;
    }
    Ok(DashboardQuery {
        unit,
        profession,
        status,
        offset: 0,
        limit: None,
    })
}

/// People × requirements of a unit and every unit below it: the summary and roll-ups of
/// everyone (of the chosen profession), and one page of the people matching the filters.
#[utoipa::path(get, path = "/leader/dashboard", tag = "competence",
    params(DashboardParams),
    responses(
        (status = 200, body = Dashboard),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such unit that you lead (or you lead none)", body = ErrorBody),
        (status = 422, description = "A filter or the page size is out of range", body = ErrorBody),
    ))]
async fn dashboard(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(params): ApiQuery<DashboardParams>,
) -> ApiResult<Json<Dashboard>> {
    let limit = params.limit.unwrap_or(DASHBOARD_PAGE_DEFAULT);
    if !(1..=DASHBOARD_PAGE_MAX).contains(&limit) {
        return Err(FieldError {
            field: "limit",
            problem: Problem::OutOfRange {
                min: 1,
                max: u64::from(DASHBOARD_PAGE_MAX),
            },
        }
        .into());
    }
    let q = DashboardQuery {
        offset: params.offset.unwrap_or(0),
        limit: Some(limit),
        ..query(params.unit, params.profession, params.status)?
    };
    Ok(Json(
        compliance::dashboard_off_the_runtime(&state.db, &user, &q, today()).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct DashboardCsvParams {
    /// A unit the asker leads, or one below it (default: the first unit they lead).
    unit: Option<i64>,
    /// Only people of this profession (its name).
    #[param(
        max_length = 100,
        pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
    )]
    profession: Option<String>,
    /// Only people whose worst status is red, yellow or green.
    status: Option<PeopleFilter>,
    /// `semicolon` (default, for Excel with Norwegian settings) or `comma`.
    separator: Option<Separator>,
    /// `nb` (default) or `en`: the language of the headings and cells.
    lang: Option<Lang>,
}

/// Everyone matching the filters as a CSV file (UTF-8 with BOM), each status in words.
#[utoipa::path(get, path = "/leader/dashboard.csv", tag = "competence",
    params(DashboardCsvParams),
    responses(
        (status = 200, description = "CSV file", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such unit that you lead (or you lead none)", body = ErrorBody),
        (status = 422, description = "A filter is out of range", body = ErrorBody),
    ))]
async fn dashboard_csv(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(params): ApiQuery<DashboardCsvParams>,
) -> ApiResult<impl IntoResponse> {
    let q = query(params.unit, params.profession, params.status)?;
    let d = compliance::dashboard_off_the_runtime(&state.db, &user, &q, today()).await?;
    let body = compliance::dashboard_csv(
        &d,
        params.separator.unwrap_or(Separator::Semicolon),
        params.lang.unwrap_or_default(),
    )?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"krav-{}.csv\"", d.unit.id),
            ),
        ],
        body,
    ))
}

/// One of the asker's people: requirements and every completion.
#[utoipa::path(get, path = "/leader/people/{id}", tag = "competence",
    params(("id" = i64, Path, description = "A person in a unit the asker leads")),
    responses(
        (status = 200, body = PersonCompliance),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person in a unit you lead", body = ErrorBody),
    ))]
async fn person(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<PersonCompliance>> {
    let p = compliance::followed_person(&state.db, &user, id).await?;
    Ok(Json(p.report(&state.db, today()).await?))
}

/// Registers and approves a completion made outside Kursbro (a practical CPR session, a
/// course at another employer). Answers with the person's requirements afterwards.
#[utoipa::path(post, path = "/leader/people/{id}/external-completions", tag = "competence",
    params(("id" = i64, Path, description = "A person in a unit the asker leads")),
    request_body = ExternalCompletionRequest,
    responses(
        (status = 201, body = PersonCompliance),
        (status = 400, description = "Malformed body", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such person in a unit you lead", body = ErrorBody),
        (status = 422, description = "Invalid field, or the module is not one of their requirements", body = ErrorBody),
    ))]
async fn approve_external(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ExternalCompletionRequest>,
) -> ApiResult<(StatusCode, Json<PersonCompliance>)> {
    let after = compliance::approve_external(&state.db, &user, id, &req).await?;
    Ok((StatusCode::CREATED, Json(after)))
}
