//! The shared catalogue: published programmes and modules. Readable without signing in —
//! providers publish into one catalogue that every organisation can browse.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use kursbro_shared::api::{
    Catalogue, ErrorBody, ModuleDetail, ProgrammeModule, ProgrammeRef, ProgrammeSummary,
};
use kursbro_shared::validation::validate_slug;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiError, ApiPath, ApiResult};
use crate::rows::{self, ActivityRow, ModuleRow, MODULE_COLUMNS};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(catalogue))
        .routes(routes!(module_detail))
}

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    credits: f64,
    provider_id: i64,
    provider_name: String,
    provider_kind: String,
}

#[derive(sqlx::FromRow)]
struct ProgrammeModuleRow {
    programme_id: i64,
    slug: String,
    title: String,
    required: bool,
}

/// Every published programme (with its modules) and every published module.
#[utoipa::path(get, path = "/catalogue", tag = "catalogue",
    responses((status = 200, body = Catalogue)))]
async fn catalogue(State(state): State<AppState>) -> ApiResult<Json<Catalogue>> {
    let modules: Vec<ModuleRow> = sqlx::query_as(&format!(
        "SELECT {MODULE_COLUMNS} WHERE m.published = 1 ORDER BY m.kind, m.title"
    ))
    .fetch_all(&state.db)
    .await?;

    let programme_rows: Vec<ProgrammeRow> = sqlx::query_as(
        "SELECT p.id, p.slug, p.title, p.summary, p.credits,
                o.id AS provider_id, o.name AS provider_name, o.kind AS provider_kind
         FROM programmes p JOIN organisations o ON o.id = p.provider_id
         WHERE p.published = 1 ORDER BY p.title",
    )
    .fetch_all(&state.db)
    .await?;

    let links: Vec<ProgrammeModuleRow> = sqlx::query_as(
        "SELECT pm.programme_id, m.slug, m.title, pm.required
         FROM programme_modules pm JOIN modules m ON m.id = pm.module_id
         WHERE m.published = 1 ORDER BY pm.programme_id, pm.position",
    )
    .fetch_all(&state.db)
    .await?;
    let mut by_programme: HashMap<i64, Vec<ProgrammeModule>> = HashMap::new();
    for l in links {
        by_programme
            .entry(l.programme_id)
            .or_default()
            .push(ProgrammeModule {
                slug: l.slug,
                title: l.title,
                required: l.required,
            });
    }

    let programmes = programme_rows
        .into_iter()
        .map(|p| {
            Ok(ProgrammeSummary {
                modules: by_programme.remove(&p.id).unwrap_or_default(),
                provider: rows::org_ref(p.provider_id, p.provider_name, &p.provider_kind)?,
                slug: p.slug,
                title: p.title,
                summary: p.summary,
                credits: p.credits as f32,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let modules = modules
        .into_iter()
        .map(ModuleRow::into_summary)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(Catalogue {
        programmes,
        modules,
    }))
}

/// One published module with its activities and the programmes it belongs to.
#[utoipa::path(get, path = "/modules/{slug}", tag = "catalogue",
    params(("slug" = String, Path, description = "The module's slug, e.g. `smittevern`")),
    responses(
        (status = 200, body = ModuleDetail),
        (status = 404, description = "No published module with that slug", body = ErrorBody),
        (status = 422, description = "The slug is malformed or too long", body = ErrorBody),
    ))]
async fn module_detail(
    State(state): State<AppState>,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<ModuleDetail>> {
    validate_slug(&slug)?;
    let row: ModuleRow = sqlx::query_as(&format!(
        "SELECT {MODULE_COLUMNS} WHERE m.slug = ? AND m.published = 1"
    ))
    .bind(&slug)
    .fetch_optional(&state.db)
    .await?
    .ok_or(ApiError::NotFound("module"))?;

    let activities: Vec<ActivityRow> = sqlx::query_as(
        "SELECT id, position, kind, title, summary, estimated_minutes
         FROM activities WHERE module_id = ? ORDER BY position",
    )
    .bind(row.id)
    .fetch_all(&state.db)
    .await?;

    let programmes: Vec<(String, String)> = sqlx::query_as(
        "SELECT p.slug, p.title FROM programme_modules pm
         JOIN programmes p ON p.id = pm.programme_id
         WHERE pm.module_id = ? AND p.published = 1 ORDER BY p.title",
    )
    .bind(row.id)
    .fetch_all(&state.db)
    .await?;

    let description = row.description.clone();
    Ok(Json(ModuleDetail {
        module: row.into_summary()?,
        description,
        activities: activities
            .into_iter()
            .map(ActivityRow::into_summary)
            .collect::<ApiResult<Vec<_>>>()?,
        programmes: programmes
            .into_iter()
            .map(|(slug, title)| ProgrammeRef { slug, title })
            .collect(),
    }))
}
