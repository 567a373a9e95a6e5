//! Authoring: a provider's authors (and admins) write modules as drafts and publish them.
//!
//! Who may: the authors and admins of the module's provider. Anyone else signed in without
//! such a grant gets 403 for the whole of authoring; an author of another provider gets 404
//! for this provider's modules, as if they did not exist. What publishing does to learners
//! is the shared `authoring` rules; this module applies them in one transaction.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use kursbro_shared::api::{ActivityKind, ModuleKind, ModuleRef, OrganisationRef, ProgrammeRef};
use kursbro_shared::authoring::{
    activity_changes, after_publish, validate_draft, validate_new_module, validate_programme,
    validate_publish, ActivityChange, AuthoredModule, AuthoredModules, AuthoredProgramme,
    ChangeKind, ContentChange, ContentChanges, DraftActivity, DraftContent, DraftError,
    DraftOption, DraftQuestion, DraftState, ImpactedActivity, LearnerAfter, ModuleDraft,
    NewModuleRequest, NewProgrammeRequest, ProgrammeChange, ProgrammeDraft, ProgrammeDraftModule,
    ProgrammeState, PublishImpact, SaveProgramme, UploadedImage, IMAGE_MAX_BYTES,
};
use kursbro_shared::validation::{FieldError, Problem};

use crate::error::{ApiError, ApiResult};
use crate::markdown;
use crate::rows;
use crate::session::AuthUser;
use crate::store::authoring::{AuthorModule, LiveActivity};
use crate::store::content::NewActivity;
use crate::store::{self, AsEx, Db};

/// Changes shown in the change log.
const CHANGES_SHOWN: i64 = 100;

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> ApiError {
    ApiError::Internal(anyhow::Error::new(e))
}

