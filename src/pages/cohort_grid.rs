//! The facilitator's grid: every learner × every module, with summary, sorting, filters,
//! drill-down, CSV export and member management. The rules (cells, sorting, filters,
//! summary) come from `kursbro_shared::cohort_grid`, the same code the server uses.

use kursbro_shared::api::UserSummary;
use kursbro_shared::cohort_grid::{
    keep_row, sort_rows, CellStatus, CohortGrid, CompletionPoint, MemberRole, NewMember, RowFilter,
    SortKey,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::components::module_card::activity_kind_key;
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key, Lang};
use crate::routes;

/// Rows per page: a page renders at once even for a cohort of a thousand.
pub const PAGE_ROWS: usize = 50;

#[component]
pub fn CohortGridPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Signal::derive(move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let grid = LocalResource::new(move || {
        let id = id.get();
        async move { api::cohort_grid(id).await }
    });
    use_title(move || match grid.get() {
        Some(Ok(g)) => g.cohort.name,
        _ => i18n.t(Key::CohortsTitle).to_string(),
    });
    view! {
        <p class="breadcrumb"><a href=routes::COHORTS>{tr(Key::CohortsTitle)}</a></p>
        <Transition fallback=LoadingIndicator>
            {move || grid.get().map(|r| match r {
                Ok(g) => view! { <GridView grid=g on_change=move |()| grid.refetch()/> }.into_any(),
                Err(e) if e.is_not_found() => view! { <h1>{tr(Key::ErrNotFound)}</h1> }.into_any(),
                Err(error) => view! { <ErrorMessage error=error on_retry=move |()| grid.refetch()/> }.into_any(),
            })}
        </Transition>
    }
}

fn cell_label(lang: Lang, cell: CellStatus) -> String {
    match cell {
        CellStatus::Completed => Key::CellCompleted.text(lang).into(),
        CellStatus::InProgress { percent } => i18n::in_progress(lang, percent),
        CellStatus::NotStarted => Key::CellNotStarted.text(lang).into(),
        CellStatus::Overdue => Key::CellOverdue.text(lang).into(),
    }
}

/// What the cell shows: a mark and a short text, so it reads without colour.
fn cell_short(lang: Lang, cell: CellStatus) -> String {
    match cell {
        CellStatus::Completed => format!("✓ {}", Key::CellCompleted.text(lang)),
        CellStatus::InProgress { percent } => match lang {
            Lang::Nb => format!("◐ {percent} %"),
            Lang::En => format!("◐ {percent}%"),
        },
        CellStatus::NotStarted => "○".into(),
        CellStatus::Overdue => format!("! {}", Key::CellOverdueShort.text(lang)),
    }
}

