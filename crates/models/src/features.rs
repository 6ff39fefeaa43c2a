//! Feature templates of the POS tagger and the NER, hashed.

use crate::perceptron::hash;

/// A word's shape: `Xxxx`, `dd`, `X.X.`, with runs of a class shortened to at most two.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = ' ';
    let mut run = 0;
    for c in word.chars().take(12) {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run > 2 {
                continue;
            }
        } else {
            run = 1;
            last = s;
        }
        out.push(s);
    }
    out
}

/// Words of a sentence prepared once: lower-cased forms, shapes, gazetteer tags.
#[derive(Debug)]
pub struct Prepared {
    pub lower: Vec<String>,
    pub shapes: Vec<String>,
    pub original: Vec<String>,
    pub gazetteer: Vec<Vec<String>>,
    /// What the rest of the document says of each word (see [`document_hints`]): `0` nothing,
    /// else bit 1 if it is written with a capital inside a sentence elsewhere, bit 2 if in lower
    /// case elsewhere.
    pub document: Vec<u8>,
}

/// What the other sentences of a document say of each word of `sentences` (prepared): bit 1,
/// the word is written elsewhere with a capital inside a sentence; bit 2, in lower case. A name
/// at the start of a sentence ("Miramar is …") is a name elsewhere ("… in Miramar"); a
/// capitalised heading word ("Kitchen Tips") is a common word elsewhere.
pub fn document_hints(sentences: &mut [Prepared]) {
    let mut counts: std::collections::HashMap<String, (u32, u32)> = Default::default();
    let kind = |p: &Prepared, k: usize| -> u8 {
        let inside = k > 0
            && !matches!(
                p.original[k - 1].as_str(),
                "." | "!" | "?" | ":" | "\"" | "-" | "(" | "*"
            );
        match p.original[k].chars().next() {
            Some(c) if inside && c.is_uppercase() => 1,
            Some(c) if c.is_lowercase() => 2,
            _ => 0,
        }
    };
    for p in sentences.iter() {
        for k in 0..p.lower.len() {
            let c = counts.entry(p.lower[k].clone()).or_default();
            match kind(p, k) {
                1 => c.0 += 1,
                2 => c.1 += 1,
                _ => {}
            }
        }
    }
    for p in sentences.iter_mut() {
        let hints: Vec<u8> = (0..p.lower.len())
            .map(|k| {
                let (cap, low) = counts.get(&p.lower[k]).copied().unwrap_or_default();
                let own = kind(p, k);
                let cap = cap - u32::from(own == 1);
                let low = low - u32::from(own == 2);
                u8::from(cap > 0) | (u8::from(low > 0) << 1)
            })
            .collect();
        p.document = hints;
    }
}

impl Prepared {
    /// Prepares `words`; gazetteer tags only `with_gazetteer` (the NER uses them, the POS
    /// tagger does not).
    pub fn new<S: AsRef<str>>(words: &[S], with_gazetteer: bool) -> Prepared {
        let original: Vec<String> = words.iter().map(|w| normalize(w.as_ref())).collect();
        let lower: Vec<String> = original
            .iter()
            .map(|w| {
                if w.is_ascii() {
                    w.to_ascii_lowercase()
                } else {
                    w.to_lowercase()
                }
            })
            .collect();
        Prepared {
            shapes: original.iter().map(|w| shape(w)).collect(),
            gazetteer: if with_gazetteer {
                crate::gazetteer::global().tags_with_lower(&original, &lower)
            } else {
                vec![Vec::new(); original.len()]
            },
            document: vec![0; lower.len()],
            lower,
            original,
        }
    }

    fn word(&self, i: isize) -> &str {
        match i {
            i if i < 0 => "<s>",
            i if i as usize >= self.lower.len() => "</s>",
            i => &self.lower[i as usize],
        }
    }

    fn shape_at(&self, i: isize) -> &str {
        match i {
            i if i < 0 => "<s>",
            i if i as usize >= self.shapes.len() => "</s>",
            i => &self.shapes[i as usize],
        }
    }
}

/// Typographic variants mapped to the forms the training data uses.
fn normalize(word: &str) -> String {
    if word.is_ascii() {
        return word.to_owned();
    }
    word.replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
        .replace(['—', '–'], "-")
}

