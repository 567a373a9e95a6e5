pub mod header;
pub mod module_card;
pub mod status;
pub mod title;
