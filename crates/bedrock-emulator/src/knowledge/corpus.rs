//! Knowledge bases read from a folder (one sub-folder each) or from the demo bundled in the binary.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use include_dir::{Dir, include_dir};
use serde_json::{Value, json};

use super::chunking::chunk_document;
use super::ids::{chunk_id, resource_id};
use super::metadata::{self, Metadata, SIDECAR_SUFFIX};
use super::text::terms;
use crate::embeddings::embedder::embed;

pub const EMBEDDING_DIMENSIONS: usize = 1024;
/// The embedding model of every emulated knowledge base (its vectors are `embed(text, 1024, true)`,
/// what InvokeModel on this model answers for the same text).
pub const EMBEDDING_MODEL_ID: &str = "amazon.titan-embed-text-v2:0";
const DESCRIPTION_FILE: &str = "kb.json";
const DOCUMENT_EXTENSIONS: [&str; 3] = ["md", "markdown", "txt"];

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/knowledge-bases");

/// One retrievable chunk of a document.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub text: String,
    pub heading_path: Vec<String>,
    pub source_uri: String,
    pub metadata: Metadata,
    pub vector: Vec<f32>,
    pub terms: std::collections::BTreeSet<String>,
}

impl Chunk {
    /// The text the chunk's vector embeds: its headings, then its text.
    pub fn embedded_text(&self) -> String {
        format!("{}\n{}", self.heading_path.join(" > "), self.text)
    }

    pub fn chunk_id(&self) -> &str {
        self.metadata
            .get(metadata::CHUNK_ID)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

/// One source document of a knowledge base.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path inside the data source's bucket.
    pub path: String,
    pub uri: String,
    pub chunks: usize,
}

#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub data_source_id: String,
    /// The S3 bucket of the data source.
    pub bucket: String,
    pub created_at: DateTime<Utc>,
    pub documents: Vec<Document>,
    pub chunks: Vec<Chunk>,
}

/// A knowledge-base folder as text files keyed by relative path (`/`-separated).
struct Folder {
    name: String,
    files: BTreeMap<String, String>,
}

pub fn load_dir(dir: &Path) -> Result<Vec<KnowledgeBase>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read knowledge-base folder {}: {e}", dir.display()))?;
    let mut folders = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.is_dir() {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let mut files = BTreeMap::new();
        read_tree(&path, &path, &mut files)?;
        folders.push(Folder { name, files });
    }
    build_all(folders)
}

fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            read_tree(root, &path, files)?;
        } else if is_wanted(&path.to_string_lossy()) {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.insert(key, text);
        }
    }
    Ok(())
}

pub fn load_bundled() -> Result<Vec<KnowledgeBase>, String> {
    let folders = BUNDLED
        .dirs()
        .map(|dir| {
            let mut files = BTreeMap::new();
            collect_bundled(dir, dir.path(), &mut files);
            Folder {
                name: dir.path().to_string_lossy().into_owned(),
                files,
            }
        })
        .collect();
    build_all(folders)
}

fn collect_bundled(dir: &Dir<'static>, root: &Path, files: &mut BTreeMap<String, String>) {
    for file in dir.files() {
        let path = file.path();
        if let (true, Some(text)) = (is_wanted(&path.to_string_lossy()), file.contents_utf8()) {
            let relative = path.strip_prefix(root).unwrap_or(path);
            files.insert(
                relative.to_string_lossy().replace('\\', "/"),
                text.to_owned(),
            );
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, root, files);
    }
}

fn is_wanted(path: &str) -> bool {
    path.ends_with(SIDECAR_SUFFIX) || path.ends_with(DESCRIPTION_FILE) || is_document(path)
}

fn is_document(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    DOCUMENT_EXTENSIONS
        .iter()
        .any(|ext| lower.ends_with(&format!(".{ext}")))
}

fn build_all(mut folders: Vec<Folder>) -> Result<Vec<KnowledgeBase>, String> {
    folders.sort_by(|a, b| a.name.cmp(&b.name));
    let now = Utc::now();
    let bases = folders
        .into_iter()
        .map(|folder| build(folder, now))
        .collect::<Result<Vec<_>, _>>()?;
    for (i, base) in bases.iter().enumerate() {
        if let Some(other) = bases[..i].iter().find(|b| b.id == base.id) {
            return Err(format!(
                "knowledge bases {:?} and {:?} map to the same id {}; rename one folder",
                other.name, base.name, base.id
            ));
        }
    }
    Ok(bases)
}

/// A folder name as a valid knowledge-base name: `([0-9a-zA-Z][_-]?){1,100}`.
fn sanitize_name(folder: &str) -> String {
    let mut name = String::new();
    for ch in folder.chars() {
        if ch.is_ascii_alphanumeric() {
            name.push(ch);
        } else if !name.is_empty() && !name.ends_with(['-', '_']) {
            name.push(if ch == '_' { '_' } else { '-' });
        }
    }
    let name: String = name.chars().take(100).collect();
    if name.is_empty() {
        "knowledge-base".to_owned()
    } else {
        name
    }
}

