//! Learners' feedback: the form on a module's page once the learner has completed it, and
//! for a provider's authors and admins the summary of every module they provide (nothing
//! but the number of answers until five have answered; never who wrote what).

use kursbro_shared::feedback::{
    validate_feedback, FeedbackQuestion, FeedbackSummary, NewFeedback, FEEDBACK_COMMENT_MAX_CHARS,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::field::TextField;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key, Lang};
use crate::routes;
use crate::session::use_session;

fn question_key(q: FeedbackQuestion) -> Key {
    match q {
        FeedbackQuestion::Relevance => Key::FeedbackRelevance,
        FeedbackQuestion::Workload => Key::FeedbackWorkload,
        FeedbackQuestion::Quality => Key::FeedbackQuality,
    }
}

/// One question: five choices, 1 (poorest) to 5 (best), as a group of radio buttons; the
/// scale is said first and the ends are named.
#[component]
fn Rating(question: FeedbackQuestion, value: RwSignal<u8>, invalid: Signal<bool>) -> impl IntoView {
    let name = format!("feedback-{}", question.as_str());
    let hint = format!("{name}-hint");
    let described_by = format!("{hint} feedback-error");
    view! {
        <fieldset class="rating" aria-describedby=described_by>
            <legend>{tr(question_key(question))}</legend>
            <p class="hint" id=hint>{tr(Key::FeedbackScale)}</p>
            {(1..=5u8).map(|n| {
                let id = format!("{name}-{n}");
                let end = match n {
                    1 => Some(Key::FeedbackLowest),
                    5 => Some(Key::FeedbackHighest),
                    _ => None,
                };
                view! {
                    <span class="rating-choice">
                        <input type="radio" id=id.clone() name=name.clone() value=n.to_string()
                            aria-invalid=move || invalid.get().then_some("true")
                            prop:checked=move || value.get() == n
                            on:change=move |_| value.set(n)/>
                        <label for=id>{n}{end.map(|k| view! { " – " {tr(k)} })}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Asks a learner who completed the module what they thought of it.
#[component]
pub fn FeedbackForm(slug: String, on_given: Callback<()>) -> impl IntoView {
    let relevance = RwSignal::new(0u8);
    let workload = RwSignal::new(0u8);
    let quality = RwSignal::new(0u8);
    let comment = RwSignal::new(String::new());
    let slug = StoredValue::new(slug);
    let give = Submit::new(move |req: &NewFeedback| {
        let req = req.clone();
        let slug = slug.get_value();
        async move {
            match api::give_feedback(&slug, &req).await {
                Ok(()) => {
                    on_given.run(());
                    Ok(())
                }
                Err(e) => Err(FormError::Api(e)),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = NewFeedback {
            relevance: relevance.get_untracked(),
            workload: workload.get_untracked(),
            quality: quality.get_untracked(),
            comment: comment.get_untracked(),
        };
        match validate_feedback(&req) {
            Err(e) if e.field == "comment" => {
                give.fail(FormError::Field {
                    field: "comment",
                    key: Key::ErrFeedbackComment,
                });
                focus("feedback-comment");
            }
            Err(e) => {
                give.fail(FormError::Field {
                    field: e.field,
                    key: Key::ErrFeedbackRating,
                });
                // The first choice of the question to answer.
                focus(&format!("feedback-{}-1", e.field));
            }
            Ok(()) => give.dispatch(req),
        }
    };
    view! {
        <section class="feedback-form" aria-labelledby="feedback-heading">
            <h2 id="feedback-heading">{tr(Key::FeedbackTitle)}</h2>
            <p>{tr(Key::FeedbackIntro)}</p>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=give id="feedback-error"/>
                <Rating question=FeedbackQuestion::Relevance value=relevance
                    invalid=Signal::derive(move || give.invalid("relevance")().is_some())/>
                <Rating question=FeedbackQuestion::Workload value=workload
                    invalid=Signal::derive(move || give.invalid("workload")().is_some())/>
                <Rating question=FeedbackQuestion::Quality value=quality
                    invalid=Signal::derive(move || give.invalid("quality")().is_some())/>
                <TextField id="feedback-comment" label=Key::FieldFeedbackComment value=comment submit=give
                    field="comment" describedby="feedback-error" rows=3 maxlength=FEEDBACK_COMMENT_MAX_CHARS/>
                <button type="submit" class="button" disabled=move || give.busy()>{tr(Key::FeedbackSend)}</button>
            </form>
        </section>
    }
}

/// `/tilbakemeldinger`: the feedback on the organisation's modules, for its authors and
/// admins.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::FeedbackOverviewTitle).to_string());
    let allowed = move || session.me.get().is_some_and(|m| m.grants.writes_content());
    let overview = LocalResource::new(move || {
        let ok = allowed();
        async move {
            if ok {
                api::feedback_overview().await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    view! {
        <h1>{tr(Key::FeedbackOverviewTitle)}</h1>
        <Show when=move || session.checked.get() && !allowed()>
            <p>{tr(Key::FeedbackOnlyAuthors)}</p>
        </Show>
        <Loaded resource=overview let:overview>
            {overview.map(|o| view! {
                <p>{tr(Key::FeedbackOverviewIntro)}</p>
                <p class="actions">
                    <a class="button secondary" href=move || api::feedback_csv_url(false, i18n.lang() == Lang::En) download="">
                        {tr(Key::DownloadCsv)}
                    </a>
                    " "
                    <a href=move || api::feedback_csv_url(true, i18n.lang() == Lang::En) download="">{tr(Key::DownloadCsvComma)}</a>
                </p>
                {o.modules.into_iter().map(|s| view! { <Summary summary=s/> }).collect_view()}
            })}
        </Loaded>
    }
}

#[component]
fn Summary(summary: FeedbackSummary) -> impl IntoView {
    let heading = format!("tilbakemelding-{}", summary.module.slug);
    let labelled_by = heading.clone();
    let module = summary.module.clone();
    let cohorts = summary.cohorts.clone();
    view! {
        <section class="feedback-summary" aria-labelledby=labelled_by>
            // The editor, not the module's page: it may not be published.
            <h2 id=heading><A href=routes::authoring_module(&module.slug)>{module.title}</A></h2>
            <Figures summary=summary nested=false/>
            {cohorts.into_iter().map(|c| {
                let title = format!("{} ({})", c.cohort, c.organisation);
                view! {
                    <section class="feedback-cohort">
                        <h3>{title}</h3>
                        <Figures summary=c.summary nested=true/>
                    </section>
                }
            }).collect_view()}
        </section>
    }
}

/// A summary's figures and comments; `nested` (a cohort's) puts its headings a level down.
#[component]
fn Figures(summary: FeedbackSummary, nested: bool) -> impl IntoView {
    let i18n = use_i18n();
    let FeedbackSummary {
        answers,
        summarised,
        min_answers,
        averages,
        comments,
        ..
    } = summary;
    if averages.is_empty() {
        return view! { <p>{move || i18n::feedback_too_few(i18n.lang(), answers, min_answers)}</p> }
            .into_any();
    }
    let comments_heading = if nested {
        view! { <h4>{tr(Key::FeedbackComments)}</h4> }.into_any()
    } else {
        view! { <h3>{tr(Key::FeedbackComments)}</h3> }.into_any()
    };
    view! {
        <p>{move || i18n::feedback_answers(i18n.lang(), answers, summarised)}</p>
        <dl class="facts">
            {averages.into_iter().map(|a| view! {
                <dt>{tr(question_key(a.question))}</dt>
                <dd>{move || i18n::feedback_average(i18n.lang(), a.average)}</dd>
            }).collect_view()}
        </dl>
        {(!comments.is_empty()).then(|| view! {
            {comments_heading}
            <ul class="feedback-comments">
                {comments.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
        })}
    }
    .into_any()
}
