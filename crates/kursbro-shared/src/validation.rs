//! Field limits and checks. The server runs them on every request (authoritative); the app
//! runs the same functions before sending, to answer at once without a round trip.

use serde::{Deserialize, Serialize};

use crate::api::{ChangePasswordRequest, LoginRequest};

/// RFC 5321's limit for an address.
pub const EMAIL_MAX_CHARS: usize = 254;
/// Long enough for any passphrase, short enough that hashing it is no denial of service.
pub const PASSWORD_MAX_CHARS: usize = 1024;
/// A new password's least length. Length is what makes a password hard to guess (NSM's
/// and NIST SP 800-63B's advice): no rules about digits or symbols, a passphrase is fine.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// URL slugs of modules and programmes.
pub const SLUG_MAX_CHARS: usize = 100;
/// What [`validate_slug`] accepts, as the OpenAPI document's `pattern`.
pub const SLUG_PATTERN: &str = "^[a-z0-9-]{1,100}$";

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Problem {
    /// Empty or only white space.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not of the expected form (e.g. an e-mail address without `@`).
    Malformed,
    /// A number outside `min..=max`.
    OutOfRange { min: u64, max: u64 },
    /// Control characters (NUL, escape, …) or direction overrides that make text read
    /// differently from what it is (`abc\u{202e}gnp.exe` shows as `abcexe.png`).
    HiddenCharacters,
    /// Shorter than `min` characters.
    TooShort { min: usize },
    /// The same as before (a new password equal to the current one).
    Unchanged,
    /// A day after today where only a day that has been is accepted.
    InFuture,
    /// The same value twice where each may appear once (a module twice in one plan).
    Duplicate,
    /// Names nothing that exists (a module that is not in the catalogue).
    Unknown,
    /// Fewer than `min` items (a quiz question with one option).
    TooFew { min: usize },
    /// A quiz question without a correct option, or a single-choice question with more
    /// than one.
    CorrectOptions,
    /// A published activity given another kind (a lesson made a quiz): add a new activity.
    KindChanged,
    /// An Oslo time that does not exist (the hour skipped when summer time begins).
    NoSuchTime,
    /// An end that is not after the start.
    NotAfterStart,
    /// A time (a sign-up deadline) after the start.
    AfterStart,
    /// Neither a place nor a video link: a gathering needs one or both.
    PlaceOrVideo,
    /// Fewer places than people who already have one.
    BelowConfirmed { confirmed: u32 },
    /// Both a module and a programme: a gathering belongs to one of them.
    ModuleOrProgramme,
    /// Mandatory, but not a gathering of a module its organisation provides (only the
    /// module's provider adds a step every learner of the module must take).
    MandatoryNeedsOwnModule,
    /// Names nobody who could take part (no such person, or one the gathering is not for).
    NotAParticipant,
    /// A line break in a one-line text (a title, an address).
    LineBreak,
}

/// A problem with one named field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: Problem,
}

impl FieldError {
    /// English text for the API's `message`; the app shows its own translation instead.
    pub fn message(&self) -> String {
        let f = self.field;
        match self.problem {
            Problem::Required => format!("{f} is required"),
            Problem::TooLong { max } => format!("{f} must be at most {max} characters"),
            Problem::Malformed => match f {
                "email" => "email must be an e-mail address such as name@example.no".to_string(),
                _ => format!("{f} is not in the expected format"),
            },
            Problem::OutOfRange { min, max } => format!("{f} must be from {min} to {max}"),
            Problem::HiddenCharacters => format!(
                "{f} contains control characters or text-direction overrides; remove them and try again"
            ),
            Problem::TooShort { min } => format!("{f} must be at least {min} characters"),
            Problem::Unchanged => format!("{f} must differ from the current one"),
            Problem::InFuture => format!("{f} cannot be later than today"),
            Problem::Duplicate => format!("{f} appears twice; each may appear once"),
            Problem::Unknown => match f {
                "module" => "module is not a published module of the catalogue".to_string(),
                _ => format!("{f} does not name anything that exists"),
            },
            Problem::KindChanged => format!(
                "{f}: a published activity keeps its kind; add a new activity instead"
            ),
            Problem::TooFew { min } => format!("{f} must have at least {min}"),
            Problem::NoSuchTime => format!(
                "{f} does not exist in Oslo time (the clocks skip that hour when summer time begins)"
            ),
            Problem::NotAfterStart => format!("{f} must be after the start"),
            Problem::AfterStart => format!("{f} must not be after the start"),
            Problem::PlaceOrVideo => {
                "give an address, a video link, or both".to_string()
            }
            Problem::BelowConfirmed { confirmed } => format!(
                "{f} cannot be below the {confirmed} people who already have a place"
            ),
            Problem::NotAParticipant => {
                format!("{f} is not the address of anyone this gathering is for")
            }
            Problem::LineBreak => format!("{f} must be on one line"),
            Problem::MandatoryNeedsOwnModule => format!(
                "{f}: only a gathering of a module your organisation provides can be mandatory"
            ),
            Problem::ModuleOrProgramme => format!(
                "{f}: a gathering belongs to a module or to a programme, not both"
            ),
            Problem::CorrectOptions => format!(
                "{f} must have one correct option (a single-choice question) or at least one (multiple choice)"
            ),
        }
    }
}

