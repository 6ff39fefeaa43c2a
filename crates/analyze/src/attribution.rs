//! Who said it: speakers, addressees and cues of quotes.
//!
//! For each quote, in order: a cue right after it (`” she said`, `,” said Sheinbaum`, `” the
//! council said`); else the last cue verb before it in its sentence and that verb's subject
//! (`Trump replied, “…`, `told reporters that the cartels were “horrible people”`); inside an
//! embedded post, the person its text names, else its author; else the previous quote's speaker
//! in the same paragraph. Speakers are resolved to entities: names directly; `I`/`we` inside a
//! quote to the quoting speaker; `he`/`she` to the most recent person of that gender (first
//! names and titles from the cue file); `the council`, `the president` to the most recent
//! organisation named so or person with that role. Nothing found leaves the speaker empty. The
//! cue lexicon is data (`rules/quotes/cues.txt`) with examples that a test runs.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use newsgraph_doc::layers::{EntityType, QuoteKind, Speaker, Token, TokenKind, Upos};
use newsgraph_doc::{Doc, EntityId, Layer, Span, Stage};

/// The attribution stage.
#[derive(Debug, Default)]
pub struct Attribution;

/// The English cue file.
pub const CUES: &str = include_str!("../rules/quotes/cues.txt");
/// First names by gender, in the cue file's format.
pub const NAMES: &str = include_str!("../rules/quotes/names.txt");

/// The cue lexicon.
#[derive(Debug, Default)]
pub struct Cues {
    pub verbs: HashSet<String>,
    pub nouns: HashSet<String>,
    pub female: HashSet<String>,
    pub male: HashSet<String>,
    /// `(text, expected speaker mention or "-")`.
    pub examples: Vec<(String, String)>,
}

impl Cues {
    pub fn parse(source: &str) -> Cues {
        let mut cues = Cues::default();
        for line in source.lines().map(str::trim) {
            let (keyword, rest) = line.split_once(' ').unwrap_or((line, ""));
            let set = match keyword {
                "verb" => &mut cues.verbs,
                "noun" => &mut cues.nouns,
                "female" => &mut cues.female,
                "male" => &mut cues.male,
                "ex" => {
                    if let Some((text, who)) = rest.rsplit_once("=>") {
                        cues.examples
                            .push((text.trim().to_owned(), who.trim().to_owned()));
                    }
                    continue;
                }
                _ => continue,
            };
            set.extend(rest.split_whitespace().map(str::to_owned));
        }
        cues
    }
}

fn cues() -> &'static Cues {
    static CUES_PARSED: OnceLock<Cues> = OnceLock::new();
    CUES_PARSED.get_or_init(|| Cues::parse(&format!("{CUES}\n{NAMES}")))
}

/// Tokens after a quote searched for its cue ("” for the victory, Sanders said").
const AFTER_WINDOW: usize = 16;

/// Quotes of at most this many words, with no speaker and no cue, are scare quotes.
const SCARE_WORDS: usize = 4;

/// Capitalised words that are not names.
pub(crate) const NOT_NAMES: &[&str] = &[
    "Each",
    "Every",
    "My",
    "Our",
    "Your",
    "His",
    "Her",
    "Their",
    "Its",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "It",
    "They",
    "You",
    "And",
    "But",
    "Or",
    "So",
    "If",
    "When",
    "Then",
    "There",
    // Sentence adverbs, prepositions and dates that open clauses after a quote.
    "However",
    "Meanwhile",
    "Still",
    "Yet",
    "Later",
    "Earlier",
    "Hours",
    "Days",
    "Minutes",
    "Moments",
    "Weeks",
    "Months",
    "Years",
    "Today",
    "Yesterday",
    "Tonight",
    "Tomorrow",
    "Last",
    "Next",
    "At",
    "In",
    "On",
    "After",
    "Before",
    "While",
    "During",
    "For",
    "With",
    "As",
    "Asked",
    "According",
    "Once",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "What",
    "Who",
    "Why",
    "How",
    "No",
    "Yes",
    "Mr.",
    "Mrs.",
    "Ms.",
    "President",
    "Minister",
    "Prime",
];

const PRONOUNS_FIRST: &[&str] = &["I", "we", "We", "me", "us"];
const PRONOUNS_HE: &[&str] = &["he", "He", "him", "Him"];
const PRONOUNS_SHE: &[&str] = &["she", "She", "her", "Her"];

/// Whether `word` is "he", "she", "him" or "her".
fn third_person(word: &str) -> bool {
    PRONOUNS_HE.contains(&word) || PRONOUNS_SHE.contains(&word)
}

impl Stage for Attribution {
    fn name(&self) -> &'static str {
        "attribution"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Quotes,
            Layer::Entities,
            Layer::Sentences,
            Layer::Posts,
        ]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Attribution]
    }
    fn run(&self, doc: &mut Doc) {
        let _pronouns = PronounScope::new(doc);
        let mut by_start: Vec<(u32, usize)> = doc
            .quotes
            .iter()
            .enumerate()
            .map(|(k, q)| (q.span.start, k))
            .collect();
        by_start.sort_unstable();
        for i in 0..doc.quotes.len() {
            let (speaker, addressee, cue) = attribute(doc, i, &by_start);
            let quoted = doc.slice(doc.quotes[i].span);
            let words = quoted.split_whitespace().count();
            let sentence = is_sentence(quoted);
            let title = is_title(quoted);
            // Inside a quote too ("a film called ‘Trainwreck’" in someone's words), unless a
            // comma or colon introduces it as speech ("He told me, ‘The money is gone,’").
            let introduced = doc.quotes[i].parent.is_some()
                && doc.text()[..doc.quotes[i].span.start()]
                    .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',' && c != ':')
                    .ends_with([',', ':']);
            let q = &mut doc.quotes[i];
            // A few quoted words with no speaker and no cue are a scare quote or a title, unless
            // they make a sentence ("The bridge is unsafe." has a speaker nobody names).
            if speaker.is_none()
                && cue.is_none()
                && words <= SCARE_WORDS
                && !sentence
                && !introduced
            {
                q.kind = QuoteKind::Scare;
            }
            // A title in quotes ("Fox News Sunday", "The Truman Show.") is nobody's words, even
            // beside a speaker ("he told “Morning Joe”").
            if q.parent.is_none() && title {
                q.kind = QuoteKind::Scare;
                q.speaker = None;
                q.addressee = None;
                q.cue = None;
                continue;
            }
            q.speaker = speaker;
            q.addressee = addressee;
            q.cue = cue;
        }
    }
}

/// Whether quoted words read as a sentence rather than a title: a capital first, a full stop
/// (or ! ?) last, and a lowercase word of four letters or more ("Meet the Press." has none).
fn is_sentence(quoted: &str) -> bool {
    let t = quoted.trim();
    t.starts_with(char::is_uppercase)
        && t.ends_with(['.', '!', '?'])
        && t.split_whitespace().count() >= 3
        && t.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            w.chars().count() >= 4 && w.starts_with(char::is_lowercase)
        })
}

/// Whether quoted words read as the title of a work or a show ("Fox News Sunday", "The Truman
/// Show."): two to eight words in title case (lowercase only for the small words titles keep
/// lowercase), not a cry ("USA! USA!") or a question.
fn is_title(quoted: &str) -> bool {
    const SMALL: &[&str] = &[
        "of", "the", "and", "for", "with", "in", "on", "a", "an", "to", "at", "by", "or", "from",
    ];
    let t = quoted
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '!' && c != '?');
    let words: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    (2..=8).contains(&words.len())
        && !t.ends_with(['!', '?'])
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || SMALL.contains(w)
        })
        && !words
            .iter()
            .any(|w| matches!(*w, "I" | "I'm" | "We" | "You" | "Mr" | "Mrs" | "Ms"))
}

/// Whether `word` is a first name the cue file knows, in any case ("KATE", "Kate").
pub(crate) fn is_first_name(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let title: String = first
        .to_uppercase()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    let c = cues();
    c.female.contains(&title) || c.male.contains(&title)
}

pub(crate) fn is_cue_verb(word: &str) -> bool {
    cues().verbs.contains(&word.to_lowercase())
}

/// Whether token `k` is a cue verb where it stands: a capitalised one after a word is part of a
/// name ("the United States", "Edward Said").
fn cue_at(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    let word = doc.slice(tokens[k].span);
    // "he went on:", "“…,” she went on.": going on speaking, not "went on to win".
    let goes_on = matches!(word, "went" | "goes" | "go")
        && tokens.get(k + 1).is_some_and(|t| doc.slice(t.span) == "on")
        && tokens.get(k + 2).is_none_or(|t| t.kind != TokenKind::Word);
    // "Sanders shot back, “…”", "she fired back".
    let back = matches!(word, "shot" | "fired" | "hit" | "snapped")
        && tokens
            .get(k + 1)
            .is_some_and(|t| doc.slice(t.span) == "back");
    let before = word_before(doc, tokens, k);
    // "they had written, “…”", not "in a written statement".
    let perfect = word != "written" || matches!(before, "had" | "has" | "have");
    // "as Vulture put it, “…”".
    let puts_it = matches!(word, "put" | "puts")
        && tokens.get(k + 1).is_some_and(|t| doc.slice(t.span) == "it");
    // "Pence was asked about the “…” comment", "she was told": a passive speaks for nobody.
    let passive = (word.ends_with("ed") || matches!(word, "told" | "asked"))
        && (after_be(doc, tokens, k)
            // "when asked if he had met Trump".
            || matches!(before, "when" | "if" | "after" | "unless"));
    // "He didn't suggest retaliation": a negated verb cues nothing.
    let negated = matches!(before, "not" | "n't" | "n’t" | "never");
    if passive || negated {
        return false;
    }
    goes_on
        || back
        || puts_it
        || is_cue_verb(word)
            && perfect
            && !is_noun(doc, tokens, k)
            && !(word.starts_with(char::is_uppercase)
                && k.checked_sub(1)
                    .is_some_and(|p| tokens[p].kind == TokenKind::Word))
}

/// Whether a form of "be" comes right before token `k`: the verb there is a passive ("was
/// asked", "were announced").
pub(crate) fn after_be(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    matches!(
        word_before(doc, tokens, k).to_lowercase().as_str(),
        "was" | "were" | "is" | "are" | "be" | "been" | "being"
    )
}

/// Whether a sentence whose first token is `tok` opens with a phrase fronted before its
/// subject, up to a comma: a preposition ("In the depths of the recession, …"), a
/// subordinator ("As the crowd began to chant, …"), an adverb, a count of time ("Thirteen
/// years earlier, …", not "One operative inside …") or a participle ("Speaking in his real
/// voice again, …").
pub(crate) fn opens_fronted_phrase(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    let tok = &tokens[k];
    let w = doc.slice(tok.span).to_lowercase();
    let time = tok.pos == Some(Upos::Num)
        && tokens.get(k + 1).is_some_and(|t| {
            matches!(
                doc.slice(t.span).to_lowercase().trim_end_matches('s'),
                "hour" | "day" | "week" | "month" | "year" | "decade"
            )
        });
    PREPOSITIONS.contains(&w.as_str())
        || SUBORDINATORS.contains(&w.as_str())
        // Not a name the tagger read as an adverb ("Conway appeared on …").
        || (tok.pos == Some(Upos::Adv) && entity_at(doc, tok.span).is_none())
        || time
        || (w.ends_with("ing") && w.len() > 4)
}

/// Whether token `k`, right after a comma, opens an aside that another comma closes: "who",
/// a preposition, a participle, or an adverb and a participle ("Trump, later alleging …, said").
pub(crate) fn opens_aside(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    let participle = |t: &Token| {
        let w = doc.slice(t.span);
        w.ends_with("ing") && w.len() > 4
    };
    let w = doc.slice(tokens[k].span);
    w == "who"
        || PREPOSITIONS.contains(&w.to_lowercase().as_str())
        || participle(&tokens[k])
        || (tokens[k].pos == Some(Upos::Adv) && tokens.get(k + 1).is_some_and(participle))
}

/// The token right before token `k` as written, empty at the start.
fn word_before<'a>(doc: &'a Doc, tokens: &[Token], k: usize) -> &'a str {
    k.checked_sub(1).map_or("", |p| doc.slice(tokens[p].span))
}

/// Whether the tagger read the word at `k` as a noun after a determiner, adjective, number,
/// preposition or possessive ("in 30 states", "the host’s remarks"). A noun right after a name
/// is more likely its verb mis-tagged ("the Chicago Tribune reports"), and a verb form no noun
/// shares ("said", "wrote", "told") is never one.
pub(crate) fn is_noun(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    // After a possessive, whatever the tagger says ("called AP’s report a “…”").
    let possessed = matches!(word_before(doc, tokens, k), "’s" | "'s");
    (tokens[k].pos == Some(Upos::Noun) || possessed)
        && !matches!(
            doc.slice(tokens[k].span).to_lowercase().as_str(),
            "said" | "says" | "wrote" | "told" | "tells" | "added" | "asked" | "insisted"
        )
        && k.checked_sub(1).is_some_and(|p| {
            matches!(
                tokens[p].pos,
                Some(Upos::Det | Upos::Adj | Upos::Num | Upos::Adp | Upos::Part)
            )
        })
}

/// Whether a comma comes right before `span`, also one inside a closing quotation mark ("a
/// defense of “Porto values,” saying").
pub(crate) fn after_comma(doc: &Doc, span: Span) -> bool {
    doc.text()[..span.start()]
        .trim_end()
        .trim_end_matches(['”', '"', '’'])
        .ends_with(',')
}

/// Whether a comma comes right before token `k`, or before the adverb right before it
/// ("…, also calling").
pub(crate) fn after_comma_or_adverb(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    after_comma(doc, tokens[k].span)
        || k.checked_sub(1)
            .is_some_and(|p| tokens[p].pos == Some(Upos::Adv) && after_comma(doc, tokens[p].span))
}

