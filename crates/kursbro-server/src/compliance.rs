//! Competence plans for the people who follow them: a person's requirements ("Mine krav",
//! a leader's drill-down), the leader's dashboard and its CSV, and approving a completion
//! made outside Kursbro. Who a plan covers and every status come from
//! `kursbro_shared::{compliance, training}`; this module only gathers the rows (a fixed
//! number of queries) and decides who may see whom.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use kursbro_shared::api::{ModuleRef, ProgrammeRef, UnitRef};
use kursbro_shared::compliance::{
    may_start_again, per_requirement, per_sub_unit, person_colour, sort_requirements, summary,
    unit_path, validate_external_completion, CompletionRecord, CompletionSource, Coverage,
    Dashboard, DashboardPerson, DueRule, ExternalCompletionRequest, PeopleFilter, PersonCompliance,
    PersonRef, PersonRequirement, PlanRef, PlanScope, Requirement, Tally, Target, TargetSlug,
    UnitNode, UnitTally,
};
use kursbro_shared::texts::{self, Lang};
use kursbro_shared::training::{
    current_period, programme_completions, requirement_status, Recertification, RecertifyFrom,
    RequirementStatus, StatusColour,
};

use crate::cohorts::{write_safe, Separator};
use crate::error::{ApiError, ApiResult};
use crate::session::AuthUser;
use crate::store::compliance::{PersonRow, RequirementRow, UnitRow, Who};
use crate::store::{self, Db};

fn corrupt(what: &str) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("corrupt row: {what}"))
}

/// An organisation's units, to walk the tree both ways.
pub(crate) struct Tree {
    pub(crate) units: HashMap<i64, UnitRow>,
}

impl Tree {
    pub(crate) async fn of(db: &Db, organisation_id: i64) -> ApiResult<Tree> {
        let rows = store::compliance::units(db, organisation_id).await?;
        Ok(Tree {
            units: rows.into_iter().map(|u| (u.id, u)).collect(),
        })
    }

    pub(crate) fn path(&self, unit: Option<i64>) -> Vec<i64> {
        unit.map(|u| unit_path(u, |id| self.units.get(&id).and_then(|u| u.parent_id)))
            .unwrap_or_default()
    }

    pub(crate) fn unit_ref(&self, id: i64) -> Option<UnitRef> {
        self.units.get(&id).map(|u| UnitRef {
            id,
            name: u.name.clone(),
        })
    }

    pub(crate) fn tops(&self) -> Vec<UnitRef> {
        let mut tops: Vec<UnitRef> = self
            .units
            .values()
            .filter(|u| u.parent_id.is_none())
            .map(|u| UnitRef {
                id: u.id,
                name: u.name.clone(),
            })
            .collect();
        tops.sort_by(|a, b| a.name.cmp(&b.name));
        tops
    }

    /// `root` and every unit below it, each before its sub-units, siblings by name.
    pub(crate) fn subtree(&self, root: i64) -> Vec<UnitNode> {
        let mut children: HashMap<i64, Vec<&UnitRow>> = HashMap::new();
        for u in self.units.values() {
            if let Some(p) = u.parent_id {
                children.entry(p).or_default().push(u);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        }
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut stack: Vec<(i64, u32)> = vec![(root, 0)];
        while let Some((id, depth)) = stack.pop() {
            let Some(u) = self.units.get(&id) else {
                continue;
            };
            // A cycle in the data ends here rather than looping.
            if !seen.insert(id) {
                continue;
            }
            out.push(UnitNode {
                id,
                name: u.name.clone(),
                parent_id: if depth == 0 { None } else { u.parent_id },
                depth,
            });
            if let Some(kids) = children.get(&id) {
                stack.extend(kids.iter().rev().map(|k| (k.id, depth + 1)));
            }
        }
        out
    }
}

/// One requirement with whom its plan covers.
pub(crate) struct PlanRequirement {
    pub(crate) api: Requirement,
    /// The modules whose completions count: the one it asks for, or the required modules
    /// of the programme it asks for.
    pub(crate) modules: Vec<(i64, ModuleRef)>,
    /// The module or programme is in the catalogue (not withdrawn).
    pub(crate) published: bool,
    pub(crate) scope: PlanScope,
}

impl PlanRequirement {
    /// The days it was completed, into `out`, from the days each of its modules was
    /// (`of_module` appends a module's, in any order): a module's own, or the programme's
    /// by the shared rule.
    fn days_into(&self, of_module: impl Fn(i64, &mut Vec<NaiveDate>), out: &mut Vec<NaiveDate>) {
        out.clear();
        match (&self.api.target, self.modules.as_slice()) {
            (Target::Module(_), [(id, _)]) => of_module(*id, out),
            _ => {
                let per_module: Vec<Vec<NaiveDate>> = self
                    .modules
                    .iter()
                    .map(|(id, _)| {
                        let mut days = Vec::new();
                        of_module(*id, &mut days);
                        days
                    })
                    .collect();
                out.extend(programme_completions(&per_module));
            }
        }
    }

