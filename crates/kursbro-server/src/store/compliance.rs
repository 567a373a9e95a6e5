//! Competence plans: units, plans and their requirements, the people they cover and their
//! completions. Every list here is read in one statement, whatever the number of people,
//! so a dashboard costs a fixed number of queries.

use chrono::{DateTime, NaiveDate, Utc};

use super::lite::{self, AsLiteEx, WEx};
use super::{AsEx, Backend, Db};
use crate::{
    execute, fetch_all, fetch_optional, lite_fetch_all, lite_fetch_optional, lite_row, scalar_one,
    scalar_optional,
};

/// Whose people a query reads: everyone in a unit and the units below it, or one person.
#[derive(Debug, Clone, Copy)]
pub enum Who<'a> {
    /// The active people of these units: a unit first (bound as `$1`), then every unit
    /// below it, as the caller read the organisation's tree. The ids are written into the
    /// query: PostgreSQL then knows how many people it reads (for a recursive `WITH` it
    /// guessed a quarter of the organisation and read every completion of the region).
    Units(&'a [i64]),
    Person(i64),
}

impl Who<'_> {
    /// A condition on `u` (the person); binds `$1`.
    fn sql(self) -> String {
        match self {
            Who::Units(units) => {
                let below: String = units.iter().skip(1).map(|id| format!(", {id}")).collect();
                format!("u.active AND u.unit_id IN ($1{below})")
            }
            Who::Person(_) => "u.id = $1".to_string(),
        }
    }

    fn id(self) -> i64 {
        match self {
            Who::Units(units) => units.first().copied().unwrap_or(0),
            Who::Person(id) => id,
        }
    }
}

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct UnitRow {
    pub id: i64,
    pub organisation_id: i64,
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
}
lite_row!(UnitRow {
    id,
    organisation_id,
    parent_id,
    code,
    name
});

/// Every unit of an organisation, by name.
pub async fn units(db: &Db, organisation_id: i64) -> Result<Vec<UnitRow>, sqlx::Error> {
    lite_fetch_all!(
        &mut db.read().await?,
        UnitRow,
        "SELECT id, organisation_id, parent_id, code, name FROM units
         WHERE organisation_id = $1 ORDER BY name, id",
        organisation_id
    )
}

/// One unit.
pub async fn unit(db: &Db, id: i64) -> Result<Option<UnitRow>, sqlx::Error> {
    lite_fetch_optional!(
        &mut db.read().await?,
        UnitRow,
        "SELECT id, organisation_id, parent_id, code, name FROM units WHERE id = $1",
        id
    )
}

/// A person a plan may cover.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub organisation_id: i64,
    pub unit_id: Option<i64>,
    pub profession_id: Option<i64>,
    /// The day they joined their unit (or, if that was never recorded, their account's
    /// first day): what due rules count from.
    pub joined_on: NaiveDate,
}
lite_row!(PersonRow {
    id,
    name,
    organisation_id,
    unit_id,
    profession_id,
    joined_on
});

/// The people of `who`, by name (deactivated people are left out of a unit's list).
pub async fn people(db: &Db, who: Who<'_>) -> Result<Vec<PersonRow>, sqlx::Error> {
    let condition = who.sql();
    let joined = match db.backend() {
        Backend::Sqlite => "COALESCE(u.unit_joined_on, substr(u.created_at, 1, 10))",
        Backend::Postgres => "COALESCE(u.unit_joined_on, (u.created_at AT TIME ZONE 'UTC')::date)",
    };
    let sql = format!(
        "SELECT u.id, u.name, u.organisation_id, u.unit_id, u.profession_id, {joined} AS joined_on
         FROM users u
         WHERE {condition}
         ORDER BY u.name, u.id"
    );
    lite_fetch_all!(&mut db.read().await?, PersonRow, &sql, who.id())
}

/// One requirement of one plan of an organisation, with its plan and module.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct RequirementRow {
    pub plan_id: i64,
    pub plan_name: String,
    pub plan_unit_id: Option<i64>,
    pub plan_unit_name: Option<String>,
    pub include_sub_units: bool,
    pub id: i64,
    /// The module it asks for, or `programme_id`: every module of a programme.
    pub module_id: Option<i64>,
    pub programme_id: Option<i64>,
    /// The module's or programme's.
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub due_days_after_join: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub recert_months: Option<i64>,
    pub recert_from: Option<String>,
    pub fixed_month: Option<i64>,
    pub fixed_day: Option<i64>,
    pub min_validity_months: i64,
    pub window_days: i64,
}
lite_row!(RequirementRow {
    plan_id,
    plan_name,
    plan_unit_id,
    plan_unit_name,
    include_sub_units,
    id,
    module_id,
    programme_id,
    slug,
    title,
    published,
    due_days_after_join,
    due_on,
    recert_months,
    recert_from,
    fixed_month,
    fixed_day,
    min_validity_months,
    window_days
});

