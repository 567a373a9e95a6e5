use kursbro_shared::api::ModuleDetail;
use kursbro_shared::learning::{EnrolRequest, ModuleLearnerState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::components::module_card::{activity_kind_key, ModuleFacts};
use crate::components::progress::{
    activity_state, progress_with_pending, ActivityState, ProgressBar,
};
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;
use crate::session::use_session;

/// A module and the signed-in learner's state in it; the state is refetched whenever the
/// outbox has delivered something.
#[derive(Clone, Copy)]
pub struct ModuleData {
    pub detail: LocalResource<Result<ModuleDetail, ApiError>>,
    pub state: LocalResource<Option<ModuleLearnerState>>,
}

pub fn use_module_data(slug: Signal<String>) -> ModuleData {
    let session = use_session();
    let outbox = use_outbox();
    let detail = LocalResource::new(move || {
        let slug = slug.get();
        async move { api::module(&slug).await }
    });
    let state = LocalResource::new(move || {
        let slug = slug.get();
        let signed_in = session.me.get().is_some();
        outbox.synced.track();
        async move {
            if signed_in {
                api::module_progress(&slug).await.ok()
            } else {
                None
            }
        }
    });
    ModuleData { detail, state }
}

pub fn slug_param() -> Signal<String> {
    let params = use_params_map();
    Signal::derive(move || params.read().get("slug").unwrap_or_default())
}

#[component]
pub fn ModulePage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = slug_param();
    let data = use_module_data(slug);
    use_title(move || match data.detail.get() {
        Some(Ok(m)) => m.module.title,
        Some(Err(e)) if e.is_not_found() => i18n.t(Key::ModuleNotFound).to_string(),
        _ => i18n.t(Key::Modules).to_string(),
    });
    view! {
        <p class="breadcrumb"><A href="/katalog">{tr(Key::BackToCatalogue)}</A></p>
        <Transition fallback=LoadingIndicator>
            {move || {
                data.detail
                    .get()
                    .map(|result| match result {
                        Ok(detail) => view! { <ModuleView detail=detail data=data/> }.into_any(),
                        Err(e) if e.is_not_found() => view! { <ModuleNotFound/> }.into_any(),
                        Err(error) => {
                            view! { <ErrorMessage error=error on_retry=move |()| data.detail.refetch()/> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

/// What the module and activity pages show for a slug with no published module.
#[component]
pub fn ModuleNotFound() -> impl IntoView {
    view! {
        <h1>{tr(Key::ModuleNotFound)}</h1>
        <p>{tr(Key::ModuleNotFoundText)}</p>
    }
}

/// Enrol / leave for a module or programme, with the enrolment status in words.
#[component]
pub fn EnrolControl(
    target: EnrolRequest,
    #[prop(into)] enrolled: Signal<bool>,
    #[prop(into)] enrolled_directly: Signal<bool>,
    #[prop(into)] on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let act = move |leave: bool| {
        let target = target.clone();
        move |_| {
            let target = target.clone();
            busy.set(true);
            spawn_local(async move {
                let result = if leave {
                    api::leave(&target).await
                } else {
                    api::enrol(&target).await
                };
                busy.set(false);
                match result {
                    Ok(()) => {
                        error.set(None);
                        on_change.run(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let enrol = act(false);
    let leave = act(true);
    view! {
        <div class="enrol">
            {move || {
                if session.me.get().is_none() {
                    view! { <p><A href="/logg-inn">{tr(Key::SignInToTrack)}</A></p> }.into_any()
                } else if enrolled_directly.get() {
                    let leave = leave.clone();
                    view! {
                        <p>{tr(Key::EnrolledDirectly)}</p>
                        <button type="button" class="button secondary" disabled=move || busy.get() on:click=leave>
                            {tr(Key::Leave)}
                        </button>
                    }
                        .into_any()
                } else if enrolled.get() {
                    view! { <p>{tr(Key::EnrolledThrough)}</p> }.into_any()
                } else {
                    let enrol = enrol.clone();
                    view! {
                        <button type="button" class="button" disabled=move || busy.get() on:click=enrol>
                            {tr(Key::Enrol)}
                        </button>
                    }
                        .into_any()
                }
            }}
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e.user_message(i18n.lang())}</p> })}
        </div>
    }
}

#[component]
fn ModuleView(detail: ModuleDetail, data: ModuleData) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let outbox = use_outbox();
    let module = detail.module.clone();
    let slug = module.slug.clone();
    let detail = StoredValue::new(detail);
    let state = move || data.state.get().flatten();
    let progress = Signal::derive(move || {
        detail.with_value(|d| progress_with_pending(d, state().as_ref(), &outbox.pending.get()))
    });
    let programmes = detail.with_value(|d| d.programmes.clone());
    let programmes = (!programmes.is_empty()).then(|| {
        view! {
            <p>
                {tr(Key::PartOfProgrammes)} ": "
                {programmes
                    .into_iter()
                    .map(|p| view! { <A href=format!("/programmer/{}", p.slug)>{p.title}</A> " " })
                    .collect_view()}
            </p>
        }
    });
    let your_progress = move || {
        session.me.get().is_some().then(|| {
            view! {
                <ProgressBar progress=progress label=i18n.t(Key::YourProgress).to_string()/>
            }
        })
    };
    let activities = detail.with_value(|d| d.activities.clone());
    view! {
        <article class="module">
            <h1>{module.title.clone()}</h1>
            <p class="lead">{module.summary.clone()}</p>
            <ModuleFacts module=module.clone()/>
            {programmes}
            <p>{detail.with_value(|d| d.description.clone())}</p>
            {detail.with_value(|d| d.prerequisite.clone()).map(|p| view! {
                <p class="notice">{tr(Key::RequiresFirst)} " " <A href=format!("/moduler/{}", p.slug)>{p.title}</A></p>
            })}
            <section class="your-progress" aria-labelledby="your-progress-heading">
                <h2 id="your-progress-heading">{tr(Key::YourProgress)}</h2>
                {your_progress}
                <EnrolControl
                    target=EnrolRequest::Module(slug.clone())
                    enrolled=Signal::derive(move || state().is_some_and(|s| s.enrolled))
                    enrolled_directly=Signal::derive(move || state().is_some_and(|s| s.enrolled_directly))
                    on_change=move |()| data.state.refetch()
                />
            </section>
            {move || session.me.get().is_some().then(|| view! {
                <p><A href=format!("/moduler/{}/diskusjon", module.slug) attr:class="button secondary">{tr(Key::Discussion)}</A></p>
            })}
            <h2>{tr(Key::Activities)}</h2>
            <ol class="activities">
                {activities
                    .into_iter()
                    .map(|a| {
                        let kind = activity_kind_key(a.kind);
                        let minutes = a.estimated_minutes;
                        let id = a.id;
                        let href = format!("/moduler/{}/aktiviteter/{}", slug, a.id);
                        let status = move || {
                            let s = activity_state(id, state().as_ref(), &outbox.pending.get());
                            match s {
                                ActivityState::Done => Some(view! { <span class="badge badge-done"><span aria-hidden="true">"✓ "</span>{tr(Key::Done)}</span> }.into_any()),
                                ActivityState::DoneWaiting => Some(view! { <span class="badge badge-waiting">{tr(Key::DoneWaiting)}</span> }.into_any()),
                                ActivityState::SubmittedWaiting => Some(view! { <span class="badge badge-waiting">{tr(Key::AnswersWaiting)}</span> }.into_any()),
                                ActivityState::Open => None,
                            }
                        };
                        view! {
                            <li class="activity" data-activity-id=id>
                                <h3 class="activity-title"><A href=href>{a.title}</A></h3>
                                <p class="card-meta">
                                    <span class="tag">{tr(kind)}</span>
                                    " "
                                    {move || i18n::minutes(i18n.lang(), minutes)}
                                    " "
                                    {status}
                                </p>
                                <p>{a.summary}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </article>
    }
}
