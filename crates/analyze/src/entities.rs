//! Entities: people, organisations and places, found by the trained NER and the gazetteer, with
//! news rules on top, and merged within the article.
//!
//! - Words are the tokens split at hyphens, as UD tokenizes them (`El Salvador-based` is `El`
//!   `Salvador` `-` `based`).
//! - The NER (`newsgraph-models`) proposes PER, ORG and LOC mentions; gazetteer names (outlets,
//!   organisations, places) fill in what it missed and win over a shorter overlapping guess;
//!   nationalities are NORP mentions where nothing else covers them.
//! - A title before a person is a role, not part of the name: "U.S. Defense Secretary Pete
//!   Hegseth" is Pete Hegseth with role "U.S. Defense Secretary".
//! - Mentions merge into entities: a person's later surname ("Trump") joins the fullest name
//!   ending in it ("Donald Trump"); organisations and places merge on their normalised name and
//!   known aliases (U.S., US, USA, United States). An entity's name is its fullest mention.
//! - Embedded post authors are people, with their handle as an alias.

use std::collections::HashMap;

use newsgraph_doc::layers::{DebrisKind, Entity, EntityType, Mention, Upos};
use newsgraph_doc::{Doc, EntityId, Layer, Origin, Span, Stage};
use newsgraph_models::{gazetteer, tagger};

/// The entity stage.
#[derive(Debug, Default)]
pub struct Entities;

/// Words that make a title or role when they stand before a name, with the person's titles
/// the NER leaves out of names ([`is_title`]).
const TITLE_WORDS: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Defense",
    "Defence",
    "State",
    "Foreign",
    "Interior",
    "Finance",
    "Treasury",
    "Homeland",
    "Security",
    "Attorney",
    "General",
    "Gen.",
    "Sen.",
    "Senator",
    "Rep.",
    "Representative",
    "Gov.",
    "Governor",
    "Mayor",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Judge",
    "Justice",
    "Chief",
    "Executive",
    "CEO",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Director",
    "Commissioner",
    "Ambassador",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Speaker",
    "Leader",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "Col.",
    "Lt.",
    "Maj.",
    "Capt.",
    "Adm.",
    "Sgt.",
    "Rev.",
    "Former",
    "former",
    "Deputy",
    "Acting",
    "First",
    "Lady",
    "Presidente",
    "Presidenta",
    "U.S.",
    "US",
    "Mexican",
    "American",
    "British",
    "French",
    "Chinese",
    "Russian",
    "Brazilian",
    "Portuguese",
    "German",
    "Israeli",
    "Ukrainian",
];

/// Words of the bodies that qualify a title ("House Speaker", "Senate Majority Leader", "White
/// House Press Secretary"); places and nationalities of the gazetteer qualify one too.
const TITLE_QUALIFIERS: &[&str] = &[
    "House",
    "Senate",
    "White",
    "Majority",
    "Minority",
    "Press",
    "Supreme",
    "Court",
    "Federal",
    "Reserve",
    "National",
    "Council",
    "Democratic",
    "Republican",
    "GOP",
    "Party",
    "Whip",
    "Assembly",
    "Parliament",
    "Congress",
    "Congressional",
    "Intelligence",
    "Committee",
    "Army",
    "Navy",
    "Air",
    "Force",
    "Joint",
    "Chiefs",
    "Staff",
    "Health",
    "Energy",
    "Labor",
    "Commerce",
    "Education",
    "Transportation",
    "Agriculture",
    "Justice",
    "Campaign",
    "Communications",
    "Policy",
    "Economic",
    "Trade",
    "Police",
    "Fire",
    "County",
    "City",
    "State",
    "Chief",
];

/// Short words that follow a name and a hyphen without being a syllable of its last part
/// ("Trump-led", "Obama-era").
const NOT_SYLLABLES: &[&str] = &[
    "led", "era", "run", "old", "ran", "set", "held", "made", "born", "bred", "back", "free",
    "like", "type", "wide", "less", "fan", "fans", "ally", "aide", "only", "side", "camp", "team",
    "plan", "bill", "deal", "wing", "ish", "win", "vote", "tax", "care", "days", "year", "time",
    // Particles that open the next part of a name ("Locksley-von Hammerstein").
    "von", "van", "de", "da", "del", "der", "den", "la", "le", "al", "el", "bin", "ibn",
];

/// Whether `word` makes a title or role before a name: one of [`TITLE_WORDS`], or a person's
/// title the NER leaves out of a name ("Dame", "Aunt", "Sheikh"), capitalised.
fn is_title(word: &str) -> bool {
    TITLE_WORDS.contains(&word)
        || (word.starts_with(char::is_uppercase) && tagger::is_person_title(word))
}

/// Titles that only people hold: a name after one is a person's.
const PERSON_TITLES: &[&str] = &[
    "President",
    "Minister",
    "Secretary",
    "Senator",
    "Sen.",
    "Governor",
    "Gov.",
    "Mayor",
    "Chancellor",
    "Ambassador",
    "Spokesman",
    "Spokeswoman",
    "Rep.",
    "Gen.",
    "Judge",
    "King",
    "Queen",
];

/// Whether `word` opens clauses and never names ("If", "At", "When").
fn is_opener(word: &str) -> bool {
    newsgraph_models::tagger::OPENERS.contains(&word.to_lowercase().as_str())
}

/// Whether `word` is a first name of the gazetteer.
fn is_first_name(word: &str) -> bool {
    gazetteer::global()
        .longest_at(&[word], 0)
        .is_some_and(|(_, kinds)| kinds.contains(&"FIRST"))
}

/// Whether `word` is a first name of the gazetteer or of the cue lexicon's names.
fn is_any_first_name(word: &str) -> bool {
    is_first_name(word) || crate::attribution::is_gendered_first_name(word)
}

/// Compass words that make a region of a place ("Eastern Mexico").
const COMPASS: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Northeastern",
    "Northwestern",
    "Southeastern",
    "Southwestern",
];

