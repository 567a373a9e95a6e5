//! Threads, posts, reports and read markers.

use chrono::{DateTime, Utc};
use kursbro_shared::cohort_grid::MemberRole;

use super::{AsEx, Db};
use crate::{execute, fetch_all, fetch_optional, scalar_one};

/// Which area a thread belongs to.
#[derive(Debug, Clone, Copy)]
pub enum AreaKey {
    Module(i64),
    Cohort(i64),
}

impl AreaKey {
    fn column(self) -> (&'static str, i64) {
        match self {
            AreaKey::Module(id) => ("module_id", id),
            AreaKey::Cohort(id) => ("cohort_id", id),
        }
    }
}

/// (id, slug, title) of a published module the viewer's organisation sees, by slug.
pub async fn module_by_slug(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        (i64, String, String),
        &format!(
            "SELECT m.id, m.slug, m.title FROM modules m
             WHERE m.slug = $1 AND m.published = TRUE AND {}",
            super::catalogue::module_shared("m", "$2")
        ),
        slug,
        viewer
    )
}

/// (id, name) of a cohort.
pub async fn cohort_by_id(db: &Db, id: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        (i64, String),
        "SELECT id, name FROM cohorts WHERE id = $1",
        id
    )
}

/// `c.module_id`-style condition: the modules `$u` (a person, with the facilitator role
/// bound as `$r` and their organisation as `$o`) may moderate — those their organisation
/// provides, and those in the programme of a cohort they facilitate that are shared with
/// their organisation. Written once; used for the rights in one area and for the reports
/// queue.
fn moderated_modules(u: &str, r: &str, o: &str) -> String {
    format!(
        "(SELECT m.id FROM modules m WHERE m.provider_id = {o}
          UNION ALL SELECT pm.module_id FROM cohort_members cm
                    JOIN cohorts c ON c.id = cm.cohort_id
                    JOIN programme_modules pm ON pm.programme_id = c.programme_id
                    JOIN modules m ON m.id = pm.module_id
                    WHERE cm.user_id = {u} AND cm.role = {r} AND {})",
        super::catalogue::module_shared("m", o)
    )
}

/// Whether a facilitator (by id and organisation) moderates the module's area.
pub async fn moderates_module(
    db: &Db,
    user_id: i64,
    organisation_id: i64,
    module_id: i64,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {} x WHERE x.id = $4)",
        moderated_modules("$1", "$2", "$3")
    );
    crate::scalar_one!(
        &mut db.conn().await?,
        bool,
        &sql,
        user_id,
        MemberRole::Facilitator.as_str(),
        organisation_id,
        module_id
    )
}

/// A thread with its area.
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

/// A thread, unless it is in a withdrawn module's area.
pub async fn thread(db: &Db, id: i64) -> Result<Option<ThreadRow>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        ThreadRow,
        "SELECT t.id, t.title, t.author_id, t.pinned, t.locked, t.reply_count,
                t.module_id, m.slug AS module_slug, m.title AS module_title,
                t.cohort_id, c.name AS cohort_name
         FROM threads t
         LEFT JOIN modules m ON m.id = t.module_id
         LEFT JOIN cohorts c ON c.id = t.cohort_id
         WHERE t.id = $1 AND (t.module_id IS NULL OR m.published = TRUE)",
        id
    )
}

/// A post with its author's name.
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

const POST_COLUMNS: &str = "p.id, p.thread_id, p.author_id, u.name AS author, p.body_markdown,
    p.body_html, p.created_at, p.edited_at, p.deleted_at, p.hidden_at, p.hidden_reason
    FROM posts p JOIN users u ON u.id = p.author_id";

pub async fn post(c: &mut impl AsEx, id: i64) -> Result<Option<PostRow>, sqlx::Error> {
    let sql = format!("SELECT {POST_COLUMNS} WHERE p.id = $1");
    fetch_optional!(c, PostRow, &sql, id)
}

/// Up to `limit` posts of a thread after post id `after`, in order.
pub async fn posts_after(
    db: &Db,
    thread_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<PostRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {POST_COLUMNS} WHERE p.thread_id = $1 AND p.id > $2 ORDER BY p.id LIMIT $3"
    );
    fetch_all!(
        &mut db.conn().await?,
        PostRow,
        &sql,
        thread_id,
        after,
        limit
    )
}