/// Every requirement of an organisation's plans: central plans first, then by plan and
/// position.
pub async fn requirements(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<RequirementRow>, sqlx::Error> {
    lite_fetch_all!(
        &mut db.read().await?,
        RequirementRow,
        "SELECT p.id AS plan_id, p.name AS plan_name, p.unit_id AS plan_unit_id,
                un.name AS plan_unit_name, p.include_sub_units,
                r.id, r.module_id, r.programme_id,
                COALESCE(m.slug, pr.slug) AS slug, COALESCE(m.title, pr.title) AS title,
                COALESCE(m.published, pr.published) AS published,
                r.due_days_after_join, r.due_on, r.recert_months, r.recert_from,
                r.fixed_month, r.fixed_day, r.min_validity_months, r.window_days
         FROM plans p
         JOIN plan_requirements r ON r.plan_id = p.id
         LEFT JOIN modules m ON m.id = r.module_id
         LEFT JOIN programmes pr ON pr.id = r.programme_id
         LEFT JOIN units un ON un.id = p.unit_id
         WHERE p.organisation_id = $1
         ORDER BY CASE WHEN p.unit_id IS NULL THEN 0 ELSE 1 END, p.id, r.position",
        organisation_id
    )
}

/// A module that a programme required by a plan asks for.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ProgrammeModuleRow {
    pub programme_id: i64,
    pub module_id: i64,
    pub slug: String,
    pub title: String,
}
lite_row!(ProgrammeModuleRow {
    programme_id,
    module_id,
    slug,
    title
});

/// The required modules of every programme an organisation's plans require, by programme
/// and position: published ones shared with the organisation (what its people can do).
pub async fn required_programme_modules(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<ProgrammeModuleRow>, sqlx::Error> {
    lite_fetch_all!(
        &mut db.read().await?,
        ProgrammeModuleRow,
        &format!(
            "SELECT pm.programme_id, m.id AS module_id, m.slug, m.title
             FROM programme_modules pm JOIN modules m ON m.id = pm.module_id
             WHERE pm.required = TRUE AND m.published = TRUE AND {} AND pm.programme_id IN (
                 SELECT r.programme_id FROM plan_requirements r
                 JOIN plans p ON p.id = r.plan_id WHERE p.organisation_id = $1)
             ORDER BY pm.programme_id, pm.position",
            super::catalogue::module_shared("m", "$1")
        ),
        organisation_id
    )
}

/// The modules an organisation's plans rest on: those they require, and the required
/// modules of the programmes they require (`$2` is the organisation).
const REQUIRED_MODULES: &str = "SELECT r.module_id FROM plan_requirements r
    JOIN plans p ON p.id = r.plan_id WHERE p.organisation_id = $2 AND r.module_id IS NOT NULL
    UNION
    SELECT pm.module_id FROM plan_requirements r
    JOIN plans p ON p.id = r.plan_id
    JOIN programme_modules pm ON pm.programme_id = r.programme_id AND pm.required = TRUE
    WHERE p.organisation_id = $2";

/// (plan, profession) for every plan of an organisation limited to some professions.
pub async fn plan_professions(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    lite_fetch_all!(
        &mut db.read().await?,
        (i64, i64),
        "SELECT pp.plan_id, pp.profession_id FROM plan_professions pp
         JOIN plans p ON p.id = pp.plan_id WHERE p.organisation_id = $1",
        organisation_id
    )
}

/// A module every activity of which a person has done in Kursbro, and when the last one
/// was done: their current completion, or one of an earlier round (they started the
/// module again to renew it).
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct KursbroCompletionRow {
    pub user_id: i64,
    pub module_id: i64,
    pub completed_at: DateTime<Utc>,
    /// The module stands complete now (not a completion of an earlier round).
    pub current: bool,
}
lite_row!(KursbroCompletionRow {
    user_id,
    module_id,
    completed_at,
    current
});

/// The Kursbro completions of `who` of the modules required by `organisation_id`'s plans:
/// the current one per person and module, kept by every activity completion, and those of
/// earlier rounds.
pub async fn kursbro_completions(
    db: &Db,
    who: Who<'_>,
    organisation_id: i64,
) -> Result<Vec<KursbroCompletionRow>, sqlx::Error> {
    let condition = who.sql();
    // `+mc.module_id`: by person, as in `completion_days`. Two reads, each by its key.
    let read = |completions: &str, current: &str| {
        format!(
            "SELECT mc.user_id, mc.module_id, mc.completed_at, {current} AS current
             FROM users u JOIN {completions} mc ON mc.user_id = u.id
             WHERE {condition} AND +mc.module_id IN ({REQUIRED_MODULES})"
        )
    };
    let current = read("module_completions", "TRUE");
    let earlier = read(
        "(SELECT user_id, module_id, previous_completed_at AS completed_at FROM module_rounds)",
        "FALSE",
    );
    let mut c = db.read().await?;
    let mut rows = lite_fetch_all!(
        &mut c,
        KursbroCompletionRow,
        &current,
        who.id(),
        organisation_id
    )?;
    rows.extend(lite_fetch_all!(
        &mut c,
        KursbroCompletionRow,
        &earlier,
        who.id(),
        organisation_id
    )?);
    Ok(rows)
}

/// A completion made outside Kursbro, with who approved it.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct ExternalCompletionRow {
    pub user_id: i64,
    pub module_id: i64,
    pub completed_on: NaiveDate,
    pub note: String,
    pub approved_by: String,
    pub approved_at: DateTime<Utc>,
}
lite_row!(ExternalCompletionRow {
    user_id,
    module_id,
    completed_on,
    note,
    approved_by,
    approved_at
});

