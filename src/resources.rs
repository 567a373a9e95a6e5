//! Data that several pages load the same way, and the route parameters they read. Pages
//! import from here and from `components`, never from each other.

use kursbro_shared::api::ModuleDetail;
use kursbro_shared::learning::{ModuleLearnerState, MyProgress};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::outbox::use_outbox;
use crate::session::use_session;

/// A module and the signed-in learner's state in it; the state is refetched whenever the
/// outbox has delivered something.
#[derive(Clone, Copy)]
pub struct ModuleData {
    pub detail: LocalResource<Result<ModuleDetail, ApiError>>,
    pub state: LocalResource<Option<ModuleLearnerState>>,
}

/// On a module's or an activity's page loaded from its address, index.html has already
/// asked for `/api/v1/modules/<slug>` (the browser answers `detail`'s request from that):
/// change both together (tests/e2e/parts.spec.ts checks they agree).
pub fn use_module_data(slug: Signal<String>) -> ModuleData {
    let session = use_session();
    let outbox = use_outbox();
    let detail = LocalResource::new(move || {
        let slug = slug.get();
        async move { api::module(&slug).await }
    });
    let state = LocalResource::new(move || {
        let slug = slug.get();
        let signed_in = session.me.get().is_some();
        outbox.synced.track();
        async move {
            if signed_in {
                api::module_progress(&slug).await.ok()
            } else {
                None
            }
        }
    });
    ModuleData { detail, state }
}

/// The `:slug` of the current route.
pub fn slug_param() -> Signal<String> {
    let params = use_params_map();
    Signal::derive(move || params.read().get("slug").unwrap_or_default())
}

/// The numeric `:id` of the current route (0 when it is not a number: the API then
/// answers "not found").
pub fn id_param() -> Signal<i64> {
    let params = use_params_map();
    Signal::derive(move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    })
}

/// The signed-in learner's progress (refetched when the outbox delivers), or `None`.
pub fn use_my_progress() -> LocalResource<Option<MyProgress>> {
    let session = use_session();
    let outbox = use_outbox();
    LocalResource::new(move || {
        let signed_in = session.me.get().is_some();
        outbox.synced.track();
        async move {
            if signed_in {
                api::my_progress().await.ok()
            } else {
                None
            }
        }
    })
}
