//! Cohorts, their members, and the reads behind the grid and the drill-down.

use chrono::{DateTime, NaiveDate, Utc};
use kursbro_shared::cohort_grid::MemberRole;
use kursbro_shared::search::{like_pattern, search_words};

use super::people::USER_COLUMNS;
use super::{AsEx, Db};
use crate::rows::UserRow;
use crate::{
    execute, fetch_all, fetch_optional, lite_fetch_all, lite_fetch_optional, lite_row, scalar_all,
    scalar_one, scalar_optional,
};

/// The cohort facts the handlers need.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CohortRow {
    pub id: i64,
    pub name: String,
    pub starts_on: NaiveDate,
    pub programme_id: i64,
    pub programme_slug: String,
    pub programme_title: String,
    pub org_id: i64,
    pub org_name: String,
    pub org_kind: String,
}

lite_row!(CohortRow {
    id,
    name,
    starts_on,
    programme_id,
    programme_slug,
    programme_title,
    org_id,
    org_name,
    org_kind,
});

/// The SELECT list of a [`CohortRow`] …
const COHORT_SELECT: &str = "c.id, c.name, c.starts_on, p.id AS programme_id,
    p.slug AS programme_slug, p.title AS programme_title,
    o.id AS org_id, o.name AS org_name, o.kind AS org_kind";
/// … and its FROM clause.
const COHORT_FROM: &str = "FROM cohorts c
    JOIN programmes p ON p.id = c.programme_id
    JOIN organisations o ON o.id = c.organisation_id";

fn facilitator() -> &'static str {
    MemberRole::Facilitator.as_str()
}

fn learner() -> &'static str {
    MemberRole::Learner.as_str()
}

/// The cohort if `user_id` facilitates it, or any cohort when `any` (admins).
pub async fn facilitated(
    db: &Db,
    cohort_id: i64,
    user_id: i64,
    any: bool,
) -> Result<Option<CohortRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COHORT_SELECT} {COHORT_FROM}
         WHERE c.id = $1 AND ($2 OR EXISTS (
             SELECT 1 FROM cohort_members cm
             WHERE cm.cohort_id = c.id AND cm.user_id = $3 AND cm.role = $4))"
    );
    lite_fetch_optional!(
        &mut db.read().await?,
        CohortRow,
        &sql,
        cohort_id,
        any,
        user_id,
        facilitator()
    )
}

/// Which cohorts a list shows.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// Every cohort (admins).
    All,
    /// The cohorts this person belongs to.
    MemberOf(i64),
}

impl Scope {
    /// A condition on `c`, binding `$1` (the id; unused for `All`).
    fn condition(self) -> (&'static str, i64) {
        match self {
            Scope::All => ("($1 = $1)", 0),
            Scope::MemberOf(user) => (
                "c.id IN (SELECT cohort_id FROM cohort_members WHERE user_id = $1)",
                user,
            ),
        }
    }
}

/// A cohort as listed, with its number of learners.
#[derive(sqlx::FromRow)]
pub struct ListedCohort {
    #[sqlx(flatten)]
    pub cohort: CohortRow,
    pub learner_count: i64,
}

/// One page of the cohorts in `scope`, newest first; (cohort id, facilitator name) pairs of
/// those cohorts, by name; and how many cohorts there are in all.
pub async fn list(
    db: &Db,
    scope: Scope,
    offset: u32,
    limit: u32,
) -> Result<(Vec<ListedCohort>, Vec<(i64, String)>, i64), sqlx::Error> {
    let (condition, param) = scope.condition();
    let order = "ORDER BY c.starts_on DESC, c.name, c.id LIMIT $3 OFFSET $4";
    let cohorts_sql = format!(
        "SELECT {COHORT_SELECT},
                (SELECT COUNT(*) FROM cohort_members cm
                  WHERE cm.cohort_id = c.id AND cm.role = $2) AS learner_count
         {COHORT_FROM}
         WHERE {condition}
         {order}"
    );
    let facilitators_sql = format!(
        "SELECT cm.cohort_id, u.name FROM cohort_members cm
         JOIN users u ON u.id = cm.user_id
         WHERE cm.role = $2 AND cm.cohort_id IN (
             SELECT c.id FROM cohorts c WHERE {condition} {order})
         ORDER BY u.name"
    );
    let count_sql = format!("SELECT COUNT(*) FROM cohorts c WHERE {condition}");
    let (limit, offset) = (i64::from(limit), i64::from(offset));
    let mut c = db.conn().await?;
    let cohorts = fetch_all!(
        &mut c,
        ListedCohort,
        &cohorts_sql,
        param,
        learner(),
        limit,
        offset
    )?;
    let facilitators = fetch_all!(
        &mut c,
        (i64, String),
        &facilitators_sql,
        param,
        facilitator(),
        limit,
        offset
    )?;
    let matching = scalar_one!(&mut c, i64, &count_sql, param)?;
    Ok((cohorts, facilitators, matching))
}

