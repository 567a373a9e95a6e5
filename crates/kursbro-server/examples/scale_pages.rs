//! `make bench-scale`: times every page's API calls (see `kursbro_server::scale::calls`)
//! against a running server on regional data (`make scale-data`), one request at a time as
//! a person opening pages would, and prints p50 / p95 per call as a Markdown table.
//!
//! Usage: `scale_pages BASE_URL WHO_FILE [RUNS]` (RUNS timed requests per call, after 3
//! untimed ones; 30 by default).

use std::time::{Duration, Instant};

use anyhow::Context;
use kursbro_server::scale::{calls, email, Filled, Role};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(base), Some(who_file)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: scale_pages BASE_URL WHO_FILE [RUNS]");
    };
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(30);
    let filled: Filled = serde_json::from_str(
        &std::fs::read_to_string(&who_file).with_context(|| format!("cannot read {who_file}"))?,
    )?;
    let mut clients = Vec::new();
    for role in Role::ALL {
        let client = reqwest::Client::builder().cookie_store(true).build()?;
        let res = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": email(&filled, role), "password": "kursbro-demo" }))
            .send()
            .await?;
        anyhow::ensure!(
            res.status().is_success(),
            "{} cannot sign in: {}",
            role.as_str(),
            res.status()
        );
        clients.push((role, client));
    }
    println!("| page | as | call | p50 ms | p95 ms | KiB |");
    println!("|---|---|---|---:|---:|---:|");
    let mut failed = 0;
    for call in calls(&filled) {
        let client = &clients.iter().find(|(r, _)| *r == call.role).unwrap().1;
        let url = format!("{base}{}", call.path);
        let mut times = Vec::with_capacity(runs);
        let mut bytes = 0;
        for i in 0..runs + 3 {
            let started = Instant::now();
            let res = client.get(&url).send().await?;
            let status = res.status();
            let body = res.bytes().await?;
            let took = started.elapsed();
            if !status.is_success() {
                eprintln!("{} as {}: {status}", call.path, call.role.as_str());
                failed += 1;
                break;
            }
            bytes = body.len();
            if i >= 3 {
                times.push(took);
            }
        }
        if times.is_empty() {
            continue;
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let p = |q: f64| {
            ms(times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1])
        };
        println!(
            "| {} | {} | `{}` | {:.1} | {:.1} | {:.0} |",
            call.page,
            call.role.as_str(),
            call.path,
            p(0.5),
            p(0.95),
            bytes as f64 / 1024.0
        );
    }
    anyhow::ensure!(failed == 0, "{failed} calls did not answer 200");
    Ok(())
}
