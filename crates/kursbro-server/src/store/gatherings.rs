//! Gatherings, sign-ups and the waitlist, attendance, notices and calendar tokens.
//!
//! Who sees a gathering has one definition, [`visible`]: its module or programme is one the
//! viewer's organisation sees (the catalogue's rule), and a cohort's gathering is seen by
//! the cohort's members and the organisation that runs it. A course event of a provider
//! (neither module nor programme) is for everyone.
//!
//! Sign-ups of one gathering are written one at a time: [`lock`] takes the gathering's row
//! (PostgreSQL's row lock; SQLite's write transaction is already exclusive), so places are
//! counted and given in order of arrival, and never more than there are.

use chrono::{DateTime, Utc};

use super::catalogue::{module_shared, programme_shared};
use super::{AsEx, Db};
use crate::{execute, fetch_all, fetch_optional, scalar_all, scalar_one, scalar_optional};

/// Gathering steps of a module sit at this position and above, after the authored
/// activities (whose positions count from 0).
pub const STEP_POSITIONS: i64 = 100_000;

/// `g` (a gathering) is visible to the person `user` of organisation `org` (SQL
/// expressions; NULL for someone not signed in). A cohort's gathering is seen by the
/// cohort's members and by those who run the host organisation's gatherings (its
/// facilitators and admins, as `Grants::runs_gatherings`), not by everyone there.
fn visible(g: &str, user: &str, org: &str) -> String {
    format!(
        "(({g}.module_id IS NULL OR EXISTS (SELECT 1 FROM modules vm
              WHERE vm.id = {g}.module_id AND vm.published = TRUE AND {}))
          AND ({g}.programme_id IS NULL OR EXISTS (SELECT 1 FROM programmes vp
              WHERE vp.id = {g}.programme_id AND vp.published = TRUE AND {}))
          AND ({g}.cohort_id IS NULL
              OR EXISTS (SELECT 1 FROM cohort_members vc
                         WHERE vc.cohort_id = {g}.cohort_id AND vc.user_id = {user})
              OR ({g}.organisation_id = {org} AND EXISTS (SELECT 1 FROM grants vg
                         WHERE vg.user_id = {user}
                           AND (vg.kind = 'platform_admin'
                                OR (vg.kind IN ('facilitator', 'admin')
                                    AND vg.organisation_id = {org}))))))",
        module_shared("vm", org),
        programme_shared("vp", org)
    )
}

/// Whether the person `user_id` (of organisation `org`) sees the gathering: someone a
/// facilitator may put on its list.
pub async fn sees(c: &mut impl AsEx, id: i64, user_id: i64, org: i64) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM gatherings g WHERE g.id = $3 AND {})",
        visible("g", "$1", "$2")
    );
    scalar_one!(c, bool, &sql, user_id, org, id)
}

/// A gathering with what it belongs to, its counts, and the asker's place.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct GatheringRow {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub organisation_kind: String,
    pub module_id: Option<i64>,
    pub module_slug: Option<String>,
    pub module_title: Option<String>,
    pub programme_id: Option<i64>,
    pub programme_slug: Option<String>,
    pub programme_title: Option<String>,
    pub cohort_id: Option<i64>,
    pub cohort_name: Option<String>,
    pub gathering_id: i64,
    pub activity_id: Option<i64>,
    pub title: String,
    pub description_markdown: String,
    pub description_html: String,
    pub theme: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub address: String,
    pub room: String,
    pub video_url: Option<String>,
    pub capacity: Option<i64>,
    pub signup_deadline: Option<DateTime<Utc>>,
    pub mandatory: bool,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub sequence: i64,
    pub confirmed: i64,
    pub waitlisted: i64,
    /// The asker's sign-up: its id (arrival) and status.
    pub my_signup: Option<i64>,
    pub my_status: Option<String>,
}

