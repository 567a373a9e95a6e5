//! `/samlinger/:id`: one gathering — when (Oslo time), where, what it belongs to, places;
//! signing up (a place or the waitlist) and cancelling; "Bli med" for video from a quarter
//! before the start; the calendar file; and for those who run it: change, copy, cancel,
//! the list with attendance, the waitlist, adding and removing people.

use chrono::Utc;
use kursbro_shared::gatherings::{
    join_open, AddParticipant, Attendance, BelongsTo, Format, GatheringDetail, Participant,
    SetAttendance, SignupResult, SignupStatus,
};
use kursbro_shared::validation::validate_email;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::gathering::{format_key, place_text, places_view, GatheringItem};
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::components::submit::{focus, focus_soon, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::id_param;
use crate::routes;
use crate::session::use_session;

/// The page's actions live here, not in the view they are drawn in: that view is drawn
/// again from each new answer, and an action must outlive it.
#[derive(Clone, Copy)]
struct Actions {
    sign_up: Submit<(), SignupResult>,
    cancel_sign_up: Submit<(), ()>,
    cancel_gathering: Submit<(), ()>,
    /// "Du er meldt av." after cancelling (the answer no longer says so).
    signed_off: RwSignal<bool>,
}

#[component]
pub fn GatheringPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = id_param();
    let state = RwSignal::new(None::<Result<GatheringDetail, ApiError>>);
    // Loads (again), then moves focus to `then` (what the person's action changed).
    let load = move |then: Option<&'static str>| {
        let id = id.get_untracked();
        spawn_local(async move {
            let r = api::gathering(id).await;
            if state.try_set(Some(r)).is_none() {
                if let Some(t) = then {
                    focus_soon(t.to_string());
                }
            }
        });
    };
    Effect::new(move |_| {
        id.track();
        // Who asks changes the answer (the video link, may I sign up, may I run it).
        let _ = session.me.get().map(|m| m.id);
        if session.checked.get() {
            load(None);
        }
    });
    use_title(move || match state.get() {
        Some(Ok(d)) => d.gathering.title,
        Some(Err(e)) if e.is_not_found() => i18n.t(Key::GatheringNotFound).to_string(),
        _ => i18n.t(Key::GatheringsHeading).to_string(),
    });
    let signed_off = RwSignal::new(false);
    let actions = Actions {
        sign_up: Submit::new(move |_: &()| async move {
            let r = api::sign_up(id.get_untracked()).await?;
            signed_off.set(false);
            load(Some("signup-status"));
            Ok(r)
        }),
        cancel_sign_up: Submit::new(move |_: &()| async move {
            api::cancel_sign_up(id.get_untracked()).await?;
            signed_off.set(true);
            load(Some("signup-status"));
            Ok(())
        }),
        cancel_gathering: Submit::new(move |_: &()| async move {
            api::cancel_gathering(id.get_untracked()).await?;
            load(Some("gathering-title"));
            Ok(())
        }),
        signed_off,
    };
    let may_run = Memo::new(move |_| state.with(|s| matches!(s, Some(Ok(d)) if d.may_run)));
    let reload = Callback::new(move |()| load(None));
    view! {
        {move || match state.get() {
            None => view! { <h1>{tr(Key::GatheringsHeading)}</h1><LoadingIndicator/> }.into_any(),
            Some(Err(e)) if e.is_not_found() => view! {
                <h1>{tr(Key::GatheringNotFound)}</h1>
                <p>{tr(Key::GatheringNotFoundText)}</p>
                <p><a href=routes::COURSE_PROGRAMME>{tr(Key::NavCourseProgramme)}</a></p>
            }
            .into_any(),
            Some(Err(e)) => view! {
                <h1>{tr(Key::GatheringsHeading)}</h1>
                <ErrorMessage error=e on_retry=move |()| load(None)/>
            }
            .into_any(),
            Some(Ok(d)) => view! { <GatheringView detail=d actions=actions/> }.into_any(),
        }}
        // Built again for each gathering: moving to another session keeps this page but
        // must not keep the previous session's list.
        {move || may_run.get().then(|| view! { <Participants id=id.get() on_change=reload/> })}
    }
}

