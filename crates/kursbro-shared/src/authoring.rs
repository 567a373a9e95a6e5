//! Authoring: what a provider's author writes (a module draft), what may be saved and
//! published, and what publishing does to the progress of learners who already started.
//!
//! A module is edited as one draft document. Learners keep seeing the published module
//! until the draft is published, which replaces it. The publish rules, written once here
//! and applied by the server (its SQL follows [`after_publish`], and a test holds the two
//! together):
//!
//! * An activity kept from the published module keeps its completions, also when its text
//!   or its quiz changed: earlier passes stay passes.
//! * A removed activity stops counting: its completions go (the learner's reflection text
//!   is archived, not deleted).
//! * A learner whose only missing activities were removed has now completed the module.
//! * A learner who has completed the module keeps the completion when activities are added:
//!   a completion is a record of what was done; the new activity is there to do.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::{ModuleKind, ModuleRef};
use crate::validation::{check_text, validate_slug, FieldError, Problem};

pub const MODULE_TITLE_MAX_CHARS: usize = 150;
pub const MODULE_SUMMARY_MAX_CHARS: usize = 500;
pub const MODULE_DESCRIPTION_MAX_CHARS: usize = 20_000;
pub const THEME_MAX_CHARS: usize = 60;
pub const ACTIVITY_TITLE_MAX_CHARS: usize = 150;
pub const ACTIVITY_SUMMARY_MAX_CHARS: usize = 500;
/// Longest lesson text (Markdown), in characters.
pub const LESSON_MAX_CHARS: usize = 60_000;
pub const PROMPT_MAX_CHARS: usize = 2_000;
pub const OPTION_MAX_CHARS: usize = 500;
pub const URL_MAX_CHARS: usize = 2_000;
/// Most activities in a module.
pub const ACTIVITIES_MAX: usize = 40;
/// Most questions in a quiz.
pub const QUESTIONS_MAX: usize = 40;
/// Options of a question: at least two, at most this many.
pub const OPTIONS_MAX: usize = 10;
/// Most organisations a module may be shared with by name.
pub const SHARES_MAX: usize = 100;
pub const HOURS_MAX: u32 = 2_000;
pub const MINUTES_MAX: u32 = 600;
pub const CREDITS_MAX: f32 = 120.0;
pub const VALIDITY_MONTHS_MAX: u32 = 120;
/// The languages a module can be written in (BCP 47).
pub const LANGUAGES: [&str; 4] = ["nb", "nn", "se", "en"];
/// Largest image, in bytes.
pub const IMAGE_MAX_BYTES: usize = 2 * 1024 * 1024;
/// The image types an author may upload. SVG is refused: it can carry script.
pub const IMAGE_TYPES: [&str; 3] = ["image/png", "image/jpeg", "image/webp"];

/// Body of `POST /api/v1/authoring/modules`: a new module, unpublished, with an empty draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewModuleRequest {
    /// The module's address: lower-case letters, digits and hyphens.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = "^[a-z0-9-]{1,100}$")
    )]
    pub slug: String,
    pub title: String,
}

pub fn validate_new_module(r: &NewModuleRequest) -> Result<(), FieldError> {
    validate_slug(&r.slug)?;
    check_text("title", &r.title, MODULE_TITLE_MAX_CHARS)
}

/// A module as its author writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleDraft {
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub description: String,
    pub theme: String,
    /// One of `nb`, `nn`, `se`, `en`.
    pub language: String,
    pub kind: ModuleKind,
    pub estimated_hours: u32,
    /// ECTS credits, for programme modules.
    pub credits: Option<f32>,
    /// For courses that expire: months a completion stays valid.
    pub validity_months: Option<u32>,
    /// The slug of a module to complete first (usually none: any order).
    pub prerequisite: Option<String>,
    /// `None`: shared with everyone (the regional catalogue, visitors too); otherwise only
    /// with the provider and these organisations.
    pub shared_with: Option<Vec<i64>>,
    pub activities: Vec<DraftActivity>,
}

impl ModuleDraft {
    /// What a new module starts as.
    pub fn new(title: &str) -> Self {
        ModuleDraft {
            title: title.to_string(),
            summary: String::new(),
            description: String::new(),
            theme: String::new(),
            language: "nb".into(),
            kind: ModuleKind::StatutoryCourse,
            estimated_hours: 1,
            credits: None,
            validity_months: None,
            prerequisite: None,
            shared_with: None,
            activities: Vec::new(),
        }
    }
}

