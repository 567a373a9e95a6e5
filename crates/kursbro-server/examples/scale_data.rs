//! `make scale-data`: fills a fresh database with a region (issue 15: 500,000 learners,
//! 1,000 cohorts, 200 modules, ~50 million completions and learning events) and writes
//! whom to sign in as to `WHO_FILE` (JSON, read by `examples/scale_pages.rs`).
//!
//! Usage: `scale_data DATABASE_URL WHO_FILE` (`sqlite://FILE`, a file that does not exist
//! yet, or an empty PostgreSQL database). Everyone's password is `kursbro-demo`.

use std::time::Instant;

use anyhow::Context;
use kursbro_server::scale::{fill, Scale};
use kursbro_server::store::connect_and_migrate;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(url), Some(who_file)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: scale_data DATABASE_URL WHO_FILE");
    };
    let scale = Scale::region();
    let started = Instant::now();
    eprintln!(
        "scale-data: {} learners in {} organisations into {url}",
        scale.learners(),
        scale.organisations
    );
    let db = connect_and_migrate(&url).await?;
    let hash = kursbro_server::password::hash("kursbro-demo")?;
    let filled = fill(db, &scale, &hash, chrono::Utc::now()).await?;
    let total: i64 = filled.rows.iter().map(|(_, n)| n).sum();
    std::fs::write(&who_file, serde_json::to_string_pretty(&filled)?)
        .with_context(|| format!("cannot write {who_file}"))?;
    eprintln!(
        "scale-data: {total} rows in {:.0} s; sign in as {} (password kursbro-demo)",
        started.elapsed().as_secs_f64(),
        filled.learner
    );
    Ok(())
}
