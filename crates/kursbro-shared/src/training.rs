//! Mandatory training that expires (CPR every 12 months, medication handling every 24, …):
//! the green / yellow / red status leaders follow up.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// An unfinished requirement turns "due soon" (yellow) this many days before it is due.
pub const DUE_WARNING_DAYS: u32 = 60;

/// The colour shown for a status. Always shown together with text, never alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusColour {
    Green,
    Yellow,
    Red,
}

/// The first day a completion is no longer valid: `validity_months` after the completion
/// (clamped to the month's last day, so 31 January + 1 month is 28/29 February).
/// `None` when the course never expires.
pub fn expires_on(completed_on: NaiveDate, validity_months: Option<u32>) -> Option<NaiveDate> {
    Some(add_months(completed_on, validity_months?))
}

// --- competence plans: requirements, recertification and their status ------------------

/// Where the next expiry of a recurring requirement counts from (the three ways of Totara's
/// certifications).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case", tag = "from")]
pub enum RecertifyFrom {
    /// `period` after the day it was completed.
    CompletionDate,
    /// `period` after the previous expiry, when renewed inside the window: completing early
    /// costs nothing. Renewed after it lapsed, it counts from the completion.
    ExpiryDate,
    /// On a fixed day of the year (every 1 January): the first such day, `period` apart,
    /// that leaves at least `min_validity_months` after the completion.
    FixedDate {
        month: u32,
        day: u32,
        min_validity_months: u32,
    },
}

/// How a recurring requirement is renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Recertification {
    /// How long a completion is valid (12 for CPR every year).
    pub period_months: u32,
    pub from: RecertifyFrom,
    /// The renewal window opens this many days before the expiry. Completing before the
    /// window does not renew (it is kept in the history).
    pub window_days: u32,
}

fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn days_before(d: NaiveDate, days: u32) -> NaiveDate {
    d.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

/// `month`/`day` of `year`, with 29 February (or a 31st) clamped to the month's last day.
fn fixed_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let month = month.clamp(1, 12);
    (1..=day.clamp(1, 31))
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

impl Recertification {
    /// The day the renewal window of a certification expiring on `expiry` opens.
    pub fn window_opens(&self, expiry: NaiveDate) -> NaiveDate {
        days_before(expiry, self.window_days)
    }

    /// The first day a completion on `completed_on` is no longer valid. `previous_expiry`
    /// is the expiry of the certification it renews, if it renews one inside its window.
    pub fn next_expiry(
        &self,
        completed_on: NaiveDate,
        previous_expiry: Option<NaiveDate>,
    ) -> NaiveDate {
        match self.from {
            RecertifyFrom::CompletionDate => add_months(completed_on, self.period_months),
            RecertifyFrom::ExpiryDate => match previous_expiry {
                Some(previous) if completed_on < previous => {
                    add_months(previous, self.period_months)
                }
                _ => add_months(completed_on, self.period_months),
            },
            RecertifyFrom::FixedDate {
                month,
                day,
                min_validity_months,
            } => {
                use chrono::Datelike;
                let at_least = add_months(completed_on, min_validity_months);
                // The fixed days are the last one on or before the completion and every
                // `period` months from it (1 January and 1 July for six months), each on
                // the fixed day of its month (29 February only in leap years). The expiry
                // is the first of them after the completion that leaves the minimum
                // validity. Bounded: a one-month period gets there within 1,200 steps.
                let base = [completed_on.year(), completed_on.year() - 1]
                    .into_iter()
                    .filter_map(|y| fixed_day(y, month, day))
                    .find(|d| *d <= completed_on)
                    .unwrap_or(completed_on);
                let step = self.period_months.max(1);
                let mut k: u32 = 1;
                loop {
                    let next = add_months(base, step.saturating_mul(k));
                    let candidate = fixed_day(next.year(), next.month(), day).unwrap_or(next);
                    let enough = candidate > completed_on && candidate >= at_least;
                    if enough || candidate == NaiveDate::MAX {
                        break candidate;
                    }
                    if k >= 1_200 {
                        // Only at the ends of the calendar: never before the minimum.
                        break candidate.max(at_least);
                    }
                    k += 1;
                }
            }
        }
    }
}

/// One completion in the history of a requirement, newest last: in Kursbro, or approved by
/// a leader when it happened elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CertificationPeriod {
    pub completed_on: NaiveDate,
    /// `None`: valid for good (a requirement that does not recur).
    pub expires_on: Option<NaiveDate>,
}

