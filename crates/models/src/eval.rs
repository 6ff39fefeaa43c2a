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
