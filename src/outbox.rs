//! The offline outbox. Everything a learner does (a lesson marked done, quiz answers, a
//! reflection) is first written here, on the device, with an id made here; then it is sent.
//! With no network it stays in `localStorage` (surviving reloads and restarts) and is sent
//! when the network returns: on the `online` event, at app start, when the app becomes
//! visible again, and on a timer that backs off from 5 seconds to 5 minutes.
//!
//! The server stores each event once (idempotent on its id), so sending again after a lost
//! answer is safe. An event the server refuses for good (module withdrawn, not enrolled…)
//! moves to `refused` with the reason and stays visible until the learner dismisses it:
//! nothing is dropped silently.

use std::time::Duration;

use chrono::Utc;
use kursbro_shared::api::ErrorCode;
use kursbro_shared::learning::{EventReceipt, LearningAction, LearningEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::api::{self, ApiError};
use crate::session::use_session;

/// An event waiting to be sent, with what the UI needs to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub event: LearningEvent,
    pub module_slug: String,
    pub activity_title: String,
}

/// An event the server will not accept, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub pending: Pending,
    pub code: ErrorCode,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    pending: Vec<Pending>,
    refused: Vec<Refused>,
}

const MIN_RETRY: Duration = Duration::from_secs(5);
const MAX_RETRY: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    user: RwSignal<Option<i64>>,
    pub pending: RwSignal<Vec<Pending>>,
    pub refused: RwSignal<Vec<Refused>>,
    /// Receipts of this session, newest last (quiz results shown right after syncing).
    pub receipts: RwSignal<Vec<EventReceipt>>,
    /// Bumped whenever the server accepted something: pages refetch their progress.
    pub synced: RwSignal<u32>,
    /// The server found the device's clock dated something impossibly early.
    pub clock_wrong: RwSignal<bool>,
    flushing: StoredValue<bool>,
    retry_scheduled: StoredValue<bool>,
    retry_delay: StoredValue<Duration>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn storage_key(user: i64) -> String {
    format!("kursbro.outbox.v1.{user}")
}

/// A random version-4 UUID from the browser's cryptographic generator.
pub fn new_event_id() -> String {
    let mut b = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    if !filled {
        // No crypto (very old browser): time and Math.random still make ids unique enough
        // for one learner's events; the server refuses a clash rather than merging it.
        let t = js_sys_now().to_le_bytes();
        for (i, x) in b.iter_mut().enumerate() {
            *x = t[i % 8] ^ ((random() * 256.0) as u8);
        }
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

fn js_sys_now() -> u64 {
    Utc::now().timestamp_millis() as u64
}

fn random() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now().fract())
        .unwrap_or(0.5)
}