/// Binds `$1` (the asker's id) and `$2` (their organisation).
const COLUMNS: &str = "g.id, g.organisation_id, o.name AS organisation_name,
    o.kind AS organisation_kind, g.module_id, m.slug AS module_slug, m.title AS module_title,
    g.programme_id, p.slug AS programme_slug, p.title AS programme_title, g.cohort_id,
    c.name AS cohort_name, g.gathering_id, g.activity_id, g.title, g.description_markdown,
    g.description_html, COALESCE(NULLIF(g.theme, ''), m.theme, '') AS theme, g.starts_at,
    g.ends_at, g.address, g.room, g.video_url, g.capacity, g.signup_deadline, g.mandatory,
    g.cancelled_at, g.sequence,
    (SELECT COUNT(*) FROM gathering_signups s
     WHERE s.gathering_id = g.id AND s.status = 'confirmed') AS confirmed,
    (SELECT COUNT(*) FROM gathering_signups s
     WHERE s.gathering_id = g.id AND s.status = 'waitlisted') AS waitlisted,
    me.id AS my_signup, me.status AS my_status
    FROM gatherings g JOIN organisations o ON o.id = g.organisation_id
    LEFT JOIN modules m ON m.id = g.module_id
    LEFT JOIN programmes p ON p.id = g.programme_id
    LEFT JOIN cohorts c ON c.id = g.cohort_id
    LEFT JOIN gathering_signups me ON me.gathering_id = g.id AND me.user_id = $1";

/// Which gatherings a list holds.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scope {
    /// Starting from, and before.
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
    pub module_id: Option<i64>,
    /// A programme's gatherings, and its modules' (where its mandatory gatherings are).
    pub programme_id: Option<i64>,
    /// Only those the asker signed up for.
    pub mine: bool,
}

/// The gatherings in `scope` that the asker sees, by start.
pub async fn list(
    db: &Db,
    user: Option<i64>,
    org: Option<i64>,
    scope: Scope,
) -> Result<Vec<GatheringRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS}
         WHERE {} AND ($3 IS NULL OR g.starts_at >= $3) AND ($4 IS NULL OR g.starts_at < $4)
           AND ($5 IS NULL OR g.module_id = $5)
           AND ($6 IS NULL OR g.programme_id = $6
                OR g.module_id IN (SELECT pm.module_id FROM programme_modules pm
                                   WHERE pm.programme_id = $6))
           AND ($7 = FALSE OR me.id IS NOT NULL)
         ORDER BY g.starts_at, g.id",
        visible("g", "$1", "$2")
    );
    fetch_all!(
        &mut db.conn().await?,
        GatheringRow,
        &sql,
        user,
        org,
        scope.from,
        scope.before,
        scope.module_id,
        scope.programme_id,
        scope.mine
    )
}

/// One gathering, if the asker sees it.
pub async fn get(
    c: &mut impl AsEx,
    id: i64,
    user: Option<i64>,
    org: Option<i64>,
) -> Result<Option<GatheringRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} WHERE g.id = $3 AND {}",
        visible("g", "$1", "$2")
    );
    fetch_optional!(c, GatheringRow, &sql, user, org, id)
}

/// The sessions of one gathering (`gathering_id`) the asker sees, by start.
pub async fn sessions(
    c: &mut impl AsEx,
    gathering_id: i64,
    user: Option<i64>,
    org: Option<i64>,
) -> Result<Vec<GatheringRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} WHERE g.gathering_id = $3 AND {} ORDER BY g.starts_at, g.id",
        visible("g", "$1", "$2")
    );
    fetch_all!(c, GatheringRow, &sql, user, org, gathering_id)
}

/// Every gathering a person signed up for (confirmed or waitlisted), for their calendar.
pub async fn signed_up_for(db: &Db, user_id: i64) -> Result<Vec<GatheringRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} WHERE me.id IS NOT NULL ORDER BY g.starts_at, g.id");
    fetch_all!(&mut db.conn().await?, GatheringRow, &sql, user_id)
}

/// What a gathering holds when written.
pub struct GatheringFields<'a> {
    pub title: &'a str,
    pub description_markdown: &'a str,
    pub description_html: &'a str,
    pub theme: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub address: &'a str,
    pub room: &'a str,
    pub video_url: Option<&'a str>,
    pub capacity: Option<i64>,
    pub signup_deadline: Option<DateTime<Utc>>,
}

/// Where a new gathering belongs.
pub struct Placement {
    pub organisation_id: i64,
    pub module_id: Option<i64>,
    pub programme_id: Option<i64>,
    pub cohort_id: Option<i64>,
    /// The gathering it is another session of (its first session's id); none: a new one.
    pub gathering_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub mandatory: bool,
}

