//! Demo data (`--demo-data`): written into an empty database on first start only.
//! The content lives in `seed/demo.json` so it can be edited without touching code.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use crate::db::Db;
use crate::{markdown, password};

const DEMO_JSON: &str = include_str!("../seed/demo.json");

#[derive(Deserialize)]
struct Demo {
    password: String,
    organisations: Vec<Organisation>,
    users: Vec<User>,
    modules: Vec<Module>,
    programmes: Vec<Programme>,
    cohorts: Vec<Cohort>,
    #[serde(default)]
    progress: Vec<Progress>,
}

/// Some activities already done, so dashboards have something to show.
#[derive(Deserialize)]
struct Progress {
    email: String,
    module: String,
    activities_done: usize,
    days_ago: i64,
    #[serde(default)]
    reflection: Option<String>,
}

#[derive(Deserialize)]
struct Organisation {
    slug: String,
    name: String,
    kind: String,
}

#[derive(Deserialize)]
struct User {
    email: String,
    name: String,
    role: String,
    organisation: String,
}

#[derive(Deserialize)]
struct Module {
    slug: String,
    title: String,
    summary: String,
    description: String,
    kind: String,
    theme: String,
    language: String,
    credits: Option<f64>,
    estimated_hours: i64,
    validity_months: Option<i64>,
    provider: String,
    activities: Vec<Activity>,
}

#[derive(Deserialize)]
struct Activity {
    kind: String,
    title: String,
    summary: String,
    body: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    video_url: Option<String>,
    minutes: i64,
    #[serde(default)]
    pass_mark: Option<i64>,
    #[serde(default)]
    questions: Vec<Question>,
}

#[derive(Deserialize)]
struct Question {
    prompt: String,
    multiple: bool,
    options: Vec<QuestionOption>,
}

#[derive(Deserialize)]
struct QuestionOption {
    text: String,
    correct: bool,
}

#[derive(Deserialize)]
struct Programme {
    slug: String,
    title: String,
    summary: String,
    description: String,
    credits: f64,
    provider: String,
    modules: Vec<ProgrammeModule>,
}

#[derive(Deserialize)]
struct ProgrammeModule {
    slug: String,
    required: bool,
}

#[derive(Deserialize)]
struct Cohort {
    name: String,
    organisation: String,
    programme: String,
    starts_on: NaiveDate,
    facilitators: Vec<String>,
    learners: Vec<String>,
}

/// What to tell the person who started the server with demo data.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub password: String,
    /// (role, e-mail) of one demo user per role, then the rest.
    pub sign_ins: Vec<(String, String)>,
}

fn demo() -> anyhow::Result<Demo> {
    serde_json::from_str(DEMO_JSON).context("seed/demo.json is malformed")
}

/// The demo sign-ins, whether or not this start created them.
pub fn summary() -> anyhow::Result<DemoSummary> {
    let demo = demo()?;
    Ok(DemoSummary {
        password: demo.password,
        sign_ins: demo.users.into_iter().map(|u| (u.role, u.email)).collect(),
    })
}

