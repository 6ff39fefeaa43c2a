//! Reported speech: "X said (that) …", "X told reporters that …", "…, X said", "according to X,
//! …". Each becomes a quote of kind `reported` whose span is the reported content, with its
//! speaker and cue. Content never crosses a direct quote; a partial quote may sit inside it.

use newsgraph_doc::layers::{EntityType, Quote, QuoteKind, Speaker, Token, TokenKind, Upos};
use newsgraph_doc::{Doc, Layer, Origin, QuoteId, Span, Stage};

use crate::attribution::{
    after_be, after_comma, after_comma_or_adverb, after_preposition, furthest_ends, is_cue_verb,
    is_first_name, mention_starting, named_in_apposition, opens_aside, opens_fronted_phrase,
    past_dateline, set_after_preposition, speaker_at, speaks_through, written, PronounScope,
};
use crate::sources::REPORTING;

/// The reported-speech stage.
#[derive(Debug, Default)]
pub struct Reported;

/// Verbs that take a reported clause.
const CLAUSE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "insisted",
    "insists",
    "claimed",
    "claims",
    "argued",
    "argues",
    "warned",
    "warns",
    "noted",
    "notes",
    "added",
    "adds",
    "stated",
    "reiterated",
    "reiterates",
    "announced",
    "announces",
    "admitted",
    "suggested",
    "suggests",
    "explained",
    "explains",
    "wrote",
    "writes",
    "confirmed",
    "confirms",
    "contended",
    "asserted",
    "promised",
    "vowed",
    "saying",
    "telling",
    "adding",
    "noting",
    "tweeted",
    // What polls, records and studies show, and what people believe or report.
    "shows",
    "showed",
    "believes",
    "believed",
    "reported",
    "reports",
];
/// Verbs whose content must follow "that" (their object comes first: "told reporters that").
const NEEDS_THAT: &[&str] = &[
    "stated",
    "tweeted",
    "noting",
    "told",
    "tells",
    "telling",
    "warned",
    "warns",
    "promised",
    "announced",
    "announces",
];
/// Fewest words of reported content.
const MIN_WORDS: usize = 3;
/// Words that cannot open a reported clause without "that": what follows the verb is an
/// adjunct ("said in a statement", "added to her lead", "acknowledged as much").
const NOT_A_CLAUSE: &[&str] = &[
    "in",
    "on",
    "at",
    "to",
    "as",
    "for",
    "with",
    "during",
    "after",
    "before",
    "about",
    "of",
    "from",
    "by",
    "earlier",
    "later",
    "repeatedly",
    "so",
    "again",
    "too",
    "also",
    "nothing",
    "little",
    "much",
    "more",
    "otherwise",
    "yesterday",
    "today",
    "recently",
    "publicly",
    "privately",
    "afterward",
    "afterwards",
    "than",
    "under",
    "against",
    "into",
    "through",
    "without",
    "me",
    "him",
    "them",
    "us",
];
/// Words that show a clause has begun between a verb and a later "that", which is then a
/// relative pronoun ("said she appreciated the apology and that …", "says the truth is that").
const CLAUSE_BEGUN: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "is", "was", "are", "were", "has", "have", "had", "will",
    "would", "can", "could", "should", "may", "might", "must", "does", "did", "ran", "led", "won",
    "made", "took", "gave", "got", "went", "came", "saw", "knew", "thought", "became", "left",
    "lost", "kept", "held", "brought", "began", "felt",
];

/// Words before a cue that make it a noun ("the other states voting", "these claims").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "these", "those", "other", "many", "all", "both", "several", "some", "their",
    "its", "his", "her", "our", "such", "two", "three", "four", "five", "six",
];

const FORWARD: Origin = Origin::new("reported", "speaker-verb-content");
const BACKWARD: Origin = Origin::new("reported", "content-speaker-verb");
const ACCORDING: Origin = Origin::new("reported", "according-to");

impl Stage for Reported {
    fn name(&self) -> &'static str {
        "reported"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Quotes,
            Layer::Attribution,
            Layer::Entities,
            Layer::Sentences,
        ]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Reported]
    }
    fn run(&self, doc: &mut Doc) {
        let pronouns = PronounScope::new(doc);
        // Each quote's reach (its words and its cue), in order of start, with the furthest end
        // so far: the quotes near a sentence are found without walking them all.
        let mut reach: Vec<(Span, usize)> = doc
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| (q.cue.map_or(q.span, |c| c.cover(q.span)), i))
            .collect();
        reach.sort_by_key(|r| r.0.start);
        let furthest = furthest_ends(reach.iter().map(|r| r.0));
        // The quotes whose reach overlaps `span`.
        let near = |span: Span| -> Vec<&Quote> {
            let mut k = reach.partition_point(|r| r.0.start < span.end);
            let mut near = Vec::new();
            while k > 0 && furthest[k - 1] > span.start {
                k -= 1;
                if reach[k].0.overlaps(span) {
                    near.push(&doc.quotes[reach[k].1]);
                }
            }
            near
        };
        let mut found: Vec<Quote> = Vec::new();
        for s in &doc.sentences {
            if doc.in_debris(s.span) || doc.posts.iter().any(|p| p.span.contains(s.span)) {
                continue;
            }
            let near_sentence = near(s.span);
            let mut reported = clauses(doc, &near_sentence, s.span);
            let mut taken: Vec<Span> = reported.iter().map(|q| q.span).collect();
            if let Some(q) = asked(doc, &near_sentence, s.span, &taken) {
                taken.push(q.span);
                reported.push(q);
            }
            let around = around_partial(doc, &near_sentence, s.span, &taken);
            if !reported.is_empty() || around.is_some() {
                found.extend(reported);
                found.extend(around);
                continue;
            }
            // "A: Believe me, a wall is not going to keep people away.", "Paul Ryan: FBI
            // Decision Defies Explanation": a paragraph opened by its speaker's name and a colon.
            let p = doc
                .paragraphs
                .partition_point(|p| p.span.start < s.span.start);
            if let Some(p) = doc
                .paragraphs
                .get(p)
                .filter(|p| p.span.start == s.span.start && p.span.contains(s.span))
            {
                if let Some(q) = labelled(doc, &near(p.span), p.span) {
                    found.push(q);
                }
            }
        }
        drop(pronouns);
        for mut q in found {
            q.id = QuoteId::from_index(doc.quotes.len());
            doc.quotes.push(q);
        }
    }
}

