//! Reading the catalogue: modules, programmes, activities, quiz questions (never the
//! answer key, except for grading), facets.
//!
//! Who sees what has one definition, [`module_shared`] and [`programme_shared`]: a module or
//! programme shared with everyone, or one of the viewer's organisation (its own, or shared
//! with it). Every read a viewer asks for by slug or by search takes their organisation
//! (`None`: not signed in, who sees only what is shared with everyone); what they may not
//! see does not exist for them.

use chrono::{DateTime, Utc};

use super::lite::{AsLiteEx, LiteArg};
use super::{AsEx, Db};
use crate::rows::{ActivityRow, ModuleRow};
use crate::{
    fetch_all, fetch_optional, lite_fetch_all, lite_fetch_optional, lite_scalar_all, scalar_one,
    scalar_optional,
};

/// `m` (a module) is shared with the organisation `org` (an SQL expression: a placeholder
/// such as `$2`, NULL for someone not signed in, or a column): with everyone, its own, or
/// shared with it.
pub fn module_shared(m: &str, org: &str) -> String {
    format!(
        "({m}.shared_with_all = TRUE OR {m}.provider_id = {org}
          OR EXISTS (SELECT 1 FROM module_shares sh
                     WHERE sh.module_id = {m}.id AND sh.organisation_id = {org}))"
    )
}

/// `p` (a programme) is shared with the organisation `org`, as [`module_shared`].
pub fn programme_shared(p: &str, org: &str) -> String {
    format!(
        "({p}.shared_with_all = TRUE OR {p}.provider_id = {org}
          OR EXISTS (SELECT 1 FROM programme_shares sh
                     WHERE sh.programme_id = {p}.id AND sh.organisation_id = {org}))"
    )
}

/// The SELECT list and FROM clause that fill a [`ModuleRow`].
const MODULE_COLUMNS: &str = "
    m.id, m.slug, m.title, m.summary, m.description, m.kind, m.theme, m.language, m.credits,
    m.estimated_hours, m.validity_months,
    o.id AS provider_id, o.name AS provider_name, o.kind AS provider_kind,
    (SELECT COUNT(*) FROM activities a WHERE a.module_id = m.id) AS activity_count
    FROM modules m JOIN organisations o ON o.id = m.provider_id";

/// The catalogue's filters, checked.
pub struct ModuleFilter<'a> {
    pub theme: Option<&'a str>,
    pub provider: Option<i64>,
    pub language: Option<&'a str>,
    pub max_hours: Option<i64>,
    pub kind: Option<&'a str>,
    /// `LIKE` patterns that must all match the module's search text.
    pub patterns: Vec<String>,
    /// The viewer's organisation (`None`: not signed in).
    pub viewer: Option<i64>,
}

impl ModuleFilter<'_> {
    /// The WHERE clause; binds $1..$6 (the viewer last) and then one pattern each from $7.
    fn clause(&self) -> String {
        let mut filter = format!(
            " WHERE m.published = TRUE
              AND ($1 IS NULL OR m.theme = $1)
              AND ($2 IS NULL OR m.provider_id = $2)
              AND ($3 IS NULL OR m.language = $3)
              AND ($4 IS NULL OR m.estimated_hours <= $4)
              AND ($5 IS NULL OR m.kind = $5)
              AND {}",
            module_shared("m", "$6")
        );
        for i in 0..self.patterns.len() {
            filter.push_str(&format!(" AND m.search_text LIKE ${} ESCAPE '\\'", i + 7));
        }
        filter
    }
}

/// Runs `$sql` with the filter's arguments bound, collecting with `$fetch`.
macro_rules! with_filter {
    ($c:expr, $f:expr, $sql:expr, $query:ident, $fetch:ident, $lite:ident) => {{
        let f = $f;
        match $crate::store::lite::AsLiteEx::wex($c) {
            $crate::store::lite::WEx::Lite(e) => {
                let mut args: Vec<&dyn LiteArg> = vec![
                    &f.theme,
                    &f.provider,
                    &f.language,
                    &f.max_hours,
                    &f.kind,
                    &f.viewer,
                ];
                for p in &f.patterns {
                    args.push(p);
                }
                $crate::store::lite::$lite(e, $sql, &args)
            }
            $crate::store::lite::WEx::Sqlite(e) => {
                let mut q = sqlx::$query::<sqlx::Sqlite, _>($sql)
                    .bind(f.theme)
                    .bind(f.provider)
                    .bind(f.language)
                    .bind(f.max_hours)
                    .bind(f.kind)
                    .bind(f.viewer);
                for p in &f.patterns {
                    q = q.bind(p);
                }
                q.$fetch(e).await
            }
            $crate::store::lite::WEx::Postgres(e) => {
                let mut q = sqlx::$query::<sqlx::Postgres, _>($sql)
                    .bind(f.theme)
                    .bind(f.provider)
                    .bind(f.language)
                    .bind(f.max_hours)
                    .bind(f.kind)
                    .bind(f.viewer);
                for p in &f.patterns {
                    q = q.bind(p);
                }
                q.$fetch(e).await
            }
        }
    }};
}

