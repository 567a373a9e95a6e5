//! The learner journey on the server: enrolment, learning events (idempotent, forward-only),
//! and progress. The rules of progress themselves live in `kursbro_shared::progress`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use kursbro_shared::api::{ActivityKind, ModuleKind, ModuleRef};
use kursbro_shared::learning::{
    validate_event, ActivityRef, AnswerKey, CohortReaders, Completion, ContinueAt, EventReceipt,
    LearningAction, LearningEvent, ModuleLearnerState, ModuleProgressSummary, MyProgress,
    ProgrammeModuleProgress, ProgrammeProgressSummary, QuestionExplanation, QuizBest, QuizResult,
    ReflectionText,
};
use kursbro_shared::progress::{
    ModuleProgress, ModuleStatus, ProgrammeModuleState, ProgrammeProgress,
};
use kursbro_shared::training;
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};
use crate::rows;
use crate::store::lite::{AsLiteEx, LiteTx};
use crate::store::writer::{WriteJob, Writer};
use crate::store::{self, Db};

/// Whether `user_id` may take `module_id`: enrolled in the module, in a programme that has
/// it, or a learner in a cohort whose programme has it.
pub async fn is_enrolled(c: &mut impl AsLiteEx, user_id: i64, module_id: i64) -> ApiResult<bool> {
    Ok(store::learning::is_enrolled(c, user_id, module_id).await?)
}

/// The module the author requires before `module_id`, if the learner has not completed it
/// yet (completed means every activity done, the shared rule). `None`: nothing is locked.
pub async fn unmet_prerequisite(
    c: &mut impl AsLiteEx,
    user_id: i64,
    module_id: i64,
) -> ApiResult<Option<ModuleRef>> {
    let row = store::learning::prerequisite_progress(c, user_id, module_id).await?;
    Ok(row.and_then(|(slug, title, done, total)| {
        let progress = ModuleProgress::new(
            u32::try_from(done).unwrap_or(0),
            u32::try_from(total).unwrap_or(0),
        );
        (progress.status() != ModuleStatus::Completed).then_some(ModuleRef { slug, title })
    }))
}

/// The hash a repeat of an event is recognised by: of its time and action in a canonical
/// form (quiz answers sorted by question, options sorted), so that the same answers sent
/// in another order, or serialised with other key order, are the same event.
fn hash_event(event: &LearningEvent) -> ApiResult<String> {
    let mut action = event.action.clone();
    if let LearningAction::QuizSubmitted { answers, .. } = &mut action {
        for a in answers.iter_mut() {
            a.option_ids.sort_unstable();
        }
        answers.sort_by_key(|a| a.question_id);
    }
    let canonical = serde_json::to_string(&(&event.occurred_at, &action)).map_err(internal)?;
    Ok(format!("{:x}", Sha256::digest(canonical.as_bytes())))
}

fn internal(e: serde_json::Error) -> ApiError {
    ApiError::Internal(e.into())
}

/// Where learning events are written: on SQLite, the event writer (group commit on a
/// connection of its own, see `store::writer`); on PostgreSQL, a transaction for each event
/// on the pool, where concurrent transactions do not wait for one lock.
pub type EventWriter = Writer<Ingest>;

/// Stores one learning event exactly once and applies it, moving progress forward only.
/// The receipt is given only once the event is committed.
pub async fn ingest(
    db: &Db,
    writer: Option<&EventWriter>,
    user_id: i64,
    event: &LearningEvent,
) -> ApiResult<EventReceipt> {
    validate_event(event)?;
    let now = Utc::now();
    let job = Ingest {
        user_id,
        hash: hash_event(event)?,
        event: event.clone(),
        now,
    };
    if let Some(writer) = writer {
        return writer.submit(job).await;
    }
    let mut tx = db.write().await?;
    let receipt = job.apply(&mut tx).await?;
    tx.commit().await?;
    Ok(receipt)
}

/// One learning event to store (see [`ingest`]).
pub struct Ingest {
    user_id: i64,
    event: LearningEvent,
    hash: String,
    /// When the server received it.
    now: DateTime<Utc>,
}

impl WriteJob for Ingest {
    type Ok = EventReceipt;
    type Err = ApiError;
    async fn run(&self, tx: &mut LiteTx<'_>) -> ApiResult<EventReceipt> {
        self.apply(tx).await
    }
}

