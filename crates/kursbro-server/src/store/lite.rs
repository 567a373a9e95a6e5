//! The learning-event path's own way to SQLite: one direct connection (rusqlite, on the
//! event writer's thread; see [`super::writer`]), next to sqlx's pool.
//!
//! Why: sqlx runs each SQLite connection on a worker thread of its own, and every statement
//! is a round trip between threads. Measured (`make bench`, the `ingest` benchmark, and
//! `perf`), those hand-overs cost ~60–80 µs a statement on two busy cores, against a few
//! microseconds for the statement itself, and they are most of what limited durable
//! writes. The event path runs its statements on the writer's thread instead, with no
//! hand-over, many events to a transaction.
//!
//! The statements are still written once: the functions on the event path use the
//! `lite_*!` macros below, which expand to three arms — sqlx on SQLite, sqlx on PostgreSQL,
//! and this connection — from one query text and one argument list. A function that takes
//! `&mut impl AsLiteEx` runs on all three; everything else in the store takes
//! `&mut impl AsEx` and cannot be handed the writer's connection by mistake.
//!
//! Values are stored exactly as sqlx stores them (times as RFC 3339 text in UTC, booleans
//! as 0/1), so rows written here and rows written through sqlx compare and sort alike.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::{Value, ValueRef};
use sqlx::{PgConnection, SqliteConnection};

use super::{Conn, Tx};

/// A direct connection to the SQLite file at `path`, with the pool's settings (see
/// `connect_sqlite`: WAL, `synchronous=NORMAL`, foreign keys, a 5 s busy timeout) and a
/// statement cache.
pub fn open(path: &std::path::Path) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    )?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Direct connections for the reads every signed-in request makes (its session and the
/// person's grants), run on the caller's thread: an indexed lookup of a few microseconds
/// costs less than the two thread hand-overs sqlx would add. A connection is taken from
/// the idle ones (or opened) and put back after use. WAL lets them read while a writer
/// writes.
pub struct Readers {
    path: std::path::PathBuf,
    idle: std::sync::Mutex<Vec<rusqlite::Connection>>,
    closed: std::sync::atomic::AtomicBool,
}

/// Idle connections kept for later requests.
const IDLE_READERS: usize = 8;

impl Readers {
    pub fn new(path: std::path::PathBuf) -> Self {
        Readers {
            path,
            idle: std::sync::Mutex::new(Vec::new()),
            closed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// The database file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Closes the idle connections; those in use close when given back, and no new one
    /// opens.
    pub fn close(&self) {
        self.closed.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut idle) = self.idle.lock() {
            idle.clear();
        }
    }

    /// An idle connection, or a new one.
    pub fn take(&self) -> Result<ReadConn<'_>, sqlx::Error> {
        if self.closed.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(sqlx::Error::PoolClosed);
        }
        let idle = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let conn = match idle {
            Some(conn) => conn,
            None => open(&self.path).map_err(err)?,
        };
        Ok(ReadConn {
            readers: self,
            conn: Some(conn),
        })
    }
}

impl std::fmt::Debug for Readers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readers").field("path", &self.path).finish()
    }
}

/// A reader taken from [`Readers`]; goes back when dropped.
pub struct ReadConn<'r> {
    readers: &'r Readers,
    conn: Option<rusqlite::Connection>,
}

impl Drop for ReadConn<'_> {
    fn drop(&mut self) {
        if self
            .readers
            .closed
            .load(std::sync::atomic::Ordering::SeqCst)
        {
            return;
        }
        if let (Some(conn), Ok(mut idle)) = (self.conn.take(), self.readers.idle.lock()) {
            if idle.len() < IDLE_READERS {
                idle.push(conn);
            }
        }
    }
}

impl AsLiteEx for ReadConn<'_> {
    fn wex(&mut self) -> WEx<'_> {
        WEx::Lite(self.conn.as_mut().expect("taken until dropped"))
    }
}

/// The writer's connection, inside its transaction.
pub struct LiteTx<'c> {
    conn: &'c mut rusqlite::Connection,
}

impl<'c> LiteTx<'c> {
    /// `conn`, which the caller has put in a transaction and will commit or roll back.
    pub fn new(conn: &'c mut rusqlite::Connection) -> Self {
        LiteTx { conn }
    }
}