/// Characters that are never seen: zero-width spaces and joiners, word joiners, the byte
/// order mark, soft hyphens. Fine inside text (a joiner builds 👩‍⚕️), but text made only of
/// these is empty.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// Characters refused in any user text: control characters other than line breaks and tabs,
/// and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), which make text display in another order than it is stored.
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// No control characters or direction overrides.
fn no_hidden_characters(field: &'static str, value: &str) -> Result<(), FieldError> {
    if value.chars().any(is_hidden_control) {
        return Err(FieldError {
            field,
            problem: Problem::HiddenCharacters,
        });
    }
    Ok(())
}

/// At most `max` characters.
fn at_most(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    if value.chars().count() > max {
        return Err(FieldError {
            field,
            problem: Problem::TooLong { max },
        });
    }
    Ok(())
}

/// A search typed by a person (`q`): may be empty (or only spaces, which finds everything),
/// but not longer than `max` characters or holding hidden control characters.
pub fn check_search(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    no_hidden_characters(field, value)?;
    at_most(field, value, max)
}

/// A required text field: not empty (nor only white space or invisible characters), no
/// control characters or direction overrides, at most `max` characters. Every text field
/// of the API goes through this.
pub fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), FieldError> {
    no_hidden_characters(field, value)?;
    if value.chars().all(|c| c.is_whitespace() || is_invisible(c)) {
        return Err(FieldError {
            field,
            problem: Problem::Required,
        });
    }
    at_most(field, value, max)
}

/// A pragmatic e-mail check: one `@`, something on both sides, a dot in the domain, no
/// white space. Deliverability is not ours to judge.
pub fn validate_email(email: &str) -> Result<(), FieldError> {
    check_text("email", email, EMAIL_MAX_CHARS)?;
    let email = email.trim();
    let malformed = FieldError {
        field: "email",
        problem: Problem::Malformed,
    };
    let (local, domain) = email.split_once('@').ok_or(malformed)?;
    let ok = !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(malformed)
    }
}

/// Checks a sign-in request.
pub fn validate_login(req: &LoginRequest) -> Result<(), FieldError> {
    validate_email(&req.email)?;
    // Passwords are not trimmed: leading or trailing spaces are part of them.
    if req.password.is_empty() {
        return Err(FieldError {
            field: "password",
            problem: Problem::Required,
        });
    }
    at_most("password", &req.password, PASSWORD_MAX_CHARS)
}

/// Checks a password change: the current password given, the new one at least
/// `PASSWORD_MIN_CHARS` (not counting spaces at the ends) and at most `PASSWORD_MAX_CHARS`,
/// without control characters. Whether the current password is right only the server can
/// tell.
pub fn validate_password_change(req: &ChangePasswordRequest) -> Result<(), FieldError> {
    let fail = |field, problem| Err(FieldError { field, problem });
    if req.current_password.is_empty() {
        return fail("current_password", Problem::Required);
    }
    // As at sign-in: no password longer than this is hashed.
    at_most(
        "current_password",
        &req.current_password,
        PASSWORD_MAX_CHARS,
    )?;
    validate_new_password(&req.new_password)
}

