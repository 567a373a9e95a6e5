//! The leader's competence overview: a one-line summary, roll-ups per requirement and per
//! sub-unit, filters by profession and status, a person × requirement table with every
//! status in words, the CSV, and a page per person where a completion made elsewhere is
//! registered and approved. Every figure comes from the shared crate's rules.

use kursbro_shared::compliance::{
    validate_external_completion, Dashboard, DashboardPerson, ExternalCompletionRequest,
    PeopleFilter, PersonCompliance, Tally, Target, UnitNode,
};
use kursbro_shared::texts::{self, Lang};
use kursbro_shared::training::StatusColour;
use kursbro_shared::validation::Problem;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError, DashboardFilter};
use crate::components::field::TextField;
use crate::components::loaded::Loaded;
use crate::components::requirement::{RequirementBadge, Requirements};
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::id_param;
use crate::routes;
use crate::session::use_session;

/// People per page of the table: a phone stays quick with a unit of thousands.
const PAGE_SIZE: u32 = 50;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::DashboardTitle).to_string());
    let query = use_query_map();
    let unit = Signal::derive(move || {
        query
            .read()
            .get("enhet")
            .and_then(|u| u.parse::<i64>().ok())
    });
    let dashboard = LocalResource::new(move || {
        let filter = DashboardFilter {
            unit: unit.get(),
            ..DashboardFilter::default()
        };
        let signed_in = session.me.get().is_some();
        async move {
            if signed_in {
                api::dashboard(&filter).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    view! {
        <Show when=move || session.checked.get() && session.me.get().is_none()>
            <h1>{tr(Key::DashboardTitle)}</h1>
            <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p>
        </Show>
        <Loaded resource=dashboard not_found=|| view! {
            <h1>{tr(Key::DashboardTitle)}</h1>
            <p>{tr(Key::DashboardNoUnits)}</p>
        } let:d>
            {d.map(|d| view! { <DashboardView initial=d/> })}
        </Loaded>
    }
}

/// One unit's overview. The controls are drawn once; choosing a profession, a status or a
/// page fetches that part from the server (which counts everyone), the newest answer wins.
#[component]
fn DashboardView(initial: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let unit_id = initial.unit.id;
    let unit = initial.unit.name.clone();
    let professions = initial.professions.clone();
    let unit_options: Vec<(i64, String)> = {
        let mut options: Vec<(i64, String)> = initial
            .led_units
            .iter()
            .filter(|u| !initial.units.iter().any(|n| n.id == u.id))
            .map(|u| (u.id, u.name.clone()))
            .collect();
        options.extend(initial.units.iter().map(|n| {
            let indent = "\u{2003}".repeat(n.depth as usize);
            (n.id, format!("{indent}{}", n.name))
        }));
        options
    };
    let current = RwSignal::new(initial);
    let profession = RwSignal::new(String::new());
    let status = RwSignal::new(None::<PeopleFilter>);
    let page = RwSignal::new(0u32);
    let failed = RwSignal::new(None::<ApiError>);
    let filter = move || DashboardFilter {
        unit: Some(unit_id),
        profession: Some(profession.get()).filter(|p| !p.is_empty()),
        status: status.get(),
        offset: page.get() * PAGE_SIZE,
    };
    let asked = StoredValue::new(0u64);
    Effect::new(move |first: Option<()>| {
        let f = filter();
        if first.is_none() {
            return; // the first page came with the page itself
        }
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        spawn_local(async move {
            let answer = api::dashboard(&f).await;
            // Only the newest question's answer is shown (`try_`: the page may be gone).
            if asked.try_get_value() != Some(mine) {
                return;
            }
            match answer {
                Ok(d) => {
                    current.try_set(d);
                    failed.try_set(None);
                }
                Err(e) => {
                    failed.try_set(Some(e));
                }
            }
        });
    });
    let pages = move || current.with(|d| d.matching.div_ceil(PAGE_SIZE).max(1));
    let on_unit = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse::<i64>() {
            navigate(&routes::dashboard_unit(id), Default::default());
        }
    };
    let csv = move |comma: bool| {
        let mut f = filter();
        f.offset = 0;
        api::dashboard_csv_url(&f, comma, i18n.lang() == Lang::En)
    };

    view! {
        <h1>{tr(Key::DashboardTitle)} ": " {unit}</h1>
        <p class="summary-line" role="status">
            {move || i18n::compliance_summary(i18n.lang(), current.with(|d| d.summary))}
        </p>
        <p><A href=routes::PLANS>{tr(Key::PlansLink)}</A></p>
        <form class="grid-controls" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="dashboard-unit">{tr(Key::DashboardUnit)}</label>
                <select id="dashboard-unit" on:change=on_unit>
                    {unit_options.into_iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=id == unit_id>{name}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="dashboard-profession">{tr(Key::FilterProfession)}</label>
                <select id="dashboard-profession" on:change=move |ev| {
                    page.set(0);
                    profession.set(event_target_value(&ev));
                }>
                    <option value="">{tr(Key::AllProfessions)}</option>
                    {professions.into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="dashboard-status">{tr(Key::FilterStatus)}</label>
                <select id="dashboard-status" on:change=move |ev| {
                    page.set(0);
                    status.set(PeopleFilter::parse(&event_target_value(&ev)));
                }>
                    <option value="all">{tr(Key::StatusAllPeople)}</option>
                    <option value=PeopleFilter::Red.as_str()>{tr(Key::StatusRedPeople)}</option>
                    <option value=PeopleFilter::Yellow.as_str()>{tr(Key::StatusYellowPeople)}</option>
                    <option value=PeopleFilter::Green.as_str()>{tr(Key::StatusGreenPeople)}</option>
                </select>
            </div>
            <p class="downloads">
                <a class="button secondary" href=move || csv(false) download="">{tr(Key::DownloadCsv)}</a>
                " "
                <a href=move || csv(true) download="">{tr(Key::DownloadCsvComma)}</a>
            </p>
        </form>
        <div role="alert">
            {move || failed.get().map(|e| view! { <p class="error-box">{e.user_message(i18n.lang())}</p> })}
        </div>
        <Rollups dashboard=current/>
        <div class="grid-scroll" tabindex="0" role="region" aria-labelledby="people-caption">
            <table class="grid-table compliance-table">
                <caption id="people-caption">{tr(Key::PeopleTable)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || texts::compliance_columns(i18n.lang())[0]}</th>
                        <th scope="col">{move || texts::compliance_columns(i18n.lang())[1]}</th>
                        {move || current.with(|d| d.requirements.iter().map(|r| view! {
                            <th scope="col">
                                <span class="col-title">{r.target.title().to_string()}</span>
                                {matches!(r.target, Target::Programme(_)).then(|| view! { <span class="col-sub">{tr(Key::Programme)}</span> })}
                                <span class="col-sub">{r.plan.name.clone()}</span>
                            </th>
                        }).collect_view())}
                    </tr>
                </thead>
                <tbody>
                    {move || current.with(|d| d.people.iter().map(|p| view! {
                        <PersonRow units=d.units.clone() person=p.clone()/>
                    }).collect_view())}
                </tbody>
            </table>
        </div>
        <Show when=move || current.with(|d| d.people.is_empty())>
            <p>{tr(Key::NoPeopleMatch)}</p>
        </Show>
        <Show when=move || { pages() > 1 }>
            <nav class="grid-pager" aria-label=tr(Key::PeopleTable)>
                <button type="button" class="button secondary" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                    {tr(Key::PreviousPage)}
                </button>
                <span role="status">{move || i18n::page_of(i18n.lang(), (page.get().min(pages() - 1) + 1) as usize, pages() as usize)}</span>
                <button type="button" class="button secondary" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>
                    {tr(Key::NextPage)}
                </button>
            </nav>
        </Show>
    }
}

#[component]
fn PersonRow(units: Vec<UnitNode>, person: DashboardPerson) -> impl IntoView {
    let unit = units
        .iter()
        .find(|u| u.id == person.unit_id)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let cells = person
        .cells
        .iter()
        .map(|c| match c {
            Some(status) => view! { <td><RequirementBadge status=*status/></td> }.into_any(),
            None => view! {
                <td class="not-listed">
                    <span aria-hidden="true">"–"</span>
                    <span class="visually-hidden">{tr(Key::NotListedHere)}</span>
                </td>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <tr>
            <th scope="row"><A href=routes::person(person.id)>{person.name.clone()}</A></th>
            <td>{unit}</td>
            {cells}
        </tr>
    }
}

/// Green / yellow / red per requirement and per sub-unit, as percentages with counts (the
/// server counts them, with the shared rules, over everyone of the chosen profession).
#[component]
fn Rollups(dashboard: RwSignal<Dashboard>) -> impl IntoView {
    let by_requirement = move || {
        dashboard.with(|d| {
            d.requirements
                .iter()
                .zip(&d.by_requirement)
                .map(|(r, t)| (format!("{} ({})", r.target.title(), r.plan.name), *t))
                .collect::<Vec<_>>()
        })
    };
    let by_unit = move || {
        dashboard.with(|d| {
            d.by_unit
                .iter()
                .filter(|u| u.tally.counted() > 0)
                .map(|u| {
                    let name = d
                        .units
                        .iter()
                        .find(|n| n.id == u.unit_id)
                        .map(|n| n.name.clone())
                        .unwrap_or_default();
                    (name, u.tally)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="rollups" aria-labelledby="rollup-heading">
            <h2 id="rollup-heading">{tr(Key::RollupTitle)}</h2>
            <RollupTable caption=Key::RollupByRequirement first=Key::ColRequirement id="rollup-requirements" rows=Signal::derive(by_requirement)/>
            <RollupTable caption=Key::RollupByUnit first=Key::ColUnitName id="rollup-units" rows=Signal::derive(by_unit)/>
        </section>
    }
}

#[component]
fn RollupTable(
    caption: Key,
    first: Key,
    id: &'static str,
    rows: Signal<Vec<(String, Tally)>>,
) -> impl IntoView {
    let cell = |t: &Tally, c: StatusColour| {
        let n = match c {
            StatusColour::Green => t.green,
            StatusColour::Yellow => t.yellow,
            StatusColour::Red => t.red,
        };
        i18n::share(t.percent(c), n)
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=id>
            <table class="progress-table rollup-table">
                <caption id=id>{tr(caption)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(first)}</th>
                        <th scope="col" class="num">{tr(Key::ColGreen)}</th>
                        <th scope="col" class="num">{tr(Key::ColYellow)}</th>
                        <th scope="col" class="num">{tr(Key::ColRed)}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || rows.get().into_iter().map(|(name, t)| view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td class="num">{cell(&t, StatusColour::Green)}</td>
                            <td class="num">{cell(&t, StatusColour::Yellow)}</td>
                            <td class="num">{cell(&t, StatusColour::Red)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One of the leader's people: requirements, history, and registering a completion made
/// outside Kursbro.
#[component]
pub fn PersonPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = id_param();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        let signed_in = session.me.get().is_some();
        async move {
            if signed_in {
                api::person_compliance(id).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    use_title(move || i18n.t(Key::DashboardTitle).to_string());
    view! {
        <p><A href=routes::DASHBOARD>{tr(Key::BackToDashboard)}</A></p>
        <Show when=move || session.checked.get() && session.me.get().is_none()>
            <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p>
        </Show>
        <Loaded resource=loaded not_found=|| view! { <h1>{tr(Key::PersonNotFound)}</h1> } let:p>
            {p.map(|p| view! { <PersonView initial=p/> })}
        </Loaded>
    }
}

#[component]
fn PersonView(initial: PersonCompliance) -> impl IntoView {
    // After an approval the page shows the server's answer (the cell turned green).
    let person = RwSignal::new(Some(initial));
    use_title(move || {
        person.with(|p| {
            p.as_ref()
                .map(|p| p.person.name.clone())
                .unwrap_or_default()
        })
    });
    view! {
        {move || person.get().map(|p| {
            let facts = [p.person.unit.as_ref().map(|u| u.name.clone()), p.person.profession.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <h1>{p.person.name.clone()}</h1>
                <p class="card-meta">{facts}</p>
                <Requirements compliance=p own=false/>
            }
        })}
        <ExternalCompletionForm person=person/>
    }
}

fn field_error(field: &'static str, problem: Problem) -> FormError {
    let key = match (field, problem) {
        ("completed_on", Problem::InFuture) => Key::ErrDateInFuture,
        ("completed_on", _) => Key::ErrDateRequired,
        ("note", Problem::Required) => Key::ErrNoteRequired,
        (_, Problem::HiddenCharacters) => Key::ErrHiddenCharacters,
        _ => Key::ErrInvalidInput,
    };
    FormError::Field { field, key }
}

#[component]
fn ExternalCompletionForm(person: RwSignal<Option<PersonCompliance>>) -> impl IntoView {
    let i18n = use_i18n();
    let module = RwSignal::new(String::new());
    let completed_on = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let person_id = move || person.with_untracked(|p| p.as_ref().map(|p| p.person.id));
    let approve = Submit::new(move |req: &ExternalCompletionRequest| {
        let req = req.clone();
        let id = person_id();
        async move {
            let Some(id) = id else {
                return Err(FormError::Api(ApiError::Network));
            };
            match api::approve_external(id, &req).await {
                Ok(after) => {
                    person.set(Some(after));
                    note.set(String::new());
                    completed_on.set(String::new());
                    Ok(())
                }
                Err(e) => {
                    let e = FormError::Api(e);
                    focus(match e.field() {
                        Some("completed_on") => "external-date",
                        Some("note") => "external-note",
                        _ => "external-module",
                    });
                    Err(e)
                }
            }
        }
    });
    let modules = move || {
        person.with(|p| {
            let mut list: Vec<(String, String)> = p
                .iter()
                .flat_map(|p| p.requirements.iter())
                .filter(|r| r.status.colour().is_some())
                .flat_map(|r| r.modules.iter())
                .map(|m| (m.slug.clone(), m.title.clone()))
                .collect();
            list.sort();
            list.dedup();
            list
        })
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = match module.get_untracked() {
            m if m.is_empty() => modules()
                .first()
                .map(|(s, _)| s.clone())
                .unwrap_or_default(),
            m => m,
        };
        let Ok(day) = completed_on.get_untracked().parse::<chrono::NaiveDate>() else {
            approve.fail(field_error("completed_on", Problem::Required));
            focus("external-date");
            return;
        };
        let req = ExternalCompletionRequest {
            module: chosen,
            completed_on: day,
            note: note.get_untracked(),
        };
        match validate_external_completion(&req, today()) {
            Err(e) => {
                approve.fail(field_error(e.field, e.problem));
                focus(match e.field {
                    "completed_on" => "external-date",
                    "note" => "external-note",
                    _ => "external-module",
                });
            }
            Ok(()) => approve.dispatch(req),
        }
    };
    view! {
        <Show when=move || !modules().is_empty()>
            <section class="account-section" aria-labelledby="external-heading">
                <h2 id="external-heading">{tr(Key::ExternalTitle)}</h2>
                <p>{tr(Key::ExternalIntro)}</p>
                <form on:submit=on_submit novalidate=true>
                    <SubmitError submit=approve id="external-error"/>
                    <p class="account-status" role="status">
                        {move || approve.succeeded().then(|| view! { <span class="notice">{tr(Key::ExternalSaved)}</span> })}
                    </p>
                    <div class="field">
                        <label for="external-module">{tr(Key::FieldCourse)}</label>
                        <select id="external-module" aria-describedby="external-error"
                            on:change=move |ev| module.set(event_target_value(&ev))>
                            {move || modules().into_iter().map(|(slug, title)| view! {
                                <option value=slug.clone() selected=module.get_untracked() == slug>{title}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <TextField id="external-date" label=Key::FieldCompletedOn value=completed_on
                        submit=approve field="completed_on" describedby="external-error"
                        kind="date" required=true/>
                    <TextField id="external-note" label=Key::FieldNote value=note
                        submit=approve field="note" describedby="external-error" rows=3
                        maxlength=kursbro_shared::compliance::EXTERNAL_NOTE_MAX_CHARS required=true/>
                    <button type="submit" class="button" disabled=move || approve.busy()>
                        {move || if approve.busy() { i18n.t(Key::ExternalSubmitting) } else { i18n.t(Key::ExternalSubmit) }}
                    </button>
                </form>
            </section>
        </Show>
    }
}

/// Today on this device, in its time zone (the server checks again with its own clock).
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
