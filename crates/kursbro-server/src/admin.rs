//! An organisation's admins (and platform admins, in their own organisation) manage its
//! units, professions and people, and give and take grants. Nobody else may (403). People
//! are never deleted: a deactivated person cannot sign in and is left out of overviews, and
//! everything they completed is kept.

use std::collections::HashMap;

use chrono::Utc;
use kursbro_shared::admin::{
    profession_code, validate_new_grant, validate_new_person, validate_new_profession,
    validate_new_unit, validate_unit_change, AdminPerson, AdminProfession, AdminUnit, GrantKind,
    GrantView, Invitation, NewGrant, NewPerson, NewProfession, NewUnit, Organisation, PeoplePage,
    PersonUpdate, UnitChange, INVITATION_DAYS,
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

pub(crate) fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The unit tree (each unit before the units below it) and the professions, with how many
/// active people each has.
pub async fn organisation(db: &Db, org: i64) -> ApiResult<Organisation> {
    let tree = Tree::of(db, org).await?;
    let mut per_unit: HashMap<Option<i64>, i64> = HashMap::new();
    let mut per_profession: HashMap<Option<i64>, i64> = HashMap::new();
    for (unit, profession, n) in store::compliance::people_per_unit_and_profession(db, org).await? {
        *per_unit.entry(unit).or_default() += n;
        *per_profession.entry(profession).or_default() += n;
    }
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

/// `unit` if it is a unit of the organisation; otherwise the refusal names `field`.
async fn own_unit(db: &Db, org: i64, unit: i64, field: &'static str) -> ApiResult<i64> {
    match store::compliance::unit(db, unit).await? {
        Some(u) if u.organisation_id == org => Ok(u.id),
        _ => Err(unprocessable(
            field,
            "There is no such unit in your organisation.",
        )),
    }
}

/// Checks that `unit` and `profession` belong to the organisation.
async fn check_place(db: &Db, org: i64, unit: i64, profession: Option<i64>) -> ApiResult<()> {
    own_unit(db, org, unit, "unit_id").await?;
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

/// Refuses to act on a platform admin unless the asker is one (an organisation's admin
/// must not lock out, move or take over the platform's administrator), and, for a link to
/// choose a password (`link`), on any other admin: that would let one admin take over
/// another's account.
async fn may_act_on(db: &Db, asker: &AuthUser, person: i64, link: bool) -> ApiResult<()> {
    if asker.grants.platform_admin {
        return Ok(());
    }
    let grants = store::people::grants(db, person).await?;
    let protected = grants
        .iter()
        .any(|g| g.kind == "platform_admin" || (link && g.kind == "admin" && person != asker.id));
    if protected {
        return Err(ApiError::Forbidden);
    }
    Ok(())
}

/// A unit code another unit of the organisation already has: the client's to change.
fn code_taken(e: sqlx::Error) -> ApiError {
    match ApiError::from(e) {
        ApiError::AlreadyExists => unprocessable(
            "code",
            "Another unit of your organisation has this code; choose another.",
        ),
        other => other,
    }
}

/// A unit as the admin pages show it, after a change.
async fn shown_unit(db: &Db, org: i64, id: i64) -> ApiResult<AdminUnit> {
    organisation(db, org)
        .await?
        .units
        .into_iter()
        .find(|u| u.id == id)
        .ok_or(ApiError::NotFound("unit"))
}

/// A new unit below one of the organisation's units.
pub async fn create_unit(db: &Db, org: i64, req: &NewUnit) -> ApiResult<AdminUnit> {
    validate_new_unit(req)?;
    let parent = own_unit(db, org, req.parent_id, "parent_id").await?;
    let mut tx = db.write().await?;
    let id = store::people::insert_unit(
        &mut tx,
        org,
        Some(parent),
        req.code.trim(),
        req.name.trim(),
        Utc::now(),
    )
    .await
    .map_err(code_taken)?;
    tx.commit().await?;
    shown_unit(db, org, id).await
}

/// Renames a unit, gives it another code, or moves it below another unit of the
/// organisation (never below itself or a unit below it; a top unit stays on top). Its
/// people stay in it, so the leaders above its new place follow them from now on.
pub async fn change_unit(db: &Db, org: i64, id: i64, req: &UnitChange) -> ApiResult<AdminUnit> {
    validate_unit_change(req)?;
    let tree = Tree::of(db, org).await?;
    let unit = tree.units.get(&id).ok_or(ApiError::NotFound("unit"))?;
    let parent = match (unit.parent_id, req.parent_id) {
        (None, None) => None,
        (None, Some(_)) => {
            return Err(unprocessable(
                "parent_id",
                "The organisation's top unit cannot be moved below another.",
            ))
        }
        (Some(_), None) => {
            return Err(unprocessable(
                "parent_id",
                "Choose the unit it lies below; only the organisation's top unit has none.",
            ))
        }
        (Some(_), Some(p)) => {
            if !tree.units.contains_key(&p) {
                return Err(unprocessable(
                    "parent_id",
                    "There is no such unit in your organisation.",
                ));
            }
            // Below itself or one of its own sub-units would make a loop.
            if tree.path(Some(p)).contains(&id) {
                return Err(unprocessable(
                    "parent_id",
                    "A unit cannot lie below itself or a unit below it.",
                ));
            }
            Some(p)
        }
    };
    let mut tx = db.write().await?;
    store::admin::update_unit(&mut tx, id, req.code.trim(), req.name.trim(), parent)
        .await
        .map_err(code_taken)?;
    tx.commit().await?;
    shown_unit(db, org, id).await
}

/// Removes a unit of the organisation that nothing refers to any more: not the top unit,
/// and not while units lie below it, people (active or not) belong to it, or plans or
/// grants name it — moving them comes first, so nobody's history loses its place.
pub async fn delete_unit(db: &Db, org: i64, id: i64) -> ApiResult<()> {
    let tree = Tree::of(db, org).await?;
    let unit = tree.units.get(&id).ok_or(ApiError::NotFound("unit"))?;
    if unit.parent_id.is_none() {
        return Err(ApiError::UnitInUse(
            "The organisation's top unit cannot be removed.".into(),
        ));
    }
    let mut tx = db.write().await?;
    let (below, people, plans, grants) = store::admin::unit_usage(&mut tx, id).await?;
    let mut uses = Vec::new();
    for (n, what) in [
        (below, "units below it"),
        (people, "people in it"),
        (plans, "competence plans for it"),
        (grants, "leaders of it"),
    ] {
        if n > 0 {
            uses.push(format!("{n} {what}"));
        }
    }
    if !uses.is_empty() {
        return Err(ApiError::UnitInUse(format!(
            "The unit still has {}. Move or remove them first.",
            uses.join(", ")
        )));
    }
    store::admin::delete_unit(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives a profession of the organisation another name; its code, which CSV imports also
/// accept, stays the same.
pub async fn rename_profession(
    db: &Db,
    org: i64,
    id: i64,
    req: &NewProfession,
) -> ApiResult<AdminProfession> {
    validate_new_profession(req)?;
    let name = req.name.trim();
    let professions = store::people::professions(db, org).await?;
    let Some((_, code, _)) = professions.iter().find(|(p, _, _)| *p == id) else {
        return Err(ApiError::NotFound("profession"));
    };
    let code = code.clone();
    if professions
        .iter()
        .any(|(p, _, n)| *p != id && n.to_lowercase() == name.to_lowercase())
    {
        return Err(unprocessable(
            "name",
            "Your organisation already has this profession.",
        ));
    }
    let mut tx = db.write().await?;
    store::admin::rename_profession(&mut tx, org, id, name).await?;
    tx.commit().await?;
    organisation(db, org)
        .await?
        .professions
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(ApiError::NotFound("profession"))
        .map(|p| AdminProfession { code, ..p })
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
    if code.is_empty() {
        return Err(unprocessable(
            "name",
            "A profession's name needs at least one letter or digit.",
        ));
    }
    if taken {
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
/// them out everywhere and voids their link to choose a password; nobody deactivates
/// themselves, and the organisation's last active admin stays.
pub async fn update_person(
    db: &Db,
    admin: &AuthUser,
    org: i64,
    id: i64,
    req: &PersonUpdate,
) -> ApiResult<AdminPerson> {
    person(db, org, id).await?;
    may_act_on(db, admin, id, false).await?;
    if id == admin.id && !req.active {
        return Err(unprocessable(
            "active",
            "You cannot deactivate yourself; ask another admin.",
        ));
    }
    check_place(db, org, req.unit_id, req.profession_id).await?;
    let was_admin = store::people::grants(db, id)
        .await?
        .iter()
        .any(|g| g.kind == GrantKind::Admin.as_str() && g.organisation_id == Some(org));
    let mut tx = db.write().await?;
    store::admin::lock_organisation(&mut tx, org).await?;
    store::admin::update_person(
        &mut tx,
        id,
        req.unit_id,
        req.profession_id,
        req.active,
        Utc::now().date_naive(),
    )
    .await?;
    if !req.active {
        store::people::delete_invitation_of(&mut tx, id).await?;
        if was_admin && store::admin::active_admins(&mut tx, org).await? == 0 {
            tx.rollback().await?;
            return Err(last_admin("active"));
        }
    }
    tx.commit().await?;
    if !req.active {
        store::people::delete_sessions_of(db, id).await?;
    }
    person(db, org, id).await
}

/// The refusal of a change that would leave the organisation without an active admin.
fn last_admin(field: &'static str) -> ApiError {
    unprocessable(
        field,
        "The organisation would have no active admin left; give someone else the admin grant first.",
    )
}

/// Gives a person of the organisation a grant: leader of one of its units, facilitator or
/// admin of the organisation.
pub async fn add_grant(
    db: &Db,
    admin: &AuthUser,
    org: i64,
    id: i64,
    req: &NewGrant,
) -> ApiResult<AdminPerson> {
    validate_new_grant(req)?;
    person(db, org, id).await?;
    may_act_on(db, admin, id, false).await?;
    let (organisation_id, unit_id) = match (req.kind, req.unit_id) {
        (GrantKind::Leader, Some(unit)) => (None, Some(own_unit(db, org, unit, "unit_id").await?)),
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

/// Takes a grant of the organisation back. Nobody takes their own admin grant, and the
/// organisation's last active admin keeps theirs.
pub async fn remove_grant(
    db: &Db,
    admin: &AuthUser,
    org: i64,
    grant: i64,
) -> ApiResult<AdminPerson> {
    let (user_id, _, kind) = store::admin::grant(db, grant)
        .await?
        .filter(|(_, o, kind)| *o == Some(org) && GrantKind::parse(kind).is_some())
        .ok_or(ApiError::NotFound("grant"))?;
    may_act_on(db, admin, user_id, false).await?;
    let admin_grant = kind == GrantKind::Admin.as_str();
    if user_id == admin.id && admin_grant {
        return Err(unprocessable(
            "grant",
            "You cannot take away your own admin grant; ask another admin.",
        ));
    }
    let mut tx = db.write().await?;
    store::admin::lock_organisation(&mut tx, org).await?;
    store::admin::delete_grant(&mut tx, grant).await?;
    if admin_grant && store::admin::active_admins(&mut tx, org).await? == 0 {
        tx.rollback().await?;
        return Err(last_admin("grant"));
    }
    tx.commit().await?;
    person(db, org, user_id).await
}

/// A one-time link for an active person to choose a password (replacing any earlier link).
/// Not for another admin, nor a platform admin, unless the asker is a platform admin.
pub async fn invite(db: &Db, admin: &AuthUser, org: i64, id: i64) -> ApiResult<Invitation> {
    may_act_on(db, admin, id, true).await?;
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
