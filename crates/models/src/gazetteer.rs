//! Gazetteers: names of places, organisations, outlets, nationalities and first names, as data
//! (`data/gazetteer.tsv`, `TYPE<TAB>NAME` lines). The NER reads them as features; the entity
//! stage uses them to type and flag entities. Users add lists of their own in the same format
//! ([`add_user_list`]; `--gazetteer FILE` on the command line), `PER` entries among them.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The shipped gazetteer's source.
pub const SHIPPED: &str = include_str!("../data/gazetteer.tsv");

/// Names by their first token.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
    /// The same names lower-cased, for web text that writes "florida" and "taco bell".
    by_first_lower: HashMap<String, Vec<(Vec<String>, String)>>,
}

/// Splits a name into words as UD tokenizes them: commas and hyphens apart
/// (`Washington, D.C.` → `Washington` `,` `D.C.`; `MS-13` → `MS` `-` `13`).
fn name_tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in name.split_whitespace() {
        let (w, comma) = match w.strip_suffix(',') {
            Some(stem) if !stem.is_empty() => (stem, true),
            _ => (w, false),
        };
        for (i, part) in w.split('-').enumerate() {
            if i > 0 {
                out.push("-".to_owned());
            }
            if !part.is_empty() {
                out.push(part.to_owned());
            }
        }
        if comma {
            out.push(",".to_owned());
        }
    }
    out
}

impl Gazetteer {
    /// Parses `TYPE<TAB>NAME` lines (`#` comments and blank lines skipped).
    pub fn parse(source: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        g.extend(source);
        g
    }

    /// Adds the entries of another list.
    pub fn extend(&mut self, source: &str) {
        for line in source.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((kind, name)) = line.split_once('\t') else {
                continue;
            };
            let tokens = name_tokens(name.trim());
            if let Some(first) = tokens.first() {
                let lower: Vec<String> = tokens.iter().map(|t| t.to_lowercase()).collect();
                self.by_first_lower
                    .entry(lower[0].clone())
                    .or_default()
                    .push((lower, kind.to_owned()));
                self.by_first
                    .entry(first.clone())
                    .or_default()
                    .push((tokens, kind.to_owned()));
            }
        }
        for entries in self
            .by_first
            .values_mut()
            .chain(self.by_first_lower.values_mut())
        {
            entries.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
    }

