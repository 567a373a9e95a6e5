//! Authoring: a provider's modules as its authors see them, their drafts, publishing a
//! draft into the tables learners read, uploaded images and the change log.

use chrono::{DateTime, Utc};

use super::{AsEx, Db};
use crate::{
    execute, fetch_all, fetch_one, fetch_optional, scalar_all, scalar_one, scalar_optional,
};

/// A module as authoring needs it: whose it is and whether learners see it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct AuthorModule {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub provider_id: i64,
    pub published: bool,
    pub created_at: DateTime<Utc>,
}

pub async fn module_by_slug(
    c: &mut impl AsEx,
    slug: &str,
) -> Result<Option<AuthorModule>, sqlx::Error> {
    fetch_optional!(
        c,
        AuthorModule,
        "SELECT id, slug, title, provider_id, published, created_at FROM modules WHERE slug = $1",
        slug
    )
}

/// One module of a provider, with its draft's state and how many learners it has.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct AuthoredRow {
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub has_draft: bool,
    pub learners: i64,
}

/// The modules of `provider`, by published title.
pub async fn modules_of(db: &Db, provider: i64) -> Result<Vec<AuthoredRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        AuthoredRow,
        "SELECT m.slug, m.title, m.published,
                EXISTS (SELECT 1 FROM module_drafts d
                        WHERE d.module_id = m.id AND d.published = FALSE) AS has_draft,
                (SELECT COUNT(*) FROM module_enrolments e WHERE e.module_id = m.id) AS learners
         FROM modules m WHERE m.provider_id = $1 ORDER BY m.title, m.id",
        provider
    )
}

/// A module's draft row: its last saved document and version; `published` once that
/// document is what learners see (the row stays, so the version keeps counting).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct DraftRow {
    pub document: String,
    pub version: i64,
    pub published: bool,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
}

pub async fn draft(c: &mut impl AsEx, module_id: i64) -> Result<Option<DraftRow>, sqlx::Error> {
    fetch_optional!(
        c,
        DraftRow,
        "SELECT d.document, d.version, d.published, d.updated_at, u.name AS updated_by
         FROM module_drafts d JOIN users u ON u.id = d.updated_by WHERE d.module_id = $1",
        module_id
    )
}

/// (slug, document) of the saved drafts of `provider`'s modules.
pub async fn draft_documents(db: &Db, provider: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        (String, String),
        "SELECT m.slug, d.document FROM module_drafts d JOIN modules m ON m.id = d.module_id
         WHERE m.provider_id = $1 AND d.published = FALSE",
        provider
    )
}

/// Saves a draft made from `version` (0: from the published module, no draft saved yet).
/// The new version, or `None` when someone saved another version in between.
pub async fn save_draft(
    tx: &mut impl AsEx,
    module_id: i64,
    version: i64,
    document: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    if version == 0 {
        let n = execute!(
            tx,
            "INSERT INTO module_drafts (module_id, document, version, updated_by, updated_at)
             VALUES ($1, $2, 1, $3, $4) ON CONFLICT (module_id) DO NOTHING",
            module_id,
            document,
            user_id,
            now
        )?;
        return Ok((n == 1).then_some(1));
    }
    scalar_optional!(
        tx,
        i64,
        "UPDATE module_drafts SET document = $1, version = version + 1, updated_by = $2,
                updated_at = $3, published = FALSE
         WHERE module_id = $4 AND version = $5 RETURNING version",
        document,
        user_id,
        now,
        module_id,
        version
    )
}

/// Takes the unpublished draft at `version` for publishing (marking it published, a new
/// version); `None` if it is not there at that version. On PostgreSQL the row lock makes a
/// second publish at the same time wait, then find none.
pub async fn take_draft(
    tx: &mut impl AsEx,
    module_id: i64,
    version: i64,
) -> Result<Option<String>, sqlx::Error> {
    scalar_optional!(
        tx,
        String,
        "UPDATE module_drafts SET published = TRUE, version = version + 1
         WHERE module_id = $1 AND version = $2 AND published = FALSE RETURNING document",
        module_id,
        version
    )
}