/// Walks completions already in date order and hands each period that counted to `f`.
fn walk_periods(
    sorted: &[NaiveDate],
    recertification: Option<&Recertification>,
    mut f: impl FnMut(CertificationPeriod),
) {
    let Some(rule) = recertification else {
        if let Some(&completed_on) = sorted.first() {
            f(CertificationPeriod {
                completed_on,
                expires_on: None,
            });
        }
        return;
    };
    let mut previous: Option<NaiveDate> = None;
    for &completed_on in sorted {
        let counts = match previous {
            None => true,
            Some(expiry) => completed_on >= rule.window_opens(expiry),
        };
        if counts {
            let renewing = previous.filter(|e| completed_on < *e);
            let expiry = rule.next_expiry(completed_on, renewing);
            previous = Some(expiry);
            f(CertificationPeriod {
                completed_on,
                expires_on: Some(expiry),
            });
        }
    }
}

/// Walks a person's completions of a requirement in date order and returns the periods
/// that counted: the first completion, each renewal inside a window, and each completion
/// after a lapse. A completion before the window opens renews nothing (it stays in the
/// history but changes no date).
pub fn certification_history(
    completions: &[NaiveDate],
    recertification: Option<&Recertification>,
) -> Vec<CertificationPeriod> {
    let mut sorted = completions.to_vec();
    sorted.sort();
    let mut periods = Vec::new();
    walk_periods(&sorted, recertification, |p| periods.push(p));
    periods
}

/// The period a person's status rests on today: the last that counted of their completions
/// (in any order) up to `today`; dated after today (a clock ahead) they do not count yet.
/// `None` when nothing counts.
pub fn current_period(
    completions: &[NaiveDate],
    recertification: Option<&Recertification>,
    today: NaiveDate,
) -> Option<CertificationPeriod> {
    // Sorted and in the past is the usual case, and needs no copy (the overview asks this
    // a million times).
    let copy: Vec<NaiveDate>;
    let done: &[NaiveDate] = if completions.is_sorted() && completions.iter().all(|d| *d <= today) {
        completions
    } else {
        let mut v: Vec<NaiveDate> = completions
            .iter()
            .copied()
            .filter(|d| *d <= today)
            .collect();
        v.sort();
        copy = v;
        &copy
    };
    let mut last = None;
    walk_periods(done, recertification, |p| last = Some(p));
    last
}

/// The days a programme was completed, from the days each of its modules was (each list
/// in any order): first the day the last of its modules was first done; after that, each
/// day by which every module had been done again since the programme's previous
/// completion (a renewal is the whole programme again, not one module of it). Empty when
/// one of its modules was never done, or it has none. What a requirement on a programme
/// hands to [`requirement_status`] as its completions.
pub fn programme_completions(modules: &[Vec<NaiveDate>]) -> Vec<NaiveDate> {
    if modules.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    loop {
        // Each module's first completion after the programme's previous one; the programme
        // is complete again once the last of them is.
        let mut latest = NaiveDate::MIN;
        for days in modules {
            let next = days
                .iter()
                .copied()
                .filter(|d| previous.is_none_or(|p| *d > p))
                .min();
            match next {
                Some(d) => latest = latest.max(d),
                None => return out,
            }
        }
        out.push(latest);
        previous = Some(latest);
    }
}

