//! The data-access layer: the only place in Kursbro that holds SQL.
//!
//! One module per aggregate (people and sessions, catalogue, learning, cohorts,
//! discussions, rate limits, demo content). Handlers, domain code, the seed, the benchmarks
//! and the tests call these functions; none of them sees a driver type.
//!
//! Two databases sit behind it: SQLite (the default, one file) and PostgreSQL (several app
//! servers behind one database). Every query is written **once**, in the dialect the two
//! share, with `$n` placeholders (sqlx's SQLite driver reads `$n` as the n-th argument).
//! The macros below ([`fetch_all!`] and friends) expand each query into one arm per
//! database, so the query text and its arguments are written once and type-checked against
//! both drivers. Where the dialects really differ (none today beyond migrations and
//! connection set-up), [`Db::backend`] tells which one runs. ARCHITECTURE.md explains why
//! this design was chosen over one trait with two implementations.
//!
//! Transactions: [`Db::write`] starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so a
//! writer takes the lock at once instead of failing on upgrade; plain `BEGIN` on
//! PostgreSQL, where row locks and constraints do the work). Every change of more than one
//! statement runs in one.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool, Transaction};

pub mod admin;
pub mod authoring;
pub mod catalogue;
pub mod cohorts;
pub mod compliance;
pub mod content;
pub mod discussions;
pub mod feedback;
pub mod gatherings;
pub mod learning;
pub mod limits;
pub mod lite;
pub mod news;
pub mod people;
pub mod scale;
pub mod testing;
pub mod writer;

/// Which database a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool to one of the two databases. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    /// The pool, and direct readers for a file (see [`lite::Readers`]).
    Sqlite(SqlitePool, Option<std::sync::Arc<lite::Readers>>),
    Postgres(PgPool),
}

/// A connection for a read on the hot path: a direct SQLite reader, or one from the pool.
pub enum Read<'a> {
    Direct(lite::ReadConn<'a>),
    Pool(Conn),
}

impl lite::AsLiteEx for Read<'_> {
    fn wex(&mut self) -> lite::WEx<'_> {
        match self {
            Read::Direct(r) => r.wex(),
            Read::Pool(c) => c.wex(),
        }
    }
}

/// One pooled connection, for a run of reads.
pub enum Conn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// A transaction; dropped without [`Tx::commit`] it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// What a query runs on, borrowed from a [`Conn`] or a [`Tx`].
pub enum Ex<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// Anything queries can run on: a connection or a transaction.
pub trait AsEx {
    fn ex(&mut self) -> Ex<'_>;
}

impl AsEx for Conn {
    fn ex(&mut self) -> Ex<'_> {
        match self {
            Conn::Sqlite(c) => Ex::Sqlite(c),
            Conn::Postgres(c) => Ex::Postgres(c),
        }
    }
}

impl AsEx for Tx {
    fn ex(&mut self) -> Ex<'_> {
        match self {
            Tx::Sqlite(t) => Ex::Sqlite(t),
            Tx::Postgres(t) => Ex::Postgres(t),
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }

    /// Undoes everything now (dropping a transaction also does, later).
    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t) => t.rollback().await,
            Tx::Postgres(t) => t.rollback().await,
        }
    }
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(..) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// A connection from the pool.
    pub async fn conn(&self) -> Result<Conn, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p, _) => Conn::Sqlite(p.acquire().await?),
            Db::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    /// A write transaction (see the module documentation).
    pub async fn write(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p, _) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// The file of a SQLite database; `None` for PostgreSQL and an in-memory database.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        match self {
            Db::Sqlite(_, readers) => readers.as_ref().map(|r| r.path().to_path_buf()),
            Db::Postgres(_) => None,
        }
    }

    /// A connection for the reads every request makes (see [`lite::Readers`]).
    pub async fn read(&self) -> Result<Read<'_>, sqlx::Error> {
        match self {
            Db::Sqlite(_, Some(readers)) => readers.take().map(Read::Direct),
            _ => self.conn().await.map(Read::Pool),
        }
    }

    /// Closes every connection (the tests close before they drop a database).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p, readers) => {
                if let Some(readers) = readers {
                    readers.close();
                }
                p.close().await
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// Opens the database `url` names (`sqlite://…` or `postgres://…`) and runs pending
/// migrations. A SQLite file and its folder are created if missing.
pub async fn connect_and_migrate(url: &str) -> anyhow::Result<Db> {
    connect_and_migrate_until(url, None).await
}

