//! The learner journey on the server: enrolment, learning events (idempotent, forward-only),
//! and progress. The rules of progress themselves live in `kursbro_shared::progress`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use kursbro_shared::api::{ActivityKind, ModuleKind, ModuleRef};
use kursbro_shared::learning::{
    validate_event, ActivityRef, AnswerKey, Completion, ContinueAt, EventReceipt, LearningAction,
    LearningEvent, ModuleLearnerState, ModuleProgressSummary, MyProgress, ProgrammeModuleProgress,
    ProgrammeProgressSummary, QuizBest, QuizResult, ReflectionText,
};
use kursbro_shared::progress::{
    ModuleProgress, ModuleStatus, ProgrammeModuleState, ProgrammeProgress,
};
use kursbro_shared::training;
use sha2::{Digest, Sha256};
use sqlx::{Sqlite, Transaction};

use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::rows;

/// Whether `user_id` may take `module_id`: enrolled in the module, in a programme that has
/// it, or a learner in a cohort whose programme has it.
pub async fn is_enrolled<'e, E>(db: E, user_id: i64, module_id: i64) -> ApiResult<bool>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let enrolled: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM module_enrolments WHERE user_id = ?1 AND module_id = ?2)
             OR EXISTS (SELECT 1 FROM programme_enrolments pe
                        JOIN programme_modules pm ON pm.programme_id = pe.programme_id
                        WHERE pe.user_id = ?1 AND pm.module_id = ?2)
             OR EXISTS (SELECT 1 FROM cohort_members cm
                        JOIN cohorts c ON c.id = cm.cohort_id
                        JOIN programme_modules pm ON pm.programme_id = c.programme_id
                        WHERE cm.user_id = ?1 AND cm.role = 'learner' AND pm.module_id = ?2)",
    )
    .bind(user_id)
    .bind(module_id)
    .fetch_one(db)
    .await?;
    Ok(enrolled)
}

/// The module the author requires before `module_id`, if the learner has not completed it
/// yet (completed means every activity done, the shared rule). `None`: nothing is locked.
pub async fn unmet_prerequisite<'e, E>(
    db: E,
    user_id: i64,
    module_id: i64,
) -> ApiResult<Option<ModuleRef>>
where
    E: sqlx::Executor<'e, Database = Sqlite>,
{
    let row: Option<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT p.slug, p.title,
                (SELECT COUNT(*) FROM activity_completions c JOIN activities a ON a.id = c.activity_id
                 WHERE a.module_id = p.id AND c.user_id = ?1),
                (SELECT COUNT(*) FROM activities a WHERE a.module_id = p.id)
         FROM modules m JOIN modules p ON p.id = m.prerequisite_module_id WHERE m.id = ?2",
    )
    .bind(user_id)
    .bind(module_id)
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|(slug, title, done, total)| {
        let progress = ModuleProgress::new(
            u32::try_from(done).unwrap_or(0),
            u32::try_from(total).unwrap_or(0),
        );
        (progress.status() != ModuleStatus::Completed).then_some(ModuleRef { slug, title })
    }))
}

/// Ids of every published module the user is enrolled in, by any route.
async fn enrolled_modules(db: &Db, user_id: i64) -> ApiResult<HashSet<i64>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT module_id FROM module_enrolments WHERE user_id = ?1
         UNION SELECT pm.module_id FROM programme_enrolments pe
               JOIN programme_modules pm ON pm.programme_id = pe.programme_id
               WHERE pe.user_id = ?1
         UNION SELECT pm.module_id FROM cohort_members cm
               JOIN cohorts c ON c.id = cm.cohort_id
               JOIN programme_modules pm ON pm.programme_id = c.programme_id
               WHERE cm.user_id = ?1 AND cm.role = 'learner'",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    Ok(ids.into_iter().collect())
}

fn hash_event(event: &LearningEvent) -> ApiResult<String> {
    let canonical = serde_json::to_string(&(&event.occurred_at, &event.action))
        .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(format!("{:x}", Sha256::digest(canonical.as_bytes())))
}

#[derive(sqlx::FromRow)]
struct ActivityTarget {
    kind: String,
    module_id: i64,
    published: bool,
    pass_mark_percent: i64,
}