/// What a write-path query runs on.
pub enum WEx<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
    Lite(&'a mut rusqlite::Connection),
}

/// Anything the event path's queries can run on: a pooled connection, a transaction, or
/// the writer's transaction.
pub trait AsLiteEx {
    fn wex(&mut self) -> WEx<'_>;
}

impl AsLiteEx for Conn {
    fn wex(&mut self) -> WEx<'_> {
        match self {
            Conn::Sqlite(c) => WEx::Sqlite(c),
            Conn::Postgres(c) => WEx::Postgres(c),
        }
    }
}

impl AsLiteEx for Tx {
    fn wex(&mut self) -> WEx<'_> {
        match self {
            Tx::Sqlite(t) => WEx::Sqlite(t),
            Tx::Postgres(t) => WEx::Postgres(t),
        }
    }
}

impl AsLiteEx for LiteTx<'_> {
    fn wex(&mut self) -> WEx<'_> {
        WEx::Lite(self.conn)
    }
}

/// A value bound to a statement, stored as sqlx would store it.
pub trait LiteArg {
    fn lite(&self) -> Value;
}

impl LiteArg for i64 {
    fn lite(&self) -> Value {
        Value::Integer(*self)
    }
}

impl LiteArg for i32 {
    fn lite(&self) -> Value {
        Value::Integer(i64::from(*self))
    }
}

impl LiteArg for bool {
    fn lite(&self) -> Value {
        Value::Integer(i64::from(*self))
    }
}

impl LiteArg for f64 {
    fn lite(&self) -> Value {
        Value::Real(*self)
    }
}

