//! Who is signed in, shared through context and loaded once at start.

use kursbro_shared::api::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

#[derive(Debug, Clone, Copy)]
pub struct Session {
    /// `None` while unknown or when signed out.
    pub me: RwSignal<Option<Me>>,
    /// Whether the first `GET /me` has answered.
    pub checked: RwSignal<bool>,
}

impl Session {
    /// Creates the context and asks the server who we are.
    pub fn provide() -> Session {
        let session = Session {
            me: RwSignal::new(None),
            checked: RwSignal::new(false),
        };
        provide_context(session);
        spawn_local(async move {
            // A network failure leaves us signed out in the UI; the next action retries.
            if let Ok(me) = api::me().await {
                session.me.set(me);
            }
            session.checked.set(true);
        });
        session
    }

    pub fn sign_out(self) {
        spawn_local(async move {
            // Forget locally even if the server could not be reached: the cookie is
            // HttpOnly, and the server session expires on its own.
            let _ = api::logout().await;
            forget_cached_api_answers().await;
            self.me.set(None);
        });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Drops the service worker's copies of API answers, so the next person on a shared device
/// never sees the previous one's data offline. The app shell stays cached.
async fn forget_cached_api_answers() {
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = wasm_bindgen_futures::JsFuture::from(caches.delete("kursbro-api-v1")).await;
    }
}
