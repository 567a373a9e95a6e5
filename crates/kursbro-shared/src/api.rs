//! The JSON API (`/api/v1`): request and response bodies.
//!
//! These are the public contract between the server and the app. Database rows live in the
//! server crate and are converted into these types there, so a column rename never changes
//! the API by accident.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Prefix of every API route.
pub const API_PREFIX: &str = "/api/v1";

/// Most modules one catalogue page may hold (`limit`); more is refused, not clamped.
pub const CATALOGUE_PAGE_MAX: u32 = 100;
/// Longest catalogue search text, in characters.
pub const CATALOGUE_QUERY_MAX_CHARS: usize = 200;
/// Most words a catalogue search may have.
pub const CATALOGUE_QUERY_MAX_WORDS: usize = 10;

/// How a person is titled in the app (the header, the account page): the broadest of their
/// grants. What they may do is decided by their [`Grants`], never by this title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Takes modules and courses (everyone can).
    Learner,
    /// Runs cohorts, moderates discussions.
    Facilitator,
    /// Follows up the mandatory training of one or more units.
    Leader,
    /// Administers an organisation or the platform.
    Admin,
}

impl Role {
    /// All roles, in display order.
    pub const ALL: [Role; 4] = [Role::Learner, Role::Facilitator, Role::Leader, Role::Admin];

    /// The stable identifier used in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Learner => "learner",
            Role::Facilitator => "facilitator",
            Role::Leader => "leader",
            Role::Admin => "admin",
        }
    }
}

/// A short reference to a unit of an organisation (a ward, a clinic, a home-care district).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnitRef {
    pub id: i64,
    pub name: String,
}

/// What a person may do besides learning (anyone signed in can learn). Checked by the
/// server on every endpoint; sent to the app so it offers only what works.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Grants {
    /// May create and run cohorts of their organisation.
    pub facilitator: bool,
    /// Units they lead: they follow up the people of these units and every unit below.
    pub leader_of: Vec<UnitRef>,
    /// Administers their organisation.
    pub admin: bool,
    /// Administers the platform (every organisation).
    pub platform_admin: bool,
    /// Writes for their organisation as a provider: its news (and, later, its modules).
    /// (Absent in answers cached by an older app: `false`.)
    #[serde(default)]
    pub author: bool,
}

impl Grants {
    /// Who may create cohorts, facilitate them and moderate discussions.
    pub fn may_facilitate(&self) -> bool {
        self.facilitator || self.platform_admin
    }

    /// Who creates, changes and cancels their organisation's gatherings, sees who signed
    /// up and marks attendance: its facilitators and admins.
    pub fn runs_gatherings(&self) -> bool {
        self.may_facilitate() || self.administers()
    }

    /// Whether the person leads at least one unit.
    pub fn is_leader(&self) -> bool {
        !self.leader_of.is_empty()
    }

    /// Whether the person may post their organisation's news.
    pub fn may_author(&self) -> bool {
        self.author || self.platform_admin
    }

    /// Whether the person administers their organisation (its units, people, grants).
    pub fn administers(&self) -> bool {
        self.admin || self.platform_admin
    }

    /// Whether the person writes their organisation's content (modules, programmes,
    /// news) and reads the feedback on it: its authors and admins.
    pub fn writes_content(&self) -> bool {
        self.may_author() || self.administers()
    }

    /// Whether the person has a competence overview (they lead a unit, or administer
    /// their organisation or the platform): the server answers it for exactly these.
    pub fn follows_up(&self) -> bool {
        self.is_leader() || self.admin || self.platform_admin
    }

    /// The title shown for the person: the broadest grant they have.
    pub fn title(&self) -> Role {
        if self.admin || self.platform_admin {
            Role::Admin
        } else if self.is_leader() {
            Role::Leader
        } else if self.facilitator {
            Role::Facilitator
        } else {
            Role::Learner
        }
    }
}

/// The kind of organisation a person works in or a module is provided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Hospital,
    Municipality,
    UniversityCollege,
}

impl OrganisationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Hospital => "hospital",
            OrganisationKind::Municipality => "municipality",
            OrganisationKind::UniversityCollege => "university_college",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Hospital, Self::Municipality, Self::UniversityCollege]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A short reference to an organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrganisationRef {
    pub id: i64,
    pub name: String,
    pub kind: OrganisationKind,
}

/// The signed-in person (`GET /api/v1/me`, and the answer to a successful sign-in).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Me {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: OrganisationRef,
    /// The unit the person works in, if they have one.
    pub unit: Option<UnitRef>,
    /// Their profession (nurse, health worker, …), if recorded.
    pub profession: Option<String>,
    pub grants: Grants,
}

