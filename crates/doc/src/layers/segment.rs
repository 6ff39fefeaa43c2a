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
    /// Universal part of speech, set by the `pos` layer (the entity stage's tagger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<Upos>,
}

impl Token {
    /// A token the tagger has not seen yet.
    pub fn new(span: Span, kind: TokenKind) -> Token {
        Token {
            span,
            kind,
            pos: None,
        }
    }
}

/// A Universal Dependencies part-of-speech tag.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// The tag for its UD name (`"NOUN"`); `None` for anything else.
    pub fn parse(name: &str) -> Option<Upos> {
        Some(match name {
            "ADJ" => Upos::Adj,
            "ADP" => Upos::Adp,
            "ADV" => Upos::Adv,
            "AUX" => Upos::Aux,
            "CCONJ" => Upos::Cconj,
            "DET" => Upos::Det,
            "INTJ" => Upos::Intj,
            "NOUN" => Upos::Noun,
            "NUM" => Upos::Num,
            "PART" => Upos::Part,
            "PRON" => Upos::Pron,
            "PROPN" => Upos::Propn,
            "PUNCT" => Upos::Punct,
            "SCONJ" => Upos::Sconj,
            "SYM" => Upos::Sym,
            "VERB" => Upos::Verb,
            "X" => Upos::X,
            _ => return None,
        })
    }
}
