//! Posting from a form or a button: one [`Submit`] per action, built on Leptos' `Action`.
//! It knows whether a request is in flight (so the button can say so and refuse a second
//! click), and keeps the last error **as data** ([`FormError`]), so the message is
//! re-translated when the language changes and can point at the field it is about.

use std::future::Future;

use kursbro_shared::validation::FieldError;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{use_i18n, Key, Lang};

/// Why a submission failed.
#[derive(Debug, Clone, PartialEq)]
pub enum FormError {
    /// A field failed the shared validation before anything was sent.
    Field { field: &'static str, key: Key },
    /// The server (or the network) said no.
    Api(ApiError),
}

impl FormError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            FormError::Field { key, .. } => key.text(lang).to_string(),
            FormError::Api(e) => e.user_message(lang),
        }
    }

    /// The form field the error is about, if any (for `aria-invalid` and focus).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            FormError::Field { field, .. } => Some(field),
            FormError::Api(ApiError::Server { field, .. }) => field
                .as_deref()
                .and_then(|f| SERVER_FIELDS.iter().copied().find(|s| *s == f)),
            FormError::Api(_) => None,
        }
    }

    /// A shared-validation failure, shown with the generic "check the fields" text unless
    /// the form maps it to something more precise.
    pub fn invalid(e: FieldError) -> Self {
        FormError::Field {
            field: e.field,
            key: Key::ErrInvalidInput,
        }
    }
}

impl From<ApiError> for FormError {
    fn from(e: ApiError) -> Self {
        FormError::Api(e)
    }
}

/// Field names the server may name in an error, as `'static` strings the forms use.
const SERVER_FIELDS: &[&str] = &[
    "email",
    "password",
    "current_password",
    "new_password",
    "name",
    "title",
    "body",
    "reason",
    "text",
    "role",
    "user_id",
    "module",
    "completed_on",
    "note",
    "comment",
    "relevance",
    "workload",
    "quality",
    "slug",
    "modules",
    "themes",
    "image",
    "description",
    "theme",
    "starts",
    "ends",
    "address",
    "room",
    "video_url",
    "capacity",
    "signup_deadline",
    "mandatory",
    "programme",
    "cohort_id",
    "session_of",
];

/// One thing the page can post. `Copy`, so every closure in a view can hold it.
pub struct Submit<I: 'static, O: 'static> {
    action: Action<I, Result<O, FormError>>,
}

impl<I, O> Clone for Submit<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<I, O> Copy for Submit<I, O> {}

impl<I: 'static, O: 'static> Submit<I, O> {
    /// `run` does the work (usually one `api::` call, then whatever should follow success
    /// on the page); its error is kept until the next dispatch.
    pub fn new<F, Fut>(run: F) -> Self
    where
        F: Fn(&I) -> Fut + 'static,
        Fut: Future<Output = Result<O, FormError>> + 'static,
    {
        Self {
            action: Action::new_local(run),
        }
    }

    /// Sends `input`, unless a request is already in flight (a double click posts once).
    pub fn dispatch(&self, input: I) {
        if !self.action.pending().get_untracked() {
            self.action.value().set(None);
            self.action.dispatch_local(input);
        }
    }

    /// Refuses before sending (a failed check in the form); shown like a server error.
    pub fn fail(&self, error: FormError) {
        self.action.value().set(Some(Err(error)));
    }

    /// Forgets the last result (e.g. when the form is closed).
    pub fn clear(&self) {
        self.action.value().set(None);
    }

    /// Whether a request is in flight.
    pub fn busy(&self) -> bool {
        self.action.pending().get()
    }

    /// The same, outside the reactive graph (a timer).
    pub fn busy_untracked(&self) -> bool {
        self.action.pending().get_untracked()
    }

    /// The last error, if the last submission failed.
    pub fn error(&self) -> Option<FormError> {
        self.action
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    }

    /// What the last submission gave back, if it succeeded.
    pub fn output(&self) -> Option<O>
    where
        O: Clone,
    {
        self.action
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().ok().cloned()))
    }

    /// Whether the last submission succeeded.
    pub fn succeeded(&self) -> bool {
        self.action.value().with(|v| matches!(v, Some(Ok(_))))
    }

    /// `aria-invalid` for `field`: `Some("true")` while the last error is about it.
    pub fn invalid(&self, field: &'static str) -> impl Fn() -> Option<&'static str> + Copy {
        let this = *self;
        move || {
            this.error()
                .is_some_and(|e| e.field() == Some(field))
                .then_some("true")
        }
    }
}

/// The error of a [`Submit`], in the user's language, announced when it appears.
///
/// With an `id` (which the form's fields reference with `aria-describedby`) the alert
/// region is always in the page, ready to announce; without one it appears only with an
/// error, so a page of many buttons does not fill up with empty alert regions.
#[component]
pub fn SubmitError<I: 'static, O: 'static>(
    submit: Submit<I, O>,
    #[prop(optional, into)] id: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        submit
            .error()
            .map(|e| view! { <p>{e.message(i18n.lang())}</p> })
    };
    match id {
        Some(id) => view! {
            <div id=id class="form-error" role="alert" aria-live="assertive">{message}</div>
        }
        .into_any(),
        None => view! {
            {move || message().map(|m| view! { <div class="form-error" role="alert">{m}</div> })}
        }
        .into_any(),
    }
}

/// Moves keyboard focus to the element with `id` (a field that needs fixing).
pub fn focus(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Moves focus to `id` once the page has drawn what was just changed (a row just added).
pub fn focus_soon(id: String) {
    request_animation_frame(move || focus(&id));
}
