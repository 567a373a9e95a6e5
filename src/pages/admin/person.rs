//! One person of the organisation: where they work (unit, profession), whether they are
//! active, and what they may do besides learning (grants given and taken back here).

use kursbro_shared::admin::{
    validate_new_grant, AdminPerson, GrantKind, Invitation, NewGrant, Organisation, PersonUpdate,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::people::status_key;
use super::{refusal, AdminOnly, UnitSelect};
use crate::api::{self, ApiError};
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::id_param;
use crate::routes;

#[component]
pub fn AdminPersonPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::PeopleTitle).to_string());
    view! {
        <p><A href=routes::ADMIN_PEOPLE>{tr(Key::AdminPeopleLink)}</A></p>
        <AdminOnly>
            <PersonLoader/>
        </AdminOnly>
    }
}

#[component]
fn PersonLoader() -> impl IntoView {
    let id = id_param();
    let both = LocalResource::new(move || {
        let id = id.get();
        async move {
            let person = api::admin_person(id).await?;
            let org = api::admin_organisation().await?;
            Ok::<_, ApiError>((person, org))
        }
    });
    view! {
        <Loaded resource=both not_found=|| view! { <h1>{tr(Key::PersonNotInOrg)}</h1> } let:pair>
            <PersonView initial=pair.0 org=pair.1/>
        </Loaded>
    }
}