/// Body of `POST /api/v1/auth/login`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginRequest {
    /// An e-mail address (at most `EMAIL_MAX_CHARS`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 3,
            max_length = 254,
            pattern = r"^[^\S\x0B\x0C\x1C-\x1F\x85]*[^@\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]+@[^@\s.\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069][^@\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*\.[^@\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^@\s.\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069][^\S\x0B\x0C\x1C-\x1F\x85]*$"
        )
    )]
    pub email: String,
    /// At most `PASSWORD_MAX_CHARS`.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub password: String,
}

/// Body of `POST /api/v1/auth/password`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChangePasswordRequest {
    /// The password now (at most `PASSWORD_MAX_CHARS`).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub current_password: String,
    /// The new password: at least `PASSWORD_MIN_CHARS` without the spaces at its ends, at
    /// most `PASSWORD_MAX_CHARS`, no control characters, not the current one.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 10,
            max_length = 1024,
            pattern = r"^[^\S\x0B\x0C\x1C-\x1F\x85]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]{8,}[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069][^\S\x0B\x0C\x1C-\x1F\x85]*$"
        )
    )]
    pub new_password: String,
}

/// Machine-readable error codes. The app maps each to a translated message; the
/// `message` next to it is English text for API users and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A field failed validation; `field` names it.
    Validation,
    /// The body is not valid JSON, or not the expected shape.
    InvalidBody,
    /// The request needs `Content-Type: application/json`.
    UnsupportedMediaType,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// E-mail or password is wrong.
    InvalidCredentials,
    /// The current password given to change it is wrong (the session stays).
    WrongPassword,
    /// Too many attempts; wait and try again.
    RateLimited,
    /// Not signed in, or the session has expired.
    Unauthenticated,
    /// Signed in, but this role may not do this.
    Forbidden,
    /// No such thing (or not visible to this person).
    NotFound,
    /// The HTTP method is not supported on this path.
    MethodNotAllowed,
    /// The request conflicts with what is stored (e.g. it already exists).
    Conflict,
    /// A learning event id was used before for a different event.
    EventIdReused,
    /// The thread is locked; it takes no more replies.
    ThreadLocked,
    /// The person is already a member of the cohort with another role.
    MemberHasOtherRole,
    /// The cohort's last facilitator cannot be removed.
    LastFacilitator,
    /// The post was deleted by its author.
    PostDeleted,
    /// The post is hidden by a moderator.
    PostHidden,
    /// The learner is not enrolled in the module (or a programme or cohort that has it).
    NotEnrolled,
    /// The module has been withdrawn from the catalogue.
    Withdrawn,
    /// The module's author requires another module to be completed first.
    PrerequisiteMissing,
    /// The module cannot be started again now: it is not complete, or no requirement on it
    /// has its renewal window open.
    RenewalNotOpen,
    /// The unit cannot be removed: units, people, plans or grants still refer to it.
    UnitInUse,
    /// Feedback is for a module the learner has completed.
    ModuleNotCompleted,
    /// The learner has already given feedback on the module (it is given once).
    FeedbackGiven,
    /// A module draft was saved by someone else since it was loaded: reload it.
    DraftChanged,
    /// An upload that is not a PNG, JPEG or WebP image.
    UnsupportedImage,
    /// Sign-up to the gathering has closed (its deadline or start has passed).
    SignupClosed,
    /// The gathering is cancelled.
    GatheringCancelled,
    /// Attendance is marked: the person can no longer cancel (a facilitator can unmark it).
    AlreadyAttended,
    /// Something went wrong on the server; nothing about it is revealed.
    Internal,
    /// A code this version of the app does not know yet.
    #[serde(other)]
    Unknown,
}

/// The body of every error response: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// A sentence a person can act on (English).
    pub message: String,
    /// The request field the error is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Whether a module belongs to a study programme or is a short statutory course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModuleKind {
    /// A credit-bearing module that can be part of a programme.
    ProgrammeModule,
    /// A short mandatory course (medication handling, CPR, …), often with an expiry.
    StatutoryCourse,
}

impl ModuleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ModuleKind::ProgrammeModule => "programme_module",
            ModuleKind::StatutoryCourse => "statutory_course",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::ProgrammeModule, Self::StatutoryCourse]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The kinds of activity inside a module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    /// Text (Markdown), images and video to read or watch.
    Lesson,
    /// Questions graded on the server.
    Quiz,
    /// A free-text answer the learner writes.
    Reflection,
    /// An e-learning course elsewhere, opened in a new tab.
    External,
    /// A mandatory gathering: done when a facilitator marks the learner present (or
    /// excused) at one of its sessions. Added by the gathering, not by the module's draft.
    Gathering,
}

