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

/// Weights by feature, then by class, in an open-addressing table built for scoring: a
/// feature's fingerprint and up to `INLINE` (two) of its `(class, weight)` pairs share one 16-byte
/// slot, so looking a feature up costs one cache line where a general hash map costs three
/// (control bytes, bucket, pairs), and the table stays small enough for the address
/// translation caches. Features with more pairs keep them in `overflow`. Scoring is bound by
/// these memory loads: they are most of the time of the POS tagger and the NER.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    pub classes: Vec<String>,
    /// Capacity is a power of two; an empty slot has fingerprint 0.
    slots: Vec<Slot>,
    /// The full feature hash of each slot, read only to list the features.
    keys: Vec<u64>,
    overflow: Vec<(u16, f32)>,
    features: usize,
    /// Tells these weights apart from any others built in the process (clones share it), so
    /// scores cached for them are never read for another model.
    id: u64,
}

/// Pairs stored in the slot itself.
const INLINE: usize = 2;

/// `[fingerprint | count << 32 | class 0 << 40 | class 1 << 48, weight 0 | weight 1 << 32]`.
/// A feature with more pairs has count `0xff`, its run's length as class 0 and its start in
/// `overflow` as weight 0's bits. The fingerprint is the hash's upper half; the home slot
/// comes from its lower bits, so a stored fingerprint and slot tell features apart.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot([u64; 2]);

const SPILLED: u64 = 0xff;

impl Slot {
    /// The start and length in `overflow` of a feature whose pairs are stored there.
    fn spilled(&self) -> Option<(usize, usize)> {
        ((self.0[0] >> 32) & 0xff == SPILLED)
            .then(|| (self.0[1] as usize, ((self.0[0] >> 40) & 0xff) as usize))
    }
}

/// The fingerprint a feature hash is stored under (0 marks an empty slot).
fn fingerprint(f: u64) -> u64 {
    (f >> 32).max(1)
}

