//! An organisation's administration: its units, professions and people, and what each
//! person may do besides learning (grants). The shapes of `/api/v1/admin/…` and the checks
//! the server runs on every write and the app's forms run before sending.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::UnitRef;
use crate::plans::ProfessionRef;
use crate::validation::{check_text, validate_email, validate_new_password, FieldError, Problem};

/// Longest person's name, in characters.
pub const PERSON_NAME_MAX_CHARS: usize = 200;
/// Longest unit name, in characters.
pub const UNIT_NAME_MAX_CHARS: usize = 120;
/// Longest unit code (the organisation's own code, used in CSV imports).
pub const UNIT_CODE_MAX_CHARS: usize = 30;
/// Longest profession name, in characters.
pub const PROFESSION_NAME_MAX_CHARS: usize = 80;
/// Most people on one page of the people list.
pub const PEOPLE_PAGE_MAX: u32 = 100;
/// People on a page unless asked otherwise.
pub const PEOPLE_PAGE_DEFAULT: u32 = 25;
/// Longest search in the people list, in characters.
pub const PEOPLE_QUERY_MAX_CHARS: usize = 100;

/// A unit of the organisation as its admin sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdminUnit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    /// 0 for a top unit; each unit comes before the units below it.
    pub depth: u32,
    /// Active people right in this unit (not counting the units below).
    pub people: u32,
}

/// A profession of the organisation, with how many active people have it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdminProfession {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub people: u32,
}

/// `GET /api/v1/admin/organisation`: the unit tree and the professions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Organisation {
    pub name: String,
    pub units: Vec<AdminUnit>,
    pub professions: Vec<AdminProfession>,
}

/// What a person may do besides learning, as an admin gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GrantKind {
    /// Leads a unit (and follows up everyone in it and below it).
    Leader,
    /// Creates and runs cohorts of the organisation.
    Facilitator,
    /// Administers the organisation.
    Admin,
    /// Writes for the organisation as a provider (its news).
    Author,
}

impl GrantKind {
    pub const ALL: [GrantKind; 4] = [
        GrantKind::Leader,
        GrantKind::Facilitator,
        GrantKind::Admin,
        GrantKind::Author,
    ];

    /// The name in the `grants` table and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            GrantKind::Leader => "leader",
            GrantKind::Facilitator => "facilitator",
            GrantKind::Admin => "admin",
            GrantKind::Author => "author",
        }
    }

    pub fn parse(s: &str) -> Option<GrantKind> {
        GrantKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One grant of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct GrantView {
    pub id: i64,
    pub kind: GrantKind,
    /// The unit led (leader grants only).
    pub unit: Option<UnitRef>,
}

/// A person of the organisation as its admin sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AdminPerson {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub unit: Option<UnitRef>,
    pub profession: Option<ProfessionRef>,
    /// A deactivated person cannot sign in and is left out of overviews; their
    /// completions are kept.
    pub active: bool,
    /// Whether they have a password (people made by an admin or an import have none yet).
    pub has_password: bool,
    pub grants: Vec<GrantView>,
}

/// `GET /api/v1/admin/people`: one page of the people matching a search, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PeoplePage {
    pub people: Vec<AdminPerson>,
    /// How many match in all.
    pub matching: u32,
    pub offset: u32,
}

/// Body of `POST /api/v1/admin/units`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewUnit {
    /// Letters, digits, `-`, `_` or `.`, starting with a letter or digit (e.g. `HJT-N`).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")
    )]
    pub code: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub name: String,
    /// The unit it is below (every organisation has a top unit).
    pub parent_id: i64,
}

/// Body of `PUT /api/v1/admin/units/{id}`: a unit renamed, given another code, or moved
/// below another unit (a top unit stays on top: `parent_id` `None`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnitChange {
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")
    )]
    pub code: String,
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 120,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub name: String,
    pub parent_id: Option<i64>,
}

pub fn validate_unit_change(u: &UnitChange) -> Result<(), FieldError> {
    validate_unit(&u.code, &u.name)
}

/// Body of `POST /api/v1/admin/professions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewProfession {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 80,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub name: String,
}

/// Body of `POST /api/v1/admin/people`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewPerson {
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*[^\s\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub name: String,
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 254, pattern = r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    )]
    pub email: String,
    pub unit_id: i64,
    pub profession_id: Option<i64>,
}

