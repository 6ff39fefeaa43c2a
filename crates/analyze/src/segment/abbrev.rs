//! Abbreviations that keep their period, as data.
//!
//! `TITLES` never end a sentence (a name follows). `OTHERS` may end one, so after them a new
//! sentence starts only before a word that often opens sentences ([`SENTENCE_STARTERS`]).
//! Dotted acronyms (`U.S.`, `a.m.`) and single-letter initials are recognised by shape.

/// Titles and words that a name or number always follows.
pub const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm", "Sgt",
    "Cpl", "Pvt", "Gov", "Sen", "Rep", "Rev", "Fr", "Sr", "Sen", "Atty", "Supt", "Hon", "Pres",
    "Gov", "Lt", "St", "Mt", "Ft", "No", "Nos", "Vol", "Art", "Fig", "pp", "vs", "v", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues",
    "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "approx", "ca", "cf", "est", "Ave", "Blvd",
    "Rd", "Sq",
];

/// Abbreviations that may also end a sentence.
pub const OTHERS: &[&str] = &[
    "Inc", "Ltd", "Co", "Corp", "Bros", "Jr", "etc", "al", "Dept", "Univ", "Assn", "Ala", "Ariz",
    "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md",
    "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex",
    "Va", "Vt", "Wash", "Wis", "Wyo",
];

/// Words that often open a sentence: after an abbreviation that may end one, they start a new one.
pub const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "When",
    "While",
    "If",
    "As",
    "After",
    "Before",
    "Since",
    "So",
    "Yet",
    "Still",
    "However",
    "Meanwhile",
    "Now",
    "Then",
    "Some",
    "Many",
    "Most",
    "Officials",
    "According",
    "Last",
    "Earlier",
    "Later",
];

/// Whether `word` (without its period) is an abbreviation that keeps its period.
pub fn is_abbreviation(word: &str) -> bool {
    TITLES.contains(&word) || OTHERS.contains(&word) || is_initial(word)
}

/// Whether `word` is an initial such as the `J` of `J. K. Rowling`: one capital letter, not `I`.
pub fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase() && c != 'I')
}

/// Whether a word ending in this abbreviation may end a sentence.
pub fn may_end_sentence(word_with_period: &str) -> bool {
    let word = word_with_period
        .strip_suffix('.')
        .unwrap_or(word_with_period);
    if TITLES.contains(&word) || is_initial(word) {
        return false;
    }
    true
}

/// Reporting verbs: after a closing quote, `“…?” Trump said` and `“…!” said Trump` stay one
/// sentence, as news writes them.
pub const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "asked",
    "added",
    "replied",
    "answered",
    "wrote",
    "tweeted",
    "insisted",
    "continued",
    "explained",
    "argued",
    "claimed",
    "noted",
    "declared",
    "shouted",
    "yelled",
    "cried",
    "concluded",
    "responded",
    "warned",
    "recalled",
    "quipped",
    "joked",
    "admitted",
    "stated",
    "asks",
    "adds",
    "writes",
    "tells",
    "explains",
    "notes",
    "recalls",
    "warns",
    "insists",
    "continues",
    "argues",
    "replies",
    "answers",
    "tweets",
    "jokes",
    "remarked",
    "countered",
    "conceded",
    "acknowledged",
];
