//! One learner's work in one module, opened from a grid cell.

use leptos::prelude::*;

use super::Selected;
use crate::api;
use crate::components::module_card::activity_kind_key;
use crate::components::status::ErrorMessage;
use crate::i18n::{self, tr, use_i18n, Key};

#[component]
pub fn DrillDown(cohort: i64, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let i18n = use_i18n();
    let detail = LocalResource::new(move || {
        let sel = selected.get();
        async move {
            match sel {
                Some(s) => Some(api::drill_down(cohort, s.learner_id, &s.slug).await),
                None => None,
            }
        }
    });
    view! {
        <div class="drill-down" aria-live="polite">
            {move || detail.get().flatten().map(|r| match r {
                Ok(d) => view! {
                    <section aria-labelledby="drill-heading">
                    <h2 id="drill-heading">{format!("{} – {}", d.learner_name, d.module.title)}</h2>
                    <button type="button" class="button secondary small" on:click=move |_| selected.set(None)>{tr(Key::CloseDetails)}</button>
                    <ol class="activities">
                        {d.activities.into_iter().map(|a| {
                            let kind = activity_kind_key(a.kind);
                            let done = a.completed_at.map(|at| at.date_naive());
                            view! {
                                <li class="activity">
                                    <h3 class="activity-title">{a.title}</h3>
                                    <p class="card-meta">
                                        <span class="tag">{tr(kind)}</span> " "
                                        {move || match done {
                                            Some(d) => format!("{} {}", i18n.t(Key::Done), i18n::date(i18n.lang(), d)),
                                            None => i18n.t(Key::NotDone).to_string(),
                                        }}
                                    </p>
                                    {a.quiz.map(|q| view! {
                                        <p>{tr(Key::QuizBestShort)} ": " {move || i18n::best_score(i18n.lang(), q.best_percent, q.attempts)}</p>
                                    })}
                                    {a.reflection.map(|r| view! {
                                        <blockquote class="reflection-text"><p>{r.text}</p></blockquote>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error=error on_retry=move |()| detail.refetch()/> }.into_any(),
            })}
        </div>
    }
}