/// The entity with a mention at exactly `span`, or containing it, or inside it (the first
/// such entity).
fn entity_at(doc: &Doc, span: Span) -> Option<(EntityId, Span)> {
    let meets = |m: Span| m.contains(span) || span.contains(m);
    let indexed = MENTIONS.with(|index| {
        let index = index.borrow();
        let index = index.as_ref()?;
        // Those starting inside `span`, and those before it that reach its end: walking back
        // stops where no earlier mention reaches that far.
        let k = index.mentions.partition_point(|m| m.0.start < span.end);
        let inside = index.mentions[..k]
            .iter()
            .rev()
            .take_while(|m| m.0.start >= span.start);
        let before = index.mentions[..k]
            .iter()
            .zip(&index.furthest[..k])
            .rev()
            .skip_while(|(m, _)| m.0.start >= span.start)
            .take_while(|(_, &furthest)| furthest >= span.end)
            .map(|(m, _)| m);
        Some(
            inside
                .chain(before)
                .filter(|m| meets(m.0))
                .min_by_key(|m| m.1.index())
                .map(|&(span, id)| (id, span)),
        )
    });
    indexed.unwrap_or_else(|| {
        doc.entities.iter().find_map(|e| {
            e.mentions
                .iter()
                .find(|m| meets(m.span))
                .map(|m| (e.id, m.span))
        })
    })
}

/// The first mention (in the entities' order) that starts where `start` does.
pub(crate) fn mention_starting(doc: &Doc, start: u32) -> Option<Span> {
    let indexed = MENTIONS.with(|index| {
        let index = index.borrow();
        let index = index.as_ref()?;
        let k = index.mentions.partition_point(|m| m.0.start < start);
        Some(
            index
                .mentions
                .get(k)
                .filter(|m| m.0.start == start)
                .map(|m| m.0),
        )
    });
    indexed.unwrap_or_else(|| {
        doc.entities
            .iter()
            .flat_map(|e| &e.mentions)
            .find(|m| m.span.start == start)
            .map(|m| m.span)
    })
}

/// Every entity mention of the document being attributed, by start (then entity), and the
/// furthest end among each one and those before it; built by [`PronounScope`].
struct MentionIndex {
    mentions: Vec<(Span, EntityId)>,
    furthest: Vec<u32>,
}

impl MentionIndex {
    fn new(doc: &Doc) -> MentionIndex {
        let mut mentions: Vec<(Span, EntityId)> = doc
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (m.span, e.id)))
            .collect();
        mentions.sort_by_key(|m| (m.0.start, m.1.index()));
        let furthest = furthest_ends(mentions.iter().map(|m| m.0));
        MentionIndex { mentions, furthest }
    }
}

/// For spans in order of start, the furthest end among each one and those before it: the
/// spans before a place that reach past another are then found by halving.
pub(crate) fn furthest_ends(spans: impl IntoIterator<Item = Span>) -> Vec<u32> {
    spans
        .into_iter()
        .scan(0, |max, s| {
            *max = s.end.max(*max);
            Some(*max)
        })
        .collect()
}

/// Whether `word` is a first name (or title) the cue lexicon gives a gender.
pub(crate) fn is_gendered_first_name(word: &str) -> bool {
    let c = cues();
    c.female.contains(word) || c.male.contains(word)
}

/// The gender the cue file gives a person entity: `Some(true)` female. Its roles speak first
/// ("Dame" before "Zaha Mohammad Hadid", whose father's name is "Mohammad"), then its name.
fn gender(doc: &Doc, id: EntityId) -> Option<bool> {
    let e = &doc.entities[id.index()];
    let c = cues();
    let words = e
        .roles
        .iter()
        .flat_map(|r| r.split_whitespace())
        .chain(e.name.split_whitespace());
    for w in words {
        if c.female.contains(w) {
            return Some(true);
        }
        if c.male.contains(w) {
            return Some(false);
        }
    }
    None
}

/// An entity's last mention ending before `at` (its mentions are in document order).
fn last_mention_before(e: &newsgraph_doc::layers::Entity, at: u32) -> Option<(EntityId, Span)> {
    let n = e.mentions.partition_point(|m| m.span.end <= at);
    n.checked_sub(1).map(|k| (e.id, e.mentions[k].span))
}

/// The people whose gender, when known, agrees with `female`, each with whether it is known
/// to agree (both genders known).
fn persons(
    doc: &Doc,
    female: Option<bool>,
) -> impl Iterator<Item = (&newsgraph_doc::layers::Entity, bool)> {
    doc.entities
        .iter()
        .filter(|e| e.kind == EntityType::PER)
        .filter_map(move |e| agreement(doc, e.id, female).map(|known| (e, known)))
}

/// Whether the person `id`'s gender, when known, agrees with `female`: `None` when it does
/// not, else whether both are known.
fn agreement(doc: &Doc, id: EntityId, female: Option<bool>) -> Option<bool> {
    match (female, gender(doc, id)) {
        (Some(want), Some(got)) => (want == got).then_some(true),
        _ => Some(false),
    }
}

/// The person a third-person singular pronoun (`he`, `him`, `his`, `himself`, `she`, `her`,
/// `hers`, `herself`) at `span` refers to: the most recent person mention of a compatible
/// gender before it. `None` for other words, or when no person comes before.
pub fn resolve_pronoun(doc: &Doc, span: Span) -> Option<EntityId> {
    let female = pronoun_gender(doc.slice(span))?;
    salient_person(doc, span.start, Some(female)).map(|(id, _)| id)
}

/// The person a pronoun at `at` most likely refers to, among those of a compatible gender
/// mentioned before it: recency (sentences back), salience (mentions so far, and in the last
/// three sentences) and being the subject of the pronoun's own sentence each count; the speaker
/// of a quoted sentence holding the pronoun does not. The third-person pronouns before `at` are
/// resolved first, in order, and count as mentions of their person: a person the text keeps
/// calling "she" stays salient without being named again.
fn salient_person(doc: &Doc, at: u32, female: Option<bool>) -> Option<(EntityId, Span)> {
    let quoted = quoted_speakers(doc);
    let chains = resolve_in_order(doc, at, &quoted, |_, _| {});
    pick_person(doc, at, female, &chains, &quoted)
}

/// The direct quotes whose speaker is an entity, in order: inside one, "he" is not its
/// speaker. Direct quotes never overlap (a quote inside one is `nested`).
fn quoted_speakers(doc: &Doc) -> Vec<(Span, EntityId)> {
    let mut out: Vec<(Span, EntityId)> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .filter_map(|q| Some((q.span, q.speaker.as_ref()?.entity?)))
        .collect();
    out.sort_by_key(|(span, _)| span.start);
    out
}

/// Resolves every he/she ending by `until` in document order, each one counting for the next;
/// `quoted` is [`quoted_speakers`] of `doc`; `visit` sees each pronoun's start and its person.
/// Returns the chains built.
fn resolve_in_order(
    doc: &Doc,
    until: u32,
    quoted: &[(Span, EntityId)],
    mut visit: impl FnMut(u32, Option<EntityId>),
) -> HashMap<EntityId, Chain> {
    let mut chains: HashMap<EntityId, Chain> = HashMap::new();
    for tok in doc.tokens.iter().take_while(|t| t.span.end <= until) {
        let Some(she) = pronoun_gender(doc.slice(tok.span)) else {
            continue;
        };
        let pick = pick_person(doc, tok.span.start, Some(she), &chains, quoted).map(|(id, _)| id);
        if let Some(id) = pick {
            let chain = chains.entry(id).or_default();
            chain.pronouns.push(tok.span);
            chain.she += usize::from(she);
        }
        visit(tok.span.start, pick);
    }
    chains
}

/// Each he/she's start and the person it resolves to.
type Resolutions = Vec<(u32, Option<EntityId>)>;

thread_local! {
    /// Every he/she of the document being attributed, with the person it resolves to, in
    /// order: resolving each pronoun walks the ones before it, so a stage resolves them all
    /// once ([`PronounScope`]) instead of once per candidate speaker.
    static RESOLVED: RefCell<Option<Resolutions>> = const { RefCell::new(None) };
    /// Every plural pronoun of the document being attributed, with its group
    /// ([`crate::groups::resolve_plurals`]), in order: `Some(None)` while a scope is open and
    /// no speaker has needed them yet.
    static PLURALS: RefCell<Option<Option<crate::groups::Resolved>>> =
        const { RefCell::new(None) };
    /// The mentions of the document being attributed, for finding the one at a place without
    /// walking them all.
    static MENTIONS: RefCell<Option<MentionIndex>> = const { RefCell::new(None) };
}

/// While alive, pronouns of `doc` resolve from one pass over it (see [`RESOLVED`]), and its
/// mentions are found by halving (see [`MENTIONS`]).
pub(crate) struct PronounScope;

impl PronounScope {
    pub(crate) fn new(doc: &Doc) -> PronounScope {
        MENTIONS.with(|m| *m.borrow_mut() = Some(MentionIndex::new(doc)));
        let mut resolved = Vec::new();
        resolve_in_order(doc, u32::MAX, &quoted_speakers(doc), |at, pick| {
            resolved.push((at, pick))
        });
        RESOLVED.with(|r| *r.borrow_mut() = Some(resolved));
        PLURALS.with(|p| *p.borrow_mut() = Some(None));
        PronounScope
    }
}

impl Drop for PronounScope {
    fn drop(&mut self) {
        RESOLVED.with(|r| *r.borrow_mut() = None);
        PLURALS.with(|p| *p.borrow_mut() = None);
        MENTIONS.with(|m| *m.borrow_mut() = None);
    }
}

impl std::fmt::Debug for PronounScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PronounScope")
    }
}

/// The person the pronoun starting at `at` resolves to, from the scope's pass; `None` when no
/// scope is open or the pass did not see it.
fn scoped(at: u32) -> Option<Option<EntityId>> {
    RESOLVED.with(|r| {
        let r = r.borrow();
        let list = r.as_ref()?;
        let i = list.binary_search_by_key(&at, |e| e.0).ok()?;
        Some(list[i].1)
    })
}

/// The group the plural pronoun at `span` refers to: from the scope's pass when one is open.
fn plural_group(doc: &Doc, span: Span) -> Option<Vec<EntityId>> {
    let scoped = PLURALS.with(|p| {
        let mut p = p.borrow_mut();
        let list = p
            .as_mut()?
            .get_or_insert_with(|| crate::groups::resolve_plurals(doc));
        let i = list.binary_search_by_key(&span.start, |e| e.0.start).ok()?;
        Some(list[i].1.clone())
    });
    scoped.unwrap_or_else(|| crate::groups::resolve_plural(doc, span))
}

/// The pronouns resolved to one person so far.
#[derive(Clone, Debug, Default)]
struct Chain {
    /// Each of them, in order.
    pronouns: Vec<Span>,
    /// How many of them are feminine.
    she: usize,
}

/// `Some(true)` for she/her/hers/herself, `Some(false)` for he/him/his/himself.
fn pronoun_gender(word: &str) -> Option<bool> {
    const GENDERED: &[(&str, bool)] = &[
        ("he", false),
        ("him", false),
        ("his", false),
        ("himself", false),
        ("she", true),
        ("her", true),
        ("hers", true),
        ("herself", true),
    ];
    GENDERED
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, female)| female)
}

