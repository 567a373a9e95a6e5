//! An organisation's administration: people with their units, professions and grants,
//! counts per unit and profession, and the writes an admin makes. A page of people costs a
//! fixed number of queries whatever the organisation's size.

use chrono::NaiveDate;

use kursbro_shared::search::like_pattern;

use super::{AsEx, Db, Tx};
use crate::{execute, fetch_all, fetch_optional, scalar_one, scalar_optional};

/// A person as the admin pages show them.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct AdminPersonRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub organisation_id: i64,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub profession_id: Option<i64>,
    pub profession_name: Option<String>,
    pub active: bool,
    pub has_password: bool,
}

const PERSON_COLUMNS: &str = "u.id, u.name, u.email, u.organisation_id, u.unit_id,
    un.name AS unit_name, u.profession_id, pr.name AS profession_name, u.active,
    (u.password_hash <> '!') AS has_password
    FROM users u
    LEFT JOIN units un ON un.id = u.unit_id
    LEFT JOIN professions pr ON pr.id = u.profession_id";

/// One page of an organisation's people matching `q` (everyone when empty), by name, and
/// how many match in all.
pub async fn people(
    db: &Db,
    organisation_id: i64,
    q: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<AdminPersonRow>, i64), sqlx::Error> {
    let mut c = db.conn().await?;
    // The whole search as one piece of the name or address, in any case.
    let pattern = like_pattern(&q.trim().to_lowercase());
    let condition = "u.search_text LIKE $2 ESCAPE '\\'";
    let page_sql = format!(
        "SELECT {PERSON_COLUMNS} WHERE u.organisation_id = $1 AND {condition}
         ORDER BY u.name, u.id LIMIT $3 OFFSET $4"
    );
    let rows = fetch_all!(
        &mut c,
        AdminPersonRow,
        &page_sql,
        organisation_id,
        &pattern,
        i64::from(limit),
        i64::from(offset)
    )?;
    let count_sql =
        format!("SELECT COUNT(*) FROM users u WHERE u.organisation_id = $1 AND {condition}");
    let matching = scalar_one!(&mut c, i64, &count_sql, organisation_id, &pattern)?;
    Ok((rows, matching))
}

/// One person.
pub async fn person(db: &Db, id: i64) -> Result<Option<AdminPersonRow>, sqlx::Error> {
    let sql = format!("SELECT {PERSON_COLUMNS} WHERE u.id = $1");
    fetch_optional!(&mut db.conn().await?, AdminPersonRow, &sql, id)
}

/// A grant of a person of an organisation.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct AdminGrantRow {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
}

/// Every grant held by a person of an organisation (few: leaders, facilitators, admins).
pub async fn grants(db: &Db, organisation_id: i64) -> Result<Vec<AdminGrantRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        AdminGrantRow,
        "SELECT g.id, g.user_id, g.kind, g.unit_id, un.name AS unit_name
         FROM grants g JOIN users u ON u.id = g.user_id
         LEFT JOIN units un ON un.id = g.unit_id
         WHERE u.organisation_id = $1
         ORDER BY g.kind, un.name, g.id",
        organisation_id
    )
}

/// One grant: its person, the organisation it is for (a leader grant: its unit's; none for
/// a platform admin), and its kind.
pub async fn grant(db: &Db, id: i64) -> Result<Option<(i64, Option<i64>, String)>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        (i64, Option<i64>, String),
        "SELECT g.user_id, COALESCE(g.organisation_id, un.organisation_id), g.kind
         FROM grants g LEFT JOIN units un ON un.id = g.unit_id WHERE g.id = $1",
        id
    )
}

pub async fn delete_grant(tx: &mut impl AsEx, id: i64) -> Result<u64, sqlx::Error> {
    execute!(tx, "DELETE FROM grants WHERE id = $1", id)
}

/// Renames a unit, changes its code, or moves it below another.
pub async fn update_unit(
    tx: &mut impl AsEx,
    id: i64,
    code: &str,
    name: &str,
    parent_id: Option<i64>,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE units SET code = $1, name = $2, parent_id = $3 WHERE id = $4",
        code,
        name,
        parent_id,
        id
    )
}

/// What still refers to a unit: (units below it, people in it (active or not), plans for
/// it, grants on it).
pub async fn unit_usage(tx: &mut impl AsEx, id: i64) -> Result<(i64, i64, i64, i64), sqlx::Error> {
    fetch_optional!(
        tx,
        (i64, i64, i64, i64),
        "SELECT (SELECT COUNT(*) FROM units WHERE parent_id = $1),
                (SELECT COUNT(*) FROM users WHERE unit_id = $1),
                (SELECT COUNT(*) FROM plans WHERE unit_id = $1),
                (SELECT COUNT(*) FROM grants WHERE unit_id = $1)",
        id
    )
    .map(|row| row.unwrap_or_default())
}

/// Removes a unit nothing refers to any more.
pub async fn delete_unit(tx: &mut impl AsEx, id: i64) -> Result<u64, sqlx::Error> {
    execute!(tx, "DELETE FROM units WHERE id = $1", id)
}

/// Renames a profession (its code, which CSV imports also accept, stays).
pub async fn rename_profession(
    tx: &mut impl AsEx,
    organisation_id: i64,
    id: i64,
    name: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE professions SET name = $1 WHERE id = $2 AND organisation_id = $3",
        name,
        id,
        organisation_id
    )
}

/// The organisation's name.
pub async fn organisation_name(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        String,
        "SELECT name FROM organisations WHERE id = $1",
        id
    )
}

/// Makes an organisation's admin changes one at a time until the transaction ends (SQLite's
/// write transactions already are; PostgreSQL takes an advisory lock on the organisation),
/// so a check such as "an admin remains" sees every change made before it.
pub async fn lock_organisation(tx: &mut Tx, organisation_id: i64) -> Result<(), sqlx::Error> {
    if let Tx::Postgres(_) = tx {
        execute!(tx, "SELECT pg_advisory_xact_lock($1)", organisation_id)?;
    }
    Ok(())
}

/// Active people holding an admin grant for the organisation.
pub async fn active_admins(tx: &mut Tx, organisation_id: i64) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "SELECT COUNT(*) FROM grants g JOIN users u ON u.id = g.user_id
         WHERE g.kind = 'admin' AND g.organisation_id = $1 AND u.active",
        organisation_id
    )
}

/// Sets where a person works and whether they are active; a new unit is joined on
/// `joined_on` (the day stays when the unit does not change).
pub async fn update_person(
    tx: &mut impl AsEx,
    id: i64,
    unit_id: i64,
    profession_id: Option<i64>,
    active: bool,
    joined_on: NaiveDate,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE users SET
             unit_joined_on = CASE WHEN unit_id IS NULL OR unit_id <> $1 THEN $2
                                   ELSE unit_joined_on END,
             unit_id = $1, profession_id = $3, active = $4
         WHERE id = $5",
        unit_id,
        joined_on,
        profession_id,
        active,
        id
    )
}
