//! From a rule match to a TIMEX3 value: the rule's function applied to its captures, anchored
//! on the publication date (deictic expressions: "yesterday", "last week", "two days ago") or on
//! the narrative's reference time, the last date the text mentioned ("one day after", "days
//! later", "a year earlier").

use super::calendar::Date;
use super::matcher::{Match, TimeToken};
use super::value::{shift, Point, Season, Unit};

/// What normalisation knows besides the match.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// The document creation time: the publication date.
    pub dct: Option<Date>,
    /// The last date the text mentioned.
    pub reference: Option<Point>,
    /// The tense near the expression: `Some(true)` future ("will"), `Some(false)` past.
    pub tense: Option<bool>,
    /// The expression ends a span of time ("extended to Nov. 16", "until June 1", "by year-end"):
    /// a past tense may then report a date shortly ahead.
    pub deadline: bool,
}

/// A normalised expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    pub value: String,
    pub modifier: Option<String>,
    /// The point it denotes, when it is one; it becomes the new reference time.
    pub point: Option<Point>,
}

/// The value of argument `arg`: `$k` is the k-th element's captured value, else a literal.
fn arg(m: &Match, tokens: &[TimeToken], arg: &str) -> Option<String> {
    if arg.len() > 1 && arg.contains(['+', '*']) {
        return sum(m, tokens, arg);
    }
    let Some(k) = arg.strip_prefix('$') else {
        return Some(arg.to_owned());
    };
    let k: usize = k.parse().ok()?;
    let (t, class) = m.captures.get(k.checked_sub(1)?)?.as_ref()?;
    let token = &tokens[*t];
    token
        .classes
        .iter()
        .find(|(c, _)| c == class)
        .map(|(_, v)| v.clone())
        .or_else(|| Some(token.lower.clone()))
}

/// `$2*100+$3+$5`: sums of products of element values and numbers ("January nineteen
/// ninety-seven", "twenty four hours", "5 1/2 hours"), written without a fraction part when
/// whole.
fn sum(m: &Match, tokens: &[TimeToken], expr: &str) -> Option<String> {
    let mut total = 0.0;
    for term in expr.split('+') {
        let mut product = 1.0;
        for factor in term.split('*') {
            product *= arg(m, tokens, factor.trim())?.parse::<f64>().ok()?;
        }
        total += product;
    }
    Some(if total.fract() == 0.0 {
        format!("{}", total as i64)
    } else {
        format!("{total}")
    })
}

/// The class the element named by `arg` (`$k`) matched with.
fn class_of<'m>(m: &'m Match, arg: &str) -> Option<&'m str> {
    let k: usize = arg.strip_prefix('$')?.parse().ok()?;
    m.captures
        .get(k.checked_sub(1)?)?
        .as_ref()
        .map(|(_, c)| c.as_str())
}

fn number(s: &str) -> Option<i64> {
    s.parse().ok()
}