/// [`salient_person`]'s choice at `at`, given the pronoun chains so far.
fn pick_person(
    doc: &Doc,
    at: u32,
    female: Option<bool>,
    chains: &HashMap<EntityId, Chain>,
    quoted: &[(Span, EntityId)],
) -> Option<(EntityId, Span)> {
    let k = doc.tokens.partition_point(|t| t.span.start < at);
    let pronoun = doc
        .tokens
        .get(k)
        .map_or("", |t| doc.slice(t.span))
        .to_lowercase();
    let possessive = pronoun == "his" || (pronoun == "her" && before_noun(doc, k));
    if let Some(found) = local_antecedent(doc, k, &pronoun, possessive, female) {
        return Some(found);
    }
    let sentence_of = |pos: u32| doc.sentences.partition_point(|s| s.span.end <= pos);
    let here = sentence_of(at);
    // Weights tuned on the GUM train and dev links (`newsgraph eval pronouns`).
    let (w_count, w_recent, w_distance, w_subject, w_gender) = (0.75, 0.5, 0.4, 0.5, 0.5);
    // A subject of the pronoun's own sentence is its likely person ("Rathbun requested
    // donations via a statement made on his blog"), unless the pronoun is an object in its
    // clause ("Montalvo contacted former members, who helped him").
    let object = pronoun == "him" || (pronoun == "her" && !possessive);
    // Inside a quoted sentence its speaker is "I": "he" is someone else ("Stan commented, “When
    // he was winning …”").
    let quoting = quoted
        .partition_point(|(span, _)| span.start < at)
        .checked_sub(1)
        .map(|i| quoted[i])
        .filter(|(span, _)| at < span.end)
        .map(|(_, speaker)| speaker);
    // Mentions from here on are recent: this sentence and the two before.
    let window = doc
        .sentences
        .get(here.saturating_sub(2))
        .map_or(0, |s| s.span.start);
    // A quote's speaker is no one it speaks of by name: "He said, “Andy Warhol was the
    // center of the Zeitgeist”" is not Warhol speaking (a name qualifying a noun speaks of no
    // one: “the peaceful Trump supporters”).
    let spoken = spoken_quote(doc, k);
    let named_in = |q: Span, m: Span| {
        let next = doc.tokens.partition_point(|t| t.span.start < m.end);
        q.contains(m)
            && !doc
                .tokens
                .get(next)
                .is_some_and(|t| matches!(t.pos, Some(Upos::Noun)))
    };
    // "Philonise, his brother,": a possessive in apposition to a person is someone else's (but
    // not in a list: "Higuchi, her mother and her sister").
    let closed = doc
        .tokens
        .get(k + 1..)
        .unwrap_or_default()
        .iter()
        .take(5)
        .map(|t| doc.slice(t.span))
        .find(|w| matches!(*w, "," | "and" | "or"))
        == Some(",");
    let apposed = (possessive && closed && k >= 2 && doc.slice(doc.tokens[k - 1].span) == ",")
        .then(|| entity_at(doc, doc.tokens[k - 2].span))
        .flatten()
        .filter(|(_, m)| m.end == doc.tokens[k - 2].span.end)
        .map(|(id, _)| id);
    persons(doc, female)
        .filter(|(e, _)| Some(e.id) != quoting && Some(e.id) != apposed)
        .filter(|(e, _)| spoken.is_none_or(|q| !e.mentions.iter().any(|m| named_in(q, m.span))))
        .filter_map(|(e, agrees)| {
            let (id, named) = last_mention_before(e, at)?;
            let none = Chain::default();
            let chain = chains.get(&id).unwrap_or(&none);
            // A person of unknown gender the text has called "he" twice, and "she" at most one
            // time in five, is no "she" (and the other way round): one pronoun resolved wrong
            // does not undo the rest.
            let called = match female {
                Some(true) => chain.pronouns.len() - chain.she,
                Some(false) => chain.she,
                None => 0,
            };
            if called >= 2 && called * 5 >= chain.pronouns.len() * 4 {
                return None;
            }
            let named_so_far = e.mentions.partition_point(|m| m.span.end <= at);
            let count = named_so_far + chain.pronouns.len();
            let recent = named_so_far - e.mentions.partition_point(|m| m.span.start < window)
                + chain.pronouns.len()
                - chain.pronouns.partition_point(|p| p.start < window);
            let last = chain
                .pronouns
                .last()
                .copied()
                .filter(|p| p.start > named.start)
                .unwrap_or(named);
            let s = sentence_of(last.start);
            let distance = here.saturating_sub(s) as f64;
            let subject = s == here && !object && is_subject(doc, last);
            let score = w_count * (1.0 + count as f64).ln() + w_recent * (1.0 + recent as f64).ln()
                - w_distance * distance
                + w_subject * f64::from(u8::from(subject))
                + w_gender * f64::from(u8::from(agrees))
                + f64::from(last.start) * 1e-9;
            Some((score, id, named))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id, span)| (id, span))
}

/// Whether a noun (or its adjective, a name or a number) follows token `k`: "her" is then a
/// possessive ("her decision"), else an object ("told her").
fn before_noun(doc: &Doc, k: usize) -> bool {
    doc.tokens.get(k + 1).is_some_and(|t| {
        matches!(
            t.pos,
            Some(Upos::Noun | Upos::Adj | Upos::Propn | Upos::Num)
        )
    })
}

/// The direct quote that the pronoun at token `k` introduces or follows as its speaker: “…,”
/// he said; he said, “…”; she wrote: “…”.
fn spoken_quote(doc: &Doc, k: usize) -> Option<Span> {
    let tokens = &doc.tokens;
    let verb = tokens.get(k + 1)?;
    if !is_cue_verb(doc.slice(verb.span)) {
        return None;
    }
    let only_marks = |a: u32, b: u32| {
        a <= b
            && doc.text().get(a as usize..b as usize).is_some_and(|t| {
                t.chars()
                    .all(|c| c.is_whitespace() || ",:\"“”'‘’".contains(c))
            })
    };
    doc.quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .find(|q| {
            only_marks(verb.span.end, q.span.start) || only_marks(q.span.end, tokens[k].span.start)
        })
        .map(|q| q.span)
}

/// The person that the words around the pronoun at token `k` (`pronoun` lower-cased, and
/// whether it is a possessive) name, before any weighing: the subject
/// of a cue verb right before it ("Allton said he had seen", "Smith added that she"), or the
/// person a relative clause holding it is said of ("Jack Merson, who went 4-for-5 in his second
/// game"). Only a person whose gender, when known, agrees with `female`.
fn local_antecedent(
    doc: &Doc,
    k: usize,
    pronoun: &str,
    possessive: bool,
    female: Option<bool>,
) -> Option<(EntityId, Span)> {
    let tokens = &doc.tokens;
    let at = tokens.get(k)?.span.start;
    let sentence = doc
        .sentences
        .get(doc.sentences.partition_point(|s| s.span.end <= at))?;
    // The sentence's start, or 60 words back in a long one: what the rules below read is near.
    let first = tokens
        .partition_point(|t| t.span.start < sentence.span.start)
        .max(k.saturating_sub(60));
    let word = |i: usize| doc.slice(tokens[i].span).to_lowercase();
    let person = |span: Span| {
        entity_at(doc, span).filter(|(id, _)| {
            doc.entities[id.index()].kind == EntityType::PER
                && agreement(doc, *id, female).is_some()
        })
    };
    let nominative = matches!(pronoun, "he" | "she");
    if nominative {
        // "X said (that) he": the verb, after an adverb at most ("Smith also said he").
        let mut v = k;
        if v > first && word(v - 1) == "that" {
            v -= 1;
        }
        if v > first + 1 && is_cue_verb(doc.slice(tokens[v - 1].span)) {
            let mut s = v - 1;
            if s > first + 1 && tokens[s - 1].pos == Some(Upos::Adv) {
                s -= 1;
            }
            if let Some(found) = person(tokens[s - 1].span) {
                return Some(found);
            }
        }
    }
    if possessive && k >= first + 2 && word(k - 1) == "and" {
        // "Santa Anna and his army".
        if let Some(found) = person(tokens[k - 2].span) {
            return Some(found);
        }
    }
    if nominative
        && k >= first + 3
        && matches!(
            word(k - 1).as_str(),
            "when" | "as" | "after" | "before" | "while" | "because" | "if" | "although"
        )
        && word(k - 2) == ","
    {
        // "Philonise, when he said": the person the clause breaks into.
        if let Some(found) = person(tokens[k - 3].span) {
            return Some(found);
        }
    }
    if possessive {
        // "Obama tweeted using his account": the subject of the pronoun's clause, the one person
        // named in the sentence before it; none other, not even as a pronoun ("Poisson asked
        // him to submit his work") or in an apposition ("Martha Allen, a Sanders delegate,
        // criticized her state's laws"), and the pronoun opens no apposition ("Philonise,
        // his brother").
        let people: Vec<(EntityId, Span)> = (first..k)
            .filter_map(|i| {
                entity_at(doc, tokens[i].span)
                    .filter(|(id, _)| doc.entities[id.index()].kind == EntityType::PER)
            })
            .collect();
        let nearest = people
            .last()
            .filter(|(id, _)| people.iter().all(|(o, _)| o == id));
        if let Some(&(_, span)) = nearest {
            let j = tokens.partition_point(|t| t.span.start < span.end);
            let between = (j..k).any(|i| pronoun_gender(doc.slice(tokens[i].span)).is_some());
            let apposition = j + 1 == k && word(j) == ",";
            if is_subject(doc, span) && !between && !apposition {
                if let Some(found) = person(span) {
                    return Some(found);
                }
            }
        }
    }
    if possessive || nominative {
        // "X, who … his": back to the "who" over no comma, no other person.
        for i in (first + 2..k).rev() {
            let w = word(i);
            if matches!(w.as_str(), "," | ";" | ":") || person(tokens[i].span).is_some() {
                break;
            }
            if matches!(w.as_str(), "who" | "whose") {
                // Said of the person, or of a noun in apposition to them ("Clay Miller, a
                // character who heads out … in search of his sister").
                let comma = (first + 1..i).rev().take(4).find(|&j| {
                    word(j) == ","
                        && tokens[j + 1..i]
                            .iter()
                            .all(|t| matches!(t.pos, Some(Upos::Det | Upos::Adj | Upos::Noun)))
                })?;
                return person(tokens[comma - 1].span);
            }
        }
    }
    None
}

/// Whether the mention at `span` is its sentence's subject, as far as words and tags tell: it
/// opens the sentence or its main clause, or a verb follows it ("Chao went", "Born in Tianjin,
/// Chao went", "where Zenghelis said"), and it is no preposition's object or possessive.
pub(crate) fn is_subject(doc: &Doc, span: Span) -> bool {
    let tokens = &doc.tokens;
    let i = tokens.partition_point(|t| t.span.start < span.start);
    let j = tokens.partition_point(|t| t.span.start < span.end);
    let Some(sent) = doc
        .sentences
        .get(doc.sentences.partition_point(|s| s.span.end <= span.start))
    else {
        return false;
    };
    let first = tokens.partition_point(|t| t.span.start < sent.span.start);
    let prev = (i > first).then(|| doc.slice(tokens[i - 1].span));
    if prev.is_some_and(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str())) {
        return false;
    }
    let next = tokens.get(j).filter(|t| t.span.start < sent.span.end);
    if next.is_some_and(|t| matches!(doc.slice(t.span), "'s" | "’s")) {
        return false;
    }
    doc.slice(Span::new(sent.span.start(), span.start()))
        .split_whitespace()
        .nth(1)
        .is_none()
        || (prev == Some(",") && opens_fronted_phrase(doc, tokens, first))
        || next.is_some_and(|t| matches!(t.pos, Some(Upos::Verb | Upos::Aux)))
}

/// The most recent entity named by `noun` before `at`: an organisation whose name ends in it
/// ("the council"), or a person with a role holding it ("the president").
fn recent_by_noun(doc: &Doc, at: u32, noun: &str) -> Option<(EntityId, Span)> {
    let noun = noun.to_lowercase();
    doc.entities
        .iter()
        .filter(|e| {
            let last = e
                .name
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            (e.kind == EntityType::ORG && last == noun)
                || (e.kind == EntityType::PER
                    && e.roles.iter().any(|r| r.to_lowercase().contains(&noun)))
        })
        .filter_map(|e| last_mention_before(e, at))
        .max_by_key(|(_, s)| s.start)
}

