//! The database: a connection pool, pragmas set explicitly, embedded migrations.
//!
//! SQLite is the default (one file, no server to run). All SQL is kept in the repository
//! modules of this crate and sticks to what SQLite and PostgreSQL share, so a PostgreSQL
//! backend means a second pool type behind the same functions, not a rewrite.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

/// The pool every handler uses.
pub type Db = sqlx::SqlitePool;

/// Opens (and creates, if missing) the database at `url` and runs pending migrations.
pub async fn connect_and_migrate(url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("invalid database URL {url:?}"))?;
    let file = options.get_filename();
    if file != Path::new(":memory:") {
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
        }
    }
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let db = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open database {url}"))?;
    sqlx::migrate!("./migrations")
        .run(&db)
        .await
        .context("database migration failed")?;
    Ok(db)
}
