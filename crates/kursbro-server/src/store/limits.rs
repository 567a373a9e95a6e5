//! Rate-limit events, counted in the database so that every app server behind one
//! database sees the same counts.

use chrono::{DateTime, Utc};

use super::Db;
use crate::{execute, fetch_one};

/// Events of one key in a window: how many, the oldest, the newest.
pub type WindowCount = (i64, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// How many events `key` has in `scope` since `since`, and when the oldest and the newest
/// of them were.
pub async fn count_since(
    db: &Db,
    scope: &str,
    key: &str,
    since: DateTime<Utc>,
) -> Result<WindowCount, sqlx::Error> {
    fetch_one!(
        &mut db.conn().await?,
        WindowCount,
        "SELECT COUNT(*), MIN(at), MAX(at) FROM rate_events
         WHERE scope = $1 AND key = $2 AND at > $3",
        scope,
        key,
        since
    )
}

/// Records one event, and forgets this key's events older than `forget_before`.
pub async fn record(
    db: &Db,
    scope: &str,
    key: &str,
    at: DateTime<Utc>,
    forget_before: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    execute!(
        &mut tx,
        "DELETE FROM rate_events WHERE scope = $1 AND key = $2 AND at <= $3",
        scope,
        key,
        forget_before
    )?;
    execute!(
        &mut tx,
        "INSERT INTO rate_events (scope, key, at) VALUES ($1, $2, $3)",
        scope,
        key,
        at
    )?;
    tx.commit().await
}

/// Forgets every event older than `before` (housekeeping).
pub async fn forget_before(db: &Db, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    execute!(
        &mut db.conn().await?,
        "DELETE FROM rate_events WHERE at <= $1",
        before
    )
}
