//! Providers' news: the newest on the home page, all of it on `/nyheter` (what the reader's
//! organisation sees; not signed in, what is shared with everyone), and for the
//! organisation's authors and admins a form to post and a button to take down.

use kursbro_shared::news::{
    validate_news, NewNews, NewsImage, NewsItem, NEWS_BODY_MAX_CHARS, NEWS_TITLE_MAX_CHARS,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;
use crate::session::use_session;

/// One news item: title, who and when, the text; "only for …" when it is not for everyone.
#[component]
pub fn NewsArticle(
    item: NewsItem,
    /// Heading level: `h3` under the home page's section, `h2` on the news page.
    #[prop(default = false)]
    small: bool,
    #[prop(optional)] on_delete: Option<Callback<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = item.id;
    let day = item.published_at.date_naive();
    let provider = item.provider.name.clone();
    let provider_href = routes::provider(item.provider.id);
    let byline = {
        let author = item.author.clone();
        move || format!(" · {author} · {}", i18n::date(i18n.lang(), day))
    };
    let heading_id = format!("nyhet-{id}-tittel");
    let title = item.title.clone();
    let heading = if small {
        view! { <h3 id=heading_id.clone()>{title}</h3> }.into_any()
    } else {
        view! { <h2 id=heading_id.clone()>{title}</h2> }.into_any()
    };
    let themes = (!item.themes.is_empty()).then(|| {
        let list = item.themes.clone();
        view! {
            <ul class="news-themes" aria-label=move || i18n.t(Key::NewsThemes)>
                {list.into_iter().map(|t| view! { <li class="badge">{t}</li> }).collect_view()}
            </ul>
        }
    });
    let internal = (!item.shared_with_all).then(|| {
        let provider = provider.clone();
        view! { <p class="news-audience">{move || i18n::news_only_for(i18n.lang(), &provider)}</p> }
    });
    // Taking down asks once more, saying what happens.
    let delete = on_delete.filter(|_| item.may_delete).map(|cb| {
        let title = item.title.clone();
        let asking = RwSignal::new(false);
        let confirm_id = format!("nyhet-{id}-bekreft");
        let focus_id = confirm_id.clone();
        view! {
            <Show when=move || asking.get() fallback={
                let title = title.clone();
                let focus_id = focus_id.clone();
                move || {
                    let title = title.clone();
                    let focus_id = focus_id.clone();
                    view! {
                        <button type="button" class="button secondary"
                            aria-label=move || format!("{}: {title}", i18n.t(Key::NewsDelete))
                            on:click=move |_| {
                                asking.set(true);
                                let focus_id = focus_id.clone();
                                request_animation_frame(move || focus(&focus_id));
                            }>{tr(Key::NewsDelete)}</button>
                    }
                }
            }>
                <p>{tr(Key::NewsDeleteWarning)}</p>
                <p class="form-actions">
                    <button id=confirm_id.clone() type="button" class="button danger" on:click=move |_| cb.run(id)>{tr(Key::NewsDeleteConfirm)}</button>
                    " "
                    <button type="button" class="button secondary" on:click=move |_| asking.set(false)>{tr(Key::Cancel)}</button>
                </p>
            </Show>
        }
    });
    view! {
        <article class="news-item" id=format!("nyhet-{id}") tabindex="-1" aria-labelledby=heading_id>
            {heading}
            <p class="news-byline"><A href=provider_href>{provider.clone()}</A>{byline}</p>
            {themes}
            {internal}
            {item.image.clone().map(|i| view! { <img class="news-image" src=i.url alt=i.alt/> })}
            <div class="news-body" inner_html=item.body_html.clone()></div>
            {delete}
        </article>
    }
}

/// The newest news on the home page, with a link to the rest.
#[component]
pub fn LatestNews() -> impl IntoView {
    let session = use_session();
    let latest = LocalResource::new(move || {
        // Signed in or out: another organisation's view. While a sign-out has not reached
        // the server, its session would still answer: nothing is asked then.
        let _ = session.me.get().map(|m| m.id);
        let leaving = session.sign_out_pending.get();
        async move {
            if leaving {
                Ok(kursbro_shared::news::NewsPage {
                    items: Vec::new(),
                    next_offset: None,
                })
            } else {
                api::news(0, 3).await
            }
        }
    });
    view! {
        <section class="news" aria-labelledby="news-heading">
            <h2 id="news-heading">{tr(Key::NewsLatest)}</h2>
            <Suspense fallback=|| ()>
                {move || latest.get().map(|r| match r {
                    Ok(page) if page.items.is_empty() => view! { <p>{tr(Key::NewsNone)}</p> }.into_any(),
                    Ok(page) => page.items.into_iter().map(|item| view! { <NewsArticle item small=true/> }).collect_view().into_any(),
                    // Offline with nothing kept: the rest of the page still works.
                    Err(_) => ().into_any(),
                })}
            </Suspense>
            <p><A href=routes::NEWS>{tr(Key::NewsAll)}</A></p>
        </section>
    }
}

/// `/nyheter`: every news item the reader sees, newest first, a page at a time.
#[component]
pub fn NewsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(Key::NewsTitle).to_string());
    let items = RwSignal::new(Vec::<NewsItem>::new());
    let next = RwSignal::new(None::<u32>);
    let loaded = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let load = move |offset: u32| {
        loading.set(true);
        spawn_local(async move {
            match api::news(offset, kursbro_shared::news::NEWS_PAGE_DEFAULT).await {
                Ok(page) => {
                    let first_new = page.items.first().map(|n| n.id);
                    items.try_update(|list| {
                        if offset == 0 {
                            list.clear();
                        }
                        // Something posted meanwhile moves the pages: nothing twice.
                        for n in page.items {
                            if !list.iter().any(|m| m.id == n.id) {
                                list.push(n);
                            }
                        }
                    });
                    next.try_set(page.next_offset);
                    failed.try_set(None);
                    loaded.try_set(true);
                    // "More": the reader goes on at the first new item.
                    if let Some(id) = first_new.filter(|_| offset > 0) {
                        request_animation_frame(move || focus(&format!("nyhet-{id}")));
                    }
                }
                Err(e) => {
                    failed.try_set(Some(e));
                }
            }
            loading.try_set(false);
        });
    };
    // Again when the person signs in or out; not while a sign-out has not reached the
    // server (its session would still answer with their organisation's news).
    Effect::new(move |_| {
        let _ = session.me.get().map(|m| m.id);
        if session.sign_out_pending.get() {
            items.set(Vec::new());
            next.set(None);
            return;
        }
        load(0);
    });
    let delete = Callback::new(move |id: i64| {
        spawn_local(async move {
            match api::delete_news(id).await {
                Ok(()) => {
                    items.try_update(|l| l.retain(|n| n.id != id));
                    // One fewer before the next page.
                    next.try_update(|n| *n = n.map(|o| o.saturating_sub(1)));
                    focus("news-page-title");
                }
                Err(e) => {
                    failed.try_set(Some(e));
                }
            }
        });
    });
    let writes = move || session.me.get().is_some_and(|m| m.grants.writes_content());
    view! {
        <h1 id="news-page-title" tabindex="-1">{tr(Key::NewsTitle)}</h1>
        <p><a href="/api/v1/news.atom" rel="external" type="application/atom+xml">{tr(Key::NewsFeed)}</a></p>
        <Show when=writes>
            <NewsForm on_posted=Callback::new(move |_| load(0))/>
        </Show>
        <div role="alert">
            {move || failed.get().map(|e| view! { <p class="error-box">{e.user_message(i18n.lang())}</p> })}
        </div>
        <Show when=move || loaded.get() && items.with(Vec::is_empty) && failed.get().is_none()>
            <p>{tr(Key::NewsNone)}</p>
        </Show>
        <For each=move || items.get() key=|n| n.id let:item>
            <NewsArticle item on_delete=delete/>
        </For>
        {move || next.get().map(|offset| view! {
            <p><button type="button" class="button secondary" disabled=move || loading.get()
                on:click=move |_| load(offset)>{tr(Key::NewsMore)}</button></p>
        })}
    }
}

