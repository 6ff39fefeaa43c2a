//! Segmentation: paragraphs, tokens, sentences.
//!
//! Three stages, run in that order: paragraphs from line breaks, tokens inside paragraphs,
//! sentences as runs of tokens. Their invariants are those of `newsgraph_doc::layers` (sorted,
//! non-overlapping, nested, every non-whitespace character in exactly one token) and are
//! property-tested in `tests/offsets.rs`.

mod abbrev;
mod paragraphs;
mod sentences;
mod tokens;

pub use paragraphs::Paragraphs;
pub use sentences::Sentences;
pub use tokens::{hyphen_parts, tokenize, Tokens};
