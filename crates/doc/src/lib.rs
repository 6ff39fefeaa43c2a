//! The newsgraph document model.
//!
//! A [`Doc`] owns one immutable text. Stages add named [`layers`] to it (sentences, tokens,
//! entities, quotes, timexes, events, sources, amounts, debris, posts, diagnostics); every
//! annotation holds [`Span`]s of UTF-8 bytes into that text, links to other annotations by typed
//! ids ([`EntityId`], [`QuoteId`], ...), and records the [`Origin`] (stage and rule) that made it.
//! A [`Pipeline`] of [`Stage`]s checks, when it is built, that each stage's required layers are
//! produced before it. [`wire`] reads and writes the `newsgraph/1` JSON format.

mod diagnostic;
mod doc;
mod ids;
mod layer;
pub mod layers;
mod origin;
mod span;
mod stage;
pub mod wire;

pub use diagnostic::{Diagnostic, Severity};
pub use doc::Doc;
pub use ids::{EntityId, PostId, QuoteId, SentenceId, TimexId};
pub use layer::Layer;
pub use origin::Origin;
pub use span::{CharIndex, Span};
pub use stage::{Pipeline, PipelineError, Stage};
pub use wire::{WireError, WireOptions, FORMAT};
