//! Cohorts for the people who run them: who may facilitate, the grid (one round of queries
//! whatever the size), the drill-down and the CSV export. The cell and summary rules are in
//! `kursbro_shared::cohort_grid`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kursbro_shared::api::{CohortSummary, OrganisationRef, ProgrammeRef, Role};
use kursbro_shared::cohort_grid::{
    build_rows, CellStatus, CohortGrid, GridLearner, GridModule, LearnerActivity,
    LearnerModuleDetail, LearnerModuleFigures,
};
use kursbro_shared::learning::{QuizBest, ReflectionText};

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::rows;
use crate::session::AuthUser;

/// The cohort facts the handlers need.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CohortRow {
    pub id: i64,
    pub name: String,
    pub starts_on: NaiveDate,
    pub programme_id: i64,
    pub programme_slug: String,
    pub programme_title: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
}

/// The cohort, if `user` facilitates it (or is an admin). Everyone else — facilitators of
/// other cohorts, learners, leaders — gets "no such cohort": its existence is not theirs
/// to know.
pub async fn facilitated(db: &Db, user: &AuthUser, cohort_id: i64) -> ApiResult<CohortRow> {
    let row: Option<CohortRow> = sqlx::query_as(
        "SELECT c.id, c.name, c.starts_on, p.id AS programme_id, p.slug AS programme_slug,
                p.title AS programme_title, o.id AS org_id, o.name AS org_name, o.kind AS org_kind
         FROM cohorts c
         JOIN programmes p ON p.id = c.programme_id
         JOIN organisations o ON o.id = c.organisation_id
         WHERE c.id = ?1 AND (?2 = 1 OR EXISTS (
             SELECT 1 FROM cohort_members cm
             WHERE cm.cohort_id = c.id AND cm.user_id = ?3 AND cm.role = 'facilitator'))",
    )
    .bind(cohort_id)
    .bind(user.role == Role::Admin)
    .bind(user.id)
    .fetch_optional(db)
    .await?;
    row.ok_or(ApiError::NotFound("cohort"))
}

#[derive(sqlx::FromRow)]
struct ModuleColumn {
    id: i64,
    slug: String,
    title: String,
    required: bool,
    activity_count: i64,
}

async fn columns(db: &Db, programme_id: i64) -> ApiResult<Vec<ModuleColumn>> {
    Ok(sqlx::query_as(
        "SELECT m.id, m.slug, m.title, pm.required,
                (SELECT COUNT(*) FROM activities a WHERE a.module_id = m.id) AS activity_count
         FROM programme_modules pm JOIN modules m ON m.id = pm.module_id
         WHERE pm.programme_id = ? AND m.published = 1 ORDER BY pm.position",
    )
    .bind(programme_id)
    .fetch_all(db)
    .await?)
}

/// The cohort as listed: programme, organisation, learner count, facilitators.
pub async fn summary(db: &Db, c: &CohortRow) -> ApiResult<CohortSummary> {
    let learner_count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cohort_members WHERE cohort_id = ? AND role = 'learner'",
    )
    .bind(c.id)
    .fetch_one(db)
    .await?;
    let facilitators: Vec<String> = sqlx::query_scalar(
        "SELECT u.name FROM cohort_members cm JOIN users u ON u.id = cm.user_id
         WHERE cm.cohort_id = ? AND cm.role = 'facilitator' ORDER BY u.name",
    )
    .bind(c.id)
    .fetch_all(db)
    .await?;
    Ok(CohortSummary {
        id: c.id,
        name: c.name.clone(),
        programme: ProgrammeRef {
            slug: c.programme_slug.clone(),
            title: c.programme_title.clone(),
        },
        organisation: org(c)?,
        starts_on: c.starts_on,
        learner_count: u32::try_from(learner_count).unwrap_or(u32::MAX),
        facilitators,
    })
}

fn org(c: &CohortRow) -> ApiResult<OrganisationRef> {
    rows::org_ref(c.org_id, c.org_name.clone(), &c.org_kind)
}

