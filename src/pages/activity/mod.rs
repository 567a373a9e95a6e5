//! One activity: read a lesson, answer a quiz, write a reflection, open an external course.
//! Every action goes through the outbox, so it works the same with and without network.

use kursbro_shared::api::{Activity, ModuleDetail};
use kursbro_shared::learning::{ActivityContent, EnrolRequest, LearningAction};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::enrol::{EnrolControl, ModuleNotFound};
use crate::components::gathering::GatheringItem;
use crate::components::loaded::Loaded;
use crate::components::module_card::activity_kind_key;
use crate::components::progress::{activity_state, ActivityState};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;
use crate::resources::{id_param, slug_param, use_module_data, ModuleData};
use crate::routes;
use crate::session::use_session;

mod quiz;
mod reflection;

use quiz::Quiz;
use reflection::Reflection;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = slug_param();
    let activity_id = id_param();
    let data = use_module_data(slug);
    use_title(move || {
        let id = activity_id.get();
        match data.detail.get() {
            Some(Ok(d)) => d
                .activities
                .into_iter()
                .find(|a| a.id == id)
                .map(|a| a.title),
            _ => None,
        }
        .unwrap_or_else(|| i18n.t(Key::ActivityNotFound).to_string())
    });
    view! {
        <p class="breadcrumb">
            <A href=move || routes::module(&slug.get())>{tr(Key::BackToModule)}</A>
        </p>
        <Loaded resource=data.detail not_found=ModuleNotFound let:detail>
            {
                let id = activity_id.get();
                match detail.activities.iter().find(|a| a.id == id).cloned() {
                    Some(activity) => view! { <ActivityView detail=detail activity=activity data=data/> }.into_any(),
                    None => view! { <h1>{tr(Key::ActivityNotFound)}</h1> }.into_any(),
                }
            }
        </Loaded>
    }
}

#[component]
fn ActivityView(detail: ModuleDetail, activity: Activity, data: ModuleData) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let outbox = use_outbox();
    let slug = detail.module.slug.clone();
    let id = activity.id;
    let state = Signal::derive(move || data.state.get().flatten());
    let status =
        Signal::derive(move || activity_state(id, state.get().as_ref(), &outbox.pending.get()));
    // Actions are offered when signed in and enrolled (or when the state cannot be known,
    // e.g. offline before it was ever loaded: the outbox will report a refusal clearly).
    let may_act = Signal::derive(move || {
        session.me.get().is_some()
            && state
                .get()
                .is_none_or(|s| s.enrolled && s.locked_by.is_none())
    });
    let locked = move || {
        state.get().and_then(|s| s.locked_by).map(|m| view! {
            <p class="notice">{tr(Key::RequiresFirst)} " " <A href=routes::module(&m.slug)>{m.title}</A></p>
        })
    };
    let position = detail
        .activities
        .iter()
        .position(|a| a.id == id)
        .unwrap_or(0);
    let link = |a: Option<&Activity>, key: Key, rel: &'static str| {
        a.map(|a| {
            let href = routes::activity(&detail.module.slug, a.id);
            let title = a.title.clone();
            view! {
                <A href=href attr:rel=rel attr:class="pager-link">
                    <span class="pager-label">{tr(key)}</span>
                    <span>{title}</span>
                </A>
            }
        })
    };
    let previous = link(
        position
            .checked_sub(1)
            .and_then(|p| detail.activities.get(p)),
        Key::PreviousActivity,
        "prev",
    );
    let next = link(
        detail.activities.get(position + 1),
        Key::NextActivity,
        "next",
    );
    let kind = activity_kind_key(activity.kind);
    let minutes = activity.estimated_minutes;
    let title = activity.title.clone();
    let body = match activity.content.clone() {
        ActivityContent::Lesson { html, video_url } => view! {
            <div class="lesson-body" inner_html=html></div>
            {video_url.map(|url| view! {
                <p><a href=url target="_blank" rel="noopener noreferrer">{tr(Key::WatchVideo)}</a></p>
            })}
            <MarkDone slug=slug.clone() activity_id=id title=title.clone() external=false status=status may_act=may_act/>
        }
        .into_any(),
        ActivityContent::External { url } => view! {
            <p><a class="button secondary" href=url target="_blank" rel="noopener noreferrer">{tr(Key::OpenExternal)}</a></p>
            <p class="hint">{tr(Key::ExternalHint)}</p>
            <MarkDone slug=slug.clone() activity_id=id title=title.clone() external=true status=status may_act=may_act/>
        }
        .into_any(),
        ActivityContent::Quiz { pass_mark_percent, questions } => view! {
            <p class="hint">{move || i18n::pass_mark(i18n.lang(), pass_mark_percent)}</p>
            <Quiz slug=slug.clone() activity_id=id title=title.clone() questions=questions state=state may_act=may_act/>
        }
        .into_any(),
        ActivityContent::Gathering { gathering_id } => view! {
            <GatheringStep gathering_id=gathering_id/>
            <StatusLine status=status/>
        }
        .into_any(),
        ActivityContent::Reflection { prompt_html } => view! {
            <div class="lesson-body" inner_html=prompt_html></div>
            <Reflection slug=slug.clone() activity_id=id title=title.clone() state=state may_act=may_act/>
        }
        .into_any(),
    };
    let not_enrolled = move || {
        (session.me.get().is_none() || state.get().is_some_and(|s| !s.enrolled)).then(|| {
            view! {
                <div class="notice">
                    <p>{tr(Key::EnrolToSave)}</p>
                    <EnrolControl
                        target=EnrolRequest::Module(detail.module.slug.clone())
                        enrolled=Signal::derive(move || state.get().is_some_and(|s| s.enrolled))
                        enrolled_directly=Signal::derive(move || state.get().is_some_and(|s| s.enrolled_directly))
                        on_change=move |()| data.state.refetch()
                    />
                </div>
            }
        })
    };
    view! {
        <article class="activity-page">
            <p class="card-meta">
                <span class="tag">{tr(kind)}</span>
                " "
                {move || i18n::minutes(i18n.lang(), minutes)}
            </p>
            <h1>{activity.title.clone()}</h1>
            <p class="lead">{activity.summary.clone()}</p>
            {not_enrolled}
            {locked}
            {body}
            <nav class="pager" aria-label=tr(Key::Activities)>
                {previous}
                {next}
            </nav>
        </article>
    }
}

