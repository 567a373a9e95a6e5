//! The typed client for `/api/v1`. Every request and response body is a type from
//! `kursbro-shared`, the same types the server uses.

use gloo_net::http::{Request, Response};
use kursbro_shared::admin::{
    AcceptInvitation, AdminPerson, AdminProfession, AdminUnit, Invitation, InvitationInfo,
    InvitationToken, NewGrant, NewPerson, NewProfession, NewUnit, Organisation, PeoplePage,
    PersonUpdate, UnitChange,
};
use kursbro_shared::api::{
    Catalogue, CatalogueQuery, ChangePasswordRequest, ErrorBody, ErrorCode, LoginRequest, Me,
    ModuleDetail, ModuleKind, OrganisationRef, ProgrammeDetail,
};
use kursbro_shared::api::{CohortPage, CohortSummary, UserSummary};
use kursbro_shared::api::{ImportPeopleRequest, ImportReport};
use kursbro_shared::authoring::{
    AuthoredModules, ContentChanges, DraftState, NewModuleRequest, Preview, PreviewRequest,
    ProgrammeState, PublishImpact, PublishRequest, SaveDraft, SaveProgramme, UploadedImage,
};
use kursbro_shared::cohort_grid::{
    CohortGrid, CohortNotice, LearnerModuleDetail, MemberPage, NewCohort, NewMember,
};
use kursbro_shared::compliance::{
    Dashboard, ExternalCompletionRequest, PeopleFilter, PersonCompliance, Target,
};
use kursbro_shared::discussion::{
    NewPost, NewThread, Post, Reason, Report, Thread, ThreadFlags, ThreadList, ThreadSummary,
};
use kursbro_shared::feedback::{FeedbackOverview, NewFeedback};
use kursbro_shared::gatherings::{
    AddParticipant, CalendarFeed, CalendarFeedState, CourseProgramme, GatheringDetail,
    GatheringInput, GatheringList, Notices, ParticipantList, ProgrammeFilter, SetAttendance,
    SignupResult,
};
use kursbro_shared::learning::{
    EnrolRequest, EventReceipt, LearningEvent, ModuleLearnerState, MyProgress,
};
use kursbro_shared::news::{NewNews, NewsItem, NewsPage};
use kursbro_shared::plans::{Plan, PlanDraft, Plans};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::i18n::{self, Key, Lang};
use crate::json;

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
                ErrorCode::WrongPassword => Key::ErrWrongPassword,
                ErrorCode::RateLimited => return i18n::rate_limited(lang, *retry_after),
                ErrorCode::Unauthenticated => Key::ErrNotSignedIn,
                ErrorCode::Forbidden => Key::ErrForbidden,
                ErrorCode::NotFound => Key::ErrNotFound,
                ErrorCode::NotEnrolled => Key::ErrNotEnrolled,
                ErrorCode::Withdrawn => Key::ErrWithdrawn,
                ErrorCode::PrerequisiteMissing => Key::ErrPrerequisite,
                ErrorCode::RenewalNotOpen => Key::ErrRenewalNotOpen,
                ErrorCode::UnitInUse => Key::ErrUnitInUse,
                ErrorCode::ModuleNotCompleted => Key::ErrModuleNotCompleted,
                ErrorCode::FeedbackGiven => Key::ErrFeedbackGiven,
                ErrorCode::DraftChanged => Key::ErrDraftChanged,
                ErrorCode::UnsupportedImage => Key::ErrUnsupportedImage,
                ErrorCode::SignupClosed => Key::ErrSignupClosed,
                ErrorCode::GatheringCancelled => Key::ErrGatheringCancelled,
                ErrorCode::AlreadyAttended => Key::ErrAlreadyAttended,
                ErrorCode::Validation
                | ErrorCode::InvalidBody
                | ErrorCode::UnsupportedMediaType
                | ErrorCode::MethodNotAllowed => Key::ErrInvalidInput,
                ErrorCode::PayloadTooLarge => Key::ErrTooLarge,
                ErrorCode::Conflict => Key::ErrConflict,
                ErrorCode::EventIdReused => Key::ErrEventIdReused,
                ErrorCode::ThreadLocked => Key::ErrThreadLocked,
                ErrorCode::MemberHasOtherRole => Key::ErrMemberHasOtherRole,
                ErrorCode::LastFacilitator => Key::ErrLastFacilitator,
                ErrorCode::PostDeleted => Key::ErrPostDeleted,
                ErrorCode::PostHidden => Key::ErrPostHidden,
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
        return json::read(res).await.ok_or(ApiError::Unreadable);
    }
    let status = res.status();
    let retry_after = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.parse().ok());
    match json::read::<ErrorBody>(res).await {
        Some(body) => Err(ApiError::Server {
            status,
            code: body.error.code,
            message: body.error.message,
            field: body.error.field,
            retry_after,
        }),
        None => Err(ApiError::Server {
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

/// A signal that aborts the request when the reactive owner that started it is cleaned
/// up: the page the person has left, or a resource that has since started a newer request.
/// So a slow answer for an old page never arrives to overwrite a new one, and the network
/// is not spent on it (the leptos hackernews example does the same).
fn abort_on_cleanup() -> Option<web_sys::AbortSignal> {
    use send_wrapper::SendWrapper;
    let controller = SendWrapper::new(web_sys::AbortController::new().ok()?);
    let signal = controller.signal();
    leptos::prelude::on_cleanup(move || controller.abort());
    Some(signal)
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let url = url(path);
    if let Some(answer) = early_answer(&url) {
        let res = wasm_bindgen_futures::JsFuture::from(answer)
            .await
            .map_err(|_| ApiError::Network)?;
        return read(web_sys::Response::from(res).into()).await;
    }
    let abort = abort_on_cleanup();
    let res = Request::get(&url)
        .abort_signal(abort.as_ref())
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(res).await
}

/// The answer `index.html` asked for while the app was on its way (`window.kursbroEarly`:
/// the address and the promise of its response), when `url` is that address. Taken once:
/// any later request of the address asks the server again.
fn early_answer(url: &str) -> Option<js_sys::Promise> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("kursbroEarly");
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    let asked = js_sys::Reflect::get(&early, &"url".into())
        .ok()?
        .as_string()?;
    if asked != url {
        return None;
    }
    js_sys::Reflect::delete_property::<js_sys::Object>(window.unchecked_ref(), &key).ok()?;
    js_sys::Reflect::get(&early, &"response".into())
        .ok()?
        .dyn_into()
        .ok()
}

async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send_read(Request::post(&url(path)), body).await
}

/// Whether the failure means "try again later" (no answer, server trouble, rate limit,
/// or a session that needs signing in again) rather than "this will never be accepted".
impl ApiError {
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Unreadable => true,
            ApiError::Server { status, code, .. } => {
                *status >= 500
                    || matches!(code, ErrorCode::RateLimited | ErrorCode::Unauthenticated)
            }
        }
    }
}