/// An activity in a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DraftActivity {
    /// The published activity this is; `None` for one added in the draft.
    pub id: Option<i64>,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: u32,
    pub content: DraftContent,
}

/// What an activity holds, as its author writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DraftContent {
    /// Markdown; images uploaded to the module are linked as `/api/v1/images/{id}`.
    Lesson {
        body: String,
        video_url: Option<String>,
    },
    Quiz {
        /// 0 to 100.
        pass_mark_percent: u8,
        questions: Vec<DraftQuestion>,
    },
    /// Markdown: the question to reflect on.
    Reflection { prompt: String },
    /// An e-learning course elsewhere (`https://…`).
    External { url: String },
}

impl DraftContent {
    pub fn kind(&self) -> crate::api::ActivityKind {
        use crate::api::ActivityKind;
        match self {
            DraftContent::Lesson { .. } => ActivityKind::Lesson,
            DraftContent::Quiz { .. } => ActivityKind::Quiz,
            DraftContent::Reflection { .. } => ActivityKind::Reflection,
            DraftContent::External { .. } => ActivityKind::External,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DraftQuestion {
    pub prompt: String,
    /// `true`: the learner chooses every option that applies; `false`: exactly one.
    pub multiple: bool,
    pub options: Vec<DraftOption>,
    /// Shown to the learner once they have answered: why the right answer is right (may be
    /// empty).
    #[serde(default)]
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DraftOption {
    pub text: String,
    pub correct: bool,
}

/// What is wrong with a draft: a field of the module, of an activity, of a question or of
/// an option, named as the API names it (`activities[1].content.questions[0].options`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftError {
    /// The activity (0-based), when the error is about one.
    pub activity: Option<usize>,
    /// The question of that activity's quiz (0-based).
    pub question: Option<usize>,
    /// The option of that question (0-based).
    pub option: Option<usize>,
    pub error: FieldError,
}

impl DraftError {
    fn module(e: FieldError) -> Self {
        DraftError {
            activity: None,
            question: None,
            option: None,
            error: e,
        }
    }

    /// The field as the API names it.
    pub fn path(&self) -> String {
        let mut p = String::new();
        if let Some(a) = self.activity {
            p.push_str(&format!("activities[{a}]."));
            if let Some(q) = self.question {
                p.push_str(&format!("content.questions[{q}]."));
                if let Some(o) = self.option {
                    p.push_str(&format!("options[{o}]."));
                }
            }
        }
        p.push_str(self.error.field);
        p
    }

    /// English text for the API's `message`.
    pub fn message(&self) -> String {
        let mut where_ = String::new();
        if let Some(a) = self.activity {
            where_.push_str(&format!("Activity {}", a + 1));
            if let Some(q) = self.question {
                where_.push_str(&format!(", question {}", q + 1));
                if let Some(o) = self.option {
                    where_.push_str(&format!(", option {}", o + 1));
                }
            }
            where_.push_str(": ");
        }
        format!("{where_}{}", self.error.message())
    }
}

fn fe(field: &'static str, problem: Problem) -> FieldError {
    FieldError { field, problem }
}

fn range(field: &'static str, value: u32, min: u32, max: u32) -> Result<(), FieldError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(fe(
            field,
            Problem::OutOfRange {
                min: u64::from(min),
                max: u64::from(max),
            },
        ))
    }
}

/// A text that may be empty (a summary still being written), but never hidden characters
/// nor more than `max` characters.
fn optional_text(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        return Ok(());
    }
    check_text(field, value, max)
}

/// An address of a page elsewhere: `https://` (or `http://`), a host, no white space.
pub fn check_url(field: &'static str, url: &str) -> Result<(), FieldError> {
    check_text(field, url, URL_MAX_CHARS)?;
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && !url
                    .chars()
                    .any(|c| c.is_whitespace() || c == '"' || c == '<') =>
        {
            Ok(())
        }
        _ => Err(fe(field, Problem::Malformed)),
    }
}

