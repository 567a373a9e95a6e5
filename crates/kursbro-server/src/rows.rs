//! Database rows and their conversion into API types. Rows mirror the tables; API types
//! mirror the contract. A row that cannot be converted is corrupt data: an internal error.

use kursbro_shared::api::{
    ActivityKind, ModuleKind, ModuleSummary, OrganisationKind, OrganisationRef, UnitRef,
    UserSummary,
};

use crate::error::ApiError;

pub fn corrupt(what: &str) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("corrupt row: {what}"))
}

fn to_u32(v: i64, what: &str) -> Result<u32, ApiError> {
    u32::try_from(v).map_err(|_| corrupt(what))
}

pub fn org_ref(id: i64, name: String, kind: &str) -> Result<OrganisationRef, ApiError> {
    Ok(OrganisationRef {
        id,
        name,
        kind: OrganisationKind::parse(kind).ok_or_else(|| corrupt("organisation kind"))?,
    })
}

pub fn activity_kind(s: &str) -> Result<ActivityKind, ApiError> {
    ActivityKind::parse(s).ok_or_else(|| corrupt("activity kind"))
}

/// A module with its provider and number of activities.
#[derive(sqlx::FromRow)]
pub struct ModuleRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub kind: String,
    pub theme: String,
    pub language: String,
    pub credits: Option<f64>,
    pub estimated_hours: i64,
    pub validity_months: Option<i64>,
    pub provider_id: i64,
    pub provider_name: String,
    pub provider_kind: String,
    pub activity_count: i64,
}

crate::lite_row!(ModuleRow {
    id,
    slug,
    title,
    summary,
    description,
    kind,
    theme,
    language,
    credits,
    estimated_hours,
    validity_months,
    provider_id,
    provider_name,
    provider_kind,
    activity_count,
});

impl ModuleRow {
    pub fn into_summary(self) -> Result<ModuleSummary, ApiError> {
        Ok(ModuleSummary {
            kind: ModuleKind::parse(&self.kind).ok_or_else(|| corrupt("module kind"))?,
            estimated_hours: to_u32(self.estimated_hours, "estimated_hours")?,
            validity_months: self
                .validity_months
                .map(|v| to_u32(v, "validity_months"))
                .transpose()?,
            activity_count: to_u32(self.activity_count, "activity_count")?,
            provider: org_ref(self.provider_id, self.provider_name, &self.provider_kind)?,
            credits: self.credits.map(|c| c as f32),
            slug: self.slug,
            title: self.title,
            summary: self.summary,
            theme: self.theme,
            language: self.language,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct ActivityRow {
    pub id: i64,
    pub position: i64,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: i64,
    pub body_html: String,
    pub external_url: Option<String>,
    pub video_url: Option<String>,
    pub pass_mark_percent: i64,
    /// A gathering step's gathering (its first session's id).
    pub gathering_id: Option<i64>,
}

crate::lite_row!(ActivityRow {
    id,
    position,
    kind,
    title,
    summary,
    estimated_minutes,
    body_html,
    external_url,
    video_url,
    pass_mark_percent,
    gathering_id,
});

/// The listing fields of an activity, checked.
pub struct ActivitySummary {
    pub id: i64,
    pub position: u32,
    pub kind: ActivityKind,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: u32,
}

impl ActivityRow {
    pub fn into_summary(self) -> Result<ActivitySummary, ApiError> {
        Ok(ActivitySummary {
            id: self.id,
            position: to_u32(self.position, "activity position")?,
            kind: ActivityKind::parse(&self.kind).ok_or_else(|| corrupt("activity kind"))?,
            title: self.title,
            summary: self.summary,
            estimated_minutes: to_u32(self.estimated_minutes, "estimated_minutes")?,
        })
    }
}

/// A person with their organisation, unit and profession.
#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub profession: Option<String>,
    /// Has a facilitator or platform-admin grant.
    pub may_facilitate: bool,
}

impl UserRow {
    pub fn unit(&self) -> Option<UnitRef> {
        Some(UnitRef {
            id: self.unit_id?,
            name: self.unit_name.clone()?,
        })
    }

    pub fn into_summary(self) -> Result<UserSummary, ApiError> {
        Ok(UserSummary {
            organisation: org_ref(self.org_id, self.org_name, &self.org_kind)?,
            may_facilitate: self.may_facilitate,
            id: self.id,
            name: self.name,
            email: self.email,
        })
    }
}

/// One grant of a person (`kind` as in the `grants` table).
#[derive(sqlx::FromRow)]
pub struct GrantRow {
    pub kind: String,
    pub organisation_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
}

crate::lite_row!(GrantRow {
    kind,
    organisation_id,
    unit_id,
    unit_name,
});