/// Words that label a paragraph without speaking ("Note:", "Related:", "Photo:").
const NOT_SPEAKER_LABELS: &[&str] = &[
    "Note",
    "Update",
    "Updated",
    "Editor",
    "Editors",
    "Photo",
    "Photos",
    "Video",
    "Related",
    "Read",
    "Watch",
    "Correction",
    "Source",
    "Sources",
    "Credit",
    "Image",
    "Caption",
    "Listen",
    "Follow",
    "Contact",
    "Email",
    "Subscribe",
    "Share",
    "Advertisement",
    "Tags",
    "Topics",
    "Posted",
    "Published",
    "Warning",
    "Disclaimer",
    "Disclosure",
    "Transcript",
    "Also",
    "See",
    "More",
    "Click",
    "Sign",
    "Download",
    "Background",
    "Here",
    "This",
    "That",
    "Why",
    "What",
    "How",
    "When",
    "Where",
    "Who",
    "Day",
    "Part",
    "Chapter",
    "Step",
    "Bottom",
    "Previously",
    "Top",
    "Full",
    "Reporting",
    "Additional",
    "Editing",
    "Writing",
    "Map",
    "Chart",
    "Graphic",
];

const LABELLED: Origin = Origin::new("reported", "speaker-colon-content");

/// "Q: …", "KATE BOLDUAN: Why not debate?", "Paul Ryan: FBI Decision …": a paragraph that
/// opens with one to five capitalised words and a colon is their words, to its end.
fn labelled(doc: &Doc, near: &[&Quote], paragraph: Span) -> Option<Quote> {
    let tokens = doc.tokens_in(paragraph);
    let colon = tokens
        .iter()
        .take(6)
        .position(|t| doc.slice(t.span) == ":")?;
    let label = &tokens[..colon];
    let capitalised = !label.is_empty()
        && label.iter().all(|t| {
            let w = doc.slice(t.span);
            t.kind == TokenKind::Word && w.starts_with(char::is_uppercase)
        })
        && !NOT_SPEAKER_LABELS.contains(&doc.slice(label[0].span));
    if !capitalised || near.iter().any(|q| q.span.overlaps(label[0].span)) {
        return None;
    }
    let mention = label[0].span.cover(label[colon - 1].span);
    // A label that names someone: an interview's "Q"/"A", a person or body the label is
    // mostly made of ("Paul Ryan:", not "Big Win For Bernie:"), or a first name
    // ("KATE BOLDUAN:"); headlines ("The Latest:", "Breaking:") are nobody's words.
    let named = label.iter().filter(|t| {
        doc.entities.iter().any(|e| {
            matches!(e.kind, EntityType::PER | EntityType::ORG)
                && e.mentions
                    .iter()
                    .any(|m| m.span.contains(t.span) && mention.contains(m.span))
        })
    });
    let names = matches!(doc.slice(mention), "Q" | "A")
        || 2 * named.count() >= label.len()
        || (label.len() <= 3 && is_first_name(doc.slice(label[0].span)));
    if !names {
        return None;
    }
    let speaker = speaker_at(doc, tokens, 0, usize::MAX)
        .filter(|s| s.mention.is_some_and(|m| mention.contains(m)))
        .unwrap_or_else(|| written(doc, mention));
    let span = content(doc, near, tokens, colon + 1, tokens.len())?;
    let cue = mention.cover(tokens[colon].span);
    Some(make(speaker, span, cue, LABELLED))
}

const ASKED: Origin = Origin::new("reported", "asked-question");

/// Words that open a reported question after "asked".
const QUESTION_WORDS: &[&str] = &[
    "whether", "if", "why", "who", "what", "which", "how", "when",
];

/// "Asked whether he would run, Biden said …", "… when asked which candidate she would back":
/// a question put to someone, in a passive "asked" with the question after it, up to the next
/// comma. Who asked is not said, so it has no speaker.
fn asked(doc: &Doc, near: &[&Quote], sentence: Span, taken: &[Span]) -> Option<Quote> {
    let tokens = doc.tokens_in(sentence);
    let text = |k: usize| doc.slice(tokens[k].span);
    // The question word, right after "asked" or past a phrase that says when or by whom
    // ("Asked during a January debate why …", "when asked by a host if …").
    let (k, q) = (0..tokens.len().saturating_sub(1)).find_map(|k| {
        let passive = text(k).eq_ignore_ascii_case("asked")
            && (k == 0
                || matches!(
                    text(k - 1),
                    "when" | "When" | "after" | "After" | "was" | "were"
                ));
        if !passive {
            return None;
        }
        let q = (k + 1..(k + 9).min(tokens.len()))
            .take_while(|&j| tokens[j].kind == TokenKind::Word)
            .find(|&j| QUESTION_WORDS.contains(&text(j)))?;
        (q == k + 1 || tokens[k + 1].pos == Some(Upos::Adp)).then_some((k, q))
    })?;
    let end = (q + 1..tokens.len())
        .find(|&j| matches!(text(j), "," | ";" | "—" | "–"))
        .unwrap_or(tokens.len());
    let span = content(doc, near, tokens, q, end)?;
    if taken.iter().any(|t| t.overlaps(span)) || near.iter().any(|q| q.span.overlaps(span)) {
        return None;
    }
    let mut quote = make(written(doc, tokens[k].span), span, tokens[k].span, ASKED);
    // Who asked goes unnamed; "asked" is only the cue.
    quote.speaker = None;
    Some(quote)
}

/// Whether `span` lies in one of the quotes `near` it.
fn inside_quote(near: &[&Quote], span: Span) -> bool {
    near.iter().any(|q| q.span.contains(span))
}

/// Whether the verb already cues a direct quote (a partial quote's cue may also cue the
/// reported clause that holds it: "told reporters that the cartels were “horrible people”").
fn is_cue_of_a_quote(near: &[&Quote], span: Span) -> bool {
    near.iter().any(|q| {
        q.kind != QuoteKind::Partial
            && q.cue
                .is_some_and(|c| c.contains(span) && (c.start == span.start || c.end == span.end))
    })
}

