//! The API, one router per resource. Each handler is annotated for OpenAPI, and the
//! document at `/api/v1/openapi.json` is generated from these annotations.

use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

pub mod auth;
pub mod catalogue;
pub mod cohorts;
pub mod discussions;
pub mod health;
pub mod learning;
pub mod users;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kursbro API",
        description = "JSON API of Kursbro, the competence platform for health and care staff. \
            Every error is `{\"error\": {\"code\", \"message\", \"field\"?}}`. \
            Sign in with `POST /api/v1/auth/login`; the session is an HttpOnly cookie."
    ),
    components(schemas(kursbro_shared::api::ErrorBody)),
    tags(
        (name = "auth", description = "Sign-in, sign-out and the current user"),
        (name = "catalogue", description = "Published programmes and modules"),
        (name = "learning", description = "Enrolment, learning events and progress of the signed-in learner"),
        (name = "cohorts", description = "Groups of learners with facilitators"),
        (name = "discussions", description = "Discussion areas of modules and cohorts, and moderation"),
        (name = "users", description = "People (admins and leaders)"),
        (name = "health", description = "Liveness")
    )
)]
struct ApiDoc;

/// Every `/api/v1` route, with its OpenAPI description.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest(
        kursbro_shared::api::API_PREFIX,
        OpenApiRouter::new()
            .merge(health::router())
            .merge(auth::router())
            .merge(catalogue::router())
            .merge(learning::router())
            .merge(cohorts::router())
            .merge(users::router())
            .merge(discussions::router()),
    )
}
