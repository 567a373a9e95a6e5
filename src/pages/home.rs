use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::Tagline).to_string());
    let greeting = move || {
        session.me.get().map(|me| {
            view! { <p class="greeting">{tr(Key::Greeting)} ", " {me.name} "!"</p> }
        })
    };
    view! {
        <section class="hero">
            <h1>{tr(Key::HomeTitle)}</h1>
            {greeting}
            <p class="lead">{tr(Key::HomeIntro)}</p>
            <A href=routes::CATALOGUE attr:class="button">{tr(Key::HomeBrowse)}</A>
        </section>
        <section class="audiences">
            <div class="audience">
                <h2>{tr(Key::HomeForLearners)}</h2>
                <p>{tr(Key::HomeForLearnersText)}</p>
            </div>
            <div class="audience">
                <h2>{tr(Key::HomeForFacilitators)}</h2>
                <p>{tr(Key::HomeForFacilitatorsText)}</p>
            </div>
        </section>
    }
}
