//! The Kursbro server: a JSON API under `/api/v1` and the built web app, on one port.
//!
//! See `ARCHITECTURE.md` at the repository root for how the pieces fit.

pub mod admin;
pub mod authoring;
pub mod catalogue;
pub mod cohorts;
pub mod compliance;
pub mod config;
pub mod content_folder;
pub mod cross_site;
pub mod discussions;
pub mod error;
pub mod feedback;
pub mod gatherings;
pub mod learning;
pub mod markdown;
pub mod news;
pub mod password;
pub mod people_import;
pub mod plans;
pub mod rate_limit;
pub mod routes;
pub mod rows;
pub mod scale;
pub mod seed;
pub mod session;
pub mod startup;
pub mod state;
pub mod store;
pub mod web;

pub use config::Config;
pub use startup::Application;