/// The content span from token `from` to the sentence's end, stopping before a direct quote and
/// leaving out closing punctuation; `None` when too short or crossing a quote.
fn content(doc: &Doc, near: &[&Quote], tokens: &[Token], from: usize, to: usize) -> Option<Span> {
    // "…, and Paul Brandt vowed to …": a coordinated clause with its own speaker ends it.
    // "…, adding: “…”": so does a participle of speech after a comma.
    let to = (from..to)
        .find(|&k| {
            let word = doc.slice(tokens[k].span);
            // The comma may sit inside a partial quote's closing mark ("“unacceptable,” while").
            let c = if tokens
                .get(k + 1)
                .is_some_and(|t| matches!(doc.slice(t.span), "”" | "\"" | "’"))
            {
                k + 1
            } else {
                k
            };
            (word == ","
                && tokens
                    .get(c + 1)
                    .is_some_and(|t| matches!(doc.slice(t.span), "and" | "but" | "while"))
                && (c + 2..(c + 7).min(to)).any(|j| is_cue_verb(doc.slice(tokens[j].span))))
                // "… but said the outcome was open", "… and one in four said": the next
                // clause of speech, the speaker's own or another's.
                || (k > from
                    && matches!(word, "and" | "but" | "while")
                    && (k + 1..(k + 7).min(to))
                        .find(|&j| CLAUSE_VERBS.contains(&doc.slice(tokens[j].span)))
                        .is_some_and(|j| {
                            tokens[k + 1..j].iter().all(|t| {
                                t.kind == TokenKind::Word
                                    && !matches!(t.pos, Some(Upos::Verb | Upos::Aux | Upos::Sconj))
                            })
                        }))
                || (k > from
                    && word.ends_with("ing")
                    && is_cue_verb(word)
                    && after_comma(doc, tokens[k].span))
        })
        .map_or(to, |k| {
            // Back to the comma (or the quotation mark that holds it).
            tokens[..k]
                .iter()
                .rposition(|t| !matches!(doc.slice(t.span), "," | "”" | "\"" | "’"))
                .map_or(k, |p| p + 1)
                .max(from)
        });
    let mut end = to;
    while end > from && tokens[end - 1].kind == TokenKind::Punct {
        end -= 1;
    }
    if end <= from {
        return None;
    }
    let mut span = tokens[from].span.cover(tokens[end - 1].span);
    // A direct quote inside cuts the content before its opening mark.
    if let Some(q) = near
        .iter()
        .filter(|q| q.kind != QuoteKind::Partial && q.kind != QuoteKind::Scare)
        .find(|q| span.overlaps(q.span))
    {
        let cut = tokens[from..end]
            .iter()
            .rposition(|t| t.span.end < q.span.start)?;
        span = tokens[from].span.cover(tokens[from + cut].span);
    }
    // A partial quote that closes the sentence ("… “can't win, plain and simple.”") keeps
    // its closing words, stripped above as punctuation: the content runs to its end.
    if let Some(q) = near.iter().find(|q| {
        matches!(q.kind, QuoteKind::Partial | QuoteKind::Scare)
            && q.span.start >= span.start
            && q.span.start < span.end
            && q.span.end > span.end
    }) {
        // With its closing mark.
        let end = tokens
            .get(tokens.partition_point(|t| t.span.start < q.span.end))
            .filter(|t| matches!(doc.slice(t.span), "”" | "\"" | "’" | "'" | "»"))
            .map_or(q.span.end(), |t| t.span.end());
        span = Span::new(span.start(), end);
    }
    // Tokens are in order: those inside the span are one run.
    let words = tokens[tokens.partition_point(|t| t.span.start < span.start)..]
        .iter()
        .take_while(|t| t.span.start < span.end)
        .filter(|t| span.contains(t.span) && t.kind == TokenKind::Word)
        .count();
    // Quotes never cross: content must contain or avoid every quote.
    let crosses = near
        .iter()
        .any(|q| q.span.overlaps(span) && !span.contains(q.span) && !q.span.contains(span));
    // Content that is just a quote already found ("told voters that “he loves you.”") adds
    // nothing to it.
    let inner = doc.slice(span).trim_matches(|c: char| !c.is_alphanumeric());
    let just_a_quote = near.iter().any(|q| {
        inner
            == doc
                .slice(q.span)
                .trim_matches(|c: char| !c.is_alphanumeric())
    });
    (words >= MIN_WORDS && !crosses && !just_a_quote && !inside_quote(near, span)).then_some(span)
}

/// Whether the name at token `k` is the verb's own subject, inverted: "says Paul Rieckhoff,
/// founder of ..." (a name ending at a comma or at the sentence's end).
fn inverted(doc: &Doc, tokens: &[Token], k: usize) -> bool {
    let Some(start) = tokens.get(k).map(|t| t.span.start) else {
        return false;
    };
    let Some(mention) = mention_starting(doc, start) else {
        return false;
    };
    let after =
        Some(tokens.partition_point(|t| t.span.start < mention.end)).filter(|&j| j < tokens.len());
    after.is_none_or(|j| matches!(doc.slice(tokens[j].span), "," | "." | ";" | "—" | "–"))
}

fn make(speaker: Speaker, span: Span, cue: Span, by: Origin) -> Quote {
    Quote {
        id: QuoteId(0),
        span,
        kind: QuoteKind::Reported,
        lang: None,
        speaker: Some(speaker),
        addressee: None,
        cue: Some(cue),
        parent: None,
        date: None,
        date_from: None,
        by,
    }
}

const AROUND_PARTIAL: Origin = Origin::new("reported", "around-partial");

/// "Trump called Palin a “clown”", "Trump tweeted that Machado was “disgusting”": a partial
/// quote cued before it stands in a reported clause, which runs from the cue to the clause's end.
fn around_partial(doc: &Doc, near: &[&Quote], sentence: Span, taken: &[Span]) -> Option<Quote> {
    let q = near.iter().find(|q| {
        q.kind == QuoteKind::Partial
            && sentence.contains(q.span)
            && !taken.iter().any(|t| t.overlaps(q.span))
            && q.speaker.is_some()
            && q.cue
                .is_some_and(|c| sentence.contains(c) && c.end <= q.span.start)
    })?;
    let cue = q.cue?;
    let tokens = doc.tokens_in(sentence);
    let from = tokens.iter().position(|t| t.span.start >= cue.end)?;
    let verb = tokens[..from]
        .iter()
        .rposition(|t| t.kind == TokenKind::Word)?;
    // A passive ("she was announced as the winner") reports nobody's words.
    if after_be(doc, tokens, verb) {
        return None;
    }
    // "wrote that the strategy “will not work.”", "said in a statement that …": the content
    // starts after "that".
    let opening = tokens.iter().position(|t| t.span.start >= q.span.start)?;
    let from = (from..opening.min(from + 8))
        .find(|&k| doc.slice(tokens[k].span) == "that")
        .map_or(from, |k| k + 1);
    let span = content(doc, near, tokens, from, tokens.len())?;
    let speaker = q.speaker.clone()?;
    (span.contains(q.span) && !taken.iter().any(|t| t.overlaps(span)))
        .then(|| make(speaker, span, cue, AROUND_PARTIAL))
}