/// Authoring is for an organisation's authors and admins.
pub fn require_author(user: &AuthUser) -> ApiResult<()> {
    if user.grants.writes_content() {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// A module of the asker's organisation; another provider's is "not found".
async fn own_module(c: &mut impl AsEx, user: &AuthUser, slug: &str) -> ApiResult<AuthorModule> {
    require_author(user)?;
    match store::authoring::module_by_slug(c, slug).await? {
        Some(m) if m.provider_id == user.organisation.id => Ok(m),
        _ => Err(ApiError::NotFound("module")),
    }
}

/// The modules of the asker's organisation, with their drafts' titles.
pub async fn list(db: &Db, user: &AuthUser) -> ApiResult<AuthoredModules> {
    require_author(user)?;
    let rows = store::authoring::modules_of(db, user.organisation.id).await?;
    let drafts: HashMap<String, String> =
        store::authoring::draft_documents(db, user.organisation.id)
            .await?
            .into_iter()
            .filter_map(|(slug, doc)| {
                serde_json::from_str::<ModuleDraft>(&doc)
                    .ok()
                    .map(|d| (slug, d.title))
            })
            .collect();
    let programmes = store::authoring::programmes_of(db, user.organisation.id)
        .await?
        .into_iter()
        .map(|(slug, title, published, learners)| AuthoredProgramme {
            slug,
            title,
            published,
            learners: u32::try_from(learners).unwrap_or(u32::MAX),
        })
        .collect();
    Ok(AuthoredModules {
        programmes,
        modules: rows
            .into_iter()
            .map(|r| AuthoredModule {
                unpublished_changes: r.has_draft,
                title: drafts.get(&r.slug).cloned().unwrap_or(r.title),
                slug: r.slug,
                published: r.published,
                learners: u32::try_from(r.learners).unwrap_or(u32::MAX),
            })
            .collect(),
    })
}

/// A unique violation on creating a module or programme: its address is taken (422, named
/// for the field); any other error as it is.
fn address_taken(e: sqlx::Error, what: &str) -> ApiError {
    if store::is_unique_violation(&e) {
        ApiError::Unprocessable {
            field: "slug",
            message: format!("Another {what} has this address already. Choose another."),
        }
    } else {
        e.into()
    }
}

/// Creates a module of the asker's organisation: unpublished, with a draft to write.
pub async fn create(db: &Db, user: &AuthUser, req: &NewModuleRequest) -> ApiResult<DraftState> {
    require_author(user)?;
    validate_new_module(req)?;
    let now = Utc::now();
    let draft = ModuleDraft::new(req.title.trim());
    let mut tx = db.write().await?;
    let id = store::authoring::create_module(
        &mut tx,
        &req.slug,
        req.title.trim(),
        user.organisation.id,
        now,
    )
    .await
    .map_err(|e| address_taken(e, "module"))?;
    let doc = serde_json::to_string(&draft).map_err(internal)?;
    store::authoring::save_draft(&mut tx, id, 0, &doc, user.id, now).await?;
    store::authoring::record_change(&mut tx, id, user.id, "created", (0, 0, 0), now).await?;
    tx.commit().await?;
    state(db, user, &req.slug).await
}

/// The draft of a module: the saved one, or the published module as a draft.
pub async fn state(db: &Db, user: &AuthUser, slug: &str) -> ApiResult<DraftState> {
    let mut c = db.conn().await?;
    let m = own_module(&mut c, user, slug).await?;
    Ok(match store::authoring::draft(&mut c, m.id).await? {
        Some(d) if !d.published => DraftState {
            slug: m.slug,
            published: m.published,
            unpublished_changes: true,
            version: d.version,
            draft: serde_json::from_str(&d.document).map_err(internal)?,
            updated_at: Some(d.updated_at),
            updated_by: Some(d.updated_by),
        },
        // Published (or never edited here): the module as learners see it, with the ids the
        // publish gave new activities.
        row => DraftState {
            draft: published_draft(&mut c, m.id).await?,
            slug: m.slug,
            published: m.published,
            unpublished_changes: false,
            version: row.as_ref().map_or(0, |d| d.version),
            updated_at: row.as_ref().map(|d| d.updated_at),
            updated_by: row.map(|d| d.updated_by),
        },
    })
}

/// The published module, written as a draft.
async fn published_draft(c: &mut impl AsEx, module_id: i64) -> ApiResult<ModuleDraft> {
    let m = store::authoring::live_module(c, module_id).await?;
    let shared_with = if m.shared_with_all {
        None
    } else {
        Some(store::authoring::shares(c, module_id).await?)
    };
    Ok(ModuleDraft {
        kind: ModuleKind::parse(&m.kind).ok_or_else(|| rows::corrupt("module kind"))?,
        estimated_hours: u32::try_from(m.estimated_hours).unwrap_or(0),
        credits: m.credits.map(|c| c as f32),
        validity_months: m.validity_months.and_then(|v| u32::try_from(v).ok()),
        activities: published_activities(c, module_id).await?,
        title: m.title,
        summary: m.summary,
        description: m.description,
        theme: m.theme,
        language: m.language,
        prerequisite: m.prerequisite,
        shared_with,
    })
}

/// The published activities of a module, written as drafts (with their ids).
pub async fn published_activities_of(db: &Db, module_id: i64) -> ApiResult<Vec<DraftActivity>> {
    published_activities(&mut db.conn().await?, module_id).await
}

async fn published_activities(c: &mut impl AsEx, module_id: i64) -> ApiResult<Vec<DraftActivity>> {
    let activities = store::authoring::live_activities(c, module_id).await?;
    let questions = store::authoring::live_questions(c, module_id).await?;
    let mut options: HashMap<i64, Vec<DraftOption>> = HashMap::new();
    for (q, text, correct) in store::authoring::live_options(c, module_id).await? {
        options
            .entry(q)
            .or_default()
            .push(DraftOption { text, correct });
    }
    let mut by_activity: HashMap<i64, Vec<DraftQuestion>> = HashMap::new();
    for (id, activity, prompt, multiple, explanation) in questions {
        by_activity
            .entry(activity)
            .or_default()
            .push(DraftQuestion {
                prompt,
                multiple,
                explanation,
                options: options.remove(&id).unwrap_or_default(),
            });
    }
    activities
        .into_iter()
        .map(|a| {
            let questions = by_activity.remove(&a.id).unwrap_or_default();
            as_draft(a, questions)
        })
        .collect()
}

fn as_draft(a: LiveActivity, questions: Vec<DraftQuestion>) -> ApiResult<DraftActivity> {
    let kind = ActivityKind::parse(&a.kind).ok_or_else(|| rows::corrupt("activity kind"))?;
    let content = match kind {
        ActivityKind::Lesson => DraftContent::Lesson {
            body: a.body_markdown,
            video_url: a.video_url,
        },
        ActivityKind::Quiz => DraftContent::Quiz {
            pass_mark_percent: u8::try_from(a.pass_mark_percent.clamp(0, 100)).unwrap_or(100),
            questions,
        },
        ActivityKind::Reflection => DraftContent::Reflection {
            prompt: a.body_markdown,
        },
        ActivityKind::External => DraftContent::External {
            url: a.external_url.unwrap_or_default(),
        },
        // Never read into a draft (`live_activities` leaves gathering steps out).
        ActivityKind::Gathering => return Err(rows::corrupt("gathering step in a draft")),
    };
    Ok(DraftActivity {
        id: Some(a.id),
        title: a.title,
        summary: a.summary,
        estimated_minutes: u32::try_from(a.estimated_minutes).unwrap_or(1),
        content,
    })
}

fn draft_error(activity: Option<usize>, field: &'static str, problem: Problem) -> ApiError {
    ApiError::Draft(DraftError {
        activity,
        question: None,
        option: None,
        error: FieldError { field, problem },
    })
}

/// What the shared rules cannot check: the activities it keeps are this module's published
/// ones, of the same kind; the prerequisite is a module the provider sees (not this one);
/// the organisations exist. The prerequisite's id.
async fn check_against_data(
    db: &Db,
    c: &mut impl AsEx,
    m: &AuthorModule,
    d: &ModuleDraft,
) -> ApiResult<Option<i64>> {
    let published = published_activities(c, m.id).await?;
    for (i, a) in d.activities.iter().enumerate() {
        let Some(id) = a.id else { continue };
        match published.iter().find(|p| p.id == Some(id)) {
            None => return Err(draft_error(Some(i), "id", Problem::Unknown)),
            Some(p) if p.content.kind() != a.content.kind() => {
                return Err(draft_error(Some(i), "content", Problem::KindChanged))
            }
            Some(_) => {}
        }
    }
    let prerequisite = match &d.prerequisite {
        None => None,
        Some(slug) if *slug == m.slug => {
            return Err(draft_error(None, "prerequisite", Problem::Malformed))
        }
        Some(slug) => Some(
            store::catalogue::module_id(db, slug, Some(m.provider_id))
                .await?
                .ok_or_else(|| draft_error(None, "prerequisite", Problem::Unknown))?,
        ),
    };
    if let Some(orgs) = &d.shared_with {
        let known = store::news::organisations_among(db, orgs).await?;
        if known.len() != orgs.len() {
            return Err(draft_error(None, "shared_with", Problem::Unknown));
        }
    }
    Ok(prerequisite)
}

/// Saves a draft made from `version`; a save from an older version is refused (409).
pub async fn save(
    db: &Db,
    user: &AuthUser,
    slug: &str,
    version: i64,
    draft: &ModuleDraft,
) -> ApiResult<DraftState> {
    validate_draft(draft).map_err(ApiError::Draft)?;
    let mut c = db.conn().await?;
    let m = own_module(&mut c, user, slug).await?;
    check_against_data(db, &mut c, &m, draft).await?;
    drop(c);
    let doc = serde_json::to_string(draft).map_err(internal)?;
    let mut tx = db.write().await?;
    store::authoring::save_draft(&mut tx, m.id, version, &doc, user.id, Utc::now())
        .await?
        .ok_or(ApiError::DraftChanged)?;
    tx.commit().await?;
    state(db, user, slug).await
}

/// What publishing the draft now would do to the module and its learners.
pub async fn impact(db: &Db, user: &AuthUser, slug: &str) -> ApiResult<PublishImpact> {
    let current = state(db, user, slug).await?;
    let mut c = db.conn().await?;
    let m = own_module(&mut c, user, slug).await?;
    let live = published_draft(&mut c, m.id).await?;
    let published = live.activities.clone();
    let changes = activity_changes(&published, &current.draft.activities);
    let kept: Vec<i64> = current
        .draft
        .activities
        .iter()
        .filter_map(|a| a.id)
        .collect();
    let added = current
        .draft
        .activities
        .iter()
        .filter(|a| a.id.is_none())
        .count();
    let removed: HashSet<i64> = published
        .iter()
        .filter_map(|p| p.id)
        .filter(|id| !kept.contains(id))
        .collect();
    let completed: HashSet<i64> = store::authoring::completed_learners(&mut c, m.id)
        .await?
        .into_iter()
        .collect();
    let mut done: HashMap<i64, Vec<i64>> = HashMap::new();
    for (user_id, activity) in store::authoring::completions(&mut c, m.id).await? {
        done.entry(user_id).or_default().push(activity);
    }
    let mut out = PublishImpact {
        version: current.version,
        activities: changes
            .into_iter()
            .map(|(title, change)| ImpactedActivity { title, change })
            .collect(),
        in_progress: 0,
        completed: 0,
        will_complete: 0,
        lose_completions: 0,
        // A module never published has nobody to reach.
        module_changes: if m.published {
            kursbro_shared::authoring::module_changes(&live, &current.draft)
        } else {
            Vec::new()
        },
    };
    for (user_id, activities) in &done {
        let is_complete = completed.contains(user_id);
        if is_complete {
            out.completed += 1;
        } else {
            out.in_progress += 1;
        }
        if activities.iter().any(|a| removed.contains(a)) {
            out.lose_completions += 1;
        }
        if after_publish(activities, is_complete, &kept, added) == LearnerAfter::Completes {
            out.will_complete += 1;
        }
    }
    // Completed in an earlier round, activities not done again yet.
    out.completed += completed.iter().filter(|u| !done.contains_key(u)).count() as u32;
    Ok(out)
}

/// Publishes the draft the author reviewed (`version`): learners see it at once, and keep
/// their progress by the shared publish rules.
pub async fn publish(db: &Db, user: &AuthUser, slug: &str, version: i64) -> ApiResult<DraftState> {
    let mut c = db.conn().await?;
    let m = own_module(&mut c, user, slug).await?;
    drop(c);
    let now = Utc::now();
    let mut tx = db.write().await?;
    let doc = store::authoring::take_draft(&mut tx, m.id, version)
        .await?
        .ok_or(ApiError::DraftChanged)?;
    let draft: ModuleDraft = serde_json::from_str(&doc).map_err(internal)?;
    // Dropping the transaction on an error puts the draft back.
    validate_publish(&draft).map_err(ApiError::Draft)?;
    let prerequisite = check_against_data(db, &mut tx, &m, &draft).await?;
    let published = published_activities(&mut tx, m.id).await?;
    let changes = activity_changes(&published, &draft.activities);
    let count = |c: ActivityChange| changes.iter().filter(|(_, x)| *x == c).count() as i64;
    let counts = (
        count(ActivityChange::Added),
        count(ActivityChange::Changed),
        count(ActivityChange::Removed),
    );

    let search_text = kursbro_shared::search::search_text(&[
        &draft.title,
        &draft.summary,
        &draft.description,
        &draft.theme,
    ]);
    store::authoring::publish_module(
        &mut tx,
        m.id,
        &store::authoring::ModuleFields {
            title: draft.title.trim(),
            summary: draft.summary.trim(),
            description: &draft.description,
            theme: draft.theme.trim(),
            language: &draft.language,
            kind: draft.kind.as_str(),
            estimated_hours: i64::from(draft.estimated_hours),
            credits: draft.credits.map(f64::from),
            validity_months: draft.validity_months.map(i64::from),
            prerequisite_id: prerequisite,
            search_text: &search_text,
        },
        draft.shared_with.as_deref(),
    )
    .await?;

    store::authoring::park_positions(&mut tx, m.id).await?;
    for (position, a) in draft.activities.iter().enumerate() {
        let was =
            a.id.and_then(|id| published.iter().find(|p| p.id == Some(id)));
        let (body_markdown, body_html, external_url, video_url, pass_mark) = match &a.content {
            DraftContent::Lesson { body, video_url } => (
                body.as_str(),
                markdown::render_lesson(body),
                None,
                video_url.as_deref(),
                80,
            ),
            DraftContent::Reflection { prompt } => {
                (prompt.as_str(), markdown::render(prompt), None, None, 80)
            }
            DraftContent::External { url } => ("", String::new(), Some(url.as_str()), None, 80),
            DraftContent::Quiz {
                pass_mark_percent, ..
            } => ("", String::new(), None, None, i64::from(*pass_mark_percent)),
        };
        let row = NewActivity {
            module_id: m.id,
            position: position as i64,
            kind: a.content.kind().as_str(),
            title: a.title.trim(),
            summary: a.summary.trim(),
            body_markdown,
            body_html: &body_html,
            external_url,
            video_url,
            estimated_minutes: i64::from(a.estimated_minutes),
            pass_mark_percent: pass_mark,
        };
        let (id, questions_changed) = match (a.id, was) {
            (Some(id), Some(was)) => {
                store::authoring::update_activity(&mut tx, id, &row).await?;
                (
                    id,
                    quiz_questions(&was.content) != quiz_questions(&a.content),
                )
            }
            _ => (store::content::insert_activity(&mut tx, &row).await?, true),
        };
        // Questions are written again only when they changed: a learner answering offline
        // keeps valid question ids when only the wording around them changed.
        match (&a.content, questions_changed) {
            (DraftContent::Quiz { questions, .. }, true) => {
                store::authoring::replace_questions(&mut tx, id, questions).await?;
            }
            (DraftContent::Quiz { questions, .. }, false) => {
                let texts: Vec<&str> = questions.iter().map(|q| q.explanation.as_str()).collect();
                store::authoring::set_explanations(&mut tx, id, &texts).await?;
            }
            _ => {}
        }
    }
    store::authoring::unpark_gathering_steps(&mut tx, m.id).await?;
    for p in &published {
        if let Some(id) =
            p.id.filter(|id| !draft.activities.iter().any(|a| a.id == Some(*id)))
        {
            store::authoring::remove_activity(&mut tx, id, now).await?;
        }
    }
    // Learners see the images the published lessons show, no others.
    let mut shown: Vec<i64> = Vec::new();
    for a in &draft.activities {
        if let DraftContent::Lesson { body, .. } = &a.content {
            kursbro_shared::authoring::rewrite_image_links(body, |t| {
                shown.extend(kursbro_shared::authoring::image_id(t));
                None
            });
        }
    }
    store::authoring::set_images_in_use(&mut tx, m.id, &shown).await?;
    store::authoring::complete_finished(&mut tx, m.id).await?;
    store::authoring::record_change(&mut tx, m.id, user.id, "published", counts, now).await?;
    tx.commit().await?;
    state(db, user, slug).await
}

/// A quiz's questions as they are graded (texts trimmed, as they are stored); `None` for
/// other activities.
type GradedQuestions = Vec<(String, bool, Vec<(String, bool)>)>;

fn quiz_questions(c: &DraftContent) -> Option<GradedQuestions> {
    match c {
        DraftContent::Quiz { questions, .. } => Some(
            questions
                .iter()
                .map(|q| {
                    (
                        q.prompt.trim().to_string(),
                        q.multiple,
                        q.options
                            .iter()
                            .map(|o| (o.text.trim().to_string(), o.correct))
                            .collect(),
                    )
                })
                .collect(),
        ),
        _ => None,
    }
}

/// Renders lesson Markdown as learners will see it.
pub fn preview(user: &AuthUser, markdown_text: &str) -> ApiResult<String> {
    require_author(user)?;
    kursbro_shared::validation::check_text(
        "markdown",
        markdown_text,
        kursbro_shared::authoring::LESSON_MAX_CHARS,
    )
    .or_else(|e| {
        if e.problem == Problem::Required {
            Ok(())
        } else {
            Err(e)
        }
    })?;
    Ok(markdown::render_lesson(markdown_text))
}

/// The type of an image, from its bytes (never its name or the type the upload claims).
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    let t = infer::get(bytes)?.mime_type();
    kursbro_shared::authoring::IMAGE_TYPES
        .into_iter()
        .find(|accepted| *accepted == t)
}

/// An upload's image type, or why it is refused: over the size limit (413), or not a PNG,
/// JPEG or WebP image by its bytes (415). For lessons' and news images alike.
pub fn image_type(bytes: &[u8]) -> ApiResult<&'static str> {
    if bytes.len() > IMAGE_MAX_BYTES {
        return Err(ApiError::ImageTooLarge);
    }
    sniff_image(bytes).ok_or(ApiError::UnsupportedImage)
}

