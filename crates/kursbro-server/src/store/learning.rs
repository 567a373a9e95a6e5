//! Enrolments, learning events, completions, quiz attempts, reflections, and the reads
//! behind a learner's progress.
//!
//! "Enrolled" has one definition, [`ENROLLED_MODULES`]: directly in the module, in a
//! programme that has it, or as a learner in a cohort whose programme has it.

use chrono::{DateTime, Utc};
use kursbro_shared::cohort_grid::MemberRole;

use super::lite::AsLiteEx;
use super::{AsEx, Db};
use crate::{
    execute, fetch_all, lite_execute, lite_fetch_all, lite_fetch_one, lite_fetch_optional,
    lite_scalar_all, lite_scalar_one, scalar_one, scalar_optional,
};

/// `(user_id, module_id)` of every enrolment, by any route (a pair may appear more than
/// once). Binds `$1`: the learner role. `UNION ALL`, so that both databases push the
/// caller's `WHERE e.user_id = …` into each arm and use the indexes (with `UNION` SQLite
/// scans every enrolment).
const ENROLLED_MODULES: &str = "
    SELECT user_id, module_id FROM module_enrolments
    UNION ALL SELECT pe.user_id, pm.module_id FROM programme_enrolments pe
          JOIN programme_modules pm ON pm.programme_id = pe.programme_id
    UNION ALL SELECT cm.user_id, pm.module_id FROM cohort_members cm
          JOIN cohorts c ON c.id = cm.cohort_id
          JOIN programme_modules pm ON pm.programme_id = c.programme_id
          WHERE cm.role = $1";

/// `programme_id` of every programme a user is enrolled in (directly or as a cohort
/// learner). Binds `$1` (learner role) and `$2` (the user).
const ENROLLED_PROGRAMMES: &str = "
    SELECT programme_id FROM programme_enrolments WHERE user_id = $2
    UNION SELECT c.programme_id FROM cohort_members cm JOIN cohorts c ON c.id = cm.cohort_id
          WHERE cm.user_id = $2 AND cm.role = $1";

fn learner() -> &'static str {
    MemberRole::Learner.as_str()
}

/// Whether `user_id` may take `module_id`: enrolled by any route, in a module shared with
/// their organisation (one made private to others later is not theirs to take any more).
pub async fn is_enrolled(
    c: &mut impl AsLiteEx,
    user_id: i64,
    module_id: i64,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM ({ENROLLED_MODULES}) e WHERE e.user_id = $2 AND e.module_id = $3)
            AND EXISTS (SELECT 1 FROM modules m JOIN users u ON u.id = $2
                        WHERE m.id = $3 AND {})",
        super::catalogue::module_shared("m", "u.organisation_id")
    );
    lite_scalar_one!(c, bool, &sql, learner(), user_id, module_id)
}

/// Ids of every module the user is enrolled in, by any route (possibly repeated).
pub async fn enrolled_module_ids(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = format!("SELECT e.module_id FROM ({ENROLLED_MODULES}) e WHERE e.user_id = $2");
    lite_scalar_all!(&mut db.read().await?, i64, &sql, learner(), user_id)
}

/// Whether the user enrolled in the module itself (not through a programme or cohort).
pub async fn enrolled_directly(
    c: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
) -> Result<bool, sqlx::Error> {
    scalar_one!(
        c,
        bool,
        "SELECT EXISTS (SELECT 1 FROM module_enrolments WHERE user_id = $1 AND module_id = $2)",
        user_id,
        module_id
    )
}