#[derive(sqlx::FromRow)]
struct LearnerRow {
    id: i64,
    name: String,
    email: String,
    last_attempt: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct FigureRow {
    user_id: i64,
    module_id: i64,
    completed: i64,
    last_at: Option<DateTime<Utc>>,
}

/// The grid of a cohort. A fixed number of queries whatever the cohort's size: columns,
/// learners (with their last activity), and one grouped count of completions.
pub async fn grid(db: &Db, c: &CohortRow, today: NaiveDate) -> ApiResult<CohortGrid> {
    let cols = columns(db, c.programme_id).await?;
    let learners: Vec<LearnerRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.email,
                (SELECT MAX(qa.submitted_at) FROM quiz_attempts qa WHERE qa.user_id = u.id) AS last_attempt
         FROM cohort_members cm JOIN users u ON u.id = cm.user_id
         WHERE cm.cohort_id = ? AND cm.role = 'learner'
         ORDER BY u.name, u.id",
    )
    .bind(c.id)
    .fetch_all(db)
    .await?;
    let figures: Vec<FigureRow> = sqlx::query_as(
        "SELECT ac.user_id, a.module_id, COUNT(*) AS completed, MAX(ac.completed_at) AS last_at
         FROM cohort_members cm
         JOIN activity_completions ac ON ac.user_id = cm.user_id
         JOIN activities a ON a.id = ac.activity_id
         JOIN programme_modules pm ON pm.module_id = a.module_id AND pm.programme_id = ?
         WHERE cm.cohort_id = ? AND cm.role = 'learner'
         GROUP BY ac.user_id, a.module_id",
    )
    .bind(c.programme_id)
    .bind(c.id)
    .fetch_all(db)
    .await?;

    let column_index: HashMap<i64, usize> =
        cols.iter().enumerate().map(|(i, m)| (m.id, i)).collect();
    let modules: Vec<GridModule> = cols
        .iter()
        .map(|m| GridModule {
            slug: m.slug.clone(),
            title: m.title.clone(),
            required: m.required,
            activity_count: u32::try_from(m.activity_count).unwrap_or(0),
        })
        .collect();
    // Last activity: the latest completion in the programme (from the figures), or the
    // latest quiz attempt (a failed attempt is activity too).
    let mut last_completion: HashMap<i64, DateTime<Utc>> = HashMap::new();
    for f in &figures {
        if let Some(at) = f.last_at {
            let e = last_completion.entry(f.user_id).or_insert(at);
            *e = (*e).max(at);
        }
    }
    let learners: Vec<GridLearner> = learners
        .into_iter()
        .map(|l| GridLearner {
            last_activity_at: last_completion.get(&l.id).copied().max(l.last_attempt),
            id: l.id,
            name: l.name,
            email: l.email,
        })
        .collect();
    let figures: Vec<LearnerModuleFigures> = figures
        .into_iter()
        .filter_map(|f| {
            Some(LearnerModuleFigures {
                learner_id: f.user_id,
                module_index: *column_index.get(&f.module_id)?,
                completed: u32::try_from(f.completed).unwrap_or(0),
                module_completed_at: f.last_at,
            })
        })
        .collect();
    let (rows, grid_summary) = build_rows(&modules, &learners, &figures, c.starts_on, today);
    let mut cohort = summary(db, c).await?;
    cohort.learner_count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    Ok(CohortGrid {
        programme: cohort.programme.clone(),
        cohort,
        modules,
        rows,
        summary: grid_summary,
        as_of: today,
    })
}

#[derive(sqlx::FromRow)]
struct DrillRow {
    id: i64,
    title: String,
    kind: String,
    completed_at: Option<DateTime<Utc>>,
    best: Option<i64>,
    passed: Option<bool>,
    attempts: i64,
    reflection: Option<String>,
    reflected_at: Option<DateTime<Utc>>,
}

