//! `newsgraph train`, `newsgraph tag` and `newsgraph eval`: the statistical taggers' training,
//! tagging of gold-tokenized CoNLL-U for outside scorers, and dev-set evaluation.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context};
use newsgraph_models::tagger::{self, Example, Settings, NO_POS};
use newsgraph_models::{conll, eval, Kind, Tagger};

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// What to train.
    #[arg(value_enum)]
    what: What,
    /// Training data: UD CoNLL-U for pos, UNER IOB2 for ner (plain or .gz); for words,
    /// unlabelled text: CoNLL-U files (`.conllu`, `.conllu.gz`), and files or folders of
    /// documents in any format `ingest` reads (text, HTML, JSONL, WARC, feeds).
    #[arg(long, num_args = 1.., required = true)]
    train: Vec<PathBuf>,
    /// Development data, same format, to pick the number of epochs (pos and ner).
    #[arg(long, required_if_eq_any([("what", "pos"), ("what", "ner")]))]
    dev: Option<PathBuf>,
    /// Where to write the model.
    #[arg(long)]
    out: PathBuf,
    /// For ner: the POS model whose tags it uses (default: the one compiled in).
    #[arg(long)]
    pos: Option<PathBuf>,
    /// For ner: GUM CoNLL-U files whose named person, organisation and place mentions are
    /// added to the training data.
    #[arg(long = "gum", num_args = 1..)]
    gum: Vec<PathBuf>,
    #[arg(long, default_value_t = 20)]
    epochs: usize,
    /// Shuffling seeds: with several (`1,3,5`), one model is trained per seed, each at its
    /// best epoch on dev, and the model written is their average.
    #[arg(long, value_delimiter = ',', default_value = "1")]
    seed: Vec<u64>,
    /// Averaged weights below this magnitude are left out of the model file.
    #[arg(long, default_value_t = 0.01)]
    prune: f32,
    /// For ner: the margin by which the right tags must beat each wrong one while training
    /// (cost-augmented decoding; 0, the plain structured perceptron).
    #[arg(long, default_value_t = 0.0)]
    margin: f32,
    /// For ner: the share of each word's features hidden from each training update (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    dropout: f64,
    /// Training documents also given written all in lower case, as a fraction of them (0 to 1)
    #[arg(long, default_value_t = 0.0)]
    lowercased: f64,
    /// Training documents also given written all in capitals, as a fraction of them (0 to 1)
    #[arg(long, default_value_t = 0.0)]
    uppercased: f64,
    /// For words: the numbers of word classes, one clustering each, coarsest first.
    #[arg(long, value_delimiter = ',', default_value = "64,512")]
    classes: Vec<usize>,
    /// For words: words seen fewer times are left out of the table.
    #[arg(long, default_value_t = 2)]
    min_count: u32,
    /// For words: passes of the exchange algorithm at most.
    #[arg(long, default_value_t = 15)]
    iterations: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    Pos,
    Ner,
    /// The word table the NER reads (case counts and word classes) from unlabelled text.
    Words,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    #[arg(value_enum)]
    what: EvalWhat,
    /// Development data: UD CoNLL-U for pos and tokens, UNER IOB2 for ner (or `--gum`).
    #[arg(long, required_if_eq_any([("what", "pos"), ("what", "tokens")]))]
    dev: Option<PathBuf>,
    /// For quotes: the PolNeAR JSONL whose articles are analysed.
    #[arg(long, required_if_eq("what", "quotes"))]
    polnear: Option<PathBuf>,
    /// For quotes: where to write predictions in the format of score_quotes.py.
    #[arg(long, required_if_eq("what", "quotes"))]
    out: Option<PathBuf>,
    /// For quotes: which attributions to predict (`all` adds stances, for PolNeAR's
    /// all-attributions figures).
    #[arg(long, value_enum, default_value_t = crate::analyze::AttributionsArg::Speech)]
    attributions: crate::analyze::AttributionsArg,
    /// For pronouns: the GUM CoNLL-U files the links come from; for ner without `--dev`, GUM
    /// files whose named person, organisation and place mentions are scored.
    #[arg(long, num_args = 1.., required_if_eq("what", "pronouns"))]
    gum: Vec<PathBuf>,
    /// For pronouns: the links printed by `gum_stats.py --links` on the same files.
    #[arg(long, required_if_eq("what", "pronouns"))]
    links: Option<PathBuf>,
    /// For pronouns: print each wrong or unresolved link (document, pronoun, antecedent, pick);
    /// for ner: print each sentence with a wrong entity, gold and predicted.
    #[arg(long)]
    errors: bool,
    /// For pos and ner: a model file to score instead of the one compiled in (the NER still
    /// reads the compiled-in POS tagger's tags, as it was trained on them).
    #[arg(long)]
    model: Option<PathBuf>,
    /// For ner: a second model file to compare with, on the same resamples of the dev
    /// documents: the gain in F1 of the model scored over it, with its 95% interval.
    #[arg(long)]
    baseline: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalWhat {
    Pos,
    Ner,
    Quotes,
    /// Tokenization and sentence starts against UD CoNLL-U.
    Tokens,
    /// Pronouns resolved to named persons against GUM's coreference (`--gum`, `--links`).
    Pronouns,
}

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// Gold-tokenized CoNLL-U; written back with predicted UPOS and NER=... in MISC.
    #[arg(long)]
    conllu: PathBuf,
}

