//! Competence plans as people see them: which requirements apply to whom, when they are
//! due, the "Mine krav" list, the leader's dashboard and its roll-ups. The status of one
//! person × requirement is [`crate::training::requirement_status`]; everything here builds
//! on that one rule.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::{ModuleRef, ProgrammeRef, UnitRef};
use crate::training::{Recertification, RequirementStatus, StatusColour};
use crate::validation::{check_text, validate_slug, FieldError, Problem};

/// Longest note on an external completion, in characters.
pub const EXTERNAL_NOTE_MAX_CHARS: usize = 500;

/// When the first completion of a requirement is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case", tag = "rule")]
pub enum DueRule {
    /// Within `days` of joining the unit.
    AfterJoining { days: u32 },
    /// By a fixed date.
    By { date: NaiveDate },
}

impl DueRule {
    /// The due date for someone who joined their unit on `joined_on`.
    pub fn due_on(self, joined_on: NaiveDate) -> NaiveDate {
        match self {
            DueRule::AfterJoining { days } => joined_on
                .checked_add_days(Days::new(u64::from(days)))
                .unwrap_or(NaiveDate::MAX),
            DueRule::By { date } => date,
        }
    }
}

/// Whom a plan covers: a whole organisation (a central plan) or one unit, and perhaps the
/// units below it; all professions, or only some.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanScope {
    /// `None`: the whole organisation.
    pub unit: Option<i64>,
    pub include_sub_units: bool,
    /// Empty: every profession.
    pub professions: Vec<i64>,
}

/// Whether a plan lists a requirement for someone at all, and if so whether it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// The plan is for other units: the person does not see it.
    Outside,
    /// The person's unit is covered, but not their profession: "not applicable".
    OtherProfession,
    Applies,
}

impl PlanScope {
    /// `unit_path` is the person's unit followed by its parent, grandparent … up to the
    /// organisation's top unit.
    pub fn coverage(&self, unit_path: &[i64], profession: Option<i64>) -> Coverage {
        let unit_covered = match self.unit {
            None => true,
            Some(u) if self.include_sub_units => unit_path.contains(&u),
            Some(u) => unit_path.first() == Some(&u),
        };
        if !unit_covered {
            Coverage::Outside
        } else if self.professions.is_empty()
            || profession.is_some_and(|p| self.professions.contains(&p))
        {
            Coverage::Applies
        } else {
            Coverage::OtherProfession
        }
    }
}

/// The path from `unit` up to its top unit (`unit` first), given each unit's parent.
/// Stops at a cycle or an unknown unit rather than looping.
pub fn unit_path(unit: i64, parent_of: impl Fn(i64) -> Option<i64>) -> Vec<i64> {
    let mut path = vec![unit];
    let mut at = unit;
    while let Some(parent) = parent_of(at) {
        if path.contains(&parent) {
            break;
        }
        path.push(parent);
        at = parent;
    }
    path
}

/// A competence plan, as shown next to its requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanRef {
    pub id: i64,
    pub name: String,
    /// `None` for a central plan (the whole organisation).
    pub unit: Option<UnitRef>,
}

/// What a requirement asks for: one module, or every module of a programme (see
/// [`crate::training::programme_completions`]). In JSON one key beside the requirement's
/// other fields: `"module": {…}` or `"programme": {…}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Module(ModuleRef),
    Programme(ProgrammeRef),
}

impl Target {
    pub fn slug(&self) -> &str {
        match self {
            Target::Module(m) => &m.slug,
            Target::Programme(p) => &p.slug,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Target::Module(m) => &m.title,
            Target::Programme(p) => &p.title,
        }
    }

    /// The slug as a plan draft names it.
    pub fn draft(&self) -> TargetSlug {
        match self {
            Target::Module(m) => TargetSlug::Module(m.slug.clone()),
            Target::Programme(p) => TargetSlug::Programme(p.slug.clone()),
        }
    }
}