/// Body of `PUT /api/v1/admin/people/{id}`: where the person works and whether they are
/// active. A new unit is joined today (due rules count from then).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PersonUpdate {
    pub unit_id: i64,
    pub profession_id: Option<i64>,
    pub active: bool,
}

/// Body of `POST /api/v1/admin/people/{id}/grants`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NewGrant {
    pub kind: GrantKind,
    /// The unit to lead: required for `leader`, not given otherwise.
    pub unit_id: Option<i64>,
}

/// How long a link to choose a password works, in days.
pub const INVITATION_DAYS: i64 = 14;

/// Answer to `POST /api/v1/admin/people/{id}/invitation`: a one-time link for the person to
/// choose a password (a new person has none; someone who forgot theirs gets a new one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Invitation {
    /// The app's address to open, from its origin: `/invitasjon#<token>`. The token is in
    /// the fragment, which browsers never send to a server, so it is in no server log.
    pub path: String,
    pub expires_at: DateTime<Utc>,
}

/// Body of `POST /api/v1/auth/invitation/check`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvitationToken {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{43}$"))]
    pub token: String,
}

/// Whom a valid link is for, to greet them before they choose a password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct InvitationInfo {
    pub name: String,
    /// What they will sign in with.
    pub email: String,
    pub organisation: String,
    /// Whether they had a password before (then the link replaces it).
    pub has_password: bool,
}

/// Body of `POST /api/v1/auth/invitation/accept`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AcceptInvitation {
    #[cfg_attr(feature = "openapi", schema(pattern = "^[A-Za-z0-9_-]{43}$"))]
    pub token: String,
    /// At least 10 characters, at most 1024, no control characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 10,
            max_length = 1024,
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]*$"
        )
    )]
    pub new_password: String,
}

/// A link's token: 32 random bytes, base64url without padding (43 characters).
pub fn validate_invitation_token(token: &str) -> Result<(), FieldError> {
    let ok = token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(FieldError {
            field: "token",
            problem: Problem::Malformed,
        })
    }
}

pub fn validate_accept_invitation(req: &AcceptInvitation) -> Result<(), FieldError> {
    validate_invitation_token(&req.token)?;
    validate_new_password(&req.new_password)
}

/// A unit code: letters, digits, `-`, `_`, `.`, starting with a letter or digit.
pub fn validate_unit_code(code: &str) -> Result<(), FieldError> {
    let err = |problem| FieldError {
        field: "code",
        problem,
    };
    if code.trim().is_empty() {
        return Err(err(Problem::Required));
    }
    if code.chars().count() > UNIT_CODE_MAX_CHARS {
        return Err(err(Problem::TooLong {
            max: UNIT_CODE_MAX_CHARS,
        }));
    }
    let mut chars = code.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(err(Problem::Malformed));
    }
    Ok(())
}

/// A unit's code and name, as made or changed.
fn validate_unit(code: &str, name: &str) -> Result<(), FieldError> {
    validate_unit_code(code)?;
    check_text("name", name, UNIT_NAME_MAX_CHARS)
}

pub fn validate_new_unit(u: &NewUnit) -> Result<(), FieldError> {
    validate_unit(&u.code, &u.name)
}

pub fn validate_new_profession(p: &NewProfession) -> Result<(), FieldError> {
    check_text("name", &p.name, PROFESSION_NAME_MAX_CHARS)
}

pub fn validate_new_person(p: &NewPerson) -> Result<(), FieldError> {
    check_text("name", &p.name, PERSON_NAME_MAX_CHARS)?;
    validate_email(&p.email)
}

/// A leader grant names a unit; the others do not.
pub fn validate_new_grant(g: &NewGrant) -> Result<(), FieldError> {
    match (g.kind, g.unit_id) {
        (GrantKind::Leader, None) => Err(FieldError {
            field: "unit_id",
            problem: Problem::Required,
        }),
        (GrantKind::Facilitator | GrantKind::Admin | GrantKind::Author, Some(_)) => {
            Err(FieldError {
                field: "unit_id",
                problem: Problem::Malformed,
            })
        }
        _ => Ok(()),
    }
}

