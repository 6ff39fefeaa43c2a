//! Where the text came from in an HTML page.

use serde::{Deserialize, Serialize};

use crate::Span;

/// A run of the document's text and the bytes of the page it was extracted from: the page as
/// decoded to UTF-8, which is the page's own bytes when it is UTF-8 (most are).
///
/// A run is either verbatim (`text[start..end]` equals `page[page_start..page_end]`) or one
/// character reference (`&amp;` in the page, `&` in the text).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct PageSpan {
    #[serde(flatten)]
    pub span: Span,
    pub page_start: u64,
    pub page_end: u64,
}
