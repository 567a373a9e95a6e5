//! Reads and changes that only the tests make (e.g. ageing a session, renaming a person to
//! test sorting), kept here so that no SQL lives outside the data-access layer. Nothing in
//! the server calls these.

use chrono::{DateTime, Utc};

use super::{AsEx, Backend, Db};
use crate::{execute, fetch_one, scalar_all, scalar_one};

/// The stored hashes of every session.
pub async fn session_hashes(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    scalar_all!(
        &mut db.conn().await?,
        String,
        "SELECT token_hash FROM sessions"
    )
}

/// Moves every session's times back, as if it were last used / begun then.
pub async fn age_sessions(
    db: &Db,
    last_seen_at: Option<DateTime<Utc>>,
    created_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE sessions SET last_seen_at = COALESCE($1, last_seen_at),
                             created_at = COALESCE($2, created_at)",
        last_seen_at,
        created_at
    )?;
    Ok(())
}

pub async fn password_hashes(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    scalar_all!(
        &mut db.conn().await?,
        String,
        "SELECT password_hash FROM users"
    )
}

pub async fn count_users(db: &Db) -> Result<i64, sqlx::Error> {
    scalar_one!(&mut db.conn().await?, i64, "SELECT COUNT(*) FROM users")
}

pub async fn rename_user(db: &Db, email: &str, name: &str) -> Result<u64, sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE users SET name = $1, search_text = $3 WHERE email = $2",
        name,
        email,
        kursbro_shared::search::search_text(&[name, email])
    )
}

pub async fn cohort_id_by_name(db: &Db, name: &str) -> Result<i64, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        i64,
        "SELECT id FROM cohorts WHERE name = $1",
        name
    )
}

/// (Markdown, HTML) as stored for a post.
pub async fn post_bodies(db: &Db, id: i64) -> Result<(String, String), sqlx::Error> {
    fetch_one!(
        &mut db.conn().await?,
        (String, String),
        "SELECT body_markdown, body_html FROM posts WHERE id = $1",
        id
    )
}

/// The stored HTML of every post, oldest first.
pub async fn all_post_html(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    scalar_all!(
        &mut db.conn().await?,
        String,
        "SELECT body_html FROM posts ORDER BY id"
    )
}

/// How many learning events are stored, for everyone.
pub async fn count_learning_events(db: &Db) -> Result<i64, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        i64,
        "SELECT COUNT(*) FROM learning_events"
    )
}

/// How many activities of a module a person has completed.
pub async fn completions_in_module(db: &Db, email: &str, slug: &str) -> Result<i64, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        i64,
        "SELECT COUNT(*) FROM activity_completions c
         JOIN activities a ON a.id = c.activity_id JOIN modules m ON m.id = a.module_id
         JOIN users u ON u.id = c.user_id
         WHERE m.slug = $1 AND u.email = $2",
        slug,
        email
    )
}

/// How many quiz attempts a person has made, anywhere.
pub async fn quiz_attempts_of(db: &Db, email: &str) -> Result<i64, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        i64,
        "SELECT COUNT(*) FROM quiz_attempts q JOIN users u ON u.id = q.user_id WHERE u.email = $1",
        email
    )
}

/// SQLite's journal mode, foreign-key switch and busy timeout (None on PostgreSQL).
pub async fn sqlite_settings(db: &Db) -> Result<Option<(String, i64, i64)>, sqlx::Error> {
    if db.backend() != Backend::Sqlite {
        return Ok(None);
    }
    let mut c = db.conn().await?;
    let mode = scalar_one!(&mut c, String, "PRAGMA journal_mode")?;
    let fk = scalar_one!(&mut c, i64, "PRAGMA foreign_keys")?;
    let timeout = scalar_one!(&mut c, i64, "PRAGMA busy_timeout")?;
    Ok(Some((mode, fk, timeout)))
}

/// Breaks the schema under a running server (the test that internal errors stay opaque).
pub async fn break_schema(db: &Db) -> Result<(), sqlx::Error> {
    let sql = match db.backend() {
        Backend::Sqlite => "DROP TABLE programme_modules",
        Backend::Postgres => "DROP TABLE programme_modules CASCADE",
    };
    execute!(&mut db.conn().await?, sql)?;
    Ok(())
}

