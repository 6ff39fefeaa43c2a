//! TIMEX3 values at their granularity, and how they are written.

use super::calendar::Date;

/// A point or period on the calendar, at the granularity the text gives it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Point {
    Day(Date),
    Week(i32, u32),
    Weekend(i32, u32),
    Month(i32, u32),
    Quarter(i32, u32),
    Season(i32, Season),
    Year(i32),
    /// The first three digits of a year: the 1990s are `199`.
    Decade(i32),
    Century(i32),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn parse(code: &str) -> Option<Season> {
        Some(match code {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }

    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The season a month falls in (northern hemisphere, winter counted with the year it ends).
    pub fn of_month(month: u32) -> Season {
        match month {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Fall,
            _ => Season::Winter,
        }
    }

    pub fn index(self) -> u32 {
        match self {
            Season::Winter => 0,
            Season::Spring => 1,
            Season::Summer => 2,
            Season::Fall => 3,
        }
    }
}

/// A unit of time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub fn parse(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "WE" => Unit::Weekend,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// The duration letter(s), and whether they follow `T`.
    pub fn duration_code(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Weekend => ("WE", false),
            Unit::Week => ("W", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

impl Point {
    /// A day inside the point, to shift from (its first day).
    pub fn anchor(self) -> Date {
        let first = |y: i32, m: u32| Date {
            year: y,
            month: m,
            day: 1,
        };
        match self {
            Point::Day(d) => d,
            Point::Week(y, w) | Point::Weekend(y, w) => {
                let jan4 = Date {
                    year: y,
                    month: 1,
                    day: 4,
                };
                jan4.add_days(-(i64::from(jan4.weekday()) - 1) + 7 * (i64::from(w) - 1))
            }
            Point::Month(y, m) => first(y, m),
            Point::Quarter(y, q) => first(y, (q - 1) * 3 + 1),
            Point::Season(y, s) => first(y, [1, 4, 7, 10][s.index() as usize]),
            Point::Year(y) => first(y, 1),
            Point::Decade(d) => first(d * 10, 1),
            Point::Century(c) => first(c * 100, 1),
        }
    }

    /// `date` expressed at the granularity of `unit`.
    pub fn at(date: Date, unit: Unit) -> Point {
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Point::Day(date),
            Unit::Week => {
                let (y, w) = date.iso_week();
                Point::Week(y, w)
            }
            Unit::Weekend => {
                let (y, w) = date.iso_week();
                Point::Weekend(y, w)
            }
            Unit::Month => Point::Month(date.year, date.month),
            Unit::Quarter => Point::Quarter(date.year, date.quarter()),
            Unit::Year => Point::Year(date.year),
            Unit::Decade => Point::Decade(date.year.div_euclid(10)),
            Unit::Century => Point::Century(date.year.div_euclid(100)),
        }
    }

    /// The unit this point is expressed in.
    pub fn unit(self) -> Unit {
        match self {
            Point::Day(_) => Unit::Day,
            Point::Week(..) => Unit::Week,
            Point::Weekend(..) => Unit::Weekend,
            Point::Month(..) => Unit::Month,
            Point::Quarter(..) => Unit::Quarter,
            Point::Season(..) => Unit::Quarter,
            Point::Year(_) => Unit::Year,
            Point::Decade(_) => Unit::Decade,
            Point::Century(_) => Unit::Century,
        }
    }

    /// The TIMEX3 value.
    pub fn value(self) -> String {
        match self {
            Point::Day(d) => d.to_string(),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Season(y, s) => format!("{y:04}-{}", s.code()),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }
}

/// Shifts `date` by `n` units.
pub fn shift(date: Date, unit: Unit, n: i64) -> Date {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => date,
        Unit::Day => date.add_days(n),
        Unit::Week | Unit::Weekend => date.add_days(7 * n),
        Unit::Month => date.add_months(n),
        Unit::Quarter => date.add_months(3 * n),
        Unit::Year => date.add_months(12 * n),
        Unit::Decade => date.add_months(120 * n),
        Unit::Century => date.add_months(1200 * n),
    }
}
