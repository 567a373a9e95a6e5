//! Providers' news: an author (or admin) of an organisation posts for it, shared with
//! everyone or only with chosen organisations; everyone reads what is shared with them,
//! newest first; the Atom feeds carry what is shared with everyone.

use atom_syndication::{
    Category, Content, Entry, Feed, FixedDateTime, Link, Person as AtomPerson, Text,
};
use chrono::Utc;
use kursbro_shared::authoring::UploadedImage;
use kursbro_shared::news::{
    validate_news, NewNews, NewsImageView, NewsItem, NewsPage, NEWS_PAGE_DEFAULT, NEWS_PAGE_MAX,
};
use kursbro_shared::validation::{FieldError, Problem};

use crate::error::{ApiError, ApiResult};
use crate::markdown;
use crate::rows;
use crate::session::AuthUser;
use crate::store::{self, news::NewsRow, Db};

/// Whether `user` may post for, and take down the news of, `organisation_id`: its authors
/// and admins (a platform admin: their own organisation's).
fn writes_for(user: &AuthUser, organisation_id: i64) -> bool {
    user.organisation.id == organisation_id && user.grants.writes_content()
}

fn item(row: NewsRow, user: Option<&AuthUser>) -> ApiResult<NewsItem> {
    Ok(NewsItem {
        may_delete: user.is_some_and(|u| writes_for(u, row.organisation_id)),
        provider: rows::org_ref(
            row.organisation_id,
            row.organisation_name,
            &row.organisation_kind,
        )?,
        id: row.id,
        title: row.title,
        body_html: row.body_html,
        author: row.author,
        published_at: row.published_at,
        shared_with_all: row.shared_with_all,
        themes: serde_json::from_str(&row.themes).unwrap_or_default(),
        image: row.image_id.map(|id| NewsImageView {
            url: image_url(id),
            alt: row.image_alt,
        }),
    })
}

/// A page size asked for, checked: 1 to `NEWS_PAGE_MAX` (more is refused, not clamped).
pub fn page_size(limit: Option<u32>) -> ApiResult<u32> {
    let limit = limit.unwrap_or(NEWS_PAGE_DEFAULT);
    if (1..=NEWS_PAGE_MAX).contains(&limit) {
        Ok(limit)
    } else {
        Err(FieldError {
            field: "limit",
            problem: Problem::OutOfRange {
                min: 1,
                max: u64::from(NEWS_PAGE_MAX),
            },
        }
        .into())
    }
}

/// One page of the news the asker's organisation sees (not signed in: what is shared with
/// everyone), perhaps of one provider, newest first.
pub async fn page(
    db: &Db,
    user: Option<&AuthUser>,
    provider: Option<i64>,
    offset: u32,
    limit: u32,
) -> ApiResult<NewsPage> {
    let viewer = user.map(|u| u.organisation.id);
    let mut rows = store::news::page(db, viewer, provider, offset, limit).await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    Ok(NewsPage {
        items: rows
            .into_iter()
            .map(|r| item(r, user))
            .collect::<ApiResult<_>>()?,
        next_offset: more.then(|| offset.saturating_add(limit)),
    })
}

/// Where a news image is served.
fn image_url(id: i64) -> String {
    format!("{}/news/images/{id}", kursbro_shared::api::API_PREFIX)
}

/// Stores an image for the asker's organisation's news (its authors and admins).
pub async fn upload_image(db: &Db, user: &AuthUser, bytes: &[u8]) -> ApiResult<UploadedImage> {
    if !writes_for(user, user.organisation.id) {
        return Err(ApiError::Forbidden);
    }
    let content_type = crate::authoring::image_type(bytes)?;
    let mut tx = db.write().await?;
    let id = store::news::insert_image(
        &mut tx,
        user.organisation.id,
        content_type,
        bytes,
        user.id,
        Utc::now(),
    )
    .await?;
    tx.commit().await?;
    Ok(UploadedImage {
        id,
        url: image_url(id),
        content_type: content_type.to_string(),
        bytes: bytes.len() as u64,
    })
}

