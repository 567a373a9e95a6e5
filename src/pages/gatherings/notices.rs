//! `/varsler`: the signed-in person's notices about gatherings, newest first, each linking
//! to its gathering. Opening the page marks them all read.

use kursbro_shared::gatherings::{to_local, Notices};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::gathering::use_unread_notices;
use crate::components::loaded::Loaded;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn NoticesPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::NoticesTitle).to_string());
    let unread = use_unread_notices();
    let notices = LocalResource::new(move || {
        let signed_in = session.me.get().is_some();
        async move {
            if !signed_in {
                return Ok(None);
            }
            let n = api::notices().await?;
            if n.unread > 0 {
                // Read now: the header's count goes when the server has it.
                spawn_local(async move {
                    if api::mark_notices_read().await.is_ok() {
                        if let Some(u) = unread {
                            u.0.try_set(0);
                        }
                    }
                });
            }
            Ok(Some(n))
        }
    });
    view! {
        <h1>{tr(Key::NoticesTitle)}</h1>
        <Show when=move || session.checked.get() && session.me.get().is_none()>
            <p><a href=routes::SIGN_IN>{tr(Key::SignInToSeeNotices)}</a></p>
        </Show>
        <Loaded resource=notices let:n>
            {n.map(|n| view! { <NoticeList notices=n/> })}
        </Loaded>
    }
}

#[component]
fn NoticeList(notices: Notices) -> impl IntoView {
    let i18n = use_i18n();
    if notices.notices.is_empty() {
        return view! { <p>{tr(Key::NoNotices)}</p> }.into_any();
    }
    view! {
        <ul class="notice-list">
            {notices
                .notices
                .into_iter()
                .map(|n| {
                    let (kind, title) = (n.kind, n.gathering_title.clone());
                    let created = n.created_at;
                    let starts = n.starts_at;
                    view! {
                        <li class="notice-item" class:unread=!n.read>
                            {(!n.read).then(|| view! { <span class="badge badge-new">{tr(Key::NewNotice)}</span> " " })}
                            <a href=routes::gathering(n.gathering_id)>{move || i18n::notice_text(i18n.lang(), kind, &title)}</a>
                            <p class="hint">
                                {move || i18n::oslo_time(i18n.lang(), starts)}
                                " · "
                                <time datetime=created.to_rfc3339()>{move || i18n::date(i18n.lang(), to_local(created).date())}</time>
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
