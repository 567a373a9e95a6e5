//! Who is signed in, shared through context and loaded once at start; and signing out,
//! which must hold on a shared ward PC even without network.
//!
//! Signing out ends the session on this device at once: the UI forgets the person, the
//! service worker's copies of their API answers are deleted, and a flag in `localStorage`
//! (`kursbro.sign-out-pending`) records that the server has not heard yet. While the flag
//! is set the app treats the device as signed out whatever the (HttpOnly) cookie says, and
//! sends the sign-out first thing when the network returns (at start, on `online`, before
//! the next sign-in). The person is told plainly that the server will be told later.

use kursbro_shared::api::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};

const PENDING_SIGN_OUT: &str = "kursbro.sign-out-pending";

#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// `None` while unknown or when signed out.
    pub me: RwSignal<Option<Me>>,
    /// Whether the first `GET /me` has answered.
    pub checked: RwSignal<bool>,
    /// Signed out on this device, but the server has not been told yet (no network).
    pub sign_out_pending: RwSignal<bool>,
}

impl Session {
    /// Creates the context and asks the server who we are (after finishing a sign-out
    /// that could not reach the server before).
    pub fn provide() -> Session {
        let session = Session {
            me: RwSignal::new(None),
            checked: RwSignal::new(false),
            sign_out_pending: RwSignal::new(pending_flag()),
        };
        provide_context(session);
        spawn_local(async move {
            if session.finish_sign_out().await {
                // A network failure leaves us signed out in the UI; the next action retries.
                if let Ok(me) = api::me().await {
                    session.me.set(me);
                }
            }
            session.checked.set(true);
        });
        if let Some(window) = web_sys::window() {
            let on_online = leptos::wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                spawn_local(async move {
                    session.finish_sign_out().await;
                });
            });
            use leptos::wasm_bindgen::JsCast;
            let _ = window
                .add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
            on_online.forget();
        }
        session
    }

    /// Signs out: on this device at once, on the server now or as soon as it can be
    /// reached.
    pub fn sign_out(self) {
        set_pending_flag(true);
        self.sign_out_pending.set(true);
        self.me.set(None);
        spawn_local(async move {
            forget_cached_api_answers().await;
            self.finish_sign_out().await;
        });
    }

    /// Sends a sign-out that is still owed to the server. `true` when nothing is owed any
    /// more (sent now, or there was none).
    pub async fn finish_sign_out(self) -> bool {
        if !pending_flag() {
            self.sign_out_pending.set(false);
            return true;
        }
        match api::logout().await {
            // The network or the server is not there: try again later.
            Err(ApiError::Network) => false,
            Err(ApiError::Server { status, .. }) if status >= 500 => false,
            // Done (or the session was already gone).
            _ => {
                set_pending_flag(false);
                self.sign_out_pending.set(false);
                true
            }
        }
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn pending_flag() -> bool {
    storage()
        .and_then(|s| s.get_item(PENDING_SIGN_OUT).ok().flatten())
        .is_some()
}

fn set_pending_flag(on: bool) {
    if let Some(s) = storage() {
        let _ = if on {
            s.set_item(PENDING_SIGN_OUT, "1")
        } else {
            s.remove_item(PENDING_SIGN_OUT)
        };
    }
}

/// Drops the service worker's copies of API answers, so the next person on a shared device
/// never sees the previous one's data offline. The app shell stays cached.
async fn forget_cached_api_answers() {
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = wasm_bindgen_futures::JsFuture::from(caches.delete("kursbro-api-v1")).await;
    }
}