/// What a requirement asks for, by slug, as a plan draft names it: `"module": "slug"` or
/// `"programme": "slug"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TargetSlug {
    /// A published module of the catalogue.
    Module(String),
    /// A published programme of the catalogue.
    Programme(String),
}

impl TargetSlug {
    pub fn slug(&self) -> &str {
        match self {
            TargetSlug::Module(s) | TargetSlug::Programme(s) => s,
        }
    }

    /// The field an error about it names.
    pub fn field(&self) -> &'static str {
        match self {
            TargetSlug::Module(_) => "module",
            TargetSlug::Programme(_) => "programme",
        }
    }
}

/// One requirement of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Requirement {
    pub id: i64,
    pub plan: PlanRef,
    #[serde(flatten)]
    pub target: Target,
    pub due: DueRule,
    /// `None`: completing it once is enough.
    pub recertification: Option<Recertification>,
}

/// Where a completion comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case", tag = "source")]
pub enum CompletionSource {
    /// Every activity of the module done in Kursbro.
    Kursbro,
    /// Done elsewhere, registered and approved by a leader.
    External {
        approved_by: String,
        approved_on: NaiveDate,
        note: String,
    },
}

/// One completion of a module in a person's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CompletionRecord {
    pub module: ModuleRef,
    pub completed_on: NaiveDate,
    #[serde(flatten)]
    pub source: CompletionSource,
}

/// One requirement as it stands for one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PersonRequirement {
    pub requirement: Requirement,
    pub due_on: NaiveDate,
    pub status: RequirementStatus,
    /// The completion the status rests on (the newest that counted), if any.
    pub last_completion: Option<CompletionRecord>,
    /// The modules it rests on: the one it asks for, or the required modules of the
    /// programme it asks for. (Absent in answers cached by an older app: empty.)
    #[serde(default)]
    pub modules: Vec<ModuleRef>,
    /// The module (every module of the programme) is complete in Kursbro and its renewal is
    /// open (see [`may_start_again`]): the person may start it again to renew the
    /// requirement. (Absent in answers cached by an older app: `false`.)
    #[serde(default)]
    pub may_start_again: bool,
}

/// Whether a person may start a module they completed in Kursbro again, to renew a
/// requirement on it: only once its renewal window has opened, or it has expired. Earlier,
/// starting again would only throw away a valid completion; a module not complete in
/// Kursbro (never done, or done elsewhere) has nothing to start again — it is simply done.
pub fn may_start_again(status: RequirementStatus, complete_in_kursbro: bool) -> bool {
    complete_in_kursbro
        && matches!(
            status,
            RequirementStatus::RenewalOpen { .. } | RequirementStatus::Expired { .. }
        )
}

/// A person's requirements, red first (`GET /me/requirements`, and a leader's drill-down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PersonCompliance {
    pub person: PersonRef,
    pub requirements: Vec<PersonRequirement>,
    /// Every completion of a required module, newest first; none is ever removed.
    pub history: Vec<CompletionRecord>,
}

/// A person as a leader sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PersonRef {
    pub id: i64,
    pub name: String,
    pub unit: Option<UnitRef>,
    pub profession: Option<String>,
}

/// Sorts a person's requirements: red first, then yellow, green, not applicable; within
/// each, the earliest date first, then by title.
pub fn sort_requirements(items: &mut [PersonRequirement]) {
    items.sort_by(|a, b| {
        (
            a.status.urgency(),
            status_date(a.status),
            a.requirement.target.title(),
        )
            .cmp(&(
                b.status.urgency(),
                status_date(b.status),
                b.requirement.target.title(),
            ))
    });
}

/// The date a status is about (due, expired, expires); `MAX` when there is none.
pub fn status_date(s: RequirementStatus) -> NaiveDate {
    match s {
        RequirementStatus::Valid { until } => until.unwrap_or(NaiveDate::MAX),
        RequirementStatus::RenewalOpen { expires_on } => expires_on,
        RequirementStatus::DueSoon { due_on }
        | RequirementStatus::NotYetDue { due_on }
        | RequirementStatus::Overdue { due_on } => due_on,
        RequirementStatus::Expired { expired_on } => expired_on,
        RequirementStatus::NotApplicable => NaiveDate::MAX,
    }
}