#[component]
fn StatusLine(status: Signal<ActivityState>) -> impl IntoView {
    move || {
        match status.get() {
        ActivityState::Done => Some(
            view! { <p class="status-done" role="status"><span aria-hidden="true">"✓ "</span>{tr(Key::Done)}</p> }
                .into_any(),
        ),
        ActivityState::DoneWaiting => {
            Some(view! { <p class="status-waiting" role="status">{tr(Key::DoneWaiting)}</p> }.into_any())
        }
        ActivityState::SubmittedWaiting => {
            Some(view! { <p class="status-waiting" role="status">{tr(Key::AnswersWaiting)}</p> }.into_any())
        }
        ActivityState::Open => None,
    }
    }
}

#[component]
fn MarkDone(
    slug: String,
    activity_id: i64,
    title: String,
    external: bool,
    status: Signal<ActivityState>,
    may_act: Signal<bool>,
) -> impl IntoView {
    let outbox = use_outbox();
    let on_click = move |_| {
        let action = if external {
            LearningAction::ExternalCompleted { activity_id }
        } else {
            LearningAction::LessonCompleted { activity_id }
        };
        outbox.record(action, &slug, &title);
    };
    view! {
        <StatusLine status=status/>
        <Show when=move || status.get() == ActivityState::Open && may_act.get()>
            <button type="button" class="button" on:click=on_click.clone()>{tr(Key::MarkDone)}</button>
        </Show>
    }
}

/// A module's mandatory gathering: its sessions (attending one completes the step, when
/// whoever runs it marks the learner present); nothing to mark done here.
#[component]
fn GatheringStep(gathering_id: i64) -> impl IntoView {
    let session = use_session();
    let sessions = LocalResource::new(move || {
        let _ = session.me.get().map(|m| m.id);
        async move { api::gathering(gathering_id).await }
    });
    view! {
        <div class="notice gathering-step">
            <p><strong>{tr(Key::MandatoryGatheringIntro)}</strong></p>
            <p class="hint">{tr(Key::GatheringStepHint)}</p>
        </div>
        <h2 id="sessions-heading">{tr(Key::Sessions)}</h2>
        <Loaded resource=sessions not_found=|| view! { <p>{tr(Key::NoSessions)}</p> } let:d>
            {
                let mut list = vec![d.gathering.clone()];
                list.extend(d.sessions.clone());
                list.sort_by_key(|g| g.starts_at);
                view! {
                    <ul class="gathering-list" aria-labelledby="sessions-heading">
                        {list.into_iter().map(|g| view! { <li><GatheringItem gathering=g show_provider=false/></li> }).collect_view()}
                    </ul>
                }
            }
        </Loaded>
    }
}
