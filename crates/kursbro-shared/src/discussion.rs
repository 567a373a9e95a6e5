//! Discussion areas: types and limits, shared by the server and the app.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::validation::{check_text, FieldError};

#[cfg(test)]
use crate::validation::Problem;

pub const TITLE_MAX_CHARS: usize = 200;
pub const BODY_MAX_CHARS: usize = 20_000;
pub const REASON_MAX_CHARS: usize = 500;
/// Posts (threads and replies) one person may write per minute, by default.
pub const POSTS_PER_MINUTE: u32 = 10;
/// Threads per page of the list, posts per page of a thread.
pub const PAGE_SIZE: u32 = 50;

/// Where a thread lives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Area {
    Module { slug: String, title: String },
    Cohort { id: i64, name: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ThreadSummary {
    pub id: i64,
    /// Plain text: shown as text, never as HTML.
    pub title: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub reply_count: u32,
    pub pinned: bool,
    pub locked: bool,
    /// There are posts the signed-in person has not read.
    pub unread: bool,
}

/// `GET …/threads`: newest activity first, pinned threads on top of the first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ThreadList {
    pub area: Area,
    pub threads: Vec<ThreadSummary>,
    /// Pass as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    pub can_moderate: bool,
}

/// What a reader sees of a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PostBody {
    /// Sanitised HTML, safe to insert.
    Visible { html: String },
    /// "Deleted by author": the post keeps its place so replies keep their context.
    Deleted,
    /// Hidden by a facilitator. The author and moderators see why (and the author their
    /// own text); others see only that it was hidden.
    Hidden {
        reason: Option<String>,
        html: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Post {
    pub id: i64,
    pub author: String,
    pub mine: bool,
    pub created_at: DateTime<Utc>,
    pub edited: bool,
    pub body: PostBody,
    /// The Markdown, for the author's own visible posts (to edit).
    pub markdown: Option<String>,
}

/// `GET /api/v1/threads/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Thread {
    pub id: i64,
    pub area: Area,
    pub title: String,
    pub pinned: bool,
    pub locked: bool,
    pub can_moderate: bool,
    pub reply_count: u32,
    /// One page of posts in order; the opening post first on the first page.
    pub posts: Vec<Post>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewThread {
    /// At most `TITLE_MAX_CHARS`; not blank.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub title: String,
    /// Markdown; at most `BODY_MAX_CHARS`; not blank.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20000,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewPost {
    /// Markdown; at most `BODY_MAX_CHARS`; not blank.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20000,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub body: String,
}

/// `PATCH /api/v1/threads/{id}` (moderators).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ThreadFlags {
    pub pinned: Option<bool>,
    pub locked: Option<bool>,
}

/// Hiding or reporting needs a reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Reason {
    /// At most `REASON_MAX_CHARS`; not blank.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 500,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub reason: String,
}

/// A reported post in the facilitators' queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Report {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub area: Area,
    pub author: String,
    pub reasons: Vec<String>,
    pub reported_at: DateTime<Utc>,
    pub hidden: bool,
}

pub fn validate_title(title: &str) -> Result<(), FieldError> {
    check_text("title", title, TITLE_MAX_CHARS)
}

pub fn validate_body(body: &str) -> Result<(), FieldError> {
    check_text("body", body, BODY_MAX_CHARS)
}

pub fn validate_reason(reason: &str) -> Result<(), FieldError> {
    check_text("reason", reason, REASON_MAX_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked_in_characters() {
        assert!(validate_title("Spørsmål om vaktlister").is_ok());
        assert_eq!(validate_title(" ").unwrap_err().problem, Problem::Required);
        assert!(validate_title(&"æ".repeat(TITLE_MAX_CHARS)).is_ok());
        assert_eq!(
            validate_title(&"æ".repeat(TITLE_MAX_CHARS + 1))
                .unwrap_err()
                .problem,
            Problem::TooLong {
                max: TITLE_MAX_CHARS
            }
        );
        assert_eq!(validate_body("").unwrap_err().field, "body");
        assert!(validate_body(&"x".repeat(BODY_MAX_CHARS + 1)).is_err());
        assert_eq!(validate_reason("").unwrap_err().field, "reason");
    }
}