/// A new module of `provider`, not published; its id.
pub async fn create_module(
    tx: &mut impl AsEx,
    slug: &str,
    title: &str,
    provider: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO modules (slug, title, summary, description, kind, theme, language,
                              estimated_hours, provider_id, created_at, published, search_text)
         VALUES ($1, $2, '', '', 'statutory_course', '', 'nb', 1, $3, $4, FALSE, '')
         RETURNING id",
        slug,
        title,
        provider,
        now
    )
}

/// The published module's own fields.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct LiveModule {
    pub title: String,
    pub summary: String,
    pub description: String,
    pub theme: String,
    pub language: String,
    pub kind: String,
    pub estimated_hours: i64,
    pub credits: Option<f64>,
    pub validity_months: Option<i64>,
    pub prerequisite: Option<String>,
    pub shared_with_all: bool,
}

pub async fn live_module(c: &mut impl AsEx, id: i64) -> Result<LiveModule, sqlx::Error> {
    fetch_one!(
        c,
        LiveModule,
        "SELECT m.title, m.summary, m.description, m.theme, m.language, m.kind,
                m.estimated_hours, m.credits, m.validity_months, p.slug AS prerequisite,
                m.shared_with_all
         FROM modules m LEFT JOIN modules p ON p.id = m.prerequisite_module_id
         WHERE m.id = $1",
        id
    )
}

/// The organisations a module is shared with by name.
pub async fn shares(c: &mut impl AsEx, module_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    scalar_all!(
        c,
        i64,
        "SELECT organisation_id FROM module_shares WHERE module_id = $1 ORDER BY organisation_id",
        module_id
    )
}

/// A published activity as its author wrote it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct LiveActivity {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: i64,
    pub body_markdown: String,
    pub external_url: Option<String>,
    pub video_url: Option<String>,
    pub pass_mark_percent: i64,
}

pub async fn live_activities(
    c: &mut impl AsEx,
    module_id: i64,
) -> Result<Vec<LiveActivity>, sqlx::Error> {
    fetch_all!(
        c,
        LiveActivity,
        "SELECT id, kind, title, summary, estimated_minutes, body_markdown, external_url,
                video_url, pass_mark_percent
         FROM activities WHERE module_id = $1 AND kind <> 'gathering' ORDER BY position",
        module_id
    )
}

/// (id, activity id, prompt, multiple, explanation) of a module's questions, in order.
pub async fn live_questions(
    c: &mut impl AsEx,
    module_id: i64,
) -> Result<Vec<(i64, i64, String, bool, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64, String, bool, String),
        "SELECT q.id, q.activity_id, q.prompt, q.multiple, q.explanation FROM quiz_questions q
         JOIN activities a ON a.id = q.activity_id
         WHERE a.module_id = $1 ORDER BY q.activity_id, q.position",
        module_id
    )
}

/// (question id, text, correct) of a module's quiz options, in order.
pub async fn live_options(
    c: &mut impl AsEx,
    module_id: i64,
) -> Result<Vec<(i64, String, bool)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String, bool),
        "SELECT o.question_id, o.text, o.correct FROM quiz_options o
         JOIN quiz_questions q ON q.id = o.question_id
         JOIN activities a ON a.id = q.activity_id
         WHERE a.module_id = $1 ORDER BY o.question_id, o.position",
        module_id
    )
}

/// The module's own fields, as publishing writes them.
pub struct ModuleFields<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub theme: &'a str,
    pub language: &'a str,
    pub kind: &'a str,
    pub estimated_hours: i64,
    pub credits: Option<f64>,
    pub validity_months: Option<i64>,
    pub prerequisite_id: Option<i64>,
    pub search_text: &'a str,
}