/// Whether a NORP mention lies inside another mention.
fn found_covered(
    found: &[(usize, usize, EntityType, bool, Origin)],
    f: &(usize, usize, EntityType, bool, Origin),
) -> bool {
    found
        .iter()
        .any(|o| o.2 != EntityType::NORP && o.0 <= f.0 && f.1 <= o.1)
}

/// Alternative names of a few places and organisations, to their canonical name.
const ALIASES: &[(&str, &str)] = &[
    ("U.S.", "United States"),
    ("US", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("America", "United States"),
    ("United States of America", "United States"),
    ("U.K.", "United Kingdom"),
    ("UK", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("U.N.", "United Nations"),
    ("UN", "United Nations"),
    ("E.U.", "European Union"),
    ("EU", "European Union"),
    ("US Army", "U.S. Army"),
    ("State Department", "U.S. State Department"),
    ("International Crisis Group", "Crisis Group"),
];

const BY_NER: Origin = Origin::new("entities", "ner");
const BY_GAZETTEER: Origin = Origin::new("entities", "gazetteer");
const BY_POST: Origin = Origin::new("entities", "post-author");
const BY_MERGE: Origin = Origin::new("entities", "merge");
const BY_PROPAGATION: Origin = Origin::new("entities", "name-propagation");
const BY_ORG_HEAD: Origin = Origin::new("entities", "organisation-head");
const BY_FIRST_NAME: Origin = Origin::new("entities", "first-name");

/// Last words that make a run of capitalised words an organisation's name ("Harbor
/// Engineering Council", "Federal Bureau of Investigation").
const ORG_HEADS: &[&str] = &[
    "Council",
    "Committee",
    "Commission",
    "Agency",
    "Authority",
    "Department",
    "Ministry",
    "Union",
    "Association",
    "Institute",
    "University",
    "Bank",
    "Party",
    "Corporation",
    "Company",
    "Group",
    "Foundation",
    "Center",
    "Centre",
    "Court",
    "Board",
    "Bureau",
    "Office",
    "Federation",
    "League",
    "Society",
    "Organization",
    "Organisation",
    "Coalition",
    "Alliance",
    "Institution",
    "Inc.",
    "Corp.",
    "Ltd.",
    "LLC",
    "Airlines",
    "Network",
    "Police",
    "Army",
    "Navy",
    "Guard",
    "Senate",
    "Parliament",
    "Congress",
    "Assembly",
    "Cartel",
    "Campaign",
];
/// Lower-case nouns after a capitalised name that make it an organisation's ("the Northern
/// Route network", "the Sinaloa cartel").
const GROUP_NOUNS: &[&str] = &[
    "network",
    "cartel",
    "cartels",
    "gang",
    "militia",
    "syndicate",
];
/// Words that may join the capitalised words of an organisation's name.
const NAME_JOINERS: &[&str] = &["of", "for", "and", "on", "&", "the", "de", "del"];
/// Last words of place names that begin with a first name ("Victoria Falls").
const PLACE_HEADS: &[&str] = &[
    "Falls",
    "River",
    "Island",
    "Islands",
    "Street",
    "County",
    "City",
    "Lake",
    "Mountain",
    "Mountains",
    "Park",
    "Bay",
    "Beach",
    "Valley",
    "Avenue",
    "Road",
    "Square",
    "Bridge",
];

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Debris, Layer::Posts]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Entities, Layer::Pos]
    }
    fn run(&self, doc: &mut Doc) {
        let mut mentions = Vec::new();
        let mut pos = Vec::new();
        for t in tag_document(doc) {
            sentence_mentions(doc, t, &mut mentions, &mut pos);
        }
        // A token split at hyphens takes the tag of its first part.
        let mut next = 0;
        for (start, tag) in pos {
            next += doc.tokens[next..].partition_point(|t| t.span.start() < start);
            if let Some(t) = doc.tokens.get_mut(next).filter(|t| t.span.start() == start) {
                t.pos = Some(tag);
            }
        }
        for post in &doc.posts {
            if let Some(span) = post.author_mention {
                mentions.push(Found {
                    span,
                    kind: EntityType::PER,
                    media: false,
                    role: None,
                    by: BY_POST,
                });
            }
        }
        // A name that fills a quotation is a name spoken of, not a person present: her dog
        // "Mr. Marbles", the character "Adam", a pseudonym ("Mourey").
        mentions.retain(|m| {
            m.kind != EntityType::PER || !fills_quotation(doc.text(), m.span, m.role.as_deref())
        });
        mentions.sort_by_key(|m| m.span);
        mentions.dedup_by_key(|m| m.span);
        let mut entities = merge(doc, mentions);
        propagate(doc, &mut entities);
        doc.entities = entities;
    }
}

/// Whether `span` of `text`, with its `role` before it, is all a quotation holds: a quotation
/// mark right before them, and one right after the name or after a comma or period.
fn fills_quotation(text: &str, span: Span, role: Option<&str>) -> bool {
    let is_mark =
        |c: char| crate::quotes::marks::family(c) == Some(crate::quotes::marks::Family::Double);
    let head = &text[..span.start as usize];
    let head = match role.and_then(|r| head.trim_end().strip_suffix(r)) {
        Some(rest) => rest,
        None => head,
    };
    let before = head.chars().next_back();
    let mut after = text[span.end as usize..].chars();
    let after = match after.next() {
        Some(',' | '.') => after.next(),
        c => c,
    };
    before.is_some_and(is_mark) && after.is_some_and(is_mark)
}

/// A mention before merging.
#[derive(Clone, Debug)]
struct Found {
    span: Span,
    kind: EntityType,
    media: bool,
    role: Option<String>,
    by: Origin,
}

