//! Property tests on offsets: for any input, every span indexes the text and every layer keeps
//! its invariants (sorted, disjoint, nested, tokens covering all non-whitespace).

use newsgraph_analyze::{analyze, analyze_text, decode};
use newsgraph_doc::{Doc, Span};
use proptest::prelude::*;

/// Strings that have broken text tools before: RTL marks, zero-width joiners, combining marks,
/// odd line breaks, lone surrogates' replacement, quotes of every style, long runs.
const NAUGHTY: &[&str] = &[
    "",
    " ",
    "\n\n\n",
    "\r\n\r\n",
    "\r",
    "\u{FEFF}BOM inside",
    "\u{200B}\u{200C}\u{200D}\u{2060}",
    "\u{202E}RTL override\u{202C} text.",
    "مرحبا بالعالم. هذا نص.",
    "שלום עולם. זה טקסט.",
    "日本語の文章です。次の文。",
    "👩‍👩‍👧‍👦 family. 🇺🇸 flag. 👍🏽 ok.",
    "e\u{301}\u{301}\u{301} Zalgo t\u{336}e\u{336}x\u{336}t\u{336}.",
    "“”‘’«»„‚‹›\"'`",
    "“unclosed quote. And more.\n‘another",
    "...!!!???…—–-",
    "U.S. U.K. e.g. i.e. Mr. Dr. Jan. 31, 2025.",
    "'s n't 're ’s n’t",
    "@ # @@ ## @_ #_ http:// https:// www. pic.twitter.com/ t.co/",
    "a@b.c x@ @y.z",
    "\u{2028}line sep\u{2029}para sep\u{85}next line\u{0B}vt\u{0C}ff",
    "\t\t tab\tseparated\t",
    "— X (@x) May 5, 2025",
    "— (@) May 5,",
    "–",
    "null\u{0}byte",
    "\u{FFFD}\u{FFFD} replacement",
    "10,000,000.5 1,2,3 9/11 10:30 2025-13-45",
    "A.B.C.D.E.F.G.H.",
    "Loading…\nAdvertisement\n–Latin Times",
];

fn check(doc: &Doc) -> Result<(), TestCaseError> {
    let text = doc.text();
    let valid = |s: Span| text.get(s.range()).is_some();
    for p in &doc.paragraphs {
        prop_assert!(valid(p.span), "paragraph {:?}", p.span);
        let t = &text[p.span];
        prop_assert!(
            !t.is_empty() && t.trim() == t,
            "paragraph not trimmed: {t:?}"
        );
    }
    for w in doc.paragraphs.windows(2) {
        prop_assert!(w[0].span.end <= w[1].span.start, "paragraphs out of order");
    }
    for t in &doc.tokens {
        prop_assert!(valid(t.span) && !t.span.is_empty(), "token {:?}", t.span);
        prop_assert!(
            !text[t.span].contains(char::is_whitespace),
            "whitespace in token {:?}",
            &text[t.span]
        );
    }
    for w in doc.tokens.windows(2) {
        prop_assert!(w[0].span.end <= w[1].span.start, "tokens out of order");
    }
    // Every non-whitespace character lies in a token.
    let mut covered = vec![false; text.len()];
    for t in &doc.tokens {
        covered[t.span.range()].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in text.char_indices() {
        prop_assert!(
            c.is_whitespace() || covered[i],
            "{c:?} at {i} is in no token"
        );
    }
    // Sentences start and end on token edges, and every token lies in one sentence.
    for s in &doc.sentences {
        prop_assert!(valid(s.span));
        prop_assert!(
            doc.tokens.iter().any(|t| t.span.start == s.span.start),
            "sentence start off a token"
        );
        prop_assert!(
            doc.tokens.iter().any(|t| t.span.end == s.span.end),
            "sentence end off a token"
        );
    }
    for t in &doc.tokens {
        let n = doc
            .sentences
            .iter()
            .filter(|s| s.span.contains(t.span))
            .count();
        prop_assert_eq!(n, 1, "token {:?} in {} sentences", t.span, n);
    }
    for d in &doc.debris {
        prop_assert!(valid(d.span) && !d.span.is_empty());
    }
    for p in &doc.posts {
        prop_assert!(valid(p.span) && valid(p.text) && p.span.contains(p.text));
    }
    for d in &doc.diagnostics {
        if let Some(s) = d.span {
            prop_assert!(valid(s));
        }
    }
    let errors = doc.validate();
    prop_assert!(errors.is_empty(), "{errors:?}");
    // The wire format reads back to the same layers.
    let back = Doc::from_json(&doc.to_json(Default::default()).to_string())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back.sentences, &doc.sentences);
    prop_assert_eq!(&back.debris, &doc.debris);
    Ok(())
}