/// Writes the module's fields and publishes it, shared with everyone (`None`) or only with
/// the provider and `shared_with`.
pub async fn publish_module(
    tx: &mut impl AsEx,
    id: i64,
    f: &ModuleFields<'_>,
    shared_with: Option<&[i64]>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE modules SET title = $1, summary = $2, description = $3, theme = $4,
                language = $5, kind = $6, estimated_hours = $7, credits = $8,
                validity_months = $9, prerequisite_module_id = $10, search_text = $11,
                shared_with_all = $12, published = TRUE
         WHERE id = $13",
        f.title,
        f.summary,
        f.description,
        f.theme,
        f.language,
        f.kind,
        f.estimated_hours,
        f.credits,
        f.validity_months,
        f.prerequisite_id,
        f.search_text,
        shared_with.is_none(),
        id
    )?;
    execute!(tx, "DELETE FROM module_shares WHERE module_id = $1", id)?;
    for o in shared_with.unwrap_or_default() {
        execute!(
            tx,
            "INSERT INTO module_shares (module_id, organisation_id) VALUES ($1, $2)",
            id,
            o
        )?;
    }
    Ok(())
}

/// Moves a module's activities out of the way of new positions (positions are unique per
/// module): each to minus its position, minus one.
pub async fn park_positions(tx: &mut impl AsEx, module_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE activities SET position = -position - 1 WHERE module_id = $1",
        module_id
    )?;
    Ok(())
}

/// Puts a module's gathering steps (which its drafts do not hold) back after the authored
/// activities, once [`park_positions`] moved them and the draft's were written: every
/// gathering step lives at [`super::gatherings::STEP_POSITIONS`] and above.
pub async fn unpark_gathering_steps(tx: &mut impl AsEx, module_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE activities SET position = -position - 1
         WHERE module_id = $1 AND kind = 'gathering' AND position < 0",
        module_id
    )?;
    Ok(())
}

/// Rewrites a kept activity (same id, so its completions and attempts stay).
pub async fn update_activity(
    tx: &mut impl AsEx,
    id: i64,
    a: &super::content::NewActivity<'_>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE activities SET position = $1, title = $2, summary = $3, body_markdown = $4,
                body_html = $5, external_url = $6, video_url = $7, estimated_minutes = $8,
                pass_mark_percent = $9
         WHERE id = $10 AND module_id = $11",
        a.position,
        a.title,
        a.summary,
        a.body_markdown,
        a.body_html,
        a.external_url,
        a.video_url,
        a.estimated_minutes,
        a.pass_mark_percent,
        id,
        a.module_id
    )?;
    Ok(())
}

/// Writes a quiz's questions anew. The new ones are inserted before the old are deleted,
/// so they never get the ids of the old ones (SQLite would reuse the highest id once its
/// row is gone): an answer sent offline for an old question is refused, never graded
/// against another. Attempts stay, and so does whether they passed.
pub async fn replace_questions(
    tx: &mut impl AsEx,
    activity_id: i64,
    questions: &[kursbro_shared::authoring::DraftQuestion],
) -> Result<(), sqlx::Error> {
    // Positions are unique per quiz: the new questions take theirs once the old are gone.
    const NEW: i64 = 1_000_000;
    for (qi, q) in questions.iter().enumerate() {
        let qid = super::content::insert_question(
            tx,
            activity_id,
            NEW + qi as i64,
            q.prompt.trim(),
            q.multiple,
            q.explanation.trim(),
        )
        .await?;
        for (oi, o) in q.options.iter().enumerate() {
            super::content::insert_option(tx, qid, oi as i64, o.text.trim(), o.correct).await?;
        }
    }
    execute!(
        tx,
        "DELETE FROM quiz_questions WHERE activity_id = $1 AND position < $2",
        activity_id,
        NEW
    )?;
    execute!(
        tx,
        "UPDATE quiz_questions SET position = position - $2 WHERE activity_id = $1",
        activity_id,
        NEW
    )?;
    Ok(())
}