/// Seeds the demo data if the database has no organisations yet. Returns whether it did.
pub async fn seed_if_empty(db: &Db) -> anyhow::Result<bool> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organisations")
        .fetch_one(db)
        .await?;
    if count > 0 {
        return Ok(false);
    }
    let demo = demo()?;

    // Hash every password before the transaction: each user gets their own salt.
    let password = demo.password.clone();
    let n = demo.users.len();
    let hashes = tokio::task::spawn_blocking(move || {
        (0..n)
            .map(|_| password::hash(&password))
            .collect::<anyhow::Result<Vec<_>>>()
    })
    .await??;

    let now = Utc::now();
    let mut tx = db.begin().await?;
    let mut orgs = HashMap::new();
    for o in &demo.organisations {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (slug, name, kind, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(&o.slug)
        .bind(&o.name)
        .bind(&o.kind)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        orgs.insert(o.slug.as_str(), id);
    }
    let org = |slug: &str| {
        orgs.get(slug)
            .copied()
            .with_context(|| format!("seed: unknown organisation {slug}"))
    };

    let mut users = HashMap::new();
    for (u, hash) in demo.users.iter().zip(hashes) {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (organisation_id, email, name, role, password_hash, created_at)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(org(&u.organisation)?)
        .bind(&u.email)
        .bind(&u.name)
        .bind(&u.role)
        .bind(hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        users.insert(u.email.as_str(), id);
    }

    let mut modules = HashMap::new();
    for m in &demo.modules {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO modules (slug, title, summary, description, kind, theme, language, credits,
                                  estimated_hours, validity_months, provider_id, created_at,
                                  search_text)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&m.slug)
        .bind(&m.title)
        .bind(&m.summary)
        .bind(&m.description)
        .bind(&m.kind)
        .bind(&m.theme)
        .bind(&m.language)
        .bind(m.credits)
        .bind(m.estimated_hours)
        .bind(m.validity_months)
        .bind(org(&m.provider)?)
        .bind(now)
        .bind(crate::catalogue::search_text(&[
            &m.title,
            &m.summary,
            &m.description,
            &m.theme,
        ]))
        .fetch_one(&mut *tx)
        .await?;
        modules.insert(m.slug.as_str(), id);
        for (position, a) in m.activities.iter().enumerate() {
            let activity_id: i64 = sqlx::query_scalar(
                "INSERT INTO activities (module_id, position, kind, title, summary, body_markdown,
                                         body_html, external_url, video_url, estimated_minutes,
                                         pass_mark_percent)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(id)
            .bind(position as i64 + 1)
            .bind(&a.kind)
            .bind(&a.title)
            .bind(&a.summary)
            .bind(&a.body)
            .bind(markdown::render_lesson(&a.body))
            .bind(&a.url)
            .bind(&a.video_url)
            .bind(a.minutes)
            .bind(a.pass_mark.unwrap_or(80))
            .fetch_one(&mut *tx)
            .await?;
            for (qpos, q) in a.questions.iter().enumerate() {
                let question_id: i64 = sqlx::query_scalar(
                    "INSERT INTO quiz_questions (activity_id, position, prompt, multiple)
                     VALUES (?, ?, ?, ?) RETURNING id",
                )
                .bind(activity_id)
                .bind(qpos as i64 + 1)
                .bind(&q.prompt)
                .bind(q.multiple)
                .fetch_one(&mut *tx)
                .await?;
                for (opos, o) in q.options.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO quiz_options (question_id, position, text, correct)
                         VALUES (?, ?, ?, ?)",
                    )
                    .bind(question_id)
                    .bind(opos as i64 + 1)
                    .bind(&o.text)
                    .bind(o.correct)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
    }

    let mut programmes = HashMap::new();
    for p in &demo.programmes {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO programmes (slug, title, summary, description, credits, provider_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&p.slug)
        .bind(&p.title)
        .bind(&p.summary)
        .bind(&p.description)
        .bind(p.credits)
        .bind(org(&p.provider)?)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        programmes.insert(p.slug.as_str(), id);
        for (position, pm) in p.modules.iter().enumerate() {
            let module_id = modules
                .get(pm.slug.as_str())
                .with_context(|| format!("seed: unknown module {}", pm.slug))?;
            sqlx::query(
                "INSERT INTO programme_modules (programme_id, module_id, position, required)
                 VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(module_id)
            .bind(position as i64 + 1)
            .bind(pm.required)
            .execute(&mut *tx)
            .await?;
        }
    }

    for c in &demo.cohorts {
        let programme_id = programmes
            .get(c.programme.as_str())
            .with_context(|| format!("seed: unknown programme {}", c.programme))?;
        let cohort_id: i64 = sqlx::query_scalar(
            "INSERT INTO cohorts (organisation_id, programme_id, name, starts_on, created_at)
             VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(org(&c.organisation)?)
        .bind(programme_id)
        .bind(&c.name)
        .bind(c.starts_on)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let members = c
            .facilitators
            .iter()
            .map(|e| (e, "facilitator"))
            .chain(c.learners.iter().map(|e| (e, "learner")));
        for (email, role) in members {
            let user_id = users
                .get(email.as_str())
                .with_context(|| format!("seed: unknown user {email}"))?;
            sqlx::query(
                "INSERT INTO cohort_members (cohort_id, user_id, role, added_at) VALUES (?, ?, ?, ?)",
            )
            .bind(cohort_id)
            .bind(user_id)
            .bind(role)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
    }
    for p in &demo.progress {
        let user_id = users
            .get(p.email.as_str())
            .with_context(|| format!("seed: unknown user {}", p.email))?;
        let module_id = modules
            .get(p.module.as_str())
            .with_context(|| format!("seed: unknown module {}", p.module))?;
        let at = now - chrono::Duration::days(p.days_ago);
        let activities: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, kind FROM activities WHERE module_id = ? ORDER BY position LIMIT ?",
        )
        .bind(module_id)
        .bind(p.activities_done as i64)
        .fetch_all(&mut *tx)
        .await?;
        for (activity_id, kind) in activities {
            sqlx::query(
                "INSERT INTO activity_completions (user_id, activity_id, completed_at) VALUES (?, ?, ?)",
            )
            .bind(user_id)
            .bind(activity_id)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            if kind == "quiz" {
                sqlx::query(
                    "INSERT INTO quiz_attempts (user_id, activity_id, score_percent, passed, answers_json, submitted_at)
                     VALUES (?, ?, 100, 1, '[]', ?)",
                )
                .bind(user_id)
                .bind(activity_id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            if let (Some(text), "reflection") = (&p.reflection, kind.as_str()) {
                sqlx::query(
                    "INSERT INTO reflections (user_id, activity_id, body, submitted_at) VALUES (?, ?, ?, ?)",
                )
                .bind(user_id)
                .bind(activity_id)
                .bind(text)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    tracing::info!("demo data created");
    Ok(true)
}
