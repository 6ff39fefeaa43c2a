//! Sequence taggers: greedy left-to-right decoding with an averaged perceptron.

use std::cell::RefCell;

use crate::features::{self, Prepared};
use crate::perceptron::{argmax, hash, FeatureMap, Trainer, Weights};

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

thread_local! {
    /// Kept scores of words (see [`Tagger::tag_prepared`]).
    static WORD_SCORES: RefCell<WordScores> = RefCell::new(WordScores::default());
}

/// Forgets the word scores this thread has kept (for benchmarks that must start cold).
pub fn forget_word_scores() {
    WORD_SCORES.with(|cache| *cache.borrow_mut() = WordScores::default());
}

/// Scores a thread keeps before it starts afresh: 16 MB, some 30,000 words for both taggers.
const WORD_SCORES_LIMIT: usize = 4 << 20;

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
    ///
    /// Most features depend on one word alone: its own form, affixes and shape, or the form
    /// and shape of the word before or after. Their scores are summed once per word, model and
    /// thread and kept; each occurrence then adds five kept rows and looks up
    /// only the features that depend on more (previous tags, word pairs, the gazetteer).
    /// Looking weights up is most of a tagger's time, and a few thousand frequent words make
    /// up most of any text.
    pub fn tag_prepared<P: AsRef<str>>(&self, p: &Prepared, pos: &[P]) -> Vec<&str> {
        let w = &self.weights;
        let n = w.classes.len();
        let len = p.lower.len();
        let model = w.id().to_le_bytes();
        WORD_SCORES
            .with(|cache| {
                let mut cache = cache.borrow_mut();
                if cache.scores.len() > WORD_SCORES_LIMIT {
                    cache.rows.clear();
                    cache.scores.clear();
                }
                // Each word's rows, and those of the sentence's edges, two on each side.
                let rows: Vec<usize> = (-2..len as isize + 2)
                    .map(|k| {
                        let key = if k < 0 {
                            hash(&[&model, b"\xff<s>"])
                        } else if k as usize >= len {
                            hash(&[&model, b"\xff</s>"])
                        } else {
                            hash(&[&model, p.original[k as usize].as_bytes()])
                        };
                        cache.row(key, n, |out, feats, scratch| {
                            // Own features first, then one row per neighbour role.
                            if (0..len as isize).contains(&k) {
                                feats.clear();
                                match self.kind {
                                    Kind::Pos => features::pos_word(p, k as usize, feats),
                                    Kind::Ner => features::ner_word(p, k as usize, feats),
                                }
                                w.scores(feats, scratch);
                                out[..n].copy_from_slice(scratch);
                            }
                            for (r, role) in features::Neighbour::ALL.into_iter().enumerate() {
                                feats.clear();
                                match self.kind {
                                    Kind::Pos => features::pos_neighbour(p, k, role, feats),
                                    Kind::Ner => features::ner_neighbour(p, k, role, feats),
                                }
                                w.scores(feats, scratch);
                                out[(r + 1) * n..(r + 2) * n].copy_from_slice(scratch);
                            }
                        })
                    })
                    .collect();
                let kept = &cache.scores;
                decode(
                    self.kind,
                    &w.classes,
                    len,
                    |i, prev, prev2, feats, scores| {
                        scores.clear();
                        scores.extend_from_slice(&kept[rows[i + 2]..rows[i + 2] + n]);
                        for (r, role) in features::Neighbour::ALL.into_iter().enumerate() {
                            let at = rows[(i as isize + 2 + role.offset()) as usize] + (r + 1) * n;
                            for (s, v) in scores.iter_mut().zip(&kept[at..at + n]) {
                                *s += v;
                            }
                        }
                        feats.clear();
                        match self.kind {
                            Kind::Pos => features::pos_rest(p, i, prev, prev2, feats),
                            Kind::Ner => features::ner_rest(p, pos, i, prev, prev2, feats),
                        }
                        w.add_scores(feats, scores);
                    },
                )
            })
            .into_iter()
            .map(|c| w.classes[c].as_str())
            .collect()
    }
}

/// Kept scores of words: per word, model and thread, one row of class scores for the word's
/// own features and one for each [`features::Neighbour`] role it may play.
#[derive(Default)]
struct WordScores {
    /// Where each word's rows start in `scores`, by the hash of model and word.
    rows: FeatureMap<usize>,
    scores: Vec<f32>,
}

impl WordScores {
    /// The start of the rows under `key`, filled by `fill(rows, features, scratch)` the first
    /// time (the rows start at zero).
    fn row(
        &mut self,
        key: u64,
        n: usize,
        fill: impl FnOnce(&mut [f32], &mut Vec<u64>, &mut Vec<f32>),
    ) -> usize {
        if let Some(&at) = self.rows.get(&key) {
            return at;
        }
        let at = self.scores.len();
        self.scores.resize(at + ROLES * n, 0.0);
        let (mut feats, mut scratch) = (Vec::with_capacity(16), Vec::with_capacity(n));
        fill(&mut self.scores[at..], &mut feats, &mut scratch);
        self.rows.insert(key, at);
        at
    }
}

/// A word's rows: its own features, then the four neighbour roles.
const ROLES: usize = 1 + features::Neighbour::ALL.len();

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

#[cfg(test)]
mod tests {
    use super::*;

    fn example(pairs: &[(&str, &str)]) -> Example {
        Example {
            words: pairs.iter().map(|p| p.0.to_owned()).collect(),
            labels: pairs.iter().map(|p| p.1.to_owned()).collect(),
            pos: Vec::new(),
        }
    }

    /// Tags from every feature looked up for every word, no cache.
    fn uncached(tagger: &Tagger, words: &[&str]) -> Vec<String> {
        let p = Prepared::new(words, false);
        let w = &tagger.weights;
        decode(
            tagger.kind,
            &w.classes,
            words.len(),
            |i, prev, prev2, feats, scores| {
                features::pos(&p, i, prev, prev2, feats);
                w.scores(feats, scores);
            },
        )
        .into_iter()
        .map(|c| w.classes[c].clone())
        .collect()
    }

    #[test]
    fn cached_word_scores_agree_with_all_features_and_keep_to_their_model() {
        let settings = Settings {
            epochs: 5,
            seed: 1,
            prune: 0.0,
        };
        // "bank" is a verb to one model and a noun to the other.
        let verbs = train(
            Kind::Pos,
            &[example(&[
                ("we", "PRON"),
                ("bank", "VERB"),
                ("here", "ADV"),
            ])],
            settings,
            |_, _| {},
        );
        let nouns = train(
            Kind::Pos,
            &[example(&[
                ("the", "DET"),
                ("bank", "NOUN"),
                ("closed", "VERB"),
            ])],
            settings,
            |_, _| {},
        );
        let words = ["bank", "bank", "here"];
        for tagger in [&verbs, &nouns, &verbs, &nouns] {
            let got: Vec<String> = tagger.tag(&words, NO_POS);
            assert_eq!(got, uncached(tagger, &words));
        }
        assert_ne!(verbs.tag(&words, NO_POS), nouns.tag(&words, NO_POS));
    }
}