/// Writes a quiz's explanations (by the questions' order) when only they changed: the
/// questions keep their ids.
pub async fn set_explanations(
    tx: &mut impl AsEx,
    activity_id: i64,
    explanations: &[&str],
) -> Result<(), sqlx::Error> {
    let ids = scalar_all!(
        tx,
        i64,
        "SELECT id FROM quiz_questions WHERE activity_id = $1 ORDER BY position",
        activity_id
    )?;
    for (id, text) in ids.into_iter().zip(explanations) {
        execute!(
            tx,
            "UPDATE quiz_questions SET explanation = $1 WHERE id = $2",
            text.trim(),
            id
        )?;
    }
    Ok(())
}

/// Removes an activity: its completions and attempts go; learners' reflections on it are
/// kept in `retired_reflections`.
pub async fn remove_activity(
    tx: &mut impl AsEx,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for table in ["reflections", "reflection_rounds"] {
        execute!(
            tx,
            &format!(
                "INSERT INTO retired_reflections
                     (user_id, module_id, activity_title, body, submitted_at, retired_at)
                 SELECT r.user_id, a.module_id, a.title, r.body, r.submitted_at, $2
                 FROM {table} r JOIN activities a ON a.id = r.activity_id
                 WHERE r.activity_id = $1"
            ),
            id,
            now
        )?;
    }
    execute!(tx, "DELETE FROM activities WHERE id = $1", id)?;
    Ok(())
}

/// Records the completion of the module for every learner who has now done each of its
/// activities (when the last was done), as completing an activity does.
pub async fn complete_finished(tx: &mut impl AsEx, module_id: i64) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO module_completions (user_id, module_id, completed_at)
         SELECT ac.user_id, a.module_id, MAX(ac.completed_at)
         FROM activities a JOIN activity_completions ac ON ac.activity_id = a.id
         WHERE a.module_id = $1
         GROUP BY ac.user_id, a.module_id
         HAVING COUNT(*) = (SELECT COUNT(*) FROM activities a2 WHERE a2.module_id = $1)
         ON CONFLICT (user_id, module_id) DO NOTHING",
        module_id
    )
}

/// (learner, activity) of every completion in the module.
pub async fn completions(
    c: &mut impl AsEx,
    module_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT ac.user_id, ac.activity_id FROM activity_completions ac
         JOIN activities a ON a.id = ac.activity_id WHERE a.module_id = $1
         ORDER BY ac.user_id",
        module_id
    )
}

/// The learners who have completed the module.
pub async fn completed_learners(
    c: &mut impl AsEx,
    module_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    scalar_all!(
        c,
        i64,
        "SELECT user_id FROM module_completions WHERE module_id = $1",
        module_id
    )
}

pub async fn record_change(
    tx: &mut impl AsEx,
    module_id: i64,
    user_id: i64,
    what: &str,
    counts: (i64, i64, i64),
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO content_changes (module_id, user_id, changed_at, what, added, changed, removed)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        module_id,
        user_id,
        now,
        what,
        counts.0,
        counts.1,
        counts.2
    )?;
    Ok(())
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ChangeRow {
    pub slug: String,
    pub title: String,
    pub author: String,
    pub changed_at: DateTime<Utc>,
    pub what: String,
    pub added: i64,
    pub changed: i64,
    pub removed: i64,
}

/// The latest changes to `provider`'s content, newest first.
pub async fn changes(db: &Db, provider: i64, limit: i64) -> Result<Vec<ChangeRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        ChangeRow,
        "SELECT m.slug, m.title, u.name AS author, c.changed_at, c.what, c.added, c.changed,
                c.removed
         FROM content_changes c JOIN modules m ON m.id = c.module_id
         JOIN users u ON u.id = c.user_id
         WHERE m.provider_id = $1 ORDER BY c.changed_at DESC, c.id DESC LIMIT $2",
        provider,
        limit
    )
}