// --- the leader's dashboard ---------------------------------------------------------

/// A unit in the tree shown on the dashboard (pre-order: each unit before its sub-units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnitNode {
    pub id: i64,
    pub name: String,
    pub parent_id: Option<i64>,
    /// 0 for the unit the dashboard is about.
    pub depth: u32,
}

/// One person's row on the dashboard; `cells` follow the dashboard's `requirements`, and a
/// requirement that is not for this person's unit is `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DashboardPerson {
    pub id: i64,
    pub name: String,
    pub unit_id: i64,
    pub profession: Option<String>,
    pub cells: Vec<Option<RequirementStatus>>,
}

/// Most people one page of the dashboard may hold (`limit`).
pub const DASHBOARD_PAGE_MAX: u32 = 200;
/// People a page holds unless asked otherwise.
pub const DASHBOARD_PAGE_DEFAULT: u32 = 50;

/// `GET /api/v1/leader/dashboard`: everyone in a unit and the units below it × the
/// requirements that apply to any of them. The summary and roll-ups count everyone of the
/// chosen profession; `people` is one page of those who also match the status filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Dashboard {
    pub unit: UnitRef,
    /// Every unit the asker leads (to switch between them).
    pub led_units: Vec<UnitRef>,
    /// `unit` and every unit below it.
    pub units: Vec<UnitNode>,
    pub requirements: Vec<Requirement>,
    /// The professions of the people here, by name (for the filter).
    pub professions: Vec<String>,
    /// People by their worst status: the one-line summary.
    pub summary: Tally,
    /// Cells per requirement, in the order of `requirements`.
    pub by_requirement: Vec<Tally>,
    /// Cells per sub-unit of `unit` (and `unit` itself for the people right in it).
    pub by_unit: Vec<UnitTally>,
    /// How many people match the filters (`people` is a page of them, by name).
    pub matching: u32,
    pub offset: u32,
    pub people: Vec<DashboardPerson>,
    /// The day the statuses are for.
    pub today: NaiveDate,
}

/// The roll-up of one sub-unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnitTally {
    pub unit_id: i64,
    pub tally: Tally,
}

/// Which people a dashboard page shows, by their worst status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeopleFilter {
    /// Something overdue or expired.
    Red,
    /// Something due soon or not done, nothing red.
    Yellow,
    /// Fully up to date.
    Green,
}

impl PeopleFilter {
    pub const ALL: [PeopleFilter; 3] =
        [PeopleFilter::Red, PeopleFilter::Yellow, PeopleFilter::Green];

    /// The stable identifier (`?status=`), as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            PeopleFilter::Red => "red",
            PeopleFilter::Yellow => "yellow",
            PeopleFilter::Green => "green",
        }
    }

    /// Parses the stable identifier back; `None` for anything else.
    pub fn parse(s: &str) -> Option<PeopleFilter> {
        PeopleFilter::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn colour(self) -> StatusColour {
        match self {
            PeopleFilter::Red => StatusColour::Red,
            PeopleFilter::Yellow => StatusColour::Yellow,
            PeopleFilter::Green => StatusColour::Green,
        }
    }
}

/// How many cells (or people) are green, yellow, red, or not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Tally {
    pub green: u32,
    pub yellow: u32,
    pub red: u32,
    pub not_applicable: u32,
}

impl Tally {
    pub fn add(&mut self, colour: Option<StatusColour>) {
        match colour {
            Some(StatusColour::Green) => self.green += 1,
            Some(StatusColour::Yellow) => self.yellow += 1,
            Some(StatusColour::Red) => self.red += 1,
            None => self.not_applicable += 1,
        }
    }

