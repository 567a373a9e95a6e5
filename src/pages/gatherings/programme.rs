//! `/kursprogram` and `/kursprogram/:period`: every provider's gatherings of a half-year,
//! by month, with filters kept in the address (`?tilbyder=3&tema=HLR&fra=2027-03-01&
//! til=2027-04-30&format=video&ledige=1`) so a filtered view can be shared, and a print
//! stylesheet for a paper programme.

use chrono::{Datelike, NaiveDate, Utc};
use kursbro_shared::api::OrganisationRef;
use kursbro_shared::gatherings::{to_local, CourseProgramme, Period, ProgrammeFilter};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::api::{self, percent_encode};
use crate::components::gathering::GatheringItem;
use crate::components::loaded::Loaded;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;

/// The filters as the address holds them.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    provider: String,
    theme: String,
    from: String,
    to: String,
    format: String,
    free: bool,
}

impl Filter {
    fn query(&self) -> String {
        let mut q = Vec::new();
        let mut add = |k: &str, v: &str| {
            if !v.is_empty() {
                q.push(format!("{k}={}", percent_encode(v)));
            }
        };
        add("tilbyder", &self.provider);
        add("tema", &self.theme);
        add("fra", &self.from);
        add("til", &self.to);
        add("format", &self.format);
        if self.free {
            q.push("ledige=1".into());
        }
        q.join("&")
    }

    fn api(&self, period: Period) -> ProgrammeFilter {
        let day = |s: &str| {
            let mut parts = s.splitn(3, '-').map(|p| p.parse::<u32>().ok());
            let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
        };
        ProgrammeFilter {
            period: Some(period.slug()),
            provider: self.provider.parse().ok(),
            theme: (!self.theme.is_empty()).then(|| self.theme.clone()),
            from: day(&self.from),
            to: day(&self.to),
            format: matches!(self.format.as_str(), "in_person" | "video" | "hybrid")
                .then(|| self.format.clone()),
            free: self.free.then_some(true),
        }
    }
}

#[component]
pub fn CourseProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let period = Memo::new(move |_| match params.read().get("period") {
        None => Some(Period::containing(Utc::now())),
        Some(s) => Period::parse(&s),
    });
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        Filter {
            provider: get("tilbyder"),
            theme: get("tema"),
            from: get("fra"),
            to: get("til"),
            format: get("format"),
            free: q.get("ledige").is_some_and(|v| v == "1" || v == "true"),
        }
    });
    let data = LocalResource::new(move || {
        let p = period.get();
        let f = filter.get();
        async move {
            match p {
                Some(p) => api::course_programme(&f.api(p)).await,
                None => Err(crate::api::ApiError::Server {
                    status: 404,
                    code: kursbro_shared::api::ErrorCode::NotFound,
                    message: String::new(),
                    field: None,
                    retry_after: None,
                }),
            }
        }
    });
    use_title(move || match period.get() {
        Some(p) => i18n::course_programme_title(i18n.lang(), p),
        None => i18n.t(Key::PeriodNotFound).to_string(),
    });
    // The providers and themes of the period, kept while a filter is fetched.
    let facets = RwSignal::new((Vec::<OrganisationRef>::new(), Vec::<String>::new()));
    Effect::new(move |_| {
        if let Some(Ok(cp)) = data.get() {
            let new = (cp.providers, cp.themes);
            if facets.with_untracked(|f| *f != new) {
                facets.set(new);
            }
        }
    });
    view! {
        {move || match period.get() {
            None => view! {
                <h1>{tr(Key::ErrNotFound)}</h1>
                <p>{tr(Key::PeriodNotFound)}</p>
                <p><a href=routes::COURSE_PROGRAMME>{tr(Key::CurrentPeriod)}</a></p>
            }
            .into_any(),
            Some(p) => view! {
                <ProgrammeHeader period=p/>
                <Filters period=p filter=filter facets=facets/>
                <Loaded resource=data let:cp>
                    <ProgrammeList cp=cp/>
                </Loaded>
            }
            .into_any(),
        }}
    }
}

#[component]
fn ProgrammeHeader(period: Period) -> impl IntoView {
    let i18n = use_i18n();
    let (prev, next) = (period.previous(), period.next());
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <h1 id="programme-title">{move || i18n::course_programme_title(i18n.lang(), period)}</h1>
        <p class="lead">{tr(Key::CourseProgrammeIntro)}</p>
        <nav class="period-nav" aria-label=tr(Key::PeriodNavigation)>
            <a href=routes::course_programme(&prev.slug(), "") rel="prev">
                <span aria-hidden="true">"← "</span>{move || i18n::previous_period(i18n.lang(), prev)}
            </a>
            <a href=routes::course_programme(&next.slug(), "") rel="next">
                {move || i18n::next_period(i18n.lang(), next)}<span aria-hidden="true">" →"</span>
            </a>
        </nav>
        <p class="no-print">
            <button type="button" class="button secondary" on:click=print>{tr(Key::PrintProgramme)}</button>
        </p>
    }
}