/// One learner of the cohort, one module of its programme: every activity with dates, best
/// quiz score and reflection. `None` if the learner or the module is not part of the cohort.
pub async fn drill_down(
    db: &Db,
    c: &CohortRow,
    learner_id: i64,
    module_slug: &str,
) -> ApiResult<LearnerModuleDetail> {
    let learner: (String,) = sqlx::query_as(
        "SELECT u.name FROM cohort_members cm JOIN users u ON u.id = cm.user_id
         WHERE cm.cohort_id = ? AND cm.user_id = ? AND cm.role = 'learner'",
    )
    .bind(c.id)
    .bind(learner_id)
    .fetch_optional(db)
    .await?
    .ok_or(ApiError::NotFound("learner in this cohort"))?;
    let module: (i64, String, String) = sqlx::query_as(
        "SELECT m.id, m.slug, m.title FROM programme_modules pm JOIN modules m ON m.id = pm.module_id
         WHERE pm.programme_id = ? AND m.slug = ?",
    )
    .bind(c.programme_id)
    .bind(module_slug)
    .fetch_optional(db)
    .await?
    .ok_or(ApiError::NotFound("module in this cohort's programme"))?;
    let rows: Vec<DrillRow> = sqlx::query_as(
        "SELECT a.id, a.title, a.kind, ac.completed_at,
                (SELECT MAX(score_percent) FROM quiz_attempts q WHERE q.user_id = ?1 AND q.activity_id = a.id) AS best,
                (SELECT MAX(passed) FROM quiz_attempts q WHERE q.user_id = ?1 AND q.activity_id = a.id) AS passed,
                (SELECT COUNT(*) FROM quiz_attempts q WHERE q.user_id = ?1 AND q.activity_id = a.id) AS attempts,
                r.body AS reflection, r.submitted_at AS reflected_at
         FROM activities a
         LEFT JOIN activity_completions ac ON ac.activity_id = a.id AND ac.user_id = ?1
         LEFT JOIN reflections r ON r.activity_id = a.id AND r.user_id = ?1
         WHERE a.module_id = ?2 ORDER BY a.position",
    )
    .bind(learner_id)
    .bind(module.0)
    .fetch_all(db)
    .await?;
    let activities = rows
        .into_iter()
        .map(|r| {
            Ok(LearnerActivity {
                kind: rows::activity_kind(&r.kind)?,
                quiz: r.best.map(|best| QuizBest {
                    activity_id: r.id,
                    best_percent: u8::try_from(best.clamp(0, 100)).unwrap_or(0),
                    passed: r.passed.unwrap_or(false),
                    attempts: u32::try_from(r.attempts).unwrap_or(0),
                }),
                reflection: r
                    .reflection
                    .zip(r.reflected_at)
                    .map(|(text, submitted_at)| ReflectionText {
                        activity_id: r.id,
                        text,
                        submitted_at,
                    }),
                id: r.id,
                title: r.title,
                completed_at: r.completed_at,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(LearnerModuleDetail {
        learner_id,
        learner_name: learner.0,
        module: ProgrammeRef {
            slug: module.1,
            title: module.2,
        },
        activities,
    })
}

/// The CSV column separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Separator {
    /// `;` — what Excel with Norwegian settings expects (the default).
    Semicolon,
    Comma,
}

fn cell_text(cell: CellStatus, english: bool) -> String {
    match (cell, english) {
        (CellStatus::Completed, false) => "Fullført".into(),
        (CellStatus::Completed, true) => "Completed".into(),
        (CellStatus::InProgress { percent }, false) => format!("Påbegynt {percent} %"),
        (CellStatus::InProgress { percent }, true) => format!("In progress {percent}%"),
        (CellStatus::NotStarted, false) => "Ikke påbegynt".into(),
        (CellStatus::NotStarted, true) => "Not started".into(),
        (CellStatus::Overdue, false) => "Ikke påbegynt (forsinket)".into(),
        (CellStatus::Overdue, true) => "Not started (overdue)".into(),
    }
}

/// The grid as CSV: UTF-8 with a byte-order mark, so Excel shows æøå right.
pub fn grid_csv(grid: &CohortGrid, separator: Separator, english: bool) -> ApiResult<Vec<u8>> {
    let mut out = Vec::with_capacity(64 * (grid.rows.len() + 1));
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(match separator {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
        })
        .from_writer(out);
    let fixed: [&str; 4] = if english {
        ["Name", "E-mail", "Overall progress (%)", "Last active"]
    } else {
        ["Navn", "E-post", "Samlet fremdrift (%)", "Sist aktiv"]
    };
    let header: Vec<&str> = fixed
        .iter()
        .copied()
        .chain(grid.modules.iter().map(|m| m.title.as_str()))
        .collect();
    let internal = |e: csv::Error| ApiError::Internal(e.into());
    w.write_record(&header).map_err(internal)?;
    for r in &grid.rows {
        let mut record = vec![
            r.name.clone(),
            r.email.clone(),
            r.overall_percent.to_string(),
            r.last_activity_at
                .map(|d| d.date_naive().to_string())
                .unwrap_or_default(),
        ];
        record.extend(r.cells.iter().map(|c| cell_text(*c, english)));
        w.write_record(&record).map_err(internal)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("csv: {e}")))
}