/// Normalises a match; `None` when the rule's function does not apply (no DCT, bad args).
pub fn normalize(m: &Match, tokens: &[TimeToken], cx: &Context) -> Option<Normalized> {
    let rule = m.rule;
    let a = |i: usize| rule.args.get(i).and_then(|x| arg(m, tokens, x));
    let unit = |i: usize| a(i).as_deref().and_then(Unit::parse);
    let dct = cx.dct;
    let point = |p: Point| Some((p.value(), Some(p)));
    let (value, point): (String, Option<Point>) = match rule.func.as_str() {
        "lit" | "lex" => (a(0)?, None),
        "date" => {
            let year = a(0).and_then(|y| number(&y));
            let month = a(1).and_then(|m| number(&m)).map(|m| m as u32);
            let day = a(2).and_then(|d| number(&d)).map(|d| d as u32);
            date(year.map(|y| y as i32), month, day, cx)?
        }
        "nthday" => {
            // The n-th weekday `w` of month `m` (n = -1: the last), in the year nearest the DCT
            // that the tense allows.
            let (m, w, n) = (
                number(&a(0)?)? as u32,
                number(&a(1)?)? as u32,
                number(&a(2)?)?,
            );
            let dct = dct?;
            let year = infer_year(dct, m, Some(nth_weekday(dct.year, m, w, n)?.day), cx);
            point(Point::Day(nth_weekday(year, m, w, n)?))?
        }
        "year" => point(Point::Year(number(&a(0)?)? as i32))?,
        // "nineteen ninety-six": hundreds, tens and units read out.
        "yearwords" => {
            let y = number(&a(0)?)? * 100
                + number(&a(1)?)?
                + a(2).and_then(|u| number(&u)).unwrap_or(0);
            point(Point::Year(y as i32))?
        }
        "decade" => point(Point::Decade(number(&a(0)?)? as i32))?,
        // "the 20th century" is the 1900s: `19`.
        "century" => point(Point::Century(number(&a(0)?)? as i32 - 1))?,
        "deictic" => {
            let d = dct?.add_days(number(&a(0)?)?);
            point(Point::Day(d))?
        }
        "weekday" => point(Point::Day(weekday(
            dct?,
            number(&a(0)?)? as u32,
            direction(cx, None),
        )))?,
        "rel" => {
            let r = number(&a(0)?)?;
            let u = unit(1)?;
            point(Point::at(shift(dct?, u, r), u))?
        }
        // "the previous Friday": the one before the day the narrative is at.
        "beforeref" => {
            let day = match cx.reference {
                Some(Point::Day(d)) => d,
                _ => dct?,
            };
            point(Point::Day(weekday(
                day.add_days(-1),
                number(&a(0)?)? as u32,
                -1,
            )))?
        }
        "relname" => relname(number(&a(0)?)?, &a(1)?, rule.args.get(1)?, m, dct?)?,
        "ago" => {
            let u = unit(1)?;
            match number(&a(0)?) {
                // Results "a year ago" beside a quarter's are that quarter a year back.
                Some(1) if u == Unit::Year && matches!(cx.reference, Some(Point::Quarter(..))) => {
                    let Some(Point::Quarter(y, q)) = cx.reference else {
                        return None;
                    };
                    // The comparison leaves the narrative on this year's quarter.
                    (Point::Quarter(y - 1, q).value(), None)
                }
                Some(n) => point(Point::at(shift(dct?, u, -n), u))?,
                None => ("PAST_REF".to_owned(), None),
            }
        }
        "later" => {
            let u = unit(1)?;
            let sign: i64 = if a(2)?.starts_with('-') { -1 } else { 1 };
            let reference = cx.reference.or(dct.map(Point::Day))?;
            match number(&a(0)?) {
                Some(n) => {
                    let moved = shift(reference.anchor(), u, sign * n);
                    // "one day after", "a year earlier" keep the reference's granularity;
                    // "the following year" (a fourth argument `unit`) takes its own.
                    let own = a(3).as_deref() == Some("unit");
                    // "year-ago results" after "the quarter ended Sept. 30" compare quarters.
                    let adjective = !rule.args.first().is_some_and(|x| x.starts_with('$'));
                    let quarter_end = matches!(reference, Point::Day(d)
                        if d.month % 3 == 0 && d.day == super::calendar::days_in_month(d.year, d.month));
                    let granularity = if adjective && quarter_end && u == Unit::Year {
                        Unit::Quarter
                    } else if !own && reference.unit() as u8 <= u as u8 {
                        reference.unit()
                    } else {
                        u
                    };
                    let p = Point::at(moved, granularity);
                    if u == Unit::Year && n == 1 && sign < 0 {
                        // "the year-earlier period", "a year earlier" compare; the narrative
                        // stays put.
                        (p.value(), None)
                    } else {
                        point(p)?
                    }
                }
                None => {
                    // "days later": a few units on, known only to the next coarser unit.
                    let moved = shift(reference.anchor(), u, sign * 3);
                    let coarser = match u {
                        Unit::Day | Unit::Week | Unit::Weekend => Unit::Month,
                        Unit::Month | Unit::Quarter => Unit::Year,
                        other => other,
                    };
                    point(Point::at(moved, coarser))?
                }
            }
        }
        "monthrel" => {
            let month = number(&a(0)?)? as u32;
            let year = dct?.year + number(&a(1)?)? as i32;
            point(Point::Month(year, month))?
        }
        "clock" => {
            let (hour, minute) = clock(&a(0)?, a(1).as_deref())?;
            let day = match (a(2), rule.args.get(2).and_then(|k| class_of(m, k))) {
                (Some(w), Some("WEEKDAY")) => {
                    weekday(dct?, number(&w)? as u32, direction(cx, None))
                }
                (Some(d), Some("DEICTIC")) => dct?.add_days(number(&d)?),
                (Some(month), Some("MONTH")) => {
                    let (month, day) = (number(&month)? as u32, number(&a(3)?)? as u32);
                    let year = infer_year(dct?, month, Some(day), cx);
                    Date::new(year, month, day)?
                }
                // A bare clock time is on the day the narrative is at.
                _ => match cx.reference {
                    Some(Point::Day(d)) => d,
                    _ => dct?,
                },
            };
            (
                format!("{day}T{hour:02}:{minute:02}"),
                Some(Point::Day(day)),
            )
        }
        "dur" => (duration(a(0).as_deref(), unit(1)?), None),
        "set" => (duration(Some("1"), unit(0)?), None),
        "setday" => {
            let pod = a(1).map(|p| format!("T{p}")).unwrap_or_default();
            (format!("XXXX-WXX-{}{pod}", a(0)?), None)
        }
        "setmonth" => (format!("XXXX-{:02}", number(&a(0)?)?), None),
        "quarter" => {
            let q = number(&a(0)?)? as u32;
            let year = match a(1).and_then(|y| number(&y)) {
                Some(y) => y as i32,
                // "next year's first quarter": a year counted from the DCT's.
                None => dct?.year + a(2).and_then(|r| number(&r)).unwrap_or(0) as i32,
            };
            point(Point::Quarter(year, q))?
        }
        "half" => {
            let year = match a(1).and_then(|y| number(&y)) {
                Some(y) => y,
                None => i64::from(dct?.year),
            };
            (format!("{year}-H{}", number(&a(0)?)?), None)
        }
        // "by year-end" is this year's; "since year-end", in the past, last year's.
        "yearend" => {
            let d = dct?;
            let year = if cx.tense == Some(false) && !cx.deadline && d.month < 12 {
                d.year - 1
            } else {
                d.year
            };
            point(Point::Day(Date::new(year, 12, 31)?))?
        }
        "yearquarter" => {
            // "the 1988 period": the quarter under discussion, in that year.
            let q = match cx.reference {
                Some(Point::Quarter(_, q)) => q,
                _ => shift(dct?, Unit::Quarter, -1).quarter(),
            };
            (Point::Quarter(number(&a(0)?)? as i32, q).value(), None)
        }
        "lastquarter" => {
            let d = shift(dct?, Unit::Quarter, -1);
            point(Point::Quarter(d.year, d.quarter()))?
        }
        "season" => {
            let s = Season::parse(&a(0)?)?;
            let year = match a(1).and_then(|y| number(&y)) {
                Some(y) => y as i32,
                None => dct?.year,
            };
            point(Point::Season(year, s))?
        }
        "weekend" => {
            let r = number(&a(0)?)?;
            let d = dct?;
            let saturday = d.add_days(6 - i64::from(d.weekday()));
            let target = match r {
                0 if cx.tense == Some(true) => saturday,
                0 => saturday.add_days(-7 * i64::from(d.weekday() < 6)),
                n => saturday.add_days(7 * n),
            };
            point(Point::at(target, Unit::Weekend))?
        }
        _ => return None,
    };
    let mut value = value;
    if let (Some(pod), Some(Point::Day(_))) = (rule.part_of_day.as_deref(), point) {
        value = format!("{value}T{}", arg(m, tokens, pod)?);
    }
    let modifier = rule.modifier.as_deref().and_then(|x| arg(m, tokens, x));
    Some(Normalized {
        value,
        modifier,
        point,
    })
}

