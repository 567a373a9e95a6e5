//! People, organisations and sessions.

use chrono::{DateTime, NaiveDate, Utc};
use kursbro_shared::search::search_text;

use super::lite::{col, LiteRow};
use super::{AsEx, Db};
use crate::rows::{GrantRow, UserRow};
use crate::{
    execute, fetch_all, fetch_optional, lite_fetch_all, lite_fetch_optional, scalar_one,
    scalar_optional,
};

/// The SELECT list and FROM clause that fill a [`UserRow`] (`u` is the user), in the order
/// of its fields (`user_row` reads them by position).
pub(crate) const USER_COLUMNS: &str = "u.id, u.name, u.email,
    o.id AS org_id, o.name AS org_name, o.kind AS org_kind,
    un.id AS unit_id, un.name AS unit_name, pr.name AS profession,
    EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id
            AND g.kind IN ('facilitator', 'platform_admin')) AS may_facilitate
    FROM users u JOIN organisations o ON o.id = u.organisation_id
    LEFT JOIN units un ON un.id = u.unit_id
    LEFT JOIN professions pr ON pr.id = u.profession_id";

/// A person with the password hash, for signing in.
#[derive(sqlx::FromRow)]
pub struct LoginRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub password_hash: String,
}

/// The person with this (normalised) e-mail address.
pub async fn login_row(db: &Db, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    // A deactivated person cannot sign in (they are told what anyone with a wrong password is).
    let sql = format!("SELECT u.password_hash, {USER_COLUMNS} WHERE u.email = $1 AND u.active");
    fetch_optional!(&mut db.conn().await?, LoginRow, &sql, email)
}

/// Whose people a list shows.
#[derive(Debug, Clone, Copy)]
pub enum UserScope {
    All,
    Organisation(i64),
    /// The people in the units this leader leads and every unit below them.
    LedBy(i64),
}

/// People in a scope, by name.
pub async fn list_users(db: &Db, scope: UserScope) -> Result<Vec<UserRow>, sqlx::Error> {
    let mut c = db.conn().await?;
    match scope {
        UserScope::Organisation(org) => {
            let sql = format!("SELECT {USER_COLUMNS} WHERE u.organisation_id = $1 ORDER BY u.name");
            fetch_all!(&mut c, UserRow, &sql, org)
        }
        UserScope::LedBy(leader) => {
            let sql = format!(
                "WITH RECURSIVE led (id) AS (
                     SELECT unit_id FROM grants WHERE user_id = $1 AND kind = 'leader'
                     UNION SELECT un.id FROM units un JOIN led ON un.parent_id = led.id)
                 SELECT {USER_COLUMNS} WHERE u.unit_id IN (SELECT id FROM led) ORDER BY u.name"
            );
            fetch_all!(&mut c, UserRow, &sql, leader)
        }
        UserScope::All => {
            let sql = format!("SELECT {USER_COLUMNS} ORDER BY u.name");
            fetch_all!(&mut c, UserRow, &sql)
        }
    }
}

/// One person, if there is one with this id.
pub async fn user(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} WHERE u.id = $1");
    fetch_optional!(&mut db.conn().await?, UserRow, &sql, id)
}

/// A person's organisation.
pub async fn organisation_of(tx: &mut impl AsEx, user_id: i64) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        tx,
        i64,
        "SELECT organisation_id FROM users WHERE id = $1",
        user_id
    )
}

/// A person's id by e-mail address.
pub async fn user_id_by_email(db: &Db, email: &str) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        i64,
        "SELECT id FROM users WHERE email = $1",
        email
    )
}

pub async fn count_organisations(db: &Db) -> Result<i64, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        i64,
        "SELECT COUNT(*) FROM organisations"
    )
}

pub async fn insert_organisation(
    tx: &mut impl AsEx,
    slug: &str,
    name: &str,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO organisations (slug, name, kind, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id",
        slug,
        name,
        kind,
        now
    )
}

/// A new person, in a unit (joined today) and a profession if given; `email` must already
/// be normalised, `password_hash` an argon2id PHC string.
pub struct NewUser<'a> {
    pub organisation_id: i64,
    pub email: &'a str,
    pub name: &'a str,
    pub unit_id: Option<i64>,
    pub unit_joined_on: Option<NaiveDate>,
    pub profession_id: Option<i64>,
    pub password_hash: &'a str,
}

impl NewUser<'_> {
    /// What the person is found by (see `kursbro_shared::search`).
    fn search_text(&self) -> String {
        search_text(&[self.name, self.email])
    }
}

pub async fn insert_user(
    tx: &mut impl AsEx,
    u: &NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO users (organisation_id, email, name, unit_id, unit_joined_on, profession_id,
                            password_hash, created_at, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        u.organisation_id,
        u.email,
        u.name,
        u.unit_id,
        u.unit_joined_on,
        u.profession_id,
        u.password_hash,
        now,
        u.search_text()
    )
}

