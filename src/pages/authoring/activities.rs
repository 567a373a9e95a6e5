//! The activities of a module in the editor: each field its own signal (so typing in one
//! never redraws another), keyed rows that move by button, by keyboard and by drag, and the
//! editors of each kind (lesson with the server's preview and image upload, quiz,
//! reflection, external link).

use kursbro_shared::api::ActivityKind;
use kursbro_shared::authoring::{
    DraftActivity, DraftContent, DraftOption, DraftQuestion, LESSON_MAX_CHARS, OPTIONS_MAX,
    PROMPT_MAX_CHARS, QUESTIONS_MAX,
};
use leptos::prelude::*;

use super::SendFile;
use crate::api;
use crate::components::module_card::activity_kind_key;
use crate::components::submit::{focus_soon, FormError, Submit, SubmitError};
use crate::i18n::{self, tr, use_i18n, Key};

/// Gives each row a key that stays with it while rows move.
#[derive(Clone, Copy)]
pub struct Keys(StoredValue<u64>);

impl Keys {
    pub fn new() -> Self {
        Keys(StoredValue::new(0))
    }

    pub fn next(self) -> u64 {
        self.0.update_value(|k| *k += 1);
        self.0.get_value()
    }
}

#[derive(Clone, Copy)]
pub struct OptionRow {
    pub key: u64,
    pub text: RwSignal<String>,
    pub correct: RwSignal<bool>,
}

#[derive(Clone, Copy)]
pub struct QuestionRow {
    pub key: u64,
    pub prompt: RwSignal<String>,
    pub explanation: RwSignal<String>,
    pub multiple: RwSignal<bool>,
    pub options: RwSignal<Vec<OptionRow>>,
}

#[derive(Clone, Copy)]
pub enum ContentRow {
    Lesson {
        body: RwSignal<String>,
        video_url: RwSignal<String>,
    },
    Quiz {
        pass_mark: RwSignal<String>,
        questions: RwSignal<Vec<QuestionRow>>,
    },
    Reflection {
        prompt: RwSignal<String>,
    },
    External {
        url: RwSignal<String>,
    },
}

impl ContentRow {
    pub fn kind(&self) -> ActivityKind {
        match self {
            ContentRow::Lesson { .. } => ActivityKind::Lesson,
            ContentRow::Quiz { .. } => ActivityKind::Quiz,
            ContentRow::Reflection { .. } => ActivityKind::Reflection,
            ContentRow::External { .. } => ActivityKind::External,
        }
    }
}

#[derive(Clone, Copy)]
pub struct ActivityRow {
    pub key: u64,
    /// The published activity it is, if any.
    pub id: Option<i64>,
    pub title: RwSignal<String>,
    pub summary: RwSignal<String>,
    pub minutes: RwSignal<String>,
    pub content: ContentRow,
}

fn option_row(keys: Keys, o: &DraftOption) -> OptionRow {
    OptionRow {
        key: keys.next(),
        text: RwSignal::new(o.text.clone()),
        correct: RwSignal::new(o.correct),
    }
}

fn question_row(keys: Keys, q: &DraftQuestion) -> QuestionRow {
    QuestionRow {
        key: keys.next(),
        prompt: RwSignal::new(q.prompt.clone()),
        explanation: RwSignal::new(q.explanation.clone()),
        multiple: RwSignal::new(q.multiple),
        options: RwSignal::new(q.options.iter().map(|o| option_row(keys, o)).collect()),
    }
}

fn empty_question(keys: Keys) -> QuestionRow {
    let blank = DraftOption {
        text: String::new(),
        correct: false,
    };
    question_row(
        keys,
        &DraftQuestion {
            prompt: String::new(),
            explanation: String::new(),
            multiple: false,
            options: vec![blank.clone(), blank],
        },
    )
}

