//! Competence plans: the plans that cover a leader's units (an admin: the whole
//! organisation's), whom each applies to, and an editor to make, change or delete a plan.
//! The editor checks a draft with the shared `validate_plan` before sending (the server
//! runs the same check), and names the requirement and field that needs fixing.

use kursbro_shared::api::{
    CatalogueQuery, ModuleKind, ModuleRef, ModuleSummary, ProgrammeRef, ProgrammeSummary,
};
use kursbro_shared::compliance::{DueRule, Target, TargetSlug};
use kursbro_shared::plans::{
    validate_plan, Plan, PlanDraft, PlanError, PlanRequirement, Plans, RequirementDraft,
};
use kursbro_shared::training::{Recertification, RecertifyFrom};
use kursbro_shared::validation::{FieldError, Problem};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::{self, ApiError};
use crate::components::loaded::Loaded;
use crate::components::submit::focus;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::id_param;
use crate::routes;
use crate::session::use_session;

/// The plans, once signed in (`None` while signed out).
fn plans_resource() -> LocalResource<Result<Option<Plans>, ApiError>> {
    let session = use_session();
    LocalResource::new(move || {
        let signed_in = session.me.get().is_some();
        async move {
            if signed_in {
                api::plans().await.map(Some)
            } else {
                Ok(None)
            }
        }
    })
}

#[component]
fn SignInFirst() -> impl IntoView {
    let session = use_session();
    view! {
        <Show when=move || session.checked.get() && session.me.get().is_none()>
            <p><A href=routes::SIGN_IN>{tr(Key::SignInToTrack)}</A></p>
        </Show>
    }
}

#[component]
pub fn PlansPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::PlansTitle).to_string());
    let plans = plans_resource();
    view! {
        <h1>{tr(Key::PlansTitle)}</h1>
        <SignInFirst/>
        <Loaded resource=plans not_found=|| view! { <p>{tr(Key::PlansNotFound)}</p> } let:p>
            {p.map(|p| view! { <PlanList plans=p/> })}
        </Loaded>
    }
}

#[component]
fn PlanList(plans: Plans) -> impl IntoView {
    let may_create = plans.may_create_central || !plans.units.is_empty();
    view! {
        <p>{tr(Key::PlansIntro)}</p>
        <p class="downloads">
            <A href=routes::DASHBOARD>{tr(Key::BackToDashboard)}</A>
            {may_create.then(|| view! {
                " " <A href=routes::NEW_PLAN attr:class="button">{tr(Key::PlanNew)}</A>
            })}
        </p>
        {if plans.plans.is_empty() {
            view! { <p>{tr(Key::PlansNone)}</p> }.into_any()
        } else {
            plans.plans.into_iter().map(|p| view! { <PlanCard plan=p/> }).collect_view().into_any()
        }}
    }
}

/// Whom a plan covers, in words: "Sentral plan …" or the unit (and below), and professions.
fn scope_text(i18n: crate::i18n::I18n, plan: &Plan) -> String {
    let lang = i18n.lang();
    let unit = match &plan.unit {
        None => i18n.t(Key::PlanCentral).to_string(),
        Some(u) if plan.include_sub_units => {
            format!("{} ({})", u.name, i18n.t(Key::FieldSubUnits).to_lowercase())
        }
        Some(u) => u.name.clone(),
    };
    let professions = if plan.professions.is_empty() {
        i18n.t(Key::PlanEveryProfession).to_string()
    } else {
        plan.professions
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "{unit} · {professions} · {}",
        i18n::applies_to(lang, plan.applies_to)
    )
}

