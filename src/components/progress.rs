//! Progress as a bar and as words. Colour is never the only signal: every bar has text.

use kursbro_shared::api::ModuleDetail;
use kursbro_shared::learning::{LearningAction, ModuleLearnerState};
use kursbro_shared::progress::{ModuleProgress, ModuleStatus};
use leptos::prelude::*;

use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::Pending;

pub fn status_key(status: ModuleStatus) -> Key {
    match status {
        ModuleStatus::NotStarted => Key::StatusNotStarted,
        ModuleStatus::InProgress => Key::StatusInProgress,
        ModuleStatus::Completed => Key::StatusCompleted,
    }
}

/// A labelled progress bar (the native `<progress>` element: announced by screen readers).
#[component]
pub fn ProgressBar(#[prop(into)] progress: Signal<ModuleProgress>, label: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="progress-line">
            <progress max="100" value=move || progress.get().percent() aria-label=label></progress>
            <span class="progress-text">
                {move || {
                    let p = progress.get();
                    i18n::activities_done(i18n.lang(), p.completed, p.total)
                }}
            </span>
        </div>
    }
}

/// A status word with a matching mark, for cards and tables.
#[component]
pub fn StatusBadge(status: ModuleStatus, #[prop(optional)] percent: Option<u8>) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        ModuleStatus::NotStarted => "badge badge-none",
        ModuleStatus::InProgress => "badge badge-progress",
        ModuleStatus::Completed => "badge badge-done",
    };
    let mark = match status {
        ModuleStatus::NotStarted => "○",
        ModuleStatus::InProgress => "◐",
        ModuleStatus::Completed => "✓",
    };
    view! {
        <span class=class>
            <span aria-hidden="true">{mark} " "</span>
            {tr(status_key(status))}
            {move || {
                percent
                    .filter(|_| status == ModuleStatus::InProgress)
                    .map(|p| format!(" · {}", i18n::percent_done(i18n.lang(), p)))
            }}
        </span>
    }
}

/// How an activity stands for this learner, counting what waits in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityState {
    Open,
    Done,
    /// Done on this device, not yet confirmed by the server.
    DoneWaiting,
    /// Quiz answers waiting to be sent (the result is not known yet).
    SubmittedWaiting,
}

pub fn activity_state(
    activity_id: i64,
    state: Option<&ModuleLearnerState>,
    pending: &[Pending],
) -> ActivityState {
    if state.is_some_and(|s| s.completions.iter().any(|c| c.activity_id == activity_id)) {
        return ActivityState::Done;
    }
    let waiting: Vec<&LearningAction> = pending
        .iter()
        .map(|p| &p.event.action)
        .filter(|a| a.activity_id() == activity_id)
        .collect();
    if waiting.is_empty() {
        ActivityState::Open
    } else if waiting
        .iter()
        .all(|a| matches!(a, LearningAction::QuizSubmitted { .. }))
    {
        ActivityState::SubmittedWaiting
    } else {
        ActivityState::DoneWaiting
    }
}

/// Module progress including what waits in the outbox (a quiz counts only once passed).
pub fn progress_with_pending(
    detail: &ModuleDetail,
    state: Option<&ModuleLearnerState>,
    pending: &[Pending],
) -> ModuleProgress {
    let done = detail
        .activities
        .iter()
        .filter(|a| {
            matches!(
                activity_state(a.id, state, pending),
                ActivityState::Done | ActivityState::DoneWaiting
            )
        })
        .count();
    ModuleProgress::new(
        u32::try_from(done).unwrap_or(u32::MAX),
        u32::try_from(detail.activities.len()).unwrap_or(u32::MAX),
    )
}
