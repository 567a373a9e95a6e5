//! Data migrations, on the schema as it was: a database made before grants, with one
//! person of each old role, migrated to today's schema, keeps every right it had.

use chrono::Utc;
use kursbro_server::rows::UserRow;
use kursbro_server::session::AuthUser;
use kursbro_server::store::{self, connect_and_migrate, connect_and_migrate_until, people};

use crate::helpers::fresh_database_url;

/// The last migration before roles became grants.
const BEFORE_GRANTS: i64 = 20261126000003;

async fn signed_in_as(db: &store::Db, id: i64) -> AuthUser {
    let row: UserRow = people::user(db, id)
        .await
        .unwrap()
        .expect("the person is kept");
    let grants = people::grants(db, id).await.unwrap();
    AuthUser::from_rows(row, grants).unwrap()
}

#[tokio::test]
async fn each_role_becomes_the_grant_with_the_same_rights() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let old = connect_and_migrate_until(&url, Some(BEFORE_GRANTS))
        .await
        .unwrap();
    let now = Utc::now();
    let mut tx = old.write().await.unwrap();
    let org =
        people::insert_organisation(&mut tx, "gamle-by", "Gamle by kommune", "municipality", now)
            .await
            .unwrap();
    tx.commit().await.unwrap();
    let mut ids = Vec::new();
    for role in ["learner", "facilitator", "leader", "admin"] {
        let email = format!("{role}@gamle-by.example");
        ids.push(
            store::testing::insert_user_with_role(&old, org, &email, role, now)
                .await
                .unwrap(),
        );
    }
    old.close().await;

    let db = connect_and_migrate(&url).await.unwrap();
    let [learner, facilitator, leader, admin] = [ids[0], ids[1], ids[2], ids[3]];
    let learner = signed_in_as(&db, learner).await;
    let facilitator = signed_in_as(&db, facilitator).await;
    let leader = signed_in_as(&db, leader).await;
    let admin = signed_in_as(&db, admin).await;

    // Everyone is in the organisation's new top unit, named after it.
    for p in [&learner, &facilitator, &leader, &admin] {
        assert_eq!(
            p.unit.as_ref().unwrap().name,
            "Gamle by kommune",
            "{}",
            p.email
        );
    }
    assert_eq!(learner.grants, Default::default(), "a learner only learns");
    assert!(facilitator.grants.facilitator && facilitator.grants.may_facilitate());
    assert!(!facilitator.grants.platform_admin && facilitator.grants.leader_of.is_empty());
    // The leader followed the whole organisation: now they lead its top unit.
    assert_eq!(leader.grants.leader_of, vec![learner.unit.clone().unwrap()]);
    assert!(!leader.grants.may_facilitate());
    assert!(admin.grants.platform_admin && admin.grants.may_facilitate());
    assert!(admin.grants.leader_of.is_empty() && !admin.grants.facilitator);
}

/// The last migration before gatherings (which rebuild SQLite's activities table).
const BEFORE_GATHERINGS: i64 = 20261127000008;

#[tokio::test]
async fn progress_survives_the_rebuild_of_the_activities_table() {
    use store::content::{self, NewActivity, NewModule};
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(dir.path()).await;
    let old = connect_and_migrate_until(&url, Some(BEFORE_GATHERINGS))
        .await
        .unwrap();
    let now = Utc::now();
    let mut tx = old.write().await.unwrap();
    let org = people::insert_organisation(&mut tx, "by", "By kommune", "municipality", now)
        .await
        .unwrap();
    // As people were made then: without the search text a later migration adds.
    let user = store::testing::insert_user_without_search_text(
        &mut tx,
        org,
        "laerer@by.example",
        "Lærer",
        now,
    )
    .await
    .unwrap();
    let module = content::insert_module(
        &mut tx,
        &NewModule {
            slug: "hlr",
            title: "HLR",
            summary: "s",
            description: "d",
            kind: "statutory_course",
            theme: "Akuttmedisin",
            language: "nb",
            credits: None,
            estimated_hours: 1,
            validity_months: None,
            provider_id: org,
            search_text: "hlr",
        },
        now,
    )
    .await
    .unwrap();
    for position in 1..=2 {
        let id = content::insert_activity(
            &mut tx,
            &NewActivity {
                module_id: module,
                position,
                kind: "lesson",
                title: "Leksjon",
                summary: "s",
                body_markdown: "",
                body_html: "",
                external_url: None,
                video_url: None,
                estimated_minutes: 5,
                pass_mark_percent: 80,
            },
        )
        .await
        .unwrap();
        store::learning::complete(&mut tx, user, id, now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    old.close().await;

    // Migrated (twice: a second start does nothing more): the completions are kept and
    // still follow their activities.
    connect_and_migrate(&url).await.unwrap().close().await;
    let db = connect_and_migrate(&url).await.unwrap();
    assert_eq!(
        store::testing::completions_in_module(&db, "laerer@by.example", "hlr")
            .await
            .unwrap(),
        2
    );
    // The people made before the search text have one after the start.
    assert_eq!(
        store::testing::search_text_of(&db, "laerer@by.example")
            .await
            .unwrap(),
        "lærer\nlaerer@by.example"
    );
    let mut tx = db.write().await.unwrap();
    let step = store::gatherings::insert_step(&mut tx, module, "Samling")
        .await
        .unwrap();
    store::learning::complete(&mut tx, user, step, now)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store::testing::completions_in_module(&db, "laerer@by.example", "hlr")
            .await
            .unwrap(),
        3,
        "an activity of kind 'gathering' is accepted and counts"
    );
}
