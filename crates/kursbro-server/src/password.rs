//! Password hashing with argon2id (the argon2 crate's defaults: Argon2id v1.3,
//! m = 19 MiB, t = 2, p = 1, as OWASP recommends). Hashing is CPU-heavy, so callers run it
//! on the blocking thread pool.

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Hashes a password into a PHC string (`$argon2id$v=19$...`).
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Checks a password against a stored hash. A malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// [`verify`] on the blocking thread pool (argon2 takes tens of milliseconds of CPU).
pub async fn verify_blocking(password: String, stored: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || verify(&password, &stored))
        .await
        .map_err(|e| anyhow::anyhow!("password check panicked: {e}"))
}

/// [`hash`] on the blocking thread pool.
pub async fn hash_blocking(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash(&password))
        .await
        .map_err(|e| anyhow::anyhow!("password hashing panicked: {e}"))?
}

/// A real hash of a random password, verified against when the e-mail is unknown so that
/// an unknown address takes as long to refuse as a wrong password (no user enumeration by
/// timing).
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let random = SaltString::generate(&mut OsRng);
        hash(random.as_str()).expect("hashing a random password")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = super::hash("riktig hest batteri stift").unwrap();
        let b = super::hash("riktig hest batteri stift").unwrap();
        assert!(a.starts_with("$argon2id$v=19$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(super::verify("riktig hest batteri stift", &a));
        assert!(!super::verify("riktig hest batteri", &a));
        assert!(!super::verify("anything", "not a hash"));
        assert!(!super::verify("", super::dummy_hash()));
    }
}
