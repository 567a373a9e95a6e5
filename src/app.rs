//! The shell of the app: skip link, header, routes, footer.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy};

use crate::lazy_page;

use crate::components::gathering::UnreadNotices;
use crate::components::header::Header;
use crate::i18n::{tr, I18n, Key};
use crate::outbox::Outbox;
use crate::pages::{
    AccountPage, ActivityPage, AdminPage, AdminPeoplePage, AdminPersonPage, AuthoringPage,
    Catalogue, CohortDiscussionPage, CohortGridPage, CohortsPage, CourseProgrammePage,
    DashboardPage, EditGatheringPage, EditPlanPage, FeedbackPage, GatheringPage, Home, ImportPage,
    InvitationPage, Login, ModerationPage, ModuleDiscussionPage, ModuleEditorPage, ModulePage,
    MyProgressPage, NewGatheringPage, NewPlanPage, NewsPage, NotFound, NoticesPage, PersonPage,
    PlansPage, ProgrammeEditorPage, ProgrammePage, ProviderPage, RequirementsPage, ThreadPage,
};
use crate::session::Session;

lazy_page!(NewsRoute, load_news_page, community, NewsPage);
lazy_page!(ProviderRoute, load_provider_page, community, ProviderPage);
lazy_page!(FeedbackRoute, load_feedback_page, staff, FeedbackPage);
lazy_page!(AuthoringRoute, load_authoring_page, staff, AuthoringPage);
lazy_page!(
    ModuleEditorRoute,
    load_module_editor_page,
    staff,
    ModuleEditorPage
);
lazy_page!(
    ProgrammeEditorRoute,
    load_programme_editor_page,
    staff,
    ProgrammeEditorPage
);
lazy_page!(ModuleRoute, load_module_page, learning, ModulePage);
lazy_page!(ActivityRoute, load_activity_page, learning, ActivityPage);
lazy_page!(ProgrammeRoute, load_programme_page, learning, ProgrammePage);
lazy_page!(
    MyProgressRoute,
    load_my_progress_page,
    learning,
    MyProgressPage
);
lazy_page!(
    RequirementsRoute,
    load_requirements_page,
    learning,
    RequirementsPage
);
lazy_page!(CohortsRoute, load_cohorts_page, staff, CohortsPage);
lazy_page!(
    CohortGridRoute,
    load_cohort_grid_page,
    staff,
    CohortGridPage
);
lazy_page!(
    CohortDiscussionRoute,
    load_cohort_discussion_page,
    community,
    CohortDiscussionPage
);
lazy_page!(
    ModuleDiscussionRoute,
    load_module_discussion_page,
    community,
    ModuleDiscussionPage
);
lazy_page!(ThreadRoute, load_thread_page, community, ThreadPage);
lazy_page!(ModerationRoute, load_moderation_page, staff, ModerationPage);
lazy_page!(AccountRoute, load_account_page, community, AccountPage);
lazy_page!(
    InvitationRoute,
    load_invitation_page,
    community,
    InvitationPage
);
lazy_page!(DashboardRoute, load_dashboard_page, staff, DashboardPage);
lazy_page!(PersonRoute, load_person_page, staff, PersonPage);
lazy_page!(PlansRoute, load_plans_page, staff, PlansPage);
lazy_page!(NewPlanRoute, load_new_plan_page, staff, NewPlanPage);
lazy_page!(EditPlanRoute, load_edit_plan_page, staff, EditPlanPage);
lazy_page!(AdminRoute, load_admin_page, staff, AdminPage);
lazy_page!(
    AdminPeopleRoute,
    load_admin_people_page,
    staff,
    AdminPeoplePage
);
lazy_page!(
    AdminPersonRoute,
    load_admin_person_page,
    staff,
    AdminPersonPage
);
lazy_page!(ImportRoute, load_import_page, staff, ImportPage);
lazy_page!(
    CourseProgrammeRoute,
    load_course_programme_page,
    community,
    CourseProgrammePage
);
lazy_page!(
    NewGatheringRoute,
    load_new_gathering_page,
    staff,
    NewGatheringPage
);
lazy_page!(
    GatheringRoute,
    load_gathering_page,
    community,
    GatheringPage
);
lazy_page!(
    EditGatheringRoute,
    load_edit_gathering_page,
    staff,
    EditGatheringPage
);
lazy_page!(NoticesRoute, load_notices_page, community, NoticesPage);

