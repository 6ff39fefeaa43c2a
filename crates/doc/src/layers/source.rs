//! Cited sources ("first reported by the Wall Street Journal") and amounts.

use serde::{Deserialize, Serialize};

use crate::{EntityId, Origin, Span};

/// An outlet, organisation or person the article cites as the origin of its information.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    #[serde(flatten)]
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
    pub by: Origin,
}

/// A quantity ("10,000 Mexican troops", "25 percent").
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Amount {
    #[serde(flatten)]
    pub span: Span,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub by: Origin,
}
