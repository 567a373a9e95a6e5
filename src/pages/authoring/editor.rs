//! `/innhold/moduler/:slug`: the editor of one module. The author edits a draft; learners
//! see the published module until the draft is published. Before publishing the editor
//! shows what publishing does, to each activity and to the learners who started.

use kursbro_shared::api::{ModuleKind, OrganisationRef};
use kursbro_shared::authoring::{
    validate_draft, validate_publish, ActivityChange, DraftError, DraftState, ModuleChange,
    ModuleDraft, PublishImpact, SaveDraft, LANGUAGES, MODULE_DESCRIPTION_MAX_CHARS,
    MODULE_SUMMARY_MAX_CHARS, MODULE_TITLE_MAX_CHARS, THEME_MAX_CHARS,
};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::activities::{
    activity_row, field_id, to_draft, whole, ActivitiesEditor, ActivityRow, Keys, Text,
};
use crate::api;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus_soon, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::{use_session, Session};

#[component]
pub fn ModuleEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::EditModule).to_string());
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let allowed = move || session.me.get().is_some_and(|m| m.grants.writes_content());
    let draft = LocalResource::new(move || {
        let (ok, slug) = (allowed(), slug());
        async move {
            if ok {
                api::module_draft(&slug).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let organisations = organisations_to_share_with(session);
    // Said after publishing, above the reloaded editor.
    let published_note = RwSignal::new(false);
    view! {
        <p class="breadcrumb"><A href=routes::AUTHORING>{tr(Key::AuthoringTitle)}</A></p>
        <Show when=move || session.checked.get() && !allowed()>
            <h1>{tr(Key::EditModule)}</h1>
            <p>{tr(Key::AuthoringOnlyAuthors)}</p>
        </Show>
        <p id="publish-status" role="status" tabindex="-1">
            {move || published_note.get().then(|| tr(Key::PublishedNow)())}
        </p>
        <Loaded resource=draft let:state>
            {state.map(|state| view! {
                <Loaded resource=organisations let:orgs>
                    <Editor state=state.clone() organisations=orgs
                        on_published=Callback::new(move |()| {
                            published_note.set(true);
                            draft.refetch();
                            focus_soon("publish-status".into());
                        })/>
                </Loaded>
            })}
        </Loaded>
    }
}

/// What a failed check says and where focus goes.
#[derive(Clone, Debug, PartialEq)]
struct Problemed {
    message: String,
    focus: String,
}

#[component]
fn Editor(
    state: DraftState,
    organisations: Vec<OrganisationRef>,
    on_published: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let d = state.draft.clone();
    let slug = state.slug.clone();
    let version = RwSignal::new(state.version);
    let unpublished = RwSignal::new(state.unpublished_changes);
    let published = state.published;
    let keys = Keys::new();
    let title = RwSignal::new(d.title.clone());
    let summary = RwSignal::new(d.summary.clone());
    let description = RwSignal::new(d.description.clone());
    let theme = RwSignal::new(d.theme.clone());
    let language = RwSignal::new(d.language.clone());
    let kind = RwSignal::new(d.kind);
    let hours = RwSignal::new(d.estimated_hours.to_string());
    let credits = RwSignal::new(d.credits.map(|c| c.to_string()).unwrap_or_default());
    let validity = RwSignal::new(d.validity_months.map(|v| v.to_string()).unwrap_or_default());
    let prerequisite = RwSignal::new(d.prerequisite.clone());
    let shared_all = RwSignal::new(d.shared_with.is_none());
    let shared_with = RwSignal::new(d.shared_with.clone().unwrap_or_default());
    let rows: RwSignal<Vec<ActivityRow>> =
        RwSignal::new(d.activities.iter().map(|a| activity_row(keys, a)).collect());
    let problem = RwSignal::new(None::<Problemed>);
    let saved_note = RwSignal::new(false);
    let impact = RwSignal::new(None::<PublishImpact>);

    // The draft the fields say, or where it is wrong.
    // `publishing`: checked as for publishing (at least one activity).
    let read = move |publishing: bool| -> Result<ModuleDraft, Problemed> {
        let number_problem = |id: String| Problemed {
            message: i18n.t(Key::ErrWholeNumber).to_string(),
            focus: id,
        };
        let activities = rows.get_untracked();
        let mut drafted = Vec::new();
        for r in &activities {
            drafted.push(to_draft(r).map_err(|f| number_problem(field_id(r.key, None, None, f)))?);
        }
        let optional = |s: String| Some(s.trim().to_string()).filter(|v| !v.is_empty());
        let credits_v = match optional(credits.get_untracked()) {
            None => None,
            Some(v) => Some(
                v.replace(',', ".")
                    .parse::<f32>()
                    .map_err(|_| number_problem("module-credits".into()))?,
            ),
        };
        let validity_v = match optional(validity.get_untracked()) {
            None => None,
            Some(v) => {
                Some(whole(&v).ok_or_else(|| number_problem("module-validity_months".into()))?)
            }
        };
        let draft = ModuleDraft {
            title: title.get_untracked(),
            summary: summary.get_untracked(),
            description: description.get_untracked(),
            theme: theme.get_untracked(),
            language: language.get_untracked(),
            kind: kind.get_untracked(),
            estimated_hours: whole(&hours.get_untracked())
                .ok_or_else(|| number_problem("module-estimated_hours".into()))?,
            credits: credits_v,
            validity_months: validity_v,
            prerequisite: prerequisite.get_untracked(),
            shared_with: (!shared_all.get_untracked()).then(|| shared_with.get_untracked()),
            activities: drafted,
        };
        let checked = if publishing {
            validate_publish(&draft)
        } else {
            validate_draft(&draft)
        };
        checked.map_err(|e| Problemed {
            message: i18n::draft_error(i18n.lang(), &e),
            focus: focus_for(&e, &activities),
        })?;
        Ok(draft)
    };

    let slug_v = StoredValue::new(slug.clone());
    let save = Submit::new(move |draft: &ModuleDraft| {
        let req = SaveDraft {
            version: version.get_untracked(),
            draft: draft.clone(),
        };
        async move {
            let s = api::save_draft(&slug_v.get_value(), &req)
                .await
                .map_err(FormError::Api)?;
            version.set(s.version);
            unpublished.set(true);
            saved_note.set(true);
            Ok(s.version)
        }
    });
    let review = Submit::new(move |draft: &ModuleDraft| {
        let req = SaveDraft {
            version: version.get_untracked(),
            draft: draft.clone(),
        };
        async move {
            let slug = slug_v.get_value();
            let s = api::save_draft(&slug, &req).await.map_err(FormError::Api)?;
            version.set(s.version);
            unpublished.set(true);
            let i = api::publish_impact(&slug).await.map_err(FormError::Api)?;
            impact.set(Some(i));
            focus_soon("impact-heading".into());
            Ok(())
        }
    });
    let publish = Submit::new(move |v: &i64| {
        let v = *v;
        async move {
            api::publish(&slug_v.get_value(), v)
                .await
                .map_err(FormError::Api)?;
            on_published.run(());
            Ok(())
        }
    });
    // The draft the author last reviewed: publishing is of that one, not of later edits.
    let reviewed = RwSignal::new(None::<ModuleDraft>);
    let check = move |publishing: bool, then: &dyn Fn(ModuleDraft)| {
        saved_note.set(false);
        impact.set(None);
        match read(publishing) {
            Ok(d) => {
                problem.set(None);
                then(d);
            }
            Err(p) => {
                let id = p.focus.clone();
                problem.set(Some(p));
                focus_soon(id);
            }
        }
    };
    let on_save = move |_| check(false, &|d| save.dispatch(d));
    let on_review = move |_| {
        check(true, &|d| {
            reviewed.set(Some(d.clone()));
            review.dispatch(d)
        })
    };
    // Edited since the review: review again rather than publish what was not looked at.
    let on_publish = Callback::new(move |version: i64| match read(true) {
        Ok(d) if reviewed.get_untracked().as_ref() == Some(&d) => publish.dispatch(version),
        _ => {
            impact.set(None);
            problem.set(Some(Problemed {
                message: i18n.t(Key::ErrChangedSinceReview).to_string(),
                focus: "review-publish".into(),
            }));
            focus_soon("review-publish".into());
        }
    });

    let lang_name = |l: &str| match l {
        "nb" => Key::LangNb,
        "nn" => Key::LangNn,
        "se" => Key::LangSe,
        _ => Key::LangEn,
    };
    let status = move || match (published, unpublished.get()) {
        (false, _) => Key::StateNotPublished,
        (true, true) => Key::StateUnpublishedChanges,
        (true, false) => Key::StatePublished,
    };
    let learner_link = published.then(|| routes::module(&slug));
    view! {
        <h1>{move || {
            let t = title.get();
            if t.trim().is_empty() { i18n.t(Key::EditModule).to_string() } else { t }
        }}</h1>
        <p>
            <span class="badge">{move || tr(status())()}</span>
            {state.updated_by.clone().map(|by| view! { " · " <span class="muted">{move || i18n::saved_by(i18n.lang(), &by)}</span> })}
            {learner_link.map(|href| view! { " · " <A href=href>{tr(Key::SeeAsLearner)}</A> })}
            " · "
            <a href=api::export_url(&slug) download="">{tr(Key::ExportModule)}</a>
        </p>
        <div id="editor-problem" role="alert" class="form-error-region">
            {move || problem.get().map(|p| view! { <p class="form-error">{p.message}</p> })}
        </div>
        <form class="module-editor stacked" novalidate=true on:submit=|ev| ev.prevent_default()>
            <section aria-labelledby="details-heading">
                <h2 id="details-heading">{tr(Key::ModuleDetails)}</h2>
                <Text id="module-title" label=Key::FieldTitle value=title maxlength=MODULE_TITLE_MAX_CHARS/>
                <Text id="module-summary" label=Key::FieldSummary value=summary rows=2 maxlength=MODULE_SUMMARY_MAX_CHARS/>
                <Text id="module-description" label=Key::FieldDescription value=description rows=5
                    maxlength=MODULE_DESCRIPTION_MAX_CHARS/>
                <Text id="module-theme" label=Key::FieldTheme value=theme maxlength=THEME_MAX_CHARS/>
                <div class="field">
                    <label for="module-language">{tr(Key::FieldLanguage)}</label>
                    <select id="module-language" on:change=move |ev| language.set(event_target_value(&ev))>
                        {LANGUAGES.into_iter().map(|l| view! {
                            <option value=l selected=move || language.get() == l>{tr(lang_name(l))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="module-kind">{tr(Key::FieldKind)}</label>
                    <select id="module-kind" on:change=move |ev| {
                        kind.set(ModuleKind::parse(&event_target_value(&ev)).unwrap_or(ModuleKind::StatutoryCourse));
                    }>
                        <option value="statutory_course" selected=move || kind.get() == ModuleKind::StatutoryCourse>
                            {tr(Key::KindOneCourse)}
                        </option>
                        <option value="programme_module" selected=move || kind.get() == ModuleKind::ProgrammeModule>
                            {tr(Key::KindOneModule)}
                        </option>
                    </select>
                </div>
                <Text id="module-estimated_hours" label=Key::FieldHours value=hours kind="number"/>
                <Text id="module-credits" label=Key::FieldCredits value=credits hint=Key::CreditsHint/>
                <Text id="module-validity_months" label=Key::FieldValidity value=validity kind="number"
                    hint=Key::ValidityHint/>
            </section>
            <Prerequisite prerequisite=prerequisite own=slug.clone()/>
            <Sharing shared_all=shared_all shared_with=shared_with organisations=organisations/>
            <ActivitiesEditor slug=slug.clone() rows=rows keys=keys/>
            <section aria-labelledby="save-heading" class="save-bar">
                <h2 id="save-heading" class="visually-hidden">{tr(Key::SaveAndPublish)}</h2>
                <SubmitError submit=save/>
                <SubmitError submit=review/>
                <button type="button" class="button secondary" on:click=on_save disabled=move || save.busy()>{tr(Key::SaveDraft)}</button>
                <button type="button" class="button secondary" id="review-publish" on:click=on_review disabled=move || review.busy()>{tr(Key::ReviewPublish)}</button>
                <p role="status">{move || saved_note.get().then(|| tr(Key::DraftSaved)())}</p>
            </section>
        </form>
        {move || impact.get().map(|i| view! { <Impact impact=i publish=publish on_publish=on_publish/> })}
    }
}

/// The element to focus for a draft error.
fn focus_for(e: &DraftError, rows: &[ActivityRow]) -> String {
    let Some(i) = e.activity else {
        return match e.error.field {
            "activities" => "add-activity".into(),
            // No field of its own in the editor.
            "prerequisite" => "prerequisite-search".into(),
            f => format!("module-{f}"),
        };
    };
    let Some(row) = rows.get(i) else {
        return "add-activity".into();
    };
    let question = e.question.and_then(|q| match row.content {
        super::activities::ContentRow::Quiz { questions, .. } => {
            questions.with_untracked(|qs| qs.get(q).copied())
        }
        _ => None,
    });
    let option = match (question, e.option) {
        (Some(q), Some(o)) => q.options.with_untracked(|os| os.get(o).map(|x| x.key)),
        _ => None,
    };
    match (question, option) {
        (Some(q), Some(o)) => field_id(row.key, Some(q.key), Some(o), e.error.field),
        (Some(q), None) => field_id(row.key, Some(q.key), None, e.error.field),
        // A quiz without questions: where one is added.
        _ if e.error.field == "questions" => format!("a{}-add-question", row.key),
        _ => field_id(row.key, None, None, e.error.field),
    }
}

/// The organisations an author may share with by name (every one but their own, which
/// always sees its own content); none for anyone else, who is not asked.
pub(super) fn organisations_to_share_with(
    session: Session,
) -> LocalResource<Result<Vec<OrganisationRef>, api::ApiError>> {
    LocalResource::new(move || {
        let me = session.me.get().filter(|m| m.grants.writes_content());
        async move {
            let Some(me) = me else {
                return Ok(Vec::new());
            };
            let all = api::organisations().await?;
            Ok(all
                .into_iter()
                .filter(|o| o.id != me.organisation.id)
                .collect())
        }
    })
}

/// Who sees the module: everyone (the regional catalogue), or the provider and chosen
/// organisations.
#[component]
pub(super) fn Sharing(
    shared_all: RwSignal<bool>,
    shared_with: RwSignal<Vec<i64>>,
    organisations: Vec<OrganisationRef>,
) -> impl IntoView {
    view! {
        <fieldset id="module-shared_with" tabindex="-1" class="sharing">
            <legend>{tr(Key::SharedWithLegend)}</legend>
            <div class="field checkbox">
                <input type="radio" id="share-all" name="sharing" prop:checked=shared_all
                    on:change=move |_| shared_all.set(true)/>
                <label for="share-all">{tr(Key::ShareEveryone)}</label>
            </div>
            <div class="field checkbox">
                <input type="radio" id="share-chosen" name="sharing" prop:checked=move || !shared_all.get()
                    on:change=move |_| shared_all.set(false)/>
                <label for="share-chosen">{tr(Key::ShareChosen)}</label>
            </div>
            <Show when=move || !shared_all.get()>
                <ul class="share-list">
                    {organisations.clone().into_iter().map(|o| {
                        let id = format!("share-org-{}", o.id);
                        let org = o.id;
                        view! {
                            <li class="field checkbox">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || shared_with.with(|s| s.contains(&org))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        shared_with.update(|s| {
                                            s.retain(|x| *x != org);
                                            if on { s.push(org); }
                                        });
                                    }/>
                                <label for=id>{o.name}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </fieldset>
    }
}

/// What publishing now would do, and the button that does it.
#[component]
fn Impact(
    impact: PublishImpact,
    publish: Submit<i64, ()>,
    on_publish: Callback<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let version = impact.version;
    let change_key = |c: ActivityChange| match c {
        ActivityChange::Unchanged => Key::ChangeUnchanged,
        ActivityChange::Changed => Key::ChangeChanged,
        ActivityChange::Added => Key::ChangeAdded,
        ActivityChange::Removed => Key::ChangeRemoved,
        ActivityChange::Unknown => Key::ChangeChanged,
    };
    let module_changes = impact.module_changes.clone();
    let module_change_key = |c: ModuleChange| match c {
        ModuleChange::SharedWithFewer => Key::ChangeSharedWithFewer,
        ModuleChange::Validity => Key::ChangeValidity,
        ModuleChange::Prerequisite => Key::ChangePrerequisite,
        ModuleChange::Kind | ModuleChange::Unknown => Key::ChangeKind,
    };
    let (in_progress, completed, will_complete, lose) = (
        impact.in_progress,
        impact.completed,
        impact.will_complete,
        impact.lose_completions,
    );
    view! {
        <section class="impact" aria-labelledby="impact-heading">
            <h2 id="impact-heading" tabindex="-1">{tr(Key::ImpactTitle)}</h2>
            <ul>
                {impact.activities.into_iter().map(|a| view! {
                    <li>{a.title} " – " <strong>{tr(change_key(a.change))}</strong></li>
                }).collect_view()}
            </ul>
            <p>{move || i18n::impact_learners(i18n.lang(), in_progress, completed, will_complete, lose)}</p>
            {(!module_changes.is_empty()).then(|| view! {
                <ul class="module-changes">
                    {module_changes.into_iter().map(|c| view! { <li>{tr(module_change_key(c))}</li> }).collect_view()}
                </ul>
            })}
            <SubmitError submit=publish/>
            <button type="button" class="button" on:click=move |_| on_publish.run(version)
                disabled=move || publish.busy()>
                {tr(Key::PublishNow)}
            </button>
        </section>
    }
}

/// The module a learner must complete first, if any (usually none: any order). Found in the
/// catalogue by search.
#[component]
fn Prerequisite(prerequisite: RwSignal<Option<String>>, own: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let search = Submit::new(move |q: &String| {
        let q = q.clone();
        async move {
            api::catalogue(&kursbro_shared::api::CatalogueQuery {
                q: Some(q),
                limit: Some(10),
                ..Default::default()
            })
            .await
            .map(|c| c.modules)
            .map_err(FormError::Api)
        }
    });
    let own = StoredValue::new(own);
    view! {
        <fieldset class="sharing" id="module-prerequisite" tabindex="-1">
            <legend>{tr(Key::PrerequisiteLegend)}</legend>
            <p class="hint">{tr(Key::PrerequisiteHint)}</p>
            <p role="status">
                {move || match prerequisite.get() {
                    None => tr(Key::PrerequisiteNone)().to_string(),
                    Some(p) => i18n::prerequisite_is(i18n.lang(), &p),
                }}
            </p>
            <Show when=move || prerequisite.get().is_some()>
                <button type="button" class="button secondary" on:click=move |_| {
                    prerequisite.set(None);
                    focus_soon("prerequisite-search".into());
                }>{tr(Key::PrerequisiteRemove)}</button>
            </Show>
            <div class="field">
                <label for="prerequisite-search">{tr(Key::FindModule)}</label>
                <div class="search-row">
                    <input id="prerequisite-search" type="search" maxlength=200 prop:value=query
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                search.dispatch(query.get_untracked());
                            }
                        }/>
                    <button type="button" class="button secondary"
                        on:click=move |_| search.dispatch(query.get_untracked())>{tr(Key::SearchButton)}</button>
                </div>
            </div>
            <SubmitError submit=search/>
            <ul class="found-modules" aria-live="polite">
                {move || search.output().unwrap_or_default().into_iter()
                    .filter(|m| m.slug != own.get_value())
                    .map(|m| {
                        let slug = m.slug.clone();
                        let label = m.title.clone();
                        view! {
                            <li>
                                {m.title} " – " <span class="muted">{m.provider.name}</span> " "
                                <button type="button" class="button secondary"
                                    aria-label=move || i18n::choose_prerequisite(i18n.lang(), &label)
                                    on:click=move |_| {
                                        prerequisite.set(Some(slug.clone()));
                                        focus_soon("module-prerequisite".into());
                                    }>
                                    {tr(Key::Choose)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
            </ul>
        </fieldset>
    }
}
