//! One error type for the whole API. Every failure becomes
//! `{"error": {"code": "...", "message": "..."}}` with the right status; internal errors
//! are logged in full and answered with an opaque message.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kursbro_shared::api::{ErrorBody, ErrorCode, ErrorDetail};
use kursbro_shared::plans::PlanError;
use kursbro_shared::validation::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed: {}", .0.message())]
    Validation(FieldError),
    /// A competence plan that cannot be saved, perhaps because of one of its requirements.
    #[error("invalid plan: {}", .0.path())]
    Plan(PlanError),
    /// A module draft that cannot be saved or published, perhaps because of one activity,
    /// question or option.
    #[error("invalid draft: {}", .0.path())]
    Draft(kursbro_shared::authoring::DraftError),
    /// The draft was saved by someone else since the asker loaded it.
    #[error("draft changed")]
    DraftChanged,
    /// An upload that is not an image of an accepted type.
    #[error("unsupported image")]
    UnsupportedImage,
    /// An image over the size limit.
    #[error("image too large")]
    ImageTooLarge,
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("invalid body: {0}")]
    InvalidBody(String),
    #[error("invalid field {field}: {detail}")]
    InvalidField { field: String, detail: String },
    #[error("invalid path: {0}")]
    InvalidPath(String),
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("wrong current password")]
    WrongPassword,
    #[error("rate limited")]
    RateLimited { retry_after_secs: u64 },
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("cross-site request")]
    CrossSite,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A unique constraint refused the write (someone else got there first).
    #[error("already exists")]
    AlreadyExists,
    /// A foreign key refused the write: what it refers to is gone.
    #[error("reference missing")]
    ReferenceMissing,
    /// A check constraint refused the value.
    #[error("value out of range")]
    OutOfRange,
    #[error("event id {0} reused")]
    EventIdReused(String),
    #[error("thread locked")]
    ThreadLocked,
    #[error("member with another role")]
    MemberHasOtherRole,
    #[error("last facilitator")]
    LastFacilitator,
    #[error("post deleted")]
    PostDeleted,
    #[error("post hidden")]
    PostHidden,
    #[error("module withdrawn")]
    Withdrawn,
    #[error("not enrolled")]
    NotEnrolled,
    #[error("prerequisite {0} missing")]
    PrerequisiteMissing(String),
    #[error("renewal not open")]
    RenewalNotOpen,
    #[error("module not completed")]
    ModuleNotCompleted,
    #[error("feedback already given")]
    FeedbackGiven,
    #[error("sign-up closed")]
    SignupClosed,
    #[error("gathering cancelled")]
    GatheringCancelled,
    #[error("attendance already marked")]
    AlreadyAttended,
    /// A unit something still refers to; the message says what.
    #[error("unit in use: {0}")]
    UnitInUse(String),
    #[error("activity {activity_id} is a {}", .is.as_str())]
    WrongActivityKind {
        activity_id: i64,
        is: kursbro_shared::api::ActivityKind,
    },
    #[error("invalid answers: {0}")]
    InvalidAnswers(String),
    #[error("unprocessable {field}: {message}")]
    Unprocessable {
        field: &'static str,
        message: String,
    },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Database errors: a constraint that refused a client's write is the client's to know
/// about (409 / 404 / 422 with its own code); anything else is internal.
impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        match &e {
            sqlx::Error::Database(d) => match d.kind() {
                ErrorKind::UniqueViolation => ApiError::AlreadyExists,
                ErrorKind::ForeignKeyViolation => ApiError::ReferenceMissing,
                ErrorKind::CheckViolation | ErrorKind::NotNullViolation => ApiError::OutOfRange,
                _ => ApiError::Internal(e.into()),
            },
            _ => ApiError::Internal(e.into()),
        }
    }
}

impl From<FieldError> for ApiError {
    fn from(e: FieldError) -> Self {
        ApiError::Validation(e)
    }
}

