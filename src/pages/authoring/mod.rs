//! Authoring for a provider's authors and admins: the organisation's modules (with what is
//! not published yet), a new module, the change log, and the editor (`editor`).

mod activities;
mod editor;
mod programme;

pub use editor::ModuleEditorPage;
pub use programme::ProgrammeEditorPage;

use kursbro_shared::authoring::{
    validate_new_module, AuthoredModule, ChangeKind, ContentChange, NewModuleRequest,
    ProgrammeChange,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api;
use crate::components::field::TextField;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

/// `/innhold`: the organisation's modules, a new one, and what changed lately.
#[component]
pub fn AuthoringPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::AuthoringTitle).to_string());
    let allowed = move || session.me.get().is_some_and(|m| m.grants.writes_content());
    let modules = LocalResource::new(move || {
        let ok = allowed();
        async move {
            if ok {
                api::authored_modules().await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let changes = LocalResource::new(move || {
        let ok = allowed();
        async move {
            if ok {
                api::content_changes().await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    view! {
        <h1>{tr(Key::AuthoringTitle)}</h1>
        <Show when=move || session.checked.get() && !allowed()>
            <p>{tr(Key::AuthoringOnlyAuthors)}</p>
        </Show>
        <Loaded resource=modules let:list>
            {list.map(|list| view! {
                <p>{tr(Key::AuthoringIntro)}</p>
                <p class="related-links">
                    <A href=routes::FEEDBACK>{tr(Key::NavFeedback)}</A>
                    " · "
                    <A href=routes::NEWS>{tr(Key::NewsTitle)}</A>
                </p>
                <section aria-labelledby="authored-heading">
                    <h2 id="authored-heading">{tr(Key::AuthoredModules)}</h2>
                    {if list.modules.is_empty() {
                        view! { <p>{tr(Key::AuthoredNone)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="authored-list">
                                {list.modules.into_iter().map(|m| view! { <AuthoredItem module=m/> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <NewModuleForm programme=false/>
                <ImportForm/>
                <section aria-labelledby="programmes-heading">
                    <h2 id="programmes-heading">{tr(Key::AuthoredProgrammes)}</h2>
                    {if list.programmes.is_empty() {
                        view! { <p>{tr(Key::AuthoredNoProgrammes)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="authored-list">
                                {list.programmes.into_iter().map(|p| {
                                    let learners = p.learners;
                                    let state = if p.published { Key::StatePublished } else { Key::StateNotPublished };
                                    view! {
                                        <li>
                                            <A href=routes::authoring_programme(&p.slug)>{p.title}</A>
                                            " " <span class="badge">{tr(state)}</span>
                                            " " <span class="muted">{move || i18n::learners_count(i18n.lang(), learners)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <NewModuleForm programme=true/>
            })}
        </Loaded>
        <Loaded resource=changes let:log>
            {log.map(|log| view! {
                <section aria-labelledby="changes-heading">
                    <h2 id="changes-heading">{tr(Key::ChangeLog)}</h2>
                    {if log.changes.is_empty() && log.programmes.is_empty() {
                        view! { <p>{tr(Key::ChangeLogEmpty)}</p> }.into_any()
                    } else {
                        // Modules' and programmes' changes together, newest first.
                        let mut items: Vec<(chrono::DateTime<chrono::Utc>, AnyView)> = log
                            .changes
                            .into_iter()
                            .map(|c| (c.at, view! { <ChangeItem change=c/> }.into_any()))
                            .chain(log.programmes.into_iter().map(|c| {
                                (c.at, view! { <ProgrammeChangeItem change=c/> }.into_any())
                            }))
                            .collect();
                        items.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
                        view! {
                            <ul class="change-log">
                                {items.into_iter().map(|(_, v)| v).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            })}
        </Loaded>
    }
}

#[component]
fn AuthoredItem(module: AuthoredModule) -> impl IntoView {
    let i18n = use_i18n();
    let state = match (module.published, module.unpublished_changes) {
        (false, _) => Key::StateNotPublished,
        (true, true) => Key::StateUnpublishedChanges,
        (true, false) => Key::StatePublished,
    };
    let learners = module.learners;
    view! {
        <li>
            <A href=routes::authoring_module(&module.slug)>{module.title}</A>
            " "
            <span class="badge">{tr(state)}</span>
            " "
            <span class="muted">{move || i18n::learners_count(i18n.lang(), learners)}</span>
        </li>
    }
}

#[component]
fn ChangeItem(change: ContentChange) -> impl IntoView {
    let i18n = use_i18n();
    let what = change.what;
    let (added, changed, removed) = (change.added, change.changed, change.removed);
    let at = change.at;
    let day = at.date_naive();
    view! {
        <li>
            <time datetime=at.to_rfc3339()>{move || i18n::date(i18n.lang(), day)}</time>
            " "
            <strong>{change.author}</strong>
            " "
            {move || i18n::change_what(i18n.lang(), what == ChangeKind::Created, added, changed, removed)}
            " "
            <A href=routes::authoring_module(&change.module.slug)>{change.module.title}</A>
        </li>
    }
}

#[component]
fn ProgrammeChangeItem(change: ProgrammeChange) -> impl IntoView {
    let i18n = use_i18n();
    let what = change.what;
    let day = change.at.date_naive();
    view! {
        <li>
            <time datetime=change.at.to_rfc3339()>{move || i18n::date(i18n.lang(), day)}</time>
            " "
            <strong>{change.author}</strong>
            " "
            {move || i18n::programme_change_what(i18n.lang(), what)}
            " "
            <A href=routes::authoring_programme(&change.programme.slug)>{change.programme.title}</A>
        </li>
    }
}

/// A new module (or `programme`): its title and address. Opens its editor once created.
#[component]
fn NewModuleForm(programme: bool) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let slug = RwSignal::new(String::new());
    // The address follows the title until the author changes it.
    let slug_edited = RwSignal::new(false);
    Effect::new(move |_| {
        let t = title.get();
        if !slug_edited.get_untracked() {
            slug.set(kursbro_shared::validation::slug_from(&t));
        }
    });
    let navigate = use_navigate();
    let create = Submit::new(move |req: &NewModuleRequest| {
        let req = req.clone();
        let navigate = navigate.clone();
        async move {
            let to = if programme {
                routes::authoring_programme(
                    &api::create_programme(&req)
                        .await
                        .map_err(FormError::Api)?
                        .slug,
                )
            } else {
                routes::authoring_module(
                    &api::create_module(&req).await.map_err(FormError::Api)?.slug,
                )
            };
            navigate(&to, Default::default());
            Ok(())
        }
    });
    let (title_id, slug_id, error_id, hint_id, heading_id) = if programme {
        (
            "new-programme-title",
            "new-programme-slug",
            "new-programme-error",
            "new-programme-slug-hint",
            "new-programme-heading",
        )
    } else {
        (
            "new-module-title",
            "new-module-slug",
            "new-module-error",
            "new-module-slug-hint",
            "new-module-heading",
        )
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = NewModuleRequest {
            slug: slug.get_untracked(),
            title: title.get_untracked(),
        };
        match validate_new_module(&req) {
            Err(e) => {
                let (id, key) = if e.field == "slug" {
                    (slug_id, Key::ErrModuleSlug)
                } else {
                    (title_id, Key::ErrTitleRequired)
                };
                create.fail(FormError::Field {
                    field: e.field,
                    key,
                });
                focus(id);
            }
            Ok(()) => create.dispatch(req),
        }
    };
    view! {
        <section aria-labelledby=heading_id>
            <h2 id=heading_id>{tr(if programme { Key::NewProgramme } else { Key::NewModule })}</h2>
            <form on:submit=on_submit novalidate=true class="stacked">
                <SubmitError submit=create id=error_id/>
                <TextField id=title_id label=Key::FieldTitle value=title submit=create
                    field="title" describedby=error_id maxlength=150 required=true/>
                <div class="field">
                    <label for=slug_id>{tr(Key::FieldSlug)}</label>
                    <input id=slug_id type="text" maxlength=100
                        aria-describedby=format!("{hint_id} {error_id}")
                        aria-invalid=create.invalid("slug")
                        prop:value=slug
                        on:input=move |ev| {
                            slug_edited.set(true);
                            slug.set(event_target_value(&ev));
                        }/>
                    <p class="hint" id=hint_id>{tr(if programme { Key::FieldProgrammeSlugHint } else { Key::FieldSlugHint })}</p>
                </div>
                <button type="submit" class="button" disabled=move || create.busy()>
                    {tr(if programme { Key::CreateProgramme } else { Key::CreateModule })}
                </button>
            </form>
        </section>
    }
}

/// A module's zip (exported here or elsewhere) imported as a draft; opens the editor.
#[component]
fn ImportForm() -> impl IntoView {
    let file_input = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let import = Submit::new(move |file: &SendFile| {
        let file = file.0.clone();
        let navigate = navigate.clone();
        async move {
            let state = api::import_module(&file).await.map_err(|e| match e {
                api::ApiError::Server { status: 422, .. } => FormError::Field {
                    field: "file",
                    key: Key::ErrImportModule,
                },
                e => FormError::Api(e),
            })?;
            navigate(&routes::authoring_module(&state.slug), Default::default());
            Ok(())
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        {
            Some(f) => import.dispatch(SendFile(send_wrapper::SendWrapper::new(f))),
            None => {
                import.fail(FormError::Field {
                    field: "file",
                    key: Key::ErrImportFile,
                });
                focus("import-file");
            }
        }
    };
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{tr(Key::ImportModule)}</h2>
            <p id="import-hint">{tr(Key::ImportModuleHint)}</p>
            <form on:submit=on_submit novalidate=true class="stacked">
                <SubmitError submit=import id="import-error"/>
                <div class="field">
                    <label for="import-file">{tr(Key::FieldModuleZip)}</label>
                    <input id="import-file" type="file" accept=".zip,application/zip" node_ref=file_input
                        aria-describedby="import-hint import-error" aria-invalid=import.invalid("file")/>
                </div>
                <button type="submit" class="button secondary" disabled=move || import.busy()>{tr(Key::Import)}</button>
            </form>
        </section>
    }
}

/// A file to upload, carried through the submission.
#[derive(Clone)]
pub(super) struct SendFile(pub send_wrapper::SendWrapper<web_sys::File>);
