//! Readers: files, folders, standard input, RSS/Atom feeds, WARC archives and JSONL dumps, each
//! turned into a stream of [`Record`]s, one per future document.
//!
//! Every reader streams: it holds one record at a time, however large the archive. A record
//! that cannot be read becomes a [`ReadError`] naming it, and the reader goes on with the next
//! one where the format allows (a truncated gzip stream ends the file, as nothing after the
//! break can be trusted).

mod date;
mod feed;
pub(crate) use feed::html_entity;
mod jsonl;
mod warc;

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

pub use date::normalize as normalize_date;
pub use jsonl::Fields;

/// The largest single document a reader hands on (a page, a JSONL line, a WARC payload); larger
/// ones are reported and skipped.
pub const MAX_DOCUMENT: u64 = 64 << 20;

/// How many bytes of a stream are looked at to tell its format.
const SNIFF: u64 = 64 << 10;

/// What a record's bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Decide from the bytes: HTML when they look like a page, else text.
    Sniff,
    Html,
    Text,
}

/// One document's worth of input, before analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// Where it came from: a path, `path:line`, a feed item or a WARC record.
    pub name: String,
    pub url: Option<String>,
    /// A publication date the container states (feed item, JSONL field): wins over the page's.
    pub published: Option<String>,
    /// When the page was fetched (a WARC record's date): used only when nothing better is known.
    pub fetched: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// The charset of the transport (an HTTP header in a WARC record).
    pub charset: Option<String>,
    pub format: Format,
    pub bytes: Vec<u8>,
    /// What was odd about the record, as `code: message`; it is still read.
    pub diagnostics: Vec<String>,
}

impl Record {
    /// A record of `bytes` named `name`, everything else unknown.
    pub fn new(name: impl Into<String>, bytes: Vec<u8>) -> Record {
        Record {
            name: name.into(),
            url: None,
            published: None,
            fetched: None,
            title: None,
            authors: Vec::new(),
            charset: None,
            format: Format::Sniff,
            bytes,
            diagnostics: Vec::new(),
        }
    }
}

/// A record that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The file, line or record it concerns.
    pub name: String,
    pub message: String,
}

impl ReadError {
    fn new(name: impl Into<String>, message: impl Into<String>) -> ReadError {
        ReadError {
            name: name.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for ReadError {}

/// What a reader yields.
pub type Item = Result<Record, ReadError>;

/// A stream of records.
pub type Records = Box<dyn Iterator<Item = Item> + Send>;

/// The container formats a stream may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// One document (a page or a text).
    Single,
    Warc,
    Feed,
    Jsonl,
}

/// The files named by `paths`, folders read recursively in name order (hidden files skipped);
/// `-` stays as it is, for standard input.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The records of the file at `path` (`-` is standard input), whatever its format.
pub fn open(path: &Path, fields: &Fields) -> Records {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        return from_reader(name, Box::new(std::io::stdin()), fields);
    }
    match File::open(path) {
        Ok(file) => from_reader(name, Box::new(file), fields),
        Err(e) => Box::new(std::iter::once(Err(ReadError::new(name, e.to_string())))),
    }
}

/// The records of a byte stream named `name`: gzip is undone, then the container is told from
/// the first bytes (and the name, for JSONL).
pub fn from_reader(name: String, reader: Box<dyn Read + Send>, fields: &Fields) -> Records {
    let (head, reader) = match peek(reader) {
        Ok(x) => x,
        Err(e) => return Box::new(std::iter::once(Err(ReadError::new(name, e.to_string())))),
    };
    let reader: Box<dyn Read + Send> = if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::read::MultiGzDecoder::new(reader))
    } else {
        reader
    };
    let (head, reader) = match peek(reader) {
        Ok(x) => x,
        Err(e) => {
            let message = format!("cannot decompress: {e}");
            return Box::new(std::iter::once(Err(ReadError::new(name, message))));
        }
    };
    let buffered = BufReader::with_capacity(1 << 16, reader);
    match container(&name, &head) {
        Container::Warc => Box::new(warc::Warc::new(name, buffered)),
        Container::Feed => Box::new(feed::Feed::new(name, buffered)),
        Container::Jsonl => Box::new(jsonl::Jsonl::new(name, buffered, fields.clone())),
        Container::Single => Box::new(std::iter::once(single(name, buffered))),
    }
}

/// Reads the first bytes of `reader` and gives them back with a reader that starts over.
/// An error met while peeking is kept for the reader to meet again after the bytes before it.
fn peek(mut reader: Box<dyn Read + Send>) -> std::io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::new();
    match (&mut reader).take(SNIFF).read_to_end(&mut head) {
        Ok(_) => {
            let again = Cursor::new(head.clone()).chain(reader);
            Ok((head, Box::new(again)))
        }
        Err(e) if head.is_empty() => Err(e),
        Err(e) => {
            let again = Cursor::new(head.clone()).chain(Failing(Some(e)));
            Ok((head, Box::new(again)))
        }
    }
}

/// A reader that fails once with the error it holds, then ends.
struct Failing(Option<std::io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// Which container `head`, the first bytes of the stream named `name`, opens.
pub fn container(name: &str, head: &[u8]) -> Container {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if head.starts_with(b"WARC/") {
        return Container::Warc;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return Container::Jsonl;
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(2048)]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        let first = text.lines().next().unwrap_or("");
        if serde_json::from_str::<serde_json::Value>(first).is_ok_and(|v| v.is_object()) {
            return Container::Jsonl;
        }
    }
    if text.starts_with('<') && !text.to_ascii_lowercase().contains("<html") {
        let feed = ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .any(|tag| text.to_ascii_lowercase().contains(tag));
        if feed {
            return Container::Feed;
        }
    }
    Container::Single
}

/// A whole stream as one record, refused past [`MAX_DOCUMENT`].
fn single(name: String, reader: impl Read) -> Item {
    let mut bytes = Vec::new();
    match reader.take(MAX_DOCUMENT + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_DOCUMENT => Err(too_large(name)),
        Ok(_) => Ok(Record::new(name, bytes)),
        Err(e) => Err(ReadError::new(name, e.to_string())),
    }
}

fn too_large(name: String) -> ReadError {
    ReadError::new(
        name,
        format!(
            "larger than {} MB, the most one document may hold; skipped",
            MAX_DOCUMENT >> 20
        ),
    )
}

/// Reads one line of at most `max` bytes (the newline included) into `buf`, cleared first;
/// a longer line is cut there and the rest is read as the next line.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, max: u64) -> std::io::Result<usize> {
    buf.clear();
    reader.take(max).read_until(b'\n', buf)
}
