//! Validators for the identifiers letters carry: Unified Social Credit Code (GB 32100-2015),
//! PRC resident ID number (GB 11643-1999), phone numbers and email addresses.

/// Each message is a whole clause: forms show it, as a sentence, under the field it is about;
/// the command line prints it after the field's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("it must be 18 characters long; this one has {0}")]
    Length(usize),
    #[error("character {pos} ({ch:?}) is not allowed there")]
    Character { pos: usize, ch: char },
    #[error("the check character should be {expected}; the code was probably mistyped")]
    Check { expected: char },
    #[error("the date of birth {0} is not a real date")]
    BirthDate(String),
    #[error("a phone number has 6 to 15 digits, optionally starting with + and a country code")]
    Phone,
    #[error("this is not a valid email address")]
    Email,
    #[error("it must not be empty")]
    Empty,
}

impl IdError {
    /// The reason in every language Appeal Kit speaks (`Display` is the English).
    pub fn text(&self) -> crate::pack::Text {
        let zh = match self {
            IdError::Length(n) => format!("必须为 18 位；此号码有 {n} 位"),
            IdError::Character { pos, ch } => format!("第 {pos} 位的字符“{ch}”不能出现在这里"),
            IdError::Check { expected } => format!("校验位应为 {expected}；号码可能输错了"),
            IdError::BirthDate(d) => format!("出生日期 {d} 不是真实存在的日期"),
            IdError::Phone => "电话号码应为 6 到 15 位数字，可以 + 和国家代码开头".into(),
            IdError::Email => "这不是有效的电子邮箱地址".into(),
            IdError::Empty => "不能为空".into(),
        };
        crate::pack::Text::new(self.to_string(), zh)
    }
}

const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A Unified Social Credit Code: 18 characters, the last a mod-31 check character.
pub fn uscc(code: &str) -> Result<(), IdError> {
    let chars: Vec<char> = code.trim().chars().collect();
    if chars.len() != 18 {
        return Err(IdError::Length(chars.len()));
    }
    let mut sum = 0;
    for (pos, &ch) in chars.iter().enumerate() {
        let value = USCC_CHARS.find(ch).ok_or(IdError::Character { pos: pos + 1, ch })?;
        if pos < 17 {
            sum += value as u32 * USCC_WEIGHTS[pos];
        }
    }
    let expected = USCC_CHARS.as_bytes()[((31 - sum % 31) % 31) as usize] as char;
    if chars[17] != expected {
        return Err(IdError::Check { expected });
    }
    Ok(())
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// A PRC resident ID number. Only 18-character numbers are checked (17 digits, a real date of
/// birth, and the mod-11 check character); other identity documents pass if not empty.
pub fn resident_id(number: &str) -> Result<(), IdError> {
    let number = number.trim();
    let chars: Vec<char> = number.chars().collect();
    if chars.is_empty() {
        return Err(IdError::Empty);
    }
    if chars.len() != 18 {
        return Ok(());
    }
    let mut sum = 0;
    for (pos, &ch) in chars[..17].iter().enumerate() {
        let digit = ch.to_digit(10).ok_or(IdError::Character { pos: pos + 1, ch })?;
        sum += digit * ID_WEIGHTS[pos];
    }
    let birth: String = chars[6..14].iter().collect();
    let (y, m, d) = (&birth[..4], &birth[4..6], &birth[6..]);
    let valid_date = time::Month::try_from(m.parse::<u8>().unwrap_or(0))
        .ok()
        .and_then(|month| time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok())
        .is_some();
    if !valid_date {
        return Err(IdError::BirthDate(format!("{y}-{m}-{d}")));
    }
    let expected = ID_CHECK[(sum % 11) as usize] as char;
    if chars[17].to_ascii_uppercase() != expected {
        return Err(IdError::Check { expected });
    }
    Ok(())
}

/// A phone number: digits, spaces and hyphens, 6 to 15 digits, optionally `+` first.
pub fn phone(number: &str) -> Result<(), IdError> {
    let body = number.trim().strip_prefix('+').unwrap_or(number.trim());
    let digits = body.chars().filter(char::is_ascii_digit).count();
    let allowed = body.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
    if !allowed || !(6..=15).contains(&digits) || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(IdError::Phone);
    }
    Ok(())
}

pub fn email(address: &str) -> Result<(), IdError> {
    // A plain address (no display name) with a top-level domain, as a provider would use it.
    let options = email_address::Options::default().with_required_tld().without_display_text();
    email_address::EmailAddress::parse_with_options(address.trim(), options).map(|_| ()).map_err(|_| IdError::Email)
}

pub fn non_empty(text: &str) -> Result<(), IdError> {
    if text.trim().is_empty() { Err(IdError::Empty) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uscc_accepts_real_codes_and_refuses_typos() {
        // The GB 32100 sample, and codes of real companies as printed on their licences.
        for good in ["91350100M000100Y43", "91440300708461136T", "91110000802100433B"] {
            assert_eq!(uscc(good), Ok(()), "{good}");
        }
        let cases = [
            ("91350100M000100Y44", IdError::Check { expected: '3' }),
            ("91440300708461136", IdError::Length(17)),
            ("9144030070846113OT", IdError::Character { pos: 17, ch: 'O' }),
            ("91440300708461136t", IdError::Character { pos: 18, ch: 't' }),
        ];
        for (bad, err) in cases {
            assert_eq!(uscc(bad), Err(err), "{bad}");
        }
    }

    #[test]
    fn resident_id_checks_18_character_numbers() {
        for good in ["11010519491231002X", "11010519491231002x", "440524188001010014", "E12345678"] {
            assert_eq!(resident_id(good), Ok(()), "{good}");
        }
        let cases = [
            ("110105194912310021", IdError::Check { expected: 'X' }),
            ("110105194913310021", IdError::BirthDate("1949-13-31".into())),
            ("440524188002300014", IdError::BirthDate("1880-02-30".into())),
            ("1101051949123100AX", IdError::Character { pos: 17, ch: 'A' }),
            ("  ", IdError::Empty),
        ];
        for (bad, err) in cases {
            assert_eq!(resident_id(bad), Err(err), "{bad}");
        }
    }

    #[test]
    fn phones_and_emails() {
        for good in ["13800138000", "+86 138 0013 8000", "+1-202-555-0143", "010-12345678"] {
            assert_eq!(phone(good), Ok(()), "{good}");
        }
        for bad in ["", "12345", "+", "phone", "138-0013-800a", "+86 1380013800012345", "-13800138000"] {
            assert_eq!(phone(bad), Err(IdError::Phone), "{bad}");
        }
        for good in ["ops@example.com", "li.wei+cloud@corp.example.cn"] {
            assert_eq!(email(good), Ok(()), "{good}");
        }
        for bad in ["", "ops", "ops@", "@example.com", "ops@example", "Ops <ops@example.com>", "a b@example.com"] {
            assert_eq!(email(bad), Err(IdError::Email), "{bad}");
        }
    }
}
