//! Turning the pages of a list the server sends a page at a time.

use leptos::prelude::*;

use crate::components::submit::focus;
use crate::i18n::{self, tr, use_i18n, Key, Lang};

/// What a pager calls to show the page at an offset: sets `offset` (which `resource` reads),
/// and once `resource` has the new page and it is drawn, moves focus to `status_id` (the
/// page's status line). Focusing at once would focus the old line, which the new page then
/// replaces, and focus would be lost.
pub fn page_turner<T: 'static>(
    resource: LocalResource<T>,
    offset: RwSignal<u32>,
    status_id: &'static str,
) -> impl Fn(u32) + Copy + Send + Sync + 'static {
    let pending = RwSignal::new(false);
    Effect::new(move || {
        let loaded = resource.with(Option::is_some);
        if loaded && pending.get_untracked() {
            pending.set(false);
            request_animation_frame(move || focus(status_id));
        }
    });
    move |to: u32| {
        pending.set(true);
        offset.set(to);
    }
}

/// "Side 2 av 3": the page of `size` items that starts at `offset`, of `total` items.
pub fn page_text(lang: Lang, offset: u32, size: u32, total: u32) -> String {
    i18n::page_of(
        lang,
        (offset / size + 1) as usize,
        total.div_ceil(size).max(1) as usize,
    )
}

/// "Forrige side" and "Neste side" for the page of `size` items at `offset` of `total`, in
/// a navigation landmark named `label`; `turn` is given the offset of the page to show.
/// Nothing when every item fits on one page.
#[component]
pub fn PageButtons(
    label: Key,
    offset: u32,
    size: u32,
    total: u32,
    #[prop(into)] turn: Callback<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let back = offset > 0;
    let more = offset + size < total;
    let (previous, next) = (offset.saturating_sub(size), offset + size);
    (back || more).then(|| {
        view! {
            <nav class="pager" aria-label=move || i18n.t(label)>
                {back.then(|| view! {
                    <button type="button" class="button secondary" on:click=move |_| turn.run(previous)>{tr(Key::PreviousPage)}</button>
                })}
                {more.then(|| view! {
                    <button type="button" class="button secondary" on:click=move |_| turn.run(next)>{tr(Key::NextPage)}</button>
                })}
            </nav>
        }
    })
}