/// The sentence's opening noun phrase and what qualifies it, when it runs up to the verb at `v`
/// with no comma or verb of its own but participles ("People briefed on the situation say",
/// "Some delegates at the convention in Philadelphia said").
fn subject_phrase(doc: &Doc, tokens: &[Token], v: usize) -> Option<Speaker> {
    let opens = tokens.first()?;
    let text = |k: usize| doc.slice(tokens[k].span);
    // A participle that qualifies a noun ("briefed on", "conducted by", "trying"), and the
    // infinitive after one ("Democrats trying to regain control of the Senate say").
    let qualifies = |k: usize| {
        // "hacking specialists": a gerund before its noun.
        (text(k).ends_with("ing")
            && tokens.get(k + 1).is_some_and(|t| t.pos == Some(Upos::Noun))
            && k + 1 < v)
            || k > 0
                && ((matches!(tokens[k - 1].pos, Some(Upos::Noun | Upos::Propn))
                    && (text(k).ends_with("ing")
                        || (text(k).ends_with("ed")
                            && tokens.get(k + 1).is_some_and(|t| t.pos == Some(Upos::Adp)))))
                    || (text(k - 1) == "to" && k >= 2 && text(k - 2).ends_with("ing")))
    };
    // "But hacking specialists say": past a conjunction that opens the sentence.
    let (first, opens) = if matches!(text(0), "But" | "And" | "Yet" | "So" | "Still") {
        (1, tokens.get(1)?)
    } else {
        (0, opens)
    };
    let plain = (first + 2..=first + 10).contains(&v)
        && !text(v).ends_with("ing")
        && text(0).starts_with(char::is_uppercase)
        && (matches!(
            opens.pos,
            Some(Upos::Det | Upos::Noun | Upos::Propn | Upos::Adj | Upos::Num)
        ) || qualifies(first))
        && (first..v).all(|k| {
            tokens[k].kind == TokenKind::Word
                && (!matches!(
                    tokens[k].pos,
                    Some(Upos::Verb | Upos::Aux | Upos::Pron | Upos::Sconj)
                ) || qualifies(k))
        });
    plain.then(|| written(doc, opens.span.cover(tokens[v - 1].span)))
}

/// "business leaders who say …": the nouns before a relative "who" right before the verb.
fn relative_subject(doc: &Doc, tokens: &[Token], v: usize) -> Option<Speaker> {
    let who = v
        .checked_sub(1)
        .filter(|&w| doc.slice(tokens[w].span) == "who")?;
    let last = who.checked_sub(1)?;
    let nominal = |k: usize| {
        tokens[k].kind == TokenKind::Word
            && matches!(tokens[k].pos, Some(Upos::Noun | Upos::Propn | Upos::Adj))
    };
    if !matches!(tokens[last].pos, Some(Upos::Noun | Upos::Propn)) {
        return None;
    }
    let mut first = last;
    while first > 0 && last - first < 4 && nominal(first - 1) {
        first -= 1;
    }
    Some(written(doc, tokens[first].span.cover(tokens[last].span)))
}

/// Adverbs that may open a share of people ("nearly half", "only 52 percent").
const SHARE_ADVERBS: &[&str] = &[
    "nearly", "almost", "about", "roughly", "only", "just", "over", "fully", "some", "barely",
];

/// Whether `word` is a count: digits or a small number word.
fn is_count(word: &str) -> bool {
    (word.starts_with(|c: char| c.is_ascii_digit())
        && word.chars().all(|c| c.is_ascii_digit() || c == ','))
        || matches!(
            word.to_lowercase().as_str(),
            "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
        )
}

/// A share of those polled as the subject right before the verb at `v`: "Nearly half said",
/// "One in three said", "nine out of 10 say", "a majority of Americans say", "43 said",
/// after the sentence's start or a clause's ("…, while 73 percent said").
fn share_subject(doc: &Doc, tokens: &[Token], v: usize) -> Option<Speaker> {
    // The words before the verb, lower-cased once, with one more for the boundary.
    let start = v.saturating_sub(11);
    let words: Vec<String> = tokens[start..v]
        .iter()
        .map(|t| doc.slice(t.span).to_lowercase())
        .collect();
    let word = |k: usize| words[k - start].as_str();
    (v.saturating_sub(10)..v).find_map(|s| {
        let boundary = s == 0
            || matches!(
                word(s - 1),
                "," | "and" | "but" | "while" | "whereas" | "though" | "although"
            );
        if !boundary {
            return None;
        }
        let k = if SHARE_ADVERBS.contains(&word(s)) {
            s + 1
        } else if word(s) == "more" && s + 1 < v && word(s + 1) == "than" {
            s + 2
        } else {
            s
        };
        let w: Vec<&str> = (k..v).map(word).collect();
        // The share itself, then perhaps "of" and who it is a share of.
        let core = match w.as_slice() {
            [a, "in", b, ..] if is_count(a) && is_count(b) => 3,
            [a, "out", "of", b, ..] if is_count(a) && is_count(b) => 4,
            [a, "percent" | "%", ..] if is_count(a) => 2,
            ["a" | "the", "majority" | "minority" | "plurality" | "third" | "quarter", ..] => 2,
            ["half" | "most" | "two-thirds" | "one-third" | "three-quarters", ..] => 1,
            [a] if is_count(a) && s > 0 => 1,
            _ => return None,
        };
        let rest = &tokens[k + core..v];
        let of = rest.is_empty()
            || (doc.slice(rest[0].span) == "of"
                && rest.len() <= 6
                && rest[1..].iter().all(|t| {
                    t.kind == TokenKind::Word
                        && !matches!(t.pos, Some(Upos::Verb | Upos::Aux | Upos::Sconj))
                }));
        of.then(|| written(doc, tokens[s].span.cover(tokens[v - 1].span)))
    })
}

