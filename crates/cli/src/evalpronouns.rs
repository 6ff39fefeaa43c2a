//! `newsgraph eval pronouns --gum FILE... --links LINKS.tsv`: pronouns resolved to the named
//! person they refer to, against GUM's coreference.
//!
//! The links come from `gum_stats.py --links` (one row per pronoun → named-person link: doc,
//! sentence id, token id, pronoun, antecedent, ...). Each GUM document's text is rebuilt from its
//! `# text =` lines (sentences joined by a space, paragraphs by a blank line), analysed, and every
//! third-person pronoun of a link is resolved by `attribution::resolve_pronoun` (which resolves
//! he and she; "they" stays unresolved). "They" links are counted apart: those to one person
//! (the antecedent names a person of the document and joins no others: "Ms. Goldsmith") and
//! those to a group ("the Maya", "Albert and Marcia"); totals follow for one person each and
//! for all third-person links. A
//! resolution is right when the entity it picks is named by the antecedent or by the chain's
//! identity (GUM's Wikipedia name for the person, where it gives one): one of their capitalised
//! words is one of the entity's name or alias words.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use newsgraph_analyze::{attribution, groups};
use newsgraph_doc::{Doc, Span};

use crate::evaltokens::{open, read_documents};

/// Whether `antecedent` names the entity `id` of `doc`: one of its capitalised words (titles
/// and suffixes such as "FRS" aside) is a word of the entity's name or aliases, or is one in
/// the plural (a family or a people: "the Sams" names Manju Sam).
fn names(doc: &Doc, id: newsgraph_doc::EntityId, antecedent: &str) -> bool {
    names_as(doc, id, antecedent, true)
}

/// [`names`], with or without the plural.
fn names_as(doc: &Doc, id: newsgraph_doc::EntityId, antecedent: &str, plural: bool) -> bool {
    let e = &doc.entities[id.index()];
    let words: Vec<String> = std::iter::once(&e.name)
        .chain(&e.aliases)
        .flat_map(|n| n.split_whitespace())
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .collect();
    antecedent
        .split_whitespace()
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .filter(|w| w.chars().count() >= 2 && w.starts_with(char::is_uppercase))
        .any(|w| {
            let w = w.to_lowercase();
            words.contains(&w)
                || (plural
                    && w.strip_suffix('s')
                        .is_some_and(|s| words.iter().any(|x| x == s)))
        })
}

const HE_SHE: &str = "he/she";
const THEY_ONE: &str = "they, one person";
const THEY_GROUP: &str = "they, a group";
const ONE_PERSON: &str = "= he/she + they, one";
const ALL_THIRD: &str = "= all third person";

