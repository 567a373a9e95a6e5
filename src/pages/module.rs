use kursbro_shared::api::ModuleDetail;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::module_card::{activity_kind_key, ModuleFacts};
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};

#[component]
pub fn ModulePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = LocalResource::new(move || {
        let slug = slug();
        async move { api::module(&slug).await }
    });
    use_title(move || match data.get() {
        Some(Ok(m)) => m.module.title,
        Some(Err(e)) if e.is_not_found() => i18n.t(Key::ModuleNotFound).to_string(),
        _ => i18n.t(Key::Modules).to_string(),
    });
    view! {
        <p class="breadcrumb"><A href="/katalog">{tr(Key::BackToCatalogue)}</A></p>
        <Transition fallback=LoadingIndicator>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(detail) => view! { <ModuleView detail=detail/> }.into_any(),
                        Err(e) if e.is_not_found() => {
                            view! {
                                <h1>{tr(Key::ModuleNotFound)}</h1>
                                <p>{tr(Key::ModuleNotFoundText)}</p>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! { <ErrorMessage error=error on_retry=move |()| data.refetch()/> }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn ModuleView(detail: ModuleDetail) -> impl IntoView {
    let i18n = use_i18n();
    let module = detail.module;
    let programmes = (!detail.programmes.is_empty()).then(|| {
        view! {
            <p>
                {tr(Key::PartOfProgrammes)} ": "
                {detail.programmes.into_iter().map(|p| view! { <span class="tag">{p.title}</span> " " }).collect_view()}
            </p>
        }
    });
    view! {
        <article class="module">
            <h1>{module.title.clone()}</h1>
            <p class="lead">{module.summary.clone()}</p>
            <ModuleFacts module=module.clone()/>
            {programmes}
            <p>{detail.description}</p>
            <h2>{tr(Key::Activities)}</h2>
            <ol class="activities">
                {detail
                    .activities
                    .into_iter()
                    .map(|a| {
                        let kind = activity_kind_key(a.kind);
                        let minutes = a.estimated_minutes;
                        view! {
                            <li class="activity">
                                <h3 class="activity-title">{a.title}</h3>
                                <p class="card-meta">
                                    <span class="tag">{tr(kind)}</span>
                                    " "
                                    {move || i18n::minutes(i18n.lang(), minutes)}
                                </p>
                                <p>{a.summary}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </article>
    }
}
