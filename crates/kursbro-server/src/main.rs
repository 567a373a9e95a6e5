use clap::Parser;
use kursbro_server::{Application, Config};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();

    let config = Config::parse();
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
