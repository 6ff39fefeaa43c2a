//! Quotation marks: which characters may open or close a quote, read from their context.
//!
//! Curly marks say which way they face, but scraped text types them the wrong way round
//! (`straight.“` closing a quote), so context decides: a mark with a space before it and a word
//! after opens; a mark glued to the word before it and followed by a space or punctuation
//! closes. Single marks double as apostrophes: inside a word (`can’t`), before a digit (`’90s`)
//! or after a plural (`ministers’`) they are apostrophes unless a single quote is open.

/// Double or single quotation marks: a quote closes only with a mark of its own family.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    Double,
    Single,
}

/// What a mark can do where it stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    Open,
    Close,
    /// Opens or closes: the pairing decides (a straight `"` between two words, say).
    Either,
    /// A single mark that closes only if a single quote is open, else is an apostrophe.
    CloseIfOpen,
}

/// A quotation mark at `start..end` of the text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub family: Family,
    pub role: Role,
}

/// The family of quotation mark `c`, if it is one.
pub fn family(c: char) -> Option<Family> {
    match c {
        '“' | '”' | '"' | '«' | '»' | '„' | '‟' => Some(Family::Double),
        '‘' | '’' | '\'' | '‹' | '›' | '‚' | '‛' => Some(Family::Single),
        _ => None,
    }
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/'))
}

/// Every quotation mark of `text[from..to]` with its role, in text order.
pub fn marks(text: &str, from: usize, to: usize) -> Vec<Mark> {
    let s = &text[from..to];
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    let mut prev: Option<char> = text[..from].chars().next_back();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let at = from + i;
        // `` and '' (PTB and NYT style doubles).
        if (c == '`' || c == '\'') && next == Some(c) {
            iter.next();
            let after = iter.peek().map(|&(_, n)| n);
            let role = if c == '`' {
                Role::Open
            } else {
                role_of('"', prev, after)
            };
            out.push(Mark {
                start: at,
                end: at + 2,
                family: Family::Double,
                role,
            });
            prev = Some(c);
            continue;
        }
        if let Some(family) = family(c) {
            let role = role_of(c, prev, next);
            if let Some(role) = role_or_apostrophe(c, role, prev, next) {
                out.push(Mark {
                    start: at,
                    end: at + c.len_utf8(),
                    family,
                    role,
                });
            }
        }
        prev = Some(c);
    }
    out
}

/// The role a mark's neighbours give it.
fn role_of(c: char, prev: Option<char>, next: Option<char>) -> Role {
    let space_before = is_space(prev) || prev.is_some_and(|p| family(p).is_some() && p != c);
    let space_after = next.is_none_or(|n| {
        n.is_whitespace()
            || (n.is_ascii_punctuation() && n != '(' && n != '\'' && n != '"')
            || matches!(n, '—' | '–' | '…')
    });
    match (space_before, space_after) {
        (true, false) => Role::Open,
        (false, true) => Role::Close,
        _ => match c {
            '“' | '«' | '„' | '‘' | '‹' | '‚' => Role::Open,
            '”' | '»' | '’' | '›' => Role::Close,
            _ => Role::Either,
        },
    }
}

/// Single marks that are apostrophes drop out (`None`); closing singles become `CloseIfOpen`.
fn role_or_apostrophe(c: char, role: Role, prev: Option<char>, next: Option<char>) -> Option<Role> {
    if family(c) != Some(Family::Single) {
        return Some(role);
    }
    let letter_before = prev.is_some_and(char::is_alphanumeric);
    let letter_after = next.is_some_and(char::is_alphanumeric);
    if letter_before && letter_after {
        return None; // can’t, O’Brien
    }
    if next.is_some_and(|n| n.is_ascii_digit()) {
        return None; // ’90s
    }
    match role {
        Role::Open => Some(Role::Open),
        Role::Close | Role::Either | Role::CloseIfOpen => Some(Role::CloseIfOpen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(char, Role)> {
        marks(text, 0, text.len())
            .iter()
            .map(|m| (text[m.start..].chars().next().unwrap_or(' '), m.role))
            .collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert!(roles("can’t O’Brien the ’90s").is_empty());
        assert_eq!(roles("the ministers’ plan"), [('’', Role::CloseIfOpen)]);
    }

    #[test]
    fn context_decides_the_direction() {
        assert_eq!(
            roles("he said “no.“ Then"),
            [('“', Role::Open), ('“', Role::Close)]
        );
        assert_eq!(
            roles("\"Yes,\" she said"),
            [('"', Role::Open), ('"', Role::Close)]
        );
        assert_eq!(
            roles("``Yes,'' she said"),
            [('`', Role::Open), ('\'', Role::Close)]
        );
    }
}
