//! Typed ids that link annotations across layers.
//!
//! An id is the index of the annotation in its layer's `Vec`. On the wire it is written with a
//! one-letter prefix (`"q3"`, `"e0"`), so a reader can tell a quote id from an entity id.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The prefix this id carries on the wire.
            pub const PREFIX: &'static str = $prefix;

            /// The id of the element at `index` of its layer.
            #[inline]
            #[track_caller]
            pub fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).expect("fewer than 2^32 annotations"))
            }

            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}{}", $prefix, self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct IdVisitor;
                impl Visitor<'_> for IdVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "an id such as \"{}0\"", $prefix)
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        v.strip_prefix($prefix)
                            .and_then(|n| n.parse().ok())
                            .map($name)
                            .ok_or_else(|| E::custom(format!("bad id {v:?}")))
                    }
                }
                deserializer.deserialize_str(IdVisitor)
            }
        }
    };
}

define_id!(
    /// An entity of [`crate::Doc::entities`].
    EntityId, "e"
);
define_id!(
    /// A quote of [`crate::Doc::quotes`].
    QuoteId, "q"
);
define_id!(
    /// A temporal expression of [`crate::Doc::timexes`].
    TimexId, "t"
);
define_id!(
    /// An embedded social-media post of [`crate::Doc::posts`].
    PostId, "p"
);
define_id!(
    /// A sentence of [`crate::Doc::sentences`].
    SentenceId, "s"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_with_their_prefix() {
        let json = serde_json::to_string(&QuoteId(3)).unwrap();
        assert_eq!(json, "\"q3\"");
        let back: QuoteId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, QuoteId(3));
        assert!(serde_json::from_str::<QuoteId>("\"e3\"").is_err());
    }
}
