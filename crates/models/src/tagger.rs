//! Sequence taggers with an averaged perceptron: greedy left-to-right decoding for POS,
//! first-order Viterbi over IOB2 tags for the NER (trained as a structured perceptron), and the
//! NER's steps over a whole document ([`Tagger::tag_document`]).

use std::cell::RefCell;
use std::collections::HashMap;

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

/// Greedy decoding, left to right: `score(i, prev, prev2, features, scores)` fills the scores
/// of word `i`. Returns class indices.
fn decode(
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
        out.push(argmax(&scores));
    }
    out
}

/// Tags as places the gazetteer's places written in lower case and left untagged, as web text
/// writes them ("we flew to vietnam", "san francisco"), where the word table says the word is
/// written with a capital nine times in ten inside sentences, or never saw a word of five
/// letters or more ("baguio": a rare word that names a place is the place). A name of several
/// words needs neither: the words together are the name.
fn places_in_lower_case(classes: &[String], p: &Prepared, tags: &mut [usize]) {
    let Some(o) = class_index(classes, "O") else {
        return;
    };
    let table = crate::words::global();
    let mut k = 0;
    while k < tags.len() {
        if !p.gazetteer[k].iter().any(|g| g == "lB-LOC") {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < tags.len() && p.gazetteer[end].iter().any(|g| g == "lI-LOC") {
            end += 1;
        }
        let untagged = tags[k..end].iter().all(|&t| t == o);
        let named = match table.case_class(&p.lower[k]) {
            "upper" => true,
            "unseen" => p.lower[k].chars().count() > 4,
            _ => false,
        };
        if untagged && (end - k > 1 || named) {
            set_kind(classes, &mut tags[k..end], "LOC");
        }
        k = end;
    }
}

/// Lower-case words that join the parts of a person's or a place's name.
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "van", "von",
    "der", "den", "ten", "ter", "al", "el", "bin", "ibn", "bint", "abu", "y", "e", "of", "the",
    "and", "on", "upon", "am", "an", "in", "st.", "'s", "’s", "-", "&",
];

/// Untags a person or place of three or more words with a lower-case word inside that joins no
/// name ("Andrade sobre Matos" is two people and a preposition): the words around it are
/// names of their own, which the entity stage finds again by the people's surnames.
fn no_common_word_inside(classes: &[String], p: &Prepared, tags: &mut [usize]) {
    let Some(o) = class_index(classes, "O") else {
        return;
    };
    for (kind, start, end) in name_spans(classes, tags) {
        if end - start < 3 || !matches!(kind.as_str(), "PER" | "LOC") {
            continue;
        }
        let common = (start + 1..end - 1).any(|k| {
            let w = &p.original[k];
            w.chars().all(char::is_lowercase) && !PARTICLES.contains(&w.as_str())
        });
        if common {
            tags[start..end].fill(o);
        }
    }
}

/// Words that open a sentence with a capital but never a name ("If NASA …", "At the Michoud
/// Assembly Facility …"), in lower case.
pub const OPENERS: &[&str] = &[
    "if",
    "at",
    "in",
    "on",
    "for",
    "from",
    "with",
    "by",
    "as",
    "when",
    "while",
    "after",
    "before",
    "but",
    "and",
    "or",
    "so",
    "because",
    "since",
    "although",
    "though",
    "to",
    "into",
    "about",
    "over",
    "under",
    "during",
    "without",
    "than",
    "then",
    "where",
    "why",
    "how",
    "what",
    "who",
    "which",
    "that",
    "this",
    "these",
    "those",
    "yes",
    "no",
    "hey",
    "hi",
    "thanks",
    "unlike",
    "like",
    "despite",
    "meanwhile",
    "however",
    "also",
    "still",
    "once",
    "until",
    "whether",
    "now",
    "yesterday",
    "tomorrow",
    "here",
    "there",
    "even",
    "perhaps",
    "instead",
    "indeed",
    "later",
    "earlier",
    "finally",
    "recently",
    "currently",
];

/// Leaves out of a name the words that open it and are no name ("If NASA" is NASA; "At the
/// Michoud Assembly Facility" is "Michoud Assembly Facility"), with the articles after them.
fn no_function_word_first(classes: &[String], p: &Prepared, tags: &mut [usize]) {
    let Some(o) = class_index(classes, "O") else {
        return;
    };
    for (kind, start, end) in name_spans(classes, tags) {
        let mut first = start;
        while first < end && OPENERS.contains(&p.lower[first].as_str()) {
            first += 1;
            while first < end && matches!(p.lower[first].as_str(), "the" | "a" | "an") {
                first += 1;
            }
        }
        if first == start {
            continue;
        }
        tags[start..first].fill(o);
        set_kind(classes, &mut tags[first..end], &kind);
    }
}

/// Head words of organisations and of places (facilities): a person's name does not end in
/// one ("W. M. Keck Observatory").
const ORGANISATION_HEADS: &[&str] = &[
    "university",
    "institute",
    "foundation",
    "company",
    "corporation",
    "corp.",
    "inc.",
    "inc",
    "ltd",
    "ltd.",
    "llc",
    "bank",
    "group",
    "party",
    "council",
    "committee",
    "agency",
    "department",
    "ministry",
    "association",
    "society",
    "club",
    "church",
    "school",
    "college",
    "hospital",
    "center",
    "centre",
    "academy",
    "commission",
    "administration",
    "authority",
];
const PLACE_HEADS: &[&str] = &[
    "observatory",
    "museum",
    "airport",
    "station",
    "street",
    "avenue",
    "road",
    "park",
    "bridge",
    "river",
    "lake",
    "hotel",
    "stadium",
    "arena",
    "county",
    "province",
    "island",
    "islands",
];

