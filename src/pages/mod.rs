mod catalogue;
mod home;
mod login;
mod module;
mod not_found;

pub use catalogue::Catalogue;
pub use home::Home;
pub use login::Login;
pub use module::ModulePage;
pub use not_found::NotFound;
