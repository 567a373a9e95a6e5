//! A reflection: the learner's own text, private to them and their cohort's facilitators.

use kursbro_shared::learning::{LearningAction, ModuleLearnerState, REFLECTION_MAX_CHARS};
use leptos::prelude::*;

use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;

#[component]
pub fn Reflection(
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
                <p class="hint" id="reflection-privacy">
                    {move || {
                        let readers = state.get().map(|s| s.readers).unwrap_or_default();
                        i18n::reflection_readers(i18n.lang(), &readers)
                    }}
                </p>
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