/// A password someone chooses (`new_password`): at least `PASSWORD_MIN_CHARS` (not
/// counting spaces at the ends), at most `PASSWORD_MAX_CHARS`, no control characters.
pub fn validate_new_password(new: &str) -> Result<(), FieldError> {
    let fail = |problem| {
        Err(FieldError {
            field: "new_password",
            problem,
        })
    };
    if new.trim().is_empty() {
        return fail(Problem::Required);
    }
    if new.chars().any(is_hidden_control) {
        return fail(Problem::HiddenCharacters);
    }
    if new.trim().chars().count() < PASSWORD_MIN_CHARS {
        return fail(Problem::TooShort {
            min: PASSWORD_MIN_CHARS,
        });
    }
    at_most("new_password", new, PASSWORD_MAX_CHARS)
}

/// A new password must not be the current one. (Checked apart from the form of the
/// request: the server tells a wrong current password first.)
pub fn validate_password_is_new(req: &ChangePasswordRequest) -> Result<(), FieldError> {
    if req.new_password == req.current_password {
        return Err(FieldError {
            field: "new_password",
            problem: Problem::Unchanged,
        });
    }
    Ok(())
}

/// Normalises an e-mail address for lookup (trimmed, lower-case).
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks a slug from a URL: lower-case letters, digits and hyphens.
pub fn validate_slug(slug: &str) -> Result<(), FieldError> {
    check_text("slug", slug, SLUG_MAX_CHARS)?;
    if slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Ok(())
    } else {
        Err(FieldError {
            field: "slug",
            problem: Problem::Malformed,
        })
    }
}

