//! What every handler can reach.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;
use crate::db::Db;
use crate::rate_limit::FailureLimiter;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub login_failures: Arc<FailureLimiter>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let login_failures = Arc::new(FailureLimiter::new(
            config.login_failures_per_minute,
            Duration::from_secs(60),
        ));
        Self {
            db,
            config: Arc::new(config),
            login_failures,
        }
    }
}