/// Each word that opens a rule of reported speech, last in its sentence or alone: the rules
/// look past it and must find the sentence's end, not read beyond it.
#[test]
fn a_cue_at_the_end_of_the_text_keeps_invariants() {
    const CUES: &[&str] = &[
        "told",
        "tells",
        "said",
        "says",
        "Says",
        "stated",
        "tweeted",
        "adding",
        "noting",
        "asked",
        "Asked",
        "announced",
        "according",
        "according to",
        "As",
        "As reported",
        "As reported by",
        "In the poll",
        "who said",
        "One in",
        "Nearly half",
        "more than",
    ];
    for cue in CUES {
        for text in [
            format!("Paul Brandt {cue}"),
            format!("Paul Brandt {cue}."),
            cue.to_string(),
            format!("“The bridge is safe,” Paul Brandt {cue}"),
            format!("The harbour board, {cue}"),
        ] {
            let mut doc = Doc::new(text.as_str());
            newsgraph_analyze::analyze_with(&mut doc, newsgraph_analyze::Attributions::All);
            check(&doc).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        }
    }
}

#[test]
fn naughty_strings_keep_invariants() {
    for s in NAUGHTY {
        let doc = analyze_text(s, None);
        if let Err(e) = check(&doc) {
            panic!("{s:?}: {e}");
        }
        // Glued together, and glued to prose.
        let glued = format!("He said “{s}” on May 5, 2025.\n{s} {s}\n— A (@a) May 5, 2025");
        if let Err(e) = check(&analyze_text(&glued, None)) {
            panic!("{glued:?}: {e}");
        }
    }
}

/// Characters that drive the segmenters' rules, to make random text hit them often.
fn newsy_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec![' ', ' ', '\n', '\r', '\t', '.', ',', '!', '?', '\'', '"',
            '“', '”', '‘', '’', '«', '»', '—', '–', '-', '@', '#', '/', ':', '(', ')', '…', '&',
            'é', '\u{301}', '\u{200D}', '🇺', '日', 'ß', '\u{2029}', '\u{85}']),
        1 => any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_keeps_invariants(s in any::<String>()) {
        check(&analyze_text(&s, None))?;
    }

    #[test]
    fn newsy_text_keeps_invariants(chars in proptest::collection::vec(newsy_char(), 0..400)) {
        let s: String = chars.into_iter().collect();
        check(&analyze_text(&s, None))?;
    }

    #[test]
    fn stances_keep_invariants(words in proptest::collection::vec(proptest::sample::select(vec![
        "Lima", "The", "mayor", "criticized", "called", "for", "on", "wants", "to", "the", "port",
        "said", "“", "”", ",", ".", "?", ":", "—", "\n\n", "by", "I", "think", "has", "vowed",
        "asked", "whether", "and", "who", "supports", "plan",
    ]), 0..80)) {
        let mut doc = Doc::new(words.join(" "));
        newsgraph_analyze::analyze_with(&mut doc, newsgraph_analyze::Attributions::All);
        check(&doc)?;
    }

    #[test]
    fn reported_speech_keeps_invariants(words in proptest::collection::vec(proptest::sample::select(vec![
        "Paul", "Brandt", "told", "the", "AP", "his", "firm", "said", "says", "Says", "As",
        "reported", "by", "notes", "further", "According", "according", "to", "In", "poll",
        "Nearly", "half", "One", "in", "three", "out", "of", "10", "percent", "who", "adding",
        "that", "Asked", "asked", "whether", "announced", "on", "Tuesday", "and", "but", "while",
        "tweeted", ",", ".", "“", "”", "\n\n", ":",
    ]), 0..40)) {
        let mut doc = Doc::new(words.join(" "));
        newsgraph_analyze::analyze_with(&mut doc, newsgraph_analyze::Attributions::All);
        check(&doc)?;
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        match decode(&bytes) {
            Ok(mut doc) => {
                let lossy = std::str::from_utf8(&bytes).is_err();
                let reported = doc.diagnostics.iter().any(|d| d.code == "invalid-utf8");
                let bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
                prop_assert!(bom || lossy == reported, "lossy decoding must be reported");
                analyze(&mut doc);
                check(&doc)?;
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