/// The filters: each change goes into the address at once (replacing it, so Back leaves
/// the page rather than stepping through every choice).
#[component]
fn Filters(
    period: Period,
    filter: Memo<Filter>,
    facets: RwSignal<(Vec<OrganisationRef>, Vec<String>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = StoredValue::new_local(use_navigate());
    let slug = period.slug();
    let go = {
        let slug = slug.clone();
        move |f: Filter| {
            let url = routes::course_programme(&slug, &f.query());
            navigate.with_value(|n| {
                n(
                    &url,
                    NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..Default::default()
                    },
                )
            });
        }
    };
    let set = {
        let go = go.clone();
        move |change: &dyn Fn(&mut Filter)| {
            let mut f = filter.get_untracked();
            change(&mut f);
            go(f);
        }
    };
    let set = StoredValue::new_local(set);
    let select = move |id: &'static str,
                       label: Key,
                       current: fn(&Filter) -> String,
                       write: fn(&mut Filter, String),
                       options: Vec<(String, String)>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set.with_value(|s| s(&|f: &mut Filter| write(f, v.clone())));
                }>
                    <option value="" prop:selected=move || current(&filter.get()).is_empty()>{tr(Key::AllOptions)}</option>
                    {options.into_iter().map(|(v, text)| {
                        let value = v.clone();
                        view! { <option value=v prop:selected=move || current(&filter.get()) == value>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let clear_href = routes::course_programme(&slug, "");
    view! {
        <form class="filters programme-filters" role="search" aria-label=tr(Key::Filters)
            on:submit=|ev| ev.prevent_default()>
            <div class="filter-grid">
                {move || {
                    let (providers, themes) = facets.get();
                    view! {
                        {select("filter-provider", Key::Provider, |f| f.provider.clone(), |f, v| f.provider = v,
                            providers.into_iter().map(|p| (p.id.to_string(), p.name)).collect())}
                        {select("filter-theme", Key::Theme, |f| f.theme.clone(), |f, v| f.theme = v,
                            themes.into_iter().map(|t| (t.clone(), t)).collect())}
                    }
                }}
                {move || {
                    let formats = vec![
                        ("in_person".to_string(), i18n.t(Key::FormatInPerson).to_string()),
                        ("video".to_string(), i18n.t(Key::FormatVideo).to_string()),
                        ("hybrid".to_string(), i18n.t(Key::FormatHybrid).to_string()),
                    ];
                    select("filter-format", Key::FilterFormat, |f| f.format.clone(), |f, v| f.format = v, formats)
                }}
                <div class="field">
                    <label for="filter-from">{tr(Key::FilterFrom)}</label>
                    <input id="filter-from" type="date" prop:value=move || filter.get().from
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set.with_value(|s| s(&|f: &mut Filter| f.from = v.clone()));
                        }/>
                </div>
                <div class="field">
                    <label for="filter-to">{tr(Key::FilterTo)}</label>
                    <input id="filter-to" type="date" prop:value=move || filter.get().to
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            set.with_value(|s| s(&|f: &mut Filter| f.to = v.clone()));
                        }/>
                </div>
                <div class="field checkbox">
                    <input id="filter-free" type="checkbox" prop:checked=move || filter.get().free
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set.with_value(|s| s(&|f: &mut Filter| f.free = on));
                        }/>
                    <label for="filter-free">{tr(Key::FilterFreeOnly)}</label>
                </div>
                <p class="filter-clear"><a href=clear_href>{tr(Key::ClearFilters)}</a></p>
            </div>
        </form>
    }
}

/// The gatherings by month (Oslo time), each month a section.
#[component]
fn ProgrammeList(cp: CourseProgramme) -> impl IntoView {
    let i18n = use_i18n();
    let mut list = cp.gatherings;
    list.sort_by_key(|g| g.starts_at);
    let count = list.len();
    let mut months: Vec<((i32, u32), Vec<_>)> = Vec::new();
    for g in list {
        let d = to_local(g.starts_at).date();
        let key = (d.year(), d.month());
        match months.last_mut() {
            Some((k, items)) if *k == key => items.push(g),
            _ => months.push((key, vec![g])),
        }
    }
    view! {
        <p class="hint" role="status">{move || i18n::gatherings_found(i18n.lang(), count)}</p>
        {(count == 0).then(|| view! { <p>{tr(Key::NoGatherings)}</p> })}
        <div class="programme-list">
            {months
                .into_iter()
                .map(|((year, month), items)| {
                    let id = format!("maaned-{year}-{month:02}");
                    view! {
                        <section class="programme-month" aria-labelledby=id.clone()>
                            <h2 id=id.clone()>{move || i18n::month_heading(i18n.lang(), year, month)}</h2>
                            <ul class="gathering-list">
                                {items.into_iter().map(|g| view! { <li><GatheringItem gathering=g/></li> }).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
