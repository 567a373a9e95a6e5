//! "Mine krav": every requirement of the competence plans that covers the signed-in person,
//! red first, each with its plan, due date, status in words, what it rests on, and a link
//! into the module. The service worker keeps the last answer, so it reads offline too.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::loaded::Loaded;
use crate::components::requirement::Requirements;
use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn RequirementsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::RequirementsTitle).to_string());
    let mine = LocalResource::new(move || {
        // Refetched when the person signs in or out.
        let id = session.me.get().map(|m| m.id);
        async move {
            match id {
                Some(_) => api::my_requirements().await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <h1>{tr(Key::RequirementsTitle)}</h1>
        <Show when=move || session.checked.get() && session.me.get().is_none()>
            <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p>
        </Show>
        <Loaded resource=mine let:mine>
            {mine.map(|m| view! { <Requirements compliance=m own=true/> })}
        </Loaded>
    }
}
