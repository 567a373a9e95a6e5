//! The cohort grid: every learner × every module of the cohort's programme, at a glance.
//! One definition of the cell rules, sorting, filtering and summary, used by the server
//! (the grid endpoint, the CSV export) and the app — and, later, the leader view.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::{CohortSummary, ProgrammeRef};
use crate::progress::{ModuleProgress, ModuleStatus};

/// A required module still untouched this many weeks after the cohort started is flagged.
pub const OVERDUE_AFTER_WEEKS: u64 = 4;
/// "Inactive" in the filter: no activity for this many days.
pub const INACTIVE_DAYS: u64 = 14;

/// One cell of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CellStatus {
    NotStarted,
    /// A required module not started `OVERDUE_AFTER_WEEKS` weeks after the cohort began.
    Overdue,
    InProgress {
        percent: u8,
    },
    Completed,
}

/// The rule for one cell.
pub fn cell_status(
    progress: ModuleProgress,
    required: bool,
    cohort_start: NaiveDate,
    today: NaiveDate,
) -> CellStatus {
    match progress.status() {
        ModuleStatus::Completed => CellStatus::Completed,
        ModuleStatus::InProgress => CellStatus::InProgress {
            percent: progress.percent(),
        },
        ModuleStatus::NotStarted => {
            let flag_from = cohort_start.checked_add_days(Days::new(OVERDUE_AFTER_WEEKS * 7));
            if required && flag_from.is_some_and(|d| today >= d) {
                CellStatus::Overdue
            } else {
                CellStatus::NotStarted
            }
        }
    }
}

/// A column: one module of the programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GridModule {
    pub slug: String,
    pub title: String,
    pub required: bool,
    pub activity_count: u32,
}

/// A row: one learner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GridRow {
    pub learner_id: i64,
    pub name: String,
    pub email: String,
    /// One per module, in the order of `CohortGrid::modules`.
    pub cells: Vec<CellStatus>,
    /// Activities completed over all modules of the programme, in whole percent.
    pub overall_percent: u8,
    pub last_activity_at: Option<DateTime<Utc>>,
}

/// How many learners completed a module by the end of each week since the cohort started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CompletionPoint {
    pub week_ending: NaiveDate,
    /// Module completions (learner × module) up to and including that week.
    pub completions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GridSummary {
    pub learners: u32,
    /// Per module, in column order: how many learners completed it.
    pub completed_per_module: Vec<u32>,
    pub median_percent: u8,
    pub completions_over_time: Vec<CompletionPoint>,
}

/// `GET /api/v1/cohorts/{id}/grid`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortGrid {
    pub cohort: CohortSummary,
    pub programme: ProgrammeRef,
    pub modules: Vec<GridModule>,
    pub rows: Vec<GridRow>,
    pub summary: GridSummary,
    /// The day the cells were computed for (the server's today).
    pub as_of: NaiveDate,
}

/// One learner's completed-activity count in one module, and when the last one was done.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerModuleFigures {
    pub learner_id: i64,
    pub module_index: usize,
    pub completed: u32,
    pub module_completed_at: Option<DateTime<Utc>>,
}

/// A learner as the grid needs them.
#[derive(Debug, Clone, PartialEq)]
pub struct GridLearner {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub last_activity_at: Option<DateTime<Utc>>,
}

/// Builds the rows (in the order of `learners`) and the summary.
pub fn build_rows(
    modules: &[GridModule],
    learners: &[GridLearner],
    figures: &[LearnerModuleFigures],
    cohort_start: NaiveDate,
    today: NaiveDate,
) -> (Vec<GridRow>, GridSummary) {
    use std::collections::HashMap;
    let index: HashMap<i64, usize> = learners
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id, i))
        .collect();
    let mut done = vec![vec![0u32; modules.len()]; learners.len()];
    let mut completion_days: Vec<NaiveDate> = Vec::new();
    for f in figures {
        let (Some(&row), true) = (index.get(&f.learner_id), f.module_index < modules.len()) else {
            continue;
        };
        done[row][f.module_index] = f.completed;
        let total = modules[f.module_index].activity_count;
        if total > 0 && f.completed >= total {
            if let Some(at) = f.module_completed_at {
                completion_days.push(at.date_naive());
            }
        }
    }
    let total_activities: u32 = modules.iter().map(|m| m.activity_count).sum();
    let mut completed_per_module = vec![0u32; modules.len()];
    let rows: Vec<GridRow> = learners
        .iter()
        .zip(done)
        .map(|(l, counts)| {
            let mut all_done = 0u32;
            let cells = modules
                .iter()
                .zip(&counts)
                .enumerate()
                .map(|(i, (m, &c))| {
                    let p = ModuleProgress::new(c, m.activity_count);
                    all_done += p.completed;
                    let cell = cell_status(p, m.required, cohort_start, today);
                    if cell == CellStatus::Completed {
                        completed_per_module[i] += 1;
                    }
                    cell
                })
                .collect();
            GridRow {
                learner_id: l.id,
                name: l.name.clone(),
                email: l.email.clone(),
                cells,
                overall_percent: ModuleProgress::new(all_done, total_activities).percent(),
                last_activity_at: l.last_activity_at,
            }
        })
        .collect();
    let mut percents: Vec<u8> = rows.iter().map(|r| r.overall_percent).collect();
    percents.sort_unstable();
    let median_percent = median(&percents);
    let summary = GridSummary {
        learners: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        completed_per_module,
        median_percent,
        completions_over_time: weekly_cumulative(completion_days, cohort_start, today),
    };
    (rows, summary)
}

