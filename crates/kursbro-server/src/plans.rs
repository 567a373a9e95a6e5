//! Making, changing and removing competence plans. An organisation's admins (and platform
//! admins, in their own organisation) make central plans and plans for any unit; a leader
//! makes plans for the units they lead and the units below them, and sees the central plans
//! and every plan that covers their units. Anyone else is told there is nothing here (404).
//! What a plan may hold is `kursbro_shared::plans::validate_plan`; whom it covers is the
//! shared `PlanScope::coverage`, the rule the dashboards use.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use kursbro_shared::compliance::{Coverage, DueRule, PlanScope, TargetSlug, UnitNode};
use kursbro_shared::plans::{
    validate_plan, Plan, PlanDraft, PlanError, PlanRequirement, Plans, ProfessionRef,
    RequirementDraft,
};
use kursbro_shared::training::RecertifyFrom;
use kursbro_shared::validation::{FieldError, Problem};

use crate::compliance::{plan_requirements, Tree};
use crate::error::{ApiError, ApiResult};
use crate::session::AuthUser;
use crate::store::compliance::{NewRequirement, PlanRow};
use crate::store::{self, Db};

/// Who is asking, with their organisation's unit tree.
struct Viewer<'a> {
    user: &'a AuthUser,
    tree: Tree,
}

impl<'a> Viewer<'a> {
    /// The asker, if they may see plans at all (they lead a unit or administer).
    async fn of(db: &Db, user: &'a AuthUser) -> ApiResult<Viewer<'a>> {
        if !user.grants.follows_up() {
            return Err(ApiError::NotFound("plans"));
        }
        Ok(Viewer {
            user,
            tree: Tree::of(db, user.organisation.id).await?,
        })
    }

    fn admin(&self) -> bool {
        self.user.grants.administers()
    }

    /// Units of this organisation the asker leads.
    fn led(&self) -> impl Iterator<Item = i64> + '_ {
        self.user
            .grants
            .leader_of
            .iter()
            .map(|u| u.id)
            .filter(|id| self.tree.units.contains_key(id))
    }

    /// Whether the asker may make or change a plan for `unit` (`None`: central).
    fn may_edit(&self, unit: Option<i64>) -> bool {
        match unit {
            None => self.admin(),
            Some(u) if !self.tree.units.contains_key(&u) => false,
            Some(u) => {
                self.admin() || {
                    let path = self.tree.path(Some(u));
                    self.led().any(|l| path.contains(&l))
                }
            }
        }
    }

    /// Whether the asker sees a plan: an admin every plan of the organisation; a leader
    /// the central plans, the plans they may change, and the plans covering a unit they
    /// lead.
    fn sees(&self, plan: &PlanRow) -> bool {
        if plan.organisation_id != self.user.organisation.id {
            return false;
        }
        let Some(unit) = plan.unit_id else {
            return true;
        };
        self.may_edit(Some(unit))
            || self.led().any(|l| {
                l == unit || (plan.include_sub_units && self.tree.path(Some(l)).contains(&unit))
            })
    }

    /// The units a new plan may be for, each before the units below it.
    fn units(&self) -> Vec<UnitNode> {
        let roots: Vec<i64> = if self.admin() {
            self.tree.tops().into_iter().map(|u| u.id).collect()
        } else {
            self.led().collect()
        };
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for root in roots {
            // A unit led twice over (a ward and its clinic) is listed once.
            if seen.contains(&root) {
                continue;
            }
            for node in self.tree.subtree(root) {
                if seen.insert(node.id) {
                    out.push(node);
                }
            }
        }
        out
    }
}