impl LiteArg for str {
    fn lite(&self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl LiteArg for String {
    fn lite(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl LiteArg for DateTime<Utc> {
    fn lite(&self) -> Value {
        // sqlx's encoding of `DateTime<Utc>` for SQLite.
        Value::Text(self.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }
}

impl LiteArg for NaiveDate {
    fn lite(&self) -> Value {
        // sqlx's encoding of `NaiveDate` for SQLite.
        Value::Text(self.format("%F").to_string())
    }
}

impl<T: LiteArg> LiteArg for Option<T> {
    fn lite(&self) -> Value {
        self.as_ref().map_or(Value::Null, LiteArg::lite)
    }
}

impl<T: LiteArg + ?Sized> LiteArg for &T {
    fn lite(&self) -> Value {
        (**self).lite()
    }
}

/// A column read back.
pub trait LiteValue: Sized {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error>;
}

fn wrong(expected: &str, v: ValueRef<'_>) -> sqlx::Error {
    sqlx::Error::Protocol(format!(
        "sqlite: expected {expected}, found {:?}",
        v.data_type()
    ))
}

impl LiteValue for i64 {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error> {
        v.as_i64().map_err(|_| wrong("an integer", v))
    }
}

impl LiteValue for bool {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error> {
        v.as_i64()
            .map(|i| i != 0)
            .map_err(|_| wrong("a boolean", v))
    }
}

impl LiteValue for String {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error> {
        v.as_str().map(str::to_owned).map_err(|_| wrong("text", v))
    }
}

impl LiteValue for DateTime<Utc> {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error> {
        let text = v.as_str().map_err(|_| wrong("a time", v))?;
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Ok(t.with_timezone(&Utc));
        }
        // SQLite's own format (what `datetime()` writes), read as UTC like sqlx does.
        chrono::NaiveDateTime::parse_from_str(text, "%F %T%.f")
            .map(|t| t.and_utc())
            .map_err(|_| sqlx::Error::Protocol(format!("sqlite: not a time: {text:?}")))
    }
}

impl LiteValue for NaiveDate {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error> {
        let text = v.as_str().map_err(|_| wrong("a day", v))?;
        NaiveDate::parse_from_str(text, "%F")
            .map_err(|_| sqlx::Error::Protocol(format!("sqlite: not a day: {text:?}")))
    }
}

impl LiteValue for f64 {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error> {
        match v {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Integer(i) => Ok(i as f64),
            v => Err(wrong("a number", v)),
        }
    }
}

impl<T: LiteValue> LiteValue for Option<T> {
    fn from_lite(v: ValueRef<'_>) -> Result<Self, sqlx::Error> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_lite(v).map(Some),
        }
    }
}

/// A row read back: implemented for tuples of [`LiteValue`]s and for the write path's
/// row types.
pub trait LiteRow: Sized {
    fn from_lite_row(r: &rusqlite::Row<'_>) -> Result<Self, sqlx::Error>;
}

/// `lite_row!(Type { a, b, c })`: reads a `Type` by position, its fields named in the
/// order of the query's columns (as sqlx's `FromRow` reads them by name).
#[macro_export]
macro_rules! lite_row {
    ($t:ident { $($f:ident),+ $(,)? }) => {
        impl $crate::store::lite::LiteRow for $t {
            #[allow(unused_assignments)]
            fn from_lite_row(r: &rusqlite::Row<'_>) -> Result<Self, sqlx::Error> {
                let mut i = 0usize;
                Ok($t {
                    $($f: {
                        let v = $crate::store::lite::col(r, i)?;
                        i += 1;
                        v
                    }),+
                })
            }
        }
    };
}

/// Column `i` of a row.
pub fn col<T: LiteValue>(r: &rusqlite::Row<'_>, i: usize) -> Result<T, sqlx::Error> {
    T::from_lite(r.get_ref(i).map_err(err)?)
}

macro_rules! tuple_row {
    ($($t:ident $i:tt),+) => {
        impl<$($t: LiteValue),+> LiteRow for ($($t,)+) {
            fn from_lite_row(r: &rusqlite::Row<'_>) -> Result<Self, sqlx::Error> {
                Ok(($(col::<$t>(r, $i)?,)+))
            }
        }
    };
}
tuple_row!(A 0);
tuple_row!(A 0, B 1);
tuple_row!(A 0, B 1, C 2);
tuple_row!(A 0, B 1, C 2, D 3);

/// A driver error, as the rest of the store reports errors (only ever logged).
pub fn err(e: rusqlite::Error) -> sqlx::Error {
    sqlx::Error::Protocol(format!("sqlite: {e}"))
}

/// The statement for `sql`, prepared once per connection, with `args` bound: `$n` is the
/// n-th argument, as sqlx reads it.
fn bound<'c>(
    c: &'c rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
) -> Result<rusqlite::CachedStatement<'c>, sqlx::Error> {
    let mut stmt = c.prepare_cached(sql).map_err(err)?;
    for i in 1..=stmt.parameter_count() {
        let n = stmt
            .parameter_name(i)
            .and_then(|name| name.strip_prefix('$'))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=args.len()).contains(n))
            .ok_or_else(|| sqlx::Error::Protocol(format!("sqlite: parameter {i} of {sql:?}")))?;
        stmt.raw_bind_parameter(i, args[n - 1].lite())
            .map_err(err)?;
    }
    Ok(stmt)
}

pub fn execute(
    c: &mut rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
) -> Result<u64, sqlx::Error> {
    let mut stmt = bound(c, sql, args)?;
    stmt.raw_execute().map(|n| n as u64).map_err(err)
}

pub fn fetch_all<R: LiteRow>(
    c: &mut rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
) -> Result<Vec<R>, sqlx::Error> {
    let mut out = Vec::new();
    for_each(c, sql, args, |r| {
        out.push(R::from_lite_row(r)?);
        Ok(())
    })?;
    Ok(out)
}