    fn has_module(&self, slug: &str) -> bool {
        self.modules.iter().any(|(_, m)| m.slug == slug)
    }
}

fn recertification(r: &RequirementRow) -> ApiResult<Option<Recertification>> {
    let (Some(months), Some(from)) = (r.recert_months, r.recert_from.as_deref()) else {
        return Ok(None);
    };
    let u = |v: i64, what| u32::try_from(v).map_err(|_| corrupt(what));
    let from = match from {
        "completion" => RecertifyFrom::CompletionDate,
        "expiry" => RecertifyFrom::ExpiryDate,
        "fixed" => RecertifyFrom::FixedDate {
            month: u(
                r.fixed_month.ok_or_else(|| corrupt("fixed_month"))?,
                "fixed_month",
            )?,
            day: u(
                r.fixed_day.ok_or_else(|| corrupt("fixed_day"))?,
                "fixed_day",
            )?,
            min_validity_months: u(r.min_validity_months, "min_validity_months")?,
        },
        _ => return Err(corrupt("recert_from")),
    };
    Ok(Some(Recertification {
        period_months: u(months, "recert_months")?,
        from,
        window_days: u(r.window_days, "window_days")?,
    }))
}

pub(crate) async fn plan_requirements(
    db: &Db,
    organisation_id: i64,
) -> ApiResult<Vec<PlanRequirement>> {
    let rows = store::compliance::requirements(db, organisation_id).await?;
    let mut programme_modules: HashMap<i64, Vec<(i64, ModuleRef)>> = HashMap::new();
    for m in store::compliance::required_programme_modules(db, organisation_id).await? {
        programme_modules.entry(m.programme_id).or_default().push((
            m.module_id,
            ModuleRef {
                slug: m.slug,
                title: m.title,
            },
        ));
    }
    let mut professions: HashMap<i64, Vec<i64>> = HashMap::new();
    for (plan, profession) in store::compliance::plan_professions(db, organisation_id).await? {
        professions.entry(plan).or_default().push(profession);
    }
    rows.into_iter()
        .map(|r| {
            let recertification = recertification(&r)?;
            let due = match (r.due_days_after_join, r.due_on) {
                (Some(days), _) => DueRule::AfterJoining {
                    days: u32::try_from(days).map_err(|_| corrupt("due_days_after_join"))?,
                },
                (None, Some(date)) => DueRule::By { date },
                (None, None) => return Err(corrupt("due rule")),
            };
            let (target, modules) = match (r.module_id, r.programme_id) {
                (Some(id), None) => {
                    let module = ModuleRef {
                        slug: r.slug,
                        title: r.title,
                    };
                    (Target::Module(module.clone()), vec![(id, module)])
                }
                (None, Some(id)) => (
                    Target::Programme(ProgrammeRef {
                        slug: r.slug,
                        title: r.title,
                    }),
                    programme_modules.get(&id).cloned().unwrap_or_default(),
                ),
                _ => return Err(corrupt("requirement target")),
            };
            Ok(PlanRequirement {
                scope: PlanScope {
                    unit: r.plan_unit_id,
                    include_sub_units: r.include_sub_units,
                    professions: professions.get(&r.plan_id).cloned().unwrap_or_default(),
                },
                modules,
                published: r.published,
                api: Requirement {
                    id: r.id,
                    recertification,
                    plan: PlanRef {
                        id: r.plan_id,
                        name: r.plan_name,
                        unit: r
                            .plan_unit_id
                            .zip(r.plan_unit_name)
                            .map(|(id, name)| UnitRef { id, name }),
                    },
                    target,
                    due,
                },
            })
        })
        .collect()
}

/// Every completion of `who` of the organisation's required modules.
struct Done {
    /// Per (person, module), oldest first.
    records: HashMap<(i64, i64), Vec<CompletionRecord>>,
    /// (person, module) the module of which stands complete in Kursbro now.
    complete_now: HashSet<(i64, i64)>,
}

async fn completions(
    db: &Db,
    who: Who<'_>,
    organisation_id: i64,
    requirements: &[PlanRequirement],
) -> ApiResult<Done> {
    let modules: HashMap<i64, &ModuleRef> = requirements
        .iter()
        .flat_map(|r| r.modules.iter().map(|(id, m)| (*id, m)))
        .collect();
    let mut out: HashMap<(i64, i64), Vec<CompletionRecord>> = HashMap::new();
    let mut complete_now = HashSet::new();
    for c in store::compliance::kursbro_completions(db, who, organisation_id).await? {
        if let Some(m) = modules.get(&c.module_id) {
            if c.current {
                complete_now.insert((c.user_id, c.module_id));
            }
            out.entry((c.user_id, c.module_id))
                .or_default()
                .push(CompletionRecord {
                    module: (*m).clone(),
                    completed_on: c.completed_at.date_naive(),
                    source: CompletionSource::Kursbro,
                });
        }
    }
    for c in store::compliance::external_completions(db, who).await? {
        if let Some(m) = modules.get(&c.module_id) {
            out.entry((c.user_id, c.module_id))
                .or_default()
                .push(CompletionRecord {
                    module: (*m).clone(),
                    completed_on: c.completed_on,
                    source: CompletionSource::External {
                        approved_by: c.approved_by,
                        approved_on: c.approved_at.date_naive(),
                        note: c.note,
                    },
                });
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|c| c.completed_on);
    }
    Ok(Done {
        records: out,
        complete_now,
    })
}

/// When a requirement is due for this person, and where they stand with it: the shared
/// rule, fed with the days they completed its module.
fn status_of(
    person: &PersonRow,
    coverage: Coverage,
    r: &PlanRequirement,
    days: &[NaiveDate],
    today: NaiveDate,
) -> (NaiveDate, RequirementStatus) {
    let due_on = r.api.due.due_on(person.joined_on);
    (due_on, status_due_on(due_on, coverage, r, days, today))
}

/// [`status_of`] with the due date worked out already: the overview works it out once per
/// person and due rule, not once per requirement.
fn status_due_on(
    due_on: NaiveDate,
    coverage: Coverage,
    r: &PlanRequirement,
    days: &[NaiveDate],
    today: NaiveDate,
) -> RequirementStatus {
    requirement_status(
        coverage == Coverage::Applies,
        due_on,
        days,
        r.api.recertification.as_ref(),
        today,
    )
}

/// The requirements that list this person (index into `requirements`), with every detail
/// for their own page.
fn evaluate(
    person: &PersonRow,
    path: &[i64],
    requirements: &[PlanRequirement],
    done: &Done,
    today: NaiveDate,
) -> Vec<PersonRequirement> {
    let mut out = Vec::new();
    for r in requirements {
        let coverage = r.scope.coverage(path, person.profession_id);
        if coverage == Coverage::Outside {
            continue;
        }
        let records_of = |module: i64| {
            done.records
                .get(&(person.id, module))
                .map(Vec::as_slice)
                .unwrap_or_default()
        };
        let mut days = Vec::new();
        r.days_into(
            |id, out| out.extend(records_of(id).iter().map(|c| c.completed_on)),
            &mut days,
        );
        let (due_on, status) = status_of(person, coverage, r, &days, today);
        // The completion the status rests on: the same period the status rule found (for a
        // programme, the completion of the module that completed it).
        let last_completion = current_period(&days, r.api.recertification.as_ref(), today)
            .and_then(|p| {
                r.modules.iter().find_map(|(id, _)| {
                    records_of(*id)
                        .iter()
                        .rev()
                        .find(|c| c.completed_on == p.completed_on)
                })
            })
            .cloned();
        // Something to start again: the module, or a module of the programme, complete in
        // Kursbro now (one done elsewhere is simply done again), and still in the catalogue.
        let complete_now = r.published
            && r.modules
                .iter()
                .any(|(id, _)| done.complete_now.contains(&(person.id, *id)));
        out.push(PersonRequirement {
            requirement: r.api.clone(),
            due_on,
            status,
            last_completion,
            modules: r.modules.iter().map(|(_, m)| m.clone()).collect(),
            may_start_again: may_start_again(status, complete_now),
        });
    }
    out
}

/// A person with their organisation's unit tree: what their requirements are worked out
/// from, read once.
pub struct Person {
    row: PersonRow,
    tree: Tree,
}

impl Person {
    async fn load(db: &Db, person_id: i64) -> ApiResult<Person> {
        let row = store::compliance::people(db, Who::Person(person_id))
            .await?
            .pop()
            .ok_or(ApiError::NotFound("person"))?;
        let tree = Tree::of(db, row.organisation_id).await?;
        Ok(Person { row, tree })
    }

