//! Importing employees from CSV: every line checked, all or nothing, a report of each
//! refused line. Hilde Aas administers Nordvik kommune in the demo data.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

const ORG_ADMIN: &str = "hilde.aas@demo.kursbro.no";

async fn nordvik_people(app: &TestApp, client: &reqwest::Client) -> usize {
    let list: Vec<Value> = app.get(client, "/api/v1/users").await.json().await.unwrap();
    assert!(list
        .iter()
        .all(|u| u["organisation"]["name"] == "Nordvik kommune"));
    list.len()
}

#[tokio::test]
async fn an_import_is_all_or_nothing_with_a_report_of_each_refused_line() {
    let app = spawn_app().await;
    let body = |csv: &str, dry_run: bool| json!({ "csv": csv, "dry_run": dry_run });
    let good = "navn;e-post;enhet;yrke\n\
                Trine Vik;trine.vik@nordvik.example;HJT-N;Sykepleier\n\
                Jon Lie;Jon.Lie@Nordvik.example ;hjt-s;helsefagarbeider\n";
    for email in [LEARNER, LEADER] {
        let client = app.signed_in(email).await;
        assert_error(
            app.post_json(&client, "/api/v1/users/import", &body(good, false))
                .await,
            StatusCode::FORBIDDEN,
            "forbidden",
        )
        .await;
    }

    let hilde = app.signed_in(ORG_ADMIN).await;
    let before = nordvik_people(&app, &hilde).await;
    let bad = format!(
        "{good}\
         Uten Enhet;uten.enhet@nordvik.example;FINNES-IKKE;Sykepleier\n\
         Feil Adresse;ikke-en-adresse;HJT-N;Sykepleier\n\
         Kari Igjen;{LEARNER};HJT-N;Sykepleier\n\
         Trine To;trine.vik@nordvik.example;HJT-N;Sykepleier\n\
         For;få;kolonner\n\
         Ny Lege;ny.lege@nordvik.example;HJT-N;Lege\n"
    );
    let res = app
        .post_json(&hilde, "/api/v1/users/import", &body(&bad, false))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let report: Value = res.json().await.unwrap();
    assert_eq!(report["lines"], 8);
    assert_eq!(report["imported"], 0, "nothing half-imported");
    let refused: Vec<(u64, String, String)> = report["refused"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert!(!r["message"].as_str().unwrap().is_empty());
            (
                r["line"].as_u64().unwrap(),
                r["field"].as_str().unwrap().to_string(),
                r["problem"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect =
        |line: u64, field: &str, problem: &str| (line, field.to_string(), problem.to_string());
    assert_eq!(
        refused,
        vec![
            expect(4, "unit", "unknown_unit"),
            expect(5, "email", "invalid_email"),
            expect(6, "email", "email_taken"),
            expect(7, "email", "email_repeated"),
            expect(8, "line", "malformed"),
            expect(9, "profession", "unknown_profession"),
        ]
    );
    assert_eq!(nordvik_people(&app, &hilde).await, before);

    // Only a check: nothing stored even when every line is good.
    let checked: Value = app
        .post_json(&hilde, "/api/v1/users/import", &body(good, true))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(checked, json!({ "lines": 2, "imported": 0, "refused": [] }));
    assert_eq!(nordvik_people(&app, &hilde).await, before);

    // A file over the limit is refused whole, saying so.
    let huge = format!("{good}{}", "x".repeat(200_000));
    let res = app
        .post_json(&hilde, "/api/v1/users/import", &body(&huge, true))
        .await;
    let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(err["error"]["field"], "csv");

    // The real thing (with a byte-order mark and commas, as Excel may save it).
    let commas = "\u{feff}name,email,unit,profession\n\
                  Trine Vik,trine.vik@nordvik.example,HJT-N,sykepleier\n\
                  Jon Lie,jon.lie@nordvik.example,HJT-S,Helsefagarbeider\n";
    let done: Value = app
        .post_json(&hilde, "/api/v1/users/import", &body(commas, false))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done, json!({ "lines": 2, "imported": 2, "refused": [] }));
    assert_eq!(nordvik_people(&app, &hilde).await, before + 2);
    // They are in their units, with the requirements of their plans, for their leaders.
    let jonas = app.signed_in(LEADER).await;
    let dash: Value = app
        .get(&jonas, "/api/v1/leader/dashboard?limit=200")
        .await
        .json()
        .await
        .unwrap();
    let trine = dash["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Trine Vik")
        .expect("Trine is followed by her leader");
    assert_eq!(trine["profession"], "Sykepleier");
    assert!(trine["cells"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["status"] == "not_yet_due"));

    // A name that looks like a formula is text in the leader's spreadsheet, never run.
    let formula = "navn;e-post;enhet;yrke\n=HYPERLINK(\"http://x.example\");formel@nordvik.example;HJT-N;Sykepleier\n";
    let done: Value = app
        .post_json(&hilde, "/api/v1/users/import", &body(formula, false))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(done["imported"], 1, "{done}");
    let csv = app
        .get(&jonas, "/api/v1/leader/dashboard.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x.example\"\")\";"),
        "{csv}"
    );
    assert!(!csv.contains("\n=HYPERLINK"), "{csv}");

    // Again: every line is now taken, and still nothing changes.
    let again: Value = app
        .post_json(&hilde, "/api/v1/users/import", &body(commas, false))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["imported"], 0);
    assert_eq!(again["refused"].as_array().unwrap().len(), 2);
    assert_eq!(again["refused"][0]["problem"], "email_taken");
    assert_eq!(nordvik_people(&app, &hilde).await, before + 3);
}
