//! Loading and error states, the same everywhere.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, use_i18n, Key};

#[component]
pub fn LoadingIndicator() -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">{tr(Key::Loading)}</p>
    }
}

/// An error message with a retry button.
#[component]
pub fn ErrorMessage(error: ApiError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="error-box" role="alert">
            <p>{move || error.user_message(i18n.lang())}</p>
            <button type="button" class="button secondary" on:click=move |_| on_retry.run(())>
                {tr(Key::TryAgain)}
            </button>
        </div>
    }
}
