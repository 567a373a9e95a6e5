//! The facilitators' queue of reported posts.

use leptos::prelude::*;
use leptos_router::components::A;

use super::area_link;
use crate::api;
use crate::components::loaded::Loaded;
use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes;

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::ModerationTitle).to_string());
    let reports = LocalResource::new(api::reports);
    view! {
        <h1>{tr(Key::ModerationTitle)}</h1>
        <Loaded resource=reports let:list>
            {if list.is_empty() {
                view! { <p>{tr(Key::NoReports)}</p> }.into_any()
            } else {
                view! {
                    <ul class="thread-list">
                        {list.into_iter().map(|r| {
                            let (_, area) = area_link(&r.area);
                            view! {
                                <li class="thread-item">
                                    <h2 class="thread-title"><A href=routes::thread(r.thread_id)>{r.thread_title.clone()}</A></h2>
                                    <p class="card-meta">{area} " · " {r.author.clone()}</p>
                                    <ul>{r.reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Loaded>
    }
}