/// Records that `user_id` has read `thread_id` up to `post_id` (never moves backwards).
pub async fn mark_read(
    c: &mut impl AsEx,
    user_id: i64,
    thread_id: i64,
    post_id: i64,
) -> Result<(), sqlx::Error> {
    execute!(
        c,
        "INSERT INTO thread_reads (user_id, thread_id, last_read_post_id) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_post_id = excluded.last_read_post_id
         WHERE excluded.last_read_post_id > thread_reads.last_read_post_id",
        user_id,
        thread_id,
        post_id
    )?;
    Ok(())
}

/// A thread as listed, with whether it has posts the reader has not seen.
#[derive(sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub title: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub reply_count: i64,
    pub pinned: bool,
    pub locked: bool,
    pub unread: bool,
}

/// Up to `limit` threads of an area after the sort key `after` (pinned first, then newest
/// activity first).
pub async fn list_threads(
    db: &Db,
    reader_id: i64,
    area: AreaKey,
    after: Option<(bool, DateTime<Utc>, i64)>,
    limit: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let (column, area_id) = area.column();
    let sql = format!(
        "SELECT t.id, t.title, u.name AS author, t.created_at, t.last_activity_at, t.reply_count,
                t.pinned, t.locked,
                t.last_post_id > COALESCE((SELECT r.last_read_post_id FROM thread_reads r
                                           WHERE r.user_id = $1 AND r.thread_id = t.id), 0) AS unread
         FROM threads t JOIN users u ON u.id = t.author_id
         WHERE t.{column} = $2
           AND ($3 IS NULL OR (t.pinned, t.last_activity_at, t.id) < ($3, $4, $5))
         ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC
         LIMIT $6"
    );
    fetch_all!(
        &mut db.conn().await?,
        ListRow,
        &sql,
        reader_id,
        area_id,
        after.map(|a| a.0),
        after.map(|a| a.1),
        after.map(|a| a.2),
        limit
    )
}

/// A new thread with its opening post, read by its author: (thread id, post id).
pub async fn create_thread(
    db: &Db,
    area: AreaKey,
    author_id: i64,
    title: &str,
    body_markdown: &str,
    body_html: &str,
    now: DateTime<Utc>,
) -> Result<(i64, i64), sqlx::Error> {
    let (column, area_id) = area.column();
    let mut tx = db.write().await?;
    let sql = format!(
        "INSERT INTO threads ({column}, author_id, title, created_at, last_activity_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id"
    );
    let thread_id = scalar_one!(&mut tx, i64, &sql, area_id, author_id, title, now)?;
    let post_id = insert_post(&mut tx, thread_id, author_id, body_markdown, body_html, now).await?;
    execute!(
        &mut tx,
        "UPDATE threads SET last_post_id = $1 WHERE id = $2",
        post_id,
        thread_id
    )?;
    mark_read(&mut tx, author_id, thread_id, post_id).await?;
    tx.commit().await?;
    Ok((thread_id, post_id))
}

async fn insert_post(
    tx: &mut impl AsEx,
    thread_id: i64,
    author_id: i64,
    body_markdown: &str,
    body_html: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO posts (thread_id, author_id, body_markdown, body_html, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        thread_id,
        author_id,
        body_markdown,
        body_html,
        now
    )
}

/// A reply: stored, counted on the thread, read by its author; the stored post.
pub async fn reply(
    db: &Db,
    thread_id: i64,
    author_id: i64,
    body_markdown: &str,
    body_html: &str,
    now: DateTime<Utc>,
) -> Result<PostRow, sqlx::Error> {
    let mut tx = db.write().await?;
    let post_id = insert_post(&mut tx, thread_id, author_id, body_markdown, body_html, now).await?;
    execute!(
        &mut tx,
        "UPDATE threads SET last_activity_at = $1, last_post_id = $2, reply_count = reply_count + 1
         WHERE id = $3",
        now,
        post_id,
        thread_id
    )?;
    mark_read(&mut tx, author_id, thread_id, post_id).await?;
    let row = post(&mut tx, post_id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(row)
}

/// Sets the flags that are `Some`.
pub async fn set_flags(
    db: &Db,
    thread_id: i64,
    pinned: Option<bool>,
    locked: Option<bool>,
) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE threads SET pinned = COALESCE($1, pinned), locked = COALESCE($2, locked) WHERE id = $3",
        pinned,
        locked,
        thread_id
    )?;
    Ok(())
}