/// The prerequisite of `module_id` (one shared with the user's organisation): its slug,
/// title, how many of its activities the user has completed, and how many it has.
pub async fn prerequisite_progress(
    c: &mut impl AsLiteEx,
    user_id: i64,
    module_id: i64,
) -> Result<Option<(String, String, i64, i64)>, sqlx::Error> {
    // A prerequisite completed once stays met while the person takes it again to renew it,
    // and when its author has since added an activity (the completion is kept): counted as
    // every activity done. One not shared with the person's organisation is no prerequisite
    // for them (they could never meet it, and its name is not theirs to see).
    let sql = format!(
        "SELECT p.slug, p.title,
                CASE WHEN EXISTS (SELECT 1 FROM module_rounds r
                                  WHERE r.user_id = $1 AND r.module_id = p.id)
                       OR EXISTS (SELECT 1 FROM module_completions mc
                                  WHERE mc.user_id = $1 AND mc.module_id = p.id)
                     THEN (SELECT COUNT(*) FROM activities a WHERE a.module_id = p.id)
                     ELSE (SELECT COUNT(*) FROM activity_completions c
                           JOIN activities a ON a.id = c.activity_id
                           WHERE a.module_id = p.id AND c.user_id = $1) END,
                (SELECT COUNT(*) FROM activities a WHERE a.module_id = p.id)
         FROM modules m JOIN modules p ON p.id = m.prerequisite_module_id
         JOIN users u ON u.id = $1
         WHERE m.id = $2 AND {}",
        super::catalogue::module_shared("p", "u.organisation_id")
    );
    lite_fetch_optional!(c, (String, String, i64, i64), &sql, user_id, module_id)
}

/// Enrols in a programme; `false` if already enrolled.
pub async fn enrol_programme(
    db: &Db,
    user_id: i64,
    programme_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        &mut db.conn().await?,
        "INSERT INTO programme_enrolments (user_id, programme_id, enrolled_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
        user_id,
        programme_id,
        now
    )? == 1)
}

/// Enrols in a single module; `false` if already enrolled.
pub async fn enrol_module(
    c: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        c,
        "INSERT INTO module_enrolments (user_id, module_id, enrolled_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
        user_id,
        module_id,
        now
    )? == 1)
}

/// Ends a programme enrolment (progress stays).
pub async fn leave_programme(db: &Db, user_id: i64, programme_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "DELETE FROM programme_enrolments WHERE user_id = $1 AND programme_id = $2",
        user_id,
        programme_id
    )?;
    Ok(())
}

/// Ends a module enrolment (progress stays).
pub async fn leave_module(db: &Db, user_id: i64, module_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "DELETE FROM module_enrolments WHERE user_id = $1 AND module_id = $2",
        user_id,
        module_id
    )?;
    Ok(())
}

// --- learning events ---------------------------------------------------------------

/// Claims an event id for `user_id` (ids are per person). `false`: this person already
/// used the id; the caller reads [`event`] to tell a repeat from a reuse.
pub async fn claim_event(
    tx: &mut impl AsLiteEx,
    id: &str,
    user_id: i64,
    body_hash: &str,
    occurred_at: DateTime<Utc>,
    received_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(lite_execute!(
        tx,
        "INSERT INTO learning_events (id, user_id, body_hash, receipt_json, occurred_at, received_at)
         VALUES ($1, $2, $3, '', $4, $5) ON CONFLICT (user_id, id) DO NOTHING",
        id,
        user_id,
        body_hash,
        occurred_at,
        received_at
    )? == 1)
}

/// (body hash, receipt JSON) of a person's stored event.
pub async fn event(
    tx: &mut impl AsLiteEx,
    user_id: i64,
    id: &str,
) -> Result<(String, String), sqlx::Error> {
    lite_fetch_one!(
        tx,
        (String, String),
        "SELECT body_hash, receipt_json FROM learning_events WHERE user_id = $1 AND id = $2",
        user_id,
        id
    )
}

/// Stores the receipt that a repeat of the event will get.
pub async fn set_receipt(
    tx: &mut impl AsLiteEx,
    user_id: i64,
    id: &str,
    receipt_json: &str,
) -> Result<(), sqlx::Error> {
    lite_execute!(
        tx,
        "UPDATE learning_events SET receipt_json = $1 WHERE user_id = $2 AND id = $3",
        receipt_json,
        user_id,
        id
    )?;
    Ok(())
}

