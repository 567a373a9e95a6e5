//! One activity: read a lesson, answer a quiz, write a reflection, open an external course.
//! Every action goes through the outbox, so it works the same with and without network.

use std::collections::BTreeMap;

use kursbro_shared::api::{Activity, ModuleDetail};
use kursbro_shared::learning::{
    ActivityContent, EnrolRequest, LearningAction, ModuleLearnerState, QuizAnswer, QuizQuestion,
    REFLECTION_MAX_CHARS,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::components::enrol::{EnrolControl, ModuleNotFound};
use crate::components::module_card::activity_kind_key;
use crate::components::progress::{activity_state, ActivityState};
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;
use crate::resources::{slug_param, use_module_data, ModuleData};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = slug_param();
    let params = use_params_map();
    let activity_id =
        Signal::derive(move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()));
    let data = use_module_data(slug);
    let found = move || {
        data.detail.get().map(|r| {
            r.map(|d| {
                let a = activity_id
                    .get()
                    .and_then(|id| d.activities.iter().find(|a| a.id == id).cloned());
                (d, a)
            })
        })
    };
    use_title(move || match found() {
        Some(Ok((_, Some(a)))) => a.title,
        _ => i18n.t(Key::ActivityNotFound).to_string(),
    });
    view! {
        <p class="breadcrumb">
            <A href=move || routes::module(&slug.get())>{tr(Key::BackToModule)}</A>
        </p>
        <Transition fallback=LoadingIndicator>
            {move || {
                found()
                    .map(|result| match result {
                        Ok((detail, Some(activity))) => {
                            view! { <ActivityView detail=detail activity=activity data=data/> }.into_any()
                        }
                        Ok((_, None)) => view! { <h1>{tr(Key::ActivityNotFound)}</h1> }.into_any(),
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

#[component]
fn Quiz(
    slug: String,
    activity_id: i64,
    title: String,
    questions: Vec<QuizQuestion>,
    state: Signal<Option<ModuleLearnerState>>,
    may_act: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let chosen = RwSignal::new(BTreeMap::<i64, Vec<i64>>::new());
    let submitted = RwSignal::new(Vec::<String>::new());
    let waiting = move || !outbox.pending_for(activity_id).is_empty();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let answers = chosen
            .get_untracked()
            .into_iter()
            .map(|(question_id, option_ids)| QuizAnswer {
                question_id,
                option_ids,
            })
            .collect();
        let id = outbox.record(
            LearningAction::QuizSubmitted {
                activity_id,
                answers,
            },
            &slug,
            &title,
        );
        submitted.update(|s| s.push(id));
    };
    let result = move || {
        outbox.latest_quiz_result(&submitted.get()).and_then(|r| r.quiz).map(|q| {
            let verdict = if q.passed { Key::Passed } else { Key::NotPassed };
            view! {
                <div class="quiz-result" role="status">
                    <p>{move || i18n::quiz_score(i18n.lang(), q.score_percent, q.correct_questions, q.total_questions)}</p>
                    <p><strong>{tr(verdict)}</strong></p>
                </div>
            }
        })
    };
    let best = move || {
        state
            .get()
            .and_then(|s| s.quizzes.into_iter().find(|q| q.activity_id == activity_id))
            .map(|b| {
                view! {
                    <p class="hint">
                        {move || i18n::best_score(i18n.lang(), b.best_percent, b.attempts)} " "
                        {b.passed.then(|| view! { <strong>{tr(Key::Passed)}</strong> })}
                    </p>
                }
            })
    };
    view! {
        {result}
        {best}
        <Show when=waiting>
            <p class="status-waiting" role="status">{tr(Key::AnswersWaiting)}</p>
        </Show>
        <form class="quiz" on:submit=on_submit>
            {questions
                .into_iter()
                .enumerate()
                .map(|(n, q)| {
                    let qid = q.id;
                    let multiple = q.multiple;
                    let hint = if multiple { Key::ChooseAll } else { Key::ChooseOne };
                    view! {
                        <fieldset class="question">
                            <legend>{format!("{}. {}", n + 1, q.prompt)}</legend>
                            <p class="hint">{tr(hint)}</p>
                            {q
                                .options
                                .into_iter()
                                .map(|o| {
                                    let oid = o.id;
                                    let input_id = format!("q{qid}-o{oid}");
                                    let checked = move || {
                                        chosen.with(|c| c.get(&qid).is_some_and(|v| v.contains(&oid)))
                                    };
                                    let on_change = move |_| {
                                        chosen.update(|c| {
                                            let list = c.entry(qid).or_default();
                                            if multiple {
                                                if let Some(i) = list.iter().position(|x| *x == oid) {
                                                    list.remove(i);
                                                } else {
                                                    list.push(oid);
                                                }
                                            } else {
                                                *list = vec![oid];
                                            }
                                        })
                                    };
                                    view! {
                                        <div class="choice">
                                            <input
                                                type=if multiple { "checkbox" } else { "radio" }
                                                id=input_id.clone()
                                                name=format!("q{qid}")
                                                prop:checked=checked
                                                on:change=on_change
                                            />
                                            <label for=input_id>{o.text}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </fieldset>
                    }
                })
                .collect_view()}
            <Show when=move || may_act.get()>
                <button type="submit" class="button">{tr(Key::SubmitAnswers)}</button>
            </Show>
        </form>
    }
}

#[component]
fn Reflection(
    slug: String,
    activity_id: i64,
    title: String,
    state: Signal<Option<ModuleLearnerState>>,
    may_act: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let text = RwSignal::new(String::new());
    let touched = RwSignal::new(false);
    let error = RwSignal::new(None::<Key>);
    // Start from the newest text: one waiting in the outbox, else the saved one.
    Effect::new(move |_| {
        if touched.get_untracked() {
            return;
        }
        let waiting = outbox
            .pending_for(activity_id)
            .into_iter()
            .rev()
            .find_map(|p| match p.event.action {
                LearningAction::ReflectionSubmitted { text, .. } => Some(text),
                _ => None,
            });
        let saved = state
            .get()
            .and_then(|s| {
                s.reflections
                    .into_iter()
                    .find(|r| r.activity_id == activity_id)
            })
            .map(|r| r.text);
        if let Some(t) = waiting.or(saved) {
            text.set(t);
        }
    });
    let waiting = move || !outbox.pending_for(activity_id).is_empty();
    let saved = move || {
        !waiting()
            && state
                .get()
                .is_some_and(|s| s.reflections.iter().any(|r| r.activity_id == activity_id))
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = text.get_untracked();
        if t.trim().is_empty() {
            error.set(Some(Key::ReflectionEmpty));
            return;
        }
        if t.chars().count() > REFLECTION_MAX_CHARS {
            error.set(Some(Key::ReflectionTooLong));
            return;
        }
        error.set(None);
        touched.set(false);
        outbox.record(
            LearningAction::ReflectionSubmitted {
                activity_id,
                text: t,
            },
            &slug,
            &title,
        );
    };
    let field_id = format!("reflection-{activity_id}");
    view! {
        <form class="reflection" on:submit=on_submit>
            <div class="field">
                <label for=field_id.clone()>{tr(Key::YourReflection)}</label>
                <p class="hint" id="reflection-privacy">{tr(Key::ReflectionPrivacy)}</p>
                <textarea
                    id=field_id
                    rows="8"
                    aria-describedby="reflection-privacy reflection-count"
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=text
                    on:input=move |ev| {
                        touched.set(true);
                        text.set(event_target_value(&ev));
                    }
                ></textarea>
                <p class="hint" id="reflection-count">
                    {move || {
                        let left = REFLECTION_MAX_CHARS.saturating_sub(text.with(|t| t.chars().count()));
                        i18n::characters_left(i18n.lang(), left)
                    }}
                </p>
            </div>
            <div role="alert">
                {move || error.get().map(|k| view! { <p class="form-error">{move || i18n.t(k)}</p> })}
            </div>
            <Show when=waiting>
                <p class="status-waiting" role="status">{tr(Key::ReflectionWaiting)}</p>
            </Show>
            <Show when=saved>
                <p class="status-done" role="status"><span aria-hidden="true">"✓ "</span>{tr(Key::ReflectionSaved)}</p>
            </Show>
            <Show when=move || may_act.get()>
                <button type="submit" class="button">{tr(Key::SaveReflection)}</button>
            </Show>
        </form>
    }
}
