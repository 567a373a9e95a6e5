//! Server configuration: command-line flags, each with an environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "kursbro-server",
    version,
    about = "Kursbro: API and web app server"
)]
pub struct Config {
    /// Address to listen on. Port 0 picks a free port (the chosen address is printed).
    #[arg(long, env = "KURSBRO_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Database URL. SQLite file by default; the file and its folder are created if missing.
    #[arg(
        long,
        env = "KURSBRO_DATABASE_URL",
        default_value = "sqlite://data/kursbro.db"
    )]
    pub database_url: String,

    /// Folder with the built web app (trunk's `dist`).
    #[arg(long, env = "KURSBRO_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Fill an empty database with demo organisations, users, modules and a cohort.
    /// Nothing happens when the database already has data.
    #[arg(long, env = "KURSBRO_DEMO_DATA")]
    pub demo_data: bool,

    /// Mark the session cookie `Secure`. Turn on whenever the app is served over https
    /// (it is also set automatically when a proxy sends `X-Forwarded-Proto: https`).
    #[arg(long, env = "KURSBRO_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// The address people use, e.g. `https://kurs.example.no`. When it is https the session
    /// cookie is always `Secure` (and named `__Host-…`), and cross-site checks compare a
    /// request's `Origin` with it (without it, with the `Host` header).
    #[arg(long, env = "KURSBRO_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Behind a reverse proxy: the header it puts the client's address in (e.g.
    /// `X-Forwarded-For`; the last address in it counts). Only set this when a proxy you run
    /// always sets it, or clients could claim any address. Without it, the connection's
    /// address is used.
    #[arg(long, env = "KURSBRO_CLIENT_IP_HEADER")]
    pub client_ip_header: Option<String>,

    /// Send `Strict-Transport-Security` (one year), telling browsers to use https only.
    /// Turn on once the site is served over https and should stay so.
    #[arg(long, env = "KURSBRO_HSTS")]
    pub hsts: bool,

    /// A session ends after this many hours without use.
    #[arg(long, env = "KURSBRO_SESSION_IDLE_HOURS", default_value_t = 72)]
    pub session_idle_hours: u32,

    /// A session ends this many days after sign-in, however much it is used.
    #[arg(long, env = "KURSBRO_SESSION_MAX_DAYS", default_value_t = 14)]
    pub session_max_days: u32,

    /// Failed sign-ins allowed from one address per minute before the server answers 429.
    #[arg(long, env = "KURSBRO_LOGIN_FAILURES_PER_MINUTE", default_value_t = 10)]
    pub login_failures_per_minute: u32,

    /// Discussion posts (threads and replies) one person may write per minute; then 429.
    #[arg(long, env = "KURSBRO_POSTS_PER_MINUTE", default_value_t = kursbro_shared::discussion::POSTS_PER_MINUTE)]
    pub posts_per_minute: u32,
}

impl Config {
    /// Whether the configured public address is https.
    pub fn public_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.to_ascii_lowercase().starts_with("https://"))
    }

    /// The domain that makes this installation's calendar UIDs its own (`gathering-7@…`):
    /// the public address's host, or `kursbro` when none is configured.
    pub fn uid_domain(&self) -> String {
        self.public_url
            .as_deref()
            .and_then(|u| u.split_once("://").map(|(_, rest)| rest))
            .and_then(|rest| rest.split(['/', ':', '?', '#']).next())
            .filter(|host| !host.is_empty())
            .map_or_else(|| "kursbro".to_string(), str::to_ascii_lowercase)
    }

    pub fn session_idle(&self) -> Duration {
        Duration::from_secs(u64::from(self.session_idle_hours) * 3600)
    }

    pub fn session_max(&self) -> Duration {
        Duration::from_secs(u64::from(self.session_max_days) * 24 * 3600)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Config;

    #[test]
    fn calendar_uids_carry_the_public_host() {
        let with = |url: Option<&str>| {
            let mut args = vec!["kursbro-server"];
            if let Some(url) = url {
                args.extend(["--public-url", url]);
            }
            Config::try_parse_from(args).unwrap().uid_domain()
        };
        assert_eq!(
            with(Some("https://Kurs.Example.no:8443/app?x")),
            "kurs.example.no"
        );
        assert_eq!(with(Some("http://localhost")), "localhost");
        assert_eq!(with(None), "kursbro");
    }
}
