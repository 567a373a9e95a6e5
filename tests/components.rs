//! Component tests: real components mounted in headless Chromium (wasm-bindgen-test).
//! Run with `make test-wasm`.
#![cfg(target_arch = "wasm32")]

use kursbro_app::api::ApiError;
use kursbro_app::components::header::LangSwitch;
use kursbro_app::components::module_card::ModuleCard;
use kursbro_app::i18n::{tr, I18n, Key, Lang};
use kursbro_shared::api::{
    ErrorCode, ModuleKind, ModuleSummary, OrganisationKind, OrganisationRef,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the page, so each test sees only what it mounted.
fn container() -> web_sys::HtmlElement {
    let div = document()
        .create_element("div")
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn html_lang() -> String {
    document()
        .document_element()
        .unwrap()
        .get_attribute("lang")
        .unwrap_or_default()
}

fn stored_lang() -> Option<String> {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("kursbro.lang")
        .unwrap()
}

fn forget_lang() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("kursbro.lang").unwrap();
}

#[wasm_bindgen_test]
fn every_key_has_text_in_both_languages() {
    for key in Key::ALL {
        assert!(!key.text(Lang::Nb).trim().is_empty(), "{key:?} nb");
        assert!(!key.text(Lang::En).trim().is_empty(), "{key:?} en");
    }
}

#[wasm_bindgen_test]
fn password_texts_say_the_limits_the_rules_use() {
    use kursbro_shared::validation::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
    let min = PASSWORD_MIN_CHARS.to_string();
    let max = PASSWORD_MAX_CHARS.to_string();
    for lang in [Lang::Nb, Lang::En] {
        assert!(Key::ChangePasswordIntro.text(lang).contains(&min));
        assert!(Key::ErrNewPasswordShort.text(lang).contains(&min));
        assert!(Key::ErrNewPasswordLong.text(lang).contains(&max));
    }
}

#[wasm_bindgen_test]
fn plan_editor_texts_say_the_limits_the_rules_use() {
    use kursbro_shared::plans::{
        DUE_DAYS_MAX, DUE_YEARS, PERIOD_MONTHS_MAX, PLAN_NAME_MAX_CHARS, PLAN_REQUIREMENTS_MAX,
        WINDOW_DAYS_MAX,
    };
    for lang in [Lang::Nb, Lang::En] {
        let says =
            |key: Key, n: String| assert!(key.text(lang).contains(&n), "{key:?} {lang:?} says {n}");
        says(Key::ErrPlanName, PLAN_NAME_MAX_CHARS.to_string());
        says(Key::ErrPlanTooMany, PLAN_REQUIREMENTS_MAX.to_string());
        says(Key::ErrDueDays, DUE_DAYS_MAX.to_string());
        says(Key::ErrDueDate, DUE_YEARS.0.to_string());
        says(Key::ErrDueDate, DUE_YEARS.1.to_string());
        says(Key::ErrPeriod, PERIOD_MONTHS_MAX.to_string());
        says(Key::ErrWindow, WINDOW_DAYS_MAX.to_string());
    }
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_texts_and_html_lang_and_is_remembered() {
    forget_lang();
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), || {
        I18n::provide();
        view! {
            <LangSwitch/>
            <p id="probe">{tr(Key::NavCatalogue)}</p>
        }
    });
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "#probe"), "Katalog", "bokmål is the default");
    assert_eq!(html_lang(), "nb");
    let button = root
        .query_selector("button.lang-switch")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap();
    assert_eq!(button.text_content().unwrap().trim(), "English");
    assert_eq!(button.get_attribute("lang").as_deref(), Some("en"));

    button.click();
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "#probe"), "Catalogue");
    assert_eq!(html_lang(), "en");
    assert_eq!(button.text_content().unwrap().trim(), "Norsk");
    assert_eq!(stored_lang().as_deref(), Some("en"));

    // A new start of the app on this device comes up in English.
    let second = container();
    let _again = leptos::mount::mount_to(second.clone(), || {
        I18n::provide();
        view! { <p id="probe2">{tr(Key::NavCatalogue)}</p> }
    });
    leptos::task::tick().await;
    assert_eq!(text_of(&second, "#probe2"), "Catalogue");
    forget_lang();
}

fn sample_module(credits: Option<f32>, validity_months: Option<u32>) -> ModuleSummary {
    ModuleSummary {
        slug: "smittevern".into(),
        title: "Smittevern og basale smittevernrutiner".into(),
        summary: "Håndhygiene og beskyttelsesutstyr.".into(),
        kind: ModuleKind::StatutoryCourse,
        theme: "Pasientsikkerhet".into(),
        language: "nb".into(),
        credits,
        estimated_hours: 2,
        validity_months,
        provider: OrganisationRef {
            id: 1,
            name: "Sørlia kommune".into(),
            kind: OrganisationKind::Municipality,
        },
        activity_count: 3,
    }
}

