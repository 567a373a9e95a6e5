//! Gatherings: the half-year course programme (`/kursprogram`), a gathering's page with
//! sign-up, waitlist and (for those who run it) the list and attendance
//! (`/samlinger/:id`), the form to create, change or copy one, and the notices page.

mod detail;
mod form;
mod notices;
mod programme;

pub use detail::GatheringPage;
pub use form::{EditGatheringPage, NewGatheringPage};
pub use notices::NoticesPage;
pub use programme::CourseProgrammePage;
