//! The names of a document's layers, as stages declare what they require and produce.

use std::fmt;

/// A named layer of a [`crate::Doc`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum Layer {
    /// Paragraph spans (and their language where it differs from the document's).
    Paragraphs,
    Sentences,
    Tokens,
    /// Universal parts of speech on the tokens.
    Pos,
    /// Scraping debris: embed links, signatures, "Loading…", share lines, closing source tags.
    Debris,
    /// Embedded social-media posts as units with author, handle, date and text.
    Posts,
    /// The publication date, given or inferred.
    PublicationDate,
    /// The document's language, and the language of paragraphs and posts that differ.
    Language,
    Entities,
    Quotes,
    Timexes,
    /// Dates of quotes (and events): when the words were said.
    Dating,
    /// Speakers, addressees and cues of quotes.
    Attribution,
    /// Reported (indirect) speech, added to the quotes as kind `reported`.
    Reported,
    /// Stances (beliefs, wishes, support, findings), added to the quotes as kind `stance`.
    Stances,
    Events,
    Sources,
    Amounts,
}

impl Layer {
    pub const ALL: &'static [Layer] = &[
        Layer::Paragraphs,
        Layer::Sentences,
        Layer::Tokens,
        Layer::Pos,
        Layer::Debris,
        Layer::Posts,
        Layer::PublicationDate,
        Layer::Language,
        Layer::Entities,
        Layer::Quotes,
        Layer::Timexes,
        Layer::Dating,
        Layer::Attribution,
        Layer::Reported,
        Layer::Stances,
        Layer::Events,
        Layer::Sources,
        Layer::Amounts,
    ];

    /// The layer's name on the wire and in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Layer::Paragraphs => "paragraphs",
            Layer::Sentences => "sentences",
            Layer::Tokens => "tokens",
            Layer::Pos => "pos",
            Layer::Debris => "debris",
            Layer::Posts => "posts",
            Layer::PublicationDate => "publication_date",
            Layer::Language => "language",
            Layer::Entities => "entities",
            Layer::Quotes => "quotes",
            Layer::Timexes => "timexes",
            Layer::Dating => "dating",
            Layer::Attribution => "attribution",
            Layer::Reported => "reported",
            Layer::Stances => "stances",
            Layer::Events => "events",
            Layer::Sources => "sources",
            Layer::Amounts => "amounts",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
