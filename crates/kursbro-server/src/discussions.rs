//! Discussion areas: who may read, write and moderate, and the queries behind the threads.
//!
//! A module's area is open to everyone enrolled in the module and to every facilitator; a
//! cohort's area to its members. Facilitators moderate module areas; a cohort's own
//! facilitators moderate its area; admins moderate everywhere. Anyone else gets 404.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use kursbro_shared::api::Role;
use kursbro_shared::discussion::{Area, Post, PostBody, Thread, ThreadSummary, PAGE_SIZE};

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::learning::is_enrolled;
use crate::session::AuthUser;

/// A discussion area, resolved.
#[derive(Debug, Clone)]
pub enum AreaRef {
    Module {
        id: i64,
        slug: String,
        title: String,
    },
    Cohort {
        id: i64,
        name: String,
    },
}

impl AreaRef {
    pub fn to_api(&self) -> Area {
        match self {
            AreaRef::Module { slug, title, .. } => Area::Module {
                slug: slug.clone(),
                title: title.clone(),
            },
            AreaRef::Cohort { id, name } => Area::Cohort {
                id: *id,
                name: name.clone(),
            },
        }
    }

    /// `(column, id)` for queries on `threads`.
    pub fn column(&self) -> (&'static str, i64) {
        match self {
            AreaRef::Module { id, .. } => ("module_id", *id),
            AreaRef::Cohort { id, .. } => ("cohort_id", *id),
        }
    }
}

/// What a person may do in an area.
#[derive(Debug, Clone, Copy)]
pub struct Rights {
    pub moderate: bool,
}

pub async fn module_area(db: &Db, slug: &str) -> ApiResult<AreaRef> {
    let (id, slug, title): (i64, String, String) =
        sqlx::query_as("SELECT id, slug, title FROM modules WHERE slug = ? AND published = 1")
            .bind(slug)
            .fetch_optional(db)
            .await?
            .ok_or(ApiError::NotFound("discussion area"))?;
    Ok(AreaRef::Module { id, slug, title })
}

pub async fn cohort_area(db: &Db, id: i64) -> ApiResult<AreaRef> {
    let (id, name): (i64, String) = sqlx::query_as("SELECT id, name FROM cohorts WHERE id = ?")
        .bind(id)
        .fetch_optional(db)
        .await?
        .ok_or(ApiError::NotFound("discussion area"))?;
    Ok(AreaRef::Cohort { id, name })
}