/// (cohort id, role) of every cohort the person is a member of.
pub async fn memberships(db: &Db, user_id: i64) -> Result<Vec<(i64, MemberRole)>, sqlx::Error> {
    let rows = fetch_all!(
        &mut db.conn().await?,
        (i64, String),
        "SELECT cohort_id, role FROM cohort_members WHERE user_id = $1",
        user_id
    )?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, role)| Some((id, MemberRole::parse(&role)?)))
        .collect())
}

/// Number of learners, and the facilitators' names by name.
pub async fn counts(db: &Db, cohort_id: i64) -> Result<(i64, Vec<String>), sqlx::Error> {
    let mut c = db.conn().await?;
    let learners = scalar_one!(
        &mut c,
        i64,
        "SELECT COUNT(*) FROM cohort_members WHERE cohort_id = $1 AND role = $2",
        cohort_id,
        learner()
    )?;
    let facilitators = scalar_all!(
        &mut c,
        String,
        "SELECT u.name FROM cohort_members cm JOIN users u ON u.id = cm.user_id
         WHERE cm.cohort_id = $1 AND cm.role = $2 ORDER BY u.name",
        cohort_id,
        facilitator()
    )?;
    Ok((learners, facilitators))
}

/// A learner of the grid with their latest quiz attempt in the cohort's programme (work
/// outside it, such as a mandatory course, is not the cohort's to see).
#[derive(sqlx::FromRow)]
pub struct LearnerRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub last_attempt: Option<DateTime<Utc>>,
}
lite_row!(LearnerRow {
    id,
    name,
    email,
    last_attempt
});

/// Completions of one learner in one module of the cohort's programme.
#[derive(sqlx::FromRow)]
pub struct FigureRow {
    pub user_id: i64,
    pub module_id: i64,
    pub completed: i64,
    pub last_at: Option<DateTime<Utc>>,
}
lite_row!(FigureRow {
    user_id,
    module_id,
    completed,
    last_at
});

/// The learners of a cohort (by name) and their completions per programme module: two
/// queries, whatever the cohort's size.
pub async fn grid_data(
    db: &Db,
    cohort_id: i64,
    programme_id: i64,
) -> Result<(Vec<LearnerRow>, Vec<FigureRow>), sqlx::Error> {
    let mut c = db.read().await?;
    let learners = lite_fetch_all!(
        &mut c,
        LearnerRow,
        "SELECT u.id, u.name, u.email,
                (SELECT MAX(qa.submitted_at) FROM quiz_attempts qa
                 JOIN activities a ON a.id = qa.activity_id
                 JOIN programme_modules pm ON pm.module_id = a.module_id AND pm.programme_id = $3
                 WHERE qa.user_id = u.id) AS last_attempt
         FROM cohort_members cm JOIN users u ON u.id = cm.user_id
         WHERE cm.cohort_id = $1 AND cm.role = $2
         ORDER BY u.name, u.id",
        cohort_id,
        learner(),
        programme_id
    )?;
    let figures = lite_fetch_all!(
        &mut c,
        FigureRow,
        "SELECT ac.user_id, a.module_id, COUNT(*) AS completed, MAX(ac.completed_at) AS last_at
         FROM cohort_members cm
         JOIN activity_completions ac ON ac.user_id = cm.user_id
         JOIN activities a ON a.id = ac.activity_id
         JOIN programme_modules pm ON pm.module_id = a.module_id AND pm.programme_id = $1
         WHERE cm.cohort_id = $2 AND cm.role = $3
         GROUP BY ac.user_id, a.module_id",
        programme_id,
        cohort_id,
        learner()
    )?;
    Ok((learners, figures))
}

