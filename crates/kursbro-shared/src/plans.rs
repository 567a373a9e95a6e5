//! Making and changing competence plans: what a plan may hold, checked by the server on
//! every write and by the app's plan editor before it sends. Who a plan covers and the
//! statuses it gives are in [`crate::compliance`] and [`crate::training`].

use chrono::Datelike;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::UnitRef;
use crate::compliance::{DueRule, Target, TargetSlug, UnitNode};
use crate::training::{Recertification, RecertifyFrom};
use crate::validation::{check_text, validate_slug, FieldError, Problem};

/// Longest plan name, in characters.
pub const PLAN_NAME_MAX_CHARS: usize = 120;
/// Most requirements one plan may list.
pub const PLAN_REQUIREMENTS_MAX: usize = 50;
/// Most professions a plan may be limited to.
pub const PLAN_PROFESSIONS_MAX: usize = 50;
/// Longest "due within N days of joining" (ten years).
pub const DUE_DAYS_MAX: u32 = 3650;
/// Longest validity of a recurring requirement, in months (ten years).
pub const PERIOD_MONTHS_MAX: u32 = 120;
/// Longest renewal window, in days.
pub const WINDOW_DAYS_MAX: u32 = 365;
/// Fixed due dates are within these years.
pub const DUE_YEARS: (i32, i32) = (2000, 2100);

/// One requirement as the plan editor sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RequirementDraft {
    /// `"module": "slug"` or `"programme": "slug"`: a published module or programme of the
    /// catalogue.
    #[serde(flatten)]
    pub target: TargetSlug,
    pub due: DueRule,
    /// `None`: completing it once is enough.
    pub recertification: Option<Recertification>,
}

/// Body of `POST /api/v1/plans` and `PUT /api/v1/plans/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanDraft {
    /// Visible text, no control characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub name: String,
    /// `None`: a central plan for the whole organisation (admins only); otherwise a unit
    /// of the organisation the asker leads or administers.
    pub unit_id: Option<i64>,
    /// For a unit plan: whether the units below it are covered too.
    pub include_sub_units: bool,
    /// Professions of the organisation the plan is limited to; empty: everyone.
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub profession_ids: Vec<i64>,
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub requirements: Vec<RequirementDraft>,
}

/// What is wrong with a plan: a field of the plan, or of one of its requirements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanError {
    /// The requirement (0-based, in the draft's order), when the error is about one.
    pub requirement: Option<usize>,
    pub error: FieldError,
}

impl PlanError {
    fn plan(field: &'static str, problem: Problem) -> Self {
        PlanError {
            requirement: None,
            error: FieldError { field, problem },
        }
    }

    fn at(i: usize, field: &'static str, problem: Problem) -> Self {
        PlanError {
            requirement: Some(i),
            error: FieldError { field, problem },
        }
    }

    /// The field as the API names it: `name`, or `requirements[2].window_days`.
    pub fn path(&self) -> String {
        match self.requirement {
            None => self.error.field.to_string(),
            Some(i) => format!("requirements[{i}].{}", self.error.field),
        }
    }

    /// English text for the API's `message`.
    pub fn message(&self) -> String {
        match self.requirement {
            None => self.error.message(),
            Some(i) => format!("Requirement {}: {}", i + 1, self.error.message()),
        }
    }
}

fn range(value: u32, min: u32, max: u32) -> Result<(), Problem> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(Problem::OutOfRange {
            min: u64::from(min),
            max: u64::from(max),
        })
    }
}