/// The sentences of a tokenized document as the taggers read them: their words (hyphenated
/// words split), their spans, and their POS and NER tags, the NER's of the whole document
/// (see `newsgraph_models::Tagger::tag_document`). Sentences without a word are left out; none when no
/// model is compiled in.
fn tag_document(doc: &Doc) -> Vec<Tagged<'_>> {
    let (Some(pos_model), Some(ner_model)) = (newsgraph_models::pos(), newsgraph_models::ner())
    else {
        return Vec::new();
    };
    let mut words: Vec<(Vec<Span>, Vec<&str>)> = Vec::new();
    for s in &doc.sentences {
        let spans = crate::segment::hyphen_parts(doc.text(), doc.tokens_in(s.span));
        if !spans.is_empty() {
            let texts = spans.iter().map(|s| doc.slice(*s)).collect();
            words.push((spans, texts));
        }
    }
    let mut prepared: Vec<newsgraph_models::features::Prepared> = words
        .iter()
        .map(|(_, texts)| newsgraph_models::features::Prepared::new(texts, true))
        .collect();
    let pos: Vec<Vec<&'static str>> = prepared
        .iter()
        .map(|p| pos_model.tag_prepared(p, newsgraph_models::tagger::NO_POS))
        .collect();
    let tags = ner_model.tag_document(&mut prepared, &pos);
    words
        .into_iter()
        .zip(pos)
        .zip(tags)
        .map(|(((spans, texts), pos), tags)| Tagged {
            spans,
            texts,
            pos,
            tags,
        })
        .collect()
}

/// What [`tag_document`] gives of each sentence.
struct Tagged<'d> {
    spans: Vec<Span>,
    texts: Vec<&'d str>,
    pos: Vec<&'static str>,
    tags: Vec<&'static str>,
}

/// Runs the POS tagger and the NER over every sentence of a tokenized document, as the entity
/// stage does, and returns how many words they tagged: the bench times this alone.
pub fn tag_sentences(doc: &Doc) -> usize {
    tag_document(doc).iter().map(|t| t.tags.len()).sum()
}

