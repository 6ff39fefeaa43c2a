//! Reading training data: CoNLL-U (UD) and IOB2 (UNER) files, plain or gzipped.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::ModelError;

/// A sentence of words with one label each (UPOS or an IOB2 tag).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub labels: Vec<String>,
    /// The `# sent_id` comment's value, or empty.
    pub id: String,
}

impl Sentence {
    /// The document of the sentence's id (see [`document_of`]).
    pub fn document(&self) -> &str {
        document_of(&self.id)
    }
}

/// The value of a `# sent_id = …` comment line; `None` for other lines.
pub fn sent_id(line: &str) -> Option<&str> {
    line.strip_prefix("# sent_id")
        .map(|id| id.trim_start_matches([' ', '=']).trim())
}

/// The document a sentence id names: the id without its last `-` part (`weblog-…-0001` is of
/// `weblog-…`); empty for an empty id.
pub fn document_of(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(doc, _)| doc)
}

fn open(path: &Path) -> Result<Box<dyn BufRead>, ModelError> {
    let file =
        std::fs::File::open(path).map_err(|e| ModelError::Io(path.display().to_string(), e))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(reader)))
}

/// Reads tab-separated token lines (`#` comments, blank lines between sentences), taking the
/// word from column `word` and the label from column `label`. Lines whose first column is a
/// range (`1-2`) or decimal (`1.1`), CoNLL-U multiword tokens and empty nodes, are skipped.
pub fn read_columns(path: &Path, word: usize, label: usize) -> Result<Vec<Sentence>, ModelError> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    for line in open(path)?.lines() {
        let line = line.map_err(|e| ModelError::Io(path.display().to_string(), e))?;
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(id) = sent_id(&line) {
            current.id = id.to_owned();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let (Some(w), Some(l)) = (cols.get(word), cols.get(label)) else {
            return Err(ModelError::Format(format!(
                "{}: short line {line:?}",
                path.display()
            )));
        };
        current.words.push((*w).to_owned());
        current.labels.push((*l).to_owned());
    }
    if !current.words.is_empty() {
        out.push(current);
    }
    Ok(out)
}

/// UD CoNLL-U: words and UPOS.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>, ModelError> {
    read_columns(path, 1, 3)
}

/// UNER IOB2: words and entity tags.
pub fn read_iob2(path: &Path) -> Result<Vec<Sentence>, ModelError> {
    read_columns(path, 1, 2)
}

/// GUM entity types that are named-entity types, and their NER labels.
fn gum_label(etype: &str) -> Option<&'static str> {
    match etype {
        "person" => Some("PER"),
        "organization" => Some("ORG"),
        "place" => Some("LOC"),
        _ => None,
    }
}

/// GUM CoNLL-U with entity brackets in MISC (`Entity=(3-person-...`, `3)`), as IOB2 named
/// entities: mentions of persons, organisations and places whose head word is a singular PROPN,
/// narrowed to the run of PROPN words around that head (titles, determiners and `'s` dropped).
pub fn read_gum(path: &Path) -> Result<Vec<Sentence>, ModelError> {
    let mut out = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut id = String::new();
    let finish = |rows: &mut Vec<Vec<String>>, out: &mut Vec<Sentence>, id: &str| {
        if !rows.is_empty() {
            let mut s = gum_sentence(rows);
            s.id = id.to_owned();
            out.push(s);
            rows.clear();
        }
    };
    for line in open(path)?.lines() {
        let line = line.map_err(|e| ModelError::Io(path.display().to_string(), e))?;
        if line.trim().is_empty() {
            finish(&mut rows, &mut out, &id);
        } else if let Some(found) = sent_id(&line) {
            id = found.to_owned();
        } else if !line.starts_with('#') {
            let cols: Vec<String> = line.split('\t').map(str::to_owned).collect();
            if cols.len() >= 10 && !cols[0].contains(['-', '.']) {
                rows.push(cols);
            }
        }
    }
    finish(&mut rows, &mut out, &id);
    Ok(out)
}