/// Retypes a person whose name ends in an organisation's or a place's head word ("W. M. Keck
/// Observatory", "Sheldon Academy") as that organisation or place.
fn no_person_named_as_a_place(classes: &[String], p: &Prepared, tags: &mut [usize]) {
    for (kind, start, end) in name_spans(classes, tags) {
        if kind != "PER" || end - start < 2 {
            continue;
        }
        let last = p.lower[end - 1].as_str();
        let to = if ORGANISATION_HEADS.contains(&last) {
            "ORG"
        } else if PLACE_HEADS.contains(&last) {
            "LOC"
        } else {
            continue;
        };
        set_kind(classes, &mut tags[start..end], to);
    }
}

/// Words of a title or form of address that UNER leaves out of a person's name ("President",
/// "Dr.", "Aunt"), lower-cased and without their full stop. GUM tags them PROPN before a name,
/// so they are dropped from the front of its person mentions, and the NER's people lose them
/// ([`no_title_in_a_name`]); the entity stage reads them as roles.
const PERSON_TITLES: &[&str] = &[
    "admiral",
    "adm",
    "ambassador",
    "archbishop",
    "aunt",
    "baron",
    "baroness",
    "bishop",
    "brother",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "coach",
    "col",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "count",
    "countess",
    "dame",
    "deputy",
    "detective",
    "doctor",
    "dr",
    "duchess",
    "duke",
    "emperor",
    "empress",
    "father",
    "fr",
    "gen",
    "general",
    "gov",
    "governor",
    "grandma",
    "grandpa",
    "imam",
    "judge",
    "justice",
    "king",
    "lady",
    "lieutenant",
    "lord",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "officer",
    "pope",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "sir",
    "sister",
    "speaker",
    "uncle",
    "vice",
];

/// Whether `word`, in any case and without its full stop, is a title or form of address UNER
/// leaves out of a person's name ("President", "Dr.", "Aunt").
pub fn is_person_title(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    PERSON_TITLES.contains(&word.as_str())
}

/// Untags the titles at the front of a person's name ("Dr Mcdonald", "President Vladimir
/// Putin" are the people "Mcdonald" and "Vladimir Putin"): UNER leaves them out, and the entity
/// stage reads them as the person's role.
fn no_title_in_a_name(classes: &[String], p: &Prepared, tags: &mut [usize]) {
    let Some(o) = class_index(classes, "O") else {
        return;
    };
    for (kind, start, end) in name_spans(classes, tags) {
        if kind != "PER" {
            continue;
        }
        let titles = (start..end - 1)
            .take_while(|&k| is_person_title(&p.original[k]))
            .count();
        if titles > 0 {
            tags[start..start + titles].fill(o);
            set_kind(classes, &mut tags[start + titles..end], "PER");
        }
    }
}

/// The name of previous-tag index `p` of `classes`: a class, or `<s>` for `p == classes.len()`.
fn prev_name(classes: &[String], p: usize) -> &str {
    classes.get(p).map_or("<s>", String::as_str)
}

