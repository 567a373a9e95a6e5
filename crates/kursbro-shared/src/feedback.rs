//! Learners' feedback on a module they completed: three fixed questions rated 1–5 and a
//! free text, given once. Anonymous: those who made the module see only a summary of whole
//! batches of [`FEEDBACK_MIN_ANSWERS`] answers, oldest first — fewer could be recognised,
//! and so could one answer told apart by comparing the summary before and after it.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::ModuleRef;
use crate::validation::{check_text, FieldError, Problem};

/// Answers needed before a summary shows anything but their number.
pub const FEEDBACK_MIN_ANSWERS: u32 = 5;
/// Longest free text, in characters.
pub const FEEDBACK_COMMENT_MAX_CHARS: usize = 2000;

/// The questions, each rated from 1 (poor) to 5 (very good).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FeedbackQuestion {
    /// How useful the module is for the learner's work.
    Relevance,
    /// Whether the workload matched what the module said (5: just right).
    Workload,
    /// The quality of the content.
    Quality,
}

impl FeedbackQuestion {
    pub const ALL: [FeedbackQuestion; 3] = [
        FeedbackQuestion::Relevance,
        FeedbackQuestion::Workload,
        FeedbackQuestion::Quality,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FeedbackQuestion::Relevance => "relevance",
            FeedbackQuestion::Workload => "workload",
            FeedbackQuestion::Quality => "quality",
        }
    }
}

/// Body of `POST /api/v1/modules/{slug}/feedback`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewFeedback {
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub relevance: u8,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub workload: u8,
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub quality: u8,
    /// Free text; may be empty (or only spaces), otherwise visible text without control
    /// characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 2000,
            pattern = r"^(?:\s*|[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*)?$"
        )
    )]
    pub comment: String,
}

impl NewFeedback {
    pub fn rating(&self, q: FeedbackQuestion) -> u8 {
        match q {
            FeedbackQuestion::Relevance => self.relevance,
            FeedbackQuestion::Workload => self.workload,
            FeedbackQuestion::Quality => self.quality,
        }
    }
}

/// Checks an answer: each rating 1–5, the text ordinary (or empty).
pub fn validate_feedback(f: &NewFeedback) -> Result<(), FieldError> {
    for q in FeedbackQuestion::ALL {
        if !(1..=5).contains(&f.rating(q)) {
            return Err(FieldError {
                field: q.as_str(),
                problem: Problem::OutOfRange { min: 1, max: 5 },
            });
        }
    }
    if !f.comment.trim().is_empty() {
        check_text("comment", &f.comment, FEEDBACK_COMMENT_MAX_CHARS)?;
    }
    Ok(())
}

/// The average of one question.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct QuestionAverage {
    pub question: FeedbackQuestion,
    /// 1.0–5.0, one decimal.
    pub average: f32,
}

/// What those who made a module learn from its feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FeedbackSummary {
    pub module: ModuleRef,
    /// How many learners answered.
    pub answers: u32,
    /// How many of them the averages and texts summarise: whole batches of `min_answers`,
    /// oldest first (0 below `min_answers`). (Absent in older answers: 0.)
    #[serde(default)]
    pub summarised: u32,
    /// Answers needed before anything else is shown.
    pub min_answers: u32,
    /// Per question; empty below `min_answers`.
    pub averages: Vec<QuestionAverage>,
    /// The free texts, in alphabetical order (not by time, which could tell who wrote
    /// what); empty below `min_answers`.
    pub comments: Vec<String>,
    /// The same, for each cohort with learners who answered (by the same rule: nothing but
    /// the number below `min_answers`). Empty within a cohort's own summary.
    #[serde(default)]
    pub cohorts: Vec<CohortFeedback>,
}

/// One cohort's part of a module's feedback: its learners who answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortFeedback {
    pub cohort: String,
    /// The organisation that runs the cohort.
    pub organisation: String,
    #[cfg_attr(feature = "openapi", schema(no_recursion))]
    pub summary: FeedbackSummary,
}

/// `GET /api/v1/feedback`: the asker's organisation's modules, each summarised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FeedbackOverview {
    pub modules: Vec<FeedbackSummary>,
}