/// The model of `kind` in the file at `path`, or the one compiled in.
fn load(kind: Kind, path: Option<&PathBuf>) -> anyhow::Result<Tagger> {
    match path {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            Ok(Tagger::from_bytes(kind, &bytes)?)
        }
        None => match kind {
            Kind::Pos => newsgraph_models::pos(),
            Kind::Ner => newsgraph_models::ner(),
        }
        .cloned()
        .with_context(|| format!("this build carries no {} model", kind.name())),
    }
}

fn examples(kind: Kind, path: &Path, pos: Option<&Tagger>) -> anyhow::Result<Vec<Example>> {
    let sentences = match kind {
        Kind::Pos => conll::read_conllu(path)?,
        Kind::Ner => conll::read_iob2(path)?,
    };
    Ok(sentences
        .into_iter()
        .map(|s| {
            let tags = pos.map(|t| t.tag(&s.words, NO_POS)).unwrap_or_default();
            Example {
                document: s.document().to_owned(),
                words: s.words,
                labels: s.labels,
                pos: tags,
            }
        })
        .collect())
}

/// The named person, organisation and place mentions of GUM CoNLL-U files as NER examples,
/// POS-tagged by `pos`, each of its document `with_documents` (else of none).
fn gum_examples(
    paths: &[PathBuf],
    pos: Option<&Tagger>,
    with_documents: bool,
) -> anyhow::Result<Vec<Example>> {
    let mut out = Vec::new();
    for path in paths {
        for s in conll::read_gum(path)? {
            out.push(Example {
                pos: pos.map(|t| t.tag(&s.words, NO_POS)).unwrap_or_default(),
                document: if with_documents {
                    s.document().to_owned()
                } else {
                    String::new()
                },
                words: s.words,
                labels: s.labels,
            });
        }
    }
    Ok(out)
}

/// The tagger's tags of each example; the NER's made to agree within each document (a run of
/// examples of one document, see [`Tagger::agree`]), as the entity stage does in an article.
fn predict(tagger: &Tagger, dev: &[Example]) -> Vec<Vec<String>> {
    if tagger.kind != Kind::Ner {
        return dev.iter().map(|e| tagger.tag(&e.words, &e.pos)).collect();
    }
    let mut out = Vec::with_capacity(dev.len());
    for document in tagger::documents(dev) {
        let mut prepared: Vec<_> = document
            .iter()
            .map(|e| newsgraph_models::features::Prepared::new(&e.words, true))
            .collect();
        let pos: Vec<&Vec<String>> = document.iter().map(|e| &e.pos).collect();
        let tags = tagger.tag_document(&mut prepared, &pos);
        out.extend(
            tags.into_iter()
                .map(|t| t.into_iter().map(str::to_owned).collect()),
        );
    }
    out
}

/// The dev score that picks the epoch: accuracy for pos, F1 for ner.
fn score(kind: Kind, dev: &[Example], predicted: &[Vec<String>]) -> f64 {
    let gold: Vec<Vec<String>> = dev.iter().map(|e| e.labels.clone()).collect();
    match kind {
        Kind::Pos => eval::accuracy(&gold, predicted),
        Kind::Ner => eval::ner_scores(&gold, predicted)
            .get("ALL")
            .map_or(0.0, |c| c.prf().2),
    }
}