/// A speaker from the word(s) at token `k` of `tokens`: a name, a pronoun or `the NOUN`.
pub(crate) fn speaker_at(doc: &Doc, tokens: &[Token], k: usize, quote: usize) -> Option<Speaker> {
    let tok = tokens.get(k)?;
    let text = doc.slice(tok.span);
    let make = |entity: Option<EntityId>, mention: Span| {
        let name = entity.map_or_else(
            || doc.slice(mention).to_owned(),
            |e| doc.entities[e.index()].name.clone(),
        );
        Some(Speaker {
            entity,
            name,
            mention: Some(mention),
        })
    };
    // Whether a token is a cue verb.
    let cue = |t: Option<&Token>| t.is_some_and(|t| is_cue_verb(doc.slice(t.span)));
    if PRONOUNS_FIRST.contains(&text) {
        // "I laughed and said, “…”", "“…,” I confessed": outside any quote, the writer speaks;
        // the mention is all we know.
        let nested = doc.quotes.get(quote).is_some_and(|q| q.parent.is_some());
        if text == "I" && !nested {
            let next_to_verb = cue(tokens.get(k + 1))
                || (k > 0 && cue(tokens.get(k - 1)))
                || tokens
                    .get(k + 1)
                    .is_some_and(|t| doc.slice(t.span) == "laughed");
            return next_to_verb.then(|| make(None, tok.span)).flatten();
        }
        // "I told him" inside a quote: the quoting speaker.
        let parent = doc.quotes.get(quote)?.parent?;
        let outer = doc.quotes[parent.index()].speaker.clone()?;
        return Some(Speaker {
            mention: Some(tok.span),
            ..outer
        });
    }
    // An article or a possessive opens the speaker's noun phrase: "a senior adviser", "my
    // father", "His lawyer"; "her" and "this" only before a noun ("Her spokesman said", "this
    // source told"), else a pronoun.
    let determiner = matches!(
        text,
        "a" | "an"
            | "A"
            | "An"
            | "my"
            | "My"
            | "our"
            | "Our"
            | "their"
            | "Their"
            | "his"
            | "His"
            | "its"
            | "Its"
    ) || (matches!(text, "her" | "Her" | "this" | "This")
        && tokens
            .get(k + 1)
            .is_some_and(|t| matches!(t.pos, Some(Upos::Noun | Upos::Adj))));
    if determiner {
        let phrase = noun_phrase(doc, tokens, k)?;
        // "Paganini and his team wrote": the person named first leads those who speak.
        let led =
            (matches!(text, "his" | "her") && k >= 2 && doc.slice(tokens[k - 1].span) == "and")
                .then(|| entity_at(doc, tokens[k - 2].span))
                .flatten()
                .filter(|(id, mention)| {
                    doc.entities[id.index()].kind == EntityType::PER
                        && mention.end == tokens[k - 2].span.end
                });
        if let Some((id, mention)) = led {
            let end = phrase.mention.map_or(tok.span.end, |m| m.end);
            return make(Some(id), Span { end, ..mention });
        }
        return Some(phrase);
    }
    let female = if PRONOUNS_SHE.contains(&text) {
        Some(true)
    } else if PRONOUNS_HE.contains(&text) {
        Some(false)
    } else {
        None
    };
    if female.is_some() {
        // A pronoun whose person the text does not name is still the speaker's mention, in
        // the article's own voice; inside a quote it points into the speaker's story.
        let id = scoped(tok.span.start)
            .unwrap_or_else(|| salient_person(doc, tok.span.start, female).map(|(id, _)| id));
        let nested = doc.quotes.get(quote).is_some_and(|q| q.parent.is_some());
        if id.is_none() && nested {
            return None;
        }
        return make(id, tok.span);
    }
    // "“…,” it said", "they said": a thing or a group speaks; the mention is all we know.
    if matches!(text, "it" | "It" | "they" | "They") {
        let after_verb = k > 0
            && cue(tokens.get(k - 1))
            && tokens.get(k + 1).is_none_or(|t| t.kind != TokenKind::Word);
        // "“…,” it further wrote": an adverb may come between.
        let before_verb = cue(tokens.get(k + 1))
            || (tokens
                .get(k + 1)
                .is_some_and(|t| matches!(t.pos, Some(Upos::Adv | Upos::Aux)))
                && cue(tokens.get(k + 2)));
        if !(before_verb || after_verb) {
            return None;
        }
        // "they" for a group the article names: a people is the speaker's entity; several
        // people are named together ("Ana Lima and Boris Petrov"), as no one entity speaks.
        let group = matches!(text, "they" | "They")
            .then(|| plural_group(doc, tok.span))
            .flatten();
        return match group.as_deref() {
            Some(&[one]) if doc.entities[one.index()].kind == EntityType::NORP => {
                make(Some(one), tok.span)
            }
            Some(members) if members.len() > 1 => Some(Speaker {
                entity: None,
                name: members
                    .iter()
                    .map(|id| doc.entities[id.index()].name.as_str())
                    .collect::<Vec<_>>()
                    .join(" and "),
                mention: Some(tok.span),
            }),
            _ => make(None, tok.span),
        };
    }
    if let Some((id, span)) = entity_at(doc, tok.span) {
        // "Ohio State University professor Paul Beck", "Manulife chief economist Megan
        // Greene": a body (or place) and a role in lowercase before a person name the person.
        if doc.entities[id.index()].kind != EntityType::PER {
            if let Some((p, span)) = person_after_role(doc, tokens, span) {
                return make(Some(p), span);
            }
        }
        if matches!(
            doc.entities[id.index()].kind,
            EntityType::PER | EntityType::ORG
        ) {
            return make(Some(id), span);
        }
    }
    // "experts say", "said senior administration officials": a group named by its noun, next
    // to its verb, with the words that qualify it.
    if GROUP_NOUNS.contains(&text.to_lowercase().as_str()) {
        // After its verb only as an inverted subject ("said officials"), not an object ("told
        // officials").
        let after_verb = k > 0
            && matches!(
                doc.slice(tokens[k - 1].span).to_lowercase().as_str(),
                "said" | "says" | "say" | "added" | "wrote"
            );
        if !(cue(tokens.get(k + 1)) || after_verb) {
            // Capitalised, it may still open a longer name ("Attorneys for Clinton").
            return capitalised(doc, tokens, k);
        }
        let mut first = k;
        while first > 0 && k - first < 3 {
            let t = &tokens[first - 1];
            let w = doc.slice(t.span);
            if t.kind != TokenKind::Word
                || is_cue_verb(w)
                || PREPOSITIONS.contains(&w.to_lowercase().as_str())
                || matches!(
                    w.to_lowercase().as_str(),
                    "and" | "but" | "or" | "that" | "who"
                )
            {
                break;
            }
            first -= 1;
        }
        return make(None, tokens[first].span.cover(tok.span));
    }
    if text.eq_ignore_ascii_case("the") {
        // A preposition's object is no subject ("Trump at the time said"), except the source
        // "according to" names ("according to the Daily Caller").
        let according = k >= 2
            && doc
                .slice(tokens[k - 2].span)
                .eq_ignore_ascii_case("according");
        if after_preposition(doc, tokens, k) && !according {
            return None;
        }
        // "the council", "the Mexican president": the last word of a short noun phrase.
        for j in k + 1..(k + 4).min(tokens.len()) {
            let w = doc.slice(tokens[j].span);
            if let Some((id, _)) = recent_by_noun(doc, tok.span.start, w) {
                return make(Some(id), tokens[k].span.cover(tokens[j].span));
            }
        }
        return noun_phrase(doc, tokens, k);
    }
    // "31 percent call them …", "Forty-one percent of respondents say": a share of those
    // polled, right before its verb.
    if tokens
        .get(k + 1)
        .is_some_and(|t| matches!(doc.slice(t.span), "percent" | "%"))
    {
        let phrase = noun_phrase(doc, tokens, k)?;
        let end = phrase.mention?.end;
        return cue(tokens.iter().find(|t| t.span.start >= end)).then_some(phrase);
    }
    // "said one former official", "another said", "two aides said": a counted noun phrase, or
    // the count alone before its verb.
    if matches!(
        text.to_lowercase().as_str(),
        "one" | "another" | "two" | "three" | "several" | "some" | "many" | "both" | "most"
    ) {
        // Only next to its verb: "At one point, he said" is no speaker "one point".
        let after_verb = k > 0 && cue(tokens.get(k - 1));
        let alone = cue(tokens.get(k + 1))
            || (after_verb && tokens.get(k + 1).is_none_or(|t| t.kind != TokenKind::Word));
        if alone {
            return matches!(
                text,
                "one" | "One" | "another" | "Another" | "most" | "Most" | "many" | "Many"
            )
            .then(|| make(None, tok.span))
            .flatten();
        }
        // "two days after Andrade claimed": a count of time speaks for nobody.
        let unit = tokens.get(k + 1).is_some_and(|t| {
            matches!(
                doc.slice(t.span).to_lowercase().trim_end_matches('s'),
                "second" | "minute" | "hour" | "day" | "week" | "month" | "year" | "time"
            )
        });
        if unit {
            return None;
        }
        let phrase = noun_phrase(doc, tokens, k)?;
        let end = phrase.mention?.end;
        let next = tokens.iter().find(|t| t.span.start >= end);
        // Or a subject its modifier runs on from ("Another source speaking to Fox News said").
        let modified = next.is_some_and(|t| {
            let w = doc.slice(t.span);
            w == "who" || (w.ends_with("ing") && t.pos == Some(Upos::Verb))
        });
        return (after_verb || cue(next) || modified).then_some(phrase);
    }
    // A place set after a preposition speaks for nobody: "researchers in Greenbelt, Maryland,
    // wrote" (nor does the town, nor its state after the comma).
    let place = entity_at(doc, tok.span)
        .is_some_and(|(id, _)| doc.entities[id.index()].kind == EntityType::LOC);
    if place && set_after_preposition(doc, tokens, k) {
        return None;
    }
    capitalised(doc, tokens, k)
}

/// The comma after the name of a person or body that opens a description of them running up
/// to the comma before the verb at token `v` ("Bob Friedman, a talk show host at the oldest
/// radio station in Alabama, said", "Sen. Ben Sasse, R-Neb., called", "The Centre for Economic
/// Policy Research, a London-based think tank, concluded"): the description holds no verb of
/// its own. Tokens before `from` (the sentence's start) are not searched.
pub(crate) fn named_in_apposition(
    doc: &Doc,
    tokens: &[Token],
    from: usize,
    v: usize,
) -> Option<usize> {
    let c = (v.saturating_sub(30).max(from)..v.checked_sub(1)?)
        .rev()
        .find(|&j| doc.slice(tokens[j].span) == ",")?;
    let finite = tokens[c + 1..v - 1].iter().any(|t| {
        let w = doc.slice(t.span);
        matches!(t.pos, Some(Upos::Verb | Upos::Aux)) && !w.ends_with("ing") && !w.ends_with("ed")
    });
    let named = (c.saturating_sub(5).max(from)..c).rev().any(|j| {
        !after_preposition(doc, tokens, j)
            && speaker_at(doc, tokens, j, usize::MAX).is_some_and(|s| {
                s.mention.is_some_and(|m| m.end == tokens[c - 1].span.end)
                    && s.entity.is_some_and(|id| {
                        matches!(
                            doc.entities[id.index()].kind,
                            EntityType::PER | EntityType::ORG
                        )
                    })
            })
    });
    (!finite && named).then_some(c)
}

/// The first word after a sentence's dateline, among words `first..v` (`word(p)` the text of
/// word `p`), or `first` when there is none: the words up to a dash near the start, further
/// after a place in capitals, which a date and an agency may follow ("WASHINGTON, Dec. 8 (UPI)
/// — Clinton's aide rallied …", "Washington (AFP) – Clinton has …").
pub(crate) fn past_dateline<'a>(word: impl Fn(usize) -> &'a str, first: usize, v: usize) -> usize {
    let opening = word(first);
    let capitals = opening.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !opening.chars().any(char::is_lowercase);
    let reach = if capitals { 12 } else { 6 };
    (first..v.min(first + reach))
        .find(|&p| matches!(word(p), "—" | "–" | "--"))
        .map_or(first, |p| p + 1)
}

/// Whether the word at `k` comes right after a preposition.
pub(crate) fn after_preposition(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    k >= 1 && PREPOSITIONS.contains(&doc.slice(tokens[k - 1].span).to_lowercase().as_str())
}

/// Whether the word at `k` is a preposition's object: right after it ("in Greenbelt"), or the
/// region after its town and a comma ("in Greenbelt, Maryland").
pub(crate) fn set_after_preposition(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    after_preposition(doc, tokens, k)
        || (k >= 2
            && doc.slice(tokens[k - 1].span) == ","
            && doc
                .slice(tokens[k - 2].span)
                .starts_with(char::is_uppercase)
            && after_preposition(doc, tokens, k - 2))
}

/// The person named right after `name` and one to three words of role in lowercase
/// ("professor", "chief economist").
fn person_after_role(doc: &Doc, tokens: &[Token], name: Span) -> Option<(EntityId, Span)> {
    let first = tokens.partition_point(|t| t.span.start < name.end);
    let role = |t: &Token| {
        let w = doc.slice(t.span);
        w.starts_with(char::is_lowercase)
            && w.len() > 2
            && t.pos.is_none_or(|p| matches!(p, Upos::Noun | Upos::Adj))
    };
    let words = tokens
        .get(first..)?
        .iter()
        .take(3)
        .take_while(|t| role(t))
        .count();
    if words == 0 {
        return None;
    }
    let (p, span) = entity_at(doc, tokens.get(first + words)?.span)?;
    (doc.entities[p.index()].kind == EntityType::PER).then_some((p, span))
}

/// A capitalised name at token `k` the entity layer typed otherwise or missed: a person whose
/// name ends in it, else the speaker as written.
fn capitalised(doc: &Doc, tokens: &[Token], k: usize) -> Option<Speaker> {
    let tok = tokens.get(k)?;
    let text = doc.slice(tok.span);
    // Not a word the tagger reads as a verb, a function word or an adverb ("Following a
    // swiftly called meeting", "Reached by POLITICO", "Which swing state"), unless a cue verb
    // follows it, whose subject it is ("“…,” Stranch wrote", a name read as a verb).
    let subject = tokens
        .get(k + 1)
        .is_some_and(|t| is_cue_verb(doc.slice(t.span)))
        && tok.pos.is_some_and(|p| matches!(p, Upos::Verb | Upos::Adv));
    let function = !subject
        && tok.pos.is_some_and(|p| {
            matches!(
                p,
                Upos::Verb
                    | Upos::Aux
                    | Upos::Det
                    | Upos::Pron
                    | Upos::Adp
                    | Upos::Sconj
                    | Upos::Cconj
                    | Upos::Adv
            )
        });
    // "Washington-based", "U.S.-born": a name made an adjective is no name.
    let adjective = text
        .rsplit_once('-')
        .is_some_and(|(_, last)| last.starts_with(char::is_lowercase) && last.len() > 3);
    if tok.kind == TokenKind::Word
        && text.starts_with(char::is_uppercase)
        && !is_cue_verb(text)
        && !NOT_NAMES.contains(&text)
        && !function
        && !adjective
    {
        let mut end = k;
        while tokens
            .get(end + 1)
            .is_some_and(|t| doc.slice(t.span).starts_with(char::is_uppercase))
        {
            end += 1;
        }
        let written = tokens[k].span.cover(tokens[end].span);
        let last = doc.slice(tokens[end].span);
        let person = doc
            .entities
            .iter()
            .find(|e| e.kind == EntityType::PER && e.name.split_whitespace().last() == Some(last));
        return Some(match person {
            Some(e) => of_entity(doc, e.id, written),
            None => self::written(doc, written),
        });
    }
    None
}

/// A speaker named by a noun phrase nothing resolves ("a senior Cruz adviser", "the
/// designer"): the phrase itself, up to punctuation or a reporting verb, at most eight words.
fn noun_phrase(doc: &Doc, tokens: &[Token], k: usize) -> Option<Speaker> {
    let mut end = k;
    while end + 1 < tokens.len() && end - k < 7 {
        let w = doc.slice(tokens[end + 1].span);
        // A noun phrase ends at its verb: a cue, a past form, an auxiliary, a conjunction.
        let verb = (w.len() > 4 && w.ends_with("ed"))
            || matches!(
                w,
                "is" | "was"
                    | "are"
                    | "were"
                    | "has"
                    | "had"
                    | "have"
                    | "will"
                    | "would"
                    | "and"
                    | "or"
                    | "but"
                    | "that"
            );
        // A number may qualify the noun ("a 2008 Clinton veteran").
        let part = tokens[end + 1].kind == TokenKind::Word
            || (tokens[end + 1].kind == TokenKind::Number && end == k);
        // A verb the tagger saw ends it too ("His office put out a statement"), past the
        // first word ("One sweeping question").
        let tagged_verb = end > k
            && tokens[end + 1]
                .pos
                .is_some_and(|p| matches!(p, Upos::Verb | Upos::Aux));
        if !part || is_cue_verb(w) || w == "who" || verb || tagged_verb {
            break;
        }
        end += 1;
    }
    // "my father often said": an adverb before the verb is not the phrase's, nor is a
    // preposition ("a defense of “…”").
    while end > k && matches!(tokens[end].pos, Some(Upos::Adv | Upos::Adp | Upos::Part)) {
        end -= 1;
    }
    // "a few days later", "a year ago": a time, not a speaker.
    let timely = tokens[k..=end].iter().any(|t| {
        matches!(
            doc.slice(t.span).to_lowercase().trim_end_matches('s'),
            "day"
                | "week"
                | "month"
                | "year"
                | "hour"
                | "minute"
                | "later"
                | "ago"
                | "time"
                | "earlier"
                | "moment"
                | "point"
        )
    });
    (end > k && !timely).then(|| written(doc, tokens[k].span.cover(tokens[end].span)))
}