/// The one rule for a summary of `answers` (oldest first): how many there are, and each
/// question's average and the non-empty texts (in alphabetical order) of whole batches of
/// [`FEEDBACK_MIN_ANSWERS`] only — nothing below five, and the newest answers wait until
/// their batch is full, so no single answer shows as a change.
pub fn summarise(module: ModuleRef, answers: &[NewFeedback]) -> FeedbackSummary {
    let n = u32::try_from(answers.len()).unwrap_or(u32::MAX);
    let batch = FEEDBACK_MIN_ANSWERS as usize;
    let answers = &answers[..answers.len() / batch * batch];
    let counted = answers.len() as u32;
    let shown = counted >= FEEDBACK_MIN_ANSWERS;
    let averages = if shown {
        FeedbackQuestion::ALL
            .into_iter()
            .map(|q| {
                let sum: u32 = answers.iter().map(|a| u32::from(a.rating(q))).sum();
                let average = (sum as f32 / counted as f32 * 10.0).round() / 10.0;
                QuestionAverage {
                    question: q,
                    average,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut comments: Vec<String> = if shown {
        answers
            .iter()
            .map(|a| a.comment.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    comments.sort();
    FeedbackSummary {
        module,
        answers: n,
        summarised: counted,
        min_answers: FEEDBACK_MIN_ANSWERS,
        averages,
        comments,
        cohorts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(r: u8, w: u8, q: u8, comment: &str) -> NewFeedback {
        NewFeedback {
            relevance: r,
            workload: w,
            quality: q,
            comment: comment.into(),
        }
    }

    fn module() -> ModuleRef {
        ModuleRef {
            slug: "smittevern".into(),
            title: "Smittevern".into(),
        }
    }

    #[test]
    fn ratings_are_one_to_five_and_the_text_is_ordinary() {
        assert_eq!(validate_feedback(&answer(1, 5, 3, "")), Ok(()));
        assert_eq!(
            validate_feedback(&answer(0, 5, 3, "")).unwrap_err().field,
            "relevance"
        );
        assert_eq!(
            validate_feedback(&answer(1, 6, 3, "")).unwrap_err().field,
            "workload"
        );
        assert_eq!(
            validate_feedback(&answer(1, 5, 9, "")).unwrap_err().field,
            "quality"
        );
        assert_eq!(
            validate_feedback(&answer(
                1,
                5,
                3,
                &"x".repeat(FEEDBACK_COMMENT_MAX_CHARS + 1)
            ))
            .unwrap_err()
            .field,
            "comment"
        );
    }

    #[test]
    fn below_five_answers_only_their_number_is_shown() {
        let four: Vec<NewFeedback> = (0..4).map(|_| answer(5, 4, 3, "Bra")).collect();
        let s = summarise(module(), &four);
        assert_eq!((s.answers, s.min_answers), (4, 5));
        assert!(s.averages.is_empty() && s.comments.is_empty());

        let mut five = four.clone();
        five.push(answer(2, 1, 4, "Altfor lang"));
        five[0].comment = "  ".into();
        let s = summarise(module(), &five);
        assert_eq!((s.answers, s.summarised), (5, 5));
        assert_eq!(
            s.averages,
            vec![
                QuestionAverage {
                    question: FeedbackQuestion::Relevance,
                    average: 4.4
                },
                QuestionAverage {
                    question: FeedbackQuestion::Workload,
                    average: 3.4
                },
                QuestionAverage {
                    question: FeedbackQuestion::Quality,
                    average: 3.2
                },
            ]
        );
        // Alphabetical (the newest, last, comes first), the empty one left out.
        assert_eq!(s.comments, ["Altfor lang", "Bra", "Bra", "Bra"]);

        // A sixth to ninth answer changes nothing shown but the count; the tenth does.
        let mut more = five.clone();
        for _ in 0..4 {
            more.push(answer(1, 1, 1, "Dårlig"));
        }
        let nine = summarise(module(), &more);
        assert_eq!((nine.answers, nine.summarised), (9, 5));
        assert_eq!(
            (nine.averages.clone(), nine.comments.clone()),
            (s.averages.clone(), s.comments.clone())
        );
        more.push(answer(1, 1, 1, ""));
        let ten = summarise(module(), &more);
        assert_eq!(ten.summarised, 10);
        assert_eq!(ten.averages[0].average, 2.7);
        assert_eq!(ten.comments.len(), 8);
    }
}
