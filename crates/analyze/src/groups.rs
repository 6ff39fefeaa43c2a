//! "They": plural pronouns resolved to the group of people the article names for them.
//!
//! A group is named in one of five ways:
//! - people joined by "and", "&" or commas: "Jenna and Julien", "Carrano & Biewener", "Both Chao
//!   and Yang";
//! - one person with their kin or company: "Smith and his wife", "Higuchi, her mother and her
//!   sister" (the group's one named member is Smith or Higuchi);
//! - a people as a whole: a nationality in the plural ("Americans", "the Palestinians"), after
//!   "the" as a noun ("the Spanish arrived"), or before a noun for people ("the American
//!   people", "Mexican officials");
//! - "the two", "the couple": the last two people named;
//! - a family by its name: "the Sams".
//!
//! Each "they", "them", "their", "theirs" or "themselves" takes the group spoken of last in
//! its own sentence or, failing that, in the one or two before, the subject first; a plural
//! pronoun is itself a group for the next. A group known only by a noun ("officials", "the
//! protesters") competes too: when it wins, the pronoun names nobody, as a guess would put
//! words in a named group's mouth.

use newsgraph_doc::layers::{EntityType, Upos};
use newsgraph_doc::{Doc, EntityId, Span};

/// Whether `word` is a third-person plural pronoun.
pub fn is_plural_pronoun(word: &str) -> bool {
    ["they", "them", "their", "theirs", "themselves"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
}

/// A group of people or bodies the text speaks of: where, whether it is the subject of its
/// clause, and its named members in order (`None` for a group known only by a noun: "the
/// terrorists", "the states").
#[derive(Clone, Debug, PartialEq, Eq)]
struct Group {
    span: Span,
    subject: bool,
    members: Option<Vec<EntityId>>,
}

impl Group {
    /// The group at `span` with `members` (`None`: known only by a noun).
    fn at(doc: &Doc, span: Span, members: Option<Vec<EntityId>>) -> Group {
        Group {
            span,
            subject: crate::attribution::is_subject(doc, span),
            members,
        }
    }
}

/// The index of the sentence holding byte `pos`.
fn sentence_of(doc: &Doc, pos: u32) -> usize {
    doc.sentences.partition_point(|s| s.span.end <= pos)
}

/// The group that the plural pronoun at `span` refers to, its named members in order; `None`
/// when `span` holds no plural pronoun or no group is named close enough before it.
pub fn resolve_plural(doc: &Doc, span: Span) -> Option<Vec<EntityId>> {
    resolve_plurals(doc)
        .into_iter()
        .find(|(s, _)| *s == span)
        .and_then(|(_, members)| members)
}

/// Plural pronouns, each with the named members of its group, if any.
pub type Resolved = Vec<(Span, Option<Vec<EntityId>>)>;

/// Every plural pronoun of `doc`, in order, with the named group it refers to (see the
/// module's documentation).
pub fn resolve_plurals(doc: &Doc) -> Resolved {
    if !doc
        .tokens
        .iter()
        .any(|t| is_plural_pronoun(doc.slice(t.span)))
    {
        return Vec::new();
    }
    let mut candidates = named_groups(doc);
    candidates.extend(unnamed_groups(doc, &candidates));
    candidates.sort_by_key(|g| g.span.end);
    let mut out = Vec::new();
    // The groups spoken of so far, named or resolved, by where they end.
    let mut seen: Vec<Group> = Vec::new();
    let mut next = 0;
    for tok in &doc.tokens {
        let word = doc.slice(tok.span);
        if !is_plural_pronoun(word) {
            continue;
        }
        while next < candidates.len() && candidates[next].span.end <= tok.span.start {
            seen.push(candidates[next].clone());
            next += 1;
        }
        // The nearest sentence that speaks of a group: its last subject, else its last group.
        let here = sentence_of(doc, tok.span.start);
        let pick = (0..=2).find_map(|back| {
            let s = here.checked_sub(back)?;
            let first = seen.partition_point(|g| sentence_of(doc, g.span.start) < s);
            let groups = seen.get(first..)?;
            groups
                .iter()
                .rev()
                .find(|g| g.subject)
                .or_else(|| groups.last())
                .map(|g| g.members.clone())
        });
        // The pronoun is itself a group spoken of, named or not: "In a study they wrote with
        // Acemoglu and Price, they estimated" is the same unnamed "they" twice.
        let members = pick.flatten();
        // A "they" is its clause's subject; "them", "their" are not.
        seen.push(Group {
            span: tok.span,
            subject: word.eq_ignore_ascii_case("they"),
            members: members.clone(),
        });
        out.push((tok.span, members));
    }
    out
}

/// The groups known by a noun for people or bodies: a plural noun heading its phrase ("the
/// terrorists", "thousands of fans", "the states"), not said of a group already named ("a
/// nomadic, seafaring people") and not part of a group in `named` ("the American people").
fn unnamed_groups(doc: &Doc, named: &[Group]) -> Vec<Group> {
    let tokens = &doc.tokens;
    (0..tokens.len())
        .filter(|&k| {
            let word = doc.slice(tokens[k].span);
            (is_people_noun(word) || BODIES.contains(&word))
                && !qualifies(doc, tokens[k].span)
                && !indefinite(doc, k)
                && !inside(named, tokens[k].span)
        })
        .map(|k| Group::at(doc, tokens[k].span, None))
        .collect()
}

/// Whether one of `groups` (in order of where they end, each a few words long) holds `span`.
fn inside(groups: &[Group], span: Span) -> bool {
    let k = groups.partition_point(|g| g.span.end < span.end);
    groups[k..].iter().take(8).any(|g| g.span.contains(span))
}

/// Whether `word` is a plural noun for people: one the attribution stage knows for a group of
/// speakers, one of [`PEOPLE`], or a plural of an agent suffix ("borrowers", "terrorists",
/// "civilians", "residents", "employees").
fn is_people_noun(word: &str) -> bool {
    // Every such noun ends in "s", or in one of a few irregular plurals ("spokespeople",
    // "spokesmen"); a test checks the lists.
    let ends = |e: &str| {
        word.len() >= e.len()
            && word
                .get(word.len() - e.len()..)
                .is_some_and(|end| end.eq_ignore_ascii_case(e))
    };
    if !ends("s")
        && !["people", "police", "children", "men", "staff", "public"]
            .iter()
            .any(|e| ends(e))
    {
        return false;
    }
    let lower = word.to_lowercase();
    crate::attribution::GROUP_NOUNS.contains(&lower.as_str())
        || PEOPLE.contains(&lower.as_str())
        || (word.starts_with(char::is_lowercase)
            && word.len() > 4
            && ["ers", "ors", "ists", "ians", "ants", "ents", "ees"]
                .iter()
                .any(|e| word.ends_with(e)))
}

/// Whether the noun at token `k` opens with "a" or "an" ("a polite people"), over the words
/// that describe it.
fn indefinite(doc: &Doc, k: usize) -> bool {
    doc.tokens[..k]
        .iter()
        .rev()
        .take(4)
        .map(|t| (doc.slice(t.span), t.pos))
        .find(|(w, pos)| {
            !(matches!(pos, Some(Upos::Adj | Upos::Adv | Upos::Punct | Upos::Noun))
                || w.ends_with("ing"))
        })
        .is_some_and(|(w, _)| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
}

/// Plural nouns for people that neither the attribution stage's group nouns nor a suffix
/// give away.
const PEOPLE: &[&str] = &[
    "children",
    "men",
    "women",
    "troops",
    "fans",
    "families",
    "citizens",
    "soldiers",
    "staff",
    "colleagues",
    "friends",
    "kids",
    "journalists",
    "reporters",
    "victims",
    "crowds",
    "rebels",
    "militants",
    "civilians",
    "immigrants",
    "migrants",
    "refugees",
    "youths",
    "players",
    "guards",
    "settlers",
    "public",
];

/// Plural nouns for bodies that a "they" may stand for.
const BODIES: &[&str] = &[
    "states",
    "companies",
    "governments",
    "teams",
    "countries",
    "agencies",
    "firms",
    "banks",
    "groups",
    "parties",
    "institutions",
    "universities",
];

/// The groups of people `doc` names, in order of where they end.
fn named_groups(doc: &Doc) -> Vec<Group> {
    let mut mentions: Vec<(Span, EntityId, EntityType)> = doc
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m.span, e.id, e.kind)))
        .collect();
    mentions.sort_by_key(|m| (m.0.start, m.1.index()));
    let text = doc.text();
    let mut groups = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let (span, id, kind) = mentions[i];
        match kind {
            EntityType::PER => {
                // People joined: "A and B", "A, B and C", "A & B".
                let mut members = vec![id];
                let mut end = span.end;
                let mut j = i + 1;
                while let Some(&(next, other, EntityType::PER)) = mentions.get(j) {
                    let between = text.get(end as usize..next.start()).unwrap_or("").trim();
                    if !matches!(between, "and" | "," | ", and" | "&") {
                        break;
                    }
                    if !members.contains(&other) {
                        members.push(other);
                    }
                    end = next.end;
                    j += 1;
                }
                if members.len() > 1 {
                    let span = Span::new(span.start(), end as usize);
                    groups.push(Group::at(doc, span, Some(members)));
                    i = j;
                    continue;
                }
                // One person and their own: "Smith and his wife", "Higuchi, her mother and
                // her sister".
                if let Some(n) = with_kin(&text[span.end()..]) {
                    let span = Span::new(span.start(), span.end() + n);
                    groups.push(Group::at(doc, span, Some(members)));
                }
            }
            EntityType::NORP if is_a_people(doc, span) => {
                groups.push(Group::at(doc, span, Some(vec![id])))
            }
            // A nationality and a noun for people: "the American people", "Mexican officials".
            EntityType::NORP => {
                let k = doc.tokens.partition_point(|t| t.span.start < span.end);
                if let Some(noun) = doc
                    .tokens
                    .get(k)
                    .filter(|t| is_people_noun(doc.slice(t.span)) && !qualifies(doc, t.span))
                {
                    let span = Span::new(span.start(), noun.span.end());
                    groups.push(Group::at(doc, span, Some(vec![id])));
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Two people spoken of as a pair ("the two", "the couple", "the two leaders"): the last two
    // people named, in this sentence or the one before.
    for (k, tok) in doc.tokens.iter().enumerate() {
        let word = doc.slice(tok.span);
        let pair = ["two", "pair", "couple", "duo"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word));
        if !pair || !after_the(doc, tok.span) {
            continue;
        }
        let mut span = tok.span;
        if let Some(next) = doc.tokens.get(k + 1).filter(|t| t.pos == Some(Upos::Noun)) {
            if !is_people_noun(doc.slice(next.span)) {
                continue;
            }
            span = Span::new(tok.span.start(), next.span.end());
        }
        let here = sentence_of(doc, tok.span.start);
        let mut members = Vec::new();
        let before = mentions.partition_point(|m| m.0.start < tok.span.start);
        for &(m, id, kind) in mentions[..before].iter().rev() {
            if m.end > tok.span.start || kind != EntityType::PER || members.contains(&id) {
                continue;
            }
            if sentence_of(doc, m.start) + 1 < here {
                break;
            }
            members.push(id);
            if members.len() == 2 {
                break;
            }
        }
        if members.len() == 2 {
            members.reverse();
            groups.push(Group::at(doc, span, Some(members)));
        }
    }
    // A family by its name: "the Sams", "the Obamas" are the people of that surname.
    for tok in &doc.tokens {
        let word = doc.slice(tok.span);
        let Some(stem) = word.strip_suffix('s') else {
            continue;
        };
        if !word.starts_with(char::is_uppercase) || !after_the(doc, tok.span) {
            continue;
        }
        let members: Vec<EntityId> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::PER && e.name.split_whitespace().count() > 1)
            .filter(|e| e.name.split_whitespace().last() == Some(stem))
            .map(|e| e.id)
            .collect();
        if !members.is_empty() {
            groups.push(Group::at(doc, tok.span, Some(members)));
        }
    }
    groups.sort_by_key(|g| g.span.end);
    groups
}

