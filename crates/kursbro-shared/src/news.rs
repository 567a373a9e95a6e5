//! News from providers: what an author may post, and how a news item reads. Who sees it is
//! the same rule as for modules (shared with everyone, or only with the provider and chosen
//! organisations); the server applies it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::OrganisationRef;
use crate::validation::{check_text, FieldError, Problem};

/// Longest title, in characters.
pub const NEWS_TITLE_MAX_CHARS: usize = 150;
/// Longest body (Markdown), in characters.
pub const NEWS_BODY_MAX_CHARS: usize = 20_000;
/// Most organisations a news item may be shared with by name.
pub const NEWS_SHARES_MAX: usize = 50;
/// News items on a page, unless asked for fewer.
pub const NEWS_PAGE_DEFAULT: u32 = 10;
/// Most news items on a page.
pub const NEWS_PAGE_MAX: u32 = 50;

/// Body of `POST /api/v1/news`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewNews {
    /// Visible text, no control characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 150,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub title: String,
    /// Markdown (no images); rendered and sanitised by the server.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 20000,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub body: String,
    /// `None`: shared with everyone (visitors who are not signed in too); otherwise only
    /// with the author's organisation and these organisations.
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub shared_with: Option<Vec<i64>>,
    /// Up to five themes (e.g. "Legemidler", "Demens"), each visible text of at most 60
    /// characters, distinct.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 5))]
    pub themes: Vec<String>,
    /// An image uploaded for the organisation's news (`POST /api/v1/news/images`), with
    /// what it shows.
    #[serde(default)]
    pub image: Option<NewsImage>,
}

/// The image of a news item being posted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewsImage {
    pub id: i64,
    /// What the image shows, for those who cannot see it.
    pub alt: String,
}

/// An image a news item shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewsImageView {
    pub url: String,
    pub alt: String,
}

/// Longest description of a news image.
pub const NEWS_IMAGE_ALT_MAX_CHARS: usize = 200;

/// Most themes of a news item.
pub const NEWS_THEMES_MAX: usize = 5;
/// Longest theme, in characters.
pub const NEWS_THEME_MAX_CHARS: usize = 60;

/// Checks a news item before it is posted.
pub fn validate_news(n: &NewNews) -> Result<(), FieldError> {
    check_text("title", &n.title, NEWS_TITLE_MAX_CHARS)?;
    check_text("body", &n.body, NEWS_BODY_MAX_CHARS)?;
    if let Some(image) = &n.image {
        check_text("image", &image.alt, NEWS_IMAGE_ALT_MAX_CHARS)?;
    }
    if n.themes.len() > NEWS_THEMES_MAX {
        return Err(FieldError {
            field: "themes",
            problem: Problem::TooLong {
                max: NEWS_THEMES_MAX,
            },
        });
    }
    for (i, t) in n.themes.iter().enumerate() {
        check_text("themes", t, NEWS_THEME_MAX_CHARS)?;
        if n.themes[..i]
            .iter()
            .any(|o| o.trim().eq_ignore_ascii_case(t.trim()))
        {
            return Err(FieldError {
                field: "themes",
                problem: Problem::Duplicate,
            });
        }
    }
    if let Some(orgs) = &n.shared_with {
        let problem = if orgs.len() > NEWS_SHARES_MAX {
            Some(Problem::TooLong {
                max: NEWS_SHARES_MAX,
            })
        } else if orgs.iter().enumerate().any(|(i, o)| orgs[..i].contains(o)) {
            Some(Problem::Duplicate)
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(FieldError {
                field: "shared_with",
                problem,
            });
        }
    }
    Ok(())
}

/// One news item as readers see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewsItem {
    pub id: i64,
    pub title: String,
    /// The body, rendered and sanitised.
    pub body_html: String,
    /// The organisation that posted it.
    pub provider: OrganisationRef,
    pub author: String,
    pub published_at: DateTime<Utc>,
    /// Shared with everyone (otherwise only with the provider and chosen organisations).
    pub shared_with_all: bool,
    /// Whether the asker may take it down (an author or admin of its organisation).
    pub may_delete: bool,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub image: Option<NewsImageView>,
}

/// `GET /api/v1/news`: newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewsPage {
    pub items: Vec<NewsItem>,
    /// Where the next page starts, if there is one.
    pub next_offset: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn news() -> NewNews {
        NewNews {
            title: "Nytt HLR-kurs i januar".into(),
            body: "Meld deg på i Kursbro.".into(),
            shared_with: None,
            themes: vec!["HLR".into()],
            image: None,
        }
    }

    #[test]
    fn a_news_item_has_a_title_a_body_and_distinct_organisations() {
        assert_eq!(validate_news(&news()), Ok(()));
        let field = |n: NewNews| validate_news(&n).unwrap_err().field;
        assert_eq!(
            field(NewNews {
                title: " ".into(),
                ..news()
            }),
            "title"
        );
        assert_eq!(
            field(NewNews {
                title: "x".repeat(NEWS_TITLE_MAX_CHARS + 1),
                ..news()
            }),
            "title"
        );
        assert_eq!(
            field(NewNews {
                body: "\u{202e}".into(),
                ..news()
            }),
            "body"
        );
        assert_eq!(
            field(NewNews {
                shared_with: Some(vec![3, 4, 3]),
                ..news()
            }),
            "shared_with"
        );
        assert_eq!(
            validate_news(&NewNews {
                shared_with: Some(vec![]),
                ..news()
            }),
            Ok(()),
            "only the author's own organisation"
        );
        for themes in [
            vec!["HLR".to_string(), "hlr".into()],
            vec![" ".into()],
            vec![
                "a".into(),
                "b".into(),
                "c".into(),
                "d".into(),
                "e".into(),
                "f".into(),
            ],
            vec!["x".repeat(NEWS_THEME_MAX_CHARS + 1)],
        ] {
            assert_eq!(field(NewNews { themes, ..news() }), "themes");
        }
    }
}
