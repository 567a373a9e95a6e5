//! Sliding-window rate limits: failed sign-ins per client address, posts per author.
//!
//! The events are counted in the database ([`crate::store::limits`]), so that every app
//! server behind one database counts the same attempts: an attacker gains nothing by
//! spreading guesses over servers. For sign-ins only failures are recorded, and a success
//! does not reset the count (otherwise an attacker could interleave sign-ins to an account
//! of their own).

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::error::{ApiError, ApiResult};
use crate::store::{self, Db};

/// At most `max` events per key within `window`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// Which kind of event (`login`, `post`): a key space of its own.
    pub scope: &'static str,
    pub max: u32,
    pub window: Duration,
}

impl Limit {
    pub const fn per_minute(scope: &'static str, max: u32) -> Self {
        Self {
            scope,
            max,
            window: Duration::from_secs(60),
        }
    }

    fn window(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.window).unwrap_or(chrono::Duration::MAX)
    }

    /// `RateLimited` (with the seconds to wait) when `key` has used up its events.
    pub async fn check(&self, db: &Db, key: &str) -> ApiResult<()> {
        self.check_at(db, key, Utc::now()).await
    }

    pub async fn check_at(&self, db: &Db, key: &str, now: DateTime<Utc>) -> ApiResult<()> {
        let (count, oldest) =
            store::limits::count_since(db, self.scope, key, now - self.window()).await?;
        if count < i64::from(self.max) {
            return Ok(());
        }
        // The oldest event in the window decides when the next try is allowed.
        let wait = oldest.map_or(self.window(), |o| self.window() - (now - o));
        Err(ApiError::RateLimited {
            retry_after_secs: u64::try_from(wait.num_seconds()).unwrap_or(0).max(1),
        })
    }

    /// Records one event for `key`.
    pub async fn record(&self, db: &Db, key: &str) -> ApiResult<()> {
        self.record_at(db, key, Utc::now()).await
    }

    pub async fn record_at(&self, db: &Db, key: &str, now: DateTime<Utc>) -> ApiResult<()> {
        store::limits::record(db, self.scope, key, now, now - self.window()).await?;
        Ok(())
    }
}
