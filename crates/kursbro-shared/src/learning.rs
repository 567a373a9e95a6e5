//! The learner journey: what an activity contains, the events a learner's device sends
//! (online or later, from its offline outbox), how quizzes are graded, and the progress
//! views.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::{ModuleKind, OrganisationRef};
use crate::progress::{ModuleProgress, ModuleStatus, ProgrammeProgress};
use crate::validation::{FieldError, Problem};

/// Longest reflection a learner can submit, in characters.
pub const REFLECTION_MAX_CHARS: usize = 10_000;
/// Most questions one quiz submission may answer.
pub const QUIZ_MAX_ANSWERS: usize = 200;
/// Event ids are client-generated: 8 to 64 of `[A-Za-z0-9-]` (a UUID fits).
pub const EVENT_ID_MAX_CHARS: usize = 64;

/// What an activity holds. Quiz questions come without their answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ActivityContent {
    /// Sanitised HTML rendered from the author's Markdown; optionally a video link.
    Lesson {
        html: String,
        video_url: Option<String>,
    },
    Quiz {
        pass_mark_percent: u8,
        questions: Vec<QuizQuestion>,
    },
    /// The question to reflect on, as sanitised HTML.
    Reflection { prompt_html: String },
    /// E-learning elsewhere, opened in a new tab.
    External { url: String },
    /// A mandatory gathering (`/api/v1/gatherings?module=…` lists its sessions): attending
    /// one of them completes it.
    Gathering { gathering_id: i64 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuizQuestion {
    pub id: i64,
    pub prompt: String,
    /// `true`: choose every option that applies; `false`: choose one.
    pub multiple: bool,
    pub options: Vec<QuizOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuizOption {
    pub id: i64,
    pub text: String,
}

/// The options a learner chose for one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuizAnswer {
    pub question_id: i64,
    pub option_ids: Vec<i64>,
}

/// What the learner did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LearningAction {
    LessonCompleted {
        activity_id: i64,
    },
    ExternalCompleted {
        activity_id: i64,
    },
    QuizSubmitted {
        activity_id: i64,
        answers: Vec<QuizAnswer>,
    },
    ReflectionSubmitted {
        activity_id: i64,
        /// At most `REFLECTION_MAX_CHARS`; not blank.
        #[cfg_attr(
            feature = "openapi",
            schema(
                min_length = 1,
                max_length = 10000,
                pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
            )
        )]
        text: String,
    },
}

impl LearningAction {
    pub fn activity_id(&self) -> i64 {
        match self {
            LearningAction::LessonCompleted { activity_id }
            | LearningAction::ExternalCompleted { activity_id }
            | LearningAction::QuizSubmitted { activity_id, .. }
            | LearningAction::ReflectionSubmitted { activity_id, .. } => *activity_id,
        }
    }
}

/// `POST /api/v1/events`: one thing a learner did, with an id made on their device so that
/// sending it again (after a lost answer, from the offline outbox) stores it only once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LearningEvent {
    /// Made on the device: 8–64 letters, digits and hyphens (a UUID fits).
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9-]{8,64}$"))]
    pub id: String,
    /// When it happened on the device (may be long before it reaches the server).
    pub occurred_at: DateTime<Utc>,
    pub action: LearningAction,
}

/// The server's answer to an accepted event. The same receipt is returned for a repeat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct EventReceipt {
    pub id: String,
    /// `true` when the event had been received before; nothing was stored again.
    pub duplicate: bool,
    pub quiz: Option<QuizResult>,
    /// The device's clock dated the event before it could have happened (before the
    /// person's account or the module existed): the server's receipt time was used, and
    /// the app tells the learner to check the device's date and time.
    #[serde(default)]
    pub clock_adjusted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuizResult {
    pub score_percent: u8,
    pub passed: bool,
    pub correct_questions: u32,
    pub total_questions: u32,
    /// Best score over all attempts, this one included.
    pub best_percent: u8,
    /// What the author explains about the questions, for the learner who has answered
    /// (questions without an explanation are left out).
    #[serde(default)]
    pub explanations: Vec<QuestionExplanation>,
}