/// Every external completion of `who`.
pub async fn external_completions(
    db: &Db,
    who: Who<'_>,
) -> Result<Vec<ExternalCompletionRow>, sqlx::Error> {
    let condition = who.sql();
    let sql = format!(
        "SELECT ec.user_id, ec.module_id, ec.completed_on, ec.note,
                ap.name AS approved_by, ec.approved_at
         FROM users u
         JOIN external_completions ec ON ec.user_id = u.id
         JOIN users ap ON ap.id = ec.approved_by
         WHERE {condition}
         ORDER BY ec.completed_on, ec.id"
    );
    lite_fetch_all!(&mut db.read().await?, ExternalCompletionRow, &sql, who.id())
}

/// Every completion of `who` of the modules `organisation_id`'s plans require, in Kursbro
/// (the current one, and those of earlier rounds: the person started the module again to
/// renew it) or approved from elsewhere, handed to `sink` as (person, module, day); Kursbro's
/// day in UTC. What the overview needs, read in three statements whatever the number of
/// people. One person's rows of one statement usually come one after the other (each is
/// read by person), but nothing depends on it.
pub async fn completion_days(
    db: &Db,
    who: Who<'_>,
    organisation_id: i64,
    mut sink: impl FnMut(i64, i64, NaiveDate),
) -> Result<(), sqlx::Error> {
    let mut c = db.read().await?;
    if let WEx::Lite(conn) = c.wex() {
        return completion_days_direct(conn, who, organisation_id, sink);
    }
    let sources = CompletionSources::of(who);
    // Through sqlx every row costs several microseconds, so the rows are packed one per
    // person and source: `"module:YYYY-MM-DD,module:YYYY-MM-DD,…"`. The two databases differ
    // in turning a time into a day, and in the name of string aggregation.
    let (kursbro_day, external_day, concat) = match db.backend() {
        Backend::Sqlite => (
            "substr(mc.completed_at, 1, 10)",
            "ec.completed_on",
            "group_concat",
        ),
        Backend::Postgres => (
            "to_char(mc.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            "to_char(ec.completed_on, 'YYYY-MM-DD')",
            "string_agg",
        ),
    };
    let packed_kursbro = |from: &str| {
        format!(
            "SELECT mc.user_id, {concat}(CAST(mc.module_id AS TEXT) || ':' || {kursbro_day}, ',')
             {from} GROUP BY mc.user_id"
        )
    };
    let packed_external = format!(
        "SELECT ec.user_id, {concat}(CAST(ec.module_id AS TEXT) || ':' || {external_day}, ',')
         {} GROUP BY ec.user_id",
        sources.external
    );
    let mut packed = lite_fetch_all!(
        &mut c,
        (i64, String),
        &packed_kursbro(&sources.current),
        who.id(),
        organisation_id
    )?;
    packed.extend(lite_fetch_all!(
        &mut c,
        (i64, String),
        &packed_kursbro(&sources.earlier),
        who.id(),
        organisation_id
    )?);
    packed.extend(lite_fetch_all!(
        &mut c,
        (i64, String),
        &packed_external,
        who.id()
    )?);
    for (user, list) in packed {
        for item in list.split(',') {
            let (module, day) = item
                .split_once(':')
                .and_then(|(m, d)| Some((m.parse::<i64>().ok()?, parse_day(d)?)))
                .ok_or_else(corrupt_day)?;
            sink(user, module, day);
        }
    }
    Ok(())
}

