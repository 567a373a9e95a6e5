//! Learners' feedback: a learner who completed a module answers three questions and may
//! write a few words; the module's provider (its authors and admins) reads a summary that
//! names nobody and shows nothing until enough have answered (the shared `summarise`).

use std::collections::HashMap;

use chrono::Utc;
use kursbro_shared::api::ModuleRef;
use kursbro_shared::feedback::{summarise, validate_feedback, FeedbackOverview, NewFeedback};

use crate::error::{ApiError, ApiResult};
use crate::session::AuthUser;
use crate::store::{self, Db};

/// Records the learner's answer for a module they completed, once.
pub async fn give(db: &Db, user: &AuthUser, module_id: i64, req: &NewFeedback) -> ApiResult<()> {
    validate_feedback(req)?;
    let mut tx = db.write().await?;
    if !store::feedback::completed(&mut tx, user.id, module_id).await? {
        return Err(ApiError::ModuleNotCompleted);
    }
    let stored = store::feedback::insert(
        &mut tx,
        user.id,
        module_id,
        i64::from(req.relevance),
        i64::from(req.workload),
        i64::from(req.quality),
        req.comment.trim(),
        Utc::now(),
    )
    .await?;
    if !stored {
        return Err(ApiError::FeedbackGiven);
    }
    tx.commit().await?;
    Ok(())
}

/// Every module the asker's organisation provides, with its summary: for its authors and
/// admins only.
pub async fn overview(db: &Db, user: &AuthUser) -> ApiResult<FeedbackOverview> {
    if !(user.grants.may_author() || user.grants.administers()) {
        return Err(ApiError::Forbidden);
    }
    let org = user.organisation.id;
    let mut answers: HashMap<i64, Vec<NewFeedback>> = HashMap::new();
    for (module, relevance, workload, quality, comment) in
        store::feedback::answers_for_provider(db, org).await?
    {
        let rating = |v: i64| u8::try_from(v.clamp(1, 5)).unwrap_or(1);
        answers.entry(module).or_default().push(NewFeedback {
            relevance: rating(relevance),
            workload: rating(workload),
            quality: rating(quality),
            comment,
        });
    }
    let modules = store::feedback::provided_modules(db, org)
        .await?
        .into_iter()
        .map(|(id, slug, title)| {
            summarise(
                ModuleRef { slug, title },
                answers.get(&id).map(Vec::as_slice).unwrap_or_default(),
            )
        })
        .collect();
    Ok(FeedbackOverview { modules })
}
