//! `newsgraph eval tokens --dev FILE.conllu`: our tokenizer and sentence splitter against UD.
//!
//! Each UD document's text is rebuilt from its `# text =` lines (sentences of a paragraph joined
//! by a space, paragraphs by a blank line, as the UD raw text files lay them out), run through
//! the paragraph, token and sentence stages, and compared by character spans: a token counts
//! when both its ends match a gold one; a sentence start counts when it falls on a gold one.
//! Tokens are scored twice: against UD's words (what we, like spaCy, aim at: `do` `n't`; a
//! multiword token's words get the spans of their letters when they spell it) and against
//! surface tokens (the CoNLL 2018 scorer's "Tokens": `don't` whole).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph_analyze::segment;
use newsgraph_doc::{Doc, Pipeline, Stage};

/// One UD document: its text and the gold token spans and sentence starts in it.
#[derive(Default)]
pub(crate) struct GoldDoc {
    /// The `# newdoc id`.
    pub(crate) id: String,
    pub(crate) text: String,
    /// Where each word sits, by (sentence id, token id): what other scorers point at.
    pub(crate) word_at: HashMap<(String, String), (usize, usize)>,
    tokens: Vec<(usize, usize)>,
    words: Vec<(usize, usize)>,
    starts: Vec<usize>,
    /// Gold tokens whose form was not found where expected in the text.
    unaligned: usize,
}

/// Counts for precision and recall.
#[derive(Default)]
struct Counts {
    gold: usize,
    predicted: usize,
    correct: usize,
}

impl Counts {
    fn add(&mut self, gold: &[usize], predicted: &[usize]) {
        let gold_set: std::collections::HashSet<_> = gold.iter().collect();
        self.gold += gold.len();
        self.predicted += predicted.len();
        self.correct += predicted.iter().filter(|p| gold_set.contains(p)).count();
    }

    fn prf(&self) -> (f64, f64, f64) {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// A text file, gunzipped when its name ends in `.gz`.
pub(crate) fn open(path: &Path) -> anyhow::Result<Box<dyn BufRead>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(reader)))
}

