use kursbro_shared::api::{
    Catalogue as CatalogueData, CatalogueFacets, CatalogueQuery, ModuleKind, ModuleSummary,
    ProgrammeSummary, CATALOGUE_PAGE_MAX, CATALOGUE_QUERY_MAX_CHARS,
};
use kursbro_shared::learning::MyProgress;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api;
use crate::components::loaded::Loaded;
use crate::components::module_card::ModuleCard;
use crate::components::progress::StatusBadge;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::use_my_progress;
use crate::routes;

/// Modules a page. index.html asks for the first page (`/api/v1/catalogue?limit=50`) before
/// the app has arrived: change both together (tests/e2e/parts.spec.ts checks they agree).
const PAGE: u32 = 50;

#[component]
pub fn Catalogue() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::CatalogueTitle).to_string());
    let query = RwSignal::new(CatalogueQuery {
        limit: Some(PAGE),
        ..Default::default()
    });
    let data = LocalResource::new(move || {
        let q = query.get();
        async move { api::catalogue(&q).await }
    });
    let mine = use_my_progress();
    // The facets of the first answer, so the filter lists do not flicker while searching.
    let facets = RwSignal::new(None::<CatalogueFacets>);
    Effect::new(move |_| {
        if let Some(Ok(c)) = data.get() {
            if facets.get_untracked().is_none() {
                facets.set(Some(c.facets));
            }
        }
    });
    view! {
        <h1>{tr(Key::CatalogueTitle)}</h1>
        <p class="lead">{tr(Key::CatalogueIntro)}</p>
        <Filters query=query facets=facets/>
        <Loaded resource=data let:cat>
            <CatalogueLists cat=cat mine=mine query=query/>
        </Loaded>
    }
}