impl ApiError {
    /// The message a client would read (for the command line's errors).
    pub fn message(&self) -> String {
        self.parts().2
    }

    fn parts(&self) -> (StatusCode, ErrorCode, String, Option<String>) {
        use ApiError::*;
        match self {
            Validation(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                e.message(),
                Some(e.field.to_string()),
            ),
            Plan(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                e.message(),
                Some(e.path()),
            ),
            Draft(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                e.message(),
                Some(e.path()),
            ),
            SignupClosed => (
                StatusCode::CONFLICT,
                ErrorCode::SignupClosed,
                "Sign-up to this gathering has closed. Ask its facilitator if you still want to come."
                    .to_string(),
                None,
            ),
            GatheringCancelled => (
                StatusCode::CONFLICT,
                ErrorCode::GatheringCancelled,
                "This gathering is cancelled; nothing about it can be changed.".to_string(),
                None,
            ),
            AlreadyAttended => (
                StatusCode::CONFLICT,
                ErrorCode::AlreadyAttended,
                "Attendance is already marked for this gathering, so the place cannot be cancelled. A facilitator can unmark it first."
                    .to_string(),
                None,
            ),
            DraftChanged => (
                StatusCode::CONFLICT,
                ErrorCode::DraftChanged,
                "Someone saved or published this module after you opened it. Reload it, then make your changes again."
                    .to_string(),
                None,
            ),
            UnsupportedImage => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedImage,
                "Upload a PNG, JPEG or WebP image. SVG and other files are refused.".to_string(),
                None,
            ),
            ImageTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                "Images may be at most 2 MB. Make it smaller and upload it again.".to_string(),
                None,
            ),
            MalformedJson(detail) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidBody,
                format!("The request body is not valid JSON: {detail}"),
                None,
            ),
            InvalidField { field, detail } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::InvalidBody,
                format!("The request body does not have the expected fields: {detail}"),
                Some(field.clone()),
            ),
            InvalidBody(detail) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::InvalidBody,
                format!("The request body does not have the expected fields: {detail}"),
                None,
            ),
            InvalidPath(detail) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::InvalidBody,
                format!("The address is not valid: {detail}"),
                None,
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "Send the body as JSON with the header `Content-Type: application/json`."
                    .to_string(),
                None,
            ),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                "The request body is too large.".to_string(),
                None,
            ),
            InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::InvalidCredentials,
                "The e-mail address or the password is wrong.".to_string(),
                None,
            ),
            WrongPassword => (
                StatusCode::FORBIDDEN,
                ErrorCode::WrongPassword,
                "The current password is wrong; the password was not changed.".to_string(),
                Some("current_password".to_string()),
            ),
            RateLimited { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                format!("Too many failed attempts. Try again in {retry_after_secs} seconds."),
                None,
            ),
            Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::Unauthenticated,
                "You are not signed in, or your session has expired. Please sign in.".to_string(),
                None,
            ),
            Forbidden => (
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                "Your role does not give access to this.".to_string(),
                None,
            ),
            CrossSite => (
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                "This request came from another web site and was refused. Use Kursbro itself."
                    .to_string(),
                None,
            ),
            NotFound(what) => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                format!("No such {what}."),
                None,
            ),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                ErrorCode::MethodNotAllowed,
                "This address does not support that HTTP method.".to_string(),
                None,
            ),
            AlreadyExists => (
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                "This already exists (perhaps someone saved it just now). Reload and check."
                    .to_string(),
                None,
            ),
            ReferenceMissing => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                "Something this refers to does not exist (any more). Reload and try again."
                    .to_string(),
                None,
            ),
            OutOfRange => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                "A value is outside what is allowed.".to_string(),
                None,
            ),
            EventIdReused(id) => (
                StatusCode::CONFLICT,
                ErrorCode::EventIdReused,
                format!(
                    "Event id {id} was already used for a different event. Give each event its own id."
                ),
                Some("id".to_string()),
            ),
            ThreadLocked => (
                StatusCode::CONFLICT,
                ErrorCode::ThreadLocked,
                "This thread is locked by a facilitator; it takes no more replies.".to_string(),
                None,
            ),
            MemberHasOtherRole => (
                StatusCode::CONFLICT,
                ErrorCode::MemberHasOtherRole,
                "This person is already a member of the cohort with another role. Remove them first to change the role."
                    .to_string(),
                Some("role".to_string()),
            ),
            LastFacilitator => (
                StatusCode::CONFLICT,
                ErrorCode::LastFacilitator,
                "A cohort needs a facilitator; add another before removing this one.".to_string(),
                None,
            ),
            PostDeleted => (
                StatusCode::CONFLICT,
                ErrorCode::PostDeleted,
                "This post has been deleted by its author and cannot be changed.".to_string(),
                None,
            ),
            PostHidden => (
                StatusCode::CONFLICT,
                ErrorCode::PostHidden,
                "This post is hidden by a facilitator and cannot be changed.".to_string(),
                None,
            ),
            Withdrawn => (
                StatusCode::GONE,
                ErrorCode::Withdrawn,
                "This module has been withdrawn from the catalogue; nothing more can be recorded in it."
                    .to_string(),
                None,
            ),
            NotEnrolled => (
                StatusCode::FORBIDDEN,
                ErrorCode::NotEnrolled,
                "You are not enrolled in this module. Enrol in it, or in a programme that has it, first."
                    .to_string(),
                None,
            ),
            PrerequisiteMissing(title) => (
                StatusCode::CONFLICT,
                ErrorCode::PrerequisiteMissing,
                format!("Complete the module \u{201c}{title}\u{201d} first: this module's author requires it."),
                None,
            ),
            FeedbackGiven => (
                StatusCode::CONFLICT,
                ErrorCode::FeedbackGiven,
                "You have already given feedback on this module; it is given once.".to_string(),
                None,
            ),
            ModuleNotCompleted => (
                StatusCode::CONFLICT,
                ErrorCode::ModuleNotCompleted,
                "Feedback is for a module you have completed. Complete every activity first."
                    .to_string(),
                None,
            ),
            UnitInUse(message) => (
                StatusCode::CONFLICT,
                ErrorCode::UnitInUse,
                message.clone(),
                None,
            ),
            RenewalNotOpen => (
                StatusCode::CONFLICT,
                ErrorCode::RenewalNotOpen,
                "This cannot be started again now. A module or programme you have completed in Kursbro can be started again to renew a requirement once the requirement's renewal window opens, or after it has expired."
                    .to_string(),
                None,
            ),
            WrongActivityKind { activity_id, is } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                format!(
                    "Activity {activity_id} is a {}; send the event for that kind of activity.",
                    is.as_str()
                ),
                Some("action".to_string()),
            ),
            InvalidAnswers(detail) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                format!("The quiz answers cannot be graded: {detail}."),
                Some("answers".to_string()),
            ),
            Unprocessable { field, message } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::Validation,
                message.clone(),
                Some(field.to_string()),
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                "Something went wrong on our side. Please try again in a moment.".to_string(),
                None,
            ),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(e) = &self {
            // Full detail goes to the log, never to the client.
            tracing::error!(error = ?e, "internal error");
        }
        let (status, code, message, field) = self.parts();
        let body = ErrorBody {
            error: ErrorDetail {
                code,
                message,
                field,
            },
        };
        let mut response = (status, Json(body)).into_response();
        if let ApiError::RateLimited { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::InvalidPath(rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::InvalidPath(rejection.body_text())
    }
}

