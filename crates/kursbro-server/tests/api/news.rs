//! Providers' news: its authors and admins post for their organisation, shared with
//! everyone or only with chosen organisations; readers see what is shared with them, newest
//! first; the Atom feed (checked with an independent parser) carries what is shared with
//! everyone. The demo data: Hilde (admin and author of Nordvik kommune) has posted news for
//! everyone and one item for Nordvik only; the platform admin one for Høgskolen på Fjellstad.

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

const HILDE: &str = "hilde.aas@demo.kursbro.no";
const LINE: &str = "line.dahl@demo.kursbro.no";
const OLA: &str = "ola.hansen@demo.kursbro.no";
const INTERNAL: &str = "Ny rutine for legemiddelrom i hjemmetjenesten";

async fn titles(app: &TestApp, client: &Client) -> Vec<String> {
    let page: Value = app.get(client, "/api/v1/news").await.json().await.unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn news_is_read_by_those_it_is_shared_with_newest_first() {
    let app = spawn_app().await;
    let kari = app.signed_in(LEARNER).await;
    let ola = app.signed_in(OLA).await;
    let hers = titles(&app, &kari).await;
    assert_eq!(
        hers,
        [
            INTERNAL,
            "HLR-trening med instruktør i januar",
            "Nytt kull i Helseinformatikk og digitalisering til våren"
        ],
        "newest first, her organisation's own news too"
    );
    // Another organisation's people and visitors: what is shared with everyone.
    assert_eq!(titles(&app, &ola).await, hers[1..]);
    assert_eq!(titles(&app, &app.client()).await, hers[1..]);
    // One provider's, in pages.
    let nordvik = app.org_of(LEARNER).await;
    let page: Value = app
        .get(&kari, &format!("/api/v1/news?provider={nordvik}&limit=1"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"][0]["title"], INTERNAL);
    assert_eq!(page["items"][0]["provider"]["name"], "Nordvik kommune");
    assert_eq!(page["items"][0]["shared_with_all"], false);
    assert_eq!(page["next_offset"], 1);
    let last: Value = app
        .get(
            &kari,
            &format!("/api/v1/news?provider={nordvik}&offset=1&limit=1"),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(last["next_offset"].is_null());
    let res = app.get(&kari, "/api/v1/news?limit=51").await;
    let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
    assert_eq!(err["error"]["field"], "limit");
}

#[tokio::test]
async fn authors_post_and_take_down_their_organisations_news_and_nobody_else_does() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    // Bad input: the field named, nothing posted.
    for (body, field) in [
        (
            json!({ "title": " ", "body": "x", "shared_with": null }),
            "title",
        ),
        (
            json!({ "title": "x", "body": "", "shared_with": null }),
            "body",
        ),
        (
            json!({ "title": "x", "body": "y", "shared_with": [1, 1] }),
            "shared_with",
        ),
        (
            json!({ "title": "x", "body": "y", "shared_with": [999999] }),
            "shared_with",
        ),
        (
            json!({ "title": "x", "body": "y", "shared_with": null, "themes": ["HLR", "hlr"] }),
            "themes",
        ),
    ] {
        let res = app.post_json(&hilde, "/api/v1/news", &body).await;
        let err = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, "validation").await;
        assert_eq!(err["error"]["field"], field, "{body}");
    }
    assert_eq!(titles(&app, &hilde).await.len(), 3);

    // Posted, shared with Vestfjord sykehus too; the body is Markdown made safe.
    let hospital = app.org_of(OLA).await;
    let res = app
        .post_json(
            &hilde,
            "/api/v1/news",
            &json!({ "title": "Felles fagdag", "body": "Fagdag **10. mars**. <script>alert(1)</script><img src=x onerror=alert(1)>", "shared_with": [hospital], "themes": [" Demens ", "<b>Palliasjon</b>"] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let posted: Value = res.json().await.unwrap();
    let html = posted["body_html"].as_str().unwrap();
    assert!(html.contains("<strong>10. mars</strong>"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("onerror"),
        "{html}"
    );
    assert_eq!(posted["author"], "Hilde Aas");
    // Themes are text, trimmed (the app shows them as text).
    assert_eq!(posted["themes"], json!(["Demens", "<b>Palliasjon</b>"]));
    assert_eq!(posted["may_delete"], true);
    let ola = app.signed_in(OLA).await;
    assert_eq!(titles(&app, &ola).await[0], "Felles fagdag");
    assert!(!titles(&app, &app.client())
        .await
        .contains(&"Felles fagdag".to_string()));

    // Someone who neither writes nor administers: refused. Another organisation's people
    // cannot take it down; one they cannot see does not exist for them.
    let line = app.signed_in(LINE).await;
    let res = app
        .post_json(
            &line,
            "/api/v1/news",
            &json!({ "title": "x", "body": "y", "shared_with": null }),
        )
        .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let id = posted["id"].as_i64().unwrap();
    let delete = |client: &Client, id: i64| {
        client
            .request(Method::DELETE, app.url(&format!("/api/v1/news/{id}")))
            .send()
    };
    assert_error(
        delete(&ola, id).await.unwrap(),
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let page: Value = app.get(&hilde, "/api/v1/news").await.json().await.unwrap();
    let internal = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["title"] == INTERNAL)
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    assert_error(
        delete(&ola, internal).await.unwrap(),
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(
        delete(&hilde, id).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert!(!titles(&app, &ola)
        .await
        .contains(&"Felles fagdag".to_string()));
}

#[tokio::test]
async fn the_atom_feed_carries_what_is_shared_with_everyone() {
    let app = spawn_app().await;
    let res = app.get(&app.client(), "/api/v1/news.atom").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let xml = res.bytes().await.unwrap();
    let feed = feed_rs::parser::parse(&xml[..]).expect("a valid feed");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "HLR-trening med instruktør i januar",
            "Nytt kull i Helseinformatikk og digitalisering til våren"
        ]
    );
    let first = &feed.entries[0];
    assert!(first.published.is_some());
    // Its themes, as Atom categories.
    let terms: Vec<&str> = first.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["HLR", "Akuttmedisin"]);
    assert!(first.links[0].href.ends_with(&format!(
        "/nyheter#nyhet-{}",
        first.id.rsplit('/').next().unwrap()
    )));
    assert!(first
        .content
        .as_ref()
        .unwrap()
        .body
        .as_ref()
        .unwrap()
        .contains("<em>Hjerte-lunge-redning (HLR)</em>"));
    // One provider's feed.
    let fjellstad = app.org_of("admin@demo.kursbro.no").await;
    let xml = app
        .get(
            &app.client(),
            &format!("/api/v1/news.atom?provider={fjellstad}"),
        )
        .await
        .bytes()
        .await
        .unwrap();
    let feed = feed_rs::parser::parse(&xml[..]).unwrap();
    assert_eq!(feed.entries.len(), 1);
    assert!(feed
        .title
        .unwrap()
        .content
        .contains("Høgskolen på Fjellstad"));
}

#[tokio::test]
async fn the_author_grant_alone_lets_someone_post_and_a_colleague_without_it_only_reads() {
    let app = spawn_app().await;
    // Sigrid writes for Høgskolen på Fjellstad and administers nothing; Nora works there too.
    let sigrid = app.signed_in("sigrid.fjell@demo.kursbro.no").await;
    let nora = app.signed_in("nora.haugen@demo.kursbro.no").await;
    let res = app
        .post_json(
            &sigrid,
            "/api/v1/news",
            &json!({ "title": "Eksamensdatoer", "body": "# Vår\n\nSe timeplanen.", "shared_with": [] }),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let posted: Value = res.json().await.unwrap();
    // Headings in the text sit below the item's own title.
    assert!(posted["body_html"]
        .as_str()
        .unwrap()
        .contains("<h4>Vår</h4>"));
    let page: Value = app.get(&nora, "/api/v1/news").await.json().await.unwrap();
    let seen = &page["items"][0];
    assert_eq!(seen["title"], "Eksamensdatoer");
    assert_eq!(
        seen["may_delete"], false,
        "a colleague without the grant only reads"
    );
    let id = posted["id"].as_i64().unwrap();
    let res = nora
        .request(Method::DELETE, app.url(&format!("/api/v1/news/{id}")))
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = app
        .post_json(
            &nora,
            "/api/v1/news",
            &json!({ "title": "x", "body": "y", "shared_with": null }),
        )
        .await;
    assert_error(res, StatusCode::FORBIDDEN, "forbidden").await;
    let res = sigrid
        .request(Method::DELETE, app.url(&format!("/api/v1/news/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_news_item_may_show_an_image_its_readers_alone_see() {
    let app = spawn_app().await;
    let hilde = app.signed_in(HILDE).await;
    let upload = |client: Client, bytes: Vec<u8>| {
        let url = app.url("/api/v1/news/images");
        async move {
            client
                .post(url)
                .header("content-type", "image/png")
                .body(bytes)
                .send()
                .await
                .unwrap()
        }
    };
    // Checked by its bytes; only authors and admins upload.
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    assert_error(
        upload(hilde.clone(), svg.to_vec()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_image",
    )
    .await;
    let kari = app.signed_in(LEARNER).await;
    assert_error(
        upload(kari.clone(), crate::authoring::PNG.to_vec()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let res = upload(hilde.clone(), crate::authoring::PNG.to_vec()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let img: Value = res.json().await.unwrap();
    let (id, url) = (
        img["id"].as_i64().unwrap(),
        img["url"].as_str().unwrap().to_string(),
    );

    // Not yet in a news item: nobody but Nordvik's authors sees it.
    assert_eq!(app.get(&hilde, &url).await.status(), StatusCode::OK);
    assert_error(
        app.get(&kari, &url).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Another organisation's author cannot post it; its description is needed.
    let sigrid = app.signed_in("sigrid.fjell@demo.kursbro.no").await;
    let post = |client: Client, image: Value| {
        let url = app.url("/api/v1/news");
        async move {
            client
                .post(url)
                .json(&json!({ "title": "Ny rutine", "body": "Se bildet.", "shared_with": [], "image": image }))
                .send()
                .await
                .unwrap()
        }
    };
    let e = assert_error(
        post(sigrid.clone(), json!({ "id": id, "alt": "Legemiddelrom" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(e["error"]["field"], "image");
    let e = assert_error(
        post(hilde.clone(), json!({ "id": id, "alt": " " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
    )
    .await;
    assert_eq!(e["error"]["field"], "image");
    // Posted for Nordvik only: its people see the image, others do not.
    let res = post(
        hilde.clone(),
        json!({ "id": id, "alt": "Det nye legemiddelrommet" }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let item: Value = res.json().await.unwrap();
    assert_eq!(
        item["image"],
        json!({ "url": url, "alt": "Det nye legemiddelrommet" })
    );
    let res = app.get(&kari, &url).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "image/png");
    let ola = app.signed_in(OLA).await;
    for client in [&ola, &app.client()] {
        assert_error(
            app.get(client, &url).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
}
