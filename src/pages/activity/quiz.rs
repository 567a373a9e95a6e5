//! A quiz: answer, send (through the outbox), see the result and the best score.

use std::collections::BTreeMap;

use kursbro_shared::learning::{LearningAction, ModuleLearnerState, QuizAnswer, QuizQuestion};
use leptos::prelude::*;

use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;

#[component]
pub fn Quiz(
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
    // The questions' numbers and prompts, to put the author's explanations by them.
    let prompts = StoredValue::new(
        questions
            .iter()
            .enumerate()
            .map(|(n, q)| (q.id, format!("{}. {}", n + 1, q.prompt)))
            .collect::<Vec<_>>(),
    );
    let result = move || {
        outbox.latest_quiz_result(&submitted.get()).and_then(|r| r.quiz).map(|q| {
            let verdict = if q.passed { Key::Passed } else { Key::NotPassed };
            let (score, correct, total) = (q.score_percent, q.correct_questions, q.total_questions);
            let explanations = q.explanations;
            view! {
                <div class="quiz-result" role="status">
                    <p>{move || i18n::quiz_score(i18n.lang(), score, correct, total)}</p>
                    <p><strong>{tr(verdict)}</strong></p>
                </div>
                {(!explanations.is_empty()).then(|| view! {
                    <section class="quiz-explanations" aria-labelledby="quiz-explanations-heading">
                        <h2 id="quiz-explanations-heading">{tr(Key::Explanations)}</h2>
                        <dl>
                            {explanations.into_iter().map(|e| {
                                let prompt = prompts.with_value(|p| {
                                    p.iter().find(|(id, _)| *id == e.question_id).map(|(_, t)| t.clone())
                                });
                                view! { <dt>{prompt}</dt> <dd>{e.text}</dd> }
                            }).collect_view()}
                        </dl>
                    </section>
                })}
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
