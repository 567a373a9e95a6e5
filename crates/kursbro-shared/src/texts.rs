//! Text that both the server and the app produce, written once: the languages, and the
//! words of the cohort grid, which appear in the app's grid and in the server's CSV export.
//! Everything else the app says is in the app's own translation table.

use chrono::NaiveDate;

use crate::cohort_grid::CellStatus;
use crate::training::RequirementStatus;

/// The languages of Kursbro: Norwegian bokmål first, English second.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nb,
    En,
}

impl Lang {
    /// The BCP 47 code, used for `<html lang>`, storage and `?lang=`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "nb" => Some(Lang::Nb),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Nb => Lang::En,
            Lang::En => Lang::Nb,
        }
    }
}

/// "In progress 40 %" (Norwegian puts a space before the per cent sign).
pub fn in_progress(lang: Lang, percent: u8) -> String {
    match lang {
        Lang::Nb => format!("Påbegynt {percent} %"),
        Lang::En => format!("In progress {percent}%"),
    }
}

/// A grid cell in words: what the CSV says and what a screen reader hears in the grid.
pub fn cell_text(lang: Lang, cell: CellStatus) -> String {
    match (cell, lang) {
        (CellStatus::Completed, Lang::Nb) => "Fullført".into(),
        (CellStatus::Completed, Lang::En) => "Completed".into(),
        (CellStatus::InProgress { percent }, _) => in_progress(lang, percent),
        (CellStatus::NotStarted, Lang::Nb) => "Ikke påbegynt".into(),
        (CellStatus::NotStarted, Lang::En) => "Not started".into(),
        (CellStatus::Overdue, Lang::Nb) => "Ikke påbegynt – forsinket".into(),
        (CellStatus::Overdue, Lang::En) => "Not started – overdue".into(),
    }
}

/// The grid's fixed columns before the modules: learner, overall progress, last active.
pub fn grid_columns(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nb => ["Deltaker", "Samlet fremdrift (%)", "Sist aktiv"],
        Lang::En => ["Learner", "Overall progress (%)", "Last active"],
    }
}

/// The columns of the feedback CSV.
pub fn feedback_columns(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Nb => [
            "Modul",
            "Kull",
            "Svar",
            "Oppsummert",
            "Nytte (snitt 1–5)",
            "Arbeidsmengde (snitt 1–5)",
            "Kvalitet (snitt 1–5)",
            "Kommentar",
        ],
        Lang::En => [
            "Module",
            "Cohort",
            "Answers",
            "Summarised",
            "Relevance (average 1–5)",
            "Workload (average 1–5)",
            "Quality (average 1–5)",
            "Comment",
        ],
    }
}

/// The e-mail column (in the CSV only).
pub fn email_column(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "E-post",
        Lang::En => "E-mail",
    }
}

/// A day as people write it: 01.03.2027 in Norwegian, 2027-03-01 in English (ISO 8601,
/// which no English reader misreads). Written out rather than with `chrono`'s `format`,
/// whose machinery costs the phone tens of kilobytes of wasm.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Nb => format!("{:02}.{:02}.{}", d.day(), d.month(), d.year()),
        Lang::En => format!("{}-{:02}-{:02}", d.year(), d.month(), d.day()),
    }
}

/// A requirement's status in words (the dashboard's cells, "Mine krav", the CSV): the
/// colour is never the only sign.
pub fn requirement_status(lang: Lang, status: RequirementStatus) -> String {
    let d = |day| date(lang, day);
    match (status, lang) {
        (RequirementStatus::Valid { until: None }, Lang::Nb) => "Godkjent".into(),
        (RequirementStatus::Valid { until: None }, Lang::En) => "Approved".into(),
        (RequirementStatus::Valid { until: Some(u) }, Lang::Nb) => format!("Gyldig til {}", d(u)),
        (RequirementStatus::Valid { until: Some(u) }, Lang::En) => format!("Valid until {}", d(u)),
        (RequirementStatus::RenewalOpen { expires_on }, Lang::Nb) => {
            format!("Fornyes innen {}", d(expires_on))
        }
        (RequirementStatus::RenewalOpen { expires_on }, Lang::En) => {
            format!("Renew by {}", d(expires_on))
        }
        (RequirementStatus::DueSoon { due_on }, Lang::Nb) => format!("Frist snart: {}", d(due_on)),
        (RequirementStatus::DueSoon { due_on }, Lang::En) => format!("Due soon: {}", d(due_on)),
        (RequirementStatus::NotYetDue { due_on }, Lang::Nb) => {
            format!("Ikke tatt, frist {}", d(due_on))
        }
        (RequirementStatus::NotYetDue { due_on }, Lang::En) => {
            format!("Not done, due {}", d(due_on))
        }
        (RequirementStatus::Overdue { due_on }, Lang::Nb) => format!("Forfalt {}", d(due_on)),
        (RequirementStatus::Overdue { due_on }, Lang::En) => format!("Overdue since {}", d(due_on)),
        (RequirementStatus::Expired { expired_on }, Lang::Nb) => {
            format!("Utløpt {}", d(expired_on))
        }
        (RequirementStatus::Expired { expired_on }, Lang::En) => {
            format!("Expired {}", d(expired_on))
        }
        (RequirementStatus::NotApplicable, Lang::Nb) => "Ikke aktuelt".into(),
        (RequirementStatus::NotApplicable, Lang::En) => "Not applicable".into(),
    }
}

/// The dashboard CSV's fixed columns before the requirements: person, unit, profession.
pub fn compliance_columns(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Nb => ["Navn", "Enhet", "Yrke"],
        Lang::En => ["Name", "Unit", "Profession"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_the_same_without_colour() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(
            requirement_status(Lang::Nb, RequirementStatus::Expired { expired_on: day }),
            "Utløpt 01.03.2027"
        );
        assert_eq!(
            requirement_status(Lang::En, RequirementStatus::Valid { until: Some(day) }),
            "Valid until 2027-03-01"
        );
        assert_eq!(
            requirement_status(Lang::Nb, RequirementStatus::NotApplicable),
            "Ikke aktuelt"
        );
    }

    #[test]
    fn codes_round_trip_and_bokmaal_is_the_default() {
        for lang in [Lang::Nb, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            // The JSON form (`?lang=` of the CSV export) is the same code.
            assert_eq!(serde_json::to_value(lang).unwrap(), lang.code());
        }
        assert_eq!(Lang::from_code("sv"), None);
        assert_eq!(Lang::default(), Lang::Nb);
    }

    #[test]
    fn cells_read_the_same_in_every_place() {
        assert_eq!(
            cell_text(Lang::Nb, CellStatus::Overdue),
            "Ikke påbegynt – forsinket"
        );
        assert_eq!(
            cell_text(Lang::En, CellStatus::InProgress { percent: 40 }),
            "In progress 40%"
        );
        assert_eq!(
            cell_text(Lang::Nb, CellStatus::InProgress { percent: 40 }),
            "Påbegynt 40 %"
        );
    }
}