pub async fn insert_image(
    tx: &mut impl AsEx,
    module_id: i64,
    content_type: &str,
    bytes: &[u8],
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO module_images (module_id, content_type, bytes, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        module_id,
        content_type,
        bytes,
        user_id,
        now
    )
}

/// An image's type and bytes.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ImageRow {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An image, if the asker may see it: one the published lessons show, of a module shared
/// with `viewer`'s organisation; or any image of `author_of`'s modules (the organisation
/// whose author or admin asks: drafts' images too).
pub async fn image(
    db: &Db,
    id: i64,
    viewer: Option<i64>,
    author_of: Option<i64>,
) -> Result<Option<ImageRow>, sqlx::Error> {
    let sql = format!(
        "SELECT i.content_type, i.bytes FROM module_images i JOIN modules m ON m.id = i.module_id
         WHERE i.id = $1
           AND (m.provider_id = $3 OR (i.in_use = TRUE AND m.published = TRUE AND {}))",
        super::catalogue::module_shared("m", "$2")
    );
    fetch_optional!(&mut db.conn().await?, ImageRow, &sql, id, viewer, author_of)
}

/// Marks which of the module's images its published lessons show (`ids`); the others are
/// its authors' alone.
pub async fn set_images_in_use(
    tx: &mut impl AsEx,
    module_id: i64,
    ids: &[i64],
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE module_images SET in_use = FALSE WHERE module_id = $1",
        module_id
    )?;
    for id in ids {
        execute!(
            tx,
            "UPDATE module_images SET in_use = TRUE WHERE module_id = $1 AND id = $2",
            module_id,
            id
        )?;
    }
    Ok(())
}

/// Deletes an image of the module; whether there was one.
pub async fn delete_image(
    tx: &mut impl AsEx,
    module_id: i64,
    id: i64,
) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        tx,
        "DELETE FROM module_images WHERE module_id = $1 AND id = $2",
        module_id,
        id
    )? == 1)
}

/// Every organisation, by name (to choose whom to share with).
pub async fn organisations(db: &Db) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        (i64, String, String),
        "SELECT id, name, kind FROM organisations ORDER BY name"
    )
}

/// An image of `module_id` (for exporting the module).
pub async fn module_image(
    c: &mut impl AsEx,
    module_id: i64,
    id: i64,
) -> Result<Option<ImageRow>, sqlx::Error> {
    fetch_optional!(
        c,
        ImageRow,
        "SELECT content_type, bytes FROM module_images WHERE id = $1 AND module_id = $2",
        id,
        module_id
    )
}

/// An image of `module_id` with exactly these bytes, if there is one (an import of the
/// module's own folder reuses it rather than storing a copy).
pub async fn same_image(
    c: &mut impl AsEx,
    module_id: i64,
    bytes: &[u8],
) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        c,
        i64,
        "SELECT id FROM module_images WHERE module_id = $1 AND bytes = $2 ORDER BY id LIMIT 1",
        module_id,
        bytes
    )
}

/// A programme as authoring needs it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct AuthorProgramme {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub credits: f64,
    pub provider_id: i64,
    pub published: bool,
    pub shared_with_all: bool,
}

pub async fn programme_by_slug(
    c: &mut impl AsEx,
    slug: &str,
) -> Result<Option<AuthorProgramme>, sqlx::Error> {
    fetch_optional!(
        c,
        AuthorProgramme,
        "SELECT id, slug, title, summary, description, credits, provider_id, published,
                shared_with_all
         FROM programmes WHERE slug = $1",
        slug
    )
}

