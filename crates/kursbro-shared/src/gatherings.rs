//! Gatherings: sessions in a room, on video or both, that belong to a module, a programme
//! (perhaps only one of its cohorts), or stand alone as a provider's course event; sign-up
//! with a waitlist, attendance, the half-year course programme, and Oslo time.
//!
//! Times are stored and sent in UTC and entered and shown in Europe/Oslo wall-clock time;
//! [`parse_local`] and [`to_local`] are the one conversion, so a session at 10:00 stays at
//! 10:00 on either side of a change to or from summer time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::{IntoParams, ToSchema};

use crate::api::OrganisationRef;
use crate::validation::{check_text, FieldError, Problem};

pub const TITLE_MAX_CHARS: usize = 200;
pub const DESCRIPTION_MAX_CHARS: usize = 20_000;
pub const PLACE_MAX_CHARS: usize = 300;
pub const URL_MAX_CHARS: usize = 1_000;
pub const THEME_MAX_CHARS: usize = 100;
pub const CAPACITY_MAX: u32 = 10_000;
/// The "Bli med" button opens this long before the start.
pub const JOIN_OPENS_MINUTES: i64 = 15;

/// How an entered time is written: `2027-03-28T10:00` (an HTML `datetime-local` value),
/// seconds allowed.
const LOCAL_FORMATS: [&str; 2] = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"];

/// The instant an Oslo wall-clock time names. A time that does not exist (the hour skipped
/// when summer time begins) is refused; one that happens twice (the hour repeated when it
/// ends) is the first of the two.
pub fn parse_local(field: &'static str, value: &str) -> Result<DateTime<Utc>, FieldError> {
    let err = |problem| FieldError { field, problem };
    let value = value.trim();
    if value.is_empty() {
        return Err(err(Problem::Required));
    }
    let naive = LOCAL_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(value, f).ok())
        .ok_or(err(Problem::Malformed))?;
    if !(2000..=2100).contains(&naive.year()) {
        return Err(err(Problem::OutOfRange {
            min: 2000,
            max: 2100,
        }));
    }
    Oslo.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or(err(Problem::NoSuchTime))
}

/// The Oslo wall-clock time of an instant.
pub fn to_local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&Oslo).naive_local()
}

/// An instant as an HTML `datetime-local` value in Oslo time (`2027-03-28T10:00`).
pub fn local_input(at: DateTime<Utc>) -> String {
    to_local(at).format("%Y-%m-%dT%H:%M").to_string()
}

/// In person, on video, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    InPerson,
    Video,
    Hybrid,
    #[serde(other)]
    Unknown,
}

impl Format {
    /// The format of a gathering with a place (an address) and/or a video link.
    pub fn of(has_place: bool, has_video: bool) -> Self {
        match (has_place, has_video) {
            (true, true) => Format::Hybrid,
            (false, true) => Format::Video,
            _ => Format::InPerson,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::InPerson => "in_person",
            Format::Video => "video",
            Format::Hybrid => "hybrid",
            Format::Unknown => "unknown",
        }
    }
}

/// A half-year of the course programme: spring (January–June) or autumn (July–December).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Period {
    pub year: i32,
    pub spring: bool,
}

impl Period {
    /// The period an instant falls in (by Oslo's calendar).
    pub fn containing(at: DateTime<Utc>) -> Self {
        let d = to_local(at).date();
        Period {
            year: d.year(),
            spring: d.month() <= 6,
        }
    }

    /// `2027-var` or `2027-host`, as in the address.
    pub fn slug(self) -> String {
        format!("{}-{}", self.year, if self.spring { "var" } else { "host" })
    }

