//! Gatherings: who sees and runs them, sign-up with the waitlist, attendance (which
//! completes a module's mandatory gathering step), notices, the course programme, and the
//! calendars (RFC 5545, written with `icalendar`).
//!
//! Notices are written by [`notify`], the one place that tells people about a gathering:
//! an e-mail sender would be added there (an outbox row in the same transaction, sent
//! after the commit).

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use kursbro_shared::gatherings::{
    self as rules, local_input, Attendance, BelongsTo, CalendarFeed, CalendarFeedState,
    CourseProgramme, Format, GatheringDetail, GatheringInput, GatheringList, GatheringSummary,
    Notice, NoticeKind, Notices, Participant, ParticipantList, Period, ProgrammeFilter,
    SignupResult, SignupStatus, ValidGathering,
};
use kursbro_shared::validation::{FieldError, Problem};

use crate::error::{ApiError, ApiResult};
use crate::markdown;
use crate::rows;
use crate::session::AuthUser;
use crate::store::gatherings::{self as store, GatheringFields, GatheringRow, Placement, Scope};
use crate::store::{AsEx, Db, Tx};

/// How many notices the app shows.
const NOTICES_SHOWN: i64 = 50;

fn who(user: Option<&AuthUser>) -> (Option<i64>, Option<i64>) {
    (user.map(|u| u.id), user.map(|u| u.organisation.id))
}

/// Whether `user` runs gatherings of `organisation_id`: its facilitators and admins.
pub fn runs(user: &AuthUser, organisation_id: i64) -> bool {
    user.organisation.id == organisation_id && user.grants.runs_gatherings()
}

fn field(field: &'static str, problem: Problem) -> ApiError {
    FieldError { field, problem }.into()
}

/// A gathering's places (`None`: no limit). The database holds 1 to 10,000.
fn capacity(row: &GatheringRow) -> Option<u32> {
    row.capacity.map(|c| c.clamp(1, i64::from(u32::MAX)) as u32)
}

/// Where a waitlisted sign-up stands in line (1 = next).
async fn position(c: &mut impl AsEx, id: i64, signup: i64) -> ApiResult<u32> {
    Ok(store::waitlist_position(c, id, signup)
        .await?
        .clamp(1, i64::from(u32::MAX)) as u32)
}

/// How many have a place.
async fn confirmed(c: &mut impl AsEx, id: i64) -> ApiResult<u32> {
    Ok(store::confirmed_count(c, id)
        .await?
        .clamp(0, i64::from(u32::MAX)) as u32)
}

fn summary(row: &GatheringRow) -> ApiResult<GatheringSummary> {
    let belongs_to = match (&row.module_slug, &row.programme_slug) {
        (Some(slug), _) => BelongsTo::Module {
            slug: slug.clone(),
            title: row.module_title.clone().unwrap_or_default(),
        },
        (None, Some(slug)) => BelongsTo::Programme {
            slug: slug.clone(),
            title: row.programme_title.clone().unwrap_or_default(),
            cohort: row.cohort_name.clone(),
        },
        (None, None) => BelongsTo::Course,
    };
    Ok(GatheringSummary {
        id: row.id,
        title: row.title.clone(),
        provider: rows::org_ref(
            row.organisation_id,
            row.organisation_name.clone(),
            &row.organisation_kind,
        )?,
        belongs_to,
        theme: row.theme.clone(),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        format: Format::of(!row.address.is_empty(), row.video_url.is_some()),
        address: row.address.clone(),
        room: row.room.clone(),
        capacity: capacity(row),
        confirmed: row.confirmed.max(0) as u32,
        waitlisted: row.waitlisted.max(0) as u32,
        mandatory: row.mandatory,
        cancelled: row.cancelled_at.is_some(),
        my_status: row.my_status.as_deref().map(SignupStatus::parse),
    })
}

