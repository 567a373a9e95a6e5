use kursbro_shared::api::CohortSummary;
use kursbro_shared::cohort_grid::NewCohort;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn CohortsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::CohortsTitle).to_string());
    let list = LocalResource::new(move || {
        let signed_in = session.me.get().is_some();
        async move {
            if signed_in {
                api::cohorts().await
            } else {
                Ok(Vec::new())
            }
        }
    });
    let can_facilitate = move || {
        session
            .me
            .get()
            .is_some_and(|m| m.role.may_facilitate())
    };
    view! {
        <h1>{tr(Key::CohortsTitle)}</h1>
        <Show when=move || session.checked.get() && session.me.get().is_none()>
            <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p>
        </Show>
        <Transition fallback=LoadingIndicator>
            {move || list.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p>{tr(Key::NoCohorts)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="card-grid cohort-list">
                        {list.into_iter().map(|c| view! { <li><CohortCard cohort=c can_open=can_facilitate()/></li> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error=error on_retry=move |()| list.refetch()/> }.into_any(),
            })}
        </Transition>
        <Show when=can_facilitate>
            <NewCohortForm/>
        </Show>
    }
}

#[component]
fn CohortCard(cohort: CohortSummary, can_open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let count = cohort.learner_count;
    let starts = cohort.starts_on;
    let href = routes::cohort(cohort.id);
    let title = if can_open {
        view! { <A href=href>{cohort.name.clone()}</A> }.into_any()
    } else {
        view! { <span>{cohort.name.clone()}</span> }.into_any()
    };
    view! {
        <article class="card">
            <h2 class="card-title">{title}</h2>
            <p class="card-meta">{cohort.programme.title.clone()} " · " {cohort.organisation.name.clone()}</p>
            <p>{move || i18n::starts(i18n.lang(), starts)} " · " {move || i18n::learners_count(i18n.lang(), count)}</p>
            <p>{tr(Key::Facilitators)} ": " {cohort.facilitators.join(", ")}</p>
            <p><A href=routes::cohort_discussion(cohort.id)>{tr(Key::Discussion)}</A></p>
        </article>
    }
}

#[component]
fn NewCohortForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let programmes = LocalResource::new(|| async {
        api::catalogue(&Default::default())
            .await
            .map(|c| c.programmes)
    });
    let name = RwSignal::new(String::new());
    let programme = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Result<Key, ApiError>>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name.get_untracked().trim().is_empty() {
            error.set(Some(Ok(Key::ErrCohortName)));
            return;
        }
        let Ok(starts_on) = starts.get_untracked().parse() else {
            error.set(Some(Ok(Key::ErrCohortStart)));
            return;
        };
        let req = NewCohort {
            name: name.get_untracked(),
            programme: programme.get_untracked(),
            starts_on,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::create_cohort(&req).await {
                Ok(c) => navigate(&routes::cohort(c.id), Default::default()),
                Err(e) => error.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="new-cohort" aria-labelledby="new-cohort-heading">
            <h2 id="new-cohort-heading">{tr(Key::NewCohortTitle)}</h2>
            <form on:submit=on_submit novalidate=true>
                <div role="alert">
                    {move || error.get().map(|e| {
                        let text = match e {
                            Ok(key) => i18n.t(key).to_string(),
                            Err(api) => api.user_message(i18n.lang()),
                        };
                        view! { <p class="form-error">{text}</p> }
                    })}
                </div>
                <div class="field">
                    <label for="cohort-name">{tr(Key::CohortName)}</label>
                    <input id="cohort-name" type="text" maxlength="120" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="cohort-programme">{tr(Key::CohortProgramme)}</label>
                    <select id="cohort-programme" prop:value=programme on:change=move |ev| programme.set(event_target_value(&ev))>
                        {move || programmes.get().and_then(Result::ok).map(|list| {
                            if programme.get_untracked().is_empty() {
                                if let Some(first) = list.first() {
                                    programme.set(first.slug.clone());
                                }
                            }
                            list.into_iter().map(|p| view! { <option value=p.slug>{p.title}</option> }).collect_view()
                        })}
                    </select>
                </div>
                <div class="field">
                    <label for="cohort-start">{tr(Key::CohortStart)}</label>
                    <input id="cohort-start" type="date" prop:value=starts on:input=move |ev| starts.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button">{tr(Key::CreateCohort)}</button>
            </form>
        </section>
    }
}
