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
pub mod outbox;
pub mod pages;
pub mod parts;
pub mod resources;
pub mod routes;
pub mod session;

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