/// The author's explanation of one quiz question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuestionExplanation {
    pub question_id: i64,
    pub text: String,
}

/// Checks the parts of an event that need no database.
pub fn validate_event(event: &LearningEvent) -> Result<(), FieldError> {
    let id_ok = (8..=EVENT_ID_MAX_CHARS).contains(&event.id.len())
        && event
            .id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !id_ok {
        return Err(FieldError {
            field: "id",
            problem: Problem::Malformed,
        });
    }
    match &event.action {
        LearningAction::ReflectionSubmitted { text, .. } => {
            crate::validation::check_text("text", text, REFLECTION_MAX_CHARS)?;
        }
        LearningAction::QuizSubmitted { answers, .. } => {
            if answers.len() > QUIZ_MAX_ANSWERS {
                return Err(FieldError {
                    field: "answers",
                    problem: Problem::TooLong {
                        max: QUIZ_MAX_ANSWERS,
                    },
                });
            }
        }
        LearningAction::LessonCompleted { .. } | LearningAction::ExternalCompleted { .. } => {}
    }
    Ok(())
}

/// A question with its key, as only the server knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerKey {
    pub question_id: i64,
    pub multiple: bool,
    pub options: Vec<i64>,
    pub correct: Vec<i64>,
}

/// Why a submission cannot be graded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GradingError {
    UnknownQuestion(i64),
    DuplicateQuestion(i64),
    UnknownOption { question_id: i64, option_id: i64 },
    SeveralForSingleChoice(i64),
}

impl GradingError {
    pub fn message(&self) -> String {
        match self {
            GradingError::UnknownQuestion(q) => format!("question {q} is not part of this quiz"),
            GradingError::DuplicateQuestion(q) => format!("question {q} is answered twice"),
            GradingError::UnknownOption {
                question_id,
                option_id,
            } => format!("option {option_id} does not belong to question {question_id}"),
            GradingError::SeveralForSingleChoice(q) => {
                format!("question {q} takes one answer, but several were given")
            }
        }
    }
}

/// Grades a submission: a question is right when exactly its correct options are chosen;
/// an unanswered question is wrong. The score is the whole percent of right questions,
/// rounded down, and passing means reaching `pass_mark_percent`.
pub fn grade(
    key: &[AnswerKey],
    answers: &[QuizAnswer],
    pass_mark_percent: u8,
) -> Result<(u32, u32, u8, bool), GradingError> {
    let mut seen = Vec::with_capacity(answers.len());
    for a in answers {
        let q = key
            .iter()
            .find(|q| q.question_id == a.question_id)
            .ok_or(GradingError::UnknownQuestion(a.question_id))?;
        if seen.contains(&a.question_id) {
            return Err(GradingError::DuplicateQuestion(a.question_id));
        }
        seen.push(a.question_id);
        if let Some(&bad) = a.option_ids.iter().find(|o| !q.options.contains(o)) {
            return Err(GradingError::UnknownOption {
                question_id: q.question_id,
                option_id: bad,
            });
        }
        if !q.multiple && a.option_ids.len() > 1 {
            return Err(GradingError::SeveralForSingleChoice(q.question_id));
        }
    }
    let total = key.len() as u32;
    let correct = key
        .iter()
        .filter(|q| {
            answers
                .iter()
                .find(|a| a.question_id == q.question_id)
                .is_some_and(|a| {
                    let mut chosen = a.option_ids.clone();
                    chosen.sort_unstable();
                    chosen.dedup();
                    let mut right = q.correct.clone();
                    right.sort_unstable();
                    chosen == right
                })
        })
        .count() as u32;
    let score = if total == 0 {
        100
    } else {
        (u64::from(correct) * 100 / u64::from(total)) as u8
    };
    Ok((correct, total, score, score >= pass_mark_percent))
}

