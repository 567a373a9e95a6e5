use kursbro_shared::api::ModuleDetail;
use kursbro_shared::learning::EnrolRequest;
use kursbro_shared::progress::ModuleStatus;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::GatheringsOf;
use crate::components::enrol::{EnrolControl, ModuleNotFound};
use crate::components::gathering::UpcomingGatherings;
use crate::components::loaded::Loaded;
use crate::components::module_card::{activity_kind_key, ModuleFacts};
use crate::components::progress::{
    activity_state, progress_with_pending, ActivityState, ProgressBar,
};
use crate::components::submit::focus;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;
use crate::pages::FeedbackForm;
use crate::resources::{slug_param, use_module_data, ModuleData};
use crate::routes;
use crate::session::use_session;

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
        <p class="breadcrumb"><A href=routes::CATALOGUE>{tr(Key::BackToCatalogue)}</A></p>
        <Loaded resource=data.detail not_found=ModuleNotFound let:detail>
            <ModuleView detail=detail data=data/>
        </Loaded>
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
                    .map(|p| view! { <A href=routes::programme(&p.slug)>{p.title}</A> " " })
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
    // Once the learner has completed the module (as the server knows it), it asks what they
    // thought of it; after they answer, it thanks them (and asks no more). A memo: a reload
    // of the progress does not rebuild the form (and lose what they typed).
    let thanked = RwSignal::new(false);
    let ask = Memo::new(move |_| {
        !thanked.get()
            && session.me.get().is_some()
            && state().is_some_and(|s| {
                s.progress.status() == ModuleStatus::Completed && !s.feedback_given
            })
    });
    let feedback_slug = slug.clone();
    let feedback = view! {
        <Show when=move || ask.get()>
            <FeedbackForm slug=feedback_slug.clone() on_given=Callback::new(move |()| {
                thanked.set(true);
                request_animation_frame(|| focus("feedback-thanks"));
            })/>
        </Show>
        <p id="feedback-thanks" tabindex="-1" role="status">
            {move || thanked.get().then(|| view! { <span class="notice">{tr(Key::FeedbackThanks)}</span> })}
        </p>
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
                <p class="notice">{tr(Key::RequiresFirst)} " " <A href=routes::module(&p.slug)>{p.title}</A></p>
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
            {feedback}
            {move || session.me.get().is_some().then(|| view! {
                <p><A href=routes::module_discussion(&module.slug) attr:class="button secondary">{tr(Key::Discussion)}</A></p>
            })}
            <h2>{tr(Key::Activities)}</h2>
            <ol class="activities">
                {activities
                    .into_iter()
                    .map(|a| {
                        let kind = activity_kind_key(a.kind);
                        let minutes = a.estimated_minutes;
                        let id = a.id;
                        let href = routes::activity(&slug, a.id);
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
            <UpcomingGatherings of=GatheringsOf::Module(slug.clone()) new_href=routes::new_module_gathering(&slug)/>
        </article>
    }
}