/// The first word of the capitalised name holding word `k`, over its joiners and the article
/// before it ("the Department of Health and Human Services").
fn name_start(doc: &Doc, tokens: &[Token], k: usize) -> usize {
    let text = |j: usize| doc.slice(tokens[j].span);
    let mut first = k;
    while first > 0
        && (text(first - 1).starts_with(char::is_uppercase)
            || (matches!(text(first - 1), "of" | "and" | "for")
                && first >= 2
                && text(first - 2).starts_with(char::is_uppercase)))
    {
        first -= 1;
    }
    if first > 0 && text(first - 1).eq_ignore_ascii_case("the") {
        first - 1
    } else {
        first
    }
}

/// The person who opens the sentence, named before the body whose name runs up to the verb at
/// `v`: "Dr. Ana Lima of the Lisbon Department of Health says", "Paul Brandt at the Atlantic
/// Council said".
fn person_before_body(doc: &Doc, tokens: &[Token], v: usize) -> Option<Speaker> {
    let first = name_start(doc, tokens, v.checked_sub(1)?);
    if first < 2 || first >= v - 1 || !after_preposition(doc, tokens, first) {
        return None;
    }
    (first.saturating_sub(5)..first - 1).rev().find_map(|j| {
        // The person opens the sentence (past titles): "… activists clamoring to block Donald
        // Trump from the GOP nomination say" is not Trump's.
        let opens = tokens[..j]
            .iter()
            .all(|t| doc.slice(t.span).starts_with(char::is_uppercase));
        speaker_at(doc, tokens, j, usize::MAX).filter(|s| {
            opens
                && s.mention
                    .is_some_and(|m| m.end == tokens[first - 2].span.end)
                && s.entity
                    .is_some_and(|id| doc.entities[id.index()].kind == EntityType::PER)
        })
    })
}

/// Whether `speaker`, found at word `k`, is a name of no person that is not the verb's subject:
/// a place or a name the entity layer does not know set after a preposition ("researchers in
/// Greenbelt, Maryland, have confirmed …"), the last words of a name that runs on from one
/// ("Dr. Khaldun of the Michigan Department of Health and Human Services says"), or a possessor
/// ("China's commerce ministry said": the ministry speaks).
fn not_the_subject(doc: &Doc, tokens: &[Token], k: usize, speaker: &Speaker) -> bool {
    let kind = speaker.entity.map(|id| doc.entities[id.index()].kind);
    if kind == Some(EntityType::PER) || !doc.slice(tokens[k].span).starts_with(char::is_uppercase) {
        return false;
    }
    let first = name_start(doc, tokens, k);
    let end = speaker.mention.map_or(tokens[k].span.end, |m| m.end);
    // ("He's" is "he is".)
    let possessor = tokens[k].pos != Some(Upos::Pron)
        && tokens
            .iter()
            .find(|t| t.span.start >= end)
            .is_some_and(|t| matches!(doc.slice(t.span), "'s" | "’s"));
    (kind != Some(EntityType::ORG) && set_after_preposition(doc, tokens, k))
        || (first < k && after_preposition(doc, tokens, first))
        || possessor
}

/// The reported clauses of a sentence: one that holds or surrounds the sentence's content, or
/// several in a row when a clause ends where the next verb of speech begins ("Clark said Brooks
/// had begun making calls but said the outcome was still up in the air").
fn clauses(doc: &Doc, near: &[&Quote], span: Span) -> Vec<Quote> {
    let tokens = doc.tokens_in(span);
    let mut found = Vec::new();
    let mut first = 0;
    while let Some(q) = sentence(doc, near, span, first) {
        let forward = q.by == FORWARD;
        first = tokens.partition_point(|t| t.span.start < q.span.end);
        found.push(q);
        if !forward || first >= tokens.len() {
            break;
        }
    }
    found
}

