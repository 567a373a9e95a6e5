//! The facilitator's grid: every learner × every module, with summary, sorting, filters,
//! drill-down, CSV export and member management. The rules (cells, sorting, filters,
//! summary) come from `kursbro_shared::cohort_grid`, the same code the server uses.

use kursbro_shared::cohort_grid::{
    keep_row, sort_rows, CellStatus, CohortGrid, GridRow, RowFilter, SortKey,
};
use kursbro_shared::texts;
use leptos::prelude::*;

use crate::api;
use crate::components::loaded::Loaded;
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key, Lang};
use crate::resources::id_param;
use crate::routes;

/// Rows per page: a page renders at once even for a cohort of a thousand.
pub const PAGE_ROWS: usize = 50;

mod chart;
mod drill_down;
mod members;

use chart::CompletionChart;
use drill_down::DrillDown;
use members::MemberManager;

#[component]
pub fn CohortGridPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param();
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
        <Loaded resource=grid let:g>
            <GridView grid=g on_change=move |()| grid.refetch()/>
        </Loaded>
    }
}

/// What the cell shows: a mark and a short text, so it reads without colour.
fn cell_short(lang: Lang, cell: CellStatus) -> String {
    match cell {
        CellStatus::Completed => format!("✓ {}", texts::cell_text(lang, cell)),
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

/// The cell whose details are open.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub learner_id: i64,
    pub slug: String,
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

    // One row per learner, keyed by the learner and what the row shows, so re-sorting and
    // paging move rows instead of rebuilding them.
    let row_view = move |row: GridRow| {
        let lang = i18n.lang();
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
                    let label = format!(
                        "{}, {}: {}",
                        row.name,
                        m.title,
                        texts::cell_text(lang, cell)
                    );
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
                <th scope="row">{row.name.clone()}</th>
                <td class="num">{format!("{} %", row.overall_percent)}</td>
                <td>{last}</td>
                {cells}
            </tr>
        }
    };

    let cell_word = move |cell: CellStatus| move || texts::cell_text(i18n.lang(), cell);
    view! {
        <h1>{grid.cohort.name.clone()}</h1>
        <p class="card-meta">
            {grid.programme.title.clone()} " · " {move || i18n::starts(i18n.lang(), starts)}
            " · " {tr(Key::Facilitators)} ": " {grid.cohort.facilitators.join(", ")}
        </p>
        {grid.cohort.access.discussion.then(|| view! {
            <p><a class="button secondary" href=routes::cohort_discussion(id)>{tr(Key::Discussion)}</a></p>
        })}
        <section class="grid-summary" aria-label=tr(Key::GridSummaryLabel)>
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
            <span class="cell cell-done">"✓"</span> " " {cell_word(CellStatus::Completed)} " · "
            <span class="cell cell-progress">"◐"</span> " " {tr(Key::StatusInProgress)} " · "
            <span class="cell cell-none">"○"</span> " " {cell_word(CellStatus::NotStarted)} " · "
            <span class="cell cell-overdue">"!"</span> " " {cell_word(CellStatus::Overdue)}
        </p>
        <div class="grid-scroll" tabindex="0" role="region" aria-labelledby="grid-caption">
            <table class="grid-table">
                <caption id="grid-caption">{tr(Key::GridTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || texts::grid_columns(i18n.lang())[0]}</th>
                        <th scope="col">{move || texts::grid_columns(i18n.lang())[1]}</th>
                        <th scope="col">{move || texts::grid_columns(i18n.lang())[2]}</th>
                        {header}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=visible
                        key=move |row| (row.learner_id, i18n.lang())
                        children=row_view
                    />
                </tbody>
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
