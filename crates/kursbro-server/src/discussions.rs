//! Discussion areas: who may read, write and moderate, and the queries behind the threads.
//!
//! A module's area is open to everyone enrolled in the module and to the facilitators who
//! moderate it: those of the module's provider and those who facilitate a cohort whose
//! programme has the module. A cohort's area is open to its members; its facilitators
//! moderate it. Admins moderate everywhere. Anyone else gets 404.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use kursbro_shared::api::Role;
use kursbro_shared::cohort_grid::MemberRole;
use kursbro_shared::discussion::{Area, Post, PostBody, Thread, ThreadSummary, PAGE_SIZE};

use crate::error::{ApiError, ApiResult};
use crate::learning::is_enrolled;
use crate::session::AuthUser;
pub use crate::store::discussions::{AreaKey, PostRow, ThreadRow};
use crate::store::{self, Db};

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

    /// The key of the area in the store.
    pub fn key(&self) -> AreaKey {
        match self {
            AreaRef::Module { id, .. } => AreaKey::Module(*id),
            AreaRef::Cohort { id, .. } => AreaKey::Cohort(*id),
        }
    }
}

/// What a person may do in an area.
#[derive(Debug, Clone, Copy)]
pub struct Rights {
    pub moderate: bool,
}

pub async fn module_area(db: &Db, slug: &str) -> ApiResult<AreaRef> {
    let (id, slug, title) = store::discussions::module_by_slug(db, slug)
        .await?
        .ok_or(ApiError::NotFound("discussion area"))?;
    Ok(AreaRef::Module { id, slug, title })
}

pub async fn cohort_area(db: &Db, id: i64) -> ApiResult<AreaRef> {
    let (id, name) = store::discussions::cohort_by_id(db, id)
        .await?
        .ok_or(ApiError::NotFound("discussion area"))?;
    Ok(AreaRef::Cohort { id, name })
}

/// The caller's rights in `area`; 404 when they may not even read it.
pub async fn rights(db: &Db, user: &AuthUser, area: &AreaRef) -> ApiResult<Rights> {
    let admin = user.role == Role::Admin;
    let (read, moderate) = match area {
        AreaRef::Module { id, .. } => {
            let moderate = admin
                || (user.role == Role::Facilitator
                    && store::discussions::moderates_module(
                        db,
                        user.id,
                        user.organisation.id,
                        *id,
                    )
                    .await?);
            let enrolled = is_enrolled(&mut db.conn().await?, user.id, *id).await?;
            (moderate || enrolled, moderate)
        }
        AreaRef::Cohort { id, .. } => {
            let role = store::cohorts::member_role(&mut db.conn().await?, *id, user.id).await?;
            let moderate = admin || role == Some(MemberRole::Facilitator);
            (moderate || role.is_some(), moderate)
        }
    };
    if read {
        Ok(Rights { moderate })
    } else {
        Err(ApiError::NotFound("discussion area"))
    }
}

/// The area a stored thread belongs to.
pub fn thread_area(t: &ThreadRow) -> ApiResult<AreaRef> {
    match (t.module_id, t.cohort_id) {
        (Some(id), None) => Ok(AreaRef::Module {
            id,
            slug: t.module_slug.clone().unwrap_or_default(),
            title: t.module_title.clone().unwrap_or_default(),
        }),
        (None, Some(id)) => Ok(AreaRef::Cohort {
            id,
            name: t.cohort_name.clone().unwrap_or_default(),
        }),
        _ => Err(ApiError::Internal(anyhow::anyhow!(
            "thread {} has no area",
            t.id
        ))),
    }
}

/// A thread the caller may read, with their rights; 404 otherwise.
pub async fn thread(db: &Db, user: &AuthUser, id: i64) -> ApiResult<(ThreadRow, AreaRef, Rights)> {
    let t = store::discussions::thread(db, id)
        .await?
        .ok_or(ApiError::NotFound("thread"))?;
    let area = thread_area(&t)?;
    let rights = rights(db, user, &area)
        .await
        .map_err(|_| ApiError::NotFound("thread"))?;
    Ok((t, area, rights))
}

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

/// A thread with the page of posts after post id `after` (0: the first page), as `user`
/// may see it; marks that page read. What `GET /api/v1/threads/{id}` answers.
pub async fn read_thread(db: &Db, user: &AuthUser, id: i64, after: i64) -> ApiResult<Thread> {
    let (t, area, rights) = thread(db, user, id).await?;
    let rows = store::discussions::posts_after(db, t.id, after, i64::from(PAGE_SIZE) + 1).await?;
    let more = rows.len() > PAGE_SIZE as usize;
    let posts: Vec<Post> = rows
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(|p| post_view(p, user, rights))
        .collect();
    if let Some(last) = posts.last() {
        store::discussions::mark_read(&mut db.conn().await?, user.id, t.id, last.id).await?;
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

/// One page of an area's threads: pinned first, then newest activity first.
pub async fn list_threads(
    db: &Db,
    user: &AuthUser,
    area: &AreaRef,
    cursor: Option<&str>,
) -> ApiResult<(Vec<ThreadSummary>, Option<String>)> {
    let after = cursor.map(decode_cursor).transpose()?;
    let rows =
        store::discussions::list_threads(db, user.id, area.key(), after, i64::from(PAGE_SIZE) + 1)
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