/// The first reported clause of the sentence whose verb is at token `first` or after; the
/// clauses that take the sentence from its start ("according to X, …", "…, X said") only when
/// `first` is 0.
fn sentence(doc: &Doc, near: &[&Quote], sentence: Span, first: usize) -> Option<Quote> {
    let tokens = doc.tokens_in(sentence);
    let text = |k: usize| doc.slice(tokens[k].span);
    let n = tokens.len();
    // "according to X, CONTENT" and "CONTENT, according to X".
    for k in 0..if first == 0 { n.saturating_sub(2) } else { 0 } {
        if text(k).eq_ignore_ascii_case("according")
            && text(k + 1) == "to"
            && !inside_quote(near, tokens[k].span)
        {
            // The source may be a person or body, or a document, a poll, records: the words up
            // to the next punctuation.
            let speaker = speaker_at(doc, tokens, k + 2, usize::MAX).or_else(|| {
                let last = (k + 2..n)
                    .take_while(|&j| tokens[j].kind == TokenKind::Word)
                    .take(8)
                    .last()?;
                let mention = tokens[k + 2].span.cover(tokens[last].span);
                Some(written(doc, mention))
            })?;
            let cue = tokens[k].span.cover(tokens[k + 1].span);
            let mention_end = speaker.mention.map_or(k + 2, |m| {
                tokens
                    .iter()
                    .rposition(|t| t.span.end <= m.end)
                    .unwrap_or(k + 2)
            });
            let after_comma = (mention_end + 1..n)
                .find(|&j| text(j) == ",")
                .map(|j| j + 1);
            // "But according to X, …" opens the sentence too.
            let opens = k == 0 || (k == 1 && matches!(text(0), "But" | "And" | "So" | "Yet"));
            // "At the heart of it, according to X, was a decision …": set inside the content.
            // "…, according to the Labor Department, taking …", "…, according to X, while …":
            // what follows the source is no part of a clause it sits in.
            let inserted = !opens
                && after_comma.is_some_and(|j| {
                    j == mention_end + 2
                        && tokens[j..]
                            .iter()
                            .filter(|t| t.kind == TokenKind::Word)
                            .count()
                            >= MIN_WORDS
                        && !text(j).ends_with("ing")
                        && !matches!(
                            text(j),
                            "while" | "and" | "but" | "which" | "who" | "as" | "although"
                        )
                });
            let span = if opens {
                content(doc, near, tokens, after_comma?, n)?
            } else if inserted {
                content(doc, near, tokens, 0, n)?
            } else {
                let before = if k > 0 && text(k - 1) == "," {
                    k - 1
                } else {
                    k
                };
                content(doc, near, tokens, 0, before)?
            };
            return Some(make(speaker, span, cue, ACCORDING));
        }
    }
    for v in first..n {
        let verb = text(v);
        if !CLAUSE_VERBS.contains(&verb)
            || after_be(doc, tokens, v)
            || inside_quote(near, tokens[v].span)
            || is_cue_of_a_quote(near, tokens[v].span)
        {
            continue;
        }
        // "CONTENT, X said." at the end of the sentence, perhaps with a short tail ("…, Graham
        // told The Huffington Post on Thursday.", "…, she said in a statement.").
        // (Seven words tell a short tail from a long one.)
        let tail: Vec<&str> = tokens[v + 1..]
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| doc.slice(t.span))
            .take(7)
            .collect();
        let at_end = tail.len() <= 6
            && !tail.iter().any(|w| {
                matches!(*w, "that" | "he" | "she" | "they" | "it" | "we" | "I")
                    || CLAUSE_BEGUN.contains(&w.to_lowercase().as_str())
            })
            && !tokens[v + 1..]
                .iter()
                .any(|t| matches!(doc.slice(t.span), "," | ":" | "“" | "\"" | "‘"));
        // "CONTENT, Spicer said, adding, …": the participle goes on with more of the speaker's.
        let at_end = at_end
            || (tokens.get(v + 1).is_some_and(|t| doc.slice(t.span) == ",")
                && tokens.get(v + 2).is_some_and(|t| {
                    matches!(doc.slice(t.span), "adding" | "noting" | "saying" | "citing")
                }));
        // "CONTENT, X said, CONTENT": the cue set inside the sentence, between commas.
        let inserted = v >= 3
            && tokens.get(v + 1).is_some_and(|t| doc.slice(t.span) == ",")
            && tokens[v + 2..]
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .count()
                >= MIN_WORDS
            && tokens
                .get(v + 2)
                .is_some_and(|t| !doc.slice(t.span).ends_with("ing"));
        // "…, while 73 percent said the same": a clause of its own after the comma, whose
        // content follows its verb.
        let own_clause = |comma: usize| {
            tokens[comma + 1..]
                .iter()
                .find(|t| !matches!(doc.slice(t.span), "”" | "\"" | "’"))
                .is_some_and(|t| matches!(doc.slice(t.span), "while" | "whereas" | "and" | "but"))
        };
        let comma = (0..v)
            .rev()
            .take(6)
            .find(|&j| text(j) == ",")
            .filter(|&c| (at_end || inserted) && v >= 2 && first == 0 && !own_clause(c));
        if let Some(comma) = comma {
            // The speaker of the clause after the comma ("…, the official said"), not the
            // subject of a free relative ("…, we checked what the candidates said").
            let speaker = (comma + 1..v)
                .map(|j| (j, speaker_at(doc, tokens, j, usize::MAX)))
                .take_while(|(j, s)| {
                    s.is_some()
                        || !matches!(
                            text(*j).to_lowercase().as_str(),
                            "we" | "i" | "you" | "what" | "how" | "why" | "where" | "when"
                        )
                })
                .find_map(|(_, s)| s);
            let span = if at_end {
                content(doc, near, tokens, 0, comma)
            } else {
                // The content runs around the cue; its one span holds the cue too.
                content(doc, near, tokens, 0, n)
            };
            // Else the verb's subject may come before it ("Megan Hester, a senior associate,
            // said parents …"), as below.
            if let (Some(speaker), Some(span)) = (speaker, span) {
                let cue = speaker
                    .mention
                    .map_or(tokens[v].span, |m| m.cover(tokens[v].span));
                return Some(make(speaker, span, cue, BACKWARD));
            }
        }
        // ("One in three said": a share, not "the three claims".)
        if v > 0
            && DETERMINERS.contains(&text(v - 1).to_lowercase().as_str())
            && share_subject(doc, tokens, v).is_none()
        {
            continue;
        }
        // "CONTENT, says X, the leader": the verb right after the comma, its subject a name
        // after it, then a comma or the end ("Cox, who runs it, says the..." is not this).
        if v >= 3 && first == 0 && text(v - 1) == "," && inverted(doc, tokens, v + 1) {
            if let Some(speaker) = speaker_at(doc, tokens, v + 1, usize::MAX) {
                if let Some(span) = content(doc, near, tokens, 0, v - 1) {
                    let cue = speaker
                        .mention
                        .map_or(tokens[v].span, |m| tokens[v].span.cover(m));
                    return Some(make(speaker, span, cue, BACKWARD));
                }
            }
        }
        // "As the Epoch Times notes further, …": a source set before the content, below.
        if as_source_verb(doc, tokens).is_some_and(|(verb, _)| verb == v) {
            continue;
        }
        // "X said (that) CONTENT": the subject just before the verb; "X criticized Y and
        // said …", "X mocked the complaint, saying …": the sentence's subject, at its start.
        let shared = v > 0
            && (matches!(text(v - 1), "and" | "but")
                || (verb.ends_with("ing")
                    && (after_comma_or_adverb(doc, tokens, v)
                        || matches!(text(v - 1), "after" | "before" | "while" | "by"))));
        // "Craig Moffett, another veteran analyst, said …": past the apposition to the name.
        // "Paul Brandt, who wants allies to …, wrote": a relative clause may run longer.
        // "Clinton, during a town hall meeting in Columbus, Ohio, said", "Trump, later
        // alleging … that …, said": a parenthesis opened by a preposition, a participle or
        // "who" after the name.
        let opens = |j: usize| text(j) == "," && opens_aside(doc, tokens, j + 1);
        // "The director of the European Centre, Ina Kirsch, told …": a person named alone
        // between two commas before the verb is the one the words before describe.
        let named_between = (v >= 4 && text(v - 1) == ",")
            .then(|| {
                let c = (v.saturating_sub(8)..v - 1)
                    .rev()
                    .find(|&j| text(j) == ",")?;
                // A name the entity stage found there, in words with lower-case letters ("R-NY"
                // is a party and a state; "the chairman" a role noun, no mention).
                let m = mention_starting(doc, tokens[c + 1].span.start)?;
                if m.end != tokens[v - 2].span.end || !doc.slice(m).contains(char::is_lowercase) {
                    return None;
                }
                speaker_at(doc, tokens, c + 1, usize::MAX).filter(|s| {
                    s.mention == Some(m)
                        && s.entity
                            .is_some_and(|id| doc.entities[id.index()].kind == EntityType::PER)
                })
            })
            .flatten();
        let apposition = named_between.or_else(|| {
            (v >= 3 && text(v - 1) == ",")
                .then(|| {
                    let c = (v.saturating_sub(30)..v - 1)
                        .rev()
                        .find(|&j| opens(j))
                        .or_else(|| named_in_apposition(doc, tokens, 0, v))
                        .or_else(|| {
                            (v.saturating_sub(20)..v - 1)
                                .rev()
                                .find(|&j| text(j) == ",")
                        })?;
                    (c.saturating_sub(3)..c)
                        .rev()
                        .find_map(|j| speaker_at(doc, tokens, j, usize::MAX))
                })
                .flatten()
        });
        let speaker = if shared {
            // The sentence's subject: past a dateline and not the object of a preposition ("In
            // an interview Thursday, the Wisconsin Republican criticized …").
            let from = past_dateline(text, 0, v);
            // Past a quote that opens the sentence: "“…,” Trump told the hosts, adding that …".
            let word = (from..v).find(|&j| tokens[j].kind == TokenKind::Word);
            let from = word
                .and_then(|w| {
                    near.iter()
                        .find(|q| q.kind != QuoteKind::Partial && q.span.contains(tokens[w].span))
                })
                .map_or(from, |q| {
                    let after = tokens.partition_point(|t| t.span.start < q.span.end);
                    (after..v)
                        .find(|&j| tokens[j].kind == TokenKind::Word)
                        .unwrap_or(from)
                });
            // Past a fronted prepositional phrase or subordinate clause: "In an interview with
            // The Wall Street Journal, Trump doubled down and said …", "While celebrating …,
            // Trump mocked …, saying".
            let from = if opens_fronted_phrase(doc, tokens, from) {
                (from..v).find(|&j| text(j) == ",").map_or(from, |c| c + 1)
            } else {
                from
            };
            (from..v.min(from + 10))
                .filter(|&j| !after_preposition(doc, tokens, j))
                .filter_map(|j| speaker_at(doc, tokens, j, usize::MAX))
                .find(|s| !speaks_through(doc, s))
        } else {
            // Past a parenthesis after the name ("Sen. Elizabeth Warren (D-MA) said").
            let v_name = if v > 0 && text(v - 1) == ")" {
                (v.saturating_sub(8)..v - 1)
                    .rev()
                    .find(|&j| text(j) == "(")
                    .unwrap_or(v)
            } else {
                v
            };
            let subject_at = |j: usize| {
                speaker_at(doc, tokens, j, usize::MAX)
                    .filter(|s| !not_the_subject(doc, tokens, j, s))
            };
            apposition
                .or_else(|| {
                    (v_name.saturating_sub(4)..v_name)
                        .rev()
                        .find_map(subject_at)
                })
                .or_else(|| {
                    // A longer noun phrase that runs up to the verb ("Some advocates for stem
                    // cell research said").
                    (v.saturating_sub(8)..v.saturating_sub(4))
                        .filter_map(subject_at)
                        .find(|s| s.mention.is_some_and(|m| m.end == tokens[v - 1].span.end))
                })
                .or_else(|| relative_subject(doc, tokens, v))
                .or_else(|| person_before_body(doc, tokens, v_name))
                .or_else(|| subject_phrase(doc, tokens, v))
                .or_else(|| share_subject(doc, tokens, v))
        };
        let Some(mut speaker) = speaker else { continue };
        // "Trump, who has said …": the relative pronoun is the speaker's mention here.
        if let Some(who) = (v.saturating_sub(3)..v).find(|&j| text(j) == "who") {
            if speaker
                .mention
                .is_some_and(|m| m.end <= tokens[who].span.start)
            {
                speaker.mention = Some(tokens[who].span);
            }
        }
        // "X issued a statement saying …": the statement's issuer speaks.
        if speaker.entity.is_none() && speaks_through(doc, &speaker) {
            let start = speaker.mention.map_or(0, |m| m.start);
            let issuer = (0..v)
                .rev()
                .filter(|&j| tokens[j].span.end <= start)
                .take(8)
                .find_map(|j| {
                    speaker_at(doc, tokens, j, usize::MAX).filter(|s| !speaks_through(doc, s))
                });
            if let Some(s) = issuer {
                speaker = s;
            }
        }
        // "said (in a statement on Monday) that", "told reporters that"; not the relative
        // "that" of a clause already begun ("says Clinton ran a campaign that led to …").
        let that = (v + 1..(v + 12).min(n))
            .find(|&j| text(j) == "that")
            // "announced the launch of a brand that will …": after an object, a relative;
            // after a time or a place, not ("announced on Tuesday that", "announced two days
            // earlier that").
            .filter(|&j| {
                j == v + 1
                    || !matches!(verb, "announced" | "announces")
                    || tokens[v + 1].pos == Some(Upos::Adp)
                    || tokens[v + 1..j].iter().all(|t| {
                        matches!(t.pos, Some(Upos::Num | Upos::Propn))
                            || matches!(
                                doc.slice(t.span),
                                "earlier" | "later" | "last" | "this" | "week" | "days" | "today"
                            )
                    })
            })
            .filter(|&j| {
                !tokens[v + 1..j].iter().any(|t| {
                    let w = doc.slice(t.span);
                    let lower = w.to_lowercase();
                    CLAUSE_BEGUN.contains(&lower.as_str())
                        || (w.starts_with(char::is_lowercase) && w.len() > 4 && w.ends_with("ed"))
                })
            });
        let start = match that {
            Some(j) => j + 1,
            // "officials told him he had never been a citizen": the clause after the object.
            // "officials told him he had never been a citizen", "Calabrese told the National
            // Post he had received hundreds of emails": the clause after the object.
            None if matches!(verb, "told" | "tells" | "telling") => {
                if v + 1 >= n {
                    continue;
                }
                let object_end = if matches!(
                    text(v + 1),
                    "him" | "her" | "them" | "me" | "us" | "reporters"
                ) {
                    v + 2
                } else {
                    let start = tokens[v + 1].span.start;
                    let start = if text(v + 1) == "the" {
                        tokens.get(v + 2).map_or(start, |t| t.span.start)
                    } else {
                        start
                    };
                    let Some(m) = mention_starting(doc, start) else {
                        continue;
                    };
                    tokens.partition_point(|t| t.span.start < m.end)
                };
                let clause = tokens.get(object_end).is_some_and(|t| {
                    matches!(
                        doc.slice(t.span),
                        "he" | "she" | "they" | "it" | "I" | "we" | "the" | "his" | "her" | "their"
                    )
                });
                if !clause {
                    continue;
                }
                object_end
            }
            None if NEEDS_THAT.contains(&verb) => continue,
            None => {
                let next = tokens.get(v + 1)?;
                // "added 292,000 jobs": an object, no clause.
                let object = verb.starts_with("add")
                    && (next.kind == TokenKind::Number
                        || next.pos == Some(Upos::Num)
                        || text(v + 1) == "$");
                if next.kind == TokenKind::Punct
                    || object
                    || NOT_A_CLAUSE.contains(&text(v + 1).to_lowercase().as_str())
                    || inverted(doc, tokens, v + 1)
                {
                    continue;
                }
                v + 1
            }
        };
        // "Podesta, who said the project was vetted, said …": the relative clause ends at the
        // comma before the main clause's verb.
        let relative = v >= 2 && text(v - 1) == "who" && text(v - 2) == ",";
        let end = relative
            .then(|| {
                (start..n).find(|&j| {
                    text(j) == ","
                        && tokens
                            .get(j + 1)
                            .is_some_and(|t| matches!(t.pos, Some(Upos::Verb | Upos::Aux)))
                })
            })
            .flatten()
            .unwrap_or(n);
        let Some(span) = content(doc, near, tokens, start, end) else {
            continue;
        };
        let cue_end = that.map_or(tokens[v].span, |j| tokens[v].span.cover(tokens[j].span));
        let cue = speaker.mention.map_or(cue_end, |m| m.cover(cue_end));
        return Some(make(speaker, span, cue, FORWARD));
    }
    if first == 0 {
        fronted_source(doc, near, tokens).or_else(|| headline(doc, near, tokens))
    } else {
        None
    }
}

