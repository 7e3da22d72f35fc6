//! Calendar dates as the bundle writes them (ISO 8601), and how readers see them.
//!
//! A hand-written parser keeps `chrono`/`time` out of the wasm: the bundle only needs
//! `YYYY-MM-DD`, optionally followed by a time of day, and whole-day arithmetic.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Lang;

/// A calendar date, optionally with the time of day it was given with. The day is the day in
/// China (UTC+8) of a time written at another offset.
///
/// Ordering is by calendar day first, then by the original text, so a date with a time sorts
/// after the same day without one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
    /// The text exactly as written in the bundle, kept so that serialising round-trips.
    original: String,
}

/// Why a string is not a date; the message names the offending text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a date (expected YYYY-MM-DD, optionally followed by a time such as T09:30:00+08:00)")]
pub struct DateError(pub String);

impl Date {
    /// Parses `YYYY-MM-DD` with an optional `THH:MM[:SS][.fff][Z|±HH:MM]` suffix.
    ///
    /// ```
    /// let d = parkreader_core::Date::parse("2023-01-31").unwrap();
    /// assert_eq!((d.year(), d.month(), d.day()), (2023, 1, 31));
    /// assert!(parkreader_core::Date::parse("2021-13-01").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let err = || DateError(text.to_string());
        let bytes = text.as_bytes();
        if bytes.len() < 10 || !text.is_ascii() || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(err());
        }
        let year: i32 = digits(&text[0..4]).ok_or_else(err)? as i32;
        let month = digits(&text[5..7]).ok_or_else(err)? as u8;
        let day = digits(&text[8..10]).ok_or_else(err)? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(err());
        }
        let rest = &text[10..];
        if !rest.is_empty() && !valid_time_suffix(rest) {
            return Err(err());
        }
        let date = Date {
            year,
            month,
            day,
            original: text.to_string(),
        };
        // The day it was in China: `2024-03-15T20:00:00Z` (a CMS's export in UTC) is 04:00
        // on the 16th in Beijing, where the site's readers (and its feed's instant) have it.
        let shift = china_day_shift(rest);
        if shift == 0 {
            return Ok(date);
        }
        let (year, month, day) = civil_from_days(date.days_since_epoch() + shift);
        if !(1..=9999).contains(&year) {
            return Ok(date);
        }
        Ok(Date {
            year,
            month,
            day,
            ..date
        })
    }

    /// Builds a date from its parts; `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Date {
            year,
            month,
            day,
            original: format!("{year:04}-{month:02}-{day:02}"),
        })
    }

    /// The day `days` after 1970-01-01 (before, when negative); `None` outside years 1–9999.
    ///
    /// ```
    /// let d = parkreader_core::Date::from_days_since_epoch(19_797).unwrap();
    /// assert_eq!(d.iso_day(), "2024-03-15");
    /// ```
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let (year, month, day) = civil_from_days(days);
        Date::from_ymd(year, month, day)
    }

    /// The year, e.g. 2023.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The text as written in the bundle.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// Just the calendar day, `YYYY-MM-DD`, for `<time datetime>`.
    pub fn iso_day(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before), for whole-day differences.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Whole calendar months from `self` to a later date (Sep 21 → May 20 is 7).
    fn whole_months_until(&self, later: &Date) -> i64 {
        let months =
            i64::from(later.year - self.year) * 12 + i64::from(later.month) - i64::from(self.month);
        months - i64::from(later.day < self.day)
    }

    /// The absolute date as a reader expects it: `2023年1月31日` or `31 Jan 2023`.
    pub fn format_long(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}年{}月{}日", self.year, self.month, self.day),
            Lang::En => format!(
                "{} {} {}",
                self.day,
                MONTHS_EN[usize::from(self.month) - 1],
                self.year
            ),
        }
    }

    /// How long ago this date was, seen from `today`: `今天`, `3天前`, `8个月前`, `2年前`.
    ///
    /// Dates after `today` read as `N天后` / `in N days`.
    pub fn format_relative(&self, today: &Date, lang: Lang) -> String {
        let days = today.days_since_epoch() - self.days_since_epoch();
        let (n, unit) = match days.abs() {
            0 => return String::from(if lang == Lang::Zh { "今天" } else { "today" }),
            1 if days > 0 => {
                return String::from(if lang == Lang::Zh {
                    "昨天"
                } else {
                    "yesterday"
                })
            }
            d @ 1..=29 => (d, Unit::Day),
            _ => {
                let (earlier, later) = if days > 0 {
                    (self, today)
                } else {
                    (today, self)
                };
                let months = earlier.whole_months_until(later).max(1);
                if months < 12 {
                    (months, Unit::Month)
                } else {
                    (months / 12, Unit::Year)
                }
            }
        };
        let past = days > 0;
        match lang {
            Lang::Zh => {
                let unit = match unit {
                    Unit::Day => "天",
                    Unit::Month => "个月",
                    Unit::Year => "年",
                };
                format!("{n}{unit}{}", if past { "前" } else { "后" })
            }
            Lang::En => {
                let unit = match unit {
                    Unit::Day => "day",
                    Unit::Month => "month",
                    Unit::Year => "year",
                };
                let plural = if n == 1 { "" } else { "s" };
                if past {
                    format!("{n} {unit}{plural} ago")
                } else {
                    format!("in {n} {unit}{plural}")
                }
            }
        }
    }
}

