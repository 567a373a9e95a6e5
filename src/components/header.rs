use kursbro_shared::api::Role;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, use_i18n, Key};
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
            let role = role_key(me.role);
            view! {
                <p class="who">
                    <span class="visually-hidden">{tr(Key::SignedInAs)} " "</span>
                    <span class="who-name">{me.name}</span>
                    <span class="who-role">{move || i18n.t(role)}</span>
                </p>
                <button type="button" class="button secondary" on:click=move |_| session.sign_out()>
                    {tr(Key::NavSignOut)}
                </button>
            }
            .into_any()
        }
        None => view! {
            <A href="/logg-inn" attr:class="button">{tr(Key::NavSignIn)}</A>
        }
        .into_any(),
    };
    view! {
        <header class="site-header">
            <div class="header-inner">
                <A href="/" attr:class="brand">{tr(Key::AppName)}</A>
                <nav aria-label=tr(Key::MainNavigation)>
                    <ul class="nav-list">
                        <li><A href="/" exact=true>{tr(Key::NavHome)}</A></li>
                        <li><A href="/katalog">{tr(Key::NavCatalogue)}</A></li>
                    </ul>
                </nav>
                <div class="header-actions">
                    <LangSwitch/>
                    {account}
                </div>
            </div>
        </header>
    }
}