fn median(sorted: &[u8]) -> u8 {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => ((u16::from(sorted[n / 2 - 1]) + u16::from(sorted[n / 2])) / 2) as u8,
    }
}

/// Cumulative completions at the end of each week from the cohort start to today (at most
/// 104 weeks, the latest ones).
fn weekly_cumulative(
    mut days: Vec<NaiveDate>,
    start: NaiveDate,
    today: NaiveDate,
) -> Vec<CompletionPoint> {
    if today < start {
        return Vec::new();
    }
    days.sort_unstable();
    let weeks = (today - start).num_days() / 7 + 1;
    let first = (weeks - 104).max(0);
    let mut points = Vec::new();
    let mut i = 0;
    for w in 0..weeks {
        let end = start + chrono::Duration::days(w * 7 + 6);
        while i < days.len() && days[i] <= end {
            i += 1;
        }
        if w >= first {
            points.push(CompletionPoint {
                week_ending: end.min(today),
                completions: u32::try_from(i).unwrap_or(u32::MAX),
            });
        }
    }
    points
}

/// A learner's activities in one module, for the facilitator's drill-down.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LearnerModuleDetail {
    pub learner_id: i64,
    pub learner_name: String,
    pub module: ProgrammeRef,
    pub activities: Vec<LearnerActivity>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LearnerActivity {
    pub id: i64,
    pub title: String,
    pub kind: crate::api::ActivityKind,
    pub completed_at: Option<DateTime<Utc>>,
    /// Best quiz score, attempts and whether passed (quizzes only).
    pub quiz: Option<crate::learning::QuizBest>,
    /// The learner's reflection (reflections only; facilitators of the cohort may read it).
    pub reflection: Option<crate::learning::ReflectionText>,
}

/// `POST /api/v1/cohorts`.
/// A cohort the person was added to as a learner and has not acknowledged yet: the app
/// tells them, once, who can now follow their work (`GET /api/v1/me/cohort-notices`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortNotice {
    pub cohort_id: i64,
    pub cohort: String,
    pub organisation: String,
    /// The cohort's programme: work in its modules is what the facilitators can see.
    pub programme: ProgrammeRef,
    pub facilitators: Vec<String>,
    /// When the person was added; their quiz answers and reflections from then on are
    /// visible to the facilitators.
    pub added_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewCohort {
    /// At most `COHORT_NAME_MAX_CHARS`; not blank.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub name: String,
    /// The programme's slug.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[a-z0-9-]{1,100}$"))]
    pub programme: String,
    pub starts_on: NaiveDate,
}

/// A person's place in a cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Learner,
    Facilitator,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Learner => "learner",
            MemberRole::Facilitator => "facilitator",
        }
    }

    /// Parses the stable identifier back; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Learner, Self::Facilitator]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// `POST /api/v1/cohorts/{id}/members`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewMember {
    pub user_id: i64,
    pub role: MemberRole,
}

/// A member as listed for the cohort's facilitators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CohortMember {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: MemberRole,
}

/// `GET /api/v1/cohorts/{id}/members`: one page of the members matching a search
/// (learners first, then facilitators, each by name), and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MemberPage {
    pub members: Vec<CohortMember>,
    pub matching: u32,
    pub offset: u32,
}

/// Longest cohort name, in characters.
pub const COHORT_NAME_MAX_CHARS: usize = 120;
/// Longest text when searching for people to add to a cohort.
pub const CANDIDATE_QUERY_MAX_CHARS: usize = 100;