/// The length of "and his wife", ", her mother and her sister" and the like at the start of
/// `rest`: one or more possessive nouns joined by commas or "and".
fn with_kin(rest: &str) -> Option<usize> {
    let mut len = 0;
    let mut parts = 0;
    loop {
        let tail = &rest[len..];
        let joined = tail
            .strip_prefix(", and ")
            .or_else(|| tail.strip_prefix(" and "))
            .or_else(|| tail.strip_prefix(", "));
        let Some(after) = joined else { break };
        let Some(noun) = ["his ", "her "].iter().find_map(|p| after.strip_prefix(p)) else {
            break;
        };
        let word = noun
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if word.is_empty() || word.starts_with(char::is_uppercase) {
            break;
        }
        len = rest.len() - noun.len() + word.len();
        parts += 1;
    }
    (parts > 0).then_some(len)
}

/// Whether the nationality at `span` names a people rather than qualifying a noun: it is plural
/// ("Americans") or a noun after "the" ("the Spanish arrived").
fn is_a_people(doc: &Doc, span: Span) -> bool {
    let word = doc.slice(span);
    if word.ends_with('s') && !word.ends_with("ss") {
        return true;
    }
    after_the(doc, span) && !qualifies(doc, span)
}

/// Whether "the" comes right before `span`.
fn after_the(doc: &Doc, span: Span) -> bool {
    let i = doc.tokens.partition_point(|t| t.span.start < span.start);
    i > 0
        && doc
            .slice(doc.tokens[i - 1].span)
            .eq_ignore_ascii_case("the")
}