/// The name of a learner of the cohort, and when they joined it.
pub async fn learner_joined(
    db: &Db,
    cohort_id: i64,
    user_id: i64,
) -> Result<Option<(String, DateTime<Utc>)>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        (String, DateTime<Utc>),
        "SELECT u.name, cm.added_at FROM cohort_members cm JOIN users u ON u.id = cm.user_id
         WHERE cm.cohort_id = $1 AND cm.user_id = $2 AND cm.role = $3",
        cohort_id,
        user_id,
        learner()
    )
}

/// (id, slug, title) of a published module of the programme shared with the cohort's
/// organisation (`organisation_id`), by slug: the grid's columns.
pub async fn programme_module(
    db: &Db,
    programme_id: i64,
    slug: &str,
    organisation_id: i64,
) -> Result<Option<(i64, String, String)>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        (i64, String, String),
        &format!(
            "SELECT m.id, m.slug, m.title FROM programme_modules pm JOIN modules m ON m.id = pm.module_id
             WHERE pm.programme_id = $1 AND m.slug = $2 AND m.published = TRUE AND {}",
            super::catalogue::module_shared("m", "$3")
        ),
        programme_id,
        slug,
        organisation_id
    )
}

/// One activity of the drill-down with the learner's work in it.
#[derive(sqlx::FromRow)]
pub struct DrillRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub completed_at: Option<DateTime<Utc>>,
    pub best: Option<i64>,
    pub passed: Option<bool>,
    pub attempts: i64,
    pub reflection: Option<String>,
    pub reflected_at: Option<DateTime<Utc>>,
}

/// A learner's activities in one module for a cohort's facilitators: completion dates
/// always (that is the progress the cohort follows), quiz results and reflections only
/// when submitted at or after `since` (when the learner joined the cohort) — their
/// earlier work was not done for this cohort.
pub async fn drill_down(
    db: &Db,
    user_id: i64,
    module_id: i64,
    since: DateTime<Utc>,
) -> Result<Vec<DrillRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        DrillRow,
        "SELECT a.id, a.title, a.kind, ac.completed_at,
                (SELECT MAX(score_percent) FROM quiz_attempts q
                  WHERE q.user_id = $1 AND q.activity_id = a.id AND q.submitted_at >= $3) AS best,
                (SELECT MAX(CASE WHEN q.passed THEN 1 ELSE 0 END) = 1 FROM quiz_attempts q
                  WHERE q.user_id = $1 AND q.activity_id = a.id AND q.submitted_at >= $3) AS passed,
                (SELECT COUNT(*) FROM quiz_attempts q
                  WHERE q.user_id = $1 AND q.activity_id = a.id AND q.submitted_at >= $3) AS attempts,
                r.body AS reflection, r.submitted_at AS reflected_at
         FROM activities a
         LEFT JOIN activity_completions ac ON ac.activity_id = a.id AND ac.user_id = $1
         LEFT JOIN reflections r
                ON r.activity_id = a.id AND r.user_id = $1 AND r.submitted_at >= $3
         WHERE a.module_id = $2 ORDER BY a.position",
        user_id,
        module_id,
        since
    )
}

/// (cohort name, facilitator name) for each cohort where the person is a learner and
/// whose programme has the module: who may read their work in it.
pub async fn readers_of(
    c: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    fetch_all!(
        c,
        (String, String),
        "SELECT c.name, u.name FROM cohort_members me
         JOIN cohorts c ON c.id = me.cohort_id
         JOIN programme_modules pm ON pm.programme_id = c.programme_id AND pm.module_id = $2
         JOIN cohort_members f ON f.cohort_id = c.id AND f.role = $3
         JOIN users u ON u.id = f.user_id
         WHERE me.user_id = $1 AND me.role = $4
         ORDER BY c.name, c.id, u.name",
        user_id,
        module_id,
        facilitator(),
        learner()
    )
}

/// A cohort membership the learner has not acknowledged, one row per facilitator.
#[derive(Debug, sqlx::FromRow)]
pub struct NoticeRow {
    pub cohort_id: i64,
    pub cohort: String,
    pub organisation: String,
    pub programme_slug: String,
    pub programme_title: String,
    pub added_at: DateTime<Utc>,
    pub facilitator: Option<String>,
}