/// Days in `month` of a leap year (29 February is a valid fixed day: it falls on 28
/// February in other years).
fn days_in_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Checks one requirement; the error names the requirement's own field.
pub fn validate_requirement(r: &RequirementDraft) -> Result<(), FieldError> {
    let err = |field, problem| FieldError { field, problem };
    validate_slug(r.target.slug()).map_err(|e| err(r.target.field(), e.problem))?;
    match r.due {
        DueRule::AfterJoining { days } => {
            range(days, 0, DUE_DAYS_MAX).map_err(|p| err("due_days", p))?;
        }
        DueRule::By { date } => {
            let (from, to) = DUE_YEARS;
            if !(from..=to).contains(&date.year()) {
                return Err(err(
                    "due_date",
                    Problem::OutOfRange {
                        min: from as u64,
                        max: to as u64,
                    },
                ));
            }
        }
    }
    if let Some(rule) = &r.recertification {
        range(rule.period_months, 1, PERIOD_MONTHS_MAX).map_err(|p| err("period_months", p))?;
        range(rule.window_days, 0, WINDOW_DAYS_MAX).map_err(|p| err("window_days", p))?;
        if let RecertifyFrom::FixedDate {
            month,
            day,
            min_validity_months,
        } = rule.from
        {
            range(month, 1, 12).map_err(|p| err("fixed_month", p))?;
            range(day, 1, days_in_month(month)).map_err(|p| err("fixed_day", p))?;
            range(min_validity_months, 0, rule.period_months)
                .map_err(|p| err("min_validity_months", p))?;
        }
    }
    Ok(())
}

/// Checks a plan: a name, a few distinct professions, one to
/// [`PLAN_REQUIREMENTS_MAX`] requirements of distinct modules and programmes, each with
/// sensible numbers. Whether the unit, professions, modules and programmes exist (and the asker may use them) is the
/// server's to check against its data.
pub fn validate_plan(d: &PlanDraft) -> Result<(), PlanError> {
    check_text("name", &d.name, PLAN_NAME_MAX_CHARS)
        .map_err(|e| PlanError::plan(e.field, e.problem))?;
    if d.profession_ids.len() > PLAN_PROFESSIONS_MAX {
        return Err(PlanError::plan(
            "profession_ids",
            Problem::TooLong {
                max: PLAN_PROFESSIONS_MAX,
            },
        ));
    }
    if has_duplicates(d.profession_ids.iter()) {
        return Err(PlanError::plan("profession_ids", Problem::Duplicate));
    }
    if d.requirements.is_empty() {
        return Err(PlanError::plan("requirements", Problem::Required));
    }
    if d.requirements.len() > PLAN_REQUIREMENTS_MAX {
        return Err(PlanError::plan(
            "requirements",
            Problem::TooLong {
                max: PLAN_REQUIREMENTS_MAX,
            },
        ));
    }
    for (i, r) in d.requirements.iter().enumerate() {
        validate_requirement(r).map_err(|e| PlanError::at(i, e.field, e.problem))?;
        if d.requirements[..i].iter().any(|o| o.target == r.target) {
            return Err(PlanError::at(i, r.target.field(), Problem::Duplicate));
        }
    }
    Ok(())
}

fn has_duplicates<'a, T: PartialEq + 'a>(items: impl Iterator<Item = &'a T> + Clone) -> bool {
    items
        .clone()
        .enumerate()
        .any(|(i, a)| items.clone().take(i).any(|b| b == a))
}

/// A profession of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProfessionRef {
    pub id: i64,
    pub name: String,
}

/// One requirement of a plan as the plan pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PlanRequirement {
    #[serde(flatten)]
    pub target: Target,
    pub due: DueRule,
    pub recertification: Option<Recertification>,
}

/// A competence plan with its requirements and whom it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Plan {
    pub id: i64,
    pub name: String,
    /// `None`: a central plan (the whole organisation).
    pub unit: Option<UnitRef>,
    pub include_sub_units: bool,
    /// Empty: every profession.
    pub professions: Vec<ProfessionRef>,
    pub requirements: Vec<PlanRequirement>,
    /// Active people the plan applies to (in its units, of its professions).
    pub applies_to: u32,
    /// Whether the asker may change or delete it.
    pub may_edit: bool,
}

