//! An organisation's admins (and platform admins, in their own organisation) manage its
//! units, professions and people, and give and take grants. Nobody else may (403). People
//! are never deleted: a deactivated person cannot sign in and is left out of overviews, and
//! everything they completed is kept.

use std::collections::HashMap;

use chrono::Utc;
use kursbro_shared::admin::{
    profession_code, validate_new_grant, validate_new_person, validate_new_profession,
    validate_new_unit, AdminPerson, AdminProfession, AdminUnit, GrantKind, GrantView, Invitation,
    NewGrant, NewPerson, NewProfession, NewUnit, Organisation, PeoplePage, PersonUpdate,
    INVITATION_DAYS,
};
use kursbro_shared::api::UnitRef;
use kursbro_shared::plans::ProfessionRef;
use kursbro_shared::validation::normalise_email;

use crate::compliance::Tree;
use crate::error::{ApiError, ApiResult};
use crate::session::{self, AuthUser};
use crate::store::admin::{AdminGrantRow, AdminPersonRow};
use crate::store::{self, Db};

/// The organisation the asker administers.
pub fn administered(user: &AuthUser) -> ApiResult<i64> {
    if user.grants.administers() {
        Ok(user.organisation.id)
    } else {
        Err(ApiError::Forbidden)
    }
}

fn unprocessable(field: &'static str, message: &str) -> ApiError {
    ApiError::Unprocessable {
        field,
        message: message.to_string(),
    }
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The unit tree (each unit before the units below it) and the professions, with how many
/// active people each has.
pub async fn organisation(db: &Db, org: i64) -> ApiResult<Organisation> {
    let tree = Tree::of(db, org).await?;
    let per_unit: HashMap<Option<i64>, i64> = store::admin::people_per_unit(db, org)
        .await?
        .into_iter()
        .collect();
    let per_profession: HashMap<Option<i64>, i64> = store::admin::people_per_profession(db, org)
        .await?
        .into_iter()
        .collect();
    let mut units = Vec::new();
    for top in tree.tops() {
        for node in tree.subtree(top.id) {
            let code = tree
                .units
                .get(&node.id)
                .map(|u| u.code.clone())
                .unwrap_or_default();
            units.push(AdminUnit {
                people: count(per_unit.get(&Some(node.id)).copied().unwrap_or(0)),
                id: node.id,
                code,
                name: node.name,
                parent_id: tree.units.get(&node.id).and_then(|u| u.parent_id),
                depth: node.depth,
            });
        }
    }
    let professions = store::people::professions(db, org)
        .await?
        .into_iter()
        .map(|(id, code, name)| AdminProfession {
            people: count(per_profession.get(&Some(id)).copied().unwrap_or(0)),
            id,
            code,
            name,
        })
        .collect();
    Ok(Organisation {
        name: store::admin::organisation_name(db, org)
            .await?
            .unwrap_or_default(),
        units,
        professions,
    })
}

fn grant_view(g: &AdminGrantRow) -> Option<GrantView> {
    Some(GrantView {
        id: g.id,
        kind: GrantKind::parse(&g.kind)?,
        unit: g
            .unit_id
            .zip(g.unit_name.clone())
            .map(|(id, name)| UnitRef { id, name }),
    })
}

fn person_view(p: AdminPersonRow, grants: &[AdminGrantRow]) -> AdminPerson {
    AdminPerson {
        grants: grants
            .iter()
            .filter(|g| g.user_id == p.id)
            .filter_map(grant_view)
            .collect(),
        unit: p
            .unit_id
            .zip(p.unit_name)
            .map(|(id, name)| UnitRef { id, name }),
        profession: p
            .profession_id
            .zip(p.profession_name)
            .map(|(id, name)| ProfessionRef { id, name }),
        id: p.id,
        name: p.name,
        email: p.email,
        active: p.active,
        has_password: p.has_password,
    }
}

/// One page of the organisation's people matching `q` (name or e-mail), by name.
pub async fn people(db: &Db, org: i64, q: &str, offset: u32, limit: u32) -> ApiResult<PeoplePage> {
    let (rows, matching) = store::admin::people(db, org, q, offset, limit).await?;
    let grants = store::admin::grants(db, org).await?;
    Ok(PeoplePage {
        people: rows.into_iter().map(|p| person_view(p, &grants)).collect(),
        matching: count(matching),
        offset,
    })
}

/// A person of the organisation as the admin pages show them; "no such person" for anyone
/// else.
pub async fn person(db: &Db, org: i64, id: i64) -> ApiResult<AdminPerson> {
    let row = store::admin::person(db, id)
        .await?
        .filter(|p| p.organisation_id == org)
        .ok_or(ApiError::NotFound("person"))?;
    let grants = store::admin::grants(db, org).await?;
    Ok(person_view(row, &grants))
}

/// Checks that `unit` and `profession` belong to the organisation.
async fn check_place(db: &Db, org: i64, unit: i64, profession: Option<i64>) -> ApiResult<()> {
    let in_org = store::compliance::unit(db, unit)
        .await?
        .is_some_and(|u| u.organisation_id == org);
    if !in_org {
        return Err(unprocessable(
            "unit_id",
            "There is no such unit in your organisation.",
        ));
    }
    if let Some(p) = profession {
        let known = store::people::professions(db, org)
            .await?
            .iter()
            .any(|(id, _, _)| *id == p);
        if !known {
            return Err(unprocessable(
                "profession_id",
                "There is no such profession in your organisation.",
            ));
        }
    }
    Ok(())
}

/// A new unit below one of the organisation's units.
pub async fn create_unit(db: &Db, org: i64, req: &NewUnit) -> ApiResult<AdminUnit> {
    validate_new_unit(req)?;
    let parent = store::compliance::unit(db, req.parent_id)
        .await?
        .filter(|u| u.organisation_id == org)
        .ok_or_else(|| unprocessable("parent_id", "There is no such unit in your organisation."))?;
    let mut tx = db.write().await?;
    let id = store::people::insert_unit(
        &mut tx,
        org,
        Some(parent.id),
        req.code.trim(),
        req.name.trim(),
        Utc::now(),
    )
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::AlreadyExists => unprocessable(
            "code",
            "Another unit of your organisation has this code; choose another.",
        ),
        other => other,
    })?;
    tx.commit().await?;
    organisation(db, org)
        .await?
        .units
        .into_iter()
        .find(|u| u.id == id)
        .ok_or(ApiError::NotFound("unit"))
}