    /// Adds the counts of `other` (the tallies of two groups of people or cells, together).
    pub fn add_tally(&mut self, other: Tally) {
        self.green += other.green;
        self.yellow += other.yellow;
        self.red += other.red;
        self.not_applicable += other.not_applicable;
    }

    /// Green, yellow and red together (what the percentages are of).
    pub fn counted(&self) -> u32 {
        self.green + self.yellow + self.red
    }

    /// Whole percent of the counted cells with this colour, rounded half up; 0 of none.
    pub fn percent(&self, colour: StatusColour) -> u32 {
        let n = match colour {
            StatusColour::Green => self.green,
            StatusColour::Yellow => self.yellow,
            StatusColour::Red => self.red,
        };
        let total = self.counted();
        if total == 0 {
            0
        } else {
            ((u64::from(n) * 200 + u64::from(total)) / (2 * u64::from(total))) as u32
        }
    }
}

/// A person's overall colour: red if anything is red, yellow if anything is yellow, else
/// green (also when nothing applies to them).
pub fn person_colour<'a>(
    cells: impl IntoIterator<Item = &'a Option<RequirementStatus>>,
) -> StatusColour {
    let mut worst = StatusColour::Green;
    for colour in cells.into_iter().flatten().filter_map(|s| s.colour()) {
        match colour {
            StatusColour::Red => return StatusColour::Red,
            StatusColour::Yellow => worst = StatusColour::Yellow,
            StatusColour::Green => {}
        }
    }
    worst
}

/// The dashboard's one-line summary: how many people are fully up to date (green), have
/// something due or expiring (yellow), or something overdue or expired (red).
pub fn summary<'a>(people: impl IntoIterator<Item = &'a DashboardPerson>) -> Tally {
    let mut t = Tally::default();
    for p in people {
        t.add(Some(person_colour(&p.cells)));
    }
    t
}

/// Cells per requirement (one tally per column of `requirements`).
pub fn per_requirement<'a>(
    requirement_count: usize,
    people: impl IntoIterator<Item = &'a DashboardPerson>,
) -> Vec<Tally> {
    let mut tallies = vec![Tally::default(); requirement_count];
    for p in people {
        for (t, cell) in tallies.iter_mut().zip(&p.cells) {
            if let Some(status) = cell {
                t.add(status.colour());
            }
        }
    }
    tallies
}

/// Cells per sub-unit of the dashboard's unit: for each direct child of `root` (and for
/// `root` itself, holding the people placed right in it), the tally of every cell of the
/// people in it or below it. In the order of `units`.
pub fn per_sub_unit(
    root: i64,
    units: &[UnitNode],
    people: &[DashboardPerson],
) -> Vec<(i64, Tally)> {
    let parents: std::collections::BTreeMap<i64, Option<i64>> =
        units.iter().map(|u| (u.id, u.parent_id)).collect();
    let parent_of = |id: i64| parents.get(&id).copied().flatten();
    let mut groups: Vec<(i64, Tally)> = std::iter::once(root)
        .chain(
            units
                .iter()
                .filter(|u| u.parent_id == Some(root))
                .map(|u| u.id),
        )
        .map(|id| (id, Tally::default()))
        .collect();
    for p in people {
        // The child of `root` on this person's path, or `root` itself.
        let path = unit_path(p.unit_id, parent_of);
        let group = match path.iter().position(|&u| u == root) {
            Some(0) => root,
            Some(i) => path[i - 1],
            None => continue,
        };
        if let Some((_, t)) = groups.iter_mut().find(|(id, _)| *id == group) {
            for status in p.cells.iter().flatten() {
                t.add(status.colour());
            }
        }
    }
    groups
}

/// Body of `POST /api/v1/leader/people/{id}/external-completions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ExternalCompletionRequest {
    /// The module (a requirement of the person's) it counts as.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 100, pattern = "^[a-z0-9-]{1,100}$")
    )]
    pub module: String,
    /// The day it was completed: not in the future.
    pub completed_on: NaiveDate,
    /// What was done, where (shown to the person): visible text, no control characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 500,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub note: String,
}