/// A person as the schema stored them before grants (migration 20261126000003 and
/// earlier): one `role` column. For the test of the migration that replaced it.
pub async fn insert_user_with_role(
    db: &Db,
    organisation_id: i64,
    email: &str,
    role: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        i64,
        "INSERT INTO users (organisation_id, email, name, role, password_hash, created_at)
         VALUES ($1, $2, $2, $3, 'x', $4) RETURNING id",
        organisation_id,
        email,
        role,
        now
    )
}

/// Creates an empty database named `kursbro_test_<random>` on the PostgreSQL server at
/// `server_url` (which names a database to connect to first, e.g. `…/postgres`) and
/// returns the URL of the new one.
pub async fn create_postgres_database(server_url: &str) -> anyhow::Result<String> {
    use rand::Rng;
    use sqlx::Connection;
    let mut admin = sqlx::PgConnection::connect(server_url).await?;
    let name = format!("kursbro_test_{:016x}", rand::thread_rng().gen::<u64>());
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await?;
    admin.close().await?;
    let base = server_url
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(server_url);
    Ok(format!("{base}/{name}"))
}

/// Moves every link to choose a password's expiry to `expires_at`.
pub async fn age_invitations(db: &Db, expires_at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE invitations SET expires_at = $1",
        expires_at
    )?;
    Ok(())
}

/// Withdraws a module from the catalogue (or publishes it again), as an author would.
pub async fn set_published(db: &Db, slug: &str, published: bool) -> Result<(), sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "UPDATE modules SET published = $1 WHERE slug = $2",
        published,
        slug
    )?;
    Ok(())
}

/// The titles of the removed activities whose reflections by `user_id` are kept.
pub async fn retired_reflections(db: &Db, user_id: i64) -> Result<Vec<String>, sqlx::Error> {
    crate::scalar_all!(
        &mut db.conn().await?,
        String,
        "SELECT activity_title FROM retired_reflections WHERE user_id = $1 ORDER BY retired_at",
        user_id
    )
}

/// When a person completed a module (the row the competence overview reads), if they have.
pub async fn module_completed_at(
    db: &Db,
    email: &str,
    slug: &str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, sqlx::Error> {
    crate::scalar_optional!(
        &mut db.conn().await?,
        chrono::DateTime<chrono::Utc>,
        "SELECT mc.completed_at FROM module_completions mc
         JOIN modules m ON m.id = mc.module_id JOIN users u ON u.id = mc.user_id
         WHERE m.slug = $1 AND u.email = $2",
        slug,
        email
    )
}

/// Deactivates a person, as an admin does.
pub async fn deactivate(db: &Db, email: &str) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    execute!(
        &mut tx,
        "UPDATE users SET active = FALSE WHERE email = $1",
        email
    )?;
    tx.commit().await
}

/// A person as the schema had them before people's search text (the migration tests).
pub async fn insert_user_without_search_text(
    tx: &mut impl AsEx,
    organisation_id: i64,
    email: &str,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO users (organisation_id, email, name, password_hash, created_at)
         VALUES ($1, $2, $3, 'x', $4) RETURNING id",
        organisation_id,
        email,
        name,
        now
    )
}

/// What a person is found by.
pub async fn search_text_of(db: &Db, email: &str) -> Result<String, sqlx::Error> {
    scalar_one!(
        &mut db.conn().await?,
        String,
        "SELECT search_text FROM users WHERE email = $1",
        email
    )
}

/// SQLite's plan for a candidate search in one organisation (`None` on PostgreSQL, whose
/// plans depend on its statistics): one line per step.
pub async fn candidates_plan(db: &Db) -> Result<Option<Vec<String>>, sqlx::Error> {
    if db.backend() != Backend::Sqlite {
        return Ok(None);
    }
    let sql = format!(
        "EXPLAIN QUERY PLAN {}",
        super::cohorts::candidates_sql(true)
    );
    let rows = crate::fetch_all!(&mut db.conn().await?, (i64, i64, i64, String), &sql)?;
    Ok(Some(rows.into_iter().map(|r| r.3).collect()))
}

/// How many rows point at a row that does not exist, by SQLite's own foreign-key check
/// (`None` on PostgreSQL, which checks every reference as rows are written, unless a bulk
/// load turned that off).
pub async fn broken_references(db: &Db) -> Result<Option<i64>, sqlx::Error> {
    if db.backend() != Backend::Sqlite {
        return Ok(None);
    }
    scalar_one!(
        &mut db.conn().await?,
        i64,
        "SELECT COUNT(*) FROM pragma_foreign_key_check"
    )
    .map(Some)
}
