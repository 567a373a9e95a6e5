//! What the benchmarks share.

/// A small deterministic generator, so every run seeds the same data.
#[allow(dead_code)] // not every benchmark draws random data
pub struct Lcg(pub u64);

impl Lcg {
    #[allow(dead_code)]
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// A person of `org` with no unit or profession, signing in with the password `hash` is of.
#[allow(dead_code)] // not every benchmark makes its people this way
pub async fn person(
    tx: &mut kursbro_server::store::Tx,
    org: i64,
    email: &str,
    name: &str,
    hash: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> i64 {
    kursbro_server::store::people::insert_user(
        tx,
        &kursbro_server::store::people::NewUser {
            organisation_id: org,
            email,
            name,
            unit_id: None,
            unit_joined_on: None,
            profession_id: None,
            password_hash: hash,
        },
        at,
    )
    .await
    .unwrap()
}