/// Where one person stands with one requirement of a competence plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum RequirementStatus {
    /// Approved and valid (green); `until` is `None` when it does not expire.
    Valid { until: Option<NaiveDate> },
    /// Approved, and the renewal window is open: renew before `expires_on` (yellow).
    RenewalOpen { expires_on: NaiveDate },
    /// Not done yet, due on `due_on`, within the warning period (yellow).
    DueSoon { due_on: NaiveDate },
    /// Not done yet, due on `due_on`, later than the warning period (yellow too: it is
    /// still owed, but nothing is late).
    NotYetDue { due_on: NaiveDate },
    /// Not done and the due date has passed (red).
    Overdue { due_on: NaiveDate },
    /// Was approved, but expired on `expired_on` (red).
    Expired { expired_on: NaiveDate },
    /// The plan does not cover this person's profession.
    NotApplicable,
}

impl RequirementStatus {
    /// Green, yellow or red; `None` for "not applicable". Always shown with text.
    pub fn colour(self) -> Option<StatusColour> {
        match self {
            RequirementStatus::Valid { .. } => Some(StatusColour::Green),
            RequirementStatus::RenewalOpen { .. }
            | RequirementStatus::DueSoon { .. }
            | RequirementStatus::NotYetDue { .. } => Some(StatusColour::Yellow),
            RequirementStatus::Overdue { .. } | RequirementStatus::Expired { .. } => {
                Some(StatusColour::Red)
            }
            RequirementStatus::NotApplicable => None,
        }
    }

    /// For sorting: red first, then yellow, then green, then not applicable.
    pub fn urgency(self) -> u8 {
        match self.colour() {
            Some(StatusColour::Red) => 0,
            Some(StatusColour::Yellow) => 1,
            Some(StatusColour::Green) => 2,
            None => 3,
        }
    }
}

