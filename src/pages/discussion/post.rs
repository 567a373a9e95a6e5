//! One post: its body as the reader may see it, and what the reader may do with it (edit,
//! delete, report, hide, restore).

use kursbro_shared::discussion::{
    validate_body, validate_reason, NewPost, Post, PostBody, BODY_MAX_CHARS, REASON_MAX_CHARS,
};
use leptos::prelude::*;

use super::field_problem;
use crate::api;
use crate::components::submit::{FormError, Submit, SubmitError};
use crate::i18n::{self, tr, use_i18n, Key};

/// What can be done to a post.
#[derive(Debug, Clone)]
enum Change {
    Edit(String),
    Delete,
    Report(String),
    Hide(String),
    Restore,
}

#[component]
pub fn PostItem(
    post: Post,
    moderate: bool,
    #[prop(into)] on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = post.id;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(post.markdown.clone().unwrap_or_default());
    let reporting = RwSignal::new(false);
    let hiding = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let reported = RwSignal::new(false);
    let change = Submit::new(move |c: &Change| {
        let c = c.clone();
        async move {
            match c {
                Change::Edit(body) => {
                    api::edit_post(id, &NewPost { body }).await?;
                    editing.set(false);
                }
                Change::Delete => api::delete_post(id).await?,
                Change::Report(r) => {
                    api::report_post(id, &r).await?;
                    reporting.set(false);
                    reported.set(true);
                    return Ok(());
                }
                Change::Hide(r) => {
                    api::hide_post(id, &r).await?;
                    hiding.set(false);
                }
                Change::Restore => api::restore_post(id).await?,
            }
            on_change.run(());
            Ok::<(), FormError>(())
        }
    });
    let date = post.created_at.date_naive();
    let stored_body = StoredValue::new(post.body.clone());
    let body = move || render_body(stored_body.get_value());
    let visible = matches!(post.body, PostBody::Visible { .. });
    let hidden = matches!(post.body, PostBody::Hidden { .. });
    let mine = post.mine;
    let field = format!("edit-{id}");
    let reason_field = format!("reason-{id}");
    let on_edit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        match validate_body(&text) {
            Err(e) => change.fail(field_problem(e)),
            Ok(()) => change.dispatch(Change::Edit(text)),
        }
    };
    let on_reason = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked();
        match validate_reason(&r) {
            Err(e) => change.fail(field_problem(e)),
            Ok(()) if hiding.get_untracked() => change.dispatch(Change::Hide(r)),
            Ok(()) => change.dispatch(Change::Report(r)),
        }
    };
    let button = move |key: Key, what: Change| {
        view! {
            <button type="button" class="button secondary small" disabled=move || change.busy()
                on:click=move |_| change.dispatch(what.clone())>{tr(key)}</button> " "
        }
    };
    view! {
        <li class="post" data-post=id>
            <p class="post-meta">
                <strong>{post.author.clone()}</strong> " · " {move || i18n::date(i18n.lang(), date)}
                {post.edited.then(|| view! { " · " <em>{tr(Key::Edited)}</em> })}
            </p>
            <Show when=move || !editing.get() fallback=move || {
                let field = field.clone();
                view! {
                    <form on:submit=on_edit>
                        <div class="field">
                            <label for=field.clone()>{tr(Key::Edit)}</label>
                            <textarea id=field rows="5" maxlength=BODY_MAX_CHARS prop:value=draft on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                        </div>
                        <button type="submit" class="button small" disabled=move || change.busy()>{tr(Key::SaveChanges)}</button> " "
                        <button type="button" class="button secondary small" on:click=move |_| editing.set(false)>{tr(Key::Cancel)}</button>
                    </form>
                }
            }>
                {body}
            </Show>
            <div role="status">{move || reported.get().then(|| view! { <p class="hint">{tr(Key::Reported)}</p> })}</div>
            <SubmitError submit=change/>
            <p class="post-actions">
                {(mine && visible).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| editing.set(true)>{tr(Key::Edit)}</button> " "
                })}
                {(mine && !matches!(post.body, PostBody::Deleted)).then(|| button(Key::Delete, Change::Delete))}
                {(!mine && visible).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| reporting.set(true)>{tr(Key::Report)}</button> " "
                })}
                {(moderate && visible).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| hiding.set(true)>{tr(Key::Hide)}</button> " "
                })}
                {(moderate && hidden).then(|| button(Key::Restore, Change::Restore))}
            </p>
            <Show when=move || reporting.get() || hiding.get()>
                {
                    let reason_field = reason_field.clone();
                    view! {
                        <form class="reason-form" on:submit=on_reason>
                            <div class="field">
                                <label for=reason_field.clone()>{move || if hiding.get() { i18n.t(Key::HideReason) } else { i18n.t(Key::ReportReason) }}</label>
                                <input id=reason_field type="text" maxlength=REASON_MAX_CHARS prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                            </div>
                            <button type="submit" class="button small" disabled=move || change.busy()>{move || if hiding.get() { i18n.t(Key::ConfirmHide) } else { i18n.t(Key::SendReport) }}</button> " "
                            <button type="button" class="button secondary small" on:click=move |_| { hiding.set(false); reporting.set(false); }>{tr(Key::Cancel)}</button>
                        </form>
                    }
                }
            </Show>
        </li>
    }
}

fn render_body(body: PostBody) -> AnyView {
    match body {
        PostBody::Visible { html } => view! { <div class="post-body" inner_html=html></div> }.into_any(),
        PostBody::Deleted => view! { <p class="post-gone">{tr(Key::DeletedByAuthor)}</p> }.into_any(),
        PostBody::Hidden { reason, html } => view! {
            <div class="post-hidden">
                {match reason {
                    Some(r) => view! { <p><strong>{tr(Key::HiddenBecause)}</strong> " " {r}</p> }.into_any(),
                    None => view! { <p>{tr(Key::HiddenPost)}</p> }.into_any(),
                }}
                {html.map(|h| view! { <div class="post-body" inner_html=h></div> })}
            </div>
        }
        .into_any(),
    }
}