impl Outbox {
    /// Creates the context, follows the signed-in user (each user has their own outbox on
    /// a shared device), and wires up the triggers that send it.
    pub fn provide() -> Outbox {
        let outbox = Outbox {
            user: RwSignal::new(None),
            pending: RwSignal::new(Vec::new()),
            refused: RwSignal::new(Vec::new()),
            receipts: RwSignal::new(Vec::new()),
            synced: RwSignal::new(0),
            clock_wrong: RwSignal::new(false),
            flushing: StoredValue::new(false),
            retry_scheduled: StoredValue::new(false),
            retry_delay: StoredValue::new(MIN_RETRY),
        };
        provide_context(outbox);
        let session = use_session();
        Effect::new(move |_| {
            let user = session.me.get().map(|m| m.id);
            if user == outbox.user.get_untracked() {
                return;
            }
            outbox.user.set(user);
            let stored = user.map(load).unwrap_or_default();
            outbox.pending.set(stored.pending);
            outbox.refused.set(stored.refused);
            outbox.receipts.set(Vec::new());
            outbox.flush();
        });
        let on_online = window_event_listener(leptos::ev::online, move |_| {
            outbox.retry_delay.set_value(MIN_RETRY);
            outbox.flush();
        });
        let on_visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
            if visible {
                outbox.flush();
            }
        });
        on_cleanup(move || {
            on_online.remove();
            on_visible.remove();
        });
        outbox
    }

    fn persist(self) {
        let Some(user) = self.user.get_untracked() else {
            return;
        };
        let stored = Stored {
            pending: self.pending.get_untracked(),
            refused: self.refused.get_untracked(),
        };
        if let (Some(s), Some(json)) = (storage(), crate::json::to_string(&stored)) {
            let _ = s.set_item(&storage_key(user), &json);
        }
    }

    /// Records what the learner did: stored on the device first, then sent. Returns the
    /// event's id.
    pub fn record(self, action: LearningAction, module_slug: &str, activity_title: &str) -> String {
        let pending = Pending {
            event: LearningEvent {
                id: new_event_id(),
                occurred_at: Utc::now(),
                action,
            },
            module_slug: module_slug.to_string(),
            activity_title: activity_title.to_string(),
        };
        let id = pending.event.id.clone();
        self.pending.update(|p| p.push(pending));
        self.persist();
        self.flush();
        id
    }

    /// Pending events for one activity.
    pub fn pending_for(self, activity_id: i64) -> Vec<Pending> {
        self.pending
            .get()
            .into_iter()
            .filter(|p| p.event.action.activity_id() == activity_id)
            .collect()
    }

    /// The latest quiz result the server sent this session for an activity.
    pub fn latest_quiz_result(self, event_ids: &[String]) -> Option<EventReceipt> {
        self.receipts
            .get()
            .into_iter()
            .rev()
            .find(|r| event_ids.contains(&r.id))
    }

    pub fn dismiss_refused(self, event_id: &str) {
        self.refused
            .update(|r| r.retain(|x| x.pending.event.id != event_id));
        self.persist();
    }

    /// Sends pending events in order, one at a time.
    pub fn flush(self) {
        if self.flushing.get_value() || self.user.get_untracked().is_none() {
            return;
        }
        if self.pending.get_untracked().is_empty() {
            return;
        }
        self.flushing.set_value(true);
        spawn_local(async move {
            let mut stalled = false;
            while let Some(next) = self.pending.get_untracked().first().cloned() {
                match api::send_event(&next.event).await {
                    Ok(receipt) => {
                        if receipt.clock_adjusted {
                            self.clock_wrong.set(true);
                        }
                        self.remove(&next.event.id);
                        self.receipts.update(|r| r.push(receipt));
                        self.synced.update(|n| *n += 1);
                    }
                    Err(e) if e.is_transient() => {
                        stalled = true;
                        break;
                    }
                    Err(e) => {
                        let code = e.code().unwrap_or(ErrorCode::Unknown);
                        self.remove(&next.event.id);
                        self.refused.update(|r| {
                            r.push(Refused {
                                pending: next,
                                code,
                            })
                        });
                        self.persist();
                        log_refusal(&e);
                    }
                }
            }
            self.flushing.set_value(false);
            if stalled {
                self.schedule_retry();
            } else {
                self.retry_delay.set_value(MIN_RETRY);
            }
        });
    }

    fn remove(self, id: &str) {
        self.pending.update(|p| p.retain(|x| x.event.id != id));
        self.persist();
    }

    fn schedule_retry(self) {
        if self.retry_scheduled.get_value() {
            return;
        }
        self.retry_scheduled.set_value(true);
        let delay = self.retry_delay.get_value();
        self.retry_delay.set_value((delay * 2).min(MAX_RETRY));
        set_timeout(
            move || {
                self.retry_scheduled.set_value(false);
                self.flush();
            },
            delay,
        );
    }
}

fn log_refusal(e: &ApiError) {
    if let ApiError::Server { message, .. } = e {
        leptos::logging::warn!("an event was refused by the server: {message}");
    }
}

fn load(user: i64) -> Stored {
    storage()
        .and_then(|s| s.get_item(&storage_key(user)).ok().flatten())
        .and_then(|json| crate::json::from_str(&json))
        .unwrap_or_default()
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}
