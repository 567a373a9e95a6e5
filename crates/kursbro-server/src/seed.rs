//! Demo data (`--demo-data`): written into an empty database on first start only.
//! The content lives in `seed/demo.json` so it can be edited without touching code.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

use kursbro_shared::api::ActivityKind;
use kursbro_shared::cohort_grid::MemberRole;
use kursbro_shared::validation::normalise_email;

use crate::store::content::{self, NewActivity, NewModule, NewProgramme};
use crate::store::{self, Db};
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
    #[serde(default)]
    units: Vec<Unit>,
    #[serde(default)]
    professions: Vec<Profession>,
    #[serde(default)]
    plans: Vec<Plan>,
    #[serde(default)]
    external_completions: Vec<ExternalCompletion>,
    #[serde(default)]
    news: Vec<News>,
    #[serde(default)]
    feedback: Vec<Feedback>,
    #[serde(default)]
    gatherings: Vec<Gathering>,
}

/// A gathering some days after the demo is created, at an Oslo time of day; people on its
/// list in order (beyond its capacity: the waitlist).
#[derive(Deserialize)]
struct Gathering {
    host: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    theme: String,
    in_days: i64,
    /// `HH:MM`, Oslo time.
    at: String,
    hours: i64,
    #[serde(default)]
    address: String,
    #[serde(default)]
    room: String,
    #[serde(default)]
    video_url: Option<String>,
    #[serde(default)]
    capacity: Option<u32>,
    #[serde(default)]
    deadline_days_before: Option<i64>,
    #[serde(default)]
    module: Option<String>,
    #[serde(default)]
    programme: Option<String>,
    #[serde(default)]
    mandatory: bool,
    #[serde(default)]
    signups: Vec<String>,
}

/// A learner's feedback on a module the demo progress completed for them.
#[derive(Deserialize)]
struct Feedback {
    email: String,
    module: String,
    relevance: i64,
    workload: i64,
    quality: i64,
    #[serde(default)]
    comment: String,
}

/// A news item posted some days ago by an author of its organisation.
#[derive(Deserialize)]
struct News {
    author: String,
    title: String,
    body: String,
    days_ago: i64,
    /// `None`: shared with everyone; otherwise only with the author's organisation and
    /// these.
    #[serde(default)]
    shared_with: Option<Vec<String>>,
    #[serde(default)]
    themes: Vec<String>,
}

/// A unit below an organisation's top unit (which is made for every organisation, named
/// after it). Listed parents first.
#[derive(Deserialize)]
struct Unit {
    organisation: String,
    code: String,
    name: String,
    /// The parent's code; `None` for a unit right below the top unit.
    parent: Option<String>,
}

#[derive(Deserialize)]
struct Profession {
    organisation: String,
    code: String,
    name: String,
}

#[derive(Deserialize)]
struct Plan {
    organisation: String,
    name: String,
    /// `None`: a central plan.
    unit: Option<String>,
    include_sub_units: bool,
    professions: Vec<String>,
    requirements: Vec<PlanRequirement>,
}

/// A module (`module`) or a programme (`programme`).
#[derive(Deserialize)]
struct PlanRequirement {
    #[serde(default)]
    module: Option<String>,
    #[serde(default)]
    programme: Option<String>,
    #[serde(default)]
    due_days_after_join: Option<i64>,
    /// Due on a fixed day this many days after the demo is created.
    #[serde(default)]
    due_in_days: Option<i64>,
    #[serde(default)]
    recertification: Option<Recert>,
}

#[derive(Deserialize)]
struct Recert {
    months: i64,
    from: String,
    #[serde(default)]
    month: Option<i64>,
    #[serde(default)]
    day: Option<i64>,
    #[serde(default)]
    min_validity_months: i64,
    window_days: i64,
}

