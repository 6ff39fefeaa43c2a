//! Scores: POS accuracy and entity-level NER precision, recall and F1 per type.

use std::collections::BTreeMap;

/// Entity spans `(type, first, end)` of an IOB2 sequence; a stray `I-X` starts an entity.
pub fn spans<T: AsRef<str>>(tags: &[T]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, t) in tags.iter().map(AsRef::as_ref).enumerate() {
        let (kind, begins) = match (t.strip_prefix("B-"), t.strip_prefix("I-")) {
            (Some(k), _) => (Some(k), true),
            (_, Some(k)) => (Some(k), open.as_ref().is_none_or(|(o, _)| o != k)),
            _ => (None, false),
        };
        if kind.is_none() || begins {
            if let Some((k, s)) = open.take() {
                out.push((k, s, i));
            }
        }
        if let (Some(k), true) = (kind, begins) {
            open = Some((k.to_owned(), i));
        }
    }
    if let Some((k, s)) = open {
        out.push((k, s, tags.len()));
    }
    out
}

/// Counts of one entity type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

impl Counts {
    pub fn prf(self) -> (f64, f64, f64) {
        let p = if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// NER scores by type, and `ALL`.
pub fn ner_scores(gold: &[Vec<String>], predicted: &[Vec<String>]) -> BTreeMap<String, Counts> {
    let mut by: BTreeMap<String, Counts> = BTreeMap::new();
    for (g, p) in gold.iter().zip(predicted) {
        let gs = spans(g);
        let ps = spans(p);
        for s in &gs {
            by.entry(s.0.clone()).or_default().gold += 1;
            by.entry("ALL".into()).or_default().gold += 1;
        }
        for s in &ps {
            let hit = gs.contains(s);
            for key in [s.0.clone(), "ALL".into()] {
                let c = by.entry(key).or_default();
                c.predicted += 1;
                c.correct += usize::from(hit);
            }
        }
    }
    by
}

/// The entity F1 (over all types) of each system in `resamples` resamples of the documents,
/// drawn with replacement (the bootstrap; Efron 1979): `documents[d][s]` holds system `s`'s
/// counts on document `d`, and row `r` of the result the systems' F1 in resample `r`. Resampling
/// whole documents keeps together the names a document repeats. The same `seed` draws the same
/// resamples, and every system is scored on the same ones, so differences are paired.
pub fn resampled_f1(documents: &[Vec<Counts>], resamples: usize, seed: u64) -> Vec<Vec<f64>> {
    let systems = documents.first().map_or(0, Vec::len);
    let mut rng = crate::tagger::Rng(seed | 1);
    (0..resamples)
        .map(|_| {
            let mut sums = vec![Counts::default(); systems];
            for _ in 0..documents.len() {
                let d = (rng.next() % documents.len() as u64) as usize;
                for (sum, &c) in sums.iter_mut().zip(&documents[d]) {
                    *sum += c;
                }
            }
            sums.into_iter().map(|c| c.prf().2).collect()
        })
        .collect()
}

/// The value below which a share `q` (0 to 1) of `values` falls (nearest rank).
pub fn percentile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n => sorted[((q * n as f64).ceil() as usize).clamp(1, n) - 1],
    }
}

/// Share of equal labels.
pub fn accuracy(gold: &[Vec<String>], predicted: &[Vec<String>]) -> f64 {
    let (mut right, mut all) = (0usize, 0usize);
    for (g, p) in gold.iter().zip(predicted) {
        for (a, b) in g.iter().zip(p) {
            right += usize::from(a == b);
            all += 1;
        }
    }
    if all == 0 {
        0.0
    } else {
        right as f64 / all as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn resampling_keeps_the_order_of_systems_apart_from_noise() {
        let c = |gold, predicted, correct| Counts {
            gold,
            predicted,
            correct,
        };
        // System 1 finds every name; system 0 half of them, in every document.
        let documents: Vec<Vec<Counts>> = (0..50)
            .map(|d| vec![c(4 + d % 3, 2, 2), c(4 + d % 3, 4 + d % 3, 4 + d % 3)])
            .collect();
        let rows = resampled_f1(&documents, 200, 7);
        assert_eq!(rows.len(), 200);
        assert!(
            rows.iter().all(|r| r[1] == 1.0 && r[0] < 0.7),
            "{:?}",
            &rows[..3]
        );
        assert_eq!(
            rows,
            resampled_f1(&documents, 200, 7),
            "the same seed, the same draws"
        );
        let first: Vec<f64> = rows.iter().map(|r| r[0]).collect();
        let (low, high) = (percentile(&first, 0.025), percentile(&first, 0.975));
        assert!(
            low < high,
            "documents differ, so resamples do: {low} {high}"
        );
        assert!(low > 0.5 && high < 0.7, "{low} {high}");
        assert_eq!(percentile(&[3.0, 1.0, 2.0, 4.0], 0.5), 2.0);
        assert_eq!(percentile(&[3.0, 1.0, 2.0, 4.0], 1.0), 4.0);
    }

    #[test]
    fn spans_follow_iob2() {
        assert_eq!(
            spans(&tags("B-PER I-PER O B-LOC B-LOC I-ORG")),
            [
                ("PER".into(), 0, 2),
                ("LOC".into(), 3, 4),
                ("LOC".into(), 4, 5),
                ("ORG".into(), 5, 6)
            ]
        );
    }

    #[test]
    fn scores_count_exact_spans() {
        let gold = vec![tags("B-PER I-PER O B-LOC")];
        let pred = vec![tags("B-PER O O B-LOC")];
        let s = ner_scores(&gold, &pred);
        assert_eq!(
            s["ALL"],
            Counts {
                gold: 2,
                predicted: 2,
                correct: 1
            }
        );
        assert_eq!(s["LOC"].prf().2, 1.0);
    }
}