    pub fn parse(slug: &str) -> Option<Self> {
        let (year, half) = slug.split_once('-')?;
        let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y))?;
        let spring = match half {
            "var" => true,
            "host" => false,
            _ => return None,
        };
        Some(Period { year, spring })
    }

    pub fn next(self) -> Self {
        if self.spring {
            Period {
                year: self.year,
                spring: false,
            }
        } else {
            Period {
                year: self.year + 1,
                spring: true,
            }
        }
    }

    pub fn previous(self) -> Self {
        if self.spring {
            Period {
                year: self.year - 1,
                spring: false,
            }
        } else {
            Period {
                year: self.year,
                spring: true,
            }
        }
    }

    /// From the first Oslo midnight of the period to the first of the next.
    pub fn range(self) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = |p: Period| {
            let d = NaiveDate::from_ymd_opt(p.year, if p.spring { 1 } else { 7 }, 1)
                .expect("the first of January or July exists");
            Oslo.from_local_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
                .earliest()
                .expect("midnight of the first is never skipped in Oslo")
                .with_timezone(&Utc)
        };
        (start(self), start(self.next()))
    }
}

/// A gathering as its facilitator enters it (create, change, copy). Times are Oslo wall-clock
/// times (`2027-03-28T10:00`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GatheringInput {
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub description: String,
    /// The module it belongs to (a slug), or none.
    #[serde(default)]
    pub module: Option<String>,
    /// The programme it belongs to (a slug), or none. Not both a module and a programme.
    #[serde(default)]
    pub programme: Option<String>,
    /// Only for this cohort of the programme.
    #[serde(default)]
    pub cohort_id: Option<i64>,
    /// For the course programme's filter (a module's gathering: the module's theme if empty).
    #[serde(default)]
    pub theme: String,
    pub starts: String,
    pub ends: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub room: String,
    /// `https://…`; empty: not on video.
    #[serde(default)]
    pub video_url: String,
    /// Places; none: no limit.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 10000))]
    pub capacity: Option<u32>,
    /// The last moment to sign up; none: until the start.
    #[serde(default)]
    pub signup_deadline: Option<String>,
    /// Completing the module (or programme) needs attending one session of it.
    #[serde(default)]
    pub mandatory: bool,
    /// Another session of the same gathering (the same mandatory step: attending either
    /// counts): its id.
    #[serde(default)]
    pub session_of: Option<i64>,
}

/// A [`GatheringInput`] that has been checked: what the server stores.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidGathering {
    pub title: String,
    pub description: String,
    pub theme: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub address: String,
    pub room: String,
    pub video_url: Option<String>,
    pub capacity: Option<u32>,
    pub signup_deadline: Option<DateTime<Utc>>,
    pub mandatory: bool,
}

fn optional_text(field: &'static str, value: &str, max: usize) -> Result<String, FieldError> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    check_text(field, value, max)?;
    Ok(value.trim().to_string())
}

/// A one-line text (a title, a place, a link): no line breaks, which would also break the
/// calendar's lines.
fn one_line(field: &'static str, value: &str) -> Result<(), FieldError> {
    if value.contains(['\n', '\r']) {
        return Err(FieldError {
            field,
            problem: Problem::LineBreak,
        });
    }
    Ok(())
}

