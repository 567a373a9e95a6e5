//! An organisation's administration: its units, professions and people, and what each
//! person may do (grants). Only the organisation's admins (and platform admins, for their
//! own organisation) may; anyone else gets 403. People are never deleted, only deactivated.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use kursbro_shared::admin::{
    AdminPerson, AdminProfession, AdminUnit, Invitation, NewGrant, NewPerson, NewProfession,
    NewUnit, Organisation, PeoplePage, PersonUpdate, UnitChange,
};
use kursbro_shared::api::ErrorBody;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::admin::{self, administered};
use crate::error::{ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::session::AuthUser;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(organisation))
        .routes(routes!(create_unit))
        .routes(routes!(change_unit, delete_unit))
        .routes(routes!(create_profession))
        .routes(routes!(rename_profession))
        .routes(routes!(people, create_person))
        .routes(routes!(person, update_person))
        .routes(routes!(add_grant))
        .routes(routes!(remove_grant))
        .routes(routes!(invite))
}

/// The organisation's unit tree and professions, with how many active people each has.
#[utoipa::path(get, path = "/admin/organisation", tag = "admin",
    responses(
        (status = 200, body = Organisation),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
    ))]
async fn organisation(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<Organisation>> {
    let org = administered(&user)?;
    Ok(Json(admin::organisation(&state.db, org).await?))
}

/// A new unit below one of the organisation's units.
#[utoipa::path(post, path = "/admin/units", tag = "admin",
    request_body = NewUnit,
    responses(
        (status = 201, body = AdminUnit, description = "Made"),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 422, description = "A field is not valid, the code is taken, or the parent is not a unit of the organisation", body = ErrorBody),
    ))]
async fn create_unit(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NewUnit>,
) -> ApiResult<(StatusCode, Json<AdminUnit>)> {
    let org = administered(&user)?;
    Ok((
        StatusCode::CREATED,
        Json(admin::create_unit(&state.db, org, &req).await?),
    ))
}

/// Renames a unit, gives it another code, or moves it below another unit of the
/// organisation. Its people stay in it; the leaders above its new place follow them.
#[utoipa::path(put, path = "/admin/units/{id}", tag = "admin",
    params(("id" = i64, Path, description = "A unit of the organisation")),
    request_body = UnitChange,
    responses(
        (status = 200, body = AdminUnit),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 404, description = "No such unit in the organisation", body = ErrorBody),
        (status = 422, description = "A field is not valid, the code is taken, or the new place is not possible (below itself, or a top unit moved)", body = ErrorBody),
    ))]
async fn change_unit(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<UnitChange>,
) -> ApiResult<Json<AdminUnit>> {
    let org = administered(&user)?;
    Ok(Json(admin::change_unit(&state.db, org, id, &req).await?))
}

/// Removes a unit nothing refers to any more (no units below it, nobody in it, no plan
/// or grant naming it); the organisation's top unit stays.
#[utoipa::path(delete, path = "/admin/units/{id}", tag = "admin",
    params(("id" = i64, Path, description = "A unit of the organisation")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 404, description = "No such unit in the organisation", body = ErrorBody),
        (status = 409, description = "The top unit, or a unit still in use; the message says by what", body = ErrorBody),
    ))]
async fn delete_unit(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let org = administered(&user)?;
    admin::delete_unit(&state.db, org, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives a profession of the organisation another name (its code, which CSV imports also
/// accept, stays).
#[utoipa::path(put, path = "/admin/professions/{id}", tag = "admin",
    params(("id" = i64, Path, description = "A profession of the organisation")),
    request_body = NewProfession,
    responses(
        (status = 200, body = AdminProfession),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 404, description = "No such profession in the organisation", body = ErrorBody),
        (status = 422, description = "The name is not valid or another profession has it", body = ErrorBody),
    ))]
async fn rename_profession(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewProfession>,
) -> ApiResult<Json<AdminProfession>> {
    let org = administered(&user)?;
    Ok(Json(
        admin::rename_profession(&state.db, org, id, &req).await?,
    ))
}

/// A new profession of the organisation (its code, for CSV imports, comes from the name).
#[utoipa::path(post, path = "/admin/professions", tag = "admin",
    request_body = NewProfession,
    responses(
        (status = 201, body = AdminProfession, description = "Made"),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 422, description = "The name is not valid or the organisation has the profession", body = ErrorBody),
    ))]
async fn create_profession(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NewProfession>,
) -> ApiResult<(StatusCode, Json<AdminProfession>)> {
    let org = administered(&user)?;
    Ok((
        StatusCode::CREATED,
        Json(admin::create_profession(&state.db, org, &req).await?),
    ))
}

/// One page of the organisation's people (active or not) matching a search, by name, with
/// their unit, profession and grants.
#[utoipa::path(get, path = "/admin/people", tag = "admin",
    params(super::PeopleSearch),
    responses(
        (status = 200, body = PeoplePage),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 422, description = "The search or the page size is out of range", body = ErrorBody),
    ))]