/// Checks a draft before it is saved: every text within its limits, numbers in range,
/// every quiz gradable (at least one question, two options each, and the right number of
/// correct options), at most [`ACTIVITIES_MAX`] distinct activities. Whether the
/// prerequisite and the organisations exist is the server's to check against its data.
pub fn validate_draft(d: &ModuleDraft) -> Result<(), DraftError> {
    let m = DraftError::module;
    check_text("title", &d.title, MODULE_TITLE_MAX_CHARS).map_err(m)?;
    optional_text("summary", &d.summary, MODULE_SUMMARY_MAX_CHARS).map_err(m)?;
    optional_text("description", &d.description, MODULE_DESCRIPTION_MAX_CHARS).map_err(m)?;
    optional_text("theme", &d.theme, THEME_MAX_CHARS).map_err(m)?;
    if !LANGUAGES.contains(&d.language.as_str()) {
        return Err(m(fe("language", Problem::Malformed)));
    }
    range("estimated_hours", d.estimated_hours, 0, HOURS_MAX).map_err(m)?;
    if let Some(c) = d.credits {
        if !(c.is_finite() && (0.0..=CREDITS_MAX).contains(&c)) {
            return Err(m(fe(
                "credits",
                Problem::OutOfRange {
                    min: 0,
                    max: CREDITS_MAX as u64,
                },
            )));
        }
    }
    if let Some(v) = d.validity_months {
        range("validity_months", v, 1, VALIDITY_MONTHS_MAX).map_err(m)?;
    }
    if let Some(p) = &d.prerequisite {
        validate_slug(p).map_err(|e| m(fe("prerequisite", e.problem)))?;
    }
    if let Some(orgs) = &d.shared_with {
        if orgs.len() > SHARES_MAX {
            return Err(m(fe("shared_with", Problem::TooLong { max: SHARES_MAX })));
        }
        if orgs.iter().enumerate().any(|(i, o)| orgs[..i].contains(o)) {
            return Err(m(fe("shared_with", Problem::Duplicate)));
        }
    }
    if d.activities.len() > ACTIVITIES_MAX {
        return Err(m(fe(
            "activities",
            Problem::TooLong {
                max: ACTIVITIES_MAX,
            },
        )));
    }
    for (i, a) in d.activities.iter().enumerate() {
        let at = |e: FieldError| DraftError {
            activity: Some(i),
            question: None,
            option: None,
            error: e,
        };
        if a.id.is_some() && d.activities[..i].iter().any(|o| o.id == a.id) {
            return Err(at(fe("id", Problem::Duplicate)));
        }
        check_text("title", &a.title, ACTIVITY_TITLE_MAX_CHARS).map_err(at)?;
        optional_text("summary", &a.summary, ACTIVITY_SUMMARY_MAX_CHARS).map_err(at)?;
        range("estimated_minutes", a.estimated_minutes, 1, MINUTES_MAX).map_err(at)?;
        match &a.content {
            DraftContent::Lesson { body, video_url } => {
                check_text("body", body, LESSON_MAX_CHARS).map_err(at)?;
                if let Some(v) = video_url {
                    check_url("video_url", v).map_err(at)?;
                }
            }
            DraftContent::Reflection { prompt } => {
                check_text("prompt", prompt, PROMPT_MAX_CHARS).map_err(at)?
            }
            DraftContent::External { url } => check_url("url", url).map_err(at)?,
            DraftContent::Quiz {
                pass_mark_percent,
                questions,
            } => {
                range("pass_mark_percent", u32::from(*pass_mark_percent), 0, 100).map_err(at)?;
                if questions.is_empty() {
                    return Err(at(fe("questions", Problem::TooFew { min: 1 })));
                }
                if questions.len() > QUESTIONS_MAX {
                    return Err(at(fe("questions", Problem::TooLong { max: QUESTIONS_MAX })));
                }
                for (qi, q) in questions.iter().enumerate() {
                    let atq = |e: FieldError| DraftError {
                        activity: Some(i),
                        question: Some(qi),
                        option: None,
                        error: e,
                    };
                    check_text("prompt", &q.prompt, PROMPT_MAX_CHARS).map_err(atq)?;
                    optional_text("explanation", &q.explanation, PROMPT_MAX_CHARS).map_err(atq)?;
                    if q.options.len() < 2 {
                        return Err(atq(fe("options", Problem::TooFew { min: 2 })));
                    }
                    if q.options.len() > OPTIONS_MAX {
                        return Err(atq(fe("options", Problem::TooLong { max: OPTIONS_MAX })));
                    }
                    for (oi, o) in q.options.iter().enumerate() {
                        check_text("text", &o.text, OPTION_MAX_CHARS).map_err(|e| DraftError {
                            activity: Some(i),
                            question: Some(qi),
                            option: Some(oi),
                            error: e,
                        })?;
                    }
                    let correct = q.options.iter().filter(|o| o.correct).count();
                    if correct == 0 || (!q.multiple && correct > 1) {
                        return Err(atq(fe("options", Problem::CorrectOptions)));
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether a saved draft may be published: valid, with at least one activity.
pub fn validate_publish(d: &ModuleDraft) -> Result<(), DraftError> {
    validate_draft(d)?;
    if d.activities.is_empty() {
        return Err(DraftError::module(fe(
            "activities",
            Problem::TooFew { min: 1 },
        )));
    }
    Ok(())
}

/// Most modules in a programme.
pub const PROGRAMME_MODULES_MAX: usize = 40;
/// Most credits of a programme.
pub const PROGRAMME_CREDITS_MAX: f32 = 300.0;

/// A study programme as its author writes it: the modules (any provider's that the
/// programme's provider sees), which of them count towards completing it, in the order
/// suggested (learners take them in any order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeDraft {
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub description: String,
    pub credits: f32,
    /// `None`: shared with everyone; otherwise only with the provider and these.
    pub shared_with: Option<Vec<i64>>,
    pub modules: Vec<ProgrammeDraftModule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeDraftModule {
    /// A published module's address.
    pub slug: String,
    /// Counts towards completing the programme.
    pub required: bool,
}

/// Checks a programme before it is saved; `published`: learners are to see it, so it
/// needs a required module.
pub fn validate_programme(d: &ProgrammeDraft, published: bool) -> Result<(), FieldError> {
    check_text("title", &d.title, MODULE_TITLE_MAX_CHARS)?;
    optional_text("summary", &d.summary, MODULE_SUMMARY_MAX_CHARS)?;
    optional_text("description", &d.description, MODULE_DESCRIPTION_MAX_CHARS)?;
    if !(d.credits.is_finite() && (0.0..=PROGRAMME_CREDITS_MAX).contains(&d.credits)) {
        return Err(fe(
            "credits",
            Problem::OutOfRange {
                min: 0,
                max: PROGRAMME_CREDITS_MAX as u64,
            },
        ));
    }
    if let Some(orgs) = &d.shared_with {
        if orgs.len() > SHARES_MAX {
            return Err(fe("shared_with", Problem::TooLong { max: SHARES_MAX }));
        }
        if orgs.iter().enumerate().any(|(i, o)| orgs[..i].contains(o)) {
            return Err(fe("shared_with", Problem::Duplicate));
        }
    }
    if d.modules.len() > PROGRAMME_MODULES_MAX {
        return Err(fe(
            "modules",
            Problem::TooLong {
                max: PROGRAMME_MODULES_MAX,
            },
        ));
    }
    for (i, m) in d.modules.iter().enumerate() {
        validate_slug(&m.slug).map_err(|e| fe("modules", e.problem))?;
        if d.modules[..i].iter().any(|o| o.slug == m.slug) {
            return Err(fe("modules", Problem::Duplicate));
        }
    }
    if published && !d.modules.iter().any(|m| m.required) {
        return Err(fe("modules", Problem::TooFew { min: 1 }));
    }
    Ok(())
}

/// Body of `PUT /api/v1/authoring/programmes/{slug}`: saved as it is, and seen by learners
/// at once when `published`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SaveProgramme {
    pub published: bool,
    pub draft: ProgrammeDraft,
}

/// `GET /api/v1/authoring/programmes/{slug}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeState {
    pub slug: String,
    pub published: bool,
    pub draft: ProgrammeDraft,
    /// The modules' titles, in the draft's order.
    pub module_titles: Vec<String>,
}

/// One programme in the author's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuthoredProgramme {
    pub slug: String,
    pub title: String,
    pub published: bool,
    /// Learners enrolled in it.
    pub learners: u32,
}

/// The format of an exported module folder (and zip): `module.json` holding a
/// [`ModuleExport`], one Markdown file per lesson (`lessons/01.md`, numbered by the lesson's
/// place among the activities), and the images the lessons show (`images/…`), linked
/// from the Markdown by those relative names.
pub const EXPORT_FORMAT: &str = "kursbro-module/1";
/// The manifest's name in the folder.
pub const EXPORT_MANIFEST: &str = "module.json";

/// `module.json` of an exported module. Lesson bodies are empty here; they are in their
/// files. Activity ids let an import into the same installation keep learners' progress;
/// elsewhere they are ignored. Sharing is not exported (organisations differ between
/// installations): an imported module is shared only with its provider until an author
/// chooses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleExport {
    pub format: String,
    pub slug: String,
    /// The module it was exported from: activity ids mean something only when imported
    /// into that same module (same id, created at the same instant).
    #[serde(default)]
    pub origin: Option<ExportOrigin>,
    pub module: ModuleDraft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportOrigin {
    pub module_id: i64,
    pub created_at: DateTime<Utc>,
}

/// The file of the lesson at `index` (0-based, among all activities) in an export.
pub fn lesson_file(index: usize) -> String {
    format!("lessons/{:02}.md", index + 1)
}

/// Rewrites every image link target in lesson Markdown that `to` maps (`/api/v1/images/7`
/// ↔ `images/7.png`); other text is kept exactly.
pub fn rewrite_image_links(markdown: &str, mut to: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    // A link target follows "](" and ends at ")" or white space.
    while let Some(i) = rest.find("](") {
        let (before, after) = rest.split_at(i + 2);
        out.push_str(before);
        let end = after
            .find(|c: char| c == ')' || c.is_whitespace())
            .unwrap_or(after.len());
        let target = &after[..end];
        match to(target) {
            Some(new) => out.push_str(&new),
            None => out.push_str(target),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The image id of an uploaded image's address (`/api/v1/images/7` → 7).
pub fn image_id(target: &str) -> Option<i64> {
    target
        .strip_prefix(crate::api::API_PREFIX)?
        .strip_prefix("/images/")?
        .parse()
        .ok()
}

/// `GET /api/v1/authoring/modules/{slug}`: the draft an author edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DraftState {
    pub slug: String,
    /// Learners see a published version of the module.
    pub published: bool,
    /// Saved changes that learners do not see yet.
    pub unpublished_changes: bool,
    /// Give it back when saving or publishing: a save made from an older version (someone
    /// else saved in between) is refused rather than overwriting theirs.
    pub version: i64,
    pub draft: ModuleDraft,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
}

/// Body of `PUT /api/v1/authoring/modules/{slug}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SaveDraft {
    /// The version the draft was loaded at.
    pub version: i64,
    pub draft: ModuleDraft,
}

/// Body of `POST /api/v1/authoring/modules/{slug}/publish`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PublishRequest {
    /// The version of the draft the author reviewed.
    pub version: i64,
}

/// Body of `POST /api/v1/authoring/preview`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PreviewRequest {
    /// Lesson Markdown.
    #[cfg_attr(feature = "openapi", schema(max_length = 60000))]
    pub markdown: String,
}

/// The server's rendering of lesson Markdown: exactly what learners will see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Preview {
    pub html: String,
}

/// An uploaded image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UploadedImage {
    pub id: i64,
    /// Where it is served; link to it from lesson Markdown.
    pub url: String,
    pub content_type: String,
    pub bytes: u64,
}

