//! Provenance: which stage and which rule made an annotation.
//!
//! Written on the wire as one string, `"stage/rule"` (for example `"debris/embed-link"`), the
//! first thing a user looks at when a result is wrong.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The stage and rule behind an annotation.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub stage: Cow<'static, str>,
    pub rule: Cow<'static, str>,
}

impl Origin {
    /// An origin from static names, the usual case for built-in stages.
    pub const fn new(stage: &'static str, rule: &'static str) -> Origin {
        Origin {
            stage: Cow::Borrowed(stage),
            rule: Cow::Borrowed(rule),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.stage, self.rule)
    }
}

impl fmt::Debug for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Origin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Origin {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        let (stage, rule) = s.split_once('/').unwrap_or((s.as_str(), ""));
        Ok(Origin {
            stage: Cow::Owned(stage.to_owned()),
            rule: Cow::Owned(rule.to_owned()),
        })
    }
}
