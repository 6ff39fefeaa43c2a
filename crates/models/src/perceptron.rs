//! An averaged perceptron over hashed features (Collins 2002; the tagger of Honnibal's
//! "A good part-of-speech tagger in about 200 lines of Python").
//!
//! Features are 64-bit FNV-1a hashes of their template and value; each feature holds a weight
//! per class. Training keeps, for every weight, its running total and the step it last
//! changed, so the averaged weights come out exact without storing a copy per step.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already FNV hashes: the table uses them as they are.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by feature hashes.
pub type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// FNV-1a over `parts`, with a separator between them.
pub fn hash(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Weights by feature, then by class: a table from feature to a run of `(class, weight)`
/// pairs in one flat array, so scoring a token touches the table and one short run per
/// feature instead of a heap allocation per feature.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    pub classes: Vec<String>,
    /// Feature → (start, length) of its run in `pairs`.
    index: FeatureMap<(u32, u32)>,
    pairs: Vec<(u16, f32)>,
}

impl Weights {
    /// Weights from a run of pairs per feature, laid out in feature order (so the same table
    /// gives the same layout).
    pub fn new(classes: Vec<String>, mut table: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        table.sort_unstable_by_key(|e| e.0);
        let mut index = FeatureMap::with_capacity_and_hasher(table.len(), Default::default());
        let mut pairs = Vec::with_capacity(table.iter().map(|e| e.1.len()).sum());
        for (f, ws) in table {
            index.insert(f, (pairs.len() as u32, ws.len() as u32));
            pairs.extend(ws);
        }
        Weights {
            classes,
            index,
            pairs,
        }
    }

    /// The number of features with weights.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The `(class, weight)` pairs of feature `f`.
    pub fn get(&self, f: u64) -> Option<&[(u16, f32)]> {
        let &(start, len) = self.index.get(&f)?;
        self.pairs.get(start as usize..(start + len) as usize)
    }

    /// Every feature with its pairs, in feature order.
    pub fn features(&self) -> Vec<(u64, &[(u16, f32)])> {
        let mut out: Vec<(u64, &[(u16, f32)])> = self
            .index
            .iter()
            .map(|(&f, &(start, len))| (f, &self.pairs[start as usize..(start + len) as usize]))
            .collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// Scores of every class for a token with `features`.
    pub fn scores(&self, features: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.classes.len(), 0.0);
        // Look every feature up first, then add: the lookups are independent loads that the
        // processor can overlap, where interleaving them with the additions would not.
        let mut runs = [(0u32, 0u32); 64];
        let mut n = 0;
        for chunk in features.chunks(64) {
            for &f in chunk {
                if let Some(&run) = self.index.get(&f) {
                    runs[n] = run;
                    n += 1;
                }
            }
            for &(start, len) in &runs[..n] {
                for &(c, w) in &self.pairs[start as usize..(start + len) as usize] {
                    if let Some(o) = out.get_mut(c as usize) {
                        *o += w;
                    }
                }
            }
            n = 0;
        }
    }
}

/// The state of training.
#[derive(Debug)]
pub struct Trainer {
    pub classes: Vec<String>,
    weights: FeatureMap<Vec<f32>>,
    totals: FeatureMap<Vec<f64>>,
    stamps: FeatureMap<Vec<u64>>,
    step: u64,
}

impl Trainer {
    pub fn new(classes: Vec<String>) -> Trainer {
        Trainer {
            classes,
            weights: FeatureMap::default(),
            totals: FeatureMap::default(),
            stamps: FeatureMap::default(),
            step: 0,
        }
    }

    /// Current (not averaged) scores.
    pub fn scores(&self, features: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.classes.len(), 0.0);
        for f in features {
            if let Some(ws) = self.weights.get(f) {
                for (o, w) in out.iter_mut().zip(ws) {
                    *o += w;
                }
            }
        }
    }

    /// One example seen: if `guess` is wrong, moves weights towards `truth`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        self.step += 1;
        if truth == guess {
            return;
        }
        let n = self.classes.len();
        for f in features {
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let w = self.weights.entry(*f).or_insert_with(|| vec![0.0; n]);
                let t = self.totals.entry(*f).or_insert_with(|| vec![0.0; n]);
                let s = self.stamps.entry(*f).or_insert_with(|| vec![0; n]);
                t[class] += f64::from(w[class]) * (self.step - s[class]) as f64;
                s[class] = self.step;
                w[class] += delta;
            }
        }
    }

    /// The averaged weights, dropping those whose magnitude is below `min`.
    pub fn average(&self, min: f32) -> Weights {
        let mut table = Vec::with_capacity(self.weights.len());
        for (f, ws) in &self.weights {
            let t = &self.totals[f];
            let s = &self.stamps[f];
            let mut kept = Vec::new();
            for c in 0..ws.len() {
                let total = t[c] + f64::from(ws[c]) * (self.step - s[c]) as f64;
                let avg = (total / self.step.max(1) as f64) as f32;
                if avg.abs() >= min {
                    kept.push((c as u16, avg));
                }
            }
            if !kept.is_empty() {
                table.push((*f, kept));
            }
        }
        Weights::new(self.classes.clone(), table)
    }
}

/// The index of the best score, ties to the lowest index.
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}