/// The gathering as the answer has it: facts, description, sign-up, sessions, running it.
#[component]
fn GatheringView(detail: GatheringDetail, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let g = detail.gathering.clone();
    let id = g.id;
    let (starts, ends) = (g.starts_at, g.ends_at);
    // "Bli med" opens by the clock: checked again every 20 seconds while the page is open.
    let now = RwSignal::new(Utc::now());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.try_set(Utc::now());
        },
        std::time::Duration::from_secs(20),
    ) {
        on_cleanup(move || handle.clear());
    }
    let belongs = match g.belongs_to.clone() {
        BelongsTo::Module { slug, title } => Some(view! {
            <p class="belongs">{tr(Key::BelongsModule)} " " <a href=routes::module(&slug)>{title}</a></p>
        }.into_any()),
        BelongsTo::Programme { slug, title, cohort } => Some(view! {
            <p class="belongs">
                {tr(Key::BelongsProgramme)} " " <a href=routes::programme(&slug)>{title}</a>
                {cohort.map(|c| view! { " (" {move || i18n::only_for_cohort(i18n.lang(), &c)} ")" })}
            </p>
        }.into_any()),
        // The host's name only: a provider page exists for organisations that offer
        // modules or news, which a municipality hosting a course may not.
        BelongsTo::Course => Some(view! {
            <p class="belongs">{tr(Key::BelongsCourse)} " " {g.provider.name.clone()}</p>
        }.into_any()),
        BelongsTo::Unknown => None,
    };
    let place = place_text(&g.address, &g.room);
    let format = format_key(g.format);
    let has_video = matches!(g.format, Format::Video | Format::Hybrid);
    let deadline = detail.signup_deadline;
    let confirmed = g.confirmed;
    let capacity = g.capacity;
    let waitlisted = g.waitlisted;
    let theme = (!g.theme.is_empty()).then(|| g.theme.clone());
    let places = places_view(&g);
    let cancelled = g.cancelled;
    let facts = view! {
        <dl class="facts gathering-facts">
            <div>
                <dt>{tr(Key::FactTime)}</dt>
                <dd><time datetime=starts.to_rfc3339()>{move || i18n::gathering_when(i18n.lang(), starts, ends)}</time></dd>
            </div>
            <div>
                <dt>{tr(Key::FactPlace)}</dt>
                <dd>{tr(format)}{(!place.is_empty()).then(|| view! { ": " {place.clone()} })}</dd>
            </div>
            <div><dt>{tr(Key::Provider)}</dt><dd>{g.provider.name.clone()}</dd></div>
            {theme.map(|t| view! { <div><dt>{tr(Key::Theme)}</dt><dd>{t}</dd></div> })}
            {(!cancelled).then(|| view! {
                <div>
                    <dt>{tr(Key::FactPlaces)}</dt>
                    <dd>{move || i18n::places_taken(i18n.lang(), confirmed, capacity)} " · " {places}</dd>
                </div>
                {(waitlisted > 0).then(|| view! {
                    <div><dt>{tr(Key::FactWaitlist)}</dt><dd>{move || i18n::on_waitlist(i18n.lang(), waitlisted)}</dd></div>
                })}
                <div>
                    <dt>{tr(Key::FactDeadline)}</dt>
                    <dd>{move || match deadline {
                        Some(d) => i18n::oslo_time(i18n.lang(), d),
                        None => i18n.t(Key::UntilStart).to_string(),
                    }}</dd>
                </div>
            })}
        </dl>
    };
    // The person's place, and what they can do about it.
    let my_status = g.my_status;
    let position = detail.waitlist_position;
    let status_text = move || match my_status {
        _ if cancelled => None,
        Some(SignupStatus::Confirmed) => Some(i18n.t(Key::GotPlace).to_string()),
        Some(SignupStatus::Waitlisted) => {
            Some(i18n::waitlist_position(i18n.lang(), position.unwrap_or(0)))
        }
        _ if actions.signed_off.get() => Some(i18n.t(Key::SignedOff).to_string()),
        _ => None,
    };
    let asking = RwSignal::new(false);
    let signed_in = move || session.me.get().is_some();
    let (may_sign_up, open) = (detail.may_sign_up, detail.signup_open);
    let signup_controls = move || {
        if cancelled {
            return None;
        }
        if !signed_in() {
            return Some(
                view! { <p><a href=routes::SIGN_IN>{tr(Key::SignInToSignUp)}</a></p> }.into_any(),
            );
        }
        if my_status.is_some_and(|s| s != SignupStatus::Unknown) {
            return Some(view! {
                <Show when=move || asking.get() fallback=move || view! {
                    <button type="button" class="button secondary" on:click=move |_| {
                        asking.set(true);
                        focus_soon("cancel-sign-up-confirm".into());
                    }>{tr(Key::CancelSignUp)}</button>
                }>
                    <p id="cancel-sign-up-text">{tr(Key::CancelSignUpText)}</p>
                    <p class="form-actions">
                        <button id="cancel-sign-up-confirm" type="button" class="button danger"
                            aria-describedby="cancel-sign-up-text"
                            disabled=move || actions.cancel_sign_up.busy()
                            on:click=move |_| actions.cancel_sign_up.dispatch(())>{tr(Key::CancelSignUpConfirm)}</button>
                        " "
                        <button type="button" class="button secondary" on:click=move |_| asking.set(false)>{tr(Key::Cancel)}</button>
                    </p>
                </Show>
            }.into_any());
        }
        if !open {
            return Some(view! { <p>{tr(Key::SignupClosedText)}</p> }.into_any());
        }
        if !may_sign_up {
            return Some(view! { <p>{tr(Key::NotOpenForYou)}</p> }.into_any());
        }
        Some(view! {
            <button type="button" class="button" disabled=move || actions.sign_up.busy()
                on:click=move |_| actions.sign_up.dispatch(())>
                {move || if actions.sign_up.busy() { i18n.t(Key::SigningUp) } else { i18n.t(Key::SignUp) }}
            </button>
        }.into_any())
    };
    let video = match detail.video_url.clone() {
        Some(url) if !cancelled => Some(view! {
            {move || {
                let t = now.get();
                if join_open(t, starts, ends) {
                    Some(view! {
                        <p><a class="button join" href=url.clone() target="_blank" rel="noopener noreferrer">{tr(Key::JoinVideo)}</a></p>
                    }.into_any())
                } else if t < starts {
                    Some(view! {
                        <p class="join-waiting">
                            <button type="button" class="button join" disabled=true aria-describedby="join-hint">{tr(Key::JoinVideoShort)}</button>
                        </p>
                        <p id="join-hint" class="hint">{move || i18n::join_opens(i18n.lang(), starts)}</p>
                    }.into_any())
                } else {
                    None
                }
            }}
        }.into_any()),
        None if has_video && !cancelled && my_status != Some(SignupStatus::Confirmed) && !detail.may_run => {
            Some(view! { <p class="hint">{tr(Key::VideoLinkLater)}</p> }.into_any())
        }
        _ => None,
    };
    let sessions = (!detail.sessions.is_empty()).then(|| {
        let list = detail.sessions.clone();
        view! {
            <section aria-labelledby="sessions-heading">
                <h2 id="sessions-heading">{tr(Key::OtherSessions)}</h2>
                <ul class="gathering-list">
                    {list.into_iter().map(|s| view! { <li><GatheringItem gathering=s show_provider=false/></li> }).collect_view()}
                </ul>
            </section>
        }
    });
    let run = detail.may_run.then(|| {
        let asking_cancel = RwSignal::new(false);
        view! {
            <section class="run-gathering" aria-labelledby="run-heading">
                <h2 id="run-heading">{tr(Key::RunHeading)}</h2>
                <p class="form-actions">
                    {(!cancelled).then(|| view! {
                        <a class="button secondary" href=routes::edit_gathering(id)>{tr(Key::EditGathering)}</a>
                        " "
                    })}
                    <a class="button secondary" href=routes::copy_gathering(id)>{tr(Key::CopyGathering)}</a>
                    " "
                    {(!cancelled).then(|| view! {
                        <button type="button" class="button secondary" on:click=move |_| {
                            asking_cancel.set(true);
                            focus_soon("cancel-gathering-confirm".into());
                        }>{tr(Key::CancelGathering)}</button>
                    })}
                </p>
                <Show when=move || asking_cancel.get() && !cancelled>
                    <div class="notice">
                        <p id="cancel-gathering-text">{tr(Key::CancelGatheringText)}</p>
                        <p class="form-actions">
                            <button id="cancel-gathering-confirm" type="button" class="button danger"
                                aria-describedby="cancel-gathering-text"
                                disabled=move || actions.cancel_gathering.busy()
                                on:click=move |_| actions.cancel_gathering.dispatch(())>{tr(Key::CancelGatheringConfirm)}</button>
                            " "
                            <button type="button" class="button secondary" on:click=move |_| asking_cancel.set(false)>{tr(Key::Cancel)}</button>
                        </p>
                    </div>
                </Show>
                <SubmitError submit=actions.cancel_gathering/>
            </section>
        }
    });
    view! {
        <article class="gathering-page">
            <p class="breadcrumb no-print"><a href=routes::COURSE_PROGRAMME>{tr(Key::NavCourseProgramme)}</a></p>
            <h1 id="gathering-title" tabindex="-1">{g.title.clone()}</h1>
            {cancelled.then(|| view! { <p class="cancelled-banner"><strong>{tr(Key::GatheringCancelledBanner)}</strong></p> })}
            {belongs}
            {g.mandatory.then(|| view! { <p><span class="badge badge-mandatory">{tr(Key::MandatoryBadge)}</span></p> })}
            {facts}
            <div class="lesson-body gathering-description" inner_html=detail.description_html.clone()></div>
            <section class="signup your-progress" aria-labelledby="signup-heading">
                <h2 id="signup-heading">{tr(Key::SignUpHeading)}</h2>
                <p id="signup-status" class="signup-status" tabindex="-1" role="status">
                    {move || status_text().map(|t| view! { <strong>{t}</strong> })}
                </p>
                {signup_controls}
                <SubmitError submit=actions.sign_up/>
                <SubmitError submit=actions.cancel_sign_up/>
                {video}
                <p><a href=api::gathering_calendar_url(id) download=format!("samling-{id}.ics")>{tr(Key::DownloadIcs)}</a></p>
            </section>
            {sessions}
            {run}
        </article>
    }
}

