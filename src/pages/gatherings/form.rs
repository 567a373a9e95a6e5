//! Creating, changing and copying a gathering: `/samlinger/ny` (`?modul=slug`,
//! `?program=slug`, `?kopi=ID`) and `/samlinger/:id/endre`. Times are entered as Oslo time
//! (`datetime-local`); the shared `validate_gathering` checks the form before it is sent.

use kursbro_shared::gatherings::{
    validate_gathering, GatheringDetail, GatheringInput, DESCRIPTION_MAX_CHARS, PLACE_MAX_CHARS,
    THEME_MAX_CHARS, TITLE_MAX_CHARS, URL_MAX_CHARS,
};
use kursbro_shared::validation::Problem;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::loaded::Loaded;
use crate::components::submit::{focus, FormError, Submit, SubmitError};
use crate::components::title::use_title;
use crate::i18n::{self, tr, use_i18n, Key};
use crate::resources::id_param;
use crate::routes;
use crate::session::use_session;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    New,
    /// A copy of this gathering, to a new date.
    Copy(i64),
    Edit(i64),
}

/// Who may see the form: signed in and running gatherings. `None`: yes.
fn access() -> impl Fn() -> Option<AnyView> + Copy {
    let session = use_session();
    move || match session.me.get() {
        None if session.checked.get() => {
            Some(view! { <p><a href=routes::SIGN_IN>{tr(Key::GatheringSignIn)}</a></p> }.into_any())
        }
        None => Some(().into_any()),
        Some(me) if !me.grants.runs_gatherings() => {
            Some(view! { <p>{tr(Key::GatheringNoAccess)}</p> }.into_any())
        }
        Some(_) => None,
    }
}