/// What the form was given, for those who change or copy it.
fn input_of(row: &GatheringRow) -> GatheringInput {
    GatheringInput {
        title: row.title.clone(),
        description: row.description_markdown.clone(),
        module: row.module_slug.clone(),
        programme: row.programme_slug.clone(),
        cohort_id: row.cohort_id,
        theme: row.theme.clone(),
        starts: local_input(row.starts_at),
        ends: local_input(row.ends_at),
        address: row.address.clone(),
        room: row.room.clone(),
        video_url: row.video_url.clone().unwrap_or_default(),
        capacity: capacity(row),
        signup_deadline: row.signup_deadline.map(local_input),
        mandatory: row.mandatory,
        session_of: (row.gathering_id != row.id).then_some(row.gathering_id),
    }
}

/// Whether the asker sees the video link: a confirmed place, or they run it.
fn sees_video(row: &GatheringRow, user: Option<&AuthUser>) -> bool {
    user.is_some_and(|u| runs(u, row.organisation_id))
        || row.my_status.as_deref() == Some(SignupStatus::Confirmed.as_str())
}

async fn detail(
    c: &mut impl AsEx,
    row: GatheringRow,
    user: Option<&AuthUser>,
) -> ApiResult<GatheringDetail> {
    let (uid, org) = who(user);
    let now = Utc::now();
    let may_run = user.is_some_and(|u| runs(u, row.organisation_id));
    let waitlist_position = match (row.my_signup, row.my_status.as_deref()) {
        (Some(id), Some("waitlisted")) => Some(position(c, row.id, id).await?),
        _ => None,
    };
    let sessions = store::sessions(c, row.gathering_id, uid, org)
        .await?
        .iter()
        .filter(|s| s.id != row.id)
        .map(summary)
        .collect::<ApiResult<Vec<_>>>()?;
    let signup_open = rules::signup_open(
        now,
        row.starts_at,
        row.signup_deadline,
        row.cancelled_at.is_some(),
    );
    Ok(GatheringDetail {
        gathering: summary(&row)?,
        description_html: row.description_html.clone(),
        input: may_run.then(|| input_of(&row)),
        signup_deadline: row.signup_deadline,
        video_url: sees_video(&row, user)
            .then(|| row.video_url.clone())
            .flatten(),
        waitlist_position,
        signup_open,
        may_sign_up: user.is_some() && signup_open,
        may_run,
        sessions,
        sequence: row.sequence.max(0) as u32,
    })
}

async fn visible_row(
    c: &mut impl AsEx,
    id: i64,
    user: Option<&AuthUser>,
) -> ApiResult<GatheringRow> {
    let (uid, org) = who(user);
    store::get(c, id, uid, org)
        .await?
        .ok_or(ApiError::NotFound("gathering"))
}

/// A gathering the asker runs (404 if they do not see it, 403 if they only see it).
async fn run_row(c: &mut impl AsEx, id: i64, user: &AuthUser) -> ApiResult<GatheringRow> {
    let row = visible_row(c, id, Some(user)).await?;
    if !runs(user, row.organisation_id) {
        return Err(ApiError::Forbidden);
    }
    Ok(row)
}

pub async fn get(db: &Db, user: Option<&AuthUser>, id: i64) -> ApiResult<GatheringDetail> {
    let mut c = db.conn().await?;
    let row = visible_row(&mut c, id, user).await?;
    detail(&mut c, row, user).await
}

/// The gatherings of a module, of a programme, or the asker's own, by start.
pub async fn list(
    db: &Db,
    user: Option<&AuthUser>,
    module: Option<&str>,
    programme: Option<&str>,
    mine: bool,
) -> ApiResult<GatheringList> {
    let (uid, org) = who(user);
    let mut scope = Scope {
        mine,
        ..Scope::default()
    };
    if mine && user.is_none() {
        return Err(ApiError::Unauthenticated);
    }
    if let Some(slug) = module {
        scope.module_id = Some(
            crate::store::catalogue::module_id(db, slug, org)
                .await?
                .ok_or(ApiError::NotFound("module"))?,
        );
    }
    if let Some(slug) = programme {
        scope.programme_id = Some(
            crate::store::catalogue::programme_id(db, slug, org)
                .await?
                .ok_or(ApiError::NotFound("programme"))?,
        );
    }
    let rows = store::list(db, uid, org, scope).await?;
    Ok(GatheringList {
        gatherings: rows.iter().map(summary).collect::<ApiResult<_>>()?,
    })
}

