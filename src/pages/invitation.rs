//! Choosing a password with the one-time link an admin made (`/invitasjon#<token>`): the
//! token is in the address's fragment, which the browser never sends to a server (so it is
//! in no log); the page sends it in a request body. The person is greeted by name, chooses
//! a password, and is signed in.

use kursbro_shared::admin::{validate_accept_invitation, AcceptInvitation, InvitationInfo};
use kursbro_shared::validation::Problem;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::field::TextField;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

/// The token in the address's fragment (`#…`), if any.
fn token() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

#[component]
pub fn InvitationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::InvitationTitle).to_string());
    let token = token();
    let info = {
        let token = token.clone();
        LocalResource::new(move || {
            let token = token.clone();
            async move { api::check_invitation(&token).await }
        })
    };
    view! {
        <section class="sign-in">
            <h1>{tr(Key::InvitationTitle)}</h1>
            <Transition fallback=crate::components::status::LoadingIndicator>
                {move || info.get().map(|answer| match answer {
                    Ok(who) => view! { <ChoosePassword token=token.clone() who=who/> }.into_any(),
                    Err(e) if e.is_not_found() || e.code() == Some(kursbro_shared::api::ErrorCode::Validation) => {
                        view! { <p class="error-box">{tr(Key::InvitationInvalid)}</p> }.into_any()
                    }
                    Err(e) => view! { <p class="error-box" role="alert">{move || e.user_message(i18n.lang())}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ChoosePassword(token: String, who: InvitationInfo) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = StoredValue::new_local(use_navigate());
    let password = RwSignal::new(String::new());
    let accept = Submit::new(move |req: &AcceptInvitation| {
        let req = req.clone();
        async move {
            session.finish_sign_out().await;
            match api::accept_invitation(&req).await {
                Ok(me) => {
                    session.me.set(Some(me));
                    // Replacing the entry takes the link out of the browser's history.
                    navigate.with_value(|n| {
                        n(
                            routes::HOME,
                            NavigateOptions {
                                replace: true,
                                ..Default::default()
                            },
                        )
                    });
                    Ok(())
                }
                Err(e) if e.is_not_found() => Err(FormError::Field {
                    field: "token",
                    key: Key::InvitationInvalid,
                }),
                Err(e) => Err(FormError::Api(e)),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = AcceptInvitation {
            token: token.clone(),
            new_password: password.get_untracked(),
        };
        match validate_accept_invitation(&req) {
            Ok(()) => accept.dispatch(req),
            Err(e) => {
                let key = match (e.field, e.problem) {
                    ("new_password", Problem::TooLong { .. }) => Key::ErrNewPasswordLong,
                    ("new_password", Problem::HiddenCharacters) => Key::ErrHiddenCharacters,
                    ("new_password", _) => Key::ErrNewPasswordShort,
                    _ => Key::InvitationInvalid,
                };
                accept.fail(FormError::Field {
                    field: "new_password",
                    key,
                });
                focus("invitation-password");
            }
        }
    };
    let greeting = move || i18n::invitation_greeting(i18n.lang(), &who);
    view! {
        <p>{greeting}</p>
        <form on:submit=on_submit novalidate=true>
            <SubmitError submit=accept id="invitation-error"/>
            <TextField id="invitation-password" label=Key::NewPassword value=password submit=accept
                field="new_password" describedby="invitation-error" kind="password"
                autocomplete="new-password" required=true/>
            <p class="field-hint">{tr(Key::ChangePasswordIntro)}</p>
            <button type="submit" class="button" disabled=move || accept.busy()>{tr(Key::InvitationSubmit)}</button>
        </form>
    }
}