/// Finds a tagged sentence's mentions, and adds each word's part of speech (at its start) to
/// `pos`.
fn sentence_mentions(
    doc: &Doc,
    tagged: Tagged,
    out: &mut Vec<Found>,
    pos: &mut Vec<(usize, Upos)>,
) {
    let Tagged {
        spans,
        texts,
        pos: upos,
        tags,
    } = tagged;
    pos.extend(
        spans
            .iter()
            .zip(&upos)
            .filter_map(|(s, tag)| Some((s.start(), Upos::parse(tag)?))),
    );
    let mut found: Vec<(usize, usize, EntityType, bool, Origin)> = Vec::new();
    for (kind, first, end) in newsgraph_models::eval::spans(&tags) {
        let kind = match kind.as_str() {
            "PER" => EntityType::PER,
            "ORG" => EntityType::ORG,
            _ => EntityType::LOC,
        };
        found.push((first, end, kind, false, BY_NER));
    }
    // Gazetteer names: added where the NER found nothing, preferred where they are longer.
    let g = gazetteer::global();
    // The words of the gazetteer's places and nationalities, which may qualify a title ("Ohio
    // Gov.", "New Hampshire Gov.", "Mexican President").
    let mut place_word = vec![false; texts.len()];
    // The gazetteer's organisations inside a longer name the NER found.
    let mut inside: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        let Some((n, kinds)) = g.longest_at(&texts, i) else {
            // A nationality in the plural is its people ("Americans", "Thais"), as is a proper
            // noun that is one by its ending ("Mesoamericans", "Tanzanians"); but not in the
            // name of a body ("Muslim Americans for Trump").
            let body = texts.get(i + 1) == Some(&"for")
                && texts
                    .get(i + 2)
                    .is_some_and(|w| w.starts_with(char::is_uppercase));
            let people = !body
                && (singular_nationality(texts[i]).is_some()
                    || (upos[i] == "PROPN"
                        && texts[i].len() > 5
                        && texts[i].ends_with("ans")
                        && texts[i].starts_with(char::is_uppercase)));
            if people && !found.iter().any(|f| f.0 <= i && i < f.1) {
                place_word[i] = true;
                found.push((i, i + 1, EntityType::NORP, false, BY_GAZETTEER));
            }
            i += 1;
            continue;
        };
        if kinds.iter().any(|t| matches!(*t, "LOC" | "NORP")) {
            place_word[i..i + n].iter_mut().for_each(|w| *w = true);
        }
        let kind = if kinds.contains(&"MEDIA") {
            Some((EntityType::ORG, true))
        } else if kinds.contains(&"ORG") {
            Some((EntityType::ORG, false))
        } else if kinds.contains(&"LOC") {
            Some((EntityType::LOC, false))
        } else if kinds.contains(&"NORP") {
            Some((EntityType::NORP, false))
        } else if kinds.contains(&"PER") {
            // Only users' lists name people.
            Some((EntityType::PER, false))
        } else {
            None
        };
        if let Some((kind, media)) = kind {
            let (s, e) = (i, i + n);
            let overlapping: Vec<usize> = (0..found.len())
                .filter(|&k| found[k].0 < e && s < found[k].1)
                .collect();
            // Not where the gazetteer's name opens with "The" and the NER's runs on past it
            // ("The Atlantic Council" is no magazine).
            let longest = overlapping
                .iter()
                .all(|&k| found[k].1 - found[k].0 <= n && (found[k].1 <= e || texts[s] != "The"));
            if kind == EntityType::NORP {
                if overlapping.is_empty() {
                    found.push((s, e, kind, false, BY_GAZETTEER));
                }
            } else if longest {
                let kept: Vec<_> = found
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| !overlapping.contains(k))
                    .map(|(_, f)| f.clone())
                    .collect();
                found = kept;
                found.push((s, e, kind, media, BY_GAZETTEER));
            } else if let Some(&k) = overlapping.first() {
                // The NER's longer guess stands; a gazetteer outlet inside it flags it as media.
                found[k].3 |= media;
                if kind == EntityType::ORG {
                    inside.push((s, e, media));
                }
            }
        }
        i += n;
    }
    // Unless the gazetteer's bodies fill it end to end: "U.S. Army Green Berets" is the U.S.
    // Army and its Green Berets (but a place before a body qualifies it: "Ohio Democratic
    // Party", "U.S. Senate").
    for k in (0..found.len()).rev() {
        let (first, end) = (found[k].0, found[k].1);
        let parts: Vec<_> = inside
            .iter()
            .filter(|g| first <= g.0 && g.1 <= end)
            .collect();
        let tiled = parts.len() > 1
            && found[k].2 != EntityType::PER
            && parts[0].0 == first
            && parts.last().is_some_and(|g| g.1 == end)
            && parts.windows(2).all(|w| w[0].1 == w[1].0);
        if tiled {
            found.remove(k);
            found.extend(
                parts
                    .iter()
                    .map(|g| (g.0, g.1, EntityType::ORG, g.2, BY_GAZETTEER)),
            );
        }
    }
    found.sort_by_key(|f| f.0);
    // A nationality or compass word glued before an organisation or place belongs to its name:
    // "Mexican Marine Corps", "Eastern Mexico".
    for k in 0..found.len() {
        let (first, _, kind, _, _) = found[k];
        if first == 0 || !matches!(kind, EntityType::ORG | EntityType::LOC) {
            continue;
        }
        let before = texts[first - 1];
        let norp = k > 0 && found[k - 1].2 == EntityType::NORP && found[k - 1].1 == first;
        let compass = COMPASS.contains(&before) && kind == EntityType::LOC;
        if (norp && kind == EntityType::ORG) || compass {
            found[k].0 = first - 1;
            found[k].4 = BY_GAZETTEER;
        }
    }
    // A first name, then one capitalised word taken for a place or a body: one person ("Ana
    // Lima", "Paris Hilton", "Jordan Peterson").
    let mut k = 0;
    while k + 1 < found.len() {
        let (first, end, kind) = (found[k].0, found[k].1, found[k].2);
        let next = &found[k + 1];
        if kind == EntityType::PER
            && end == first + 1
            && is_first_name(texts[first])
            && next.0 == end
            && next.1 == end + 1
            && matches!(next.2, EntityType::LOC | EntityType::ORG)
            && texts[end].starts_with(char::is_uppercase)
        {
            found[k].1 = next.1;
            found.remove(k + 1);
        }
        k += 1;
    }
    let all = found.clone();
    found.retain(|f| !(f.2 == EntityType::NORP && found_covered(&all, f)));
    let capitalised = |k: usize| texts[k].starts_with(char::is_uppercase);
    // Runs of capitalised words ending in an organisation's head word: "the Harbor Engineering
    // Council said" (the overlap rule below keeps the longer of this and the NER's guess).
    let mut k = 0;
    while k < texts.len() {
        if !capitalised(k) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k + 1;
        let mut head = ORG_HEADS.contains(&texts[k]).then_some(k + 1);
        while end < texts.len() {
            if capitalised(end) {
                end += 1;
            } else if NAME_JOINERS.contains(&texts[end])
                && end + 1 < texts.len()
                && capitalised(end + 1)
            {
                end += 2;
            } else {
                break;
            }
            if ORG_HEADS.contains(&texts[end - 1]) {
                head = Some(end);
            }
        }
        // A sentence's first word and leading titles are not part of the name, nor a word
        // that opens a clause ("At the Michoud Assembly Facility").
        let mut first = start;
        while first < end
            && (is_title(texts[first]) || texts[first] == "The" || is_opener(texts[first]))
        {
            first += 1;
            while first < end && matches!(texts[first], "the" | "a" | "an") {
                first += 1;
            }
        }
        if let Some(head) = head.filter(|&h| h >= first + 2) {
            found.push((first, head, EntityType::ORG, false, BY_ORG_HEAD));
        } else if first < end
            && first > 0
            && texts.get(end).is_some_and(|w| GROUP_NOUNS.contains(w))
        {
            // "the Northern Route network", "the Sinaloa cartel": the name before the noun.
            found.push((first, end, EntityType::ORG, false, BY_ORG_HEAD));
        }
        k = end;
    }
    // The words that go on a name begun before them ("Army" in "U.S. Army").
    let mut continues = vec![false; texts.len()];
    for f in &found {
        continues[f.0 + 1..f.1].iter_mut().for_each(|c| *c = true);
    }
    for f in found.iter_mut() {
        let words = &texts[f.0..f.1];
        // "Portuguese Defense Minister Tiago Ferreira": a title followed by a name is a person.
        if let Some(t) = words.iter().rposition(|w| PERSON_TITLES.contains(w)) {
            if t + 1 < words.len()
                && words[t + 1..]
                    .iter()
                    .all(|w| w.starts_with(char::is_uppercase))
            {
                f.2 = EntityType::PER;
            }
        }
        // A name right after a person's title is a person's, whatever the NER or the
        // gazetteer took it for ("Vice President Ford", not the carmaker).
        if f.2 != EntityType::PER
            && f.0 > 0
            && PERSON_TITLES.contains(&texts[f.0 - 1])
            && words.iter().all(|w| w.starts_with(char::is_uppercase))
        {
            f.2 = EntityType::PER;
        }
        // A place whose name opens with a first name is a person ("Ana Lima", where "Lima"
        // alone would be the capital), unless it ends like a place ("Victoria Falls").
        let known_place = gazetteer::global()
            .longest_at(&texts, f.0)
            .is_some_and(|(n, _)| n >= f.1 - f.0);
        if f.2 == EntityType::LOC
            && f.1 - f.0 >= 2
            && is_first_name(words[0])
            && !known_place
            && !words.last().is_some_and(|w| PLACE_HEADS.contains(w))
        {
            f.2 = EntityType::PER;
            f.4 = BY_FIRST_NAME;
        }
        // A first name alone followed by a capitalised word inside a sentence is a first and
        // last name ("Kieran Suckling says", where the tagger took "Suckling" for a verb),
        // unless more capitalised words follow (a headline in title case) or the word is a
        // title, a month or a day.
        if f.2 == EntityType::PER
            && f.1 - f.0 == 1
            && f.0 > 0
            && f.1 < texts.len()
            && is_any_first_name(texts[f.0])
            && capitalised(f.1)
            && texts[f.1].chars().skip(1).all(char::is_lowercase)
            && texts[f.1].chars().count() > 1
            && !texts
                .get(f.1 + 1)
                .is_some_and(|w| w.starts_with(char::is_uppercase))
            && !is_title(texts[f.1])
            && !crate::attribution::NOT_NAMES.contains(&texts[f.1])
            && !is_opener(texts[f.1])
        {
            f.1 += 1;
        }
        // A first name just before a person's name belongs to it ("Helena Matos").
        if f.2 == EntityType::PER
            && f.0 > 0
            && capitalised(f.0 - 1)
            && is_first_name(texts[f.0 - 1])
        {
            f.0 -= 1;
        }
        // A capitalised word glued before an organisation's name is part of it ("Atlantic
        // Security Council"), unless it opens the sentence or a quotation, is a title, is a
        // word that opens clauses ("“If NASA focuses …"), or ends another name ("U.S. Army
        // Green Berets" are the Green Berets of the U.S. Army).
        if f.2 == EntityType::ORG
            && f.0 > 1
            && capitalised(f.0 - 1)
            && !continues[f.0 - 1]
            && !is_title(texts[f.0 - 1])
            && !is_opener(texts[f.0 - 1])
            && !texts[f.0 - 2].starts_with(['"', '“', '«', '‘', '\'', '„', '(', '[', ':'])
        {
            f.0 -= 1;
        }
    }
    // Titles alone ("Prime Minister") are roles, not people.
    found.retain(|f| !(f.2 == EntityType::PER && texts[f.0..f.1].iter().all(|w| is_title(w))));
    // Mentions that now overlap: the longer stays.
    found.sort_by_key(|f| (f.0, std::cmp::Reverse(f.1)));
    let mut kept: Vec<(usize, usize, EntityType, bool, Origin)> = Vec::new();
    for f in found {
        if kept.last().is_some_and(|k| f.0 < k.1) {
            continue;
        }
        kept.push(f);
    }
    let found = kept;
    for (first, end, kind, media, by) in found {
        let (mut first, end) = (first, end);
        // Titles at the start of a person mention, and those just before it, are its role,
        // with the bodies and places that qualify them ("House Speaker", "Senate Majority
        // Leader", "Ohio Gov."): the role ends in a title.
        let mut role_start = first;
        if kind == EntityType::PER {
            let title = |k: usize| is_title(texts[k]);
            // A body's word, or a place's or nationality's.
            let qualifies = |k: usize| TITLE_QUALIFIERS.contains(&texts[k]) || place_word[k];
            let mut k = first;
            while k + 1 < end && (title(k) || qualifies(k)) {
                if title(k) {
                    first = k + 1;
                }
                k += 1;
            }
            // Back from the role (or the name) over what qualifies a title next to it.
            if role_start < first || (role_start > 0 && title(role_start - 1)) {
                // "Secretary of State": a title of a title.
                let of = |k: usize| texts[k] == "of" && k > 0 && title(k - 1);
                while role_start > 0
                    && first - role_start < 6
                    && (title(role_start - 1) || qualifies(role_start - 1) || of(role_start - 1))
                {
                    role_start -= 1;
                }
            }
        }
        let role = (role_start < first).then(|| {
            doc.slice(spans[role_start].cover(spans[first - 1]))
                .to_owned()
        });
        // A given name of syllables joined by a hyphen ends with the last of them, which the
        // tagger saw as a word of its own: "Kim Jong-un", "Cheuk Hau-yip".
        let glued = |k: usize| spans[k].start == spans[k - 1].end;
        let syllable = kind == EntityType::PER
            && end + 1 < texts.len()
            && texts[end] == "-"
            && glued(end)
            && glued(end + 1)
            && texts[end + 1].chars().all(char::is_alphabetic)
            // A syllable in lower case ("Jong-un"), or a first name ("Jean-Marc").
            && ((texts[end + 1].chars().count() <= 4
                && texts[end + 1].starts_with(char::is_lowercase)
                && !NOT_SYLLABLES.contains(&texts[end + 1]))
                || is_first_name(texts[end + 1]))
            // ("Jong-un," but not "Jong-un-style").
            && !(end + 2 < texts.len() && glued(end + 2) && texts[end + 2] == "-");
        let end = if syllable { end + 2 } else { end };
        let span = spans[first].cover(spans[end - 1]);
        // Links and page furniture hold no entities; source tags and signatures do.
        let furniture = doc
            .debris_overlapping(span)
            .iter()
            .any(|d| !matches!(d.kind, DebrisKind::SourceTag | DebrisKind::EmbedSignature));
        if furniture {
            continue;
        }
        out.push(Found {
            span,
            kind,
            media,
            role,
            by,
        });
    }
}