/// One person on the list, with their attendance as a signal of its own (so marking it
/// does not redraw the list, and the keyboard stays in the radio group).
#[derive(Clone)]
struct Row {
    person: Participant,
    attendance: RwSignal<Option<Attendance>>,
    /// The last save of this row: `Some(Ok)` saved, `Some(Err)` refused.
    saved: RwSignal<Option<Result<(), ApiError>>>,
}

/// The list of those with a place (with attendance), the waitlist in order, adding by
/// e-mail and removing.
#[component]
fn Participants(id: i64, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = RwSignal::new(Vec::<Row>::new());
    let loaded = RwSignal::new(None::<Result<(), ApiError>>);
    let load = move || {
        spawn_local(async move {
            match api::participants(id).await {
                Ok(list) => {
                    let old = rows.get_untracked();
                    let new = list
                        .participants
                        .into_iter()
                        .map(|p| {
                            match old.iter().find(|r| {
                                r.person.user_id == p.user_id && r.person.status == p.status
                            }) {
                                Some(r) => {
                                    r.attendance.set(p.attendance);
                                    Row {
                                        person: p,
                                        ..r.clone()
                                    }
                                }
                                None => Row {
                                    attendance: RwSignal::new(p.attendance),
                                    saved: RwSignal::new(None),
                                    person: p,
                                },
                            }
                        })
                        .collect();
                    rows.try_set(new);
                    loaded.try_set(Some(Ok(())));
                }
                Err(e) => {
                    loaded.try_set(Some(Err(e)));
                }
            }
        });
    };
    load();
    let mark = move |row: Row, value: Attendance| {
        let before = row.attendance.get_untracked();
        row.attendance.set(Some(value));
        row.saved.set(None);
        let user = row.person.user_id;
        spawn_local(async move {
            let r = api::set_attendance(
                id,
                user,
                &SetAttendance {
                    attendance: Some(value),
                },
            )
            .await;
            if r.is_err() {
                row.attendance.try_set(before);
            }
            row.saved.try_set(Some(r));
        });
    };
    let removing = RwSignal::new(None::<ApiError>);
    let remove = move |user: i64| {
        spawn_local(async move {
            match api::remove_participant(id, user).await {
                Ok(()) => {
                    removing.try_set(None);
                    load();
                    on_change.run(());
                    focus_soon("participants-heading".into());
                }
                Err(e) => {
                    removing.try_set(Some(e));
                }
            }
        });
    };
    let confirmed = move || {
        rows.get()
            .into_iter()
            .filter(|r| r.person.status == SignupStatus::Confirmed)
            .collect::<Vec<_>>()
    };
    let waitlist = move || {
        rows.get()
            .into_iter()
            .filter(|r| r.person.status == SignupStatus::Waitlisted)
            .collect::<Vec<_>>()
    };
    view! {
        <section class="participants" aria-labelledby="participants-heading">
            <h2 id="participants-heading" tabindex="-1">{tr(Key::ParticipantsHeading)}</h2>
            {move || match loaded.get() {
                None => Some(view! { <LoadingIndicator/> }.into_any()),
                Some(Err(e)) => Some(view! { <ErrorMessage error=e on_retry=move |()| load()/> }.into_any()),
                Some(Ok(())) => None,
            }}
            <div role="alert">
                {move || removing.get().map(|e| view! { <p class="error-box">{e.user_message(i18n.lang())}</p> })}
            </div>
            <p class="hint">{tr(Key::AttendanceHint)}</p>
            <Show when=move || loaded.get().is_some_and(|r| r.is_ok()) && confirmed().is_empty()>
                <p>{tr(Key::NoParticipants)}</p>
            </Show>
            <ul class="participant-list">
                <For each=confirmed key=|r| r.person.user_id let:row>
                    <ParticipantRow row=row.clone() on_mark=Callback::new(move |(r, a)| mark(r, a)) on_remove=Callback::new(remove)/>
                </For>
            </ul>
            <h3 id="waitlist-heading">{tr(Key::WaitlistHeading)}</h3>
            <Show when=move || waitlist().is_empty()>
                <p>{tr(Key::NoWaitlist)}</p>
            </Show>
            <ol class="waitlist" aria-labelledby="waitlist-heading">
                <For each=waitlist key=|r| r.person.user_id let:row>
                    <li class="waitlisted" data-user-id=row.person.user_id>
                        <span class="participant-name">{row.person.name.clone()}</span>
                        <span class="hint">" · " {row.person.organisation.clone()}</span>
                        " "
                        <button type="button" class="button secondary small"
                            aria-label=move || i18n::remove_from_list(i18n.lang(), &row.person.name)
                            on:click=move |_| remove(row.person.user_id)>{tr(Key::Remove)}</button>
                    </li>
                </For>
            </ol>
            <AddParticipantForm id=id on_added=Callback::new(move |()| { load(); on_change.run(()); })/>
        </section>
    }
}

