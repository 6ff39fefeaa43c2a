//! Stages and the pipeline that runs them.
//!
//! A stage declares the layers it requires and produces; [`Pipeline::new`] checks, when the
//! pipeline is built, that every required layer is produced by an earlier stage (spaCy's
//! `requires`/`assigns`), so a misordered pipeline fails at start-up, not on the first document.

use crate::{Doc, Layer};

/// One step of analysis. A stage only adds to a document: it never changes the text.
pub trait Stage: Send + Sync {
    /// A short kebab-case name, also the `stage` part of the origins it writes.
    fn name(&self) -> &'static str;
    /// Layers that must be present before this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage fills (possibly with nothing).
    fn produces(&self) -> &'static [Layer];
    /// Adds this stage's annotations to `doc`.
    fn run(&self, doc: &mut Doc);
}

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum PipelineError {
    #[error("stage `{stage}` requires the `{layer}` layer, which no earlier stage produces")]
    MissingLayer { stage: &'static str, layer: Layer },
    #[error("stages `{first}` and `{second}` both produce the `{layer}` layer")]
    ProducedTwice {
        first: &'static str,
        second: &'static str,
        layer: Layer,
    },
}

/// An ordered, checked list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

impl Pipeline {
    /// A pipeline of `stages` in order, checked: each stage's requirements are produced before
    /// it, and no layer is produced twice.
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, PipelineError> {
        let mut producer: Vec<(Layer, &'static str)> = Vec::new();
        for stage in &stages {
            for &layer in stage.requires() {
                if !producer.iter().any(|&(l, _)| l == layer) {
                    return Err(PipelineError::MissingLayer {
                        stage: stage.name(),
                        layer,
                    });
                }
            }
            for &layer in stage.produces() {
                if let Some(&(_, first)) = producer.iter().find(|&&(l, _)| l == layer) {
                    return Err(PipelineError::ProducedTwice {
                        first,
                        second: stage.name(),
                        layer,
                    });
                }
                producer.push((layer, stage.name()));
            }
        }
        Ok(Pipeline { stages })
    }

    /// The stages' names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs stage `index` alone (for per-stage timing); [`Pipeline::run`] runs them all.
    pub fn run_stage(&self, index: usize, doc: &mut Doc) {
        let stage = &self.stages[index];
        stage.run(doc);
        for &layer in stage.produces() {
            doc.mark_produced(layer);
        }
    }

    /// Runs every stage on `doc` in order and records the layers each produced.
    pub fn run(&self, doc: &mut Doc) {
        for index in 0..self.stages.len() {
            self.run_stage(index, doc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, &'static [Layer], &'static [Layer]);

    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> &'static [Layer] {
            self.1
        }
        fn produces(&self) -> &'static [Layer] {
            self.2
        }
        fn run(&self, _: &mut Doc) {}
    }

    #[test]
    fn misordered_stages_are_refused_when_built() {
        let err = Pipeline::new(vec![
            Box::new(Fake("sentences", &[Layer::Paragraphs], &[Layer::Sentences])),
            Box::new(Fake("paragraphs", &[], &[Layer::Paragraphs])),
        ])
        .unwrap_err();
        assert_eq!(
            err,
            PipelineError::MissingLayer {
                stage: "sentences",
                layer: Layer::Paragraphs
            }
        );
    }

    #[test]
    fn a_layer_has_one_producer() {
        let err = Pipeline::new(vec![
            Box::new(Fake("a", &[], &[Layer::Tokens])),
            Box::new(Fake("b", &[], &[Layer::Tokens])),
        ])
        .unwrap_err();
        assert!(matches!(
            err,
            PipelineError::ProducedTwice {
                layer: Layer::Tokens,
                ..
            }
        ));
    }

    #[test]
    fn run_marks_produced_layers() {
        let pipeline = Pipeline::new(vec![
            Box::new(Fake("p", &[], &[Layer::Paragraphs])),
            Box::new(Fake("s", &[Layer::Paragraphs], &[Layer::Sentences])),
        ])
        .unwrap();
        let mut doc = Doc::new("x");
        pipeline.run(&mut doc);
        assert!(doc.has(Layer::Sentences) && !doc.has(Layer::Tokens));
    }
}
