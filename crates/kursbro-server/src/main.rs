use std::path::PathBuf;

use clap::{Parser, Subcommand};
use kursbro_server::{Application, Config};
use tracing_subscriber::EnvFilter;

/// Serves Kursbro (the default), or runs one task on its database.
#[derive(Debug, Parser)]
#[command(
    name = "kursbro-server",
    version,
    about = "Kursbro: API and web app server"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    config: Config,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Imports a module's content folder (or its zip, as exported from the app) as a draft
    /// of the author's organisation: a new module, or a new draft of its module at the same
    /// address. Publish it in the app.
    Import {
        /// The folder (with `module.json`) or the zip file.
        path: PathBuf,
        /// The e-mail address of an author or admin of the providing organisation.
        #[arg(long)]
        author: String,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();

    let cli = Cli::parse();
    if let Some(Command::Import { path, author }) = &cli.command {
        let slug = kursbro_server::content_folder::import_path(&cli.config, path, author).await?;
        println!("Imported as a draft: /innhold/moduler/{slug}");
        return Ok(());
    }
    let config = cli.config;
    let app = Application::build(config).await?;
    let addr = app.local_addr()?;

    if let Some(demo) = &app.demo {
        println!("Demo sign-ins (password `{}`):", demo.password);
        for (role, email) in &demo.sign_ins {
            println!("  {role:<12} {email}");
        }
    }
    // The tests read this line to find the port; keep its form.
    println!("Kursbro is listening on http://{addr}");
    app.run_until_stopped().await?;
    Ok(())
}
