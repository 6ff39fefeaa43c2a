//! Scraping debris and embedded social-media posts.
//!
//! Debris is marked, never deleted, so every offset into the text stays valid. An embedded post
//! is one unit with its author, handle, date and text, so a quote inside it can be attributed.

use serde::{Deserialize, Serialize};

use crate::{Origin, Span};

/// What a piece of debris is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DebrisKind {
    /// `pic.twitter.com/…`, `t.co/…` and the like left by an embedded post.
    EmbedLink,
    /// `— NAME (@handle) May 5, 2025` closing an embedded post.
    EmbedSignature,
    /// "Loading…", "Advertisement".
    Placeholder,
    /// Share, subscribe, follow, read-more lines.
    Boilerplate,
    /// A closing source tag such as "–Latin Times".
    SourceTag,
}

/// A piece of debris.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Debris {
    #[serde(flatten)]
    pub span: Span,
    pub kind: DebrisKind,
    pub by: Origin,
}

/// Where an embedded post comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Platform {
    Twitter,
    Instagram,
    Facebook,
    Other,
}

/// An embedded social-media post.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Post {
    /// The whole unit: text, links and signature.
    #[serde(flatten)]
    pub span: Span,
    pub platform: Platform,
    /// The author's name (title-cased when the signature writes it in capitals).
    pub author: String,
    /// Where the signature names the author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_mention: Option<Span>,
    /// `@handle`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The post's own words: the unit less its links and signature.
    pub text: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    pub by: Origin,
}