/// The best sequence of IOB2 tags that follow one another as they may (Viterbi, first order).
/// With `n` classes, `own[i * n + c]` scores class `c` at word `i` and `after[(i * (n + 1) +
/// p) * n + c]` scores it after previous class `p` (`p == n`: the sentence's start).
fn viterbi(classes: &[String], own: &[f32], after: &[f32]) -> Vec<usize> {
    let n = classes.len();
    let len = own.len() / n.max(1);
    if len == 0 {
        return Vec::new();
    }
    let can = |p: usize, c: usize| allowed(prev_name(classes, p), &classes[c]);
    let mut best = vec![f32::NEG_INFINITY; n];
    let mut back = vec![0usize; len * n];
    for c in 0..n {
        if can(n, c) {
            best[c] = own[c] + after[n * n + c];
        }
    }
    let mut next = vec![f32::NEG_INFINITY; n];
    for i in 1..len {
        for c in 0..n {
            next[c] = f32::NEG_INFINITY;
            for p in 0..n {
                if best[p] == f32::NEG_INFINITY || !can(p, c) {
                    continue;
                }
                let s = best[p] + after[(i * (n + 1) + p) * n + c];
                if s > next[c] {
                    next[c] = s;
                    back[i * n + c] = p;
                }
            }
            next[c] += own[i * n + c];
        }
        std::mem::swap(&mut best, &mut next);
    }
    let mut out = vec![argmax(&best); len];
    for i in (1..len).rev() {
        out[i - 1] = back[i * n + out[i]];
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
        // The NER's rows also hold, per previous tag, the scores of the features joining it
        // to the word (see `features::ner_prev`).
        let prev_rows = if self.kind == Kind::Ner { n + 1 } else { 0 };
        let size = (ROLES + prev_rows) * n;
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
                        cache.row(key, size, |out, feats, scratch| {
                            // Own features first, then one row per neighbour role, then one
                            // per previous tag.
                            let within = (0..len as isize).contains(&k);
                            if within {
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
                            for prev in (0..prev_rows).filter(|_| within) {
                                feats.clear();
                                let name = prev_name(&w.classes, prev);
                                features::ner_prev(p, k as usize, name, feats);
                                w.scores(feats, scratch);
                                let at = (ROLES + prev) * n;
                                out[at..at + n].copy_from_slice(scratch);
                            }
                        })
                    })
                    .collect();
                let kept = &cache.scores;
                // The scores of word `i`'s features that neither tag nor tags before it change.
                let fixed = |i: usize, feats: &mut Vec<u64>, scores: &mut Vec<f32>| {
                    scores.clear();
                    scores.extend_from_slice(&kept[rows[i + 2]..rows[i + 2] + n]);
                    for (r, role) in features::Neighbour::ALL.into_iter().enumerate() {
                        let at = rows[(i as isize + 2 + role.offset()) as usize] + (r + 1) * n;
                        for (s, v) in scores.iter_mut().zip(&kept[at..at + n]) {
                            *s += v;
                        }
                    }
                    feats.clear();
                };
                match self.kind {
                    Kind::Pos => decode(&w.classes, len, |i, prev, prev2, feats, scores| {
                        fixed(i, feats, scores);
                        features::pos_rest(p, i, prev, prev2, feats);
                        w.add_scores(feats, scores);
                    }),
                    Kind::Ner => {
                        let (mut feats, mut scores) = (Vec::with_capacity(32), Vec::new());
                        let mut own = Vec::with_capacity(len * n);
                        let mut after = Vec::with_capacity(len * (n + 1) * n);
                        for i in 0..len {
                            fixed(i, &mut feats, &mut scores);
                            features::ner_rest(p, pos, i, &mut feats);
                            w.add_scores(&feats, &mut scores);
                            own.extend_from_slice(&scores);
                            let at = rows[i + 2] + ROLES * n;
                            after.extend_from_slice(&kept[at..at + (n + 1) * n]);
                        }
                        let mut best = viterbi(&w.classes, &own, &after);
                        places_in_lower_case(&w.classes, p, &mut best);
                        no_common_word_inside(&w.classes, p, &mut best);
                        no_function_word_first(&w.classes, p, &mut best);
                        no_person_named_as_a_place(&w.classes, p, &mut best);
                        no_title_in_a_name(&w.classes, p, &mut best);
                        best
                    }
                }
            })
            .into_iter()
            .map(|c| w.classes[c].as_str())
            .collect()
    }

    /// The NER's tags of a document's sentences, `prepared` (each with its POS tags in
    /// `pos`): each sentence tagged knowing what the rest of the document says of its words
    /// ([`features::document_hints`]), then the tags made to [`agree`](Tagger::agree).
    pub fn tag_document<Q, P>(&self, prepared: &mut [Prepared], pos: &[Q]) -> Vec<Vec<&str>>
    where
        Q: AsRef<[P]>,
        P: AsRef<str>,
    {
        features::document_hints(prepared);
        let mut tags: Vec<Vec<&str>> = prepared
            .iter()
            .zip(pos)
            .map(|(p, pos)| self.tag_prepared(p, pos.as_ref()))
            .collect();
        let words: Vec<&[String]> = prepared.iter().map(|p| p.original.as_slice()).collect();
        self.agree(&words, &mut tags);
        tags
    }

    /// Makes a document's NER tags agree with themselves: a run of words tagged as an entity
    /// is an entity of the type most of its tagged occurrences give, and that wherever else in
    /// the document it occurs written the same, capitalised and untagged (unless it opens a
    /// sentence and the word table says the word is mostly written in lower case there: "Will"
    /// the name is not "Will you"). `words` and `tags` are the document's sentences in order.
    pub fn agree<'t, W, S>(&'t self, words: &[W], tags: &mut [Vec<&'t str>])
    where
        W: AsRef<[S]>,
        S: AsRef<str>,
    {
        let classes = &self.weights.classes;
        let class = |prefix: &str, kind: &str| {
            classes
                .iter()
                .find(|c| c.strip_prefix(prefix) == Some(kind))
                .map(String::as_str)
        };
        // Each name's types, counted, in the order first seen.
        let mut names: Vec<(Vec<&str>, TypeCounts)> = Vec::new();
        let mut index: HashMap<Vec<&str>, usize> = HashMap::new();
        for (ws, ts) in words.iter().zip(tags.iter()) {
            let ws = ws.as_ref();
            for (kind, start, end) in crate::eval::spans(ts) {
                let name: Vec<&str> = ws[start..end].iter().map(AsRef::as_ref).collect();
                let at = *index.entry(name.clone()).or_insert_with(|| {
                    names.push((name, Vec::new()));
                    names.len() - 1
                });
                let counts = &mut names[at].1;
                match counts.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((kind, 1)),
                }
            }
        }
        if names.is_empty() {
            return;
        }
        let best = |counts: &[(String, usize)]| {
            let mut best: Option<&(String, usize)> = None;
            for c in counts {
                if best.is_none_or(|b| c.1 > b.1) {
                    best = Some(c);
                }
            }
            best.map(|b| b.0.clone())
        };
        let types: Vec<String> = names.iter().filter_map(|(_, c)| best(c)).collect();
        // Longest names first, so "New York City" is found before "New York".
        let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, (name, _)) in names.iter().enumerate() {
            by_first.entry(name[0]).or_default().push(i);
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(names[i].0.len()));
        }
        // Acronyms of the organisations and places of several words: "CPA" for "Coalition
        // Provisional Authority", "HANO" for "Housing Authority of New Orleans".
        let mut acronyms: HashMap<String, usize> = HashMap::new();
        for (i, (name, _)) in names.iter().enumerate() {
            if !matches!(types[i].as_str(), "ORG" | "LOC") {
                continue;
            }
            let letters: String = name
                .iter()
                .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                .collect();
            if letters.chars().count() >= 2 {
                acronyms.entry(letters).or_insert(i);
            }
        }
        let table = crate::words::global();
        for (ws, ts) in words.iter().zip(tags.iter_mut()) {
            let ws: Vec<&str> = ws.as_ref().iter().map(AsRef::as_ref).collect();
            // Retype the entities found.
            for (kind, start, end) in crate::eval::spans(ts) {
                let Some(&at) = index.get(&ws[start..end]) else {
                    continue;
                };
                let want = &types[at];
                if *want != kind {
                    if let (Some(b), Some(i)) = (class("B-", want), class("I-", want)) {
                        set_span(&mut ts[start..end], b, i);
                    }
                }
            }
            // Tag the names left untagged.
            let mut k = 0;
            while k < ws.len() {
                let found = by_first.get(ws[k]).and_then(|list| {
                    list.iter().copied().find(|&i| {
                        let name = &names[i].0;
                        ws.get(k..k + name.len()) == Some(&name[..])
                            && ts[k..k + name.len()].iter().all(|t| *t == "O")
                    })
                });
                // A capitalised name, unless a common word opens the sentence with it.
                let name_here = || {
                    ws[k].chars().next().is_some_and(char::is_uppercase)
                        && (k > 0
                            || !matches!(
                                table.case_class(&ws[k].to_lowercase()),
                                "lower" | "mostly-lower" | "mixed"
                            ))
                };
                match found {
                    Some(i) if name_here() => {
                        let len = names[i].0.len();
                        if let (Some(b), Some(inside)) =
                            (class("B-", &types[i]), class("I-", &types[i]))
                        {
                            set_span(&mut ts[k..k + len], b, inside);
                        }
                        k += len;
                    }
                    None if ts[k] == "O" => {
                        let kind = acronyms
                            .get(ws[k])
                            .filter(|_| ws[k].chars().all(|c| c.is_ascii_uppercase()))
                            .map(|&i| types[i].as_str());
                        if let Some(b) = kind.and_then(|kind| class("B-", kind)) {
                            ts[k] = b;
                        }
                        k += 1;
                    }
                    _ => k += 1,
                }
            }
        }
    }
}

