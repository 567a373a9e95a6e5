//! The cohort's members: list, remove, find people of the organisation and add them.

use kursbro_shared::api::UserSummary;
use kursbro_shared::cohort_grid::{MemberRole, NewMember, CANDIDATE_QUERY_MAX_CHARS};
use leptos::prelude::*;

use crate::api;
use crate::components::submit::{FormError, Submit, SubmitError};
use crate::i18n::{tr, use_i18n, Key};

#[component]
pub fn MemberManager(cohort: i64, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let members = LocalResource::new(move || async move { api::cohort_members(cohort).await });
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
            <ul class="member-list">
                {move || members.get().and_then(Result::ok).map(|list| list.into_iter().map(|m| {
                    let role = match m.role { MemberRole::Learner => Key::RoleLearner, MemberRole::Facilitator => Key::RoleFacilitator };
                    let uid = m.user_id;
                    let label = format!("{} {}", i18n.t(Key::Remove), m.name);
                    view! {
                        <li>
                            <span>{m.name.clone()}</span> " " <span class="tag">{tr(role)}</span> " "
                            <button type="button" class="button secondary small" aria-label=label disabled=move || remove.busy() on:click=move |_| remove.dispatch(uid)>{tr(Key::Remove)}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
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