/// A period's course programme: every gathering the asker sees, across providers, filtered.
pub async fn course_programme(
    db: &Db,
    user: Option<&AuthUser>,
    filter: &ProgrammeFilter,
) -> ApiResult<CourseProgramme> {
    let period = match filter.period.as_deref() {
        None | Some("") => Period::containing(Utc::now()),
        Some(p) => Period::parse(p).ok_or(field("period", Problem::Malformed))?,
    };
    let format = match filter.format.as_deref() {
        None | Some("") => None,
        Some(f) => Some(
            [Format::InPerson, Format::Video, Format::Hybrid]
                .into_iter()
                .find(|x| x.as_str() == f)
                .ok_or(field("format", Problem::Malformed))?,
        ),
    };
    let (from, before) = period.range();
    let (uid, org) = who(user);
    let rows = store::list(
        db,
        uid,
        org,
        Scope {
            from: Some(from),
            before: Some(before),
            ..Scope::default()
        },
    )
    .await?;
    let all = rows.iter().map(summary).collect::<ApiResult<Vec<_>>>()?;
    let mut providers: Vec<_> = all.iter().map(|g| g.provider.clone()).collect();
    providers.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    providers.dedup_by_key(|p| p.id);
    let mut themes: Vec<String> = all
        .iter()
        .map(|g| g.theme.clone())
        .filter(|t| !t.is_empty())
        .collect();
    themes.sort();
    themes.dedup();
    let gatherings = all
        .into_iter()
        .filter(|g| filter.provider.is_none_or(|p| g.provider.id == p))
        .filter(|g| {
            filter
                .theme
                .as_deref()
                .is_none_or(|t| t.is_empty() || g.theme == t)
        })
        .filter(|g| {
            let day = rules::to_local(g.starts_at).date();
            filter.from.is_none_or(|d| day >= d) && filter.to.is_none_or(|d| day <= d)
        })
        .filter(|g| format.is_none_or(|f| g.format == f))
        .filter(|g| filter.free != Some(true) || (!g.cancelled && g.free_places() != Some(0)))
        .collect();
    Ok(CourseProgramme {
        period,
        gatherings,
        providers,
        themes,
    })
}

pub fn fields<'a>(v: &'a ValidGathering, html: &'a str) -> GatheringFields<'a> {
    GatheringFields {
        title: &v.title,
        description_markdown: &v.description,
        description_html: html,
        theme: &v.theme,
        starts_at: v.starts_at,
        ends_at: v.ends_at,
        address: &v.address,
        room: &v.room,
        video_url: v.video_url.as_deref(),
        capacity: v.capacity.map(i64::from),
        signup_deadline: v.signup_deadline,
    }
}

