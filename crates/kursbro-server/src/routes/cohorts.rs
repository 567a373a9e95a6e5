//! Cohorts, scoped by who asks: a platform admin sees all; anyone else the cohorts they
//! belong to (a leader follows their people on the competence dashboard instead).

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::NaiveDate;
use kursbro_shared::api::{
    CohortAccess, CohortPage, CohortSummary, ErrorBody, ProgrammeRef, UserSummary,
    COHORTS_PAGE_DEFAULT, COHORTS_PAGE_MAX,
};
use kursbro_shared::cohort_grid::{
    CohortGrid, CohortMember, CohortNotice, LearnerModuleDetail, MemberPage, MemberRole, NewCohort,
    NewMember, CANDIDATE_QUERY_MAX_CHARS, COHORT_NAME_MAX_CHARS,
};
use kursbro_shared::texts::Lang;
use kursbro_shared::validation::{check_search, check_text, validate_slug};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::cohorts::{self, Separator};
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::rows::{self, UserRow};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::store;
use crate::store::cohorts::{ListedCohort, Removal, Scope, SearchWords};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_cohorts, create_cohort))
        .routes(routes!(grid))
        .routes(routes!(grid_csv))
        .routes(routes!(drill_down))
        .routes(routes!(list_members, add_member))
        .routes(routes!(remove_member))
        .routes(routes!(candidates))
        .routes(routes!(cohort_notices))
        .routes(routes!(acknowledge_notice))
}

/// Which cohorts `user` may see.
fn visibility(user: &AuthUser) -> Scope {
    // A leader follows their people's training on the dashboard; a cohort is for its
    // members (and platform admins), so only those see it listed.
    if user.grants.platform_admin {
        Scope::All
    } else {
        Scope::MemberOf(user.id)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PageParams {
    /// Cohorts to skip (newest first).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64)]
    offset: Option<u32>,
    /// Cohorts on the page: 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

/// One page of the cohorts the signed-in person may see, newest first.
#[utoipa::path(get, path = "/cohorts", tag = "cohorts",
    params(PageParams),
    responses(
        (status = 200, body = CohortPage),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 422, description = "The page size is out of range", body = ErrorBody),
    ))]
async fn list_cohorts(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(params): ApiQuery<PageParams>,
) -> ApiResult<Json<CohortPage>> {
    let limit = super::page_size(params.limit, COHORTS_PAGE_DEFAULT, COHORTS_PAGE_MAX)?;
    let offset = params.offset.unwrap_or(0);
    let (cohorts, facilitator_rows, matching) =
        store::cohorts::list(&state.db, visibility(&user), offset, limit).await?;
    let mine: HashMap<i64, MemberRole> = store::cohorts::memberships(&state.db, user.id)
        .await?
        .into_iter()
        .collect();
    let mut facilitators: HashMap<i64, Vec<String>> = HashMap::new();
    for (cohort_id, name) in facilitator_rows {
        facilitators.entry(cohort_id).or_default().push(name);
    }

    let list = cohorts
        .into_iter()
        .map(
            |ListedCohort {
                 cohort: c,
                 learner_count,
             }| {
                Ok(CohortSummary {
                    facilitators: facilitators.remove(&c.id).unwrap_or_default(),
                    access: CohortAccess::of(user.grants.platform_admin, mine.get(&c.id).copied()),
                    organisation: rows::org_ref(c.org_id, c.org_name, &c.org_kind)?,
                    programme: ProgrammeRef {
                        slug: c.programme_slug,
                        title: c.programme_title,
                    },
                    learner_count: u32::try_from(learner_count).unwrap_or(u32::MAX),
                    id: c.id,
                    name: c.name,
                    starts_on: c.starts_on,
                })
            },
        )
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(CohortPage {
        cohorts: list,
        matching: u32::try_from(matching).unwrap_or(u32::MAX),
        offset,
    }))
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Every learner × every module of the cohort's programme, with a summary. For the cohort's
/// facilitators and admins; anyone else gets 404.
#[utoipa::path(get, path = "/cohorts/{id}/grid", tag = "cohorts",
    params(("id" = i64, Path, description = "The cohort's id")),
    responses(
        (status = 200, body = CohortGrid),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such cohort that you facilitate", body = ErrorBody),
    ))]
