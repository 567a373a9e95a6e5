//! The shell of the app: skip link, header, routes, footer.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

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
                    <Route path=path!("/nyheter") view=NewsPage/>
                    <Route path=path!("/tilbydere/:id") view=ProviderPage/>
                    <Route path=path!("/tilbakemeldinger") view=FeedbackPage/>
                    <Route path=path!("/innhold") view=AuthoringPage/>
                    <Route path=path!("/innhold/moduler/:slug") view=ModuleEditorPage/>
                    <Route path=path!("/innhold/programmer/:slug") view=ProgrammeEditorPage/>
                    <Route path=path!("/moduler/:slug") view=ModulePage/>
                    <Route path=path!("/moduler/:slug/aktiviteter/:id") view=ActivityPage/>
                    <Route path=path!("/programmer/:slug") view=ProgrammePage/>
                    <Route path=path!("/min-fremdrift") view=MyProgressPage/>
                    <Route path=path!("/kull") view=CohortsPage/>
                    <Route path=path!("/kull/:id") view=CohortGridPage/>
                    <Route path=path!("/kull/:id/diskusjon") view=CohortDiscussionPage/>
                    <Route path=path!("/moduler/:slug/diskusjon") view=ModuleDiscussionPage/>
                    <Route path=path!("/traader/:id") view=ThreadPage/>
                    <Route path=path!("/moderering") view=ModerationPage/>
                    <Route path=path!("/logg-inn") view=Login/>
                    <Route path=path!("/konto") view=AccountPage/>
                    <Route path=path!("/mine-krav") view=RequirementsPage/>
                    <Route path=path!("/kompetanse") view=DashboardPage/>
                    <Route path=path!("/kompetanse/personer/:id") view=PersonPage/>
                    <Route path=path!("/kompetanse/planer") view=PlansPage/>
                    <Route path=path!("/kompetanse/planer/ny") view=NewPlanPage/>
                    <Route path=path!("/kompetanse/planer/:id") view=EditPlanPage/>
                    <Route path=path!("/invitasjon") view=InvitationPage/>
                    <Route path=path!("/admin") view=AdminPage/>
                    <Route path=path!("/admin/personer") view=AdminPeoplePage/>
                    <Route path=path!("/admin/personer/:id") view=AdminPersonPage/>
                    <Route path=path!("/admin/import") view=ImportPage/>
                    <Route path=path!("/kursprogram") view=CourseProgrammePage/>
                    <Route path=path!("/kursprogram/:period") view=CourseProgrammePage/>
                    <Route path=path!("/samlinger/ny") view=NewGatheringPage/>
                    <Route path=path!("/samlinger/:id") view=GatheringPage/>
                    <Route path=path!("/samlinger/:id/endre") view=EditGatheringPage/>
                    <Route path=path!("/varsler") view=NoticesPage/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{tr(Key::Footer)}</p>
            </footer>
        </Router>
    }
}