fn query_string(q: &CatalogueQuery) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut add = |k: &str, v: String| parts.push(format!("{k}={}", percent_encode(&v)));
    if let Some(v) = q.q.as_ref().filter(|v| !v.trim().is_empty()) {
        add("q", v.clone());
    }
    if let Some(v) = &q.theme {
        add("theme", v.clone());
    }
    if let Some(v) = q.provider {
        add("provider", v.to_string());
    }
    if let Some(v) = &q.language {
        add("language", v.clone());
    }
    if let Some(v) = q.max_hours {
        add("max_hours", v.to_string());
    }
    if let Some(v) = q.kind {
        add(
            "kind",
            match v {
                ModuleKind::ProgrammeModule => "programme_module",
                ModuleKind::StatutoryCourse => "statutory_course",
            }
            .to_string(),
        );
    }
    if let Some(v) = q.offset {
        add("offset", v.to_string());
    }
    if let Some(v) = q.limit {
        add("limit", v.to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Published programmes and the modules matching `query`.
pub async fn catalogue(query: &CatalogueQuery) -> Result<Catalogue, ApiError> {
    get(&format!("/catalogue{}", query_string(query))).await
}

pub async fn programme(slug: &str) -> Result<ProgrammeDetail, ApiError> {
    get(&format!("/programmes/{}", percent_encode(slug))).await
}

/// The signed-in learner's state in a module.
pub async fn module_progress(slug: &str) -> Result<ModuleLearnerState, ApiError> {
    get(&format!("/modules/{}/progress", percent_encode(slug))).await
}

/// Everything the signed-in learner has enrolled in or started.
pub async fn my_progress() -> Result<MyProgress, ApiError> {
    get("/progress").await
}

pub async fn send_event(event: &LearningEvent) -> Result<EventReceipt, ApiError> {
    post("/events", event).await
}

async fn no_content(res: Result<Response, gloo_net::Error>) -> Result<(), ApiError> {
    let res = res.map_err(|_| ApiError::Network)?;
    if res.ok() {
        Ok(())
    } else {
        read::<()>(res).await
    }
}

pub async fn enrol(req: &EnrolRequest) -> Result<(), ApiError> {
    send_json(Request::post(&url("/enrolments")), req).await
}

pub async fn leave(req: &EnrolRequest) -> Result<(), ApiError> {
    let path = match req {
        EnrolRequest::Programme(slug) => format!("/enrolments/programmes/{}", percent_encode(slug)),
        EnrolRequest::Module(slug) => format!("/enrolments/modules/{}", percent_encode(slug)),
    };
    no_content(Request::delete(&url(&path)).send().await).await
}

/// One module, with its activities.
pub async fn module(slug: &str) -> Result<ModuleDetail, ApiError> {
    // Slugs are `[a-z0-9-]`; anything else would be refused by the server, so encode it
    // rather than let it change the path.
    let encoded: String = percent_encode(slug);
    get(&format!("/modules/{encoded}")).await
}

pub fn percent_encode(s: &str) -> String {
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
    no_content(Request::post(&url("/auth/logout")).send().await).await
}

/// Ends every session of the signed-in person, on every device.
pub async fn logout_everywhere() -> Result<(), ApiError> {
    no_content(Request::post(&url("/auth/logout-everywhere")).send().await).await
}

/// Changes the password; the server ends every other session and renews this one.
pub async fn change_password(req: &ChangePasswordRequest) -> Result<(), ApiError> {
    send_json(Request::post(&url("/auth/password")), req).await
}

/// Cohorts the person was added to and has not been told about yet.
pub async fn cohort_notices() -> Result<Vec<CohortNotice>, ApiError> {
    get("/me/cohort-notices").await
}

pub async fn acknowledge_cohort_notice(cohort: i64) -> Result<(), ApiError> {
    let path = format!("/me/cohort-notices/{cohort}/seen");
    no_content(Request::post(&url(&path)).send().await).await
}

pub async fn my_requirements() -> Result<PersonCompliance, ApiError> {
    get("/me/requirements").await
}

/// A page of the news the signed-in person's organisation sees (or, not signed in, what is
/// shared with everyone).
/// One provider's news, newest first.
pub async fn provider_news(provider: i64, offset: u32, limit: u32) -> Result<NewsPage, ApiError> {
    get(&format!(
        "/news?provider={provider}&offset={offset}&limit={limit}"
    ))
    .await
}

pub async fn news(offset: u32, limit: u32) -> Result<NewsPage, ApiError> {
    get(&format!("/news?offset={offset}&limit={limit}")).await
}

/// The learner's feedback on a module they completed.
pub async fn give_feedback(module: &str, req: &NewFeedback) -> Result<(), ApiError> {
    let path = format!("/modules/{}/feedback", percent_encode(module));
    send_json(Request::post(&url(&path)), req).await
}

/// The feedback overview as CSV (`comma`: comma-separated; `english`: English headings).
pub fn feedback_csv_url(comma: bool, english: bool) -> String {
    let sep = if comma { "comma" } else { "semicolon" };
    let lang = if english { "en" } else { "nb" };
    url(&format!("/feedback.csv?separator={sep}&lang={lang}"))
}

pub async fn feedback_overview() -> Result<FeedbackOverview, ApiError> {
    get("/feedback").await
}

pub async fn post_news(req: &NewNews) -> Result<NewsItem, ApiError> {
    post("/news", req).await
}

/// Uploads an image for the organisation's news (the server reads its type from the bytes).
pub async fn upload_news_image(file: &web_sys::File) -> Result<UploadedImage, ApiError> {
    post_file("/news/images", "application/octet-stream", file).await
}

/// Sends a file the person chose as the body, as it is (the server reads what it is).
async fn post_file<T: DeserializeOwned>(
    path: &str,
    content_type: &str,
    file: &web_sys::File,
) -> Result<T, ApiError> {
    let res = Request::post(&url(path))
        .header("content-type", content_type)
        .body(file)
        .map_err(|_| ApiError::Unreadable)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(res).await
}

pub async fn delete_news(id: i64) -> Result<(), ApiError> {
    no_content(Request::delete(&url(&format!("/news/{id}"))).send().await).await
}

/// Starts a completed module or programme again, to renew a requirement on it.
pub async fn start_again(target: &Target) -> Result<(), ApiError> {
    let path = match target {
        Target::Module(m) => format!("/modules/{}/start-again", percent_encode(&m.slug)),
        Target::Programme(p) => format!("/programmes/{}/start-again", percent_encode(&p.slug)),
    };
    no_content(Request::post(&url(&path)).send().await).await
}

/// Which part of the competence overview to fetch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DashboardFilter {
    /// Default: the first unit the person leads.
    pub unit: Option<i64>,
    pub profession: Option<String>,
    pub status: Option<PeopleFilter>,
    pub offset: u32,
}

impl DashboardFilter {
    fn query(&self) -> String {
        let mut q = Vec::new();
        if let Some(u) = self.unit {
            q.push(format!("unit={u}"));
        }
        if let Some(p) = &self.profession {
            q.push(format!("profession={}", percent_encode(p)));
        }
        if let Some(s) = self.status {
            q.push(format!("status={}", s.as_str()));
        }
        if self.offset > 0 {
            q.push(format!("offset={}", self.offset));
        }
        q.join("&")
    }
}

/// The competence overview: summary, roll-ups and one page of people.
pub async fn dashboard(filter: &DashboardFilter) -> Result<Dashboard, ApiError> {
    get(&format!("/leader/dashboard?{}", filter.query())).await
}

/// The overview as CSV: everyone matching the filter (not just the page).
pub fn dashboard_csv_url(filter: &DashboardFilter, comma: bool, english: bool) -> String {
    let sep = if comma { "comma" } else { "semicolon" };
    let lang = if english { "en" } else { "nb" };
    let everyone = DashboardFilter {
        offset: 0,
        ..filter.clone()
    };
    url(&format!(
        "/leader/dashboard.csv?{}&separator={sep}&lang={lang}",
        everyone.query()
    ))
}

pub async fn person_compliance(id: i64) -> Result<PersonCompliance, ApiError> {
    get(&format!("/leader/people/{id}")).await
}

pub async fn approve_external(
    person: i64,
    req: &ExternalCompletionRequest,
) -> Result<PersonCompliance, ApiError> {
    post(
        &format!("/leader/people/{person}/external-completions"),
        req,
    )
    .await
}

/// The competence plans that cover the asker's units, and what a new plan may be for.
pub async fn plans() -> Result<Plans, ApiError> {
    get("/plans").await
}

pub async fn create_plan(draft: &PlanDraft) -> Result<Plan, ApiError> {
    post("/plans", draft).await
}

async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    send_read(Request::put(&url(path)), body).await
}