fn suffix(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn prefix(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

const DIGITS: [&str; 5] = ["0", "1", "2", "3", "4"];

macro_rules! feat {
    ($out:expr, $($part:expr),+) => {
        $out.push(hash(&[$($part.as_bytes()),+]))
    };
}

/// Suffixes of one to four letters and prefixes of one to three, shared by both taggers.
fn affixes(w: &str, out: &mut Vec<u64>) {
    for (n, digit) in DIGITS.iter().enumerate().skip(1) {
        feat!(out, "suf", digit, suffix(w, n));
    }
    for (n, digit) in DIGITS.iter().enumerate().take(4).skip(1) {
        feat!(out, "pre", digit, prefix(w, n));
    }
}

/// POS features of word `i`, given the two previous predicted tags: [`pos_word`]'s, then
/// those of its context, in the order training adds them (the same as [`pos_neighbour`]'s for
/// each neighbour and [`pos_rest`]'s together).
pub fn pos(p: &Prepared, i: usize, prev: &str, prev2: &str, out: &mut Vec<u64>) {
    out.clear();
    pos_word(p, i, out);
    pos_context_with(p, i, (prev, prev2), true, out);
}

/// The POS features of word `i` that depend on the word alone (its form, affixes and shape),
/// the same wherever it occurs, so their scores may be cached by word; appended to `out`.
pub fn pos_word(p: &Prepared, i: usize, out: &mut Vec<u64>) {
    let j = i as isize;
    let w = p.word(j);
    feat!(out, "bias");
    feat!(out, "w", w);
    affixes(w, out);
    feat!(out, "shape", p.shape_at(j));
}

/// The POS features of word `i` that depend on its neighbours, its place and the two previous
/// tags, in the order training adds them (the committed models were trained so, and the same
/// order reproduces them), those of single neighbours only `with_neighbours` (the taggers keep
/// those by word, see [`pos_neighbour`]); appended to `out`.
fn pos_context_with(
    p: &Prepared,
    i: usize,
    (prev, prev2): (&str, &str),
    with_neighbours: bool,
    out: &mut Vec<u64>,
) {
    let j = i as isize;
    let w = p.word(j);
    feat!(out, "t1", prev);
    feat!(out, "t2", prev2, prev);
    feat!(out, "t1w", prev, w);
    if with_neighbours {
        feat!(out, "w-1", p.word(j - 1));
        feat!(out, "w+1", p.word(j + 1));
        feat!(out, "w-2", p.word(j - 2));
        feat!(out, "w+2", p.word(j + 2));
    }
    feat!(out, "w-1w", p.word(j - 1), w);
    feat!(out, "ww+1", w, p.word(j + 1));
    if with_neighbours {
        feat!(out, "suf-1", suffix(p.word(j - 1), 3));
        feat!(out, "suf+1", suffix(p.word(j + 1), 3));
        feat!(out, "shape+1", p.shape_at(j + 1));
        feat!(out, "shape-1", p.shape_at(j - 1));
    }
    if i == 0 {
        feat!(out, "first", p.shape_at(j));
    }
}

/// Where a word sits relative to the word being tagged, for the features it gives there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Neighbour {
    /// Two words before.
    Prev2,
    /// The word before.
    Prev,
    /// The word after.
    Next,
    /// Two words after.
    Next2,
}

impl Neighbour {
    pub const ALL: [Neighbour; 4] = [
        Neighbour::Prev2,
        Neighbour::Prev,
        Neighbour::Next,
        Neighbour::Next2,
    ];

    /// Where the neighbour is, counted from the word being tagged.
    pub fn offset(self) -> isize {
        match self {
            Neighbour::Prev2 => -2,
            Neighbour::Prev => -1,
            Neighbour::Next => 1,
            Neighbour::Next2 => 2,
        }
    }
}

/// The POS features word `k` (`<s>` before the sentence, `</s>` after it) gives the word it is
/// the `n` neighbour of, depending on word `k` alone; appended to `out`. With [`pos_word`] of
/// the word itself and [`pos_rest`], they make [`pos`]'s features.
pub fn pos_neighbour(p: &Prepared, k: isize, n: Neighbour, out: &mut Vec<u64>) {
    match n {
        Neighbour::Prev2 => feat!(out, "w-2", p.word(k)),
        Neighbour::Prev => {
            feat!(out, "w-1", p.word(k));
            feat!(out, "suf-1", suffix(p.word(k), 3));
            feat!(out, "shape-1", p.shape_at(k));
        }
        Neighbour::Next => {
            feat!(out, "w+1", p.word(k));
            feat!(out, "suf+1", suffix(p.word(k), 3));
            feat!(out, "shape+1", p.shape_at(k));
        }
        Neighbour::Next2 => feat!(out, "w+2", p.word(k)),
    }
}

/// The POS features of word `i` that are neither its own nor one neighbour's: the previous
/// tags, word pairs, the sentence's start; appended to `out`.
pub fn pos_rest(p: &Prepared, i: usize, prev: &str, prev2: &str, out: &mut Vec<u64>) {
    pos_context_with(p, i, (prev, prev2), false, out);
}

/// The NER features word `k` gives the word it is the `n` neighbour of (see
/// [`pos_neighbour`]); appended to `out`.
pub fn ner_neighbour(p: &Prepared, k: isize, n: Neighbour, out: &mut Vec<u64>) {
    match n {
        Neighbour::Prev2 => feat!(out, "w-2", p.word(k)),
        Neighbour::Prev => {
            feat!(out, "w-1", p.word(k));
            feat!(out, "shape-1", p.shape_at(k));
            word_classes(p.word(k), "class-1", out);
        }
        Neighbour::Next => {
            feat!(out, "w+1", p.word(k));
            feat!(out, "shape+1", p.shape_at(k));
            word_classes(p.word(k), "class+1", out);
        }
        Neighbour::Next2 => feat!(out, "w+2", p.word(k)),
    }
}

/// The word classes of lower-cased `word`, one feature per granularity, under `template`.
fn word_classes(word: &str, template: &str, out: &mut Vec<u64>) {
    let Some(info) = crate::words::global().get(word) else {
        return;
    };
    for (g, class) in info.classes.iter().enumerate() {
        feat!(out, template, DIGITS[g.min(4)], class.to_string());
    }
}

/// The NER features of word `i` that are neither its own, one neighbour's nor the previous
/// tag's: POS tags, word and shape pairs, what the document says of the word, the gazetteer,
/// the sentence's start; appended to `out`.
pub fn ner_rest<P: AsRef<str>>(p: &Prepared, tags: &[P], i: usize, out: &mut Vec<u64>) {
    ner_context_with(p, tags, i, false, out);
}

/// The NER features of word `i` that join the previous word's tag `prev` (`<s>` at the start)
/// to the word itself: they depend on that tag and word `i` alone, so the decoder scores them
/// once per word and tag; appended to `out`.
pub fn ner_prev(p: &Prepared, i: usize, prev: &str, out: &mut Vec<u64>) {
    let j = i as isize;
    feat!(out, "n1", prev);
    feat!(out, "n1shape", prev, p.shape_at(j));
    feat!(out, "n1w", prev, p.word(j));
}

/// The gazetteer's tags of word `i` and of its neighbours.
fn gazetteer_features(p: &Prepared, i: usize, out: &mut Vec<u64>) {
    let j = i as isize;
    for g in &p.gazetteer[i] {
        feat!(out, "gaz", g);
        feat!(out, "gazshape", g, p.shape_at(j));
    }
    for g in i
        .checked_sub(1)
        .map(|k| &p.gazetteer[k])
        .into_iter()
        .flatten()
    {
        feat!(out, "gaz-1", g);
    }
    for g in p.gazetteer.get(i + 1).into_iter().flatten() {
        feat!(out, "gaz+1", g);
    }
}

/// NER features of word `i`, given the sentence's POS tags and the previous word's NER tag:
/// [`ner_word`]'s, its context's and [`ner_prev`]'s.
pub fn ner<P: AsRef<str>>(p: &Prepared, tags: &[P], i: usize, prev: &str, out: &mut Vec<u64>) {
    out.clear();
    ner_word(p, i, out);
    ner_context_with(p, tags, i, true, out);
    ner_prev(p, i, prev, out);
}

/// The NER features of word `i` that depend on the word alone (its form as written and
/// lower-cased, affixes, shape, how the word table says it is written and its classes there),
/// so their scores may be cached by word; appended to `out`.
pub fn ner_word(p: &Prepared, i: usize, out: &mut Vec<u64>) {
    let j = i as isize;
    let w = p.word(j);
    feat!(out, "bias");
    feat!(out, "w", w);
    feat!(out, "o", &p.original[i]);
    affixes(w, out);
    feat!(out, "shape", p.shape_at(j));
    let table = crate::words::global();
    let case = table.case_class(w);
    feat!(out, "case", case);
    feat!(out, "caseshape", case, p.shape_at(j));
    word_classes(w, "class", out);
}

/// The NER features of word `i` that depend on its neighbours, the POS tags and the
/// gazetteer, in training's order (see [`pos_context_with`]), those of single neighbours only
/// `with_neighbours`; appended to `out`.
fn ner_context_with<P: AsRef<str>>(
    p: &Prepared,
    tags: &[P],
    i: usize,
    with_neighbours: bool,
    out: &mut Vec<u64>,
) {
    let j = i as isize;
    let w = p.word(j);
    let tag = |k: isize| {
        if k < 0 || k as usize >= tags.len() {
            "<s>"
        } else {
            tags[k as usize].as_ref()
        }
    };
    feat!(out, "pos", tag(j));
    feat!(out, "pos-1", tag(j - 1));
    feat!(out, "pos+1", tag(j + 1));
    feat!(out, "pos-1pos", tag(j - 1), tag(j));
    feat!(out, "pospos+1", tag(j), tag(j + 1));
    if with_neighbours {
        feat!(out, "w-1", p.word(j - 1));
        feat!(out, "w+1", p.word(j + 1));
        feat!(out, "w-2", p.word(j - 2));
        feat!(out, "w+2", p.word(j + 2));
    }
    feat!(out, "w-1w", p.word(j - 1), w);
    feat!(out, "ww+1", w, p.word(j + 1));
    if with_neighbours {
        feat!(out, "shape-1", p.shape_at(j - 1));
        feat!(out, "shape+1", p.shape_at(j + 1));
        word_classes(p.word(j - 1), "class-1", out);
        word_classes(p.word(j + 1), "class+1", out);
    }
    let hint = DIGITS[usize::from(p.document.get(i).copied().unwrap_or(0))];
    feat!(out, "doc", hint, p.shape_at(j));
    feat!(out, "shape-1shape", p.shape_at(j - 1), p.shape_at(j));
    feat!(out, "shapeshape+1", p.shape_at(j), p.shape_at(j + 1));
    gazetteer_features(p, i, out);
    if i == 0 {
        feat!(out, "first", p.shape_at(j));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`pos`] and [`ner`] give the same features as their parts, word by word: a word's own,
    /// its neighbours', and the rest (the taggers keep the scores of the first two by word).
    #[test]
    fn the_parts_make_the_whole() {
        let words = [
            "U.S.", "envoy", "Ana", "Lima", "met", "Kenya", "'s", "leaders", ".",
        ];
        let tags = [
            "PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PROPN", "PART", "NOUN", "PUNCT",
        ];
        let p = Prepared::new(&words, true);
        for (i, word) in words.iter().enumerate() {
            let (mut whole, mut parts) = (Vec::new(), Vec::new());
            for kind in ["pos", "ner"] {
                whole.clear();
                parts.clear();
                if kind == "pos" {
                    pos(&p, i, "NOUN", "DET", &mut whole);
                    pos_word(&p, i, &mut parts);
                    pos_rest(&p, i, "NOUN", "DET", &mut parts);
                } else {
                    ner(&p, &tags, i, "B-PER", &mut whole);
                    ner_word(&p, i, &mut parts);
                    ner_rest(&p, &tags, i, &mut parts);
                    ner_prev(&p, i, "B-PER", &mut parts);
                }
                for n in Neighbour::ALL {
                    let k = i as isize + n.offset();
                    if kind == "pos" {
                        pos_neighbour(&p, k, n, &mut parts);
                    } else {
                        ner_neighbour(&p, k, n, &mut parts);
                    }
                }
                whole.sort_unstable();
                parts.sort_unstable();
                assert_eq!(whole, parts, "{kind} features of {word:?}");
            }
        }
    }
}