/// For a match of `later(N,U,SIGN)` that ends on its signal word ("one day after", "two weeks
/// later", "a few days later"): the signal token's index and the count as a duration (`P1D`,
/// `PXD`). `None` for an uncounted "days later".
pub fn offset(m: &Match, tokens: &[TimeToken]) -> Option<(usize, String)> {
    let rule = m.rule;
    if rule.func != "later" || rule.args.get(3).is_some() {
        return None;
    }
    // The count must be the text's own ("one day"), not the rule's ("year-ago").
    let n = rule.args.first().filter(|a| a.starts_with('$'))?;
    let n = arg(m, tokens, n)?;
    let unit = Unit::parse(&arg(m, tokens, rule.args.get(1)?)?)?;
    let k: usize = rule.args.get(2)?.strip_prefix('$')?.parse().ok()?;
    let (signal, _) = m.captures.get(k.checked_sub(1)?)?.as_ref()?;
    (*signal == m.last).then(|| (*signal, duration(Some(&n), unit)))
}

/// Hour and minute of `10`, `10:35`, `noon` with `am`/`pm`.
fn clock(time: &str, half: Option<&str>) -> Option<(u32, u32)> {
    let (h, m) = match time {
        "noon" => (12, 0),
        "midnight" => (24, 0),
        t => match t.split_once(':') {
            Some((h, m)) => (h.parse().ok()?, m.parse().ok()?),
            None => (t.parse().ok()?, 0),
        },
    };
    let h = match half {
        Some("pm") if h < 12 => h + 12,
        Some("am") if h == 12 => 0,
        _ => h,
    };
    (h <= 24 && m < 60).then_some((h, m))
}