/// The one rule for a requirement's status, used by the learner's page, the leader's
/// dashboard, the CSV and the tests. `due_on` is when the first completion is due (from
/// the plan's due rule); `completions` are every approved completion, in any order; an
/// unfinished requirement turns "due soon" [`DUE_WARNING_DAYS`] days before it is due.
pub fn requirement_status(
    applies: bool,
    due_on: NaiveDate,
    completions: &[NaiveDate],
    recertification: Option<&Recertification>,
    today: NaiveDate,
) -> RequirementStatus {
    if !applies {
        return RequirementStatus::NotApplicable;
    }
    let Some(current) = current_period(completions, recertification, today) else {
        let warn_from = days_before(due_on, DUE_WARNING_DAYS);
        return if today > due_on {
            RequirementStatus::Overdue { due_on }
        } else if today >= warn_from {
            RequirementStatus::DueSoon { due_on }
        } else {
            RequirementStatus::NotYetDue { due_on }
        };
    };
    match (current.expires_on, recertification) {
        (None, _) | (_, None) => RequirementStatus::Valid { until: None },
        (Some(expiry), Some(rule)) => {
            if today >= expiry {
                RequirementStatus::Expired { expired_on: expiry }
            } else if today >= rule.window_opens(expiry) {
                RequirementStatus::RenewalOpen { expires_on: expiry }
            } else {
                RequirementStatus::Valid {
                    until: Some(expiry),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_course_without_validity_never_expires() {
        assert_eq!(expires_on(d(2001, 1, 1), None), None);
        assert_eq!(expires_on(d(2025, 12, 1), Some(12)), Some(d(2026, 12, 1)));
        assert_eq!(expires_on(NaiveDate::MAX, Some(1200)), Some(NaiveDate::MAX));
    }

    #[test]
    fn month_ends_are_clamped() {
        assert_eq!(expires_on(d(2026, 1, 31), Some(1)), Some(d(2026, 2, 28)));
        assert_eq!(expires_on(d(2027, 1, 31), Some(1)), Some(d(2027, 2, 28)));
        assert_eq!(expires_on(d(2028, 1, 31), Some(1)), Some(d(2028, 2, 29)));
    }

    // --- recertification ------------------------------------------------------------

    fn rule(period_months: u32, from: RecertifyFrom, window_days: u32) -> Recertification {
        Recertification {
            period_months,
            from,
            window_days,
        }
    }

    #[test]
    fn from_the_completion_date_a_renewal_counts_from_its_own_date() {
        // CPR every 12 months from completion, window 60 days.
        let cpr = rule(12, RecertifyFrom::CompletionDate, 60);
        let h = certification_history(&[d(2025, 3, 10), d(2026, 2, 1)], Some(&cpr));
        // 2026-02-01 is inside the window of 2026-03-10: renewed, from its own date.
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].expires_on, Some(d(2026, 3, 10)));
        assert_eq!(h[1].expires_on, Some(d(2027, 2, 1)));
    }

    #[test]
    fn from_the_expiry_date_completing_early_costs_nothing() {
        // Medication handling every 24 months from the expiry date, window 90 days.
        let med = rule(24, RecertifyFrom::ExpiryDate, 90);
        let h = certification_history(&[d(2024, 5, 15), d(2026, 3, 1)], Some(&med));
        assert_eq!(h[0].expires_on, Some(d(2026, 5, 15)));
        // Renewed 75 days early: the new period still runs from 2026-05-15.
        assert_eq!(h[1].expires_on, Some(d(2028, 5, 15)));
        // Renewed after it lapsed: counted from the completion.
        let late = certification_history(&[d(2024, 5, 15), d(2026, 6, 1)], Some(&med));
        assert_eq!(late[1].expires_on, Some(d(2028, 6, 1)));
    }

    #[test]
    fn a_completion_before_the_window_renews_nothing() {
        let cpr = rule(12, RecertifyFrom::CompletionDate, 30);
        let h = certification_history(&[d(2026, 1, 10), d(2026, 6, 1)], Some(&cpr));
        assert_eq!(h.len(), 1, "June is before the window (from 2026-12-11)");
        assert_eq!(h[0].expires_on, Some(d(2027, 1, 10)));
        // On the first day of the window it renews.
        let h = certification_history(&[d(2026, 1, 10), d(2026, 12, 11)], Some(&cpr));
        assert_eq!(h.len(), 2);
        assert_eq!(h[1].expires_on, Some(d(2027, 12, 11)));
        // The order given does not matter.
        assert_eq!(
            certification_history(&[d(2026, 12, 11), d(2026, 1, 10)], Some(&cpr)),
            h
        );
    }

    #[test]
    fn fixed_dates_every_first_of_january_with_a_minimum_validity() {
        let infection = rule(
            12,
            RecertifyFrom::FixedDate {
                month: 1,
                day: 1,
                min_validity_months: 3,
            },
            60,
        );
        // Done in March: valid until the next 1 January.
        assert_eq!(infection.next_expiry(d(2026, 3, 1), None), d(2027, 1, 1));
        // Done in November: less than 3 months to 1 January, so the one after.
        assert_eq!(infection.next_expiry(d(2026, 11, 20), None), d(2028, 1, 1));
        // Done on 1 January itself: the next one.
        assert_eq!(infection.next_expiry(d(2026, 1, 1), None), d(2027, 1, 1));
        // Twice a year (1 January and 1 July): the next one that leaves 3 months.
        let twice = rule(
            6,
            RecertifyFrom::FixedDate {
                month: 1,
                day: 1,
                min_validity_months: 3,
            },
            30,
        );
        assert_eq!(twice.next_expiry(d(2026, 11, 20), None), d(2027, 7, 1));
        assert_eq!(twice.next_expiry(d(2026, 2, 1), None), d(2026, 7, 1));
        assert_eq!(twice.next_expiry(d(2026, 5, 1), None), d(2027, 1, 1));
        // Every 18 months counted from the last 1 January before the completion.
        let eighteen = rule(
            18,
            RecertifyFrom::FixedDate {
                month: 1,
                day: 1,
                min_validity_months: 6,
            },
            30,
        );
        assert_eq!(eighteen.next_expiry(d(2026, 11, 20), None), d(2027, 7, 1));
        assert_eq!(eighteen.next_expiry(d(2027, 3, 1), None), d(2028, 7, 1));
        // A one-month period and a long minimum ends; so do extreme dates.
        let monthly = rule(
            1,
            RecertifyFrom::FixedDate {
                month: 1,
                day: 15,
                min_validity_months: 1_000,
            },
            0,
        );
        assert_eq!(monthly.next_expiry(d(2026, 1, 1), None), d(2109, 5, 15));
        assert_eq!(monthly.next_expiry(NaiveDate::MAX, None), NaiveDate::MAX);
        // Renewed in the window before 2027-01-01.
        let h = certification_history(&[d(2026, 3, 1), d(2026, 11, 15)], Some(&infection));
        assert_eq!(h[1].expires_on, Some(d(2028, 1, 1)));
    }

    #[test]
    fn leap_days_and_month_ends() {
        // A fixed 29 February: clamped to the 28th in ordinary years, the 29th in leap years.
        let leap = rule(
            12,
            RecertifyFrom::FixedDate {
                month: 2,
                day: 29,
                min_validity_months: 0,
            },
            30,
        );
        assert_eq!(leap.next_expiry(d(2026, 5, 1), None), d(2027, 2, 28));
        assert_eq!(leap.next_expiry(d(2027, 5, 1), None), d(2028, 2, 29));
        // From a completion on 29 February: a year later is 28 February.
        let yearly = rule(12, RecertifyFrom::CompletionDate, 30);
        assert_eq!(yearly.next_expiry(d(2028, 2, 29), None), d(2029, 2, 28));
        // 31 August + 6 months: the end of February.
        let half = rule(6, RecertifyFrom::CompletionDate, 30);
        assert_eq!(half.next_expiry(d(2027, 8, 31), None), d(2028, 2, 29));
        assert_eq!(half.next_expiry(d(2026, 8, 31), None), d(2027, 2, 28));
    }

    #[test]
    fn requirement_status_through_a_whole_cycle() {
        let cpr = rule(12, RecertifyFrom::CompletionDate, 60);
        let due = d(2026, 3, 1);
        let at = |done: &[NaiveDate], today| requirement_status(true, due, done, Some(&cpr), today);
        assert_eq!(
            at(&[], d(2025, 12, 1)),
            RequirementStatus::NotYetDue { due_on: due }
        );
        assert_eq!(
            at(&[], d(2026, 1, 1)),
            RequirementStatus::DueSoon { due_on: due }
        );
        assert_eq!(
            at(&[], d(2026, 3, 1)),
            RequirementStatus::DueSoon { due_on: due }
        );
        assert_eq!(
            at(&[], d(2026, 3, 2)),
            RequirementStatus::Overdue { due_on: due }
        );
        let done = [d(2026, 2, 10)];
        assert_eq!(
            at(&done, d(2026, 6, 1)),
            RequirementStatus::Valid {
                until: Some(d(2027, 2, 10))
            }
        );
        assert_eq!(
            at(&done, d(2026, 12, 12)),
            RequirementStatus::RenewalOpen {
                expires_on: d(2027, 2, 10)
            }
        );
        assert_eq!(
            at(&done, d(2027, 2, 10)),
            RequirementStatus::Expired {
                expired_on: d(2027, 2, 10)
            }
        );
        // Renewed in the window: green again, with the new expiry.
        assert_eq!(
            at(&[d(2026, 2, 10), d(2027, 1, 5)], d(2027, 1, 6)),
            RequirementStatus::Valid {
                until: Some(d(2028, 1, 5))
            }
        );
        // Colours and the red-first order.
        assert_eq!(at(&[], d(2026, 3, 2)).colour(), Some(StatusColour::Red));
        assert_eq!(
            at(&done, d(2026, 12, 12)).colour(),
            Some(StatusColour::Yellow)
        );
        assert_eq!(at(&done, d(2026, 6, 1)).colour(), Some(StatusColour::Green));
        let mut sorted = [
            at(&done, d(2026, 6, 1)),
            RequirementStatus::NotApplicable,
            at(&[], d(2026, 3, 2)),
            at(&[], d(2026, 1, 1)),
        ];
        sorted.sort_by_key(|s| s.urgency());
        assert_eq!(sorted[0].colour(), Some(StatusColour::Red));
        assert_eq!(sorted[3], RequirementStatus::NotApplicable);
    }

    #[test]
    fn not_applicable_one_off_requirements_and_future_dated_completions() {
        let cpr = rule(12, RecertifyFrom::CompletionDate, 60);
        let today = d(2026, 11, 26);
        assert_eq!(
            requirement_status(false, today, &[], Some(&cpr), today),
            RequirementStatus::NotApplicable
        );
        assert_eq!(RequirementStatus::NotApplicable.colour(), None);
        // A one-off requirement (no recertification) stays valid once done.
        assert_eq!(
            requirement_status(true, d(2020, 1, 1), &[d(2020, 1, 1)], None, today),
            RequirementStatus::Valid { until: None }
        );
        // A completion dated in the future (a clock ahead) does not count yet.
        assert_eq!(
            requirement_status(true, d(2026, 12, 1), &[d(2027, 1, 1)], Some(&cpr), today),
            RequirementStatus::DueSoon {
                due_on: d(2026, 12, 1)
            }
        );
    }

    #[test]
    fn a_programme_is_complete_when_its_last_module_is_and_again_when_all_are_again() {
        // Three modules, done in any order; the programme on the day the last was done.
        let first = vec![
            vec![d(2025, 3, 1)],
            vec![d(2025, 1, 10)],
            vec![d(2025, 2, 20)],
        ];
        assert_eq!(programme_completions(&first), vec![d(2025, 3, 1)]);
        // A module never done: not complete; no modules at all: never complete.
        assert_eq!(
            programme_completions(&[vec![d(2025, 3, 1)], vec![]]),
            Vec::<NaiveDate>::new()
        );
        assert_eq!(programme_completions(&[]), Vec::<NaiveDate>::new());
        // Renewed: every module done again after 1 March 2025. Module one redone twice
        // counts once; module three's early redo (before the programme was complete) does
        // not count for the renewal.
        let renewed = vec![
            vec![d(2026, 2, 1), d(2025, 3, 1), d(2026, 2, 15)],
            vec![d(2025, 1, 10), d(2026, 1, 20)],
            vec![d(2025, 2, 20), d(2025, 2, 25), d(2026, 2, 10)],
        ];
        assert_eq!(
            programme_completions(&renewed),
            vec![d(2025, 3, 1), d(2026, 2, 10)]
        );
        // Only two of three modules done again: the renewal is not complete.
        let partly = vec![
            vec![d(2025, 3, 1), d(2026, 2, 1)],
            vec![d(2025, 1, 10), d(2026, 1, 20)],
            vec![d(2025, 2, 20)],
        ];
        assert_eq!(programme_completions(&partly), vec![d(2025, 3, 1)]);
        // The status rule takes the programme's days like a module's: valid a year from
        // the renewal.
        let yearly = Recertification {
            period_months: 12,
            from: RecertifyFrom::CompletionDate,
            window_days: 60,
        };
        assert_eq!(
            requirement_status(
                true,
                d(2025, 4, 1),
                &programme_completions(&renewed),
                Some(&yearly),
                d(2026, 3, 1)
            ),
            RequirementStatus::Valid {
                until: Some(d(2027, 2, 10))
            }
        );
    }
}