pub async fn update_plan(id: i64, draft: &PlanDraft) -> Result<Plan, ApiError> {
    put(&format!("/plans/{id}"), draft).await
}

/// The modules of the asker's organisation, for its authors.
pub async fn authored_modules() -> Result<AuthoredModules, ApiError> {
    get("/authoring/modules").await
}

pub async fn create_module(req: &NewModuleRequest) -> Result<DraftState, ApiError> {
    post("/authoring/modules", req).await
}

pub async fn create_programme(req: &NewModuleRequest) -> Result<ProgrammeState, ApiError> {
    post("/authoring/programmes", req).await
}

pub async fn programme_draft(slug: &str) -> Result<ProgrammeState, ApiError> {
    get(&format!("/authoring/programmes/{}", percent_encode(slug))).await
}

pub async fn save_programme(slug: &str, req: &SaveProgramme) -> Result<ProgrammeState, ApiError> {
    put(
        &format!("/authoring/programmes/{}", percent_encode(slug)),
        req,
    )
    .await
}

pub async fn module_draft(slug: &str) -> Result<DraftState, ApiError> {
    get(&format!("/authoring/modules/{}", percent_encode(slug))).await
}

pub async fn save_draft(slug: &str, req: &SaveDraft) -> Result<DraftState, ApiError> {
    put(&format!("/authoring/modules/{}", percent_encode(slug)), req).await
}

