//! What unlabelled text says about words: how often each is written with a capital inside a
//! sentence, and word classes from the exchange algorithm (Kneser and Ney 1993; Martin,
//! Liermann and Ney 1998), which puts words that occur next to the same classes of words in
//! the same class, as Brown clusters do. The NER reads both as features of a word it may never
//! have seen labelled: "Miramar" is in the class of other place names and is written with a
//! capital wherever it occurs.
//!
//! The table is data (`data/words.tsv`, `WORD<TAB>CAPITALISED<TAB>LOWER<TAB>CLASS...` lines,
//! lower-cased words) built by `newsgraph train words` from text given on the command line.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The shipped table's source.
pub const SHIPPED: &str = include_str!("../data/words.tsv");

/// One word's statistics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Times written with a capital inside a sentence (not its first word).
    pub capitalised: u32,
    /// Times written in lower case inside a sentence.
    pub lower: u32,
    /// Its class at each granularity the table was built with, coarsest first.
    pub classes: Vec<u16>,
}

/// Statistics by lower-cased word.
#[derive(Clone, Debug, Default)]
pub struct WordTable {
    words: HashMap<String, WordInfo>,
}

impl WordTable {
    /// Parses `WORD<TAB>CAPITALISED<TAB>LOWER<TAB>CLASS...` lines (`#` comments skipped; a line
    /// that does not parse is skipped too).
    pub fn parse(source: &str) -> WordTable {
        let mut words = HashMap::new();
        for line in source.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(word), Some(cap), Some(low)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let (Ok(capitalised), Ok(lower)) = (cap.parse(), low.parse()) else {
                continue;
            };
            let classes = cols.filter_map(|c| c.parse().ok()).collect();
            words.insert(
                word.to_owned(),
                WordInfo {
                    capitalised,
                    lower,
                    classes,
                },
            );
        }
        WordTable { words }
    }

    /// The statistics of lower-cased `word`.
    pub fn get(&self, word: &str) -> Option<&WordInfo> {
        self.words.get(word)
    }

    /// How a lower-cased word is written inside sentences: `upper` (nine times in ten or more
    /// with a capital), `mostly-upper`, `mixed`, `mostly-lower`, `lower` (never with a capital),
    /// or `unseen`.
    pub fn case_class(&self, word: &str) -> &'static str {
        let Some(info) = self.get(word) else {
            return "unseen";
        };
        let total = info.capitalised + info.lower;
        if total == 0 {
            return "unseen";
        }
        let r = f64::from(info.capitalised) / f64::from(total);
        if r >= 0.9 {
            "upper"
        } else if r >= 0.5 {
            "mostly-upper"
        } else if r > 0.1 {
            "mixed"
        } else if r > 0.0 {
            "mostly-lower"
        } else {
            "lower"
        }
    }
}

/// The shipped table, parsed once.
pub fn global() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| WordTable::parse(SHIPPED))
}

/// Sentence-initial and other positions after which a capital says nothing about the word.
fn opens_sentence(prev: &str) -> bool {
    matches!(
        prev,
        "." | "!" | "?" | ":" | ";" | "\"" | "“" | "”" | "``" | "''" | "-" | "–" | "—" | "(" | "*"
    )
}

