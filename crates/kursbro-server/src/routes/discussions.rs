//! Discussion areas for modules and cohorts: threads, replies, editing, moderation,
//! reports. Text is Markdown, rendered and sanitised on the server before it is stored for
//! display; the raw text is kept for editing.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use kursbro_shared::api::ErrorBody;
use kursbro_shared::discussion::{
    validate_body, validate_reason, validate_title, NewPost, NewThread, Post, Reason, Report,
    Thread, ThreadFlags, ThreadList, ThreadSummary,
};
use kursbro_shared::validation::validate_slug;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::discussions::{self, post_view, AreaRef, PostRow, Rights};
use crate::error::{ApiError, ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::markdown;
use crate::session::AuthUser;
use crate::state::AppState;
use crate::store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(module_threads, new_module_thread))
        .routes(routes!(cohort_threads, new_cohort_thread))
        .routes(routes!(get_thread, update_thread))
        .routes(routes!(reply))
        .routes(routes!(edit_post, delete_post))
        .routes(routes!(hide_post))
        .routes(routes!(restore_post))
        .routes(routes!(report_post))
        .routes(routes!(reports))
}

/// Which page of an area's threads.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct ThreadsPage {
    /// From the previous page's `next_cursor` (`discussions::decode_cursor`).
    #[param(pattern = r"^[01]\.[0-9]{1,11}\.[0-9]{1,9}\.[0-9]{1,18}$")]
    cursor: Option<String>,
}

/// Which page of a thread's posts.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct PostsPage {
    /// From the previous page's `next_cursor`: the last post id of that page.
    #[param(pattern = r"^[0-9]{1,18}$")]
    cursor: Option<String>,
}

async fn list(
    state: &AppState,
    user: &AuthUser,
    area: AreaRef,
    cursor: Option<&str>,
) -> ApiResult<Json<ThreadList>> {
    let rights = discussions::rights(&state.db, user, &area).await?;
    let (threads, next_cursor) = discussions::list_threads(&state.db, user, &area, cursor).await?;
    Ok(Json(ThreadList {
        area: area.to_api(),
        threads,
        next_cursor,
        can_moderate: rights.moderate,
    }))
}

/// Threads of a module's discussion area (everyone enrolled, and facilitators).
#[utoipa::path(get, path = "/discussions/modules/{slug}/threads", tag = "discussions",
    params(("slug" = String, Path, description = "The module's slug"), ThreadsPage),
    responses((status = 200, body = ThreadList), (status = 404, description = "No such area you may read", body = ErrorBody)))]
async fn module_threads(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
    ApiQuery(page): ApiQuery<ThreadsPage>,
) -> ApiResult<Json<ThreadList>> {
    validate_slug(&slug)?;
    let area = discussions::module_area(&state.db, &slug, Some(user.organisation.id)).await?;
    list(&state, &user, area, page.cursor.as_deref()).await
}

/// Threads of a cohort's own area (its members only).
#[utoipa::path(get, path = "/discussions/cohorts/{id}/threads", tag = "discussions",
    params(("id" = i64, Path, description = "The cohort's id"), ThreadsPage),
    responses((status = 200, body = ThreadList), (status = 404, description = "No such area you may read", body = ErrorBody)))]
async fn cohort_threads(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(page): ApiQuery<ThreadsPage>,
) -> ApiResult<Json<ThreadList>> {
    let area = discussions::cohort_area(&state.db, id).await?;
    list(&state, &user, area, page.cursor.as_deref()).await
}

async fn rate_limit(state: &AppState, user: &AuthUser) -> ApiResult<()> {
    let key = user.id.to_string();
    state.posts.check(&state.db, &key).await?;
    state.posts.record(&state.db, &key).await
}

async fn create_thread(
    state: &AppState,
    user: &AuthUser,
    area: AreaRef,
    req: NewThread,
) -> ApiResult<(StatusCode, Json<ThreadSummary>)> {
    discussions::rights(&state.db, user, &area).await?;
    validate_title(&req.title)?;
    validate_body(&req.body)?;
    rate_limit(state, user).await?;
    let now = Utc::now();
    let title = req.title.trim().to_string();
    let (thread_id, _) = store::discussions::create_thread(
        &state.db,
        area.key(),
        user.id,
        &title,
        &req.body,
        &markdown::render(&req.body),
        now,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ThreadSummary {
            id: thread_id,
            title,
            author: user.name.clone(),
            created_at: now,
            last_activity_at: now,
            reply_count: 0,
            pinned: false,
            locked: false,
            unread: false,
        }),
    ))
}

/// Starts a thread in a module's area.
#[utoipa::path(post, path = "/discussions/modules/{slug}/threads", tag = "discussions", request_body = NewThread,
    params(("slug" = String, Path, description = "The module's slug")),
    responses(
        (status = 201, body = ThreadSummary),
        (status = 404, description = "No such area you may read", body = ErrorBody),
        (status = 422, description = "Empty or too long title or body", body = ErrorBody),
        (status = 429, description = "Too many posts in a minute", body = ErrorBody),
    ))]