/// The editor's rows for an activity of the draft.
pub fn activity_row(keys: Keys, a: &DraftActivity) -> ActivityRow {
    let content = match &a.content {
        DraftContent::Lesson { body, video_url } => ContentRow::Lesson {
            body: RwSignal::new(body.clone()),
            video_url: RwSignal::new(video_url.clone().unwrap_or_default()),
        },
        DraftContent::Quiz {
            pass_mark_percent,
            questions,
        } => ContentRow::Quiz {
            pass_mark: RwSignal::new(pass_mark_percent.to_string()),
            questions: RwSignal::new(questions.iter().map(|q| question_row(keys, q)).collect()),
        },
        DraftContent::Reflection { prompt } => ContentRow::Reflection {
            prompt: RwSignal::new(prompt.clone()),
        },
        DraftContent::External { url } => ContentRow::External {
            url: RwSignal::new(url.clone()),
        },
    };
    ActivityRow {
        key: keys.next(),
        id: a.id,
        title: RwSignal::new(a.title.clone()),
        summary: RwSignal::new(a.summary.clone()),
        minutes: RwSignal::new(a.estimated_minutes.to_string()),
        content,
    }
}

/// A new activity of `kind`, for the author to fill in.
pub fn new_activity(keys: Keys, kind: ActivityKind) -> ActivityRow {
    let content = match kind {
        ActivityKind::Quiz => ContentRow::Quiz {
            pass_mark: RwSignal::new("80".into()),
            questions: RwSignal::new(vec![empty_question(keys)]),
        },
        ActivityKind::Reflection => ContentRow::Reflection {
            prompt: RwSignal::new(String::new()),
        },
        ActivityKind::External => ContentRow::External {
            url: RwSignal::new(String::new()),
        },
        // A gathering is added by the gathering itself, never authored: the kind is not
        // offered, and anything else becomes a lesson.
        ActivityKind::Lesson | ActivityKind::Gathering => ContentRow::Lesson {
            body: RwSignal::new(String::new()),
            video_url: RwSignal::new(String::new()),
        },
    };
    ActivityRow {
        key: keys.next(),
        id: None,
        title: RwSignal::new(String::new()),
        summary: RwSignal::new(String::new()),
        minutes: RwSignal::new("10".into()),
        content,
    }
}

/// What a number field holds: a whole number, or `None` (the draft's check names the field).
pub fn whole(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

/// The draft activity the rows say. `Err(field)` for a number that is not one.
pub fn to_draft(a: &ActivityRow) -> Result<DraftActivity, &'static str> {
    let content = match a.content {
        ContentRow::Lesson { body, video_url } => DraftContent::Lesson {
            body: body.get_untracked(),
            video_url: Some(video_url.get_untracked().trim().to_string()).filter(|v| !v.is_empty()),
        },
        ContentRow::Reflection { prompt } => DraftContent::Reflection {
            prompt: prompt.get_untracked(),
        },
        ContentRow::External { url } => DraftContent::External {
            url: url.get_untracked().trim().to_string(),
        },
        ContentRow::Quiz {
            pass_mark,
            questions,
        } => DraftContent::Quiz {
            pass_mark_percent: whole(&pass_mark.get_untracked())
                .and_then(|p| u8::try_from(p).ok())
                .ok_or("pass_mark_percent")?,
            questions: questions
                .get_untracked()
                .iter()
                .map(|q| DraftQuestion {
                    prompt: q.prompt.get_untracked(),
                    explanation: q.explanation.get_untracked(),
                    multiple: q.multiple.get_untracked(),
                    options: q
                        .options
                        .get_untracked()
                        .iter()
                        .map(|o| DraftOption {
                            text: o.text.get_untracked(),
                            correct: o.correct.get_untracked(),
                        })
                        .collect(),
                })
                .collect(),
        },
    };
    Ok(DraftActivity {
        id: a.id,
        title: a.title.get_untracked(),
        summary: a.summary.get_untracked(),
        estimated_minutes: whole(&a.minutes.get_untracked()).ok_or("estimated_minutes")?,
        content,
    })
}

/// The element id of a field of an activity, a question or an option (focus moves there
/// when the field needs fixing).
pub fn field_id(activity: u64, question: Option<u64>, option: Option<u64>, field: &str) -> String {
    match (question, option) {
        (Some(q), Some(o)) => format!("a{activity}-q{q}-o{o}-{field}"),
        (Some(q), None) => format!("a{activity}-q{q}-{field}"),
        _ => format!("a{activity}-{field}"),
    }
}