    /// Their requirements, red first, and every completion of a required module.
    pub async fn report(&self, db: &Db, today: NaiveDate) -> ApiResult<PersonCompliance> {
        let person = &self.row;
        let who = Who::Person(person.id);
        let org = person.organisation_id;
        let requirements = plan_requirements(db, org).await?;
        let done = completions(db, who, org, &requirements).await?;
        let path = self.tree.path(person.unit_id);
        let mut items = evaluate(person, &path, &requirements, &done, today);
        sort_requirements(&mut items);
        let mut history: Vec<CompletionRecord> = done.records.into_values().flatten().collect();
        history.sort_by(|a, b| {
            b.completed_on
                .cmp(&a.completed_on)
                .then(a.module.title.cmp(&b.module.title))
        });
        Ok(PersonCompliance {
            person: PersonRef {
                id: person.id,
                name: person.name.clone(),
                unit: person.unit_id.and_then(|u| self.tree.unit_ref(u)),
                profession: match person.profession_id {
                    Some(id) => profession_names(db, org).await?.remove(&id),
                    None => None,
                },
            },
            requirements: items,
            history,
        })
    }
}

/// One person's own requirements and history ("Mine krav").
pub async fn person(db: &Db, person_id: i64, today: NaiveDate) -> ApiResult<PersonCompliance> {
    Person::load(db, person_id).await?.report(db, today).await
}

/// Starts a module or programme the person completed in Kursbro again, to renew a
/// requirement on it: only when the shared rule allows it today (`may_start_again`). Their
/// completions are kept in the history and still count; the activities of the module (of
/// every module of the programme) start afresh, and they are enrolled in each.
pub async fn start_again(
    db: &Db,
    person_id: i64,
    target: &TargetSlug,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let person = Person::load(db, person_id).await?;
    let org = person.row.organisation_id;
    let requirements = plan_requirements(db, org).await?;
    let done = completions(db, Who::Person(person_id), org, &requirements).await?;
    let path = person.tree.path(person.row.unit_id);
    let open: HashSet<i64> = evaluate(&person.row, &path, &requirements, &done, now.date_naive())
        .into_iter()
        .filter(|r| r.may_start_again && r.requirement.target.draft() == *target)
        .map(|r| r.requirement.id)
        .collect();
    let modules: Vec<i64> = requirements
        .iter()
        .filter(|r| open.contains(&r.api.id))
        .flat_map(|r| r.modules.iter().map(|(id, _)| *id))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut tx = db.write().await?;
    let mut started = 0;
    for &module_id in &modules {
        // Two requests at once (a double tap): the second finds nothing complete to keep.
        if store::learning::start_again(&mut tx, person_id, module_id, now).await? {
            started += 1;
        }
        // Taking it again is taking it: enrolled (directly, unless a programme or cohort
        // has it already), so the work can be recorded.
        if !crate::learning::is_enrolled(&mut tx, person_id, module_id).await? {
            store::learning::enrol_module(&mut tx, person_id, module_id, now).await?;
        }
    }
    if started == 0 {
        return Err(ApiError::RenewalNotOpen);
    }
    tx.commit().await?;
    Ok(())
}

/// An organisation's professions by id.
async fn profession_names(db: &Db, organisation_id: i64) -> ApiResult<HashMap<i64, String>> {
    Ok(store::people::professions(db, organisation_id)
        .await?
        .into_iter()
        .map(|(id, _, name)| (id, name))
        .collect())
}

/// Whether `viewer` follows up the people of `unit` (of `tree`'s organisation): they lead it
/// or a unit above it, administer its organisation, or the platform.
fn follows(viewer: &AuthUser, tree: &Tree, unit: i64) -> bool {
    let Some(u) = tree.units.get(&unit) else {
        return false;
    };
    viewer.grants.platform_admin
        || (viewer.grants.admin && viewer.organisation.id == u.organisation_id)
        || {
            let path = tree.path(Some(unit));
            viewer.grants.leader_of.iter().any(|l| path.contains(&l.id))
        }
}

/// The person, if `viewer` follows them up; "no such person" otherwise (whether someone
/// exists elsewhere is not the viewer's to learn).
pub async fn followed_person(db: &Db, viewer: &AuthUser, person_id: i64) -> ApiResult<Person> {
    let person = Person::load(db, person_id).await?;
    match person.row.unit_id {
        Some(unit) if follows(viewer, &person.tree, unit) => Ok(person),
        _ => Err(ApiError::NotFound("person")),
    }
}

/// The units a viewer may open the dashboard for, in their own organisation: those they
/// lead, and its top units for an admin.
fn entry_units(viewer: &AuthUser, own: &Tree) -> Vec<UnitRef> {
    let mut units = viewer.grants.leader_of.clone();
    if viewer.grants.admin || viewer.grants.platform_admin {
        for top in own.tops() {
            if !units.contains(&top) {
                units.insert(0, top);
            }
        }
    }
    units
}

/// What a dashboard shows: whose, which people, which page.
#[derive(Debug, Clone, Default)]
pub struct DashboardQuery {
    /// Default: the first unit the viewer leads.
    pub unit: Option<i64>,
    /// Only people of this profession (by name): the summary and roll-ups count them only.
    pub profession: Option<String>,
    /// Only people whose worst status has this colour (the table only).
    pub status: Option<PeopleFilter>,
    pub offset: u32,
    /// `None`: every matching person (the CSV).
    pub limit: Option<u32>,
}

/// The people of one unit and one profession: the requirements that list them (index, and
/// whether it applies or is "not applicable") depend only on these two, so they are worked
/// out once per group, not once per person.
struct Group {
    unit: i64,
    profession: Option<i64>,
    covers: Vec<(usize, Coverage)>,
    /// Of the profession chosen (or any): counted in the summary and roll-ups.
    counted: bool,
}

/// Each person's completions of the required modules, in Kursbro or elsewhere, as
/// (module, day): each person's together, sorted by module and day. Just the days, which
/// is all a status needs.
struct PersonDays {
    entries: Vec<(i64, NaiveDate)>,
    /// Per person (in the order of the people read): where theirs are in `entries`.
    ranges: Vec<std::ops::Range<usize>>,
}

impl PersonDays {
    fn of(&self, person: usize) -> &[(i64, NaiveDate)] {
        &self.entries[self.ranges[person].clone()]
    }
}

/// Gathers [`PersonDays`] from the rows as the store hands them over: one person's rows of
/// one statement usually one after the other, the three statements one after the other.
struct PersonDaysReader<'a> {
    /// Person id → index in the people read.
    index: &'a HashMap<i64, usize>,
    entries: Vec<(i64, NaiveDate)>,
    /// (person, first entry) of each run of one person's rows.
    runs: Vec<(usize, usize)>,
    /// The person of the current run, and whether they are among the people read (someone
    /// who moved in between the two reads is left out).
    current: Option<(i64, bool)>,
}

