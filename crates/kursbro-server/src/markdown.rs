//! Markdown from authors and learners → safe HTML for display.
//!
//! pulldown-cmark renders; ammonia sanitises the result with an allow-list, so raw HTML,
//! scripts, event handlers and `javascript:`/`data:` URLs never survive. Links get
//! `rel="nofollow noopener noreferrer"`. Two profiles: lessons (written by providers) may
//! show images uploaded to Kursbro; discussion posts may not (no tracking pixels, no
//! surprises in a thread).

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, Options, Parser};

fn builder(images: bool) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("nofollow noopener noreferrer"));
    if images {
        // Only images uploaded to Kursbro: an image from elsewhere would tell that site who
        // reads the lesson, and when. Without its source an image shows its alt text.
        b.attribute_filter(|element, attribute, value| {
            let uploaded = value
                .strip_prefix(IMAGES)
                .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
            if element == "img" && attribute == "src" && !uploaded {
                None
            } else {
                Some(value.into())
            }
        });
    } else {
        b.rm_tags(["img"]);
    }
    b
}

/// Where uploaded images are served: `/api/v1/images/`.
const IMAGES: &str = "/api/v1/images/";

fn post_sanitiser() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| builder(false))
}

fn lesson_sanitiser() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| builder(true))
}

/// Renders a discussion post (no images) to sanitised HTML.
pub fn render(markdown: &str) -> String {
    render_with(markdown, post_sanitiser())
}

/// Renders a news item or a gathering's description (no images) to sanitised HTML. Its
/// headings start at `<h4>`: the item's own title is a heading of the page (`<h1>` to
/// `<h3>`), and the text is below it.
pub fn render_news(markdown: &str) -> String {
    use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
    let below = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H4,
        HeadingLevel::H2 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: below(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(below(level))),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    post_sanitiser().clean(&unsafe_html).to_string()
}

/// Renders lesson text (images allowed) to sanitised HTML.
pub fn render_lesson(markdown: &str) -> String {
    render_with(markdown, lesson_sanitiser())
}

fn render_with(markdown: &str, sanitiser: &ammonia::Builder<'static>) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(markdown, options);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    sanitiser.clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::{render, render_news};

    #[test]
    fn news_headings_sit_below_the_items_title() {
        let html = render_news("# Fagdag\n\n## Program\n\n### Pause\n\nTekst <script>x</script>");
        assert!(html.contains("<h4>Fagdag</h4>"), "{html}");
        assert!(html.contains("<h5>Program</h5>"), "{html}");
        assert!(html.contains("<h6>Pause</h6>"), "{html}");
        assert!(!html.contains("<h1") && !html.contains("<script"), "{html}");
    }

    #[test]
    fn markdown_becomes_html() {
        let html = render("## Tittel\n\nEn **viktig** tekst med [lenke](https://example.org).");
        assert!(html.contains("<h2>Tittel</h2>"), "{html}");
        assert!(html.contains("<strong>viktig</strong>"), "{html}");
        assert!(
            html.contains(
                r#"<a href="https://example.org" rel="nofollow noopener noreferrer">lenke</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn lessons_keep_uploaded_images_but_not_their_tricks() {
        let html = super::render_lesson("![Hånddesinfeksjon](/api/v1/images/12)");
        assert!(
            html.contains(r#"<img src="/api/v1/images/12" alt="Hånddesinfeksjon">"#),
            "{html}"
        );
        // From elsewhere: no source (it would track the reader), the alt text stays.
        let html = super::render_lesson("![Hender](https://example.org/spor.png)");
        assert!(html.contains(r#"<img alt="Hender">"#), "{html}");
        let html = super::render_lesson("![x](/api/v1/images/../../me)");
        assert!(html.contains(r#"<img alt="x">"#), "{html}");
        let html =
            super::render_lesson(r#"<img src="x" onerror="alert(1)"> ![x](javascript:alert(1))"#);
        assert!(
            !html.contains("onerror") && !html.contains("javascript:"),
            "{html}"
        );
        assert!(
            !render("![x](https://example.org/spor.png)").contains("<img"),
            "no images in posts"
        );
    }

    #[test]
    fn nothing_executable_survives() {
        for evil in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klikk](javascript:alert(1))",
            "[klikk](data:text/html,<script>alert(1)</script>)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
        ] {
            let html = render(evil).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "data:",
                "<svg",
                "<iframe",
                "<img",
            ] {
                assert!(!html.contains(bad), "{evil:?} -> {html}");
            }
        }
    }
}
