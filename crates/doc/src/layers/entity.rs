//! Entities: people, organisations, places, and their mentions in the text.

use serde::{Deserialize, Serialize};

use crate::{EntityId, Origin, Span};

/// The type of an entity.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub enum EntityType {
    PER,
    ORG,
    LOC,
    /// Nationalities, religious and political groups ("Mexican").
    NORP,
}

/// One mention of an entity.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Mention {
    #[serde(flatten)]
    pub span: Span,
    /// A role or title read with the mention ("U.S. Defense Secretary").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub by: Origin,
}

/// An entity: all mentions of one person, organisation or place within the document.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The fullest proper name among the mentions.
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Whether the entity is a news outlet or agency.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub media: bool,
    pub mentions: Vec<Mention>,
    pub by: Origin,
}