/// The caller's rights in `area`; 404 when they may not even read it.
pub async fn rights(db: &Db, user: &AuthUser, area: &AreaRef) -> ApiResult<Rights> {
    let admin = user.role == Role::Admin;
    let (read, moderate) = match area {
        AreaRef::Module { id, .. } => {
            let moderate = admin || user.role == Role::Facilitator;
            (moderate || is_enrolled(db, user.id, *id).await?, moderate)
        }
        AreaRef::Cohort { id, .. } => {
            let role: Option<String> = sqlx::query_scalar(
                "SELECT role FROM cohort_members WHERE cohort_id = ? AND user_id = ?",
            )
            .bind(id)
            .bind(user.id)
            .fetch_optional(db)
            .await?;
            let moderate = admin || role.as_deref() == Some("facilitator");
            (moderate || role.is_some(), moderate)
        }
    };
    if read {
        Ok(Rights { moderate })
    } else {
        Err(ApiError::NotFound("discussion area"))
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub title: String,
    pub author_id: i64,
    pub pinned: bool,
    pub locked: bool,
    pub reply_count: i64,
    pub module_id: Option<i64>,
    pub module_slug: Option<String>,
    pub module_title: Option<String>,
    pub cohort_id: Option<i64>,
    pub cohort_name: Option<String>,
}

impl ThreadRow {
    pub fn area(&self) -> ApiResult<AreaRef> {
        match (self, self.module_id, self.cohort_id) {
            (t, Some(id), None) => Ok(AreaRef::Module {
                id,
                slug: t.module_slug.clone().unwrap_or_default(),
                title: t.module_title.clone().unwrap_or_default(),
            }),
            (t, None, Some(id)) => Ok(AreaRef::Cohort {
                id,
                name: t.cohort_name.clone().unwrap_or_default(),
            }),
            _ => Err(ApiError::Internal(anyhow::anyhow!(
                "thread {} has no area",
                self.id
            ))),
        }
    }
}

/// A thread the caller may read, with their rights; 404 otherwise.
pub async fn thread(db: &Db, user: &AuthUser, id: i64) -> ApiResult<(ThreadRow, AreaRef, Rights)> {
    let t: ThreadRow = sqlx::query_as(
        "SELECT t.id, t.title, t.author_id, t.pinned, t.locked, t.reply_count,
                t.module_id, m.slug AS module_slug, m.title AS module_title,
                t.cohort_id, c.name AS cohort_name
         FROM threads t
         LEFT JOIN modules m ON m.id = t.module_id
         LEFT JOIN cohorts c ON c.id = t.cohort_id
         WHERE t.id = ? AND (t.module_id IS NULL OR m.published = 1)",
    )
    .bind(id)
    .fetch_optional(db)
    .await?
    .ok_or(ApiError::NotFound("thread"))?;
    let area = t.area()?;
    let rights = rights(db, user, &area)
        .await
        .map_err(|_| ApiError::NotFound("thread"))?;
    Ok((t, area, rights))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub thread_id: i64,
    pub author_id: i64,
    pub author: String,
    pub body_markdown: String,
    pub body_html: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub hidden_at: Option<DateTime<Utc>>,
    pub hidden_reason: Option<String>,
}

pub const POST_COLUMNS: &str = "p.id, p.thread_id, p.author_id, u.name AS author, p.body_markdown,
    p.body_html, p.created_at, p.edited_at, p.deleted_at, p.hidden_at, p.hidden_reason
    FROM posts p JOIN users u ON u.id = p.author_id";

/// A post as `user` may see it.
pub fn post_view(p: PostRow, user: &AuthUser, rights: Rights) -> Post {
    let mine = p.author_id == user.id;
    let body = if p.deleted_at.is_some() {
        PostBody::Deleted
    } else if p.hidden_at.is_some() {
        let insider = mine || rights.moderate;
        PostBody::Hidden {
            reason: p.hidden_reason.filter(|_| insider),
            html: insider.then_some(p.body_html),
        }
    } else {
        PostBody::Visible { html: p.body_html }
    };
    let editable = mine && matches!(body, PostBody::Visible { .. });
    Post {
        id: p.id,
        author: p.author,
        mine,
        created_at: p.created_at,
        edited: p.edited_at.is_some(),
        markdown: editable.then_some(p.body_markdown),
        body,
    }
}

/// Records that `user_id` has read `thread_id` up to `post_id` (never moves backwards).
pub async fn mark_read<'e, E>(db: E, user_id: i64, thread_id: i64, post_id: i64) -> ApiResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
{
    sqlx::query(
        "INSERT INTO thread_reads (user_id, thread_id, last_read_post_id) VALUES (?, ?, ?)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_post_id = excluded.last_read_post_id
         WHERE excluded.last_read_post_id > thread_reads.last_read_post_id",
    )
    .bind(user_id)
    .bind(thread_id)
    .bind(post_id)
    .execute(db)
    .await?;
    Ok(())
}

/// A thread with the page of posts after post id `after` (0: the first page), as `user`
/// may see it; marks that page read. What `GET /api/v1/threads/{id}` answers.
pub async fn read_thread(db: &Db, user: &AuthUser, id: i64, after: i64) -> ApiResult<Thread> {
    let (t, area, rights) = thread(db, user, id).await?;
    let rows: Vec<PostRow> = sqlx::query_as(&format!(
        "SELECT {POST_COLUMNS} WHERE p.thread_id = ? AND p.id > ? ORDER BY p.id LIMIT ?"
    ))
    .bind(t.id)
    .bind(after)
    .bind(i64::from(PAGE_SIZE) + 1)
    .fetch_all(db)
    .await?;
    let more = rows.len() > PAGE_SIZE as usize;
    let posts: Vec<Post> = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|p| post_view(p, user, rights))
        .collect();
    if let Some(last) = posts.last() {
        mark_read(db, user.id, t.id, last.id).await?;
    }
    let next_cursor = more
        .then(|| posts.last().map(|p| p.id.to_string()))
        .flatten();
    Ok(Thread {
        id: t.id,
        area: area.to_api(),
        title: t.title,
        pinned: t.pinned,
        locked: t.locked,
        can_moderate: rights.moderate,
        reply_count: u32::try_from(t.reply_count).unwrap_or(0),
        posts,
        next_cursor,
    })
}