#[component]
fn Filters(
    query: RwSignal<CatalogueQuery>,
    facets: RwSignal<Option<CatalogueFacets>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let theme = RwSignal::new(String::new());
    let provider = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let max_hours = RwSignal::new(String::new());
    let language = RwSignal::new(String::new());
    let non_empty = |s: String| (!s.is_empty()).then_some(s);
    let apply = move || {
        query.set(CatalogueQuery {
            q: non_empty(q.get_untracked()),
            theme: non_empty(theme.get_untracked()),
            provider: provider.get_untracked().parse().ok(),
            language: non_empty(language.get_untracked()),
            max_hours: max_hours.get_untracked().parse().ok(),
            kind: match kind.get_untracked().as_str() {
                "programme_module" => Some(ModuleKind::ProgrammeModule),
                "statutory_course" => Some(ModuleKind::StatutoryCourse),
                _ => None,
            },
            offset: None,
            limit: Some(PAGE),
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply();
    };
    let clear = move |_| {
        for s in [q, theme, provider, kind, max_hours, language] {
            s.set(String::new());
        }
        apply();
    };
    let select = move |id: &'static str,
                       label: Key,
                       value: RwSignal<String>,
                       options: Vec<(String, String)>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id prop:value=value on:change=move |ev| { value.set(event_target_value(&ev)); apply(); }>
                    <option value="">{tr(Key::AllOptions)}</option>
                    {options.into_iter().map(|(v, text)| view! { <option value=v>{text}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form class="filters" role="search" on:submit=on_submit>
            <div class="field search">
                <label for="catalogue-q">{tr(Key::SearchLabel)}</label>
                <div class="search-row">
                    <input id="catalogue-q" type="search" maxlength=CATALOGUE_QUERY_MAX_CHARS prop:value=q on:input=move |ev| q.set(event_target_value(&ev))/>
                    <button type="submit" class="button">{tr(Key::SearchButton)}</button>
                </div>
            </div>
            <details class="filter-more">
                <summary>{tr(Key::Filters)}</summary>
                <div class="filter-grid">
                    {move || {
                        let f = facets.get().unwrap_or_default();
                        let kinds = vec![
                            ("programme_module".to_string(), i18n.t(Key::KindModules).to_string()),
                            ("statutory_course".to_string(), i18n.t(Key::KindCourses).to_string()),
                        ];
                        let hours = [2u32, 10, 40, 150]
                            .into_iter()
                            .map(|h| (h.to_string(), i18n::hours(i18n.lang(), h)))
                            .collect();
                        view! {
                            {select("filter-kind", Key::FilterKind, kind, kinds)}
                            {select("filter-theme", Key::Theme, theme, f.themes.iter().map(|t| (t.clone(), t.clone())).collect())}
                            {select("filter-provider", Key::Provider, provider, f.providers.iter().map(|p| (p.id.to_string(), p.name.clone())).collect())}
                            {select("filter-hours", Key::FilterMaxHours, max_hours, hours)}
                            {select("filter-language", Key::FilterLanguage, language, f.languages.iter().map(|l| (l.clone(), l.clone())).collect())}
                        }
                    }}
                    <button type="button" class="button secondary" on:click=clear>{tr(Key::ClearFilters)}</button>
                </div>
            </details>
        </form>
    }
}

#[component]
fn CatalogueLists(
    cat: CatalogueData,
    mine: LocalResource<Option<MyProgress>>,
    query: RwSignal<CatalogueQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = cat.modules.len();
    let total = cat.total_modules;
    let offset = query.with_untracked(|q| q.offset.unwrap_or(0));
    let (modules, courses): (Vec<_>, Vec<_>) = cat
        .modules
        .into_iter()
        .partition(|m| m.kind == ModuleKind::ProgrammeModule);
    let list = move |items: Vec<ModuleSummary>| {
        (!items.is_empty()).then(|| {
            view! {
                <ul class="card-grid">
                    {items
                        .into_iter()
                        .map(|m| {
                            let slug = m.slug.clone();
                            let status = move || {
                                mine.get()
                                    .flatten()
                                    .and_then(|p| p.modules.into_iter().find(|x| x.slug == slug))
                                    .map(|x| view! { <StatusBadge status=x.status percent=x.progress.percent()/> })
                            };
                            view! { <li><ModuleCard module=m/><div class="card-status">{status}</div></li> }
                        })
                        .collect_view()}
                </ul>
            }
        })
    };
    let has_modules = !modules.is_empty();
    let has_courses = !courses.is_empty();
    // "Show more" grows the page up to the server's largest (100); past that the list
    // goes page by page.
    let limit = query.with_untracked(|q| q.limit.unwrap_or(PAGE));
    let end = offset + u32::try_from(shown).unwrap_or(u32::MAX);
    let more = (end < total).then(|| {
        if limit < CATALOGUE_PAGE_MAX {
            view! {
                <button type="button" class="button secondary" on:click=move |_| {
                    query.update(|q| q.limit = Some((limit + PAGE).min(CATALOGUE_PAGE_MAX)))
                }>{tr(Key::ShowMore)}</button>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button secondary" on:click=move |_| {
                    query.update(|q| q.offset = Some(offset + CATALOGUE_PAGE_MAX))
                }>{tr(Key::NextPage)}</button>
            }
            .into_any()
        }
    });
    let previous = (offset > 0).then(|| {
        view! {
            <button type="button" class="button secondary" on:click=move |_| {
                query.update(|q| q.offset = Some(offset.saturating_sub(CATALOGUE_PAGE_MAX)))
            }>{tr(Key::PreviousPage)}</button>
        }
    });
    let programmes = cat.programmes;
    view! {
        <p class="hint" role="status">{move || i18n::results(i18n.lang(), offset + 1, shown, total)}</p>
        {(total == 0).then(|| view! { <p>{tr(Key::NoMatches)}</p> })}
        {(!programmes.is_empty()).then(|| view! {
            <section aria-labelledby="programmes-heading">
                <h2 id="programmes-heading">{tr(Key::Programmes)}</h2>
                {programmes.into_iter().map(|p| view! { <ProgrammeBlock programme=p/> }).collect_view()}
            </section>
        })}
        {has_modules.then(|| view! {
            <section aria-labelledby="modules-heading">
                <h2 id="modules-heading">{tr(Key::Modules)}</h2>
                {list(modules)}
            </section>
        })}
        {has_courses.then(|| view! {
            <section aria-labelledby="courses-heading">
                <h2 id="courses-heading">{tr(Key::StatutoryCourses)}</h2>
                {list(courses)}
            </section>
        })}
        {previous}
        {more}
    }
}

#[component]
fn ProgrammeBlock(programme: ProgrammeSummary) -> impl IntoView {
    let i18n = use_i18n();
    let credits = programme.credits;
    view! {
        <article class="programme">
            <h3><A href=routes::programme(&programme.slug)>{programme.title}</A></h3>
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
                                <a href=routes::module(&m.slug)>{m.title}</a>
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
