//! From the web's formats to documents. For now: HTML pages to the article's text and metadata,
//! boilerplate (navigation, comments, related links, ads, the headline) kept out of the body.
//!
//! The HTML is parsed with html5ever (through `scraper`); bytes are decoded by the charset of a
//! BOM or `<meta charset>` with encoding_rs.

mod extract;
mod meta;

pub use extract::{extract, Article};

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
    let html = decode_html(bytes);
    let article = extract(&html, url);
    let mut doc = Doc::new(article.text);
    doc.title = article.title;
    doc.url = article.url.or_else(|| url.map(str::to_owned));
    doc.publication_date = article.published.and_then(|d| {
        newsgraph_analyze::pubdate::given(&d).map(|p| PublicationDate {
            by: Origin::new("pubdate", "page-metadata"),
            ..p
        })
    });
    for d in article.diagnostics {
        let (code, message) = d.split_once(": ").unwrap_or(("html", d.as_str()));
        doc.diagnostics.push(Diagnostic::new(
            code,
            Severity::Warning,
            message,
            None,
            Origin::new("ingest", "html"),
        ));
    }
    Ok(doc)
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
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0.into_owned();
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
