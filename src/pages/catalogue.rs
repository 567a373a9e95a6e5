use kursbro_shared::api::{Catalogue as CatalogueData, ModuleKind, ProgrammeSummary};
use leptos::prelude::*;

use crate::api;
use crate::components::module_card::ModuleCard;
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};

#[component]
pub fn Catalogue() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::CatalogueTitle).to_string());
    let data = LocalResource::new(api::catalogue);
    view! {
        <h1>{tr(Key::CatalogueTitle)}</h1>
        <p class="lead">{tr(Key::CatalogueIntro)}</p>
        <Transition fallback=LoadingIndicator>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(cat) => view! { <CatalogueLists cat=cat/> }.into_any(),
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
fn CatalogueLists(cat: CatalogueData) -> impl IntoView {
    let (modules, courses): (Vec<_>, Vec<_>) = cat
        .modules
        .into_iter()
        .partition(|m| m.kind == ModuleKind::ProgrammeModule);
    let list = |items: Vec<kursbro_shared::api::ModuleSummary>| {
        if items.is_empty() {
            view! { <p>{tr(Key::NoModules)}</p> }.into_any()
        } else {
            view! {
                <ul class="card-grid">
                    {items.into_iter().map(|m| view! { <li><ModuleCard module=m/></li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    let programmes = cat.programmes;
    view! {
        <section aria-labelledby="programmes-heading">
            <h2 id="programmes-heading">{tr(Key::Programmes)}</h2>
            {programmes.into_iter().map(|p| view! { <ProgrammeBlock programme=p/> }).collect_view()}
        </section>
        <section aria-labelledby="modules-heading">
            <h2 id="modules-heading">{tr(Key::Modules)}</h2>
            {list(modules)}
        </section>
        <section aria-labelledby="courses-heading">
            <h2 id="courses-heading">{tr(Key::StatutoryCourses)}</h2>
            {list(courses)}
        </section>
    }
}

#[component]
fn ProgrammeBlock(programme: ProgrammeSummary) -> impl IntoView {
    let i18n = use_i18n();
    let credits = programme.credits;
    view! {
        <article class="programme">
            <h3>{programme.title}</h3>
            <p class="card-meta">
                {move || i18n::credits(i18n.lang(), credits)} " · " {programme.provider.name}
            </p>
            <p>{programme.summary}</p>
            <h4>{tr(Key::ProgrammeModules)}</h4>
            <p class="hint">{tr(Key::AnyOrder)}</p>
            <ul class="programme-modules">
                {programme
                    .modules
                    .into_iter()
                    .map(|m| {
                        let key = if m.required { Key::Required } else { Key::Optional };
                        view! {
                            <li>
                                <a href=format!("/moduler/{}", m.slug)>{m.title}</a>
                                " "
                                <span class="tag">{tr(key)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </article>
    }
}