/// Stores an image for a module's lessons.
pub async fn upload_image(
    db: &Db,
    user: &AuthUser,
    slug: &str,
    bytes: &[u8],
) -> ApiResult<UploadedImage> {
    let mut c = db.conn().await?;
    let m = own_module(&mut c, user, slug).await?;
    drop(c);
    let content_type = image_type(bytes)?;
    let mut tx = db.write().await?;
    let id =
        store::authoring::insert_image(&mut tx, m.id, content_type, bytes, user.id, Utc::now())
            .await?;
    tx.commit().await?;
    Ok(UploadedImage {
        id,
        url: format!("{}/images/{id}", kursbro_shared::api::API_PREFIX),
        content_type: content_type.to_string(),
        bytes: bytes.len() as u64,
    })
}

/// The latest changes to the asker's organisation's content, newest first.
pub async fn changes(db: &Db, user: &AuthUser) -> ApiResult<ContentChanges> {
    require_author(user)?;
    let rows = store::authoring::changes(db, user.organisation.id, CHANGES_SHOWN).await?;
    let programmes = store::authoring::programme_changes(db, user.organisation.id, CHANGES_SHOWN)
        .await?
        .into_iter()
        .map(|r| ProgrammeChange {
            programme: ProgrammeRef {
                slug: r.slug,
                title: r.title,
            },
            author: r.author,
            at: r.changed_at,
            what: match r.what.as_str() {
                "created" => ChangeKind::Created,
                "published" => ChangeKind::Published,
                "saved" => ChangeKind::Saved,
                _ => ChangeKind::Unknown,
            },
        })
        .collect();
    Ok(ContentChanges {
        programmes,
        changes: rows
            .into_iter()
            .map(|r| ContentChange {
                module: ModuleRef {
                    slug: r.slug,
                    title: r.title,
                },
                author: r.author,
                at: r.changed_at,
                what: match r.what.as_str() {
                    "created" => ChangeKind::Created,
                    "published" => ChangeKind::Published,
                    _ => ChangeKind::Unknown,
                },
                added: u32::try_from(r.added).unwrap_or(0),
                changed: u32::try_from(r.changed).unwrap_or(0),
                removed: u32::try_from(r.removed).unwrap_or(0),
            })
            .collect(),
    })
}

