//! Working days in mainland China: Monday to Friday, minus the public holidays and plus the
//! make-up working days (调休上班) the State Council announces each year. Providers in China
//! count "business days" (工作日) this way, so a review "within 3 business days" submitted
//! before Spring Festival ends well after it.

use time::{Date, Month, Weekday};

/// One year as announced: holiday ranges (first, last, inclusive) and make-up working days.
struct Year {
    year: i32,
    /// The announcement this year's dates come from.
    #[allow(dead_code)]
    source: &'static str,
    holidays: &'static [((Month, u8), (Month, u8))],
    workdays: &'static [(Month, u8)],
}

use Month::*;

/// The years announced so far. A year missing here falls back to Monday to Friday, and the
/// deadline says so.
const YEARS: &[Year] = &[
    Year {
        year: 2025,
        source: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）",
        holidays: &[
            ((January, 1), (January, 1)),   // 元旦
            ((January, 28), (February, 4)), // 春节
            ((April, 4), (April, 6)),       // 清明节
            ((May, 1), (May, 5)),           // 劳动节
            ((May, 31), (June, 2)),         // 端午节
            ((October, 1), (October, 8)),   // 国庆节、中秋节
        ],
        workdays: &[(January, 26), (February, 8), (April, 27), (September, 28), (October, 11)],
    },
    Year {
        year: 2026,
        source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
        holidays: &[
            ((January, 1), (January, 3)),     // 元旦
            ((February, 15), (February, 23)), // 春节
            ((April, 4), (April, 6)),         // 清明节
            ((May, 1), (May, 5)),             // 劳动节
            ((June, 19), (June, 21)),         // 端午节
            ((September, 25), (September, 27)), // 中秋节
            ((October, 1), (October, 7)),     // 国庆节
        ],
        workdays: &[(January, 4), (February, 14), (February, 28), (May, 9), (September, 20), (October, 10)],
    },
];

/// The years the table covers, e.g. "2025–2026".
pub fn covered() -> String {
    match (YEARS.first(), YEARS.last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
        _ => String::new(),
    }
}

fn on(year: i32, (month, day): (Month, u8)) -> Option<Date> {
    Date::from_calendar_date(year, month, day).ok()
}

/// Whether `d` is a working day, and whether the table knew its year (else: Monday to Friday).
pub fn is_workday(d: Date) -> (bool, bool) {
    let weekday = !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
    let Some(y) = YEARS.iter().find(|y| y.year == d.year()) else { return (weekday, false) };
    if y.workdays.iter().any(|w| on(y.year, *w) == Some(d)) {
        return (true, true);
    }
    let holiday = y.holidays.iter().any(|(a, b)| matches!((on(y.year, *a), on(y.year, *b)), (Some(a), Some(b)) if a <= d && d <= b));
    (weekday && !holiday, true)
}

/// `days` working days after `from`, and whether every day counted was in the table.
pub fn add(from: Date, days: u32) -> (Date, bool) {
    let mut d = from;
    let mut left = days;
    let mut known = true;
    while left > 0 {
        let Some(next) = d.next_day() else { break };
        d = next;
        let (work, in_table) = is_workday(d);
        known &= in_table;
        if work {
            left -= 1;
        }
    }
    (d, known)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn spring_festival_2026() {
        // Submitted Friday 13 February: Saturday 14th is a make-up working day, 15–23 is the
        // holiday, so the three days are the 14th, the 24th and the 25th.
        assert_eq!(add(date!(2026 - 02 - 13), 3), (date!(2026 - 02 - 25), true));
        assert_eq!(is_workday(date!(2026 - 02 - 14)), (true, true), "a Saturday worked");
        assert_eq!(is_workday(date!(2026 - 02 - 16)), (false, true), "a Monday off");
        assert_eq!(is_workday(date!(2026 - 02 - 28)), (true, true));
        // 2025: 28 January to 4 February off, Sunday 26 January and Saturday 8 February worked.
        assert_eq!(add(date!(2025 - 01 - 24), 3), (date!(2025 - 02 - 05), true));
    }

    #[test]
    fn national_day_2026() {
        // Submitted Tuesday 29 September: the 30th, then 1–7 October off, Saturday 10 October worked.
        assert_eq!(add(date!(2026 - 09 - 29), 3), (date!(2026 - 10 - 09), true));
        assert_eq!(add(date!(2026 - 09 - 30), 3), (date!(2026 - 10 - 10), true));
        assert_eq!(is_workday(date!(2026 - 09 - 20)), (true, true), "Sunday 20 September is worked");
        // 2025: 1–8 October off, Saturday 11 October worked.
        assert_eq!(add(date!(2025 - 09 - 30), 2), (date!(2025 - 10 - 10), true));
    }

    #[test]
    fn years_not_announced_fall_back_to_weekdays_and_say_so() {
        assert_eq!(add(date!(2027 - 02 - 05), 3), (date!(2027 - 02 - 10), false));
        assert_eq!(add(date!(2026 - 12 - 30), 3), (date!(2027 - 01 - 04), false), "a count that runs into 2027");
        assert_eq!(add(date!(2026 - 11 - 20), 3), (date!(2026 - 11 - 25), true));
        assert_eq!(covered(), "2025–2026");
    }
}