impl<'a> PersonDaysReader<'a> {
    fn new(index: &'a HashMap<i64, usize>) -> Self {
        PersonDaysReader {
            index,
            entries: Vec::new(),
            runs: Vec::new(),
            current: None,
        }
    }

    fn push(&mut self, user: i64, module: i64, day: NaiveDate) {
        let keep = match self.current {
            Some((u, keep)) if u == user => keep,
            _ => {
                let person = self.index.get(&user).copied();
                if let Some(p) = person {
                    self.runs.push((p, self.entries.len()));
                }
                self.current = Some((user, person.is_some()));
                person.is_some()
            }
        };
        if keep {
            self.entries.push((module, day));
        }
    }

    /// Each person's runs put together and sorted; `people` is how many were read.
    fn finish(self, people: usize) -> PersonDays {
        let PersonDaysReader { entries, runs, .. } = self;
        let ends = runs.iter().skip(1).map(|r| r.1).chain([entries.len()]);
        let mut runs: Vec<(usize, std::ops::Range<usize>)> = runs
            .iter()
            .zip(ends)
            .map(|(&(person, start), end)| (person, start..end))
            .collect();
        runs.sort_by_key(|(person, _)| *person);
        let mut out = Vec::with_capacity(entries.len());
        let mut ranges = vec![0..0; people];
        for same in runs.chunk_by(|a, b| a.0 == b.0) {
            let start = out.len();
            for (_, run) in same {
                out.extend_from_slice(&entries[run.clone()]);
            }
            let mine = &mut out[start..];
            if !mine.is_sorted() {
                mine.sort_unstable();
            }
            ranges[same[0].0] = start..out.len();
        }
        PersonDays {
            entries: out,
            ranges,
        }
    }
}

