use kursbro_shared::api::LoginRequest;
use kursbro_shared::validation::{validate_login, Problem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key, Lang};
use crate::session::use_session;

/// What went wrong, kept as data so it is re-translated when the language changes.
#[derive(Debug, Clone, PartialEq)]
enum FormError {
    Field { field: &'static str, key: Key },
    Api(api::ApiError),
}

impl FormError {
    fn message(&self, lang: Lang) -> String {
        match self {
            FormError::Field { key, .. } => key.text(lang).to_string(),
            FormError::Api(e) => e.user_message(lang),
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            FormError::Field { field, .. } => Some(field),
            FormError::Api(_) => None,
        }
    }
}

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
    let error = RwSignal::new(None::<FormError>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = LoginRequest {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(e) = validate_login(&req) {
            error.set(Some(field_error(e.field, e.problem)));
            focus_field(e.field);
            return;
        }
        error.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::login(&req).await {
                Ok(me) => {
                    session.me.set(Some(me));
                    password.set(String::new());
                    navigate("/", Default::default());
                }
                Err(e) => {
                    error.set(Some(FormError::Api(e)));
                    password.set(String::new());
                    focus_field("password");
                }
            }
            busy.set(false);
        });
    };

    let invalid = move |field: &'static str| {
        move || {
            error
                .get()
                .is_some_and(|e| e.field() == Some(field))
                .then_some("true")
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
                <div id="sign-in-error" class="form-error" role="alert" aria-live="assertive">
                    {move || error.get().map(|e| view! { <p>{e.message(i18n.lang())}</p> })}
                </div>
                <div class="field">
                    <label for="email">{tr(Key::Email)}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        inputmode="email"
                        required=true
                        aria-invalid=invalid("email")
                        aria-describedby="sign-in-error"
                        prop:value=email
                        on:input=move |ev| email.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="password">{tr(Key::Password)}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required=true
                        aria-invalid=invalid("password")
                        aria-describedby="sign-in-error"
                        prop:value=password
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(Key::SigningIn) } else { i18n.t(Key::SignInButton) }}
                </button>
            </form>
        </section>
    }
}

fn focus_field(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