/// Checks an external completion: a module slug, a note, and a day that is not after
/// `today` (a completion cannot be approved before it happened).
pub fn validate_external_completion(
    req: &ExternalCompletionRequest,
    today: NaiveDate,
) -> Result<(), FieldError> {
    validate_slug(&req.module).map_err(|e| FieldError {
        field: "module",
        ..e
    })?;
    check_text("note", &req.note, EXTERNAL_NOTE_MAX_CHARS)?;
    if req.completed_on > today {
        return Err(FieldError {
            field: "completed_on",
            problem: Problem::InFuture,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::requirement_status;

    #[test]
    fn an_external_completion_has_a_module_a_note_and_a_past_date() {
        let today = d(2026, 11, 26);
        let ok = ExternalCompletionRequest {
            module: "hjerte-lunge-redning".into(),
            completed_on: today,
            note: "Praktisk HLR-trening, Vestfjord sykehus".into(),
        };
        assert_eq!(validate_external_completion(&ok, today), Ok(()));
        let tomorrow = ExternalCompletionRequest {
            completed_on: d(2026, 11, 27),
            ..ok.clone()
        };
        assert_eq!(
            validate_external_completion(&tomorrow, today)
                .unwrap_err()
                .field,
            "completed_on"
        );
        let no_note = ExternalCompletionRequest {
            note: "  ".into(),
            ..ok.clone()
        };
        assert_eq!(
            validate_external_completion(&no_note, today),
            Err(FieldError {
                field: "note",
                problem: Problem::Required
            })
        );
        let bad_module = ExternalCompletionRequest {
            module: "HLR kurs".into(),
            ..ok
        };
        assert_eq!(
            validate_external_completion(&bad_module, today)
                .unwrap_err()
                .field,
            "module"
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn people_filters_read_as_serde_writes_them() {
        for f in PeopleFilter::ALL {
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
            assert_eq!(PeopleFilter::parse(f.as_str()), Some(f));
        }
        assert_eq!(PeopleFilter::parse("all"), None);
    }

    #[test]
    fn due_rules() {
        assert_eq!(
            DueRule::AfterJoining { days: 30 }.due_on(d(2026, 1, 15)),
            d(2026, 2, 14)
        );
        assert_eq!(
            DueRule::AfterJoining { days: 1 }.due_on(d(2028, 2, 28)),
            d(2028, 2, 29),
            "leap day"
        );
        assert_eq!(
            DueRule::By {
                date: d(2027, 3, 1)
            }
            .due_on(d(2026, 1, 15)),
            d(2027, 3, 1)
        );
        assert_eq!(
            DueRule::AfterJoining { days: u32::MAX }.due_on(NaiveDate::MAX),
            NaiveDate::MAX
        );
    }

    #[test]
    fn a_unit_plan_covers_its_unit_and_perhaps_those_below() {
        // hospital 1 -> clinic 2 -> ward 3
        let ward = [3, 2, 1];
        let clinic = [2, 1];
        let central = PlanScope {
            unit: None,
            include_sub_units: false,
            professions: vec![],
        };
        assert_eq!(central.coverage(&ward, None), Coverage::Applies);
        let clinic_plan = PlanScope {
            unit: Some(2),
            include_sub_units: true,
            professions: vec![],
        };
        assert_eq!(clinic_plan.coverage(&ward, Some(7)), Coverage::Applies);
        assert_eq!(clinic_plan.coverage(&clinic, None), Coverage::Applies);
        assert_eq!(
            clinic_plan.coverage(&[1], None),
            Coverage::Outside,
            "the parent is not covered"
        );
        let clinic_only = PlanScope {
            include_sub_units: false,
            ..clinic_plan
        };
        assert_eq!(clinic_only.coverage(&ward, None), Coverage::Outside);
        assert_eq!(clinic_only.coverage(&clinic, None), Coverage::Applies);
    }

    #[test]
    fn a_plan_for_some_professions_is_not_applicable_to_the_others() {
        let nurses = PlanScope {
            unit: None,
            include_sub_units: true,
            professions: vec![10],
        };
        assert_eq!(nurses.coverage(&[1], Some(10)), Coverage::Applies);
        assert_eq!(nurses.coverage(&[1], Some(11)), Coverage::OtherProfession);
        assert_eq!(nurses.coverage(&[1], None), Coverage::OtherProfession);
        let status = requirement_status(false, d(2026, 1, 1), &[], None, d(2026, 6, 1));
        assert_eq!(status, RequirementStatus::NotApplicable);
        assert_eq!(status.colour(), None);
    }

    #[test]
    fn unit_paths_stop_at_the_top_and_at_cycles() {
        let parents = |u: i64| match u {
            3 => Some(2),
            2 => Some(1),
            8 => Some(9),
            9 => Some(8),
            _ => None,
        };
        assert_eq!(unit_path(3, parents), vec![3, 2, 1]);
        assert_eq!(unit_path(1, parents), vec![1]);
        assert_eq!(unit_path(8, parents), vec![8, 9]);
    }

    fn person(id: i64, unit_id: i64, cells: Vec<Option<RequirementStatus>>) -> DashboardPerson {
        DashboardPerson {
            id,
            name: format!("P{id}"),
            unit_id,
            profession: None,
            cells,
        }
    }

    #[test]
    fn the_summary_counts_each_person_once_by_their_worst_cell() {
        let green = Some(RequirementStatus::Valid { until: None });
        let yellow = Some(RequirementStatus::DueSoon {
            due_on: d(2026, 2, 1),
        });
        let red = Some(RequirementStatus::Expired {
            expired_on: d(2026, 1, 1),
        });
        let na = Some(RequirementStatus::NotApplicable);
        let people = vec![
            person(1, 1, vec![green, green]),
            person(2, 1, vec![green, yellow]),
            person(3, 1, vec![yellow, red]),
            person(4, 1, vec![na, None]),
        ];
        let s = summary(&people);
        assert_eq!((s.green, s.yellow, s.red), (2, 1, 1));
        let cols = per_requirement(2, &people);
        assert_eq!(
            cols[0],
            Tally {
                green: 2,
                yellow: 1,
                red: 0,
                not_applicable: 1
            }
        );
        assert_eq!((cols[1].green, cols[1].yellow, cols[1].red), (1, 1, 1));
        assert_eq!(
            cols[1].not_applicable, 0,
            "a requirement outside the unit is not counted"
        );
        assert_eq!(cols[1].percent(StatusColour::Green), 33);
        assert_eq!(cols[0].percent(StatusColour::Yellow), 33);
        assert_eq!(Tally::default().percent(StatusColour::Red), 0);
        let half = Tally {
            green: 1,
            yellow: 0,
            red: 1,
            not_applicable: 0,
        };
        assert_eq!(half.percent(StatusColour::Red), 50);
        let two_thirds = Tally {
            green: 2,
            yellow: 1,
            red: 0,
            not_applicable: 0,
        };
        assert_eq!(
            two_thirds.percent(StatusColour::Green),
            67,
            "rounded half up"
        );
        // Two groups' tallies together are the tally of all their people.
        let mut both = summary(&people[..2]);
        both.add_tally(summary(&people[2..]));
        assert_eq!(both, s);
        let mut columns = cols[0];
        columns.add_tally(cols[1]);
        assert_eq!(
            columns,
            Tally {
                green: 3,
                yellow: 2,
                red: 1,
                not_applicable: 1
            }
        );
    }

    #[test]
    fn sub_units_roll_up_everything_below_them() {
        // clinic 2 -> wards 3 and 4; ward 3 -> team 5
        let node = |id, parent_id, depth| UnitNode {
            id,
            name: format!("U{id}"),
            parent_id,
            depth,
        };
        let units = vec![
            node(2, Some(1), 0),
            node(3, Some(2), 1),
            node(5, Some(3), 2),
            node(4, Some(2), 1),
        ];
        let red = Some(RequirementStatus::Overdue {
            due_on: d(2026, 1, 1),
        });
        let green = Some(RequirementStatus::Valid { until: None });
        let people = vec![
            person(1, 2, vec![green]),
            person(2, 3, vec![red]),
            person(3, 5, vec![green]),
            person(4, 4, vec![red]),
            person(5, 99, vec![red]),
        ];
        let groups = per_sub_unit(2, &units, &people);
        let ids: Vec<i64> = groups.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, vec![2, 3, 4]);
        assert_eq!((groups[0].1.green, groups[0].1.red), (1, 0));
        assert_eq!(
            (groups[1].1.green, groups[1].1.red),
            (1, 1),
            "the team counts in its ward"
        );
        assert_eq!((groups[2].1.green, groups[2].1.red), (0, 1));
    }

    #[test]
    fn red_comes_first_then_the_earliest_date() {
        let item = |title: &str, status| PersonRequirement {
            requirement: Requirement {
                id: 1,
                plan: PlanRef {
                    id: 1,
                    name: "Plan".into(),
                    unit: None,
                },
                target: Target::Module(ModuleRef {
                    slug: "m".into(),
                    title: title.into(),
                }),
                due: DueRule::AfterJoining { days: 30 },
                recertification: None,
            },
            due_on: d(2026, 1, 1),
            status,
            last_completion: None,
            modules: Vec::new(),
            may_start_again: false,
        };
        let mut items = vec![
            item("A", RequirementStatus::Valid { until: None }),
            item("B", RequirementStatus::NotApplicable),
            item(
                "C",
                RequirementStatus::DueSoon {
                    due_on: d(2026, 3, 1),
                },
            ),
            item(
                "D",
                RequirementStatus::Expired {
                    expired_on: d(2026, 2, 1),
                },
            ),
            item(
                "E",
                RequirementStatus::Overdue {
                    due_on: d(2026, 1, 1),
                },
            ),
            item(
                "F",
                RequirementStatus::RenewalOpen {
                    expires_on: d(2026, 2, 15),
                },
            ),
        ];
        sort_requirements(&mut items);
        let order: String = items.iter().map(|i| i.requirement.target.title()).collect();
        assert_eq!(order, "EDFCAB");
    }

    #[test]
    fn a_module_is_started_again_only_in_its_renewal_window_or_once_expired() {
        use crate::training::{Recertification, RecertifyFrom};
        let yearly = Recertification {
            period_months: 12,
            from: RecertifyFrom::CompletionDate,
            window_days: 60,
        };
        let done = [d(2025, 3, 15)];
        let on = |today| requirement_status(true, d(2025, 4, 1), &done, Some(&yearly), today);
        // Valid, the window not yet open: starting again would throw a valid completion away.
        assert!(!may_start_again(on(d(2026, 1, 13)), true));
        // The window opens 60 days before 15 March 2026: 14 January.
        assert!(may_start_again(on(d(2026, 1, 14)), true));
        assert!(may_start_again(on(d(2026, 3, 15)), true), "expired");
        // Done elsewhere (an approved external completion): nothing in Kursbro to restart.
        assert!(!may_start_again(on(d(2026, 3, 15)), false));
        // Once is enough, or not done at all: nothing to renew.
        let once = requirement_status(true, d(2025, 4, 1), &done, None, d(2030, 1, 1));
        assert!(!may_start_again(once, true));
        let never = requirement_status(true, d(2025, 4, 1), &[], Some(&yearly), d(2026, 1, 14));
        assert!(!may_start_again(never, true));
        assert!(!may_start_again(RequirementStatus::NotApplicable, true));
    }
}
