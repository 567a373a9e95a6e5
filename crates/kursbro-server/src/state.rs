//! What every handler can reach.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Config;
use crate::db::Db;
use std::net::IpAddr;

use crate::rate_limit::WindowLimiter;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub login_failures: Arc<WindowLimiter<IpAddr>>,
    /// Posts per author (user id) per minute.
    pub posts: Arc<WindowLimiter<i64>>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        let posts = Arc::new(WindowLimiter::new(
            config.posts_per_minute,
            Duration::from_secs(60),
        ));
        let login_failures = Arc::new(WindowLimiter::new(
            config.login_failures_per_minute,
            Duration::from_secs(60),
        ));
        Self {
            db,
            config: Arc::new(config),
            login_failures,
            posts,
        }
    }
}