pub async fn publish_impact(slug: &str) -> Result<PublishImpact, ApiError> {
    get(&format!(
        "/authoring/modules/{}/impact",
        percent_encode(slug)
    ))
    .await
}

pub async fn publish(slug: &str, version: i64) -> Result<DraftState, ApiError> {
    post(
        &format!("/authoring/modules/{}/publish", percent_encode(slug)),
        &PublishRequest { version },
    )
    .await
}

/// Lesson Markdown as the server renders it for learners.
pub async fn preview(markdown: &str) -> Result<Preview, ApiError> {
    post(
        "/authoring/preview",
        &PreviewRequest {
            markdown: markdown.to_string(),
        },
    )
    .await
}

/// Uploads an image file for a module's lessons (the server reads its type from the bytes).
pub async fn upload_image(slug: &str, file: &web_sys::File) -> Result<UploadedImage, ApiError> {
    let path = format!("/authoring/modules/{}/images", percent_encode(slug));
    post_file(&path, "application/octet-stream", file).await
}

/// Imports a module's zip (as exported) as a draft of the organisation.
pub async fn import_module(file: &web_sys::File) -> Result<DraftState, ApiError> {
    post_file("/authoring/import", "application/zip", file).await
}

/// Where a module's zip is downloaded from.
pub fn export_url(slug: &str) -> String {
    url(&format!(
        "/authoring/modules/{}/export",
        percent_encode(slug)
    ))
}

