//! `/innhold/programmer/:slug`: the editor of a study programme. Its modules are published
//! modules of the catalogue (any provider's that the organisation sees), found by search,
//! ordered by button, each counting towards completion or not. Saved as it is; learners
//! see it at once when it is published.

use kursbro_shared::api::{CatalogueQuery, OrganisationRef};
use kursbro_shared::authoring::{
    validate_programme, ProgrammeDraft, ProgrammeDraftModule, ProgrammeState, SaveProgramme,
    MODULE_DESCRIPTION_MAX_CHARS, MODULE_SUMMARY_MAX_CHARS, MODULE_TITLE_MAX_CHARS,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::activities::Text;
use super::editor::{organisations_to_share_with, Sharing};
use crate::api;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus_soon, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

#[component]
pub fn ProgrammeEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::EditProgramme).to_string());
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let allowed = move || session.me.get().is_some_and(|m| m.grants.writes_content());
    let state = LocalResource::new(move || {
        let (ok, slug) = (allowed(), slug());
        async move {
            if ok {
                api::programme_draft(&slug).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let organisations = organisations_to_share_with(session);
    view! {
        <p class="breadcrumb"><A href=routes::AUTHORING>{tr(Key::AuthoringTitle)}</A></p>
        <Show when=move || session.checked.get() && !allowed()>
            <h1>{tr(Key::EditProgramme)}</h1>
            <p>{tr(Key::AuthoringOnlyAuthors)}</p>
        </Show>
        <Loaded resource=state let:state>
            {state.map(|state| view! {
                <Loaded resource=organisations let:orgs>
                    <ProgrammeEditor state=state.clone() organisations=orgs/>
                </Loaded>
            })}
        </Loaded>
    }
}

/// One module of the programme in the editor.
#[derive(Clone, Copy)]
struct Row {
    key: u64,
    slug: StoredValue<String>,
    title: StoredValue<String>,
    required: RwSignal<bool>,
}

#[component]
fn ProgrammeEditor(state: ProgrammeState, organisations: Vec<OrganisationRef>) -> impl IntoView {
    let i18n = use_i18n();
    let owner = Owner::current().expect("the editor has an owner");
    let slug = StoredValue::new(state.slug.clone());
    let d = state.draft;
    let title = RwSignal::new(d.title.clone());
    let summary = RwSignal::new(d.summary.clone());
    let description = RwSignal::new(d.description.clone());
    let credits = RwSignal::new(d.credits.to_string());
    let shared_all = RwSignal::new(d.shared_with.is_none());
    let shared_with = RwSignal::new(d.shared_with.clone().unwrap_or_default());
    let published = RwSignal::new(state.published);
    // As saved: whether learners see it (the link to their page follows this).
    let is_published = RwSignal::new(state.published);
    let next_key = StoredValue::new(0u64);
    let new_row = move |slug: String, title: String, required: bool| {
        next_key.update_value(|k| *k += 1);
        Row {
            key: next_key.get_value(),
            slug: StoredValue::new(slug),
            title: StoredValue::new(title),
            required: RwSignal::new(required),
        }
    };
    let rows = RwSignal::new(
        d.modules
            .iter()
            .zip(state.module_titles.iter())
            .map(|(m, t)| new_row(m.slug.clone(), t.clone(), m.required))
            .collect::<Vec<_>>(),
    );
    let problem = RwSignal::new(None::<String>);
    let saved_note = RwSignal::new(false);

    let save = Submit::new(move |req: &SaveProgramme| {
        let req = req.clone();
        async move {
            let saved =
                api::save_programme(&slug.get_value(), &req)
                    .await
                    .map_err(|e| match e {
                        // A module its audience does not see (or none that counts).
                        api::ApiError::Server {
                            status: 422,
                            field: Some(f),
                            ..
                        } if f == "modules" => FormError::Field {
                            field: "modules",
                            key: Key::ErrProgrammeModules,
                        },
                        e => FormError::Api(e),
                    })?;
            is_published.set(saved.published);
            saved_note.set(true);
            Ok(())
        }
    });
    let on_save = move |_| {
        saved_note.set(false);
        let credits = credits
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f32>();
        let Ok(credits) = credits else {
            problem.set(Some(i18n.t(Key::ErrWholeNumber).to_string()));
            focus_soon("programme-credits".into());
            return;
        };
        let draft = ProgrammeDraft {
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            description: description.get_untracked(),
            credits,
            shared_with: (!shared_all.get_untracked()).then(|| shared_with.get_untracked()),
            modules: rows
                .get_untracked()
                .iter()
                .map(|r| ProgrammeDraftModule {
                    slug: r.slug.get_value(),
                    required: r.required.get_untracked(),
                })
                .collect(),
        };
        match validate_programme(&draft, published.get_untracked()) {
            Ok(()) => {
                problem.set(None);
                save.dispatch(SaveProgramme {
                    published: published.get_untracked(),
                    draft,
                });
            }
            Err(e) => {
                problem.set(Some(i18n::programme_error(i18n.lang(), &e)));
                focus_soon(match e.field {
                    "modules" => "programme-search".to_string(),
                    // The sharing fieldset is the module editor's own.
                    "shared_with" => "module-shared_with".to_string(),
                    f => format!("programme-{f}"),
                });
            }
        }
    };

    // Finding modules to add: the catalogue's search, as the organisation sees it.
    let query = RwSignal::new(String::new());
    let search = Submit::new(move |q: &String| {
        let q = q.clone();
        async move {
            api::catalogue(&CatalogueQuery {
                q: Some(q),
                limit: Some(10),
                ..CatalogueQuery::default()
            })
            .await
            .map(|c| c.modules)
            .map_err(FormError::Api)
        }
    });
    let found = move || search.output().unwrap_or_default();
    let add = {
        let owner = owner.clone();
        move |slug: String, title: String| {
            if rows.with_untracked(|rs| rs.iter().any(|r| r.slug.get_value() == slug)) {
                return;
            }
            let row = owner.with(|| new_row(slug, title, true));
            rows.update(|rs| rs.push(row));
            focus_soon(format!("pm{}-required", row.key));
        }
    };
    let shift = move |key: u64, by: isize| {
        rows.update(|rs| {
            if let Some(i) = rs.iter().position(|r| r.key == key) {
                let j = i as isize + by;
                if j >= 0 && (j as usize) < rs.len() {
                    rs.swap(i, j as usize);
                }
            }
        });
        focus_soon(format!("pm{key}-required"));
    };

    view! {
        <h1>{move || title.get()}</h1>
        <p>
            {move || state_badge(is_published.get())}
            <Show when=move || is_published.get()>
                " · " <A href=routes::programme(&slug.get_value())>{tr(Key::SeeAsLearner)}</A>
            </Show>
        </p>
        <div id="programme-problem" role="alert">
            {move || problem.get().map(|p| view! { <p class="form-error">{p}</p> })}
        </div>
        <form class="stacked" novalidate=true on:submit=|ev| ev.prevent_default()>
            <section aria-labelledby="programme-details">
                <h2 id="programme-details">{tr(Key::ProgrammeDetails)}</h2>
                <Text id="programme-title" label=Key::FieldTitle value=title maxlength=MODULE_TITLE_MAX_CHARS/>
                <Text id="programme-summary" label=Key::FieldSummary value=summary rows=2 maxlength=MODULE_SUMMARY_MAX_CHARS/>
                <Text id="programme-description" label=Key::FieldDescription value=description rows=5
                    maxlength=MODULE_DESCRIPTION_MAX_CHARS/>
                <Text id="programme-credits" label=Key::FieldProgrammeCredits value=credits/>
            </section>
            <Sharing shared_all=shared_all shared_with=shared_with organisations=organisations/>
            <section aria-labelledby="programme-modules">
                <h2 id="programme-modules">{tr(Key::ProgrammeModulesHeading)}</h2>
                <p class="hint">{tr(Key::ProgrammeModulesHint)}</p>
                <ol class="programme-rows">
                    <For each=move || rows.get() key=|r| r.key let:row>
                        {
                            let key = row.key;
                            let name = row.title.get_value();
                            let index = move || rows.with(|rs| rs.iter().position(|r| r.key == key).unwrap_or(0));
                            let count = move || rows.with(Vec::len);
                            let required_id = format!("pm{key}-required");
                            let title_id = format!("pm{key}-title");
                            let (up_name, down_name, remove_name) = (name.clone(), name.clone(), name.clone());
                            view! {
                                <li class="programme-row">
                                    <span class="programme-row-title" id=title_id.clone()>{name}</span>
                                    <span class="field checkbox">
                                        <input type="checkbox" id=required_id.clone() prop:checked=row.required
                                            aria-describedby=title_id
                                            on:change=move |ev| row.required.set(event_target_checked(&ev))/>
                                        <label for=required_id>{tr(Key::CountsTowards)}</label>
                                    </span>
                                    <span class="row-actions">
                                        <button type="button" class="button secondary" on:click=move |_| shift(key, -1)
                                            disabled=move || index() == 0
                                            aria-label=move || i18n::move_up(i18n.lang(), &up_name)>"↑"</button>
                                        <button type="button" class="button secondary" on:click=move |_| shift(key, 1)
                                            disabled=move || { index() + 1 >= count() }
                                            aria-label=move || i18n::move_down(i18n.lang(), &down_name)>"↓"</button>
                                        <button type="button" class="button secondary"
                                            on:click=move |_| {
                                                rows.update(|rs| rs.retain(|r| r.key != key));
                                                focus_soon("programme-search".into());
                                            }
                                            aria-label=move || i18n::remove_named(i18n.lang(), &remove_name)>
                                            {tr(Key::Remove)}
                                        </button>
                                    </span>
                                </li>
                            }
                        }
                    </For>
                </ol>
                <div class="field">
                    <label for="programme-search">{tr(Key::FindModule)}</label>
                    <div class="search-row">
                        <input id="programme-search" type="search" maxlength=200 prop:value=query
                            on:input=move |ev| query.set(event_target_value(&ev))
                            on:keydown=move |ev| {
                                if ev.key() == "Enter" {
                                    ev.prevent_default();
                                    search.dispatch(query.get_untracked());
                                }
                            }/>
                        <button type="button" class="button secondary"
                            on:click=move |_| search.dispatch(query.get_untracked())>
                            {tr(Key::SearchButton)}
                        </button>
                    </div>
                </div>
                <SubmitError submit=search/>
                <ul class="found-modules" aria-live="polite">
                    {move || found().into_iter().map(|m| {
                        let (slug, title) = (m.slug.clone(), m.title.clone());
                        let add = add.clone();
                        let label = m.title.clone();
                        view! {
                            <li>
                                {m.title} " – " <span class="muted">{m.provider.name}</span> " "
                                <button type="button" class="button secondary"
                                    aria-label=move || i18n::add_named(i18n.lang(), &label)
                                    on:click=move |_| add(slug.clone(), title.clone())>
                                    {tr(Key::Add)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section class="save-bar" aria-label=move || i18n.t(Key::SaveAndPublish)>
                <div class="field checkbox">
                    <input type="checkbox" id="programme-published" prop:checked=published
                        on:change=move |ev| published.set(event_target_checked(&ev))/>
                    <label for="programme-published">{tr(Key::ProgrammePublished)}</label>
                </div>
                <SubmitError submit=save/>
                <button type="button" class="button" on:click=on_save disabled=move || save.busy()>
                    {tr(Key::SaveProgramme)}
                </button>
                <p role="status">{move || saved_note.get().then(|| tr(Key::ProgrammeSaved)())}</p>
            </section>
        </form>
    }
}

fn state_badge(published: bool) -> impl IntoView {
    let key = if published {
        Key::StatePublished
    } else {
        Key::StateNotPublished
    };
    view! { <span class="badge">{tr(key)}</span> }
}
