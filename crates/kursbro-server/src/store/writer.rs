//! Group commit on SQLite: one writer thread with its own connection takes the jobs waiting
//! for it (up to [`MAX_BATCH`]), runs each in a savepoint of one transaction, commits once,
//! and only then answers each caller. A job that fails is undone alone (its savepoint is
//! rolled back); the others in its transaction are kept. If the commit itself fails, every
//! caller in it gets the error and nothing of theirs is stored.
//!
//! Durability is the same as a transaction of its own for each job: a caller hears "done"
//! only after the commit that holds its change, and the connection uses the pool's
//! settings (WAL, `synchronous=NORMAL`; see ARCHITECTURE.md for what a power cut can take).
//! While a batch runs the writer holds SQLite's write lock; other writers (through sqlx)
//! wait for it as they wait for each other.

use std::future::Future;
use std::path::Path;

use tokio::sync::{mpsc, oneshot};

use super::lite::LiteTx;

/// The most jobs one transaction takes; with ~30 µs a job this holds the write lock for a
/// few milliseconds at most.
pub const MAX_BATCH: usize = 128;

/// A unit of work for the writer: its changes are kept when it returns `Ok`.
pub trait WriteJob: Send + 'static {
    type Ok: Send + 'static;
    type Err: From<sqlx::Error> + Send + 'static;
    fn run(&self, tx: &mut LiteTx<'_>) -> impl Future<Output = Result<Self::Ok, Self::Err>>;
}

type Reply<J> = oneshot::Sender<Result<<J as WriteJob>::Ok, <J as WriteJob>::Err>>;

/// The handle to a writer thread; dropping the last one ends the thread.
pub struct Writer<J: WriteJob> {
    jobs: mpsc::Sender<(J, Reply<J>)>,
}

impl<J: WriteJob> Writer<J> {
    /// Opens a connection of its own to the SQLite file at `path` and starts the thread.
    pub fn start(path: &Path) -> anyhow::Result<Self> {
        let conn = super::lite::open(path)?;
        // Runs each job's future on the writer's thread (the direct connection never waits).
        let rt = tokio::runtime::Builder::new_current_thread().build()?;
        let (jobs, queue) = mpsc::channel(4 * MAX_BATCH);
        std::thread::Builder::new()
            .name("kursbro-writer".into())
            .spawn(move || run(conn, rt, queue))?;
        Ok(Writer { jobs })
    }

    /// Runs `job` in the next transaction; answers after that transaction's commit.
    pub async fn submit(&self, job: J) -> Result<J::Ok, J::Err> {
        let (reply, answer) = oneshot::channel();
        if self.jobs.send((job, reply)).await.is_err() {
            return Err(sqlx::Error::PoolClosed.into());
        }
        answer
            .await
            .unwrap_or_else(|_| Err(sqlx::Error::WorkerCrashed.into()))
    }
}

fn run<J: WriteJob>(
    mut conn: rusqlite::Connection,
    rt: tokio::runtime::Runtime,
    mut queue: mpsc::Receiver<(J, Reply<J>)>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = queue.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let results = run_batch(&mut conn, &rt, &batch);
        match results {
            Ok(results) => {
                for ((_, reply), result) in batch.drain(..).zip(results) {
                    // A caller who has gone (a closed connection) hears nothing; its event
                    // is stored, and sending it again gets the same receipt.
                    let _ = reply.send(result);
                }
            }
            Err(e) => {
                tracing::error!("event writer: transaction failed: {e}");
                for (_, reply) in batch.drain(..) {
                    let _ = reply.send(Err(sqlx::Error::Protocol(format!("sqlite: {e}")).into()));
                }
            }
        }
    }
}

type Outcome<J> = Result<<J as WriteJob>::Ok, <J as WriteJob>::Err>;

fn run_batch<J: WriteJob>(
    conn: &mut rusqlite::Connection,
    rt: &tokio::runtime::Runtime,
    batch: &[(J, Reply<J>)],
) -> Result<Vec<Outcome<J>>, rusqlite::Error> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let mut results = Vec::with_capacity(batch.len());
    let ran: Result<(), rusqlite::Error> = (|| {
        for (job, _) in batch {
            conn.execute_batch("SAVEPOINT job")?;
            // A job that panics is refused alone, like one that fails, and the writer goes
            // on: a bug in one event must not stop every learner's progress from being saved.
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                rt.block_on(job.run(&mut LiteTx::new(&mut *conn)))
            }));
            let result = ran.unwrap_or_else(|_| {
                tracing::error!("event writer: a job panicked; it was rolled back");
                Err(sqlx::Error::WorkerCrashed.into())
            });
            if result.is_err() {
                conn.execute_batch("ROLLBACK TO job")?;
            }
            conn.execute_batch("RELEASE job")?;
            results.push(result);
        }
        conn.execute_batch("COMMIT")
    })();
    if let Err(e) = ran {
        // Nothing of this batch is kept; SQLite may have rolled back already.
        let _ = conn.execute_batch("ROLLBACK");
        return Err(e);
    }
    Ok(results)
}