/// One page of the published modules matching `filter`, and how many match in all.
pub async fn search_modules(
    db: &Db,
    filter: &ModuleFilter<'_>,
    limit: u32,
    offset: u32,
) -> Result<(Vec<ModuleRow>, i64), sqlx::Error> {
    let clause = filter.clause();
    let page_sql = format!(
        "SELECT {MODULE_COLUMNS} {clause} ORDER BY m.kind, m.title LIMIT {limit} OFFSET {offset}"
    );
    let count_sql = format!("SELECT COUNT(*) FROM modules m {clause}");
    let mut c = db.read().await?;
    let rows: Vec<ModuleRow> =
        with_filter!(&mut c, filter, &page_sql, query_as, fetch_all, fetch_all)?;
    let total: i64 = with_filter!(
        &mut c,
        filter,
        &count_sql,
        query_scalar,
        fetch_one,
        scalar_one
    )?;
    Ok((rows, total))
}

/// A programme with its provider.
#[derive(sqlx::FromRow)]
pub struct ProgrammeRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub credits: f64,
    pub provider_id: i64,
    pub provider_name: String,
    pub provider_kind: String,
}

crate::lite_row!(ProgrammeRow {
    id,
    slug,
    title,
    summary,
    description,
    credits,
    provider_id,
    provider_name,
    provider_kind,
});

const PROGRAMME_COLUMNS: &str = "p.id, p.slug, p.title, p.summary, p.description, p.credits,
    o.id AS provider_id, o.name AS provider_name, o.kind AS provider_kind
    FROM programmes p JOIN organisations o ON o.id = p.provider_id";

/// Every published programme the viewer's organisation sees, by title.
pub async fn published_programmes(
    db: &Db,
    viewer: Option<i64>,
) -> Result<Vec<ProgrammeRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {PROGRAMME_COLUMNS} WHERE p.published = TRUE AND {} ORDER BY p.title",
        programme_shared("p", "$1")
    );
    lite_fetch_all!(&mut db.read().await?, ProgrammeRow, &sql, viewer)
}

/// A published programme the viewer's organisation sees, by slug.
pub async fn programme(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> Result<Option<ProgrammeRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {PROGRAMME_COLUMNS} WHERE p.slug = $1 AND p.published = TRUE AND {}",
        programme_shared("p", "$2")
    );
    fetch_optional!(&mut db.conn().await?, ProgrammeRow, &sql, slug, viewer)
}

/// A published module of a programme, in programme order.
#[derive(sqlx::FromRow)]
pub struct ProgrammeModuleRow {
    pub programme_id: i64,
    pub module_id: i64,
    pub slug: String,
    pub title: String,
    pub required: bool,
    pub position: i64,
    pub activity_count: i64,
}

crate::lite_row!(ProgrammeModuleRow {
    programme_id,
    module_id,
    slug,
    title,
    required,
    position,
    activity_count,
});

const PROGRAMME_MODULE_COLUMNS: &str = "pm.programme_id, m.id AS module_id, m.slug, m.title,
    pm.required, pm.position,
    (SELECT COUNT(*) FROM activities a WHERE a.module_id = m.id) AS activity_count
    FROM programme_modules pm JOIN modules m ON m.id = pm.module_id";

/// The published modules of the programmes in `programme_ids` that the viewer's
/// organisation sees, grouped and in order.
pub async fn programme_modules(
    db: &Db,
    programme_ids: &[i64],
    viewer: Option<i64>,
) -> Result<Vec<ProgrammeModuleRow>, sqlx::Error> {
    if programme_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {PROGRAMME_MODULE_COLUMNS} WHERE m.published = TRUE AND {} AND pm.programme_id IN ({})
         ORDER BY pm.programme_id, pm.position",
        module_shared("m", "$1"),
        id_list(programme_ids)
    );
    lite_fetch_all!(&mut db.read().await?, ProgrammeModuleRow, &sql, viewer)
}