/// Checks a gathering; `confirmed` is how many have a place now (a capacity below it is
/// refused: nobody loses a place by an edit).
pub fn validate_gathering(
    input: &GatheringInput,
    confirmed: u32,
) -> Result<ValidGathering, FieldError> {
    check_text("title", &input.title, TITLE_MAX_CHARS)?;
    for (name, value) in [
        ("title", &input.title),
        ("theme", &input.theme),
        ("address", &input.address),
        ("room", &input.room),
        ("video_url", &input.video_url),
    ] {
        one_line(name, value)?;
    }
    let description = optional_text("description", &input.description, DESCRIPTION_MAX_CHARS)?;
    let theme = optional_text("theme", &input.theme, THEME_MAX_CHARS)?;
    if input.module.is_some() && input.programme.is_some() {
        return Err(FieldError {
            field: "programme",
            problem: Problem::ModuleOrProgramme,
        });
    }
    if input.cohort_id.is_some() && input.programme.is_none() {
        return Err(FieldError {
            field: "cohort_id",
            problem: Problem::Unknown,
        });
    }
    let starts_at = parse_local("starts", &input.starts)?;
    let ends_at = parse_local("ends", &input.ends)?;
    if ends_at <= starts_at {
        return Err(FieldError {
            field: "ends",
            problem: Problem::NotAfterStart,
        });
    }
    let address = optional_text("address", &input.address, PLACE_MAX_CHARS)?;
    let room = optional_text("room", &input.room, PLACE_MAX_CHARS)?;
    let video_url = optional_text("video_url", &input.video_url, URL_MAX_CHARS)?;
    if !video_url.is_empty() {
        crate::authoring::check_url("video_url", &video_url)?;
    }
    if address.is_empty() && video_url.is_empty() {
        return Err(FieldError {
            field: "address",
            problem: Problem::PlaceOrVideo,
        });
    }
    if let Some(c) = input.capacity {
        if !(1..=CAPACITY_MAX).contains(&c) {
            return Err(FieldError {
                field: "capacity",
                problem: Problem::OutOfRange {
                    min: 1,
                    max: u64::from(CAPACITY_MAX),
                },
            });
        }
        if c < confirmed {
            return Err(FieldError {
                field: "capacity",
                problem: Problem::BelowConfirmed { confirmed },
            });
        }
    }
    let signup_deadline = match input.signup_deadline.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => {
            let d = parse_local("signup_deadline", d)?;
            if d > starts_at {
                return Err(FieldError {
                    field: "signup_deadline",
                    problem: Problem::AfterStart,
                });
            }
            Some(d)
        }
    };
    Ok(ValidGathering {
        title: input.title.trim().to_string(),
        description,
        theme,
        starts_at,
        ends_at,
        address,
        room,
        video_url: (!video_url.is_empty()).then_some(video_url),
        capacity: input.capacity,
        signup_deadline,
        mandatory: input.mandatory,
    })
}

/// A person's place on a gathering's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    Confirmed,
    Waitlisted,
    #[serde(other)]
    Unknown,
}

impl SignupStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SignupStatus::Confirmed => "confirmed",
            SignupStatus::Waitlisted => "waitlisted",
            SignupStatus::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Self {
        match s {
            "confirmed" => SignupStatus::Confirmed,
            "waitlisted" => SignupStatus::Waitlisted,
            _ => SignupStatus::Unknown,
        }
    }
}

/// Marked by a facilitator during or after the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Present,
    Absent,
    Excused,
}

impl Attendance {
    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Excused => "excused",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Present, Self::Absent, Self::Excused]
            .into_iter()
            .find(|a| a.as_str() == s)
    }

    /// Whether it meets a mandatory gathering: present, or excused by the facilitator.
    pub fn meets_requirement(self) -> bool {
        matches!(self, Attendance::Present | Attendance::Excused)
    }
}

/// What a sign-up gets, by arrival: a place while there is one, else the waitlist.
pub fn status_on_arrival(capacity: Option<u32>, confirmed: u32) -> SignupStatus {
    match capacity {
        Some(c) if confirmed >= c => SignupStatus::Waitlisted,
        _ => SignupStatus::Confirmed,
    }
}

/// Who moves up from the waitlist: as many as there are free places, first come first
/// served. `waitlist` is in arrival order; the answer is a prefix of it.
pub fn promotions<T: Copy>(capacity: Option<u32>, confirmed: u32, waitlist: &[T]) -> Vec<T> {
    let free = match capacity {
        None => waitlist.len(),
        Some(c) => c.saturating_sub(confirmed) as usize,
    };
    waitlist.iter().take(free).copied().collect()
}

/// Whether sign-up is open at `now`: before the deadline (or the start), not cancelled.
pub fn signup_open(
    now: DateTime<Utc>,
    starts_at: DateTime<Utc>,
    deadline: Option<DateTime<Utc>>,
    cancelled: bool,
) -> bool {
    !cancelled && now < deadline.unwrap_or(starts_at).min(starts_at)
}