pub async fn content_changes() -> Result<ContentChanges, ApiError> {
    get("/authoring/changes").await
}

/// Every organisation, to choose whom to share with.
pub async fn organisations() -> Result<Vec<OrganisationRef>, ApiError> {
    get("/organisations").await
}

pub async fn delete_plan(id: i64) -> Result<(), ApiError> {
    no_content(Request::delete(&url(&format!("/plans/{id}"))).send().await).await
}

/// The administered organisation's units and professions.
pub async fn admin_organisation() -> Result<Organisation, ApiError> {
    get("/admin/organisation").await
}

pub async fn create_unit(req: &NewUnit) -> Result<AdminUnit, ApiError> {
    post("/admin/units", req).await
}

pub async fn change_unit(id: i64, req: &UnitChange) -> Result<AdminUnit, ApiError> {
    put(&format!("/admin/units/{id}"), req).await
}

pub async fn create_profession(req: &NewProfession) -> Result<AdminProfession, ApiError> {
    post("/admin/professions", req).await
}

pub async fn rename_profession(id: i64, req: &NewProfession) -> Result<AdminProfession, ApiError> {
    put(&format!("/admin/professions/{id}"), req).await
}

pub async fn delete_unit(id: i64) -> Result<(), ApiError> {
    no_content(
        Request::delete(&url(&format!("/admin/units/{id}")))
            .send()
            .await,
    )
    .await
}

/// People per page of the admin's people list.
pub const ADMIN_PEOPLE_PAGE: u32 = 25;

