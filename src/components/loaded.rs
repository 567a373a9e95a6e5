//! `<Loaded>`: the one way a page shows data it fetches — loading, "not found", an error
//! with a retry button, or the data.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::status::{ErrorMessage, LoadingIndicator};
use crate::i18n::{tr, Key};

/// Shows `resource` through its life: a loading line until the first answer (later reloads
/// keep the old content, as `<Transition>` does), `not_found` (default: a "not found"
/// heading) for a 404, an error with a retry button for any other failure, and
/// `children(data)` for the data.
///
/// ```ignore
/// let detail = LocalResource::new(move || api::programme(&slug.get()));
/// view! {
///     <Loaded resource=detail not_found=|| view! { <h1>{tr(Key::ProgrammeNotFound)}</h1> } let:detail>
///         <ProgrammeView detail=detail/>
///     </Loaded>
/// }
/// ```
#[component]
pub fn Loaded<T, V, F>(
    resource: LocalResource<Result<T, ApiError>>,
    /// What a 404 shows instead of the default heading.
    #[prop(optional, into)]
    not_found: Option<ViewFn>,
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=LoadingIndicator>
            {move || {
                resource
                    .get()
                    .map(|result| match result {
                        Ok(data) => children(data).into_any(),
                        Err(e) if e.is_not_found() => match &not_found {
                            Some(f) => f.run(),
                            None => view! { <h1>{tr(Key::ErrNotFound)}</h1> }.into_any(),
                        },
                        Err(error) => view! {
                            <ErrorMessage error=error on_retry=move |()| resource.refetch()/>
                        }
                        .into_any(),
                    })
            }}
        </Transition>
    }
}
