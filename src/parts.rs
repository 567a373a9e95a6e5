//! The app in parts: what a first visit needs (the shell, the home page, the catalogue,
//! signing in) is the main part; every other page is in a part of its own kind, fetched the
//! first time someone opens such a page.
//!
//! The release build (`scripts/build-app.sh`) is compiled with the `split` feature and cut
//! by `wasm-split-cli` at each [`lazy_page!`]: every page declared with the same part name
//! ends up in one `split_<part>.wasm`. Without the feature (`trunk serve`, the wasm tests)
//! the same pages are ordinary functions in one wasm, so nothing else changes.
//!
//! A part that cannot be fetched (no network, and not yet kept by the service worker) shows
//! [`PartFailed`], which says so and tries again on request, instead of a dead app.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// A part could not be fetched or started.
#[derive(Debug, Clone, Copy)]
pub struct PartError;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for PartError {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartError
    }
}

/// Fetches a page's part (if it is not here yet) and draws the page.
pub type LoadPage = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, PartError>>>>;

/// The page, or [`PartFailed`] when its part could not be fetched.
pub async fn show(load: LoadPage) -> AnyView {
    match load().await {
        Ok(page) => page,
        Err(PartError) => view! { <PartFailed load/> }.into_any(),
    }
}

/// "This part of Kursbro could not be fetched", with a button that tries again and, when
/// it works, shows the page in place; when it fails again, also one that reloads the page.
#[component]
pub fn PartFailed(load: LoadPage) -> impl IntoView {
    // The page once a retry has fetched its part; `loaded` says when to take it.
    let page: StoredValue<Option<AnyView>, LocalStorage> = StoredValue::new_local(None);
    let loaded = RwSignal::new(false);
    let trying = RwSignal::new(false);
    let failed_again = RwSignal::new(false);
    // The page is drawn (and later cleaned up) under this component's owner, where the
    // contexts it uses (language, session) are found.
    let owner = StoredValue::new_local(Owner::current());
    let retry = move |_| {
        trying.set(true);
        let attempt = async move {
            match load().await {
                Ok(view) => {
                    page.set_value(Some(view));
                    loaded.set(true);
                }
                Err(PartError) => failed_again.set(true),
            }
            trying.set(false);
        };
        match owner.get_value() {
            Some(owner) => owner.with(|| leptos::task::spawn_local_scoped(attempt)),
            None => leptos::task::spawn_local(attempt),
        }
    };
    move || match loaded
        .get()
        .then(|| page.try_update_value(Option::take).flatten())
    {
        Some(Some(view)) => view,
        _ => view! {
            <section class="error-box" role="alert">
                <h1>{tr(Key::PartFailedTitle)}</h1>
                <p>{tr(Key::PartFailedText)}</p>
                <button type="button" on:click=retry disabled=move || trying.get()>
                    {tr(Key::TryAgain)}
                </button>
                // A part of the build this tab runs may be gone (replaced by a newer build):
                // a reload gets the new one. What was done is kept on the device.
                <Show when=move || failed_again.get()>
                    <p>{tr(Key::PartFailedAgain)}</p>
                    <button type="button" on:click=|_| reload()>
                        {tr(Key::ReloadPage)}
                    </button>
                </Show>
            </section>
        }
        .into_any(),
    }
}

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Declares a route whose page lives in `part`: `lazy_page!(RouteType, load_fn, part, Page)`.
/// `load_fn` names the split point (each must be unique); pages with the same `part` share
/// one file.
#[macro_export]
macro_rules! lazy_page {
    ($route:ident, $load:ident, $part:ident, $page:ident) => {
        pub struct $route;

        // Left alone: rustfmt indents this attribute further on every run.
        #[rustfmt::skip]
        #[cfg_attr(
            feature = "split",
            ::leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $load() -> Result<::leptos::prelude::AnyView, $crate::parts::PartError> {
            use ::leptos::prelude::*;
            Ok(view! { <$page/> }.into_any())
        }

        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_: Self) -> ::leptos::prelude::AnyView {
                $crate::parts::show(|| {
                    Box::pin(async {
                        #[cfg(feature = "split")]
                        let loaded = $load().await;
                        #[cfg(not(feature = "split"))]
                        let loaded = $load();
                        loaded
                    })
                })
                .await
            }
        }
    };
}
