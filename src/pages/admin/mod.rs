//! An organisation's administration, for its admins: the unit tree and professions (and
//! adding to them), the people (search, add, move, deactivate, grants), and importing
//! employees from CSV. Anyone else is told the pages are for administrators; the server
//! refuses them too.

mod import;
mod people;
mod person;

pub use import::ImportPage;
pub use people::AdminPeoplePage;
pub use person::AdminPersonPage;

use kursbro_shared::admin::{
    validate_new_profession, validate_new_unit, validate_unit_change, AdminUnit, NewProfession,
    NewUnit, Organisation, UnitChange, PROFESSION_NAME_MAX_CHARS, UNIT_CODE_MAX_CHARS,
    UNIT_NAME_MAX_CHARS,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

/// Shows `children` to an organisation's admins; a sign-in link or "for administrators"
/// to anyone else (so no page asks the server for what it will refuse).
#[component]
fn AdminOnly(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.checked.get() fallback=|| ()>
            {
                let children = children.clone();
                move || match session.me.get() {
                    None => view! { <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p> }.into_any(),
                    Some(me) if !me.grants.administers() => view! { <p>{tr(Key::AdminOnly)}</p> }.into_any(),
                    Some(_) => children().into_any(),
                }
            }
        </Show>
    }
}

/// A refusal from the server in the form's own words, when it names one of `fields`.
fn refusal(e: ApiError, fields: &[(&'static str, Key)]) -> FormError {
    if let ApiError::Server {
        field: Some(f),
        code: kursbro_shared::api::ErrorCode::Validation,
        ..
    } = &e
    {
        if let Some((field, key)) = fields.iter().find(|(name, _)| name == f) {
            return FormError::Field { field, key: *key };
        }
    }
    FormError::Api(e)
}

/// A unit's name indented by its depth, for a `<select>`.
fn indented(u: &AdminUnit) -> String {
    format!("{}{}", "\u{2003}".repeat(u.depth as usize), u.name)
}

/// A `<select>` of the organisation's units, each below its parent (indented); `value`
/// holds the chosen unit's id. The `<label for=id>` is the caller's.
#[component]
fn UnitSelect(
    id: &'static str,
    #[prop(into)] units: Signal<Vec<AdminUnit>>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
            {move || units.with(|list| list.iter().map(|u| {
                let v = u.id.to_string();
                let chosen = value.get_untracked() == v;
                view! { <option value=v selected=chosen>{indented(u)}</option> }
            }).collect_view())}
        </select>
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::AdminTitle).to_string());
    view! {
        <h1>{tr(Key::AdminTitle)}</h1>
        <AdminOnly>
            <OrganisationView/>
        </AdminOnly>
    }
}

#[component]
fn OrganisationView() -> impl IntoView {
    let org = LocalResource::new(api::admin_organisation);
    view! {
        <p>{tr(Key::AdminIntro)}</p>
        <ul class="link-list">
            <li><A href=routes::ADMIN_PEOPLE>{tr(Key::AdminPeopleLink)}</A></li>
            <li><A href=routes::ADMIN_IMPORT>{tr(Key::AdminImportLink)}</A></li>
            <li><A href=routes::PLANS>{tr(Key::PlansTitle)}</A></li>
        </ul>
        <Loaded resource=org let:o>
            <OrganisationSections initial=o/>
        </Loaded>
    }
}

/// The units and professions, kept on the page while things are added (so the form and its
/// "added" notice stay), and read again from the server after each addition.
#[component]
fn OrganisationSections(initial: Organisation) -> impl IntoView {
    let org = RwSignal::new(initial);
    view! {
        <Units org=org/>
        <ChangeUnit org=org/>
        <Professions org=org/>
    }
}

/// Reads the organisation again after a change.
async fn refresh(org: RwSignal<Organisation>) {
    if let Ok(o) = api::admin_organisation().await {
        org.try_set(o);
    }
}

