//! The API, one router per resource. Each handler is annotated for OpenAPI, and the
//! document at `/api/v1/openapi.json` is generated from these annotations.

use kursbro_shared::admin::{PEOPLE_PAGE_DEFAULT, PEOPLE_PAGE_MAX, PEOPLE_QUERY_MAX_CHARS};
use kursbro_shared::validation::{check_search, FieldError, Problem};
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::error::ApiResult;
use crate::state::AppState;

pub mod admin;
pub mod auth;
pub mod authoring;
pub mod catalogue;
pub mod cohorts;
pub mod compliance;
pub mod discussions;
pub mod feedback;
pub mod gatherings;
pub mod health;
pub mod learning;
pub mod news;
pub mod plans;
pub mod users;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kursbro API",
        description = "JSON API of Kursbro, the competence platform for health and care staff. \
            Every error is `{\"error\": {\"code\", \"message\", \"field\"?}}`. \
            Sign in with `POST /api/v1/auth/login`; the session is an HttpOnly cookie."
    ),
    components(schemas(
        kursbro_shared::api::ErrorBody,
        crate::cohorts::Separator,
        kursbro_shared::texts::Lang,
        kursbro_shared::compliance::PeopleFilter
    )),
    tags(
        (name = "auth", description = "Sign-in, sign-out and the current user"),
        (name = "catalogue", description = "Published programmes and modules"),
        (name = "learning", description = "Enrolment, learning events and progress of the signed-in learner"),
        (name = "cohorts", description = "Groups of learners with facilitators"),
        (name = "discussions", description = "Discussion areas of modules and cohorts, and moderation"),
        (name = "competence", description = "Competence plans: my requirements, the leader's dashboard, external completions"),
        (name = "users", description = "People (admins and leaders)"),
        (name = "admin", description = "An organisation's units, professions, people and grants (its admins)"),
        (name = "authoring", description = "Providers' authors: module drafts, images, publishing, the change log"),
        (name = "news", description = "Providers' news, and its Atom feeds"),
        (name = "gatherings", description = "Gatherings in a room or on video: the course programme, sign-up and waitlist, attendance, notices, calendars"),
        (name = "health", description = "Liveness")
    )
)]
struct ApiDoc;

/// What holds for every operation and is therefore written once here rather than on each
/// handler: the session cookie as a security scheme (required everywhere except the public
/// reads and sign-in), and the error answers the server gives for any request of a shape —
/// a malformed address or query (400), a body that is not JSON, too large, of the wrong
/// type or with invalid fields (400, 413, 415, 422), not signed in (401), and the opaque
/// internal error (500). Answers a handler documents itself are kept. Applied to the
/// finished document (`startup::router`), once every route's path is in it.
pub struct Conventions;

/// Operations anyone may call without a session.
const PUBLIC: &[&str] = &[
    "/api/v1/auth/login",
    "/api/v1/auth/logout",
    "/api/v1/auth/invitation/check",
    "/api/v1/auth/invitation/accept",
    "/api/v1/catalogue",
    "/api/v1/modules/{slug}",
    "/api/v1/programmes/{slug}",
    "/api/v1/health",
    "/api/v1/news.atom",
    "/api/v1/images/{id}",
    "/api/v1/news/images/{id}",
    "/api/v1/course-programme",
    "/api/v1/calendar/{token}",
];

/// Paths whose reads anyone may make, while writing to them takes a session.
const PUBLIC_READS: &[&str] = &[
    "/api/v1/news",
    "/api/v1/gatherings",
    "/api/v1/gatherings/{id}",
    "/api/v1/gatherings/{id}/calendar.ics",
];

impl utoipa::Modify for Conventions {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::session::COOKIE_NAME,
                "The session from `POST /api/v1/auth/login` (`__Host-kursbro_session` over https).",
            ))),
        );
        for (path, item) in doc.paths.paths.iter_mut() {
            let public_path = PUBLIC.contains(&path.as_str());
            let public_read = PUBLIC_READS.contains(&path.as_str());
            let has_path_params = path.contains('{');
            for (read, op) in [
                (true, &mut item.get),
                (false, &mut item.put),
                (false, &mut item.post),
                (false, &mut item.delete),
                (false, &mut item.patch),
            ]
            .into_iter()
            .filter_map(|(read, op)| op.as_mut().map(|op| (read, op)))
            {
                let public = public_path || (read && public_read);
                for p in op.parameters.iter_mut().flatten() {
                    if p.name == "slug" {
                        p.schema = Some(slug_schema());
                    }
                }
                let has_query = op.parameters.as_ref().is_some_and(|ps| {
                    ps.iter().any(|p| {
                        matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query)
                    })
                });
                let mut add = |status: &str, description: &str| {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error_response(description).into());
                };
                if has_path_params || has_query {
                    add("400", "The address or a query parameter is not valid");
                }
                if path.contains("{slug}") {
                    add(
                        "422",
                        "The slug is not one: lower-case letters, digits and hyphens",
                    );
                }
                if op.request_body.is_some() {
                    add("400", "The body is not valid JSON");
                    add("413", "The body is too large");
                    add("415", "The body is not sent as `application/json`");
                    add(
                        "422",
                        "A field of the body is missing, malformed or out of range",
                    );
                }
                if !public {
                    add("401", "Not signed in, or the session has expired");
                }
                add(
                    "500",
                    "Something went wrong on the server (nothing about it is revealed)",
                );
                if !public {
                    op.security = Some(vec![SecurityRequirement::new(
                        "session",
                        Vec::<String>::new(),
                    )]);
                }
            }
        }
    }
}

/// What a slug in an address is (`validation::validate_slug`).
fn slug_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(kursbro_shared::validation::SLUG_PATTERN))
        .into()
}

fn error_response(description: &str) -> utoipa::openapi::Response {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
}

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
            .merge(compliance::router())
            .merge(plans::router())
            .merge(users::router())
            .merge(admin::router())
            .merge(news::router())
            .merge(feedback::router())
            .merge(gatherings::router())
            .merge(authoring::router())
            .merge(discussions::router()),
    )
}

/// `?q=&offset=&limit=`: one page of a list of people (an organisation's, a cohort's
/// members), searched by name or address.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct PeopleSearch {
    /// Words of the name or e-mail address (empty: everyone).
    #[param(
        max_length = 100,
        pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
    )]
    q: Option<String>,
    /// People to skip (in the list's order).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64)]
    offset: Option<u32>,
    /// People on the page: 1 to 100 (default 25).
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

impl PeopleSearch {
    /// The search (empty: everyone), the offset and the page size, each checked; a refusal
    /// names the field.
    pub(crate) fn parse(self) -> ApiResult<(String, u32, u32)> {
        let q = self.q.unwrap_or_default();
        check_search("q", &q, PEOPLE_QUERY_MAX_CHARS)?;
        let limit = page_size(self.limit, PEOPLE_PAGE_DEFAULT, PEOPLE_PAGE_MAX)?;
        Ok((q, self.offset.unwrap_or(0), limit))
    }
}

/// `limit` (or `default`), refused naming the field unless it is 1 to `max`.
pub(crate) fn page_size(limit: Option<u32>, default: u32, max: u32) -> ApiResult<u32> {
    let limit = limit.unwrap_or(default);
    if !(1..=max).contains(&limit) {
        return Err(FieldError {
            field: "limit",
            problem: Problem::OutOfRange {
                min: 1,
                max: u64::from(max),
            },
        }
        .into());
    }
    Ok(limit)
}