/// One module in the author's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuthoredModule {
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub unpublished_changes: bool,
    /// Learners enrolled or with progress.
    pub learners: u32,
}

/// `GET /api/v1/authoring/modules`: the modules and programmes of the asker's organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuthoredModules {
    pub modules: Vec<AuthoredModule>,
    #[serde(default)]
    pub programmes: Vec<AuthoredProgramme>,
}

/// What publishing does to one activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityChange {
    Unchanged,
    /// Changed text or questions; completions and passes stay.
    Changed,
    Added,
    /// Its completions stop counting.
    Removed,
    /// A code this version of the app does not know yet.
    #[serde(other)]
    Unknown,
}

/// Compares the published activities with a draft's: each draft activity in order, then
/// the published activities the draft no longer has. Published activities are given as
/// drafts (with their ids).
pub fn activity_changes(
    published: &[DraftActivity],
    draft: &[DraftActivity],
) -> Vec<(String, ActivityChange)> {
    let mut out: Vec<(String, ActivityChange)> = draft
        .iter()
        .map(|a| {
            let was =
                a.id.and_then(|id| published.iter().find(|p| p.id == Some(id)));
            let change = match was {
                None => ActivityChange::Added,
                Some(p) if p == a => ActivityChange::Unchanged,
                Some(_) => ActivityChange::Changed,
            };
            (a.title.clone(), change)
        })
        .collect();
    out.extend(
        published
            .iter()
            .filter(|p| !draft.iter().any(|a| a.id.is_some() && a.id == p.id))
            .map(|p| (p.title.clone(), ActivityChange::Removed)),
    );
    out
}