/// Posting a news item for the author's organisation: for everyone, or for it only.
#[component]
fn NewsForm(on_posted: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let own_only = RwSignal::new(false);
    let themes = RwSignal::new(String::new());
    let image_alt = RwSignal::new(String::new());
    let image_file = NodeRef::<leptos::html::Input>::new();
    // An image uploaded for a post that then failed is used again when it is retried.
    let uploaded_image = StoredValue::new(None::<i64>);
    let post = Submit::new(move |(req, file): &(NewNews, Option<(SendFile, String)>)| {
        let mut req = req.clone();
        let file = file.clone();
        async move {
            // The image goes first; the news item then shows it.
            if let Some((SendFile(file), alt)) = file {
                let id = match uploaded_image.try_get_value().flatten() {
                    Some(id) => id,
                    None => {
                        let id = api::upload_news_image(&file)
                            .await
                            .map_err(FormError::Api)?
                            .id;
                        uploaded_image.try_set_value(Some(id));
                        id
                    }
                };
                req.image = Some(NewsImage { id, alt });
            }
            match api::post_news(&req).await {
                Ok(_) => {
                    title.set(String::new());
                    body.set(String::new());
                    themes.set(String::new());
                    uploaded_image.set_value(None);
                    image_alt.set(String::new());
                    if let Some(input) = image_file.get_untracked() {
                        input.set_value("");
                    }
                    on_posted.run(());
                    Ok(())
                }
                Err(e) => Err(FormError::Api(e)),
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let req = NewNews {
            title: title.get_untracked(),
            body: body.get_untracked(),
            shared_with: own_only.get_untracked().then(Vec::new),
            themes: themes
                .get_untracked()
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect(),
            image: None,
        };
        let file = image_file
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        if file.is_some() && image_alt.get_untracked().trim().is_empty() {
            post.fail(FormError::Field {
                field: "image",
                key: Key::ErrImageAlt,
            });
            focus("news-image-alt");
            return;
        }
        match validate_news(&req) {
            Err(e) if e.field == "title" => {
                post.fail(FormError::Field {
                    field: "title",
                    key: Key::ErrNewsTitle,
                });
                focus("news-title");
            }
            Err(e) if e.field == "themes" => {
                post.fail(FormError::Field {
                    field: "themes",
                    key: Key::ErrNewsThemes,
                });
                focus("news-themes");
            }
            Err(_) => {
                post.fail(FormError::Field {
                    field: "body",
                    key: Key::ErrNewsBody,
                });
                focus("news-body");
            }
            Ok(()) => {
                let alt = image_alt.get_untracked().trim().to_string();
                let file = file.map(|f| (SendFile(send_wrapper::SendWrapper::new(f)), alt));
                post.dispatch((req, file))
            }
        }
    };
    let organisation = move || {
        session
            .me
            .get()
            .map(|m| m.organisation.name)
            .unwrap_or_default()
    };
    view! {
        <section class="news-form" aria-labelledby="news-form-heading">
            <h2 id="news-form-heading">{tr(Key::NewsWrite)}</h2>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=post id="news-error"/>
                <p role="status">{move || post.succeeded().then(|| view! { <span class="notice">{tr(Key::NewsPosted)}</span> })}</p>
                <TextField id="news-title" label=Key::FieldNewsTitle value=title submit=post field="title"
                    describedby="news-error" maxlength=NEWS_TITLE_MAX_CHARS required=true/>
                <TextField id="news-body" label=Key::FieldNewsBody value=body submit=post field="body"
                    describedby="news-error" rows=6 maxlength=NEWS_BODY_MAX_CHARS required=true/>
                <div class="field">
                    <label for="news-themes">{tr(Key::FieldNewsThemes)}</label>
                    <input id="news-themes" type="text" maxlength=400 prop:value=themes
                        aria-describedby="news-themes-hint news-error" aria-invalid=post.invalid("themes")
                        on:input=move |ev| themes.set(event_target_value(&ev))/>
                    <p class="hint" id="news-themes-hint">{tr(Key::NewsThemesHint)}</p>
                </div>
                <fieldset class="image-upload">
                    <legend>{tr(Key::NewsImage)}</legend>
                    <div class="field">
                        <label for="news-image-file">{tr(Key::FieldImageFile)}</label>
                        <input id="news-image-file" type="file" accept="image/png,image/jpeg,image/webp"
                            node_ref=image_file aria-describedby="news-image-hint news-error"
                            on:change=move |_| uploaded_image.set_value(None)/>
                        <p class="hint" id="news-image-hint">{tr(Key::NewsImageHint)}</p>
                    </div>
                    <div class="field">
                        <label for="news-image-alt">{tr(Key::FieldImageAlt)}</label>
                        <input id="news-image-alt" type="text" maxlength=200 prop:value=image_alt
                            aria-describedby="news-error" aria-invalid=post.invalid("image")
                            on:input=move |ev| image_alt.set(event_target_value(&ev))/>
                    </div>
                </fieldset>
                <div class="field checkbox">
                    <input id="news-own-only" type="checkbox" prop:checked=own_only
                        on:change=move |ev| own_only.set(event_target_checked(&ev))/>
                    <label for="news-own-only">{move || i18n::news_only_for(i18n.lang(), &organisation())}</label>
                </div>
                <button type="submit" class="button" disabled=move || post.busy()>{tr(Key::NewsPublish)}</button>
            </form>
        </section>
    }
}

/// A file to upload, carried through the submission.
#[derive(Clone)]
struct SendFile(send_wrapper::SendWrapper<web_sys::File>);