/// Stores one learning event exactly once and applies it, moving progress forward only.
pub async fn ingest(db: &Db, user_id: i64, event: &LearningEvent) -> ApiResult<EventReceipt> {
    validate_event(event)?;
    let now = Utc::now();
    // A device clock ahead of ours does not get to write the future.
    let at = event.occurred_at.min(now);
    let hash = hash_event(event)?;

    let mut tx = db.begin().await?;
    // Claim the id first: this write takes SQLite's write lock at once, so two copies of
    // the same event arriving together are serialised here.
    let claimed = sqlx::query(
        "INSERT INTO learning_events (id, user_id, body_hash, receipt_json, occurred_at, received_at)
         VALUES (?, ?, ?, '', ?, ?) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&event.id)
    .bind(user_id)
    .bind(&hash)
    .bind(at)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !claimed {
        let (owner, stored_hash, receipt): (i64, String, String) = sqlx::query_as(
            "SELECT user_id, body_hash, receipt_json FROM learning_events WHERE id = ?",
        )
        .bind(&event.id)
        .fetch_one(&mut *tx)
        .await?;
        if owner != user_id || stored_hash != hash {
            return Err(ApiError::Conflict(format!(
                "Event id {} was already used for a different event. Give each event its own id.",
                event.id
            )));
        }
        let mut receipt: EventReceipt =
            serde_json::from_str(&receipt).map_err(|e| ApiError::Internal(e.into()))?;
        receipt.duplicate = true;
        return Ok(receipt);
    }

    let activity_id = event.action.activity_id();
    let target: ActivityTarget = sqlx::query_as(
        "SELECT a.kind, a.module_id, m.published, a.pass_mark_percent
         FROM activities a JOIN modules m ON m.id = a.module_id WHERE a.id = ?",
    )
    .bind(activity_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(ApiError::NotFound("activity"))?;
    if !target.published {
        return Err(ApiError::Withdrawn);
    }
    if !is_enrolled(&mut *tx, user_id, target.module_id).await? {
        return Err(ApiError::NotEnrolled);
    }
    if let Some(first) = unmet_prerequisite(&mut *tx, user_id, target.module_id).await? {
        return Err(ApiError::PrerequisiteMissing(first.title));
    }
    let kind = rows::activity_kind(&target.kind)?;
    let expected = match &event.action {
        LearningAction::LessonCompleted { .. } => ActivityKind::Lesson,
        LearningAction::ExternalCompleted { .. } => ActivityKind::External,
        LearningAction::QuizSubmitted { .. } => ActivityKind::Quiz,
        LearningAction::ReflectionSubmitted { .. } => ActivityKind::Reflection,
    };
    if kind != expected {
        return Err(ApiError::WrongActivityKind {
            activity_id,
            is: kind,
        });
    }

    let mut quiz = None;
    match &event.action {
        LearningAction::LessonCompleted { .. } | LearningAction::ExternalCompleted { .. } => {
            complete(&mut tx, user_id, activity_id, at).await?;
        }
        LearningAction::QuizSubmitted { answers, .. } => {
            let key = answer_key(&mut tx, activity_id).await?;
            let pass_mark = u8::try_from(target.pass_mark_percent.clamp(0, 100)).unwrap_or(100);
            let (correct, total, score, passed) =
                kursbro_shared::learning::grade(&key, answers, pass_mark)
                    .map_err(|e| ApiError::InvalidAnswers(e.message()))?;
            sqlx::query(
                "INSERT INTO quiz_attempts (user_id, activity_id, score_percent, passed, answers_json, submitted_at)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )
            .bind(user_id)
            .bind(activity_id)
            .bind(i64::from(score))
            .bind(passed)
            .bind(serde_json::to_string(answers).map_err(|e| ApiError::Internal(e.into()))?)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            let best: i64 = sqlx::query_scalar(
                "SELECT MAX(score_percent) FROM quiz_attempts WHERE user_id = ? AND activity_id = ?",
            )
            .bind(user_id)
            .bind(activity_id)
            .fetch_one(&mut *tx)
            .await?;
            if passed {
                complete(&mut tx, user_id, activity_id, at).await?;
            }
            quiz = Some(QuizResult {
                score_percent: score,
                passed,
                correct_questions: correct,
                total_questions: total,
                best_percent: u8::try_from(best).unwrap_or(score),
            });
        }
        LearningAction::ReflectionSubmitted { text, .. } => {
            // The newest text wins, whatever order the events arrive in.
            sqlx::query(
                "INSERT INTO reflections (user_id, activity_id, body, submitted_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (user_id, activity_id) DO UPDATE
                 SET body = excluded.body, submitted_at = excluded.submitted_at
                 WHERE excluded.submitted_at > reflections.submitted_at",
            )
            .bind(user_id)
            .bind(activity_id)
            .bind(text)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            complete(&mut tx, user_id, activity_id, at).await?;
        }
    }

    let receipt = EventReceipt {
        id: event.id.clone(),
        duplicate: false,
        quiz,
    };
    sqlx::query("UPDATE learning_events SET receipt_json = ? WHERE id = ?")
        .bind(serde_json::to_string(&receipt).map_err(|e| ApiError::Internal(e.into()))?)
        .bind(&event.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(receipt)
}

/// Marks an activity completed. Forward only: an existing completion stays, and keeps the
/// earlier of the two times.
async fn complete(
    tx: &mut Transaction<'_, Sqlite>,
    user_id: i64,
    activity_id: i64,
    at: DateTime<Utc>,
) -> ApiResult<()> {
    sqlx::query(
        "INSERT INTO activity_completions (user_id, activity_id, completed_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id, activity_id) DO UPDATE
         SET completed_at = excluded.completed_at
         WHERE excluded.completed_at < activity_completions.completed_at",
    )
    .bind(user_id)
    .bind(activity_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn answer_key(
    tx: &mut Transaction<'_, Sqlite>,
    activity_id: i64,
) -> ApiResult<Vec<AnswerKey>> {
    let rows: Vec<(i64, bool, i64, bool)> = sqlx::query_as(
        "SELECT q.id, q.multiple, o.id, o.correct FROM quiz_questions q
         JOIN quiz_options o ON o.question_id = q.id
         WHERE q.activity_id = ? ORDER BY q.position, o.position",
    )
    .bind(activity_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut key: Vec<AnswerKey> = Vec::new();
    for (question_id, multiple, option_id, correct) in rows {
        if key.last().is_none_or(|k| k.question_id != question_id) {
            key.push(AnswerKey {
                question_id,
                multiple,
                options: Vec::new(),
                correct: Vec::new(),
            });
        }
        let k = key.last_mut().expect("pushed above");
        k.options.push(option_id);
        if correct {
            k.correct.push(option_id);
        }
    }
    Ok(key)
}

/// The learner's state in one module.
pub async fn module_state(db: &Db, user_id: i64, module_id: i64) -> ApiResult<ModuleLearnerState> {
    let enrolled = is_enrolled(db, user_id, module_id).await?;
    let enrolled_directly: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM module_enrolments WHERE user_id = ? AND module_id = ?)",
    )
    .bind(user_id)
    .bind(module_id)
    .fetch_one(db)
    .await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE module_id = ?")
        .bind(module_id)
        .fetch_one(db)
        .await?;
    let completions: Vec<(i64, DateTime<Utc>)> = sqlx::query_as(
        "SELECT c.activity_id, c.completed_at FROM activity_completions c
         JOIN activities a ON a.id = c.activity_id
         WHERE c.user_id = ? AND a.module_id = ? ORDER BY a.position",
    )
    .bind(user_id)
    .bind(module_id)
    .fetch_all(db)
    .await?;
    let quizzes: Vec<(i64, i64, bool, i64)> = sqlx::query_as(
        "SELECT q.activity_id, MAX(q.score_percent), MAX(q.passed), COUNT(*) FROM quiz_attempts q
         JOIN activities a ON a.id = q.activity_id
         WHERE q.user_id = ? AND a.module_id = ? GROUP BY q.activity_id",
    )
    .bind(user_id)
    .bind(module_id)
    .fetch_all(db)
    .await?;
    let reflections: Vec<(i64, String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT r.activity_id, r.body, r.submitted_at FROM reflections r
         JOIN activities a ON a.id = r.activity_id
         WHERE r.user_id = ? AND a.module_id = ?",
    )
    .bind(user_id)
    .bind(module_id)
    .fetch_all(db)
    .await?;
    let locked_by = unmet_prerequisite(db, user_id, module_id).await?;
    Ok(ModuleLearnerState {
        enrolled,
        enrolled_directly,
        locked_by,
        progress: ModuleProgress::new(
            u32::try_from(completions.len()).unwrap_or(u32::MAX),
            u32::try_from(total).unwrap_or(0),
        ),
        completions: completions
            .into_iter()
            .map(|(activity_id, completed_at)| Completion {
                activity_id,
                completed_at,
            })
            .collect(),
        quizzes: quizzes
            .into_iter()
            .map(|(activity_id, best, passed, attempts)| QuizBest {
                activity_id,
                best_percent: u8::try_from(best.clamp(0, 100)).unwrap_or(0),
                passed,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            })
            .collect(),
        reflections: reflections
            .into_iter()
            .map(|(activity_id, text, submitted_at)| ReflectionText {
                activity_id,
                text,
                submitted_at,
            })
            .collect(),
    })
}

#[derive(sqlx::FromRow)]
struct ActivityProgressRow {
    module_id: i64,
    id: i64,
    title: String,
    completed_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct ModuleInfoRow {
    id: i64,
    slug: String,
    title: String,
    kind: String,
    validity_months: Option<i64>,
}

/// Computed per-module figures for one learner.
struct ModuleFigures {
    progress: ModuleProgress,
    started_at: Option<DateTime<Utc>>,
    last_at: Option<DateTime<Utc>>,
    next: Option<ActivityRef>,
}

/// Everything the learner is enrolled in or has started, with the programme rules applied.
pub async fn my_progress(db: &Db, user_id: i64) -> ApiResult<MyProgress> {
    let enrolled = enrolled_modules(db, user_id).await?;
    let touched: Vec<i64> = sqlx::query_scalar(
        "SELECT a.module_id FROM activity_completions c JOIN activities a ON a.id = c.activity_id
         WHERE c.user_id = ?1
         UNION SELECT a.module_id FROM quiz_attempts q JOIN activities a ON a.id = q.activity_id
         WHERE q.user_id = ?1",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    let programme_ids: Vec<i64> = sqlx::query_scalar(
        "SELECT programme_id FROM programme_enrolments WHERE user_id = ?1
         UNION SELECT c.programme_id FROM cohort_members cm JOIN cohorts c ON c.id = cm.cohort_id
               WHERE cm.user_id = ?1 AND cm.role = 'learner'
         UNION SELECT pm.programme_id FROM programme_modules pm
               JOIN activities a ON a.module_id = pm.module_id
               JOIN activity_completions c ON c.activity_id = a.id
               WHERE c.user_id = ?1",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?;
    let enrolled_programmes: HashSet<i64> = sqlx::query_scalar(
        "SELECT programme_id FROM programme_enrolments WHERE user_id = ?1
         UNION SELECT c.programme_id FROM cohort_members cm JOIN cohorts c ON c.id = cm.cohort_id
               WHERE cm.user_id = ?1 AND cm.role = 'learner'",
    )
    .bind(user_id)
    .fetch_all(db)
    .await?
    .into_iter()
    .collect();

    // Every module that appears anywhere on the page: enrolled, started, or in a programme.
    let mut module_ids: HashSet<i64> = enrolled
        .iter()
        .copied()
        .chain(touched.iter().copied())
        .collect();
    let programme_links: Vec<(i64, i64, bool, i64)> = if programme_ids.is_empty() {
        Vec::new()
    } else {
        let list = id_list(&programme_ids);
        sqlx::query_as(&format!(
            "SELECT pm.programme_id, pm.module_id, pm.required, pm.position FROM programme_modules pm
             JOIN modules m ON m.id = pm.module_id
             WHERE m.published = 1 AND pm.programme_id IN ({list}) ORDER BY pm.programme_id, pm.position"
        ))
        .fetch_all(db)
        .await?
    };
    module_ids.extend(programme_links.iter().map(|l| l.1));
    if module_ids.is_empty() {
        return Ok(MyProgress {
            modules: Vec::new(),
            programmes: Vec::new(),
            continue_at: None,
        });
    }
    let list = id_list(&module_ids.iter().copied().collect::<Vec<_>>());
    let modules: Vec<ModuleInfoRow> = sqlx::query_as(&format!(
        "SELECT id, slug, title, kind, validity_months FROM modules
         WHERE published = 1 AND id IN ({list}) ORDER BY title"
    ))
    .fetch_all(db)
    .await?;
    let activities: Vec<ActivityProgressRow> = sqlx::query_as(&format!(
        "SELECT a.module_id, a.id, a.title, c.completed_at FROM activities a
         LEFT JOIN activity_completions c ON c.activity_id = a.id AND c.user_id = ?
         WHERE a.module_id IN ({list}) ORDER BY a.module_id, a.position"
    ))
    .bind(user_id)
    .fetch_all(db)
    .await?;

    let mut figures: HashMap<i64, ModuleFigures> = HashMap::new();
    for a in activities {
        let f = figures.entry(a.module_id).or_insert(ModuleFigures {
            progress: ModuleProgress::new(0, 0),
            started_at: None,
            last_at: None,
            next: None,
        });
        let done = a.completed_at.is_some();
        f.progress =
            ModuleProgress::new(f.progress.completed + u32::from(done), f.progress.total + 1);
        if let Some(at) = a.completed_at {
            f.started_at = Some(f.started_at.map_or(at, |s| s.min(at)));
            f.last_at = Some(f.last_at.map_or(at, |l| l.max(at)));
        } else if f.next.is_none() {
            f.next = Some(ActivityRef {
                id: a.id,
                title: a.title,
            });
        }
    }

    let touched: HashSet<i64> = touched.into_iter().collect();
    let mut summaries = Vec::new();
    let mut by_id: HashMap<i64, (String, String, ModuleProgress)> = HashMap::new();
    for m in modules {
        let f = figures.remove(&m.id).unwrap_or(ModuleFigures {
            progress: ModuleProgress::new(0, 0),
            started_at: None,
            last_at: None,
            next: None,
        });
        by_id.insert(m.id, (m.slug.clone(), m.title.clone(), f.progress));
        // Modules that are only here because a programme lists them stay off the list.
        if !enrolled.contains(&m.id) && !touched.contains(&m.id) {
            continue;
        }
        let status = f.progress.status();
        let completed_at = (status == ModuleStatus::Completed)
            .then_some(f.last_at)
            .flatten();
        let validity = m.validity_months.and_then(|v| u32::try_from(v).ok());
        summaries.push(ModuleProgressSummary {
            kind: ModuleKind::parse(&m.kind)
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("corrupt module kind")))?,
            enrolled: enrolled.contains(&m.id),
            progress: f.progress,
            status,
            started_at: f.started_at,
            completed_at,
            last_activity_at: f.last_at,
            next_activity: f.next,
            valid_until: completed_at
                .and_then(|at| training::expires_on(at.date_naive(), validity)),
            slug: m.slug,
            title: m.title,
        });
    }

    let continue_at = summaries
        .iter()
        .filter(|s| s.status != ModuleStatus::Completed)
        .filter_map(|s| s.next_activity.as_ref().map(|n| (s, n)))
        .max_by_key(|(s, _)| (s.last_activity_at, s.enrolled))
        .map(|(s, n)| ContinueAt {
            module_slug: s.slug.clone(),
            module_title: s.title.clone(),
            activity: n.clone(),
        });

    let mut programmes = Vec::new();
    if !programme_ids.is_empty() {
        let list = id_list(&programme_ids);
        let rows: Vec<(i64, String, String, i64, String, String)> = sqlx::query_as(&format!(
            "SELECT p.id, p.slug, p.title, o.id, o.name, o.kind FROM programmes p
             JOIN organisations o ON o.id = p.provider_id
             WHERE p.published = 1 AND p.id IN ({list}) ORDER BY p.title"
        ))
        .fetch_all(db)
        .await?;
        for (pid, slug, title, org_id, org_name, org_kind) in rows {
            let modules: Vec<ProgrammeModuleProgress> = programme_links
                .iter()
                .filter(|l| l.0 == pid)
                .filter_map(|&(_, module_id, required, _)| {
                    let (slug, title, progress) = by_id.get(&module_id)?.clone();
                    Some(ProgrammeModuleProgress {
                        slug,
                        title,
                        required,
                        progress,
                        status: progress.status(),
                    })
                })
                .collect();
            let states: Vec<ProgrammeModuleState> = modules
                .iter()
                .map(|m| ProgrammeModuleState {
                    required: m.required,
                    status: m.status,
                })
                .collect();
            let progress = ProgrammeProgress::from_modules(&states);
            programmes.push(ProgrammeProgressSummary {
                slug,
                title,
                provider: rows::org_ref(org_id, org_name, &org_kind)?,
                enrolled: enrolled_programmes.contains(&pid),
                completed: progress.is_completed(),
                progress,
                modules,
            });
        }
    }

    Ok(MyProgress {
        modules: summaries,
        programmes,
        continue_at,
    })
}

/// A comma-separated list of ids for `IN (...)`. Ids are integers we read from the
/// database, never user text.
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
}

/// Looks up a published module's id by slug.
pub async fn module_id(db: &Db, slug: &str) -> ApiResult<i64> {
    sqlx::query_scalar("SELECT id FROM modules WHERE slug = ? AND published = 1")
        .bind(slug)
        .fetch_optional(db)
        .await?
        .ok_or(ApiError::NotFound("module"))
}

/// Looks up a published programme's id by slug.
pub async fn programme_id(db: &Db, slug: &str) -> ApiResult<i64> {
    sqlx::query_scalar("SELECT id FROM programmes WHERE slug = ? AND published = 1")
        .bind(slug)
        .fetch_optional(db)
        .await?
        .ok_or(ApiError::NotFound("programme"))
}
