//! How far a learner has come. One definition, used by the server (dashboards, exports)
//! and by the app (progress bars), so the two can never disagree.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// Where a learner is in one module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModuleStatus {
    NotStarted,
    InProgress,
    Completed,
}

/// Activities completed out of the activities a module has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ModuleProgress {
    pub completed: u32,
    pub total: u32,
}

impl ModuleProgress {
    /// Builds a progress value; completions beyond the number of activities (an activity
    /// withdrawn after it was done) are capped so the figure never exceeds 100 %.
    pub fn new(completed: u32, total: u32) -> Self {
        Self {
            completed: completed.min(total),
            total,
        }
    }

    /// Whole percent, rounded down, so 100 % means every activity is done.
    pub fn percent(self) -> u8 {
        if self.total == 0 {
            return 0;
        }
        // completed <= total, so the result is at most 100.
        (u64::from(self.completed) * 100 / u64::from(self.total)) as u8
    }

    pub fn status(self) -> ModuleStatus {
        if self.total > 0 && self.completed == self.total {
            ModuleStatus::Completed
        } else if self.completed > 0 {
            ModuleStatus::InProgress
        } else {
            ModuleStatus::NotStarted
        }
    }
}

/// One module's contribution to a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgrammeModuleState {
    pub required: bool,
    pub status: ModuleStatus,
}

/// The state of a programme: modules may be completed in any order; only required
/// modules count towards completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProgrammeProgress {
    pub required_total: u32,
    pub required_completed: u32,
    pub optional_completed: u32,
}

impl ProgrammeProgress {
    pub fn from_modules(modules: &[ProgrammeModuleState]) -> Self {
        let mut p = ProgrammeProgress {
            required_total: 0,
            required_completed: 0,
            optional_completed: 0,
        };
        for m in modules {
            let done = m.status == ModuleStatus::Completed;
            if m.required {
                p.required_total += 1;
                p.required_completed += u32::from(done);
            } else {
                p.optional_completed += u32::from(done);
            }
        }
        p
    }

    /// A programme with no required modules is never "completed" by default: there is
    /// nothing that defines completion.
    pub fn is_completed(self) -> bool {
        self.required_total > 0 && self.required_completed == self.required_total
    }

    /// How many required modules remain.
    pub fn required_remaining(self) -> u32 {
        self.required_total - self.required_completed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_percent_rounds_down_and_only_full_is_100() {
        assert_eq!(ModuleProgress::new(0, 3).percent(), 0);
        assert_eq!(ModuleProgress::new(1, 3).percent(), 33);
        assert_eq!(ModuleProgress::new(2, 3).percent(), 66);
        assert_eq!(ModuleProgress::new(3, 3).percent(), 100);
        assert_eq!(ModuleProgress::new(199, 200).percent(), 99);
    }

    #[test]
    fn module_status_follows_completions() {
        assert_eq!(ModuleProgress::new(0, 4).status(), ModuleStatus::NotStarted);
        assert_eq!(ModuleProgress::new(1, 4).status(), ModuleStatus::InProgress);
        assert_eq!(ModuleProgress::new(4, 4).status(), ModuleStatus::Completed);
    }

    #[test]
    fn an_empty_module_is_not_started_and_zero_percent() {
        let p = ModuleProgress::new(0, 0);
        assert_eq!(p.percent(), 0);
        assert_eq!(p.status(), ModuleStatus::NotStarted);
    }

    #[test]
    fn completions_beyond_total_are_capped() {
        let p = ModuleProgress::new(5, 3);
        assert_eq!(p.completed, 3);
        assert_eq!(p.percent(), 100);
        assert_eq!(p.status(), ModuleStatus::Completed);
    }

    fn m(required: bool, status: ModuleStatus) -> ProgrammeModuleState {
        ProgrammeModuleState { required, status }
    }

    #[test]
    fn programme_completes_when_all_required_are_done_in_any_order() {
        use ModuleStatus::*;
        // Module 3 finished first, module 1 last: order does not matter.
        let mut modules = [
            m(true, NotStarted),
            m(true, Completed),
            m(true, Completed),
            m(true, Completed),
        ];
        let p = ProgrammeProgress::from_modules(&modules);
        assert!(!p.is_completed());
        assert_eq!(p.required_remaining(), 1);
        modules[0].status = Completed;
        let p = ProgrammeProgress::from_modules(&modules);
        assert!(p.is_completed());
        assert_eq!(p.required_remaining(), 0);
    }

    #[test]
    fn optional_modules_do_not_count_towards_completion() {
        use ModuleStatus::*;
        let p = ProgrammeProgress::from_modules(&[
            m(true, Completed),
            m(true, InProgress),
            m(false, Completed),
            m(false, Completed),
        ]);
        assert_eq!(p.required_total, 2);
        assert_eq!(p.required_completed, 1);
        assert_eq!(p.optional_completed, 2);
        assert!(!p.is_completed());

        let only_required_done =
            ProgrammeProgress::from_modules(&[m(true, Completed), m(false, NotStarted)]);
        assert!(only_required_done.is_completed());
    }

    #[test]
    fn a_programme_without_required_modules_is_never_completed() {
        let p = ProgrammeProgress::from_modules(&[m(false, ModuleStatus::Completed)]);
        assert!(!p.is_completed());
    }
}
