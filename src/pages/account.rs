//! The signed-in person's account: who they are, a new password, and signing out on every
//! device (a lost phone, a shared ward PC left signed in).

use kursbro_shared::api::ChangePasswordRequest;
use kursbro_shared::validation::{validate_password_change, validate_password_is_new, Problem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, GatheringsOf};
use crate::components::field::TextField;
use crate::components::gathering::GatheringItem;
use crate::components::header::role_key;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

fn field_error(field: &'static str, problem: Problem) -> FormError {
    let key = match (field, problem) {
        ("current_password", _) => Key::ErrCurrentPasswordRequired,
        (_, Problem::TooShort { .. } | Problem::Required) => Key::ErrNewPasswordShort,
        (_, Problem::TooLong { .. }) => Key::ErrNewPasswordLong,
        (_, Problem::Unchanged) => Key::ErrNewPasswordUnchanged,
        (_, Problem::HiddenCharacters) => Key::ErrHiddenCharacters,
        _ => Key::ErrInvalidInput,
    };
    FormError::Field { field, key }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::AccountTitle).to_string());
    view! {
        <h1>{tr(Key::AccountTitle)}</h1>
        {move || match session.me.get() {
            None if session.checked.get() => {
                view! { <p><A href=routes::SIGN_IN>{tr(Key::AccountSignIn)}</A></p> }.into_any()
            }
            None => view! { <p>{tr(Key::Loading)}</p> }.into_any(),
            Some(me) => {
                let role = role_key(me.grants.title());
                view! {
                    <dl class="account-facts">
                        <dt>{tr(Key::AccountName)}</dt><dd>{me.name}</dd>
                        <dt>{tr(Key::Email)}</dt><dd>{me.email}</dd>
                        <dt>{tr(Key::AccountOrganisation)}</dt><dd>{me.organisation.name}</dd>
                        <dt>{tr(Key::AccountRole)}</dt><dd>{move || i18n.t(role)}</dd>
                    </dl>
                    <MyGatherings/>
                    <CalendarFeedSection/>
                    <ChangePassword/>
                    <SignOutEverywhere/>
                }
                .into_any()
            }
        }}
    }
}