#[wasm_bindgen_test]
async fn a_module_card_links_to_its_page_and_shows_its_facts_in_both_languages() {
    forget_lang();
    let root = container();
    let i18n = RwSignal::new(None::<I18n>);
    let _app = leptos::mount::mount_to(root.clone(), move || {
        i18n.set(Some(I18n::provide()));
        view! {
            <ModuleCard module=sample_module(Some(7.5), Some(24))/>
        }
    });
    leptos::task::tick().await;
    let link = root.query_selector("h3 a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/moduler/smittevern")
    );
    assert_eq!(
        link.text_content().unwrap(),
        "Smittevern og basale smittevernrutiner"
    );
    let facts = text_of(&root, "dl.facts");
    assert!(facts.contains("2 timer"), "{facts}");
    assert!(facts.contains("7,5 studiepoeng"), "{facts}");
    assert!(facts.contains("24 måneder"), "{facts}");
    assert!(facts.contains("Sørlia kommune"), "{facts}");
    assert!(text_of(&root, ".card-meta").contains("3 aktiviteter"));

    i18n.get_untracked().unwrap().set_lang(Lang::En);
    leptos::task::tick().await;
    let facts = text_of(&root, "dl.facts");
    assert!(facts.contains("2 hours"), "{facts}");
    assert!(facts.contains("7.5 credits"), "{facts}");
    assert!(facts.contains("24 months"), "{facts}");
    forget_lang();
}

#[wasm_bindgen_test]
async fn a_course_without_credits_shows_no_credits_line() {
    forget_lang();
    let root = container();
    let _app = leptos::mount::mount_to(root.clone(), || {
        I18n::provide();
        view! { <ModuleCard module=sample_module(None, None)/> }
    });
    leptos::task::tick().await;
    let facts = text_of(&root, "dl.facts");
    assert!(!facts.contains("Studiepoeng"), "{facts}");
    assert!(!facts.contains("Gyldighet"), "{facts}");
    assert_eq!(
        root.query_selector_all("dl.facts > div").unwrap().length(),
        2
    );
}

#[wasm_bindgen_test]
fn numbers_have_one_decimal_the_way_of_each_language() {
    use kursbro_app::i18n::{credits, feedback_average, number};
    assert_eq!(number(Lang::Nb, 7.5), "7,5");
    assert_eq!(number(Lang::En, 7.5), "7.5");
    assert_eq!(number(Lang::Nb, 10.0), "10");
    assert_eq!(number(Lang::Nb, 0.5), "0,5");
    assert_eq!(number(Lang::Nb, 2.96), "3");
    assert_eq!(number(Lang::En, 2.25), "2.3");
    assert_eq!(number(Lang::Nb, -1.5), "-1,5");
    assert_eq!(number(Lang::Nb, -0.01), "0");
    assert_eq!(credits(Lang::Nb, 15.0), "15 studiepoeng");
    assert_eq!(credits(Lang::En, 1.0), "1 credit");
    assert_eq!(feedback_average(Lang::Nb, 4.0), "4,0 av 5");
    assert_eq!(feedback_average(Lang::Nb, 4.25), "4,3 av 5");
    assert_eq!(feedback_average(Lang::En, 3.04), "3.0 of 5");
}

#[wasm_bindgen_test]
fn api_errors_become_messages_in_the_users_language() {
    let wrong = ApiError::Server {
        status: 401,
        code: ErrorCode::InvalidCredentials,
        message: "The e-mail address or the password is wrong.".into(),
        field: None,
        retry_after: None,
    };
    assert_eq!(
        wrong.user_message(Lang::Nb),
        "E-postadressen eller passordet er feil."
    );
    let limited = ApiError::Server {
        status: 429,
        code: ErrorCode::RateLimited,
        message: String::new(),
        field: None,
        retry_after: Some(42),
    };
    assert!(limited.user_message(Lang::Nb).contains("42 sekunder"));
    assert!(limited.user_message(Lang::En).contains("42 seconds"));
    assert_eq!(
        ApiError::Network.user_message(Lang::En),
        Key::ErrNetwork.text(Lang::En)
    );
}

mod learning {
    use kursbro_app::components::progress::{activity_state, progress_with_pending, ActivityState};
    use kursbro_app::outbox::{new_event_id, Pending};
    use kursbro_shared::api::{
        Activity, ActivityKind, ModuleDetail, ModuleKind, ModuleSummary, OrganisationKind,
        OrganisationRef,
    };
    use kursbro_shared::learning::{
        ActivityContent, Completion, LearningAction, LearningEvent, ModuleLearnerState,
    };
    use kursbro_shared::progress::ModuleProgress;
    use wasm_bindgen_test::*;

    fn activity(id: i64, kind: ActivityKind) -> Activity {
        Activity {
            id,
            position: id as u32,
            kind,
            title: format!("A{id}"),
            summary: String::new(),
            estimated_minutes: 10,
            content: ActivityContent::External { url: String::new() },
        }
    }