fn gum_sentence(rows: &[Vec<String>]) -> Sentence {
    let words: Vec<String> = rows.iter().map(|r| r[1].clone()).collect();
    let mut labels = vec!["O".to_owned(); rows.len()];
    // Mentions: (first, last, etype) from the bracket grammar.
    let mut open: Vec<(String, String, usize)> = Vec::new();
    let mut mentions: Vec<(usize, usize, String)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(entity) = r[9].split('|').find_map(|f| f.strip_prefix("Entity=")) else {
            continue;
        };
        let mut rest = entity;
        while !rest.is_empty() {
            if let Some(body) = rest.strip_prefix('(') {
                let end = body.find(['(', ')']).unwrap_or(body.len());
                let spec = &body[..end];
                let mut parts = spec.split('-');
                let id = parts.next().unwrap_or("").to_owned();
                let etype = parts.next().unwrap_or("").to_owned();
                rest = &body[end..];
                if let Some(after) = rest.strip_prefix(')') {
                    mentions.push((i, i, etype));
                    rest = after;
                } else {
                    open.push((id, etype, i));
                }
            } else {
                let end = rest.find(['(', ')']).unwrap_or(rest.len());
                let id = &rest[..end];
                rest = rest[end..].strip_prefix(')').unwrap_or(&rest[end..]);
                if let Some(k) = open.iter().rposition(|(o, _, _)| o == id) {
                    let (_, etype, start) = open.remove(k);
                    mentions.push((start, i, etype));
                }
                if end == 0 && rest.starts_with(|c| c != '(') {
                    break;
                }
            }
        }
    }
    // Longer mentions first: a name holds the names inside it ("the University of Michigan" is
    // one organisation, as UNER has it); a nested name outside the longer one's run of proper
    // words ("US" in "US President Obama") is still taken.
    mentions.sort_by_key(|(s, e, _)| (std::cmp::Reverse(e - s), *s));
    for (s, e, etype) in mentions {
        let Some(label) = gum_label(&etype) else {
            continue;
        };
        let id = |k: usize| rows[k][0].parse::<usize>().unwrap_or(0);
        let inside = |head: usize| (s..=e).any(|k| id(k) == head);
        let Some(head) = (s..=e).find(|&k| !inside(rows[k][6].parse().unwrap_or(0))) else {
            continue;
        };
        if rows[head][3] != "PROPN" {
            continue;
        }
        // Proper words: PROPN, or NNP under another part of speech ("New", "United").
        let named = |k: usize| rows[k][3] == "PROPN" || rows[k][4].starts_with("NNP");
        // Words that join two proper words into one name: "Bailey - Ross", and in an
        // organisation's or place's name "of", "for", "&", "de" ("Bank of America").
        let joins = |k: usize| {
            rows[k][1] == "-"
                || (label != "PER" && matches!(rows[k][1].as_str(), "of" | "for" | "&" | "de"))
        };
        // A person's name stops at a title before it ("US President Barack Obama").
        let before =
            |k: usize| named(k) && !(label == "PER" && crate::tagger::is_person_title(&rows[k][1]));
        let mut first = head;
        loop {
            if first > s && before(first - 1) {
                first -= 1;
            } else if first > s + 1 && joins(first - 1) && before(first - 2) {
                first -= 2;
            } else {
                break;
            }
        }
        let mut last = head;
        loop {
            if last < e && named(last + 1) {
                last += 1;
            } else if last + 2 <= e && joins(last + 1) && named(last + 2) {
                last += 2;
            } else {
                break;
            }
        }
        // A plural proper name is a name when it is a place's or has several words ("the
        // United States", "the Red Sox"), not a group of people ("Americans", "Democrats").
        if rows[head][4] == "NNPS" && label != "LOC" && first == last {
            continue;
        }
        if (first..=last).any(|k| labels[k] != "O") {
            continue;
        }
        labels[first] = format!("B-{label}");
        for l in labels.iter_mut().take(last + 1).skip(first + 1) {
            *l = format!("I-{label}");
        }
    }
    Sentence {
        words,
        labels,
        id: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A GUM sentence in CoNLL-U: (word, UPOS, XPOS, head, entity brackets).
    fn gum_line(
        i: usize,
        (word, upos, xpos, head, entity): (&str, &str, &str, usize, &str),
    ) -> String {
        let misc = if entity.is_empty() {
            "_".to_owned()
        } else {
            format!("Entity={entity}")
        };
        format!(
            "{}\t{word}\t_\t{upos}\t{xpos}\t_\t{head}\t_\t_\t{misc}\n",
            i + 1
        )
    }

    #[test]
    fn gum_names_are_read_with_their_sentence_ids() {
        let rows = [
            ("The", "DET", "DT", 3, "(1-organization-new"),
            ("Sea", "PROPN", "NNP", 3, ""),
            ("Org", "PROPN", "NNP", 4, "1)"),
            ("hired", "VERB", "VBD", 0, ""),
            ("Ana", "PROPN", "NNP", 6, "(2-person-new"),
            ("Lima", "PROPN", "NNP", 4, "2)"),
            ("in", "ADP", "IN", 8, ""),
            ("Florida", "PROPN", "NNP", 4, "(3-place-new)"),
            ("with", "ADP", "IN", 11, ""),
            ("a", "DET", "DT", 11, "(4-object-new"),
            ("Ford", "PROPN", "NNP", 4, "4)"),
        ];
        let mut text = String::from("# newdoc id = GUM_news_x\n# sent_id = GUM_news_x-1\n");
        for (i, row) in rows.into_iter().enumerate() {
            text.push_str(&gum_line(i, row));
        }
        let path =
            std::env::temp_dir().join(format!("newsgraph-gum-{}.conllu", std::process::id()));
        std::fs::write(&path, text).expect("write");
        let sentences = read_gum(&path).expect("read");
        std::fs::remove_file(&path).ok();
        let [s] = sentences.as_slice() else {
            panic!("{sentences:?}")
        };
        assert_eq!(s.id, "GUM_news_x-1");
        assert_eq!(s.document(), "GUM_news_x");
        assert_eq!(
            s.labels,
            ["O", "B-ORG", "I-ORG", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"],
            "the determiner left out, an object no name"
        );
    }

    /// GUM's names as UNER writes them: a person without the titles before the name, a body's
    /// name over "of" and the place inside it, proper words tagged ADJ or VERB ("New", "United"),
    /// a plural place name, and no plural people.
    #[test]
    fn gum_names_are_narrowed_as_uner_has_them() {
        let rows = [
            ("US", "PROPN", "NNP", 3, "(1-person-new(2-place-new)"),
            ("President", "PROPN", "NNP", 3, ""),
            ("Barack", "PROPN", "NNP", 5, ""),
            ("Obama", "PROPN", "NNP", 3, "1)"),
            ("visited", "VERB", "VBD", 0, ""),
            ("the", "DET", "DT", 7, "(3-organization-new"),
            ("University", "PROPN", "NNP", 5, ""),
            ("of", "ADP", "IN", 9, ""),
            ("Michigan", "PROPN", "NNP", 7, "(4-place-new)3)"),
            ("in", "ADP", "IN", 12, ""),
            ("New", "ADJ", "NNP", 12, "(5-place-new"),
            ("York", "PROPN", "NNP", 5, "5)"),
            ("and", "CCONJ", "CC", 16, ""),
            ("the", "DET", "DT", 16, "(6-place-new"),
            ("United", "VERB", "NNP", 16, ""),
            ("States", "PROPN", "NNPS", 12, "6)"),
            (",", "PUNCT", ",", 19, ""),
            ("Americans", "PROPN", "NNPS", 19, "(7-person-new)"),
            ("said", "VERB", "VBD", 5, ""),
        ];
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                gum_line(i, row)
                    .trim_end()
                    .split('\t')
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        let s = gum_sentence(&rows);
        assert_eq!(
            s.labels,
            [
                "B-LOC", "O", "B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC",
                "I-LOC", "O", "O", "B-LOC", "I-LOC", "O", "O", "O"
            ]
        );
    }
}
