//! A labelled text field of a form that posts through a [`Submit`]: marked invalid while
//! the submission's error is about it, and described by the form's error region.

use leptos::prelude::*;

use crate::components::submit::Submit;
use crate::i18n::{tr, Key};

#[component]
pub fn TextField<I: 'static, O: 'static>(
    /// The element id (the label points at it; focus moves to it after a failed check).
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
    submit: Submit<I, O>,
    /// The field name in the form's errors (`FormError::field`).
    field: &'static str,
    /// The id of the form's `<SubmitError>`.
    describedby: &'static str,
    /// The `<input type>`; ignored for a text area.
    #[prop(default = "text")]
    kind: &'static str,
    /// Rows: makes it a `<textarea>`.
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let input = match rows {
        Some(rows) => view! {
            <textarea
                id=id
                rows=rows
                maxlength=maxlength
                aria-invalid=submit.invalid(field)
                aria-describedby=describedby
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any(),
        None => view! {
            <input
                id=id
                name=field
                type=kind
                maxlength=maxlength
                autocomplete=autocomplete
                inputmode=inputmode
                required=required
                aria-invalid=submit.invalid(field)
                aria-describedby=describedby
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            {input}
        </div>
    }
}