pub fn run(gum: &[PathBuf], links: &Path, errors: bool) -> anyhow::Result<ExitCode> {
    let mut docs = HashMap::new();
    for path in gum {
        for doc in read_documents(path)? {
            docs.insert(doc.id.clone(), doc);
        }
    }
    let mut analysed: HashMap<String, Doc> = HashMap::new();
    // Per document, the plural pronouns that link to a named person.
    let mut linked: HashMap<String, Vec<Span>> = HashMap::new();
    // Per pronoun class: links, right, wrong, unresolved.
    let mut counts: HashMap<&'static str, [usize; 4]> = HashMap::new();
    let mut in_links = false;
    for line in open(links)?.lines() {
        let line = line?;
        if line.starts_with("== links") {
            in_links = true;
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !in_links || cols.len() < 5 {
            continue;
        }
        let (doc_id, sent_id, tid, pronoun, antecedent) =
            (cols[0], cols[1], cols[2], cols[3], cols[4]);
        // The chain's person as GUM identifies it ("Patrick_Gordon"), where it does: the
        // nearest "named" mention may be a predicate ("a lifelong Roman Catholic").
        let identity = cols
            .get(6)
            .filter(|i| **i != "_")
            .map(|i| i.replace('_', " "))
            .unwrap_or_default();
        let right = |doc: &Doc, id| names(doc, id, antecedent) || names(doc, id, &identity);
        let plural = match pronoun.to_lowercase().as_str() {
            "he" | "him" | "his" | "himself" | "she" | "her" | "hers" | "herself" => false,
            "they" | "them" | "their" | "theirs" | "themselves" | "themself" => true,
            _ => continue,
        };
        let Some(gold) = docs.get(doc_id) else {
            continue;
        };
        let Some(&(start, end)) = gold.word_at.get(&(sent_id.to_owned(), tid.to_owned())) else {
            continue;
        };
        let span = Span::new(start, end);
        let doc = analysed
            .entry(doc_id.to_owned())
            .or_insert_with(|| newsgraph_analyze::analyze_text(&gold.text, None));
        // "they" for one person ("Ms. Goldsmith … they"): the antecedent names a person of the
        // document and joins no others ("Albert and Marcia", "Thais" are groups).
        let class = if !plural {
            HE_SHE
        } else if !antecedent.contains(" and ")
            && !antecedent.contains('&')
            && !antecedent.contains(" , ")
            && doc.entities.iter().any(|e| {
                e.kind == newsgraph_doc::layers::EntityType::PER
                    && names_as(doc, e.id, antecedent, false)
            })
        {
            THEY_ONE
        } else {
            THEY_GROUP
        };
        let c = counts.entry(class).or_default();
        c[0] += 1;
        // He or she is one person; "they" a group, right when the antecedent names each of
        // its members.
        let pick = if plural {
            linked.entry(doc_id.to_owned()).or_default().push(span);
            groups::resolve_plural(doc, span)
        } else {
            attribution::resolve_pronoun(doc, span).map(|id| vec![id])
        };
        let ok = pick
            .as_ref()
            .is_some_and(|m| m.iter().all(|&id| right(doc, id)));
        match &pick {
            Some(_) if ok => c[1] += 1,
            Some(_) => c[2] += 1,
            None => c[3] += 1,
        }
        if errors && !ok {
            // Whether any entity of the document is named by the antecedent: if none, the
            // error is the entity layer's, not the resolver's.
            let known =
                (0..doc.entities.len()).any(|i| right(doc, newsgraph_doc::EntityId::from_index(i)));
            let picked = pick.map_or("-".to_owned(), |m| names_of(doc, &m));
            eprintln!(
                "{doc_id}\t{sent_id}\t{pronoun}\t{antecedent}\t{}\t{picked}",
                if known { "known" } else { "unknown" }
            );
        }
    }
    println!(
        "{:<24} {:>6} {:>6} {:>6} {:>10} {:>9}",
        "pronouns", "links", "right", "wrong", "unresolved", "accuracy"
    );
    // One person each: he/she and the "they" that stands for one person.
    let one = [HE_SHE, THEY_ONE]
        .iter()
        .filter_map(|c| counts.get(c))
        .fold([0; 4], |a, c| std::array::from_fn(|i| a[i] + c[i]));
    let all = counts
        .values()
        .fold([0; 4], |a, c| std::array::from_fn(|i| a[i] + c[i]));
    for (class, [n, right, wrong, none]) in [HE_SHE, THEY_ONE, THEY_GROUP]
        .iter()
        .map(|c| (*c, counts.get(c).copied().unwrap_or_default()))
        .chain([(ONE_PERSON, one), (ALL_THIRD, all)])
    {
        println!(
            "{class:<24} {n:>6} {right:>6} {wrong:>6} {none:>10} {:>8.1}%",
            100.0 * right as f64 / n.max(1) as f64
        );
    }
    // The "they" that GUM links to no named person before it (a group named by a common noun,
    // an organisation, a named person only later): resolving one is a guess at best.
    let (mut other, mut guessed) = (0, 0);
    let mut ids: Vec<&String> = docs.keys().collect();
    ids.sort();
    for id in ids {
        let gold = &docs[id];
        let doc = analysed
            .entry(id.clone())
            .or_insert_with(|| newsgraph_analyze::analyze_text(&gold.text, None));
        let linked = linked.get(id).map_or(&[][..], Vec::as_slice);
        for (span, pick) in groups::resolve_plurals(doc) {
            if linked.contains(&span) {
                continue;
            }
            other += 1;
            if let Some(members) = pick {
                guessed += 1;
                if errors {
                    eprintln!(
                        "{id}\tno link\t{}\t{}",
                        doc.slice(span),
                        names_of(doc, &members)
                    );
                }
            }
        }
    }
    println!(
        "they, linked to no named person: {other} pronouns, {guessed} resolved ({:.1}%)",
        100.0 * guessed as f64 / other.max(1) as f64
    );
    Ok(ExitCode::SUCCESS)
}

/// The names of `members`, joined by " + ".
fn names_of(doc: &Doc, members: &[newsgraph_doc::EntityId]) -> String {
    members
        .iter()
        .map(|id| doc.entities[id.index()].name.as_str())
        .collect::<Vec<_>>()
        .join(" + ")
}
