//! Module completions over time as a small line chart, with a text alternative.

use kursbro_shared::cohort_grid::CompletionPoint;
use leptos::prelude::*;

use crate::i18n::{self, tr, use_i18n, Key};

#[component]
pub fn CompletionChart(points: Vec<CompletionPoint>) -> impl IntoView {
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
