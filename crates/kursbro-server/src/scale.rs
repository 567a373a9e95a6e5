//! Regional-scale benchmarking (issue 15): the data ([`store::scale`](crate::store::scale))
//! and the API calls each page of the app makes, per role, which `make bench-scale` times
//! (`examples/scale_pages.rs`) and a server test checks answer on a small region.

pub use crate::store::scale::{fill, Filled, Scale};

pub use kursbro_shared::api::Role;

/// The e-mail address of the person of `filled` who asks as `role`.
pub fn email(filled: &Filled, role: Role) -> &str {
    match role {
        Role::Learner => &filled.learner,
        Role::Facilitator => &filled.facilitator,
        Role::Leader => &filled.leader,
        Role::Admin => &filled.admin,
    }
}

/// One API call a page makes: the page, who opens it, and the path.
#[derive(Debug, Clone)]
pub struct Call {
    pub page: &'static str,
    pub role: Role,
    pub path: String,
}

/// Every page's API calls, as the people in `f` make them.
pub fn calls(f: &Filled) -> Vec<Call> {
    use Role::*;
    let cohort = f.cohort_id;
    let module = &f.module_slug;
    let c = |page, role, path: String| Call { page, role, path };
    vec![
        c("(every page) who am I", Learner, "/api/v1/me".into()),
        c(
            "home: cohort notices",
            Learner,
            "/api/v1/me/cohort-notices".into(),
        ),
        c("home: notices", Learner, "/api/v1/notices".into()),
        c("catalogue", Learner, "/api/v1/catalogue".into()),
        c(
            "catalogue: search",
            Learner,
            "/api/v1/catalogue?q=smittevern".into(),
        ),
        c("module", Learner, format!("/api/v1/modules/{module}")),
        c(
            "module: progress",
            Learner,
            format!("/api/v1/modules/{module}/progress"),
        ),
        c(
            "programme",
            Learner,
            format!("/api/v1/programmes/{}", f.programme_slug),
        ),
        c("my progress", Learner, "/api/v1/progress".into()),
        c("my requirements", Learner, "/api/v1/me/requirements".into()),
        c("news", Learner, "/api/v1/news".into()),
        c("gatherings", Learner, "/api/v1/gatherings".into()),
        c(
            "module discussion",
            Learner,
            format!("/api/v1/discussions/modules/{module}/threads"),
        ),
        c(
            "thread",
            Learner,
            format!("/api/v1/threads/{}", f.module_thread_id),
        ),
        c(
            "cohort discussion",
            Learner,
            format!("/api/v1/discussions/cohorts/{cohort}/threads"),
        ),
        c("cohorts", Facilitator, "/api/v1/cohorts".into()),
        c(
            "cohort grid",
            Facilitator,
            format!("/api/v1/cohorts/{cohort}/grid"),
        ),
        c(
            "cohort members",
            Facilitator,
            format!("/api/v1/cohorts/{cohort}/members"),
        ),
        c(
            "cohort members: search",
            Facilitator,
            format!("/api/v1/cohorts/{cohort}/members?q=hansen"),
        ),
        c(
            "cohort: add people",
            Facilitator,
            format!("/api/v1/cohorts/{cohort}/candidates?q=berg"),
        ),
        c(
            "learner's module",
            Facilitator,
            format!(
                "/api/v1/cohorts/{cohort}/learners/{}/modules/{module}",
                f.other_learner_id
            ),
        ),
        c(
            "cohort thread",
            Facilitator,
            format!("/api/v1/threads/{}", f.cohort_thread_id),
        ),
        c(
            "moderation",
            Facilitator,
            "/api/v1/moderation/reports".into(),
        ),
        c(
            "gathering",
            Facilitator,
            format!("/api/v1/gatherings/{}", f.gathering_id),
        ),
        c(
            "gathering: participants",
            Facilitator,
            format!("/api/v1/gatherings/{}/participants", f.gathering_id),
        ),
        c(
            "competence: clinic",
            Leader,
            "/api/v1/leader/dashboard".into(),
        ),
        c(
            "competence: person",
            Leader,
            format!("/api/v1/leader/people/{}", f.other_learner_id),
        ),
        c(
            "admin: organisation",
            Admin,
            "/api/v1/admin/organisation".into(),
        ),
        c("admin: people", Admin, "/api/v1/admin/people".into()),
        c(
            "admin: people search",
            Admin,
            "/api/v1/admin/people?q=ødegård".into(),
        ),
        c(
            "admin: person",
            Admin,
            format!("/api/v1/admin/people/{}", f.other_learner_id),
        ),
        c("admin: plans", Admin, "/api/v1/plans".into()),
        c(
            "competence: organisation",
            Admin,
            "/api/v1/leader/dashboard".into(),
        ),
    ]
}