#[component]
fn ParticipantRow(
    row: Row,
    on_mark: Callback<(Row, Attendance)>,
    on_remove: Callback<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let uid = row.person.user_id;
    let name = row.person.name.clone();
    let attendance = row.attendance;
    let saved = row.saved;
    let legend_name = name.clone();
    let remove_name = name.clone();
    let choices = [
        (Attendance::Present, Key::AttendancePresent),
        (Attendance::Absent, Key::AttendanceAbsent),
        (Attendance::Excused, Key::AttendanceExcused),
    ];
    view! {
        <li class="participant" data-user-id=uid>
            <p class="participant-who">
                <span class="participant-name">{name.clone()}</span>
                <span class="hint">" · " {row.person.organisation.clone()} " · " {row.person.email.clone()}</span>
            </p>
            <fieldset class="attendance">
                <legend class="visually-hidden">{move || i18n::attendance_of(i18n.lang(), &legend_name)}</legend>
                <div class="segmented">
                    {choices.into_iter().map(|(value, key)| {
                        let row = row.clone();
                        let input_id = format!("oppmote-{uid}-{}", value.as_str());
                        view! {
                            <div class="segment">
                                <input type="radio" id=input_id.clone() name=format!("oppmote-{uid}") value=value.as_str()
                                    prop:checked=move || attendance.get() == Some(value)
                                    on:change=move |_| on_mark.run((row.clone(), value))/>
                                <label for=input_id>{tr(key)}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <p class="attendance-status" role="status">
                {move || saved.get().map(|r| match r {
                    Ok(()) => view! { <span class="status-done">{tr(Key::AttendanceSaved)}</span> }.into_any(),
                    Err(e) => view! { <span class="error-text">{e.user_message(i18n.lang())}</span> }.into_any(),
                })}
            </p>
            <button type="button" class="button secondary small"
                aria-label=move || i18n::remove_from_list(i18n.lang(), &remove_name)
                on:click=move |_| on_remove.run(uid)>{tr(Key::Remove)}</button>
        </li>
    }
}

#[component]
fn AddParticipantForm(id: i64, on_added: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let added = RwSignal::new(None::<(String, SignupResult)>);
    let add = Submit::new(move |req: &AddParticipant| {
        let req = req.clone();
        async move {
            match api::add_participant(id, &req).await {
                Ok(r) => {
                    added.set(Some((req.email.clone(), r)));
                    email.set(String::new());
                    on_added.run(());
                    Ok(())
                }
                Err(e) => {
                    focus("add-participant-email");
                    let as_api = FormError::Api(e.clone());
                    // The server names the field: nobody this gathering is for has the
                    // address (it does not say whether anyone has it at all).
                    Err(match (&e, as_api.field()) {
                        (ApiError::Server { code, .. }, Some("email"))
                            if *code == kursbro_shared::api::ErrorCode::Validation =>
                        {
                            FormError::Field {
                                field: "email",
                                key: Key::ErrNotAParticipant,
                            }
                        }
                        _ => as_api,
                    })
                }
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        added.set(None);
        let value = email.get_untracked().trim().to_string();
        if validate_email(&value).is_err() {
            add.fail(FormError::Field {
                field: "email",
                key: Key::ErrEmailToAdd,
            });
            focus("add-participant-email");
            return;
        }
        add.dispatch(AddParticipant { email: value });
    };
    view! {
        <section class="add-participant" aria-labelledby="add-participant-heading">
            <h3 id="add-participant-heading">{tr(Key::AddParticipantHeading)}</h3>
            <form on:submit=on_submit novalidate=true>
                <SubmitError submit=add id="add-participant-error"/>
                <p role="status">
                    {move || added.get().map(|(e, r)| view! { <span class="notice">{i18n::participant_added(i18n.lang(), &e, r)}</span> })}
                </p>
                <TextField id="add-participant-email" label=Key::Email value=email submit=add field="email"
                    describedby="add-participant-error" kind="email" autocomplete="off"/>
                <button type="submit" class="button" disabled=move || add.busy()>{tr(Key::AddParticipantButton)}</button>
            </form>
        </section>
    }
}
