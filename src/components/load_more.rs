//! "Show more": fetches the next page of a cursor-paged list.

use leptos::prelude::*;

use crate::components::submit::{Submit, SubmitError};
use crate::i18n::{tr, Key};

/// A button that sends `cursor` to `next` while there is one; `next` appends the page and
/// sets the following cursor (or `None` at the end).
#[component]
pub fn LoadMore(
    cursor: RwSignal<Option<String>>,
    next: Submit<String, ()>,
    label: Key,
) -> impl IntoView {
    view! {
        <SubmitError submit=next/>
        <Show when=move || cursor.get().is_some()>
            <button
                type="button"
                class="button secondary"
                disabled=move || next.busy()
                on:click=move |_| {
                    if let Some(c) = cursor.get_untracked() {
                        next.dispatch(c);
                    }
                }
            >
                {tr(label)}
            </button>
        </Show>
    }
}