/// Thread list cursors: the sort key of the last thread on the page, opaque to clients.
pub fn encode_cursor(pinned: bool, last_activity_at: DateTime<Utc>, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!(
        "{}|{}|{}",
        u8::from(pinned),
        last_activity_at.to_rfc3339(),
        id
    ))
}

/// A cursor the client made up or mangled.
pub fn bad_cursor() -> ApiError {
    ApiError::InvalidPath("the cursor is not one this server gave out".into())
}

pub fn decode_cursor(cursor: &str) -> ApiResult<(bool, DateTime<Utc>, i64)> {
    let bad = bad_cursor;
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let mut parts = text.splitn(3, '|');
    let pinned = parts.next().ok_or_else(bad)? == "1";
    let at = parts
        .next()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .ok_or_else(bad)?
        .with_timezone(&Utc);
    let id = parts.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
    Ok((pinned, at, id))
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    title: String,
    author: String,
    created_at: DateTime<Utc>,
    last_activity_at: DateTime<Utc>,
    reply_count: i64,
    pinned: bool,
    locked: bool,
    unread: bool,
}

/// One page of an area's threads: pinned first, then newest activity first.
pub async fn list_threads(
    db: &Db,
    user: &AuthUser,
    area: &AreaRef,
    cursor: Option<&str>,
) -> ApiResult<(Vec<ThreadSummary>, Option<String>)> {
    let (column, area_id) = area.column();
    let after = cursor.map(decode_cursor).transpose()?;
    let sql = format!(
        "SELECT t.id, t.title, u.name AS author, t.created_at, t.last_activity_at, t.reply_count,
                t.pinned, t.locked,
                t.last_post_id > COALESCE((SELECT r.last_read_post_id FROM thread_reads r
                                           WHERE r.user_id = ?1 AND r.thread_id = t.id), 0) AS unread
         FROM threads t JOIN users u ON u.id = t.author_id
         WHERE t.{column} = ?2
           AND (?3 IS NULL OR (t.pinned, t.last_activity_at, t.id) < (?3, ?4, ?5))
         ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC
         LIMIT ?6"
    );
    let rows: Vec<ListRow> = sqlx::query_as(&sql)
        .bind(user.id)
        .bind(area_id)
        .bind(after.map(|a| a.0))
        .bind(after.map(|a| a.1))
        .bind(after.map(|a| a.2))
        .bind(i64::from(PAGE_SIZE) + 1)
        .fetch_all(db)
        .await?;
    let more = rows.len() > PAGE_SIZE as usize;
    let mut threads: Vec<ThreadSummary> = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|r| ThreadSummary {
            id: r.id,
            title: r.title,
            author: r.author,
            created_at: r.created_at,
            last_activity_at: r.last_activity_at,
            reply_count: u32::try_from(r.reply_count).unwrap_or(0),
            pinned: r.pinned,
            locked: r.locked,
            unread: r.unread,
        })
        .collect();
    threads.shrink_to_fit();
    let next = more
        .then(|| {
            threads
                .last()
                .map(|t| encode_cursor(t.pinned, t.last_activity_at, t.id))
        })
        .flatten();
    Ok((threads, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let at = DateTime::parse_from_rfc3339("2026-11-24T10:00:00.123Z")
            .unwrap()
            .with_timezone(&Utc);
        let c = encode_cursor(true, at, 42);
        assert_eq!(decode_cursor(&c).unwrap(), (true, at, 42));
        assert!(decode_cursor("not-a-cursor").is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("1|yesterday|3")).is_err());
    }
}