/// A new profession of the organisation; its code comes from its name.
pub async fn create_profession(
    db: &Db,
    org: i64,
    req: &NewProfession,
) -> ApiResult<AdminProfession> {
    validate_new_profession(req)?;
    let name = req.name.trim();
    let code = profession_code(name);
    let taken = store::people::professions(db, org)
        .await?
        .iter()
        .any(|(_, c, n)| *c == code || n.to_lowercase() == name.to_lowercase());
    if taken || code.is_empty() {
        return Err(unprocessable(
            "name",
            "Your organisation already has this profession.",
        ));
    }
    let mut tx = db.write().await?;
    let id = store::people::insert_profession(&mut tx, org, &code, name).await?;
    tx.commit().await?;
    Ok(AdminProfession {
        id,
        code,
        name: name.to_string(),
        people: 0,
    })
}

/// A new person in a unit (joined today). They have no password yet, so they cannot sign
/// in until they are given one.
pub async fn create_person(db: &Db, org: i64, req: &NewPerson) -> ApiResult<AdminPerson> {
    validate_new_person(req)?;
    check_place(db, org, req.unit_id, req.profession_id).await?;
    let email = normalise_email(&req.email);
    let now = Utc::now();
    let mut tx = db.write().await?;
    let new = store::people::NewUser {
        organisation_id: org,
        email: &email,
        name: req.name.trim(),
        unit_id: Some(req.unit_id),
        unit_joined_on: Some(now.date_naive()),
        profession_id: req.profession_id,
        password_hash: "!",
    };
    let id = store::people::insert_user_if_new(&mut tx, &new, now)
        .await?
        .ok_or_else(|| unprocessable("email", "Someone already has this e-mail address."))?;
    tx.commit().await?;
    person(db, org, id).await
}