/// (slug, title, published, learners enrolled) of `provider`'s programmes, by title.
pub async fn programmes_of(
    db: &Db,
    provider: i64,
) -> Result<Vec<(String, String, bool, i64)>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        (String, String, bool, i64),
        "SELECT p.slug, p.title, p.published,
                (SELECT COUNT(*) FROM programme_enrolments e WHERE e.programme_id = p.id)
         FROM programmes p WHERE p.provider_id = $1 ORDER BY p.title, p.id",
        provider
    )
}

/// A new programme of `provider`, not published; its id.
pub async fn create_programme(
    tx: &mut impl AsEx,
    slug: &str,
    title: &str,
    provider: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO programmes (slug, title, summary, description, credits, provider_id,
                                 published, created_at)
         VALUES ($1, $2, '', '', 0, $3, FALSE, $4) RETURNING id",
        slug,
        title,
        provider,
        now
    )
}

/// The organisations a programme is shared with by name.
pub async fn programme_shares(c: &mut impl AsEx, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    scalar_all!(
        c,
        i64,
        "SELECT organisation_id FROM programme_shares WHERE programme_id = $1
         ORDER BY organisation_id",
        id
    )
}

/// (slug, title, required) of a programme's modules, in order.
pub async fn programme_module_list(
    c: &mut impl AsEx,
    id: i64,
) -> Result<Vec<(String, String, bool)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, String, bool),
        "SELECT m.slug, m.title, pm.required FROM programme_modules pm
         JOIN modules m ON m.id = pm.module_id
         WHERE pm.programme_id = $1 ORDER BY pm.position",
        id
    )
}

/// A programme as saved: its fields, whether learners see it, whom it is shared with
/// (`None`: everyone) and its modules (id, required) in order.
pub struct ProgrammeFields<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub description: &'a str,
    pub credits: f64,
    pub published: bool,
    pub shared_with: Option<&'a [i64]>,
    pub modules: &'a [(i64, bool)],
}

pub async fn save_programme(
    tx: &mut impl AsEx,
    id: i64,
    f: &ProgrammeFields<'_>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE programmes SET title = $1, summary = $2, description = $3, credits = $4,
                published = $5, shared_with_all = $6
         WHERE id = $7",
        f.title,
        f.summary,
        f.description,
        f.credits,
        f.published,
        f.shared_with.is_none(),
        id
    )?;
    execute!(
        tx,
        "DELETE FROM programme_shares WHERE programme_id = $1",
        id
    )?;
    for o in f.shared_with.unwrap_or_default() {
        execute!(
            tx,
            "INSERT INTO programme_shares (programme_id, organisation_id) VALUES ($1, $2)",
            id,
            o
        )?;
    }
    execute!(
        tx,
        "DELETE FROM programme_modules WHERE programme_id = $1",
        id
    )?;
    for (position, (module, required)) in f.modules.iter().enumerate() {
        super::content::add_programme_module(tx, id, *module, position as i64, *required).await?;
    }
    Ok(())
}

pub async fn record_programme_change(
    tx: &mut impl AsEx,
    programme_id: i64,
    user_id: i64,
    what: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO programme_changes (programme_id, user_id, changed_at, what)
         VALUES ($1, $2, $3, $4)",
        programme_id,
        user_id,
        now,
        what
    )?;
    Ok(())
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ProgrammeChangeRow {
    pub slug: String,
    pub title: String,
    pub author: String,
    pub changed_at: DateTime<Utc>,
    pub what: String,
}

/// The latest changes to `provider`'s programmes, newest first.
pub async fn programme_changes(
    db: &Db,
    provider: i64,
    limit: i64,
) -> Result<Vec<ProgrammeChangeRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        ProgrammeChangeRow,
        "SELECT p.slug, p.title, u.name AS author, c.changed_at, c.what
         FROM programme_changes c JOIN programmes p ON p.id = c.programme_id
         JOIN users u ON u.id = c.user_id
         WHERE p.provider_id = $1 ORDER BY c.changed_at DESC, c.id DESC LIMIT $2",
        provider,
        limit
    )
}