/// As [`completion_days`], on a direct SQLite connection: the rows read plain, on the
/// calling thread. A direct connection reads a million plain rows in a third of the time
/// SQLite takes to pack them (BENCHMARKS.md).
fn completion_days_direct(
    conn: &mut rusqlite::Connection,
    who: Who<'_>,
    organisation_id: i64,
    mut sink: impl FnMut(i64, i64, NaiveDate),
) -> Result<(), sqlx::Error> {
    let sources = CompletionSources::of(who);
    [
        format!(
            "SELECT mc.user_id, mc.module_id, mc.completed_at {}",
            sources.current
        ),
        format!(
            "SELECT mc.user_id, mc.module_id, mc.completed_at {}",
            sources.earlier
        ),
        format!(
            "SELECT ec.user_id, ec.module_id, ec.completed_on {}",
            sources.external
        ),
    ]
    .iter()
    .try_for_each(|sql| {
        lite::for_each(conn, sql, &[&who.id(), &organisation_id], |r| {
            let day = r
                .get_ref(2)
                .ok()
                .and_then(|v| v.as_bytes().ok())
                .and_then(|t| parse_day_bytes(t.get(..10)?))
                .ok_or_else(corrupt_day)?;
            sink(lite::col(r, 0)?, lite::col(r, 1)?, day);
            Ok(())
        })
    })
}

/// Whether [`completion_days_blocking`] reads `db`: a SQLite file, with direct connections.
pub fn reads_directly(db: &Db) -> bool {
    matches!(db, Db::Sqlite(_, Some(_)))
}

/// As [`completion_days`], on a direct SQLite connection of its own taken on the calling
/// thread, which it blocks (no async runtime needed): for another thread to read one part
/// of the people while the caller reads the other. `None` when `db` has no direct
/// connections (see [`reads_directly`]).
///
/// For these reads the file is mapped into memory ([`MAPPED_BYTES`]), and the connection
/// left as it was after them. Read the usual way, each page is a system call and a copy
/// into the connection's own cache of 2 MB, and two threads reading a large part of the
/// file at once wait on each other in the kernel (BENCHMARKS.md: 50,000 people in two
/// parts at once, 340–365 ms unmapped, 255–265 ms mapped). One thread alone is no faster
/// mapped (setting up the mapping each time costs what it saves), so
/// [`completion_days`] reads the usual way.
pub fn completion_days_blocking(
    db: &Db,
    who: Who<'_>,
    organisation_id: i64,
    sink: impl FnMut(i64, i64, NaiveDate),
) -> Option<Result<(), sqlx::Error>> {
    let Db::Sqlite(_, Some(readers)) = db else {
        return None;
    };
    Some(readers.take().and_then(|mut reader| {
        let WEx::Lite(conn) = reader.wex() else {
            unreachable!("a direct reader is a direct connection")
        };
        let before: i64 = conn
            .pragma_query_value(None, "mmap_size", |r| r.get(0))
            .map_err(lite::err)?;
        let map = before < MAPPED_BYTES;
        if map {
            conn.pragma_update(None, "mmap_size", MAPPED_BYTES)
                .map_err(lite::err)?;
        }
        let read = completion_days_direct(conn, who, organisation_id, sink);
        if map {
            // Should this fail, the connection stays mapped, which reads just as correctly.
            conn.pragma_update(None, "mmap_size", before).ok();
        }
        read
    }))
}

