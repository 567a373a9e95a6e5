//! What every handler can reach. Nothing here is state that must be shared between app
//! servers: sessions and rate-limit counts live in the database.

use std::sync::Arc;

use crate::config::Config;
use crate::learning::EventWriter;
use crate::rate_limit::Limit;
use crate::store::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    /// Failed sign-ins per client address per minute.
    pub login_failures: Limit,
    /// Posts per author per minute.
    pub posts: Limit,
    /// The writer of learning events on SQLite (group commit); `None` on PostgreSQL.
    pub events: Option<Arc<EventWriter>>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> anyhow::Result<Self> {
        let events = match db.sqlite_file() {
            Some(file) => Some(Arc::new(EventWriter::start(&file)?)),
            None => None,
        };
        Ok(Self {
            db,
            events,
            login_failures: Limit::per_minute("login", config.login_failures_per_minute),
            posts: Limit::per_minute("post", config.posts_per_minute),
            config: Arc::new(config),
        })
    }
}
