mod activity;
mod catalogue;
mod home;
mod login;
pub mod module;
mod my_progress;
mod not_found;
pub mod programme;

pub use activity::ActivityPage;
pub use catalogue::Catalogue;
pub use home::Home;
pub use login::Login;
pub use module::ModulePage;
pub use my_progress::MyProgressPage;
pub use not_found::NotFound;
pub use programme::ProgrammePage;