/// As [`connect_and_migrate`], but only up to and including migration `last` when given:
/// the schema as it was then (for the tests of a later migration's data changes).
pub async fn connect_and_migrate_until(url: &str, last: Option<i64>) -> anyhow::Result<Db> {
    let db = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        connect_postgres(url).await?
    } else if url.starts_with("sqlite:") {
        connect_sqlite(url).await?
    } else {
        anyhow::bail!("unsupported database URL {url:?}: use sqlite://FILE or postgres://…");
    };
    let until = |mut m: sqlx::migrate::Migrator| {
        if let Some(last) = last {
            m.migrations = m
                .migrations
                .iter()
                .filter(|x| x.version <= last)
                .cloned()
                .collect::<Vec<_>>()
                .into();
        }
        m
    };
    match &db {
        // SQLite: one file, one server; the migrations run in their own transactions. The
        // activities table is rebuilt between two of them (see `widen_activity_kinds`).
        Db::Sqlite(p, _) => {
            if last.is_none_or(|l| l >= WIDEN_ACTIVITY_KINDS_BEFORE) {
                let mut first = sqlx::migrate!("./migrations/sqlite");
                first.migrations = first
                    .migrations
                    .iter()
                    .filter(|x| x.version < WIDEN_ACTIVITY_KINDS_BEFORE)
                    .cloned()
                    .collect::<Vec<_>>()
                    .into();
                // On a later start the later migrations are applied already.
                first.set_ignore_missing(true);
                first.run(p).await.context("database migration failed")?;
                widen_activity_kinds(p)
                    .await
                    .context("rebuilding the activities table failed")?;
            }
            until(sqlx::migrate!("./migrations/sqlite")).run(p).await
        }
        // PostgreSQL: sqlx holds an advisory lock while it migrates, so several app servers
        // starting at once apply each migration exactly once.
        Db::Postgres(p) => until(sqlx::migrate!("./migrations/postgres")).run(p).await,
    }
    .context("database migration failed")?;
    if last.is_none() {
        people::fill_search_texts(&db)
            .await
            .context("filling people's search texts failed")?;
    }
    Ok(db)
}

/// The SQLite migration that first needs activities of kind `gathering`.
const WIDEN_ACTIVITY_KINDS_BEFORE: i64 = 20261128000001;

/// Lets SQLite's `activities.kind` hold `gathering`. SQLite cannot change a CHECK in place,
/// and replacing a table that others refer to needs foreign keys off, which cannot be done
/// inside a migration's transaction; so this runs between two migrations, on one
/// connection, as SQLite's documented procedure (foreign keys off; in a transaction: a new
/// table, every row copied with its id, the old one dropped, the new one renamed, foreign
/// keys checked; foreign keys on again). Does nothing once done.
async fn widen_activity_kinds(pool: &SqlitePool) -> anyhow::Result<()> {
    let mut c = pool.acquire().await?;
    let sql: String = sqlx::query_scalar(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'activities'",
    )
    .fetch_one(&mut *c)
    .await?;
    if sql.contains("'gathering'") {
        return Ok(());
    }
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *c)
        .await?;
    let rebuilt = async {
        let mut tx = sqlx::Connection::begin(&mut *c).await?;
        sqlx::raw_sql(include_str!(
            "../../migrations/sqlite-rebuilds/activity_kinds.sql"
        ))
        .execute(&mut *tx)
        .await?;
        let broken = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut *tx)
            .await?;
        anyhow::ensure!(
            broken.is_empty(),
            "{} rows refer to activities that are gone",
            broken.len()
        );
        tx.commit().await?;
        anyhow::Ok(())
    }
    .await;
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *c)
        .await?;
    rebuilt
}

async fn connect_sqlite(url: &str) -> anyhow::Result<Db> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("invalid database URL {url:?}"))?;
    let file = options.get_filename().to_path_buf();
    // sqlx names an in-memory database `file:sqlx-in-memory-N`: told by the URL. A second
    // connection to it would be another, empty database, so it gets no direct connections.
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    if !in_memory {
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
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open database {url}"))?;
    let readers = (!in_memory).then(|| std::sync::Arc::new(lite::Readers::new(file)));
    Ok(Db::Sqlite(pool, readers))
}