/// Where a learner is after publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LearnerAfter {
    /// Had completed the module, and keeps the completion.
    KeepsCompletion,
    /// Every activity still in the module is done: completed now.
    Completes,
    InProgress,
    /// Nothing they did is in the module any more (or they had not started).
    NotStarted,
}

/// One learner after publishing: `done` are the activities they have completed, `kept` the
/// published activities the draft keeps, `added` how many it adds.
pub fn after_publish(done: &[i64], completed: bool, kept: &[i64], added: usize) -> LearnerAfter {
    if completed {
        return LearnerAfter::KeepsCompletion;
    }
    let still = kept.iter().filter(|k| done.contains(k)).count();
    if added == 0 && !kept.is_empty() && still == kept.len() {
        LearnerAfter::Completes
    } else if still > 0 {
        LearnerAfter::InProgress
    } else {
        LearnerAfter::NotStarted
    }
}

/// `GET /api/v1/authoring/modules/{slug}/impact`: what publishing the draft now would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PublishImpact {
    pub version: i64,
    /// Each activity of the draft in order, then the removed ones.
    pub activities: Vec<ImpactedActivity>,
    /// Learners who have started but not completed the module.
    pub in_progress: u32,
    /// Learners who have completed it (they keep their completion).
    pub completed: u32,
    /// Learners in progress who will have completed it (what they lacked is removed).
    pub will_complete: u32,
    /// Learners with completions of removed activities, which stop counting.
    pub lose_completions: u32,
    /// Changes to the module itself that reach learners who started.
    #[serde(default)]
    pub module_changes: Vec<ModuleChange>,
}