/// Marks an activity completed. Forward only: an existing completion stays, and keeps the
/// earlier of the two times.
pub async fn complete(
    tx: &mut impl AsLiteEx,
    user_id: i64,
    activity_id: i64,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    lite_execute!(
        tx,
        "INSERT INTO activity_completions (user_id, activity_id, completed_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, activity_id) DO UPDATE
         SET completed_at = excluded.completed_at
         WHERE excluded.completed_at < activity_completions.completed_at",
        user_id,
        activity_id,
        at
    )?;
    // The module is complete once every activity is: when the last one was done (which an
    // earlier-dated event arriving late can move back).
    lite_execute!(
        tx,
        "INSERT INTO module_completions (user_id, module_id, completed_at)
         SELECT ac.user_id, a.module_id, MAX(ac.completed_at)
         FROM activities a
         JOIN activity_completions ac ON ac.activity_id = a.id AND ac.user_id = $1
         WHERE a.module_id = (SELECT module_id FROM activities WHERE id = $2)
         GROUP BY ac.user_id, a.module_id
         HAVING COUNT(*) = (SELECT COUNT(*) FROM activities a2 WHERE a2.module_id = a.module_id)
         ON CONFLICT (user_id, module_id) DO UPDATE SET completed_at = excluded.completed_at
         WHERE excluded.completed_at < module_completions.completed_at",
        user_id,
        activity_id
    )?;
    Ok(())
}

/// Starts a module the person has completed again, to renew a certification: their
/// completion is kept as an earlier round's (the competence overview still counts it), so
/// are their reflections, and the module's activities start afresh. `false` when the module is not complete (someone
/// already started it again).
pub async fn start_again(
    tx: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    // The completion is taken first: on PostgreSQL its row lock makes a second request at
    // the same time wait, and then find nothing to take (SQLite's write lock does the same).
    let Some(completed_at) = scalar_optional!(
        tx,
        DateTime<Utc>,
        "DELETE FROM module_completions WHERE user_id = $1 AND module_id = $2
         RETURNING completed_at",
        user_id,
        module_id
    )?
    else {
        return Ok(false);
    };
    execute!(
        tx,
        "INSERT INTO module_rounds (user_id, module_id, previous_completed_at, started_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        user_id,
        module_id,
        completed_at,
        now
    )?;
    // The reflections written so far stay, as the earlier round's.
    execute!(
        tx,
        "INSERT INTO reflection_rounds (user_id, activity_id, body, submitted_at, round_started_at)
         SELECT r.user_id, r.activity_id, r.body, r.submitted_at, $3 FROM reflections r
         JOIN activities a ON a.id = r.activity_id
         WHERE r.user_id = $1 AND a.module_id = $2
         ON CONFLICT DO NOTHING",
        user_id,
        module_id,
        now
    )?;
    execute!(
        tx,
        "DELETE FROM activity_completions
         WHERE user_id = $1 AND activity_id IN (SELECT id FROM activities WHERE module_id = $2)",
        user_id,
        module_id
    )?;
    Ok(true)
}

/// When the person last started a module again to renew it, if ever.
pub async fn round_started(
    db: &Db,
    user_id: i64,
    module_id: i64,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        DateTime<Utc>,
        "SELECT started_at FROM module_rounds WHERE user_id = $1 AND module_id = $2
         ORDER BY started_at DESC LIMIT 1",
        user_id,
        module_id
    )
}

/// Records a graded quiz attempt; returns the best score of all attempts so far (of this
/// round, if the learner started the module again).
pub async fn add_quiz_attempt(
    tx: &mut impl AsLiteEx,
    user_id: i64,
    activity_id: i64,
    score_percent: i64,
    passed: bool,
    answers_json: &str,
    at: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    lite_execute!(
        tx,
        "INSERT INTO quiz_attempts (user_id, activity_id, score_percent, passed, answers_json, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        user_id,
        activity_id,
        score_percent,
        passed,
        answers_json,
        at
    )?;
    lite_scalar_one!(
        tx,
        i64,
        "SELECT MAX(q.score_percent) FROM quiz_attempts q JOIN activities a ON a.id = q.activity_id
         WHERE q.user_id = $1 AND q.activity_id = $2
           AND NOT EXISTS (SELECT 1 FROM module_rounds r
                           WHERE r.user_id = q.user_id AND r.module_id = a.module_id
                             AND r.started_at > q.submitted_at)",
        user_id,
        activity_id
    )
}

/// Stores a reflection; the newest text wins, whatever order the events arrive in.
pub async fn save_reflection(
    tx: &mut impl AsLiteEx,
    user_id: i64,
    activity_id: i64,
    text: &str,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    lite_execute!(
        tx,
        "INSERT INTO reflections (user_id, activity_id, body, submitted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, activity_id) DO UPDATE
         SET body = excluded.body, submitted_at = excluded.submitted_at
         WHERE excluded.submitted_at > reflections.submitted_at",
        user_id,
        activity_id,
        text,
        at
    )?;
    Ok(())
}