/// The entity `id` as the speaker, mentioned at `mention`.
fn of_entity(doc: &Doc, id: EntityId, mention: Span) -> Speaker {
    Speaker {
        entity: Some(id),
        name: doc.entities[id.index()].name.clone(),
        mention: Some(mention),
    }
}

/// A speaker known only as written at `mention` ("a senior Cruz adviser", "state records").
pub(crate) fn written(doc: &Doc, mention: Span) -> Speaker {
    Speaker {
        entity: None,
        name: doc.slice(mention).to_owned(),
        mention: Some(mention),
    }
}

/// Plural nouns of people who speak as a group ("experts say", "officials said").
pub(crate) const GROUP_NOUNS: &[&str] = &[
    "officials",
    "experts",
    "aides",
    "analysts",
    "critics",
    "opponents",
    "supporters",
    "advocates",
    "sources",
    "observers",
    "economists",
    "investigators",
    "police",
    "authorities",
    "lawmakers",
    "legislators",
    "residents",
    "voters",
    "activists",
    "organizers",
    "strategists",
    "scientists",
    "researchers",
    "officers",
    "prosecutors",
    "lawyers",
    "attorneys",
    "historians",
    "diplomats",
    "leaders",
    "protesters",
    "witnesses",
    "doctors",
    "advisers",
    "advisors",
    "insiders",
    "allies",
    "members",
    "staffers",
    "executives",
    "pollsters",
    "operatives",
    "people",
    "students",
    "parents",
    "workers",
    "delegates",
    "donors",
    "organisers",
    "campaigners",
    "spokesmen",
    "spokespeople",
];

/// The person or body a clause ending in a colon introduces, among tokens `ks`: the last one
/// named not after a preposition ("When Trump suggested …, Rubio fired back:", "McConnell
/// delivered a blunt message to Trump:"), else the first; never as a possessive.
fn colon_speaker(doc: &Doc, tokens: &[Token], ks: &[usize]) -> Option<Speaker> {
    let named = |k: usize| {
        let (id, mention) = entity_at(doc, tokens[k].span)?;
        let kind = doc.entities[id.index()].kind;
        let possessive = doc.text()[mention.end()..].starts_with(['’', '\'']);
        (matches!(kind, EntityType::PER | EntityType::ORG) && !possessive).then_some((id, mention))
    };
    // The object of a preposition, also at the end of its noun phrase ("to the Dutch newspaper
    // NRC Handelsblad").
    let after_preposition = |m: Span| {
        tokens
            .iter()
            .rev()
            .filter(|t| t.span.end <= m.start)
            .take(4)
            .take_while(|t| t.kind == TokenKind::Word)
            .any(|t| PREPOSITIONS.contains(&doc.slice(t.span).to_lowercase().as_str()))
    };
    let found = ks
        .iter()
        .rev()
        .filter_map(|&k| named(k))
        .find(|&(_, m)| !after_preposition(m))
        .or_else(|| ks.iter().find_map(|&k| named(k)));
    if let Some((id, mention)) = found {
        return Some(of_entity(doc, id, mention));
    }
    // The words right before the colon: a name the entity layer missed, two or three
    // capitalised words ("… doesn't surprise pollster Daron Shaw:"), or a possessive and the
    // noun of what it said ("Clinton’s response was:", "Hoff’s letter makes the case:").
    let words: Vec<usize> = ks
        .iter()
        .copied()
        .filter(|&k| tokens[k].kind == TokenKind::Word || doc.slice(tokens[k].span) == ":")
        .collect();
    let colon = words
        .iter()
        .rposition(|&k| doc.slice(tokens[k].span) == ":")?;
    let run = words[..colon]
        .iter()
        .rev()
        .take(3)
        .take_while(|&&k| {
            let w = doc.slice(tokens[k].span);
            w.starts_with(char::is_uppercase) && !NOT_NAMES.contains(&w)
        })
        .count();
    if (2..=3).contains(&run) && colon > run {
        let first = words[colon - run];
        let last = words[colon - 1];
        // Right after a lowercase word: not a sentence's opening words.
        let lower = doc
            .slice(tokens[words[colon - run - 1]].span)
            .starts_with(char::is_lowercase);
        if lower && !after_preposition(tokens[first].span) {
            return Some(written(doc, tokens[first].span.cover(tokens[last].span)));
        }
    }
    let said = |k: usize| {
        cues()
            .nouns
            .contains(&doc.slice(tokens[k].span).to_lowercase())
    };
    ks.iter().rev().take(8).find_map(|&k| {
        let (id, mention) = entity_at(doc, tokens[k].span)?;
        let kind = doc.entities[id.index()].kind;
        let after = tokens.iter().position(|t| t.span.start >= mention.end);
        let noun = after
            .filter(|&p| matches!(doc.slice(tokens[p].span), "’s" | "'s" | "’" | "'"))
            .is_some_and(|p| p + 1 < tokens.len() && said(p + 1));
        (matches!(kind, EntityType::PER | EntityType::ORG) && noun)
            .then(|| of_entity(doc, id, mention))
    })
}

/// Words that open a subordinate clause, whose subject is not the sentence's.
pub(crate) const SUBORDINATORS: &[&str] = &[
    "as", "when", "while", "after", "before", "because", "if", "although", "though", "since",
    "once", "until", "whereas",
];

/// Prepositions whose object is no speaker.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "to", "on", "of", "in", "at", "for", "with", "from", "by", "about", "into", "against", "over",
    "under", "between", "toward", "towards", "during",
];

/// Whether a speaker found as a noun phrase names a medium of speech ("a statement", "an
/// email on Friday"), not someone who speaks.
pub(crate) fn speaks_through(doc: &Doc, s: &Speaker) -> bool {
    s.mention.is_some_and(|m| {
        doc.slice(m)
            .split_whitespace()
            .take(4)
            .any(|w| cues().nouns.contains(&w.to_lowercase()))
    })
}

/// Whether a token is a quotation mark or punctuation between a quote and its cue.
fn is_glue(s: &str) -> bool {
    matches!(
        s,
        "," | "”"
            | "“"
            | "\""
            | "'"
            | "’"
            | "‘"
            | "."
            | "?"
            | "!"
            | "»"
            | "«"
            | "—"
            | "–"
            | "-"
            | "―"
    )
}

/// The speaker, addressee and cue of quote `i`; `by_start` lists every quote's start and index
/// in order of start.
/// How many tokens before and after a quote its cue is looked for among, at most.
const SCAN: usize = 400;