/// The cohorts `user_id` was added to as a learner and has not acknowledged, newest first,
/// with their facilitators (one row each).
pub async fn unacknowledged(db: &Db, user_id: i64) -> Result<Vec<NoticeRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        NoticeRow,
        "SELECT c.id AS cohort_id, c.name AS cohort, o.name AS organisation,
                p.slug AS programme_slug, p.title AS programme_title,
                me.added_at, u.name AS facilitator
         FROM cohort_members me
         JOIN cohorts c ON c.id = me.cohort_id
         JOIN organisations o ON o.id = c.organisation_id
         JOIN programmes p ON p.id = c.programme_id
         LEFT JOIN cohort_members f ON f.cohort_id = c.id AND f.role = $2
         LEFT JOIN users u ON u.id = f.user_id
         WHERE me.user_id = $1 AND me.role = $3 AND me.acknowledged_at IS NULL
         ORDER BY me.added_at DESC, c.id, u.name",
        user_id,
        facilitator(),
        learner()
    )
}

/// Marks the notice of a membership as seen; false when the person is no learner there.
pub async fn acknowledge(
    db: &Db,
    cohort_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let mut c = db.conn().await?;
    let exists = scalar_optional!(
        &mut c,
        i64,
        "SELECT cohort_id FROM cohort_members WHERE cohort_id = $1 AND user_id = $2 AND role = $3",
        cohort_id,
        user_id,
        learner()
    )?
    .is_some();
    execute!(
        &mut c,
        "UPDATE cohort_members SET acknowledged_at = $3
         WHERE cohort_id = $1 AND user_id = $2 AND acknowledged_at IS NULL",
        cohort_id,
        user_id,
        now
    )?;
    Ok(exists)
}

/// A new cohort of `organisation_id` with `facilitator_id` as its facilitator; its id.
pub async fn create(
    db: &Db,
    organisation_id: i64,
    programme_id: i64,
    name: &str,
    starts_on: NaiveDate,
    facilitator_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let mut tx = db.write().await?;
    let id = insert(&mut tx, organisation_id, programme_id, name, starts_on, now).await?;
    add_member(&mut tx, id, facilitator_id, MemberRole::Facilitator, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts a cohort row; its id.
pub async fn insert(
    tx: &mut impl AsEx,
    organisation_id: i64,
    programme_id: i64,
    name: &str,
    starts_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO cohorts (organisation_id, programme_id, name, starts_on, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        organisation_id,
        programme_id,
        name,
        starts_on,
        now
    )
}

/// Adds a member unless they already are one. Returns the role they have afterwards
/// (`role`, or the one they already had).
pub async fn add_member(
    tx: &mut impl AsEx,
    cohort_id: i64,
    user_id: i64,
    role: MemberRole,
    now: DateTime<Utc>,
) -> Result<Option<MemberRole>, sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO cohort_members (cohort_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cohort_id, user_id) DO NOTHING",
        cohort_id,
        user_id,
        role.as_str(),
        now
    )?;
    member_role(tx, cohort_id, user_id).await
}

/// The member's role in the cohort, if they are a member.
pub async fn member_role(
    c: &mut impl AsEx,
    cohort_id: i64,
    user_id: i64,
) -> Result<Option<MemberRole>, sqlx::Error> {
    let role = scalar_optional!(
        c,
        String,
        "SELECT role FROM cohort_members WHERE cohort_id = $1 AND user_id = $2",
        cohort_id,
        user_id
    )?;
    Ok(role.and_then(|r| MemberRole::parse(&r)))
}

/// What removing a member did.
#[derive(Debug, PartialEq, Eq)]
pub enum Removal {
    Removed,
    NotAMember,
    /// Refused: they are the cohort's only facilitator.
    LastFacilitator,
}

/// Removes a member, never the last facilitator. The cohort row is locked first, so two
/// facilitators removing each other at once cannot leave the cohort without one.
pub async fn remove_member(db: &Db, cohort_id: i64, user_id: i64) -> Result<Removal, sqlx::Error> {
    let mut tx = db.write().await?;
    // A no-op write: a row lock on PostgreSQL (SQLite's write lock is already held).
    execute!(
        &mut tx,
        "UPDATE cohorts SET id = id WHERE id = $1",
        cohort_id
    )?;
    let Some(role) = member_role(&mut tx, cohort_id, user_id).await? else {
        return Ok(Removal::NotAMember);
    };
    if role == MemberRole::Facilitator {
        let facilitators = scalar_one!(
            &mut tx,
            i64,
            "SELECT COUNT(*) FROM cohort_members WHERE cohort_id = $1 AND role = $2",
            cohort_id,
            facilitator()
        )?;
        if facilitators <= 1 {
            return Ok(Removal::LastFacilitator);
        }
    }
    execute!(
        &mut tx,
        "DELETE FROM cohort_members WHERE cohort_id = $1 AND user_id = $2",
        cohort_id,
        user_id
    )?;
    tx.commit().await?;
    Ok(Removal::Removed)
}