/// Hands every row of `sql` to `f` without collecting them: for reads of a million rows.
pub fn for_each(
    c: &mut rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
    mut f: impl FnMut(&rusqlite::Row<'_>) -> Result<(), sqlx::Error>,
) -> Result<(), sqlx::Error> {
    let mut stmt = bound(c, sql, args)?;
    let mut rows = stmt.raw_query();
    while let Some(r) = rows.next().map_err(err)? {
        f(r)?;
    }
    Ok(())
}

pub fn fetch_optional<R: LiteRow>(
    c: &mut rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
) -> Result<Option<R>, sqlx::Error> {
    let mut stmt = bound(c, sql, args)?;
    let mut rows = stmt.raw_query();
    match rows.next().map_err(err)? {
        Some(r) => R::from_lite_row(r).map(Some),
        None => Ok(None),
    }
}

pub fn fetch_one<R: LiteRow>(
    c: &mut rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
) -> Result<R, sqlx::Error> {
    fetch_optional(c, sql, args)?.ok_or(sqlx::Error::RowNotFound)
}

/// The single column of exactly one row.
pub fn scalar_one<T: LiteValue>(
    c: &mut rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
) -> Result<T, sqlx::Error> {
    fetch_one::<(T,)>(c, sql, args).map(|(v,)| v)
}

/// The single column of every row.
pub fn scalar_all<T: LiteValue>(
    c: &mut rusqlite::Connection,
    sql: &str,
    args: &[&dyn LiteArg],
) -> Result<Vec<T>, sqlx::Error> {
    Ok(fetch_all::<(T,)>(c, sql, args)?
        .into_iter()
        .map(|(v,)| v)
        .collect())
}

/// As [`crate::fetch_all!`], for the event path (see the module documentation).
#[macro_export]
macro_rules! lite_fetch_all {
    ($c:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::lite::AsLiteEx::wex($c) {
            $crate::store::lite::WEx::Sqlite(e) => sqlx::query_as::<sqlx::Sqlite, $row>($sql)
                $(.bind($arg))*.fetch_all(e).await,
            $crate::store::lite::WEx::Postgres(e) => sqlx::query_as::<sqlx::Postgres, $row>($sql)
                $(.bind($arg))*.fetch_all(e).await,
            $crate::store::lite::WEx::Lite(e) => $crate::store::lite::fetch_all::<$row>(
                e, $sql, &[$(&$arg as &dyn $crate::store::lite::LiteArg),*]),
        }
    };
}

/// As [`crate::scalar_all!`], for the hot paths.
#[macro_export]
macro_rules! lite_scalar_all {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::lite::AsLiteEx::wex($c) {
            $crate::store::lite::WEx::Sqlite(e) => sqlx::query_scalar::<sqlx::Sqlite, $t>($sql)
                $(.bind($arg))*.fetch_all(e).await,
            $crate::store::lite::WEx::Postgres(e) => sqlx::query_scalar::<sqlx::Postgres, $t>($sql)
                $(.bind($arg))*.fetch_all(e).await,
            $crate::store::lite::WEx::Lite(e) => $crate::store::lite::scalar_all::<$t>(
                e, $sql, &[$(&$arg as &dyn $crate::store::lite::LiteArg),*]),
        }
    };
}

/// As [`crate::fetch_one!`], for the event path.
#[macro_export]
macro_rules! lite_fetch_one {
    ($c:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::lite::AsLiteEx::wex($c) {
            $crate::store::lite::WEx::Sqlite(e) => sqlx::query_as::<sqlx::Sqlite, $row>($sql)
                $(.bind($arg))*.fetch_one(e).await,
            $crate::store::lite::WEx::Postgres(e) => sqlx::query_as::<sqlx::Postgres, $row>($sql)
                $(.bind($arg))*.fetch_one(e).await,
            $crate::store::lite::WEx::Lite(e) => $crate::store::lite::fetch_one::<$row>(
                e, $sql, &[$(&$arg as &dyn $crate::store::lite::LiteArg),*]),
        }
    };
}

/// As [`crate::fetch_optional!`], for the event path.
#[macro_export]
macro_rules! lite_fetch_optional {
    ($c:expr, $row:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::lite::AsLiteEx::wex($c) {
            $crate::store::lite::WEx::Sqlite(e) => sqlx::query_as::<sqlx::Sqlite, $row>($sql)
                $(.bind($arg))*.fetch_optional(e).await,
            $crate::store::lite::WEx::Postgres(e) => sqlx::query_as::<sqlx::Postgres, $row>($sql)
                $(.bind($arg))*.fetch_optional(e).await,
            $crate::store::lite::WEx::Lite(e) => $crate::store::lite::fetch_optional::<$row>(
                e, $sql, &[$(&$arg as &dyn $crate::store::lite::LiteArg),*]),
        }
    };
}