async fn grid(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CohortGrid>> {
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    Ok(Json(cohorts::grid(&state.db, &c, &user, today()).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct CsvParams {
    /// `semicolon` (default, for Excel with Norwegian settings) or `comma`.
    separator: Option<Separator>,
    /// `nb` (default) or `en`: the language of the headings and cells.
    lang: Option<Lang>,
}

/// The grid as a CSV file (UTF-8 with BOM).
#[utoipa::path(get, path = "/cohorts/{id}/grid.csv", tag = "cohorts",
    params(("id" = i64, Path, description = "The cohort's id"), CsvParams),
    responses(
        (status = 200, description = "CSV file", content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such cohort that you facilitate", body = ErrorBody),
    ))]
async fn grid_csv(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<CsvParams>,
) -> ApiResult<impl IntoResponse> {
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    let lang = params.lang.unwrap_or_default();
    let g = cohorts::grid(&state.db, &c, &user, today()).await?;
    let body = cohorts::grid_csv(&g, params.separator.unwrap_or(Separator::Semicolon), lang)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"kull-{id}.csv\""),
            ),
        ],
        body,
    ))
}

/// One learner's activities in one module: dates, best quiz scores, reflections.
#[utoipa::path(get, path = "/cohorts/{id}/learners/{user_id}/modules/{slug}", tag = "cohorts",
    params(
        ("id" = i64, Path, description = "The cohort's id"),
        ("user_id" = i64, Path, description = "A learner of the cohort"),
        ("slug" = String, Path, description = "A module of the cohort's programme"),
    ),
    responses(
        (status = 200, body = LearnerModuleDetail),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such cohort that you facilitate, learner in it, or module in its programme", body = ErrorBody),
    ))]
async fn drill_down(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, learner_id, slug)): ApiPath<(i64, i64, String)>,
) -> ApiResult<Json<LearnerModuleDetail>> {
    validate_slug(&slug)?;
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    Ok(Json(
        cohorts::drill_down(&state.db, &c, learner_id, &slug).await?,
    ))
}

/// Creates a cohort for a programme; the creator becomes its facilitator. Facilitators and
/// admins only. The cohort belongs to the creator's organisation.
#[utoipa::path(post, path = "/cohorts", tag = "cohorts", request_body = NewCohort,
    responses(
        (status = 201, body = CohortSummary),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Only facilitators and admins create cohorts", body = ErrorBody),
        (status = 404, description = "No such programme", body = ErrorBody),
        (status = 422, description = "Empty or too long name", body = ErrorBody),
    ))]
async fn create_cohort(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NewCohort>,
) -> ApiResult<(StatusCode, Json<CohortSummary>)> {
    if !user.grants.may_facilitate() {
        return Err(ApiError::Forbidden);
    }
    let name = req.name.trim();
    check_text("name", name, COHORT_NAME_MAX_CHARS)?;
    validate_slug(&req.programme)?;
    let programme_id =
        crate::learning::programme_id(&state.db, &req.programme, Some(user.organisation.id))
            .await?;
    let id = store::cohorts::create(
        &state.db,
        user.organisation.id,
        programme_id,
        name,
        req.starts_on,
        user.id,
        chrono::Utc::now(),
    )
    .await?;
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(cohorts::summary(&state.db, &c, &user).await?),
    ))
}

/// One page of a cohort's members matching a search (learners first, then facilitators,
/// each by name), for its facilitators.
#[utoipa::path(get, path = "/cohorts/{id}/members", tag = "cohorts",
    params(("id" = i64, Path, description = "The cohort's id"), super::PeopleSearch),
    responses(
        (status = 200, body = MemberPage),
        (status = 404, description = "No such cohort that you facilitate", body = ErrorBody),
        (status = 422, description = "The search or the page size is out of range", body = ErrorBody),
    ))]
async fn list_members(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<super::PeopleSearch>,
) -> ApiResult<Json<MemberPage>> {
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    let (q, offset, limit) = params.parse()?;
    let (rows, matching) =
        store::cohorts::members(&state.db, c.id, &SearchWords::of(&q), offset, limit).await?;
    Ok(Json(MemberPage {
        members: rows
            .into_iter()
            .map(|r| CohortMember {
                role: MemberRole::parse(&r.role).unwrap_or(MemberRole::Learner),
                user_id: r.user_id,
                name: r.name,
                email: r.email,
            })
            .collect(),
        matching: u32::try_from(matching).unwrap_or(u32::MAX),
        offset,
    }))
}

/// Adds a learner or a co-facilitator. The person must belong to the cohort's organisation
/// (admins may add anyone); co-facilitators must have the facilitator or admin role.
#[utoipa::path(post, path = "/cohorts/{id}/members", tag = "cohorts", request_body = NewMember,
    params(("id" = i64, Path, description = "The cohort's id")),
    responses(
        (status = 204, description = "Added (or already a member with that role)"),
        (status = 404, description = "No such cohort that you facilitate, or no such person", body = ErrorBody),
        (status = 409, description = "Already a member with another role", body = ErrorBody),
        (status = 422, description = "Not in the cohort's organisation, or not a facilitator", body = ErrorBody),
    ))]
