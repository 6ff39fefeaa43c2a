//! Sequence taggers: greedy left-to-right decoding with an averaged perceptron.

use crate::features::{self, Prepared};
use crate::perceptron::{argmax, Trainer, Weights};

/// What a tagger predicts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Universal POS tags.
    Pos,
    /// IOB2 entity tags (B-PER, I-ORG, O, ...).
    Ner,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pos => "pos",
            Kind::Ner => "ner",
        }
    }
}

/// A trained tagger.
#[derive(Clone, Debug)]
pub struct Tagger {
    pub kind: Kind,
    pub weights: Weights,
}

/// Whether IOB2 tag `tag` may follow `prev` (an `I-X` only continues an `X`).
pub fn allowed(prev: &str, tag: &str) -> bool {
    match tag.strip_prefix("I-") {
        Some(t) => prev.strip_prefix("B-").or_else(|| prev.strip_prefix("I-")) == Some(t),
        None => true,
    }
}

/// Rules out the IOB2 tags that may not follow `prev`.
fn mask(classes: &[String], prev: &str, scores: &mut [f32]) {
    for (c, s) in classes.iter().zip(scores.iter_mut()) {
        if !allowed(prev, c) {
            *s = f32::NEG_INFINITY;
        }
    }
}

/// Shared decoding: `score(i, prev, prev2, features, scores)` fills the scores of word `i`.
/// Returns class indices.
fn decode(
    kind: Kind,
    classes: &[String],
    n: usize,
    mut score: impl FnMut(usize, &str, &str, &mut Vec<u64>, &mut Vec<f32>),
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(n);
    let mut feats = Vec::with_capacity(48);
    let mut scores = Vec::new();
    let name = |k: Option<&usize>| k.map_or("<s>", |&c| classes[c].as_str());
    for i in 0..n {
        let prev = name(i.checked_sub(1).and_then(|k| out.get(k)));
        let prev2 = name(i.checked_sub(2).and_then(|k| out.get(k)));
        score(i, prev, prev2, &mut feats, &mut scores);
        if kind == Kind::Ner {
            mask(classes, prev, &mut scores);
        }
        out.push(argmax(&scores));
    }
    out
}

/// The POS tags to give a tagger that reads none (the POS tagger itself).
pub const NO_POS: &[&str] = &[];

impl Tagger {
    /// Tags a sentence; `pos` holds the sentence's POS tags for the NER (ignored for POS).
    pub fn tag<S: AsRef<str>, P: AsRef<str>>(&self, words: &[S], pos: &[P]) -> Vec<String> {
        self.tag_prepared(&Prepared::new(words, self.kind == Kind::Ner), pos)
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Tags words already prepared (for the NER, with gazetteer tags): the POS tagger and the
    /// NER can share one preparation.
    pub fn tag_prepared<P: AsRef<str>>(&self, p: &Prepared, pos: &[P]) -> Vec<&str> {
        let w = &self.weights;
        decode(
            self.kind,
            &w.classes,
            p.lower.len(),
            |i, prev, prev2, feats, scores| {
                match self.kind {
                    Kind::Pos => features::pos(p, i, prev, prev2, feats),
                    Kind::Ner => features::ner(p, pos, i, prev, prev2, feats),
                }
                w.scores(feats, scores);
            },
        )
        .into_iter()
        .map(|c| w.classes[c].as_str())
        .collect()
    }
}

/// A small deterministic generator for shuffling (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune: f32,
}

/// A training sentence: words, gold labels, and (for the NER) POS tags.
#[derive(Clone, Debug)]
pub struct Example {
    pub words: Vec<String>,
    pub labels: Vec<String>,
    pub pos: Vec<String>,
}

/// Trains a tagger of `kind`; `report(epoch, tagger)` is called after each epoch.
pub fn train(
    kind: Kind,
    examples: &[Example],
    settings: Settings,
    mut report: impl FnMut(usize, &Tagger),
) -> Tagger {
    let mut classes: Vec<String> = examples
        .iter()
        .flat_map(|e| e.labels.iter().cloned())
        .collect();
    classes.sort();
    classes.dedup();
    let index = |l: &str| classes.binary_search_by(|c| c.as_str().cmp(l)).unwrap_or(0);
    let mut trainer = Trainer::new(classes.clone());
    let prepared: Vec<Prepared> = examples
        .iter()
        .map(|e| Prepared::new(&e.words, kind == Kind::Ner))
        .collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(settings.seed | 1);
    let mut tagger = Tagger {
        kind,
        weights: Weights::default(),
    };
    for epoch in 1..=settings.epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (e, p) = (&examples[k], &prepared[k]);
            let mut out: Vec<String> = Vec::with_capacity(e.words.len());
            let mut feats = Vec::with_capacity(48);
            let mut scores = Vec::new();
            for i in 0..e.words.len() {
                let prev = if i >= 1 { out[i - 1].as_str() } else { "<s>" };
                let prev2 = if i >= 2 { out[i - 2].as_str() } else { "<s>" };
                match kind {
                    Kind::Pos => features::pos(p, i, prev, prev2, &mut feats),
                    Kind::Ner => features::ner(p, &e.pos, i, prev, prev2, &mut feats),
                }
                trainer.scores(&feats, &mut scores);
                if kind == Kind::Ner {
                    mask(&classes, prev, &mut scores);
                }
                let guess = argmax(&scores);
                let truth = index(&e.labels[i]);
                trainer.update(&feats, truth, guess);
                out.push(classes[guess].clone());
            }
        }
        tagger.weights = trainer.average(settings.prune);
        report(epoch, &tagger);
    }
    tagger
}
