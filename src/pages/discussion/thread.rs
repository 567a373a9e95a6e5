//! One thread: its posts (pages of 50), moderation of the thread, and the reply form.

use kursbro_shared::discussion::{validate_body, NewPost, Thread, ThreadFlags, BODY_MAX_CHARS};
use leptos::prelude::*;
use leptos_router::components::A;

use super::post::PostItem;
use super::{area_link, field_problem};
use crate::api;
use crate::components::field::TextField;
use crate::components::load_more::LoadMore;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{tr, use_i18n, Key};
use crate::resources::id_param;

#[component]
pub fn ThreadPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param();
    let thread = LocalResource::new(move || {
        let id = id.get();
        async move { api::thread(id, None).await }
    });
    use_title(move || match thread.get() {
        Some(Ok(t)) => t.title,
        _ => i18n.t(Key::Discussion).to_string(),
    });
    view! {
        <Loaded resource=thread let:t>
            <ThreadView thread=t on_change=move |()| thread.refetch()/>
        </Loaded>
    }
}

#[component]
fn ThreadView(thread: Thread, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let (back, _) = area_link(&thread.area);
    let id = thread.id;
    let moderate = thread.can_moderate;
    let locked = thread.locked;
    let pinned = thread.pinned;
    let posts = RwSignal::new(thread.posts);
    let cursor = RwSignal::new(thread.next_cursor);
    let more = Submit::new(move |c: &String| {
        let c = c.clone();
        async move {
            let page = api::thread(id, Some(&c)).await?;
            posts.update(|p| p.extend(page.posts));
            cursor.set(page.next_cursor);
            Ok::<(), FormError>(())
        }
    });
    let flag = Submit::new(move |flags: &ThreadFlags| {
        let flags = flags.clone();
        async move {
            api::set_thread_flags(id, &flags).await?;
            on_change.run(());
            Ok::<(), FormError>(())
        }
    });
    view! {
        <p class="breadcrumb"><A href=back>{tr(Key::BackToDiscussion)}</A></p>
        <h1>{thread.title.clone()}</h1>
        <p class="card-meta">
            {pinned.then(|| view! { <span class="tag">{tr(Key::Pinned)}</span> " " })}
            {locked.then(|| view! { <span class="tag">{tr(Key::Locked)}</span> " " })}
        </p>
        <SubmitError submit=flag/>
        {moderate.then(|| view! {
            <p class="moderation-tools">
                <button type="button" class="button secondary small" disabled=move || flag.busy()
                    on:click=move |_| flag.dispatch(ThreadFlags { pinned: Some(!pinned), locked: None })>
                    {tr(if pinned { Key::Unpin } else { Key::Pin })}
                </button>
                " "
                <button type="button" class="button secondary small" disabled=move || flag.busy()
                    on:click=move |_| flag.dispatch(ThreadFlags { pinned: None, locked: Some(!locked) })>
                    {tr(if locked { Key::Unlock } else { Key::Lock })}
                </button>
            </p>
        })}
        <ol class="posts">
            <For each=move || posts.get() key=|p| p.id let:p>
                <PostItem post=p moderate=moderate on_change=on_change/>
            </For>
        </ol>
        <LoadMore cursor=cursor next=more label=Key::MorePosts/>
        {if locked && !moderate {
            view! { <p class="notice">{tr(Key::LockedNotice)}</p> }.into_any()
        } else {
            view! { <ReplyForm thread=id on_change=on_change/> }.into_any()
        }}
    }
}

#[component]
fn ReplyForm(thread: i64, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let body = RwSignal::new(String::new());
    let reply = Submit::new(move |req: &NewPost| {
        let req = req.clone();
        async move {
            api::reply(thread, &req).await?;
            body.set(String::new());
            on_change.run(());
            Ok::<(), FormError>(())
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = body.get_untracked();
        match validate_body(&text) {
            Err(e) => {
                focus("reply-body");
                reply.fail(field_problem(e));
            }
            Ok(()) => reply.dispatch(NewPost { body: text }),
        }
    };
    view! {
        <form class="reply" on:submit=on_submit novalidate=true>
            <SubmitError submit=reply id="reply-error"/>
            <TextField id="reply-body" label=Key::ReplyLabel value=body submit=reply field="body"
                describedby="reply-error" rows=5 maxlength=BODY_MAX_CHARS/>
            <button type="submit" class="button" disabled=move || reply.busy()>{tr(Key::SendReply)}</button>
        </form>
    }
}