pub fn train(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let kind = match args.what {
        What::Pos => Kind::Pos,
        What::Ner => Kind::Ner,
        What::Words => return train_words(&args),
    };
    let pos = match kind {
        Kind::Pos => None,
        Kind::Ner => Some(load(Kind::Pos, args.pos.as_ref())?),
    };
    let [train_path] = args.train.as_slice() else {
        bail!("train {} takes one --train file", args.what.name());
    };
    let dev_path = args.dev.as_ref().context("--dev is required")?;
    let mut train = examples(kind, train_path, pos.as_ref())?;
    // GUM's sentences stay without their document: its labels keep only the names headed by
    // a proper noun, and the document hints learnt from them cost 0.7 F1 on dev over five
    // seeds.
    train.extend(gum_examples(&args.gum, pos.as_ref(), false)?);
    let copies = tagger::case_copies(&train, args.lowercased, args.uppercased, pos.as_ref());
    train.extend(copies);
    let dev = examples(kind, dev_path, pos.as_ref())?;
    eprintln!(
        "newsgraph: {} training and {} dev sentences",
        train.len(),
        dev.len()
    );
    let start = Instant::now();
    let mut models = Vec::new();
    for &seed in &args.seed {
        let settings = Settings {
            epochs: args.epochs,
            seed,
            prune: args.prune,
            margin: args.margin,
            dropout: args.dropout,
        };
        let mut best: Option<(f64, usize, Tagger)> = None;
        tagger::train(kind, &train, settings, |epoch, t| {
            let s = score(kind, &dev, &predict(t, &dev));
            eprintln!(
                "seed {seed} epoch {epoch:>2}: dev {:.2} ({:.0} s)",
                100.0 * s,
                start.elapsed().as_secs_f64()
            );
            if best.as_ref().is_none_or(|(b, _, _)| s > *b) {
                best = Some((s, epoch, t.clone()));
            }
        });
        let Some((s, epoch, tagger)) = best else {
            bail!("no epoch was trained")
        };
        println!(
            "{} seed {seed}: best dev {:.2} at epoch {epoch}",
            kind.name(),
            100.0 * s
        );
        models.push(tagger);
    }
    let tagger = match models.as_slice() {
        [one] => one.clone(),
        _ => Tagger {
            kind,
            weights: newsgraph_models::perceptron::mean(
                &models.iter().map(|m| &m.weights).collect::<Vec<_>>(),
                args.prune,
            ),
        },
    };
    let s = score(kind, &dev, &predict(&tagger, &dev));
    let bytes = tagger.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    println!(
        "{}: dev {:.2}; {} features, {:.1} MB written to {}",
        kind.name(),
        100.0 * s,
        tagger.weights.len(),
        bytes.len() as f64 / 1e6,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

impl What {
    fn name(self) -> &'static str {
        match self {
            What::Pos => "pos",
            What::Ner => "ner",
            What::Words => "words",
        }
    }
}

/// `train words`: the sentences of the unlabelled text, then the table.
fn train_words(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let segment = newsgraph_doc::Pipeline::new(vec![
        Box::new(newsgraph_analyze::segment::Paragraphs),
        Box::new(newsgraph_analyze::segment::Tokens),
        Box::new(newsgraph_analyze::segment::Sentences),
    ])
    .context("segmentation stages")?;
    let fields = newsgraph_ingest::read::Fields::default();
    for path in newsgraph_ingest::read::expand(&args.train) {
        let name = path.to_string_lossy();
        if name.ends_with(".conllu") || name.ends_with(".conllu.gz") {
            sentences.extend(conll::read_conllu(&path)?.into_iter().map(|s| s.words));
            continue;
        }
        for record in newsgraph_ingest::read::open(&path, &fields) {
            let record = record.map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut doc = newsgraph_ingest::document_from(record)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            segment.run(&mut doc);
            let text = doc.text();
            for s in &doc.sentences {
                let words: Vec<String> = doc
                    .tokens
                    .iter()
                    .filter(|t| t.span.start >= s.span.start && t.span.end <= s.span.end)
                    .map(|t| text[t.span.start as usize..t.span.end as usize].to_owned())
                    .collect();
                if !words.is_empty() {
                    sentences.push(words);
                }
            }
        }
    }
    let words: usize = sentences.iter().map(Vec::len).sum();
    eprintln!(
        "newsgraph: {} sentences, {words} words read ({:.0} s)",
        sentences.len(),
        start.elapsed().as_secs_f64()
    );
    let table = newsgraph_models::words::build(
        &sentences,
        args.min_count,
        &args.classes,
        args.iterations,
        |step| eprintln!("newsgraph: {step} ({:.0} s)", start.elapsed().as_secs_f64()),
    );
    std::fs::write(&args.out, &table)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    println!(
        "words: {} words in {} written to {}",
        table.lines().filter(|l| !l.starts_with('#')).count(),
        args.classes
            .iter()
            .map(|k| format!("{k} classes"))
            .collect::<Vec<_>>()
            .join(" and "),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn evaluate(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let pos = load(Kind::Pos, None)?;
    let dev_path = args.dev.clone().unwrap_or_default();
    match args.what {
        EvalWhat::Quotes => {
            let (Some(input), Some(out)) = (&args.polnear, &args.out) else {
                bail!("eval quotes needs --polnear and --out");
            };
            return crate::evalquotes::run(input, out, args.attributions.into());
        }
        EvalWhat::Tokens => return crate::evaltokens::run(&dev_path),
        EvalWhat::Pronouns => {
            let links = args.links.as_ref().context("eval pronouns needs --links")?;
            return crate::evalpronouns::run(&args.gum, links, args.errors);
        }
        EvalWhat::Pos => {
            let pos = match &args.model {
                Some(path) => load(Kind::Pos, Some(path))?,
                None => pos,
            };
            let dev = examples(Kind::Pos, &dev_path, None)?;
            let start = Instant::now();
            let predicted = predict(&pos, &dev);
            let secs = start.elapsed().as_secs_f64();
            let words: usize = dev.iter().map(|e| e.words.len()).sum();
            let acc = score(Kind::Pos, &dev, &predicted);
            println!(
                "UPOS accuracy {:.2} on {} words ({:.0} words/s)",
                100.0 * acc,
                words,
                words as f64 / secs
            );
        }
        EvalWhat::Ner => {
            let ner = load(Kind::Ner, args.model.as_ref())?;
            let dev = match args.dev {
                Some(_) => examples(Kind::Ner, &dev_path, Some(&pos))?,
                None if !args.gum.is_empty() => gum_examples(&args.gum, Some(&pos), true)?,
                None => bail!("eval ner needs --dev or --gum"),
            };
            let predicted = predict(&ner, &dev);
            let gold: Vec<Vec<String>> = dev.iter().map(|e| e.labels.clone()).collect();
            if args.errors {
                print_ner_errors(&dev, &predicted);
            }
            println!(
                "{:<5} {:>6} {:>6} {:>6} {:>6} {:>6}",
                "type", "P", "R", "F1", "gold", "pred"
            );
            for (kind, c) in eval::ner_scores(&gold, &predicted) {
                let (p, r, f) = c.prf();
                println!(
                    "{kind:<5} {:>6.2} {:>6.2} {:>6.2} {:>6} {:>6}",
                    100.0 * p,
                    100.0 * r,
                    100.0 * f,
                    c.gold,
                    c.predicted
                );
            }
            let mut systems = vec![predicted];
            if let Some(path) = &args.baseline {
                systems.push(predict(&load(Kind::Ner, Some(path))?, &dev));
            }
            print_intervals(&dev, &gold, &systems, args.baseline.as_deref());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How much the NER's F1 would move on other documents like the dev ones: a 95% interval of
/// `systems[0]`'s F1 from 1,000 resamples of the dev documents and, given a `baseline` (whose
/// tags are `systems[1]`), of the difference between the two on the same resamples.
fn print_intervals(
    dev: &[Example],
    gold: &[Vec<String>],
    systems: &[Vec<Vec<String>>],
    baseline: Option<&Path>,
) {
    const RESAMPLES: usize = 1000;
    let mut documents = Vec::new();
    let mut at = 0;
    for document in tagger::documents(dev) {
        let range = at..at + document.len();
        at = range.end;
        documents.push(
            systems
                .iter()
                .map(|tags| {
                    let scores = eval::ner_scores(&gold[range.clone()], &tags[range.clone()]);
                    scores.get("ALL").copied().unwrap_or_default()
                })
                .collect::<Vec<_>>(),
        );
    }
    let rows = eval::resampled_f1(&documents, RESAMPLES, 1);
    let interval = |values: &[f64]| {
        (
            100.0 * eval::percentile(values, 0.025),
            100.0 * eval::percentile(values, 0.975),
        )
    };
    let own: Vec<f64> = rows.iter().map(|r| r[0]).collect();
    let (low, high) = interval(&own);
    println!(
        "ALL F1 95% interval over {} documents ({RESAMPLES} resamples): {low:.2} to {high:.2}",
        documents.len()
    );
    if let Some(path) = baseline {
        let gains: Vec<f64> = rows.iter().map(|r| r[0] - r[1]).collect();
        let (low, high) = interval(&gains);
        let better = gains.iter().filter(|&&g| g > 0.0).count();
        // Each system's F1 on the whole dev set, from its counts summed over the documents.
        let full: Vec<f64> = (0..systems.len())
            .map(|s| {
                let mut all = eval::Counts::default();
                for d in &documents {
                    all += d[s];
                }
                all.prf().2
            })
            .collect();
        println!(
            "gain over {}: {:+.2} F1, 95% interval {low:+.2} to {high:+.2}; better in {:.1}% of resamples",
            path.display(),
            100.0 * (full[0] - full[1]),
            100.0 * better as f64 / RESAMPLES as f64
        );
    }
}

/// Prints each sentence whose predicted entities differ from the gold ones: the sentence, then
/// one line per entity found by only one side (`-` gold only, `+` predicted only), to stderr.
fn print_ner_errors(dev: &[Example], predicted: &[Vec<String>]) {
    for (e, p) in dev.iter().zip(predicted) {
        let gold = eval::spans(&e.labels);
        let pred = eval::spans(p);
        if gold == pred {
            continue;
        }
        eprintln!("# {}", e.words.join(" "));
        let show = |(kind, start, end): &(String, usize, usize)| {
            format!("{kind}\t{}", e.words[*start..*end].join(" "))
        };
        for g in gold.iter().filter(|g| !pred.contains(g)) {
            eprintln!("-\t{}", show(g));
        }
        for q in pred.iter().filter(|q| !gold.contains(q)) {
            eprintln!("+\t{}", show(q));
        }
    }
}

/// Writes the CoNLL-U back with predicted UPOS (column 4) and `NER=` in MISC (column 10).
pub fn tag(args: TagArgs) -> anyhow::Result<ExitCode> {
    let pos = load(Kind::Pos, None)?;
    let ner = load(Kind::Ner, None)?;
    let file = std::fs::File::open(&args.conllu)
        .with_context(|| format!("cannot read {}", args.conllu.display()))?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    // The sentences of one document (its NER tags agree, as in an article), each its lines.
    let mut document: Vec<Vec<String>> = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let mut current = String::new();
    // A word's line: not a comment, and no multiword token (`1-2`) or empty node (`1.1`).
    let is_word = |line: &str| {
        !line.starts_with('#') && !line.split('\t').next().unwrap_or("").contains(['-', '.'])
    };
    let flush = |document: &mut Vec<Vec<String>>, out: &mut BufWriter<_>| -> anyhow::Result<()> {
        let words: Vec<Vec<&str>> = document
            .iter()
            .map(|block| {
                block
                    .iter()
                    .filter(|l| is_word(l))
                    .map(|l| l.split('\t').nth(1).unwrap_or(""))
                    .collect()
            })
            .collect();
        let mut prepared: Vec<_> = words
            .iter()
            .map(|w| newsgraph_models::features::Prepared::new(w, true))
            .collect();
        let tags: Vec<Vec<&str>> = prepared
            .iter()
            .map(|p| pos.tag_prepared(p, NO_POS))
            .collect();
        let entities = ner.tag_document(&mut prepared, &tags);
        for (b, block) in document.iter().enumerate() {
            let mut k = 0;
            for line in block {
                if !is_word(line) {
                    writeln!(out, "{line}")?;
                    continue;
                }
                let mut cols: Vec<&str> = line.split('\t').collect();
                if cols.len() < 10 {
                    bail!("line {line:?} has fewer than 10 columns");
                }
                cols[3] = tags[b][k];
                let misc = if cols[9] == "_" {
                    format!("NER={}", entities[b][k])
                } else {
                    format!("{}|NER={}", cols[9], entities[b][k])
                };
                cols[9] = &misc;
                writeln!(out, "{}", cols.join("\t"))?;
                k += 1;
            }
            writeln!(out)?;
        }
        document.clear();
        Ok(())
    };
    for line in BufReader::new(file).lines() {
        let line = line?;
        if line.trim().is_empty() {
            if !block.is_empty() {
                document.push(std::mem::take(&mut block));
            }
            continue;
        }
        // A new document starts at `# newdoc`, or where the sentence ids' document changes.
        let starts = if line.starts_with("# newdoc") {
            current.clear();
            true
        } else if let Some(id) = conll::sent_id(&line) {
            let doc = conll::document_of(id).to_owned();
            let changed = !current.is_empty() && doc != current;
            current = doc;
            changed
        } else {
            false
        };
        if starts && block.is_empty() && !document.is_empty() {
            flush(&mut document, &mut out)?;
        }
        block.push(line);
    }
    if !block.is_empty() {
        document.push(block);
    }
    if !document.is_empty() {
        flush(&mut document, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