/// New text for a post; marks it edited. Returns the stored post.
pub async fn edit_post(
    db: &Db,
    id: i64,
    body_markdown: &str,
    body_html: &str,
    now: DateTime<Utc>,
) -> Result<Option<PostRow>, sqlx::Error> {
    let mut tx = db.write().await?;
    execute!(
        &mut tx,
        "UPDATE posts SET body_markdown = $1, body_html = $2, edited_at = $3 WHERE id = $4",
        body_markdown,
        body_html,
        now,
        id
    )?;
    let row = post(&mut tx, id).await?;
    tx.commit().await?;
    Ok(row)
}

/// Removes a post's text; "deleted by author" keeps its place.
pub async fn delete_post(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE posts SET body_markdown = '', body_html = '', deleted_at = COALESCE(deleted_at, $1)
         WHERE id = $2",
        now,
        id
    )?;
    Ok(())
}

/// Hides a post with a reason and resolves its open reports.
pub async fn hide_post(
    db: &Db,
    id: i64,
    moderator_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    execute!(
        &mut tx,
        "UPDATE posts SET hidden_at = $1, hidden_by = $2, hidden_reason = $3 WHERE id = $4",
        now,
        moderator_id,
        reason,
        id
    )?;
    execute!(
        &mut tx,
        "UPDATE post_reports SET resolved_at = $1 WHERE post_id = $2 AND resolved_at IS NULL",
        now,
        id
    )?;
    tx.commit().await
}

pub async fn restore_post(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = $1",
        id
    )?;
    Ok(())
}

/// Reports a post (again: the reason is replaced and the report reopened).
pub async fn report_post(
    db: &Db,
    id: i64,
    reporter_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "INSERT INTO post_reports (post_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (post_id, reporter_id) DO UPDATE SET reason = excluded.reason, resolved_at = NULL",
        id,
        reporter_id,
        reason,
        now
    )?;
    Ok(())
}

/// One open report with its post, thread and area.
#[derive(sqlx::FromRow)]
pub struct ReportRow {
    pub post_id: i64,
    pub thread_id: i64,
    pub thread_title: String,
    pub author: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub hidden: bool,
    pub module_slug: Option<String>,
    pub module_title: Option<String>,
    pub cohort_id: Option<i64>,
    pub cohort_name: Option<String>,
}

/// Open reports in the areas `moderator_id` (of `organisation_id`) moderates — every area
/// when `everything` (admins) — oldest first, grouped by post.
pub async fn open_reports(
    db: &Db,
    moderator_id: i64,
    organisation_id: i64,
    everything: bool,
) -> Result<Vec<ReportRow>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id AS post_id, t.id AS thread_id, t.title AS thread_title, u.name AS author,
                r.reason, r.created_at, p.hidden_at IS NOT NULL AS hidden,
                m.slug AS module_slug, m.title AS module_title, c.id AS cohort_id, c.name AS cohort_name
         FROM post_reports r
         JOIN posts p ON p.id = r.post_id
         JOIN threads t ON t.id = p.thread_id
         JOIN users u ON u.id = p.author_id
         LEFT JOIN modules m ON m.id = t.module_id
         LEFT JOIN cohorts c ON c.id = t.cohort_id
         WHERE r.resolved_at IS NULL
           AND ($1 OR t.module_id IN {modules} OR t.cohort_id IN (
                SELECT cohort_id FROM cohort_members WHERE user_id = $2 AND role = $3))
         ORDER BY r.created_at, p.id",
        modules = moderated_modules("$2", "$3", "$4")
    );
    fetch_all!(
        &mut db.conn().await?,
        ReportRow,
        &sql,
        everything,
        moderator_id,
        MemberRole::Facilitator.as_str(),
        organisation_id
    )
}
