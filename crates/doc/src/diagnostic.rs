//! Diagnostics: what went wrong or was guessed while reading or analysing a document.
//!
//! Bad input still yields a [`crate::Doc`]; what was odd about it is said here, with a stable
//! code (listed in `docs/json-format.md`) and, where it has one, the span it concerns.

use serde::{Deserialize, Serialize};

use crate::{Origin, Span};

/// How much a diagnostic matters.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something was inferred rather than read (an inferred publication date).
    Info,
    /// The input was damaged or odd and the result may be incomplete (lossy decoding).
    Warning,
    /// A stage could not do its work on this document.
    Error,
}

/// One diagnostic on a document.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Diagnostic {
    /// A stable kebab-case code such as `invalid-utf8` or `publication-date-inferred`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    pub by: Origin,
}

impl Diagnostic {
    pub fn new(
        code: &str,
        severity: Severity,
        message: impl Into<String>,
        span: Option<Span>,
        by: Origin,
    ) -> Diagnostic {
        Diagnostic {
            code: code.to_owned(),
            severity,
            message: message.into(),
            span,
            by,
        }
    }
}