/// Moves the row with `key` by `by` places (−1 up, +1 down). Focus stays on the button
/// pressed, or goes to the other one when the row has reached the end (a disabled button
/// cannot hold focus).
fn shift(rows: RwSignal<Vec<ActivityRow>>, key: u64, by: isize) {
    let mut at_end = false;
    rows.update(|rs| {
        if let Some(i) = rs.iter().position(|r| r.key == key) {
            let j = i as isize + by;
            if j >= 0 && (j as usize) < rs.len() {
                rs.swap(i, j as usize);
                at_end = j == 0 || j as usize + 1 == rs.len();
            }
        }
    });
    let (pressed, other) = if by < 0 {
        ("up", "down")
    } else {
        ("down", "up")
    };
    focus_soon(format!("a{key}-{}", if at_end { other } else { pressed }));
}

/// A labelled text input or text area bound to `value` (the editors' fields).
#[component]
pub(super) fn Text(
    #[prop(into)] id: String,
    label: Key,
    value: RwSignal<String>,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = hint.map(|_| hint_id.clone());
    let input = match rows {
        Some(rows) => view! {
            <textarea id=id.clone() rows=rows maxlength=maxlength aria-describedby=described.clone()
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        None => view! {
            <input id=id.clone() type=kind.unwrap_or("text") maxlength=maxlength
                aria-describedby=described.clone()
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            {input}
            {hint.map(|h| view! { <p class="hint" id=hint_id>{tr(h)}</p> })}
        </div>
    }
}

/// The list of activities, with the control to add one.
#[component]
pub fn ActivitiesEditor(
    slug: String,
    rows: RwSignal<Vec<ActivityRow>>,
    keys: Keys,
) -> impl IntoView {
    let owner = Owner::current().expect("the editor has an owner");
    let new_kind = RwSignal::new(ActivityKind::Lesson);
    let dragging = RwSignal::new(None::<u64>);
    let slug = StoredValue::new(slug);
    let add = {
        let owner = owner.clone();
        move |_| {
            // Rows belong to the editor, not to this click.
            let row = owner.with(|| new_activity(keys, new_kind.get_untracked()));
            rows.update(|rs| rs.push(row));
            focus_soon(field_id(row.key, None, None, "title"));
        }
    };
    view! {
        <section aria-labelledby="activities-heading">
            <h2 id="activities-heading">{tr(Key::Activities)}</h2>
            <p class="hint">{tr(Key::ActivitiesHint)}</p>
            <ol class="activity-editors">
                <For each=move || rows.get() key=|r| r.key let:row>
                    <ActivityEditor row=row rows=rows keys=keys owner=owner.clone()
                        dragging=dragging slug=slug.get_value()/>
                </For>
            </ol>
            <div class="add-activity">
                <label for="new-activity-kind">{tr(Key::NewActivityKind)}</label>
                <select id="new-activity-kind" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    new_kind.set(ActivityKind::parse(&v).unwrap_or(ActivityKind::Lesson));
                }>
                    {[ActivityKind::Lesson, ActivityKind::Quiz, ActivityKind::Reflection, ActivityKind::External]
                        .into_iter()
                        .map(|k| view! {
                            <option value=k.as_str() selected=move || new_kind.get() == k>{tr(activity_kind_key(k))}</option>
                        })
                        .collect_view()}
                </select>
                <button type="button" class="button secondary" id="add-activity" on:click=add>{tr(Key::AddActivity)}</button>
            </div>
        </section>
    }
}

#[component]
fn ActivityEditor(
    row: ActivityRow,
    rows: RwSignal<Vec<ActivityRow>>,
    keys: Keys,
    owner: Owner,
    dragging: RwSignal<Option<u64>>,
    slug: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = row.key;
    let index = move || rows.with(|rs| rs.iter().position(|r| r.key == key).unwrap_or(0));
    let count = move || rows.with(Vec::len);
    let heading_id = format!("a{key}-heading");
    let labelled_by = heading_id.clone();
    let up_id = format!("a{key}-up");
    let down_id = format!("a{key}-down");
    let kind = row.content.kind();
    let name = move || {
        let t = row.title.get();
        if t.trim().is_empty() {
            i18n.t(Key::Untitled).to_string()
        } else {
            t
        }
    };
    let up = move |_| shift(rows, key, -1);
    let down = move |_| shift(rows, key, 1);
    let remove = move |_| {
        rows.update(|rs| rs.retain(|r| r.key != key));
        focus_soon("add-activity".into());
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(from) = dragging.get_untracked() {
            rows.update(|rs| {
                if let (Some(i), Some(j)) = (
                    rs.iter().position(|r| r.key == from),
                    rs.iter().position(|r| r.key == key),
                ) {
                    let moved = rs.remove(i);
                    rs.insert(j, moved);
                }
            });
        }
        dragging.set(None);
    };
    let content = match row.content {
        ContentRow::Lesson { body, video_url } => {
            view! { <LessonEditor key=key body=body video_url=video_url slug=slug/> }.into_any()
        }
        ContentRow::Quiz {
            pass_mark,
            questions,
        } => view! { <QuizEditor key=key pass_mark=pass_mark questions=questions keys=keys owner=owner/> }
            .into_any(),
        ContentRow::Reflection { prompt } => view! {
            <Text id=field_id(key, None, None, "prompt") label=Key::FieldPrompt value=prompt rows=4
                maxlength=PROMPT_MAX_CHARS hint=Key::MarkdownHint/>
        }
        .into_any(),
        ContentRow::External { url } => view! {
            <Text id=field_id(key, None, None, "url") label=Key::FieldExternalUrl value=url kind="url"
                hint=Key::ExternalUrlHint/>
        }
        .into_any(),
    };
    view! {
        <li class="activity-editor" aria-labelledby=labelled_by
            class:dragging=move || dragging.get() == Some(key)
            on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop>
            <div class="activity-editor-head">
                <span class="drag-handle" draggable="true" aria-hidden="true" title=move || i18n.t(Key::DragToMove)
                    on:dragstart=move |_| dragging.set(Some(key))
                    on:dragend=move |_| dragging.set(None)>"⠿"</span>
                <h3 id=heading_id>
                    {move || format!("{}. ", index() + 1)}
                    {name}
                    " "
                    <span class="badge">{tr(activity_kind_key(kind))}</span>
                </h3>
                <div class="row-actions">
                    <button type="button" class="button secondary" id=up_id on:click=up disabled=move || index() == 0
                        aria-label=move || i18n::move_up(i18n.lang(), &name())>
                        "↑"
                    </button>
                    <button type="button" class="button secondary" id=down_id on:click=down disabled=move || { index() + 1 >= count() }
                        aria-label=move || i18n::move_down(i18n.lang(), &name())>
                        "↓"
                    </button>
                    <button type="button" class="button secondary" on:click=remove
                        aria-label=move || i18n::remove_named(i18n.lang(), &name())>
                        {tr(Key::Remove)}
                    </button>
                </div>
            </div>
            {row.id.is_none().then(|| view! { <p class="hint">{tr(Key::ActivityNew)}</p> })}
            <Text id=field_id(key, None, None, "title") label=Key::FieldTitle value=row.title maxlength=150/>
            <Text id=field_id(key, None, None, "summary") label=Key::FieldSummary value=row.summary maxlength=500/>
            <Text id=field_id(key, None, None, "estimated_minutes") label=Key::FieldMinutes value=row.minutes kind="number"/>
            {content}
        </li>
    }
}

/// A lesson: Markdown, the server's own rendering as a preview, and images uploaded into it.
#[component]
fn LessonEditor(
    key: u64,
    body: RwSignal<String>,
    video_url: RwSignal<String>,
    slug: String,
) -> impl IntoView {
    let preview_html = RwSignal::new(None::<String>);
    let preview = Submit::new(move |markdown: &String| {
        let markdown = markdown.clone();
        async move {
            let p = api::preview(&markdown).await.map_err(FormError::Api)?;
            preview_html.set(Some(p.html));
            Ok(())
        }
    });
    // Once open, the preview follows the text: the server renders it again shortly after
    // the author stops typing (one request per pause, not per key).
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let text = body.get();
        if preview_html.get_untracked().is_none() {
            return;
        }
        generation.update_value(|g| *g += 1);
        follow(generation, generation.get_value(), text, preview);
    });
    let alt = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let uploaded = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    let upload = Submit::new(move |file: &SendFile| {
        let file = file.0.clone();
        async move {
            let img = api::upload_image(&slug.get_value(), &file)
                .await
                .map_err(FormError::Api)?;
            let text = alt.get_untracked().trim().replace(['[', ']'], "");
            body.update(|b| {
                if !b.is_empty() && !b.ends_with('\n') {
                    b.push('\n');
                }
                b.push_str(&format!("\n![{text}]({})\n", img.url));
            });
            alt.set(String::new());
            uploaded.set(true);
            Ok(())
        }
    });
    let body_id = field_id(key, None, None, "body");
    let alt_id = format!("a{key}-image-alt");
    let file_id = format!("a{key}-image-file");
    let upload_error_id = format!("a{key}-image-error");
    let on_upload = {
        let alt_id = alt_id.clone();
        move |_| {
            uploaded.set(false);
            if alt.get_untracked().trim().is_empty() {
                upload.fail(FormError::Field {
                    field: "alt",
                    key: Key::ErrImageAlt,
                });
                focus_soon(alt_id.clone());
                return;
            }
            let file = file_input
                .get_untracked()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            match file {
                Some(f) => upload.dispatch(SendFile(send_wrapper::SendWrapper::new(f))),
                None => upload.fail(FormError::Field {
                    field: "file",
                    key: Key::ErrImageFile,
                }),
            }
        }
    };
    view! {
        <Text id=body_id.clone() label=Key::FieldLessonBody value=body rows=12 maxlength=LESSON_MAX_CHARS
            hint=Key::MarkdownHint/>
        <fieldset class="image-upload">
            <legend>{tr(Key::ImageUpload)}</legend>
            <p class="hint">{tr(Key::ImageUploadHint)}</p>
            <SubmitError submit=upload id=upload_error_id.clone()/>
            <div class="field">
                <label for=alt_id.clone()>{tr(Key::FieldImageAlt)}</label>
                <input id=alt_id type="text" maxlength=200 aria-describedby=upload_error_id.clone()
                    aria-invalid=upload.invalid("alt")
                    prop:value=alt on:input=move |ev| alt.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=file_id.clone()>{tr(Key::FieldImageFile)}</label>
                <input id=file_id type="file" accept="image/png,image/jpeg,image/webp" node_ref=file_input
                    aria-describedby=upload_error_id/>
            </div>
            <button type="button" class="button secondary" on:click=on_upload disabled=move || upload.busy()>{tr(Key::UploadImage)}</button>
            <p role="status">{move || uploaded.get().then(|| tr(Key::ImageInserted)())}</p>
        </fieldset>
        <Text id=field_id(key, None, None, "video_url") label=Key::FieldVideoUrl value=video_url kind="url"/>
        <div class="preview-controls">
            <button type="button" class="button secondary" on:click=move |_| preview.dispatch(body.get_untracked()) disabled=move || preview.busy()>
                {tr(Key::Preview)}
            </button>
            <SubmitError submit=preview/>
        </div>
        {move || preview_html.get().map(|html| view! {
            <section class="lesson-preview" aria-label=tr(Key::PreviewHeading)>
                <p class="hint">{tr(Key::PreviewHeading)}</p>
                <div class="lesson-body" inner_html=html></div>
            </section>
        })}
    }
}

