//! Providers' news: read by everyone it is shared with (without signing in: what is shared
//! with everyone), posted and taken down by their organisation's authors and admins, and
//! as Atom feeds.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use kursbro_shared::api::ErrorBody;
use kursbro_shared::authoring::UploadedImage;
use kursbro_shared::news::{NewNews, NewsItem, NewsPage};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::news;
use crate::session::AuthUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, post))
        .routes(routes!(delete))
        .routes(routes!(feed))
        .routes(routes!(image))
        .merge(
            OpenApiRouter::new()
                .routes(routes!(upload_image))
                .layer(DefaultBodyLimit::max(4 * 1024 * 1024)),
        )
}

/// Uploads an image for the asker's organisation's news: PNG, JPEG or WebP (read from the
/// bytes), at most 2 MB. SVG is refused.
#[utoipa::path(post, path = "/news/images", tag = "news",
    request_body(content = Vec<u8>, content_type = "application/octet-stream",
        description = "The image file's bytes"),
    responses(
        (status = 201, body = UploadedImage, description = "Stored"),
        (status = 403, description = "Only the organisation's authors and admins", body = ErrorBody),
        (status = 413, description = "Larger than 2 MB", body = ErrorBody),
        (status = 415, description = "Not a PNG, JPEG or WebP image", body = ErrorBody),
    ))]
async fn upload_image(
    State(state): State<AppState>,
    user: AuthUser,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<(StatusCode, Json<UploadedImage>)> {
    let bytes = super::authoring::read_upload(body, ApiError::ImageTooLarge, "image")?;
    Ok((
        StatusCode::CREATED,
        Json(news::upload_image(&state.db, &user, &bytes).await?),
    ))
}

/// A news item's image, for whoever sees a news item that shows it (and its organisation's
/// authors).
#[utoipa::path(get, path = "/news/images/{id}", tag = "news",
    params(("id" = i64, Path, description = "A news image")),
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
) -> ApiResult<axum::response::Response> {
    let row = crate::store::news::image(
        &state.db,
        id,
        user.as_ref().map(|u| u.organisation.id),
        user.as_ref().and_then(crate::authoring::authors_for),
    )
    .await?
    .ok_or(ApiError::NotFound("image"))?;
    Ok(super::authoring::image_response(
        row,
        format!("\"news-img-{id}\""),
        &headers,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct NewsParams {
    /// Only this provider's news (an organisation id).
    provider: Option<i64>,
    /// News items to skip (newest first).
    #[param(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64)]
    offset: Option<u32>,
    /// News items on the page: 1 to 50 (default 10).
    #[param(minimum = 1, maximum = 50)]
    limit: Option<u32>,
}

/// The news the asker's organisation sees (not signed in: what is shared with everyone),
/// newest first.
#[utoipa::path(get, path = "/news", tag = "news", params(NewsParams),
    responses(
        (status = 200, body = NewsPage),
        (status = 422, description = "The page size is out of range", body = ErrorBody),
    ))]
async fn list(
    State(state): State<AppState>,
    user: Option<AuthUser>,
    ApiQuery(params): ApiQuery<NewsParams>,
) -> ApiResult<Json<NewsPage>> {
    let limit = news::page_size(params.limit)?;
    Ok(Json(
        news::page(
            &state.db,
            user.as_ref(),
            params.provider,
            params.offset.unwrap_or(0),
            limit,
        )
        .await?,
    ))
}

/// Posts a news item for the asker's organisation (its authors and admins).
#[utoipa::path(post, path = "/news", tag = "news", request_body = NewNews,
    responses(
        (status = 201, body = NewsItem, description = "Posted"),
        (status = 403, description = "Only the organisation's authors and admins", body = ErrorBody),
        (status = 422, description = "A field is not valid, or an organisation to share with does not exist", body = ErrorBody),
    ))]
async fn post(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NewNews>,
) -> ApiResult<(StatusCode, Json<NewsItem>)> {
    Ok((
        StatusCode::CREATED,
        Json(news::post(&state.db, &user, &req).await?),
    ))
}

/// Takes down a news item of the asker's organisation.
#[utoipa::path(delete, path = "/news/{id}", tag = "news",
    params(("id" = i64, Path, description = "A news item")),
    responses(
        (status = 204, description = "Taken down"),
        (status = 403, description = "Another organisation's news", body = ErrorBody),
        (status = 404, description = "No such news item that the asker sees", body = ErrorBody),
    ))]
async fn delete(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    news::delete(&state.db, &user, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct FeedParams {
    /// Only this provider's news (an organisation id).
    provider: Option<i64>,
}

/// An Atom feed of the news shared with everyone (the whole portal's, or one provider's),
/// newest first.
#[utoipa::path(get, path = "/news.atom", tag = "news", params(FeedParams),
    responses((status = 200, description = "Atom feed", content_type = "application/atom+xml")))]
async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<FeedParams>,
) -> ApiResult<impl IntoResponse> {
    // Links point at the address people use: the configured one, or the one asked.
    let base = match &state.config.public_url {
        Some(url) => url.clone(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .filter(|h| {
                    h.chars()
                        .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
                })
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    let body = news::atom(&state.db, params.provider, &base).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    ))
}
