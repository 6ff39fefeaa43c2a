//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item (entry) becomes a record with its link,
//! date, authors and title; its HTML (`content:encoded`, Atom `content`, else the description or
//! summary) is the document, extracted like a page.
//!
//! The feed is parsed as a stream (quick-xml), one item in memory at a time.

use std::io::BufRead;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Format, Item, ReadError, Record, MAX_DOCUMENT};

/// HTML entities that feeds use although XML does not define them (the source map decodes
/// pages' named references with it too).
pub(crate) fn html_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" => "\u{a0}",
        "mdash" => "—",
        "ndash" => "–",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "eacute" => "é",
        "aacute" => "á",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

/// The parts of an item being read.
#[derive(Default)]
struct ItemParts {
    title: String,
    link: Option<String>,
    guid: String,
    date: String,
    updated: String,
    authors: Vec<String>,
    author: String,
    content: String,
    description: String,
    /// Atom `type="xhtml"` content: markup kept as it is.
    xhtml: bool,
}

pub(super) struct Feed<R> {
    name: String,
    reader: Reader<R>,
    buf: Vec<u8>,
    items: usize,
    done: bool,
}

impl<R: BufRead> Feed<R> {
    pub(super) fn new(name: String, reader: R) -> Feed<R> {
        let mut reader = Reader::from_reader(reader);
        reader.config_mut().check_end_names = false;
        Feed {
            name,
            reader,
            buf: Vec::new(),
            items: 0,
            done: false,
        }
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(format!("{}#{}", self.name, self.items), message)
    }

    /// Reads one item, its start tag just read.
    fn item(&mut self) -> Result<ItemParts, ReadError> {
        let mut parts = ItemParts::default();
        // The element names open inside the item.
        let mut path: Vec<String> = Vec::new();
        let mut size = 0usize;
        loop {
            self.buf.clear();
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(event) => event,
                Err(e) => {
                    // Nothing after broken XML can be trusted to be where it seems.
                    self.done = true;
                    let name = format!("{}#{}", self.name, self.items);
                    return Err(ReadError::new(name, format!("not well-formed XML: {e}")));
                }
            };
            let empty = matches!(event, Event::Empty(_));
            match event {
                Event::Start(e) | Event::Empty(e) => {
                    let name = qname(&e);
                    if in_xhtml(&parts, &path) {
                        parts.content.push('<');
                        parts.content.push_str(&String::from_utf8_lossy(&e));
                        parts.content.push_str(if empty { "/>" } else { ">" });
                    } else if path.is_empty() {
                        start_field(&mut parts, &name, &e);
                    }
                    if !empty {
                        path.push(name);
                    }
                }
                Event::End(e) => {
                    let Some(name) = path.pop() else {
                        // The item's own end.
                        return Ok(parts);
                    };
                    if in_xhtml(&parts, &path) {
                        parts.content.push_str("</");
                        parts
                            .content
                            .push_str(&String::from_utf8_lossy(e.name().as_ref()));
                        parts.content.push('>');
                    } else if path.is_empty() && name == "author" && !parts.author.trim().is_empty()
                    {
                        parts
                            .authors
                            .push(std::mem::take(&mut parts.author).trim().to_owned());
                    }
                }
                Event::Text(t) => {
                    let text = if in_xhtml(&parts, &path) {
                        String::from_utf8_lossy(&t).into_owned()
                    } else {
                        match t.unescape_with(html_entity) {
                            Ok(s) => s.into_owned(),
                            Err(_) => String::from_utf8_lossy(&t).into_owned(),
                        }
                    };
                    size += text.len();
                    add_text(&mut parts, &path, &text);
                }
                Event::CData(c) => {
                    let text = String::from_utf8_lossy(&c).into_owned();
                    size += text.len();
                    add_text(&mut parts, &path, &text);
                }
                Event::Eof => {
                    self.done = true;
                    return Err(self.error("the feed ends inside an item"));
                }
                _ => {}
            }
            if size as u64 > MAX_DOCUMENT {
                return Err(self.error(format!(
                    "an item larger than {} MB; skipped",
                    MAX_DOCUMENT >> 20
                )));
            }
        }
    }

    fn record(&self, parts: ItemParts) -> Item {
        let name = if !parts.guid.trim().is_empty() {
            parts.guid.trim().to_owned()
        } else if let Some(link) = &parts.link {
            link.clone()
        } else {
            format!("{}#{}", self.name, self.items)
        };
        let html = if parts.content.trim().is_empty() {
            parts.description
        } else {
            parts.content
        };
        let title = collapse(&parts.title);
        if html.trim().is_empty() && title.is_empty() {
            return Err(ReadError::new(name, "an item with neither text nor title"));
        }
        let html = if html.trim().is_empty() {
            format!("<p>{}</p>", escape(&title))
        } else if !html.contains("<p") && !html.contains("<div") {
            // Bare text (or text and line breaks) reads as one paragraph.
            format!("<p>{html}</p>")
        } else {
            html
        };
        let page = format!("<!DOCTYPE html><html><body><article>{html}</article></body></html>");
        let mut record = Record::new(name, page.into_bytes());
        record.format = Format::Html;
        record.charset = Some("utf-8".into());
        record.url = parts.link.map(|l| l.trim().to_owned());
        record.title = (!title.is_empty()).then_some(title);
        record.authors = parts.authors;
        let date = if parts.date.trim().is_empty() {
            parts.updated
        } else {
            parts.date
        };
        if !date.trim().is_empty() {
            record.published = super::normalize_date(&date);
            if record.published.is_none() {
                record.diagnostics.push(format!(
                    "bad-date: {:?} is not a date; ignored",
                    date.trim()
                ));
            }
        }
        Ok(record)
    }
}

