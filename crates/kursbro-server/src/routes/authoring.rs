//! Authoring: a provider's authors and admins create modules, edit them as drafts, upload
//! images for their lessons, and publish. Images are served to whoever sees their module.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kursbro_shared::api::{ErrorBody, OrganisationRef};
use kursbro_shared::authoring::{
    AuthoredModules, ContentChanges, DraftState, NewModuleRequest, Preview, PreviewRequest,
    ProgrammeState, PublishImpact, PublishRequest, SaveDraft, SaveProgramme, UploadedImage,
    IMAGE_MAX_BYTES,
};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::authoring;
use crate::content_folder;
use crate::error::{ApiError, ApiJson, ApiPath, ApiResult};
use crate::session::AuthUser;
use crate::state::AppState;

/// A draft may hold long lessons: larger than other bodies.
const DRAFT_BODY_MAX: usize = 4 * 1024 * 1024;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_draft, save_draft))
        .routes(routes!(impact))
        .routes(routes!(publish))
        .routes(routes!(preview))
        .routes(routes!(changes))
        .routes(routes!(organisations))
        .routes(routes!(image))
        .routes(routes!(upload_image))
        .routes(routes!(delete_image))
        .routes(routes!(create_programme))
        .routes(routes!(get_programme, save_programme))
        .routes(routes!(export))
        // Past the limit the upload is refused (413) with its own message, not cut short.
        .layer(DefaultBodyLimit::max(DRAFT_BODY_MAX))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(import))
                .layer(DefaultBodyLimit::max(IMPORT_BODY_MAX)),
        )
}

/// A module's zip: its lessons and images.
const IMPORT_BODY_MAX: usize = 32 * 1024 * 1024;

/// The module (its draft, if it has one) as a zip of its content folder: `module.json`,
/// one Markdown file per lesson, and the lessons' images. It imports again here or in
/// another installation.
#[utoipa::path(get, path = "/authoring/modules/{slug}/export", tag = "authoring",
    params(("slug" = String, Path, description = "A module of the asker's organisation")),
    responses(
        (status = 200, description = "The zip", content_type = "application/zip"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such module of the asker's organisation", body = ErrorBody),
    ))]
async fn export(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<impl IntoResponse> {
    let folder = content_folder::export(&state.db, &user, &slug).await?;
    let zip = content_folder::to_zip(&folder)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{slug}.zip\""),
            ),
        ],
        zip,
    ))
}

/// Imports a module's zip (as exported): a new module of the asker's organisation, not
/// published and shared with nobody else yet; or, for its module at the same address, a
/// new draft that keeps the activities' progress.
#[utoipa::path(post, path = "/authoring/import", tag = "authoring",
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The zip file's bytes (`application/zip` is accepted too)"),
    responses(
        (status = 201, body = DraftState, description = "Imported as a draft"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 413, description = "Larger than 32 MB", body = ErrorBody),
        (status = 422, description = "Not a module zip, or something in it is not valid; nothing was imported", body = ErrorBody),
    ))]
async fn import(
    State(state): State<AppState>,
    user: AuthUser,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<(StatusCode, Json<DraftState>)> {
    authoring::require_author(&user)?;
    let bytes = read_upload(body, ApiError::PayloadTooLarge, "file")?;
    // Unpacking (up to 60 MB) and reading it is work for a blocking thread, not the runtime.
    let folder = tokio::task::spawn_blocking(move || content_folder::from_zip(&bytes))
        .await
        .map_err(|e| ApiError::Internal(e.into()))??;
    Ok((
        StatusCode::CREATED,
        Json(content_folder::import(&state.db, &user, &folder).await?),
    ))
}

/// The modules of the asker's organisation (its authors and admins), with their state.
#[utoipa::path(get, path = "/authoring/modules", tag = "authoring",
    responses(
        (status = 200, body = AuthoredModules),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
    ))]
async fn list(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<AuthoredModules>> {
    Ok(Json(authoring::list(&state.db, &user).await?))
}

/// Creates a module of the asker's organisation: not published, with a draft to write.
#[utoipa::path(post, path = "/authoring/modules", tag = "authoring", request_body = NewModuleRequest,
    responses(
        (status = 201, body = DraftState, description = "Created"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 422, description = "A field is not valid, or the address is taken", body = ErrorBody),
    ))]
async fn create(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NewModuleRequest>,
) -> ApiResult<(StatusCode, Json<DraftState>)> {
    Ok((
        StatusCode::CREATED,
        Json(authoring::create(&state.db, &user, &req).await?),
    ))
}