/// The code a new profession gets from its name: lower-case letters and digits joined by
/// `-` ("Helsefagarbeider" → `helsefagarbeider`, "Lege i spesialisering" →
/// `lege-i-spesialisering`). A CSV import names a profession by code or by name.
pub fn profession_code(name: &str) -> String {
    let mut code = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'æ' => Some("ae"),
            'ø' => Some("o"),
            'å' => Some("a"),
            c if c.is_alphanumeric() => None,
            _ => Some("-"),
        }
        .map(str::to_string)
        .unwrap_or_else(|| c.to_string());
        if c == "-" && (code.is_empty() || code.ends_with('-')) {
            continue;
        }
        code.push_str(&c);
    }
    code.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_codes_are_short_plain_identifiers() {
        for ok in ["HJT-N", "MED-S3", "nordvik-kommune", "A", "post_3.2"] {
            assert_eq!(validate_unit_code(ok), Ok(()), "{ok}");
        }
        for (bad, problem) in [
            ("", Problem::Required),
            ("-N", Problem::Malformed),
            ("HJT N", Problem::Malformed),
            ("HJT/N", Problem::Malformed),
            ("Ø1", Problem::Malformed),
        ] {
            assert_eq!(
                validate_unit_code(bad).unwrap_err().problem,
                problem,
                "{bad}"
            );
        }
        assert_eq!(
            validate_unit_code(&"A".repeat(31)).unwrap_err().problem,
            Problem::TooLong { max: 30 }
        );
    }

    #[test]
    fn a_person_has_a_name_and_an_address() {
        let p = NewPerson {
            name: "Tone Berntsen".into(),
            email: "tone@nordvik.kommune.no".into(),
            unit_id: 1,
            profession_id: None,
        };
        assert_eq!(validate_new_person(&p), Ok(()));
        let no_name = NewPerson {
            name: "\u{200b}".into(),
            ..p.clone()
        };
        assert_eq!(validate_new_person(&no_name).unwrap_err().field, "name");
        let bad_email = NewPerson {
            email: "tone".into(),
            ..p
        };
        assert_eq!(validate_new_person(&bad_email).unwrap_err().field, "email");
    }

    #[test]
    fn a_leader_grant_names_a_unit_and_no_other_grant_does() {
        let g = |kind, unit_id| validate_new_grant(&NewGrant { kind, unit_id });
        assert_eq!(g(GrantKind::Leader, Some(3)), Ok(()));
        assert_eq!(
            g(GrantKind::Leader, None).unwrap_err().problem,
            Problem::Required
        );
        assert_eq!(g(GrantKind::Admin, None), Ok(()));
        assert_eq!(
            g(GrantKind::Facilitator, Some(3)).unwrap_err().field,
            "unit_id"
        );
        for kind in GrantKind::ALL {
            assert_eq!(GrantKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
    }

    #[test]
    fn an_invitation_has_a_well_formed_token_and_a_real_password() {
        let token = "A".repeat(43);
        let ok = AcceptInvitation {
            token: token.clone(),
            new_password: "fire ord i rekke".into(),
        };
        assert_eq!(validate_accept_invitation(&ok), Ok(()));
        let short = AcceptInvitation {
            new_password: "kort".into(),
            ..ok.clone()
        };
        assert_eq!(
            validate_accept_invitation(&short).unwrap_err().field,
            "new_password"
        );
        for bad in ["", "A", &"A".repeat(44), &format!("{}/", "A".repeat(42))] {
            assert_eq!(
                validate_invitation_token(bad).unwrap_err().field,
                "token",
                "{bad}"
            );
        }
    }

    #[test]
    fn a_profession_code_comes_from_its_name() {
        assert_eq!(profession_code("Helsefagarbeider"), "helsefagarbeider");
        assert_eq!(
            profession_code("Lege i spesialisering"),
            "lege-i-spesialisering"
        );
        assert_eq!(profession_code("  Sykepleier (ABIOK) "), "sykepleier-abiok");
        assert_eq!(profession_code("Helsesekretær"), "helsesekretaer");
        assert_eq!(
            profession_code("Fysioterapeut/ergoterapeut"),
            "fysioterapeut-ergoterapeut"
        );
        assert_eq!(profession_code("Jordmor-Søster"), "jordmor-soster");
    }
}