#[component]
fn PlanCard(plan: Plan) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("plan-{}", plan.id);
    let labelled_by = heading.clone();
    let caption = format!("plan-{}-caption", plan.id);
    let table_labelled_by = caption.clone();
    let scope = {
        let plan = plan.clone();
        move || scope_text(i18n, &plan)
    };
    let rows = plan
        .requirements
        .iter()
        .map(|r| {
            let r = r.clone();
            let title = r.target.title().to_string();
            let programme = matches!(r.target, Target::Programme(_))
                .then(|| view! { <span class="col-sub">{tr(Key::Programme)}</span> });
            view! {
                <tr>
                    <th scope="row"><A href=routes::target(&r.target)>{title}</A>{programme}</th>
                    <td>{move || i18n::due_rule(i18n.lang(), r.due)}</td>
                    <td>{move || i18n::renewal(i18n.lang(), r.recertification.as_ref())}</td>
                </tr>
            }
        })
        .collect_view();
    let edit = plan.may_edit.then(|| {
        let name = plan.name.clone();
        // The visible words first in the name (WCAG 2.5.3), then which plan.
        let label = move || format!("{}: {name}", i18n.t(Key::PlanEdit));
        view! {
            <p><A href=routes::plan(plan.id) attr:aria-label=label>{tr(Key::PlanEdit)}</A></p>
        }
    });
    view! {
        <section class="plan-card" aria-labelledby=labelled_by>
            <h2 id=heading>{plan.name.clone()}</h2>
            <p class="card-meta">{scope}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby=table_labelled_by>
                <table class="progress-table">
                    <caption id=caption class="visually-hidden">{tr(Key::PlanRequirementsTable)} ": " {plan.name.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr(Key::ColCourse)}</th>
                            <th scope="col">{tr(Key::ColDue)}</th>
                            <th scope="col">{tr(Key::ColRenewal)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {edit}
        </section>
    }
}

#[component]
pub fn NewPlanPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::PlanNew).to_string());
    let plans = plans_resource();
    view! {
        <p><A href=routes::PLANS>{tr(Key::BackToPlans)}</A></p>
        <h1>{tr(Key::PlanNew)}</h1>
        <SignInFirst/>
        <Loaded resource=plans not_found=|| view! { <p>{tr(Key::PlansNotFound)}</p> } let:p>
            {p.map(|p| view! { <PlanEditor plans=p plan=None/> })}
        </Loaded>
    }
}

#[component]
pub fn EditPlanPage() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(Key::PlanEdit).to_string());
    let id = id_param();
    let plans = plans_resource();
    view! {
        <p><A href=routes::PLANS>{tr(Key::BackToPlans)}</A></p>
        <SignInFirst/>
        <Loaded resource=plans not_found=|| view! { <h1>{tr(Key::PlanNotFound)}</h1> } let:p>
            {p.map(|p| move || {
                // Follows the address: another plan's edit page gets its own editor.
                let p = p.clone();
                let plan = p.plans.iter().find(|x| x.id == id.get() && x.may_edit).cloned();
                match plan {
                    Some(plan) => view! {
                        <h1>{tr(Key::PlanEdit)} ": " {plan.name.clone()}</h1>
                        <PlanEditor plans=p plan=Some(plan)/>
                    }.into_any(),
                    None => view! { <h1>{tr(Key::PlanNotFound)}</h1> }.into_any(),
                }
            })}
        </Loaded>
    }
}

/// How the due date of a requirement is set in the editor.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DueKind {
    AfterJoining,
    By,
}

/// One requirement in the editor: a signal per field, so typing in one field redraws only
/// that field. Numbers are kept as typed and read when the plan is saved.
#[derive(Clone)]
struct Row {
    key: u32,
    target: Target,
    due_kind: RwSignal<DueKind>,
    due_days: RwSignal<String>,
    due_date: RwSignal<String>,
    recurs: RwSignal<bool>,
    period: RwSignal<String>,
    from: RwSignal<&'static str>,
    fixed_month: RwSignal<u32>,
    fixed_day: RwSignal<String>,
    min_validity: RwSignal<String>,
    window: RwSignal<String>,
}

impl Row {
    fn new(key: u32, r: &PlanRequirement) -> Row {
        let (kind, days, date) = match r.due {
            DueRule::AfterJoining { days } => {
                (DueKind::AfterJoining, days.to_string(), String::new())
            }
            DueRule::By { date } => (DueKind::By, "90".into(), date.to_string()),
        };
        let rule = r.recertification;
        let (from, month, day, min) = match rule.map(|x| x.from) {
            Some(RecertifyFrom::ExpiryDate) => ("expiry", 1, 1, 0),
            Some(RecertifyFrom::FixedDate {
                month,
                day,
                min_validity_months,
            }) => ("fixed", month, day, min_validity_months),
            _ => ("completion", 1, 1, 0),
        };
        Row {
            key,
            target: r.target.clone(),
            due_kind: RwSignal::new(kind),
            due_days: RwSignal::new(days),
            due_date: RwSignal::new(date),
            recurs: RwSignal::new(rule.is_some()),
            period: RwSignal::new(rule.map_or(12, |x| x.period_months).to_string()),
            from: RwSignal::new(from),
            fixed_month: RwSignal::new(month),
            fixed_day: RwSignal::new(day.to_string()),
            min_validity: RwSignal::new(min.to_string()),
            window: RwSignal::new(rule.map_or(60, |x| x.window_days).to_string()),
        }
    }