pub async fn insert(
    tx: &mut impl AsEx,
    at: &Placement,
    f: &GatheringFields<'_>,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    // The first session of a gathering names it with its own id (0 until it has one).
    let id = scalar_one!(
        tx,
        i64,
        "INSERT INTO gatherings (organisation_id, module_id, programme_id, cohort_id,
             gathering_id, activity_id, title, description_markdown, description_html, theme,
             starts_at, ends_at, address, room, video_url, capacity, signup_deadline,
             mandatory, created_by, created_at)
         VALUES ($1, $2, $3, $4, COALESCE($5, 0), $6, $7, $8, $9, $10, $11, $12, $13, $14,
                 $15, $16, $17, $18, $19, $20)
         RETURNING id",
        at.organisation_id,
        at.module_id,
        at.programme_id,
        at.cohort_id,
        at.gathering_id,
        at.activity_id,
        f.title,
        f.description_markdown,
        f.description_html,
        f.theme,
        f.starts_at,
        f.ends_at,
        f.address,
        f.room,
        f.video_url,
        f.capacity,
        f.signup_deadline,
        at.mandatory,
        created_by,
        now
    )?;
    execute!(
        tx,
        "UPDATE gatherings SET gathering_id = id WHERE id = $1 AND gathering_id = 0",
        id
    )?;
    Ok(id)
}

/// Rewrites a gathering's fields; its calendar SEQUENCE goes up.
pub async fn update(
    tx: &mut impl AsEx,
    id: i64,
    f: &GatheringFields<'_>,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE gatherings SET title = $1, description_markdown = $2, description_html = $3,
             theme = $4, starts_at = $5, ends_at = $6, address = $7, room = $8,
             video_url = $9, capacity = $10, signup_deadline = $11, sequence = sequence + 1
         WHERE id = $12",
        f.title,
        f.description_markdown,
        f.description_html,
        f.theme,
        f.starts_at,
        f.ends_at,
        f.address,
        f.room,
        f.video_url,
        f.capacity,
        f.signup_deadline,
        id
    )?;
    Ok(())
}

/// Cancels a session (kept, so calendars show it cancelled); `false` if it already was.
pub async fn cancel(tx: &mut impl AsEx, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        tx,
        "UPDATE gatherings SET cancelled_at = $1, sequence = sequence + 1
         WHERE id = $2 AND cancelled_at IS NULL",
        now,
        id
    )? == 1)
}

/// Takes the gathering for the rest of the transaction (see the module documentation);
/// `false` if there is no such gathering.
pub async fn lock(tx: &mut impl AsEx, id: i64) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        tx,
        "UPDATE gatherings SET sequence = sequence WHERE id = $1",
        id
    )? == 1)
}

pub async fn confirmed_count(c: &mut impl AsEx, id: i64) -> Result<i64, sqlx::Error> {
    scalar_one!(
        c,
        i64,
        "SELECT COUNT(*) FROM gathering_signups WHERE gathering_id = $1 AND status = 'confirmed'",
        id
    )
}

/// Signs a person up with `status`; `None` if they already are.
pub async fn add_signup(
    tx: &mut impl AsEx,
    gathering_id: i64,
    user_id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        tx,
        i64,
        "INSERT INTO gathering_signups (gathering_id, user_id, status, signed_up_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (gathering_id, user_id) DO NOTHING RETURNING id",
        gathering_id,
        user_id,
        status,
        now
    )
}

/// A person's sign-up: (id, status, attendance).
pub async fn signup(
    c: &mut impl AsEx,
    gathering_id: i64,
    user_id: i64,
) -> Result<Option<(i64, String, Option<String>)>, sqlx::Error> {
    fetch_optional!(
        c,
        (i64, String, Option<String>),
        "SELECT id, status, attendance FROM gathering_signups
         WHERE gathering_id = $1 AND user_id = $2",
        gathering_id,
        user_id
    )
}

/// Where a waitlisted sign-up stands in the queue (1 = next).
pub async fn waitlist_position(
    c: &mut impl AsEx,
    gathering_id: i64,
    signup_id: i64,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        c,
        i64,
        "SELECT COUNT(*) FROM gathering_signups
         WHERE gathering_id = $1 AND status = 'waitlisted' AND id <= $2",
        gathering_id,
        signup_id
    )
}

/// (sign-up id, user id) of the waitlist, first come first.
pub async fn waitlist(
    c: &mut impl AsEx,
    gathering_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    fetch_all!(
        c,
        (i64, i64),
        "SELECT id, user_id FROM gathering_signups
         WHERE gathering_id = $1 AND status = 'waitlisted' ORDER BY id",
        gathering_id
    )
}

pub async fn confirm(tx: &mut impl AsEx, signup_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE gathering_signups SET status = 'confirmed' WHERE id = $1",
        signup_id
    )?;
    Ok(())
}

/// Takes a person off the list; `false` if they were not on it.
pub async fn remove_signup(
    tx: &mut impl AsEx,
    gathering_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        tx,
        "DELETE FROM gathering_signups WHERE gathering_id = $1 AND user_id = $2",
        gathering_id,
        user_id
    )? == 1)
}