#[derive(Deserialize)]
struct ExternalCompletion {
    email: String,
    module: String,
    days_ago: i64,
    note: String,
    approved_by: String,
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
    /// How the demo sign-ins are listed; `facilitator`, `organisation_admin` and `admin`
    /// also give the grant (a platform admin for `admin`).
    role: String,
    organisation: String,
    /// A unit code of the organisation; the top unit when absent.
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    profession: Option<String>,
    /// Codes of the units they lead.
    #[serde(default)]
    leads: Vec<String>,
    /// Writes their organisation's news.
    #[serde(default)]
    author: bool,
    /// When they joined their unit (default: two years ago, when the demo "began").
    #[serde(default)]
    joined_days_ago: Option<i64>,
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
    /// `None`: shared with everyone; otherwise only with the provider and these
    /// organisations.
    #[serde(default)]
    shared_with: Option<Vec<String>>,
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
/// Everything is written through the data-access layer, with the same rules as the app
/// (progress goes through the forward-only completion and the quiz-attempt writes).
pub async fn seed_if_empty(db: &Db) -> anyhow::Result<bool> {
    if store::people::count_organisations(db).await? > 0 {
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

    match write_demo(db, &demo, hashes).await {
        Ok(()) => {
            tracing::info!("demo data created");
            Ok(true)
        }
        // Another server seeding the same database at the same moment got there first.
        Err(e) if e.downcast_ref().is_some_and(store::is_unique_violation) => Ok(false),
        Err(e) => Err(e),
    }
}

async fn write_demo(db: &Db, demo: &Demo, hashes: Vec<String>) -> anyhow::Result<()> {
    // The demo organisations, people and courses have existed for a couple of years (so
    // work dated in the past is believable); the demo progress is recent.
    let now = Utc::now();
    let created = now - chrono::Duration::days(730);
    let mut tx = db.write().await?;
    let mut orgs = HashMap::new();
    for o in &demo.organisations {
        let id =
            store::people::insert_organisation(&mut tx, &o.slug, &o.name, &o.kind, created).await?;
        orgs.insert(o.slug.as_str(), id);
    }
    let org = |slug: &str| {
        orgs.get(slug)
            .copied()
            .with_context(|| format!("seed: unknown organisation {slug}"))
    };

    // Every organisation's top unit, then the units below it; professions.
    let mut units: HashMap<(&str, &str), i64> = HashMap::new();
    for o in &demo.organisations {
        let id =
            store::people::insert_unit(&mut tx, org(&o.slug)?, None, &o.slug, &o.name, created)
                .await?;
        units.insert((o.slug.as_str(), o.slug.as_str()), id);
    }
    let unit = |units: &HashMap<(&str, &str), i64>, o: &str, code: &str| {
        units
            .get(&(o, code))
            .copied()
            .with_context(|| format!("seed: unknown unit {code} of {o}"))
    };
    for un in &demo.units {
        let o = un.organisation.as_str();
        let parent = unit(&units, o, un.parent.as_deref().unwrap_or(o))?;
        let id =
            store::people::insert_unit(&mut tx, org(o)?, Some(parent), &un.code, &un.name, created)
                .await?;
        units.insert((o, un.code.as_str()), id);
    }
    let mut professions: HashMap<(&str, &str), i64> = HashMap::new();
    for p in &demo.professions {
        let id = store::people::insert_profession(&mut tx, org(&p.organisation)?, &p.code, &p.name)
            .await?;
        professions.insert((p.organisation.as_str(), p.code.as_str()), id);
    }
    let profession = |o: &str, code: &str| {
        professions
            .get(&(o, code))
            .copied()
            .with_context(|| format!("seed: unknown profession {code} of {o}"))
    };

    let mut users = HashMap::new();
    for (u, hash) in demo.users.iter().zip(hashes) {
        let email = normalise_email(&u.email);
        let o = u.organisation.as_str();
        let organisation_id = org(o)?;
        let joined = (now - chrono::Duration::days(u.joined_days_ago.unwrap_or(730))).date_naive();
        let new = store::people::NewUser {
            organisation_id,
            email: &email,
            name: &u.name,
            unit_id: Some(unit(&units, o, u.unit.as_deref().unwrap_or(o))?),
            unit_joined_on: Some(joined),
            profession_id: u
                .profession
                .as_deref()
                .map(|p| profession(o, p))
                .transpose()?,
            password_hash: &hash,
        };
        let id = store::people::insert_user(&mut tx, &new, created).await?;
        let grant = match u.role.as_str() {
            "facilitator" => Some(("facilitator", Some(organisation_id))),
            "admin" => Some(("platform_admin", None)),
            "organisation_admin" => Some(("admin", Some(organisation_id))),
            _ => None,
        };
        if let Some((kind, org)) = grant {
            store::people::insert_grant(&mut tx, id, kind, org, None, created).await?;
        }
        if u.author {
            store::people::insert_grant(
                &mut tx,
                id,
                "author",
                Some(organisation_id),
                None,
                created,
            )
            .await?;
        }
        for code in &u.leads {
            let led = unit(&units, o, code)?;
            store::people::insert_grant(&mut tx, id, "leader", None, Some(led), created).await?;
        }
        users.insert(u.email.as_str(), id);
    }

    let mut modules = HashMap::new();
    for m in &demo.modules {
        let search_text =
            kursbro_shared::search::search_text(&[&m.title, &m.summary, &m.description, &m.theme]);
        let new = NewModule {
            slug: &m.slug,
            title: &m.title,
            summary: &m.summary,
            description: &m.description,
            kind: &m.kind,
            theme: &m.theme,
            language: &m.language,
            credits: m.credits,
            estimated_hours: m.estimated_hours,
            validity_months: m.validity_months,
            provider_id: org(&m.provider)?,
            search_text: &search_text,
        };
        let id = content::insert_module(&mut tx, &new, created).await?;
        modules.insert(m.slug.as_str(), id);
        if let Some(shared_with) = &m.shared_with {
            let orgs = shared_with
                .iter()
                .map(|o| org(o))
                .collect::<anyhow::Result<Vec<_>>>()?;
            content::share_module_only_with(&mut tx, id, &orgs).await?;
        }
        for (position, a) in m.activities.iter().enumerate() {
            let body_html = markdown::render_lesson(&a.body);
            let activity = NewActivity {
                module_id: id,
                position: position as i64 + 1,
                kind: &a.kind,
                title: &a.title,
                summary: &a.summary,
                body_markdown: &a.body,
                body_html: &body_html,
                external_url: a.url.as_deref(),
                video_url: a.video_url.as_deref(),
                estimated_minutes: a.minutes,
                pass_mark_percent: a.pass_mark.unwrap_or(80),
            };
            let activity_id = content::insert_activity(&mut tx, &activity).await?;
            for (qpos, q) in a.questions.iter().enumerate() {
                let question_id = content::insert_question(
                    &mut tx,
                    activity_id,
                    qpos as i64 + 1,
                    &q.prompt,
                    q.multiple,
                    "",
                )
                .await?;
                for (opos, o) in q.options.iter().enumerate() {
                    content::insert_option(
                        &mut tx,
                        question_id,
                        opos as i64 + 1,
                        &o.text,
                        o.correct,
                    )
                    .await?;
                }
            }
        }
    }

    let mut programmes = HashMap::new();
    for p in &demo.programmes {
        let new = NewProgramme {
            slug: &p.slug,
            title: &p.title,
            summary: &p.summary,
            description: &p.description,
            credits: p.credits,
            provider_id: org(&p.provider)?,
        };
        let id = content::insert_programme(&mut tx, &new, created).await?;
        programmes.insert(p.slug.as_str(), id);
        for (position, pm) in p.modules.iter().enumerate() {
            let module_id = modules
                .get(pm.slug.as_str())
                .with_context(|| format!("seed: unknown module {}", pm.slug))?;
            content::add_programme_module(
                &mut tx,
                id,
                *module_id,
                position as i64 + 1,
                pm.required,
            )
            .await?;
        }
    }

    // The demo cohorts were set up a while ago: the demo progress (at most a month old)
    // was done as their members.
    let joined = now - chrono::Duration::days(90);
    for c in &demo.cohorts {
        let programme_id = programmes
            .get(c.programme.as_str())
            .with_context(|| format!("seed: unknown programme {}", c.programme))?;
        let cohort_id = store::cohorts::insert(
            &mut tx,
            org(&c.organisation)?,
            *programme_id,
            &c.name,
            c.starts_on,
            now,
        )
        .await?;
        let members = c
            .facilitators
            .iter()
            .map(|e| (e, MemberRole::Facilitator))
            .chain(c.learners.iter().map(|e| (e, MemberRole::Learner)));
        for (email, role) in members {
            let user_id = users
                .get(email.as_str())
                .with_context(|| format!("seed: unknown user {email}"))?;
            store::cohorts::add_member(&mut tx, cohort_id, *user_id, role, joined).await?;
        }
    }
    for p in &demo.progress {
        let user_id = *users
            .get(p.email.as_str())
            .with_context(|| format!("seed: unknown user {}", p.email))?;
        let module_id = *modules
            .get(p.module.as_str())
            .with_context(|| format!("seed: unknown module {}", p.module))?;
        let at = now - chrono::Duration::days(p.days_ago);
        let activities =
            store::catalogue::module_activities(&mut tx, module_id, p.activities_done as i64)
                .await?;
        for (activity_id, kind) in activities {
            if kind == ActivityKind::Quiz.as_str() {
                store::learning::add_quiz_attempt(
                    &mut tx,
                    user_id,
                    activity_id,
                    100,
                    true,
                    "[]",
                    at,
                )
                .await?;
            }
            if let (Some(text), true) = (&p.reflection, kind == ActivityKind::Reflection.as_str()) {
                store::learning::save_reflection(&mut tx, user_id, activity_id, text, at).await?;
            }
            store::learning::complete(&mut tx, user_id, activity_id, at).await?;
        }
    }
    let user = |email: &str| {
        users
            .get(email)
            .copied()
            .with_context(|| format!("seed: unknown user {email}"))
    };
    let module = |slug: &str| {
        modules
            .get(slug)
            .copied()
            .with_context(|| format!("seed: unknown module {slug}"))
    };
    for f in &demo.feedback {
        store::feedback::insert(
            &mut tx,
            user(&f.email)?,
            module(&f.module)?,
            f.relevance,
            f.workload,
            f.quality,
            &f.comment,
            now,
        )
        .await?;
    }
    for n in &demo.news {
        let author = user(&n.author)?;
        let organisation_id = store::people::organisation_of(&mut tx, author)
            .await?
            .with_context(|| format!("seed: {} has no organisation", n.author))?;
        let shared_with = n
            .shared_with
            .as_ref()
            .map(|list| {
                list.iter()
                    .map(|o| org(o))
                    .collect::<anyhow::Result<Vec<_>>>()
            })
            .transpose()?;
        store::news::insert(
            &mut tx,
            &store::news::NewNewsRow {
                organisation_id,
                author_id: author,
                title: &n.title,
                body_markdown: &n.body,
                body_html: &markdown::render_news(&n.body),
                shared_with: shared_with.as_deref(),
                themes: &serde_json::to_string(&n.themes)?,
                image: None,
            },
            now - chrono::Duration::days(n.days_ago),
        )
        .await?;
    }
    for e in &demo.external_completions {
        store::compliance::insert_external_completion(
            &mut tx,
            user(&e.email)?,
            module(&e.module)?,
            (now - chrono::Duration::days(e.days_ago)).date_naive(),
            &e.note,
            user(&e.approved_by)?,
            now - chrono::Duration::days(e.days_ago.saturating_sub(2).max(0)),
        )
        .await?;
    }
    for p in &demo.plans {
        let o = p.organisation.as_str();
        let plan_unit = p.unit.as_deref().map(|c| unit(&units, o, c)).transpose()?;
        let plan_id = store::compliance::insert_plan(
            &mut tx,
            org(o)?,
            plan_unit,
            p.include_sub_units,
            &p.name,
            created,
        )
        .await?;
        for code in &p.professions {
            store::compliance::limit_plan_to_profession(&mut tx, plan_id, profession(o, code)?)
                .await?;
        }
        for (position, r) in p.requirements.iter().enumerate() {
            let recert = r.recertification.as_ref();
            let from = match recert.map(|x| x.from.as_str()) {
                None => None,
                Some("completion") => Some("completion"),
                Some("expiry") => Some("expiry"),
                Some("fixed") => Some("fixed"),
                Some(other) => anyhow::bail!("seed: unknown recertification {other}"),
            };
            let programme_id = match &r.programme {
                Some(slug) => Some(
                    *programmes
                        .get(slug.as_str())
                        .with_context(|| format!("seed: unknown programme {slug}"))?,
                ),
                None => None,
            };
            let new = store::compliance::NewRequirement {
                module_id: r.module.as_deref().map(module).transpose()?,
                programme_id,
                position: position as i64 + 1,
                due_days_after_join: r.due_days_after_join,
                due_on: r
                    .due_in_days
                    .map(|d| (now + chrono::Duration::days(d)).date_naive()),
                recert_months: recert.map(|x| x.months),
                recert_from: from,
                fixed_month: recert.and_then(|x| x.month),
                fixed_day: recert.and_then(|x| x.day),
                min_validity_months: recert.map_or(0, |x| x.min_validity_months),
                window_days: recert.map_or(60, |x| x.window_days),
            };
            store::compliance::insert_requirement(&mut tx, plan_id, &new).await?;
        }
    }
    for g in &demo.gatherings {
        write_gathering(&mut tx, g, &org, &module, &programmes, &user, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One demo gathering, checked by the same rule as the API's, its module's step if it is
/// mandatory, and its list.
async fn write_gathering(
    tx: &mut store::Tx,
    g: &Gathering,
    org: &impl Fn(&str) -> anyhow::Result<i64>,
    module: &impl Fn(&str) -> anyhow::Result<i64>,
    programmes: &HashMap<&str, i64>,
    user: &impl Fn(&str) -> anyhow::Result<i64>,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    use kursbro_shared::gatherings::{self as rules, GatheringInput};
    let day = rules::to_local(now + chrono::Duration::days(g.in_days)).date();
    let starts = format!("{day}T{}", g.at);
    let starts_at =
        rules::parse_local("starts", &starts).map_err(|e| anyhow::anyhow!(e.message()))?;
    let input = GatheringInput {
        title: g.title.clone(),
        description: g.description.clone(),
        theme: g.theme.clone(),
        starts,
        ends: rules::local_input(starts_at + chrono::Duration::hours(g.hours)),
        address: g.address.clone(),
        room: g.room.clone(),
        video_url: g.video_url.clone().unwrap_or_default(),
        capacity: g.capacity,
        signup_deadline: g
            .deadline_days_before
            .map(|d| rules::local_input(starts_at - chrono::Duration::days(d))),
        mandatory: g.mandatory,
        ..GatheringInput::default()
    };
    let valid = rules::validate_gathering(&input, 0)
        .map_err(|e| anyhow::anyhow!("seed: gathering {}: {}", g.title, e.message()))?;
    let module_id = g.module.as_deref().map(module).transpose()?;
    let activity_id = match (module_id, g.mandatory) {
        (Some(m), true) => Some(store::gatherings::insert_step(tx, m, &valid.title).await?),
        _ => None,
    };
    let programme_id = match &g.programme {
        Some(slug) => Some(
            *programmes
                .get(slug.as_str())
                .with_context(|| format!("seed: unknown programme {slug}"))?,
        ),
        None => None,
    };
    let html = markdown::render_news(&valid.description);
    let id = store::gatherings::insert(
        tx,
        &store::gatherings::Placement {
            organisation_id: org(&g.host)?,
            module_id,
            programme_id,
            cohort_id: None,
            gathering_id: None,
            activity_id,
            mandatory: g.mandatory,
        },
        &crate::gatherings::fields(&valid, &html),
        None,
        now,
    )
    .await?;
    for (i, email) in g.signups.iter().enumerate() {
        let status = rules::status_on_arrival(valid.capacity, i as u32);
        let at = now - chrono::Duration::hours(g.signups.len() as i64 - i as i64);
        store::gatherings::add_signup(tx, id, user(email)?, status.as_str(), at).await?;
    }
    Ok(())
}