async fn add_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewMember>,
) -> ApiResult<StatusCode> {
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    // One answer for "no such person" and "not yours to add": whether an id exists in
    // another organisation is not the caller's to learn.
    let person = store::people::user(&state.db, req.user_id)
        .await?
        .filter(|p| user.grants.platform_admin || p.org_id == c.org_id)
        .ok_or(ApiError::NotFound("person"))?;
    if req.role == MemberRole::Facilitator && !person.may_facilitate {
        return Err(ApiError::Unprocessable {
            field: "role",
            message: "Only people with the facilitator role can facilitate a cohort.".into(),
        });
    }
    let mut tx = state.db.write().await?;
    let now = chrono::Utc::now();
    let role = store::cohorts::add_member(&mut tx, c.id, req.user_id, req.role, now).await?;
    tx.commit().await?;
    match role {
        Some(r) if r == req.role => Ok(StatusCode::NO_CONTENT),
        _ => Err(ApiError::MemberHasOtherRole),
    }
}

/// Removes a member. Their progress is kept. The last facilitator cannot be removed.
#[utoipa::path(delete, path = "/cohorts/{id}/members/{user_id}", tag = "cohorts",
    params(("id" = i64, Path, description = "The cohort's id"), ("user_id" = i64, Path, description = "The member")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such cohort that you facilitate, or not a member", body = ErrorBody),
        (status = 409, description = "The cohort's last facilitator", body = ErrorBody),
    ))]
async fn remove_member(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, member)): ApiPath<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    match store::cohorts::remove_member(&state.db, c.id, member).await? {
        Removal::Removed => Ok(StatusCode::NO_CONTENT),
        Removal::NotAMember => Err(ApiError::NotFound("member")),
        Removal::LastFacilitator => Err(ApiError::LastFacilitator),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct CandidateParams {
    /// Words in the name or e-mail address.
    #[param(
        max_length = 100,
        pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
    )]
    q: Option<String>,
}

/// People of the cohort's organisation who are not members yet (at most 20), to add.
#[utoipa::path(get, path = "/cohorts/{id}/candidates", tag = "cohorts",
    params(("id" = i64, Path, description = "The cohort's id"), CandidateParams),
    responses(
        (status = 200, body = Vec<UserSummary>),
        (status = 404, description = "No such cohort that you facilitate", body = ErrorBody),
        (status = 422, description = "Search text too long", body = ErrorBody),
    ))]
async fn candidates(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(params): ApiQuery<CandidateParams>,
) -> ApiResult<Json<Vec<UserSummary>>> {
    let c = cohorts::facilitated(&state.db, &user, id).await?;
    let q = params.q.unwrap_or_default();
    check_search("q", &q, CANDIDATE_QUERY_MAX_CHARS)?;
    let scope = (!user.grants.platform_admin).then_some(c.org_id);
    let rows = store::cohorts::candidates(&state.db, c.id, scope, &SearchWords::of(&q), 20).await?;
    Ok(Json(
        rows.into_iter()
            .map(UserRow::into_summary)
            .collect::<ApiResult<Vec<_>>>()?,
    ))
}

/// The cohorts the signed-in person was added to as a learner and has not acknowledged
/// yet, with who can now follow their work there: the app tells them, once.
#[utoipa::path(get, path = "/me/cohort-notices", tag = "cohorts",
    responses(
        (status = 200, body = Vec<CohortNotice>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn cohort_notices(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<Vec<CohortNotice>>> {
    let mut notices: Vec<CohortNotice> = Vec::new();
    for row in store::cohorts::unacknowledged(&state.db, user.id).await? {
        if let Some(n) = notices.last_mut().filter(|n| n.cohort_id == row.cohort_id) {
            n.facilitators.extend(row.facilitator);
            continue;
        }
        notices.push(CohortNotice {
            cohort_id: row.cohort_id,
            cohort: row.cohort,
            organisation: row.organisation,
            programme: ProgrammeRef {
                slug: row.programme_slug,
                title: row.programme_title,
            },
            facilitators: row.facilitator.into_iter().collect(),
            added_at: row.added_at,
        });
    }
    Ok(Json(notices))
}

/// The person has read the notice about this cohort. Saying so again is fine.
#[utoipa::path(post, path = "/me/cohort-notices/{id}/seen", tag = "cohorts",
    params(("id" = i64, Path, description = "The cohort's id")),
    responses(
        (status = 204, description = "Acknowledged"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "Not a learner in such a cohort", body = ErrorBody),
    ))]
async fn acknowledge_notice(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    if store::cohorts::acknowledge(&state.db, id, user.id, chrono::Utc::now()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound("cohort"))
    }
}
