//! Learners' feedback on modules: one answer per learner and module, given once, read back
//! without names, oldest first.

use chrono::{DateTime, Utc};

use super::{AsEx, Db};
use crate::{execute, fetch_all, scalar_one};

/// An answer without who gave it: (module id, relevance, workload, quality, comment).
pub type AnswerRow = (i64, i64, i64, i64, String, i64);

/// Stores a learner's answer for a module; `false` if they had already answered (an answer
/// is not replaced: a change would show as a change in the summary).
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
    relevance: i64,
    workload: i64,
    quality: i64,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let stored = execute!(
        tx,
        "INSERT INTO module_feedback
             (user_id, module_id, relevance, workload, quality, comment, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id, module_id) DO NOTHING",
        user_id,
        module_id,
        relevance,
        workload,
        quality,
        comment,
        now
    )?;
    Ok(stored == 1)
}

/// Whether the learner has answered for the module.
pub async fn given(c: &mut impl AsEx, user_id: i64, module_id: i64) -> Result<bool, sqlx::Error> {
    scalar_one!(
        c,
        bool,
        "SELECT EXISTS (SELECT 1 FROM module_feedback WHERE user_id = $1 AND module_id = $2)",
        user_id,
        module_id
    )
}

/// (id, slug, title) of every module an organisation provides, by title.
pub async fn provided_modules(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        (i64, String, String),
        "SELECT id, slug, title FROM modules WHERE provider_id = $1 ORDER BY title, id",
        organisation_id
    )
}

/// Every answer for the modules an organisation provides, without who gave it, oldest
/// first (the summary counts whole batches of them in that order).
pub async fn answers_for_provider(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<AnswerRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        AnswerRow,
        "SELECT f.module_id, f.relevance, f.workload, f.quality, f.comment, f.user_id
         FROM module_feedback f JOIN modules m ON m.id = f.module_id
         WHERE m.provider_id = $1
         ORDER BY f.submitted_at, f.user_id",
        organisation_id
    )
}

/// (cohort name, its organisation's name, module id, learner id) for every answer on an
/// organisation's modules by a learner of a cohort whose programme has the module.
pub async fn answer_cohorts(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        (String, String, i64, i64),
        "SELECT c.name, o.name, f.module_id, f.user_id
         FROM module_feedback f
         JOIN modules m ON m.id = f.module_id AND m.provider_id = $1
         JOIN cohort_members cm ON cm.user_id = f.user_id AND cm.role = 'learner'
         JOIN cohorts c ON c.id = cm.cohort_id
         JOIN programme_modules pm ON pm.programme_id = c.programme_id AND pm.module_id = f.module_id
         JOIN organisations o ON o.id = c.organisation_id
         ORDER BY c.name, c.id",
        organisation_id
    )
}

/// Whether the learner has completed the module (in the current round).
pub async fn completed(
    c: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
) -> Result<bool, sqlx::Error> {
    scalar_one!(
        c,
        bool,
        "SELECT EXISTS (SELECT 1 FROM module_completions WHERE user_id = $1 AND module_id = $2)",
        user_id,
        module_id
    )
}