/// Everyone on a gathering's list (confirmed and waitlisted).
pub async fn signed_up(c: &mut impl AsEx, gathering_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    scalar_all!(
        c,
        i64,
        "SELECT user_id FROM gathering_signups WHERE gathering_id = $1 ORDER BY id",
        gathering_id
    )
}

/// A person on the list, for those who run the gathering.
#[derive(sqlx::FromRow)]
pub struct ParticipantRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub status: String,
    pub signed_up_at: DateTime<Utc>,
    pub attendance: Option<String>,
}

/// The list: those with a place, then the waitlist, each in order of arrival.
pub async fn participants(db: &Db, gathering_id: i64) -> Result<Vec<ParticipantRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        ParticipantRow,
        "SELECT s.user_id, u.name, u.email, o.name AS organisation, s.status, s.signed_up_at,
                s.attendance
         FROM gathering_signups s JOIN users u ON u.id = s.user_id
         JOIN organisations o ON o.id = u.organisation_id
         WHERE s.gathering_id = $1
         ORDER BY CASE s.status WHEN 'confirmed' THEN 0 ELSE 1 END, s.id",
        gathering_id
    )
}

/// Marks (or unmarks) a person's attendance; `false` if they have no place.
pub async fn set_attendance(
    tx: &mut impl AsEx,
    gathering_id: i64,
    user_id: i64,
    attendance: Option<&str>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(execute!(
        tx,
        "UPDATE gathering_signups SET attendance = $1, attendance_by = $2, attendance_at = $3
         WHERE gathering_id = $4 AND user_id = $5 AND status = 'confirmed'",
        attendance,
        by,
        now,
        gathering_id,
        user_id
    )? == 1)
}

/// Whether a person met the gathering `gathering_id` (present or excused at any session).
pub async fn met(c: &mut impl AsEx, gathering_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    scalar_one!(
        c,
        bool,
        "SELECT EXISTS (SELECT 1 FROM gathering_signups s JOIN gatherings g ON g.id = s.gathering_id
                        WHERE g.gathering_id = $1 AND s.user_id = $2
                          AND s.attendance IN ('present', 'excused'))",
        gathering_id,
        user_id
    )
}

/// Adds a module's step for a new mandatory gathering, after its other activities.
pub async fn insert_step(
    tx: &mut impl AsEx,
    module_id: i64,
    title: &str,
) -> Result<i64, sqlx::Error> {
    let next = scalar_one!(
        tx,
        i64,
        "SELECT COALESCE(MAX(position) + 1, 0) FROM activities WHERE module_id = $1",
        module_id
    )?;
    scalar_one!(
        tx,
        i64,
        "INSERT INTO activities (module_id, position, kind, title, summary, estimated_minutes)
         VALUES ($1, $2, 'gathering', $3, '', 0) RETURNING id",
        module_id,
        next.max(STEP_POSITIONS),
        title
    )
}

/// Gives a step its gathering's title.
pub async fn rename_step(
    tx: &mut impl AsEx,
    activity_id: i64,
    title: &str,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "UPDATE activities SET title = $1 WHERE id = $2 AND kind = 'gathering'",
        title,
        activity_id
    )?;
    Ok(())
}

/// Takes back a step's completion (attendance corrected), and the module's completion only
/// if this step made it (the module was completed when the step was): a completion that
/// stood before the gathering, or of another round, stays.
pub async fn uncomplete_step(
    tx: &mut impl AsEx,
    user_id: i64,
    activity_id: i64,
) -> Result<(), sqlx::Error> {
    let removed = scalar_optional!(
        tx,
        DateTime<Utc>,
        "DELETE FROM activity_completions WHERE user_id = $1 AND activity_id = $2
         RETURNING completed_at",
        user_id,
        activity_id
    )?;
    if let Some(at) = removed {
        execute!(
            tx,
            "DELETE FROM module_completions WHERE user_id = $1 AND completed_at = $3
               AND module_id = (SELECT module_id FROM activities WHERE id = $2)",
            user_id,
            activity_id,
            at
        )?;
    }
    Ok(())
}

/// Whether every session of a gathering is cancelled and nobody met it.
pub async fn all_cancelled_unmet(
    c: &mut impl AsEx,
    gathering_id: i64,
) -> Result<bool, sqlx::Error> {
    scalar_one!(
        c,
        bool,
        "SELECT NOT EXISTS (SELECT 1 FROM gatherings WHERE gathering_id = $1 AND cancelled_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM gathering_signups s JOIN gatherings g ON g.id = s.gathering_id
                            WHERE g.gathering_id = $1 AND s.attendance IN ('present', 'excused'))",
        gathering_id
    )
}