/// Whether "Bli med" (the video link) is active at `now`: from [`JOIN_OPENS_MINUTES`]
/// before the start until the end.
pub fn join_open(now: DateTime<Utc>, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> bool {
    now >= starts_at - Duration::minutes(JOIN_OPENS_MINUTES) && now < ends_at
}

/// How many of a module's or programme's mandatory gatherings a learner has met: one per
/// gathering (`required`, by its id), met by attending any of its sessions (`met`: the
/// gathering ids of sessions where they were present or excused).
pub fn mandatory_met(required: &[i64], met: &[i64]) -> u32 {
    required.iter().filter(|g| met.contains(g)).count() as u32
}

/// What a gathering belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum BelongsTo {
    Module {
        slug: String,
        title: String,
    },
    Programme {
        slug: String,
        title: String,
        /// Only for this cohort.
        cohort: Option<String>,
    },
    /// A course event of its provider.
    Course,
    #[serde(other)]
    Unknown,
}

/// A gathering in a list (the course programme, a module's or programme's page, "mine").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GatheringSummary {
    pub id: i64,
    pub title: String,
    /// The organisation that hosts it.
    pub provider: OrganisationRef,
    pub belongs_to: BelongsTo,
    pub theme: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: Format,
    pub address: String,
    pub room: String,
    pub capacity: Option<u32>,
    pub confirmed: u32,
    pub waitlisted: u32,
    pub mandatory: bool,
    pub cancelled: bool,
    /// The asker's place, if they signed up.
    pub my_status: Option<SignupStatus>,
}

impl GatheringSummary {
    /// Free places; `None`: no limit.
    pub fn free_places(&self) -> Option<u32> {
        self.capacity.map(|c| c.saturating_sub(self.confirmed))
    }
}

/// `GET /api/v1/gatherings?module=…|programme=…|mine=true`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GatheringList {
    pub gatherings: Vec<GatheringSummary>,
}

/// `GET /api/v1/gatherings/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GatheringDetail {
    pub gathering: GatheringSummary,
    /// Sanitised HTML from the Markdown description.
    pub description_html: String,
    /// What was entered, for the facilitator's form (Markdown, Oslo times).
    pub input: Option<GatheringInput>,
    pub signup_deadline: Option<DateTime<Utc>>,
    /// Only for those with a place (and those who run it).
    pub video_url: Option<String>,
    /// The asker's place on the waitlist (1 = next).
    pub waitlist_position: Option<u32>,
    pub signup_open: bool,
    /// The asker may sign up (signed in, and it is for them).
    pub may_sign_up: bool,
    /// The asker runs it: changes, copies, cancels it, sees the list and marks attendance.
    pub may_run: bool,
    /// The other sessions of the same gathering.
    pub sessions: Vec<GatheringSummary>,
    /// Changed this many times (the calendar's SEQUENCE).
    pub sequence: u32,
}

/// One person on a gathering's list (for those who run it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Participant {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub status: SignupStatus,
    pub signed_up_at: DateTime<Utc>,
    pub attendance: Option<Attendance>,
}

/// `GET /api/v1/gatherings/{id}/participants`: those with a place, then the waitlist in
/// order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantList {
    pub participants: Vec<Participant>,
}

/// `PUT /api/v1/gatherings/{id}/attendance/{user_id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SetAttendance {
    /// None: not marked.
    pub attendance: Option<Attendance>,
}

/// `POST /api/v1/gatherings/{id}/participants`: a facilitator adds someone by e-mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AddParticipant {
    pub email: String,
}

/// The answer to signing up (or being added): the place got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SignupResult {
    pub status: SignupStatus,
    /// On the waitlist: the place in the queue (1 = next).
    pub waitlist_position: Option<u32>,
}

/// Filters of the course programme. All optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProgrammeFilter {
    /// `2027-var` or `2027-host`; default: the period of today.
    pub period: Option<String>,
    /// Only this host organisation's (an id).
    pub provider: Option<i64>,
    pub theme: Option<String>,
    /// From this day (Oslo, `YYYY-MM-DD`).
    pub from: Option<NaiveDate>,
    /// Up to and including this day.
    pub to: Option<NaiveDate>,
    /// `in_person`, `video` or `hybrid`.
    pub format: Option<String>,
    /// Only those with a free place.
    pub free: Option<bool>,
}

