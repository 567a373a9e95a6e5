//! A module as a content folder: `module.json`, one Markdown file per lesson and the
//! images (the format is the shared `EXPORT_FORMAT`). Exported as a zip from the app; the
//! same zip, or the folder unpacked (kept in git, say), imports again from the app or with
//! `kursbro-server import <path> --author <e-mail>`.
//!
//! Importing creates the module (unpublished, shared with nobody but its provider) with the
//! folder as its draft, or, for a module of the same provider and address, replaces its
//! draft. Activity ids are kept only when the folder was exported from that very module,
//! so publishing keeps learners' progress there and nowhere else is progress taken over.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::path::Path;

use chrono::Utc;
use kursbro_shared::authoring::{
    image_id, lesson_file, rewrite_image_links, validate_draft, DraftActivity, DraftContent,
    DraftError, DraftState, ExportOrigin, ModuleExport, EXPORT_FORMAT, EXPORT_MANIFEST,
    IMAGE_MAX_BYTES,
};
use kursbro_shared::validation::{validate_slug, FieldError, Problem};

use crate::authoring::{self, sniff_image};
use crate::error::{ApiError, ApiResult};
use crate::session::AuthUser;
use crate::store::{self, Db};

/// Most files in a folder or zip.
const FILES_MAX: usize = 500;
/// Most bytes of all files, unpacked (a zip cannot unpack into more than this).
pub const UNPACKED_MAX: u64 = 60 * 1024 * 1024;

/// A module folder read into memory: file name → bytes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Folder {
    pub files: BTreeMap<String, Vec<u8>>,
}

fn refused(message: impl Into<String>) -> ApiError {
    ApiError::Unprocessable {
        field: "file",
        message: message.into(),
    }
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        _ => "webp",
    }
}

/// The module (its draft if there is one) as a folder.
pub async fn export(db: &Db, user: &AuthUser, slug: &str) -> ApiResult<Folder> {
    let state = authoring::state(db, user, slug).await?;
    let module = store::authoring::module_by_slug(&mut db.conn().await?, slug)
        .await?
        .ok_or(ApiError::NotFound("module"))?;
    let module_id = module.id;
    let mut folder = Folder::default();
    let mut draft = state.draft;
    draft.shared_with = None;
    let mut wanted: Vec<i64> = Vec::new();
    let mut c = db.conn().await?;
    let mut names: HashMap<i64, String> = HashMap::new();
    // Find the images first (their names carry their type).
    for a in &draft.activities {
        if let DraftContent::Lesson { body, .. } = &a.content {
            rewrite_image_links(body, |t| {
                if let Some(id) = image_id(t) {
                    wanted.push(id);
                }
                None
            });
        }
    }
    for id in wanted {
        if names.contains_key(&id) {
            continue;
        }
        // A link to an image of another module stays a link; only the module's own go along.
        if let Some(img) = store::authoring::module_image(&mut c, module_id, id).await? {
            let name = format!("images/{id}.{}", extension(&img.content_type));
            folder.files.insert(name.clone(), img.bytes);
            names.insert(id, name);
        }
    }
    for (i, a) in draft.activities.iter_mut().enumerate() {
        if let DraftContent::Lesson { body, .. } = &mut a.content {
            let text =
                rewrite_image_links(body, |t| image_id(t).and_then(|id| names.get(&id).cloned()));
            folder.files.insert(lesson_file(i), text.into_bytes());
            body.clear();
        }
    }
    let manifest = ModuleExport {
        format: EXPORT_FORMAT.into(),
        slug: state.slug,
        origin: Some(ExportOrigin {
            module_id,
            created_at: module.created_at,
        }),
        module: draft,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| ApiError::Internal(e.into()))?;
    folder.files.insert(EXPORT_MANIFEST.into(), json);
    Ok(folder)
}