/// How the rows can be ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Name,
    Progress,
    LastActivity,
}

/// Sorts rows; ties are broken by name so the order is stable and predictable.
/// Names compare the Norwegian way for æ, ø, å (after z, in that order).
pub fn sort_rows(rows: &mut [GridRow], key: SortKey, descending: bool) {
    rows.sort_by(|a, b| {
        let primary = match key {
            SortKey::Name => std::cmp::Ordering::Equal,
            SortKey::Progress => a.overall_percent.cmp(&b.overall_percent),
            SortKey::LastActivity => a.last_activity_at.cmp(&b.last_activity_at),
        };
        let primary = if descending {
            primary.reverse()
        } else {
            primary
        };
        let by_name = norwegian_key(&a.name).cmp(&norwegian_key(&b.name));
        let by_name = if descending && key == SortKey::Name {
            by_name.reverse()
        } else {
            by_name
        };
        primary.then(by_name).then(a.learner_id.cmp(&b.learner_id))
    });
}

/// A sort key that puts æ, ø, å after z (in that order) and ignores case.
pub fn norwegian_key(s: &str) -> Vec<u32> {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'æ' | 'ä' => 'z' as u32 + 1,
            'ø' | 'ö' => 'z' as u32 + 2,
            'å' => 'z' as u32 + 3,
            c => c as u32,
        })
        .collect()
}

/// Which rows to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowFilter {
    All,
    /// Has not completed a single activity.
    NotStartedAnything,
    /// No activity for `INACTIVE_DAYS` days (or never).
    Inactive,
    /// Has at least one overdue required module.
    Overdue,
}