/// Reads UD documents, rebuilding their text.
pub(crate) fn read_documents(path: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut doc = GoldDoc::default();
    // The sentence being read: its text, where it starts, the cursor of token alignment, and
    // the end of the last multiword token (its words are skipped).
    let (mut sentence, mut base, mut cursor, mut skip_to) = (String::new(), 0usize, 0usize, 0usize);
    // The words of the multiword token being read: its span, and where its next word starts.
    let mut multiword: Option<(usize, usize, usize)> = None;
    let mut new_paragraph = false;
    let mut sent_id = String::new();
    for line in open(path)?.lines() {
        let line = line?;
        if let Some(rest) = line.strip_prefix("# newdoc") {
            if !doc.text.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            let rest = rest.trim_start();
            doc.id = rest
                .strip_prefix("id")
                .map_or(rest, |r| r.trim_start().trim_start_matches('='))
                .trim()
                .to_owned();
        } else if let Some(id) = line.strip_prefix("# sent_id = ") {
            sent_id = id.trim().to_owned();
        } else if line.starts_with("# newpar") {
            new_paragraph = true;
        } else if let Some(text) = line.strip_prefix("# text = ") {
            sentence = text.to_owned();
            if !doc.text.is_empty() {
                doc.text.push_str(if new_paragraph { "\n\n" } else { " " });
            }
            new_paragraph = false;
            base = doc.text.len();
            doc.text.push_str(&sentence);
            doc.starts.push(base);
            cursor = 0;
            skip_to = 0;
        } else if line.is_empty() || line.starts_with('#') {
            continue;
        } else {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(id), Some(form)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            if id.contains('.') {
                continue;
            }
            let range = id.split_once('-');
            if let Some((_, last)) = range {
                skip_to = last.parse().unwrap_or(0);
            } else {
                let n: usize = id.parse().unwrap_or(0);
                if n <= skip_to {
                    // A word of a multiword token: spanned when the words spell the token.
                    if let Some((start, end, at)) = multiword {
                        let fits = at + form.len() <= end
                            && doc.text.get(at..at + form.len()) == Some(form);
                        if fits {
                            doc.words.push((at, at + form.len()));
                            doc.word_at
                                .insert((sent_id.clone(), (*id).to_owned()), (at, at + form.len()));
                            multiword = Some((start, end, at + form.len()));
                        } else {
                            // Letters changed (`gonna` is `gon` `na`, fine; `y'all` ...):
                            // the surface token stands for its words.
                            doc.words.retain(|&(s, _)| s < start);
                            doc.words.push((start, end));
                            multiword = None;
                        }
                    }
                    continue;
                }
            }
            let rest = &sentence[cursor..];
            let lead = rest.len() - rest.trim_start().len();
            if rest[lead..].starts_with(form) {
                let start = base + cursor + lead;
                doc.tokens.push((start, start + form.len()));
                if range.is_some() {
                    multiword = Some((start, start + form.len(), start));
                } else {
                    doc.words.push((start, start + form.len()));
                    doc.word_at.insert(
                        (sent_id.clone(), (*id).to_owned()),
                        (start, start + form.len()),
                    );
                }
                cursor += lead + form.len();
            } else if let Some(i) = rest.find(form) {
                doc.unaligned += 1;
                let start = base + cursor + i;
                doc.word_at.insert(
                    (sent_id.clone(), (*id).to_owned()),
                    (start, start + form.len()),
                );
                cursor += i + form.len();
            } else {
                doc.unaligned += 1;
            }
        }
    }
    if !doc.text.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

pub fn run(dev: &Path) -> anyhow::Result<ExitCode> {
    let docs = read_documents(dev)?;
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(segment::Paragraphs),
        Box::new(segment::Tokens),
        Box::new(segment::Sentences),
    ];
    let pipeline = Pipeline::new(stages).context("segmentation stages")?;
    let (mut tokens, mut words, mut starts) =
        (Counts::default(), Counts::default(), Counts::default());
    let mut unaligned = 0;
    let mut bytes = 0;
    let start = Instant::now();
    for gold in &docs {
        let mut doc = Doc::new(gold.text.as_str());
        pipeline.run(&mut doc);
        bytes += gold.text.len();
        unaligned += gold.unaligned;
        // Token spans keyed as one number: start * 2^32 + end.
        let key = |(s, e): (usize, usize)| (s << 32) | e;
        let gold_tokens: Vec<usize> = gold.tokens.iter().map(|&t| key(t)).collect();
        let ours: Vec<usize> = doc
            .tokens
            .iter()
            .map(|t| key((t.span.start as usize, t.span.end as usize)))
            .collect();
        tokens.add(&gold_tokens, &ours);
        let gold_words: Vec<usize> = gold.words.iter().map(|&t| key(t)).collect();
        words.add(&gold_words, &ours);
        let ours: Vec<usize> = doc
            .sentences
            .iter()
            .map(|s| s.span.start as usize)
            .collect();
        starts.add(&gold.starts, &ours);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} documents, {} gold tokens ({} not found in the text), {:.1} MB/s",
        docs.len(),
        tokens.gold,
        unaligned,
        bytes as f64 / secs.max(1e-9) / 1e6
    );
    println!("{:<16} {:>6} {:>6} {:>6}", "", "P", "R", "F1");
    for (name, c) in [
        ("words", &words),
        ("surface tokens", &tokens),
        ("sentence starts", &starts),
    ] {
        let (p, r, f) = c.prf();
        println!(
            "{name:<16} {:>6.2} {:>6.2} {:>6.2}",
            100.0 * p,
            100.0 * r,
            100.0 * f
        );
    }
    Ok(ExitCode::SUCCESS)
}