/// The folder as a zip file.
pub fn to_zip(folder: &Folder) -> ApiResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // A fixed time, so the same module always exports to the same bytes.
        .last_modified_time(zip::DateTime::default());
    for (name, bytes) in &folder.files {
        zip.start_file(name.as_str(), options)
            .map_err(|e| ApiError::Internal(e.into()))?;
        zip.write_all(bytes)
            .map_err(|e| ApiError::Internal(e.into()))?;
    }
    Ok(zip
        .finish()
        .map_err(|e| ApiError::Internal(e.into()))?
        .into_inner())
}

/// A zip file as a folder, within the limits (file count, unpacked size, names without
/// `..` or absolute paths).
pub fn from_zip(bytes: &[u8]) -> ApiResult<Folder> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        refused("The file is not a zip file. Upload a module exported from Kursbro.")
    })?;
    if zip.len() > FILES_MAX {
        return Err(refused(format!(
            "The zip holds more than {FILES_MAX} files."
        )));
    }
    let mut folder = Folder::default();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut f = zip
            .by_index(i)
            .map_err(|_| refused("The zip file is damaged."))?;
        if f.is_dir() {
            continue;
        }
        let Some(name) = f.enclosed_name() else {
            return Err(refused("The zip holds a file outside its folder."));
        };
        let name = name.to_string_lossy().replace('\\', "/");
        // Finder's and Explorer's extras are not part of the module.
        if name.starts_with("__MACOSX/") || name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let mut buf = Vec::new();
        // Read at most what is left of the limit, plus one byte to notice going over.
        (&mut f)
            .take(UNPACKED_MAX - total + 1)
            .read_to_end(&mut buf)
            .map_err(|_| refused("The zip file is damaged."))?;
        total += buf.len() as u64;
        if total > UNPACKED_MAX {
            return Err(refused("The zip unpacks into more than 60 MB."));
        }
        folder.files.insert(name, buf);
    }
    Ok(strip_top_folder(folder))
}

/// A folder on disk (the CLI's import), or a zip file.
pub fn from_path(dir: &Path) -> anyhow::Result<Folder> {
    if dir.is_file() {
        let bytes = std::fs::read(dir)?;
        return from_zip(&bytes).map_err(|e| anyhow::anyhow!("{}", e.message()));
    }
    let mut folder = Folder::default();
    let mut total = 0u64;
    for entry in walk(dir)? {
        let name = entry
            .strip_prefix(dir)?
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&entry)?;
        total += bytes.len() as u64;
        anyhow::ensure!(total <= UNPACKED_MAX, "the folder holds more than 60 MB");
        anyhow::ensure!(
            folder.files.len() < FILES_MAX,
            "the folder holds more than {FILES_MAX} files"
        );
        folder.files.insert(name, bytes);
    }
    Ok(strip_top_folder(folder))
}