    /// The longest entries starting at `words[i]`: their length and types.
    pub fn longest_at<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, Vec<&str>)> {
        longest(&self.by_first, words, i)
    }

    /// Per word, the gazetteer tags of the longest matches covering it (`B-LOC`, `I-ORG`, ...).
    /// Words that no exact match covers may match lower-cased, tagged `lB-LOC`, `lI-LOC`: a
    /// weaker hint, since "us" and "bush" are words too.
    pub fn tags<S: AsRef<str>>(&self, words: &[S]) -> Vec<Vec<String>> {
        let lower: Vec<String> = words.iter().map(|w| w.as_ref().to_lowercase()).collect();
        self.tags_with_lower(words, &lower)
    }

    /// [`Gazetteer::tags`] given the words lower-cased.
    pub fn tags_with_lower<S: AsRef<str>>(
        &self,
        words: &[S],
        lower: &[String],
    ) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new(); words.len()];
        let mut covered = vec![false; words.len()];
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(words, i) {
                Some((n, kinds)) => {
                    mark(&mut out[i..i + n], &kinds, "");
                    covered[i..i + n].iter_mut().for_each(|c| *c = true);
                    i += n;
                }
                None => i += 1,
            }
        }
        let mut i = 0;
        while i < words.len() {
            match longest(&self.by_first_lower, lower, i) {
                Some((n, kinds))
                    if !covered[i..i + n].contains(&true)
                        && (n > 1 || lower[i].len() > 3)
                        && words[i..i + n]
                            .iter()
                            .zip(&lower[i..i + n])
                            .all(|(w, l)| w.as_ref() == l) =>
                {
                    mark(&mut out[i..i + n], &kinds, "l");
                    i += n;
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// Tags a match spanning `slots` with each of `kinds`, each tag prefixed with `prefix`.
fn mark(slots: &mut [Vec<String>], kinds: &[&str], prefix: &str) {
    for k in kinds {
        for (j, slot) in slots.iter_mut().enumerate() {
            let bio = if j == 0 { "B" } else { "I" };
            slot.push(format!("{prefix}{bio}-{k}"));
        }
    }
}

/// The longest entries of `index` starting at `words[i]`: their length and types.
fn longest<'g, S: AsRef<str>>(
    index: &'g HashMap<String, Vec<(Vec<String>, String)>>,
    words: &[S],
    i: usize,
) -> Option<(usize, Vec<&'g str>)> {
    let entries = index.get(words[i].as_ref())?;
    let mut best: Option<(usize, Vec<&str>)> = None;
    for (tokens, kind) in entries {
        let n = tokens.len();
        let fits = i + n <= words.len()
            && tokens
                .iter()
                .zip(&words[i..i + n])
                .all(|(t, w)| t == w.as_ref());
        if !fits {
            continue;
        }
        match &mut best {
            Some((len, kinds)) if *len == n => kinds.push(kind),
            Some((len, _)) if *len > n => {}
            _ => best = Some((n, vec![kind])),
        }
    }
    best
}

/// The types an entry may have.
pub const TYPES: [&str; 6] = ["LOC", "ORG", "MEDIA", "NORP", "FIRST", "PER"];

static GLOBAL: OnceLock<Gazetteer> = OnceLock::new();
static USER_LISTS: Mutex<String> = Mutex::new(String::new());

/// Why a user list was not added.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("line {line}: {message}")]
    Line { line: usize, message: String },
    #[error("the gazetteer is already in use; user lists must be added before the first analysis")]
    InUse,
}

/// Adds a user list (`TYPE<TAB>NAME` lines, types from [`TYPES`]) to the gazetteer that the NER
/// and the entity stage read. Call it before the first analysis; a bad line refuses the whole
/// list, naming the line. Returns how many names the list holds.
pub fn add_user_list(source: &str) -> Result<usize, GazetteerError> {
    let mut names = 0;
    for (n, line) in source.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |message: String| GazetteerError::Line {
            line: n + 1,
            message,
        };
        let (kind, name) = line
            .split_once('\t')
            .ok_or_else(|| bad("expected TYPE<TAB>NAME".into()))?;
        if !TYPES.contains(&kind) {
            return Err(bad(format!("unknown type {kind:?} (one of {TYPES:?})")));
        }
        if name.trim().is_empty() {
            return Err(bad("empty name".into()));
        }
        names += 1;
    }
    if GLOBAL.get().is_some() {
        return Err(GazetteerError::InUse);
    }
    let mut lists = USER_LISTS.lock().unwrap_or_else(|e| e.into_inner());
    lists.push_str(source);
    lists.push('\n');
    Ok(names)
}

/// The gazetteer in use: the shipped lists plus any user lists, parsed once.
pub fn global() -> &'static Gazetteer {
    GLOBAL.get_or_init(|| {
        let mut g = Gazetteer::parse(SHIPPED);
        let user = USER_LISTS.lock().unwrap_or_else(|e| e.into_inner());
        if !user.is_empty() {
            g.extend(&user);
        }
        g
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_names_win() {
        let g = Gazetteer::parse(
            "LOC\tNew York\nLOC\tNew York City\nMEDIA\tNew York Times\nLOC\tYork\n",
        );
        let words = ["the", "New", "York", "Times", "said"];
        assert_eq!(g.tags(&words)[1], ["B-MEDIA"]);
        assert_eq!(g.tags(&words)[3], ["I-MEDIA"]);
        assert!(g.tags(&words)[0].is_empty());
    }

    #[test]
    fn lower_case_matches_are_a_separate_hint() {
        let g = Gazetteer::parse("LOC\tFlorida\nORG\tTaco Bell\nLOC\tUS\n");
        let words = ["taco", "bell", "in", "florida", "with", "us", "Florida"];
        let tags = g.tags(&words);
        assert_eq!(tags[0], ["lB-ORG"]);
        assert_eq!(tags[1], ["lI-ORG"]);
        assert_eq!(tags[3], ["lB-LOC"]);
        // Short single words are left alone: "us" is a pronoun far more often than a country.
        assert!(tags[5].is_empty());
        assert_eq!(tags[6], ["B-LOC"]);
    }
}