impl Ingest {
    /// Stores and applies the event in `tx`; an error leaves nothing of it to commit (the
    /// caller rolls back).
    async fn apply(&self, tx: &mut impl AsLiteEx) -> ApiResult<EventReceipt> {
        let (user_id, event, hash, now) = (self.user_id, &self.event, &self.hash, self.now);
        // A device clock ahead of ours does not get to write the future.
        let at = event.occurred_at.min(now);
        let claimed = store::learning::claim_event(tx, &event.id, user_id, hash, at, now).await?;
        if !claimed {
            let (stored_hash, receipt) = store::learning::event(tx, user_id, &event.id).await?;
            if stored_hash != *hash {
                return Err(ApiError::EventIdReused(event.id.clone()));
            }
            let mut receipt: EventReceipt = serde_json::from_str(&receipt).map_err(internal)?;
            receipt.duplicate = true;
            return Ok(receipt);
        }

        let activity_id = event.action.activity_id();
        let target = store::catalogue::activity_target(tx, activity_id, user_id)
            .await?
            // A module not shared with the person's organisation does not exist for them.
            .filter(|t| t.shared)
            .ok_or(ApiError::NotFound("activity"))?;
        // A device clock behind the times (reset to 0001, a dead battery) does not get to
        // rewrite history: a date before the person or the module existed becomes the server's
        // receipt time, and the receipt says so. (The log keeps what the device said.)
        let earliest = target.module_created_at.max(target.user_created_at);
        let clock_adjusted = at < earliest;
        // Work dated before the person started the module again to renew it (a device clock a
        // little behind ours, mostly) is work of the new round: dated now, so the renewal can
        // never end before it began.
        let before_round = target.round_started_at.is_some_and(|start| at < start);
        let at = if clock_adjusted || before_round {
            now
        } else {
            at
        };
        if !target.published {
            return Err(ApiError::Withdrawn);
        }
        if !is_enrolled(tx, user_id, target.module_id).await? {
            return Err(ApiError::NotEnrolled);
        }
        if let Some(first) = unmet_prerequisite(tx, user_id, target.module_id).await? {
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
                store::learning::complete(tx, user_id, activity_id, at).await?;
            }
            LearningAction::QuizSubmitted { answers, .. } => {
                let key = answer_key(tx, activity_id).await?;
                let pass_mark = u8::try_from(target.pass_mark_percent.clamp(0, 100)).unwrap_or(100);
                let (correct, total, score, passed) =
                    kursbro_shared::learning::grade(&key, answers, pass_mark)
                        .map_err(|e| ApiError::InvalidAnswers(e.message()))?;
                let answers_json = serde_json::to_string(answers).map_err(internal)?;
                let best = store::learning::add_quiz_attempt(
                    tx,
                    user_id,
                    activity_id,
                    i64::from(score),
                    passed,
                    &answers_json,
                    at,
                )
                .await?;
                if passed {
                    store::learning::complete(tx, user_id, activity_id, at).await?;
                }
                quiz = Some(QuizResult {
                    score_percent: score,
                    passed,
                    correct_questions: correct,
                    total_questions: total,
                    best_percent: u8::try_from(best).unwrap_or(score),
                    explanations: store::catalogue::explanations(tx, activity_id)
                        .await?
                        .into_iter()
                        .map(|(question_id, text)| QuestionExplanation { question_id, text })
                        .collect(),
                });
            }
            LearningAction::ReflectionSubmitted { text, .. } => {
                store::learning::save_reflection(tx, user_id, activity_id, text, at).await?;
                store::learning::complete(tx, user_id, activity_id, at).await?;
            }
        }

        let receipt = EventReceipt {
            id: event.id.clone(),
            duplicate: false,
            quiz,
            clock_adjusted,
        };
        let receipt_json = serde_json::to_string(&receipt).map_err(internal)?;
        store::learning::set_receipt(tx, user_id, &event.id, &receipt_json).await?;
        Ok(receipt)
    }
}