/// Removes a module's gathering step (its sessions keep their rows; the step is gone).
pub async fn remove_step(tx: &mut impl AsEx, activity_id: i64) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "DELETE FROM activities WHERE id = $1 AND kind = 'gathering'",
        activity_id
    )?;
    Ok(())
}

// --- notices ---------------------------------------------------------------------------

/// Tells each of `users` about a gathering.
pub async fn notify(
    tx: &mut impl AsEx,
    users: &[i64],
    kind: &str,
    gathering_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for user in users {
        execute!(
            tx,
            "INSERT INTO notices (user_id, kind, gathering_id, created_at) VALUES ($1, $2, $3, $4)",
            user,
            kind,
            gathering_id,
            now
        )?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct NoticeRow {
    pub id: i64,
    pub kind: String,
    pub gathering_id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A person's newest notices, and how many are unread.
pub async fn notices(
    db: &Db,
    user_id: i64,
    limit: i64,
) -> Result<(Vec<NoticeRow>, i64), sqlx::Error> {
    let mut c = db.conn().await?;
    let rows = fetch_all!(
        &mut c,
        NoticeRow,
        "SELECT n.id, n.kind, n.gathering_id, g.title, g.starts_at, n.created_at, n.read_at
         FROM notices n JOIN gatherings g ON g.id = n.gathering_id
         WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2",
        user_id,
        limit
    )?;
    let unread = scalar_one!(
        &mut c,
        i64,
        "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND read_at IS NULL",
        user_id
    )?;
    Ok((rows, unread))
}

/// Marks every notice of a person read.
pub async fn read_notices(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    execute!(
        &mut tx,
        "UPDATE notices SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
        now,
        user_id
    )?;
    tx.commit().await
}

// --- calendar tokens -------------------------------------------------------------------

/// Sets (or replaces) a person's calendar token.
pub async fn set_calendar_token(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    execute!(
        &mut tx,
        "INSERT INTO calendar_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,
             created_at = excluded.created_at",
        user_id,
        token_hash,
        now
    )?;
    tx.commit().await
}

pub async fn revoke_calendar_token(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.write().await?;
    execute!(
        &mut tx,
        "DELETE FROM calendar_tokens WHERE user_id = $1",
        user_id
    )?;
    tx.commit().await
}

/// When the person's calendar token was made, if they have one.
pub async fn calendar_token_made(
    db: &Db,
    user_id: i64,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        DateTime<Utc>,
        "SELECT created_at FROM calendar_tokens WHERE user_id = $1",
        user_id
    )
}

/// Whose calendar a token opens.
pub async fn calendar_owner(db: &Db, token_hash: &str) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        i64,
        "SELECT t.user_id FROM calendar_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND u.active = TRUE",
        token_hash
    )
}

/// The module's id and provider, if the organisation sees it (published).
pub async fn module_for(
    c: &mut impl AsEx,
    slug: &str,
    org: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT m.id, m.provider_id FROM modules m WHERE m.slug = $1 AND m.published = TRUE AND {}",
        module_shared("m", "$2")
    );
    fetch_optional!(c, (i64, i64), &sql, slug, org)
}

/// The programme's id and provider, if the organisation sees it (published).
pub async fn programme_for(
    c: &mut impl AsEx,
    slug: &str,
    org: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id, p.provider_id FROM programmes p WHERE p.slug = $1 AND p.published = TRUE AND {}",
        programme_shared("p", "$2")
    );
    fetch_optional!(c, (i64, i64), &sql, slug, org)
}

/// Whether a cohort is the organisation's and of the programme.
pub async fn cohort_of(
    c: &mut impl AsEx,
    cohort_id: i64,
    programme_id: i64,
    org: i64,
) -> Result<bool, sqlx::Error> {
    scalar_one!(
        c,
        bool,
        "SELECT EXISTS (SELECT 1 FROM cohorts WHERE id = $1 AND programme_id = $2
                        AND organisation_id = $3)",
        cohort_id,
        programme_id,
        org
    )
}

/// An active person by e-mail (a facilitator adds them): id and organisation.
pub async fn person_by_email(
    c: &mut impl AsEx,
    email: &str,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    fetch_optional!(
        c,
        (i64, i64),
        "SELECT id, organisation_id FROM users WHERE lower(email) = lower($1) AND active = TRUE",
        email
    )
}
