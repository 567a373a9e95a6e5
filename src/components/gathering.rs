//! Gatherings in lists (the course programme, a module's or programme's page, "Mine
//! samlinger"), the unread-notice count of the header, and a module's or programme's
//! upcoming gatherings. Plain `<a>` links: these are also mounted outside a router.

use chrono::Utc;
use kursbro_shared::gatherings::{Format, GatheringSummary, SignupStatus};
use leptos::prelude::*;

use crate::api::{self, GatheringsOf};
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

pub fn format_key(format: Format) -> Key {
    match format {
        Format::InPerson | Format::Unknown => Key::FormatInPerson,
        Format::Video => Key::FormatVideo,
        Format::Hybrid => Key::FormatHybrid,
    }
}

/// "Storgata 1, rom 204" (address, then room), or empty.
pub fn place_text(address: &str, room: &str) -> String {
    match (address.trim(), room.trim()) {
        ("", "") => String::new(),
        (a, "") => a.to_string(),
        ("", r) => r.to_string(),
        (a, r) => format!("{a}, {r}"),
    }
}

/// Free places in words, or "Fullt – venteliste" (with the queue's length).
pub fn places_view(g: &GatheringSummary) -> impl IntoView {
    let i18n = use_i18n();
    let free = g.free_places();
    let waitlisted = g.waitlisted;
    move || match free {
        None => i18n.t(Key::NoPlaceLimit).to_string(),
        Some(0) if waitlisted > 0 => format!(
            "{} ({})",
            i18n.t(Key::FullWaitlist),
            i18n::on_waitlist(i18n.lang(), waitlisted)
        ),
        Some(0) => i18n.t(Key::FullWaitlist).to_string(),
        Some(n) => i18n::free_places(i18n.lang(), n),
    }
}

/// The asker's place as a badge.
pub fn my_status_badge(status: Option<SignupStatus>) -> Option<impl IntoView> {
    match status {
        Some(SignupStatus::Confirmed) => Some(
            view! { <span class="badge badge-done"><span aria-hidden="true">"✓ "</span>{tr(Key::YouHavePlace)}</span> }
                .into_any(),
        ),
        Some(SignupStatus::Waitlisted) => Some(
            view! { <span class="badge badge-waiting">{tr(Key::YouAreWaitlisted)}</span> }
                .into_any(),
        ),
        _ => None,
    }
}

/// One gathering in a list: title (a link to its page), when (Oslo time), who hosts it,
/// where and how, places, and the badges (mandatory, cancelled, the asker's place).
#[component]
pub fn GatheringItem(
    gathering: GatheringSummary,
    /// `h3` (under a section's `h2`) or, with `small`, `h4`.
    #[prop(default = false)]
    small: bool,
    /// Show the host organisation (the course programme mixes them).
    #[prop(default = true)]
    show_provider: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let g = gathering;
    let (starts, ends) = (g.starts_at, g.ends_at);
    let href = routes::gathering(g.id);
    let title = g.title.clone();
    let link = view! { <a href=href>{title}</a> };
    let heading = if small {
        view! { <h4 class="gathering-title">{link}</h4> }.into_any()
    } else {
        view! { <h3 class="gathering-title">{link}</h3> }.into_any()
    };
    let cancelled = g.cancelled;
    let place = place_text(&g.address, &g.room);
    let format = format_key(g.format);
    let provider = show_provider.then(|| g.provider.name.clone());
    let theme = (!g.theme.is_empty()).then(|| g.theme.clone());
    let places = (!cancelled).then(|| places_view(&g));
    let full = g.free_places() == Some(0);
    view! {
        <article class="gathering-item" class:cancelled=cancelled data-gathering-id=g.id>
            {heading}
            <p class="gathering-when">
                <time datetime=starts.to_rfc3339()>{move || i18n::gathering_when(i18n.lang(), starts, ends)}</time>
            </p>
            <p class="card-meta">
                {provider.map(|p| view! { <span>{p}</span> " · " })}
                <span>{tr(format)}</span>
                {(!place.is_empty()).then(|| view! { " · " <span>{place.clone()}</span> })}
                {theme.map(|t| view! { " · " <span class="tag">{t}</span> })}
            </p>
            <p class="gathering-badges">
                {cancelled.then(|| view! { <span class="badge badge-cancelled">{tr(Key::Cancelled)}</span> " " })}
                {g.mandatory.then(|| view! { <span class="badge badge-mandatory">{tr(Key::MandatoryBadge)}</span> " " })}
                {places.map(|p| view! { <span class="places" class:places-full=full>{p}</span> " " })}
                {my_status_badge(g.my_status)}
            </p>
        </article>
    }
}

/// The signed-in person's unread notices, for the header; loaded once per page and set to
/// nought when the notices page has marked them read.
#[derive(Debug, Clone, Copy)]
pub struct UnreadNotices(pub RwSignal<u32>);

impl UnreadNotices {
    pub fn provide() -> Self {
        let this = UnreadNotices(RwSignal::new(0));
        provide_context(this);
        this
    }
}

pub fn use_unread_notices() -> Option<UnreadNotices> {
    use_context::<UnreadNotices>()
}

/// A module's or programme's gatherings that have not ended, with "Ny samling" for those
/// who run gatherings. Nothing at all when there are none and the reader runs none.
#[component]
pub fn UpcomingGatherings(of: GatheringsOf, new_href: String) -> impl IntoView {
    let session = use_session();
    let of = StoredValue::new(of);
    let list = LocalResource::new(move || {
        let of = of.get_value();
        let _ = session.me.get().map(|m| m.id);
        async move { api::gatherings(&of).await }
    });
    let runs = move || session.me.get().is_some_and(|m| m.grants.runs_gatherings());
    let upcoming = move || {
        let now = Utc::now();
        list.get()
            .and_then(Result::ok)
            .map(|l| {
                l.gatherings
                    .into_iter()
                    .filter(|g| g.ends_at > now)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let new_href = StoredValue::new(new_href);
    view! {
        <Show when=move || runs() || !upcoming().is_empty()>
            <section class="gatherings-section" aria-labelledby="gatherings-heading">
                <h2 id="gatherings-heading">{tr(Key::GatheringsHeading)}</h2>
                {move || {
                    let items = upcoming();
                    if items.is_empty() {
                        view! { <p>{tr(Key::NoUpcomingGatherings)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="gathering-list">
                                {items.into_iter().map(|g| view! { <li><GatheringItem gathering=g/></li> }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
                <Show when=runs>
                    <p><a class="button secondary" href=new_href.get_value()>{tr(Key::NewGathering)}</a></p>
                </Show>
            </section>
        </Show>
    }
}
