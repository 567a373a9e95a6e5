//! Reading the catalogue: search and filters, module and programme details. Kept out of the
//! handlers so the benchmark (`benches/catalogue_search.rs`) measures exactly this code.

use std::collections::HashMap;

use kursbro_shared::api::{
    Activity, ActivityKind, Catalogue, CatalogueFacets, CatalogueQuery, ModuleDetail, ModuleKind,
    ModuleRef, ProgrammeDetail, ProgrammeModule, ProgrammeRef, ProgrammeSummary,
};
use kursbro_shared::learning::{ActivityContent, QuizOption, QuizQuestion};
use kursbro_shared::validation::{FieldError, Problem};

use crate::error::{ApiError, ApiResult};
use crate::rows::{self, ActivityRow, ModuleRow};
use crate::store::catalogue::{ModuleFilter, ProgrammeRow};
use crate::store::{self, Db};

use kursbro_shared::search::{like_pattern, search_text, search_words as words_of};

use kursbro_shared::api::{
    CATALOGUE_QUERY_MAX_CHARS as QUERY_MAX_CHARS, CATALOGUE_QUERY_MAX_WORDS as QUERY_MAX_WORDS,
};
pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = kursbro_shared::api::CATALOGUE_PAGE_MAX;

/// The lower-cased words of a search, checked against the limits.
fn search_words(q: Option<&str>) -> Result<Vec<String>, FieldError> {
    let Some(q) = q else { return Ok(Vec::new()) };
    if q.chars().count() > QUERY_MAX_CHARS {
        return Err(FieldError {
            field: "q",
            problem: Problem::TooLong {
                max: QUERY_MAX_CHARS,
            },
        });
    }
    let words = words_of(q);
    if words.len() > QUERY_MAX_WORDS {
        return Err(FieldError {
            field: "q",
            problem: Problem::TooLong {
                max: QUERY_MAX_WORDS,
            },
        });
    }
    Ok(words)
}

/// Programme summaries with their published modules, in order.
async fn programme_summaries(
    db: &Db,
    rows: Vec<ProgrammeRow>,
    viewer: Option<i64>,
) -> ApiResult<Vec<ProgrammeSummary>> {
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let links = store::catalogue::programme_modules(db, &ids, viewer).await?;
    let mut by_programme: HashMap<i64, Vec<ProgrammeModule>> = HashMap::new();
    for l in links {
        by_programme
            .entry(l.programme_id)
            .or_default()
            .push(ProgrammeModule {
                slug: l.slug,
                title: l.title,
                required: l.required,
            });
    }
    rows.into_iter()
        .map(|p| {
            Ok(ProgrammeSummary {
                modules: by_programme.remove(&p.id).unwrap_or_default(),
                provider: rows::org_ref(p.provider_id, p.provider_name, &p.provider_kind)?,
                slug: p.slug,
                title: p.title,
                summary: p.summary,
                credits: p.credits as f32,
            })
        })
        .collect()
}