/// The distinct themes and languages of the published modules the viewer's organisation
/// sees, and their providers.
pub async fn facets(
    db: &Db,
    viewer: Option<i64>,
) -> Result<(Vec<String>, Vec<String>, Vec<(i64, String, String)>), sqlx::Error> {
    let seen = format!("m.published = TRUE AND {}", module_shared("m", "$1"));
    let mut c = db.read().await?;
    let themes = lite_scalar_all!(
        &mut c,
        String,
        &format!("SELECT DISTINCT m.theme FROM modules m WHERE {seen} ORDER BY m.theme"),
        viewer
    )?;
    let languages = lite_scalar_all!(
        &mut c,
        String,
        &format!("SELECT DISTINCT m.language FROM modules m WHERE {seen} ORDER BY m.language"),
        viewer
    )?;
    let providers = lite_fetch_all!(
        &mut c,
        (i64, String, String),
        &format!(
            "SELECT DISTINCT o.id, o.name, o.kind FROM modules m
             JOIN organisations o ON o.id = m.provider_id
             WHERE {seen} ORDER BY o.name"
        ),
        viewer
    )?;
    Ok((themes, languages, providers))
}

/// A published module the viewer's organisation sees, by slug.
pub async fn module(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> Result<Option<ModuleRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {MODULE_COLUMNS} WHERE m.slug = $1 AND m.published = TRUE AND {}",
        module_shared("m", "$2")
    );
    lite_fetch_optional!(&mut db.read().await?, ModuleRow, &sql, slug, viewer)
}

/// A published module's id by slug, if the viewer's organisation sees it.
pub async fn module_id(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        i64,
        &format!(
            "SELECT m.id FROM modules m WHERE m.slug = $1 AND m.published = TRUE AND {}",
            module_shared("m", "$2")
        ),
        slug,
        viewer
    )
}

/// A published programme's id by slug, if the viewer's organisation sees it.
pub async fn programme_id(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        i64,
        &format!(
            "SELECT p.id FROM programmes p WHERE p.slug = $1 AND p.published = TRUE AND {}",
            programme_shared("p", "$2")
        ),
        slug,
        viewer
    )
}

/// A quiz question without its answers.
#[derive(sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub activity_id: i64,
    pub prompt: String,
    pub multiple: bool,
}

crate::lite_row!(QuestionRow {
    id,
    activity_id,
    prompt,
    multiple,
});

/// An answer option without whether it is correct.
#[derive(sqlx::FromRow)]
pub struct OptionRow {
    pub id: i64,
    pub question_id: i64,
    pub text: String,
}

crate::lite_row!(OptionRow {
    id,
    question_id,
    text
});

/// Everything of a module a learner sees besides the module row itself.
pub struct ModuleContent {
    pub activities: Vec<ActivityRow>,
    pub questions: Vec<QuestionRow>,
    pub options: Vec<OptionRow>,
    /// (slug, title) of the published programmes that have the module.
    pub programmes: Vec<(String, String)>,
    /// (slug, title) of the module the author requires first.
    pub prerequisite: Option<(String, String)>,
}

pub async fn module_content(
    db: &Db,
    module_id: i64,
    viewer: Option<i64>,
) -> Result<ModuleContent, sqlx::Error> {
    let mut c = db.read().await?;
    let activities = lite_fetch_all!(
        &mut c,
        ActivityRow,
        "SELECT id, position, kind, title, summary, estimated_minutes, body_html, external_url,
                video_url, pass_mark_percent,
                (SELECT MIN(g.gathering_id) FROM gatherings g WHERE g.activity_id = a.id)
                    AS gathering_id
         FROM activities a WHERE module_id = $1 ORDER BY position",
        module_id
    )?;
    let questions = lite_fetch_all!(
        &mut c,
        QuestionRow,
        "SELECT q.id, q.activity_id, q.prompt, q.multiple FROM quiz_questions q
         JOIN activities a ON a.id = q.activity_id
         WHERE a.module_id = $1 ORDER BY q.activity_id, q.position",
        module_id
    )?;
    let options = lite_fetch_all!(
        &mut c,
        OptionRow,
        "SELECT o.id, o.question_id, o.text FROM quiz_options o
         JOIN quiz_questions q ON q.id = o.question_id
         JOIN activities a ON a.id = q.activity_id
         WHERE a.module_id = $1 ORDER BY o.question_id, o.position",
        module_id
    )?;
    let programmes = lite_fetch_all!(
        &mut c,
        (String, String),
        &format!(
            "SELECT p.slug, p.title FROM programme_modules pm
             JOIN programmes p ON p.id = pm.programme_id
             WHERE pm.module_id = $1 AND p.published = TRUE AND {} ORDER BY p.title",
            programme_shared("p", "$2")
        ),
        module_id,
        viewer
    )?;
    // A prerequisite the viewer's organisation does not see is not shown (nor does it lock
    // the module for them: see `learning::prerequisite_progress`).
    let prerequisite = lite_fetch_optional!(
        &mut c,
        (String, String),
        &format!(
            "SELECT p.slug, p.title FROM modules m JOIN modules p ON p.id = m.prerequisite_module_id
             WHERE m.id = $1 AND {}",
            module_shared("p", "$2")
        ),
        module_id,
        viewer
    )?;
    Ok(ModuleContent {
        activities,
        questions,
        options,
        programmes,
        prerequisite,
    })
}