/// The answer key of a quiz, question by question.
async fn answer_key(tx: &mut impl AsLiteEx, activity_id: i64) -> ApiResult<Vec<AnswerKey>> {
    let rows = store::catalogue::answer_key(tx, activity_id).await?;
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
    let mut c = db.conn().await?;
    let enrolled = is_enrolled(&mut c, user_id, module_id).await?;
    let enrolled_directly = store::learning::enrolled_directly(&mut c, user_id, module_id).await?;
    let total = store::catalogue::activity_count(&mut c, module_id).await?;
    let store::learning::ModuleWork {
        completions,
        quizzes,
        reflections,
    } = store::learning::module_work(&mut c, user_id, module_id).await?;
    let locked_by = unmet_prerequisite(&mut c, user_id, module_id).await?;
    let feedback_given = store::feedback::given(&mut c, user_id, module_id).await?;
    let mut readers: Vec<CohortReaders> = Vec::new();
    for (cohort, facilitator) in store::cohorts::readers_of(&mut c, user_id, module_id).await? {
        match readers.last_mut().filter(|r| r.cohort == cohort) {
            Some(r) => r.facilitators.push(facilitator),
            None => readers.push(CohortReaders {
                cohort,
                facilitators: vec![facilitator],
            }),
        }
    }
    Ok(ModuleLearnerState {
        feedback_given,
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
        readers,
    })
}

/// Computed per-module figures for one learner.
struct ModuleFigures {
    progress: ModuleProgress,
    started_at: Option<DateTime<Utc>>,
    last_at: Option<DateTime<Utc>>,
    next: Option<ActivityRef>,
}

/// Everything the learner is enrolled in or has started, with the programme rules applied.
pub async fn my_progress(db: &Db, user_id: i64, organisation_id: i64) -> ApiResult<MyProgress> {
    let viewer = Some(organisation_id);
    let enrolled: HashSet<i64> = store::learning::enrolled_module_ids(db, user_id)
        .await?
        .into_iter()
        .collect();
    let touched = store::learning::touched_module_ids(db, user_id).await?;
    let enrolled_programmes: HashSet<i64> = store::learning::enrolled_programme_ids(db, user_id)
        .await?
        .into_iter()
        .collect();
    // Programmes on the page: enrolled in, or started a module of.
    let programme_ids: Vec<i64> = store::learning::started_programme_ids(db, user_id)
        .await?
        .into_iter()
        .chain(enrolled_programmes.iter().copied())
        .collect::<HashSet<i64>>()
        .into_iter()
        .collect();

    // Every module that appears anywhere on the page: enrolled, started, or in a programme.
    let mut module_ids: HashSet<i64> = enrolled
        .iter()
        .copied()
        .chain(touched.iter().copied())
        .collect();
    let programme_links = store::catalogue::programme_modules(db, &programme_ids, viewer).await?;
    module_ids.extend(programme_links.iter().map(|l| l.module_id));
    if module_ids.is_empty() {
        return Ok(MyProgress {
            modules: Vec::new(),
            programmes: Vec::new(),
            continue_at: None,
        });
    }
    let module_ids: Vec<i64> = module_ids.into_iter().collect();
    let modules = store::catalogue::modules_by_id(db, &module_ids, viewer).await?;
    let activities = store::learning::activity_progress(db, user_id, &module_ids).await?;

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
    for p in store::catalogue::programmes_by_id(db, &programme_ids, viewer).await? {
        let modules: Vec<ProgrammeModuleProgress> = programme_links
            .iter()
            .filter(|l| l.programme_id == p.id)
            .filter_map(|l| {
                let (slug, title, progress) = by_id.get(&l.module_id)?.clone();
                Some(ProgrammeModuleProgress {
                    slug,
                    title,
                    required: l.required,
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
            slug: p.slug,
            title: p.title,
            provider: rows::org_ref(p.provider_id, p.provider_name, &p.provider_kind)?,
            enrolled: enrolled_programmes.contains(&p.id),
            completed: progress.is_completed(),
            progress,
            modules,
        });
    }

    Ok(MyProgress {
        modules: summaries,
        programmes,
        continue_at,
    })
}

/// Looks up a published module's id by slug; "no such module" when the viewer's
/// organisation does not see it.
pub async fn module_id(db: &Db, slug: &str, viewer: Option<i64>) -> ApiResult<i64> {
    store::catalogue::module_id(db, slug, viewer)
        .await?
        .ok_or(ApiError::NotFound("module"))
}

/// Looks up a published programme's id by slug; "no such programme" when the viewer's
/// organisation does not see it.
pub async fn programme_id(db: &Db, slug: &str, viewer: Option<i64>) -> ApiResult<i64> {
    store::catalogue::programme_id(db, slug, viewer)
        .await?
        .ok_or(ApiError::NotFound("programme"))
}