/// As [`crate::scalar_one!`], for the event path.
#[macro_export]
macro_rules! lite_scalar_one {
    ($c:expr, $t:ty, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::lite::AsLiteEx::wex($c) {
            $crate::store::lite::WEx::Sqlite(e) => sqlx::query_scalar::<sqlx::Sqlite, $t>($sql)
                $(.bind($arg))*.fetch_one(e).await,
            $crate::store::lite::WEx::Postgres(e) => sqlx::query_scalar::<sqlx::Postgres, $t>($sql)
                $(.bind($arg))*.fetch_one(e).await,
            $crate::store::lite::WEx::Lite(e) => $crate::store::lite::scalar_one::<$t>(
                e, $sql, &[$(&$arg as &dyn $crate::store::lite::LiteArg),*]),
        }
    };
}

/// As [`crate::execute!`], for the event path.
#[macro_export]
macro_rules! lite_execute {
    ($c:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        match $crate::store::lite::AsLiteEx::wex($c) {
            $crate::store::lite::WEx::Sqlite(e) => sqlx::query::<sqlx::Sqlite>($sql)
                $(.bind($arg))*.execute(e).await.map(|r| r.rows_affected()),
            $crate::store::lite::WEx::Postgres(e) => sqlx::query::<sqlx::Postgres>($sql)
                $(.bind($arg))*.execute(e).await.map(|r| r.rows_affected()),
            $crate::store::lite::WEx::Lite(e) => $crate::store::lite::execute(
                e, $sql, &[$(&$arg as &dyn $crate::store::lite::LiteArg),*]),
        }
    };
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::store::connect_and_migrate;

    /// Rows written through the direct connection read back through sqlx alike, and the
    /// other way round; and times sort the same as text, which the forward-only upserts
    /// (`WHERE excluded.completed_at < …`) rely on.
    #[tokio::test]
    async fn values_are_stored_as_sqlx_stores_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lite.db");
        let db = connect_and_migrate(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        let times = [
            Utc.with_ymd_and_hms(2026, 11, 27, 7, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 27, 7, 30, 0).unwrap()
                + chrono::Duration::nanoseconds(1_500),
            Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap(),
        ];
        let mut direct = open(&path).unwrap();
        let mut pooled = db.conn().await.unwrap();
        let sql = "SELECT $1, $2, $3, $4, $5";
        for t in times {
            let via_sqlx: (String, i64, String, Option<i64>, f64) = crate::fetch_one!(
                &mut pooled,
                (String, i64, String, Option<i64>, f64),
                "SELECT CAST($1 AS TEXT), $2, $3, $4, $5",
                t,
                true,
                "Åse",
                None::<i64>,
                2.5
            )
            .unwrap();
            let args: [&dyn LiteArg; 5] = [&t, &true, &"Åse", &None::<i64>, &2.5f64];
            let via_lite: (String, i64, String, Option<i64>) =
                fetch_one(&mut direct, sql, &args[..]).unwrap();
            assert_eq!(via_lite.0, via_sqlx.0, "a time is the same text");
            assert_eq!(
                (via_lite.1, via_lite.2, via_lite.3),
                (via_sqlx.1, via_sqlx.2, via_sqlx.3)
            );
            let back: chrono::DateTime<Utc> = scalar_one(&mut direct, "SELECT $1", &[&t]).unwrap();
            assert_eq!(back, t);
        }
        let mut sorted = times.map(|t| t.lite());
        sorted.sort_by(|a, b| match (a, b) {
            (Value::Text(a), Value::Text(b)) => a.cmp(b),
            _ => unreachable!(),
        });
        let mut by_time = times;
        by_time.sort();
        assert_eq!(
            sorted,
            by_time.map(|t| t.lite()),
            "text order is time order"
        );
    }

    /// A second connection to an in-memory database would be another, empty database: it
    /// gets neither the writer nor direct readers (sqlx renames it, so the URL tells).
    #[tokio::test]
    async fn an_in_memory_database_gets_no_direct_connections() {
        let db = connect_and_migrate("sqlite::memory:").await.unwrap();
        assert!(db.sqlite_file().is_none());
        assert!(matches!(
            db.read().await.unwrap(),
            crate::store::Read::Pool(_)
        ));
    }
}