/// One completed activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Completion {
    pub activity_id: i64,
    pub completed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuizBest {
    pub activity_id: i64,
    pub best_percent: u8,
    pub passed: bool,
    pub attempts: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReflectionText {
    pub activity_id: i64,
    pub text: String,
    pub submitted_at: DateTime<Utc>,
}

/// `GET /api/v1/modules/{slug}/progress`: the signed-in learner's state in one module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleLearnerState {
    /// Enrolled in the module itself, or through a programme or cohort that has it.
    pub enrolled: bool,
    /// Enrolled in the module itself (the learner can leave it).
    pub enrolled_directly: bool,
    pub progress: ModuleProgress,
    /// Set while the author's prerequisite module is not completed: nothing can be
    /// recorded in this module until it is.
    pub locked_by: Option<crate::api::ModuleRef>,
    pub completions: Vec<Completion>,
    pub quizzes: Vec<QuizBest>,
    pub reflections: Vec<ReflectionText>,
    /// Who besides the learner may read their reflections and quiz results in this module:
    /// the facilitators of each cohort the learner belongs to whose programme has it (for
    /// work done after joining the cohort). Administrators may too.
    #[serde(default)]
    pub readers: Vec<CohortReaders>,
    /// The learner has given feedback on the module (after completing it).
    #[serde(default)]
    pub feedback_given: bool,
}

/// The facilitators of one cohort, as readers of a learner's work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortReaders {
    pub cohort: String,
    pub facilitators: Vec<String>,
}

/// The next activity to take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ActivityRef {
    pub id: i64,
    pub title: String,
}

/// A module on "Min fremdrift" and in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleProgressSummary {
    pub slug: String,
    pub title: String,
    pub kind: ModuleKind,
    pub enrolled: bool,
    pub progress: ModuleProgress,
    pub status: ModuleStatus,
    pub started_at: Option<DateTime<Utc>>,
    /// When the last activity was completed, if all are.
    pub completed_at: Option<DateTime<Utc>>,
    pub last_activity_at: Option<DateTime<Utc>>,
    pub next_activity: Option<ActivityRef>,
    /// For courses that expire: the first day the completion is no longer valid.
    pub valid_until: Option<NaiveDate>,
}

/// A programme module on the programme page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeModuleProgress {
    pub slug: String,
    pub title: String,
    pub required: bool,
    pub progress: ModuleProgress,
    pub status: ModuleStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeProgressSummary {
    pub slug: String,
    pub title: String,
    pub provider: OrganisationRef,
    pub enrolled: bool,
    pub progress: ProgrammeProgress,
    pub completed: bool,
    pub modules: Vec<ProgrammeModuleProgress>,
}

/// Where to continue: the next activity of the module touched most recently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ContinueAt {
    pub module_slug: String,
    pub module_title: String,
    pub activity: ActivityRef,
}

/// `GET /api/v1/progress`: everything the signed-in learner has enrolled in or started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MyProgress {
    pub modules: Vec<ModuleProgressSummary>,
    pub programmes: Vec<ProgrammeProgressSummary>,
    pub continue_at: Option<ContinueAt>,
}

/// `POST /api/v1/enrolments`: exactly one of the two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolRequest {
    /// A programme's slug.
    Programme(String),
    /// A module's slug.
    Module(String),
}

