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
/// [`pos_context`]'s.
pub fn pos(p: &Prepared, i: usize, prev: &str, prev2: &str, out: &mut Vec<u64>) {
    out.clear();
    pos_word(p, i, out);
    pos_context(p, i, prev, prev2, out);
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
/// tags; appended to `out`.
pub fn pos_context(p: &Prepared, i: usize, prev: &str, prev2: &str, out: &mut Vec<u64>) {
    let j = i as isize;
    let w = p.word(j);
    feat!(out, "t1", prev);
    feat!(out, "t2", prev2, prev);
    feat!(out, "t1w", prev, w);
    feat!(out, "w-1", p.word(j - 1));
    feat!(out, "w+1", p.word(j + 1));
    feat!(out, "w-2", p.word(j - 2));
    feat!(out, "w+2", p.word(j + 2));
    feat!(out, "w-1w", p.word(j - 1), w);
    feat!(out, "ww+1", w, p.word(j + 1));
    feat!(out, "suf-1", suffix(p.word(j - 1), 3));
    feat!(out, "suf+1", suffix(p.word(j + 1), 3));
    feat!(out, "shape+1", p.shape_at(j + 1));
    feat!(out, "shape-1", p.shape_at(j - 1));
    if i == 0 {
        feat!(out, "first", p.shape_at(j));
    }
}

/// NER features of word `i`, given the sentence's POS tags and the two previous NER tags.
pub fn ner<P: AsRef<str>>(
    p: &Prepared,
    tags: &[P],
    i: usize,
    prev: &str,
    prev2: &str,
    out: &mut Vec<u64>,
) {
    out.clear();
    ner_word(p, i, out);
    ner_context(p, tags, i, prev, prev2, out);
}

/// The NER features of word `i` that depend on the word alone (its form as written and
/// lower-cased, affixes, shape), so their scores may be cached by word; appended to `out`.
pub fn ner_word(p: &Prepared, i: usize, out: &mut Vec<u64>) {
    let j = i as isize;
    let w = p.word(j);
    feat!(out, "bias");
    feat!(out, "w", w);
    feat!(out, "o", &p.original[i]);
    affixes(w, out);
    feat!(out, "shape", p.shape_at(j));
}

/// The NER features of word `i` that depend on its neighbours, the POS tags, the gazetteer and
/// the two previous NER tags; appended to `out`.
pub fn ner_context<P: AsRef<str>>(
    p: &Prepared,
    tags: &[P],
    i: usize,
    prev: &str,
    prev2: &str,
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
    feat!(out, "n1", prev);
    feat!(out, "n2", prev2, prev);
    feat!(out, "n1shape", prev, p.shape_at(j));
    feat!(out, "n1w", prev, w);
    feat!(out, "w-1", p.word(j - 1));
    feat!(out, "w+1", p.word(j + 1));
    feat!(out, "w-2", p.word(j - 2));
    feat!(out, "w+2", p.word(j + 2));
    feat!(out, "w-1w", p.word(j - 1), w);
    feat!(out, "ww+1", w, p.word(j + 1));
    feat!(out, "shape-1", p.shape_at(j - 1));
    feat!(out, "shape+1", p.shape_at(j + 1));
    feat!(out, "shape-1shape", p.shape_at(j - 1), p.shape_at(j));
    feat!(out, "shapeshape+1", p.shape_at(j), p.shape_at(j + 1));
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
    if i == 0 {
        feat!(out, "first", p.shape_at(j));
    }
}