/// A person's status of each requirement that lists them (`covers`, in its order), from
/// their completion days (`mine`, sorted by module and day).
fn cells_of(
    person: &PersonRow,
    covers: &[(usize, Coverage)],
    requirements: &[PlanRequirement],
    mine: &[(i64, NaiveDate)],
    today: NaiveDate,
    module_days: &mut Vec<NaiveDate>,
) -> Vec<Option<RequirementStatus>> {
    // Most requirements share a due rule (so many days after joining).
    let mut due: Option<(DueRule, NaiveDate)> = None;
    covers
        .iter()
        .map(|&(i, coverage)| {
            let r = &requirements[i];
            let due_on = match due {
                Some((rule, on)) if rule == r.api.due => on,
                _ => {
                    let on = r.api.due.due_on(person.joined_on);
                    due = Some((r.api.due, on));
                    on
                }
            };
            // A module's days: a run of the sorted list.
            r.days_into(
                |module, out| {
                    let start = mine.partition_point(|(m, _)| *m < module);
                    out.extend(
                        mine[start..]
                            .iter()
                            .take_while(|(m, _)| *m == module)
                            .map(|(_, d)| *d),
                    );
                },
                module_days,
            );
            Some(status_due_on(due_on, coverage, r, module_days, today))
        })
        .collect()
}

/// What a dashboard's statuses are worked out from, read once; the work is done in parts
/// (see [`Everyone::parts`]).
struct Everyone<'a> {
    organisation_id: i64,
    /// The dashboard's unit.
    root: i64,
    /// It and every unit below it.
    units: &'a [UnitNode],
    people: &'a [PersonRow],
    /// Person id → index in `people`.
    index: &'a HashMap<i64, usize>,
    groups: &'a [Group],
    /// Each person's group.
    group_of: &'a [usize],
    requirements: &'a [PlanRequirement],
    today: NaiveDate,
}

/// Some of the people of a dashboard, with their statuses and the roll-ups of those counted.
struct Part {
    /// Indices in the people: those counted (of the profession chosen) first.
    persons: Vec<usize>,
    /// How many of `persons` are counted.
    counted: usize,
    /// Their rows for the roll-ups: each person's cells are only those of their group's
    /// requirements, in its order.
    rows: Vec<DashboardPerson>,
    /// Each person's colour (by their worst status).
    colours: Vec<StatusColour>,
    summary: Tally,
    /// Per requirement (index in all the organisation's requirements).
    by_requirement: Vec<Tally>,
    by_unit: Vec<(i64, Tally)>,
}