/// Posts a news item for the author's organisation.
pub async fn post(db: &Db, user: &AuthUser, req: &NewNews) -> ApiResult<NewsItem> {
    if !writes_for(user, user.organisation.id) {
        return Err(ApiError::Forbidden);
    }
    validate_news(req)?;
    if let Some(orgs) = &req.shared_with {
        let known = store::news::organisations_among(db, orgs).await?;
        if known.len() != orgs.len() {
            return Err(ApiError::Unprocessable {
                field: "shared_with",
                message: "An organisation to share with does not exist.".into(),
            });
        }
    }
    if let Some(image) = &req.image {
        if !store::news::image_is_of(db, image.id, user.organisation.id).await? {
            return Err(ApiError::Unprocessable {
                field: "image",
                message: "The image is not one uploaded for your organisation's news.".into(),
            });
        }
    }
    let body_html = markdown::render_news(&req.body);
    let themes: Vec<&str> = req.themes.iter().map(|t| t.trim()).collect();
    let themes = serde_json::to_string(&themes).map_err(|e| ApiError::Internal(e.into()))?;
    let mut tx = db.write().await?;
    let id = store::news::insert(
        &mut tx,
        &store::news::NewNewsRow {
            organisation_id: user.organisation.id,
            author_id: user.id,
            title: req.title.trim(),
            body_markdown: &req.body,
            body_html: &body_html,
            shared_with: req.shared_with.as_deref(),
            themes: &themes,
            image: req.image.as_ref().map(|i| (i.id, i.alt.trim())),
        },
        Utc::now(),
    )
    .await?;
    tx.commit().await?;
    let row = store::news::item(db, id, Some(user.organisation.id))
        .await?
        .ok_or(ApiError::NotFound("news"))?;
    item(row, Some(user))
}

/// Takes down a news item of the asker's organisation. One they cannot see is "not found";
/// one they see but did not post for is refused.
pub async fn delete(db: &Db, user: &AuthUser, id: i64) -> ApiResult<()> {
    let row = store::news::item(db, id, Some(user.organisation.id))
        .await?
        .ok_or(ApiError::NotFound("news"))?;
    if !writes_for(user, row.organisation_id) {
        return Err(ApiError::Forbidden);
    }
    let mut tx = db.write().await?;
    store::news::delete(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// An Atom feed of the news shared with everyone (of one provider, or all), newest first:
/// `base` is the site's address, for the links.
pub async fn atom(db: &Db, provider: Option<i64>, base: &str) -> ApiResult<String> {
    let mut rows = store::news::page(db, None, provider, 0, NEWS_PAGE_MAX).await?;
    rows.truncate(NEWS_PAGE_MAX as usize);
    let base = base.trim_end_matches('/');
    let updated: FixedDateTime = rows
        .first()
        .map(|r| r.published_at)
        .unwrap_or_else(Utc::now)
        .fixed_offset();
    let (title, id) = match (provider, rows.first()) {
        (Some(p), Some(r)) => (
            format!("Kursbro: nyheter fra {}", r.organisation_name),
            format!("{base}/nyheter?provider={p}"),
        ),
        (Some(p), None) => (
            "Kursbro: nyheter".to_string(),
            format!("{base}/nyheter?provider={p}"),
        ),
        (None, _) => ("Kursbro: nyheter".to_string(), format!("{base}/nyheter")),
    };
    let entries = rows
        .into_iter()
        .map(|r| {
            let url = format!("{base}/nyheter#nyhet-{}", r.id);
            let themes: Vec<String> = serde_json::from_str(&r.themes).unwrap_or_default();
            Entry {
                id: format!("{base}/nyheter/{}", r.id),
                title: Text::plain(r.title),
                updated: r.published_at.fixed_offset(),
                published: Some(r.published_at.fixed_offset()),
                authors: vec![AtomPerson {
                    name: format!("{} ({})", r.author, r.organisation_name),
                    ..AtomPerson::default()
                }],
                links: vec![Link {
                    href: url,
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Link::default()
                }],
                categories: themes
                    .into_iter()
                    .map(|term| Category {
                        term,
                        ..Category::default()
                    })
                    .collect(),
                content: Some(Content {
                    value: Some(r.body_html),
                    content_type: Some("html".into()),
                    ..Content::default()
                }),
                ..Entry::default()
            }
        })
        .collect();
    let feed = Feed {
        title: Text::plain(title),
        id: id.clone(),
        updated,
        links: vec![Link {
            href: id,
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Link::default()
        }],
        lang: Some("nb".into()),
        entries,
        ..Feed::default()
    };
    Ok(feed.to_string())
}