/// Renders `text` as the preview after a pause, unless the author typed again since (a
/// newer pause renders) or the editor is gone; while a rendering is on its way, waits for
/// it rather than dropping the newer text.
fn follow(generation: StoredValue<u64>, mine: u64, text: String, preview: Submit<String, ()>) {
    set_timeout(
        move || {
            if generation.try_get_value() != Some(mine) {
                return;
            }
            if preview.busy_untracked() {
                follow(generation, mine, text, preview);
            } else {
                preview.dispatch(text);
            }
        },
        std::time::Duration::from_millis(700),
    );
}

/// A quiz: the pass mark, and questions with options, at least one correct.
#[component]
fn QuizEditor(
    key: u64,
    pass_mark: RwSignal<String>,
    questions: RwSignal<Vec<QuestionRow>>,
    keys: Keys,
    owner: Owner,
) -> impl IntoView {
    let add_id = format!("a{key}-add-question");
    let add_button = add_id.clone();
    let add = {
        let owner = owner.clone();
        move |_| {
            if questions.with_untracked(Vec::len) >= QUESTIONS_MAX {
                return;
            }
            let q = owner.with(|| empty_question(keys));
            questions.update(|qs| qs.push(q));
            focus_soon(field_id(key, Some(q.key), None, "prompt"));
        }
    };
    view! {
        <Text id=field_id(key, None, None, "pass_mark_percent") label=Key::FieldPassMark value=pass_mark
            kind="number" hint=Key::PassMarkHint/>
        <For each=move || questions.get() key=|q| q.key let:q>
            <QuestionEditor activity=key q=q questions=questions keys=keys owner=owner.clone()
                add_id=add_button.clone()/>
        </For>
        <button type="button" class="button secondary" id=add_id on:click=add>{tr(Key::AddQuestion)}</button>
    }
}