/// Removes an image of the module (one uploaded by mistake): from then on nobody is served
/// it, also where a published lesson still links to it.
pub async fn delete_image(db: &Db, user: &AuthUser, slug: &str, id: i64) -> ApiResult<()> {
    let m = own_module(&mut db.conn().await?, user, slug).await?;
    let mut tx = db.write().await?;
    if !store::authoring::delete_image(&mut tx, m.id, id).await? {
        return Err(ApiError::NotFound("image"));
    }
    tx.commit().await?;
    Ok(())
}

/// The organisation whose modules' images (drafts' too) `user` may see: their own, when
/// they write for it.
pub fn authors_for(user: &AuthUser) -> Option<i64> {
    user.grants.writes_content().then_some(user.organisation.id)
}

/// A programme of the asker's organisation; another provider's is "not found".
async fn own_programme(
    c: &mut impl AsEx,
    user: &AuthUser,
    slug: &str,
) -> ApiResult<store::authoring::AuthorProgramme> {
    require_author(user)?;
    match store::authoring::programme_by_slug(c, slug).await? {
        Some(p) if p.provider_id == user.organisation.id => Ok(p),
        _ => Err(ApiError::NotFound("programme")),
    }
}

/// Creates a programme of the asker's organisation: not published, no modules yet.
pub async fn create_programme(
    db: &Db,
    user: &AuthUser,
    req: &NewProgrammeRequest,
) -> ApiResult<ProgrammeState> {
    require_author(user)?;
    validate_new_module(req)?;
    let now = Utc::now();
    let mut tx = db.write().await?;
    let id = store::authoring::create_programme(
        &mut tx,
        &req.slug,
        req.title.trim(),
        user.organisation.id,
        now,
    )
    .await
    .map_err(|e| address_taken(e, "programme"))?;
    store::authoring::record_programme_change(&mut tx, id, user.id, "created", now).await?;
    tx.commit().await?;
    programme_state(db, user, &req.slug).await
}