    /// A course found in the catalogue, with the usual defaults: due within 90 days of
    /// joining, renewed as often as the course says it stays valid. A study programme:
    /// within a year, once.
    fn added(key: u32, found: &Found) -> Row {
        let requirement = match found {
            Found::Module(m) => PlanRequirement {
                target: Target::Module(ModuleRef {
                    slug: m.slug.clone(),
                    title: m.title.clone(),
                }),
                due: DueRule::AfterJoining { days: 90 },
                recertification: m.validity_months.map(|months| Recertification {
                    period_months: months,
                    from: RecertifyFrom::CompletionDate,
                    window_days: 60,
                }),
            },
            Found::Programme(p) => PlanRequirement {
                target: Target::Programme(ProgrammeRef {
                    slug: p.slug.clone(),
                    title: p.title.clone(),
                }),
                due: DueRule::AfterJoining { days: 365 },
                recertification: None,
            },
        };
        Row::new(key, &requirement)
    }

    /// The requirement as typed; a number that is not one names its field.
    fn draft(&self) -> Result<RequirementDraft, &'static str> {
        let number = |s: RwSignal<String>, field: &'static str| {
            s.get_untracked().trim().parse::<u32>().map_err(|_| field)
        };
        let due = match self.due_kind.get_untracked() {
            DueKind::AfterJoining => DueRule::AfterJoining {
                days: number(self.due_days, "due_days")?,
            },
            DueKind::By => DueRule::By {
                date: self
                    .due_date
                    .get_untracked()
                    .parse()
                    .map_err(|_| "due_date")?,
            },
        };
        let recertification = if self.recurs.get_untracked() {
            let from = match self.from.get_untracked() {
                "expiry" => RecertifyFrom::ExpiryDate,
                "fixed" => RecertifyFrom::FixedDate {
                    month: self.fixed_month.get_untracked(),
                    day: number(self.fixed_day, "fixed_day")?,
                    min_validity_months: number(self.min_validity, "min_validity_months")?,
                },
                _ => RecertifyFrom::CompletionDate,
            };
            Some(Recertification {
                period_months: number(self.period, "period_months")?,
                from,
                window_days: number(self.window, "window_days")?,
            })
        } else {
            None
        };
        Ok(RequirementDraft {
            target: self.target.draft(),
            due,
            recertification,
        })
    }

    /// The element an error about `field` points at: the requirement's legend for what it
    /// asks for.
    fn id(&self, field: &str) -> String {
        match field {
            "module" | "programme" => row_id(self.key, "target"),
            _ => row_id(self.key, field),
        }
    }
}

/// Why the plan was not saved.
#[derive(Clone)]
enum EditorError {
    Plan(PlanError),
    Api(ApiError),
}

/// A server refusal the editor can point at (a unit, a profession, a course that left the
/// catalogue); anything else is shown as the server's error.
fn plan_error_of(e: &ApiError) -> Option<PlanError> {
    let ApiError::Server {
        field: Some(field), ..
    } = e
    else {
        return None;
    };
    let at = |requirement, field, problem| PlanError {
        requirement,
        error: FieldError { field, problem },
    };
    match field.as_str() {
        "unit_id" => Some(at(None, "unit_id", Problem::Malformed)),
        "profession_ids" => Some(at(None, "profession_ids", Problem::Malformed)),
        "name" => Some(at(None, "name", Problem::Malformed)),
        f => {
            let index = f.strip_prefix("requirements[")?.split(']').next()?;
            let i = index.parse::<usize>().ok()?;
            if f.ends_with(".module") {
                Some(at(Some(i), "module", Problem::Unknown))
            } else if f.ends_with(".programme") {
                Some(at(Some(i), "programme", Problem::Unknown))
            } else {
                None
            }
        }
    }
}

