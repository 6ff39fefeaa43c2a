//! Reading training data: CoNLL-U (UD) and IOB2 (UNER) files, plain or gzipped.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::ModelError;

/// A sentence of words with one label each (UPOS or an IOB2 tag).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub labels: Vec<String>,
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