/// What an event needs to know about the activity it is for, and the earliest moment
/// the person could have done it (the later of their account's and the module's creation).
#[derive(sqlx::FromRow)]
pub struct ActivityTarget {
    pub kind: String,
    pub module_id: i64,
    pub published: bool,
    /// The module is shared with the person's organisation.
    pub shared: bool,
    pub pass_mark_percent: i64,
    pub module_created_at: DateTime<Utc>,
    pub user_created_at: DateTime<Utc>,
    /// When the person last started the module again to renew it, if ever.
    pub round_started_at: Option<DateTime<Utc>>,
}

crate::lite_row!(ActivityTarget {
    kind,
    module_id,
    published,
    shared,
    pass_mark_percent,
    module_created_at,
    user_created_at,
    round_started_at,
});

/// Columns in the order of [`ActivityTarget`]'s fields (its [`LiteRow`] reads by position).
pub async fn activity_target(
    c: &mut impl AsLiteEx,
    activity_id: i64,
    user_id: i64,
) -> Result<Option<ActivityTarget>, sqlx::Error> {
    lite_fetch_optional!(
        c,
        ActivityTarget,
        &format!(
            "SELECT a.kind, a.module_id, m.published, {} AS shared, a.pass_mark_percent,
                    m.created_at AS module_created_at, u.created_at AS user_created_at,
                    (SELECT MAX(r.started_at) FROM module_rounds r
                     WHERE r.user_id = $2 AND r.module_id = a.module_id) AS round_started_at
             FROM activities a JOIN modules m ON m.id = a.module_id
             JOIN users u ON u.id = $2
             WHERE a.id = $1",
            module_shared("m", "u.organisation_id")
        ),
        activity_id,
        user_id
    )
}

/// The answer key of a quiz: (question id, multiple, option id, correct), in order.
pub async fn answer_key(
    c: &mut impl AsLiteEx,
    activity_id: i64,
) -> Result<Vec<(i64, bool, i64, bool)>, sqlx::Error> {
    lite_fetch_all!(
        c,
        (i64, bool, i64, bool),
        "SELECT q.id, q.multiple, o.id, o.correct FROM quiz_questions q
         JOIN quiz_options o ON o.question_id = q.id
         WHERE q.activity_id = $1 ORDER BY q.position, o.position",
        activity_id
    )
}

/// (question id, explanation) of a quiz's questions that have one, in order.
pub async fn explanations(
    c: &mut impl AsLiteEx,
    activity_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    lite_fetch_all!(
        c,
        (i64, String),
        "SELECT id, explanation FROM quiz_questions
         WHERE activity_id = $1 AND explanation <> '' ORDER BY position",
        activity_id
    )
}

/// Activity ids and kinds of a module, in order (the first `limit`).
pub async fn module_activities(
    c: &mut impl AsEx,
    module_id: i64,
    limit: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, String),
        "SELECT id, kind FROM activities WHERE module_id = $1 ORDER BY position LIMIT $2",
        module_id,
        limit
    )
}

/// Number of activities in a module.
pub async fn activity_count(c: &mut impl AsEx, module_id: i64) -> Result<i64, sqlx::Error> {
    scalar_one!(
        c,
        i64,
        "SELECT COUNT(*) FROM activities WHERE module_id = $1",
        module_id
    )
}

/// A module as listed in a learner's progress.
#[derive(sqlx::FromRow)]
pub struct ModuleInfoRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub validity_months: Option<i64>,
}

crate::lite_row!(ModuleInfoRow {
    id,
    slug,
    title,
    kind,
    validity_months,
});

/// The published modules among `ids` the viewer's organisation sees, by title.
pub async fn modules_by_id(
    db: &Db,
    ids: &[i64],
    viewer: Option<i64>,
) -> Result<Vec<ModuleInfoRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT m.id, m.slug, m.title, m.kind, m.validity_months FROM modules m
         WHERE m.published = TRUE AND {} AND m.id IN ({}) ORDER BY m.title",
        module_shared("m", "$1"),
        id_list(ids)
    );
    lite_fetch_all!(&mut db.read().await?, ModuleInfoRow, &sql, viewer)
}

/// The published programmes among `ids` the viewer's organisation sees, with their
/// providers, by title.
pub async fn programmes_by_id(
    db: &Db,
    ids: &[i64],
    viewer: Option<i64>,
) -> Result<Vec<ProgrammeRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {PROGRAMME_COLUMNS} WHERE p.published = TRUE AND {} AND p.id IN ({}) ORDER BY p.title",
        programme_shared("p", "$1"),
        id_list(ids)
    );
    fetch_all!(&mut db.conn().await?, ProgrammeRow, &sql, viewer)
}

/// A comma-separated list of ids for `IN (...)`. Ids are integers, never user text.
pub(crate) fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}
