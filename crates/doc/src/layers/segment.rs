//! Paragraphs, sentences and tokens.
//!
//! Invariants, checked by [`crate::Doc::validate`] and property-tested in `newsgraph-analyze`:
//! each layer is sorted and non-overlapping; paragraphs and sentences hold no leading or trailing
//! whitespace; every sentence lies inside one paragraph and every token inside one sentence;
//! every non-whitespace character of the text lies in exactly one token.

use serde::{Deserialize, Serialize};

use crate::{Origin, Span};

/// A paragraph: a block of text between line breaks (or blank lines for hard-wrapped text).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Paragraph {
    #[serde(flatten)]
    pub span: Span,
    /// ISO 639-1 code, set only where it differs from the document's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub by: Origin,
}

/// A sentence.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Sentence {
    #[serde(flatten)]
    pub span: Span,
    pub by: Origin,
}

/// What a token is made of.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    Url,
    Email,
    /// `@handle`
    Handle,
    /// `#tag`
    Hashtag,
}

/// A token. Tokens carry no origin each (there are too many); the tokenizer is their origin.
#[derive(Clone, Copy, PartialEq, Debug, Serialize, Deserialize)]
pub struct Token {
    #[serde(flatten)]
    pub span: Span,
    pub kind: TokenKind,
}
