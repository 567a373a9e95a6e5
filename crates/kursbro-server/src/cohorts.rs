//! Cohorts for the people who run them: who may facilitate, the grid (one round of queries
//! whatever the size), the drill-down and the CSV export. The cell and summary rules are in
//! `kursbro_shared::cohort_grid`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use kursbro_shared::api::{CohortAccess, CohortSummary, OrganisationRef, ProgrammeRef};
use kursbro_shared::cohort_grid::{
    build_rows, CohortGrid, GridLearner, GridModule, LearnerActivity, LearnerModuleDetail,
    LearnerModuleFigures,
};
use kursbro_shared::learning::{QuizBest, ReflectionText};
use kursbro_shared::texts::{self, Lang};

use crate::error::{ApiError, ApiResult};
use crate::rows;
use crate::session::AuthUser;
pub use crate::store::cohorts::CohortRow;
use crate::store::{self, Db};

/// The cohort, if `user` facilitates it (or is an admin). Everyone else — facilitators of
/// other cohorts, learners, leaders — gets "no such cohort": its existence is not theirs
/// to know.
pub async fn facilitated(db: &Db, user: &AuthUser, cohort_id: i64) -> ApiResult<CohortRow> {
    store::cohorts::facilitated(db, cohort_id, user.id, user.grants.platform_admin)
        .await?
        .ok_or(ApiError::NotFound("cohort"))
}

/// The cohort as listed for `viewer`: programme, organisation, learner count,
/// facilitators, and what the viewer may open.
pub async fn summary(db: &Db, c: &CohortRow, viewer: &AuthUser) -> ApiResult<CohortSummary> {
    let (learner_count, facilitators) = store::cohorts::counts(db, c.id).await?;
    let member = store::cohorts::member_role(&mut db.conn().await?, c.id, viewer.id).await?;
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
        access: CohortAccess::of(viewer.grants.platform_admin, member),
    })
}

fn org(c: &CohortRow) -> ApiResult<OrganisationRef> {
    rows::org_ref(c.org_id, c.org_name.clone(), &c.org_kind)
}

/// The grid of a cohort. A fixed number of queries whatever the cohort's size: columns,
/// learners (with their last activity), and one grouped count of completions.
pub async fn grid(
    db: &Db,
    c: &CohortRow,
    viewer: &AuthUser,
    today: NaiveDate,
) -> ApiResult<CohortGrid> {
    let cols = store::catalogue::programme_modules(db, &[c.programme_id], Some(c.org_id)).await?;
    let (learners, figures) = store::cohorts::grid_data(db, c.id, c.programme_id).await?;

    let column_index: HashMap<i64, usize> = cols
        .iter()
        .enumerate()
        .map(|(i, m)| (m.module_id, i))
        .collect();
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
    let mut cohort = summary(db, c, viewer).await?;
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

/// One learner of the cohort, one module of its programme: every activity with dates, best
/// quiz score and reflection. `None` if the learner or the module is not part of the cohort.
pub async fn drill_down(
    db: &Db,
    c: &CohortRow,
    learner_id: i64,
    module_slug: &str,
) -> ApiResult<LearnerModuleDetail> {
    let (learner, joined) = store::cohorts::learner_joined(db, c.id, learner_id)
        .await?
        .ok_or(ApiError::NotFound("learner in this cohort"))?;
    let module = store::cohorts::programme_module(db, c.programme_id, module_slug, c.org_id)
        .await?
        .ok_or(ApiError::NotFound("module in this cohort's programme"))?;
    // Quiz results and reflections of an earlier round (the learner started the module
    // again to renew it) are not this round's work either.
    let since = match store::learning::round_started(db, learner_id, module.0).await? {
        Some(round) => joined.max(round),
        None => joined,
    };
    let rows = store::cohorts::drill_down(db, learner_id, module.0, since).await?;
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
        learner_name: learner,
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

impl Separator {
    pub fn byte(self) -> u8 {
        match self {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
        }
    }
}

/// A cell as a spreadsheet should take it: text that starts like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, so a name such as
/// `=HYPERLINK(…)` is shown, never run (OWASP's advice on CSV injection).
pub fn spreadsheet_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Writes one record with every cell [`spreadsheet_safe`].
pub fn write_safe<W: std::io::Write>(
    w: &mut csv::Writer<W>,
    record: &[impl AsRef<str>],
) -> ApiResult<()> {
    w.write_record(record.iter().map(|c| spreadsheet_safe(c.as_ref())))
        .map_err(|e| ApiError::Internal(e.into()))
}

/// The grid as CSV: UTF-8 with a byte-order mark, so Excel shows æøå right.
/// Headings and cells are the grid's own words (`kursbro_shared::texts`).
pub fn grid_csv(grid: &CohortGrid, separator: Separator, lang: Lang) -> ApiResult<Vec<u8>> {
    let mut out = Vec::with_capacity(64 * (grid.rows.len() + 1));
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator.byte())
        .from_writer(out);
    let [learner, overall, last] = texts::grid_columns(lang);
    let header: Vec<&str> = [learner, texts::email_column(lang), overall, last]
        .into_iter()
        .chain(grid.modules.iter().map(|m| m.title.as_str()))
        .collect();
    write_safe(&mut w, &header)?;
    for r in &grid.rows {
        let mut record = vec![
            r.name.clone(),
            r.email.clone(),
            r.overall_percent.to_string(),
            r.last_activity_at
                .map(|d| d.date_naive().to_string())
                .unwrap_or_default(),
        ];
        record.extend(r.cells.iter().map(|c| texts::cell_text(lang, *c)));
        write_safe(&mut w, &record)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("csv: {e}")))
}
