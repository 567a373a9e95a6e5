use kursbro_shared::api::ProgrammeDetail;
use kursbro_shared::learning::{EnrolRequest, MyProgress};
use kursbro_shared::progress::{ModuleProgress, ProgrammeModuleState, ProgrammeProgress};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, GatheringsOf};
use crate::components::enrol::EnrolControl;
use crate::components::gathering::UpcomingGatherings;
use crate::components::loaded::Loaded;
use crate::components::progress::StatusBadge;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::{slug_param, use_my_progress};
use crate::routes;

#[component]
pub fn ProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = slug_param();
    let detail = LocalResource::new(move || {
        let slug = slug.get();
        async move { api::programme(&slug).await }
    });
    let mine = use_my_progress();
    use_title(move || match detail.get() {
        Some(Ok(p)) => p.programme.title,
        _ => i18n.t(Key::Programmes).to_string(),
    });
    view! {
        <p class="breadcrumb"><A href=routes::CATALOGUE>{tr(Key::BackToCatalogue)}</A></p>
        <Loaded resource=detail not_found=|| view! { <h1>{tr(Key::ProgrammeNotFound)}</h1> } let:detail>
            <ProgrammeView detail=detail mine=mine/>
        </Loaded>
    }
}

#[component]
fn ProgrammeView(
    detail: ProgrammeDetail,
    mine: LocalResource<Option<MyProgress>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let p = detail.programme;
    let slug = p.slug.clone();
    let credits = p.credits;
    let has_optional = p.modules.iter().any(|m| !m.required);
    let modules = StoredValue::new(p.modules.clone());
    // This learner's status of each module of the programme (not started when unknown).
    let statuses = move || {
        let mine = mine.get().flatten();
        modules.with_value(|list| {
            list.iter()
                .map(|m| {
                    let progress = mine
                        .as_ref()
                        .and_then(|mp| mp.modules.iter().find(|x| x.slug == m.slug))
                        .map(|x| x.progress)
                        .unwrap_or(ModuleProgress::new(0, 0));
                    (m.clone(), progress)
                })
                .collect::<Vec<_>>()
        })
    };
    let enrolled = {
        let slug = slug.clone();
        Signal::derive(move || {
            mine.get()
                .flatten()
                .and_then(|mp| mp.programmes.into_iter().find(|x| x.slug == slug))
                .is_some_and(|x| x.enrolled)
        })
    };
    let summary = move || {
        let list = statuses();
        let states: Vec<ProgrammeModuleState> = list
            .iter()
            .map(|(m, progress)| ProgrammeModuleState {
                required: m.required,
                status: progress.status(),
            })
            .collect();
        let pp = ProgrammeProgress::from_modules(&states);
        view! {
            <p class="programme-summary">
                <strong>{move || i18n::required_done(i18n.lang(), pp.required_completed, pp.required_total)}</strong>
            </p>
            {pp.is_completed().then(|| view! { <p class="status-done" role="status"><span aria-hidden="true">"✓ "</span>{tr(Key::ProgrammeCompleted)}</p> })}
        }
    };
    view! {
        <article class="programme-page">
            <h1>{p.title.clone()}</h1>
            <p class="card-meta">{move || i18n::credits(i18n.lang(), credits)} " · " {p.provider.name.clone()}</p>
            <p class="lead">{p.summary.clone()}</p>
            <p>{detail.description}</p>
            <section aria-labelledby="programme-progress-heading">
                <h2 id="programme-progress-heading">{tr(Key::YourProgress)}</h2>
                {summary}
                <p class="hint">{tr(Key::AnyOrder)} " " {has_optional.then(|| tr(Key::OptionalDoNotCount))}</p>
                <EnrolControl
                    target=EnrolRequest::Programme(slug.clone())
                    enrolled=enrolled
                    enrolled_directly=enrolled
                    on_change=move |()| mine.refetch()
                />
            </section>
            <h2>{tr(Key::ProgrammeModules)}</h2>
            <ul class="programme-modules detailed">
                {move || {
                    statuses()
                        .into_iter()
                        .map(|(m, progress)| {
                            let key = if m.required { Key::Required } else { Key::Optional };
                            let status = progress.status();
                            view! {
                                <li data-module=m.slug.clone()>
                                    <A href=routes::module(&m.slug)>{m.title.clone()}</A>
                                    " "
                                    <span class="tag">{tr(key)}</span>
                                    " "
                                    <StatusBadge status=status percent=progress.percent()/>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <UpcomingGatherings of=GatheringsOf::Programme(slug.clone()) new_href=routes::new_programme_gathering(&slug)/>
        </article>
    }
}