/// A module's draft: the one saved, or the published module as a draft (version 0).
#[utoipa::path(get, path = "/authoring/modules/{slug}", tag = "authoring",
    params(("slug" = String, Path, description = "A module of the asker's organisation")),
    responses(
        (status = 200, body = DraftState),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such module of the asker's organisation", body = ErrorBody),
    ))]
async fn get_draft(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<DraftState>> {
    Ok(Json(authoring::state(&state.db, &user, &slug).await?))
}

/// Saves the draft. Learners do not see it until it is published.
#[utoipa::path(put, path = "/authoring/modules/{slug}", tag = "authoring", request_body = SaveDraft,
    params(("slug" = String, Path, description = "A module of the asker's organisation")),
    responses(
        (status = 200, body = DraftState, description = "Saved"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such module of the asker's organisation", body = ErrorBody),
        (status = 409, description = "Someone saved another version since it was loaded", body = ErrorBody),
        (status = 422, description = "A field is not valid", body = ErrorBody),
    ))]
async fn save_draft(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
    ApiJson(req): ApiJson<SaveDraft>,
) -> ApiResult<Json<DraftState>> {
    Ok(Json(
        authoring::save(&state.db, &user, &slug, req.version, &req.draft).await?,
    ))
}

/// What publishing the draft now would do: per activity, and to the learners who started.
#[utoipa::path(get, path = "/authoring/modules/{slug}/impact", tag = "authoring",
    params(("slug" = String, Path, description = "A module of the asker's organisation")),
    responses(
        (status = 200, body = PublishImpact),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such module of the asker's organisation", body = ErrorBody),
    ))]
async fn impact(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<PublishImpact>> {
    Ok(Json(authoring::impact(&state.db, &user, &slug).await?))
}

/// Publishes the draft: learners see it at once and keep their progress.
#[utoipa::path(post, path = "/authoring/modules/{slug}/publish", tag = "authoring",
    request_body = PublishRequest,
    params(("slug" = String, Path, description = "A module of the asker's organisation")),
    responses(
        (status = 200, body = DraftState, description = "Published"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such module of the asker's organisation", body = ErrorBody),
        (status = 409, description = "No saved draft at this version (saved again, or published already)", body = ErrorBody),
        (status = 422, description = "The draft cannot be published as it is", body = ErrorBody),
    ))]
async fn publish(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
    ApiJson(req): ApiJson<PublishRequest>,
) -> ApiResult<Json<DraftState>> {
    Ok(Json(
        authoring::publish(&state.db, &user, &slug, req.version).await?,
    ))
}

/// Lesson Markdown rendered by the server, exactly as learners will see it.
#[utoipa::path(post, path = "/authoring/preview", tag = "authoring", request_body = PreviewRequest,
    responses(
        (status = 200, body = Preview),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
    ))]
async fn preview(
    user: AuthUser,
    ApiJson(req): ApiJson<PreviewRequest>,
) -> ApiResult<Json<Preview>> {
    Ok(Json(Preview {
        html: authoring::preview(&user, &req.markdown)?,
    }))
}

/// The latest changes to the asker's organisation's modules: who, when, what.
#[utoipa::path(get, path = "/authoring/changes", tag = "authoring",
    responses(
        (status = 200, body = ContentChanges),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
    ))]
async fn changes(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<ContentChanges>> {
    Ok(Json(authoring::changes(&state.db, &user).await?))
}

/// Every organisation, for an author to choose whom to share a module with.
#[utoipa::path(get, path = "/organisations", tag = "authoring",
    responses(
        (status = 200, body = Vec<OrganisationRef>),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
    ))]
async fn organisations(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<Vec<OrganisationRef>>> {
    Ok(Json(authoring::organisations(&state.db, &user).await?))
}

/// Removes an image of the module (uploaded by mistake): nobody is served it any more.
#[utoipa::path(delete, path = "/authoring/modules/{slug}/images/{id}", tag = "authoring",
    params(
        ("slug" = String, Path, description = "A module of the asker's organisation"),
        ("id" = i64, Path, description = "One of its images"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such image of a module of the asker's organisation", body = ErrorBody),
    ))]
