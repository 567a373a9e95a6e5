use leptos::prelude::*;

use crate::i18n::{use_i18n, Key};

/// Keeps `document.title` as "<page> – Kursbro", in the current language.
pub fn use_title(page: impl Fn() -> String + 'static) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let title = format!("{} – {}", page(), i18n.t(Key::AppName));
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&title);
        }
    });
}