/// Which way to resolve a name: -1 past, 1 future.
fn direction(cx: &Context, rel: Option<i64>) -> i64 {
    match rel {
        Some(r) if r != 0 => r,
        _ if cx.tense == Some(true) => 1,
        _ => -1,
    }
}

/// The `n`-th weekday `w` (1 Monday .. 7 Sunday) of month `m` of `year`; `n` = -1 the last.
fn nth_weekday(year: i32, m: u32, w: u32, n: i64) -> Option<Date> {
    let last = super::calendar::days_in_month(year, m);
    let days: Vec<Date> = (1..=last)
        .filter_map(|d| Date::new(year, m, d))
        .filter(|d| d.weekday() == w)
        .collect();
    if n < 0 {
        days.last().copied()
    } else {
        days.get(usize::try_from(n).ok()?.checked_sub(1)?).copied()
    }
}

/// The weekday `w` nearest the DCT in `dir` (-1: on or before, 1: on or after).
fn weekday(dct: Date, w: u32, dir: i64) -> Date {
    let today = i64::from(dct.weekday());
    let w = i64::from(w);
    if dir < 0 {
        dct.add_days(-(today - w).rem_euclid(7))
    } else {
        let ahead = (w - today).rem_euclid(7);
        dct.add_days(ahead)
    }
}

/// `last May`, `next Friday`, `this fall`.
fn relname(
    r: i64,
    value: &str,
    arg_name: &str,
    m: &Match,
    dct: Date,
) -> Option<(String, Option<Point>)> {
    let p = match class_of(m, arg_name)? {
        "WEEKDAY" => {
            let w: u32 = value.parse().ok()?;
            match r {
                0 => Point::Day(dct.add_days(i64::from(w) - i64::from(dct.weekday()))),
                -1 => Point::Day(weekday(dct.add_days(-1), w, -1)),
                _ => Point::Day(weekday(dct.add_days(1), w, 1)),
            }
        }
        "MONTH" => {
            let month: u32 = value.parse().ok()?;
            let year = match r {
                0 => dct.year,
                -1 if month < dct.month => dct.year,
                -1 => dct.year - 1,
                _ if month > dct.month => dct.year,
                _ => dct.year + 1,
            };
            Point::Month(year, month)
        }
        "SEASON" => {
            let s = Season::parse(value)?;
            let now = Season::of_month(dct.month).index();
            let year = match r {
                0 => dct.year,
                -1 if s.index() < now => dct.year,
                -1 => dct.year - 1,
                _ if s.index() > now => dct.year,
                _ => dct.year + 1,
            };
            Point::Season(year, s)
        }
        _ => return None,
    };
    Some((p.value(), Some(p)))
}