async fn connect_postgres(url: &str) -> anyhow::Result<Db> {
    let options = PgConnectOptions::from_str(url)
        .with_context(|| "invalid PostgreSQL URL (check user, host, port and database)")?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .context("cannot connect to PostgreSQL")?;
    Ok(Db::Postgres(pool))
}

/// Whether a database error is a unique-constraint violation (in either database).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// `fetch_all!(ex, Row, "SQL", args…)`: every row, as `Result<Vec<Row>, sqlx::Error>`.
/// `ex` is anything [`AsEx`] (`&mut conn`, `&mut tx`). `Row` is a `FromRow` type or a tuple.
#[macro_export]
macro_rules! fetch_all {
    ($c:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::AsEx::ex($c) {
            $crate::store::Ex::Sqlite(e) => sqlx::query_as::<sqlx::Sqlite, $row>($sql)
                $(.bind($arg))*.fetch_all(e).await,
            $crate::store::Ex::Postgres(e) => sqlx::query_as::<sqlx::Postgres, $row>($sql)
                $(.bind($arg))*.fetch_all(e).await,
        }
    };
}

/// Like [`fetch_all!`], for exactly one row.
#[macro_export]
macro_rules! fetch_one {
    ($c:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::AsEx::ex($c) {
            $crate::store::Ex::Sqlite(e) => sqlx::query_as::<sqlx::Sqlite, $row>($sql)
                $(.bind($arg))*.fetch_one(e).await,
            $crate::store::Ex::Postgres(e) => sqlx::query_as::<sqlx::Postgres, $row>($sql)
                $(.bind($arg))*.fetch_one(e).await,
        }
    };
}

/// Like [`fetch_all!`], for at most one row.
#[macro_export]
macro_rules! fetch_optional {
    ($c:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::AsEx::ex($c) {
            $crate::store::Ex::Sqlite(e) => sqlx::query_as::<sqlx::Sqlite, $row>($sql)
                $(.bind($arg))*.fetch_optional(e).await,
            $crate::store::Ex::Postgres(e) => sqlx::query_as::<sqlx::Postgres, $row>($sql)
                $(.bind($arg))*.fetch_optional(e).await,
        }
    };
}

/// The single column of every row: `Result<Vec<T>, sqlx::Error>`.
#[macro_export]
macro_rules! scalar_all {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::AsEx::ex($c) {
            $crate::store::Ex::Sqlite(e) => sqlx::query_scalar::<sqlx::Sqlite, $t>($sql)
                $(.bind($arg))*.fetch_all(e).await,
            $crate::store::Ex::Postgres(e) => sqlx::query_scalar::<sqlx::Postgres, $t>($sql)
                $(.bind($arg))*.fetch_all(e).await,
        }
    };
}

/// The single column of exactly one row.
#[macro_export]
macro_rules! scalar_one {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::AsEx::ex($c) {
            $crate::store::Ex::Sqlite(e) => sqlx::query_scalar::<sqlx::Sqlite, $t>($sql)
                $(.bind($arg))*.fetch_one(e).await,
            $crate::store::Ex::Postgres(e) => sqlx::query_scalar::<sqlx::Postgres, $t>($sql)
                $(.bind($arg))*.fetch_one(e).await,
        }
    };
}

/// The single column of at most one row.
#[macro_export]
macro_rules! scalar_optional {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::AsEx::ex($c) {
            $crate::store::Ex::Sqlite(e) => sqlx::query_scalar::<sqlx::Sqlite, $t>($sql)
                $(.bind($arg))*.fetch_optional(e).await,
            $crate::store::Ex::Postgres(e) => sqlx::query_scalar::<sqlx::Postgres, $t>($sql)
                $(.bind($arg))*.fetch_optional(e).await,
        }
    };
}

/// A statement without rows; `Result<u64, sqlx::Error>` with the number of rows changed.
#[macro_export]
macro_rules! execute {
    ($c:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::AsEx::ex($c) {
            $crate::store::Ex::Sqlite(e) => sqlx::query::<sqlx::Sqlite>($sql)
                $(.bind($arg))*.execute(e).await.map(|r| r.rows_affected()),
            $crate::store::Ex::Postgres(e) => sqlx::query::<sqlx::Postgres>($sql)
                $(.bind($arg))*.execute(e).await.map(|r| r.rows_affected()),
        }
    };
}