impl ActivityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Lesson => "lesson",
            ActivityKind::Quiz => "quiz",
            ActivityKind::Reflection => "reflection",
            ActivityKind::External => "external",
            ActivityKind::Gathering => "gathering",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Lesson,
            Self::Quiz,
            Self::Reflection,
            Self::External,
            Self::Gathering,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A module as shown in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub kind: ModuleKind,
    pub theme: String,
    /// Language of the content, as a BCP 47 code (`nb`, `nn`, `en`).
    pub language: String,
    /// ECTS credits, for programme modules.
    pub credits: Option<f32>,
    pub estimated_hours: u32,
    /// For statutory courses: how many months a completion stays valid.
    pub validity_months: Option<u32>,
    pub provider: OrganisationRef,
    pub activity_count: u32,
}

/// An activity of a module, with everything needed to take it (also offline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Activity {
    pub id: i64,
    pub position: u32,
    pub kind: ActivityKind,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: u32,
    pub content: crate::learning::ActivityContent,
}

/// A short reference to a programme a module belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeRef {
    pub slug: String,
    pub title: String,
}

/// A short reference to a module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleRef {
    pub slug: String,
    pub title: String,
}

/// `GET /api/v1/modules/{slug}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleDetail {
    pub module: ModuleSummary,
    pub description: String,
    pub activities: Vec<Activity>,
    pub programmes: Vec<ProgrammeRef>,
    /// A module the author requires to be completed first; `None` (the usual case): the
    /// module can be taken at any time, in any order.
    pub prerequisite: Option<ModuleRef>,
}

/// A module's place in a programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeModule {
    pub slug: String,
    pub title: String,
    /// Required modules count towards completing the programme; optional ones do not.
    pub required: bool,
}

/// A programme as shown in the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub credits: f32,
    pub provider: OrganisationRef,
    /// In the order the provider suggests; they may be taken in any order.
    pub modules: Vec<ProgrammeModule>,
}

/// `GET /api/v1/programmes/{slug}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeDetail {
    pub programme: ProgrammeSummary,
    pub description: String,
}

/// Filters of `GET /api/v1/catalogue` (all optional; words in `q` must all match).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(default)]
pub struct CatalogueQuery {
    /// Words to find in title, summary, description or theme.
    pub q: Option<String>,
    pub theme: Option<String>,
    /// Provider organisation id.
    pub provider: Option<i64>,
    /// Content language code, e.g. `nb`.
    pub language: Option<String>,
    /// Only modules of at most this many hours.
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64))]
    pub max_hours: Option<u32>,
    pub kind: Option<ModuleKind>,
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 0, maximum = 4294967295_i64))]
    pub offset: Option<u32>,
    /// From 1 to 100; 50 when not given.
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// The values the catalogue can be filtered by.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CatalogueFacets {
    pub themes: Vec<String>,
    pub providers: Vec<OrganisationRef>,
    pub languages: Vec<String>,
}

/// `GET /api/v1/catalogue`: published programmes and the modules that match the filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Catalogue {
    pub programmes: Vec<ProgrammeSummary>,
    pub modules: Vec<ModuleSummary>,
    /// How many modules match in all (`modules` is one page of them).
    pub total_modules: u32,
    pub facets: CatalogueFacets,
}

/// A cohort as listed for its members, facilitators, leaders and admins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortSummary {
    pub id: i64,
    pub name: String,
    pub programme: ProgrammeRef,
    pub organisation: OrganisationRef,
    pub starts_on: NaiveDate,
    pub learner_count: u32,
    pub facilitators: Vec<String>,
    /// What the person asking may open of this cohort (so the app offers only what works).
    #[serde(default)]
    pub access: CohortAccess,
}

/// `GET /api/v1/cohorts`: one page of the cohorts the person may see (newest first), and how
/// many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortPage {
    pub cohorts: Vec<CohortSummary>,
    pub matching: u32,
    pub offset: u32,
}

/// Most cohorts on one page of the cohort list.
pub const COHORTS_PAGE_MAX: u32 = 100;
/// Cohorts on a page unless asked otherwise.
pub const COHORTS_PAGE_DEFAULT: u32 = 20;

/// What one person may open of a cohort: the grid (its facilitators, admins) and the
/// discussion area (its members, admins). Computed by the server with the rules it
/// enforces on those pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortAccess {
    pub grid: bool,
    pub discussion: bool,
}