/// A calendar date with missing parts inferred from the DCT and the sentence's tense.
fn date(
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    cx: &Context,
) -> Option<(String, Option<Point>)> {
    let point = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => Point::Day(Date::new(y, m, d)?),
        (Some(y), Some(m), None) => Point::Month(y, m),
        (Some(y), None, _) => Point::Year(y),
        (None, Some(m), day) => {
            let Some(dct) = cx.dct else {
                let v = match day {
                    Some(d) => format!("XXXX-{m:02}-{d:02}"),
                    None => format!("XXXX-{m:02}"),
                };
                return Some((v, None));
            };
            let year = infer_year(dct, m, day, cx);
            match day {
                Some(d) => Point::Day(Date::new(year, m, d)?),
                None => Point::Month(year, m),
            }
        }
        (None, None, _) => return None,
    };
    Some((point.value(), Some(point)))
}

/// The year that puts month `m` (and `day`) nearest the DCT: within six months either way,
/// unless the tense says which side (a past tense never reaches ahead, a future one never
/// looks back).
fn infer_year(dct: Date, m: u32, day: Option<u32>, cx: &Context) -> i32 {
    let at = |y: i32| {
        let d = day.unwrap_or(15).min(super::calendar::days_in_month(y, m));
        Date {
            year: y,
            month: m,
            day: d,
        }
        .days()
            - dct.days()
    };
    let mut candidates: Vec<(i64, i32)> =
        (dct.year - 1..=dct.year + 1).map(|y| (at(y), y)).collect();
    match cx.tense {
        Some(true) => candidates.retain(|&(d, _)| d >= -15),
        // A past date later in the DCT's own month is a report of a deadline ("had been set
        // to expire Nov. 6"), not last year's; so is one in the weeks ahead that ends a span
        // ("was extended to Nov. 16").
        Some(false) if day.is_some() => {
            candidates.retain(|&(d, y)| {
                d <= 1 || (y == dct.year && m == dct.month) || (cx.deadline && d <= 45)
            });
        }
        Some(false) => candidates.retain(|&(d, _)| d <= 31),
        None => {}
    }
    candidates
        .into_iter()
        .min_by_key(|&(d, _)| d.abs())
        .map_or(dct.year, |(_, y)| y)
}

/// `P3D`, `PT45M`, `PXY`; a half of an hour, minute, day or year in the next unit down
/// (`PT5H30M`, `PT1M30S`, `PT36H`, `P1Y6M`).
fn duration(n: Option<&str>, unit: Unit) -> String {
    if let Some(x) = n.and_then(|n| n.parse::<f64>().ok()) {
        let whole = x.trunc() as i64;
        if x.fract() == 0.5 {
            match unit {
                Unit::Hour => return format!("PT{whole}H30M"),
                Unit::Minute => return format!("PT{whole}M30S"),
                Unit::Day => return format!("PT{}H", whole * 24 + 12),
                Unit::Year => return format!("P{whole}Y6M"),
                _ => {}
            }
        }
    }
    let (code, time) = unit.duration_code();
    let n = match n {
        Some(n) if n.parse::<f64>().is_ok() => n.to_owned(),
        _ => "X".to_owned(),
    };
    let (n, code) = match (unit, n.as_str()) {
        (Unit::Decade, "X") => ("X".to_owned(), "DE"),
        (Unit::Decade, n) => ((n.parse::<u32>().unwrap_or(1) * 10).to_string(), "Y"),
        (Unit::Century, "X") => ("X".to_owned(), "CE"),
        (Unit::Century, n) => ((n.parse::<u32>().unwrap_or(1) * 100).to_string(), "Y"),
        _ => (n, code),
    };
    if time {
        format!("PT{n}{code}")
    } else {
        format!("P{n}{code}")
    }
}
