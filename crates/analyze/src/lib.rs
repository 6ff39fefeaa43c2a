//! newsgraph's analysis stages and the default pipeline.
//!
//! ```
//! let doc = newsgraph_analyze::analyze_text("“We are ready,” she said on May 5, 2025.", None);
//! assert_eq!(doc.publication_date.unwrap().value, "2025-05-05");
//! assert_eq!(doc.sentences.len(), 1);
//! ```

pub mod attribution;
pub mod dates;
pub mod dating;
pub mod debris;
pub mod entities;
pub mod groups;
pub mod input;
pub mod language;
pub mod posts;
pub mod pubdate;
pub mod quotes;
pub mod reported;
pub mod segment;
mod snapshot;
pub mod sources;
pub mod stances;
pub mod time;

use std::sync::OnceLock;

use newsgraph_doc::{Doc, Pipeline, Stage};

pub use input::{decode, InputError};
pub use snapshot::snapshot;

/// The registry: every built-in stage, in pipeline order.
pub fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(segment::Paragraphs),
        Box::new(segment::Tokens),
        Box::new(segment::Sentences),
        Box::new(debris::DebrisStage),
        Box::new(posts::Posts),
        Box::new(entities::Entities),
        Box::new(quotes::Quotes),
        Box::new(attribution::Attribution),
        Box::new(reported::Reported),
        Box::new(sources::Sources),
        Box::new(pubdate::PubDate),
        Box::new(language::LanguageStage),
        Box::new(time::Timexes),
        Box::new(dating::Dating),
    ]
}

/// The default pipeline, built (and checked) once.
pub fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(stages()).expect("the built-in stages are well ordered"))
}

/// Which attributions a pipeline finds.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Attributions {
    /// Quotes and reported speech: someone's words (the default).
    #[default]
    Speech,
    /// Also stances: what a source believes, wants, supports or finds, said without a verb of
    /// speech ([`stances`]), as attribution corpora such as PolNeAR count them.
    All,
}

/// The pipeline with the stance stage after reported speech, built (and checked) once.
fn pipeline_all() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let mut stages = stages();
        let at = stages
            .iter()
            .position(|s| s.name() == "reported")
            .map_or(stages.len(), |i| i + 1);
        stages.insert(at, Box::new(stances::Stances));
        Pipeline::new(stages).expect("the built-in stages are well ordered")
    })
}

/// Runs the default pipeline on `doc`. A publication date already set on it is kept.
pub fn analyze(doc: &mut Doc) {
    pipeline().run(doc);
}

/// Runs the pipeline that finds `attributions` on `doc`.
pub fn analyze_with(doc: &mut Doc, attributions: Attributions) {
    match attributions {
        Attributions::Speech => pipeline().run(doc),
        Attributions::All => pipeline_all().run(doc),
    }
}

/// Analyses `text`, with the publication date `date` (`YYYY-MM-DD`) when known.
pub fn analyze_text(text: &str, date: Option<&str>) -> Doc {
    let mut doc = Doc::new(text);
    doc.publication_date = date.and_then(pubdate::given);
    analyze(&mut doc);
    doc
}