fn cell_class(cell: CellStatus) -> &'static str {
    match cell {
        CellStatus::Completed => "cell cell-done",
        CellStatus::InProgress { .. } => "cell cell-progress",
        CellStatus::NotStarted => "cell cell-none",
        CellStatus::Overdue => "cell cell-overdue",
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Selected {
    learner_id: i64,
    slug: String,
}

#[component]
fn GridView(grid: CohortGrid, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = grid.cohort.id;
    let sort = RwSignal::new(SortKey::Name);
    let descending = RwSignal::new(false);
    let filter = RwSignal::new(RowFilter::All);
    let page = RwSignal::new(0usize);
    let selected = RwSignal::new(None::<Selected>);
    let modules = StoredValue::new(grid.modules.clone());
    let all_rows = StoredValue::new(grid.rows.clone());
    let rows = Memo::new(move |_| {
        let now = chrono::Utc::now();
        let mut rows: Vec<_> = all_rows.with_value(|r| {
            r.iter()
                .filter(|row| keep_row(row, filter.get(), now))
                .cloned()
                .collect()
        });
        sort_rows(&mut rows, sort.get(), descending.get());
        rows
    });
    let pages = move || rows.with(|r| r.len().div_ceil(PAGE_ROWS).max(1));
    let visible = move || {
        let p = page.get().min(pages() - 1);
        rows.with(|r| {
            r.iter()
                .skip(p * PAGE_ROWS)
                .take(PAGE_ROWS)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let learners = grid.summary.learners;
    let median = grid.summary.median_percent;
    let starts = grid.cohort.starts_on;
    let per_module = grid.summary.completed_per_module.clone();

    let header = modules.with_value(|m| {
        m.iter()
            .zip(per_module)
            .map(|(m, done)| {
                view! {
                    <th scope="col">
                        <span class="col-title">{m.title.clone()}</span>
                        <span class="col-sub">{move || i18n::completed_by(i18n.lang(), done, learners)}</span>
                    </th>
                }
            })
            .collect_view()
    });

    let body = move || {
        let lang = i18n.lang();
        visible()
            .into_iter()
            .map(|row| {
                let name = row.name.clone();
                let last = row
                    .last_activity_at
                    .map(|d| i18n::date(lang, d.date_naive()))
                    .unwrap_or_else(|| Key::Never.text(lang).to_string());
                let cells = modules.with_value(|mods| {
                    row.cells
                        .iter()
                        .zip(mods.iter())
                        .map(|(cell, m)| {
                            let cell = *cell;
                            let label = format!("{}, {}: {}", row.name, m.title, cell_label(lang, cell));
                            let sel = Selected {
                                learner_id: row.learner_id,
                                slug: m.slug.clone(),
                            };
                            let pressed = {
                                let sel = sel.clone();
                                move || selected.get().as_ref() == Some(&sel)
                            };
                            view! {
                                <td>
                                    <button
                                        type="button"
                                        class=cell_class(cell)
                                        aria-label=label
                                        aria-pressed=move || if pressed() { "true" } else { "false" }
                                        on:click=move |_| selected.set(Some(sel.clone()))
                                    >
                                        {cell_short(lang, cell)}
                                    </button>
                                </td>
                            }
                        })
                        .collect_view()
                });
                view! {
                    <tr data-learner=row.learner_id>
                        <th scope="row">{name}</th>
                        <td class="num">{format!("{} %", row.overall_percent)}</td>
                        <td>{last}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <h1>{grid.cohort.name.clone()}</h1>
        <p class="card-meta">
            {grid.programme.title.clone()} " · " {move || i18n::starts(i18n.lang(), starts)}
            " · " {tr(Key::Facilitators)} ": " {grid.cohort.facilitators.join(", ")}
        </p>
        <p><a class="button secondary" href=routes::cohort_discussion(id)>{tr(Key::Discussion)}</a></p>
        <section class="grid-summary" aria-label=tr(Key::GridTitle)>
            <dl class="facts">
                <div><dt>{tr(Key::Learners)}</dt><dd>{learners}</dd></div>
                <div><dt>{tr(Key::MedianProgress)}</dt><dd>{format!("{median} %")}</dd></div>
            </dl>
            <CompletionChart points=grid.summary.completions_over_time.clone()/>
        </section>
        <form class="grid-controls" on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="grid-sort">{tr(Key::SortBy)}</label>
                <select id="grid-sort" on:change=move |ev| {
                    sort.set(match event_target_value(&ev).as_str() {
                        "progress" => SortKey::Progress,
                        "last" => SortKey::LastActivity,
                        _ => SortKey::Name,
                    });
                    page.set(0);
                }>
                    <option value="name">{tr(Key::SortName)}</option>
                    <option value="progress">{tr(Key::SortProgress)}</option>
                    <option value="last">{tr(Key::SortLastActivity)}</option>
                </select>
            </div>
            <div class="field checkbox">
                <input id="grid-desc" type="checkbox" prop:checked=descending on:change=move |ev| {
                    descending.set(event_target_checked(&ev));
                    page.set(0);
                }/>
                <label for="grid-desc">{tr(Key::Descending)}</label>
            </div>
            <div class="field">
                <label for="grid-filter">{tr(Key::Show)}</label>
                <select id="grid-filter" on:change=move |ev| {
                    filter.set(match event_target_value(&ev).as_str() {
                        "not_started" => RowFilter::NotStartedAnything,
                        "inactive" => RowFilter::Inactive,
                        "overdue" => RowFilter::Overdue,
                        _ => RowFilter::All,
                    });
                    page.set(0);
                }>
                    <option value="all">{tr(Key::FilterAll)}</option>
                    <option value="not_started">{tr(Key::FilterNotStarted)}</option>
                    <option value="inactive">{tr(Key::FilterInactive)}</option>
                    <option value="overdue">{tr(Key::FilterOverdue)}</option>
                </select>
            </div>
            <p class="downloads">
                <a class="button secondary" href=move || api::cohort_csv_url(id, false, i18n.lang() == Lang::En) download="">{tr(Key::DownloadCsv)}</a>
                " "
                <a href=move || api::cohort_csv_url(id, true, i18n.lang() == Lang::En) download="">{tr(Key::DownloadCsvComma)}</a>
            </p>
        </form>
        <p class="hint">{tr(Key::GridCaption)}</p>
        <p class="legend" aria-hidden="true">
            <span class="cell cell-done">"✓"</span> " " {tr(Key::CellCompleted)} " · "
            <span class="cell cell-progress">"◐"</span> " " {tr(Key::StatusInProgress)} " · "
            <span class="cell cell-none">"○"</span> " " {tr(Key::CellNotStarted)} " · "
            <span class="cell cell-overdue">"!"</span> " " {tr(Key::CellOverdue)}
        </p>
        <div class="grid-scroll" tabindex="0" role="region" aria-labelledby="grid-caption">
            <table class="grid-table">
                <caption id="grid-caption">{tr(Key::GridTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(Key::ColLearner)}</th>
                        <th scope="col">{tr(Key::ColOverall)}</th>
                        <th scope="col">{tr(Key::ColLastActive)}</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <Show when=move || rows.with(Vec::is_empty)>
            <p>{tr(Key::NoRowsMatch)}</p>
        </Show>
        <nav class="grid-pager" aria-label=tr(Key::GridTitle)>
            <button type="button" class="button secondary" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>
                {tr(Key::PreviousPage)}
            </button>
            <span role="status">{move || i18n::page_of(i18n.lang(), page.get().min(pages() - 1) + 1, pages())}</span>
            <button type="button" class="button secondary" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>
                {tr(Key::NextPage)}
            </button>
        </nav>
        <DrillDown cohort=id selected=selected/>
        <MemberManager cohort=id on_change=on_change/>
    }
}

/// Module completions over time as a small line chart, with a text alternative.
#[component]
fn CompletionChart(points: Vec<CompletionPoint>) -> impl IntoView {
    let i18n = use_i18n();
    let (w, h, pad) = (320.0_f64, 120.0_f64, 8.0_f64);
    let max = points
        .iter()
        .map(|p| p.completions)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = points.len().max(2) as f64 - 1.0;
    let coords: String = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let x = pad + (w - 2.0 * pad) * (i as f64) / n;
            let y = h - pad - (h - 2.0 * pad) * f64::from(p.completions) / max;
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let last = points.last().map(|p| (p.week_ending, p.completions));
    let desc = move || {
        last.map(|(d, c)| format!("{}: {c}", i18n::date(i18n.lang(), d)))
            .unwrap_or_default()
    };
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby="chart-title chart-desc" width="320" height="120">
                <title id="chart-title">{tr(Key::CompletionsChart)}</title>
                <desc id="chart-desc">{desc}</desc>
                <line x1=pad y1=h - pad x2=w - pad y2=h - pad stroke="#4a5560" stroke-width="1"></line>
                <polyline points=coords fill="none" stroke="#0b5563" stroke-width="3"></polyline>
            </svg>
            <figcaption>{tr(Key::CompletionsChart)} ": " {desc}</figcaption>
        </figure>
    }
}

#[component]
fn DrillDown(cohort: i64, selected: RwSignal<Option<Selected>>) -> impl IntoView {
    let i18n = use_i18n();
    let detail = LocalResource::new(move || {
        let sel = selected.get();
        async move {
            match sel {
                Some(s) => Some(api::drill_down(cohort, s.learner_id, &s.slug).await),
                None => None,
            }
        }
    });
    view! {
        <div class="drill-down" aria-live="polite">
            {move || detail.get().flatten().map(|r| match r {
                Ok(d) => view! {
                    <section aria-labelledby="drill-heading">
                    <h2 id="drill-heading">{format!("{} – {}", d.learner_name, d.module.title)}</h2>
                    <button type="button" class="button secondary small" on:click=move |_| selected.set(None)>{tr(Key::CloseDetails)}</button>
                    <ol class="activities">
                        {d.activities.into_iter().map(|a| {
                            let kind = activity_kind_key(a.kind);
                            let done = a.completed_at.map(|at| at.date_naive());
                            view! {
                                <li class="activity">
                                    <h3 class="activity-title">{a.title}</h3>
                                    <p class="card-meta">
                                        <span class="tag">{tr(kind)}</span> " "
                                        {move || match done {
                                            Some(d) => format!("{} {}", i18n.t(Key::Done), i18n::date(i18n.lang(), d)),
                                            None => i18n.t(Key::NotDone).to_string(),
                                        }}
                                    </p>
                                    {a.quiz.map(|q| view! {
                                        <p>{tr(Key::QuizBestShort)} ": " {move || i18n::best_score(i18n.lang(), q.best_percent, q.attempts)}</p>
                                    })}
                                    {a.reflection.map(|r| view! {
                                        <blockquote class="reflection-text"><p>{r.text}</p></blockquote>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    </section>
                }.into_any(),
                Err(error) => view! { <ErrorMessage error=error on_retry=move |()| detail.refetch()/> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn MemberManager(cohort: i64, #[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let members = LocalResource::new(move || async move { api::cohort_members(cohort).await });
    let q = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<UserSummary>>);
    let error = RwSignal::new(None::<ApiError>);
    let changed = move || {
        members.refetch();
        on_change.run(());
    };
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = q.get_untracked();
        spawn_local(async move {
            match api::cohort_candidates(cohort, &text).await {
                Ok(list) => found.set(Some(list)),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let add = move |user_id: i64, role: MemberRole| {
        spawn_local(async move {
            match api::add_member(cohort, &NewMember { user_id, role }).await {
                Ok(()) => {
                    error.set(None);
                    found.update(|f| {
                        if let Some(list) = f {
                            list.retain(|u| u.id != user_id)
                        }
                    });
                    changed();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let remove = move |user_id: i64| {
        spawn_local(async move {
            match api::remove_member(cohort, user_id).await {
                Ok(()) => {
                    error.set(None);
                    changed();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="members" aria-labelledby="members-heading">
            <h2 id="members-heading">{tr(Key::Members)}</h2>
            <div role="alert">{move || error.get().map(|e| view! { <p class="form-error">{e.user_message(i18n.lang())}</p> })}</div>
            <ul class="member-list">
                {move || members.get().and_then(Result::ok).map(|list| list.into_iter().map(|m| {
                    let role = match m.role { MemberRole::Learner => Key::RoleLearner, MemberRole::Facilitator => Key::RoleFacilitator };
                    let uid = m.user_id;
                    let label = format!("{} {}", i18n.t(Key::Remove), m.name);
                    view! {
                        <li>
                            <span>{m.name.clone()}</span> " " <span class="tag">{tr(role)}</span> " "
                            <button type="button" class="button secondary small" aria-label=label on:click=move |_| remove(uid)>{tr(Key::Remove)}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <form class="member-search" role="search" on:submit=search>
                <div class="field">
                    <label for="member-q">{tr(Key::FindPeople)}</label>
                    <div class="search-row">
                        <input id="member-q" type="search" maxlength="100" prop:value=q on:input=move |ev| q.set(event_target_value(&ev))/>
                        <button type="submit" class="button">{tr(Key::SearchButton)}</button>
                    </div>
                </div>
            </form>
            {move || found.get().map(|list| {
                if list.is_empty() {
                    return view! { <p>{tr(Key::NoCandidates)}</p> }.into_any();
                }
                view! {
                    <ul class="member-list">
                        {list.into_iter().map(|u| {
                            let uid = u.id;
                            let facilitator = matches!(u.role, kursbro_shared::api::Role::Facilitator | kursbro_shared::api::Role::Admin);
                            let learner_label = format!("{} – {}", i18n.t(Key::AddAsLearner), u.name);
                            let facilitator_label = format!("{} – {}", i18n.t(Key::AddAsFacilitator), u.name);
                            view! {
                                <li>
                                    <span>{u.name.clone()}</span> " " <span class="hint">{u.email.clone()}</span> " "
                                    <button type="button" class="button small" aria-label=learner_label on:click=move |_| add(uid, MemberRole::Learner)>{tr(Key::AddAsLearner)}</button>
                                    {facilitator.then(|| view! {
                                        " "
                                        <button type="button" class="button secondary small" aria-label=facilitator_label on:click=move |_| add(uid, MemberRole::Facilitator)>{tr(Key::AddAsFacilitator)}</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
