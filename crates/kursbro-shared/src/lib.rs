//! Types and rules shared by the Kursbro server and the Kursbro web app.
//!
//! Everything here is plain Rust (no I/O, no async, no database) so it compiles for
//! `wasm32-unknown-unknown` as well as for the server, and every rule is written once:
//!
//! * [`admin`] — an organisation's units, professions, people and grants, as its admins
//!   manage them.
//! * [`api`] — the JSON shapes of `/api/v1`, kept apart from the database rows.
//! * [`validation`] — field limits and checks, run authoritatively on the server and early in the app.
//! * [`learning`] — activity content, learning events (also sent from offline), progress views.
//! * [`progress`] — how far a learner has come in a module or programme.
//! * [`training`] — green / yellow / red status of mandatory training that expires, and the
//!   competence-plan rules: recertification (from completion, from expiry, fixed dates),
//!   renewal windows and one status per person × requirement.
//! * [`compliance`] — who a competence plan covers, due rules, the learner's "Mine krav" and
//!   the leader's dashboard with its roll-ups.
//! * [`plans`] — making and changing competence plans: what a plan may hold.
//! * [`authoring`] — a provider's module drafts, what may be published, and what publishing
//!   does to learners' progress.
//! * [`news`] — providers' news: what an author may post, and how it reads.
//! * [`feedback`] — learners' feedback on modules, and the anonymous summary providers read.
//! * [`gatherings`] — gatherings (in a room, on video or both), sign-up and waitlist,
//!   attendance, the course programme's half-years, and Oslo time.
//! * [`texts`] — the languages, and the grid words the server's CSV and the app both show.

pub mod admin;
pub mod api;
pub mod authoring;
pub mod cohort_grid;
pub mod compliance;
pub mod discussion;
pub mod feedback;
pub mod gatherings;
pub mod learning;
pub mod news;
pub mod plans;
pub mod progress;
pub mod search;
pub mod texts;
pub mod training;
pub mod validation;