/// A name as written, in title case when written in capitals (as a post's signature does);
/// short capitalised names (acronyms such as `RTP`, `MS-13`) stay as they are.
fn display(name: &str) -> String {
    if name.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return name.to_owned();
    }
    crate::posts::display_name(name)
}

/// The nationality whose plural `word` is ("Americans" → "American"), where the gazetteer
/// knows it.
fn singular_nationality(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    let (n, kinds) = gazetteer::global().longest_at(&[stem], 0)?;
    (n == 1 && stem.starts_with(char::is_uppercase) && kinds.contains(&"NORP")).then_some(stem)
}

/// The key organisations, places and nationalities merge on ("Americans" on "American").
fn key(name: &str) -> String {
    let name = singular_nationality(name).unwrap_or(name);
    let canonical = ALIASES
        .iter()
        .find(|(a, _)| *a == name)
        .map_or(name, |(_, c)| c);
    let canonical = canonical.strip_prefix("the ").unwrap_or(canonical);
    folded(&canonical.replace('.', ""))
}

/// Honorifics before a name and letters after it that are no part of it: "Dame Zaha Hadid DBE
/// RA" is Zaha Hadid, "Martin Luther King Jr." is King.
const HONORIFICS: &[&str] = &[
    "Sir", "Dame", "Lord", "Lady", "Dr.", "Dr", "Prof.", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms",
];
const POST_NOMINALS: &[&str] = &[
    "DBE", "CBE", "OBE", "MBE", "KBE", "GBE", "RA", "FRS", "KC", "QC", "MP", "PhD", "Ph.D.", "MD",
    "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV",
];