/// A JSON body whose rejections are [`ApiError`]s, so a bad body gets our JSON error format.
///
/// Parsed straight into `T` (duplicate keys refused, as serde does). A number with no
/// fractional part counts as an integer (`5.0` is `5`), as JSON Schema (and so the OpenAPI
/// document) defines it: only when the body does not fit `T` is it read again with such
/// numbers made integers. A field of the wrong type is named by its path
/// (`answers[0].option_ids[2]: …`) and in `field`; Rust type names never reach the client.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        if !is_json(req.headers()) {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = <axum::body::Bytes as axum::extract::FromRequest<S>>::from_request(req, state)
            .await
            .map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::PayloadTooLarge
                } else {
                    ApiError::MalformedJson("the body could not be read".into())
                }
            })?;
        // Every body of this API is a JSON object (serde would also take a struct as an
        // array of its fields; the OpenAPI document does not).
        let starts = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if starts.is_some_and(|b| *b != b'{') {
            return Err(ApiError::InvalidBody(
                "the body must be a JSON object".into(),
            ));
        }
        let (path, first) = match parse::<T>(&bytes) {
            Ok(v) => return Ok(ApiJson(v)),
            Err(e) => e,
        };
        if first.classify() == serde_json::error::Category::Data {
            if let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                if integral_numbers_as_integers(&mut value) {
                    return serde_path_to_error::deserialize(value)
                        .map(ApiJson)
                        .map_err(|e| body_error(e.path().to_string(), e.into_inner()));
                }
            }
        }
        Err(body_error(path, first))
    }
}