impl Everyone<'_> {
    fn reader(&self) -> PersonDaysReader<'_> {
        PersonDaysReader::new(self.index)
    }

    /// Works out a part: `persons` (indices in the people), from their completion days.
    fn part(&self, days: &PersonDays, mut persons: Vec<usize>) -> Part {
        persons.sort_by_key(|&k| !self.groups[self.group_of[k]].counted);
        let counted = persons
            .iter()
            .take_while(|&&k| self.groups[self.group_of[k]].counted)
            .count();
        let mut module_days = Vec::new();
        let rows: Vec<DashboardPerson> = persons
            .iter()
            .map(|&k| {
                let p = &self.people[k];
                let group = &self.groups[self.group_of[k]];
                DashboardPerson {
                    id: p.id,
                    name: String::new(),
                    unit_id: group.unit,
                    profession: None,
                    cells: cells_of(
                        p,
                        &group.covers,
                        self.requirements,
                        days.of(k),
                        self.today,
                        &mut module_days,
                    ),
                }
            })
            .collect();
        let colours = rows.iter().map(|r| person_colour(&r.cells)).collect();
        // Cells per requirement, a group at a time: its people have the same columns.
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); self.groups.len()];
        for (j, &k) in persons[..counted].iter().enumerate() {
            members[self.group_of[k]].push(j);
        }
        let mut by_requirement = vec![Tally::default(); self.requirements.len()];
        for (group, mine) in self.groups.iter().zip(&members) {
            if mine.is_empty() {
                continue;
            }
            let tallies = per_requirement(group.covers.len(), mine.iter().map(|&j| &rows[j]));
            for (&(i, _), t) in group.covers.iter().zip(tallies) {
                by_requirement[i].add_tally(t);
            }
        }
        Part {
            summary: summary(&rows[..counted]),
            by_unit: per_sub_unit(self.root, self.units, &rows[..counted]),
            by_requirement,
            colours,
            rows,
            counted,
            persons,
        }
    }

    /// The part of `persons`, the people of `units`, read on a direct SQLite connection of
    /// this thread's own.
    fn part_blocking(&self, db: &Db, units: &[i64], persons: Vec<usize>) -> ApiResult<Part> {
        let mut reader = self.reader();
        store::compliance::completion_days_blocking(
            db,
            Who::Units(units),
            self.organisation_id,
            |u, m, d| reader.push(u, m, d),
        )
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no direct SQLite connection")))??;
        let days = reader.finish(self.people.len());
        Ok(self.part(&days, persons))
    }

    /// Everyone, in one part or two. On a SQLite file with many people, and a machine with
    /// two cores or more, two parts (units with about half the people each) are read and
    /// worked out at the same time, on this thread and a second one, each on a direct
    /// connection of its own (BENCHMARKS.md: 50,000 people in a little more than half
    /// the time). Otherwise in one part, on this thread.
    async fn parts(&self, db: &Db, units: &[i64]) -> ApiResult<Vec<Part>> {
        let n = self.people.len();
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        let halves = (store::compliance::reads_directly(db) && n >= SPLIT_FROM && cores > 1)
            .then(|| self.halves(units))
            .flatten();
        let Some([a, b]) = halves else {
            let mut reader = self.reader();
            store::compliance::completion_days(
                db,
                Who::Units(units),
                self.organisation_id,
                |u, m, d| reader.push(u, m, d),
            )
            .await?;
            let days = reader.finish(n);
            return Ok(vec![self.part(&days, (0..n).collect())]);
        };
        let Half {
            units: units_a,
            persons: persons_a,
        } = a;
        std::thread::scope(|s| {
            let other = std::thread::Builder::new()
                .name("dashboard-part".into())
                .spawn_scoped(s, || self.part_blocking(db, &units_a, persons_a));
            let mine = self.part_blocking(db, &b.units, b.persons)?;
            let theirs = match other {
                Ok(handle) => handle.join().map_err(|_| {
                    ApiError::Internal(anyhow::anyhow!("the dashboard's second thread panicked"))
                })??,
                // No second thread to be had: this one does both.
                Err(_) => self.part_blocking(db, &units_a, self.people_of(&units_a))?,
            };
            Ok(vec![mine, theirs])
        })
    }

    /// The people of `units` (indices).
    fn people_of(&self, units: &[i64]) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&k| units.contains(&self.groups[self.group_of[k]].unit))
            .collect()
    }

    /// `units` in two parts with about half the people each (in the order given, each unit
    /// whole); `None` when one would have nobody.
    fn halves(&self, units: &[i64]) -> Option<[Half; 2]> {
        let mut per_unit: HashMap<i64, Vec<usize>> = HashMap::new();
        for k in 0..self.people.len() {
            per_unit
                .entry(self.groups[self.group_of[k]].unit)
                .or_default()
                .push(k);
        }
        let half = self.people.len() / 2;
        let mut parts = [Half::default(), Half::default()];
        for &unit in units {
            let part = if parts[0].persons.len() < half { 0 } else { 1 };
            parts[part].units.push(unit);
            if let Some(persons) = per_unit.get(&unit) {
                parts[part].persons.extend_from_slice(persons);
            }
        }
        parts.iter().all(|p| !p.persons.is_empty()).then_some(parts)
    }
}

/// Units and their people (indices), one of the two parts of a dashboard.
#[derive(Default)]
struct Half {
    units: Vec<i64>,
    persons: Vec<usize>,
}

