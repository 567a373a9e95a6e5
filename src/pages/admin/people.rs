//! The organisation's people: a search by name or e-mail, a page at a time (an
//! organisation may have tens of thousands), and adding a person.

use kursbro_shared::admin::{
    validate_new_person, AdminPerson, NewPerson, Organisation, PERSON_NAME_MAX_CHARS,
};
use kursbro_shared::validation::EMAIL_MAX_CHARS;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;

use super::{refusal, AdminOnly, UnitSelect};
use crate::api::{self, ADMIN_PEOPLE_PAGE};
use crate::components::field::TextField;
use crate::components::loaded::Loaded;
use crate::components::pager::{page_text, page_turner, PageButtons};
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;

#[component]
pub fn AdminPeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::PeopleTitle).to_string());
    view! {
        <p><A href=routes::ADMIN>{tr(Key::BackToAdmin)}</A></p>
        <h1>{tr(Key::PeopleTitle)}</h1>
        <AdminOnly>
            <PeopleView/>
        </AdminOnly>
    }
}

/// How a person's account stands, in words.
pub(super) fn status_key(p: &AdminPerson) -> Key {
    match (p.active, p.has_password) {
        (false, _) => Key::PersonInactive,
        (true, false) => Key::PersonNoPassword,
        (true, true) => Key::PersonActive,
    }
}

#[component]
fn PeopleView() -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let offset = RwSignal::new(0u32);
    let page = LocalResource::new(move || {
        let (q, at) = (query.get(), offset.get());
        async move { api::admin_people(&q, at).await }
    });
    let turn = page_turner(page, offset, "people-status");
    let org = LocalResource::new(api::admin_organisation);
    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        offset.set(0);
        query.set(typed.get_untracked());
    };
    view! {
        <form class="search-row" role="search" on:submit=search>
            <div class="field">
                <label for="people-search">{tr(Key::FieldSearchPeople)}</label>
                <input id="people-search" type="search" maxlength="100" prop:value=typed
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button secondary">{tr(Key::SearchButton)}</button>
        </form>
        <Loaded resource=page let:p>
            {if p.people.is_empty() {
                view! { <p>{tr(Key::NoPeopleFound)}</p> }.into_any()
            } else {
                let (at, total) = (p.offset, p.matching);
                view! {
                    <p id="people-status" role="status" tabindex="-1">{move || page_text(i18n.lang(), at, ADMIN_PEOPLE_PAGE, total)} " · " {move || i18n::people_count(i18n.lang(), total)}</p>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="people-caption">
                        <table class="progress-table people-table">
                            <caption id="people-caption" class="visually-hidden">{tr(Key::PeopleListTable)}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr(Key::ColName)}</th>
                                    <th scope="col">{tr(Key::ColEmail)}</th>
                                    <th scope="col">{tr(Key::ColUnitName)}</th>
                                    <th scope="col">{tr(Key::ColProfession)}</th>
                                    <th scope="col">{tr(Key::ColAccountStatus)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.people.into_iter().map(|person| {
                                    let status = status_key(&person);
                                    view! {
                                        <tr>
                                            <th scope="row"><A href=routes::admin_person(person.id)>{person.name.clone()}</A></th>
                                            <td>{person.email.clone()}</td>
                                            <td>{person.unit.map(|u| u.name).unwrap_or_default()}</td>
                                            <td>{person.profession.map(|p| p.name).unwrap_or_default()}</td>
                                            <td>{tr(status)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <PageButtons label=Key::PeopleTitle offset=at size=ADMIN_PEOPLE_PAGE total=total turn=turn/>
                }.into_any()
            }}
        </Loaded>
        <Loaded resource=org let:o>
            <NewPersonForm org=o on_added=move || page.refetch()/>
        </Loaded>
    }
}

#[component]
fn NewPersonForm(
    org: Organisation,
    on_added: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let unit = RwSignal::new(
        org.units
            .iter()
            .find(|u| u.depth > 0)
            .or(org.units.first())
            .map(|u| u.id.to_string())
            .unwrap_or_default(),
    );
    let profession = RwSignal::new(String::new());
    let add = Submit::new(move |req: &NewPerson| {
        let req = req.clone();
        async move {
            match api::create_person(&req).await {
                Ok(_) => {
                    name.set(String::new());
                    email.set(String::new());
                    on_added();
                    Ok(())
                }
                Err(e) => Err(refusal(
                    e,
                    &[("email", Key::ErrEmailTaken), ("name", Key::ErrPersonName)],
                )),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = NewPerson {
            name: name.get_untracked(),
            email: email.get_untracked(),
            unit_id: unit.get_untracked().parse().unwrap_or(0),
            profession_id: profession.get_untracked().parse().ok(),
        };
        match validate_new_person(&req) {
            Err(e) if e.field == "email" => {
                add.fail(FormError::Field {
                    field: "email",
                    key: Key::ErrEmailMalformed,
                });
                focus("person-email");
            }
            Err(_) => {
                add.fail(FormError::Field {
                    field: "name",
                    key: Key::ErrPersonName,
                });
                focus("person-name");
            }
            Ok(()) => add.dispatch(req),
        }
    };
    view! {
        <section aria-labelledby="new-person-heading">
            <h2 id="new-person-heading">{tr(Key::NewPersonTitle)}</h2>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=add id="person-error"/>
                <p role="status">{move || add.succeeded().then(|| view! { <span class="notice">{tr(Key::PersonAdded)}</span> })}</p>
                <TextField id="person-name" label=Key::FieldPersonName value=name submit=add field="name"
                    describedby="person-error" maxlength=PERSON_NAME_MAX_CHARS autocomplete="off" required=true/>
                <TextField id="person-email" label=Key::Email value=email submit=add field="email"
                    describedby="person-error" kind="email" maxlength=EMAIL_MAX_CHARS autocomplete="off" required=true/>
                <div class="field">
                    <label for="person-unit">{tr(Key::FieldUnit)}</label>
                    <UnitSelect id="person-unit" units=org.units.clone() value=unit/>
                </div>
                <div class="field">
                    <label for="person-profession">{tr(Key::FieldProfession)}</label>
                    <select id="person-profession" on:change=move |ev| profession.set(event_target_value(&ev))>
                        <option value="">{tr(Key::NoProfession)}</option>
                        {org.professions.iter().map(|p| view! {
                            <option value=p.id.to_string()>{p.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button" disabled=move || add.busy()>{tr(Key::AddPerson)}</button>
            </form>
        </section>
    }
}
