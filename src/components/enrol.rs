//! Enrolling in and leaving a module or programme, and what a missing module shows.

use kursbro_shared::learning::EnrolRequest;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::submit::{FormError, Submit, SubmitError};
use crate::i18n::{tr, Key};
use crate::routes;
use crate::session::use_session;

/// What the module and activity pages show for a slug with no published module.
#[component]
pub fn ModuleNotFound() -> impl IntoView {
    view! {
        <h1>{tr(Key::ModuleNotFound)}</h1>
        <p>{tr(Key::ModuleNotFoundText)}</p>
    }
}

/// Enrol / leave for a module or programme, with the enrolment status in words.
#[component]
pub fn EnrolControl(
    target: EnrolRequest,
    #[prop(into)] enrolled: Signal<bool>,
    #[prop(into)] enrolled_directly: Signal<bool>,
    #[prop(into)] on_change: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    // `true`: leave; `false`: enrol.
    let change = Submit::new(move |leave: &bool| {
        let (leave, target) = (*leave, target.clone());
        async move {
            if leave {
                api::leave(&target).await?;
            } else {
                api::enrol(&target).await?;
            }
            on_change.run(());
            Ok::<(), FormError>(())
        }
    });
    view! {
        <div class="enrol">
            {move || {
                if session.me.get().is_none() {
                    view! { <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p> }.into_any()
                } else if enrolled_directly.get() {
                    view! {
                        <p>{tr(Key::EnrolledDirectly)}</p>
                        <button type="button" class="button secondary" disabled=move || change.busy() on:click=move |_| change.dispatch(true)>
                            {tr(Key::Leave)}
                        </button>
                    }
                        .into_any()
                } else if enrolled.get() {
                    view! { <p>{tr(Key::EnrolledThrough)}</p> }.into_any()
                } else {
                    view! {
                        <button type="button" class="button" disabled=move || change.busy() on:click=move |_| change.dispatch(false)>
                            {tr(Key::Enrol)}
                        </button>
                    }
                        .into_any()
                }
            }}
            <SubmitError submit=change/>
        </div>
    }
}