/// Written by hand: the derived schema cannot say that the slug has the slug's form
/// (`validation::validate_slug`), nor that no other field is allowed.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for EnrolRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, OneOfBuilder, Type};
        let one = |field: &str| {
            ObjectBuilder::new()
                .property(
                    field,
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .description(Some("A slug: lower-case letters, digits and hyphens"))
                        .pattern(Some(crate::validation::SLUG_PATTERN)),
                )
                .required(field)
                .additional_properties(Some(AdditionalProperties::FreeForm(false)))
        };
        OneOfBuilder::new()
            .description(Some("`POST /api/v1/enrolments`: exactly one of the two."))
            .item(one("programme"))
            .item(one("module"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for EnrolRequest {}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Vec<AnswerKey> {
        vec![
            AnswerKey {
                question_id: 1,
                multiple: false,
                options: vec![10, 11, 12],
                correct: vec![11],
            },
            AnswerKey {
                question_id: 2,
                multiple: true,
                options: vec![20, 21, 22],
                correct: vec![20, 22],
            },
            AnswerKey {
                question_id: 3,
                multiple: false,
                options: vec![30, 31],
                correct: vec![30],
            },
        ]
    }

    fn ans(q: i64, o: &[i64]) -> QuizAnswer {
        QuizAnswer {
            question_id: q,
            option_ids: o.to_vec(),
        }
    }

    #[test]
    fn all_right_passes_with_100() {
        let r = grade(
            &key(),
            &[ans(1, &[11]), ans(2, &[22, 20]), ans(3, &[30])],
            80,
        );
        assert_eq!(r, Ok((3, 3, 100, true)));
    }

    #[test]
    fn multiple_choice_needs_exactly_the_right_set() {
        let partial = grade(&key(), &[ans(1, &[11]), ans(2, &[20]), ans(3, &[30])], 80);
        assert_eq!(partial, Ok((2, 3, 66, false)));
        let too_many = grade(&key(), &[ans(2, &[20, 21, 22])], 0);
        assert_eq!(too_many, Ok((0, 3, 0, true)));
    }

    #[test]
    fn unanswered_questions_count_as_wrong_and_pass_mark_is_inclusive() {
        assert_eq!(grade(&key(), &[], 1), Ok((0, 3, 0, false)));
        assert_eq!(
            grade(&key(), &[ans(1, &[11]), ans(2, &[20, 22])], 66),
            Ok((2, 3, 66, true))
        );
    }

    #[test]
    fn malformed_submissions_are_refused_not_graded() {
        assert_eq!(
            grade(&key(), &[ans(9, &[1])], 80),
            Err(GradingError::UnknownQuestion(9))
        );
        assert_eq!(
            grade(&key(), &[ans(1, &[11]), ans(1, &[10])], 80),
            Err(GradingError::DuplicateQuestion(1))
        );
        assert_eq!(
            grade(&key(), &[ans(1, &[20])], 80),
            Err(GradingError::UnknownOption {
                question_id: 1,
                option_id: 20
            })
        );
        assert_eq!(
            grade(&key(), &[ans(1, &[10, 11])], 80),
            Err(GradingError::SeveralForSingleChoice(1))
        );
    }

    fn event(id: &str, action: LearningAction) -> LearningEvent {
        LearningEvent {
            id: id.into(),
            occurred_at: DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap(),
            action,
        }
    }

    #[test]
    fn event_ids_and_texts_are_checked() {
        let lesson = LearningAction::LessonCompleted { activity_id: 1 };
        assert!(validate_event(&event(
            "3f0a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
            lesson.clone()
        ))
        .is_ok());
        for bad in ["short", "has space in it", "semi;colon-id", &"x".repeat(65)] {
            let e = validate_event(&event(bad, lesson.clone())).unwrap_err();
            assert_eq!(e.field, "id", "{bad}");
        }
        let empty = LearningAction::ReflectionSubmitted {
            activity_id: 1,
            text: "  \n ".into(),
        };
        assert_eq!(
            validate_event(&event("abcdefgh", empty))
                .unwrap_err()
                .problem,
            Problem::Required
        );
        let long = LearningAction::ReflectionSubmitted {
            activity_id: 1,
            text: "å".repeat(REFLECTION_MAX_CHARS + 1),
        };
        assert_eq!(
            validate_event(&event("abcdefgh", long))
                .unwrap_err()
                .problem,
            Problem::TooLong {
                max: REFLECTION_MAX_CHARS
            }
        );
    }

    #[test]
    fn actions_serialise_with_a_kind_tag() {
        let a = LearningAction::QuizSubmitted {
            activity_id: 7,
            answers: vec![ans(1, &[2])],
        };
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["kind"], "quiz_submitted");
        assert_eq!(json["activity_id"], 7);
        assert_eq!(a.activity_id(), 7);
    }
}
