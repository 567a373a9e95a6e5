//! Catalogue search over 10,000 published modules in SQLite: how long one request's queries
//! take (the `catalogue::search` function the handler calls: page, count, programmes, facets).
//!
//! Run: `make bench` (or `cargo bench -p kursbro-server --bench catalogue_search`).
//! Target (issue 3): a search answers in ≤ 50 ms on the project's 2-core machines.
//! Figures go to BENCHMARKS.md; nothing here asserts a time.

use std::time::{Duration, Instant};

use chrono::Utc;
use kursbro_server::catalogue::search;
use kursbro_server::store::content::{self, NewModule};
use kursbro_server::store::{connect_and_migrate, people, Db};
use kursbro_shared::api::{CatalogueQuery, ModuleKind};
use kursbro_shared::search::search_text;

const MODULES: usize = 10_000;
const RUNS: usize = 200;

const TOPICS: &[&str] = &[
    "smittevern",
    "legemiddelhåndtering",
    "hjerte-lunge-redning",
    "personvern",
    "velferdsteknologi",
    "demens",
    "palliasjon",
    "ernæring",
    "diabetes",
    "kols",
    "psykisk helse",
    "rus",
    "sårbehandling",
    "dokumentasjon",
    "kommunikasjon",
    "etikk",
    "ledelse",
    "pasientsikkerhet",
    "brukermedvirkning",
    "helsedata",
];
const THEMES: &[&str] = &[
    "Pasientsikkerhet",
    "Digitalisering",
    "Akuttmedisin",
    "Tjenesteutvikling",
    "Klinisk praksis",
];

async fn seed(db: &Db) {
    let now = Utc::now();
    let mut tx = db.write().await.unwrap();
    let mut providers = Vec::new();
    for (slug, kind) in [
        ("vestfjord", "hospital"),
        ("nordvik", "municipality"),
        ("fjellstad", "university_college"),
    ] {
        let name = format!("Organisasjon {slug}");
        providers.push(
            people::insert_organisation(&mut tx, slug, &name, kind, now)
                .await
                .unwrap(),
        );
    }
    for i in 0..MODULES {
        let topic = TOPICS[i % TOPICS.len()];
        let other = TOPICS[(i * 7 + 3) % TOPICS.len()];
        let theme = THEMES[i % THEMES.len()];
        let title = format!("{} for helsepersonell, del {}", capitalise(topic), i);
        let summary = format!("Grunnleggende om {topic} og {other} i hverdagen.");
        let description = format!(
            "Modulen gir praktisk kunnskap om {topic} i kommunehelsetjenesten og på sykehus, \
             med eksempler fra vakt, dokumentasjon og samarbeid med pårørende. \
             Du lærer også sammenhengen med {other}. Modul nummer {i}."
        );
        let statutory = i % 4 == 0;
        let slug = format!("modul-{i}");
        let search = search_text(&[&title, &summary, &description, theme]);
        let module = NewModule {
            slug: &slug,
            title: &title,
            summary: &summary,
            description: &description,
            kind: if statutory {
                "statutory_course"
            } else {
                "programme_module"
            },
            theme,
            language: if i % 10 == 0 { "en" } else { "nb" },
            credits: (!statutory).then_some(5.0),
            estimated_hours: if statutory { 2 + (i % 3) as i64 } else { 135 },
            validity_months: statutory.then_some(12),
            provider_id: providers[i % 3],
            search_text: &search,
        };
        content::insert_module(&mut tx, &module, now).await.unwrap();
    }
    tx.commit().await.unwrap();
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn report(name: &str, mut times: Vec<Duration>, found: u32) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<44} matches {found:>6}   median {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() * 95 / 100]),
        ms(*times.last().unwrap())
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let db = connect_and_migrate(&url).await.unwrap();
    let t = Instant::now();
    seed(&db).await;
    println!(
        "seeded {MODULES} modules in {:.1} s; {RUNS} runs per case",
        t.elapsed().as_secs_f64()
    );

    let q = |s: &str| CatalogueQuery {
        q: Some(s.into()),
        ..Default::default()
    };
    let cases: Vec<(&str, CatalogueQuery)> = vec![
        ("no filter (first page of 50)", CatalogueQuery::default()),
        ("one word: \"demens\"", q("demens")),
        ("one word with æøå: \"ERNÆRING\"", q("ERNÆRING")),
        (
            "two words: \"smittevern pårørende\"",
            q("smittevern pårørende"),
        ),
        ("rare word: \"nummer 9999.\"", q("nummer 9999.")),
        ("no match: \"kvantefysikk\"", q("kvantefysikk")),
        (
            "courses ≤ 3 h, theme Pasientsikkerhet",
            CatalogueQuery {
                kind: Some(ModuleKind::StatutoryCourse),
                max_hours: Some(3),
                theme: Some("Pasientsikkerhet".into()),
                ..Default::default()
            },
        ),
        (
            "word + provider + language",
            CatalogueQuery {
                q: Some("palliasjon".into()),
                provider: Some(2),
                language: Some("nb".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in cases {
        // Warm up once (prepared statements, page cache), then measure.
        let found = search(&db, &query, None).await.unwrap().total_modules;
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let c = search(&db, &query, None).await.unwrap();
            times.push(t.elapsed());
            assert_eq!(c.total_modules, found);
        }
        report(name, times, found);
    }
}
