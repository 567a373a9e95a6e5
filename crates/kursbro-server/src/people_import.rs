//! Importing employees from a CSV file (name, e-mail, unit code, profession): every line is
//! checked, and either all of them are imported, in one transaction, or none, with a report
//! of each refused line and why. The database decides whether an address is taken (an
//! insert that does nothing for an existing address), so two imports at once cannot both
//! add the same person.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use kursbro_shared::api::{ImportPeopleRequest, ImportProblem, ImportReport, RefusedLine};
use kursbro_shared::validation::{check_text, normalise_email, validate_email};

use crate::error::ApiResult;
use crate::store::{self, Db};

/// Longest name, in characters: the same as for a person an admin adds.
use kursbro_shared::admin::PERSON_NAME_MAX_CHARS as NAME_MAX_CHARS;

struct Line {
    line: u32,
    name: String,
    email: String,
    unit_id: i64,
    profession_id: i64,
}

fn refuse(
    line: u32,
    field: &str,
    problem: ImportProblem,
    message: impl Into<String>,
) -> RefusedLine {
    RefusedLine {
        line,
        field: field.to_string(),
        problem,
        message: message.into(),
    }
}

/// Reads and checks the lines against the organisation's unit codes and professions (code
/// or name, any case).
fn check(
    csv_text: &str,
    units: &HashMap<String, i64>,
    professions: &HashMap<String, i64>,
) -> (u32, Vec<Line>, Vec<RefusedLine>) {
    let text = csv_text.trim_start_matches('\u{feff}');
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.matches(';').count() >= header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut ok = Vec::new();
    let mut refused = Vec::new();
    let mut seen = HashSet::new();
    let mut lines = 0;
    for (i, record) in reader.records().enumerate() {
        let line = i as u32 + 2;
        lines += 1;
        let Ok(record) = record else {
            refused.push(refuse(
                line,
                "line",
                ImportProblem::Malformed,
                "This line is not readable as CSV.",
            ));
            continue;
        };
        if record.len() != 4 {
            refused.push(refuse(
                line,
                "line",
                ImportProblem::Malformed,
                format!(
                    "Expected 4 columns (name, e-mail, unit, profession); found {}.",
                    record.len()
                ),
            ));
            continue;
        }
        let (name, email, unit, profession) = (&record[0], &record[1], &record[2], &record[3]);
        let before = refused.len();
        if check_text("name", name, NAME_MAX_CHARS).is_err() {
            refused.push(refuse(
                line,
                "name",
                ImportProblem::InvalidName,
                format!("The name must be 1 to {NAME_MAX_CHARS} visible characters."),
            ));
        }
        let email = normalise_email(email);
        if validate_email(&email).is_err() {
            refused.push(refuse(
                line,
                "email",
                ImportProblem::InvalidEmail,
                "Not an e-mail address such as name@example.no.",
            ));
        } else if !seen.insert(email.clone()) {
            refused.push(refuse(
                line,
                "email",
                ImportProblem::EmailRepeated,
                "An earlier line has the same e-mail address.",
            ));
        }
        let unit_id = units.get(&unit.to_lowercase()).copied();
        if unit_id.is_none() {
            refused.push(refuse(
                line,
                "unit",
                ImportProblem::UnknownUnit,
                format!("No unit of the organisation has the code “{unit}”."),
            ));
        }
        let profession_id = professions.get(&profession.to_lowercase()).copied();
        if profession_id.is_none() {
            refused.push(refuse(
                line,
                "profession",
                ImportProblem::UnknownProfession,
                format!("No profession of the organisation is called “{profession}”."),
            ));
        }
        if let (true, Some(unit_id), Some(profession_id)) =
            (refused.len() == before, unit_id, profession_id)
        {
            ok.push(Line {
                line,
                name: name.trim().to_string(),
                email,
                unit_id,
                profession_id,
            });
        }
    }
    (lines, ok, refused)
}

/// Imports (or with `dry_run` only checks) the people into `organisation_id`. They can
/// sign in once they have a password (none is set by the import).
pub async fn import(
    db: &Db,
    organisation_id: i64,
    req: &ImportPeopleRequest,
) -> ApiResult<ImportReport> {
    let units: HashMap<String, i64> = store::compliance::units(db, organisation_id)
        .await?
        .into_iter()
        .map(|u| (u.code.to_lowercase(), u.id))
        .collect();
    let mut professions: HashMap<String, i64> = HashMap::new();
    for (id, code, name) in store::people::professions(db, organisation_id).await? {
        professions.insert(code.to_lowercase(), id);
        professions.insert(name.to_lowercase(), id);
    }
    let (lines, ok, mut refused) = check(&req.csv, &units, &professions);
    let mut tx = db.write().await?;
    let now = Utc::now();
    let today = now.date_naive();
    let mut imported = 0;
    for l in &ok {
        let new = store::people::NewUser {
            organisation_id,
            email: &l.email,
            name: &l.name,
            unit_id: Some(l.unit_id),
            unit_joined_on: Some(today),
            profession_id: Some(l.profession_id),
            // No password can match this until one is set.
            password_hash: "!",
        };
        match store::people::insert_user_if_new(&mut tx, &new, now).await? {
            Some(_) => imported += 1,
            None => refused.push(refuse(
                l.line,
                "email",
                ImportProblem::EmailTaken,
                "Someone already has this e-mail address.",
            )),
        }
    }
    refused.sort_by_key(|r| r.line);
    if refused.is_empty() && !req.dry_run {
        tx.commit().await?;
    } else {
        // Nothing half-imported: a refused line, or only a check, leaves no trace.
        tx.rollback().await?;
        imported = 0;
    }
    Ok(ImportReport {
        lines,
        imported,
        refused,
    })
}
