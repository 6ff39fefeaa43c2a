//! newsgraph's statistical taggers: an averaged-perceptron POS tagger (UD EWT) and named-entity
//! recogniser (UNER EWT), their training, evaluation, and the committed model files
//! (`data/*.ngm`, format in [`format`](mod@format)). Nothing is downloaded: the models are compiled in.

pub mod conll;
pub mod eval;
pub mod features;
pub mod format;
pub mod gazetteer;
pub mod perceptron;
pub mod tagger;
pub mod words;

use std::sync::OnceLock;

pub use tagger::{Kind, Tagger};

/// Why a model could not be read or data could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    #[error("cannot read {0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("the model file ends early")]
    Truncated,
    #[error("the model file is corrupt: {0}")]
    Corrupt(&'static str),
    #[error("model format version {0} is not supported (this build reads 1)")]
    Version(u32),
    #[error("expected a {expected} model, found a {found} model")]
    Kind { expected: String, found: String },
    #[error("bad training data: {0}")]
    Format(String),
}

const POS_MODEL: &[u8] = include_bytes!("../data/pos.ngm");
const NER_MODEL: &[u8] = include_bytes!("../data/ner.ngm");

impl Tagger {
    /// Reads a model file's bytes.
    pub fn from_bytes(kind: Kind, bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger {
            kind,
            weights: format::read(kind.name(), bytes)?,
        })
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::write(self.kind.name(), &self.weights)
    }
}

/// The POS tagger shipped in the binary, loaded once.
pub fn pos() -> Option<&'static Tagger> {
    static POS: OnceLock<Option<Tagger>> = OnceLock::new();
    POS.get_or_init(|| Tagger::from_bytes(Kind::Pos, POS_MODEL).ok())
        .as_ref()
}

/// The NER shipped in the binary, loaded once.
pub fn ner() -> Option<&'static Tagger> {
    static NER: OnceLock<Option<Tagger>> = OnceLock::new();
    NER.get_or_init(|| Tagger::from_bytes(Kind::Ner, NER_MODEL).ok())
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_models_read_back_to_the_same_bytes_and_tag() {
        for (kind, bytes) in [(Kind::Pos, POS_MODEL), (Kind::Ner, NER_MODEL)] {
            let tagger = Tagger::from_bytes(kind, bytes).expect("a shipped model reads");
            assert!(!tagger.weights.is_empty());
            assert!(tagger.to_bytes() == bytes, "{kind:?} round trip");
        }
        assert!(matches!(
            Tagger::from_bytes(Kind::Ner, POS_MODEL),
            Err(ModelError::Kind { .. })
        ));
        assert!(matches!(
            Tagger::from_bytes(Kind::Pos, &POS_MODEL[..POS_MODEL.len() / 2]),
            Err(ModelError::Truncated)
        ));
    }
}
