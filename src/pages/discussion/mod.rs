//! Discussion areas: the thread list of a module or cohort, a thread with its posts, and
//! the facilitators' queue of reported posts. Post bodies are HTML sanitised by the server;
//! titles and names are always shown as text.

use kursbro_shared::discussion::{
    validate_body, validate_title, Area, NewThread, ThreadSummary, BODY_MAX_CHARS, TITLE_MAX_CHARS,
};
use kursbro_shared::validation::{FieldError, Problem};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self, AreaPath};
use crate::components::field::TextField;
use crate::components::load_more::LoadMore;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::{id_param, slug_param};
use crate::routes;

mod moderation;
mod post;
mod thread;

pub use moderation::ModerationPage;
pub use thread::ThreadPage;

/// The address and the name of an area.
fn area_link(area: &Area) -> (String, String) {
    match area {
        Area::Module { slug, title } => (routes::module_discussion(slug), title.clone()),
        Area::Cohort { id, name } => (routes::cohort_discussion(*id), name.clone()),
    }
}

/// A failed shared check of a discussion field, in words: empty fields have their own text.
fn field_problem(e: FieldError) -> FormError {
    let key = match (e.field, e.problem) {
        ("title", Problem::Required) => Key::ErrTitleEmpty,
        ("body", Problem::Required) => Key::ErrPostEmpty,
        ("reason", Problem::Required) => Key::ErrReasonEmpty,
        _ => Key::ErrInvalidInput,
    };
    FormError::Field {
        field: e.field,
        key,
    }
}

#[component]
pub fn ModuleDiscussionPage() -> impl IntoView {
    let slug = slug_param();
    view! { <AreaView area=Signal::derive(move || AreaPath::Module(slug.get()))/> }
}

#[component]
pub fn CohortDiscussionPage() -> impl IntoView {
    let id = id_param();
    view! { <AreaView area=Signal::derive(move || AreaPath::Cohort(id.get()))/> }
}

#[component]
fn AreaView(area: Signal<AreaPath>) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(move || {
        let area = area.get();
        async move { api::threads(&area, None).await }
    });
    use_title(move || match list.get() {
        Some(Ok(l)) => format!("{} – {}", i18n.t(Key::Discussion), area_link(&l.area).1),
        _ => i18n.t(Key::Discussion).to_string(),
    });
    view! {
        <Loaded resource=list let:l>
            {
                let (_, name) = area_link(&l.area);
                let crumb = name.clone();
                let back = match &l.area {
                    Area::Module { slug, .. } => routes::module(slug),
                    Area::Cohort { id, .. } => routes::cohort(*id),
                };
                let empty = l.threads.is_empty();
                let threads = RwSignal::new(l.threads);
                let cursor = RwSignal::new(l.next_cursor);
                let more = Submit::new(move |c: &String| {
                    let (a, c) = (area.get_untracked(), c.clone());
                    async move {
                        let page = api::threads(&a, Some(&c)).await?;
                        threads.update(|t| t.extend(page.threads));
                        cursor.set(page.next_cursor);
                        Ok::<(), FormError>(())
                    }
                });
                view! {
                    <p class="breadcrumb"><A href=back>{crumb}</A></p>
                    <h1>{tr(Key::Discussion)} ": " {name}</h1>
                    <p class="hint">{tr(Key::DiscussionIntro)}</p>
                    {empty.then(|| view! { <p>{tr(Key::NoThreads)}</p> })}
                    <ul class="thread-list">
                        <For each=move || threads.get() key=|t| t.id let:t>
                            <ThreadItem thread=t/>
                        </For>
                    </ul>
                    <LoadMore cursor=cursor next=more label=Key::MoreThreads/>
                    <NewThreadForm area=area.get_untracked()/>
                }
            }
        </Loaded>
    }
}

#[component]
fn ThreadItem(thread: ThreadSummary) -> impl IntoView {
    let i18n = use_i18n();
    let replies = thread.reply_count;
    let last = thread.last_activity_at.date_naive();
    view! {
        <li class="thread-item" data-thread=thread.id>
            <h2 class="thread-title">
                <A href=routes::thread(thread.id)>{thread.title.clone()}</A>
            </h2>
            <p class="card-meta">
                {thread.unread.then(|| view! { <span class="badge badge-progress unread">{tr(Key::Unread)}</span> " " })}
                {thread.pinned.then(|| view! { <span class="tag">{tr(Key::Pinned)}</span> " " })}
                {thread.locked.then(|| view! { <span class="tag">{tr(Key::Locked)}</span> " " })}
                {thread.author.clone()} " · " {move || i18n::replies(i18n.lang(), replies)}
                " · " {move || i18n::date(i18n.lang(), last)}
            </p>
        </li>
    }
}

#[component]
fn NewThreadForm(area: AreaPath) -> impl IntoView {
    let navigate = StoredValue::new_local(use_navigate());
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let start = Submit::new(move |req: &NewThread| {
        let (area, req) = (area.clone(), req.clone());
        async move {
            let t = api::new_thread(&area, &req).await?;
            navigate.with_value(|n| n(&routes::thread(t.id), Default::default()));
            Ok::<(), FormError>(())
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = NewThread {
            title: title.get_untracked(),
            body: body.get_untracked(),
        };
        match validate_title(&req.title).and_then(|()| validate_body(&req.body)) {
            Err(e) => {
                focus(if e.field == "title" {
                    "thread-title"
                } else {
                    "thread-body"
                });
                start.fail(field_problem(e));
            }
            Ok(()) => start.dispatch(req),
        }
    };
    view! {
        <section class="new-thread" aria-labelledby="new-thread-heading">
            <h2 id="new-thread-heading">{tr(Key::NewThreadTitle)}</h2>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=start id="new-thread-error"/>
                <TextField id="thread-title" label=Key::ThreadTitleLabel value=title submit=start
                    field="title" describedby="new-thread-error" maxlength=TITLE_MAX_CHARS/>
                <TextField id="thread-body" label=Key::PostBodyLabel value=body submit=start
                    field="body" describedby="new-thread-error" rows=6 maxlength=BODY_MAX_CHARS/>
                <button type="submit" class="button" disabled=move || start.busy()>{tr(Key::StartThread)}</button>
            </form>
        </section>
    }
}
