use kursbro_shared::api::{ActivityKind, ModuleSummary};
use leptos::prelude::*;

use crate::i18n::{self, tr, use_i18n, Key};
use crate::routes;

pub fn activity_kind_key(kind: ActivityKind) -> Key {
    match kind {
        ActivityKind::Lesson => Key::ActivityLesson,
        ActivityKind::Quiz => Key::ActivityQuiz,
        ActivityKind::Reflection => Key::ActivityReflection,
        ActivityKind::External => Key::ActivityExternal,
        ActivityKind::Gathering => Key::ActivityGathering,
    }
}

/// The facts about a module: workload, credits or validity, provider.
#[component]
pub fn ModuleFacts(module: ModuleSummary) -> impl IntoView {
    let i18n = use_i18n();
    let hours = module.estimated_hours;
    let credits = module.credits.map(|c| {
        view! {
            <div><dt>{tr(Key::Credits)}</dt><dd>{move || i18n::credits(i18n.lang(), c)}</dd></div>
        }
    });
    let validity = module.validity_months.map(|m| {
        view! {
            <div><dt>{tr(Key::Validity)}</dt><dd>{move || i18n::months(i18n.lang(), m)}</dd></div>
        }
    });
    view! {
        <dl class="facts">
            <div><dt>{tr(Key::Workload)}</dt><dd>{move || i18n::hours(i18n.lang(), hours)}</dd></div>
            {credits}
            {validity}
            <div><dt>{tr(Key::Provider)}</dt><dd><a href=routes::provider(module.provider.id)>{module.provider.name}</a></dd></div>
        </dl>
    }
}

/// A module in a list: title (a link to its page), summary, facts.
#[component]
pub fn ModuleCard(module: ModuleSummary) -> impl IntoView {
    let i18n = use_i18n();
    let href = routes::module(&module.slug);
    let count = module.activity_count;
    view! {
        <article class="card">
            <h3 class="card-title"><a href=href>{module.title.clone()}</a></h3>
            <p class="card-meta">
                <span class="tag">{module.theme.clone()}</span>
                " "
                <span>{move || i18n::activity_count(i18n.lang(), count)}</span>
            </p>
            <p>{module.summary.clone()}</p>
            <ModuleFacts module=module/>
        </article>
    }
}
