use kursbro_shared::api::{CohortPage, CohortSummary};
use kursbro_shared::cohort_grid::{NewCohort, COHORT_NAME_MAX_CHARS};
use kursbro_shared::validation::{check_text, Problem};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self, COHORTS_PAGE};
use crate::components::field::TextField;
use crate::components::loaded::Loaded;
use crate::components::pager::{page_text, page_turner, PageButtons};
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn CohortsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::CohortsTitle).to_string());
    let offset = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        let signed_in = session.me.get().is_some();
        let at = offset.get();
        async move {
            if signed_in {
                api::cohorts(at).await
            } else {
                Ok(CohortPage {
                    cohorts: Vec::new(),
                    matching: 0,
                    offset: 0,
                })
            }
        }
    });
    let turn = page_turner(list, offset, "cohorts-status");
    let can_facilitate = move || session.me.get().is_some_and(|m| m.grants.may_facilitate());
    view! {
        <h1>{tr(Key::CohortsTitle)}</h1>
        <Show when=move || session.checked.get() && session.me.get().is_none()>
            <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p>
        </Show>
        <Loaded resource=list let:page>
            {if page.cohorts.is_empty() {
                view! { <p>{tr(Key::NoCohorts)}</p> }.into_any()
            } else {
                let (at, total) = (page.offset, page.matching);
                view! {
                    {(total > COHORTS_PAGE).then(|| view! {
                        <p id="cohorts-status" role="status" tabindex="-1">{move || page_text(i18n.lang(), at, COHORTS_PAGE, total)}</p>
                    })}
                    <ul class="card-grid cohort-list">
                        {page.cohorts.into_iter().map(|c| view! { <li><CohortCard cohort=c/></li> }).collect_view()}
                    </ul>
                    <PageButtons label=Key::CohortsTitle offset=at size=COHORTS_PAGE total=total turn=turn/>
                }.into_any()
            }}
        </Loaded>
        <Show when=can_facilitate>
            <NewCohortForm/>
        </Show>
    }
}

#[component]
fn CohortCard(cohort: CohortSummary) -> impl IntoView {
    let i18n = use_i18n();
    let count = cohort.learner_count;
    let starts = cohort.starts_on;
    let href = routes::cohort(cohort.id);
    // Only what this person may open is a link (the server says what that is).
    let title = if cohort.access.grid {
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
            {cohort.access.discussion.then(|| view! {
                <p><A href=routes::cohort_discussion(cohort.id)>{tr(Key::Discussion)}</A></p>
            })}
        </article>
    }
}

#[component]
fn NewCohortForm() -> impl IntoView {
    let navigate = use_navigate();
    let programmes = LocalResource::new(|| async {
        api::catalogue(&Default::default())
            .await
            .map(|c| c.programmes)
    });
    let name = RwSignal::new(String::new());
    let programme = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let navigate = StoredValue::new_local(navigate);
    let create = Submit::new(move |req: &NewCohort| {
        let req = req.clone();
        async move {
            let c = api::create_cohort(&req).await?;
            navigate.with_value(|n| n(&routes::cohort(c.id), Default::default()));
            Ok::<(), FormError>(())
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = name.get_untracked();
        if let Err(e) = check_text("name", name.trim(), COHORT_NAME_MAX_CHARS) {
            focus("cohort-name");
            let key = match e.problem {
                Problem::Required => Key::ErrCohortName,
                _ => Key::ErrInvalidInput,
            };
            create.fail(FormError::Field { field: "name", key });
            return;
        }
        let Ok(starts_on) = starts.get_untracked().parse() else {
            focus("cohort-start");
            create.fail(FormError::Field {
                field: "starts_on",
                key: Key::ErrCohortStart,
            });
            return;
        };
        create.dispatch(NewCohort {
            name,
            programme: programme.get_untracked(),
            starts_on,
        });
    };
    view! {
        <section class="new-cohort" aria-labelledby="new-cohort-heading">
            <h2 id="new-cohort-heading">{tr(Key::NewCohortTitle)}</h2>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=create id="new-cohort-error"/>
                <TextField id="cohort-name" label=Key::CohortName value=name submit=create field="name"
                    describedby="new-cohort-error" maxlength=COHORT_NAME_MAX_CHARS/>
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
                <TextField id="cohort-start" label=Key::CohortStart value=starts submit=create
                    field="starts_on" describedby="new-cohort-error" kind="date"/>
                <button type="submit" class="button" disabled=move || create.busy()>{tr(Key::CreateCohort)}</button>
            </form>
        </section>
    }
}
