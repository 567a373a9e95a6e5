//! Every address of the app, typed. Pages link and navigate with these, never with a
//! hand-written path. `app.rs` declares the same paths for the router (its `path!` macro
//! needs literals); keep the two in step.

/// Path segments in the addresses (Norwegian, like the rest of the UI).
pub const HOME: &str = "/";
pub const CATALOGUE: &str = "/katalog";
/// Providers' news.
pub const NEWS: &str = "/nyheter";
/// Learners' feedback on the organisation's modules (its authors and admins).
pub const FEEDBACK: &str = "/tilbakemeldinger";
pub const MY_PROGRESS: &str = "/min-fremdrift";
pub const COHORTS: &str = "/kull";
pub const MODERATION: &str = "/moderering";
pub const SIGN_IN: &str = "/logg-inn";
pub const ACCOUNT: &str = "/konto";
pub const REQUIREMENTS: &str = "/mine-krav";
pub const DASHBOARD: &str = "/kompetanse";
pub const PLANS: &str = "/kompetanse/planer";
pub const NEW_PLAN: &str = "/kompetanse/planer/ny";
pub const ADMIN: &str = "/admin";
/// Authoring: the organisation's modules (its authors and admins).
pub const AUTHORING: &str = "/innhold";
/// Choosing a password with an admin's link (`/invitasjon#<token>`).
pub const INVITATION: &str = "/invitasjon";
pub const ADMIN_PEOPLE: &str = "/admin/personer";
pub const ADMIN_IMPORT: &str = "/admin/import";

/// One person of the administered organisation.
pub fn admin_person(id: i64) -> String {
    format!("/admin/personer/{id}")
}

/// The editor of one module of the organisation.
pub fn authoring_module(slug: &str) -> String {
    format!("/innhold/moduler/{slug}")
}

/// The editor of one study programme of the organisation.
pub fn authoring_programme(slug: &str) -> String {
    format!("/innhold/programmer/{slug}")
}

/// A provider's page: its news and what it offers.
pub fn provider(id: i64) -> String {
    format!("/tilbydere/{id}")
}

/// Changing one competence plan.
pub fn plan(id: i64) -> String {
    format!("/kompetanse/planer/{id}")
}

/// The competence overview of one unit (and the units below it).
pub fn dashboard_unit(unit: i64) -> String {
    format!("/kompetanse?enhet={unit}")
}

/// One person on the competence overview: requirements, history, approving.
pub fn person(id: i64) -> String {
    format!("/kompetanse/personer/{id}")
}

/// A module's page.
pub fn module(slug: &str) -> String {
    format!("/moduler/{slug}")
}

/// One activity of a module.
pub fn activity(module_slug: &str, activity_id: i64) -> String {
    format!("/moduler/{module_slug}/aktiviteter/{activity_id}")
}

/// A module's discussion area.
pub fn module_discussion(slug: &str) -> String {
    format!("/moduler/{slug}/diskusjon")
}

/// A programme's page.
pub fn programme(slug: &str) -> String {
    format!("/programmer/{slug}")
}

/// The page of what a requirement asks for: a module's or a programme's.
pub fn target(t: &kursbro_shared::compliance::Target) -> String {
    use kursbro_shared::compliance::Target;
    match t {
        Target::Module(m) => module(&m.slug),
        Target::Programme(p) => programme(&p.slug),
    }
}

/// A cohort's grid.
pub fn cohort(id: i64) -> String {
    format!("/kull/{id}")
}

/// A cohort's discussion area.
pub fn cohort_discussion(id: i64) -> String {
    format!("/kull/{id}/diskusjon")
}

/// One thread.
pub fn thread(id: i64) -> String {
    format!("/traader/{id}")
}

/// The course programme of the current half-year.
pub const COURSE_PROGRAMME: &str = "/kursprogram";
/// The signed-in person's notices.
pub const NOTICES: &str = "/varsler";
/// A new gathering (`?modul=…`, `?program=…`, `?kopi=ID`).
pub const NEW_GATHERING: &str = "/samlinger/ny";

/// The course programme of a half-year (`2027-var`), with its filters as a query
/// (`?tilbyder=3&tema=HLR`; empty for none).
pub fn course_programme(period: &str, query: &str) -> String {
    if query.is_empty() {
        format!("/kursprogram/{period}")
    } else {
        format!("/kursprogram/{period}?{query}")
    }
}

/// One gathering.
pub fn gathering(id: i64) -> String {
    format!("/samlinger/{id}")
}

/// Changing a gathering.
pub fn edit_gathering(id: i64) -> String {
    format!("/samlinger/{id}/endre")
}

/// A new gathering, a copy of `id`.
pub fn copy_gathering(id: i64) -> String {
    format!("/samlinger/ny?kopi={id}")
}

/// A new gathering of a module.
pub fn new_module_gathering(slug: &str) -> String {
    format!("/samlinger/ny?modul={slug}")
}

/// A new gathering of a programme.
pub fn new_programme_gathering(slug: &str) -> String {
    format!("/samlinger/ny?program={slug}")
}