fn attribute(
    doc: &Doc,
    i: usize,
    by_start: &[(u32, usize)],
) -> (Option<Speaker>, Option<Speaker>, Option<Span>) {
    let q = &doc.quotes[i];
    let span = q.span;
    // The region the cue is looked for in: the parent quote for nested quotes, else the paragraph.
    let region = match q.parent {
        Some(p) => doc.quotes[p.index()].span,
        // A quote running over paragraphs: all of them.
        // Paragraphs are in order and apart: those overlapping the quote are one run.
        None => {
            match doc.paragraphs[doc.paragraphs.partition_point(|p| p.span.end <= span.start)..]
                .iter()
                .take_while(|p| p.span.start < span.end)
                .filter(|p| p.span.overlaps(span))
                .map(|p| p.span)
                .reduce(Span::cover)
            {
                Some(paragraphs) => paragraphs,
                None => return (None, None, None),
            }
        }
    };
    // Sentences are in order: those overlapping the quote are one run.
    let first = doc.sentences.partition_point(|s| s.span.end <= span.start);
    let sentences: Vec<usize> = (first..doc.sentences.len())
        .take_while(|&k| doc.sentences[k].span.start < span.end)
        .filter(|&k| doc.sentences[k].span.overlaps(span))
        .collect();
    let sentence = sentences
        .iter()
        .map(|&k| doc.sentences[k].span)
        .fold(None::<Span>, |acc, s| Some(acc.map_or(s, |a| a.cover(s))))
        .unwrap_or(span);
    // A quote that opens its sentence may take its cue from the sentence before, inside the
    // region ("And you know what I told him? ‘No, …’").
    let opens_sentence = doc
        .slice(Span::new(sentence.start(), span.start()))
        .chars()
        .all(|c| !c.is_alphanumeric());
    let cue_sentence = match sentences.first() {
        Some(&k) if opens_sentence && k > 0 && region.contains(doc.sentences[k - 1].span) => {
            doc.sentences[k - 1].span.cover(sentence)
        }
        _ => sentence,
    };
    let tokens = doc.tokens_in(region);
    // Tokens of other quotes at this level are not read for cues.
    let from = by_start.partition_point(|&(start, _)| start < region.start);
    let siblings: Vec<Span> = by_start[from..]
        .iter()
        .take_while(|&&(start, _)| start < region.end)
        .map(|&(_, k)| &doc.quotes[k])
        .filter(|o| o.id != q.id && o.parent == q.parent && region.contains(o.span))
        .map(|o| o.span)
        .collect();
    // Siblings are in order and apart: the one that may hold a token is the last starting
    // before it.
    let outside = |t: &Token| {
        let k = siblings.partition_point(|s| s.start <= t.span.start);
        !span.contains(t.span) && (k == 0 || !siblings[k - 1].contains(t.span))
    };

    // In an embedded post: the person its words name, else its author.
    if q.parent.is_none() {
        if let Some(post) = doc.posts.iter().find(|p| p.text.contains(span)) {
            // The first word of its text, outside the quote, that names a person.
            let named = doc
                .tokens_in(post.text)
                .iter()
                .filter(|t| !span.contains(t.span))
                .find_map(|t| {
                    let word = doc.slice(t.span);
                    doc.entities
                        .iter()
                        .filter(|e| e.kind == EntityType::PER)
                        .find(|e| {
                            e.mentions.iter().any(|m| m.span.contains(t.span))
                                || e.name.split_whitespace().last() == Some(word)
                        })
                        .map(|e| (e.id, t.span))
                });
            if let Some((id, m)) = named {
                return (Some(of_entity(doc, id, m)), None, None);
            }
        }
    }

    // After the quote: `” she said`, `,” said Sheinbaum`, `” the council said`. A quote that
    // ends on ? or ! may have its cue split off as the next sentence ("…, no?” Freddy Ortega
    // said."): a short sentence right after it, with a cue verb among its first words.
    let ends_sentence = !doc
        .slice(Span::new(span.end(), sentence.end()))
        .chars()
        .any(char::is_alphanumeric);
    let next = sentences
        .last()
        .and_then(|&k| doc.sentences.get(k + 1))
        // Not for a partial quote: its own clause has the verb, and the next sentence is new.
        .filter(|n| ends_sentence && q.kind != QuoteKind::Partial && region.contains(n.span))
        // Not a sentence with a quote of its own: its cue is that quote's ("“…” Sanders said,
        // “…”").
        .filter(|n| {
            !doc.quotes
                .iter()
                .any(|o| o.parent == q.parent && n.span.contains(o.span))
        })
        .filter(|n| {
            let toks = doc.tokens_in(n.span);
            let word = |k: usize| toks.get(k).map_or("", |t| doc.slice(t.span));
            // "Will Estrada, the chairman for the Northern Virginia exurb, said of …": a name,
            // an apposition set off by commas, then the verb.
            let appositive = word(0).starts_with(char::is_uppercase)
                && (1..4).any(|c| word(c) == "," && matches!(word(c + 1), "the" | "a" | "an"))
                && (4..14).any(|k| word(k - 1) == "," && cue_at(doc, toks, k));
            (toks.len() <= 12 && (0..toks.len().min(5)).any(|k| cue_at(doc, toks, k)))
                || (toks.len() <= 24 && appositive)
        });
    let after_sentence = next.map_or(sentence, |n| sentence.cover(n.span));
    // Tokens are in order: only those from the quote's end to the sentence's end are read,
    // at most `SCAN` of them (a page may be one endless sentence).
    let from = tokens.partition_point(|t| t.span.start < span.end);
    let after: Vec<usize> = (from..tokens
        .partition_point(|t| t.span.start < after_sentence.end)
        .min(from + SCAN))
        .filter(|&k| {
            tokens[k].span.start >= span.end
                && after_sentence.contains(tokens[k].span)
                && outside(&tokens[k])
        })
        .collect();
    let mut j = 0;
    while j < after.len() && is_glue(doc.slice(tokens[after[j]].span)) {
        j += 1;
    }
    let window: Vec<usize> = after[j..].iter().copied().take(AFTER_WINDOW).collect();
    // A signature after a dash ("…” ― Carla Sanchez."), as under a letter or a post.
    let dashed = after[..j]
        .iter()
        .any(|&k| matches!(doc.slice(tokens[k].span), "—" | "–" | "―"));
    if dashed {
        if let Some(s) = window
            .first()
            .and_then(|&k| speaker_at(doc, tokens, k, i))
            .filter(|s| {
                s.mention
                    .is_some_and(|m| doc.slice(m).starts_with(char::is_uppercase))
            })
        {
            return (Some(s), None, None);
        }
    }
    // "according to X" after the quote.
    if let Some(a) = window.windows(2).position(|w| {
        doc.slice(tokens[w[0]].span)
            .eq_ignore_ascii_case("according")
            && doc.slice(tokens[w[1]].span) == "to"
    }) {
        // A person or body, or a document, a poll, records: the words up to the next
        // punctuation ("according to the report").
        let source = window.get(a + 2).and_then(|&k| {
            let words = || {
                let last = window[a + 2..]
                    .iter()
                    .take_while(|&&j| tokens[j].kind == TokenKind::Word)
                    .take(8)
                    .last()?;
                Some(written(doc, tokens[k].span.cover(tokens[*last].span)))
            };
            match speaker_at(doc, tokens, k, i) {
                Some(s) if s.entity.is_some() => Some(s),
                other => words().or(other),
            }
        });
        if let Some(s) = source {
            let cue = tokens[window[a]].span.cover(tokens[window[a + 1]].span);
            return (Some(s), None, Some(cue));
        }
    }
    // "Cruz said he'd make sand “glow in the dark,” and Trump vowed to …": a cue after a
    // conjunction opens another clause; a partial quote keeps the cue before it.
    let partial_inside = q.kind == QuoteKind::Partial;
    // "Clinton said “I stood up to the banks.” Sanders said, “…”": after a quote that ends its
    // sentence, a verb that a comma or colon joins to the next quote is that quote's cue.
    let closed = doc.slice(span).trim_end().ends_with(['.', '?', '!']);
    let introduces_next = |k: usize| {
        let Some(mark) = tokens
            .get(k + 1)
            .filter(|t| matches!(doc.slice(t.span), "," | ":"))
        else {
            return false;
        };
        closed
            && siblings
                .iter()
                .any(|s| s.start >= mark.span.end && s.start <= mark.span.end + 8)
    };
    // "“…,” Ana Lima, legal director of the group, said", "“…,” Trump, the 2016 GOP
    // presidential frontrunner nationally and current polling leader in South Carolina, said":
    // a name right after the quote, set off by a comma, is the subject of the verb after its
    // apposition, not the apposition's last words. Past the usual window the verb must follow
    // the apposition's closing comma. A name the entity layer missed counts when it has two
    // capitalised words and an apposition opened by an article follows ("Will Estrada, the
    // chairman …, said").
    let long: Vec<usize> = after[j..].iter().copied().take(3 * AFTER_WINDOW).collect();
    let text = |p: usize| doc.slice(tokens[long[p]].span);
    // "“…,” as Van Jackson, associate professor at …, puts it": past "as".
    let first = usize::from(
        long.first()
            .is_some_and(|&k| doc.slice(tokens[k].span) == "as"),
    );
    let named = long.get(first).and_then(|&k| {
        let s = speaker_at(doc, tokens, k, i)?;
        let end = s.mention?.end;
        let p = long.iter().position(|&w| tokens[w].span.start >= end)?;
        // Or a noun phrase and its relative clause ("“…” an intelligence source, who was not
        // authorized to speak, told Fox News").
        let described = p + 1 < long.len()
            && text(p + 1) == "who"
            && matches!(text(first).to_lowercase().as_str(), "the" | "a" | "an");
        // A name of two words the entity layer missed, when an article or a lowercase role
        // opens its apposition ("Van Jackson, associate professor at …, puts it").
        let known = s.entity.is_some()
            || described
            || (s.name.split_whitespace().count() >= 2
                && p + 1 < long.len()
                && (matches!(text(p + 1), "the" | "a" | "an")
                    || (text(p + 1).starts_with(char::is_lowercase)
                        && tokens[long[p + 1]].pos == Some(Upos::Noun))));
        if !known || text(p) != "," {
            return None;
        }
        let v = (p + 1..long.len()).find(|&v| {
            cue_at(doc, tokens, long[v])
                && !introduces_next(long[v])
                && (v < window.len() || text(v - 1) == ",")
        })?;
        Some((s, tokens[long[v]].span))
    });
    if let Some((s, verb)) = named {
        let cue = s.mention.map_or(verb, |m| m.cover(verb));
        return (Some(s), None, Some(cue));
    }
    // A participle after the quote is no cue with a subject there: "…,” a nod to the
    // front-runner acknowledging that …", "…,” describing the team as …" (the sentence's
    // subject is the participle's).
    if let Some(v) = window
        .iter()
        .position(|&k| {
            cue_at(doc, tokens, k)
                && !introduces_next(k)
                && (!doc.slice(tokens[k].span).ends_with("ing")
                    // "“…” a reporter can be heard asking Trump".
                    || matches!(word_before(doc, tokens, k), "heard" | "seen" | "caught"))
        })
        // A partial quote that closes its sentence ("Japan branded it an “outlaw nation.”
        // Russia insisted …") takes no cue after it, but for a verb right after it ("… ?”
        // said Dunn").
        .filter(|&v| !(partial_inside && doc.slice(span).trim_end().ends_with('.') && v > 0))
        .filter(|&v| {
            !(partial_inside
                && window[..v].iter().any(|&k| {
                    matches!(
                        doc.slice(tokens[k].span),
                        "and" | "but" | "while" | "whereas"
                    )
                }))
        })
    {
        let verb = tokens[window[v]].span;
        // Subject just before the verb ("she said", "the Crisis Group said"), else after it
        // ("said Sheinbaum").
        // A parenthesis between passes ("Sen. Chuck Schumer (D-N.Y.) said").
        // "“…,” the bespectacled, 71-year-old diplomat said": a noun phrase from "the" or "a"
        // right after the quote up to the verb, commas and all.
        let phrase = (2..=8)
            .contains(&v)
            .then(|| {
                let first = doc.slice(tokens[window[0]].span);
                let words = window[..v].iter().all(|&k| {
                    tokens[k].kind == TokenKind::Word
                        || matches!(doc.slice(tokens[k].span), "," | "-")
                });
                // "Obama's former campaign strategist said": a possessive opens one too.
                let possessive = window
                    .get(1)
                    .is_some_and(|&k| matches!(doc.slice(tokens[k].span), "’s" | "'s"))
                    && first.starts_with(char::is_uppercase);
                (matches!(first, "the" | "a" | "an") || possessive) && words
            })
            .filter(|&opens| opens)
            .map(|_| {
                // Up to an auxiliary or verb before the cue ("a reporter can be heard asking").
                let last = (1..v)
                    .find(|&p| matches!(tokens[window[p]].pos, Some(Upos::Aux | Upos::Verb)))
                    .map_or(v - 1, |p| p - 1);
                written(doc, tokens[window[0]].span.cover(tokens[window[last]].span))
            });
        // "“…” about the decision, said RoseAnn DeMoro, …": after a comma, the verb's subject
        // is the name that follows it, not the words before the comma.
        let inverted = (v >= 2 && doc.slice(tokens[window[v - 1]].span) == ",")
            .then(|| {
                let k = *window.get(v + 1)?;
                doc.slice(tokens[k].span)
                    .starts_with(char::is_uppercase)
                    .then(|| speaker_at(doc, tokens, k, i))
                    .flatten()
            })
            .flatten();
        if let Some(s) = inverted {
            let cue = s.mention.map_or(verb, |m| verb.cover(m));
            return (Some(s), None, Some(cue));
        }
        let mut depth = 0usize;
        let subject = (0..v)
            .rev()
            .filter(|&p| {
                match doc.slice(tokens[window[p]].span) {
                    ")" => depth += 1,
                    "(" => depth = depth.saturating_sub(1),
                    _ => return depth == 0,
                }
                false
            })
            .take(4)
            .find_map(|p| speaker_at(doc, tokens, window[p], i))
            .filter(|s| s.entity.is_some() || phrase.is_none())
            .or(phrase);
        // After the verb, a pronoun is the subject only at the clause's end ("…,” said he.");
        // "and said he was standing" opens a reported clause.
        let subject = subject.or_else(|| {
            let k = *window.get(v + 1)?;
            let w = doc.slice(tokens[k].span);
            let pronoun = third_person(w);
            let ends = window
                .get(v + 2)
                .is_none_or(|&n| is_glue(doc.slice(tokens[n].span)));
            if pronoun && !ends {
                return None;
            }
            speaker_at(doc, tokens, k, i).or_else(|| {
                // "said 9/11 widow Terry Strada", "said master of ceremonies Asab Al-Tabchi":
                // a person named after a few words of role, before any punctuation; not past a
                // preposition right after the verb ("said in an interview with CNN").
                if PREPOSITIONS.contains(&w.to_lowercase().as_str()) {
                    return None;
                }
                window[v + 1..]
                    .iter()
                    .take(6)
                    .take_while(|&&k| {
                        tokens[k].kind == TokenKind::Word || doc.slice(tokens[k].span).contains('/')
                    })
                    .find_map(|&k| {
                        let (id, mention) = entity_at(doc, tokens[k].span)?;
                        matches!(
                            doc.entities[id.index()].kind,
                            EntityType::PER | EntityType::ORG
                        )
                        .then(|| of_entity(doc, id, mention))
                    })
            })
        });
        if let Some(s) = subject {
            let cue = s.mention.map_or(verb, |m| m.cover(verb));
            return (Some(s), None, Some(cue));
        }
    }

    // Before the quote: the last cue verb of its sentence, and the subject before it.
    let to = tokens.partition_point(|t| t.span.end <= span.start);
    let before: Vec<usize> = (tokens
        .partition_point(|t| t.span.start < cue_sentence.start)
        .max(to.saturating_sub(SCAN))..to)
        .filter(|&k| {
            tokens[k].span.end <= span.start
                && cue_sentence.contains(tokens[k].span)
                && outside(&tokens[k])
        })
        .collect();
    // The last cue verb before the quote, passing over one in a restrictive relative clause
    // of the content ("saying anybody who complains about a microphone “…”"); one after
    // ", who" is the speaker's own ("Beck, who said there were “…”").
    let restrictive = |p: usize| {
        p > 0
            && doc.slice(tokens[before[p - 1]].span) == "who"
            && (p < 2 || doc.slice(tokens[before[p - 2]].span) != ",")
    };
    let last_cue = before.iter().rposition(|&k| cue_at(doc, tokens, k));
    let last_cue = match last_cue {
        Some(p) if restrictive(p) => before[..p]
            .iter()
            .rposition(|&k| cue_at(doc, tokens, k))
            .or(Some(p)),
        other => other,
    };
    if let Some(v) = last_cue {
        let verb = tokens[before[v]].span;
        // A cue in the sentence before that already cues an earlier quote ("Clinton “drew
        // …” in the primary, said professor Paul Beck. “That was …”") goes on naming that
        // quote's speaker.
        // So does any cue of an earlier quote in that sentence ("“…,” Lieberman told the Journal
        // in July, after de Blasio stated an interest in … . “…”").
        if !sentence.contains(verb) {
            let earlier = Span::new(cue_sentence.start(), sentence.start());
            if let Some(o) = doc.quotes[..i].iter().rev().find(|o| {
                o.parent == q.parent
                    && o.speaker.is_some()
                    && o.cue
                        .is_some_and(|c| c.contains(verb) || earlier.contains(c))
            }) {
                return (o.speaker.clone(), None, o.cue);
            }
        }
        // A subject, not the object of a preposition ("contribute to the battle", "caucused
        // in Nevada") nor a name inside a noun phrase ("the Drudge headline").
        let candidate = |k: usize| {
            speaker_at(doc, tokens, k, i)
                .filter(|s| s.entity.is_some() || s.mention.is_some())
                .filter(|s| {
                    let start = s.mention.map_or(tokens[k].span.start, |m| m.start);
                    let prev = tokens.iter().rev().find(|t| t.span.end <= start);
                    !prev.is_some_and(|t| {
                        let w = doc.slice(t.span);
                        PREPOSITIONS.contains(&w.to_lowercase().as_str())
                            || (matches!(w, "the" | "The")
                                && s.mention
                                    .is_some_and(|m| doc.slice(m).starts_with(char::is_uppercase)))
                    })
                })
        };
        // "Graham, who says …, tweeted that …": past a relative clause closed by a comma
        // just before the verb, to the name it describes.
        let word = |p: usize| doc.slice(tokens[before[p]].span);
        let relative = (v > 0 && word(v - 1) == ",")
            .then(|| {
                (1..v.saturating_sub(1)).rev().take(24).find(|&p| {
                    // ", who …," or a participle's phrase (", noting the size of …,"), or a
                    // prepositional one (", in an attempt to draw attention to …,").
                    opens_aside(doc, tokens, before[p]) && word(p - 1) == ","
                })
            })
            .flatten()
            // Or a description of a person without a verb ("Cheuk Hau-yip, the commander of
            // Kowloon West district, said", "Sen. Ben Sasse, R-Neb., called").
            .or_else(|| {
                let c = named_in_apposition(doc, tokens, before[0], before[v])?;
                let p = before.iter().position(|&k| k == c)?;
                (word(v - 1) == ",").then_some(p + 1)
            })
            .and_then(|p| p.checked_sub(2))
            .and_then(|p| {
                // Past a parenthesis after the name ("Sen. Richard J. Durbin (D-Ill.), noting …").
                let p = if word(p) == ")" {
                    (p.saturating_sub(6)..p)
                        .rev()
                        .find(|&o| word(o) == "(")?
                        .checked_sub(1)?
                } else {
                    p
                };
                candidate(before[p])
            });
        // "tweeting out a message on Tuesday declaring …", "released a parody website asking
        // …": a participle after a verb's object, an article's noun phrase, is the sentence
        // subject's too.
        let after_object = || {
            let nominal: Vec<usize> = (v.saturating_sub(6)..v)
                .rev()
                .take_while(|&p| {
                    tokens[before[p]].kind == TokenKind::Word
                        && !matches!(tokens[before[p]].pos, Some(Upos::Verb | Upos::Aux))
                })
                .collect();
            // Opened by an article, or a bare noun or two ("emailed supporters saying").
            let article = nominal
                .iter()
                .copied()
                .find(|&p| matches!(word(p), "a" | "an" | "the"))
                .or_else(|| {
                    (nominal.len() <= 2
                        && nominal
                            .iter()
                            .all(|&p| tokens[before[p]].pos == Some(Upos::Noun)))
                    .then(|| nominal.last().copied())
                    .flatten()
                });
            // The verb, past a particle ("sent out").
            let a = article?;
            let p = if a > 1 && tokens[before[a - 1]].pos == Some(Upos::Adp) {
                a - 1
            } else {
                a
            };
            (p > 0 && tokens[before[p - 1]].pos == Some(Upos::Verb)).then(|| p - 1)
        };
        let object_of = (word(v).ends_with("ing") && !after_comma(doc, verb))
            .then(after_object)
            .flatten();
        // That verb's subject, just before it ("…, his campaign sent out a text message
        // saying"), else the sentence's (also when that verb is a participle itself).
        let object_subject = object_of
            .filter(|&o| !word(o).ends_with("ing"))
            .and_then(|o| {
                (o.saturating_sub(4)..o)
                    .rev()
                    .find_map(|p| candidate(before[p]))
            });
        // "The Wisconsin Republican criticized the policy and said …", "Clinton mocked the
        // complaint, saying …": a verb coordinated with an earlier one, or a participle after a
        // comma, shares the sentence's subject, at its start.
        let participle = word(v).ends_with("ing")
            && v > 0
            && (after_comma_or_adverb(doc, tokens, before[v])
                || matches!(word(v - 1), "by" | "upon" | "after" | "while" | "when")
                || object_of.is_some());
        // A participle after a clause with its own cue ("a strategist said Clinton will have to
        // choose, saying …") shares that cue's subject.
        let earlier_cue = participle
            .then(|| {
                (0..v.saturating_sub(1)).rev().find(|&p| {
                    matches!(
                        word(p),
                        "said"
                            | "says"
                            | "say"
                            | "told"
                            | "wrote"
                            | "added"
                            | "argued"
                            | "insisted"
                    ) || (p + 14 > v
                        && sentence.contains(tokens[before[p]].span)
                        && !word(p).ends_with("ing")
                        && tokens[before[p]].pos == Some(Upos::Verb)
                        && (p == 0 || word(p - 1) != "to")
                        && cue_at(doc, tokens, before[p]))
                })
            })
            .flatten()
            .and_then(|c| {
                (c.saturating_sub(4)..c)
                    .rev()
                    .find_map(|p| candidate(before[p]))
            });
        // A verb coordinated with an earlier cue, or with an earlier verb of the main clause,
        // shares its subject ("which Trump had called a “disaster” and promised to “rip up”",
        // "Cruz knocked Rubio on trade and called him …"), also past an adverb ("and later
        // said").
        let and = if v > 2 && tokens[before[v - 1]].pos == Some(Upos::Adv) {
            v - 2
        } else {
            v.saturating_sub(1)
        };
        let and_cue = (v > 1 && word(and) == "and")
            .then(|| {
                // The sentence's first cue: a verb past it is under it.
                let first_cue = (0..and).find(|&o| {
                    sentence.contains(tokens[before[o]].span) && cue_at(doc, tokens, before[o])
                });
                (v.saturating_sub(14)..and).rev().find(|&p| {
                    sentence.contains(tokens[before[p]].span)
                        && !word(p).ends_with("ing")
                        && (p == 0 || word(p - 1) != "to")
                        && !(p..v).any(|o| word(o) == ",")
                        && (cue_at(doc, tokens, before[p])
                            // Not a passive, nor a verb after a cue ("Lazar said he welcomed …
                            // and added").
                            || (tokens[before[p]].pos == Some(Upos::Verb)
                                && !after_be(doc, tokens, before[p])
                                && first_cue.is_none_or(|f| f >= p)))
                })
            })
            .flatten()
            .and_then(|c| {
                // The subject's first word, so the whole noun phrase ("The Wisconsin Republican").
                (c.saturating_sub(4)..c).find_map(|p| {
                    candidate(before[p]).filter(|s| {
                        s.mention
                            .is_some_and(|m| m.end <= tokens[before[c]].span.start)
                    })
                })
            });
        // "he laughed and said", "I laughed and said": a pronoun just before the first verb is
        // its subject.
        let pronoun_first = (v >= 3 && word(v - 1) == "and")
            .then(|| {
                let w = word(v - 3);
                matches!(w, "he" | "He" | "she" | "She" | "I")
                    .then(|| speaker_at(doc, tokens, before[v - 3], i))
                    .flatten()
            })
            .flatten();
        let coordinated = (v > 0 && (matches!(word(and), "and" | "but") || participle))
            .then(|| {
                if pronoun_first.is_some() {
                    return pronoun_first.clone();
                }
                let first = before
                    .iter()
                    .position(|&k| sentence.contains(tokens[k].span))?;
                let first = past_dateline(word, first, v);
                // Past a fronted subordinate clause: "As the crowd began to chant, Silverman
                // was joined on stage … and joked, “…”".
                // Or a fronted participle's phrase: "Speaking in his real voice again, he …".
                let first = if opens_fronted_phrase(doc, tokens, before[first]) {
                    (first..v)
                        .find(|&p| word(p) == ",")
                        .map_or(first, |c| c + 1)
                } else {
                    first
                };
                earlier_cue
                    .or(and_cue)
                    .or_else(|| (first..v.min(first + 6)).find_map(|p| candidate(before[p])))
            })
            .flatten();
        // "…, explained Rosenberg, “…”": the verb after a comma, its subject a name after it
        // and a comma before the quote.
        let marks = before
            .iter()
            .rev()
            .take_while(|&&k| matches!(doc.slice(tokens[k].span), "“" | "\"" | "‘" | "'"))
            .count();
        let comma = before.len().saturating_sub(marks + 1);
        // Not a verb whose object follows it ("…, who …, told POLITICO, “…”", "…, telling
        // Reuters, “…”").
        let objectless = !matches!(
            word(v).to_lowercase().as_str(),
            "told" | "tells" | "tell" | "asked" | "asks" | "ask" | "urged" | "warned" | "assured"
        ) && !word(v).ends_with("ing");
        let inverted =
            (objectless && v > 0 && word(v - 1) == "," && (v + 2..=v + 4).contains(&comma))
                .then(|| {
                    let name = doc.slice(tokens[before[v + 1]].span);
                    (name.starts_with(char::is_uppercase) && word(comma) == ",")
                        .then(|| candidate(before[v + 1]))
                        .flatten()
                })
                .flatten();
        // "footage of Hillary Clinton asking, “…”": a person named right before a participle
        // is its subject, even after a preposition.
        let named_before = (word(v).ends_with("ing") && v > 0 && !after_comma(doc, verb))
            .then(|| {
                let (id, mention) = entity_at(doc, tokens[before[v - 1]].span)?;
                (doc.entities[id.index()].kind == EntityType::PER
                    && mention.end == tokens[before[v - 1]].span.end)
                    .then(|| of_entity(doc, id, mention))
            })
            .flatten();
        let mut subject = named_before
            .or(object_subject)
            .or(relative)
            .or(inverted)
            .or(coordinated)
            .or_else(|| {
                // "a White House official who spoke anonymously to discuss internal strategy
                // said": past a restrictive relative clause to the noun it describes.
                let who = (v.saturating_sub(20)..v.saturating_sub(1))
                    .rev()
                    .take_while(|&p| sentence.contains(tokens[before[p]].span) && word(p) != ",")
                    .find(|&p| word(p) == "who")
                    // Not past a clause with its own subject ("who gained attention when he
                    // yelled").
                    .filter(|&w| {
                        !(w..v).any(|p| {
                            third_person(word(p)) || matches!(word(p), "they" | "I" | "we")
                        })
                    })?;
                (who.saturating_sub(4)..who)
                    .rev()
                    .find_map(|p| candidate(before[p]))
            })
            .or_else(|| before[..v].iter().rev().take(8).find_map(|&k| candidate(k)));
        // "Clinton issued a statement saying …", "she sent an email saying …": the statement
        // does not speak; whoever issued it, further back, does.
        if let Some(thing) = subject
            .as_ref()
            .filter(|s| s.entity.is_none() && speaks_through(doc, s))
        {
            let start = thing.mention.map_or(0, |m| m.start);
            let issuer = before[..v]
                .iter()
                .rev()
                .filter(|&&k| tokens[k].span.end <= start)
                .take(8)
                .find_map(|&k| candidate(k).filter(|s| !speaks_through(doc, s)));
            if issuer.is_some() {
                subject = issuer;
            }
        }
        // "Lynch said she recalled thinking, “…”", "Trump said he responded: “…”": a pronoun
        // subject of a clause reported by the same person names them where they speak first.
        if let Some(s) = subject.as_ref() {
            let pronoun = s.mention.filter(|m| {
                let w = doc.slice(*m);
                third_person(w)
            });
            let outer = pronoun.and_then(|m| {
                let at = before
                    .iter()
                    .position(|&k| tokens[k].span.start == m.start)?;
                let c = at.checked_sub(1)?;
                let c = if word(c) == "that" {
                    c.checked_sub(1)?
                } else {
                    c
                };
                if !cue_at(doc, tokens, before[c]) || word(c).ends_with("ing") {
                    return None;
                }
                (c.saturating_sub(3)..c)
                    .rev()
                    .find_map(|p| candidate(before[p]))
                    .filter(|o| o.entity.is_some() && o.entity == s.entity)
            });
            if outer.is_some() {
                subject = outer;
            }
        }
        // "Beck, who said there were “…”", "a message that said, “…”": the relative pronoun
        // is the subject's mention.
        if let Some(s) = subject.as_mut() {
            let end = s.mention.map_or(u32::MAX, |m| m.end);
            if let Some(&who) = before[..v]
                .iter()
                .rev()
                .take(4)
                .find(|&&k| {
                    let w = doc.slice(tokens[k].span);
                    tokens[k].span.start >= end
                        && (w == "who"
                            // "that" and "which" only between the phrase and its verb.
                            || (matches!(w, "that" | "which")
                                && Some(&k) == before.get(v.wrapping_sub(1))
                                && doc.text()[end as usize..tokens[k].span.start()].trim().is_empty()))
                })
            {
                s.mention = Some(tokens[who].span);
            }
        }
        let addressee = before.get(v + 1).and_then(|&k| {
            let t = doc.slice(tokens[k].span);
            third_person(t)
                .then(|| speaker_at(doc, tokens, k, i))
                .flatten()
        });
        if let Some(s) = subject {
            let cue = s.mention.map_or(verb, |m| m.cover(verb));
            return (Some(s), addressee, Some(cue));
        }
    }

    // "According to the Daily Caller, “…”": the source named at the sentence's start.
    let opening: Vec<usize> = before
        .iter()
        .copied()
        .filter(|&k| cue_sentence.contains(tokens[k].span))
        .take(3)
        .collect();
    if let [a, b, k] = opening[..] {
        if doc.slice(tokens[a].span).eq_ignore_ascii_case("according")
            && doc.slice(tokens[b].span) == "to"
        {
            if let Some(s) = speaker_at(doc, tokens, k, i) {
                let cue = tokens[a].span.cover(tokens[b].span);
                return (Some(s), None, Some(cue));
            }
        }
    }

    // Introduced by a colon and no verb ("… doesn't surprise pollster Daron Shaw: “…”",
    // "McConnell delivered a blunt message to Trump: “…”"): whom the colon introduces.
    let colon = before
        .iter()
        .rev()
        .map(|&k| doc.slice(tokens[k].span))
        .find(|w| !matches!(*w, "“" | "\"" | "‘" | "'" | "«" | "„"))
        == Some(":");
    if colon {
        // "He sighed: “…”": a pronoun and its verb right before the colon.
        let words: Vec<usize> = before
            .iter()
            .copied()
            .filter(|&k| tokens[k].kind == TokenKind::Word || doc.slice(tokens[k].span) == ":")
            .collect();
        let n = words.len();
        let pronoun = (n >= 3)
            .then(|| {
                let w = doc.slice(tokens[words[n - 3]].span);
                let verb = doc.slice(tokens[words[n - 2]].span);
                let opens = n == 3 || matches!(doc.slice(tokens[words[n - 4]].span), "and" | "but");
                (opens
                    && third_person(w)
                    && verb.starts_with(char::is_lowercase)
                    && verb.ends_with("ed"))
                .then(|| speaker_at(doc, tokens, words[n - 3], i))
                .flatten()
            })
            .flatten();
        if let Some(s) = pronoun {
            return (Some(s), None, None);
        }
        if let Some(s) = colon_speaker(doc, tokens, &before) {
            return (Some(s), None, None);
        }
    }

    // A partial quote with no cue: the subject its sentence opens with ("McCaul criticized
    // Clinton for “…”", "Moore thanked him for “…”"), a person or body, not the object of a
    // preposition ("In his interview, McCaul …") nor a possessive.
    // Only past a scare quote's length: "the so-called “experts”" is nobody's words.
    if q.kind == QuoteKind::Partial && doc.slice(span).split_whitespace().count() > SCARE_WORDS {
        let in_sentence: Vec<usize> = before
            .iter()
            .copied()
            .filter(|&k| sentence.contains(tokens[k].span))
            .collect();
        // The sentence's first words, or the first words after a fronted phrase's comma ("In
        // the depths of the recession, Paul Ryan worried that …").
        let fronted = in_sentence
            .iter()
            .take(24)
            .position(|&k| doc.slice(tokens[k].span) == ",")
            .filter(|_| {
                in_sentence
                    .first()
                    .is_some_and(|&k| opens_fronted_phrase(doc, tokens, k))
            })
            .map_or(0, |c| c + 1);
        let opening = in_sentence.iter().copied().skip(fronted).take(8);
        let subject = opening
            .filter(|&k| {
                let prev = k
                    .checked_sub(1)
                    .map(|p| doc.slice(tokens[p].span).to_lowercase());
                !prev
                    .is_some_and(|w| PREPOSITIONS.contains(&w.as_str()) || w == "his" || w == "her")
            })
            .find_map(|k| speaker_at(doc, tokens, k, i))
            .filter(|s| {
                let possessive = s
                    .mention
                    .is_some_and(|m| doc.text()[m.end()..].starts_with(['’', '\'']));
                let named = s.entity.is_some_and(|e| {
                    matches!(
                        doc.entities[e.index()].kind,
                        EntityType::PER | EntityType::ORG
                    )
                });
                named && !possessive && !speaks_through(doc, s)
            });
        if subject.is_some() {
            return (subject, None, None);
        }
    }

    // A quote paragraph signed in the next one ("“…”¶- Bernie Sanders."), as fact-checks and
    // collections of quotes lay them out.
    if q.parent.is_none() {
        let alone = doc
            .slice(Span::new(region.start(), span.start()))
            .chars()
            .chain(doc.slice(Span::new(span.end(), region.end())).chars())
            .all(|c| !c.is_alphanumeric());
        let next = doc.paragraphs.iter().find(|p| p.span.start >= region.end);
        let signature = next.filter(|p| {
            let text = doc.slice(p.span).trim_start();
            text.starts_with(['-', '—', '–', '―']) && text.split_whitespace().count() <= 7
        });
        if let (true, Some(p)) = (alone, signature) {
            let toks = doc.tokens_in(p.span);
            if let Some(s) = (0..toks.len().min(4)).find_map(|k| speaker_at(doc, toks, k, i)) {
                return (Some(s), None, None);
            }
        }
    }

    // No cue: the previous quote's speaker, when it is in the same paragraph.
    if q.parent.is_none() {
        // Titles and scare quotes between ("said Cuban, host of “Shark Tank.” “I mean, …”")
        // are nobody's turn.
        let previous = doc.quotes[..i]
            .iter()
            .rev()
            .find(|o| o.parent.is_none() && o.kind != QuoteKind::Scare);
        if let Some(prev) = previous.filter(|o| region.contains(o.span)) {
            // The speaker's latest mention between the two quotes names them here ("…," says
            // Melissa Roloson. Roloson supports Clinton. “…”).
            let speaker = prev.speaker.clone().map(|mut s| {
                let between = Span::new(prev.span.end(), span.start());
                if let Some(latest) = s.entity.and_then(|id| {
                    doc.entities[id.index()]
                        .mentions
                        .iter()
                        .rev()
                        .find(|m| between.contains(m.span))
                }) {
                    s.mention = Some(latest.span);
                }
                s
            });
            return (speaker, None, None);
        }
        // A paragraph that is nothing but a quote goes on with the speaker of the quote that
        // closed the paragraph before ("“…,” Murphy said.¶“I mean, …”").
        if let Some(prev) = previous.filter(|o| o.speaker.is_some()) {
            let alone = doc
                .slice(region)
                .chars()
                .zip(doc.slice(region).char_indices())
                .all(|(c, (at, _))| {
                    let at = region.start() + at;
                    !c.is_alphanumeric() || span.contains(Span::new(at, at + c.len_utf8()))
                });
            let before = doc
                .paragraphs
                .iter()
                .rev()
                .find(|p| p.span.end <= region.start);
            let closes_before = before.is_some_and(|p| {
                p.span.contains(prev.span)
                    && doc.quotes[i - 1..i]
                        .iter()
                        .all(|o| o.parent.is_some() || o.id == prev.id)
            });
            if alone && closes_before {
                return (prev.speaker.clone(), None, None);
            }
        }
        // A paragraph that is nothing but a quote, after a paragraph whose last sentence
        // introduces it ("Cruz called them on it:¶“…”", "Carter said that … would not
        // happen.¶“That's because …”"): the subject of that sentence's cue.
        let opens = doc
            .slice(Span::new(region.start(), span.start()))
            .chars()
            .all(|c| !c.is_alphanumeric());
        let closes = doc
            .slice(Span::new(span.end(), region.end()))
            .chars()
            .all(|c| !c.is_alphanumeric());
        let before = doc
            .paragraphs
            .partition_point(|p| p.span.end <= region.start)
            .checked_sub(1)
            .map(|k| &doc.paragraphs[k]);
        // Its sentences start inside it: the last of those it holds.
        let last_sentence = before.and_then(|p| {
            let from = doc
                .sentences
                .partition_point(|s| s.span.start < p.span.start);
            let to = doc.sentences.partition_point(|s| s.span.start < p.span.end);
            doc.sentences[from..to.max(from)]
                .iter()
                .rev()
                .find(|s| p.span.contains(s.span))
        });
        let quoted_before =
            last_sentence.is_some_and(|s| doc.quotes[..i].iter().any(|o| s.span.overlaps(o.span)));
        if let (true, true, false, Some(sentence)) = (opens, closes, quoted_before, last_sentence) {
            let toks = doc.tokens_in(sentence.span);
            let colon = doc.slice(sentence.span).trim_end().ends_with(':');
            let verb = (0..toks.len()).rev().find(|&k| cue_at(doc, toks, k));
            let subject = match verb {
                Some(v) => (0..v)
                    .rev()
                    .take(8)
                    .find_map(|k| speaker_at(doc, toks, k, i).filter(|s| !speaks_through(doc, s))),
                // "In response, Republican nominee Donald Trump issued the following
                // statement:": the sentence's opening speaker, else whom its colon introduces.
                None if colon => (0..toks.len().min(3))
                    .find_map(|k| speaker_at(doc, toks, k, i))
                    .or_else(|| {
                        let all: Vec<usize> = (0..toks.len()).collect();
                        colon_speaker(doc, toks, &all)
                    }),
                None => None,
            };
            if let Some(s) = subject {
                return (Some(s), None, verb.map(|v| toks[v].span));
            }
        }
    }
    (None, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_example_holds() {
        let mut failures = Vec::new();
        for (text, want) in &cues().examples {
            let doc = crate::analyze_text(text, Some("2025-05-05"));
            let got = doc
                .quotes
                .first()
                .and_then(|q| q.speaker.as_ref())
                .and_then(|s| s.mention)
                .map_or("-".to_owned(), |m| doc.slice(m).to_owned());
            if &got != want {
                failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(cues().examples.len() >= 5);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The entity `word`'s `n`-th occurrence as a whole word resolves to, by its canonical name.
    fn resolved(doc: &Doc, word: &str, n: usize) -> Option<String> {
        let text = doc.text();
        let alone = |at: usize| {
            !text[..at].ends_with(char::is_alphanumeric)
                && !text[at + word.len()..].starts_with(char::is_alphanumeric)
        };
        let at = text
            .match_indices(word)
            .map(|(at, _)| at)
            .filter(|&at| alone(at))
            .nth(n)?;
        let span = Span::new(at, at + word.len());
        resolve_pronoun(doc, span).map(|id| doc.entities[id.index()].name.clone())
    }

    #[test]
    fn the_mention_index_finds_what_a_walk_finds() {
        let doc = crate::analyze_text(
            "U.S. Defense Secretary Pete Hegseth met Mexican President Claudia Sheinbaum in \
             Mexico City. Hegseth said the Sinaloa cartel and MS-13 would be designated.",
            Some("2025-05-05"),
        );
        let spans: Vec<Span> = doc
            .tokens
            .iter()
            .map(|t| t.span)
            .chain(doc.tokens.windows(3).map(|w| w[0].span.cover(w[2].span)))
            .collect();
        let walked: Vec<_> = spans.iter().map(|&s| entity_at(&doc, s)).collect();
        let starts: Vec<_> = spans
            .iter()
            .map(|s| mention_starting(&doc, s.start))
            .collect();
        let _scope = PronounScope::new(&doc);
        assert!(walked.iter().filter(|w| w.is_some()).count() >= 5);
        for (k, &span) in spans.iter().enumerate() {
            assert_eq!(entity_at(&doc, span), walked[k], "{:?}", doc.slice(span));
            assert_eq!(mention_starting(&doc, span.start), starts[k]);
        }
    }

    /// The person the `n`-th `word` of `text` resolves to.
    fn person_of(text: &str, word: &str, n: usize) -> Option<String> {
        resolved(&crate::analyze_text(text, Some("2025-05-05")), word, n)
    }

    #[test]
    fn the_subject_of_a_cue_verb_is_the_pronoun_after_it() {
        let text = "Andy Warhol was a legend to many. Warhol painted soup cans. Kevin Allton \
                    said he had only seen the clouds in film.";
        assert_eq!(person_of(text, "he", 0).as_deref(), Some("Kevin Allton"));
    }

    #[test]
    fn a_relative_clause_speaks_of_the_person_it_follows() {
        let text = "Brock Holt played well. Holt met Jack Merson, who went 4-for-5 in his second \
                    game.";
        assert_eq!(person_of(text, "his", 0).as_deref(), Some("Jack Merson"));
        let text = "Jared Padalecki had the lead role. He played Clay Miller, a character who \
                    goes in search of his sister.";
        assert_eq!(person_of(text, "his", 0).as_deref(), Some("Clay Miller"));
    }

    #[test]
    fn a_possessive_after_and_is_the_person_before_it() {
        let text = "Paul Brandt gathered troops. Boris Petrov and his army besieged the town.";
        assert_eq!(person_of(text, "his", 0).as_deref(), Some("Boris Petrov"));
    }

    #[test]
    fn a_possessive_is_the_subject_of_its_clause_unless_someone_comes_between() {
        let text = "Ahmed Mohamed built a clock. Ahmed Mohamed was arrested. President Barack \
                    Obama tweeted using his account.";
        assert_eq!(person_of(text, "his", 0).as_deref(), Some("Barack Obama"));
        // "him" comes between: "his" may be his.
        let text = "Galois was young. Galois wrote often. Siméon Poisson asked him to submit \
                    his work.";
        assert_eq!(person_of(text, "his", 0).as_deref(), Some("Galois"));
        // An apposition: "his brother" is someone else's.
        let text = "George Floyd died in May. Philonise, his brother, asked that question.";
        assert_eq!(person_of(text, "his", 0).as_deref(), Some("George Floyd"));
    }

    #[test]
    fn a_clause_breaking_in_after_a_name_speaks_of_it() {
        let text = "George Floyd died in May. Let us remember that his brother Philonise, when he \
                    spoke, asked for justice.";
        assert_eq!(person_of(text, "he", 0).as_deref(), Some("Philonise"));
    }

    #[test]
    fn the_speaker_of_a_quote_is_no_one_it_names() {
        let text = "Kevin Allton teaches English. For Allton, Andy Warhol was a legend. He said, \
                    “Andy Warhol was the center of the Zeitgeist.”";
        assert_eq!(person_of(text, "He", 0).as_deref(), Some("Kevin Allton"));
    }

    #[test]
    fn first_names_give_the_gender() {
        let doc = crate::analyze_text(
            "Yvonne Carter met Wolfgang Reiter in Vienna on Monday. He said the talks went well.",
            Some("2025-05-05"),
        );
        assert_eq!(resolved(&doc, "He", 0).as_deref(), Some("Wolfgang Reiter"));
    }

    #[test]
    fn a_person_the_text_calls_he_is_no_she() {
        let doc = crate::analyze_text(
            "Kai Morgan founded the band in Austin. He wrote every song. He also sang. The \
             band hired the drummer Robin Hayes in 2004. She left two years later.",
            Some("2025-05-05"),
        );
        assert_eq!(resolved(&doc, "She", 0).as_deref(), Some("Robin Hayes"));
    }

    #[test]
    fn the_subject_of_the_pronouns_sentence_comes_first() {
        // Montalvo is named more often, Rathbun is the subject of the sentence.
        let doc = crate::analyze_text(
            "Daniel Montalvo left the church in 2010. Montalvo moved to Florida, where \
             Montalvo found work. Montalvo was arrested in October. Montalvo has been helped \
             by former members, including Mark Rathbun. Rathbun requested donations via a \
             statement made on his blog, to help Montalvo.",
            Some("2025-05-05"),
        );
        assert_eq!(resolved(&doc, "his", 0).as_deref(), Some("Mark Rathbun"));
    }

    #[test]
    fn a_subject_after_a_fronted_phrase_is_a_subject() {
        // "Bruce" is the later name, "Gordon" the subject after "Born in …,".
        let doc = crate::analyze_text(
            "Born in Dublin, Patrick Gordon went to Moscow with James Bruce in 1661, where he \
             joined the army.",
            Some("2025-05-05"),
        );
        assert_eq!(resolved(&doc, "he", 0).as_deref(), Some("Patrick Gordon"));
    }

    #[test]
    fn he_inside_a_quote_is_not_its_speaker() {
        let doc = crate::analyze_text(
            "Rick Santorum won the Iowa caucuses. The bar owner Jonathan Stan named a cocktail \
             after the candidate. Stan commented, “When he was winning in the polls, I thought \
             I would do a Santorum.”",
            Some("2025-05-05"),
        );
        assert_eq!(resolved(&doc, "he", 0).as_deref(), Some("Rick Santorum"));
    }

    #[test]
    fn a_person_called_she_throughout_stays_salient() {
        let doc = crate::analyze_text(
            "Nadia Osei opened her first gallery in Accra in 1998. She sold paintings by local \
             artists. She later moved to London. There she met the collector Emma Hart at a \
             fair. She opened a second gallery in 2010.",
            Some("2025-05-05"),
        );
        assert_eq!(resolved(&doc, "She", 2).as_deref(), Some("Nadia Osei"));
    }
}
