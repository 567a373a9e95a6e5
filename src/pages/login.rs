use kursbro_shared::api::LoginRequest;
use kursbro_shared::validation::{validate_login, Problem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::field::TextField;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

fn field_error(field: &'static str, problem: Problem) -> FormError {
    let key = match (field, problem) {
        ("email", Problem::Required) => Key::ErrEmailRequired,
        ("email", _) => Key::ErrEmailMalformed,
        ("password", Problem::Required) => Key::ErrPasswordRequired,
        _ => Key::ErrInvalidInput,
    };
    FormError::Field { field, key }
}

#[component]
pub fn Login() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    use_title(move || i18n.t(Key::SignInTitle).to_string());

    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let navigate = StoredValue::new_local(navigate);
    let sign_in = Submit::new(move |req: &LoginRequest| {
        let req = req.clone();
        async move {
            // A sign-out this device still owes the server goes first, so the previous
            // person's session does not outlive this sign-in.
            session.finish_sign_out().await;
            let result = api::login(&req).await;
            password.set(String::new());
            match result {
                Ok(me) => {
                    // A leader's first screen is their competence overview.
                    let first = if me.grants.is_leader() {
                        routes::DASHBOARD
                    } else {
                        routes::HOME
                    };
                    session.me.set(Some(me));
                    navigate.with_value(|n| n(first, Default::default()));
                    Ok(())
                }
                Err(e) => {
                    focus("password");
                    Err(FormError::Api(e))
                }
            }
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        match validate_login(&req) {
            Err(e) => {
                sign_in.fail(field_error(e.field, e.problem));
                focus(e.field);
            }
            Ok(()) => sign_in.dispatch(req),
        }
    };

    view! {
        <section class="sign-in">
            <h1>{tr(Key::SignInTitle)}</h1>
            <Show when=move || session.me.get().is_some()>
                <p class="notice">{tr(Key::AlreadySignedIn)}</p>
            </Show>
            <p>{tr(Key::SignInIntro)}</p>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=sign_in id="sign-in-error"/>
                <TextField id="email" label=Key::Email value=email submit=sign_in field="email"
                    describedby="sign-in-error" kind="email" autocomplete="username" inputmode="email"
                    required=true/>
                <TextField id="password" label=Key::Password value=password submit=sign_in
                    field="password" describedby="sign-in-error" kind="password"
                    autocomplete="current-password" required=true/>
                <button type="submit" class="button" disabled=move || sign_in.busy()>
                    {move || if sign_in.busy() { i18n.t(Key::SigningIn) } else { i18n.t(Key::SignInButton) }}
                </button>
            </form>
        </section>
    }
}