#[component]
fn ChangePassword() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let change = Submit::new(move |req: &ChangePasswordRequest| {
        let req = req.clone();
        async move {
            let result = api::change_password(&req).await;
            current.set(String::new());
            match result {
                Ok(()) => {
                    new.set(String::new());
                    Ok(())
                }
                Err(e) => {
                    let e = FormError::Api(e);
                    // The field the server names (a wrong current password), else the first.
                    focus(match e.field() {
                        Some("new_password") => "new-password",
                        _ => "current-password",
                    });
                    Err(e)
                }
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        let checked = validate_password_change(&req).and_then(|()| validate_password_is_new(&req));
        match checked {
            Err(e) => {
                change.fail(field_error(e.field, e.problem));
                focus(if e.field == "current_password" {
                    "current-password"
                } else {
                    "new-password"
                });
            }
            Ok(()) => change.dispatch(req),
        }
    };
    view! {
        <section class="account-section" aria-labelledby="change-password-heading">
            <h2 id="change-password-heading">{tr(Key::ChangePasswordTitle)}</h2>
            <p>{tr(Key::ChangePasswordIntro)}</p>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=change id="change-password-error"/>
                // Always in the page, so screen readers announce what appears in it.
                <p class="account-status" role="status">
                    {move || change.succeeded().then(|| view! { <span class="notice">{tr(Key::PasswordChanged)}</span> })}
                </p>
                <TextField id="current-password" label=Key::CurrentPassword value=current
                    submit=change field="current_password" describedby="change-password-error"
                    kind="password" autocomplete="current-password" required=true/>
                <TextField id="new-password" label=Key::NewPassword value=new submit=change
                    field="new_password" describedby="change-password-error" kind="password"
                    autocomplete="new-password" required=true/>
                <button type="submit" class="button" disabled=move || change.busy()>
                    {move || if change.busy() { i18n.t(Key::ChangingPassword) } else { i18n.t(Key::ChangePasswordButton) }}
                </button>
            </form>
        </section>
    }
}

#[component]
fn SignOutEverywhere() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sign_out = Submit::new(move |_: &()| async move {
        api::logout_everywhere().await.map_err(FormError::Api)?;
        // Every session has ended on the server; forget this device's copies too.
        session.sign_out();
        Ok(())
    });
    view! {
        <section class="account-section" aria-labelledby="sign-out-everywhere-heading">
            <h2 id="sign-out-everywhere-heading">{tr(Key::SignOutEverywhereTitle)}</h2>
            <p>{tr(Key::SignOutEverywhereText)}</p>
            <SubmitError submit=sign_out/>
            <button type="button" class="button secondary" disabled=move || sign_out.busy()
                on:click=move |_| sign_out.dispatch(())>
                {move || if sign_out.busy() { i18n.t(Key::SigningOutEverywhere) } else { i18n.t(Key::SignOutEverywhereButton) }}
            </button>
        </section>
    }
}

/// The gatherings ahead that the person signed up for (a place or the waitlist), soonest
/// first.
#[component]
fn MyGatherings() -> impl IntoView {
    let mine = LocalResource::new(|| async { api::gatherings(&GatheringsOf::Mine).await });
    view! {
        <section class="account-section" aria-labelledby="my-gatherings-heading">
            <h2 id="my-gatherings-heading">{tr(Key::MyGatheringsTitle)}</h2>
            <Loaded resource=mine let:list>
                {let mut list = list;
                let now = chrono::Utc::now();
                list.gatherings.retain(|g| g.ends_at > now);
                if list.gatherings.is_empty() {
                    view! { <p>{tr(Key::NoMyGatherings)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="gathering-list">
                            {list.gatherings.into_iter().map(|g| view! { <li><GatheringItem gathering=g/></li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </Loaded>
            <p><A href=routes::COURSE_PROGRAMME>{tr(Key::SeeCourseProgramme)}</A></p>
        </section>
    }
}

/// The secret address of the person's calendar feed: made, made again (the old one stops
/// working) or turned off. The address is shown once, when made: only a hash is stored.
#[component]
fn CalendarFeedSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = LocalResource::new(|| async { api::calendar_feed().await });
    let shown = RwSignal::new(None::<String>);
    let turned_off = RwSignal::new(false);
    let make = Submit::new(move |_: &()| async move {
        let feed = api::create_calendar_feed().await.map_err(FormError::Api)?;
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        shown.set(Some(format!(
            "{origin}{}",
            kursbro_shared::gatherings::calendar_path(&feed.token)
        )));
        turned_off.set(false);
        state.refetch();
        request_animation_frame(|| {
            use leptos::wasm_bindgen::JsCast;
            if let Some(input) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("calendar-url"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                let _ = input.focus();
                input.select();
            }
        });
        Ok(())
    });
    let off = Submit::new(move |_: &()| async move {
        api::delete_calendar_feed().await.map_err(FormError::Api)?;
        shown.set(None);
        turned_off.set(true);
        state.refetch();
        focus("calendar-heading");
        Ok(())
    });
    view! {
        <section class="account-section calendar-feed" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading" tabindex="-1">{tr(Key::CalendarTitle)}</h2>
            <p>{tr(Key::CalendarIntro)}</p>
            <p role="status">
                {move || turned_off.get().then(|| view! { <span class="notice">{tr(Key::CalendarTurnedOff)}</span> })}
            </p>
            {move || shown.get().map(|url| view! {
                <div class="field calendar-url">
                    <label for="calendar-url">{tr(Key::CalendarUrlLabel)}</label>
                    <input id="calendar-url" type="text" readonly=true prop:value=url aria-describedby="calendar-url-hint"
                        on:focus=|ev| {
                            use leptos::wasm_bindgen::JsCast;
                            if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                i.select();
                            }
                        }/>
                    <p class="hint" id="calendar-url-hint">{tr(Key::CalendarUrlHint)}</p>
                </div>
            })}
            <SubmitError submit=make/>
            <SubmitError submit=off/>
            <Loaded resource=state let:s>
                {if s.active {
                    view! {
                        <p>{move || i18n::calendar_active_since(i18n.lang(), s.created_at)}</p>
                        <p class="form-actions">
                            <button type="button" class="button secondary" disabled=move || make.busy()
                                on:click=move |_| make.dispatch(())>{tr(Key::CalendarRenew)}</button>
                            " "
                            <button type="button" class="button secondary" disabled=move || off.busy()
                                on:click=move |_| off.dispatch(())>{tr(Key::CalendarOff)}</button>
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p>{tr(Key::CalendarInactive)}</p>
                        <button type="button" class="button" disabled=move || make.busy()
                            on:click=move |_| make.dispatch(())>{tr(Key::CalendarCreate)}</button>
                    }
                    .into_any()
                }}
            </Loaded>
        </section>
    }
}