/// Builds the table from sentences of words: case counts of every word seen at least
/// `min_count` times, and its class at each of `granularities` (numbers of classes).
pub fn build<S: AsRef<str>>(
    sentences: &[Vec<S>],
    min_count: u32,
    granularities: &[usize],
    iterations: usize,
    mut progress: impl FnMut(&str),
) -> String {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<(u32, u32, u32)> = Vec::new();
    let mut corpus: Vec<Vec<u32>> = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        let mut ids_of = Vec::with_capacity(sentence.len());
        for (i, word) in sentence.iter().enumerate() {
            let word = word.as_ref();
            let lower = word.to_lowercase();
            let id = *ids.entry(lower.clone()).or_insert_with(|| {
                names.push(lower);
                counts.push((0, 0, 0));
                (names.len() - 1) as u32
            });
            let c = &mut counts[id as usize];
            c.0 += 1;
            let inside = i > 0 && !opens_sentence(sentence[i - 1].as_ref());
            match word.chars().next() {
                Some(ch) if inside && ch.is_uppercase() => c.1 += 1,
                Some(ch) if inside && ch.is_lowercase() => c.2 += 1,
                _ => {}
            }
            ids_of.push(id);
        }
        corpus.push(ids_of);
    }
    // Words seen fewer than `min_count` times share one id, which keeps a class of its own; so
    // do words the table cannot hold (a `#` would start a comment, a tab a column).
    let mut kept: Vec<u32> = (0..names.len() as u32)
        .filter(|&w| {
            let name = &names[w as usize];
            counts[w as usize].0 >= min_count && !name.starts_with('#') && !name.contains('\t')
        })
        .collect();
    kept.sort_by(|&a, &b| {
        counts[b as usize]
            .0
            .cmp(&counts[a as usize].0)
            .then_with(|| names[a as usize].cmp(&names[b as usize]))
    });
    let mut dense = vec![u32::MAX; names.len()];
    for (rank, &w) in kept.iter().enumerate() {
        dense[w as usize] = rank as u32;
    }
    let rare = kept.len() as u32;
    let text: Vec<Vec<u32>> = corpus
        .iter()
        .map(|s| {
            s.iter()
                .map(|&w| match dense[w as usize] {
                    u32::MAX => rare,
                    d => d,
                })
                .collect()
        })
        .collect();
    let mut classes_by_granularity = Vec::new();
    for &k in granularities {
        progress(&format!("{k} classes over {} words", kept.len()));
        classes_by_granularity.push(exchange(&text, kept.len(), k, iterations));
    }
    let mut out = String::from(
        "# newsgraph word table: WORD<TAB>CAPITALISED<TAB>LOWER<TAB>CLASS... (one column per \
         granularity,\n# coarsest first), built by `newsgraph train words`.\n",
    );
    for (rank, &w) in kept.iter().enumerate() {
        let (_, cap, low) = counts[w as usize];
        out.push_str(&names[w as usize]);
        out.push_str(&format!("\t{cap}\t{low}"));
        for classes in &classes_by_granularity {
            out.push_str(&format!("\t{}", classes[rank]));
        }
        out.push('\n');
    }
    out
}

