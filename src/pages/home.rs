use kursbro_shared::cohort_grid::CohortNotice;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api;
use crate::components::submit::focus;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::pages::LatestNews;
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
            <h1 id="home-title" tabindex="-1">{tr(Key::HomeTitle)}</h1>
            {greeting}
            <Show when=move || session.me.get().is_some()>
                <CohortNotices/>
            </Show>
            <p class="lead">{tr(Key::HomeIntro)}</p>
            <A href=routes::CATALOGUE attr:class="button">{tr(Key::HomeBrowse)}</A>
        </section>
        <section class="audiences">
            <div class="audience">
                <h2>{tr(Key::HomeForLearners)}</h2>
                <p>{tr(Key::HomeForLearnersText)}</p>
                <p><A href=routes::COURSE_PROGRAMME>{tr(Key::SeeCourseProgramme)}</A></p>
            </div>
            <div class="audience">
                <h2>{tr(Key::HomeForFacilitators)}</h2>
                <p>{tr(Key::HomeForFacilitatorsText)}</p>
            </div>
            <div class="audience">
                <h2>{tr(Key::HomeForLeaders)}</h2>
                <p>{tr(Key::HomeForLeadersText)}</p>
                <Show when=move || session.me.get().is_some_and(|m| m.grants.follows_up())>
                    <p><A href=routes::DASHBOARD>{tr(Key::HomeToDashboard)}</A></p>
                </Show>
            </div>
        </section>
        <LatestNews/>
    }
}

/// Cohorts the learner has been added to since they last looked, and who can now follow
/// their work there. Each stays until acknowledged (on any device).
#[component]
fn CohortNotices() -> impl IntoView {
    let i18n = use_i18n();
    let notices = RwSignal::new(Vec::<CohortNotice>::new());
    spawn_local(async move {
        // Offline or failed: nothing to show now; the notice waits for the next visit.
        if let Ok(list) = api::cohort_notices().await {
            notices.try_set(list);
        }
    });
    let seen = move |cohort: i64| {
        spawn_local(async move {
            if api::acknowledge_cohort_notice(cohort).await.is_ok() {
                // `try_`: the person may have left the page meanwhile.
                notices.try_update(|n| n.retain(|x| x.cohort_id != cohort));
                let Some(empty) = notices.try_with_untracked(Vec::is_empty) else {
                    return;
                };
                // The button is gone: keep the keyboard where the reader is.
                focus(if empty {
                    "home-title"
                } else {
                    "notices-heading"
                });
            }
        });
    };
    view! {
        <Show when=move || !notices.get().is_empty()>
            <section class="notices" aria-labelledby="notices-heading">
                <h2 id="notices-heading" tabindex="-1">{tr(Key::CohortNoticesTitle)}</h2>
                <For each=move || notices.get() key=|n| n.cohort_id let:n>
                    <div class="notice cohort-notice">
                        <p id=format!("cohort-notice-{}", n.cohort_id)>{
                            let n = n.clone();
                            move || i18n::cohort_notice(i18n.lang(), &n)
                        }</p>
                        // Several notices, several "Got it" buttons: each says which it is for.
                        <button type="button" class="button secondary"
                            aria-describedby=format!("cohort-notice-{}", n.cohort_id)
                            on:click=move |_| seen(n.cohort_id)>
                            {tr(Key::NoticeSeen)}
                        </button>
                    </div>
                </For>
            </section>
        </Show>
    }
}
