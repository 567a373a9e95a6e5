//! Mandatory training that expires (CPR every 12 months, medication handling every 24, …):
//! the green / yellow / red status leaders follow up.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// A completion turns yellow this many days before it expires.
pub const EXPIRY_WARNING_DAYS: u64 = 60;

/// The traffic-light status of one person's mandatory course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TrainingStatus {
    /// Completed and valid for more than [`EXPIRY_WARNING_DAYS`] days (green).
    Valid,
    /// Completed, but expires within [`EXPIRY_WARNING_DAYS`] days (yellow).
    ExpiringSoon,
    /// Completed once, but no longer valid (red).
    Expired,
    /// Never completed (red).
    Missing,
}

/// The colour shown for a status. Always shown together with text, never alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StatusColour {
    Green,
    Yellow,
    Red,
}

impl TrainingStatus {
    pub fn colour(self) -> StatusColour {
        match self {
            TrainingStatus::Valid => StatusColour::Green,
            TrainingStatus::ExpiringSoon => StatusColour::Yellow,
            TrainingStatus::Expired | TrainingStatus::Missing => StatusColour::Red,
        }
    }
}

/// The first day a completion is no longer valid: `validity_months` after the completion
/// (clamped to the month's last day, so 31 January + 1 month is 28/29 February).
/// `None` when the course never expires.
pub fn expires_on(completed_on: NaiveDate, validity_months: Option<u32>) -> Option<NaiveDate> {
    let months = validity_months?;
    Some(
        completed_on
            .checked_add_months(Months::new(months))
            .unwrap_or(NaiveDate::MAX),
    )
}

/// The status of a course on `today`, given the latest completion (if any).
pub fn training_status(
    completed_on: Option<NaiveDate>,
    validity_months: Option<u32>,
    today: NaiveDate,
) -> TrainingStatus {
    let Some(completed_on) = completed_on else {
        return TrainingStatus::Missing;
    };
    let Some(expiry) = expires_on(completed_on, validity_months) else {
        return TrainingStatus::Valid;
    };
    if today >= expiry {
        TrainingStatus::Expired
    } else if today
        .checked_add_days(Days::new(EXPIRY_WARNING_DAYS))
        .is_none_or(|warn_from| warn_from >= expiry)
    {
        TrainingStatus::ExpiringSoon
    } else {
        TrainingStatus::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn never_completed_is_missing_and_red() {
        let s = training_status(None, Some(12), d(2026, 11, 24));
        assert_eq!(s, TrainingStatus::Missing);
        assert_eq!(s.colour(), StatusColour::Red);
    }

    #[test]
    fn a_course_without_validity_never_expires() {
        let s = training_status(Some(d(2001, 1, 1)), None, d(2026, 11, 24));
        assert_eq!(s, TrainingStatus::Valid);
        assert_eq!(expires_on(d(2001, 1, 1), None), None);
    }

    #[test]
    fn status_moves_green_yellow_red_around_the_expiry_date() {
        let done = d(2025, 12, 1);
        // CPR valid 12 months: expires 2026-12-01.
        assert_eq!(expires_on(done, Some(12)), Some(d(2026, 12, 1)));
        let at = |today| training_status(Some(done), Some(12), today);
        assert_eq!(at(d(2026, 1, 1)), TrainingStatus::Valid);
        // 61 days before expiry: still green; 60 days before: yellow.
        assert_eq!(at(d(2026, 10, 1)), TrainingStatus::Valid);
        assert_eq!(at(d(2026, 10, 2)), TrainingStatus::ExpiringSoon);
        assert_eq!(at(d(2026, 11, 30)), TrainingStatus::ExpiringSoon);
        assert_eq!(at(d(2026, 11, 30)).colour(), StatusColour::Yellow);
        // On the expiry date it is no longer valid.
        assert_eq!(at(d(2026, 12, 1)), TrainingStatus::Expired);
        assert_eq!(at(d(2026, 12, 1)).colour(), StatusColour::Red);
    }

    #[test]
    fn month_ends_are_clamped() {
        assert_eq!(expires_on(d(2026, 1, 31), Some(1)), Some(d(2026, 2, 28)));
        assert_eq!(expires_on(d(2027, 1, 31), Some(1)), Some(d(2027, 2, 28)));
        assert_eq!(expires_on(d(2028, 1, 31), Some(1)), Some(d(2028, 2, 29)));
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let s = training_status(Some(NaiveDate::MAX), Some(1200), NaiveDate::MAX);
        assert_eq!(s, TrainingStatus::Expired);
        let s = training_status(Some(d(2026, 1, 1)), Some(12), NaiveDate::MAX);
        assert_eq!(s, TrainingStatus::Expired);
    }
}