impl CohortAccess {
    /// For someone (a platform admin or not) who is a member of the cohort with `member`
    /// (if at all).
    pub fn of(platform_admin: bool, member: Option<crate::cohort_grid::MemberRole>) -> Self {
        use crate::cohort_grid::MemberRole;
        let admin = platform_admin;
        Self {
            grid: admin || member == Some(MemberRole::Facilitator),
            discussion: admin || member.is_some(),
        }
    }
}

/// A user as listed for admins, leaders, and facilitators choosing cohort members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserSummary {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation: OrganisationRef,
    /// Whether they may be a cohort's facilitator.
    pub may_facilitate: bool,
}

/// Longest CSV text one import may hold, in characters (some thousand employees; a larger
/// organisation imports in parts).
pub const IMPORT_CSV_MAX_CHARS: usize = 200_000;

/// Body of `POST /api/v1/users/import`: employees as CSV text, one per line under a header
/// `name;email;unit;profession` (`navn;e-post;enhet;yrke` also works; `;` or `,`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImportPeopleRequest {
    /// At most [`IMPORT_CSV_MAX_CHARS`] characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 200000))]
    pub csv: String,
    /// Only check: report what would be refused, import nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// An import no longer than [`IMPORT_CSV_MAX_CHARS`] (the lines are checked by the server,
/// against the organisation's units and professions).
pub fn validate_import(req: &ImportPeopleRequest) -> Result<(), crate::validation::FieldError> {
    if req.csv.chars().count() > IMPORT_CSV_MAX_CHARS {
        return Err(crate::validation::FieldError {
            field: "csv",
            problem: crate::validation::Problem::TooLong {
                max: IMPORT_CSV_MAX_CHARS,
            },
        });
    }
    Ok(())
}

/// Why one line of an import was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportProblem {
    /// Not the four columns, or not readable as CSV.
    Malformed,
    /// The name is empty, too long or has hidden characters.
    InvalidName,
    /// Not an e-mail address.
    InvalidEmail,
    /// Someone already has this e-mail address.
    EmailTaken,
    /// An earlier line of the file has the same address.
    EmailRepeated,
    /// No unit of the organisation has this code.
    UnknownUnit,
    /// No profession of the organisation has this code or name.
    UnknownProfession,
    #[serde(other)]
    Unknown,
}

/// One refused line: its number in the file (the header is line 1), the column, why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RefusedLine {
    pub line: u32,
    pub field: String,
    pub problem: ImportProblem,
    pub message: String,
}

/// The answer to an import: either every line was imported (`imported` of `lines`), or
/// nothing was and `refused` says which lines to fix and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ImportReport {
    pub lines: u32,
    pub imported: u32,
    pub refused: Vec<RefusedLine>,
}

/// Body of `PUT /api/v1/users/{id}/unit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MovePersonRequest {
    /// A unit of the person's organisation.
    pub unit_id: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_through_their_stable_names() {
        for role in Role::ALL {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
        }
        for kind in [
            ActivityKind::Lesson,
            ActivityKind::Quiz,
            ActivityKind::Reflection,
            ActivityKind::External,
        ] {
            assert_eq!(ActivityKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        for kind in [ModuleKind::ProgrammeModule, ModuleKind::StatutoryCourse] {
            assert_eq!(ModuleKind::parse(kind.as_str()), Some(kind));
        }
        let kinds = [
            OrganisationKind::Hospital,
            OrganisationKind::Municipality,
            OrganisationKind::UniversityCollege,
        ];
        for kind in kinds {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn the_title_is_the_broadest_grant() {
        let ward = UnitRef {
            id: 1,
            name: "Post 3".into(),
        };
        let mut g = Grants::default();
        assert_eq!(g.title(), Role::Learner);
        assert!(!g.may_facilitate());
        g.facilitator = true;
        assert_eq!(g.title(), Role::Facilitator);
        assert!(g.may_facilitate());
        g.leader_of.push(ward);
        assert_eq!(g.title(), Role::Leader);
        g.admin = true;
        assert_eq!(g.title(), Role::Admin);
        let platform = Grants {
            platform_admin: true,
            ..Grants::default()
        };
        assert_eq!(platform.title(), Role::Admin);
        assert!(platform.may_facilitate());
    }

    #[test]
    fn unknown_error_codes_do_not_break_an_older_app() {
        let body: ErrorBody =
            serde_json::from_str(r#"{"error":{"code":"brand_new_code","message":"x"}}"#).unwrap();
        assert_eq!(body.error.code, ErrorCode::Unknown);
        assert_eq!(body.error.field, None);
    }
}
