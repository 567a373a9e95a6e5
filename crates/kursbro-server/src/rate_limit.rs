//! Counts events per key in a sliding window: failed sign-ins per client address, posts
//! per author.
//!
//! For sign-ins only events are recorded, and a success does not reset the count
//! (otherwise an attacker could interleave sign-ins to an account of their own). Kept in
//! memory: one server process serves the whole app, and a restart forgetting the counts is
//! acceptable.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct WindowLimiter<K> {
    max_events: usize,
    window: Duration,
    events: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K: Eq + Hash + Copy> WindowLimiter<K> {
    pub fn new(max_events: u32, window: Duration) -> Self {
        Self {
            max_events: max_events as usize,
            window,
            events: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when `key` has used up its events in the window.
    pub fn check(&self, key: K) -> Result<(), u64> {
        self.check_at(key, Instant::now())
    }

    /// Records one event for `key`.
    pub fn record(&self, key: K) {
        self.record_at(key, Instant::now())
    }

    fn check_at(&self, key: K, now: Instant) -> Result<(), u64> {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        let Some(times) = map.get_mut(&key) else {
            return Ok(());
        };
        self.prune(times, now);
        if times.len() < self.max_events {
            return Ok(());
        }
        // The oldest failure in the window decides when the next try is allowed.
        let oldest = times.front().copied().unwrap_or(now);
        let wait = self.window.saturating_sub(now.duration_since(oldest));
        Err(wait.as_secs().max(1))
    }

    fn record_at(&self, key: K, now: Instant) {
        let mut map = self.events.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() > 10_000 {
            // Bounded memory under a spray of addresses: forget the ones that are quiet.
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        let times = map.entry(key).or_default();
        self.prune(times, now);
        times.push_back(now);
    }

    fn prune(&self, times: &mut VecDeque<Instant>, now: Instant) {
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_events_within_the_window_and_recovers() {
        let limiter = WindowLimiter::new(3, Duration::from_secs(60));
        let ip: std::net::IpAddr = "192.0.2.1".parse().unwrap();
        let other: std::net::IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Instant::now();
        for i in 0..3 {
            assert_eq!(limiter.check_at(ip, t0 + Duration::from_secs(i)), Ok(()));
            limiter.record_at(ip, t0 + Duration::from_secs(i));
        }
        let wait = limiter
            .check_at(ip, t0 + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(wait, 50);
        assert_eq!(
            limiter.check_at(other, t0 + Duration::from_secs(10)),
            Ok(())
        );
        // Once the first failure has left the window, one more try is allowed.
        assert_eq!(limiter.check_at(ip, t0 + Duration::from_secs(60)), Ok(()));
    }
}