/// The plans the asker sees, with what a new plan may be made for.
pub async fn list(db: &Db, user: &AuthUser) -> ApiResult<Plans> {
    let viewer = Viewer::of(db, user).await?;
    let org = user.organisation.id;
    let professions: Vec<ProfessionRef> = store::people::professions(db, org)
        .await?
        .into_iter()
        .map(|(id, _, name)| ProfessionRef { id, name })
        .collect();
    let names: HashMap<i64, &ProfessionRef> = professions.iter().map(|p| (p.id, p)).collect();
    let mut requirements: HashMap<i64, Vec<PlanRequirement>> = HashMap::new();
    let mut scopes: HashMap<i64, PlanScope> = HashMap::new();
    for r in plan_requirements(db, org).await? {
        scopes.entry(r.api.plan.id).or_insert(r.scope);
        requirements
            .entry(r.api.plan.id)
            .or_default()
            .push(PlanRequirement {
                target: r.api.target,
                due: r.api.due,
                recertification: r.api.recertification,
            });
    }
    let groups = store::compliance::people_per_unit_and_profession(db, org).await?;
    let paths: HashMap<i64, Vec<i64>> = groups
        .iter()
        .filter_map(|(unit, _, _)| *unit)
        .map(|u| (u, viewer.tree.path(Some(u))))
        .collect();
    let mut plans = Vec::new();
    for row in store::compliance::plans(db, org).await? {
        if !viewer.sees(&row) {
            continue;
        }
        let scope = scopes.remove(&row.id).unwrap_or(PlanScope {
            unit: row.unit_id,
            include_sub_units: row.include_sub_units,
            professions: Vec::new(),
        });
        let applies_to = groups
            .iter()
            .filter(|(unit, profession, _)| {
                let path = unit.and_then(|u| paths.get(&u)).map(Vec::as_slice);
                scope.coverage(path.unwrap_or_default(), *profession) == Coverage::Applies
            })
            .map(|(_, _, n)| crate::admin::count(*n))
            .fold(0u32, u32::saturating_add);
        plans.push(Plan {
            id: row.id,
            name: row.name,
            unit: row.unit_id.and_then(|u| viewer.tree.unit_ref(u)),
            include_sub_units: row.include_sub_units,
            professions: scope
                .professions
                .iter()
                .filter_map(|p| names.get(p).map(|p| (*p).clone()))
                .collect(),
            requirements: requirements.remove(&row.id).unwrap_or_default(),
            applies_to,
            may_edit: viewer.may_edit(row.unit_id),
        });
    }
    Ok(Plans {
        plans,
        units: viewer.units(),
        may_create_central: viewer.admin(),
        professions,
    })
}

fn refused(requirement: Option<usize>, field: &'static str, problem: Problem) -> ApiError {
    ApiError::Plan(PlanError {
        requirement,
        error: FieldError { field, problem },
    })
}

/// The draft checked against the data: a unit the asker may plan for, professions and
/// published modules and programmes of the catalogue (or those the plan `existing` already
/// lists, which may since have been withdrawn). Gives their ids, in the draft's order.
async fn check(
    db: &Db,
    viewer: &Viewer<'_>,
    draft: &PlanDraft,
    existing: Option<i64>,
) -> ApiResult<Vec<Stored>> {
    validate_plan(draft).map_err(ApiError::Plan)?;
    if !viewer.may_edit(draft.unit_id) {
        return Err(ApiError::Unprocessable {
            field: "unit_id",
            message: match draft.unit_id {
                None => {
                    "Only the organisation's admins make central plans; choose a unit you lead."
                        .into()
                }
                Some(_) => {
                    "You can make plans only for the units you lead and the units below them."
                        .into()
                }
            },
        });
    }
    let known: HashSet<i64> = store::people::professions(db, viewer.user.organisation.id)
        .await?
        .into_iter()
        .map(|(id, _, _)| id)
        .collect();
    if draft.profession_ids.iter().any(|p| !known.contains(p)) {
        return Err(ApiError::Unprocessable {
            field: "profession_ids",
            message: "A profession is not one of your organisation's.".into(),
        });
    }
    let mut targets = Vec::with_capacity(draft.requirements.len());
    for (i, r) in draft.requirements.iter().enumerate() {
        let found = match &r.target {
            TargetSlug::Module(slug) => {
                let kept = match existing {
                    Some(plan) => store::compliance::plan_module_id(db, plan, slug).await?,
                    None => None,
                };
                kept.or(
                    store::catalogue::module_id(db, slug, Some(viewer.user.organisation.id))
                        .await?,
                )
                .map(Stored::Module)
            }
            TargetSlug::Programme(slug) => {
                let kept = match existing {
                    Some(plan) => store::compliance::plan_programme_id(db, plan, slug).await?,
                    None => None,
                };
                kept.or(
                    store::catalogue::programme_id(db, slug, Some(viewer.user.organisation.id))
                        .await?,
                )
                .map(Stored::Programme)
            }
        };
        match found {
            Some(t) => targets.push(t),
            None => return Err(refused(Some(i), r.target.field(), Problem::Unknown)),
        }
    }
    Ok(targets)
}

/// What a requirement asks for, by id.
#[derive(Clone, Copy)]
enum Stored {
    Module(i64),
    Programme(i64),
}