fn qname(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase()
}

fn in_xhtml(parts: &ItemParts, path: &[String]) -> bool {
    parts.xhtml && path.len() >= 2 && path[0] == "content"
}

/// A child of the item opens: links and content types are in attributes.
fn start_field(parts: &mut ItemParts, name: &str, e: &BytesStart<'_>) {
    let attr = |key: &[u8]| {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
    };
    match name {
        "link" => {
            let rel = attr(b"rel").unwrap_or_else(|| "alternate".into());
            if let Some(href) = attr(b"href") {
                if rel == "alternate" && parts.link.is_none() {
                    parts.link = Some(href);
                }
            }
        }
        "content" => parts.xhtml = attr(b"type").is_some_and(|t| t == "xhtml"),
        _ => {}
    }
}

/// Text inside the item, added to the field it belongs to.
fn add_text(parts: &mut ItemParts, path: &[String], text: &str) {
    let Some(field) = path.first() else { return };
    let target = match (field.as_str(), path.get(1).map(String::as_str)) {
        ("content:encoded" | "content", _) => &mut parts.content,
        ("title", None) => &mut parts.title,
        ("description" | "summary", None) => &mut parts.description,
        ("pubdate" | "published" | "dc:date", None) => &mut parts.date,
        ("updated", None) => &mut parts.updated,
        ("guid" | "id", None) => &mut parts.guid,
        ("link", None) => {
            if parts.link.is_none() && !text.trim().is_empty() {
                parts.link = Some(text.trim().to_owned());
            }
            return;
        }
        ("dc:creator", None) => {
            let name = text.trim();
            if !name.is_empty() {
                parts.authors.push(name.to_owned());
            }
            return;
        }
        ("author", None | Some("name")) => &mut parts.author,
        _ => return,
    };
    target.push_str(text);
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl<R: BufRead> Iterator for Feed<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_event_into(&mut self.buf) {
                Ok(Event::Start(e)) if matches!(e.local_name().as_ref(), b"item" | b"entry") => {
                    self.items += 1;
                    return Some(self.item().and_then(|parts| self.record(parts)));
                }
                Ok(Event::Eof) => self.done = true,
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(format!("not well-formed XML: {e}"))));
                }
            }
        }
        None
    }
}
