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
        let (count, oldest, _) =
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

/// Failed sign-ins per account (by e-mail address, whatever the client address): the
/// first [`AccountBackoff::FREE`] failures within 15 minutes cost nothing; after that each
/// attempt must wait 1, 2, 4, … seconds (at most a minute) after the latest failure. An
/// attacker with many addresses gets about one guess a minute at an account instead of ten
/// a minute per address; the account's owner is never locked out for longer than a minute
/// after the attacker's latest guess. Attempts refused for waiting are not failures.
pub struct AccountBackoff;

impl AccountBackoff {
    pub const SCOPE: &'static str = "login-account";
    pub const FREE: i64 = 10;
    const WINDOW_MINUTES: i64 = 15;
    const MAX_WAIT_SECS: i64 = 60;

    /// The key an account is counted under: a hash of the normalised address, so the
    /// table holds no e-mail addresses.
    pub fn key(normalised_email: &str) -> String {
        use sha2::{Digest, Sha256};
        format!("{:x}", Sha256::digest(normalised_email.as_bytes()))[..32].to_string()
    }

    /// The wait (in seconds) required after `failures` recent failures.
    pub fn wait_secs(failures: i64) -> i64 {
        if failures < Self::FREE {
            0
        } else {
            let doublings = u32::try_from(failures - Self::FREE)
                .unwrap_or(u32::MAX)
                .min(6);
            (1i64 << doublings).min(Self::MAX_WAIT_SECS)
        }
    }

    /// `RateLimited` while the account must still wait.
    pub async fn check(db: &Db, key: &str, now: DateTime<Utc>) -> ApiResult<()> {
        let since = now - chrono::Duration::minutes(Self::WINDOW_MINUTES);
        let (failures, _, newest) = store::limits::count_since(db, Self::SCOPE, key, since).await?;
        let wait = chrono::Duration::seconds(Self::wait_secs(failures));
        match newest {
            Some(last) if now - last < wait => Err(ApiError::RateLimited {
                retry_after_secs: u64::try_from((wait - (now - last)).num_seconds())
                    .unwrap_or(0)
                    .max(1),
            }),
            _ => Ok(()),
        }
    }

    pub async fn record(db: &Db, key: &str, now: DateTime<Utc>) -> ApiResult<()> {
        let forget = now - chrono::Duration::minutes(Self::WINDOW_MINUTES);
        store::limits::record(db, Self::SCOPE, key, now, forget).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::AccountBackoff;

    #[test]
    fn the_account_back_off_doubles_and_is_capped_at_a_minute() {
        let waits: Vec<i64> = (0..20).map(AccountBackoff::wait_secs).collect();
        assert!(waits[..10].iter().all(|w| *w == 0), "{waits:?}");
        assert_eq!(&waits[10..14], &[1, 2, 4, 8]);
        assert_eq!(waits[16], 60);
        assert_eq!(waits[19], 60);
        assert_eq!(AccountBackoff::key("kari@x.no").len(), 32);
        assert_ne!(
            AccountBackoff::key("kari@x.no"),
            AccountBackoff::key("ola@x.no")
        );
    }
}