/// A requirement in the columns it is stored in.
fn columns(target: Stored, position: usize, r: &RequirementDraft) -> NewRequirement {
    let (due_days_after_join, due_on) = match r.due {
        DueRule::AfterJoining { days } => (Some(i64::from(days)), None),
        DueRule::By { date } => (None, Some(date)),
    };
    let rule = r.recertification.as_ref();
    let (from, fixed_month, fixed_day, min_validity_months) = match rule.map(|x| x.from) {
        None => (None, None, None, 0),
        Some(RecertifyFrom::CompletionDate) => (Some("completion"), None, None, 0),
        Some(RecertifyFrom::ExpiryDate) => (Some("expiry"), None, None, 0),
        Some(RecertifyFrom::FixedDate {
            month,
            day,
            min_validity_months,
        }) => (
            Some("fixed"),
            Some(i64::from(month)),
            Some(i64::from(day)),
            i64::from(min_validity_months),
        ),
    };
    let (module_id, programme_id) = match target {
        Stored::Module(id) => (Some(id), None),
        Stored::Programme(id) => (None, Some(id)),
    };
    NewRequirement {
        module_id,
        programme_id,
        position: i64::try_from(position).unwrap_or(i64::MAX) + 1,
        due_days_after_join,
        due_on,
        recert_months: rule.map(|x| i64::from(x.period_months)),
        recert_from: from,
        fixed_month,
        fixed_day,
        min_validity_months,
        window_days: rule.map_or(0, |x| i64::from(x.window_days)),
    }
}

/// Writes a plan's professions and requirements (after it was made or cleared).
async fn write_contents(
    tx: &mut store::Tx,
    plan_id: i64,
    draft: &PlanDraft,
    targets: &[Stored],
) -> ApiResult<()> {
    for p in &draft.profession_ids {
        store::compliance::limit_plan_to_profession(tx, plan_id, *p).await?;
    }
    for (i, (r, target)) in draft.requirements.iter().zip(targets).enumerate() {
        store::compliance::insert_requirement(tx, plan_id, &columns(*target, i, r)).await?;
    }
    Ok(())
}

/// The plan as the asker now sees it.
async fn shown(db: &Db, user: &AuthUser, id: i64) -> ApiResult<Plan> {
    list(db, user)
        .await?
        .plans
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(ApiError::NotFound("plan"))
}

/// A new plan of the asker's organisation.
pub async fn create(db: &Db, user: &AuthUser, draft: &PlanDraft) -> ApiResult<Plan> {
    let viewer = Viewer::of(db, user).await?;
    let targets = check(db, &viewer, draft, None).await?;
    let mut tx = db.write().await?;
    let id = store::compliance::insert_plan(
        &mut tx,
        user.organisation.id,
        draft.unit_id,
        draft.include_sub_units,
        draft.name.trim(),
        Utc::now(),
    )
    .await?;
    write_contents(&mut tx, id, draft, &targets).await?;
    tx.commit().await?;
    shown(db, user, id).await
}

/// The plan `id` if the asker may change it: one they do not see is "not found", one they
/// see but may not change (a leader and a central plan) is forbidden.
async fn editable(db: &Db, viewer: &Viewer<'_>, id: i64) -> ApiResult<PlanRow> {
    let row = store::compliance::plan(db, id)
        .await?
        .filter(|p| viewer.sees(p))
        .ok_or(ApiError::NotFound("plan"))?;
    if !viewer.may_edit(row.unit_id) {
        return Err(ApiError::Forbidden);
    }
    Ok(row)
}

/// Changes a plan: its name, whom it covers and its requirements, all at once.
pub async fn update(db: &Db, user: &AuthUser, id: i64, draft: &PlanDraft) -> ApiResult<Plan> {
    let viewer = Viewer::of(db, user).await?;
    editable(db, &viewer, id).await?;
    let targets = check(db, &viewer, draft, Some(id)).await?;
    let mut tx = db.write().await?;
    let changed = store::compliance::update_plan(
        &mut tx,
        user.organisation.id,
        id,
        draft.unit_id,
        draft.include_sub_units,
        draft.name.trim(),
    )
    .await?;
    if changed == 0 {
        // Removed meanwhile.
        return Err(ApiError::NotFound("plan"));
    }
    store::compliance::clear_plan(&mut tx, id).await?;
    write_contents(&mut tx, id, draft, &targets).await?;
    tx.commit().await?;
    shown(db, user, id).await
}

/// Removes a plan. The completions of its modules stay with the people who made them.
pub async fn delete(db: &Db, user: &AuthUser, id: i64) -> ApiResult<()> {
    let viewer = Viewer::of(db, user).await?;
    editable(db, &viewer, id).await?;
    let mut tx = db.write().await?;
    store::compliance::clear_plan(&mut tx, id).await?;
    store::compliance::delete_plan(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}