/// A change to a module (not its activities) that reaches the learners who started it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModuleChange {
    /// Shared with fewer organisations: their learners lose the module, mid-course too.
    SharedWithFewer,
    /// Another validity: every completion's expiry moves.
    Validity,
    /// A new or other prerequisite: learners who have not met it are held back.
    Prerequisite,
    /// Statutory course ↔ programme module.
    Kind,
    #[serde(other)]
    Unknown,
}

/// What changes to the module itself between the published version and a draft.
pub fn module_changes(published: &ModuleDraft, draft: &ModuleDraft) -> Vec<ModuleChange> {
    let mut out = Vec::new();
    let fewer = match (&published.shared_with, &draft.shared_with) {
        (None, Some(_)) => true,
        (Some(was), Some(now)) => was.iter().any(|o| !now.contains(o)),
        _ => false,
    };
    if fewer {
        out.push(ModuleChange::SharedWithFewer);
    }
    if published.validity_months != draft.validity_months {
        out.push(ModuleChange::Validity);
    }
    if draft.prerequisite.is_some() && published.prerequisite != draft.prerequisite {
        out.push(ModuleChange::Prerequisite);
    }
    if published.kind != draft.kind {
        out.push(ModuleChange::Kind);
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImpactedActivity {
    pub title: String,
    pub change: ActivityChange,
}

/// One recorded change of a provider's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ContentChange {
    pub module: ModuleRef,
    pub author: String,
    pub at: DateTime<Utc>,
    pub what: ChangeKind,
    /// Activities added, changed and removed by a publish.
    pub added: u32,
    pub changed: u32,
    pub removed: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Created,
    Published,
    /// A programme saved (as it was published, or not).
    Saved,
    #[serde(other)]
    Unknown,
}

/// `GET /api/v1/authoring/changes`: newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ContentChanges {
    pub changes: Vec<ContentChange>,
    /// The programmes' changes, newest first.
    #[serde(default)]
    pub programmes: Vec<ProgrammeChange>,
}

/// One recorded change of a provider's programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeChange {
    pub programme: crate::api::ProgrammeRef,
    pub author: String,
    pub at: DateTime<Utc>,
    pub what: ChangeKind,
}