impl Plan {
    /// The plan as its editor starts from.
    pub fn draft(&self) -> PlanDraft {
        PlanDraft {
            name: self.name.clone(),
            unit_id: self.unit.as_ref().map(|u| u.id),
            include_sub_units: self.include_sub_units,
            profession_ids: self.professions.iter().map(|p| p.id).collect(),
            requirements: self
                .requirements
                .iter()
                .map(|r| RequirementDraft {
                    target: r.target.draft(),
                    due: r.due,
                    recertification: r.recertification,
                })
                .collect(),
        }
    }
}

/// `GET /api/v1/plans`: the plans that cover the asker's units (an admin: every plan of
/// the organisation), and what a new plan may be made for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Plans {
    /// Central plans first, then unit plans by unit and name.
    pub plans: Vec<Plan>,
    /// Units the asker may make a plan for, each before the units below it.
    pub units: Vec<UnitNode>,
    /// The organisation's professions, by name.
    pub professions: Vec<ProfessionRef>,
    /// Whether the asker may make central plans (admins).
    pub may_create_central: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ModuleRef, ProgrammeRef};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cpr() -> RequirementDraft {
        RequirementDraft {
            target: TargetSlug::Module("hjerte-lunge-redning".into()),
            due: DueRule::AfterJoining { days: 30 },
            recertification: Some(Recertification {
                period_months: 12,
                from: RecertifyFrom::CompletionDate,
                window_days: 60,
            }),
        }
    }

    fn plan() -> PlanDraft {
        PlanDraft {
            name: "Obligatorisk opplæring".into(),
            unit_id: None,
            include_sub_units: true,
            profession_ids: vec![1, 2],
            requirements: vec![
                cpr(),
                RequirementDraft {
                    target: TargetSlug::Programme("introduksjon".into()),
                    due: DueRule::By {
                        date: d(2027, 3, 1),
                    },
                    recertification: None,
                },
            ],
        }
    }

    fn fails(draft: PlanDraft) -> (Option<usize>, &'static str, Problem) {
        let e = validate_plan(&draft).unwrap_err();
        (e.requirement, e.error.field, e.error.problem)
    }

    #[test]
    fn a_plan_has_a_name_and_requirements_of_distinct_modules() {
        assert_eq!(validate_plan(&plan()), Ok(()));
        assert_eq!(
            fails(PlanDraft {
                name: " ".into(),
                ..plan()
            }),
            (None, "name", Problem::Required)
        );
        assert_eq!(
            fails(PlanDraft {
                requirements: vec![],
                ..plan()
            }),
            (None, "requirements", Problem::Required)
        );
        assert_eq!(
            fails(PlanDraft {
                requirements: vec![cpr(), cpr()],
                ..plan()
            }),
            (Some(1), "module", Problem::Duplicate)
        );
        // A programme may be required beside a module of the same name, but only once.
        let intro = || RequirementDraft {
            target: TargetSlug::Programme("hjerte-lunge-redning".into()),
            ..cpr()
        };
        assert_eq!(
            validate_plan(&PlanDraft {
                requirements: vec![cpr(), intro()],
                ..plan()
            }),
            Ok(())
        );
        assert_eq!(
            fails(PlanDraft {
                requirements: vec![cpr(), intro(), intro()],
                ..plan()
            }),
            (Some(2), "programme", Problem::Duplicate)
        );
        assert_eq!(
            fails(PlanDraft {
                profession_ids: vec![3, 4, 3],
                ..plan()
            }),
            (None, "profession_ids", Problem::Duplicate)
        );
        assert_eq!(
            fails(PlanDraft {
                requirements: vec![cpr(); PLAN_REQUIREMENTS_MAX + 1],
                ..plan()
            }),
            (
                None,
                "requirements",
                Problem::TooLong {
                    max: PLAN_REQUIREMENTS_MAX
                }
            )
        );
    }

    #[test]
    fn requirement_numbers_are_checked_and_named() {
        let with = |f: fn(&mut RequirementDraft)| {
            let mut p = plan();
            f(&mut p.requirements[0]);
            fails(p)
        };
        assert_eq!(
            with(|r| r.target = TargetSlug::Module("Hjerte lunge".into())),
            (Some(0), "module", Problem::Malformed)
        );
        assert_eq!(
            with(|r| r.due = DueRule::AfterJoining { days: 3651 }).1,
            "due_days"
        );
        assert_eq!(
            with(|r| r.due = DueRule::By {
                date: d(1999, 12, 31)
            })
            .1,
            "due_date"
        );
        assert_eq!(
            with(|r| r.recertification.as_mut().unwrap().period_months = 0),
            (
                Some(0),
                "period_months",
                Problem::OutOfRange { min: 1, max: 120 }
            )
        );
        assert_eq!(
            with(|r| r.recertification.as_mut().unwrap().window_days = 400).1,
            "window_days"
        );
        let fixed = |month, day, min_validity_months| {
            move |r: &mut RequirementDraft| {
                r.recertification.as_mut().unwrap().from = RecertifyFrom::FixedDate {
                    month,
                    day,
                    min_validity_months,
                }
            }
        };
        let mut p = plan();
        fixed(2, 29, 6)(&mut p.requirements[0]);
        assert_eq!(validate_plan(&p), Ok(()), "29 February is a fixed day");
        fixed(4, 31, 6)(&mut p.requirements[0]);
        assert_eq!(fails(p.clone()).1, "fixed_day");
        fixed(13, 1, 6)(&mut p.requirements[0]);
        assert_eq!(fails(p.clone()).1, "fixed_month");
        fixed(1, 1, 13)(&mut p.requirements[0]);
        assert_eq!(
            fails(p.clone()),
            (
                Some(0),
                "min_validity_months",
                Problem::OutOfRange { min: 0, max: 12 }
            )
        );
        let e = validate_plan(&p).unwrap_err();
        assert_eq!(e.path(), "requirements[0].min_validity_months");
        assert!(
            e.message().starts_with("Requirement 1: "),
            "{}",
            e.message()
        );
    }

    #[test]
    fn a_plan_edits_as_the_draft_it_was_made_from() {
        let draft = plan();
        let shown = Plan {
            id: 7,
            name: draft.name.clone(),
            unit: None,
            include_sub_units: true,
            professions: vec![
                ProfessionRef {
                    id: 1,
                    name: "Sykepleier".into(),
                },
                ProfessionRef {
                    id: 2,
                    name: "Helsefagarbeider".into(),
                },
            ],
            requirements: draft
                .requirements
                .iter()
                .map(|r| PlanRequirement {
                    target: match &r.target {
                        TargetSlug::Module(slug) => Target::Module(ModuleRef {
                            slug: slug.clone(),
                            title: slug.to_uppercase(),
                        }),
                        TargetSlug::Programme(slug) => Target::Programme(ProgrammeRef {
                            slug: slug.clone(),
                            title: slug.to_uppercase(),
                        }),
                    },
                    due: r.due,
                    recertification: r.recertification,
                })
                .collect(),
            applies_to: 3,
            may_edit: true,
        };
        assert_eq!(shown.draft(), draft);
    }

    #[test]
    fn a_requirement_names_a_module_or_a_programme_by_one_key() {
        let module: RequirementDraft = serde_json::from_value(serde_json::json!({
            "module": "smittevern",
            "due": { "rule": "after_joining", "days": 30 },
            "recertification": null
        }))
        .unwrap();
        assert_eq!(module.target, TargetSlug::Module("smittevern".into()));
        let programme = RequirementDraft {
            target: TargetSlug::Programme("introduksjon".into()),
            ..module.clone()
        };
        let json = serde_json::to_value(&programme).unwrap();
        assert_eq!(json["programme"], "introduksjon");
        assert!(json.get("module").is_none());
        assert_eq!(
            serde_json::from_value::<RequirementDraft>(json).unwrap(),
            programme
        );
    }
}