/// A new person unless someone already has the address: `None` then (the database decides,
/// so two imports at once cannot both add them).
pub async fn insert_user_if_new(
    tx: &mut impl AsEx,
    u: &NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        tx,
        i64,
        "INSERT INTO users (organisation_id, email, name, unit_id, unit_joined_on, profession_id,
                            password_hash, created_at, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (email) DO NOTHING RETURNING id",
        u.organisation_id,
        u.email,
        u.name,
        u.unit_id,
        u.unit_joined_on,
        u.profession_id,
        u.password_hash,
        now,
        u.search_text()
    )
}

/// Fills the search text of people who have none (those made before it existed), in one
/// transaction; run after the migrations. Does nothing once done.
pub async fn fill_search_texts(db: &Db) -> Result<u64, sqlx::Error> {
    let mut tx = db.write().await?;
    let people = fetch_all!(
        &mut tx,
        (i64, String, String),
        // In id order, so servers starting at once on PostgreSQL wait for each other
        // rather than deadlock.
        "SELECT id, name, email FROM users WHERE search_text = '' ORDER BY id"
    )?;
    for (id, name, email) in &people {
        execute!(
            &mut tx,
            "UPDATE users SET search_text = $1 WHERE id = $2 AND search_text = ''",
            search_text(&[name, email]),
            id
        )?;
    }
    tx.commit().await?;
    Ok(people.len() as u64)
}

/// (id, code, name) of every profession of an organisation.
pub async fn professions(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        (i64, String, String),
        "SELECT id, code, name FROM professions WHERE organisation_id = $1 ORDER BY name",
        organisation_id
    )
}

/// A unit of an organisation; `parent_id` `None` for its top unit.
pub async fn insert_unit(
    tx: &mut impl AsEx,
    organisation_id: i64,
    parent_id: Option<i64>,
    code: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO units (organisation_id, parent_id, code, name, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        organisation_id,
        parent_id,
        code,
        name,
        now
    )
}

/// A profession of an organisation.
pub async fn insert_profession(
    tx: &mut impl AsEx,
    organisation_id: i64,
    code: &str,
    name: &str,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO professions (organisation_id, code, name) VALUES ($1, $2, $3) RETURNING id",
        organisation_id,
        code,
        name
    )
}

/// Gives a person a grant (its id): `leader` names a unit; `facilitator`, `author` and
/// `admin` an organisation; `platform_admin` neither.
pub async fn insert_grant(
    tx: &mut impl AsEx,
    user_id: i64,
    kind: &str,
    organisation_id: Option<i64>,
    unit_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO grants (user_id, kind, organisation_id, unit_id, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        user_id,
        kind,
        organisation_id,
        unit_id,
        now
    )
}

/// Every grant of a person, with the names of the units they lead.
/// A person's grants (read on every signed-in request, so on a direct reader; see
/// [`Db::read`]).
pub async fn grants(db: &Db, user_id: i64) -> Result<Vec<GrantRow>, sqlx::Error> {
    lite_fetch_all!(
        &mut db.read().await?,
        GrantRow,
        "SELECT g.kind, g.organisation_id, g.unit_id, un.name AS unit_name
         FROM grants g LEFT JOIN units un ON un.id = g.unit_id
         WHERE g.user_id = $1 ORDER BY un.name, g.kind",
        user_id
    )
}

// --- sessions ------------------------------------------------------------------------

/// A session with its person, as looked up by token hash.
#[derive(sqlx::FromRow)]
pub struct SessionRow {
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    #[sqlx(flatten)]
    pub user: UserRow,
}

/// A new session, made only while the person's password hash is still `password_hash`
/// (the one just verified): a sign-in that was being checked while the password changed
/// gets no session, so nothing made with the old password outlives the change. False when
/// no session was made.
pub async fn insert_session(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let made = execute!(
        &mut db.conn().await?,
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)
         SELECT $1, $2, $3, $3 FROM users WHERE id = $2 AND password_hash = $4",
        token_hash,
        user_id,
        now,
        password_hash
    )?;
    Ok(made == 1)
}

/// Deletes this person's sessions unused since `idle_cutoff` or begun before `max_cutoff`.
pub async fn delete_expired_sessions(
    db: &Db,
    user_id: i64,
    idle_cutoff: DateTime<Utc>,
    max_cutoff: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "DELETE FROM sessions WHERE user_id = $1 AND (last_seen_at < $2 OR created_at < $3)",
        user_id,
        idle_cutoff,
        max_cutoff
    )?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "DELETE FROM sessions WHERE token_hash = $1",
        token_hash
    )?;
    Ok(())
}

/// The stored password hash of a person.
pub async fn password_hash(db: &Db, user_id: i64) -> Result<String, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        String,
        "SELECT password_hash FROM users WHERE id = $1",
        user_id
    )
}

