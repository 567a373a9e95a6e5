pub mod enrol;
pub mod header;
pub mod loaded;
pub mod module_card;
pub mod progress;
pub mod status;
pub mod submit;
pub mod title;