/// Body of `POST /api/v1/authoring/programmes`.
pub type NewProgrammeRequest = NewModuleRequest;

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(id: Option<i64>, title: &str) -> DraftActivity {
        DraftActivity {
            id,
            title: title.into(),
            summary: String::new(),
            estimated_minutes: 10,
            content: DraftContent::Lesson {
                body: "Vask hendene.".into(),
                video_url: None,
            },
        }
    }

    fn quiz(options: Vec<(&str, bool)>, multiple: bool, pass: u8) -> DraftActivity {
        DraftActivity {
            id: None,
            title: "Test".into(),
            summary: String::new(),
            estimated_minutes: 5,
            content: DraftContent::Quiz {
                pass_mark_percent: pass,
                questions: vec![DraftQuestion {
                    prompt: "Hvor lenge?".into(),
                    explanation: String::new(),
                    multiple,
                    options: options
                        .into_iter()
                        .map(|(t, c)| DraftOption {
                            text: t.into(),
                            correct: c,
                        })
                        .collect(),
                }],
            },
        }
    }

    fn draft(activities: Vec<DraftActivity>) -> ModuleDraft {
        ModuleDraft {
            activities,
            ..ModuleDraft::new("Håndhygiene")
        }
    }

    #[test]
    fn a_new_module_saves_empty_but_publishes_only_with_an_activity() {
        let d = draft(vec![]);
        assert_eq!(validate_draft(&d), Ok(()));
        let e = validate_publish(&d).unwrap_err();
        assert_eq!(e.path(), "activities");
        assert_eq!(e.error.problem, Problem::TooFew { min: 1 });
        assert_eq!(validate_publish(&draft(vec![lesson(None, "Les")])), Ok(()));
    }

    #[test]
    fn a_quiz_must_be_gradable() {
        let none = draft(vec![
            lesson(None, "Les"),
            quiz(vec![("a", false), ("b", false)], false, 80),
        ]);
        let e = validate_draft(&none).unwrap_err();
        assert_eq!(e.path(), "activities[1].content.questions[0].options");
        assert_eq!(e.error.problem, Problem::CorrectOptions);
        assert_eq!(e.message(), "Activity 2, question 1: options must have one correct option (a single-choice question) or at least one (multiple choice)");
        let two_of_one = draft(vec![quiz(vec![("a", true), ("b", true)], false, 80)]);
        assert_eq!(
            validate_draft(&two_of_one).unwrap_err().error.problem,
            Problem::CorrectOptions
        );
        let two_of_many = draft(vec![quiz(vec![("a", true), ("b", true)], true, 80)]);
        assert_eq!(validate_draft(&two_of_many), Ok(()));
        let one = draft(vec![quiz(vec![("a", true)], false, 80)]);
        assert_eq!(
            validate_draft(&one).unwrap_err().error.problem,
            Problem::TooFew { min: 2 }
        );
        let over = draft(vec![quiz(vec![("a", true), ("b", false)], false, 101)]);
        let e = validate_draft(&over).unwrap_err();
        assert_eq!(e.path(), "activities[0].pass_mark_percent");
        let blank = draft(vec![quiz(vec![("a", true), (" ", false)], false, 80)]);
        assert_eq!(
            validate_draft(&blank).unwrap_err().path(),
            "activities[0].content.questions[0].options[1].text"
        );
    }

    #[test]
    fn fields_are_checked_by_name() {
        let mut d = draft(vec![lesson(Some(1), "A"), lesson(Some(1), "B")]);
        assert_eq!(validate_draft(&d).unwrap_err().path(), "activities[1].id");
        d.activities.pop();
        d.language = "de".into();
        assert_eq!(validate_draft(&d).unwrap_err().path(), "language");
        d.language = "nn".into();
        d.validity_months = Some(0);
        assert_eq!(validate_draft(&d).unwrap_err().path(), "validity_months");
        d.validity_months = Some(24);
        d.credits = Some(f32::NAN);
        assert_eq!(validate_draft(&d).unwrap_err().path(), "credits");
        d.credits = Some(7.5);
        d.activities[0].content = DraftContent::External {
            url: "javascript:alert(1)".into(),
        };
        assert_eq!(validate_draft(&d).unwrap_err().path(), "activities[0].url");
        d.activities[0].content = DraftContent::External {
            url: "https://kurs.example.no/hlr".into(),
        };
        assert_eq!(validate_draft(&d), Ok(()));
        d.title = "\u{202e}gnp.exe".into();
        assert_eq!(
            validate_draft(&d).unwrap_err().error.problem,
            Problem::HiddenCharacters
        );
    }

    #[test]
    fn changes_to_the_module_that_reach_learners_are_named() {
        let was = ModuleDraft {
            shared_with: Some(vec![1, 2]),
            validity_months: Some(24),
            ..draft(vec![])
        };
        assert_eq!(module_changes(&was, &was), []);
        let now = ModuleDraft {
            shared_with: Some(vec![1, 2, 3]),
            ..was.clone()
        };
        assert_eq!(
            module_changes(&was, &now),
            [],
            "shared with more: nobody loses it"
        );
        let now = ModuleDraft {
            shared_with: Some(vec![2]),
            validity_months: Some(12),
            prerequisite: Some("hlr".into()),
            kind: ModuleKind::ProgrammeModule,
            ..was.clone()
        };
        assert_eq!(
            module_changes(&was, &now),
            [
                ModuleChange::SharedWithFewer,
                ModuleChange::Validity,
                ModuleChange::Prerequisite,
                ModuleChange::Kind
            ]
        );
        let everyone = ModuleDraft {
            shared_with: None,
            ..was.clone()
        };
        assert_eq!(
            module_changes(&everyone, &was),
            [ModuleChange::SharedWithFewer]
        );
    }

    #[test]
    fn changes_are_told_per_activity() {
        let published = vec![
            lesson(Some(1), "A"),
            lesson(Some(2), "B"),
            lesson(Some(3), "C"),
        ];
        let mut b = lesson(Some(2), "B");
        b.content = DraftContent::Lesson {
            body: "Ny tekst".into(),
            video_url: None,
        };
        let draft = vec![b, lesson(Some(1), "A"), lesson(None, "D")];
        assert_eq!(
            activity_changes(&published, &draft),
            [
                ("B".to_string(), ActivityChange::Changed),
                ("A".to_string(), ActivityChange::Unchanged),
                ("D".to_string(), ActivityChange::Added),
                ("C".to_string(), ActivityChange::Removed),
            ]
        );
    }

    #[test]
    fn a_programme_has_distinct_modules_and_a_required_one_to_be_published() {
        let m = |slug: &str, required| ProgrammeDraftModule {
            slug: slug.into(),
            required,
        };
        let mut p = ProgrammeDraft {
            title: "Helseinformatikk".into(),
            summary: String::new(),
            description: String::new(),
            credits: 30.0,
            shared_with: None,
            modules: vec![m("personvern", false)],
        };
        assert_eq!(validate_programme(&p, false), Ok(()));
        assert_eq!(
            validate_programme(&p, true),
            Err(fe("modules", Problem::TooFew { min: 1 }))
        );
        p.modules.push(m("personvern", true));
        assert_eq!(
            validate_programme(&p, true),
            Err(fe("modules", Problem::Duplicate))
        );
        p.modules[1].slug = "brukermedvirkning".into();
        assert_eq!(validate_programme(&p, true), Ok(()));
        p.credits = 301.0;
        assert_eq!(validate_programme(&p, true).unwrap_err().field, "credits");
    }

    #[test]
    fn image_links_are_rewritten_and_nothing_else() {
        let md = "Se ![Trykkpunkter](/api/v1/images/7) og [lenke](https://x.no/a) ![b](/api/v1/images/12 \"t\")";
        let out = rewrite_image_links(md, |t| image_id(t).map(|id| format!("images/{id}.png")));
        assert_eq!(
            out,
            "Se ![Trykkpunkter](images/7.png) og [lenke](https://x.no/a) ![b](images/12.png \"t\")"
        );
        let back = rewrite_image_links(&out, |t| {
            t.strip_prefix("images/")
                .and_then(|f| f.strip_suffix(".png"))
                .map(|id| format!("/api/v1/images/{id}"))
        });
        assert_eq!(back, md);
        assert_eq!(image_id("/api/v1/images/x"), None);
        assert_eq!(lesson_file(0), "lessons/01.md");
    }

    #[test]
    fn publishing_keeps_what_learners_did() {
        // Completed: kept, even with a new activity to do.
        assert_eq!(
            after_publish(&[1, 2], true, &[1, 2], 1),
            LearnerAfter::KeepsCompletion
        );
        // All that is left is done: completed now.
        assert_eq!(
            after_publish(&[1, 2], false, &[1, 2], 0),
            LearnerAfter::Completes
        );
        // A new activity keeps them in progress.
        assert_eq!(
            after_publish(&[1, 2], false, &[1, 2], 1),
            LearnerAfter::InProgress
        );
        // Only a removed activity was done: it stops counting.
        assert_eq!(
            after_publish(&[3], false, &[1, 2], 0),
            LearnerAfter::NotStarted
        );
        assert_eq!(
            after_publish(&[1, 3], false, &[1, 2], 0),
            LearnerAfter::InProgress
        );
        // Nothing kept, nothing completes by default.
        assert_eq!(after_publish(&[], false, &[], 1), LearnerAfter::NotStarted);
    }
}