#[component]
fn Units(org: RwSignal<Organisation>) -> impl IntoView {
    let rows = move || {
        org.with(|o| {
            o.units
                .iter()
                .map(|u| {
                    let parent = u
                        .parent_id
                        .and_then(|p| o.units.iter().find(|x| x.id == p))
                        .map(|p| p.name.clone())
                        .unwrap_or_default();
                    view! {
                <tr>
                    <th scope="row" class=format!("depth-{}", u.depth.min(4))>{u.name.clone()}</th>
                            <td>{parent}</td>
                    <td>{u.code.clone()}</td>
                    <td class="num">{u.people}</td>
                </tr>
                    }
                })
                .collect_view()
        })
    };
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let parent = RwSignal::new(org.with_untracked(|o| {
        o.units
            .iter()
            .find(|u| u.depth == 1)
            .or(o.units.first())
            .map(|u| u.id.to_string())
            .unwrap_or_default()
    }));
    let add = Submit::new(move |req: &NewUnit| {
        let req = req.clone();
        async move {
            match api::create_unit(&req).await {
                Ok(_) => {
                    code.set(String::new());
                    name.set(String::new());
                    refresh(org).await;
                    Ok(())
                }
                Err(e) => Err(refusal(
                    e,
                    &[("code", Key::ErrUnitCode), ("name", Key::ErrUnitName)],
                )),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = NewUnit {
            code: code.get_untracked().trim().to_string(),
            name: name.get_untracked(),
            parent_id: parent.get_untracked().parse().unwrap_or(0),
        };
        match validate_new_unit(&req) {
            Err(e) if e.field == "code" => {
                add.fail(FormError::Field {
                    field: "code",
                    key: Key::ErrUnitCode,
                });
                focus("unit-code");
            }
            Err(_) => {
                add.fail(FormError::Field {
                    field: "name",
                    key: Key::ErrUnitName,
                });
                focus("unit-name");
            }
            Ok(()) => add.dispatch(req),
        }
    };
    view! {
        <section aria-labelledby="units-heading">
            <h2 id="units-heading">{tr(Key::UnitsTitle)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="units-caption">
                <table class="progress-table unit-table">
                    <caption id="units-caption" class="visually-hidden">{tr(Key::UnitsTable)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::ColUnitName)}</th>
                            <th scope="col">{tr(Key::ColParentUnit)}</th>
                            <th scope="col">{tr(Key::ColCode)}</th>
                            <th scope="col">{tr(Key::ColPeopleCount)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3>{tr(Key::NewUnitTitle)}</h3>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=add id="unit-error"/>
                <p role="status">{move || add.succeeded().then(|| view! { <span class="notice">{tr(Key::UnitAdded)}</span> })}</p>
                <TextField id="unit-name" label=Key::FieldUnitName value=name submit=add field="name"
                    describedby="unit-error" maxlength=UNIT_NAME_MAX_CHARS required=true/>
                <TextField id="unit-code" label=Key::FieldUnitCode value=code submit=add field="code"
                    describedby="unit-error" maxlength=UNIT_CODE_MAX_CHARS required=true/>
                <div class="field">
                    <label for="unit-parent">{tr(Key::FieldParentUnit)}</label>
                    <UnitSelect id="unit-parent" units=Signal::derive(move || org.with(|o| o.units.clone())) value=parent/>
                </div>
                <button type="submit" class="button" disabled=move || add.busy()>{tr(Key::AddUnit)}</button>
            </form>
        </section>
    }
}

/// Renaming a unit, giving it another code, or moving it below another unit.
#[component]
fn ChangeUnit(org: RwSignal<Organisation>) -> impl IntoView {
    let unit = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let top = RwSignal::new(true);
    // Choosing a unit fills the fields with what it is now.
    let choose = move |id: &str| {
        let found =
            org.with_untracked(|o| o.units.iter().find(|u| u.id.to_string() == id).cloned());
        if let Some(u) = found {
            code.set(u.code);
            name.set(u.name);
            parent.set(u.parent_id.map(|p| p.to_string()).unwrap_or_default());
            top.set(u.parent_id.is_none());
        }
    };
    Effect::new(move |_| {
        let id = unit.get();
        choose(&id);
    });
    let first = org.with_untracked(|o| {
        o.units
            .iter()
            .find(|u| u.depth > 0)
            .or(o.units.first())
            .map(|u| u.id)
    });
    if let Some(first) = first {
        unit.set(first.to_string());
    }
    let save = Submit::new(move |(id, req): &(i64, UnitChange)| {
        let (id, req) = (*id, req.clone());
        async move {
            match api::change_unit(id, &req).await {
                Ok(_) => {
                    refresh(org).await;
                    Ok(())
                }
                Err(e) => Err(refusal(
                    e,
                    &[
                        ("code", Key::ErrUnitCode),
                        ("name", Key::ErrUnitName),
                        ("parent_id", Key::ErrUnitPlace),
                    ],
                )),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Ok(id) = unit.get_untracked().parse::<i64>() else {
            return;
        };
        let req = UnitChange {
            code: code.get_untracked().trim().to_string(),
            name: name.get_untracked(),
            parent_id: parent
                .get_untracked()
                .parse()
                .ok()
                .filter(|_| !top.get_untracked()),
        };
        match validate_unit_change(&req) {
            Err(e) if e.field == "code" => {
                save.fail(FormError::Field {
                    field: "code",
                    key: Key::ErrUnitCode,
                });
                focus("change-unit-code");
            }
            Err(_) => {
                save.fail(FormError::Field {
                    field: "name",
                    key: Key::ErrUnitName,
                });
                focus("change-unit-name");
            }
            Ok(()) => save.dispatch((id, req)),
        }
    };
    // Removing the chosen unit; the server refuses one still in use, saying so.
    let remove = Submit::new(move |id: &i64| {
        let id = *id;
        async move {
            match api::delete_unit(id).await {
                Ok(()) => {
                    refresh(org).await;
                    let next = org.with_untracked(|o| {
                        o.units
                            .iter()
                            .find(|u| u.depth > 0)
                            .or(o.units.first())
                            .map(|u| u.id)
                    });
                    unit.set(next.map(|n| n.to_string()).unwrap_or_default());
                    Ok(())
                }
                Err(e) => Err(FormError::Api(e)),
            }
        }
    });
    let on_remove = move |_| {
        if let Ok(id) = unit.get_untracked().parse::<i64>() {
            remove.dispatch(id);
        }
    };
    let units = Signal::derive(move || org.with(|o| o.units.clone()));
    view! {
        <section aria-labelledby="change-unit-heading">
            <h3 id="change-unit-heading">{tr(Key::ChangeUnitTitle)}</h3>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=save id="change-unit-error"/>
                <p role="status">{move || save.succeeded().then(|| view! { <span class="notice">{tr(Key::UnitChanged)}</span> })}</p>
                <div class="field">
                    <label for="change-unit">{tr(Key::FieldUnit)}</label>
                    <UnitSelect id="change-unit" units=units value=unit/>
                </div>
                <TextField id="change-unit-name" label=Key::FieldUnitName value=name submit=save field="name"
                    describedby="change-unit-error" maxlength=UNIT_NAME_MAX_CHARS required=true/>
                <TextField id="change-unit-code" label=Key::FieldUnitCode value=code submit=save field="code"
                    describedby="change-unit-error" maxlength=UNIT_CODE_MAX_CHARS required=true/>
                <Show when=move || !top.get()>
                    <div class="field">
                        <label for="change-unit-parent">{tr(Key::FieldParentUnit)}</label>
                        <UnitSelect id="change-unit-parent" units=units value=parent/>
                    </div>
                </Show>
                <button type="submit" class="button" disabled=move || save.busy()>{tr(Key::SaveChanges)}</button>
            </form>
            <Show when=move || !top.get()>
                <div class="remove-unit">
                    <p id="remove-unit-hint">{tr(Key::RemoveUnitHint)}</p>
                    <SubmitError submit=remove id="remove-unit-error"/>
                    <p role="status">{move || remove.succeeded().then(|| view! { <span class="notice">{tr(Key::UnitRemoved)}</span> })}</p>
                    <button type="button" class="button secondary" aria-describedby="remove-unit-hint remove-unit-error"
                        disabled=move || remove.busy() on:click=on_remove>{tr(Key::RemoveUnit)}</button>
                </div>
            </Show>
        </section>
    }
}

/// Giving a profession another name (its code for CSV imports stays).
#[component]
fn RenameProfession(org: RwSignal<Organisation>) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    if let Some(first) = org.with_untracked(|o| o.professions.first().map(|p| p.id)) {
        chosen.set(first.to_string());
    }
    let save = Submit::new(move |(id, req): &(i64, NewProfession)| {
        let (id, req) = (*id, req.clone());
        async move {
            match api::rename_profession(id, &req).await {
                Ok(_) => {
                    name.set(String::new());
                    refresh(org).await;
                    Ok(())
                }
                Err(e) => Err(refusal(e, &[("name", Key::ErrProfessionName)])),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Ok(id) = chosen.get_untracked().parse::<i64>() else {
            return;
        };
        let req = NewProfession {
            name: name.get_untracked(),
        };
        match validate_new_profession(&req) {
            Err(_) => {
                save.fail(FormError::Field {
                    field: "name",
                    key: Key::ErrProfessionName,
                });
                focus("rename-profession-name");
            }
            Ok(()) => save.dispatch((id, req)),
        }
    };
    view! {
        <h3 id="rename-profession-heading">{tr(Key::RenameProfessionTitle)}</h3>
        <form on:submit=on_submit novalidate=true aria-labelledby="rename-profession-heading">
            <SubmitError submit=save id="rename-profession-error"/>
            <p role="status">{move || save.succeeded().then(|| view! { <span class="notice">{tr(Key::ProfessionRenamed)}</span> })}</p>
            <div class="field">
                <label for="rename-profession">{tr(Key::FieldProfession)}</label>
                <select id="rename-profession" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {move || org.with(|o| o.professions.iter().map(|p| {
                        let id = p.id.to_string();
                        let selected = chosen.get_untracked() == id;
                        view! { <option value=id selected=selected>{p.name.clone()}</option> }
                    }).collect_view())}
                </select>
            </div>
            <TextField id="rename-profession-name" label=Key::FieldNewProfessionName value=name submit=save
                field="name" describedby="rename-profession-error" maxlength=PROFESSION_NAME_MAX_CHARS required=true/>
            <button type="submit" class="button" disabled=move || save.busy()>{tr(Key::SaveChanges)}</button>
        </form>
    }
}

#[component]
fn Professions(org: RwSignal<Organisation>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let add = Submit::new(move |req: &NewProfession| {
        let req = req.clone();
        async move {
            match api::create_profession(&req).await {
                Ok(_) => {
                    name.set(String::new());
                    refresh(org).await;
                    Ok(())
                }
                Err(e) => Err(refusal(e, &[("name", Key::ErrProfessionName)])),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = NewProfession {
            name: name.get_untracked(),
        };
        match validate_new_profession(&req) {
            Err(_) => {
                add.fail(FormError::Field {
                    field: "name",
                    key: Key::ErrProfessionName,
                });
                focus("profession-name");
            }
            Ok(()) => add.dispatch(req),
        }
    };
    view! {
        <section aria-labelledby="professions-heading">
            <h2 id="professions-heading">{tr(Key::ProfessionsTitle)}</h2>
            <ul class="profession-list">
                {move || org.with(|o| o.professions.iter().map(|p| {
                    let n = p.people;
                    view! { <li>{p.name.clone()} " – " {move || i18n::people_count(i18n.lang(), n)}</li> }
                }).collect_view())}
            </ul>
            <h3>{tr(Key::NewProfessionTitle)}</h3>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=add id="profession-error"/>
                <p role="status">{move || add.succeeded().then(|| view! { <span class="notice">{tr(Key::ProfessionAdded)}</span> })}</p>
                <TextField id="profession-name" label=Key::FieldProfessionName value=name submit=add
                    field="name" describedby="profession-error" maxlength=PROFESSION_NAME_MAX_CHARS required=true/>
                <button type="submit" class="button" disabled=move || add.busy()>{tr(Key::AddProfession)}</button>
            </form>
            <Show when=move || org.with(|o| !o.professions.is_empty())>
                <RenameProfession org=org/>
            </Show>
        </section>
    }
}
