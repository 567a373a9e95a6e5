use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::NotFoundTitle).to_string());
    view! {
        <section class="not-found">
            <h1>{tr(Key::NotFoundTitle)}</h1>
            <p>{tr(Key::NotFoundText)}</p>
            <A href=routes::HOME attr:class="button">{tr(Key::GoHome)}</A>
        </section>
    }
}
