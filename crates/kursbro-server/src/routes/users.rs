//! People. Admins see everyone; leaders see the people of their own organisation;
//! learners and facilitators get 403.

use axum::extract::State;
use axum::Json;
use kursbro_shared::api::{ErrorBody, Role, UserSummary};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::error::ApiResult;
use crate::rows::UserRow;
use crate::session::AuthUser;
use crate::state::AppState;
use crate::store;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_users))
}

/// People the signed-in admin or leader may see.
#[utoipa::path(get, path = "/users", tag = "users",
    responses(
        (status = 200, body = Vec<UserSummary>),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Learners and facilitators may not list people", body = ErrorBody),
    ))]
async fn list_users(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<Vec<UserSummary>>> {
    user.require_role(&[Role::Admin, Role::Leader])?;
    let scope = (user.role == Role::Leader).then_some(user.organisation.id);
    let rows = store::people::list_users(&state.db, scope).await?;
    let list = rows
        .into_iter()
        .map(UserRow::into_summary)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(list))
}