/// A new password hash, and every session of the person ended, in one transaction: no
/// session made with the old password outlives the change. Only while the hash is still
/// `verified` (the one the current password was checked against): of two changes racing
/// from the same old password, one wins and the other changes nothing. Whether it changed.
pub async fn change_password(
    db: &Db,
    user_id: i64,
    verified: &str,
    password_hash: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.write().await?;
    let changed = execute!(
        &mut tx,
        "UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3",
        password_hash,
        user_id,
        verified
    )?;
    if changed == 0 {
        return Ok(false);
    }
    execute!(&mut tx, "DELETE FROM sessions WHERE user_id = $1", user_id)?;
    // A link made before is for a password that is no longer the one to replace.
    delete_invitation_of(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Ends every session of a person (sign out everywhere; a changed password).
pub async fn delete_sessions_of(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "DELETE FROM sessions WHERE user_id = $1",
        user_id
    )?;
    Ok(())
}

/// Reads a [`UserRow`] from [`USER_COLUMNS`], starting at column `at`.
fn user_row(r: &rusqlite::Row<'_>, at: usize) -> Result<UserRow, sqlx::Error> {
    Ok(UserRow {
        id: col(r, at)?,
        name: col(r, at + 1)?,
        email: col(r, at + 2)?,
        org_id: col(r, at + 3)?,
        org_name: col(r, at + 4)?,
        org_kind: col(r, at + 5)?,
        unit_id: col(r, at + 6)?,
        unit_name: col(r, at + 7)?,
        profession: col(r, at + 8)?,
        may_facilitate: col(r, at + 9)?,
    })
}

impl LiteRow for SessionRow {
    fn from_lite_row(r: &rusqlite::Row<'_>) -> Result<Self, sqlx::Error> {
        Ok(SessionRow {
            created_at: col(r, 0)?,
            last_seen_at: col(r, 1)?,
            user: user_row(r, 2)?,
        })
    }
}

/// The session with this token hash and its person (read on every signed-in request, so
/// on a direct reader; see [`Db::read`]).
pub async fn session(db: &Db, token_hash: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    lite_fetch_optional!(
        &mut db.read().await?,
        SessionRow,
        &format!(
            "SELECT s.created_at, s.last_seen_at, {USER_COLUMNS}
             JOIN sessions s ON s.user_id = u.id
             WHERE s.token_hash = $1 AND u.active"
        ),
        token_hash
    )
}

pub async fn touch_session(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
        now,
        token_hash
    )?;
    Ok(())
}

/// Whether the database answers (the health check).
pub async fn ping(db: &Db) -> Result<(), sqlx::Error> {
    scalar_one!(&mut db.conn().await?, i64, "SELECT CAST(1 AS BIGINT)")?;
    Ok(())
}

// --- invitations (links to choose a password) -----------------------------------------

/// A new one-time link for a person; their earlier link, if any, stops working (one row per
/// person: two links made at once leave one).
pub async fn insert_invitation(
    db: &Db,
    token_hash: &str,
    user_id: i64,
    created_by: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "INSERT INTO invitations (token_hash, user_id, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,
             created_by = excluded.created_by, created_at = excluded.created_at,
             expires_at = excluded.expires_at",
        token_hash,
        user_id,
        created_by,
        now,
        expires_at
    )?;
    Ok(())
}

/// Removes a person's link, if any (they chose a password, or were deactivated).
pub async fn delete_invitation_of(tx: &mut impl AsEx, user_id: i64) -> Result<(), sqlx::Error> {
    execute!(tx, "DELETE FROM invitations WHERE user_id = $1", user_id)?;
    Ok(())
}

/// The active person a link is for, unless it is unknown, used or expired at `now`.
pub async fn invitation_user(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        i64,
        "SELECT i.user_id FROM invitations i JOIN users u ON u.id = i.user_id
         WHERE i.token_hash = $1 AND i.expires_at > $2 AND u.active",
        token_hash,
        now
    )
}

/// Uses a link, all at once: the person gets `password_hash`, the link is gone, and every
/// session of theirs ends. The person, or `None` when the link is unknown, used or expired
/// (or they were deactivated meanwhile).
pub async fn accept_invitation(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.write().await?;
    let Some(user) = scalar_optional!(
        &mut tx,
        i64,
        "DELETE FROM invitations WHERE token_hash = $1 AND expires_at > $2 RETURNING user_id",
        token_hash,
        now
    )?
    else {
        return Ok(None);
    };
    let changed = execute!(
        &mut tx,
        "UPDATE users SET password_hash = $1 WHERE id = $2 AND active",
        password_hash,
        user
    )?;
    if changed == 0 {
        // Deactivated meanwhile: nothing changes (the transaction is dropped).
        return Ok(None);
    }
    execute!(&mut tx, "DELETE FROM sessions WHERE user_id = $1", user)?;
    tx.commit().await?;
    Ok(Some(user))
}