/// Creates a gathering (or another session of one) for the asker's organisation.
pub async fn create(
    db: &Db,
    user: &AuthUser,
    input: &GatheringInput,
) -> ApiResult<GatheringDetail> {
    if !user.grants.runs_gatherings() {
        return Err(ApiError::Forbidden);
    }
    let valid = rules::validate_gathering(input, 0)?;
    let org = user.organisation.id;
    let now = Utc::now();
    let mut tx = db.write().await?;
    let mut placement = Placement {
        organisation_id: org,
        module_id: None,
        programme_id: None,
        cohort_id: input.cohort_id,
        gathering_id: None,
        activity_id: None,
        mandatory: valid.mandatory,
    };
    let mut module_provider = None;
    if let Some(slug) = &input.module {
        let (id, provider) = store::module_for(&mut tx, slug, org)
            .await?
            .ok_or(field("module", Problem::Unknown))?;
        placement.module_id = Some(id);
        module_provider = Some(provider);
    }
    if let Some(slug) = &input.programme {
        let (id, _) = store::programme_for(&mut tx, slug, org)
            .await?
            .ok_or(field("programme", Problem::Unknown))?;
        placement.programme_id = Some(id);
        if let Some(cohort) = input.cohort_id {
            if !store::cohort_of(&mut tx, cohort, id, org).await? {
                return Err(field("cohort_id", Problem::Unknown));
            }
        }
    }
    if let Some(first) = input.session_of {
        // Another session of a gathering this organisation runs, of the same module or
        // programme: it shares the gathering's step and whether it is mandatory.
        let of = store::get(&mut tx, first, Some(user.id), Some(org))
            .await?
            .filter(|g| {
                g.organisation_id == org
                    && g.module_id == placement.module_id
                    && g.programme_id == placement.programme_id
                    && g.cohort_id == placement.cohort_id
            })
            .ok_or(field("session_of", Problem::Unknown))?;
        placement.gathering_id = Some(of.gathering_id);
        placement.activity_id = of.activity_id;
        placement.mandatory = of.mandatory;
    } else if valid.mandatory {
        // A mandatory gathering adds a step every learner of the module takes: only the
        // module's own provider adds one.
        let module = placement
            .module_id
            .filter(|_| module_provider == Some(org) && input.cohort_id.is_none())
            .ok_or(field("mandatory", Problem::MandatoryNeedsOwnModule))?;
        placement.activity_id = Some(store::insert_step(&mut tx, module, &valid.title).await?);
        // The module's published activities changed: its authors see it in the change log.
        crate::store::authoring::record_change(
            &mut tx,
            module,
            user.id,
            "published",
            (1, 0, 0),
            now,
        )
        .await?;
    }
    let html = markdown::render_news(&valid.description);
    let id = store::insert(
        &mut tx,
        &placement,
        &fields(&valid, &html),
        Some(user.id),
        now,
    )
    .await?;
    tx.commit().await?;
    get(db, Some(user), id).await
}

/// Changes a gathering's text, time, place, link, places or deadline (not what it belongs
/// to). Those signed up are told; a larger capacity gives places to the waitlist.
pub async fn update(
    db: &Db,
    user: &AuthUser,
    id: i64,
    input: &GatheringInput,
) -> ApiResult<GatheringDetail> {
    let now = Utc::now();
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let row = run_row(&mut tx, id, user).await?;
    if row.cancelled_at.is_some() {
        return Err(ApiError::GatheringCancelled);
    }
    let given = confirmed(&mut tx, id).await?;
    let mut input = input.clone();
    input.module = None;
    input.programme = None;
    input.cohort_id = None;
    let valid = rules::validate_gathering(&input, given)?;
    let html = markdown::render_news(&valid.description);
    store::update(&mut tx, id, &fields(&valid, &html)).await?;
    if let (Some(step), true) = (row.activity_id, row.gathering_id == row.id) {
        store::rename_step(&mut tx, step, &valid.title).await?;
    }
    let people = store::signed_up(&mut tx, id).await?;
    notify(&mut tx, &people, NoticeKind::Changed, id, now).await?;
    promote(&mut tx, id, valid.capacity, now).await?;
    tx.commit().await?;
    get(db, Some(user), id).await
}

/// Cancels a session: it stays (calendars show it cancelled), sign-up closes, those signed
/// up are told.
pub async fn cancel(db: &Db, user: &AuthUser, id: i64) -> ApiResult<GatheringDetail> {
    let now = Utc::now();
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let row = run_row(&mut tx, id, user).await?;
    if store::cancel(&mut tx, id, now).await? {
        let people = store::signed_up(&mut tx, id).await?;
        notify(&mut tx, &people, NoticeKind::Cancelled, id, now).await?;
        // A mandatory gathering whose every session is cancelled (and which nobody met)
        // can no longer be met: its step goes, and whoever lacked only it has completed
        // the module.
        if let (Some(step), Some(module)) = (row.activity_id, row.module_id) {
            if store::all_cancelled_unmet(&mut tx, row.gathering_id).await? {
                store::remove_step(&mut tx, step).await?;
                crate::store::authoring::complete_finished(&mut tx, module).await?;
                crate::store::authoring::record_change(
                    &mut tx,
                    module,
                    user.id,
                    "published",
                    (0, 0, 1),
                    now,
                )
                .await?;
            }
        }
    }
    tx.commit().await?;
    get(db, Some(user), id).await
}