/// `GET /api/v1/course-programme`: a period's gatherings across providers, by start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CourseProgramme {
    pub period: Period,
    pub gatherings: Vec<GatheringSummary>,
    /// Every host and theme of the period (for the filters), whatever is filtered.
    pub providers: Vec<OrganisationRef>,
    pub themes: Vec<String>,
}

/// What a notice tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Moved up from the waitlist: "Du har fått plass".
    GotPlace,
    /// Its time, place or link changed.
    Changed,
    Cancelled,
    /// A facilitator signed them up.
    Added,
    /// A facilitator took them off the list.
    Removed,
    #[serde(other)]
    Unknown,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::GotPlace => "got_place",
            NoticeKind::Changed => "changed",
            NoticeKind::Cancelled => "cancelled",
            NoticeKind::Added => "added",
            NoticeKind::Removed => "removed",
            NoticeKind::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Self {
        [
            Self::GotPlace,
            Self::Changed,
            Self::Cancelled,
            Self::Added,
            Self::Removed,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .unwrap_or(Self::Unknown)
    }
}

/// A notice in the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Notice {
    pub id: i64,
    pub kind: NoticeKind,
    pub gathering_id: i64,
    pub gathering_title: String,
    pub starts_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// `GET /api/v1/notices`: the newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Notices {
    pub notices: Vec<Notice>,
    pub unread: u32,
}

/// `POST /api/v1/me/calendar`: the secret token of the person's calendar feed, served at
/// [`calendar_path`]. Shown once: only a hash of the token is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CalendarFeed {
    pub token: String,
}

/// Where a calendar feed is served (`.ics` may be added: some calendar programs want it).
pub fn calendar_path(token: &str) -> String {
    format!("{}/calendar/{token}", crate::api::API_PREFIX)
}