impl Weights {
    /// Weights from a run of pairs per feature (the same table gives the same layout).
    pub fn new(classes: Vec<String>, mut table: Vec<(u64, Vec<(u16, f32)>)>) -> Weights {
        table.sort_unstable_by_key(|e| e.0);
        let capacity = (table.len() + table.len() / 3).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); capacity];
        let mut keys = vec![0; capacity];
        let mut overflow = Vec::new();
        let mask = capacity - 1;
        for (f, ws) in &table {
            let fp = fingerprint(*f);
            let mut at = (*f as usize) & mask;
            while slots[at].0[0] & 0xffff_ffff != 0 {
                at = (at + 1) & mask;
            }
            let mut slot = Slot([fp, 0]);
            if ws.len() <= INLINE {
                slot.0[0] |= (ws.len() as u64) << 32;
                for (j, &(c, w)) in ws.iter().enumerate() {
                    slot.0[0] |= u64::from(c as u8) << (40 + 8 * j);
                    slot.0[1] |= u64::from(w.to_bits()) << (32 * j);
                }
            } else {
                slot.0[0] |= SPILLED << 32 | (ws.len() as u64 & 0xff) << 40;
                slot.0[1] = overflow.len() as u64;
                overflow.extend_from_slice(ws);
            }
            slots[at] = slot;
            keys[at] = *f;
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Weights {
            classes,
            slots,
            keys,
            overflow,
            features: table.len(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// What tells these weights apart from others built in the process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The number of features with weights.
    pub fn len(&self) -> usize {
        self.features
    }

    /// Whether no feature has a weight.
    pub fn is_empty(&self) -> bool {
        self.features == 0
    }

    /// The slot of feature `f`.
    fn slot(&self, f: u64) -> Option<&Slot> {
        let mask = self.slots.len().checked_sub(1)?;
        self.probe(fingerprint(f), (f as usize) & mask)
    }

    /// The slot holding fingerprint `fp`, probing from slot `at` on.
    fn probe(&self, fp: u64, mut at: usize) -> Option<&Slot> {
        let mask = self.slots.len() - 1;
        loop {
            let slot = &self.slots[at];
            match slot.0[0] & 0xffff_ffff {
                0 => return None,
                stored if stored == fp => return Some(slot),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Calls `add(class, weight)` for each pair of `slot`.
    #[inline]
    fn pairs_of(&self, slot: &Slot, mut add: impl FnMut(usize, f32)) {
        let head = slot.0[0];
        if let Some((start, len)) = slot.spilled() {
            for &(c, w) in self.overflow.get(start..start + len).unwrap_or(&[]) {
                add(usize::from(c), w);
            }
        } else {
            for j in 0..((head >> 32) & 0xff) as usize {
                let c = ((head >> (40 + 8 * j)) & 0xff) as usize;
                let w = f32::from_bits((slot.0[1] >> (32 * j)) as u32);
                add(c, w);
            }
        }
    }

    /// The `(class, weight)` pairs of feature `f`.
    pub fn get(&self, f: u64) -> Option<Vec<(u16, f32)>> {
        let slot = self.slot(f)?;
        let mut out = Vec::new();
        self.pairs_of(slot, |c, w| out.push((c as u16, w)));
        Some(out)
    }

    /// Every feature with its pairs, in feature order.
    pub fn features(&self) -> Vec<(u64, Vec<(u16, f32)>)> {
        let mut out: Vec<(u64, Vec<(u16, f32)>)> = self
            .slots
            .iter()
            .zip(&self.keys)
            .filter(|(s, _)| s.0[0] != 0)
            .map(|(s, &f)| {
                let mut pairs = Vec::new();
                self.pairs_of(s, |c, w| pairs.push((c as u16, w)));
                (f, pairs)
            })
            .collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// Scores of every class for a token with `features`.
    pub fn scores(&self, features: &[u64], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.classes.len(), 0.0);
        self.add_scores(features, out);
    }

    /// Adds the weights of `features` to `out`, one score per class.
    pub fn add_scores(&self, features: &[u64], out: &mut [f32]) {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return;
        };
        // First load the home slot of every feature, branching on nothing loaded: the loads
        // are independent, so the processor keeps many cache misses in flight. Probing a slot
        // as soon as it is loaded would stall on each miss in turn, since whether a feature is
        // present is not predictable. Runs spilled to `overflow` are gathered the same way:
        // their first pairs are all loaded before any is added.
        let mut first = [0u64; 64];
        let mut runs = [(0usize, 0usize); 64];
        let mut heads = [(0u16, 0.0f32); 64];
        for chunk in features.chunks(64) {
            for (slot, &f) in first.iter_mut().zip(chunk) {
                *slot = self.slots[(f as usize) & mask].0[0];
            }
            let mut spilled = 0;
            for (&stored, &f) in first.iter().zip(chunk) {
                let fp = fingerprint(f);
                let found = match stored & 0xffff_ffff {
                    0 => None,
                    s if s == fp => Some(&self.slots[(f as usize) & mask]),
                    _ => self.probe(fp, ((f as usize) + 1) & mask),
                };
                let Some(slot) = found else {
                    continue;
                };
                if let Some((start, len)) = slot.spilled() {
                    runs[spilled] = (start, len);
                    heads[spilled] = self.overflow.get(start).copied().unwrap_or_default();
                    spilled += 1;
                } else {
                    self.pairs_of(slot, |c, w| {
                        if let Some(o) = out.get_mut(c) {
                            *o += w;
                        }
                    });
                }
            }
            for (&(start, len), &head) in runs[..spilled].iter().zip(&heads) {
                let rest = self.overflow.get(start + 1..start + len).unwrap_or(&[]);
                for &(c, w) in std::iter::once(&head).chain(rest) {
                    if let Some(o) = out.get_mut(usize::from(c)) {
                        *o += w;
                    }
                }
            }
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
        self.tick(1);
        if truth != guess {
            self.nudge(features, truth, 1.0);
            self.nudge(features, guess, -1.0);
        }
    }

    /// Examples seen so far.
    pub fn step(&self) -> u64 {
        self.step
    }

    /// Counts `n` examples seen, for the averages (a structured update nudges after this).
    pub fn tick(&mut self, n: u64) {
        self.step += n;
    }

    /// Adds `delta` to the weight of `class` for each of `features`.
    pub fn nudge(&mut self, features: &[u64], class: usize, delta: f32) {
        let n = self.classes.len();
        for f in features {
            let w = self.weights.entry(*f).or_insert_with(|| vec![0.0; n]);
            let t = self.totals.entry(*f).or_insert_with(|| vec![0.0; n]);
            let s = self.stamps.entry(*f).or_insert_with(|| vec![0; n]);
            t[class] += f64::from(w[class]) * (self.step - s[class]) as f64;
            s[class] = self.step;
            w[class] += delta;
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

/// The mean of models with the same classes (trained with different seeds: their mean varies
/// less than any one of them), dropping weights whose magnitude is below `min`.
pub fn mean(models: &[&Weights], min: f32) -> Weights {
    let classes = models
        .first()
        .map(|m| m.classes.clone())
        .unwrap_or_default();
    let mut sums: FeatureMap<Vec<f32>> = FeatureMap::default();
    for model in models {
        for (f, pairs) in model.features() {
            let row = sums.entry(f).or_insert_with(|| vec![0.0; classes.len()]);
            for (c, w) in pairs {
                if let Some(slot) = row.get_mut(usize::from(c)) {
                    *slot += w;
                }
            }
        }
    }
    let n = models.len().max(1) as f32;
    let table = sums
        .into_iter()
        .filter_map(|(f, row)| {
            let kept: Vec<(u16, f32)> = row
                .into_iter()
                .enumerate()
                .map(|(c, w)| (c as u16, w / n))
                .filter(|(_, w)| w.abs() >= min)
                .collect();
            (!kept.is_empty()).then_some((f, kept))
        })
        .collect();
    Weights::new(classes, table)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_keeps_every_pair_inline_or_spilled() {
        let classes: Vec<String> = (0..7).map(|c| format!("C{c}")).collect();
        // Features with one to seven pairs, so some spill out of their slot; many of them, so
        // probing runs past occupied slots.
        let table: Vec<(u64, Vec<(u16, f32)>)> = (0..500u64)
            .map(|f| {
                let n = (f % 7 + 1) as u16;
                let pairs = (0..n).map(|c| (c, f as f32 + f32::from(c) / 8.0)).collect();
                (hash(&[&f.to_le_bytes()]), pairs)
            })
            .collect();
        let weights = Weights::new(classes, table.clone());
        assert_eq!(weights.len(), 500);
        let mut sorted = table.clone();
        sorted.sort_by_key(|e| e.0);
        assert_eq!(weights.features(), sorted);
        for (f, pairs) in &table {
            assert_eq!(weights.get(*f).as_ref(), Some(pairs));
            let mut scores = Vec::new();
            weights.scores(&[*f, *f, hash(&[b"absent"])], &mut scores);
            for (c, w) in pairs {
                assert_eq!(scores[usize::from(*c)], 2.0 * w);
            }
        }
        assert_eq!(weights.get(hash(&[b"absent"])), None);
    }

    #[test]
    fn the_mean_of_models_averages_each_weight_and_prunes_the_small() {
        let classes: Vec<String> = vec!["A".into(), "B".into()];
        let (f, g, h) = (hash(&[b"f"]), hash(&[b"g"]), hash(&[b"h"]));
        let one = Weights::new(
            classes.clone(),
            vec![(f, vec![(0, 1.0), (1, -2.0)]), (g, vec![(0, 0.5)])],
        );
        let two = Weights::new(classes, vec![(f, vec![(0, 3.0)]), (h, vec![(1, 0.01)])]);
        let mean = mean(&[&one, &two], 0.1);
        assert_eq!(mean.get(f), Some(vec![(0, 2.0), (1, -1.0)]));
        assert_eq!(mean.get(g), Some(vec![(0, 0.25)]));
        assert_eq!(mean.get(h), None, "0.005 is pruned");
    }
}
