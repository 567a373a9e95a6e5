//! Writing catalogue content: modules, activities, quizzes, programmes. Used by the demo
//! seed and the benchmarks today, and by authoring later.

use chrono::{DateTime, Utc};

use super::AsEx;
use crate::{execute, scalar_one};

/// A module to store.
pub struct NewModule<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub kind: &'a str,
    pub theme: &'a str,
    pub language: &'a str,
    pub credits: Option<f64>,
    pub estimated_hours: i64,
    pub validity_months: Option<i64>,
    pub provider_id: i64,
    /// Lower-cased texts the catalogue search looks in.
    pub search_text: &'a str,
}

pub async fn insert_module(
    tx: &mut impl AsEx,
    m: &NewModule<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO modules (slug, title, summary, description, kind, theme, language, credits,
                              estimated_hours, validity_months, provider_id, created_at, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        m.slug,
        m.title,
        m.summary,
        m.description,
        m.kind,
        m.theme,
        m.language,
        m.credits,
        m.estimated_hours,
        m.validity_months,
        m.provider_id,
        now,
        m.search_text
    )
}

/// Makes a module visible only to its provider and `organisations` (not the whole
/// catalogue).
pub async fn share_module_only_with(
    tx: &mut impl AsEx,
    module_id: i64,
    organisations: &[i64],
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE modules SET shared_with_all = FALSE WHERE id = $1",
        module_id
    )?;
    for o in organisations {
        execute!(
            tx,
            "INSERT INTO module_shares (module_id, organisation_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            module_id,
            o
        )?;
    }
    Ok(())
}

/// An activity to store.
pub struct NewActivity<'a> {
    pub module_id: i64,
    pub position: i64,
    pub kind: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub body_markdown: &'a str,
    /// Sanitised HTML rendered from `body_markdown`.
    pub body_html: &'a str,
    pub external_url: Option<&'a str>,
    pub video_url: Option<&'a str>,
    pub estimated_minutes: i64,
    pub pass_mark_percent: i64,
}

pub async fn insert_activity(tx: &mut impl AsEx, a: &NewActivity<'_>) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO activities (module_id, position, kind, title, summary, body_markdown,
                                 body_html, external_url, video_url, estimated_minutes,
                                 pass_mark_percent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        a.module_id,
        a.position,
        a.kind,
        a.title,
        a.summary,
        a.body_markdown,
        a.body_html,
        a.external_url,
        a.video_url,
        a.estimated_minutes,
        a.pass_mark_percent
    )
}

pub async fn insert_question(
    tx: &mut impl AsEx,
    activity_id: i64,
    position: i64,
    prompt: &str,
    multiple: bool,
    explanation: &str,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO quiz_questions (activity_id, position, prompt, multiple, explanation)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        activity_id,
        position,
        prompt,
        multiple,
        explanation
    )
}

pub async fn insert_option(
    tx: &mut impl AsEx,
    question_id: i64,
    position: i64,
    text: &str,
    correct: bool,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO quiz_options (question_id, position, text, correct)
         VALUES ($1, $2, $3, $4) RETURNING id",
        question_id,
        position,
        text,
        correct
    )
}

/// A programme to store.
pub struct NewProgramme<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub credits: f64,
    pub provider_id: i64,
}

pub async fn insert_programme(
    tx: &mut impl AsEx,
    p: &NewProgramme<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO programmes (slug, title, summary, description, credits, provider_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        p.slug,
        p.title,
        p.summary,
        p.description,
        p.credits,
        p.provider_id,
        now
    )
}

pub async fn add_programme_module(
    tx: &mut impl AsEx,
    programme_id: i64,
    module_id: i64,
    position: i64,
    required: bool,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO programme_modules (programme_id, module_id, position, required)
         VALUES ($1, $2, $3, $4)",
        programme_id,
        module_id,
        position,
        required
    )?;
    Ok(())
}

/// Withdraws a module from the catalogue (or publishes it again).
pub async fn set_module_published(
    c: &mut impl AsEx,
    slug: &str,
    published: bool,
) -> Result<u64, sqlx::Error> {
    execute!(
        c,
        "UPDATE modules SET published = $1 WHERE slug = $2",
        published,
        slug
    )
}

/// Sets (or clears) the module an author requires before `module_id`.
pub async fn set_prerequisite(
    c: &mut impl AsEx,
    module_id: i64,
    prerequisite_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    execute!(
        c,
        "UPDATE modules SET prerequisite_module_id = $1 WHERE id = $2",
        prerequisite_id,
        module_id
    )?;
    Ok(())
}
