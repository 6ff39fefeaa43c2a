//! From the web's formats to documents: HTML pages to the article's text and metadata,
//! boilerplate (navigation, comments, related links, ads, the headline) kept out of the body;
//! files, folders, RSS/Atom feeds, WARC archives and JSONL dumps read as streams of records
//! ([`read`]), each record made a [`Doc`] by [`document_from`].
//!
//! The HTML is parsed with html5ever (through `scraper`); bytes are decoded by the charset of a
//! BOM, the transport (a WARC record's HTTP header) or `<meta charset>`, with encoding_rs.

mod extract;
mod lighten;
mod meta;
pub mod read;
mod sourcemap;

pub use extract::{extract, Article};
pub use read::{Format, ReadError, Record};
pub use sourcemap::source_map;

use newsgraph_doc::layers::PublicationDate;
use newsgraph_doc::{Diagnostic, Doc, Origin, Severity};

/// A document from an input's bytes: an HTML page becomes its article (text, title, URL, and the
/// page's publication date, which wins over any inferred one); anything else is decoded as text.
pub fn document(bytes: &[u8], url: Option<&str>) -> Result<Doc, newsgraph_analyze::InputError> {
    if !looks_like_html(bytes) {
        let mut doc = newsgraph_analyze::decode(bytes)?;
        doc.url = url.map(str::to_owned);
        return Ok(doc);
    }
    Ok(html_document(bytes, url, None))
}

/// A document from a record: its bytes read as its format says, then what the container knows
/// added. A date the container states (feed, JSONL) wins over the page's; a fetch date (WARC)
/// is used only when neither the page nor the container gives one. The record's diagnostics go
/// on the document.
pub fn document_from(record: Record) -> Result<Doc, newsgraph_analyze::InputError> {
    let url = record.url.as_deref();
    let html = match record.format {
        Format::Html => true,
        Format::Text => false,
        Format::Sniff => looks_like_html(&record.bytes),
    };
    let mut doc = if html {
        html_document(&record.bytes, url, record.charset.as_deref())
    } else {
        let mut doc = newsgraph_analyze::decode(&record.bytes)?;
        doc.url = url.map(str::to_owned);
        doc
    };
    doc.name = Some(record.name);
    if record.url.is_some() && doc.url.is_none() {
        doc.url = record.url;
    }
    if record.title.is_some() {
        doc.title = record.title;
    }
    if !record.authors.is_empty() {
        doc.authors = record.authors;
    }
    let stated = record
        .published
        .as_deref()
        .and_then(newsgraph_analyze::pubdate::given);
    if let Some(date) = stated {
        doc.publication_date = Some(PublicationDate {
            by: Origin::new("pubdate", "container"),
            ..date
        });
    } else if doc.publication_date.is_none() {
        let fetched = record
            .fetched
            .as_deref()
            .and_then(newsgraph_analyze::pubdate::given);
        doc.publication_date = fetched.map(|date| PublicationDate {
            by: Origin::new("pubdate", "fetch-date"),
            ..date
        });
    }
    add_diagnostics(&mut doc, &record.diagnostics, "record");
    Ok(doc)
}

/// Reader and extractor notes (`code: message`) as warnings on the document.
fn add_diagnostics(doc: &mut Doc, notes: &[String], rule: &'static str) {
    for d in notes {
        let (code, message) = d.split_once(": ").unwrap_or((rule, d.as_str()));
        doc.diagnostics.push(Diagnostic::new(
            code,
            Severity::Warning,
            message,
            None,
            Origin::new("ingest", rule),
        ));
    }
}

/// The article of an HTML page as a document.
fn html_document(bytes: &[u8], url: Option<&str>, charset: Option<&str>) -> Doc {
    let html = decode_html_with(bytes, charset);
    let article = extract(&html, url);
    let mut doc = Doc::new(article.text);
    doc.source_map = source_map(&html, doc.text());
    doc.title = article.title;
    doc.authors = article.authors;
    doc.url = article.url.or_else(|| url.map(str::to_owned));
    doc.publication_date = article.published.and_then(|d| {
        newsgraph_analyze::pubdate::given(&d).map(|p| PublicationDate {
            by: Origin::new("pubdate", "page-metadata"),
            ..p
        })
    });
    add_diagnostics(&mut doc, &article.diagnostics, "html");
    doc
}

/// Whether `bytes` look like an HTML page rather than plain text.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || head.contains("<head")
        || head.contains("<body")
}

/// Decodes an HTML page: a BOM wins, then `<meta charset>` / `http-equiv`, else UTF-8.
pub fn decode_html(bytes: &[u8]) -> String {
    decode_html_with(bytes, None)
}

/// Decodes an HTML page as browsers do: a BOM wins, then the transport's charset (an HTTP
/// header), then `<meta charset>` / `http-equiv`, else UTF-8.
pub fn decode_html_with(bytes: &[u8], transport: Option<&str>) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0.into_owned();
    }
    if let Some(encoding) = transport.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let label = head.find("charset=").map(|i| {
        head[i + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>()
    });
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}
