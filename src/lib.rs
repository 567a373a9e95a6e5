//! Kursbro's web app: a Leptos single-page app, rendered in the browser.
//!
//! * [`app`] — the shell: header, routes, footer.
//! * [`pages`] — one component per route.
//! * [`components`] — pieces the pages share.
//! * [`api`] — the one typed client for the server.
//! * [`session`] — who is signed in.
//! * [`outbox`] — learning events kept on the device until the server has them (offline).
//! * [`i18n`] — every string of the UI, in bokmål and English.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod json;
pub mod outbox;
pub mod pages;
pub mod parts;
pub mod resources;
pub mod routes;
pub mod session;

/// Mounts the app on `<body>`, in place of the first screen `index.html` paints before the
/// app has arrived. When the app is quicker than that first paint (a fast connection, or
/// the files already on the device), it waits for one frame, so the first screen is painted
/// (and counts as the page's first content) before the app draws the same in its place;
/// removing it and mounting happen in one task, so no frame shows neither.
///
/// A first screen that shows the page from its data (`data-kept`: a module, the catalogue)
/// stays: the app starts behind it, hidden by the style sheet, and `index.html` removes it
/// when the app has drawn the same, so the page does not go blank while the learner's part
/// or the app's answer arrives.
pub fn start() {
    console_error_panic_hook::set_once();
    let document = web_sys::window().and_then(|w| w.document());
    let boot = document.as_ref().and_then(|d| d.get_element_by_id("boot"));
    if boot.as_ref().is_some_and(|b| b.has_attribute("data-kept")) {
        leptos::mount::mount_to_body(app::App);
        return;
    }
    // A tab opened in the background paints nothing (and runs no animation frames) until
    // it is shown: there is no paint to wait for.
    let shown = document.is_some_and(|d| d.visibility_state() != web_sys::VisibilityState::Hidden);
    let wait = boot.is_some() && shown;
    let mount = move || {
        if let Some(boot) = boot {
            boot.remove();
        }
        leptos::mount::mount_to_body(app::App);
    };
    if wait {
        after_next_paint(mount);
    } else {
        mount();
    }
}

/// Runs `f` once the browser has painted the next frame: a task queued from the frame's
/// callback runs after that frame's paint.
fn after_next_paint(f: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}
