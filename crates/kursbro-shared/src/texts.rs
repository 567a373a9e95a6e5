//! Text that both the server and the app produce, written once: the languages, and the
//! words of the cohort grid, which appear in the app's grid and in the server's CSV export.
//! Everything else the app says is in the app's own translation table.

use crate::cohort_grid::CellStatus;

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

/// The e-mail column (in the CSV only).
pub fn email_column(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "E-post",
        Lang::En => "E-mail",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
