//! `/tilbydere/:id`: one provider's page — its news (and their Atom feed), and the modules
//! and study programmes it offers that the visitor sees.

use kursbro_shared::api::CatalogueQuery;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::components::loaded::Loaded;
use crate::components::module_card::ModuleCard;
use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key};
use crate::pages::news::NewsArticle;
use crate::routes;

#[component]
pub fn ProviderPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || {
        params
            .with(|p| p.get("id"))
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let data = LocalResource::new(move || {
        let id = id();
        async move {
            let catalogue = api::catalogue(&CatalogueQuery {
                provider: Some(id),
                limit: Some(100),
                ..CatalogueQuery::default()
            })
            .await?;
            let news = api::provider_news(id, 0, 10).await?;
            let name = catalogue
                .facets
                .providers
                .iter()
                .find(|p| p.id == id)
                .map(|p| p.name.clone())
                .or_else(|| news.items.first().map(|n| n.provider.name.clone()));
            match name {
                Some(name) => Ok((name, catalogue, news)),
                // Nothing of theirs that the visitor sees: as if there were no such provider.
                None => Err(api::ApiError::Server {
                    status: 404,
                    code: kursbro_shared::api::ErrorCode::NotFound,
                    message: String::new(),
                    field: None,
                    retry_after: None,
                }),
            }
        }
    });
    let title = Memo::new(move |_| {
        data.get()
            .and_then(|r| r.ok())
            .map(|(name, _, _)| name)
            .unwrap_or_else(|| i18n.t(Key::ProviderTitle).to_string())
    });
    use_title(move || title.get());
    view! {
        <Loaded resource=data let:data>
            {
                let (name, catalogue, news) = data;
                let provider = id();
                let programmes: Vec<_> = catalogue
                    .programmes
                    .into_iter()
                    .filter(|p| p.provider.id == provider)
                    .collect();
                view! {
                    <h1>{name}</h1>
                    <section aria-labelledby="provider-news">
                        <h2 id="provider-news">{tr(Key::NewsTitle)}</h2>
                        {if news.items.is_empty() {
                            view! { <p>{tr(Key::NewsNone)}</p> }.into_any()
                        } else {
                            news.items.into_iter().map(|item| view! { <NewsArticle item=item small=true/> }).collect_view().into_any()
                        }}
                        <p><a href=format!("/api/v1/news.atom?provider={provider}")>{tr(Key::NewsFeed)}</a></p>
                    </section>
                    {(!programmes.is_empty()).then(|| view! {
                        <section aria-labelledby="provider-programmes">
                            <h2 id="provider-programmes">{tr(Key::ProviderProgrammes)}</h2>
                            <ul>
                                {programmes.into_iter().map(|p| view! {
                                    <li><A href=routes::programme(&p.slug)>{p.title}</A></li>
                                }).collect_view()}
                            </ul>
                        </section>
                    })}
                    <section aria-labelledby="provider-modules">
                        <h2 id="provider-modules">{tr(Key::ProviderModules)}</h2>
                        <ul class="card-grid">
                            {catalogue.modules.into_iter().map(|m| view! { <li><ModuleCard module=m/></li> }).collect_view()}
                        </ul>
                    </section>
                }
            }
        </Loaded>
    }
}