pub fn keep_row(row: &GridRow, filter: RowFilter, now: DateTime<Utc>) -> bool {
    match filter {
        RowFilter::All => true,
        RowFilter::NotStartedAnything => row
            .cells
            .iter()
            .all(|c| matches!(c, CellStatus::NotStarted | CellStatus::Overdue)),
        RowFilter::Inactive => row.last_activity_at.is_none_or(|at| {
            now.signed_duration_since(at) >= chrono::Duration::days(INACTIVE_DAYS as i64)
        }),
        RowFilter::Overdue => row.cells.contains(&CellStatus::Overdue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32) -> DateTime<Utc> {
        d(y, m, day).and_hms_opt(12, 0, 0).unwrap().and_utc()
    }

    #[test]
    fn cells_follow_progress_and_flag_required_modules_after_four_weeks() {
        let start = d(2026, 9, 1);
        let p = |c, t| ModuleProgress::new(c, t);
        assert_eq!(
            cell_status(p(3, 3), true, start, d(2026, 9, 2)),
            CellStatus::Completed
        );
        assert_eq!(
            cell_status(p(1, 4), true, start, d(2026, 12, 1)),
            CellStatus::InProgress { percent: 25 }
        );
        // 27 days in: not yet flagged; 28 days in: flagged.
        assert_eq!(
            cell_status(p(0, 4), true, start, d(2026, 9, 28)),
            CellStatus::NotStarted
        );
        assert_eq!(
            cell_status(p(0, 4), true, start, d(2026, 9, 29)),
            CellStatus::Overdue
        );
        // Optional modules are never flagged.
        assert_eq!(
            cell_status(p(0, 4), false, start, d(2027, 9, 29)),
            CellStatus::NotStarted
        );
    }

    fn modules() -> Vec<GridModule> {
        (0..3)
            .map(|i| GridModule {
                slug: format!("m{i}"),
                title: format!("M{i}"),
                required: i < 2,
                activity_count: 4,
            })
            .collect()
    }

    fn learner(id: i64, name: &str, last: Option<DateTime<Utc>>) -> GridLearner {
        GridLearner {
            id,
            name: name.into(),
            email: format!("{id}@x.no"),
            last_activity_at: last,
        }
    }

    fn fig(
        learner_id: i64,
        module_index: usize,
        completed: u32,
        at: Option<DateTime<Utc>>,
    ) -> LearnerModuleFigures {
        LearnerModuleFigures {
            learner_id,
            module_index,
            completed,
            module_completed_at: at,
        }
    }

    #[test]
    fn rows_summary_and_chart_are_built_from_figures() {
        let start = d(2026, 9, 1);
        let today = d(2026, 9, 20);
        let learners = [
            learner(1, "Ola", Some(at(2026, 9, 10))),
            learner(2, "Kari", Some(at(2026, 9, 3))),
            learner(3, "Per", None),
        ];
        let figures = [
            fig(1, 0, 4, Some(at(2026, 9, 3))),
            fig(1, 1, 4, Some(at(2026, 9, 10))),
            fig(2, 0, 2, Some(at(2026, 9, 3))),
            fig(9, 0, 4, Some(at(2026, 9, 3))), // not a learner of this cohort: ignored
        ];
        let (rows, summary) = build_rows(&modules(), &learners, &figures, start, today);
        assert_eq!(
            rows[0].cells,
            vec![
                CellStatus::Completed,
                CellStatus::Completed,
                CellStatus::NotStarted
            ]
        );
        assert_eq!(rows[0].overall_percent, 66);
        assert_eq!(rows[1].cells[0], CellStatus::InProgress { percent: 50 });
        assert_eq!(rows[1].overall_percent, 16);
        assert_eq!(rows[2].overall_percent, 0);
        assert_eq!(summary.learners, 3);
        assert_eq!(summary.completed_per_module, vec![1, 1, 0]);
        assert_eq!(summary.median_percent, 16);
        let chart: Vec<(NaiveDate, u32)> = summary
            .completions_over_time
            .iter()
            .map(|p| (p.week_ending, p.completions))
            .collect();
        assert_eq!(
            chart,
            vec![(d(2026, 9, 7), 1), (d(2026, 9, 14), 2), (d(2026, 9, 20), 2)]
        );
    }

    #[test]
    fn sorting_is_stable_and_norwegian() {
        let start = d(2026, 9, 1);
        let learners = [
            learner(1, "Åse", Some(at(2026, 9, 5))),
            learner(2, "Øystein", Some(at(2026, 9, 9))),
            learner(3, "Ærlend", None),
            learner(4, "anne", Some(at(2026, 9, 1))),
            learner(5, "Zara", Some(at(2026, 9, 9))),
        ];
        let figures = [fig(2, 0, 4, None), fig(5, 0, 4, None), fig(4, 0, 1, None)];
        let (mut rows, _) = build_rows(&modules(), &learners, &figures, start, start);
        let names = |rows: &[GridRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        sort_rows(&mut rows, SortKey::Name, false);
        assert_eq!(
            names(&rows),
            vec!["anne", "Zara", "Ærlend", "Øystein", "Åse"]
        );
        sort_rows(&mut rows, SortKey::Name, true);
        assert_eq!(
            names(&rows),
            vec!["Åse", "Øystein", "Ærlend", "Zara", "anne"]
        );
        sort_rows(&mut rows, SortKey::Progress, true);
        assert_eq!(
            names(&rows),
            vec!["Zara", "Øystein", "anne", "Ærlend", "Åse"]
        );
        sort_rows(&mut rows, SortKey::LastActivity, false);
        assert_eq!(
            names(&rows),
            vec!["Ærlend", "anne", "Åse", "Zara", "Øystein"]
        );
    }

    #[test]
    fn filters_pick_the_learners_a_facilitator_should_follow_up() {
        let start = d(2026, 9, 1);
        let today = d(2026, 11, 24);
        let now = at(2026, 11, 24);
        let learners = [
            learner(1, "Aktiv", Some(at(2026, 11, 20))),
            learner(2, "Stille", Some(at(2026, 11, 1))),
            learner(3, "Aldri", None),
        ];
        let figures = [fig(1, 0, 4, None), fig(1, 1, 4, None), fig(2, 0, 1, None)];
        let (rows, _) = build_rows(&modules(), &learners, &figures, start, today);
        let kept = |f| {
            rows.iter()
                .filter(|r| keep_row(r, f, now))
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(kept(RowFilter::All).len(), 3);
        assert_eq!(kept(RowFilter::NotStartedAnything), vec!["Aldri"]);
        assert_eq!(kept(RowFilter::Inactive), vec!["Stille", "Aldri"]);
        assert_eq!(kept(RowFilter::Overdue), vec!["Stille", "Aldri"]);
    }

    #[test]
    fn median_of_even_and_empty_lists() {
        assert_eq!(median(&[]), 0);
        assert_eq!(median(&[10, 20]), 15);
        assert_eq!(median(&[0, 50, 100]), 50);
    }

    #[test]
    fn the_chart_is_empty_before_the_start_and_capped_at_two_years() {
        assert!(weekly_cumulative(vec![], d(2027, 1, 1), d(2026, 1, 1)).is_empty());
        let long = weekly_cumulative(vec![], d(2020, 1, 1), d(2026, 1, 1));
        assert_eq!(long.len(), 104);
    }
}
