//! The cohort's members: a page at a time (a cohort may have a thousand), searched by name
//! or address, removed; and people of the organisation found and added.

use kursbro_shared::api::UserSummary;
use kursbro_shared::cohort_grid::{MemberRole, NewMember, CANDIDATE_QUERY_MAX_CHARS};
use leptos::prelude::*;

use crate::api::{self, MEMBERS_PAGE};
use crate::components::pager::{page_text, page_turner, PageButtons};
use crate::components::submit::{FormError, Submit, SubmitError};
use crate::i18n::{self, tr, use_i18n, Key};

#[component]
pub fn MemberManager(cohort: i64, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let offset = RwSignal::new(0u32);
    let members = LocalResource::new(move || {
        let (q, at) = (query.get(), offset.get());
        async move {
            let page = api::cohort_members(cohort, &q, at).await?;
            // The last one of the last page was removed: show the page before.
            if page.members.is_empty() && page.matching > 0 {
                let last = (page.matching - 1) / MEMBERS_PAGE * MEMBERS_PAGE;
                return api::cohort_members(cohort, &q, last).await;
            }
            Ok(page)
        }
    });
    let q = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<UserSummary>>);
    let changed = move || {
        members.refetch();
        on_change.run(());
    };
    let search = Submit::new(move |text: &String| {
        let text = text.clone();
        async move {
            found.set(Some(api::cohort_candidates(cohort, &text).await?));
            Ok::<(), FormError>(())
        }
    });
    let add = Submit::new(move |req: &NewMember| {
        let req = req.clone();
        async move {
            api::add_member(cohort, &req).await?;
            found.update(|f| {
                if let Some(list) = f {
                    list.retain(|u| u.id != req.user_id)
                }
            });
            changed();
            Ok::<(), FormError>(())
        }
    });
    let remove = Submit::new(move |user_id: &i64| {
        let user_id = *user_id;
        async move {
            api::remove_member(cohort, user_id).await?;
            changed();
            Ok::<(), FormError>(())
        }
    });
    let on_filter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        offset.set(0);
        query.set(typed.get_untracked());
    };
    let turn = page_turner(members, offset, "members-status");
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        search.dispatch(q.get_untracked());
    };
    view! {
        <section class="members" aria-labelledby="members-heading">
            <h2 id="members-heading">{tr(Key::Members)}</h2>
            <SubmitError submit=add/>
            <SubmitError submit=remove/>
            <SubmitError submit=search/>
            <form class="member-filter" role="search" on:submit=on_filter>
                <div class="field">
                    <label for="member-filter">{tr(Key::SearchMembers)}</label>
                    <div class="search-row">
                        <input id="member-filter" type="search" maxlength=CANDIDATE_QUERY_MAX_CHARS prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev))/>
                        <button type="submit" class="button secondary">{tr(Key::SearchButton)}</button>
                    </div>
                </div>
            </form>
            {move || members.get().and_then(Result::ok).map(|page| {
                if page.members.is_empty() {
                    return view! { <p id="members-status" role="status" tabindex="-1">{tr(Key::NoMembersFound)}</p> }.into_any();
                }
                let (at, total) = (page.offset, page.matching);
                view! {
                    <p id="members-status" role="status" tabindex="-1">{move || page_text(i18n.lang(), at, MEMBERS_PAGE, total)} " · " {move || i18n::people_count(i18n.lang(), total)}</p>
                    <ul class="member-list">
                        {page.members.into_iter().map(|m| {
                            let role = match m.role { MemberRole::Learner => Key::RoleLearner, MemberRole::Facilitator => Key::RoleFacilitator };
                            let uid = m.user_id;
                            let label = format!("{} {}", i18n.t(Key::Remove), m.name);
                            view! {
                                <li>
                                    <span>{m.name.clone()}</span> " " <span class="tag">{tr(role)}</span> " "
                                    <button type="button" class="button secondary small" aria-label=label disabled=move || remove.busy() on:click=move |_| remove.dispatch(uid)>{tr(Key::Remove)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <PageButtons label=Key::Members offset=at size=MEMBERS_PAGE total=total turn=turn/>
                }.into_any()
            })}
            <form class="member-search" role="search" on:submit=on_search>
                <div class="field">
                    <label for="member-q">{tr(Key::FindPeople)}</label>
                    <div class="search-row">
                        <input id="member-q" type="search" maxlength=CANDIDATE_QUERY_MAX_CHARS prop:value=q on:input=move |ev| q.set(event_target_value(&ev))/>
                        <button type="submit" class="button">{tr(Key::SearchButton)}</button>
                    </div>
                </div>
            </form>
            {move || found.get().map(|list| {
                if list.is_empty() {
                    return view! { <p>{tr(Key::NoCandidates)}</p> }.into_any();
                }
                view! {
                    <ul class="member-list">
                        {list.into_iter().map(|u| {
                            let uid = u.id;
                            let facilitator = u.may_facilitate;
                            let learner_label = format!("{} – {}", i18n.t(Key::AddAsLearner), u.name);
                            let facilitator_label = format!("{} – {}", i18n.t(Key::AddAsFacilitator), u.name);
                            view! {
                                <li>
                                    <span>{u.name.clone()}</span> " " <span class="hint">{u.email.clone()}</span> " "
                                    <button type="button" class="button small" aria-label=learner_label disabled=move || add.busy() on:click=move |_| add.dispatch(NewMember { user_id: uid, role: MemberRole::Learner })>{tr(Key::AddAsLearner)}</button>
                                    {facilitator.then(|| view! {
                                        " "
                                        <button type="button" class="button secondary small" aria-label=facilitator_label disabled=move || add.busy() on:click=move |_| add.dispatch(NewMember { user_id: uid, role: MemberRole::Facilitator })>{tr(Key::AddAsFacilitator)}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