fn xlogx(x: i64) -> f64 {
    if x <= 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// A word's neighbours: `(word, count)` pairs.
type Neighbours = Vec<(u32, i64)>;

/// Adds the counts of word `w`'s `neighbours` (itself left out) to `counts` by their class, and
/// returns the classes it added to (their counts were zero before).
fn by_class(
    neighbours: &[(u32, i64)],
    w: usize,
    class: &[usize],
    counts: &mut [i64],
) -> Vec<usize> {
    let mut touched = Vec::new();
    for &(v, c) in neighbours {
        if v as usize == w {
            continue;
        }
        let cv = class[v as usize];
        if counts[cv] == 0 {
            touched.push(cv);
        }
        counts[cv] += c;
    }
    touched
}

/// Assigns `vocabulary` words (ids `0..vocabulary`, most frequent first; id `vocabulary`, the
/// rare words, and sentence edges stay apart) to `k` classes, moving each word in turn to the
/// class that most raises the likelihood of the class bigram model, for `iterations` passes
/// or until no word moves. Deterministic: words start in class `rank % k`.
pub fn exchange(text: &[Vec<u32>], vocabulary: usize, k: usize, iterations: usize) -> Vec<u16> {
    // Two extra classes: the rare words' and the sentence edges'.
    let (rare_class, edge_class) = (k, k + 1);
    let kk = k + 2;
    let edge = vocabulary as u32 + 1;
    let mut right: Vec<HashMap<u32, i64>> = vec![HashMap::new(); vocabulary + 2];
    let mut left: Vec<HashMap<u32, i64>> = vec![HashMap::new(); vocabulary + 2];
    for s in text {
        let mut prev = edge;
        for &w in s.iter().chain(std::iter::once(&edge)) {
            *right[prev as usize].entry(w).or_default() += 1;
            *left[w as usize].entry(prev).or_default() += 1;
            prev = w;
        }
    }
    let sorted = |m: &HashMap<u32, i64>| -> Neighbours {
        let mut v: Neighbours = m.iter().map(|(&w, &c)| (w, c)).collect();
        v.sort_unstable();
        v
    };
    let right: Vec<Neighbours> = right.iter().map(sorted).collect();
    let left: Vec<Neighbours> = left.iter().map(sorted).collect();
    let mut class: Vec<usize> = (0..vocabulary).map(|w| w % k).collect();
    class.push(rare_class);
    class.push(edge_class);
    // Class bigram counts, and counts of each class as the left and the right of a bigram.
    let mut bigram = vec![0i64; kk * kk];
    let (mut as_left, mut as_right) = (vec![0i64; kk], vec![0i64; kk]);
    for (w, ns) in right.iter().enumerate() {
        for &(v, c) in ns {
            bigram[class[w] * kk + class[v as usize]] += c;
            as_left[class[w]] += c;
            as_right[class[v as usize]] += c;
        }
    }
    let mut to_right = vec![0i64; kk];
    let mut from_left = vec![0i64; kk];
    for _ in 0..iterations {
        let mut moved = 0;
        for w in 0..vocabulary {
            let (r, l) = (&right[w], &left[w]);
            let own = class[w];
            let self_pairs: i64 = r.iter().find(|e| e.0 as usize == w).map_or(0, |e| e.1);
            let out_total: i64 = r.iter().map(|e| e.1).sum();
            let in_total: i64 = l.iter().map(|e| e.1).sum();
            // Take the word out of its class.
            let touched_r = by_class(r, w, &class, &mut to_right);
            let touched_l = by_class(l, w, &class, &mut from_left);
            for &c in &touched_r {
                bigram[own * kk + c] -= to_right[c];
            }
            for &c in &touched_l {
                bigram[c * kk + own] -= from_left[c];
            }
            bigram[own * kk + own] -= self_pairs;
            as_left[own] -= out_total;
            as_right[own] -= in_total;
            // The gain of putting it into each class.
            let gain = |b: usize| -> f64 {
                let mut g = 0.0;
                for &c in &touched_r {
                    let mut add = to_right[c];
                    if c == b {
                        add += from_left[b] + self_pairs;
                    }
                    let n = bigram[b * kk + c];
                    g += xlogx(n + add) - xlogx(n);
                }
                for &c in &touched_l {
                    if c == b {
                        continue;
                    }
                    let n = bigram[c * kk + b];
                    g += xlogx(n + from_left[c]) - xlogx(n);
                }
                if to_right[b] == 0 {
                    // The diagonal cell was not counted with the right neighbours.
                    let add = from_left[b] + self_pairs;
                    let n = bigram[b * kk + b];
                    g += xlogx(n + add) - xlogx(n);
                }
                g - (xlogx(as_left[b] + out_total) - xlogx(as_left[b]))
                    - (xlogx(as_right[b] + in_total) - xlogx(as_right[b]))
            };
            let mut best = own;
            let mut best_gain = gain(own);
            for b in 0..k {
                if b == own {
                    continue;
                }
                let g = gain(b);
                if g > best_gain + 1e-9 {
                    best = b;
                    best_gain = g;
                }
            }
            // Put it there.
            for &c in &touched_r {
                bigram[best * kk + c] += to_right[c];
            }
            for &c in &touched_l {
                bigram[c * kk + best] += from_left[c];
            }
            bigram[best * kk + best] += self_pairs;
            as_left[best] += out_total;
            as_right[best] += in_total;
            for &c in &touched_r {
                to_right[c] = 0;
            }
            for &c in &touched_l {
                from_left[c] = 0;
            }
            if best != own {
                // The word's own bigrams with itself and its class's moved with it above; the
                // other words' neighbour counts now point at its new class.
                class[w] = best;
                moved += 1;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class[..vocabulary].iter().map(|&c| c as u16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut sentences: Vec<Vec<&str>> = Vec::new();
        for city in ["Paris", "Lima", "Oslo", "Quito"] {
            for verb in ["visited", "toured"] {
                for _ in 0..5 {
                    sentences.push(vec!["we", verb, city, "in", "May", "."]);
                    sentences.push(vec!["she", verb, city, "last", "year", "."]);
                }
            }
        }
        let table = WordTable::parse(&build(&sentences, 2, &[4], 20, |_| {}));
        let class = |w: &str| table.get(w).expect("a kept word").classes[0];
        assert_eq!(class("paris"), class("lima"));
        assert_eq!(class("oslo"), class("quito"));
        assert_eq!(class("paris"), class("quito"));
        assert_ne!(class("paris"), class("we"));
        assert_eq!(class("visited"), class("toured"));
        assert_eq!(table.case_class("paris"), "upper");
        assert_eq!(table.case_class("in"), "lower");
        assert_eq!(
            table.case_class("we"),
            "unseen",
            "only ever first in its sentence"
        );
        assert_eq!(table.case_class("zanzibar"), "unseen");
    }
}