async fn new_module_thread(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(slug): ApiPath<String>,
    ApiJson(req): ApiJson<NewThread>,
) -> ApiResult<(StatusCode, Json<ThreadSummary>)> {
    validate_slug(&slug)?;
    let area = discussions::module_area(&state.db, &slug, Some(user.organisation.id)).await?;
    create_thread(&state, &user, area, req).await
}

/// Starts a thread in a cohort's area.
#[utoipa::path(post, path = "/discussions/cohorts/{id}/threads", tag = "discussions", request_body = NewThread,
    params(("id" = i64, Path, description = "The cohort's id")),
    responses(
        (status = 201, body = ThreadSummary),
        (status = 404, description = "No such area you may read", body = ErrorBody),
        (status = 422, description = "Empty or too long title or body", body = ErrorBody),
        (status = 429, description = "Too many posts in a minute", body = ErrorBody),
    ))]
async fn new_cohort_thread(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewThread>,
) -> ApiResult<(StatusCode, Json<ThreadSummary>)> {
    let area = discussions::cohort_area(&state.db, id).await?;
    create_thread(&state, &user, area, req).await
}

/// A thread with one page of posts (cursor: the last post id of the previous page). Reading
/// a page marks it read.
#[utoipa::path(get, path = "/threads/{id}", tag = "discussions",
    params(("id" = i64, Path, description = "The thread's id"), PostsPage),
    responses((status = 200, body = Thread), (status = 404, description = "No such thread you may read", body = ErrorBody)))]
async fn get_thread(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(page): ApiQuery<PostsPage>,
) -> ApiResult<Json<Thread>> {
    let after = match page.cursor.as_deref() {
        None => 0,
        Some(c) => discussions::decode_post_cursor(c)?,
    };
    Ok(Json(
        discussions::read_thread(&state.db, &user, id, after).await?,
    ))
}

/// Pins or locks a thread (moderators).
#[utoipa::path(patch, path = "/threads/{id}", tag = "discussions", request_body = ThreadFlags,
    params(("id" = i64, Path, description = "The thread's id")),
    responses(
        (status = 204, description = "Changed"),
        (status = 403, description = "Only moderators pin and lock", body = ErrorBody),
        (status = 404, description = "No such thread you may read", body = ErrorBody),
    ))]
async fn update_thread(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(flags): ApiJson<ThreadFlags>,
) -> ApiResult<StatusCode> {
    let (t, _, rights) = discussions::thread(&state.db, &user, id).await?;
    require_moderator(rights)?;
    store::discussions::set_flags(&state.db, t.id, flags.pinned, flags.locked).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn require_moderator(rights: Rights) -> ApiResult<()> {
    if rights.moderate {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Replies to a thread. A locked thread takes no replies (except from moderators).
#[utoipa::path(post, path = "/threads/{id}/posts", tag = "discussions", request_body = NewPost,
    params(("id" = i64, Path, description = "The thread's id")),
    responses(
        (status = 201, body = Post),
        (status = 404, description = "No such thread you may read", body = ErrorBody),
        (status = 409, description = "The thread is locked", body = ErrorBody),
        (status = 422, description = "Empty or too long body", body = ErrorBody),
        (status = 429, description = "Too many posts in a minute", body = ErrorBody),
    ))]
async fn reply(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewPost>,
) -> ApiResult<(StatusCode, Json<Post>)> {
    let (t, _, rights) = discussions::thread(&state.db, &user, id).await?;
    if t.locked && !rights.moderate {
        return Err(ApiError::ThreadLocked);
    }
    validate_body(&req.body)?;
    rate_limit(&state, &user).await?;
    let row = store::discussions::reply(
        &state.db,
        t.id,
        user.id,
        &req.body,
        &markdown::render(&req.body),
        Utc::now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(post_view(row, &user, rights))))
}

/// A post the caller may read, with the thread's rights.
async fn readable_post(state: &AppState, user: &AuthUser, id: i64) -> ApiResult<(PostRow, Rights)> {
    let row = store::discussions::post(&mut state.db.conn().await?, id)
        .await?
        .ok_or(ApiError::NotFound("post"))?;
    let (_, _, rights) = discussions::thread(&state.db, user, row.thread_id)
        .await
        .map_err(|_| ApiError::NotFound("post"))?;
    Ok((row, rights))
}

fn own_live_post(row: &PostRow, user: &AuthUser) -> ApiResult<()> {
    if row.author_id != user.id {
        return Err(ApiError::Forbidden);
    }
    if row.deleted_at.is_some() {
        return Err(ApiError::PostDeleted);
    }
    if row.hidden_at.is_some() {
        return Err(ApiError::PostHidden);
    }
    Ok(())
}