/// Moves a person, changes their profession, or (de)activates them. Deactivating signs
/// them out everywhere; an admin cannot deactivate themselves.
pub async fn update_person(
    db: &Db,
    admin: &AuthUser,
    org: i64,
    id: i64,
    req: &PersonUpdate,
) -> ApiResult<AdminPerson> {
    person(db, org, id).await?;
    if id == admin.id && !req.active {
        return Err(unprocessable(
            "active",
            "You cannot deactivate yourself; ask another admin.",
        ));
    }
    check_place(db, org, req.unit_id, req.profession_id).await?;
    let mut tx = db.write().await?;
    store::admin::update_person(
        &mut tx,
        id,
        req.unit_id,
        req.profession_id,
        req.active,
        Utc::now().date_naive(),
    )
    .await?;
    tx.commit().await?;
    if !req.active {
        store::people::delete_sessions_of(db, id).await?;
    }
    person(db, org, id).await
}

/// Gives a person of the organisation a grant: leader of one of its units, facilitator or
/// admin of the organisation.
pub async fn add_grant(db: &Db, org: i64, id: i64, req: &NewGrant) -> ApiResult<AdminPerson> {
    validate_new_grant(req)?;
    person(db, org, id).await?;
    let (organisation_id, unit_id) = match (req.kind, req.unit_id) {
        (GrantKind::Leader, Some(unit)) => {
            let in_org = store::compliance::unit(db, unit)
                .await?
                .is_some_and(|u| u.organisation_id == org);
            if !in_org {
                return Err(unprocessable(
                    "unit_id",
                    "There is no such unit in your organisation.",
                ));
            }
            (None, Some(unit))
        }
        _ => (Some(org), None),
    };
    let mut tx = db.write().await?;
    store::people::insert_grant(
        &mut tx,
        id,
        req.kind.as_str(),
        organisation_id,
        unit_id,
        Utc::now(),
    )
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::AlreadyExists => unprocessable("kind", "The person already has this grant."),
        other => other,
    })?;
    tx.commit().await?;
    person(db, org, id).await
}

/// Takes a grant back. An admin cannot take their own admin grant (someone must remain to
/// administer the organisation).
pub async fn remove_grant(
    db: &Db,
    admin: &AuthUser,
    org: i64,
    grant: i64,
) -> ApiResult<AdminPerson> {
    let (user_id, user_org, kind) = store::admin::grant(db, grant)
        .await?
        .filter(|(_, o, kind)| *o == org && GrantKind::parse(kind).is_some())
        .ok_or(ApiError::NotFound("grant"))?;
    if user_id == admin.id && user_org == org && kind == GrantKind::Admin.as_str() {
        return Err(unprocessable(
            "grant",
            "You cannot take away your own admin grant; ask another admin.",
        ));
    }
    let mut tx = db.write().await?;
    store::admin::delete_grant(&mut tx, grant).await?;
    tx.commit().await?;
    person(db, org, user_id).await
}

/// A one-time link for an active person to choose a password (replacing any earlier link).
pub async fn invite(db: &Db, admin: &AuthUser, org: i64, id: i64) -> ApiResult<Invitation> {
    if !person(db, org, id).await?.active {
        return Err(unprocessable(
            "active",
            "The person is deactivated; activate them before making a link.",
        ));
    }
    let token = session::new_token();
    let now = Utc::now();
    let expires_at = now + chrono::Duration::days(INVITATION_DAYS);
    store::people::insert_invitation(
        db,
        &session::token_hash(&token),
        id,
        admin.id,
        now,
        expires_at,
    )
    .await?;
    tracing::info!(target: "kursbro::security", event = "invitation_made", user = id, by = admin.id);
    Ok(Invitation {
        path: format!("/invitasjon#{token}"),
        expires_at,
    })
}