/// A page of the organisation's people matching `q`.
pub async fn admin_people(q: &str, offset: u32) -> Result<PeoplePage, ApiError> {
    get(&format!(
        "/admin/people?q={}&offset={offset}&limit={ADMIN_PEOPLE_PAGE}",
        percent_encode(q.trim())
    ))
    .await
}

pub async fn admin_person(id: i64) -> Result<AdminPerson, ApiError> {
    get(&format!("/admin/people/{id}")).await
}

pub async fn create_person(req: &NewPerson) -> Result<AdminPerson, ApiError> {
    post("/admin/people", req).await
}

pub async fn update_person(id: i64, req: &PersonUpdate) -> Result<AdminPerson, ApiError> {
    put(&format!("/admin/people/{id}"), req).await
}

pub async fn add_grant(person: i64, req: &NewGrant) -> Result<AdminPerson, ApiError> {
    post(&format!("/admin/people/{person}/grants"), req).await
}

pub async fn remove_grant(grant: i64) -> Result<AdminPerson, ApiError> {
    let res = Request::delete(&url(&format!("/admin/grants/{grant}")))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(res).await
}

/// A one-time link for the person to choose a password.
pub async fn invite(person: i64) -> Result<Invitation, ApiError> {
    post(&format!("/admin/people/{person}/invitation"), &()).await
}

/// Whom a link to choose a password is for.
pub async fn check_invitation(token: &str) -> Result<InvitationInfo, ApiError> {
    post(
        "/auth/invitation/check",
        &InvitationToken {
            token: token.to_string(),
        },
    )
    .await
}

/// Chooses a password with a link; signed in afterwards.
pub async fn accept_invitation(req: &AcceptInvitation) -> Result<Me, ApiError> {
    post("/auth/invitation/accept", req).await
}

/// Checks (`dry_run`) or imports employees from CSV text.
pub async fn import_people(req: &ImportPeopleRequest) -> Result<ImportReport, ApiError> {
    post("/users/import", req).await
}

/// Cohorts on a page of the cohort list.
pub const COHORTS_PAGE: u32 = 20;

pub async fn cohorts(offset: u32) -> Result<CohortPage, ApiError> {
    get(&format!("/cohorts?offset={offset}&limit={COHORTS_PAGE}")).await
}

pub async fn create_cohort(req: &NewCohort) -> Result<CohortSummary, ApiError> {
    post("/cohorts", req).await
}

pub async fn cohort_grid(id: i64) -> Result<CohortGrid, ApiError> {
    get(&format!("/cohorts/{id}/grid")).await
}

pub async fn drill_down(
    cohort: i64,
    learner: i64,
    slug: &str,
) -> Result<LearnerModuleDetail, ApiError> {
    get(&format!(
        "/cohorts/{cohort}/learners/{learner}/modules/{}",
        percent_encode(slug)
    ))
    .await
}

/// Where the browser downloads the grid as CSV.
pub fn cohort_csv_url(id: i64, comma: bool, english: bool) -> String {
    let sep = if comma { "comma" } else { "semicolon" };
    let lang = if english { "en" } else { "nb" };
    url(&format!(
        "/cohorts/{id}/grid.csv?separator={sep}&lang={lang}"
    ))
}

/// Members on a page of a cohort's member list.
pub const MEMBERS_PAGE: u32 = 25;

pub async fn cohort_members(id: i64, q: &str, offset: u32) -> Result<MemberPage, ApiError> {
    get(&format!(
        "/cohorts/{id}/members?q={}&offset={offset}&limit={MEMBERS_PAGE}",
        percent_encode(q.trim())
    ))
    .await
}

pub async fn cohort_candidates(id: i64, q: &str) -> Result<Vec<UserSummary>, ApiError> {
    get(&format!("/cohorts/{id}/candidates?q={}", percent_encode(q))).await
}

pub async fn add_member(id: i64, req: &NewMember) -> Result<(), ApiError> {
    send_json(Request::post(&url(&format!("/cohorts/{id}/members"))), req).await
}