/// The index of class `name` in `classes`.
fn class_index(classes: &[String], name: &str) -> Option<usize> {
    classes.iter().position(|c| c == name)
}

/// The names of a sentence's tags (class indices of `classes`): type, first word, end.
fn name_spans(classes: &[String], tags: &[usize]) -> Vec<(String, usize, usize)> {
    let names: Vec<&str> = tags.iter().map(|&t| classes[t].as_str()).collect();
    crate::eval::spans(&names)
}

/// Tags `tags` (class indices of `classes`) as one name of `kind`, if the classes have it.
fn set_kind(classes: &[String], tags: &mut [usize], kind: &str) {
    let index = |bio: &str| class_index(classes, &format!("{bio}-{kind}"));
    if let (Some(b), Some(i)) = (index("B"), index("I")) {
        set_span(tags, b, i);
    }
}

/// Tags `tags` as one entity: `begin` first, `inside` after.
fn set_span<T: Copy>(tags: &mut [T], begin: T, inside: T) {
    if let Some((first, rest)) = tags.split_first_mut() {
        *first = begin;
        rest.fill(inside);
    }
}

/// How many times a name was tagged as each type.
type TypeCounts = Vec<(String, usize)>;

/// Kept scores of words: per word, model and thread, one row of class scores for the word's
/// own features and one for each [`features::Neighbour`] role it may play.
#[derive(Default)]
struct WordScores {
    /// Where each word's rows start in `scores`, by the hash of model and word.
    rows: FeatureMap<usize>,
    scores: Vec<f32>,
}

impl WordScores {
    /// The start of the `size` scores under `key`, filled by `fill(rows, features, scratch)`
    /// the first time (the rows start at zero).
    fn row(
        &mut self,
        key: u64,
        size: usize,
        fill: impl FnOnce(&mut [f32], &mut Vec<u64>, &mut Vec<f32>),
    ) -> usize {
        if let Some(&at) = self.rows.get(&key) {
            return at;
        }
        let at = self.scores.len();
        self.scores.resize(at + size, 0.0);
        let (mut feats, mut scratch) = (Vec::with_capacity(16), Vec::with_capacity(size));
        fill(&mut self.scores[at..], &mut feats, &mut scratch);
        self.rows.insert(key, at);
        at
    }
}

/// A word's rows: its own features, then the four neighbour roles (then, for the NER, one per
/// previous tag).
const ROLES: usize = 1 + features::Neighbour::ALL.len();

/// A small deterministic generator for shuffling and resampling (xorshift64*).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
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

/// Training settings; the default is the plain perceptron (no margin, no dropout).
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings {
    pub epochs: usize,
    pub seed: u64,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune: f32,
    /// NER: the score every wrong tag gets added while training decodes, so that the right
    /// sequence must win by a margin (cost-augmented decoding); 0 for the plain perceptron.
    pub margin: f32,
    /// NER: the share of a word's features (0 to 1) hidden from each training update, a
    /// different share each time, so that no update leans on one feature alone.
    pub dropout: f64,
}

