//! Quotes and reported speech, with their speakers.
//!
//! Invariant: quotes may nest (`parent`) but never cross: two quote spans are either disjoint or
//! one contains the other, and a parent contains its children.

use serde::{Deserialize, Serialize};

use crate::{EntityId, Origin, QuoteId, Span};

/// What kind of attribution a quote is.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// A quoted sentence or more.
    Direct,
    /// A few quoted words inside the writer's own clause.
    Partial,
    /// A quote inside another quote.
    Nested,
    /// Reported (indirect) speech: "X said that ...".
    Reported,
    /// A stance attributed to a source without a verb of speech: what it believes, wants,
    /// supports, criticises or finds ("Clinton thinks the plan will fail", "the poll
    /// found a tight race"). Only with the opt-in stance stage (`analyze --attributions all`).
    Stance,
    /// Quoted words nobody is said to have spoken: a scare quote or a title ("the so-called
    /// “peace plan”"). Kept, so nothing is lost, and easy to leave out.
    Scare,
}

/// Who is quoted.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Speaker {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
    pub name: String,
    /// The mention that names the speaker locally (a pronoun, a surname, a role noun).
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<Span>,
}

/// A quote. `span` covers the quoted words without the quotation marks.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Quote {
    pub id: QuoteId,
    #[serde(flatten)]
    pub span: Span,
    pub kind: QuoteKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<Speaker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<QuoteId>,
    /// When the words were said: a TIMEX3 value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where `date` comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<DateFrom>,
    pub by: Origin,
}

/// Where a quote's (or an event's) date comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum DateFrom {
    /// A timex of its own sentence ("she said last month").
    Sentence,
    /// The narrative's reference time: the last date mentioned before it.
    Narrative,
    /// The date of the embedded post it appears in.
    Post,
    /// The publication date.
    Publication,
}