    fn detail() -> ModuleDetail {
        ModuleDetail {
            module: ModuleSummary {
                slug: "m".into(),
                title: "M".into(),
                summary: String::new(),
                kind: ModuleKind::ProgrammeModule,
                theme: String::new(),
                language: "nb".into(),
                credits: None,
                estimated_hours: 1,
                validity_months: None,
                provider: OrganisationRef {
                    id: 1,
                    name: "P".into(),
                    kind: OrganisationKind::Hospital,
                },
                activity_count: 4,
            },
            description: String::new(),
            activities: vec![
                activity(1, ActivityKind::Lesson),
                activity(2, ActivityKind::Lesson),
                activity(3, ActivityKind::Quiz),
                activity(4, ActivityKind::Reflection),
            ],
            programmes: vec![],
            prerequisite: None,
        }
    }

    fn pending(action: LearningAction) -> Pending {
        Pending {
            event: LearningEvent {
                id: new_event_id(),
                occurred_at: chrono::Utc::now(),
                action,
            },
            module_slug: "m".into(),
            activity_title: "t".into(),
        }
    }

    #[wasm_bindgen_test]
    fn waiting_work_counts_as_done_but_a_waiting_quiz_does_not() {
        let state = ModuleLearnerState {
            enrolled: true,
            enrolled_directly: false,
            progress: ModuleProgress::new(1, 4),
            locked_by: None,
            completions: vec![Completion {
                activity_id: 1,
                completed_at: chrono::Utc::now(),
            }],
            quizzes: vec![],
            reflections: vec![],
            readers: vec![],
            feedback_given: false,
        };
        let waiting = vec![
            pending(LearningAction::LessonCompleted { activity_id: 2 }),
            pending(LearningAction::QuizSubmitted {
                activity_id: 3,
                answers: vec![],
            }),
        ];
        assert_eq!(
            activity_state(1, Some(&state), &waiting),
            ActivityState::Done
        );
        assert_eq!(
            activity_state(2, Some(&state), &waiting),
            ActivityState::DoneWaiting
        );
        assert_eq!(
            activity_state(3, Some(&state), &waiting),
            ActivityState::SubmittedWaiting
        );
        assert_eq!(
            activity_state(4, Some(&state), &waiting),
            ActivityState::Open
        );
        // Offline before the state was ever loaded: the outbox alone decides.
        assert_eq!(
            activity_state(2, None, &waiting),
            ActivityState::DoneWaiting
        );
        let p = progress_with_pending(&detail(), Some(&state), &waiting);
        assert_eq!((p.completed, p.total), (2, 4));
    }

    #[wasm_bindgen_test]
    fn event_ids_are_unique_uuids_the_server_accepts() {
        let a = new_event_id();
        let b = new_event_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "version 4: {a}");
        let event = LearningEvent {
            id: a,
            occurred_at: chrono::Utc::now(),
            action: LearningAction::LessonCompleted { activity_id: 1 },
        };
        assert_eq!(kursbro_shared::learning::validate_event(&event), Ok(()));
    }
}

/// The app's JSON goes through the browser (`src/json.rs`): the same text serde_json
/// wrote, so what an earlier build kept on the device is still read.
mod json {
    use kursbro_app::json::{from_str, to_string};
    use kursbro_app::outbox::Pending;
    use kursbro_shared::learning::{EventReceipt, LearningAction, LearningEvent};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn a_tagged_event_goes_through_text_and_back_unchanged() {
        let event = LearningEvent {
            id: "e-12345678".into(),
            occurred_at: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap(),
            action: LearningAction::ReflectionSubmitted {
                activity_id: 7,
                text: "«Hånd» \"hygiene\"\n".into(),
            },
        };
        let text = to_string(&event).unwrap();
        assert!(text.contains(r#""kind":"reflection_submitted""#), "{text}");
        assert_eq!(from_str::<LearningEvent>(&text), Some(event));
        assert_eq!(from_str::<LearningEvent>(r#"{"id":"#), None);
        assert_eq!(from_str::<LearningEvent>(r#"{"id":"x"}"#), None);
    }

    #[wasm_bindgen_test]
    fn null_is_none_and_none_is_written_as_null() {
        let receipt: EventReceipt =
            from_str(r#"{"id":"e-1","duplicate":true,"quiz":null,"added_later":1}"#).unwrap();
        assert_eq!(receipt.quiz, None);
        assert!(!receipt.clock_adjusted);
        assert!(to_string(&receipt).unwrap().contains(r#""quiz":null"#));
    }

    #[wasm_bindgen_test]
    fn an_event_waiting_on_the_device_from_an_earlier_build_is_read() {
        // As serde_json wrote it.
        let kept = r#"{"event":{"id":"0b6c3a52-8f1e-4e7a-9a51-2d1f5c9e7b10","occurred_at":"2026-11-20T06:15:02.125Z","action":{"kind":"quiz_submitted","activity_id":42,"answers":[{"question_id":1,"option_ids":[2,3]}]}},"module_slug":"legemiddelhandtering","activity_title":"Test deg selv"}"#;
        let pending: Pending = from_str(kept).expect("read as before");
        assert_eq!(pending.module_slug, "legemiddelhandtering");
        assert_eq!(
            from_str::<Pending>(&to_string(&pending).unwrap()),
            Some(pending)
        );
    }
}
