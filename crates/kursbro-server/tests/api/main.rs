//! Integration tests: each test starts the real server on 127.0.0.1, port 0, with a fresh
//! SQLite file in its own temporary folder, and talks HTTP to it.

mod access;
mod admin;
mod auth;
mod authoring;
mod catalogue;
mod cohorts;
mod competence;
mod content_folder;
mod discussions;
mod errors;
mod feedback;
mod gatherings;
mod helpers;
mod learning;
mod migrations;
mod news;
mod people_import;
mod plans;
mod scale;
mod servers;
mod sharing;
mod web;