/// A programme as its author edits it.
pub async fn programme_state(db: &Db, user: &AuthUser, slug: &str) -> ApiResult<ProgrammeState> {
    let mut c = db.conn().await?;
    let p = own_programme(&mut c, user, slug).await?;
    let shared_with = if p.shared_with_all {
        None
    } else {
        Some(store::authoring::programme_shares(&mut c, p.id).await?)
    };
    let modules = store::authoring::programme_module_list(&mut c, p.id).await?;
    Ok(ProgrammeState {
        slug: p.slug,
        published: p.published,
        module_titles: modules.iter().map(|(_, t, _)| t.clone()).collect(),
        draft: ProgrammeDraft {
            title: p.title,
            summary: p.summary,
            description: p.description,
            credits: p.credits as f32,
            shared_with,
            modules: modules
                .into_iter()
                .map(|(slug, _, required)| ProgrammeDraftModule { slug, required })
                .collect(),
        },
    })
}

/// Saves a programme; learners see it as saved at once when it is published. Its modules
/// must be published modules the provider sees (any provider's).
pub async fn save_programme(
    db: &Db,
    user: &AuthUser,
    slug: &str,
    req: &SaveProgramme,
) -> ApiResult<ProgrammeState> {
    // Whose it is comes first: another provider's programme is "not found", whatever the
    // body says.
    let mut c = db.conn().await?;
    let p = own_programme(&mut c, user, slug).await?;
    drop(c);
    validate_programme(&req.draft, req.published)?;
    if let Some(orgs) = &req.draft.shared_with {
        if store::news::organisations_among(db, orgs).await?.len() != orgs.len() {
            return Err(ApiError::Validation(FieldError {
                field: "shared_with",
                problem: Problem::Unknown,
            }));
        }
    }
    let mut modules = Vec::with_capacity(req.draft.modules.len());
    for m in &req.draft.modules {
        let id = store::catalogue::module_id(db, &m.slug, Some(user.organisation.id))
            .await?
            .ok_or(ApiError::Validation(FieldError {
                field: "modules",
                problem: Problem::Unknown,
            }))?;
        // The programme reaches nobody its modules do not: otherwise those it reaches would
        // complete it (and a plan requiring it) without a module they cannot see.
        let reaches = match &req.draft.shared_with {
            None => store::catalogue::module_id(db, &m.slug, None)
                .await?
                .is_some(),
            Some(orgs) => {
                let mut all = true;
                for o in orgs {
                    all &= store::catalogue::module_id(db, &m.slug, Some(*o))
                        .await?
                        .is_some();
                }
                all
            }
        };
        if !reaches {
            return Err(ApiError::Unprocessable {
                field: "modules",
                message: format!(
                    "The module {:?} is not shared with everyone the programme is shared with. Share the programme with fewer organisations, or choose another module.",
                    m.slug
                ),
            });
        }
        modules.push((id, m.required));
    }
    let now = Utc::now();
    let mut tx = db.write().await?;
    store::authoring::save_programme(
        &mut tx,
        p.id,
        &store::authoring::ProgrammeFields {
            title: req.draft.title.trim(),
            summary: req.draft.summary.trim(),
            description: &req.draft.description,
            credits: f64::from(req.draft.credits),
            published: req.published,
            shared_with: req.draft.shared_with.as_deref(),
            modules: &modules,
        },
    )
    .await?;
    let what = if req.published { "published" } else { "saved" };
    store::authoring::record_programme_change(&mut tx, p.id, user.id, what, now).await?;
    tx.commit().await?;
    programme_state(db, user, slug).await
}

/// Every organisation, to choose whom to share a module with (for authors).
pub async fn organisations(db: &Db, user: &AuthUser) -> ApiResult<Vec<OrganisationRef>> {
    require_author(user)?;
    store::authoring::organisations(db)
        .await?
        .into_iter()
        .map(|(id, name, kind)| rows::org_ref(id, name, &kind))
        .collect()
}
