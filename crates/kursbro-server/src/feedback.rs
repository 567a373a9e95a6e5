//! Learners' feedback: a learner who completed a module answers three questions and may
//! write a few words; the module's provider (its authors and admins) reads a summary that
//! names nobody and shows nothing until enough have answered (the shared `summarise`).

use std::collections::HashMap;

use chrono::Utc;
use kursbro_shared::api::ModuleRef;
use kursbro_shared::feedback::{
    summarise, validate_feedback, CohortFeedback, FeedbackOverview, FeedbackQuestion, NewFeedback,
};
use kursbro_shared::texts::{self, Lang};

use crate::cohorts::{write_safe, Separator};
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

/// Every module the asker's organisation provides, with its summary, and each cohort's:
/// for its authors and admins only.
pub async fn overview(db: &Db, user: &AuthUser) -> ApiResult<FeedbackOverview> {
    if !user.grants.writes_content() {
        return Err(ApiError::Forbidden);
    }
    let org = user.organisation.id;
    // Oldest first: the summaries count whole batches in that order.
    let mut answers: HashMap<i64, Vec<(i64, NewFeedback)>> = HashMap::new();
    for (module, relevance, workload, quality, comment, learner) in
        store::feedback::answers_for_provider(db, org).await?
    {
        let rating = |v: i64| u8::try_from(v.clamp(1, 5)).unwrap_or(1);
        answers.entry(module).or_default().push((
            learner,
            NewFeedback {
                relevance: rating(relevance),
                workload: rating(workload),
                quality: rating(quality),
                comment,
            },
        ));
    }
    // (module, cohort, organisation) → its learners who answered.
    let mut cohorts: Vec<((i64, String, String), Vec<i64>)> = Vec::new();
    for (cohort, organisation, module, learner) in store::feedback::answer_cohorts(db, org).await? {
        let key = (module, cohort, organisation);
        match cohorts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, learners)) => learners.push(learner),
            None => cohorts.push((key, vec![learner])),
        }
    }
    let modules = store::feedback::provided_modules(db, org)
        .await?
        .into_iter()
        .map(|(id, slug, title)| {
            let module = ModuleRef { slug, title };
            let all = answers.get(&id).map(Vec::as_slice).unwrap_or_default();
            let of = |who: Option<&[i64]>| -> Vec<NewFeedback> {
                all.iter()
                    .filter(|(l, _)| who.is_none_or(|w| w.contains(l)))
                    .map(|(_, a)| a.clone())
                    .collect()
            };
            let mut summary = summarise(module.clone(), &of(None));
            summary.cohorts = cohorts
                .iter()
                .filter(|((m, _, _), _)| *m == id)
                .map(|((_, cohort, organisation), learners)| CohortFeedback {
                    cohort: cohort.clone(),
                    organisation: organisation.clone(),
                    summary: summarise(module.clone(), &of(Some(learners))),
                })
                .collect();
            summary
        })
        .collect();
    Ok(FeedbackOverview { modules })
}

/// The overview as CSV: a line of figures per module and per cohort, then a line per
/// comment (the same comments the overview shows: none below five answers).
pub fn overview_csv(o: &FeedbackOverview, separator: Separator, lang: Lang) -> ApiResult<Vec<u8>> {
    let mut out = Vec::new();
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator.byte())
        .from_writer(out);
    write_safe(&mut w, &texts::feedback_columns(lang))?;
    let all = match lang {
        Lang::Nb => "Alle",
        Lang::En => "All",
    };
    for m in &o.modules {
        let groups = std::iter::once((all.to_string(), m)).chain(
            m.cohorts
                .iter()
                .map(|c| (format!("{} ({})", c.cohort, c.organisation), &c.summary)),
        );
        for (group, s) in groups {
            let average = |q: FeedbackQuestion| {
                s.averages
                    .iter()
                    .find(|a| a.question == q)
                    .map(|a| match lang {
                        Lang::Nb => format!("{:.1}", a.average).replace('.', ","),
                        Lang::En => format!("{:.1}", a.average),
                    })
                    .unwrap_or_default()
            };
            write_safe(
                &mut w,
                &[
                    m.module.title.clone(),
                    group.clone(),
                    s.answers.to_string(),
                    s.summarised.to_string(),
                    average(FeedbackQuestion::Relevance),
                    average(FeedbackQuestion::Workload),
                    average(FeedbackQuestion::Quality),
                    String::new(),
                ],
            )?;
            for c in &s.comments {
                let mut line = vec![String::new(); 7];
                line[0] = m.module.title.clone();
                line[1] = group.clone();
                line.push(c.clone());
                write_safe(&mut w, &line)?;
            }
        }
    }
    w.into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("csv: {e}")))
}