/// Edits one's own post; it is then marked "edited".
#[utoipa::path(patch, path = "/posts/{id}", tag = "discussions", request_body = NewPost,
    params(("id" = i64, Path, description = "The post's id")),
    responses(
        (status = 200, body = Post),
        (status = 403, description = "Not your post", body = ErrorBody),
        (status = 404, description = "No such post you may read", body = ErrorBody),
        (status = 409, description = "Deleted or hidden", body = ErrorBody),
        (status = 422, description = "Empty or too long body", body = ErrorBody),
    ))]
async fn edit_post(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewPost>,
) -> ApiResult<Json<Post>> {
    let (row, rights) = readable_post(&state, &user, id).await?;
    own_live_post(&row, &user)?;
    validate_body(&req.body)?;
    let row = store::discussions::edit_post(
        &state.db,
        row.id,
        &req.body,
        &markdown::render(&req.body),
        Utc::now(),
    )
    .await?
    .ok_or(ApiError::NotFound("post"))?;
    Ok(Json(post_view(row, &user, rights)))
}

/// Deletes one's own post: its text is removed, and "deleted by author" keeps its place.
#[utoipa::path(delete, path = "/posts/{id}", tag = "discussions",
    params(("id" = i64, Path, description = "The post's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not your post", body = ErrorBody),
        (status = 404, description = "No such post you may read", body = ErrorBody),
    ))]
async fn delete_post(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let (row, _) = readable_post(&state, &user, id).await?;
    if row.author_id != user.id {
        return Err(ApiError::Forbidden);
    }
    store::discussions::delete_post(&state.db, row.id, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Hides a post with a reason the author will see (moderators). Resolves its reports.
#[utoipa::path(post, path = "/posts/{id}/hide", tag = "discussions", request_body = Reason,
    params(("id" = i64, Path, description = "The post's id")),
    responses(
        (status = 204, description = "Hidden"),
        (status = 403, description = "Only moderators hide posts", body = ErrorBody),
        (status = 404, description = "No such post you may read", body = ErrorBody),
        (status = 422, description = "A reason is required", body = ErrorBody),
    ))]
async fn hide_post(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<Reason>,
) -> ApiResult<StatusCode> {
    let (row, rights) = readable_post(&state, &user, id).await?;
    require_moderator(rights)?;
    validate_reason(&req.reason)?;
    store::discussions::hide_post(&state.db, row.id, user.id, req.reason.trim(), Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shows a hidden post again (moderators).
#[utoipa::path(post, path = "/posts/{id}/restore", tag = "discussions",
    params(("id" = i64, Path, description = "The post's id")),
    responses(
        (status = 204, description = "Visible again"),
        (status = 403, description = "Only moderators restore posts", body = ErrorBody),
        (status = 404, description = "No such post you may read", body = ErrorBody),
    ))]
async fn restore_post(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let (row, rights) = readable_post(&state, &user, id).await?;
    require_moderator(rights)?;
    store::discussions::restore_post(&state.db, row.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reports a post to the facilitators (any reader; once per person and post).
#[utoipa::path(post, path = "/posts/{id}/report", tag = "discussions", request_body = Reason,
    params(("id" = i64, Path, description = "The post's id")),
    responses(
        (status = 204, description = "Reported"),
        (status = 404, description = "No such post you may read", body = ErrorBody),
        (status = 422, description = "A reason is required", body = ErrorBody),
    ))]
async fn report_post(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<Reason>,
) -> ApiResult<StatusCode> {
    let (row, _) = readable_post(&state, &user, id).await?;
    validate_reason(&req.reason)?;
    store::discussions::report_post(&state.db, row.id, user.id, req.reason.trim(), Utc::now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Unresolved reports in the areas the caller moderates (facilitators and admins).
#[utoipa::path(get, path = "/moderation/reports", tag = "discussions",
    responses(
        (status = 200, body = Vec<Report>),
        (status = 403, description = "Only facilitators and admins moderate", body = ErrorBody),
    ))]
async fn reports(State(state): State<AppState>, user: AuthUser) -> ApiResult<Json<Vec<Report>>> {
    if !user.grants.may_facilitate() {
        return Err(ApiError::Forbidden);
    }
    let rows = store::discussions::open_reports(
        &state.db,
        user.id,
        user.organisation.id,
        user.grants.platform_admin,
    )
    .await?;
    let mut out: Vec<Report> = Vec::new();
    for r in rows {
        if let Some(last) = out.last_mut().filter(|x| x.post_id == r.post_id) {
            last.reasons.push(r.reason);
            continue;
        }
        let area = match (r.module_slug, r.cohort_id) {
            (Some(slug), _) => kursbro_shared::discussion::Area::Module {
                slug,
                title: r.module_title.unwrap_or_default(),
            },
            (None, Some(id)) => kursbro_shared::discussion::Area::Cohort {
                id,
                name: r.cohort_name.unwrap_or_default(),
            },
            (None, None) => continue,
        };
        out.push(Report {
            post_id: r.post_id,
            thread_id: r.thread_id,
            thread_title: r.thread_title,
            area,
            author: r.author,
            reasons: vec![r.reason],
            reported_at: r.created_at,
            hidden: r.hidden,
        });
    }
    Ok(Json(out))
}
