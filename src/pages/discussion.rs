//! Discussion areas: the thread list of a module or cohort, a thread, and the facilitators'
//! queue of reported posts. Post bodies are HTML sanitised by the server; titles and names
//! are always shown as text.

use kursbro_shared::discussion::{
    Area, NewPost, NewThread, Post, PostBody, Thread, ThreadFlags, ThreadSummary,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiError, AreaPath};
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;

fn area_link(area: &Area) -> (String, String) {
    match area {
        Area::Module { slug, title } => (routes::module_discussion(&slug), title.clone()),
        Area::Cohort { id, name } => (routes::cohort_discussion(*id), name.clone()),
    }
}

#[component]
pub fn ModuleDiscussionPage() -> impl IntoView {
    let params = use_params_map();
    let area =
        Signal::derive(move || AreaPath::Module(params.read().get("slug").unwrap_or_default()));
    view! { <AreaView area=area/> }
}

#[component]
pub fn CohortDiscussionPage() -> impl IntoView {
    let params = use_params_map();
    let area = Signal::derive(move || {
        AreaPath::Cohort(
            params
                .read()
                .get("id")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0),
        )
    });
    view! { <AreaView area=area/> }
}

#[component]
fn AreaView(area: Signal<AreaPath>) -> impl IntoView {
    let i18n = use_i18n();
    let extra = RwSignal::new(Vec::<ThreadSummary>::new());
    let cursor = RwSignal::new(None::<String>);
    let list = LocalResource::new(move || {
        let area = area.get();
        async move { api::threads(&area, None).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(l)) = list.get() {
            extra.set(Vec::new());
            cursor.set(l.next_cursor);
        }
    });
    use_title(move || match list.get() {
        Some(Ok(l)) => format!("{} – {}", i18n.t(Key::Discussion), area_link(&l.area).1),
        _ => i18n.t(Key::Discussion).to_string(),
    });
    let more = move |_| {
        let Some(c) = cursor.get_untracked() else {
            return;
        };
        let a = area.get_untracked();
        spawn_local(async move {
            if let Ok(page) = api::threads(&a, Some(&c)).await {
                extra.update(|e| e.extend(page.threads));
                cursor.set(page.next_cursor);
            }
        });
    };
    view! {
        <Transition fallback=LoadingIndicator>
            {move || list.get().map(|r| match r {
                Ok(l) => {
                    let (_, name) = area_link(&l.area);
                    let crumb = name.clone();
                    let back = match &l.area {
                        Area::Module { slug, .. } => routes::module(&slug),
                        Area::Cohort { id, .. } => routes::cohort(*id),
                    };
                    let empty = l.threads.is_empty();
                    view! {
                        <p class="breadcrumb"><A href=back>{crumb}</A></p>
                        <h1>{tr(Key::Discussion)} ": " {name}</h1>
                        <p class="hint">{tr(Key::DiscussionIntro)}</p>
                        {empty.then(|| view! { <p>{tr(Key::NoThreads)}</p> })}
                        <ul class="thread-list">
                            {l.threads.into_iter().map(|t| view! { <ThreadItem thread=t/> }).collect_view()}
                            {move || extra.get().into_iter().map(|t| view! { <ThreadItem thread=t/> }).collect_view()}
                        </ul>
                        <Show when=move || cursor.get().is_some()>
                            <button type="button" class="button secondary" on:click=more>{tr(Key::MoreThreads)}</button>
                        </Show>
                        <NewThreadForm area=area.get_untracked()/>
                    }.into_any()
                }
                Err(e) if e.is_not_found() => view! { <h1>{tr(Key::ErrNotFound)}</h1> }.into_any(),
                Err(error) => view! { <ErrorMessage error=error on_retry=move |()| list.refetch()/> }.into_any(),
            })}
        </Transition>
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
    let i18n = use_i18n();
    let navigate = use_navigate();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Result<Key, ApiError>>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if title.get_untracked().trim().is_empty() {
            error.set(Some(Ok(Key::ErrTitleEmpty)));
            return;
        }
        if body.get_untracked().trim().is_empty() {
            error.set(Some(Ok(Key::ErrPostEmpty)));
            return;
        }
        let req = NewThread {
            title: title.get_untracked(),
            body: body.get_untracked(),
        };
        let area = area.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::new_thread(&area, &req).await {
                Ok(t) => navigate(&routes::thread(t.id), Default::default()),
                Err(e) => error.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="new-thread" aria-labelledby="new-thread-heading">
            <h2 id="new-thread-heading">{tr(Key::NewThreadTitle)}</h2>
            <form on:submit=on_submit novalidate=true>
                <div role="alert">{move || error.get().map(|e| view! {
                    <p class="form-error">{match e { Ok(k) => i18n.t(k).to_string(), Err(a) => a.user_message(i18n.lang()) }}</p>
                })}</div>
                <div class="field">
                    <label for="thread-title">{tr(Key::ThreadTitleLabel)}</label>
                    <input id="thread-title" type="text" maxlength="200" prop:value=title on:input=move |ev| title.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="thread-body">{tr(Key::PostBodyLabel)}</label>
                    <textarea id="thread-body" rows="6" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button">{tr(Key::StartThread)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn ThreadPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Signal::derive(move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let thread = LocalResource::new(move || {
        let id = id.get();
        async move { api::thread(id, None).await }
    });
    use_title(move || match thread.get() {
        Some(Ok(t)) => t.title,
        _ => i18n.t(Key::Discussion).to_string(),
    });
    view! {
        <Transition fallback=LoadingIndicator>
            {move || thread.get().map(|r| match r {
                Ok(t) => view! { <ThreadView thread=t on_change=move |()| thread.refetch()/> }.into_any(),
                Err(e) if e.is_not_found() => view! { <h1>{tr(Key::ErrNotFound)}</h1> }.into_any(),
                Err(error) => view! { <ErrorMessage error=error on_retry=move |()| thread.refetch()/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ThreadView(thread: Thread, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let (back, _) = area_link(&thread.area);
    let id = thread.id;
    let moderate = thread.can_moderate;
    let locked = thread.locked;
    let pinned = thread.pinned;
    let extra = RwSignal::new(Vec::<Post>::new());
    let cursor = RwSignal::new(thread.next_cursor.clone());
    let error = RwSignal::new(None::<ApiError>);
    let more = move |_| {
        let Some(c) = cursor.get_untracked() else {
            return;
        };
        spawn_local(async move {
            if let Ok(page) = api::thread(id, Some(&c)).await {
                extra.update(|e| e.extend(page.posts));
                cursor.set(page.next_cursor);
            }
        });
    };
    let flag = move |flags: ThreadFlags| {
        spawn_local(async move {
            match api::set_thread_flags(id, &flags).await {
                Ok(()) => on_change.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <p class="breadcrumb"><A href=back>{tr(Key::BackToDiscussion)}</A></p>
        <h1>{thread.title.clone()}</h1>
        <p class="card-meta">
            {pinned.then(|| view! { <span class="tag">{tr(Key::Pinned)}</span> " " })}
            {locked.then(|| view! { <span class="tag">{tr(Key::Locked)}</span> " " })}
        </p>
        <div role="alert">{move || error.get().map(|e| view! { <p class="form-error">{e.user_message(i18n.lang())}</p> })}</div>
        {moderate.then(|| view! {
            <p class="moderation-tools">
                <button type="button" class="button secondary small" on:click=move |_| flag(ThreadFlags { pinned: Some(!pinned), locked: None })>
                    {tr(if pinned { Key::Unpin } else { Key::Pin })}
                </button>
                " "
                <button type="button" class="button secondary small" on:click=move |_| flag(ThreadFlags { pinned: None, locked: Some(!locked) })>
                    {tr(if locked { Key::Unlock } else { Key::Lock })}
                </button>
            </p>
        })}
        <ol class="posts">
            {thread.posts.into_iter().map(|p| view! { <PostItem post=p moderate=moderate on_change=on_change/> }).collect_view()}
            {move || extra.get().into_iter().map(|p| view! { <PostItem post=p moderate=moderate on_change=on_change/> }).collect_view()}
        </ol>
        <Show when=move || cursor.get().is_some()>
            <button type="button" class="button secondary" on:click=more>{tr(Key::MorePosts)}</button>
        </Show>
        {if locked && !moderate {
            view! { <p class="notice">{tr(Key::LockedNotice)}</p> }.into_any()
        } else {
            view! { <ReplyForm thread=id on_change=on_change/> }.into_any()
        }}
    }
}

#[component]
fn PostItem(post: Post, moderate: bool, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = post.id;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(post.markdown.clone().unwrap_or_default());
    let reporting = RwSignal::new(false);
    let hiding = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<Key>);
    let error = RwSignal::new(None::<ApiError>);
    let date = post.created_at.date_naive();
    let run =
        move |fut: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), ApiError>>>>,
              done: Option<Key>| {
            spawn_local(async move {
                match fut.await {
                    Ok(()) => {
                        error.set(None);
                        notice.set(done);
                        on_change.run(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        };
    let stored_body = StoredValue::new(post.body.clone());
    let body = move || render_body(stored_body.get_value());
    let visible = matches!(post.body, PostBody::Visible { .. });
    let hidden = matches!(post.body, PostBody::Hidden { .. });
    let mine = post.mine;
    let field = format!("edit-{id}");
    let reason_field = format!("reason-{id}");
    view! {
        <li class="post" data-post=id>
            <p class="post-meta">
                <strong>{post.author.clone()}</strong> " · " {move || i18n::date(i18n.lang(), date)}
                {post.edited.then(|| view! { " · " <em>{tr(Key::Edited)}</em> })}
            </p>
            <Show when=move || !editing.get() fallback=move || {
                let field = field.clone();
                view! {
                    <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        let body = draft.get_untracked();
                        if body.trim().is_empty() { notice.set(Some(Key::ErrPostEmpty)); return; }
                        spawn_local(async move {
                            match api::edit_post(id, &NewPost { body }).await {
                                Ok(_) => { editing.set(false); on_change.run(()); }
                                Err(e) => error.set(Some(e)),
                            }
                        });
                    }>
                        <div class="field">
                            <label for=field.clone()>{tr(Key::Edit)}</label>
                            <textarea id=field rows="5" prop:value=draft on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                        </div>
                        <button type="submit" class="button small">{tr(Key::SaveChanges)}</button> " "
                        <button type="button" class="button secondary small" on:click=move |_| editing.set(false)>{tr(Key::Cancel)}</button>
                    </form>
                }
            }>
                {body}
            </Show>
            <div role="status">{move || notice.get().map(|k| view! { <p class="hint">{move || i18n.t(k)}</p> })}</div>
            <div role="alert">{move || error.get().map(|e| view! { <p class="form-error">{e.user_message(i18n.lang())}</p> })}</div>
            <p class="post-actions">
                {(mine && visible).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| editing.set(true)>{tr(Key::Edit)}</button> " "
                })}
                {(mine && !matches!(post.body, PostBody::Deleted)).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| run(Box::pin(api::delete_post(id)), None)>{tr(Key::Delete)}</button> " "
                })}
                {(!mine && visible).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| reporting.set(true)>{tr(Key::Report)}</button> " "
                })}
                {(moderate && visible).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| hiding.set(true)>{tr(Key::Hide)}</button> " "
                })}
                {(moderate && hidden).then(|| view! {
                    <button type="button" class="button secondary small" on:click=move |_| run(Box::pin(api::restore_post(id)), None)>{tr(Key::Restore)}</button>
                })}
            </p>
            <Show when=move || reporting.get() || hiding.get()>
                {
                    let reason_field = reason_field.clone();
                    view! {
                        <form class="reason-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            let r = reason.get_untracked();
                            if r.trim().is_empty() { notice.set(Some(Key::ErrReasonEmpty)); return; }
                            if hiding.get_untracked() {
                                hiding.set(false);
                                run(Box::pin(async move { api::hide_post(id, &r).await }), None);
                            } else {
                                reporting.set(false);
                                run(Box::pin(async move { api::report_post(id, &r).await }), Some(Key::Reported));
                            }
                        }>
                            <div class="field">
                                <label for=reason_field.clone()>{move || if hiding.get() { i18n.t(Key::HideReason) } else { i18n.t(Key::ReportReason) }}</label>
                                <input id=reason_field type="text" maxlength="500" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                            </div>
                            <button type="submit" class="button small">{move || if hiding.get() { i18n.t(Key::ConfirmHide) } else { i18n.t(Key::SendReport) }}</button> " "
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

#[component]
fn ReplyForm(thread: i64, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let body = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Result<Key, ApiError>>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = body.get_untracked();
        if text.trim().is_empty() {
            error.set(Some(Ok(Key::ErrPostEmpty)));
            return;
        }
        spawn_local(async move {
            match api::reply(thread, &NewPost { body: text }).await {
                Ok(_) => {
                    body.set(String::new());
                    error.set(None);
                    on_change.run(());
                }
                Err(e) => error.set(Some(Err(e))),
            }
        });
    };
    view! {
        <form class="reply" on:submit=on_submit novalidate=true>
            <div role="alert">{move || error.get().map(|e| view! {
                <p class="form-error">{match e { Ok(k) => i18n.t(k).to_string(), Err(a) => a.user_message(i18n.lang()) }}</p>
            })}</div>
            <div class="field">
                <label for="reply-body">{tr(Key::ReplyLabel)}</label>
                <textarea id="reply-body" rows="5" prop:value=body on:input=move |ev| body.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="button">{tr(Key::SendReply)}</button>
        </form>
    }
}

#[component]
pub fn ModerationPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::ModerationTitle).to_string());
    let reports = LocalResource::new(api::reports);
    view! {
        <h1>{tr(Key::ModerationTitle)}</h1>
        <Transition fallback=LoadingIndicator>
            {move || reports.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p>{tr(Key::NoReports)}</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="thread-list">
                        {list.into_iter().map(|r| {
                            let (_, area) = area_link(&r.area);
                            view! {
                                <li class="thread-item">
                                    <h2 class="thread-title"><A href=routes::thread(r.thread_id)>{r.thread_title.clone()}</A></h2>
                                    <p class="card-meta">{area} " · " {r.author.clone()}</p>
                                    <ul>{r.reasons.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error=error on_retry=move |()| reports.refetch()/> }.into_any(),
            })}
        </Transition>
    }
}