/// The skip link moves focus to `<main>` itself: left to the router, a `#main` link would
/// be treated as a navigation and focus would stay in the header.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    use leptos::wasm_bindgen::JsCast;
    ev.prevent_default();
    if let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// Registers `/sw.js`, which keeps the app shell and every module opened so far available
/// offline. Browsers without service workers simply go without.
fn register_service_worker() {
    if let Some(window) = web_sys::window() {
        let container = window.navigator().service_worker();
        let _ = container.register("/sw.js");
    }
}

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Session::provide();
    Outbox::provide();
    UnreadNotices::provide();
    register_service_worker();
    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>{tr(Key::SkipToContent)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/katalog") view=Catalogue/>
                    <Route path=path!("/nyheter") view={Lazy::<NewsRoute>::new()}/>
                    <Route path=path!("/tilbydere/:id") view={Lazy::<ProviderRoute>::new()}/>
                    <Route path=path!("/tilbakemeldinger") view={Lazy::<FeedbackRoute>::new()}/>
                    <Route path=path!("/innhold") view={Lazy::<AuthoringRoute>::new()}/>
                    <Route path=path!("/innhold/moduler/:slug") view={Lazy::<ModuleEditorRoute>::new()}/>
                    <Route path=path!("/innhold/programmer/:slug") view={Lazy::<ProgrammeEditorRoute>::new()}/>
                    <Route path=path!("/moduler/:slug") view={Lazy::<ModuleRoute>::new()}/>
                    <Route path=path!("/moduler/:slug/aktiviteter/:id") view={Lazy::<ActivityRoute>::new()}/>
                    <Route path=path!("/programmer/:slug") view={Lazy::<ProgrammeRoute>::new()}/>
                    <Route path=path!("/min-fremdrift") view={Lazy::<MyProgressRoute>::new()}/>
                    <Route path=path!("/kull") view={Lazy::<CohortsRoute>::new()}/>
                    <Route path=path!("/kull/:id") view={Lazy::<CohortGridRoute>::new()}/>
                    <Route path=path!("/kull/:id/diskusjon") view={Lazy::<CohortDiscussionRoute>::new()}/>
                    <Route path=path!("/moduler/:slug/diskusjon") view={Lazy::<ModuleDiscussionRoute>::new()}/>
                    <Route path=path!("/traader/:id") view={Lazy::<ThreadRoute>::new()}/>
                    <Route path=path!("/moderering") view={Lazy::<ModerationRoute>::new()}/>
                    <Route path=path!("/logg-inn") view=Login/>
                    <Route path=path!("/konto") view={Lazy::<AccountRoute>::new()}/>
                    <Route path=path!("/mine-krav") view={Lazy::<RequirementsRoute>::new()}/>
                    <Route path=path!("/kompetanse") view={Lazy::<DashboardRoute>::new()}/>
                    <Route path=path!("/kompetanse/personer/:id") view={Lazy::<PersonRoute>::new()}/>
                    <Route path=path!("/kompetanse/planer") view={Lazy::<PlansRoute>::new()}/>
                    <Route path=path!("/kompetanse/planer/ny") view={Lazy::<NewPlanRoute>::new()}/>
                    <Route path=path!("/kompetanse/planer/:id") view={Lazy::<EditPlanRoute>::new()}/>
                    <Route path=path!("/invitasjon") view={Lazy::<InvitationRoute>::new()}/>
                    <Route path=path!("/admin") view={Lazy::<AdminRoute>::new()}/>
                    <Route path=path!("/admin/personer") view={Lazy::<AdminPeopleRoute>::new()}/>
                    <Route path=path!("/admin/personer/:id") view={Lazy::<AdminPersonRoute>::new()}/>
                    <Route path=path!("/admin/import") view={Lazy::<ImportRoute>::new()}/>
                    <Route path=path!("/kursprogram") view={Lazy::<CourseProgrammeRoute>::new()}/>
                    <Route path=path!("/kursprogram/:period") view={Lazy::<CourseProgrammeRoute>::new()}/>
                    <Route path=path!("/samlinger/ny") view={Lazy::<NewGatheringRoute>::new()}/>
                    <Route path=path!("/samlinger/:id") view={Lazy::<GatheringRoute>::new()}/>
                    <Route path=path!("/samlinger/:id/endre") view={Lazy::<EditGatheringRoute>::new()}/>
                    <Route path=path!("/varsler") view={Lazy::<NoticesRoute>::new()}/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{tr(Key::Footer)}</p>
            </footer>
        </Router>
    }
}