/// From this many people on, a dashboard on a SQLite file is worked out in two parts at the
/// same time (see [`Everyone::parts`]).
const SPLIT_FROM: usize = 1_000;

/// [`dashboard`], worked out on a thread of tokio's blocking pool. For a large organisation
/// its reads on a direct SQLite connection (which block the thread they run on, and a
/// second thread of its own for half the people) and its million statuses take a few
/// hundred milliseconds: on one of the runtime's few worker threads they would hold up
/// every request waiting behind them.
pub async fn dashboard_off_the_runtime(
    db: &Db,
    viewer: &AuthUser,
    q: &DashboardQuery,
    today: NaiveDate,
) -> ApiResult<Dashboard> {
    let (db, viewer, q) = (db.clone(), viewer.clone(), q.clone());
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        runtime.block_on(async { dashboard(&db, &viewer, &q, today).await })
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("the dashboard's thread: {e}")))?
}

/// The dashboard for a unit and everyone below it. A unit the viewer does not follow up is
/// "not found". Every status, and the summary and roll-ups, come from the shared rules; the
/// work is a fixed number of queries whatever the number of people.
///
/// Everyone's statuses are worked out (the summary and roll-ups count them), but each
/// person's only for the requirements that list them; a whole row, one cell per column, is
/// made only for the people on the page returned.
pub async fn dashboard(
    db: &Db,
    viewer: &AuthUser,
    q: &DashboardQuery,
    today: NaiveDate,
) -> ApiResult<Dashboard> {
    let own = Tree::of(db, viewer.organisation.id).await?;
    let led_units = entry_units(viewer, &own);
    let unit_id = match q.unit {
        Some(id) => id,
        None => led_units.first().ok_or(ApiError::NotFound("unit"))?.id,
    };
    // Usually a unit of the viewer's own organisation, whose tree is already read.
    let (organisation_id, tree) = if own.units.contains_key(&unit_id) {
        (viewer.organisation.id, own)
    } else {
        let organisation_id = store::compliance::unit(db, unit_id)
            .await?
            .ok_or(ApiError::NotFound("unit"))?
            .organisation_id;
        (organisation_id, Tree::of(db, organisation_id).await?)
    };
    if !follows(viewer, &tree, unit_id) {
        return Err(ApiError::NotFound("unit"));
    }
    let units = tree.subtree(unit_id);
    let unit_ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let people = store::compliance::people(db, Who::Units(&unit_ids)).await?;
    let requirements = plan_requirements(db, organisation_id).await?;
    let names = profession_names(db, organisation_id).await?;

    let in_profession = |profession: Option<i64>| match &q.profession {
        None => true,
        Some(name) => profession.and_then(|id| names.get(&id)) == Some(name),
    };
    // Each person's group.
    let mut groups: Vec<Group> = Vec::new();
    let mut group_index: HashMap<(i64, Option<i64>), usize> = HashMap::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(people.len());
    for p in &people {
        let unit = p.unit_id.unwrap_or(unit_id);
        let g = *group_index
            .entry((unit, p.profession_id))
            .or_insert_with(|| {
                let path = tree.path(Some(unit));
                groups.push(Group {
                    unit,
                    profession: p.profession_id,
                    covers: requirements
                        .iter()
                        .enumerate()
                        .map(|(i, r)| (i, r.scope.coverage(&path, p.profession_id)))
                        .filter(|(_, c)| *c != Coverage::Outside)
                        .collect(),
                    counted: in_profession(p.profession_id),
                });
                groups.len() - 1
            });
        group_of.push(g);
    }
    let index: HashMap<i64, usize> = people.iter().enumerate().map(|(k, p)| (p.id, k)).collect();
    let parts = Everyone {
        organisation_id,
        root: unit_id,
        units: &units,
        people: &people,
        index: &index,
        groups: &groups,
        group_of: &group_of,
        requirements: &requirements,
        today,
    }
    .parts(db, &unit_ids)
    .await?;

    // Only the requirements that list someone here are columns.
    let mut column: Vec<Option<usize>> = vec![None; requirements.len()];
    for g in &groups {
        for &(i, _) in &g.covers {
            column[i] = Some(0);
        }
    }
    let mut columns = 0;
    for c in column.iter_mut().flatten() {
        *c = columns;
        columns += 1;
    }
    let mut professions: Vec<String> = groups
        .iter()
        .filter_map(|g| names.get(&g.profession?).cloned())
        .collect();
    professions.sort();
    professions.dedup();

    // The parts' roll-ups added up.
    let mut everyone = Tally::default();
    let mut by_requirement = vec![Tally::default(); columns];
    // Each part has the same sub-units, in the same order.
    let mut by_unit: Vec<UnitTally> = parts[0]
        .by_unit
        .iter()
        .map(|&(unit_id, _)| UnitTally {
            unit_id,
            tally: Tally::default(),
        })
        .collect();
    // Where each person is: (part, position in it).
    let mut at: Vec<(usize, usize)> = vec![(0, 0); people.len()];
    for (x, part) in parts.iter().enumerate() {
        everyone.add_tally(part.summary);
        for (i, t) in part.by_requirement.iter().enumerate() {
            if let Some(c) = column[i] {
                by_requirement[c].add_tally(*t);
            }
        }
        for (u, (_, t)) in by_unit.iter_mut().zip(&part.by_unit) {
            u.tally.add_tally(*t);
        }
        for (j, &k) in part.persons.iter().enumerate() {
            at[k] = (x, j);
        }
    }
    // The table: those counted whose worst status has the colour asked for, by name.
    let shown: Vec<usize> = (0..people.len())
        .filter(|&k| {
            let (x, j) = at[k];
            j < parts[x].counted && q.status.is_none_or(|f| parts[x].colours[j] == f.colour())
        })
        .collect();
    let matching = u32::try_from(shown.len()).unwrap_or(u32::MAX);
    let offset = q.offset.min(matching);
    // The page's rows in full: one cell per column.
    let page: Vec<DashboardPerson> = shown
        .iter()
        .skip(offset as usize)
        .take(q.limit.map_or(usize::MAX, |l| l as usize))
        .map(|&k| {
            let (x, j) = at[k];
            let p = &people[k];
            let row = &parts[x].rows[j];
            let mut cells = vec![None; columns];
            for (&(i, _), cell) in groups[group_of[k]].covers.iter().zip(&row.cells) {
                if let Some(c) = column[i] {
                    cells[c] = *cell;
                }
            }
            DashboardPerson {
                id: p.id,
                name: p.name.clone(),
                unit_id: row.unit_id,
                profession: p.profession_id.and_then(|id| names.get(&id).cloned()),
                cells,
            }
        })
        .collect();
    let requirements: Vec<Requirement> = requirements
        .into_iter()
        .zip(&column)
        .filter(|(_, c)| c.is_some())
        .map(|(r, _)| r.api)
        .collect();
    Ok(Dashboard {
        unit: tree.unit_ref(unit_id).ok_or(ApiError::NotFound("unit"))?,
        led_units,
        units,
        requirements,
        professions,
        summary: everyone,
        by_requirement,
        by_unit,
        matching,
        offset,
        people: page,
        today,
    })
}