/// How much of a SQLite file [`completion_days_blocking`] maps: more than the file of a
/// large organisation (the 50,000 employees of `benches/compliance.rs` take 224 MB); past
/// it, a larger file is read the usual way.
const MAPPED_BYTES: i64 = 1 << 30;

fn corrupt_day() -> sqlx::Error {
    sqlx::Error::Protocol("corrupt completion day".into())
}

/// Where each source of completions comes from (the `FROM … WHERE …` of its statement), by
/// person. `+mc.module_id`: look the completions up by person (the primary key), not by
/// module, which for a small unit would read every completion of the organisation.
struct CompletionSources {
    /// Kursbro, the current completion of each module.
    current: String,
    /// Kursbro, the completions of earlier rounds.
    earlier: String,
    /// Approved from elsewhere.
    external: String,
}

impl CompletionSources {
    fn of(who: Who<'_>) -> CompletionSources {
        let condition = who.sql();
        let kursbro = |completions: &str| {
            format!(
                "FROM users u JOIN {completions} mc ON mc.user_id = u.id
                 WHERE {condition} AND +mc.module_id IN ({REQUIRED_MODULES})"
            )
        };
        CompletionSources {
            current: kursbro("module_completions"),
            earlier: kursbro(
                "(SELECT user_id, module_id, previous_completed_at AS completed_at
                  FROM module_rounds)",
            ),
            external: format!(
                "FROM users u JOIN external_completions ec ON ec.user_id = u.id WHERE {condition}"
            ),
        }
    }
}

/// `YYYY-MM-DD`, as the database writes a day: read without chrono's general parser, as
/// the overview of a large organisation reads a million of them.
fn parse_day(s: &str) -> Option<NaiveDate> {
    parse_day_bytes(s.as_bytes())
}

/// [`parse_day`] of text as the database hands it over (not checked to be UTF-8 first: only
/// ASCII digits and dashes make a day).
fn parse_day_bytes(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Records an approved external completion.
pub async fn insert_external_completion(
    tx: &mut impl AsEx,
    user_id: i64,
    module_id: i64,
    completed_on: NaiveDate,
    note: &str,
    approved_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO external_completions
             (user_id, module_id, completed_on, note, approved_by, approved_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        user_id,
        module_id,
        completed_on,
        note,
        approved_by,
        now
    )
}

/// A new plan: central when `unit_id` is `None`.
pub async fn insert_plan(
    tx: &mut impl AsEx,
    organisation_id: i64,
    unit_id: Option<i64>,
    include_sub_units: bool,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    scalar_one!(
        tx,
        i64,
        "INSERT INTO plans (organisation_id, unit_id, include_sub_units, name, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        organisation_id,
        unit_id,
        include_sub_units,
        name,
        now
    )
}

pub async fn limit_plan_to_profession(
    tx: &mut impl AsEx,
    plan_id: i64,
    profession_id: i64,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO plan_professions (plan_id, profession_id) VALUES ($1, $2)",
        plan_id,
        profession_id
    )?;
    Ok(())
}

/// A requirement of a plan, in the columns of `plan_requirements`.
pub struct NewRequirement {
    /// The module it asks for, or `programme_id`: a programme.
    pub module_id: Option<i64>,
    pub programme_id: Option<i64>,
    pub position: i64,
    pub due_days_after_join: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub recert_months: Option<i64>,
    pub recert_from: Option<&'static str>,
    pub fixed_month: Option<i64>,
    pub fixed_day: Option<i64>,
    pub min_validity_months: i64,
    pub window_days: i64,
}

pub async fn insert_requirement(
    tx: &mut impl AsEx,
    plan_id: i64,
    r: &NewRequirement,
) -> Result<(), sqlx::Error> {
    execute!(
        tx,
        "INSERT INTO plan_requirements
             (plan_id, module_id, programme_id, position, due_days_after_join, due_on,
              recert_months, recert_from, fixed_month, fixed_day, min_validity_months,
              window_days)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        plan_id,
        r.module_id,
        r.programme_id,
        r.position,
        r.due_days_after_join,
        r.due_on,
        r.recert_months,
        r.recert_from,
        r.fixed_month,
        r.fixed_day,
        r.min_validity_months,
        r.window_days
    )?;
    Ok(())
}

/// Moves a person to another unit of their organisation (joining it today).
pub async fn move_person(
    tx: &mut impl AsEx,
    user_id: i64,
    unit_id: i64,
    joined_on: NaiveDate,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE users SET unit_id = $1, unit_joined_on = $2 WHERE id = $3",
        unit_id,
        joined_on,
        user_id
    )
}