/// The catalogue page: programmes, one page of matching modules, the total and the facets,
/// of what the viewer's organisation sees (`None`: not signed in, what is shared with
/// everyone).
pub async fn search(db: &Db, query: &CatalogueQuery, viewer: Option<i64>) -> ApiResult<Catalogue> {
    let words = search_words(query.q.as_deref())?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        // Said, not silently clamped: a client asking for 500 should know it got 100.
        return Err(FieldError {
            field: "limit",
            problem: Problem::OutOfRange {
                min: 1,
                max: u64::from(MAX_PAGE),
            },
        }
        .into());
    }
    let offset = query.offset.unwrap_or(0);
    let filter = ModuleFilter {
        theme: query.theme.as_deref(),
        provider: query.provider,
        language: query.language.as_deref(),
        max_hours: query.max_hours.map(i64::from),
        kind: query.kind.map(ModuleKind::as_str),
        patterns: words.iter().map(|w| like_pattern(w)).collect(),
        viewer,
    };
    let (rows, total) = store::catalogue::search_modules(db, &filter, limit, offset).await?;
    let modules = rows
        .into_iter()
        .map(ModuleRow::into_summary)
        .collect::<ApiResult<Vec<_>>>()?;
    let total_modules = u32::try_from(total).unwrap_or(u32::MAX);

    // Programmes are few: filter them here, by words (title, summary, module titles) and
    // provider. A search for courses only shows none.
    let programme_rows = store::catalogue::published_programmes(db, viewer).await?;
    let programmes = programme_summaries(db, programme_rows, viewer)
        .await?
        .into_iter()
        .filter(|_| query.kind != Some(ModuleKind::StatutoryCourse))
        .filter(|p| query.provider.is_none_or(|id| p.provider.id == id))
        .filter(|p| {
            let titles: Vec<&str> = p.modules.iter().map(|m| m.title.as_str()).collect();
            let text = search_text(&[&p.title, &p.summary, &titles.join("\n")]);
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect();

    Ok(Catalogue {
        programmes,
        modules,
        total_modules,
        facets: facets(db, viewer).await?,
    })
}

async fn facets(db: &Db, viewer: Option<i64>) -> ApiResult<CatalogueFacets> {
    let (themes, languages, providers) = store::catalogue::facets(db, viewer).await?;
    Ok(CatalogueFacets {
        themes,
        languages,
        providers: providers
            .into_iter()
            .map(|(id, name, kind)| rows::org_ref(id, name, &kind))
            .collect::<ApiResult<Vec<_>>>()?,
    })
}

/// A published module with everything needed to take it. `None` if there is none, or the
/// viewer's organisation does not see it.
pub async fn module_detail(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> ApiResult<Option<ModuleDetail>> {
    let Some(row) = store::catalogue::module(db, slug, viewer).await? else {
        return Ok(None);
    };
    let content = store::catalogue::module_content(db, row.id, viewer).await?;

    // Quiz questions and options without the answer key.
    let mut options_by_question: HashMap<i64, Vec<QuizOption>> = HashMap::new();
    for o in content.options {
        options_by_question
            .entry(o.question_id)
            .or_default()
            .push(QuizOption {
                id: o.id,
                text: o.text,
            });
    }
    let mut questions_by_activity: HashMap<i64, Vec<QuizQuestion>> = HashMap::new();
    for q in content.questions {
        questions_by_activity
            .entry(q.activity_id)
            .or_default()
            .push(QuizQuestion {
                options: options_by_question.remove(&q.id).unwrap_or_default(),
                id: q.id,
                prompt: q.prompt,
                multiple: q.multiple,
            });
    }

    let description = row.description.clone();
    let activities = content
        .activities
        .into_iter()
        .map(|a| {
            let questions = questions_by_activity.remove(&a.id).unwrap_or_default();
            activity(a, questions)
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Some(ModuleDetail {
        module: row.into_summary()?,
        description,
        activities,
        programmes: content
            .programmes
            .into_iter()
            .map(|(slug, title)| ProgrammeRef { slug, title })
            .collect(),
        prerequisite: content
            .prerequisite
            .map(|(slug, title)| ModuleRef { slug, title }),
    }))
}

fn activity(a: ActivityRow, questions: Vec<QuizQuestion>) -> ApiResult<Activity> {
    let pass_mark = u8::try_from(a.pass_mark_percent.clamp(0, 100)).unwrap_or(100);
    let body_html = a.body_html.clone();
    let external_url = a.external_url.clone();
    let video_url = a.video_url.clone();
    let gathering_id = a.gathering_id;
    let summary = a.into_summary()?;
    let content = match summary.kind {
        ActivityKind::Lesson => ActivityContent::Lesson {
            html: body_html,
            video_url,
        },
        ActivityKind::Quiz => ActivityContent::Quiz {
            pass_mark_percent: pass_mark,
            questions,
        },
        ActivityKind::Reflection => ActivityContent::Reflection {
            prompt_html: body_html,
        },
        ActivityKind::External => ActivityContent::External {
            url: external_url.unwrap_or_default(),
        },
        ActivityKind::Gathering => ActivityContent::Gathering {
            gathering_id: gathering_id.ok_or_else(|| rows::corrupt("gathering step"))?,
        },
    };
    Ok(Activity {
        id: summary.id,
        position: summary.position,
        kind: summary.kind,
        title: summary.title,
        summary: summary.summary,
        estimated_minutes: summary.estimated_minutes,
        content,
    })
}

/// A published programme. `None` if there is none, or the viewer's organisation does not
/// see it.
pub async fn programme_detail(
    db: &Db,
    slug: &str,
    viewer: Option<i64>,
) -> ApiResult<Option<ProgrammeDetail>> {
    let Some(row) = store::catalogue::programme(db, slug, viewer).await? else {
        return Ok(None);
    };
    let description = row.description.clone();
    let mut list = programme_summaries(db, vec![row], viewer).await?;
    let programme = list.pop().ok_or(ApiError::NotFound("programme"))?;
    Ok(Some(ProgrammeDetail {
        programme,
        description,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_words_are_lowercased_and_limited() {
        assert_eq!(
            search_words(Some("  Smittevern  ÅPEN ")).unwrap(),
            vec!["smittevern", "åpen"]
        );
        assert!(search_words(None).unwrap().is_empty());
        assert_eq!(search_words(Some(&"a".repeat(201))).unwrap_err().field, "q");
        assert!(search_words(Some(&"a ".repeat(11))).is_err());
    }
}
