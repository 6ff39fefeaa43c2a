//! Events coded in CAMEO (and PLOVER): who did what to whom.

use serde::{Deserialize, Serialize};

use crate::{EntityId, Origin, Span};

/// One side of an event.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    /// CAMEO actor code such as `USAGOV` or `MEX`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
}

/// An event.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct Event {
    /// CAMEO event code (`0312`, `173`, ...).
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub trigger: Span,
    /// TIMEX3 date value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where `date` comes from, as for a quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<crate::layers::DateFrom>,
    pub by: Origin,
}
