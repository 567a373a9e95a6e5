//! Builds the whole application: database, router, listener. `main` and the tests use the
//! same code, so the tests exercise exactly what runs in production.

use std::net::SocketAddr;

use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware;
use axum::routing::{any, get};
use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::config::Config;
use crate::error::{api_method_not_allowed, api_not_found};
use crate::state::AppState;
use crate::{cross_site, routes, seed, store, web};

/// Largest request body the API accepts: room for the largest valid body (a discussion
/// post with the longest title and body) even when every character is an emoji written as
/// a JSON escape pair (`\ud83d\ude00`, 12 bytes), and not much more.
pub const MAX_BODY_BYTES: usize = 256 * 1024;
const _: () = assert!(
    12 * (kursbro_shared::discussion::TITLE_MAX_CHARS + kursbro_shared::discussion::BODY_MAX_CHARS)
        + 1024
        <= MAX_BODY_BYTES
);

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub state: AppState,
    /// The demo sign-ins, when started with demo data.
    pub demo: Option<seed::DemoSummary>,
}

impl Application {
    /// Opens the database (migrating it), seeds demo data if asked and the database is
    /// empty, and binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let db = store::connect_and_migrate(&config.database_url).await?;
        let demo = if config.demo_data {
            seed::seed_if_empty(&db).await?;
            Some(seed::summary()?)
        } else {
            None
        };
        if !config.dist.join("index.html").is_file() {
            tracing::warn!(
                dist = %config.dist.display(),
                "no built web app found; only the API is served (run `make build`)"
            );
        }
        let listener = TcpListener::bind(config.addr).await?;
        let state = AppState::new(db, config)?;
        tokio::spawn(housekeeping(state.db.clone()));
        let router = router(state.clone());
        Ok(Self {
            listener,
            router,
            state,
            demo,
        })
    }

    /// The address actually bound (port 0 becomes a real port).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until Ctrl-C / SIGTERM, then finishes requests in flight. Every accepted
    /// connection has `TCP_NODELAY`: a response's headers and body leave as two writes, and
    /// with Nagle's algorithm the second waited for the client's delayed ACK (~40 ms on a
    /// reused connection; measured in BENCHMARKS.md).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        use axum::serve::ListenerExt;
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "TCP_NODELAY not set");
            }
        });
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await
    }
}

/// The complete router: `/api/v1/...`, the OpenAPI document, and the web app.
pub fn router(state: AppState) -> Router {
    let (api, mut openapi) = routes::api().split_for_parts();
    utoipa::Modify::modify(&routes::Conventions, &mut openapi);
    let openapi_json = openapi
        .to_pretty_json()
        .expect("the OpenAPI document serialises");

    let api = api
        .route(
            "/api/v1/openapi.json",
            get(
                move || async move { ([(header::CONTENT_TYPE, "application/json")], openapi_json) },
            ),
        )
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .method_not_allowed_fallback(api_method_not_allowed)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            cross_site::refuse_cross_site,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        // Answers are not kept, unless a handler says otherwise (uploaded images).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state.clone());

    let dist = state.config.dist.clone();
    let csp = HeaderValue::from_str(&web::content_security_policy(&dist))
        .expect("the CSP is a valid header value");
    let app = Router::new()
        .fallback_service(web::static_files(&dist))
        .layer(middleware::from_fn(web::cache_control));

    let router = api
        .merge(app)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
        ))
        .layer(TraceLayer::new_for_http());
    if state.config.hsts {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        router
    }
}

/// Forgets rate-limit events older than a day, every ten minutes: each key's own old
/// events go when it is counted again, but keys never seen again (an address, a mistyped
/// e-mail) would otherwise stay for good. Several servers doing this at once is harmless.
async fn housekeeping(db: store::Db) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        let before = chrono::Utc::now() - chrono::Duration::days(1);
        match store::limits::forget_before(&db, before).await {
            Ok(n) if n > 0 => tracing::debug!(forgotten = n, "old rate-limit events removed"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not remove old rate-limit events"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