/// A competence plan of an organisation.
#[derive(sqlx::FromRow, Debug, Clone)]
pub struct PlanRow {
    pub id: i64,
    pub organisation_id: i64,
    pub unit_id: Option<i64>,
    pub include_sub_units: bool,
    pub name: String,
}

/// Every plan of an organisation: central plans first, then by name.
pub async fn plans(db: &Db, organisation_id: i64) -> Result<Vec<PlanRow>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        PlanRow,
        "SELECT id, organisation_id, unit_id, include_sub_units, name FROM plans
         WHERE organisation_id = $1
         ORDER BY CASE WHEN unit_id IS NULL THEN 0 ELSE 1 END, name, id",
        organisation_id
    )
}

/// One plan.
pub async fn plan(db: &Db, id: i64) -> Result<Option<PlanRow>, sqlx::Error> {
    fetch_optional!(
        &mut db.conn().await?,
        PlanRow,
        "SELECT id, organisation_id, unit_id, include_sub_units, name FROM plans WHERE id = $1",
        id
    )
}

/// (unit, profession, how many) of an organisation's active people: whom a plan covers is
/// counted from these groups, whatever the number of people.
pub async fn people_per_unit_and_profession(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(Option<i64>, Option<i64>, i64)>, sqlx::Error> {
    fetch_all!(
        &mut db.conn().await?,
        (Option<i64>, Option<i64>, i64),
        "SELECT unit_id, profession_id, COUNT(*) FROM users
         WHERE organisation_id = $1 AND active
         GROUP BY unit_id, profession_id",
        organisation_id
    )
}

/// Renames a plan and sets whom it covers; its professions and requirements are written
/// again after [`clear_plan`].
pub async fn update_plan(
    tx: &mut impl AsEx,
    organisation_id: i64,
    id: i64,
    unit_id: Option<i64>,
    include_sub_units: bool,
    name: &str,
) -> Result<u64, sqlx::Error> {
    execute!(
        tx,
        "UPDATE plans SET unit_id = $1, include_sub_units = $2, name = $3
         WHERE id = $4 AND organisation_id = $5",
        unit_id,
        include_sub_units,
        name,
        id,
        organisation_id
    )
}

/// The id of a module a plan already lists, published or not (a plan keeps a course that
/// has since been withdrawn from the catalogue until someone takes it out).
pub async fn plan_module_id(db: &Db, plan_id: i64, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        i64,
        "SELECT m.id FROM plan_requirements r JOIN modules m ON m.id = r.module_id
         WHERE r.plan_id = $1 AND m.slug = $2",
        plan_id,
        slug
    )
}

/// The id of a programme a plan lists, by slug (published or not).
pub async fn plan_programme_id(
    db: &Db,
    plan_id: i64,
    slug: &str,
) -> Result<Option<i64>, sqlx::Error> {
    scalar_optional!(
        &mut db.conn().await?,
        i64,
        "SELECT pr.id FROM plan_requirements r JOIN programmes pr ON pr.id = r.programme_id
         WHERE r.plan_id = $1 AND pr.slug = $2",
        plan_id,
        slug
    )
}

/// Removes a plan's professions and requirements (the completions of its modules stay:
/// they are the people's, not the plan's).
pub async fn clear_plan(tx: &mut impl AsEx, id: i64) -> Result<(), sqlx::Error> {
    execute!(tx, "DELETE FROM plan_professions WHERE plan_id = $1", id)?;
    execute!(tx, "DELETE FROM plan_requirements WHERE plan_id = $1", id)?;
    Ok(())
}

/// Removes a plan (after [`clear_plan`]).
pub async fn delete_plan(tx: &mut impl AsEx, id: i64) -> Result<u64, sqlx::Error> {
    execute!(tx, "DELETE FROM plans WHERE id = $1", id)
}

#[cfg(test)]
mod tests {
    use super::parse_day;
    use chrono::NaiveDate;

    #[test]
    fn days_are_read_as_the_databases_write_them() {
        assert_eq!(
            parse_day("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        assert_eq!(
            parse_day("2028-02-29"),
            NaiveDate::from_ymd_opt(2028, 2, 29)
        );
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "2026-02-2x",
            "",
            "20260228",
            "2026-13-01",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }
}