const HEADLINE: Origin = Origin::new("reported", "headline");

/// Verbs of speech as a headline writes them.
const HEADLINE_VERBS: &[&str] = &[
    "Says", "Say", "Said", "Tells", "Warns", "Claims", "Admits", "Insists", "Argues", "Vows",
    "Predicts", "Denies", "Suggests",
];

/// A headline in title case: "Trump Says He’s Unlikely To Have A Good Relationship With David
/// Cameron", "Howard Dean Tells …". Its words after the verb are the speaker's, as written.
fn headline(doc: &Doc, near: &[&Quote], tokens: &[Token]) -> Option<Quote> {
    let v =
        (1..tokens.len().min(10)).find(|&k| HEADLINE_VERBS.contains(&doc.slice(tokens[k].span)))?;
    let words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
    let capitalised = words
        .clone()
        .filter(|t| doc.slice(t.span).starts_with(char::is_uppercase))
        .count();
    // Title case: nearly every word capitalised (short function words aside).
    let n = words.count();
    if n < 5 || capitalised * 10 < n * 8 {
        return None;
    }
    // A person or body the entity layer knows, named right before the verb; else a short name
    // ("Wash Post Fact-Check Says …"), not a clause ("When A Questioner … Said").
    let short = v <= 4
        && tokens[..v].iter().all(|t| t.kind == TokenKind::Word)
        && !matches!(
            doc.slice(tokens[0].span),
            "When" | "If" | "As" | "How" | "Why" | "What" | "Who" | "Where"
        );
    let speaker = speaker_at(doc, tokens, 0, usize::MAX)
        .filter(|s| {
            s.entity.is_some() && s.mention.is_some_and(|m| m.end == tokens[v - 1].span.end)
        })
        .or_else(|| short.then(|| written(doc, tokens[0].span.cover(tokens[v - 1].span))))?;
    let span = content(doc, near, tokens, v + 1, tokens.len())?;
    Some(make(speaker, span, tokens[v].span, HEADLINE))
}

