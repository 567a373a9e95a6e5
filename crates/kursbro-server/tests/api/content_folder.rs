//! A module as a content folder: exported as a zip (manifest, one Markdown file per lesson,
//! the images), imported again from the app, in another installation or with the command
//! line, and the same module comes back. Nothing of a refused import is kept.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};

use crate::authoring::*;
use crate::helpers::*;

async fn export(app: &TestApp, client: &Client) -> Response {
    app.get(client, &format!("/api/v1/authoring/modules/{SLUG}/export"))
        .await
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut files = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).unwrap();
        files.insert(f.name().to_string(), buf);
    }
    files
}

fn zip_of(files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

async fn import(app: &TestApp, client: &Client, zip: Vec<u8>) -> Response {
    client
        .post(app.url("/api/v1/authoring/import"))
        .header("content-type", "application/zip")
        .body(zip)
        .send()
        .await
        .expect("request")
}

/// The manifest with the activity ids and its origin left out (they belong to one module
/// of one installation).
fn without_ids(manifest: &[u8]) -> Value {
    let mut m: Value = serde_json::from_slice(manifest).unwrap();
    m["origin"] = Value::Null;
    for a in m["module"]["activities"].as_array_mut().unwrap() {
        a["id"] = Value::Null;
    }
    m
}

/// Sigrid's published module with a lesson showing an uploaded image and a quiz.
async fn module_with_image(app: &TestApp, sigrid: &Client) {
    let res = app
        .post_json(
            sigrid,
            "/api/v1/authoring/modules",
            &json!({ "slug": SLUG, "title": "Trykksår" }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let img: Value = upload(app, sigrid, PNG.to_vec(), "image/png")
        .await
        .json()
        .await
        .unwrap();
    let body = format!(
        "## Braden-skala\n\n![Trykkpunkter]({})\n\nVurder huden hver dag.\n",
        img["url"].as_str().unwrap()
    );
    let d = draft(
        vec![
            lesson(None, "Risiko", &body),
            quiz(None, 0),
            lesson(None, "Hud", "Observer."),
        ],
        Value::Null,
    );
    let saved: Value = save(app, sigrid, 1, &d).await.json().await.unwrap();
    let res = publish(app, sigrid, saved["version"].as_i64().unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_module_exports_and_imports_elsewhere_exactly() {
    let a = spawn_app().await;
    let sigrid_a = a.signed_in(SIGRID).await;
    module_with_image(&a, &sigrid_a).await;

    let res = export(&a, &sigrid_a).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/zip");
    assert_eq!(
        res.headers()["content-disposition"],
        format!("attachment; filename=\"{SLUG}.zip\"")
    );
    let zip = res.bytes().await.unwrap().to_vec();
    let files = unzip(&zip);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "images/1.png",
            "lessons/01.md",
            "lessons/03.md",
            "module.json"
        ]
    );
    assert_eq!(files["images/1.png"], PNG);
    assert_eq!(
        String::from_utf8(files["lessons/01.md"].clone()).unwrap(),
        "## Braden-skala\n\n![Trykkpunkter](images/1.png)\n\nVurder huden hver dag.\n"
    );
    let manifest: Value = serde_json::from_slice(&files["module.json"]).unwrap();
    assert_eq!(manifest["format"], "kursbro-module/1");
    assert_eq!(manifest["module"]["activities"][0]["content"]["body"], "");
    assert_eq!(
        manifest["module"]["activities"][1]["content"]["kind"],
        "quiz"
    );

    // Another installation: Sigrid imports it; it is a draft, hers alone until she shares it.
    let b = spawn_app().await;
    let sigrid_b = b.signed_in(SIGRID).await;
    let res = import(&b, &sigrid_b, zip.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let imported: Value = res.json().await.unwrap();
    assert_eq!(imported["published"], false);
    assert_eq!(imported["draft"]["shared_with"], json!([]));
    assert!(imported["draft"]["activities"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["id"].is_null()));
    // The image came along and the lesson shows it where it now is.
    let body = imported["draft"]["activities"][0]["content"]["body"]
        .as_str()
        .unwrap();
    let url = body
        .split("](")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap();
    assert!(url.starts_with("/api/v1/images/"), "{body}");
    let res = b.get(&sigrid_b, url).await;
    assert_eq!(res.bytes().await.unwrap().as_ref(), PNG);

    // Exported again, it is the same folder (ids aside, and sharing is never exported).
    let again = unzip(&export(&b, &sigrid_b).await.bytes().await.unwrap());
    assert_eq!(
        again.keys().collect::<Vec<_>>(),
        files.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &files {
        if name == "module.json" {
            assert_eq!(without_ids(&again[name]), without_ids(bytes));
        } else {
            assert_eq!(&again[name], bytes, "{name}");
        }
    }
}

#[tokio::test]
async fn importing_into_the_same_module_keeps_its_activities_and_bad_zips_change_nothing() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    module_with_image(&app, &sigrid).await;
    let files = unzip(&export(&app, &sigrid).await.bytes().await.unwrap());

    // Edited in git (a lesson's text), imported again: a new draft of the same module, in
    // which every activity is still the published one.
    let mut edited = files.clone();
    edited.insert(
        "lessons/03.md".into(),
        b"Observer huden morgen og kveld.".to_vec(),
    );
    let res = import(&app, &sigrid, zip_of(&edited)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let impact: Value = app
        .get(&sigrid, &format!("/api/v1/authoring/modules/{SLUG}/impact"))
        .await
        .json()
        .await
        .unwrap();
    let changes: Vec<&str> = impact["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["change"].as_str().unwrap())
        .collect();
    // The image is the one the module has: only the edited lesson changed.
    assert_eq!(changes, ["unchanged", "unchanged", "changed"]);

    // Another provider cannot take the address; a learner cannot import at all.
    let hilde = app.signed_in(HILDE).await;
    let res = import(&app, &hilde, zip_of(&files)).await;
    let e = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(e["error"]["field"], "slug");
    let kari = app.signed_in(LEARNER).await;
    let res = import(&app, &kari, zip_of(&files)).await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;

    // Refused, with what to fix, and nothing kept: not a zip, no manifest, a lesson
    // missing, an SVG among the images, a quiz without a right answer.
    let renamed = |mut f: BTreeMap<String, Vec<u8>>| {
        let mut m: Value = serde_json::from_slice(&f["module.json"]).unwrap();
        m["slug"] = json!("importert-kopi");
        f.insert("module.json".into(), serde_json::to_vec(&m).unwrap());
        f
    };
    let mut no_manifest = renamed(files.clone());
    no_manifest.remove("module.json");
    let mut no_lesson = renamed(files.clone());
    no_lesson.remove("lessons/03.md");
    let mut svg = renamed(files.clone());
    // (In place of the image the first lesson shows.)
    svg.insert(
        "images/1.png".into(),
        br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec(),
    );
    let mut no_correct = renamed(files.clone());
    let mut m: Value = serde_json::from_slice(&no_correct["module.json"]).unwrap();
    m["module"]["activities"][1]["content"]["questions"][0]["options"][0]["correct"] = json!(false);
    no_correct.insert("module.json".into(), serde_json::to_vec(&m).unwrap());
    for (zip, says) in [
        (b"not a zip".to_vec(), "not a zip"),
        (zip_of(&no_manifest), "module.json"),
        (zip_of(&no_lesson), "lessons/03.md"),
        (zip_of(&svg), "images/1.png"),
    ] {
        let e = assert_error(
            import(&app, &sigrid, zip).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
        )
        .await;
        assert!(
            e["error"]["message"].as_str().unwrap().contains(says),
            "{e}"
        );
    }
    let e = assert_error(
        import(&app, &sigrid, zip_of(&no_correct)).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(
        e["error"]["field"],
        "activities[1].content.questions[0].options"
    );
    let list: Value = app
        .get(&sigrid, "/api/v1/authoring/modules")
        .await
        .json()
        .await
        .unwrap();
    assert!(!list["modules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["slug"] == "importert-kopi"));
}

#[tokio::test]
async fn the_command_line_imports_a_folder() {
    let app = spawn_app().await;
    let sigrid = app.signed_in(SIGRID).await;
    module_with_image(&app, &sigrid).await;
    let mut files = unzip(&export(&app, &sigrid).await.bytes().await.unwrap());
    let mut m: Value = serde_json::from_slice(&files["module.json"]).unwrap();
    m["slug"] = json!("trykksar-fra-git");
    files.insert("module.json".into(), serde_json::to_vec_pretty(&m).unwrap());
    // The folder as it would sit in git.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("trykksar");
    for (name, bytes) in &files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kursbro-server"))
        .args(["--database-url", &app.database_url, "import"])
        .arg(&root)
        .args(["--author", SIGRID])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Imported as a draft: /innhold/moduler/trykksar-fra-git\n"
    );
    let d: Value = app
        .get(&sigrid, "/api/v1/authoring/modules/trykksar-fra-git")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(d["draft"]["activities"].as_array().unwrap().len(), 3);
    assert_eq!(d["draft"]["activities"][2]["content"]["body"], "Observer.");

    // A learner's address is refused, and says why.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kursbro-server"))
        .args(["--database-url", &app.database_url, "import"])
        .arg(&root)
        .args(["--author", LEARNER])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Your role does not give access"));
}
