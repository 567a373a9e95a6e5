use kursbro_shared::learning::MyProgress;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::loaded::Loaded;
use crate::components::progress::StatusBadge;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;
use crate::routes;
use crate::session::use_session;

#[component]
pub fn MyProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::MyProgressTitle).to_string());
    let mine = LocalResource::new(api::my_progress);
    view! {
        <h1>{tr(Key::MyProgressTitle)}</h1>
        <Outbox/>
        {move || {
            if session.checked.get() && session.me.get().is_none() {
                return view! { <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p> }.into_any();
            }
            view! {
                <Loaded resource=mine let:m>
                    <Overview progress=m/>
                </Loaded>
            }
            .into_any()
        }}
    }
}

/// What waits on this device, and what the server refused (with the reason).
#[component]
fn Outbox() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    view! {
        <Show when=move || !outbox.pending.get().is_empty()>
            <section class="outbox" aria-labelledby="unsynced-heading">
                <h2 id="unsynced-heading">{tr(Key::UnsyncedTitle)}</h2>
                <ul>
                    {move || outbox.pending.get().into_iter().map(|p| view! {
                        <li>{p.activity_title}</li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
        <Show when=move || !outbox.refused.get().is_empty()>
            <section class="outbox refused" aria-labelledby="refused-heading">
                <h2 id="refused-heading">{tr(Key::RefusedTitle)}</h2>
                <ul>
                    {move || outbox.refused.get().into_iter().map(|r| {
                        let id = r.pending.event.id.clone();
                        let reason = ApiError::Server {
                            status: 0,
                            code: r.code,
                            message: String::new(),
                            field: None,
                            retry_after: None,
                        };
                        view! {
                            <li>
                                <strong>{r.pending.activity_title.clone()}</strong>
                                ": " {move || reason.user_message(i18n.lang())} " "
                                <button type="button" class="button secondary small" on:click=move |_| outbox.dismiss_refused(&id)>
                                    {tr(Key::Dismiss)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn Overview(progress: MyProgress) -> impl IntoView {
    let i18n = use_i18n();
    if progress.modules.is_empty() && progress.programmes.is_empty() {
        return view! {
            <p>{tr(Key::NothingStarted)}</p>
            <A href=routes::CATALOGUE attr:class="button">{tr(Key::HomeBrowse)}</A>
        }
        .into_any();
    }
    let continue_at = progress.continue_at.map(|c| {
        view! {
            <section class="continue" aria-labelledby="continue-heading">
                <h2 id="continue-heading">{tr(Key::ContinueWhereLeft)}</h2>
                <p>
                    <A href=routes::activity(&c.module_slug, c.activity.id) attr:class="button">
                        {c.activity.title}
                    </A>
                </p>
                <p class="hint">{c.module_title}</p>
            </section>
        }
    });
    let programmes = progress
        .programmes
        .into_iter()
        .map(|p| {
            let done = p.progress.required_completed;
            let total = p.progress.required_total;
            view! {
                <li>
                    <A href=routes::programme(&p.slug)>{p.title}</A>
                    " – " {move || i18n::required_done(i18n.lang(), done, total)}
                </li>
            }
        })
        .collect_view();
    let date = move |d: Option<chrono::DateTime<chrono::Utc>>| {
        move || {
            d.map(|d| i18n::date(i18n.lang(), d.date_naive()))
                .unwrap_or_default()
        }
    };
    let rows = progress
        .modules
        .into_iter()
        .map(|m| {
            let valid = m.valid_until;
            view! {
                <tr>
                    <th scope="row"><A href=routes::module(&m.slug)>{m.title}</A></th>
                    <td><StatusBadge status=m.status percent=m.progress.percent()/></td>
                    <td>{date(m.started_at)}</td>
                    <td>{date(m.completed_at)}</td>
                    <td>{move || valid.map(|d| i18n::date(i18n.lang(), d)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {continue_at}
        <section aria-labelledby="my-programmes-heading">
            <h2 id="my-programmes-heading">{tr(Key::Programmes)}</h2>
            <ul>{programmes}</ul>
        </section>
        <section aria-labelledby="my-modules-heading">
            <h2 id="my-modules-heading">{tr(Key::Modules)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="my-modules-heading">
                <table class="progress-table">
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::ColModule)}</th>
                            <th scope="col">{tr(Key::ColStatus)}</th>
                            <th scope="col">{tr(Key::ColStarted)}</th>
                            <th scope="col">{tr(Key::ColCompleted)}</th>
                            <th scope="col">{tr(Key::ColValidUntil)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