#[component]
fn PlanEditor(plans: Plans, plan: Option<Plan>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let plan_id = plan.as_ref().map(|p| p.id);
    let start = plan.as_ref().map(Plan::draft);
    let name = RwSignal::new(start.as_ref().map(|d| d.name.clone()).unwrap_or_default());
    // The scope select: "" for a central plan, else a unit id.
    let default_scope = match (&start, plans.may_create_central) {
        (Some(d), _) => d.unit_id.map(|u| u.to_string()).unwrap_or_default(),
        (None, true) => String::new(),
        (None, false) => plans
            .units
            .first()
            .map(|u| u.id.to_string())
            .unwrap_or_default(),
    };
    let scope = RwSignal::new(default_scope);
    let sub_units = RwSignal::new(start.as_ref().is_none_or(|d| d.include_sub_units));
    let professions = RwSignal::new(
        start
            .as_ref()
            .map(|d| d.profession_ids.clone())
            .unwrap_or_default(),
    );
    let next_key = StoredValue::new(0u32);
    let new_key = move || {
        next_key.update_value(|k| *k += 1);
        next_key.get_value()
    };
    let rows = RwSignal::new(
        plan.as_ref()
            .map(|p| {
                p.requirements
                    .iter()
                    .map(|r| Row::new(new_key(), r))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<EditorError>);
    let busy = RwSignal::new(false);

    let invalid = move |requirement: Option<u32>, field: &'static str| {
        move || {
            error.with(|e| match e {
                Some(EditorError::Plan(p)) if p.error.field == field => {
                    let key = p
                        .requirement
                        .and_then(|i| rows.with_untracked(|r| r.get(i).map(|r| r.key)));
                    (key == requirement).then_some("true")
                }
                _ => None,
            })
        }
    };
    let message = move || {
        error.get().map(|e| match e {
            EditorError::Plan(p) => {
                let course = p.requirement.and_then(|i| {
                    rows.with_untracked(|r| r.get(i).map(|r| r.target.title().to_string()))
                });
                i18n::plan_error(i18n.lang(), &p, course.as_deref())
            }
            EditorError::Api(e) => e.user_message(i18n.lang()),
        })
    };
    let show = move |e: PlanError| {
        let target = match e.requirement {
            Some(i) => rows.with_untracked(|r| r.get(i).map(|r| r.id(e.error.field))),
            None => Some(
                match e.error.field {
                    "name" => "plan-name",
                    "unit_id" => "plan-unit",
                    "profession_ids" => "plan-professions",
                    _ => "plan-search",
                }
                .to_string(),
            ),
        };
        error.set(Some(EditorError::Plan(e)));
        if let Some(id) = target {
            focus(&id);
        }
    };

    let draft = move || -> Result<PlanDraft, PlanError> {
        let mut requirements = Vec::new();
        for (i, row) in rows.get_untracked().iter().enumerate() {
            requirements.push(row.draft().map_err(|field| PlanError {
                requirement: Some(i),
                error: FieldError {
                    field,
                    problem: Problem::Malformed,
                },
            })?);
        }
        let scope = scope.get_untracked();
        let draft = PlanDraft {
            name: name.get_untracked().trim().to_string(),
            unit_id: scope.parse().ok(),
            include_sub_units: sub_units.get_untracked(),
            profession_ids: professions.get_untracked(),
            requirements,
        };
        validate_plan(&draft)?;
        Ok(draft)
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let d = match draft() {
            Ok(d) => d,
            Err(e) => return show(e),
        };
        error.set(None);
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let saved = match plan_id {
                Some(id) => api::update_plan(id, &d).await,
                None => api::create_plan(&d).await,
            };
            busy.try_set(false);
            match saved {
                Ok(_) => navigate(routes::PLANS, Default::default()),
                Err(e) => match plan_error_of(&e) {
                    Some(p) => show(p),
                    None => {
                        error.try_set(Some(EditorError::Api(e)));
                    }
                },
            }
        });
    };
    let remove = move |key: u32| {
        rows.update(|r| r.retain(|x| x.key != key));
        error.set(None);
        // The button went with its requirement: focus goes to the list's heading.
        request_animation_frame(|| focus("plan-requirements-heading"));
    };
    // A requirement's signals belong to the editor, not to the search result it was added
    // from: a later search replaces those results (and would dispose what they own).
    let editor = StoredValue::new(Owner::current().expect("the editor has a reactive owner"));
    let add = move |found: Found| {
        let row = editor.with_value(|o| o.with(|| Row::added(new_key(), &found)));
        rows.update(|r| r.push(row));
        error.set(None);
    };
    let in_plan = Signal::derive(move || {
        rows.with(|r| r.iter().map(|x| x.target.draft()).collect::<Vec<_>>())
    });

    let unit_options = plans.units.clone();
    let may_central = plans.may_create_central;
    let all_professions = plans.professions.clone();
    view! {
        <form class="plan-editor" on:submit=on_submit novalidate=true>
            <div id="plan-error" class="form-error" role="alert" aria-live="assertive">
                {move || message().map(|m| view! { <p>{m}</p> })}
            </div>
            <div class="field">
                <label for="plan-name">{tr(Key::FieldPlanName)}</label>
                <input id="plan-name" type="text" maxlength=kursbro_shared::plans::PLAN_NAME_MAX_CHARS
                    required=true aria-describedby="plan-error" aria-invalid=invalid(None, "name")
                    prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="plan-unit">{tr(Key::FieldPlanUnit)}</label>
                <select id="plan-unit" aria-describedby="plan-error" aria-invalid=invalid(None, "unit_id")
                    on:change=move |ev| scope.set(event_target_value(&ev))>
                    {may_central.then(|| view! {
                        <option value="" selected=move || scope.get().is_empty()>{tr(Key::PlanCentral)}</option>
                    })}
                    {unit_options.into_iter().map(|u| {
                        let value = u.id.to_string();
                        let indent = "\u{2003}".repeat(u.depth as usize);
                        let v = value.clone();
                        view! { <option value=value selected=move || scope.get() == v>{format!("{indent}{}", u.name)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || !scope.get().is_empty()>
                <div class="field checkbox">
                    <input id="plan-sub-units" type="checkbox" prop:checked=sub_units
                        on:change=move |ev| sub_units.set(event_target_checked(&ev))/>
                    <label for="plan-sub-units">{tr(Key::FieldSubUnits)}</label>
                </div>
            </Show>
            <fieldset id="plan-professions" class="plan-professions" tabindex="-1"
                aria-describedby="plan-error" aria-invalid=invalid(None, "profession_ids")>
                <legend>{tr(Key::FieldProfessions)}</legend>
                {all_professions.into_iter().map(|p| {
                    let id = format!("plan-profession-{}", p.id);
                    let pid = p.id;
                    view! {
                        <div class="field checkbox">
                            <input id=id.clone() type="checkbox"
                                prop:checked=move || professions.with(|l| l.contains(&pid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    professions.update(|l| {
                                        l.retain(|x| *x != pid);
                                        if on {
                                            l.push(pid);
                                        }
                                    });
                                }/>
                            <label for=id>{p.name}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>

            <h2 id="plan-requirements-heading" tabindex="-1">{tr(Key::PlanRequirements)}</h2>
            <Show when=move || rows.with(Vec::is_empty)>
                <p>{tr(Key::PlanNoRequirements)}</p>
            </Show>
            <For each=move || rows.get() key=|r| r.key let:row>
                <RequirementFields row=row invalid=invalid on_remove=remove/>
            </For>
            <CourseSearch in_plan=in_plan on_add=add/>

            <p class="form-actions">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { i18n.t(Key::SavingPlan) } else { i18n.t(Key::SavePlan) }}
                </button>
            </p>
        </form>
        {plan_id.map(|id| view! { <DeletePlan id=id/> })}
    }
}

#[component]
fn RequirementFields<F, G>(
    row: Row,
    invalid: F,
    on_remove: impl Fn(u32) + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    F: Fn(Option<u32>, &'static str) -> G + Copy + Send + Sync + 'static,
    G: Fn() -> Option<&'static str> + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let key = row.key;
    let at = move |field| invalid(Some(key), field);
    let number = move |field: &'static str, label: Key, value: RwSignal<String>, max: u32| {
        let id = row_id(key, field);
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <input id=id type="number" inputmode="numeric" min="0" max=max.to_string()
                    aria-describedby="plan-error" aria-invalid=at(field)
                    prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let title = row.target.title().to_string();
    let programme =
        matches!(row.target, Target::Programme(_)).then(|| view! { " (" {tr(Key::Programme)} ")" });
    let (due_kind, due_date, recurs, from, fixed_month) = (
        row.due_kind,
        row.due_date,
        row.recurs,
        row.from,
        row.fixed_month,
    );
    let due_kind_id = row_id(key, "due_kind");
    let due_date_id = row_id(key, "due_date");
    let recurs_id = row_id(key, "recurs");
    view! {
        <fieldset class="plan-requirement">
            <legend id=row_id(key, "target") tabindex="-1">{title.clone()}{programme}</legend>
            <div class="plan-row">
                <div class="field">
                    <label for=due_kind_id.clone()>{tr(Key::FieldDue)}</label>
                    <select id=due_kind_id on:change=move |ev| due_kind.set(if event_target_value(&ev) == "by" { DueKind::By } else { DueKind::AfterJoining })>
                        <option value="after" selected=move || due_kind.get() == DueKind::AfterJoining>{tr(Key::DueAfterJoining)}</option>
                        <option value="by" selected=move || due_kind.get() == DueKind::By>{tr(Key::DueByDate)}</option>
                    </select>
                </div>
                {move || match due_kind.get() {
                    DueKind::AfterJoining => number("due_days", Key::FieldDueDays, row.due_days, kursbro_shared::plans::DUE_DAYS_MAX).into_any(),
                    DueKind::By => view! {
                        <div class="field">
                            <label for=due_date_id.clone()>{tr(Key::FieldDueDate)}</label>
                            <input id=due_date_id.clone() type="date" aria-describedby="plan-error" aria-invalid=at("due_date")
                                prop:value=due_date on:input=move |ev| due_date.set(event_target_value(&ev))/>
                        </div>
                    }.into_any(),
                }}
            </div>
            <div class="field checkbox">
                <input id=recurs_id.clone() type="checkbox" prop:checked=recurs
                    on:change=move |ev| recurs.set(event_target_checked(&ev))/>
                <label for=recurs_id>{tr(Key::FieldRecurs)}</label>
            </div>
            <Show when=move || recurs.get()>
                <div class="plan-row">
                    {number("period_months", Key::FieldPeriod, row.period, kursbro_shared::plans::PERIOD_MONTHS_MAX)}
                    <div class="field">
                        <label for=row_id(key, "from")>{tr(Key::FieldRecertFrom)}</label>
                        <select id=row_id(key, "from") on:change=move |ev| from.set(match event_target_value(&ev).as_str() {
                            "expiry" => "expiry",
                            "fixed" => "fixed",
                            _ => "completion",
                        })>
                            <option value="completion" selected=move || from.get() == "completion">{tr(Key::FromCompletion)}</option>
                            <option value="expiry" selected=move || from.get() == "expiry">{tr(Key::FromExpiry)}</option>
                            <option value="fixed" selected=move || from.get() == "fixed">{tr(Key::FromFixed)}</option>
                        </select>
                    </div>
                    {number("window_days", Key::FieldWindow, row.window, kursbro_shared::plans::WINDOW_DAYS_MAX)}
                </div>
                <Show when=move || from.get() == "fixed">
                    <div class="plan-row">
                        <div class="field">
                            <label for=row_id(key, "fixed_month")>{tr(Key::FieldFixedMonth)}</label>
                            <select id=row_id(key, "fixed_month") aria-describedby="plan-error" aria-invalid=at("fixed_month")
                                on:change=move |ev| fixed_month.set(event_target_value(&ev).parse().unwrap_or(1))>
                                {(1..=12u32).map(|m| view! {
                                    <option value=m.to_string() selected=move || fixed_month.get() == m>
                                        {move || i18n::month_name(i18n.lang(), m)}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                        {number("fixed_day", Key::FieldFixedDay, row.fixed_day, 31)}
                        {number("min_validity_months", Key::FieldMinValidity, row.min_validity, kursbro_shared::plans::PERIOD_MONTHS_MAX)}
                    </div>
                </Show>
            </Show>
            <button type="button" class="button secondary" on:click=move |_| on_remove(key)
                aria-label=move || format!("{}: {title}", i18n.t(Key::RemoveRequirement))>
                {tr(Key::RemoveRequirement)}
            </button>
        </fieldset>
    }
}

fn row_id(key: u32, field: &str) -> String {
    format!("req-{key}-{field}")
}

/// Something found in the catalogue to add to a plan.
#[derive(Clone)]
enum Found {
    Module(ModuleSummary),
    Programme(ProgrammeSummary),
}

impl Found {
    fn title(&self) -> &str {
        match self {
            Found::Module(m) => &m.title,
            Found::Programme(p) => &p.title,
        }
    }

    fn slug(&self) -> TargetSlug {
        match self {
            Found::Module(m) => TargetSlug::Module(m.slug.clone()),
            Found::Programme(p) => TargetSlug::Programme(p.slug.clone()),
        }
    }
}

/// Finding a course to add: the mandatory courses at first, any course or study programme
/// by search (the programmes first).
#[component]
fn CourseSearch(
    in_plan: Signal<Vec<TargetSlug>>,
    on_add: impl Fn(Found) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let asked = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let words = asked.get();
        async move {
            let query = CatalogueQuery {
                q: Some(words.clone()).filter(|w| !w.trim().is_empty()),
                kind: words
                    .trim()
                    .is_empty()
                    .then_some(ModuleKind::StatutoryCourse),
                limit: Some(20),
                ..CatalogueQuery::default()
            };
            api::catalogue(&query).await.map(|c| {
                c.programmes
                    .into_iter()
                    .map(Found::Programme)
                    .chain(c.modules.into_iter().map(Found::Module))
                    .collect::<Vec<_>>()
            })
        }
    });
    view! {
        <section class="course-search" aria-labelledby="add-requirement">
            <h3 id="add-requirement">{tr(Key::AddRequirementTitle)}</h3>
            <div class="search-row">
                <div class="field">
                    <label for="plan-search">{tr(Key::FieldFindCourse)}</label>
                    <input id="plan-search" type="search" prop:value=q
                        on:input=move |ev| q.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Enter" {
                            ev.prevent_default();
                            asked.set(q.get_untracked());
                        }/>
                </div>
                <button type="button" class="button secondary" on:click=move |_| asked.set(q.get_untracked())>
                    {tr(Key::FindCourse)}
                </button>
            </div>
            <Loaded resource=found let:results>
                {if results.is_empty() {
                    view! { <p>{tr(Key::NoCoursesFound)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="course-results">
                            {results.into_iter().map(|f| {
                                let slug = f.slug();
                                let title = f.title().to_string();
                                let shown = title.clone();
                                let programme = matches!(f, Found::Programme(_))
                                    .then(|| view! { " (" {tr(Key::Programme)} ")" });
                                let added = Signal::derive(move || in_plan.with(|l| l.contains(&slug)));
                                let words = move || if added.get() { i18n.t(Key::InPlanAlready) } else { i18n.t(Key::AddCourse) };
                                view! {
                                    <li>
                                        <span>{shown}{programme}</span>
                                        <button type="button" class="button secondary" disabled=added
                                            aria-label=move || format!("{}: {title}", words())
                                            on:click=move |_| on_add(f.clone())>
                                            {words}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Loaded>
        </section>
    }
}

/// Deleting a plan, after a second click that says what happens.
#[component]
fn DeletePlan(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let delete = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            match api::delete_plan(id).await {
                Ok(()) => navigate(routes::PLANS, Default::default()),
                Err(e) => {
                    failed.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <section class="danger-zone" aria-labelledby="delete-plan">
            <h2 id="delete-plan">{tr(Key::DeletePlan)}</h2>
            <div role="alert">
                {move || failed.get().map(|e| view! { <p class="error-box">{e.user_message(i18n.lang())}</p> })}
            </div>
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="button secondary" on:click=move |_| {
                    asking.set(true);
                    request_animation_frame(|| focus("delete-plan-confirm"));
                }>{tr(Key::DeletePlan)}</button>
            }>
                <p>{tr(Key::DeletePlanWarning)}</p>
                <p class="form-actions">
                    <button id="delete-plan-confirm" type="button" class="button danger" on:click=delete.clone()>{tr(Key::DeletePlanConfirm)}</button>
                    " "
                    <button type="button" class="button secondary" on:click=move |_| asking.set(false)>{tr(Key::Cancel)}</button>
                </p>
            </Show>
        </section>
    }
}
