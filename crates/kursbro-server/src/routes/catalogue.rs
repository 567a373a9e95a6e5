//! The shared catalogue: published programmes and modules. Readable without signing in —
//! providers publish into one catalogue that every organisation can browse. What a provider
//! shares only with chosen organisations is seen by their people alone (signed in); for
//! anyone else it does not exist (404).

use axum::extract::State;
use axum::Json;
use kursbro_shared::api::{Catalogue, CatalogueQuery, ErrorBody, ModuleDetail, ProgrammeDetail};
use kursbro_shared::validation::validate_slug;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::catalogue;
use crate::error::{ApiError, ApiPath, ApiQuery, ApiResult};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(module_detail))
        .routes(routes!(programme_detail))
}

/// Published programmes and one page of the published modules matching the filters.
#[utoipa::path(get, path = "/catalogue", tag = "catalogue", params(CatalogueQuery),
    responses(
        (status = 200, body = Catalogue),
        (status = 400, description = "A filter has the wrong type", body = ErrorBody),
        (status = 422, description = "The search text is too long", body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiQuery(query): ApiQuery<CatalogueQuery>,
) -> ApiResult<Json<Catalogue>> {
    Ok(Json(
        catalogue::search(&state.db, &query, viewer(&user)).await?,
    ))
}

/// Whose catalogue it is: the signed-in person's organisation, or nobody's.
fn viewer(user: &Option<AuthUser>) -> Option<i64> {
    user.as_ref().map(|u| u.organisation.id)
}

/// One published module with its activities (quiz questions without answers) and the
/// programmes it belongs to.
#[utoipa::path(get, path = "/modules/{slug}", tag = "catalogue",
    params(("slug" = String, Path, description = "The module's slug, e.g. `smittevern`")),
    responses(
        (status = 200, body = ModuleDetail),
        (status = 404, description = "No published module with that slug", body = ErrorBody),
        (status = 422, description = "The slug is malformed or too long", body = ErrorBody),
    ))]
async fn module_detail(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<ModuleDetail>> {
    validate_slug(&slug)?;
    catalogue::module_detail(&state.db, &slug, viewer(&user))
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound("module"))
}

/// One published programme.
#[utoipa::path(get, path = "/programmes/{slug}", tag = "catalogue",
    params(("slug" = String, Path, description = "The programme's slug")),
    responses(
        (status = 200, body = ProgrammeDetail),
        (status = 404, description = "No published programme with that slug", body = ErrorBody),
        (status = 422, description = "The slug is malformed or too long", body = ErrorBody),
    ))]
async fn programme_detail(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<ProgrammeDetail>> {
    validate_slug(&slug)?;
    catalogue::programme_detail(&state.db, &slug, viewer(&user))
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound("programme"))
}
