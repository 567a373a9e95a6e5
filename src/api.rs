//! The typed client for `/api/v1`. Every request and response body is a type from
//! `kursbro-shared`, the same types the server uses.

use gloo_net::http::{Request, Response};
use kursbro_shared::api::{Catalogue, ErrorBody, ErrorCode, LoginRequest, Me, ModuleDetail};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::i18n::{self, Key, Lang};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with an error body.
    Server {
        status: u16,
        code: ErrorCode,
        message: String,
        field: Option<String>,
        retry_after: Option<u64>,
    },
    /// No answer (offline, DNS, server down).
    Network,
    /// An answer we could not read.
    Unreadable,
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Server { code, .. } => Some(*code),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.code() == Some(ErrorCode::NotFound)
    }

    /// A message in the user's language. Server messages are English API text; the UI
    /// shows its own translation for every code it knows.
    pub fn user_message(&self, lang: Lang) -> String {
        let key = match self {
            ApiError::Network => Key::ErrNetwork,
            ApiError::Unreadable => Key::ErrServer,
            ApiError::Server {
                code, retry_after, ..
            } => match code {
                ErrorCode::InvalidCredentials => Key::ErrInvalidCredentials,
                ErrorCode::RateLimited => return i18n::rate_limited(lang, *retry_after),
                ErrorCode::Unauthenticated => Key::ErrNotSignedIn,
                ErrorCode::Forbidden => Key::ErrForbidden,
                ErrorCode::NotFound => Key::ErrNotFound,
                ErrorCode::Validation
                | ErrorCode::InvalidBody
                | ErrorCode::UnsupportedMediaType
                | ErrorCode::PayloadTooLarge
                | ErrorCode::MethodNotAllowed
                | ErrorCode::Conflict => Key::ErrInvalidInput,
                ErrorCode::Internal | ErrorCode::Unknown => Key::ErrServer,
            },
        };
        key.text(lang).to_string()
    }
}

fn url(path: &str) -> String {
    format!("{}{path}", kursbro_shared::api::API_PREFIX)
}

async fn read<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    if res.ok() {
        return res.json::<T>().await.map_err(|_| ApiError::Unreadable);
    }
    let status = res.status();
    let retry_after = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.parse().ok());
    match res.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError::Server {
            status,
            code: body.error.code,
            message: body.error.message,
            field: body.error.field,
            retry_after,
        }),
        Err(_) => Err(ApiError::Server {
            status,
            code: if status >= 500 {
                ErrorCode::Internal
            } else {
                ErrorCode::Unknown
            },
            message: String::new(),
            field: None,
            retry_after,
        }),
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let res = Request::get(&url(path))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(res).await
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let res = Request::post(&url(path))
        .json(body)
        .map_err(|_| ApiError::Unreadable)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(res).await
}

/// Everything published.
pub async fn catalogue() -> Result<Catalogue, ApiError> {
    get("/catalogue").await
}

/// One module, with its activities.
pub async fn module(slug: &str) -> Result<ModuleDetail, ApiError> {
    // Slugs are `[a-z0-9-]`; anything else would be refused by the server, so encode it
    // rather than let it change the path.
    let encoded: String = percent_encode(slug);
    get(&format!("/modules/{encoded}")).await
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The signed-in person, or `None` when not signed in.
pub async fn me() -> Result<Option<Me>, ApiError> {
    match get::<Me>("/me").await {
        Ok(me) => Ok(Some(me)),
        Err(e) if e.code() == Some(ErrorCode::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn login(req: &LoginRequest) -> Result<Me, ApiError> {
    post("/auth/login", req).await
}

pub async fn logout() -> Result<(), ApiError> {
    let res = Request::post(&url("/auth/logout"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if res.ok() {
        Ok(())
    } else {
        read::<()>(res).await
    }
}