// --- progress reads ----------------------------------------------------------------

/// A learner's completions, quiz results and reflections in one module.
pub struct ModuleWork {
    /// (activity id, completed at), in activity order.
    pub completions: Vec<(i64, DateTime<Utc>)>,
    /// (activity id, best score, passed, attempts).
    pub quizzes: Vec<(i64, i64, bool, i64)>,
    /// (activity id, text, submitted at).
    pub reflections: Vec<(i64, String, DateTime<Utc>)>,
}

pub async fn module_work(
    c: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
) -> Result<ModuleWork, sqlx::Error> {
    let completions = fetch_all!(
        c,
        (i64, DateTime<Utc>),
        "SELECT c.activity_id, c.completed_at FROM activity_completions c
         JOIN activities a ON a.id = c.activity_id
         WHERE c.user_id = $1 AND a.module_id = $2 ORDER BY a.position",
        user_id,
        module_id
    )?;
    let quizzes = fetch_all!(
        c,
        (i64, i64, bool, i64),
        "SELECT q.activity_id, MAX(q.score_percent),
                MAX(CASE WHEN q.passed THEN 1 ELSE 0 END) = 1, COUNT(*)
         FROM quiz_attempts q JOIN activities a ON a.id = q.activity_id
         WHERE q.user_id = $1 AND a.module_id = $2
           AND NOT EXISTS (SELECT 1 FROM module_rounds r
                           WHERE r.user_id = q.user_id AND r.module_id = a.module_id
                             AND r.started_at > q.submitted_at)
         GROUP BY q.activity_id",
        user_id,
        module_id
    )?;
    let reflections = fetch_all!(
        c,
        (i64, String, DateTime<Utc>),
        "SELECT r.activity_id, r.body, r.submitted_at FROM reflections r
         JOIN activities a ON a.id = r.activity_id
         WHERE r.user_id = $1 AND a.module_id = $2",
        user_id,
        module_id
    )?;
    Ok(ModuleWork {
        completions,
        quizzes,
        reflections,
    })
}

/// Modules in which the user has completed an activity or attempted a quiz.
pub async fn touched_module_ids(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    lite_scalar_all!(
        &mut db.read().await?,
        i64,
        "SELECT a.module_id FROM activity_completions c JOIN activities a ON a.id = c.activity_id
         WHERE c.user_id = $1
         UNION SELECT a.module_id FROM quiz_attempts q JOIN activities a ON a.id = q.activity_id
         WHERE q.user_id = $1",
        user_id
    )
}

/// Programmes the user is enrolled in (directly or as a cohort learner).
pub async fn enrolled_programme_ids(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    lite_scalar_all!(
        &mut db.read().await?,
        i64,
        ENROLLED_PROGRAMMES,
        learner(),
        user_id
    )
}

/// Programmes with a module in which the user has completed an activity.
pub async fn started_programme_ids(db: &Db, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    lite_scalar_all!(
        &mut db.read().await?,
        i64,
        "SELECT DISTINCT pm.programme_id FROM programme_modules pm
         JOIN activities a ON a.module_id = pm.module_id
         JOIN activity_completions c ON c.activity_id = a.id
         WHERE c.user_id = $1",
        user_id
    )
}

/// An activity of a module and when the learner completed it, if they did.
#[derive(sqlx::FromRow)]
pub struct ActivityProgressRow {
    pub module_id: i64,
    pub id: i64,
    pub title: String,
    pub completed_at: Option<DateTime<Utc>>,
}

crate::lite_row!(ActivityProgressRow {
    module_id,
    id,
    title,
    completed_at,
});

/// Every activity of the modules in `module_ids`, with the user's completions, grouped by
/// module in activity order.
pub async fn activity_progress(
    db: &Db,
    user_id: i64,
    module_ids: &[i64],
) -> Result<Vec<ActivityProgressRow>, sqlx::Error> {
    if module_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT a.module_id, a.id, a.title, c.completed_at FROM activities a
         LEFT JOIN activity_completions c ON c.activity_id = a.id AND c.user_id = $1
         WHERE a.module_id IN ({}) ORDER BY a.module_id, a.position",
        super::catalogue::id_list(module_ids)
    );
    lite_fetch_all!(&mut db.read().await?, ActivityProgressRow, &sql, user_id)
}