/// A member as listed.
#[derive(sqlx::FromRow)]
pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
}

/// Every one of [`CANDIDATE_WORDS`] `LIKE` patterns (`$first`, `$first + 1`, …) on a
/// person's folded search text: a search's words, padded with `%`.
fn words(first: usize) -> String {
    (first..first + CANDIDATE_WORDS)
        .map(|n| format!("u.search_text LIKE ${n} ESCAPE '\\'"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// One page of the members whose name or address holds every word searched: learners
/// first, then facilitators, each by name; and how many match.
pub async fn members(
    db: &Db,
    cohort_id: i64,
    search: &SearchWords,
    offset: u32,
    limit: u32,
) -> Result<(Vec<MemberRow>, i64), sqlx::Error> {
    let [w0, w1, w2, w3, w4] = &search.0;
    let from = format!(
        "FROM cohort_members cm JOIN users u ON u.id = cm.user_id
         WHERE cm.cohort_id = $1 AND {}",
        words(2)
    );
    let page = format!(
        "SELECT u.id AS user_id, u.name, u.email, cm.role {from}
         ORDER BY cm.role DESC, u.name, u.id LIMIT $7 OFFSET $8"
    );
    let mut c = db.conn().await?;
    let rows = fetch_all!(
        &mut c,
        MemberRow,
        &page,
        cohort_id,
        w0,
        w1,
        w2,
        w3,
        w4,
        i64::from(limit),
        i64::from(offset)
    )?;
    let count = format!("SELECT COUNT(*) {from}");
    let matching = scalar_one!(&mut c, i64, &count, cohort_id, w0, w1, w2, w3, w4)?;
    Ok((rows, matching))
}

/// The statement of [`candidates`]: binds the organisation (`$1`), the cohort (`$2`),
/// [`CANDIDATE_WORDS`] patterns (`$3`…`$7`) and the limit (`$8`).
pub fn candidates_sql(of_one_organisation: bool) -> String {
    let not_member = "u.id NOT IN (SELECT user_id FROM cohort_members WHERE cohort_id = $2)";
    // Two statements rather than `($1 IS NULL OR u.organisation_id = $1)`, which would keep
    // the database from using the organisation's index.
    let organisation = if of_one_organisation {
        "u.organisation_id = $1"
    } else {
        "$1 IS NULL"
    };
    format!(
        "SELECT {USER_COLUMNS} WHERE {organisation} AND {not_member} AND {}
         ORDER BY u.name LIMIT $8",
        words(3)
    )
}

/// How many words of a search for people count; more are ignored (a name is rarely more).
pub const CANDIDATE_WORDS: usize = 5;

/// A search for people as [`words`] binds it: a `LIKE` pattern for each of its first
/// [`CANDIDATE_WORDS`] words, folded ("åse" finds "Åse"), and `%` (anything) for the rest,
/// so the statement is always the same.
pub struct SearchWords([String; CANDIDATE_WORDS]);

impl SearchWords {
    pub fn of(q: &str) -> Self {
        let mut words = search_words(q).into_iter().map(|w| like_pattern(&w));
        SearchWords(std::array::from_fn(|_| {
            words.next().unwrap_or_else(|| "%".into())
        }))
    }
}

/// Up to `limit` people who are not members of the cohort, whose name or address holds every
/// word searched, by name: of `organisation` only, or anyone when it is `None`.
/// Searched in the database on the folded `search_text`, walking the organisation's people
/// by name (`users_organisation_name`) until the page is full.
pub async fn candidates(
    db: &Db,
    cohort_id: i64,
    organisation: Option<i64>,
    search: &SearchWords,
    limit: i64,
) -> Result<Vec<UserRow>, sqlx::Error> {
    let [w0, w1, w2, w3, w4] = &search.0;
    let sql = candidates_sql(organisation.is_some());
    fetch_all!(
        &mut db.conn().await?,
        UserRow,
        &sql,
        organisation,
        cohort_id,
        w0,
        w1,
        w2,
        w3,
        w4,
        limit
    )
}