/// Tells people about a gathering (in the app; see the module documentation).
async fn notify(
    tx: &mut Tx,
    users: &[i64],
    kind: NoticeKind,
    gathering_id: i64,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    store::notify(tx, users, kind.as_str(), gathering_id, now).await?;
    Ok(())
}

/// Gives free places to the waitlist, first come first served, and tells them.
async fn promote(tx: &mut Tx, id: i64, capacity: Option<u32>, now: DateTime<Utc>) -> ApiResult<()> {
    let confirmed = confirmed(tx, id).await?;
    let waitlist = store::waitlist(tx, id).await?;
    let moving = rules::promotions(capacity, confirmed, &waitlist);
    for (signup, _) in &moving {
        store::confirm(tx, *signup).await?;
    }
    let users: Vec<i64> = moving.iter().map(|(_, u)| *u).collect();
    notify(tx, &users, NoticeKind::GotPlace, id, now).await
}

/// Puts a person on the list: a place while there is one, else the waitlist. Returns the
/// place and whether it is new. The caller has taken the gathering ([`store::lock`]) and
/// read `row` after that, so its capacity is the current one.
async fn join(tx: &mut Tx, row: &GatheringRow, user_id: i64) -> ApiResult<(SignupResult, bool)> {
    // Arrival is when the gathering was taken: places go in this order.
    let now = Utc::now();
    let fresh = match store::signup(tx, row.id, user_id).await? {
        Some(_) => false,
        None => {
            let status = rules::status_on_arrival(capacity(row), confirmed(tx, row.id).await?);
            store::add_signup(tx, row.id, user_id, status.as_str(), now).await?;
            true
        }
    };
    let (signup, status, _) = store::signup(tx, row.id, user_id)
        .await?
        .ok_or_else(|| rows::corrupt("sign-up just written"))?;
    let status = SignupStatus::parse(&status);
    let waitlist_position = if status == SignupStatus::Waitlisted {
        Some(position(tx, row.id, signup).await?)
    } else {
        None
    };
    Ok((
        SignupResult {
            status,
            waitlist_position,
        },
        fresh,
    ))
}

/// The asker signs up.
pub async fn sign_up(db: &Db, user: &AuthUser, id: i64) -> ApiResult<(SignupResult, bool)> {
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let row = visible_row(&mut tx, id, Some(user)).await?;
    if row.cancelled_at.is_some() {
        return Err(ApiError::GatheringCancelled);
    }
    let now = Utc::now();
    if row.my_signup.is_none()
        && !rules::signup_open(now, row.starts_at, row.signup_deadline, false)
    {
        return Err(ApiError::SignupClosed);
    }
    let result = join(&mut tx, &row, user.id).await?;
    tx.commit().await?;
    Ok(result)
}

/// Takes a person off the list (themselves, or by a facilitator); before the start, the
/// waitlist moves up. The caller has taken the gathering and read `row` since.
async fn leave(tx: &mut Tx, row: &GatheringRow, user_id: i64, now: DateTime<Utc>) -> ApiResult<()> {
    let Some((_, _, attendance)) = store::signup(tx, row.id, user_id).await? else {
        return Err(ApiError::NotFound("sign-up"));
    };
    if attendance.is_some() {
        return Err(ApiError::AlreadyAttended);
    }
    store::remove_signup(tx, row.id, user_id).await?;
    if row.cancelled_at.is_none() && now < row.starts_at {
        promote(tx, row.id, capacity(row), now).await?;
    }
    Ok(())
}