/// A person's name without its [`HONORIFICS`] and [`POST_NOMINALS`], word by word.
fn name_words(name: &str) -> Vec<&str> {
    let mut words: Vec<&str> = name
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    while words.len() > 1 && POST_NOMINALS.contains(words.last().unwrap_or(&"")) {
        words.pop();
    }
    let lead = words
        .iter()
        .take(words.len().saturating_sub(1))
        .take_while(|w| HONORIFICS.contains(w))
        .count();
    words.split_off(lead)
}

/// Letters with marks (Latin-1, Latin Extended-A and -B, Latin Extended Additional) whose
/// Unicode decomposition is one ASCII letter and marks, and below them, letter for letter,
/// those ASCII letters.
const MARKED: &str = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ\
    ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő\
    ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛ\
    ǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯ\
    ȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷ\
    ḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳ\
    ṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵ\
    ẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰự\
    ỲỳỴỵỶỷỸỹ";
const PLAIN: &str = "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaC\
    cCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJjKkLlLlLlNnNnNnOoOoOo\
    RrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzOoUuAaIiOoUuUuUuUuU\
    uAaAaGgKkOoOojGgNnAaAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOo\
    OoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLl\
    LlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUu\
    UuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwyAaAaAaAaAaAaAaAaAaAaAa\
    AaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUu\
    YyYyYyYy";

/// `word` lower-cased, its letters without their marks ("Zahā Ḥadīd" → "zaha hadid"), so that
/// names written with and without them are one ("López", "Lopez").
fn folded(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    lower
        .chars()
        .map(|c| {
            MARKED
                .chars()
                .zip(PLAIN.chars())
                .find(|&(m, _)| m == c)
                .map_or(c, |(_, p)| p.to_ascii_lowercase())
        })
        .collect()
}

/// Whether two names of one surname may be one person: either gives no first name, or their
/// first names agree, one perhaps an initial of the other ("J. Smith", "John Smith").
fn same_first_name(a: &str, b: &str) -> bool {
    let first = |n: &str| {
        let words = name_words(n);
        (words.len() > 1).then(|| folded(words[0].trim_end_matches('.')))
    };
    match (first(a), first(b)) {
        (Some(x), Some(y)) => {
            x == y
                || (x.chars().count() == 1 && y.starts_with(&x))
                || (y.chars().count() == 1 && x.starts_with(&y))
        }
        _ => true,
    }
}

/// The one earlier person whose first name `text` is, when it is a first name alone and one
/// person only has it: "Isabel" after "Isabel Ruiz" (interviews and profiles call people so).
fn by_first_name(entities: &[Entity], text: &str) -> Option<usize> {
    let words = name_words(text);
    let [first] = words.as_slice() else {
        return None;
    };
    if !is_any_first_name(first) {
        return None;
    }
    let mut having = entities.iter().enumerate().filter(|(_, e)| {
        let names = name_words(&e.name);
        e.kind == EntityType::PER && names.len() > 1 && names.first() == Some(first)
    });
    match (having.next(), having.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

fn merge(doc: &Doc, mentions: Vec<Found>) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_key: HashMap<(u8, String), usize> = HashMap::new();
    // Per entity, how many of its mentions were found as an organisation and as a place.
    let mut org_loc: Vec<[usize; 2]> = Vec::new();
    for m in mentions {
        let text = display(
            doc.slice(m.span)
                .trim_end_matches("’s")
                .trim_end_matches("'s"),
        );
        let type_key = match m.kind {
            EntityType::PER => 0u8,
            EntityType::ORG => 1,
            EntityType::LOC => 2,
            _ => 3,
        };
        // Where the mention counts in its entity's `org_loc`.
        let org_or_loc = match m.kind {
            EntityType::ORG => Some(0),
            EntityType::LOC => Some(1),
            _ => None,
        };
        let found = match m.kind {
            // A person merges with an earlier person sharing the last name, unless both
            // give first names that differ ("Teddie Goode" is not "Matthew Goode").
            EntityType::PER => {
                let last = folded(name_words(&text).last().unwrap_or(&""));
                entities
                    .iter()
                    .position(|e| {
                        e.kind == EntityType::PER
                            && name_words(&e.name)
                                .last()
                                .is_some_and(|l| folded(l) == last)
                            && same_first_name(&e.name, &text)
                    })
                    .or_else(|| by_first_name(&entities, &text))
            }
            _ => {
                let key = key(&text);
                // An organisation and a place of one name are one entity ("DUBAI, United Arab
                // Emirates —" and "Dubai's flagship carrier"), of the type most mentions give.
                let other = match m.kind {
                    EntityType::ORG => Some(2),
                    EntityType::LOC => Some(1),
                    _ => None,
                };
                by_key
                    .get(&(type_key, key.clone()))
                    .or_else(|| other.and_then(|t| by_key.get(&(t, key))))
                    .copied()
                    .or_else(|| {
                        // One word taken for a place or a body that is the surname of a person
                        // named in full before is that person ("Valeska Paris … Paris said"),
                        // unless a region follows it as it follows a town ("Austin, Texas").
                        let town = doc.text()[m.span.end()..]
                            .strip_prefix(", ")
                            .is_some_and(|rest| rest.starts_with(char::is_uppercase));
                        (other.is_some() && !text.contains(' ') && !town)
                            .then(|| {
                                entities.iter().position(|e| {
                                    e.kind == EntityType::PER
                                        && e.name.contains(' ')
                                        && name_words(&e.name).last().is_some_and(|l| *l == text)
                                })
                            })
                            .flatten()
                    })
            }
        };
        let mention = Mention {
            span: m.span,
            role: m.role.clone(),
            by: m.by.clone(),
        };
        match found {
            Some(i) => {
                let e = &mut entities[i];
                if text.split_whitespace().count() > e.name.split_whitespace().count()
                    && !ALIASES.iter().any(|(a, _)| *a == text)
                {
                    let old = std::mem::replace(&mut e.name, text.clone());
                    if !e.aliases.contains(&old) {
                        e.aliases.push(old);
                    }
                } else if text != e.name && !e.aliases.contains(&text) {
                    e.aliases.push(text.clone());
                }
                if let Some(r) = &m.role {
                    if !e.roles.contains(r) {
                        e.roles.push(r.clone());
                    }
                }
                e.media |= m.media;
                e.mentions.push(mention);
                if let Some(t) = org_or_loc {
                    org_loc[i][t] += 1;
                }
            }
            None => {
                let id = EntityId::from_index(entities.len());
                let name = match m.kind {
                    EntityType::PER => text.clone(),
                    _ => ALIASES
                        .iter()
                        .find(|(a, _)| *a == text)
                        .map_or(text.clone(), |(_, c)| (*c).to_owned()),
                };
                let aliases = if name == text {
                    Vec::new()
                } else {
                    vec![text.clone()]
                };
                by_key.insert((type_key, key(&text)), entities.len());
                let mut counts = [0; 2];
                if let Some(t) = org_or_loc {
                    counts[t] += 1;
                }
                org_loc.push(counts);
                entities.push(Entity {
                    id,
                    kind: m.kind,
                    name,
                    aliases,
                    roles: m.role.into_iter().collect(),
                    media: m.media,
                    mentions: vec![mention],
                    by: BY_MERGE,
                });
            }
        }
    }
    for (e, [org, loc]) in entities.iter_mut().zip(org_loc) {
        match e.kind {
            EntityType::ORG if loc > org => e.kind = EntityType::LOC,
            EntityType::LOC if org > loc => e.kind = EntityType::ORG,
            _ => {}
        }
    }
    entities
}

/// A person's name found once is their name everywhere in the article: every other capitalised
/// token equal to a person's surname (or a mention's text) becomes a mention of that person.
fn propagate(doc: &Doc, entities: &mut [Entity]) {
    let mut taken: Vec<Span> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| m.span))
        .collect();
    taken.sort();
    let mut forms: HashMap<String, usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind != EntityType::PER {
            continue;
        }
        if let Some(last) = e
            .name
            .split_whitespace()
            .last()
            .filter(|_| e.name.contains(' '))
        {
            forms.entry(last.to_owned()).or_insert(i);
        }
    }
    for t in &doc.tokens {
        let word = doc.slice(t.span);
        let Some(&i) = forms.get(word) else { continue };
        let free = taken.binary_search_by(|s| {
            if s.end <= t.span.start {
                std::cmp::Ordering::Less
            } else if s.start >= t.span.end {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        });
        if free.is_err() && !doc.in_debris(t.span) {
            entities[i].mentions.push(Mention {
                span: t.span,
                role: None,
                by: BY_PROPAGATION,
            });
        }
    }
    for e in entities.iter_mut() {
        e.mentions.sort_by_key(|m| m.span);
    }
}

