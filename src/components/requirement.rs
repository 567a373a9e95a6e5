//! A person's competence-plan requirements, for "Mine krav" and a leader's view of one of
//! their people. A status is a coloured mark **and** words, never colour alone (the words
//! are the CSV's, from the shared crate).

use kursbro_shared::compliance::{CompletionRecord, PersonCompliance, PersonRequirement, Target};
use kursbro_shared::training::{RequirementStatus, StatusColour};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;

/// The CSS class and the mark for a status.
pub fn look(status: RequirementStatus) -> (&'static str, &'static str) {
    match status.colour() {
        Some(StatusColour::Green) => ("req req-green", "✓"),
        Some(StatusColour::Yellow) => ("req req-yellow", "◐"),
        Some(StatusColour::Red) => ("req req-red", "!"),
        None => ("req req-na", "–"),
    }
}

#[component]
pub fn RequirementBadge(status: RequirementStatus) -> impl IntoView {
    let i18n = use_i18n();
    let (class, mark) = look(status);
    view! {
        <span class=class>
            <span aria-hidden="true">{mark} " "</span>
            {move || i18n::requirement_status(i18n.lang(), status)}
        </span>
    }
}

/// A person's requirements and history: their own (`own`), or one of a leader's people.
#[component]
pub fn Requirements(compliance: PersonCompliance, own: bool) -> impl IntoView {
    if compliance.requirements.is_empty() {
        let none = if own {
            Key::NoRequirements
        } else {
            Key::PersonNoRequirements
        };
        return view! { <p>{tr(none)}</p> }.into_any();
    }
    let renewable = own && compliance.requirements.iter().any(|r| r.may_start_again);
    view! {
        {own.then(|| view! { <p>{tr(Key::RequirementsIntro)}</p> })}
        {renewable.then(|| view! { <p>{tr(Key::StartAgainIntro)}</p> })}
        <RequirementTable items=compliance.requirements own=own/>
        <History history=compliance.history/>
    }
    .into_any()
}

/// The person's own table offers to take a course again where its renewal is open.
#[component]
pub fn RequirementTable(items: Vec<PersonRequirement>, own: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rows = items
        .into_iter()
        .map(|r| {
            let plan = match &r.requirement.plan.unit {
                Some(unit) => format!("{} ({})", r.requirement.plan.name, unit.name),
                None => r.requirement.plan.name.clone(),
            };
            let due = r.due_on;
            let basis = r.last_completion.clone();
            let again = (own && r.may_start_again).then(|| {
                view! { <StartAgain target=r.requirement.target.clone()/> }
            });
            let target = r.requirement.target.clone();
            let programme = matches!(target, Target::Programme(_)).then(|| {
                view! { <span class="col-sub">{tr(Key::Programme)}</span> }
            });
            view! {
                <tr>
                    <th scope="row">
                        <A href=routes::target(&target)>{target.title().to_string()}</A>
                        {programme}
                    </th>
                    <td>{plan}</td>
                    <td><RequirementBadge status=r.status/></td>
                    <td>{move || i18n::date(i18n.lang(), due)}</td>
                    <td>{move || match &basis {
                        Some(c) => i18n::completion(i18n.lang(), c),
                        None => i18n.t(Key::NoCompletionYet).to_string(),
                    }}{again}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="requirements-caption">
            <table class="progress-table requirement-table">
                <caption id="requirements-caption">{tr(Key::RequirementsTable)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::ColCourse)}</th>
                        <th scope="col">{tr(Key::ColPlan)}</th>
                        <th scope="col">{tr(Key::ColStatus)}</th>
                        <th scope="col">{tr(Key::ColDue)}</th>
                        <th scope="col">{tr(Key::ColBasis)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Starts a completed course or programme again to renew it, then opens it. One tap: the
/// page says above the table what starting again means.
#[component]
fn StartAgain(target: Target) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let title = target.title().to_string();
    let words = match target {
        Target::Module(_) => Key::StartAgain,
        Target::Programme(_) => Key::StartProgrammeAgain,
    };
    let start = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let target = target.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::start_again(&target).await {
                Ok(()) => navigate(&routes::target(&target), Default::default()),
                Err(e) => {
                    failed.try_set(Some(e));
                    busy.try_set(false);
                }
            }
        });
    };
    view! {
        <p class="start-again">
            <button type="button" class="button secondary" disabled=move || busy.get() on:click=start>
                {tr(words)}
                <span class="visually-hidden">": " {title}</span>
            </button>
        </p>
        <div role="alert">
            {move || failed.get().map(|e| view! { <p class="error-box">{e.user_message(i18n.lang())}</p> })}
        </div>
    }
}

#[component]
pub fn History(history: Vec<CompletionRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">{tr(Key::HistoryTitle)}</h2>
            {if history.is_empty() {
                view! { <p>{tr(Key::NoHistory)}</p> }.into_any()
            } else {
                view! {
                    <ul class="history-list">
                        {history.into_iter().map(|c| {
                            let title = c.module.title.clone();
                            view! {
                                <li><strong>{title}</strong> ": " {move || i18n::completion(i18n.lang(), &c)}</li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