/// The asker cancels their sign-up.
pub async fn cancel_signup(db: &Db, user: &AuthUser, id: i64) -> ApiResult<()> {
    let now = Utc::now();
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let row = visible_row(&mut tx, id, Some(user)).await?;
    leave(&mut tx, &row, user.id, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn participants(db: &Db, user: &AuthUser, id: i64) -> ApiResult<ParticipantList> {
    run_row(&mut db.conn().await?, id, user).await?;
    let participants = store::participants(db, id)
        .await?
        .into_iter()
        .map(|p| Participant {
            user_id: p.user_id,
            name: p.name,
            email: p.email,
            organisation: p.organisation,
            status: SignupStatus::parse(&p.status),
            signed_up_at: p.signed_up_at,
            attendance: p.attendance.as_deref().and_then(Attendance::parse),
        })
        .collect();
    Ok(ParticipantList { participants })
}

/// A facilitator puts someone on the list (a place if there is one, else the waitlist),
/// also after the deadline. They are told. Only someone who sees the gathering can be
/// added; anyone else, or an address nobody has, gets the same answer (the form tells
/// nobody who has an account), and only after the asker is known to run it.
pub async fn add_participant(
    db: &Db,
    user: &AuthUser,
    id: i64,
    email: &str,
) -> ApiResult<(SignupResult, bool)> {
    let now = Utc::now();
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let row = run_row(&mut tx, id, user).await?;
    kursbro_shared::validation::validate_email(email)?;
    if row.cancelled_at.is_some() {
        return Err(ApiError::GatheringCancelled);
    }
    let mut person = None;
    if let Some((candidate, org)) = store::person_by_email(&mut tx, email.trim()).await? {
        if store::sees(&mut tx, id, candidate, org).await? {
            person = Some(candidate);
        }
    }
    let person = person.ok_or(field("email", Problem::NotAParticipant))?;
    let (result, fresh) = join(&mut tx, &row, person).await?;
    if fresh {
        notify(&mut tx, &[person], NoticeKind::Added, id, now).await?;
    }
    tx.commit().await?;
    Ok((result, fresh))
}

/// A facilitator takes someone off the list; they are told.
pub async fn remove_participant(db: &Db, user: &AuthUser, id: i64, person: i64) -> ApiResult<()> {
    let now = Utc::now();
    let mut tx = db.write().await?;
    store::lock(&mut tx, id).await?;
    let row = run_row(&mut tx, id, user).await?;
    leave(&mut tx, &row, person, now).await?;
    notify(&mut tx, &[person], NoticeKind::Removed, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Marks a person present, absent or excused (or unmarks them). At a mandatory gathering,
/// present or excused completes the module's step for them; taking that back (a mistake
/// corrected) takes the step back unless another session of the gathering meets it.
pub async fn set_attendance(
    db: &Db,
    user: &AuthUser,
    id: i64,
    person: i64,
    attendance: Option<Attendance>,
) -> ApiResult<()> {
    let now = Utc::now();
    let mut tx = db.write().await?;
    let row = run_row(&mut tx, id, user).await?;
    if row.cancelled_at.is_some() {
        return Err(ApiError::GatheringCancelled);
    }
    if !store::set_attendance(
        &mut tx,
        id,
        person,
        attendance.map(Attendance::as_str),
        user.id,
        now,
    )
    .await?
    {
        return Err(ApiError::NotFound("participant with a place"));
    }
    if let Some(step) = row.activity_id {
        if attendance.is_some_and(Attendance::meets_requirement) {
            crate::store::learning::complete(&mut tx, person, step, now.min(row.ends_at)).await?;
        } else if !store::met(&mut tx, row.gathering_id, person).await? {
            store::uncomplete_step(&mut tx, person, step).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

pub async fn notices(db: &Db, user: &AuthUser) -> ApiResult<Notices> {
    let (rows, unread) = store::notices(db, user.id, NOTICES_SHOWN).await?;
    Ok(Notices {
        notices: rows
            .into_iter()
            .map(|n| Notice {
                id: n.id,
                kind: NoticeKind::parse(&n.kind),
                gathering_id: n.gathering_id,
                gathering_title: n.title,
                starts_at: n.starts_at,
                created_at: n.created_at,
                read: n.read_at.is_some(),
            })
            .collect(),
        unread: unread.max(0) as u32,
    })
}

pub async fn read_notices(db: &Db, user: &AuthUser) -> ApiResult<()> {
    store::read_notices(db, user.id, Utc::now()).await?;
    Ok(())
}

// --- calendars -------------------------------------------------------------------------

pub async fn calendar_state(db: &Db, user: &AuthUser) -> ApiResult<CalendarFeedState> {
    let made = store::calendar_token_made(db, user.id).await?;
    Ok(CalendarFeedState {
        active: made.is_some(),
        created_at: made,
    })
}

/// A new secret token for the asker's calendar feed (the old one stops working).
pub async fn new_calendar(db: &Db, user: &AuthUser) -> ApiResult<CalendarFeed> {
    let token = crate::session::new_token();
    store::set_calendar_token(db, user.id, &crate::session::token_hash(&token), Utc::now()).await?;
    Ok(CalendarFeed { token })
}

pub async fn revoke_calendar(db: &Db, user: &AuthUser) -> ApiResult<()> {
    store::revoke_calendar_token(db, user.id).await?;
    Ok(())
}

/// The calendar feed a secret token opens: every gathering its owner signed up for.
pub async fn feed(db: &Db, token: &str, domain: &str) -> ApiResult<String> {
    let token = token.strip_suffix(".ics").unwrap_or(token);
    let owner = store::calendar_owner(db, &crate::session::token_hash(token))
        .await?
        .ok_or(ApiError::NotFound("calendar"))?;
    let rows = store::signed_up_for(db, owner).await?;
    Ok(calendar("Kursbro", domain, &rows, |r| {
        r.my_status.as_deref() == Some(SignupStatus::Confirmed.as_str())
    }))
}

/// One gathering as a calendar file, for whoever sees it (the video link only for those
/// who have a place or run it).
pub async fn ics(db: &Db, user: Option<&AuthUser>, id: i64, domain: &str) -> ApiResult<String> {
    let row = visible_row(&mut db.conn().await?, id, user).await?;
    let video = sees_video(&row, user);
    Ok(calendar(
        &row.title,
        domain,
        std::slice::from_ref(&row),
        |_| video,
    ))
}

/// An RFC 5545 calendar of gatherings. Each keeps one UID for life (of this installation:
/// `domain`, `Config::uid_domain`); SEQUENCE counts its
/// changes; a cancelled one stays, with STATUS:CANCELLED; a place on the waitlist is
/// TENTATIVE. Times are UTC, so they are right in Oslo (and anywhere) across summer time.
/// The video link, for those who see it, is an RFC 7986 CONFERENCE and in the description.
fn calendar(
    name: &str,
    domain: &str,
    rows: &[GatheringRow],
    with_video: impl Fn(&GatheringRow) -> bool,
) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Kursbro//Samlinger//NB"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(name);
    for row in rows {
        let mut event = Event::new();
        let video = row.video_url.as_deref().filter(|_| with_video(row));
        let mut description = row.description_markdown.clone();
        if let Some(url) = video {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&format!("Bli med på video / Join by video: {url}"));
        }
        let location = [row.address.as_str(), row.room.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        event
            .uid(&format!("gathering-{}@{domain}", row.id))
            .sequence(row.sequence.clamp(0, i64::from(u32::MAX)) as u32)
            .summary(&row.title)
            .starts(row.starts_at)
            .ends(row.ends_at)
            .status(if row.cancelled_at.is_some() {
                EventStatus::Cancelled
            } else if row.my_status.as_deref() == Some(SignupStatus::Waitlisted.as_str()) {
                EventStatus::Tentative
            } else {
                EventStatus::Confirmed
            });
        if !description.is_empty() {
            event.description(&description);
        }
        if !location.is_empty() {
            event.location(&location);
        }
        if let Some(url) = video {
            event.append_property(
                Property::new("CONFERENCE", url)
                    .add_parameter("VALUE", "URI")
                    .add_parameter("FEATURE", "VIDEO")
                    .add_parameter("LABEL", "Bli med")
                    .done(),
            );
        }
        cal.push(event.done());
    }
    cal.done().to_string()
}
