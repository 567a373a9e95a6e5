//! The signed-in person's account: who they are, a new password, and signing out on every
//! device (a lost phone, a shared ward PC left signed in).

use kursbro_shared::api::ChangePasswordRequest;
use kursbro_shared::validation::{validate_password_change, validate_password_is_new, Problem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::field::TextField;
use crate::components::header::role_key;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
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
