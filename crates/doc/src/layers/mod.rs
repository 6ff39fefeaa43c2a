//! The annotation types of each layer. Every annotation carries the [`crate::Origin`] that made it.

mod debris;
mod entity;
mod event;
mod page;
mod quote;
mod segment;
mod source;
mod time;

pub use debris::{Debris, DebrisKind, Platform, Post};
pub use entity::{Entity, EntityType, Mention};
pub use event::{Actor, Event};
pub use page::PageSpan;
pub use quote::{DateFrom, Quote, QuoteKind, Speaker};
pub use segment::{Paragraph, Sentence, Token, TokenKind, Upos};
pub use source::{Amount, Source};
pub use time::{PublicationDate, Timex, TimexOffset, TimexType};
