//! Cohorts, scoped by who asks: an admin sees all; a facilitator or learner the cohorts
//! they belong to; a leader the cohorts of their organisation or with their staff in them.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use chrono::NaiveDate;
use kursbro_shared::api::{CohortSummary, ErrorBody, ProgrammeRef, Role};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::ApiResult;
use crate::rows;
use crate::session::AuthUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_cohorts))
}

/// The condition on `c` (a cohort) that decides whether `user` may see it. Binds one
/// parameter, the user id or organisation id, except for admins (none).
fn visibility(user: &AuthUser) -> (&'static str, Option<i64>) {
    match user.role {
        Role::Admin => ("1 = 1", None),
        Role::Facilitator | Role::Learner => (
            "c.id IN (SELECT cohort_id FROM cohort_members WHERE user_id = ?)",
            Some(user.id),
        ),
        Role::Leader => (
            "(c.organisation_id = ?1 OR c.id IN (
                SELECT cm.cohort_id FROM cohort_members cm JOIN users u ON u.id = cm.user_id
                WHERE u.organisation_id = ?1))",
            Some(user.organisation.id),
        ),
    }
}

#[derive(sqlx::FromRow)]
struct CohortRow {
    id: i64,
    name: String,
    starts_on: NaiveDate,
    programme_slug: String,
    programme_title: String,
    org_id: i64,
    org_name: String,
    org_kind: String,
    learner_count: i64,
}

/// The cohorts the signed-in person may see.
#[utoipa::path(get, path = "/cohorts", tag = "cohorts",
    responses(
        (status = 200, body = Vec<CohortSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
async fn list_cohorts(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<Vec<CohortSummary>>> {
    let (condition, param) = visibility(&user);
    let cohorts_sql = format!(
        "SELECT c.id, c.name, c.starts_on, p.slug AS programme_slug, p.title AS programme_title,
                o.id AS org_id, o.name AS org_name, o.kind AS org_kind,
                (SELECT COUNT(*) FROM cohort_members cm
                  WHERE cm.cohort_id = c.id AND cm.role = 'learner') AS learner_count
         FROM cohorts c
         JOIN programmes p ON p.id = c.programme_id
         JOIN organisations o ON o.id = c.organisation_id
         WHERE {condition}
         ORDER BY c.starts_on DESC, c.name"
    );
    let mut query = sqlx::query_as::<_, CohortRow>(&cohorts_sql);
    if let Some(p) = param {
        query = query.bind(p);
    }
    let cohorts = query.fetch_all(&state.db).await?;

    let facilitators_sql = format!(
        "SELECT cm.cohort_id, u.name FROM cohort_members cm
         JOIN users u ON u.id = cm.user_id
         JOIN cohorts c ON c.id = cm.cohort_id
         WHERE cm.role = 'facilitator' AND {condition}
         ORDER BY u.name"
    );
    let mut query = sqlx::query_as::<_, (i64, String)>(&facilitators_sql);
    if let Some(p) = param {
        query = query.bind(p);
    }
    let mut facilitators: HashMap<i64, Vec<String>> = HashMap::new();
    for (cohort_id, name) in query.fetch_all(&state.db).await? {
        facilitators.entry(cohort_id).or_default().push(name);
    }

    let list = cohorts
        .into_iter()
        .map(|c| {
            Ok(CohortSummary {
                facilitators: facilitators.remove(&c.id).unwrap_or_default(),
                organisation: rows::org_ref(c.org_id, c.org_name, &c.org_kind)?,
                programme: ProgrammeRef {
                    slug: c.programme_slug,
                    title: c.programme_title,
                },
                learner_count: u32::try_from(c.learner_count).unwrap_or(u32::MAX),
                id: c.id,
                name: c.name,
                starts_on: c.starts_on,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(list))
}