enum Unit {
    Day,
    Month,
    Year,
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The English abbreviation of month 1–12 (`Jan`); out of range, an empty string.
pub fn month_abbrev(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS_EN.get(i as usize))
        .copied()
        .unwrap_or("")
}

fn digits(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days of `month` (1 to 12; 31 for any other) in `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from the written day to the day in China (UTC+8) of a valid time suffix
/// (`T20:00:00Z` → 1, `T09:00-08:00` → 1, `T01:00+09:00` → -1); 0 without an offset, which
/// is China time.
fn china_day_shift(rest: &str) -> i64 {
    let number = |from: usize| i64::from(digits(&rest[from..from + 2]).unwrap_or(0));
    let Some(at) = rest.find(['Z', '+', '-']) else {
        return 0;
    };
    let offset = match rest.as_bytes()[at] {
        b'Z' => 0,
        sign => {
            let minutes = number(at + 1) * 60 + number(at + 4);
            if sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
    };
    let china = number(1) * 60 + number(4) - offset + 8 * 60;
    china.div_euclid(24 * 60)
}

/// The calendar day `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// `THH:MM`, optional `:SS`, optional `.fraction`, optional `Z` or `±HH:MM`.
fn valid_time_suffix(rest: &str) -> bool {
    let b = rest.as_bytes();
    let two = |i: usize, max: u32| -> bool {
        b.len() >= i + 2 && digits(&rest[i..i + 2]).is_some_and(|v| v <= max)
    };
    if b.len() < 6 || !(b[0] == b'T' || b[0] == b' ') || !two(1, 23) || b[3] != b':' || !two(4, 59)
    {
        return false;
    }
    let mut i = 6;
    if b.get(i) == Some(&b':') {
        if !two(i + 1, 60) {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
    }
    match b.get(i) {
        None => true,
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            b.len() == i + 6 && two(i + 1, 14) && b[i + 3] == b':' && two(i + 4, 59)
        }
        _ => false,
    }
}

impl Date {
    /// `YYYY-MM-DD`, as sitemaps want it.
    ///
    /// ```
    /// let d = parkreader_core::Date::parse("2024-05-20T10:30:00+08:00").unwrap();
    /// assert_eq!(d.ymd(), "2024-05-20");
    /// ```
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// A full RFC 3339 timestamp, as Atom feeds want it. A date without a time is taken as
    /// midnight, and a time without an offset as China time (UTC+8), the bundle's default.
    ///
    /// ```
    /// use parkreader_core::Date;
    /// assert_eq!(Date::parse("2024-05-20").unwrap().to_rfc3339(), "2024-05-20T00:00:00+08:00");
    /// assert_eq!(Date::parse("2024-05-20 09:30").unwrap().to_rfc3339(), "2024-05-20T09:30:00+08:00");
    /// assert_eq!(Date::parse("2024-05-20T09:30:00Z").unwrap().to_rfc3339(), "2024-05-20T09:30:00Z");
    /// ```
    pub fn to_rfc3339(&self) -> String {
        let time = self.original.get(11..).unwrap_or("");
        if time.is_empty() {
            return format!("{}T00:00:00+08:00", self.ymd());
        }
        let offset_at = time.find(['Z', '+', '-']).unwrap_or(time.len());
        let (clock, offset) = time.split_at(offset_at);
        let clock = if clock.len() == 5 {
            format!("{clock}:00")
        } else {
            clock.to_string()
        };
        let offset = if offset.is_empty() { "+08:00" } else { offset };
        // The day as written, with its own clock and offset (not the day in China).
        format!("{}T{clock}{offset}", &self.original[..10])
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.original)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "ISO 8601 calendar date, optionally with a time of day: 2023-01-31 or 2023-01-31T09:30:00+08:00",
            "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ][0-2][0-9]:[0-5][0-9](:[0-6][0-9](\\.[0-9]+)?)?(Z|[+-][01][0-9]:[0-5][0-9])?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// A time at another offset is on the day it was in China, for readers, lists and
    /// counts; the feed keeps the instant as written.
    #[test]
    fn a_time_at_another_offset_is_on_its_day_in_china() {
        let day = |s: &str| d(s).iso_day();
        assert_eq!(day("2024-03-15T20:00:00Z"), "2024-03-16");
        assert_eq!(day("2024-03-15T15:59:59Z"), "2024-03-15");
        assert_eq!(day("2024-03-15T16:00Z"), "2024-03-16");
        assert_eq!(day("2024-12-31T23:30:00-05:00"), "2025-01-01");
        assert_eq!(day("2024-02-28T17:00:00.5+00:00"), "2024-02-29");
        assert_eq!(day("2024-03-01T01:00:00+09:00"), "2024-03-01");
        assert_eq!(day("2024-03-01T05:00:00+14:00"), "2024-02-29");
        assert_eq!(day("2024-03-01T06:00:00+14:00"), "2024-03-01");
        assert_eq!(day("2024-03-15T23:59:00+08:00"), "2024-03-15");
        assert_eq!(day("2024-03-15 23:59"), "2024-03-15");
        let evening = d("2024-03-15T20:00:00Z");
        assert_eq!(evening.format_long(Lang::Zh), "2024年3月16日");
        assert_eq!(evening.to_rfc3339(), "2024-03-15T20:00:00Z");
        assert_eq!(evening.as_str(), "2024-03-15T20:00:00Z");
        assert!(evening > d("2024-03-15T23:00:00+08:00"));
        assert_eq!(d("9999-12-31T20:00:00Z").iso_day(), "9999-12-31");
        for days in [-719_162, -1, 0, 59, 365, 19_797, 2_932_896] {
            let date = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(date.days_since_epoch(), days);
        }
    }

    #[test]
    fn accepts_dates_and_datetimes() {
        for ok in [
            "2023-01-31",
            "2024-02-29",
            "2023-01-31T09:30",
            "2023-01-31T09:30:00+08:00",
            "2023-01-31T09:30:00.5Z",
        ] {
            assert!(Date::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for bad in [
            "2021-13-01",
            "2023-02-29",
            "2023-04-31",
            "2023-1-31",
            "31/01/2023",
            "",
            "2023-01-31T25:00",
            "2023-01-31junk",
            "２０２３-01-01",
        ] {
            assert_eq!(Date::parse(bad), Err(DateError(bad.to_string())), "{bad}");
        }
        assert_eq!(
            DateError("2021-13-01".into()).to_string(),
            "\"2021-13-01\" is not a date (expected YYYY-MM-DD, optionally followed by a time such as T09:30:00+08:00)"
        );
    }

    #[test]
    fn counts_days_across_leap_years() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(
            d("2000-03-01").days_since_epoch() - d("2000-02-28").days_since_epoch(),
            2
        );
        assert_eq!(
            d("2024-01-01").days_since_epoch() - d("2023-01-01").days_since_epoch(),
            365
        );
    }

    #[test]
    fn formats_absolute_dates_in_both_languages() {
        assert_eq!(d("2023-01-31").format_long(Lang::Zh), "2023年1月31日");
        assert_eq!(
            d("2023-01-31T10:00:00+08:00").format_long(Lang::En),
            "31 Jan 2023"
        );
    }

    #[test]
    fn formats_relative_dates_like_the_portal() {
        let today = d("2023-05-20");
        assert_eq!(d("2023-05-20").format_relative(&today, Lang::Zh), "今天");
        assert_eq!(d("2023-05-19").format_relative(&today, Lang::Zh), "昨天");
        assert_eq!(d("2023-05-10").format_relative(&today, Lang::Zh), "10天前");
        assert_eq!(d("2022-09-21").format_relative(&today, Lang::Zh), "7个月前");
        assert_eq!(d("2021-05-01").format_relative(&today, Lang::Zh), "2年前");
        assert_eq!(d("2023-06-01").format_relative(&today, Lang::Zh), "12天后");
        assert_eq!(
            d("2022-09-21").format_relative(&today, Lang::En),
            "7 months ago"
        );
        assert_eq!(
            d("2023-05-19").format_relative(&today, Lang::En),
            "yesterday"
        );
        assert_eq!(
            d("2022-05-20").format_relative(&today, Lang::En),
            "1 year ago"
        );
    }
}