/// Whether the words at `span` qualify a noun after them ("the American embassy", "the Trump
/// administration").
fn qualifies(doc: &Doc, span: Span) -> bool {
    let j = doc.tokens.partition_point(|t| t.span.start < span.end);
    doc.tokens.get(j).is_some_and(|t| {
        matches!(
            t.pos,
            Some(Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each plural pronoun of `text` with the names of its group's members, "-" for none.
    fn groups(text: &str) -> Vec<(String, String)> {
        let doc = crate::analyze_text(text, None);
        resolve_plurals(&doc)
            .into_iter()
            .map(|(span, members)| {
                let names = members.map_or_else(
                    || "-".to_owned(),
                    |m| {
                        m.iter()
                            .map(|id| doc.entities[id.index()].name.as_str())
                            .collect::<Vec<_>>()
                            .join(" + ")
                    },
                );
                (doc.slice(span).to_owned(), names)
            })
            .collect()
    }

    #[test]
    fn every_noun_for_people_passes_the_quick_check() {
        for word in crate::attribution::GROUP_NOUNS.iter().chain(PEOPLE) {
            assert!(is_people_noun(word), "{word}");
            // At a sentence's start too.
            let capital = word[..1].to_uppercase() + &word[1..];
            assert!(is_people_noun(&capital), "{capital}");
        }
    }

    #[test]
    fn people_joined_by_and_are_one_group() {
        assert_eq!(
            groups("Jenna Hill and Julien Moreau met in Paris. They married in 2001."),
            [("They".to_owned(), "Jenna Hill + Julien Moreau".to_owned())]
        );
    }

    #[test]
    fn a_person_and_their_kin_are_a_group_of_one_named_member() {
        assert_eq!(
            groups("Maria Lopez and her husband left Lima. They now live in Madrid."),
            [("They".to_owned(), "Maria Lopez".to_owned())]
        );
    }

    #[test]
    fn a_nationality_in_the_plural_is_a_people() {
        let found = groups("Many Americans moved to Texas in the 1820s. They wanted land.");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.starts_with("American"), "{found:?}");
    }

    #[test]
    fn a_they_carries_its_group_on() {
        let found = groups(
            "The Palestinians rejected the plan. They said it was unfair. The talks stalled. \
             Then their leaders left.",
        );
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|(_, g)| g.starts_with("Palestinian")));
    }

    #[test]
    fn a_they_with_no_group_named_close_by_stays_unresolved() {
        assert_eq!(
            groups(
                "Americans voted in May. The count took a week. Officials checked it. \
                 Then they published the result."
            ),
            [("they".to_owned(), "-".to_owned())]
        );
    }

    #[test]
    fn a_nationality_before_a_thing_is_no_group() {
        assert_eq!(
            groups("The American embassy issued a warning. They spoke to reporters."),
            [("They".to_owned(), "-".to_owned())]
        );
    }

    #[test]
    fn a_nationality_before_a_noun_for_people_is_a_group() {
        let found = groups("The American people know the truth. They will remember.");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.starts_with("American"), "{found:?}");
    }

    #[test]
    fn a_family_name_in_the_plural_is_the_family() {
        assert_eq!(
            groups(
                "Thomas Sam and his wife Manju Sam were charged. The court heard that the Sams \
                 shunned treatment. They deny the charges."
            ),
            [("They".to_owned(), "Thomas Sam + Manju Sam".to_owned())]
        );
    }

    #[test]
    fn the_two_are_the_last_two_people_named() {
        assert_eq!(
            groups(
                "Ana Lima met Boris Petrov in Vienna. The two signed a deal on their first day."
            ),
            [("their".to_owned(), "Ana Lima + Boris Petrov".to_owned())]
        );
    }

    #[test]
    fn an_unresolved_they_stays_its_own_group() {
        // The authors' "they", named nowhere, is not the two people they wrote with.
        assert_eq!(
            groups(
                "The report was long. In another study they wrote with Daron Acemoglu and \
                 Brendan Price, they estimated the losses."
            ),
            [
                ("they".to_owned(), "-".to_owned()),
                ("they".to_owned(), "-".to_owned())
            ]
        );
    }

    #[test]
    fn a_people_in_the_name_of_a_body_is_no_group() {
        assert_eq!(
            groups("Sajid Tarar started Muslim Americans for Trump. They say it is growing."),
            [("They".to_owned(), "-".to_owned())]
        );
    }

    #[test]
    fn a_group_known_by_a_noun_is_nobody_named() {
        assert_eq!(
            groups("The Palestinians met officials. The terrorists fled. They were armed."),
            [("They".to_owned(), "-".to_owned())]
        );
    }

    #[test]
    fn the_subject_comes_before_a_later_group() {
        assert_eq!(
            groups("Thais are tolerant of foreigners on their beaches."),
            [("their".to_owned(), "Thais".to_owned())]
        );
    }
}