/// A training sentence: words, gold labels, (for the NER) POS tags, and the document it is of
/// (empty when unknown).
#[derive(Clone, Debug, Default)]
pub struct Example {
    pub words: Vec<String>,
    pub labels: Vec<String>,
    pub pos: Vec<String>,
    pub document: String,
}

/// The runs of `examples` of one document each (an example of no known document is a run of
/// its own).
pub fn documents(examples: &[Example]) -> impl Iterator<Item = &[Example]> {
    examples.chunk_by(|a, b| !a.document.is_empty() && a.document == b.document)
}

/// Copies of a share of the training documents written all in lower case (`lower`, a fraction
/// from 0 to 1) and of another share written all in capitals (`upper`), labels unchanged and
/// POS tags given anew by `pos` (the NER reads the tags the POS tagger gives the text as it is
/// written). People type whole posts in lower case or in capitals ("taco bell", "MIRAMAR"), and
/// a model that never saw one trusts capitals alone. A document is chosen by a hash of its id,
/// so the same data gives the same copies; examples of no known document are not copied.
pub fn case_copies(
    examples: &[Example],
    lower: f64,
    upper: f64,
    pos: Option<&Tagger>,
) -> Vec<Example> {
    type Case = fn(&str) -> String;
    let mut out = Vec::new();
    for (name, share, case) in [
        ("lower", lower, str::to_lowercase as Case),
        ("upper", upper, str::to_uppercase as Case),
    ] {
        let chosen = |id: &str| {
            let h = hash(&[name.as_bytes(), id.as_bytes()]);
            !id.is_empty() && ((h >> 11) as f64 / (1u64 << 53) as f64) < share
        };
        for document in documents(examples).filter(|d| chosen(&d[0].document)) {
            for e in document {
                let words: Vec<String> = e.words.iter().map(|w| case(w)).collect();
                out.push(Example {
                    pos: pos.map(|t| t.tag(&words, NO_POS)).unwrap_or_default(),
                    labels: e.labels.clone(),
                    document: format!("{name}:{}", e.document),
                    words,
                });
            }
        }
    }
    out
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
    let mut prepared: Vec<Prepared> = examples
        .iter()
        .map(|e| Prepared::new(&e.words, kind == Kind::Ner))
        .collect();
    if kind == Kind::Ner {
        let mut at = 0;
        for document in documents(examples) {
            features::document_hints(&mut prepared[at..at + document.len()]);
            at += document.len();
        }
    }
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
            match kind {
                Kind::Pos => train_greedy(&mut trainer, e, p, &index),
                Kind::Ner => train_viterbi(&mut trainer, e, p, &index, &settings),
            }
        }
        tagger.weights = trainer.average(settings.prune);
        report(epoch, &tagger);
    }
    tagger
}

/// One greedy pass over a POS example: each word's guess made after the previous guesses,
/// and the weights moved when it is wrong.
fn train_greedy(trainer: &mut Trainer, e: &Example, p: &Prepared, index: &impl Fn(&str) -> usize) {
    let classes = trainer.classes.clone();
    let mut out: Vec<&str> = Vec::with_capacity(e.words.len());
    let mut feats = Vec::with_capacity(48);
    let mut scores = Vec::new();
    for i in 0..e.words.len() {
        let prev = if i >= 1 { out[i - 1] } else { "<s>" };
        let prev2 = if i >= 2 { out[i - 2] } else { "<s>" };
        features::pos(p, i, prev, prev2, &mut feats);
        trainer.scores(&feats, &mut scores);
        let guess = argmax(&scores);
        trainer.update(&feats, index(&e.labels[i]), guess);
        out.push(&classes[guess]);
    }
}