#[cfg(test)]
mod tests {
    use super::{folded, MARKED, PLAIN};
    use newsgraph_doc::layers::{EntityType, Upos};

    #[test]
    fn tokens_carry_their_part_of_speech() {
        let doc = crate::analyze_text(
            "The mayor said the two states would pay for a low-cost bridge.",
            None,
        );
        let pos = |word: &str| {
            doc.tokens
                .iter()
                .find(|t| doc.slice(t.span) == word)
                .and_then(|t| t.pos)
        };
        assert_eq!(pos("said"), Some(Upos::Verb));
        assert_eq!(pos("states"), Some(Upos::Noun));
        assert_eq!(pos("the"), Some(Upos::Det));
        // Split at its hyphen for the tagger, the token takes its first part's tag.
        assert!(pos("low-cost").is_some());
        assert!(doc.tokens.iter().all(|t| t.pos.is_some()));
    }

    #[test]
    fn words_that_open_a_clause_are_no_part_of_a_name() {
        let doc = crate::analyze_text(
            "“If NASA focuses on the program, it will work,” he said.\n\n\
             At the Michoud Assembly Facility in New Orleans, workers finished the stage. Now \
             the Agency plans a second one.",
            None,
        );
        let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"NASA"), "{names:?}");
        assert!(
            !names
                .iter()
                .any(|n| ["If ", "At ", "Now "].iter().any(|w| n.starts_with(w))),
            "{names:?}"
        );
    }

    #[test]
    fn the_bodies_and_places_that_qualify_a_title_belong_to_the_role() {
        let doc = crate::analyze_text(
            "House Speaker Ana Lima said the bill would pass. Senate Majority Leader Paul \
             Brandt agreed. New Hampshire Gov. Rui Andrade and former Secretary of State Maria \
             Costa did not.",
            None,
        );
        let role = |name: &str| {
            doc.entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.roles.clone())
        };
        assert_eq!(role("Ana Lima"), Some(vec!["House Speaker".to_owned()]));
        assert_eq!(
            role("Paul Brandt"),
            Some(vec!["Senate Majority Leader".to_owned()])
        );
        assert_eq!(
            role("Rui Andrade"),
            Some(vec!["New Hampshire Gov.".to_owned()])
        );
        assert_eq!(
            role("Maria Costa"),
            Some(vec!["former Secretary of State".to_owned()])
        );
    }

    /// The names of the entities `analyze` finds in `text`.
    fn entity_names(text: &str) -> Vec<String> {
        let doc = crate::analyze_text(text, None);
        doc.entities.into_iter().map(|e| e.name).collect()
    }

    #[test]
    fn a_name_that_runs_on_past_a_gazetteer_name_opened_by_the_stands() {
        // The gazetteer knows "The Atlantic", a magazine.
        let names = entity_names(
            "The Atlantic Council, a think tank in Washington, said the bridge was safe.",
        );
        assert!(names.iter().any(|n| n == "Atlantic Council"), "{names:?}");
        assert!(!names.iter().any(|n| n == "The Atlantic"), "{names:?}");
    }

    #[test]
    fn a_given_name_of_hyphenated_syllables_is_whole() {
        let names = entity_names(
            "North Korean leader Kim Jong-un met the envoy on Friday. Later, Kim Jong-un said \
             the talks went well, and a Trump-led delegation left.",
        );
        assert!(names.iter().any(|n| n == "Kim Jong-un"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("-led")), "{names:?}");
    }

    #[test]
    fn a_word_that_ends_one_name_is_not_glued_to_the_next() {
        // The gazetteer knows "U.S. Army" and "Green Berets".
        let names =
            entity_names("Lisbon welcomed U.S. Army Green Berets to their country in March.");
        assert!(names.iter().any(|n| n == "Green Berets"), "{names:?}");
        assert!(names.iter().any(|n| n == "U.S. Army"), "{names:?}");
        // But a place before a body qualifies it.
        let names = entity_names("Ana Lima said the U.S. Senate would vote soon.");
        assert!(names.iter().any(|n| n == "U.S. Senate"), "{names:?}");
    }

    #[test]
    fn a_surname_taken_for_a_place_is_the_person() {
        // The gazetteer knows "Paris" and "Austin" as places.
        let doc = crate::analyze_text(
            "Former member Valeska Paris left the group in 2009. Paris said she was held on a \
             ship for years. Lloyd Austin later flew to Austin, Texas.",
            None,
        );
        let find = |name: &'static str| doc.entities.iter().filter(move |e| e.name == name);
        assert_eq!(find("Paris").count(), 0, "{:?}", doc.entities);
        let paris: Vec<_> = find("Valeska Paris").collect();
        assert_eq!(paris.len(), 1, "{:?}", doc.entities);
        assert_eq!(paris[0].mentions.len(), 2, "{:?}", paris[0]);
        let austin: Vec<_> = find("Austin").collect();
        assert_eq!(
            austin.len(),
            1,
            "the town before its state: {:?}",
            doc.entities
        );
        assert_eq!(austin[0].kind, EntityType::LOC);
    }

    #[test]
    fn an_organisation_and_a_place_of_one_name_are_one_entity() {
        let doc = crate::analyze_text(
            "DUBAI, United Arab Emirates — Dubai’s flagship carrier Emirates ordered 30 jets on \
             Wednesday. Officials in Dubai said the deal was firm.",
            None,
        );
        let dubai: Vec<_> = doc.entities.iter().filter(|e| e.name == "Dubai").collect();
        assert_eq!(dubai.len(), 1, "{:?}", doc.entities);
        assert_eq!(dubai[0].kind, EntityType::LOC, "most mentions say a place");
        assert_eq!(dubai[0].mentions.len(), 3);
        assert!(doc
            .entities
            .iter()
            .any(|e| e.name == "Emirates" && e.kind == EntityType::ORG));
    }

    #[test]
    fn a_first_name_and_a_place_name_are_one_person() {
        let doc = crate::analyze_text(
            "Paul Brandt’s plan does not surprise the engineer Ana Lima: “We saw this coming.”",
            None,
        );
        let people: Vec<(&str, EntityType)> = doc
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind))
            .collect();
        assert!(
            people.contains(&("Ana Lima", EntityType::PER)),
            "{people:?}"
        );
        assert!(
            !people.iter().any(|(name, _)| *name == "Lima"),
            "{people:?}"
        );
    }

    #[test]
    fn honorifics_and_letters_after_a_name_do_not_split_a_person() {
        let doc = crate::analyze_text(
            "Zaha Hadid\n\nDame Zaha Mohammad Hadid DBE RA was an Iraqi-British architect. \
             Hadid studied mathematics in Beirut.",
            None,
        );
        let people: Vec<&str> = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::PER)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(people.len(), 1, "{people:?}");
        assert!(people[0].contains("Zaha"), "{people:?}");
    }

    #[test]
    fn a_name_that_fills_a_quotation_is_spoken_of() {
        let text = r#"her dog "Mr. Marbles". The film “Adam,” Eve said."#;
        let at = |name: &str| {
            let start = text.find(name).expect("the name is in the text");
            newsgraph_doc::Span::new(start, start + name.len())
        };
        assert!(super::fills_quotation(text, at("Marbles"), Some("Mr.")));
        assert!(super::fills_quotation(text, at("Adam"), None));
        assert!(!super::fills_quotation(text, at("Eve"), None));
        assert!(
            !super::fills_quotation(text, at("Marbles"), None),
            "the title is inside"
        );
    }

    #[test]
    fn a_first_name_alone_joins_the_one_person_who_has_it() {
        let doc = crate::analyze_text(
            "Wikinews interviewed Isabel Ruiz and Mario Lucero of Heaven Sent Gaming. \
             Isabel said they met in high school.",
            None,
        );
        let isabel: Vec<&newsgraph_doc::layers::Entity> = doc
            .entities
            .iter()
            .filter(|e| e.name.contains("Isabel"))
            .collect();
        assert_eq!(isabel.len(), 1, "{:?}", doc.entities);
        assert_eq!(isabel[0].name, "Isabel Ruiz");
        assert_eq!(isabel[0].mentions.len(), 2);
        let text = "Ana Lima met Ana Costa. Ana left.";
        let two = crate::analyze_text(text, None);
        let alone = text.rfind("Ana").expect("the last Ana");
        let holder = two
            .entities
            .iter()
            .find(|e| e.mentions.iter().any(|m| m.span.start as usize == alone));
        assert!(
            holder.is_none_or(|e| e.name == "Ana"),
            "\"Ana\" is either of two: {holder:?}"
        );
    }

    #[test]
    fn a_name_before_a_group_noun_is_an_organisation() {
        let doc = crate::analyze_text(
            "Police arrested an alleged leader of the Southern Coast network on Monday.",
            None,
        );
        assert!(
            doc.entities
                .iter()
                .any(|e| e.name == "Southern Coast" && e.kind == EntityType::ORG),
            "{:?}",
            doc.entities
        );
    }

    #[test]
    fn marked_letters_fold_to_their_plain_ones() {
        assert_eq!(MARKED.chars().count(), PLAIN.chars().count());
        assert_eq!(folded("Zahā Ḥadīd"), "zaha hadid");
        assert_eq!(folded("ÉLODIE Núñez"), "elodie nunez");
        assert_eq!(
            folded("Łódź"),
            "łodz",
            "a letter with no decomposition stays"
        );
    }
}