fn walk(dir: &Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        // Hidden files and folders (`.git`) are not the module's; links are not followed.
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let kind = entry.file_type()?;
        if hidden || kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            out.extend(walk(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// A zip made by zipping the folder itself has every name below one top folder.
fn strip_top_folder(folder: Folder) -> Folder {
    if folder.files.contains_key(EXPORT_MANIFEST) {
        return folder;
    }
    let tops: std::collections::BTreeSet<&str> = folder
        .files
        .keys()
        .filter_map(|n| n.split_once('/').map(|(t, _)| t))
        .collect();
    match tops.into_iter().collect::<Vec<_>>()[..] {
        [top]
            if folder
                .files
                .contains_key(&format!("{top}/{EXPORT_MANIFEST}")) =>
        {
            let prefix = format!("{top}/");
            Folder {
                files: folder
                    .files
                    .iter()
                    .filter_map(|(n, b)| {
                        n.strip_prefix(&prefix).map(|n| (n.to_string(), b.clone()))
                    })
                    .collect(),
            }
        }
        _ => folder,
    }
}

/// Imports a folder for `user`'s organisation: a new module, or a new draft of its module
/// at the same address. Everything is checked first and written in one transaction:
/// nothing of a refused import is kept.
pub async fn import(db: &Db, user: &AuthUser, folder: &Folder) -> ApiResult<DraftState> {
    authoring::require_author(user)?;
    let manifest = folder
        .files
        .get(EXPORT_MANIFEST)
        .ok_or_else(|| refused(format!("The folder has no {EXPORT_MANIFEST}.")))?;
    let export: ModuleExport = serde_json::from_slice(manifest)
        .map_err(|e| refused(format!("{EXPORT_MANIFEST} is not a module manifest: {e}")))?;
    if export.format != EXPORT_FORMAT {
        return Err(refused(format!(
            "{EXPORT_MANIFEST} is in format {:?}; this Kursbro reads {EXPORT_FORMAT:?}.",
            export.format
        )));
    }
    validate_slug(&export.slug)?;
    let mut draft = export.module;
    for (i, a) in draft.activities.iter_mut().enumerate() {
        if let DraftContent::Lesson { body, .. } = &mut a.content {
            let name = lesson_file(i);
            let text = folder
                .files
                .get(&name)
                .ok_or_else(|| refused(format!("The lesson file {name} is missing.")))?;
            *body = String::from_utf8(text.clone())
                .map_err(|_| refused(format!("{name} is not UTF-8 text.")))?;
        }
    }

    let existing = store::authoring::module_by_slug(&mut db.conn().await?, &export.slug).await?;
    let existing = match existing {
        Some(m) if m.provider_id != user.organisation.id => {
            return Err(taken(&export.slug));
        }
        other => other,
    };
    // Activity ids are kept only in the very module they came from; anywhere else they
    // would name other activities (and take over or drop learners' progress).
    let same_module = match (&existing, export.origin) {
        (Some(m), Some(o)) => m.id == o.module_id && m.created_at == o.created_at,
        _ => false,
    };
    let published: Vec<DraftActivity> = match &existing {
        Some(m) if same_module => authoring::published_activities_of(db, m.id).await?,
        _ => Vec::new(),
    };
    for (i, a) in draft.activities.iter_mut().enumerate() {
        match a
            .id
            .and_then(|id| published.iter().find(|p| p.id == Some(id)))
        {
            Some(p) if p.content.kind() != a.content.kind() => {
                return Err(ApiError::Draft(DraftError {
                    activity: Some(i),
                    question: None,
                    option: None,
                    error: FieldError {
                        field: "content",
                        problem: Problem::KindChanged,
                    },
                }))
            }
            Some(_) => {}
            None => a.id = None,
        }
    }
    // Sharing is chosen in the installation: a new module is its provider's alone until an
    // author decides; an existing one keeps what its draft says.
    let current = match &existing {
        Some(m) => Some(authoring::state(db, user, &m.slug).await?),
        None => None,
    };
    draft.shared_with = match &current {
        Some(c) => c.draft.shared_with.clone(),
        None => Some(Vec::new()),
    };

    // The images the lessons show (other files are left out), checked by their bytes.
    let mut linked: Vec<String> = Vec::new();
    for a in &draft.activities {
        if let DraftContent::Lesson { body, .. } = &a.content {
            rewrite_image_links(body, |t| {
                if t.starts_with("images/")
                    && folder.files.contains_key(t)
                    && !linked.iter().any(|l| l == t)
                {
                    linked.push(t.to_string());
                }
                None
            });
        }
    }
    let mut images: Vec<(&String, &'static str, &Vec<u8>)> = Vec::new();
    for name in &linked {
        let (name, bytes) = folder.files.get_key_value(name).expect("a linked file");
        if bytes.len() > IMAGE_MAX_BYTES {
            return Err(refused(format!("{name} is larger than 2 MB.")));
        }
        let content_type = sniff_image(bytes)
            .ok_or_else(|| refused(format!("{name} is not a PNG, JPEG or WebP image.")))?;
        images.push((name, content_type, bytes));
    }
    // Checked as it will be stored: with the longest address an image can get.
    let longest = format!("{}/images/{}", kursbro_shared::api::API_PREFIX, i64::MAX);
    let mut checked = draft.clone();
    for a in &mut checked.activities {
        if let DraftContent::Lesson { body, .. } = &mut a.content {
            *body = rewrite_image_links(body, |t| {
                linked.iter().any(|l| l == t).then(|| longest.clone())
            });
        }
    }
    validate_draft(&checked).map_err(ApiError::Draft)?;
    if let Some(p) = &draft.prerequisite {
        if *p == export.slug
            || store::catalogue::module_id(db, p, Some(user.organisation.id))
                .await?
                .is_none()
        {
            return Err(ApiError::Unprocessable {
                field: "prerequisite",
                message: format!(
                    "The prerequisite module {p:?} is not in this catalogue. Remove `prerequisite` from {EXPORT_MANIFEST} or publish that module first."
                ),
            });
        }
    }

    // Everything is written in one transaction.
    let now = Utc::now();
    let mut tx = db.write().await?;
    let module_id = match &existing {
        Some(m) => m.id,
        None => {
            let id = store::authoring::create_module(
                &mut tx,
                &export.slug,
                draft.title.trim(),
                user.organisation.id,
                now,
            )
            .await
            .map_err(|e| {
                if store::is_unique_violation(&e) {
                    taken(&export.slug)
                } else {
                    e.into()
                }
            })?;
            store::authoring::record_change(&mut tx, id, user.id, "created", (0, 0, 0), now)
                .await?;
            id
        }
    };
    let mut urls: HashMap<String, String> = HashMap::new();
    for (name, content_type, bytes) in images {
        let id = match store::authoring::same_image(&mut tx, module_id, bytes).await? {
            Some(id) => id,
            None => {
                store::authoring::insert_image(
                    &mut tx,
                    module_id,
                    content_type,
                    bytes,
                    user.id,
                    now,
                )
                .await?
            }
        };
        urls.insert(
            name.clone(),
            format!("{}/images/{id}", kursbro_shared::api::API_PREFIX),
        );
    }
    for a in &mut draft.activities {
        if let DraftContent::Lesson { body, .. } = &mut a.content {
            *body = rewrite_image_links(body, |t| urls.get(t).cloned());
        }
    }
    let doc = serde_json::to_string(&draft).map_err(|e| ApiError::Internal(e.into()))?;
    let version = current.as_ref().map_or(0, |c| c.version);
    store::authoring::save_draft(&mut tx, module_id, version, &doc, user.id, now)
        .await?
        .ok_or(ApiError::DraftChanged)?;
    tx.commit().await?;
    authoring::state(db, user, &export.slug).await
}

fn taken(slug: &str) -> ApiError {
    ApiError::Unprocessable {
        field: "slug",
        message: format!(
            "Another provider's module has the address {slug:?}. Change `slug` in {EXPORT_MANIFEST}."
        ),
    }
}

/// The command line's import: the folder or zip at `path`, by the author or admin with the
/// e-mail address `author`. The module's address.
pub async fn import_path(
    config: &crate::Config,
    path: &Path,
    author: &str,
) -> anyhow::Result<String> {
    let folder = from_path(path)?;
    let db = store::connect_and_migrate(&config.database_url).await?;
    let email = kursbro_shared::validation::normalise_email(author);
    let id = store::people::user_id_by_email(&db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("nobody has the e-mail address {author}"))?;
    let row = store::people::user(&db, id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("nobody has the e-mail address {author}"))?;
    let grants = store::people::grants(&db, id).await?;
    let user = AuthUser::from_rows(row, grants).map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    let state = import(&db, &user, &folder)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    db.close().await;
    Ok(state.slug)
}