/// One structured pass over an NER example (Collins 2002): the whole sentence decoded with
/// [`viterbi`], then, where the best sequence differs from the gold one, the weights moved
/// towards the gold tags' features and away from the guessed tags'. With a `margin`, each wrong
/// tag is scored that much higher while decoding, so a sequence that wins by less is still
/// corrected; with `dropout`, a share of each word's features sits out the pass.
fn train_viterbi(
    trainer: &mut Trainer,
    e: &Example,
    p: &Prepared,
    index: &impl Fn(&str) -> usize,
    settings: &Settings,
) {
    // A feature is hidden when the top 7 bits of its hash, salted by the step and the word,
    // fall below this: the same data and seed hide the same features.
    let hidden = (settings.dropout.clamp(0.0, 1.0) * 128.0).round() as u64;
    let n = trainer.classes.len();
    let len = e.words.len();
    let mut fixed: Vec<Vec<u64>> = Vec::with_capacity(len);
    let mut joined: Vec<Vec<Vec<u64>>> = Vec::with_capacity(len);
    let (mut own, mut after) = (
        Vec::with_capacity(len * n),
        Vec::with_capacity(len * (n + 1) * n),
    );
    let mut scores = Vec::new();
    for i in 0..len {
        let mut feats = Vec::with_capacity(48);
        features::ner_word(p, i, &mut feats);
        features::ner_rest(p, &e.pos, i, &mut feats);
        for role in features::Neighbour::ALL {
            features::ner_neighbour(p, i as isize + role.offset(), role, &mut feats);
        }
        if hidden > 0 {
            let salt = trainer.step().wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i as u64);
            feats.retain(|f| (f ^ salt).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 57 >= hidden);
        }
        trainer.scores(&feats, &mut scores);
        own.extend_from_slice(&scores);
        fixed.push(feats);
        let mut per_prev = Vec::with_capacity(n + 1);
        for prev in 0..=n {
            let mut feats = Vec::with_capacity(3);
            features::ner_prev(p, i, prev_name(&trainer.classes, prev), &mut feats);
            trainer.scores(&feats, &mut scores);
            after.extend_from_slice(&scores);
            per_prev.push(feats);
        }
        joined.push(per_prev);
    }
    let gold: Vec<usize> = e.labels.iter().map(|l| index(l)).collect();
    if settings.margin > 0.0 {
        for (i, &t) in gold.iter().enumerate() {
            for (c, score) in own[i * n..(i + 1) * n].iter_mut().enumerate() {
                if c != t {
                    *score += settings.margin;
                }
            }
        }
    }
    let guess = viterbi(&trainer.classes, &own, &after);
    trainer.tick(len as u64);
    for i in 0..len {
        let (g, t) = (guess[i], gold[i]);
        if g != t {
            trainer.nudge(&fixed[i], t, 1.0);
            trainer.nudge(&fixed[i], g, -1.0);
        }
        let (gp, tp) = match i {
            0 => (n, n),
            _ => (guess[i - 1], gold[i - 1]),
        };
        if (gp, g) != (tp, t) {
            trainer.nudge(&joined[i][tp], t, 1.0);
            trainer.nudge(&joined[i][gp], g, -1.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(pairs: &[(&str, &str)]) -> Example {
        Example {
            words: pairs.iter().map(|p| p.0.to_owned()).collect(),
            labels: pairs.iter().map(|p| p.1.to_owned()).collect(),
            ..Example::default()
        }
    }

    #[test]
    fn case_copies_write_whole_documents_in_one_case() {
        let mut examples = Vec::new();
        for d in 0..40 {
            for k in 0..2 {
                let mut e = example(&[
                    ("Ana", "B-PER"),
                    ("saw", "O"),
                    (&format!("Lima{k}"), "B-LOC"),
                ]);
                e.document = format!("doc{d}");
                examples.push(e);
            }
        }
        examples.push(example(&[("Ana", "B-PER")]));
        assert!(case_copies(&examples, 0.0, 0.0, None).is_empty());
        let all = case_copies(&examples, 1.0, 1.0, None);
        assert_eq!(
            all.len(),
            160,
            "every sentence of a document, twice; none without one"
        );
        assert_eq!(all[0].words, ["ana", "saw", "lima0"]);
        assert_eq!(all[80].words, ["ANA", "SAW", "LIMA0"]);
        assert!(all.iter().all(|e| e.labels == ["B-PER", "O", "B-LOC"]));
        assert_ne!(all[0].document, all[80].document);
        assert!(all.iter().all(|e| !e.document.starts_with("doc")));
        let some = case_copies(&examples, 0.5, 0.0, None);
        assert!((20..=60).contains(&some.len()), "{} of 80", some.len());
        assert_eq!(some.len() % 2, 0, "a document is copied whole");
        assert_eq!(
            some.iter().map(|e| &e.words).collect::<Vec<_>>(),
            case_copies(&examples, 0.5, 0.0, None)
                .iter()
                .map(|e| &e.words)
                .collect::<Vec<_>>(),
            "the same data gives the same copies"
        );
    }

    /// Tags from every feature looked up for every word, no cache.
    fn uncached(tagger: &Tagger, words: &[&str]) -> Vec<String> {
        let p = Prepared::new(words, false);
        let w = &tagger.weights;
        decode(&w.classes, words.len(), |i, prev, prev2, feats, scores| {
            features::pos(&p, i, prev, prev2, feats);
            w.scores(feats, scores);
        })
        .into_iter()
        .map(|c| w.classes[c].clone())
        .collect()
    }

    #[test]
    fn cached_word_scores_agree_with_all_features_and_keep_to_their_model() {
        let settings = Settings {
            epochs: 5,
            seed: 1,
            ..Settings::default()
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

    fn ner_example(pairs: &[(&str, &str, &str)]) -> Example {
        Example {
            words: pairs.iter().map(|p| p.0.to_owned()).collect(),
            labels: pairs.iter().map(|p| p.1.to_owned()).collect(),
            pos: pairs.iter().map(|p| p.2.to_owned()).collect(),
            ..Example::default()
        }
    }

    /// NER tags from all of a word's features looked up afresh for each previous tag.
    fn uncached_ner(tagger: &Tagger, words: &[&str], pos: &[&str]) -> Vec<String> {
        let p = Prepared::new(words, true);
        let w = &tagger.weights;
        let n = w.classes.len();
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        let own = vec![0.0; words.len() * n];
        let mut after = Vec::new();
        for i in 0..words.len() {
            for prev in 0..=n {
                features::ner(&p, pos, i, prev_name(&w.classes, prev), &mut feats);
                w.scores(&feats, &mut scores);
                after.extend_from_slice(&scores);
            }
        }
        viterbi(&w.classes, &own, &after)
            .into_iter()
            .map(|c| w.classes[c].clone())
            .collect()
    }

    fn ner_train_set() -> [Example; 2] {
        [
            ner_example(&[
                ("Ana", "B-PER", "PROPN"),
                ("Lima", "I-PER", "PROPN"),
                ("visited", "O", "VERB"),
                ("Quito", "B-LOC", "PROPN"),
                (".", "O", "PUNCT"),
            ]),
            ner_example(&[
                ("Acme", "B-ORG", "PROPN"),
                ("Corp", "I-ORG", "PROPN"),
                ("hired", "O", "VERB"),
                ("Ana", "B-PER", "PROPN"),
                ("Lima", "I-PER", "PROPN"),
            ]),
        ]
    }

    fn sorted_weights(t: &Tagger) -> Vec<(u64, Vec<(u16, f32)>)> {
        let mut all = t.weights.features();
        all.sort_by_key(|f| f.0);
        all
    }

    #[test]
    fn a_margin_and_dropout_change_training_reproducibly() {
        let train_set = ner_train_set();
        let plain = Settings {
            epochs: 10,
            seed: 1,
            ..Settings::default()
        };
        let with_margin = Settings {
            margin: 1.0,
            ..plain
        };
        let with_both = Settings {
            dropout: 0.2,
            ..with_margin
        };
        let model = |s: Settings| sorted_weights(&train(Kind::Ner, &train_set, s, |_, _| {}));
        // The plain perceptron stops once it tags the sentences right; with a margin it goes on
        // until they win by it.
        assert_ne!(model(plain), model(with_margin));
        assert_ne!(model(with_margin), model(with_both));
        assert_eq!(
            model(with_both),
            model(with_both),
            "the same seed hides the same features"
        );
        let tagger = train(Kind::Ner, &train_set, with_both, |_, _| {});
        for e in &train_set {
            let words: Vec<&str> = e.words.iter().map(String::as_str).collect();
            let pos: Vec<&str> = e.pos.iter().map(String::as_str).collect();
            assert_eq!(
                tagger.tag(&words, &pos),
                e.labels,
                "a training sentence is learnt"
            );
        }
    }

    #[test]
    fn the_ner_decodes_with_kept_scores_as_with_all_features() {
        let train_set = ner_train_set();
        let settings = Settings {
            epochs: 10,
            seed: 1,
            ..Settings::default()
        };
        let tagger = train(Kind::Ner, &train_set, settings, |_, _| {});
        for e in &train_set {
            let words: Vec<&str> = e.words.iter().map(String::as_str).collect();
            let pos: Vec<&str> = e.pos.iter().map(String::as_str).collect();
            let got = tagger.tag(&words, &pos);
            assert_eq!(got, e.labels, "a training sentence is learnt");
            assert_eq!(got, uncached_ner(&tagger, &words, &pos));
        }
        let words = ["Quito", "hired", "Acme", "Corp", "."];
        let pos = ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"];
        assert_eq!(
            tagger.tag(&words, &pos),
            uncached_ner(&tagger, &words, &pos)
        );
    }

    #[test]
    fn viterbi_finds_the_best_sequence_that_follows_iob2() {
        let classes = untrained(&["B-LOC", "B-PER", "I-LOC", "I-PER", "O"])
            .weights
            .classes;
        let n = classes.len();
        let mut rng = Rng(7);
        let mut score = || (rng.next() % 2001) as f32 / 100.0 - 10.0;
        for _ in 0..50 {
            let len = 3;
            let own: Vec<f32> = (0..len * n).map(|_| score()).collect();
            let after: Vec<f32> = (0..len * (n + 1) * n).map(|_| score()).collect();
            let total = |seq: &[usize]| -> Option<f32> {
                let mut t = 0.0;
                for (i, &c) in seq.iter().enumerate() {
                    let p = if i == 0 { n } else { seq[i - 1] };
                    if !allowed(prev_name(&classes, p), &classes[c]) {
                        return None;
                    }
                    t += own[i * n + c] + after[(i * (n + 1) + p) * n + c];
                }
                Some(t)
            };
            let mut best = f32::NEG_INFINITY;
            for code in 0..n.pow(len as u32) {
                let seq: Vec<usize> = (0..len).map(|i| code / n.pow(i as u32) % n).collect();
                if let Some(t) = total(&seq) {
                    best = best.max(t);
                }
            }
            let got = viterbi(&classes, &own, &after);
            let got_total = total(&got).expect("the sequence follows IOB2");
            assert!(
                (got_total - best).abs() < 1e-3,
                "{got_total} against {best}"
            );
        }
    }

    /// An NER with `classes` and no weights, for the steps after decoding.
    fn untrained(classes: &[&str]) -> Tagger {
        Tagger {
            kind: Kind::Ner,
            weights: Weights::new(
                classes.iter().map(|c| (*c).to_owned()).collect(),
                Vec::new(),
            ),
        }
    }

    /// Sentences of words split at spaces.
    fn sentences<'a>(texts: &[&'a str]) -> Vec<Vec<&'a str>> {
        texts.iter().map(|s| s.split(' ').collect()).collect()
    }

    #[test]
    fn a_documents_names_agree() {
        let tagger = untrained(&["B-LOC", "B-PER", "I-LOC", "I-PER", "O"]);
        let words = sentences(&[
            "Ana Lima flew to Miramar with Will .",
            "Ana Lima liked Miramar .",
            "Miramar , said Ana Lima , and miramar .",
            "Will you see Ana Lima ?",
        ]);
        let mut tags: Vec<Vec<&str>> = vec![
            vec!["B-PER", "I-PER", "O", "O", "B-LOC", "O", "B-PER", "O"],
            vec!["B-LOC", "I-LOC", "O", "O", "O"],
            vec!["O", "O", "O", "B-PER", "I-PER", "O", "O", "O", "O"],
            vec!["O", "O", "O", "O", "O", "O"],
        ];
        tagger.agree(&words, &mut tags);
        assert_eq!(
            tags[0],
            ["B-PER", "I-PER", "O", "O", "B-LOC", "O", "B-PER", "O"]
        );
        assert_eq!(
            tags[1],
            ["B-PER", "I-PER", "O", "B-LOC", "O"],
            "retyped, then found"
        );
        assert_eq!(
            tags[2],
            ["B-LOC", "O", "O", "B-PER", "I-PER", "O", "O", "O", "O"],
            "lower case is no name"
        );
        assert_eq!(
            tags[3],
            ["O", "O", "O", "B-PER", "I-PER", "O"],
            "a common word opening a sentence stays untagged"
        );
    }

    #[test]
    fn places_written_in_lower_case_are_places() {
        let classes = untrained(&["B-LOC", "B-PER", "I-LOC", "I-PER", "O"])
            .weights
            .classes;
        let o = 4;
        let words = [
            "we",
            "flew",
            "from",
            "afghanistan",
            "to",
            "san",
            "francisco",
            "via",
            "Lima",
            "for",
            "turkey",
            "and",
            "baguio",
            "and",
            "lima",
        ];
        let p = Prepared::new(&words, true);
        let mut tags = vec![o; words.len()];
        tags[8] = 1; // "Lima" tagged a person stays one.
        places_in_lower_case(&classes, &p, &mut tags);
        let names: Vec<&str> = tags.iter().map(|&t| classes[t].as_str()).collect();
        assert_eq!(
            names,
            [
                "O", "O", "O", "B-LOC", "O", "B-LOC", "I-LOC", "O", "B-PER", "O", "O", "O",
                "B-LOC", "O", "O"
            ],
            "\"turkey\" is written in lower case too often to be a place; \"baguio\", a word the \
             table never saw, is one, but a short unseen word (\"lima\") is too likely a typo"
        );
    }

    #[test]
    fn an_acronym_of_a_name_is_that_name() {
        let tagger = untrained(&["B-ORG", "I-ORG", "O"]);
        let words = sentences(&[
            "The Housing Authority of New Orleans met .",
            "HANO said no , and the CPA and Hano agreed .",
        ]);
        let mut tags: Vec<Vec<&str>> = vec![
            vec!["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O"],
            vec!["O"; 11],
        ];
        tagger.agree(&words, &mut tags);
        assert_eq!(
            tags[1],
            ["B-ORG", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O"],
            "only the capitals that are the name's initials"
        );
    }

    #[test]
    fn a_common_word_inside_breaks_a_name() {
        let classes = untrained(&["B-LOC", "B-PER", "I-LOC", "I-PER", "O"])
            .weights
            .classes;
        let words = ["Andrade", "sobre", "Matos", "and", "Ana", "de", "Lima"];
        let p = Prepared::new(&words, true);
        let mut tags = vec![0, 2, 2, 4, 1, 3, 3];
        no_common_word_inside(&classes, &p, &mut tags);
        assert_eq!(
            tags,
            [4, 4, 4, 4, 1, 3, 3],
            "\"de\" joins a name, \"sobre\" does not"
        );
    }

    #[test]
    fn a_name_opens_after_the_words_that_open_its_clause() {
        let classes = untrained(&["B-ORG", "I-ORG", "O"]).weights.classes;
        let words = [
            "At", "the", "Michoud", "Assembly", "Facility", ",", "If", "NASA", "If",
        ];
        let p = Prepared::new(&words, true);
        let mut tags = vec![0, 1, 1, 1, 1, 2, 0, 1, 0];
        no_function_word_first(&classes, &p, &mut tags);
        assert_eq!(
            tags,
            [2, 2, 0, 1, 1, 2, 2, 0, 2],
            "a name of openers alone is none"
        );
    }

    #[test]
    fn a_person_named_like_a_place_or_a_body_is_one() {
        let classes = untrained(&["B-LOC", "B-ORG", "B-PER", "I-LOC", "I-ORG", "I-PER", "O"])
            .weights
            .classes;
        let words = [
            "Keck",
            "Observatory",
            "and",
            "Harbor",
            "Academy",
            "and",
            "Ana",
            "Lima",
        ];
        let p = Prepared::new(&words, true);
        let mut tags = vec![2, 5, 6, 2, 5, 6, 2, 5];
        no_person_named_as_a_place(&classes, &p, &mut tags);
        assert_eq!(tags, [0, 3, 6, 1, 4, 6, 2, 5]);
    }

    #[test]
    fn a_title_before_a_name_is_no_part_of_it() {
        let classes = untrained(&["B-LOC", "B-ORG", "B-PER", "I-LOC", "I-ORG", "I-PER", "O"])
            .weights
            .classes;
        let words = [
            "Dr",
            "Ana",
            "Lima",
            "met",
            "President",
            "Putin",
            "and",
            "Prince",
        ];
        let p = Prepared::new(&words, true);
        let mut tags = vec![2, 5, 5, 6, 2, 5, 6, 2];
        no_title_in_a_name(&classes, &p, &mut tags);
        assert_eq!(tags, [6, 2, 5, 6, 6, 2, 6, 2], "a title alone stays");
    }
}