/// `application/json` or `application/…+json`, parameters (`; charset=utf-8`) aside.
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// `T` from the bytes, or the error with the path (`.` for the root) where it happened.
fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, (String, serde_json::Error)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| (e.path().to_string(), e.into_inner()))?;
    // Trailing characters after the value: a syntax error at the root.
    de.end().map_err(|e| (".".to_string(), e))?;
    Ok(value)
}

/// What the client is told about a body that is not valid JSON, or not of the right shape.
fn body_error(path: String, e: serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    // JSON has no limit on numbers; ours do. A number too large for any field (even one the
    // server ignores) is out of range, not malformed JSON.
    if e.to_string().starts_with("number out of range") {
        return ApiError::OutOfRange;
    }
    if matches!(
        e.classify(),
        Category::Syntax | Category::Eof | Category::Io
    ) {
        return ApiError::MalformedJson(e.to_string());
    }
    let message = e.to_string();
    // serde names the Rust type it expected ("expected struct LoginRequest"): not for clients.
    let message = if [
        "expected struct",
        "expected enum",
        "expected tuple",
        "expected unit",
    ]
    .iter()
    .any(|t| message.contains(t))
    {
        "is not of the documented form".to_string()
    } else {
        // Drop serde's position ("at line 1 column 54"): the path says where.
        message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string()
    };
    if path == "." {
        return ApiError::InvalidBody(format!("the body {message}"));
    }
    let field = path.split(['.', '[']).next().unwrap_or(&path).to_string();
    ApiError::InvalidField {
        field,
        detail: format!("{path}: {message}"),
    }
}

/// Turns every float with no fractional part that fits an `i64` into an integer; whether
/// any was.
fn integral_numbers_as_integers(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => {
            let Some(f) = n.as_f64() else { return false };
            // 2^63 is exactly representable; `as` would saturate above it.
            const LIMIT: f64 = 9_223_372_036_854_775_808.0;
            let integral = f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f);
            if integral {
                *n = serde_json::Number::from(f as i64);
            }
            integral
        }
        // Every element is visited (no short cut after the first change).
        Value::Array(items) => {
            items
                .iter_mut()
                .map(integral_numbers_as_integers)
                .filter(|changed| *changed)
                .count()
                > 0
        }
        Value::Object(fields) => {
            fields
                .values_mut()
                .map(integral_numbers_as_integers)
                .filter(|changed| *changed)
                .count()
                > 0
        }
        _ => false,
    }
}

/// `Path` whose rejections are [`ApiError`]s.
#[derive(Debug, Clone, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `Query` whose rejections are [`ApiError`]s.
#[derive(Debug, Clone, axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// Answers unknown `/api/...` addresses.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound("API endpoint")
}

/// Answers a known address with a method it does not support.
pub async fn api_method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