/// A module address made from a title: lower-case letters and digits, hyphens between
/// words (`Håndhygiene i praksis` → `handhygiene-i-praksis`).
pub fn slug_from(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        let mapped = match c {
            'æ' => "ae".to_string(),
            'ø' => "o".to_string(),
            'å' => "a".to_string(),
            'é' | 'è' | 'ê' => "e".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "-".to_string(),
        };
        for m in mapped.chars() {
            if m != '-' || !(out.is_empty() || out.ends_with('-')) {
                out.push(m);
            }
        }
    }
    let trimmed: String = out.trim_end_matches('-').chars().take(80).collect();
    trimmed.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_may_be_empty_or_invisible_but_not_too_long_or_hidden() {
        for ok in ["", "   ", "\u{200B}", "åse ødegård", &"x".repeat(100)] {
            assert_eq!(check_search("q", ok, 100), Ok(()), "{ok:?}");
        }
        assert_eq!(
            check_search("q", &"x".repeat(101), 100).map_err(|e| e.problem),
            Err(Problem::TooLong { max: 100 })
        );
        assert_eq!(
            check_search("q", "a\u{7}b", 100).map_err(|e| e.problem),
            Err(Problem::HiddenCharacters)
        );
    }

    #[test]
    fn a_new_password_is_long_enough_visible_and_new() {
        let change = |current: &str, new: &str| {
            validate_password_change(&ChangePasswordRequest {
                current_password: current.into(),
                new_password: new.into(),
            })
            .map_err(|e| (e.field, e.problem))
        };
        assert_eq!(change("gammelt-passord", "fire ord er bra"), Ok(()));
        assert_eq!(change("gammelt-passord", "æøåæøåæøåæ"), Ok(()));
        assert_eq!(
            change("", "fire ord er bra"),
            Err(("current_password", Problem::Required))
        );
        assert_eq!(
            change(&"x".repeat(PASSWORD_MAX_CHARS + 1), "fire ord er bra"),
            Err(("current_password", Problem::TooLong { max: 1024 }))
        );
        assert_eq!(
            change("gammelt", "   "),
            Err(("new_password", Problem::Required))
        );
        assert_eq!(
            change("gammelt", "  kort123  "),
            Err(("new_password", Problem::TooShort { min: 10 }))
        );
        assert_eq!(
            change("gammelt", "fire ord\u{0}er bra"),
            Err(("new_password", Problem::HiddenCharacters))
        );
        assert_eq!(
            change("gammelt", &"x".repeat(PASSWORD_MAX_CHARS + 1)),
            Err(("new_password", Problem::TooLong { max: 1024 }))
        );
        let same = ChangePasswordRequest {
            current_password: "samme passord".into(),
            new_password: "samme passord".into(),
        };
        assert_eq!(validate_password_change(&same), Ok(()));
        assert_eq!(
            validate_password_is_new(&same).map_err(|e| e.problem),
            Err(Problem::Unchanged)
        );
    }

    fn login(email: &str, password: &str) -> LoginRequest {
        LoginRequest {
            email: email.into(),
            password: password.into(),
        }
    }

    #[test]
    fn a_normal_login_passes() {
        assert_eq!(
            validate_login(&login("kari@example.no", "hemmelig")),
            Ok(())
        );
        assert_eq!(validate_login(&login("  Kari@Example.NO ", " x ")), Ok(()));
    }

    #[test]
    fn empty_fields_are_required() {
        let e = validate_login(&login("", "x")).unwrap_err();
        assert_eq!((e.field, e.problem), ("email", Problem::Required));
        let e = validate_login(&login("   ", "x")).unwrap_err();
        assert_eq!(e.problem, Problem::Required);
        let e = validate_login(&login("kari@example.no", "")).unwrap_err();
        assert_eq!((e.field, e.problem), ("password", Problem::Required));
        assert_eq!(e.message(), "password is required");
    }

    #[test]
    fn over_long_fields_are_refused_by_characters_not_bytes() {
        let local = "æ".repeat(EMAIL_MAX_CHARS - "@example.no".len());
        let at_limit = format!("{local}@example.no");
        assert_eq!(at_limit.chars().count(), EMAIL_MAX_CHARS);
        assert!(validate_email(&at_limit).is_ok());
        let over = format!("x{at_limit}");
        assert_eq!(
            validate_email(&over).unwrap_err().problem,
            Problem::TooLong {
                max: EMAIL_MAX_CHARS
            }
        );
        let pw = "ø".repeat(PASSWORD_MAX_CHARS + 1);
        let e = validate_login(&login("kari@example.no", &pw)).unwrap_err();
        assert_eq!(e.field, "password");
        assert_eq!(e.message(), "password must be at most 1024 characters");
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "kari",
            "kari@",
            "@example.no",
            "kari@example",
            "kari@@example.no",
            "ka ri@example.no",
            "kari@.no",
            "kari@example.",
        ] {
            assert_eq!(
                validate_email(bad).unwrap_err().problem,
                Problem::Malformed,
                "{bad}"
            );
        }
    }

    #[test]
    fn emails_are_normalised_for_lookup() {
        assert_eq!(normalise_email("  Kari@Example.NO "), "kari@example.no");
    }

    #[test]
    fn slugs_are_lowercase_ascii_words() {
        assert!(validate_slug("personvern-og-informasjonssikkerhet").is_ok());
        assert_eq!(
            validate_slug("Hei").unwrap_err().problem,
            Problem::Malformed
        );
        assert_eq!(
            validate_slug("a/b").unwrap_err().problem,
            Problem::Malformed
        );
        assert_eq!(
            validate_slug(&"a".repeat(SLUG_MAX_CHARS + 1))
                .unwrap_err()
                .problem,
            Problem::TooLong {
                max: SLUG_MAX_CHARS
            }
        );
    }

    #[test]
    fn invisible_only_and_hidden_control_text_is_refused_everywhere() {
        for text in ["\u{200B}\u{200B}", "\u{FEFF}", " \u{200D} ", "\u{2060}"] {
            assert_eq!(
                check_text("title", text, 100).unwrap_err().problem,
                Problem::Required,
                "{text:?}"
            );
        }
        for text in [
            "abc\u{202e}gnp.exe",
            "a\u{0}b",
            "bell\u{7}",
            "\u{2066}x\u{2069}",
        ] {
            assert_eq!(
                check_text("title", text, 100).unwrap_err().problem,
                Problem::HiddenCharacters,
                "{text:?}"
            );
        }
        // Ordinary text, line breaks, tabs and emoji built with a zero-width joiner pass.
        for text in [
            "Vaktbytte på lørdag",
            "linje 1\nlinje 2\tog tab",
            "👩\u{200D}⚕️ sykepleier",
        ] {
            assert!(check_text("body", text, 100).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn addresses_are_made_from_titles() {
        assert_eq!(slug_from("Håndhygiene i praksis"), "handhygiene-i-praksis");
        assert_eq!(
            slug_from("  Sår: forebygging & behandling!  "),
            "sar-forebygging-behandling"
        );
        assert_eq!(slug_from("Ærlig talt – 2026"), "aerlig-talt-2026");
        assert_eq!(validate_slug(&slug_from("Forebygging av trykksår")), Ok(()));
        assert_eq!(slug_from("!!!"), "");
    }
}