/// `GET /api/v1/me/calendar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CalendarFeedState {
    pub active: bool,
    pub created_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> GatheringInput {
        GatheringInput {
            title: "HLR-trening".into(),
            starts: "2027-03-28T10:00".into(),
            ends: "2027-03-28T12:00".into(),
            address: "Storgata 1".into(),
            ..Default::default()
        }
    }

    fn field(r: Result<ValidGathering, FieldError>) -> (&'static str, Problem) {
        let e = r.unwrap_err();
        (e.field, e.problem)
    }

    #[test]
    fn oslo_times_keep_the_wall_clock_across_summer_time() {
        // Summer time began 2027-03-28 at 02:00: 10:00 the day before is 09:00 UTC, on the
        // day 08:00 UTC.
        let before = parse_local("starts", "2027-03-27T10:00").unwrap();
        let after = parse_local("starts", "2027-03-28T10:00").unwrap();
        assert_eq!(before.to_rfc3339(), "2027-03-27T09:00:00+00:00");
        assert_eq!(after.to_rfc3339(), "2027-03-28T08:00:00+00:00");
        assert_eq!(local_input(before), "2027-03-27T10:00");
        assert_eq!(local_input(after), "2027-03-28T10:00");
        // The skipped hour does not exist; the repeated one is its first instance.
        assert_eq!(
            parse_local("starts", "2027-03-28T02:30")
                .unwrap_err()
                .problem,
            Problem::NoSuchTime
        );
        let repeated = parse_local("starts", "2027-10-31T02:30").unwrap();
        assert_eq!(repeated.to_rfc3339(), "2027-10-31T00:30:00+00:00");
        assert_eq!(
            parse_local("starts", "28.03.2027 10:00")
                .unwrap_err()
                .problem,
            Problem::Malformed
        );
    }

    #[test]
    fn a_gathering_is_checked_field_by_field() {
        assert!(validate_gathering(&input(), 0).is_ok());
        let mut i = input();
        i.ends = "2027-03-28T09:00".into();
        assert_eq!(
            field(validate_gathering(&i, 0)),
            ("ends", Problem::NotAfterStart)
        );
        let mut i = input();
        i.video_url = "ftp://x.no/møte".into();
        assert_eq!(field(validate_gathering(&i, 0)).0, "video_url");
        let mut i = input();
        i.video_url = "javascript:alert(1)".into();
        assert_eq!(field(validate_gathering(&i, 0)).0, "video_url");
        let mut i = input();
        i.capacity = Some(5);
        assert_eq!(
            field(validate_gathering(&i, 6)),
            ("capacity", Problem::BelowConfirmed { confirmed: 6 })
        );
        assert!(validate_gathering(&i, 5).is_ok());
        let mut i = input();
        i.signup_deadline = Some("2027-03-28T10:01".into());
        assert_eq!(
            field(validate_gathering(&i, 0)),
            ("signup_deadline", Problem::AfterStart)
        );
        let mut i = input();
        i.address.clear();
        assert_eq!(
            field(validate_gathering(&i, 0)),
            ("address", Problem::PlaceOrVideo)
        );
        i.video_url = "https://meet.example.no/hlr".into();
        let v = validate_gathering(&i, 0).unwrap();
        assert_eq!(
            Format::of(!v.address.is_empty(), v.video_url.is_some()),
            Format::Video
        );
        let mut i = input();
        i.room = "Rom 1\r\nDTSTART:19700101T000000Z".into();
        assert_eq!(
            field(validate_gathering(&i, 0)),
            ("room", Problem::LineBreak)
        );
        let mut i = input();
        i.module = Some("a".into());
        i.programme = Some("b".into());
        assert_eq!(field(validate_gathering(&i, 0)).0, "programme");
    }

    #[test]
    fn the_waitlist_moves_up_first_come_first_served() {
        assert_eq!(status_on_arrival(Some(2), 1), SignupStatus::Confirmed);
        assert_eq!(status_on_arrival(Some(2), 2), SignupStatus::Waitlisted);
        assert_eq!(status_on_arrival(None, 500), SignupStatus::Confirmed);
        let queue = [7, 3, 9];
        assert_eq!(promotions(Some(20), 19, &queue), vec![7]);
        assert_eq!(promotions(Some(20), 18, &queue), vec![7, 3]);
        assert_eq!(promotions(Some(20), 20, &queue), Vec::<i32>::new());
        assert_eq!(promotions(None, 20, &queue), vec![7, 3, 9]);
    }

    #[test]
    fn joining_opens_a_quarter_before_and_sign_up_closes_at_the_deadline() {
        let start = parse_local("s", "2027-03-28T10:00").unwrap();
        let end = parse_local("e", "2027-03-28T12:00").unwrap();
        assert!(!join_open(start - Duration::minutes(16), start, end));
        assert!(join_open(start - Duration::minutes(15), start, end));
        assert!(join_open(end - Duration::seconds(1), start, end));
        assert!(!join_open(end, start, end));
        let deadline = start - Duration::days(2);
        assert!(signup_open(
            deadline - Duration::seconds(1),
            start,
            Some(deadline),
            false
        ));
        assert!(!signup_open(deadline, start, Some(deadline), false));
        assert!(!signup_open(start - Duration::days(3), start, None, true));
    }

    #[test]
    fn a_mandatory_gathering_is_met_by_any_of_its_sessions_present_or_excused() {
        assert!(Attendance::Present.meets_requirement());
        assert!(Attendance::Excused.meets_requirement());
        assert!(!Attendance::Absent.meets_requirement());
        assert_eq!(mandatory_met(&[1, 2], &[2]), 1);
        assert_eq!(mandatory_met(&[1, 2], &[1, 2, 9]), 2);
        assert_eq!(mandatory_met(&[], &[9]), 0);
    }

    #[test]
    fn periods_are_half_years_of_oslo_time() {
        let p = Period::parse("2027-var").unwrap();
        assert_eq!(p.slug(), "2027-var");
        assert_eq!(p.next().slug(), "2027-host");
        assert_eq!(p.previous().slug(), "2026-host");
        let (from, to) = p.range();
        assert_eq!(from.to_rfc3339(), "2026-12-31T23:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2027-06-30T22:00:00+00:00");
        assert_eq!(Period::containing(to), p.next());
        assert_eq!(Period::containing(to - Duration::seconds(1)), p);
        assert!(Period::parse("2027-sommer").is_none());
        assert!(Period::parse("x-var").is_none());
    }
}