pub async fn remove_member(id: i64, user: i64) -> Result<(), ApiError> {
    no_content(
        Request::delete(&url(&format!("/cohorts/{id}/members/{user}")))
            .send()
            .await,
    )
    .await
}

/// Where a discussion area's threads are.
#[derive(Debug, Clone, PartialEq)]
pub enum AreaPath {
    Module(String),
    Cohort(i64),
}

impl AreaPath {
    fn path(&self) -> String {
        match self {
            AreaPath::Module(slug) => {
                format!("/discussions/modules/{}/threads", percent_encode(slug))
            }
            AreaPath::Cohort(id) => format!("/discussions/cohorts/{id}/threads"),
        }
    }
}

pub async fn threads(area: &AreaPath, cursor: Option<&str>) -> Result<ThreadList, ApiError> {
    let mut path = area.path();
    if let Some(c) = cursor {
        path.push_str(&format!("?cursor={}", percent_encode(c)));
    }
    get(&path).await
}

pub async fn new_thread(area: &AreaPath, req: &NewThread) -> Result<ThreadSummary, ApiError> {
    post(&area.path(), req).await
}

pub async fn thread(id: i64, cursor: Option<&str>) -> Result<Thread, ApiError> {
    match cursor {
        Some(c) => get(&format!("/threads/{id}?cursor={}", percent_encode(c))).await,
        None => get(&format!("/threads/{id}")).await,
    }
}

pub async fn reply(thread: i64, req: &NewPost) -> Result<Post, ApiError> {
    post(&format!("/threads/{thread}/posts"), req).await
}

/// Sends `body` as JSON; the answer has no body.
async fn send_json<B: Serialize>(
    req: gloo_net::http::RequestBuilder,
    body: &B,
) -> Result<(), ApiError> {
    let req = json::with_body(req, body).ok_or(ApiError::Unreadable)?;
    no_content(req.send().await).await
}

/// Sends `body` as JSON and reads the answer.
async fn send_read<B: Serialize, T: DeserializeOwned>(
    req: gloo_net::http::RequestBuilder,
    body: &B,
) -> Result<T, ApiError> {
    let res = json::with_body(req, body)
        .ok_or(ApiError::Unreadable)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(res).await
}

pub async fn edit_post(id: i64, req: &NewPost) -> Result<Post, ApiError> {
    send_read(Request::patch(&url(&format!("/posts/{id}"))), req).await
}

pub async fn delete_post(id: i64) -> Result<(), ApiError> {
    no_content(Request::delete(&url(&format!("/posts/{id}"))).send().await).await
}

pub async fn hide_post(id: i64, reason: &str) -> Result<(), ApiError> {
    send_json(
        Request::post(&url(&format!("/posts/{id}/hide"))),
        &Reason {
            reason: reason.into(),
        },
    )
    .await
}

pub async fn restore_post(id: i64) -> Result<(), ApiError> {
    no_content(
        Request::post(&url(&format!("/posts/{id}/restore")))
            .send()
            .await,
    )
    .await
}

pub async fn report_post(id: i64, reason: &str) -> Result<(), ApiError> {
    send_json(
        Request::post(&url(&format!("/posts/{id}/report"))),
        &Reason {
            reason: reason.into(),
        },
    )
    .await
}

pub async fn set_thread_flags(id: i64, flags: &ThreadFlags) -> Result<(), ApiError> {
    send_json(Request::patch(&url(&format!("/threads/{id}"))), flags).await
}

pub async fn reports() -> Result<Vec<Report>, ApiError> {
    get("/moderation/reports").await
}