async fn people(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(params): ApiQuery<super::PeopleSearch>,
) -> ApiResult<Json<PeoplePage>> {
    let org = administered(&user)?;
    let (q, offset, limit) = params.parse()?;
    Ok(Json(
        admin::people(&state.db, org, &q, offset, limit).await?,
    ))
}

/// A new person in a unit of the organisation (joined today). They have no password yet,
/// so they cannot sign in until they are given one.
#[utoipa::path(post, path = "/admin/people", tag = "admin",
    request_body = NewPerson,
    responses(
        (status = 201, body = AdminPerson, description = "Made"),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 422, description = "A field is not valid, the address is taken, or the unit or profession is not the organisation's", body = ErrorBody),
    ))]
async fn create_person(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<NewPerson>,
) -> ApiResult<(StatusCode, Json<AdminPerson>)> {
    let org = administered(&user)?;
    Ok((
        StatusCode::CREATED,
        Json(admin::create_person(&state.db, org, &req).await?),
    ))
}

/// One person of the organisation, with their unit, profession and grants.
#[utoipa::path(get, path = "/admin/people/{id}", tag = "admin",
    params(("id" = i64, Path, description = "A person of the organisation")),
    responses(
        (status = 200, body = AdminPerson),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 404, description = "No such person in the organisation", body = ErrorBody),
    ))]
async fn person(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<AdminPerson>> {
    let org = administered(&user)?;
    Ok(Json(admin::person(&state.db, org, id).await?))
}

/// Moves a person (a new unit is joined today), changes their profession, or deactivates
/// them (signed out everywhere, left out of overviews, completions kept) or back.
#[utoipa::path(put, path = "/admin/people/{id}", tag = "admin",
    params(("id" = i64, Path, description = "A person of the organisation")),
    request_body = PersonUpdate,
    responses(
        (status = 200, body = AdminPerson),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 404, description = "No such person in the organisation", body = ErrorBody),
        (status = 422, description = "Not a unit or profession of the organisation, or deactivating yourself", body = ErrorBody),
    ))]
async fn update_person(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<PersonUpdate>,
) -> ApiResult<Json<AdminPerson>> {
    let org = administered(&user)?;
    Ok(Json(
        admin::update_person(&state.db, &user, org, id, &req).await?,
    ))
}

/// Gives a person a grant: leader of a unit, facilitator or admin of the organisation.
#[utoipa::path(post, path = "/admin/people/{id}/grants", tag = "admin",
    params(("id" = i64, Path, description = "A person of the organisation")),
    request_body = NewGrant,
    responses(
        (status = 200, body = AdminPerson, description = "The person with the grant"),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 404, description = "No such person in the organisation", body = ErrorBody),
        (status = 422, description = "A leader grant without a unit of the organisation, or a grant the person has", body = ErrorBody),
    ))]
async fn add_grant(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<NewGrant>,
) -> ApiResult<Json<AdminPerson>> {
    let org = administered(&user)?;
    Ok(Json(
        admin::add_grant(&state.db, &user, org, id, &req).await?,
    ))
}

/// Takes a grant back (not your own admin grant).
#[utoipa::path(delete, path = "/admin/grants/{id}", tag = "admin",
    params(("id" = i64, Path, description = "A grant of a person of the organisation")),
    responses(
        (status = 200, body = AdminPerson, description = "The person without the grant"),
        (status = 403, description = "Only the organisation's admins", body = ErrorBody),
        (status = 404, description = "No such grant in the organisation", body = ErrorBody),
        (status = 422, description = "Your own admin grant", body = ErrorBody),
    ))]
async fn remove_grant(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<AdminPerson>> {
    let org = administered(&user)?;
    Ok(Json(admin::remove_grant(&state.db, &user, org, id).await?))
}

/// A one-time link for the person to choose a password: a new person has none, and someone
/// who forgot theirs gets a new one. It works for 14 days; a new link replaces the last.
/// The admin gives it to the person (Kursbro sends no e-mail).
#[utoipa::path(post, path = "/admin/people/{id}/invitation", tag = "admin",
    params(("id" = i64, Path, description = "An active person of the organisation")),
    responses(
        (status = 201, body = Invitation, description = "Made"),
        (status = 403, description = "Only the organisation's admins; and only a platform admin makes a link for an admin", body = ErrorBody),
        (status = 404, description = "No such person in the organisation", body = ErrorBody),
        (status = 422, description = "The person is deactivated", body = ErrorBody),
    ))]
async fn invite(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<(StatusCode, Json<Invitation>)> {
    let org = administered(&user)?;
    Ok((
        StatusCode::CREATED,
        Json(admin::invite(&state.db, &user, org, id).await?),
    ))
}
