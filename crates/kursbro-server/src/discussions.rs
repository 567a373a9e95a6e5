//! Discussion areas: who may read, write and moderate, and the queries behind the threads.
//!
//! A module's area is open to everyone enrolled in the module and to the facilitators who
//! moderate it: those of the module's provider and those who facilitate a cohort whose
//! programme has the module. A cohort's area is open to its members; its facilitators
//! moderate it. Admins moderate everywhere. Anyone else gets 404.

use chrono::{DateTime, Utc};
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

/// A module's discussion area, if the viewer's organisation sees the module.
pub async fn module_area(db: &Db, slug: &str, viewer: Option<i64>) -> ApiResult<AreaRef> {
    let (id, slug, title) = store::discussions::module_by_slug(db, slug, viewer)
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
    let admin = user.grants.platform_admin;
    let (read, moderate) = match area {
        AreaRef::Module { id, .. } => {
            let moderate = admin
                || (user.grants.facilitator
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

/// Thread list cursors: the sort key of the last thread on the page,
/// `pinned.seconds.nanoseconds.id` (`1.1795428800.123000000.42`). Clients pass them back
/// unchanged; every string of this form is a position, so the pattern in the OpenAPI
/// document (`routes::discussions::ThreadsPage`) describes exactly what is accepted.
pub fn encode_cursor(pinned: bool, last_activity_at: DateTime<Utc>, id: i64) -> String {
    format!(
        "{}.{}.{}.{}",
        u8::from(pinned),
        last_activity_at.timestamp().max(0),
        last_activity_at.timestamp_subsec_nanos().min(999_999_999),
        id.max(0)
    )
}

/// A cursor the client made up or mangled.
pub fn bad_cursor() -> ApiError {
    ApiError::InvalidPath("the cursor is not one this server gave out".into())
}

/// 1 to `max` ASCII digits (no sign, no spaces), as a number.
fn digits<N: std::str::FromStr>(s: &str, max: usize) -> Option<N> {
    let ok = !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

pub fn decode_cursor(cursor: &str) -> ApiResult<(bool, DateTime<Utc>, i64)> {
    let parts: Vec<&str> = cursor.split('.').collect();
    let [pinned, secs, nanos, id] = parts[..] else {
        return Err(bad_cursor());
    };
    let pinned = match pinned {
        "0" => false,
        "1" => true,
        _ => return Err(bad_cursor()),
    };
    let at = digits::<i64>(secs, 11)
        .zip(digits::<u32>(nanos, 9))
        .and_then(|(s, n)| DateTime::from_timestamp(s, n))
        .ok_or_else(bad_cursor)?;
    let id = digits::<i64>(id, 18).ok_or_else(bad_cursor)?;
    Ok((pinned, at, id))
}

/// A thread page's cursor: the id of the last post of the previous page (1 to 18 digits).
pub fn decode_post_cursor(cursor: &str) -> ApiResult<i64> {
    digits(cursor, 18).ok_or_else(bad_cursor)
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
        for garbage in [
            "not-a-cursor",
            "1.x.0.3",
            "2.1.0.3",
            "1.1.0",
            "1.1.0.3.4",
            "1.+1.0.3",
            "1.1.1000000000.3",
            "1.1.0.1234567890123456789",
            "1.1.0.3\n",
            "",
        ] {
            assert!(decode_cursor(garbage).is_err(), "{garbage:?}");
        }
        assert_eq!(decode_post_cursor("0").unwrap(), 0);
        assert_eq!(
            decode_post_cursor("123456789012345678").unwrap(),
            123456789012345678
        );
        for garbage in ["", "+5", "-5", " 5", "5 ", "1234567890123456789", "\0"] {
            assert!(decode_post_cursor(garbage).is_err(), "{garbage:?}");
        }
    }
}