#[component]
pub fn NewGatheringPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let copy_of = Memo::new(move |_| query.read().get("kopi").and_then(|v| v.parse::<i64>().ok()));
    let module = query
        .read_untracked()
        .get("modul")
        .filter(|s| !s.is_empty());
    let programme = query
        .read_untracked()
        .get("program")
        .filter(|s| !s.is_empty());
    let allowed = access();
    use_title(move || {
        i18n.t(if copy_of.get().is_some() {
            Key::CopyGatheringTitle
        } else {
            Key::NewGatheringTitle
        })
        .to_string()
    });
    let original = LocalResource::new(move || {
        let id = copy_of.get();
        async move {
            match id {
                Some(id) => api::gathering(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    view! {
        <h1 id="gathering-form-title">{move || i18n.t(if copy_of.get().is_some() { Key::CopyGatheringTitle } else { Key::NewGatheringTitle })}</h1>
        {move || match allowed() {
            Some(v) => v,
            None => {
                let module = module.clone();
                let programme = programme.clone();
                view! {
                    <Loaded resource=original let:original>
                        {match original {
                            None => view! {
                                <GatheringForm mode=Mode::New confirmed=0 original_when=None
                                    initial=GatheringInput {
                                        module: module.clone(),
                                        programme: programme.clone(),
                                        ..Default::default()
                                    }/>
                            }.into_any(),
                            Some(d) => copy_form(d),
                        }}
                    </Loaded>
                }
                .into_any()
            }
        }}
    }
}

/// A copy: everything but the times, which the person chooses again.
fn copy_form(d: GatheringDetail) -> AnyView {
    let Some(input) = d.input.clone() else {
        return view! { <p>{tr(Key::GatheringNoAccess)}</p> }.into_any();
    };
    let (starts, ends) = (d.gathering.starts_at, d.gathering.ends_at);
    let initial = GatheringInput {
        starts: String::new(),
        ends: String::new(),
        signup_deadline: None,
        session_of: input.mandatory.then_some(d.gathering.id),
        ..input
    };
    view! {
        <GatheringForm mode=Mode::Copy(d.gathering.id) confirmed=0 initial=initial
            original_when=Some((starts, ends))/>
    }
    .into_any()
}

#[component]
pub fn EditGatheringPage() -> impl IntoView {
    let i18n = use_i18n();
    let id = id_param();
    let allowed = access();
    use_title(move || i18n.t(Key::EditGatheringTitle).to_string());
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move { api::gathering(id).await }
    });
    view! {
        <h1 id="gathering-form-title">{tr(Key::EditGatheringTitle)}</h1>
        {move || match allowed() {
            Some(v) => v,
            None => view! {
                <Loaded resource=detail let:d>
                    {match d.input.clone() {
                        None => view! { <p>{tr(Key::GatheringNoAccess)}</p> }.into_any(),
                        Some(input) => view! {
                            <p><a href=routes::gathering(d.gathering.id)>{d.gathering.title.clone()}</a></p>
                            <GatheringForm mode=Mode::Edit(d.gathering.id) confirmed=d.gathering.confirmed
                                initial=input original_when=None/>
                        }.into_any(),
                    }}
                </Loaded>
            }
            .into_any(),
        }}
    }
}

/// The element of each field the checks name (focus goes there).
fn field_id(field: &str) -> &'static str {
    match field {
        "title" => "g-title",
        "description" => "g-description",
        "theme" => "g-theme",
        "starts" => "g-starts",
        "ends" => "g-ends",
        "address" => "g-address",
        "room" => "g-room",
        "video_url" => "g-video",
        "capacity" => "g-capacity",
        "signup_deadline" => "g-deadline",
        "mandatory" => "g-mandatory",
        "session_of" => "g-session-of",
        _ => "g-title",
    }
}

/// What to say about a failed check of one field.
fn problem_key(field: &str, problem: Problem) -> Key {
    match (field, problem) {
        (_, Problem::LineBreak) => Key::ErrLineBreak,
        ("title", _) => Key::ErrGatheringTitle,
        ("description", _) => Key::ErrGatheringDescription,
        ("theme", _) => Key::ErrGatheringTheme,
        (_, Problem::NoSuchTime) => Key::ErrNoSuchTime,
        ("starts", Problem::Required) => Key::ErrStartsRequired,
        ("ends", Problem::Required) => Key::ErrEndsRequired,
        (_, Problem::NotAfterStart) => Key::ErrNotAfterStart,
        (_, Problem::AfterStart) => Key::ErrAfterStart,
        (_, Problem::PlaceOrVideo) => Key::ErrPlaceOrVideo,
        ("address" | "room", _) => Key::ErrPlaceTooLong,
        ("video_url", _) => Key::ErrVideoUrl,
        (_, Problem::BelowConfirmed { .. }) => Key::ErrBelowConfirmed,
        ("capacity", _) => Key::ErrCapacity,
        (_, Problem::ModuleOrProgramme) => Key::ErrModuleOrProgramme,
        (_, Problem::MandatoryNeedsOwnModule) => Key::ErrMandatoryOwnModule,
        ("starts" | "ends" | "signup_deadline", _) => Key::ErrTimeMalformed,
        _ => Key::ErrInvalidInput,
    }
}

/// A refusal of the server about one field, said as precisely as the field allows (its
/// answer names the field, not the rule; the rules the form checks itself are past).
fn server_error(e: ApiError) -> FormError {
    let as_api = FormError::Api(e.clone());
    match (&e, as_api.field()) {
        (ApiError::Server { code, .. }, Some(field))
            if *code == kursbro_shared::api::ErrorCode::Validation =>
        {
            let key = match field {
                "mandatory" => Key::ErrMandatoryOwnModule,
                "capacity" => Key::ErrBelowConfirmed,
                "programme" | "module" => Key::ErrModuleOrProgramme,
                "video_url" => Key::ErrVideoUrl,
                "starts" | "ends" | "signup_deadline" => Key::ErrTimeMalformed,
                _ => return as_api,
            };
            FormError::Field { field, key }
        }
        _ => as_api,
    }
}

#[component]
fn GatheringForm(
    mode: Mode,
    initial: GatheringInput,
    /// How many have a place now (the capacity cannot go below).
    confirmed: u32,
    /// A copy: when the original was.
    original_when: Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = StoredValue::new_local(use_navigate());
    let fixed = StoredValue::new(initial.clone());
    let title = RwSignal::new(initial.title.clone());
    let description = RwSignal::new(initial.description.clone());
    let theme = RwSignal::new(initial.theme.clone());
    let starts = RwSignal::new(initial.starts.clone());
    let ends = RwSignal::new(initial.ends.clone());
    let address = RwSignal::new(initial.address.clone());
    let room = RwSignal::new(initial.room.clone());
    let video = RwSignal::new(initial.video_url.clone());
    let capacity = RwSignal::new(initial.capacity.map(|c| c.to_string()).unwrap_or_default());
    let deadline = RwSignal::new(initial.signup_deadline.clone().unwrap_or_default());
    let mandatory = RwSignal::new(initial.mandatory);
    let another_session = RwSignal::new(initial.session_of.is_some());
    let save = Submit::new(move |input: &GatheringInput| {
        let input = input.clone();
        async move {
            let result = match mode {
                Mode::Edit(id) => api::update_gathering(id, &input).await,
                Mode::New | Mode::Copy(_) => api::create_gathering(&input).await,
            };
            match result {
                Ok(d) => {
                    let to = routes::gathering(d.gathering.id);
                    navigate.with_value(|n| n(&to, Default::default()));
                    Ok(())
                }
                Err(e) => {
                    let e = server_error(e);
                    focus(e.field().map(field_id).unwrap_or("g-title"));
                    Err(e)
                }
            }
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let base = fixed.get_value();
        let capacity_text = capacity.get_untracked().trim().to_string();
        let capacity_value = if capacity_text.is_empty() {
            None
        } else {
            match capacity_text.parse::<u32>() {
                Ok(c) => Some(c),
                Err(_) => {
                    save.fail(FormError::Field {
                        field: "capacity",
                        key: Key::ErrCapacity,
                    });
                    focus("g-capacity");
                    return;
                }
            }
        };
        let deadline_text = deadline.get_untracked().trim().to_string();
        let input = GatheringInput {
            title: title.get_untracked(),
            description: description.get_untracked(),
            theme: theme.get_untracked(),
            starts: starts.get_untracked(),
            ends: ends.get_untracked(),
            address: address.get_untracked(),
            room: room.get_untracked(),
            video_url: video.get_untracked().trim().to_string(),
            capacity: capacity_value,
            signup_deadline: (!deadline_text.is_empty()).then_some(deadline_text),
            mandatory: base.module.is_some() && mandatory.get_untracked(),
            session_of: match mode {
                Mode::Copy(id) if another_session.get_untracked() => Some(id),
                _ => None,
            },
            ..base
        };
        match validate_gathering(&input, confirmed) {
            Err(e) => {
                save.fail(FormError::Field {
                    field: e.field,
                    key: problem_key(e.field, e.problem),
                });
                focus(field_id(e.field));
            }
            Ok(_) => save.dispatch(input),
        }
    };
    let belongs = {
        let base = fixed.get_value();
        match (base.module, base.programme) {
            (Some(m), _) => Some(view! {
                <p>{tr(Key::BelongsModule)} " " <a href=routes::module(&m)>{m.clone()}</a></p>
            }.into_any()),
            (None, Some(p)) => Some(view! {
                <p>{tr(Key::BelongsProgramme)} " " <a href=routes::programme(&p)>{p.clone()}</a></p>
            }.into_any()),
            _ => None,
        }
    };
    let has_module = fixed.with_value(|b| b.module.is_some());
    let copy_notice = original_when.map(|(s, e)| view! {
        <div class="notice copy-notice">
            <p><strong>{tr(Key::CopyNotice)}</strong></p>
            <p>{move || i18n::original_time(i18n.lang(), &i18n::gathering_when(i18n.lang(), s, e))}</p>
        </div>
    });
    let datetime = move |id: &'static str,
                         label: Key,
                         value: RwSignal<String>,
                         field: &'static str,
                         hint: Option<Key>| {
        let described = match hint {
            Some(_) => format!("{id}-hint gathering-error"),
            None => "gathering-error".to_string(),
        };
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input id=id type="datetime-local" prop:value=value aria-invalid=save.invalid(field)
                    aria-describedby=described
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:change=move |ev| value.set(event_target_value(&ev))/>
                {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{tr(h)}</p> })}
            </div>
        }
    };
    let submit_key = match mode {
        Mode::Edit(_) => Key::SaveGathering,
        _ => Key::CreateGathering,
    };
    view! {
        <p class="lead">{tr(Key::GatheringFormIntro)}</p>
        {belongs}
        {copy_notice}
        <form class="gathering-form" on:submit=on_submit novalidate=true>
            <SubmitError submit=save id="gathering-error"/>
            <TextField id="g-title" label=Key::FieldGatheringTitle value=title submit=save field="title"
                describedby="gathering-error" maxlength=TITLE_MAX_CHARS required=true/>
            <TextField id="g-description" label=Key::FieldGatheringDescription value=description submit=save
                field="description" describedby="gathering-error" rows=6 maxlength=DESCRIPTION_MAX_CHARS/>
            <TextField id="g-theme" label=Key::FieldGatheringTheme value=theme submit=save field="theme"
                describedby="gathering-error" maxlength=THEME_MAX_CHARS/>
            <div class="field-row">
                {datetime("g-starts", Key::FieldStarts, starts, "starts", None)}
                {datetime("g-ends", Key::FieldEnds, ends, "ends", None)}
            </div>
            <fieldset class="place-fields">
                <legend>{tr(Key::FactPlace)}</legend>
                <p class="hint" id="place-hint">{tr(Key::PlaceHint)}</p>
                <TextField id="g-address" label=Key::FieldAddress value=address submit=save field="address"
                    describedby="gathering-error" maxlength=PLACE_MAX_CHARS autocomplete="street-address"/>
                <TextField id="g-room" label=Key::FieldRoom value=room submit=save field="room"
                    describedby="gathering-error" maxlength=PLACE_MAX_CHARS/>
                <TextField id="g-video" label=Key::FieldMeetingUrl value=video submit=save field="video_url"
                    describedby="gathering-error" kind="url" maxlength=URL_MAX_CHARS inputmode="url"/>
            </fieldset>
            <div class="field">
                <label for="g-capacity">{tr(Key::FieldCapacity)}</label>
                <input id="g-capacity" type="number" min="1" max="10000" step="1" inputmode="numeric"
                    prop:value=capacity aria-invalid=save.invalid("capacity")
                    aria-describedby="g-capacity-hint gathering-error"
                    on:input=move |ev| capacity.set(event_target_value(&ev))/>
                <p class="hint" id="g-capacity-hint">{tr(Key::CapacityHint)}</p>
            </div>
            {datetime("g-deadline", Key::FieldSignupDeadline, deadline, "signup_deadline", Some(Key::DeadlineHint))}
            {(has_module && !matches!(mode, Mode::Edit(_))).then(|| view! {
                <div class="field checkbox">
                    <input id="g-mandatory" type="checkbox" prop:checked=mandatory aria-invalid=save.invalid("mandatory")
                        aria-describedby="gathering-error"
                        on:change=move |ev| mandatory.set(event_target_checked(&ev))/>
                    <label for="g-mandatory">{tr(Key::FieldMandatory)}</label>
                </div>
            })}
            {matches!(mode, Mode::Copy(_)).then(|| view! {
                <div class="field checkbox">
                    <input id="g-session-of" type="checkbox" prop:checked=another_session
                        on:change=move |ev| another_session.set(event_target_checked(&ev))/>
                    <label for="g-session-of">{tr(Key::FieldSessionOf)}</label>
                </div>
            })}
            <button type="submit" class="button" disabled=move || save.busy()>
                {move || if save.busy() { i18n.t(Key::Saving) } else { i18n.t(submit_key) }}
            </button>
        </form>
    }
}