fn build(folder: Folder, loaded_at: DateTime<Utc>) -> Result<KnowledgeBase, String> {
    let name = sanitize_name(&folder.name);
    let description = match folder.files.get(DESCRIPTION_FILE) {
        Some(text) => serde_json::from_str::<Value>(text)
            .map_err(|e| format!("{}/{DESCRIPTION_FILE}: {e}", folder.name))?
            .get("description")
            .and_then(Value::as_str)
            .map(|d| d.chars().take(200).collect()),
        None => None,
    };
    let data_source_id = resource_id(&format!("{name}/data-source"));
    let bucket = format!("{}-docs", name.to_ascii_lowercase().replace('_', "-"));
    let mut chunks = Vec::new();
    let mut documents = Vec::new();
    for (path, text) in folder.files.iter().filter(|(p, _)| is_document(p)) {
        let custom = match folder.files.get(&format!("{path}{SIDECAR_SUFFIX}")) {
            Some(sidecar) => metadata::parse_sidecar(sidecar)
                .map_err(|e| format!("{}/{path}{SIDECAR_SUFFIX}: {e}", folder.name))?,
            None => Metadata::new(),
        };
        let source_uri = format!("s3://{bucket}/{path}");
        let pieces = chunk_document(text);
        documents.push(Document {
            path: path.clone(),
            uri: source_uri.clone(),
            chunks: pieces.len(),
        });
        for (index, piece) in pieces.into_iter().enumerate() {
            let mut metadata = custom.clone();
            metadata.insert(metadata::SOURCE_URI.into(), json!(source_uri));
            metadata.insert(
                metadata::CHUNK_ID.into(),
                json!(chunk_id(&format!("{name}/{path}#{index}"))),
            );
            metadata.insert(metadata::DATA_SOURCE_ID.into(), json!(data_source_id));
            let searchable = format!("{}\n{}", piece.heading_path.join(" > "), piece.text);
            chunks.push(Chunk {
                vector: embed(&searchable, EMBEDDING_DIMENSIONS, true),
                terms: terms(&searchable),
                text: piece.text,
                heading_path: piece.heading_path,
                source_uri: source_uri.clone(),
                metadata,
            });
        }
    }
    Ok(KnowledgeBase {
        id: resource_id(&name),
        name,
        description,
        data_source_id,
        bucket,
        created_at: loaded_at,
        documents,
        chunks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> Folder {
        Folder {
            name: "team notes".into(),
            files: files
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn builds_chunks_with_builtin_and_sidecar_metadata() {
        let base = build(
            folder(&[
                ("kb.json", r#"{"description": "Notes of the team"}"#),
                ("guides/setup.md", "# Setup\n\nInstall the tool first."),
                (
                    "guides/setup.md.metadata.json",
                    r#"{"metadataAttributes": {"category": "guide", "year": 2024}}"#,
                ),
                ("notes.txt", "Plain text notes about the weekly sync."),
            ]),
            Utc::now(),
        )
        .unwrap();
        assert_eq!(base.name, "team-notes");
        assert_eq!(base.description.as_deref(), Some("Notes of the team"));
        assert_eq!(base.chunks.len(), 2);
        let setup = &base.chunks[0];
        assert_eq!(setup.source_uri, "s3://team-notes-docs/guides/setup.md");
        assert_eq!(setup.metadata["category"], json!("guide"));
        assert_eq!(
            setup.metadata[metadata::SOURCE_URI],
            json!("s3://team-notes-docs/guides/setup.md")
        );
        assert_eq!(
            setup.metadata[metadata::DATA_SOURCE_ID],
            json!(base.data_source_id)
        );
        assert!(setup.metadata.contains_key(metadata::CHUNK_ID));
        assert_eq!(setup.vector.len(), EMBEDDING_DIMENSIONS);
        assert!(!base.chunks[1].metadata.contains_key("category"));
    }

    #[test]
    fn a_broken_sidecar_names_its_file() {
        let error = build(
            folder(&[("a.md", "Hello."), ("a.md.metadata.json", "{")]),
            Utc::now(),
        )
        .unwrap_err();
        assert!(error.contains("a.md.metadata.json"), "{error}");
    }

    #[test]
    fn the_bundled_demo_has_two_knowledge_bases_with_dozens_of_chunks() {
        let bases = load_bundled().unwrap();
        assert!(
            bases.len() >= 2,
            "{:?}",
            bases.iter().map(|b| &b.name).collect::<Vec<_>>()
        );
        let handbook = bases
            .iter()
            .find(|b| b.name == "bedrock-playground-handbook")
            .unwrap();
        assert!(handbook.chunks.len() >= 24, "{}", handbook.chunks.len());
        assert!(
            handbook
                .chunks
                .iter()
                .any(|c| c.metadata.contains_key("audience"))
        );
    }
}