async fn delete_image(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((slug, id)): ApiPath<(String, i64)>,
) -> ApiResult<StatusCode> {
    authoring::delete_image(&state.db, &user, &slug, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Uploads an image for the module's lessons: PNG, JPEG or WebP (the type is read from the
/// bytes), at most 2 MB. SVG is refused.
#[utoipa::path(post, path = "/authoring/modules/{slug}/images", tag = "authoring",
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The image file's bytes"),
    params(("slug" = String, Path, description = "A module of the asker's organisation")),
    responses(
        (status = 201, body = UploadedImage, description = "Stored"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such module of the asker's organisation", body = ErrorBody),
        (status = 413, description = "Larger than 2 MB", body = ErrorBody),
        (status = 415, description = "Not a PNG, JPEG or WebP image", body = ErrorBody),
    ))]
async fn upload_image(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<(StatusCode, Json<UploadedImage>)> {
    let bytes = read_upload(body, ApiError::ImageTooLarge, "image")?;
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(ApiError::ImageTooLarge);
    }
    Ok((
        StatusCode::CREATED,
        Json(authoring::upload_image(&state.db, &user, &slug, &bytes).await?),
    ))
}

/// An image a published lesson shows, for whoever sees the module; its provider's authors
/// see every image of their modules, drafts' too.
#[utoipa::path(get, path = "/images/{id}", tag = "authoring",
    params(("id" = i64, Path, description = "An uploaded image")),
    responses(
        (status = 200, description = "The image", content_type = "image/*"),
        (status = 304, description = "Not modified (the `ETag` given in `If-None-Match`)"),
        (status = 404, description = "No such image that the asker sees", body = ErrorBody),
    ))]
async fn image(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let row = crate::store::authoring::image(
        &state.db,
        id,
        user.as_ref().map(|u| u.organisation.id),
        user.as_ref().and_then(authoring::authors_for),
    )
    .await?
    .ok_or(ApiError::NotFound("image"))?;
    Ok(image_response(row, format!("\"img-{id}\""), &headers))
}

/// The bytes of an uploaded file: past the route's body limit, `too_large` (413, with its
/// own message), not the generic refusal.
pub(crate) fn read_upload(
    body: Result<Bytes, BytesRejection>,
    too_large: ApiError,
    what: &str,
) -> ApiResult<Bytes> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large
        } else {
            ApiError::InvalidBody(format!("the {what} could not be read"))
        }
    })
}

/// An image's answer. It never changes under its id, but who may see it can: the browser
/// asks each time (`no-cache`), and is told "not modified" once it may.
pub(crate) fn image_response(
    row: crate::store::authoring::ImageRow,
    etag: String,
    headers: &HeaderMap,
) -> Response {
    let cache = [
        (header::CACHE_CONTROL, "private, no-cache".to_string()),
        (header::ETAG, etag.clone()),
    ];
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    if fresh {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (cache, [(header::CONTENT_TYPE, row.content_type)], row.bytes).into_response()
}

/// Creates a study programme of the asker's organisation: not published, no modules yet.
#[utoipa::path(post, path = "/authoring/programmes", tag = "authoring", request_body = NewModuleRequest,
    responses(
        (status = 201, body = ProgrammeState, description = "Created"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 422, description = "A field is not valid, or the address is taken", body = ErrorBody),
    ))]
async fn create_programme(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NewModuleRequest>,
) -> ApiResult<(StatusCode, Json<ProgrammeState>)> {
    Ok((
        StatusCode::CREATED,
        Json(authoring::create_programme(&state.db, &user, &req).await?),
    ))
}

/// A programme of the asker's organisation, as its authors edit it.
#[utoipa::path(get, path = "/authoring/programmes/{slug}", tag = "authoring",
    params(("slug" = String, Path, description = "A programme of the asker's organisation")),
    responses(
        (status = 200, body = ProgrammeState),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such programme of the asker's organisation", body = ErrorBody),
    ))]
async fn get_programme(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
) -> ApiResult<Json<ProgrammeState>> {
    Ok(Json(
        authoring::programme_state(&state.db, &user, &slug).await?,
    ))
}

/// Saves a programme: its modules (published ones the provider sees), which count towards
/// completing it, whom it is shared with, and whether learners see it (at once).
#[utoipa::path(put, path = "/authoring/programmes/{slug}", tag = "authoring", request_body = SaveProgramme,
    params(("slug" = String, Path, description = "A programme of the asker's organisation")),
    responses(
        (status = 200, body = ProgrammeState, description = "Saved"),
        (status = 403, description = "Only authors and admins", body = ErrorBody),
        (status = 404, description = "No such programme of the asker's organisation", body = ErrorBody),
        (status = 422, description = "A field is not valid, or a module is not in the catalogue", body = ErrorBody),
    ))]
async fn save_programme(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
    ApiJson(req): ApiJson<SaveProgramme>,
) -> ApiResult<Json<ProgrammeState>> {
    Ok(Json(
        authoring::save_programme(&state.db, &user, &slug, &req).await?,
    ))
}