/// `YYYY-MM-DD`, written out (no `chrono` formatting machinery in the wasm).
pub fn iso_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// The half-year course programme, filtered.
pub async fn course_programme(f: &ProgrammeFilter) -> Result<CourseProgramme, ApiError> {
    let mut q: Vec<String> = Vec::new();
    if let Some(p) = &f.period {
        q.push(format!("period={}", percent_encode(p)));
    }
    if let Some(p) = f.provider {
        q.push(format!("provider={p}"));
    }
    if let Some(t) = f.theme.as_ref().filter(|t| !t.is_empty()) {
        q.push(format!("theme={}", percent_encode(t)));
    }
    if let Some(d) = f.from {
        q.push(format!("from={}", iso_date(d)));
    }
    if let Some(d) = f.to {
        q.push(format!("to={}", iso_date(d)));
    }
    if let Some(v) = f.format.as_ref().filter(|v| !v.is_empty()) {
        q.push(format!("format={}", percent_encode(v)));
    }
    if f.free == Some(true) {
        q.push("free=true".into());
    }
    let query = if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.join("&"))
    };
    get(&format!("/course-programme{query}")).await
}

/// Whose gatherings to list.
#[derive(Debug, Clone, PartialEq)]
pub enum GatheringsOf {
    Module(String),
    Programme(String),
    /// Those the signed-in person signed up for.
    Mine,
}

pub async fn gatherings(of: &GatheringsOf) -> Result<GatheringList, ApiError> {
    let query = match of {
        GatheringsOf::Module(slug) => format!("module={}", percent_encode(slug)),
        GatheringsOf::Programme(slug) => format!("programme={}", percent_encode(slug)),
        GatheringsOf::Mine => "mine=true".to_string(),
    };
    get(&format!("/gatherings?{query}")).await
}

pub async fn gathering(id: i64) -> Result<GatheringDetail, ApiError> {
    get(&format!("/gatherings/{id}")).await
}

pub async fn create_gathering(input: &GatheringInput) -> Result<GatheringDetail, ApiError> {
    post("/gatherings", input).await
}

pub async fn update_gathering(
    id: i64,
    input: &GatheringInput,
) -> Result<GatheringDetail, ApiError> {
    put(&format!("/gatherings/{id}"), input).await
}

pub async fn cancel_gathering(id: i64) -> Result<GatheringDetail, ApiError> {
    post(&format!("/gatherings/{id}/cancel"), &()).await
}

pub async fn sign_up(id: i64) -> Result<SignupResult, ApiError> {
    post(&format!("/gatherings/{id}/signup"), &()).await
}

pub async fn cancel_sign_up(id: i64) -> Result<(), ApiError> {
    no_content(
        Request::delete(&url(&format!("/gatherings/{id}/signup")))
            .send()
            .await,
    )
    .await
}

pub async fn participants(id: i64) -> Result<ParticipantList, ApiError> {
    get(&format!("/gatherings/{id}/participants")).await
}

pub async fn add_participant(id: i64, req: &AddParticipant) -> Result<SignupResult, ApiError> {
    post(&format!("/gatherings/{id}/participants"), req).await
}

pub async fn remove_participant(id: i64, user: i64) -> Result<(), ApiError> {
    no_content(
        Request::delete(&url(&format!("/gatherings/{id}/participants/{user}")))
            .send()
            .await,
    )
    .await
}

pub async fn set_attendance(id: i64, user: i64, req: &SetAttendance) -> Result<(), ApiError> {
    send_json(
        Request::put(&url(&format!("/gatherings/{id}/attendance/{user}"))),
        req,
    )
    .await
}

/// Where the browser downloads one gathering as a calendar file.
pub fn gathering_calendar_url(id: i64) -> String {
    url(&format!("/gatherings/{id}/calendar.ics"))
}

pub async fn notices() -> Result<Notices, ApiError> {
    get("/notices").await
}

pub async fn mark_notices_read() -> Result<(), ApiError> {
    no_content(Request::post(&url("/notices/read")).send().await).await
}

pub async fn calendar_feed() -> Result<CalendarFeedState, ApiError> {
    get("/me/calendar").await
}

/// A new secret address (the old one, if any, stops working).
pub async fn create_calendar_feed() -> Result<CalendarFeed, ApiError> {
    post("/me/calendar", &()).await
}

pub async fn delete_calendar_feed() -> Result<(), ApiError> {
    no_content(Request::delete(&url("/me/calendar")).send().await).await
}
