//! The shell of the app: skip link, header, routes, footer.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::header::Header;
use crate::i18n::{tr, I18n, Key};
use crate::pages::{Catalogue, Home, Login, ModulePage, NotFound};
use crate::session::Session;

#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Session::provide();
    view! {
        <Router>
            <a class="skip-link" href="#main">{tr(Key::SkipToContent)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/katalog") view=Catalogue/>
                    <Route path=path!("/moduler/:slug") view=ModulePage/>
                    <Route path=path!("/logg-inn") view=Login/>
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{tr(Key::Footer)}</p>
            </footer>
        </Router>
    }
}
