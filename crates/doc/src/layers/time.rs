//! Temporal expressions (TIMEX3) and the publication date.

use serde::{Deserialize, Serialize};

use crate::{Origin, Span};

/// The TIMEX3 type.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub enum TimexType {
    DATE,
    TIME,
    DURATION,
    SET,
}

/// A temporal expression with its TIMEX3 value (`2025-05-03`, `2025-W18`, `PT45M`, ...).
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Timex {
    #[serde(flatten)]
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
    /// TIMEX3 `mod`: START, MID, END, APPROX, ...
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// For a date reached by counting from another ("one day after", "two weeks later"): the
    /// count as a TIMEX3 duration over its own words. TimeML tags those words alone, as a
    /// DURATION, and leaves the signal ("after") outside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<TimexOffset>,
    pub by: Origin,
}

/// The count a relative date is reached by: "one day" in "one day after".
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct TimexOffset {
    #[serde(flatten)]
    pub span: Span,
    /// A TIMEX3 duration: `P1D`, `P2W`, ...
    pub value: String,
    /// The word that turns the count into a date: `after`, `before`, `later`, `earlier`.
    pub signal: String,
}

/// When the document was published.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct PublicationDate {
    /// `YYYY-MM-DD`.
    pub value: String,
    /// True when read off the text rather than given by the caller or the page's metadata.
    pub inferred: bool,
    /// The text the date was read from, when inferred.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    pub by: Origin,
}
