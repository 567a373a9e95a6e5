pub mod header;
pub mod module_card;
pub mod progress;
pub mod status;
pub mod title;
