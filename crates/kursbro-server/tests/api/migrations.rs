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
