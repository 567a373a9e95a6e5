use kursbro_shared::api::Role;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api;
use crate::components::gathering::use_unread_notices;

use crate::i18n::{self, tr, use_i18n, Key};
use crate::outbox::use_outbox;
use crate::routes;
use crate::session::use_session;

pub fn role_key(role: Role) -> Key {
    match role {
        Role::Learner => Key::RoleLearner,
        Role::Facilitator => Key::RoleFacilitator,
        Role::Leader => Key::RoleLeader,
        Role::Admin => Key::RoleAdmin,
    }
}

/// Switches between bokmål and English; the choice is remembered on this device.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="lang-switch"
            lang=move || i18n.lang().other().code()
            aria-label=tr(Key::SwitchLanguageLabel)
            on:click=move |_| i18n.set_lang(i18n.lang().other())
        >
            {tr(Key::SwitchLanguage)}
        </button>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let account = move || match session.me.get() {
        Some(me) => {
            let role = role_key(me.grants.title());
            view! {
                <p class="who">
                    <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                    <A href=routes::ACCOUNT attr:class="who-name">
                        {me.name}
                        <span class="visually-hidden">" – " {tr(Key::NavAccount)}</span>
                    </A>
                    <span class="who-role">{move || i18n.t(role)}</span>
                </p>
                <button type="button" class="button secondary" on:click=move |_| session.sign_out()>
                    {tr(Key::NavSignOut)}
                </button>
            }
            .into_any()
        }
        None => view! {
            <A href=routes::SIGN_IN attr:class="button">{tr(Key::NavSignIn)}</A>
        }
        .into_any(),
    };
    let pending_sign_out = move || {
        session.sign_out_pending.get().then(|| {
            view! { <p class="notice sign-out-pending" role="status">{tr(Key::SignOutPending)}</p> }
        })
    };
    view! {
        <header class="site-header">
            <div class="header-inner">
                <A href=routes::HOME attr:class="brand">{tr(Key::AppName)}</A>
                <nav aria-label=tr(Key::MainNavigation)>
                    <ul class="nav-list">
                        <li><A href=routes::HOME exact=true>{tr(Key::NavHome)}</A></li>
                        <li><A href=routes::CATALOGUE>{tr(Key::NavCatalogue)}</A></li>
                        <li><A href=routes::COURSE_PROGRAMME>{tr(Key::NavCourseProgramme)}</A></li>
                        <Show when=move || session.me.get().is_some()>
                            <li><A href=routes::MY_PROGRESS>{tr(Key::NavMyProgress)}</A></li>
                            <li><A href=routes::REQUIREMENTS>{tr(Key::NavRequirements)}</A></li>
                            <li><NoticesLink/></li>
                        </Show>
                        <Show when=move || session.me.get().is_some_and(|m| m.grants.follows_up())>
                            <li><A href=routes::DASHBOARD>{tr(Key::NavDashboard)}</A></li>
                        </Show>
                        <Show when=move || session.me.get().is_some()>
                            <li><A href=routes::COHORTS>{tr(Key::NavCohorts)}</A></li>
                        </Show>
                        <Show when=move || session.me.get().is_some_and(|m| m.grants.may_facilitate())>
                            <li><A href=routes::MODERATION>{tr(Key::NavModeration)}</A></li>
                        </Show>
                        <Show when=move || session.me.get().is_some_and(|m| m.grants.writes_content())>
                            <li><A href=routes::AUTHORING>{tr(Key::NavAuthoring)}</A></li>
                        </Show>
                        <Show when=move || session.me.get().is_some_and(|m| m.grants.administers())>
                            <li><A href=routes::ADMIN>{tr(Key::NavAdmin)}</A></li>
                        </Show>
                    </ul>
                </nav>
                <div class="header-actions">
                    <LangSwitch/>
                    {account}
                </div>
            </div>
            <SyncStatus/>
            {pending_sign_out}
        </header>
    }
}

/// "Varsler" with the number of unread notices (named "Varsler, 2 uleste"), asked once per
/// page the person opens: no polling.
#[component]
fn NoticesLink() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let unread = use_unread_notices()
        .map(|u| u.0)
        .unwrap_or_else(|| RwSignal::new(0));
    Effect::new(move |_| {
        let path = location.pathname.get();
        let who = session.me.get().map(|m| m.id);
        let leaving = session.sign_out_pending.get();
        // The notices page marks them read itself; while signing out, nothing is asked.
        if who.is_none() || leaving || path == routes::NOTICES {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(n) = api::notices().await {
                unread.try_set(n.unread);
            }
        });
    });
    view! {
        // The name says the count in words ("Varsler, 2 uleste"); the badge is for the eye.
        <A href=routes::NOTICES attr:class="notices-link" attr:aria-label=move || {
            let n = unread.get();
            let name = i18n.t(Key::NavNotices);
            if n > 0 { format!("{name}{}", i18n::unread_suffix(i18n.lang(), n)) } else { name.to_string() }
        }>
            {tr(Key::NavNotices)}
            <Show when=move || { unread.get() > 0 }>
                " "
                <span class="unread-count" aria-hidden="true">{move || unread.get()}</span>
            </Show>
        </A>
    }
}

fn browser_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Offline notice and the number of things waiting to be sent (or refused), announced
/// politely to screen readers.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let online = RwSignal::new(browser_online());
    let a = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let b = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        a.remove();
        b.remove();
    });
    view! {
        <div class="sync-status" role="status" aria-live="polite">
            <Show when=move || !online.get()>
                <p class="offline">{tr(Key::Offline)}</p>
            </Show>
            <Show when=move || !outbox.pending.get().is_empty()>
                <p class="waiting">
                    <A href=routes::MY_PROGRESS>
                        <span class="unsynced-count">{move || i18n::waiting(i18n.lang(), outbox.pending.get().len())}</span>
                    </A>
                </p>
            </Show>
            <Show when=move || outbox.clock_wrong.get()>
                <p class="clock-warning">{tr(Key::ClockWrong)}</p>
            </Show>
            <Show when=move || !outbox.refused.get().is_empty()>
                <p class="refused">
                    <A href=routes::MY_PROGRESS>{move || i18n::refused(i18n.lang(), outbox.refused.get().len())}</A>
                </p>
            </Show>
        </div>
    }
}
