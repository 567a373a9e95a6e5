//! People, organisations and sessions.

use chrono::{DateTime, Utc};

use super::{AsEx, Db};
use crate::rows::UserRow;
use crate::{execute, fetch_all, fetch_optional, scalar_one, scalar_optional};

/// The SELECT list and FROM clause that fill a [`UserRow`] (`u` is the user).
pub(crate) const USER_COLUMNS: &str = "u.id, u.name, u.email, u.role,
    o.id AS org_id, o.name AS org_name, o.kind AS org_kind
    FROM users u JOIN organisations o ON o.id = u.organisation_id";

/// A person with the password hash, for signing in.
#[derive(sqlx::FromRow)]
pub struct LoginRow {
    #[sqlx(flatten)]
    pub user: UserRow,
    pub password_hash: String,
}

/// The person with this (normalised) e-mail address.
pub async fn login_row(db: &Db, email: &str) -> Result<Option<LoginRow>, sqlx::Error> {
    let sql = format!("SELECT u.password_hash, {USER_COLUMNS} WHERE u.email = $1");
    fetch_optional!(&mut db.conn().await?, LoginRow, &sql, email)
}

/// Everyone, or everyone in one organisation, by name.
pub async fn list_users(db: &Db, organisation: Option<i64>) -> Result<Vec<UserRow>, sqlx::Error> {
    let mut c = db.conn().await?;
    match organisation {
        Some(org) => {
            let sql = format!("SELECT {USER_COLUMNS} WHERE u.organisation_id = $1 ORDER BY u.name");
            fetch_all!(&mut c, UserRow, &sql, org)
        }
        None => {
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

/// A new person; `email` must already be normalised, `password_hash` an argon2id PHC string.
pub async fn insert_user(
    tx: &mut impl AsEx,
    organisation_id: i64,
    email: &str,
    name: &str,
    role: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO users (organisation_id, email, name, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        organisation_id,
        email,
        name,
        role,
        password_hash,
        now
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

pub async fn session(db: &Db, token_hash: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        SessionRow,
        "SELECT s.created_at, s.last_seen_at, u.id, u.name, u.email, u.role,
                o.id AS org_id, o.name AS org_name, o.kind AS org_kind
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
         WHERE s.token_hash = $1",
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