#[component]
fn QuestionEditor(
    activity: u64,
    q: QuestionRow,
    questions: RwSignal<Vec<QuestionRow>>,
    keys: Keys,
    owner: Owner,
    add_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let number =
        move || questions.with(|qs| qs.iter().position(|x| x.key == q.key).unwrap_or(0)) + 1;
    let options_id = field_id(activity, Some(q.key), None, "options");
    let add_option_id = format!("a{activity}-q{}-add-option", q.key);
    let multiple_id = field_id(activity, Some(q.key), None, "multiple");
    let add_option = {
        let owner = owner.clone();
        move |_| {
            if q.options.with_untracked(Vec::len) >= OPTIONS_MAX {
                return;
            }
            let o = owner.with(|| {
                option_row(
                    keys,
                    &DraftOption {
                        text: String::new(),
                        correct: false,
                    },
                )
            });
            q.options.update(|os| os.push(o));
            focus_soon(field_id(activity, Some(q.key), Some(o.key), "text"));
        }
    };
    let remove = move |_| {
        questions.update(|qs| qs.retain(|x| x.key != q.key));
        focus_soon(add_id.clone());
    };
    view! {
        <fieldset class="question-editor">
            <legend>{move || i18n::question_number(i18n.lang(), number())}</legend>
            <Text id=field_id(activity, Some(q.key), None, "prompt") label=Key::FieldQuestion value=q.prompt rows=2
                maxlength=PROMPT_MAX_CHARS/>
            <div class="field checkbox">
                <input type="checkbox" id=multiple_id.clone() prop:checked=q.multiple
                    on:change=move |ev| q.multiple.set(event_target_checked(&ev))/>
                <label for=multiple_id>{tr(Key::FieldMultiple)}</label>
            </div>
            <Text id=field_id(activity, Some(q.key), None, "explanation") label=Key::FieldExplanation
                value=q.explanation rows=2 maxlength=PROMPT_MAX_CHARS hint=Key::ExplanationHint/>
            <fieldset id=options_id tabindex="-1" class="options-editor">
                <legend>{tr(Key::Options)}</legend>
                <For each=move || q.options.get() key=|o| o.key let:o>
                    <OptionEditor activity=activity question=q o=o/>
                </For>
                <button type="button" class="button secondary" id=add_option_id on:click=add_option>{tr(Key::AddOption)}</button>
            </fieldset>
            <button type="button" class="button secondary" on:click=remove
                aria-label=move || i18n::remove_question(i18n.lang(), number())>
                {tr(Key::RemoveQuestion)}
            </button>
        </fieldset>
    }
}