/// The dashboard as CSV, with the cohort export's conventions (UTF-8 with a byte-order
/// mark, `;` by default): one row per person, one column per requirement, each cell the
/// status in words.
pub fn dashboard_csv(d: &Dashboard, separator: Separator, lang: Lang) -> ApiResult<Vec<u8>> {
    let mut out = Vec::with_capacity(64 * (d.people.len() + 1));
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator.byte())
        .from_writer(out);
    let [name, unit, profession] = texts::compliance_columns(lang);
    let header: Vec<String> = [name, unit, profession]
        .into_iter()
        .map(str::to_string)
        .chain(
            d.requirements
                .iter()
                .map(|r| format!("{} ({})", r.target.title(), r.plan.name)),
        )
        .collect();
    write_safe(&mut w, &header)?;
    let unit_names: HashMap<i64, &str> = d.units.iter().map(|u| (u.id, u.name.as_str())).collect();
    for p in &d.people {
        let mut record = vec![
            p.name.clone(),
            unit_names
                .get(&p.unit_id)
                .copied()
                .unwrap_or_default()
                .to_string(),
            p.profession.clone().unwrap_or_default(),
        ];
        record.extend(p.cells.iter().map(|c| {
            c.map(|s| texts::requirement_status(lang, s))
                .unwrap_or_default()
        }));
        write_safe(&mut w, &record)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("csv: {e}")))
}

/// Registers and approves a completion made outside Kursbro for one of the viewer's
/// people. The module must be one of that person's requirements.
pub async fn approve_external(
    db: &Db,
    viewer: &AuthUser,
    person_id: i64,
    req: &ExternalCompletionRequest,
) -> ApiResult<PersonCompliance> {
    let today = Utc::now().date_naive();
    // Whether the person is the viewer's to follow up comes first: someone else's people
    // are "not found", whatever the body says.
    let person = followed_person(db, viewer, person_id).await?;
    validate_external_completion(req, today)?;
    // A requirement that lists the person (as "Mine krav" would) names the module.
    let path = person.tree.path(person.row.unit_id);
    let module_id = plan_requirements(db, person.row.organisation_id)
        .await?
        .iter()
        .find(|r| {
            r.has_module(&req.module)
                && r.scope.coverage(&path, person.row.profession_id) != Coverage::Outside
        })
        .and_then(|r| r.modules.iter().find(|(_, m)| m.slug == req.module))
        .map(|(id, _)| *id)
        .ok_or_else(|| ApiError::Unprocessable {
            field: "module",
            message: "This module is not one of the person's requirements.".into(),
        })?;
    let mut tx = db.write().await?;
    store::compliance::insert_external_completion(
        &mut tx,
        person.row.id,
        module_id,
        req.completed_on,
        req.note.trim(),
        viewer.id,
        Utc::now(),
    )
    .await?;
    tx.commit().await?;
    person.report(db, today).await
}