#[component]
fn PersonView(initial: AdminPerson, org: Organisation) -> impl IntoView {
    let id = initial.id;
    let person = RwSignal::new(initial.clone());
    use_title(move || person.with(|p| p.name.clone()));
    let unit = RwSignal::new(
        initial
            .unit
            .as_ref()
            .map(|u| u.id.to_string())
            .unwrap_or_default(),
    );
    let profession = RwSignal::new(
        initial
            .profession
            .as_ref()
            .map(|p| p.id.to_string())
            .unwrap_or_default(),
    );
    let active = RwSignal::new(initial.active);
    let save = Submit::new(move |req: &PersonUpdate| {
        let req = req.clone();
        async move {
            match api::update_person(id, &req).await {
                Ok(p) => {
                    person.set(p);
                    Ok(())
                }
                Err(e) => Err(refusal(e, &[("active", Key::ErrNotYourself)])),
            }
        }
    });
    let on_save = move |ev: SubmitEvent| {
        ev.prevent_default();
        save.dispatch(PersonUpdate {
            unit_id: unit.get_untracked().parse().unwrap_or(0),
            profession_id: profession.get_untracked().parse().ok(),
            active: active.get_untracked(),
        });
    };
    let units = org.units.clone();
    view! {
        <h1>{move || person.with(|p| p.name.clone())}</h1>
        <p class="card-meta">
            {move || person.with(|p| p.email.clone())} " · "
            {move || tr(person.with(status_key))}
        </p>
        <section aria-labelledby="work-heading">
            <h2 id="work-heading">{tr(Key::WorkTitle)}</h2>
            <p>{tr(Key::WorkIntro)}</p>
            <form on:submit=on_save novalidate=true>
                <SubmitError submit=save id="work-error"/>
                <p role="status">{move || save.succeeded().then(|| view! { <span class="notice">{tr(Key::PersonSaved)}</span> })}</p>
                <div class="field">
                    <label for="work-unit">{tr(Key::FieldUnit)}</label>
                    <UnitSelect id="work-unit" units=units.clone() value=unit/>
                </div>
                <div class="field">
                    <label for="work-profession">{tr(Key::FieldProfession)}</label>
                    <select id="work-profession" on:change=move |ev| profession.set(event_target_value(&ev))>
                        <option value="" selected=profession.get_untracked().is_empty()>{tr(Key::NoProfession)}</option>
                        {org.professions.iter().map(|p| {
                            let value = p.id.to_string();
                            let chosen = profession.get_untracked() == value;
                            view! { <option value=value selected=chosen>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field checkbox">
                    <input id="work-active" type="checkbox" prop:checked=active aria-describedby="work-error"
                        aria-invalid=save.invalid("active")
                        on:change=move |ev| active.set(event_target_checked(&ev))/>
                    <label for="work-active">{tr(Key::FieldActive)}</label>
                </div>
                <button type="submit" class="button" disabled=move || save.busy()>{tr(Key::SaveChanges)}</button>
            </form>
        </section>
        <InvitationLink person=person/>
        <Grants person=person org=org/>
    }
}

/// Making a one-time link for the person to choose a password.
#[component]
fn InvitationLink(person: RwSignal<AdminPerson>) -> impl IntoView {
    let i18n = use_i18n();
    let id = person.with_untracked(|p| p.id);
    let link = RwSignal::new(None::<Invitation>);
    let make = Submit::new(move |_: &()| async move {
        match api::invite(id).await {
            Ok(invitation) => {
                link.set(Some(invitation));
                request_animation_frame(|| focus("invite-link"));
                Ok(())
            }
            Err(e) => Err(refusal(e, &[("active", Key::ErrInviteInactive)])),
        }
    });
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    view! {
        <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">{tr(Key::InviteTitle)}</h2>
            <p>{tr(Key::InviteIntro)}</p>
            <SubmitError submit=make/>
            <button type="button" class="button secondary" disabled=move || make.busy()
                on:click=move |_| make.dispatch(())>{tr(Key::InviteCreate)}</button>
            {move || link.get().map(|invitation| {
                let url = format!("{origin}{}", invitation.path);
                let until = invitation.expires_at.date_naive();
                view! {
                    <div class="field">
                        <label for="invite-link">{tr(Key::InviteLink)}</label>
                        <input id="invite-link" type="text" readonly=true class="invite-link" prop:value=url
                            aria-describedby="invite-expires"
                            on:focus=|ev| {
                                use leptos::wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            }/>
                    </div>
                    <p id="invite-expires">{move || i18n::link_expires(i18n.lang(), until)}</p>
                }
            })}
        </section>
    }
}

#[component]
fn Grants(person: RwSignal<AdminPerson>, org: Organisation) -> impl IntoView {
    let i18n = use_i18n();
    let id = person.with_untracked(|p| p.id);
    let failed = RwSignal::new(None::<FormError>);
    let removing = RwSignal::new(false);
    let remove = move |grant: i64| {
        if removing.get_untracked() {
            return;
        }
        removing.set(true);
        spawn_local(async move {
            let answer = api::remove_grant(grant).await;
            removing.try_set(false);
            match answer {
                Ok(p) => {
                    person.try_set(p);
                    failed.try_set(None);
                    // The button went with the grant: focus goes to the list's heading.
                    request_animation_frame(|| focus("grants-heading"));
                }
                Err(e) => {
                    failed.try_set(Some(refusal(e, &[("grant", Key::ErrNotYourself)])));
                }
            }
        });
    };
    let kind = RwSignal::new(GrantKind::Leader.as_str().to_string());
    let unit = RwSignal::new(
        org.units
            .first()
            .map(|u| u.id.to_string())
            .unwrap_or_default(),
    );
    let give = Submit::new(move |req: &NewGrant| {
        let req = req.clone();
        async move {
            match api::add_grant(id, &req).await {
                Ok(p) => {
                    person.set(p);
                    Ok(())
                }
                Err(e) => Err(refusal(e, &[("kind", Key::ErrGrantTaken)])),
            }
        }
    });
    let on_give = move |ev: SubmitEvent| {
        ev.prevent_default();
        let kind = GrantKind::parse(&kind.get_untracked()).unwrap_or(GrantKind::Leader);
        let req = NewGrant {
            kind,
            unit_id: (kind == GrantKind::Leader)
                .then(|| unit.get_untracked().parse().ok())
                .flatten(),
        };
        match validate_new_grant(&req) {
            Ok(()) => give.dispatch(req),
            Err(e) => give.fail(FormError::invalid(e)),
        }
    };
    let grants = move || {
        person.with(|p| {
            p.grants
                .iter()
                .map(|g| {
                    let text = {
                        let g = g.clone();
                        move || i18n::grant(i18n.lang(), &g)
                    };
                    let label = text.clone();
                    let grant = g.id;
                    view! {
                        <li>
                            <span>{text}</span> " "
                            <button type="button" class="button secondary" disabled=move || removing.get()
                                aria-label=move || format!("{}: {}", i18n.t(Key::RemoveGrant), label())
                                on:click=move |_| remove(grant)>
                                {tr(Key::RemoveGrant)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section aria-labelledby="grants-heading">
            <h2 id="grants-heading" tabindex="-1">{tr(Key::GrantsTitle)}</h2>
            <div role="alert">
                {move || failed.get().map(|e| view! { <p class="error-box">{e.message(i18n.lang())}</p> })}
            </div>
            <Show when=move || person.with(|p| p.grants.is_empty())>
                <p>{tr(Key::NoGrants)}</p>
            </Show>
            <ul class="grant-list">{grants}</ul>
            <h3>{tr(Key::AddGrantTitle)}</h3>
            <form on:submit=on_give novalidate=true>
                <SubmitError submit=give id="grant-error"/>
                <div class="field">
                    <label for="grant-kind">{tr(Key::FieldGrantKind)}</label>
                    <select id="grant-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="leader">{tr(Key::GrantLeader)}</option>
                        <option value="facilitator">{tr(Key::GrantFacilitator)}</option>
                        <option value="admin">{tr(Key::GrantAdmin)}</option>
                        <option value="author">{tr(Key::GrantAuthor)}</option>
                    </select>
                </div>
                <Show when=move || kind.get() == "leader">
                    <div class="field">
                        <label for="grant-unit">{tr(Key::FieldGrantUnit)}</label>
                        <UnitSelect id="grant-unit" units=org.units.clone() value=unit/>
                    </div>
                </Show>
                <button type="submit" class="button" disabled=move || give.busy()>{tr(Key::AddGrant)}</button>
            </form>
        </section>
    }
}