#[component]
fn OptionEditor(activity: u64, question: QuestionRow, o: OptionRow) -> impl IntoView {
    let i18n = use_i18n();
    let number = move || {
        question
            .options
            .with(|os| os.iter().position(|x| x.key == o.key).unwrap_or(0))
            + 1
    };
    let text_id = field_id(activity, Some(question.key), Some(o.key), "text");
    let correct_id = field_id(activity, Some(question.key), Some(o.key), "correct");
    let remove = move |_| {
        question.options.update(|os| os.retain(|x| x.key != o.key));
        focus_soon(format!("a{activity}-q{}-add-option", question.key));
    };
    view! {
        <div class="option-editor">
            <div class="field">
                <label for=text_id.clone()>{move || i18n::option_number(i18n.lang(), number())}</label>
                <input id=text_id type="text" maxlength=500 prop:value=o.text
                    on:input=move |ev| o.text.set(event_target_value(&ev))/>
            </div>
            <div class="field checkbox">
                <input type="checkbox" id=correct_id.clone() prop:checked=o.correct
                    on:change=move |ev| o.correct.set(event_target_checked(&ev))/>
                <label for=correct_id>{tr(Key::Correct)}</label>
            </div>
            <button type="button" class="button secondary" on:click=remove
                aria-label=move || i18n::remove_option(i18n.lang(), number())>
                {tr(Key::Remove)}
            </button>
        </div>
    }
}