const FRONTED: Origin = Origin::new("reported", "fronted-source");

/// Documents whose findings a sentence may open with ("In the latest Gallup poll, …").
const FINDINGS: &[&str] = &[
    "poll", "survey", "study", "analysis", "report", "audit", "census",
];

/// "As X noted,", "As the Epoch Times notes further,": a verb by which a source reports
/// (`sources::REPORTING`) after "As" and its
/// subject, then perhaps an adverb, then the comma; `(verb, comma)`.
fn as_source_verb(doc: &Doc, tokens: &[Token]) -> Option<(usize, usize)> {
    let text = |k: usize| doc.slice(tokens[k].span);
    if tokens.first().is_none_or(|t| doc.slice(t.span) != "As") {
        return None;
    }
    let comma = (2..tokens.len().min(16)).find(|&j| text(j) == ",")?;
    let verb = (comma.saturating_sub(2).max(2)..comma)
        .rev()
        .find(|&j| REPORTING.contains(&text(j)))?;
    tokens[verb + 1..comma]
        .iter()
        .all(|t| t.pos == Some(Upos::Adv))
        .then_some((verb, comma))
}

/// A source set before the content and a comma: "As reported by Western Journalism, …", "As
/// the paper noted, …", "In May's Washington Post-ABC News poll, Clinton led Trump …".
fn fronted_source(doc: &Doc, near: &[&Quote], tokens: &[Token]) -> Option<Quote> {
    let text = |k: usize| doc.slice(tokens[k].span);
    let n = tokens.len();
    let comma = (2..n.min(16)).find(|&j| text(j) == ",")?;
    let (source, cue) = match text(0) {
        // "As reported by X,"
        "As" if text(1) == "reported" && text(2) == "by" && comma > 3 => (
            tokens[3].span.cover(tokens[comma - 1].span),
            tokens[0].span.cover(tokens[2].span),
        ),
        "As" => {
            let (verb, as_comma) = as_source_verb(doc, tokens)?;
            if as_comma != comma {
                return None;
            }
            (
                tokens[1].span.cover(tokens[verb - 1].span),
                tokens[verb].span,
            )
        }
        // "In the latest poll," and "In a CNN national poll conducted in May,".
        "In" if (2..comma).any(|j| FINDINGS.contains(&text(j))) => {
            let last = (2..comma).rev().find(|&j| FINDINGS.contains(&text(j)))?;
            // The document, not the words after it ("conducted in May").
            (tokens[1].span.cover(tokens[last].span), tokens[0].span)
        }
        _ => return None,
    };
    let span = content(doc, near, tokens, comma + 1, n)?;
    // A person or body the source names as a whole ("As Politico reported"), else its words.
    let speaker = speaker_at(doc, tokens, 1, usize::MAX)
        .filter(|s| s.mention == Some(source))
        .unwrap_or_else(|| written(doc, source));
    Some(make(speaker, span, cue, FRONTED))
}
