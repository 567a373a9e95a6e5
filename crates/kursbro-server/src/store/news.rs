//! Providers' news: posting, sharing, reading newest first (what the reader's organisation
//! sees: the same rule as for modules), taking down.

use chrono::{DateTime, Utc};

use super::{AsEx, Db};
use crate::{execute, fetch_all, fetch_optional, scalar_one};

/// `n` (a news item) is shared with the organisation `org` (an SQL expression; NULL for
/// someone not signed in): with everyone, its own, or shared with it.
fn news_shared(n: &str, org: &str) -> String {
    format!(
        "({n}.shared_with_all = TRUE OR {n}.organisation_id = {org}
          OR EXISTS (SELECT 1 FROM news_shares sh
                     WHERE sh.news_id = {n}.id AND sh.organisation_id = {org}))"
    )
}

/// A news item with its provider and author.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct NewsRow {
    pub id: i64,
    pub title: String,
    pub body_html: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub organisation_kind: String,
    pub author: String,
    pub shared_with_all: bool,
    pub published_at: DateTime<Utc>,
    /// A JSON array of texts.
    pub themes: String,
    pub image_id: Option<i64>,
    pub image_alt: String,
}

const NEWS_COLUMNS: &str = "n.id, n.title, n.body_html, n.organisation_id,
    o.name AS organisation_name, o.kind AS organisation_kind, u.name AS author,
    n.shared_with_all, n.published_at, n.themes, n.image_id, n.image_alt
    FROM news n JOIN organisations o ON o.id = n.organisation_id
    JOIN users u ON u.id = n.author_id";

/// One page of the news `viewer`'s organisation sees (`None`: someone not signed in, who
/// sees what is shared with everyone), perhaps of one provider, newest first; one more
/// than `limit` tells whether there is a next page.
pub async fn page(
    db: &Db,
    viewer: Option<i64>,
    provider: Option<i64>,
    offset: u32,
    limit: u32,
) -> Result<Vec<NewsRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {NEWS_COLUMNS}
         WHERE {} AND ($2 IS NULL OR n.organisation_id = $2)
         ORDER BY n.published_at DESC, n.id DESC
         LIMIT {} OFFSET {offset}",
        news_shared("n", "$1"),
        u64::from(limit) + 1
    );
    fetch_all!(&mut db.conn().await?, NewsRow, &sql, viewer, provider)
}

/// One news item, if `viewer`'s organisation sees it.
pub async fn item(db: &Db, id: i64, viewer: Option<i64>) -> Result<Option<NewsRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {NEWS_COLUMNS} WHERE n.id = $1 AND {}",
        news_shared("n", "$2")
    );
    fetch_optional!(&mut db.conn().await?, NewsRow, &sql, id, viewer)
}

/// What a new news item holds.
pub struct NewNewsRow<'a> {
    pub organisation_id: i64,
    pub author_id: i64,
    pub title: &'a str,
    pub body_markdown: &'a str,
    pub body_html: &'a str,
    pub shared_with: Option<&'a [i64]>,
    /// A JSON array of texts.
    pub themes: &'a str,
    /// An image of the organisation's, and what it shows.
    pub image: Option<(i64, &'a str)>,
}

/// Posts a news item; its id.
pub async fn insert(
    tx: &mut impl AsEx,
    n: &NewNewsRow<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let id = scalar_one!(
        tx,
        i64,
        "INSERT INTO news (organisation_id, author_id, title, body_markdown, body_html,
                           shared_with_all, published_at, themes, image_id, image_alt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        n.organisation_id,
        n.author_id,
        n.title,
        n.body_markdown,
        n.body_html,
        n.shared_with.is_none(),
        now,
        n.themes,
        n.image.map(|(id, _)| id),
        n.image.map_or("", |(_, alt)| alt)
    )?;
    for o in n.shared_with.unwrap_or_default() {
        execute!(
            tx,
            "INSERT INTO news_shares (news_id, organisation_id) VALUES ($1, $2)",
            id,
            o
        )?;
    }
    Ok(id)
}

/// Which of `ids` are organisations.
pub async fn organisations_among(db: &Db, ids: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id FROM organisations WHERE id IN ({})",
        super::catalogue::id_list(ids)
    );
    crate::scalar_all!(&mut db.conn().await?, i64, &sql)
}

/// Takes a news item down; how many were.
pub async fn delete(tx: &mut impl AsEx, id: i64) -> Result<u64, sqlx::Error> {
    execute!(tx, "DELETE FROM news WHERE id = $1", id)
}

/// Stores an image for `organisation`'s news; its id.
pub async fn insert_image(
    tx: &mut impl AsEx,
    organisation: i64,
    content_type: &str,
    bytes: &[u8],
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO news_images (organisation_id, content_type, bytes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        organisation,
        content_type,
        bytes,
        user_id,
        now
    )
}

/// Whether the news image `id` is `organisation`'s.
pub async fn image_is_of(db: &Db, id: i64, organisation: i64) -> Result<bool, sqlx::Error> {
    crate::scalar_one!(
        &mut db.conn().await?,
        bool,
        "SELECT EXISTS (SELECT 1 FROM news_images WHERE id = $1 AND organisation_id = $2)",
        id,
        organisation
    )
}

/// A news image, if `viewer`'s organisation sees a news item that shows it, or it is
/// `author_of`'s (the organisation whose author or admin asks).
pub async fn image(
    db: &Db,
    id: i64,
    viewer: Option<i64>,
    author_of: Option<i64>,
) -> Result<Option<super::authoring::ImageRow>, sqlx::Error> {
    let sql = format!(
        "SELECT i.content_type, i.bytes FROM news_images i
         WHERE i.id = $1 AND (i.organisation_id = $3
               OR EXISTS (SELECT 1 FROM news n WHERE n.image_id = i.id AND {}))",
        news_shared("n", "$2")
    );
    fetch_optional!(
        &mut db.conn().await?,
        super::authoring::ImageRow,
        &sql,
        id,
        viewer,
        author_of
    )
}
