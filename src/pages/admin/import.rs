//! Importing employees from a CSV file: read in the browser, checked by the server line by
//! line ("check" imports nothing), then imported all at once or not at all, with each
//! refused line, its column and what is wrong.

use kursbro_shared::api::{validate_import, ImportPeopleRequest, ImportProblem, ImportReport};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;
use leptos_router::components::A;

use super::AdminOnly;
use crate::api;
use crate::components::submit::{FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::ImportTitle).to_string());
    view! {
        <p><A href=routes::ADMIN>{tr(Key::BackToAdmin)}</A></p>
        <h1>{tr(Key::ImportTitle)}</h1>
        <AdminOnly>
            <ImportForm/>
        </AdminOnly>
    }
}

fn problem_key(p: ImportProblem) -> Key {
    match p {
        ImportProblem::Malformed => Key::ImportMalformed,
        ImportProblem::InvalidName => Key::ImportInvalidName,
        ImportProblem::InvalidEmail => Key::ImportInvalidEmail,
        ImportProblem::EmailTaken => Key::ErrEmailTaken,
        ImportProblem::EmailRepeated => Key::ImportEmailRepeated,
        ImportProblem::UnknownUnit => Key::ImportUnknownUnit,
        ImportProblem::UnknownProfession => Key::ImportUnknownProfession,
        ImportProblem::Unknown => Key::ErrInvalidInput,
    }
}

/// A refused line's column, in words.
fn column_key(field: &str) -> Key {
    match field {
        "name" => Key::FieldPersonName,
        "email" => Key::Email,
        "unit" => Key::FieldUnit,
        "profession" => Key::FieldProfession,
        _ => Key::ImportWholeLine,
    }
}

/// The text of the file chosen in the `<input type="file">` of `ev`.
async fn file_text(ev: &leptos::ev::Event) -> Option<Result<String, ()>> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    Some(text.ok().and_then(|t| t.as_string()).ok_or(()))
}

#[component]
fn ImportForm() -> impl IntoView {
    let i18n = use_i18n();
    let csv = RwSignal::new(String::new());
    let report = RwSignal::new(None::<(ImportReport, bool)>);
    let run = Submit::new(move |req: &ImportPeopleRequest| {
        let req = req.clone();
        async move {
            let answer = api::import_people(&req).await?;
            report.set(Some((answer, req.dry_run)));
            Ok::<(), FormError>(())
        }
    });
    let send = move |dry_run: bool| {
        let text = csv.get_untracked();
        if text.trim().is_empty() {
            run.fail(FormError::Field {
                field: "csv",
                key: Key::ErrCsvEmpty,
            });
            crate::components::submit::focus("import-text");
            return;
        }
        let req = ImportPeopleRequest { csv: text, dry_run };
        if validate_import(&req).is_err() {
            run.fail(FormError::Field {
                field: "csv",
                key: Key::ErrCsvTooLong,
            });
            crate::components::submit::focus("import-text");
            return;
        }
        report.set(None);
        run.dispatch(req);
    };
    let on_file = move |ev: leptos::ev::Event| {
        spawn_local(async move {
            match file_text(&ev).await {
                Some(Ok(text)) => {
                    csv.set(text);
                    run.clear();
                    report.set(None);
                }
                Some(Err(())) => run.fail(FormError::Field {
                    field: "csv",
                    key: Key::ErrCsvUnreadable,
                }),
                None => {}
            }
        });
    };
    view! {
        <p>{tr(Key::ImportIntro)}</p>
        <form on:submit=move |ev| { ev.prevent_default(); send(true); } novalidate=true>
            <SubmitError submit=run id="import-error"/>
            <div class="field">
                <label for="import-file">{tr(Key::FieldCsvFile)}</label>
                <input id="import-file" type="file" accept=".csv,.txt,text/csv,text/plain" on:change=on_file/>
            </div>
            <div class="field">
                <label for="import-text">{tr(Key::FieldCsvText)}</label>
                <textarea id="import-text" rows="8" class="csv-text" aria-describedby="import-error"
                    aria-invalid=run.invalid("csv") spellcheck="false"
                    prop:value=csv on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
            </div>
            <p class="form-actions">
                <button type="submit" class="button secondary" disabled=move || run.busy()>{tr(Key::ImportCheck)}</button>
                " "
                <button type="button" class="button" disabled=move || run.busy() on:click=move |_| send(false)>
                    {move || if run.busy() { i18n.t(Key::ImportWorking) } else { i18n.t(Key::ImportRun) }}
                </button>
            </p>
        </form>
        <div role="status">
            {move || report.get().map(|(r, dry_run)| {
                let class = if r.refused.is_empty() { "notice" } else { "error-box" };
                view! {
                    <p class=class>{move || i18n::import_result(i18n.lang(), &r, dry_run)}</p>
                }
            })}
        </div>
        {move || report.get().filter(|(r, _)| !r.refused.is_empty()).map(|(r, _)| view! {
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="refused-caption">
                <table class="progress-table">
                    <caption id="refused-caption">{tr(Key::RefusedTable)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::ColLine)}</th>
                            <th scope="col">{tr(Key::ColField)}</th>
                            <th scope="col">{tr(Key::ColProblem)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {r.refused.into_iter().map(|l| view! {
                            <tr>
                                <th scope="row" class="num">{l.line}</th>
                                <td>{tr(column_key(&l.field))}</td>
                                <td>{tr(problem_key(l.problem))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}
