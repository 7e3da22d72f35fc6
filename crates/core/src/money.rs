//! Amounts of money and quantities, written the way Chinese investment news writes them
//! (32.7亿元, 1.61亿美元, 2.4万吨) and the way English readers expect (CNY 3.27 billion).

use serde::{Deserialize, Serialize};

use crate::Lang;

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// A sum of money in whole units of its currency (yuan, dollars); integers keep it exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Investment {
    /// Amount in whole currency units: 32.7亿元 is `3270000000`.
    pub amount: u64,
    /// ISO 4217 currency code.
    pub currency: Currency,
}

/// Currencies projects are quoted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub enum Currency {
    /// Renminbi.
    #[serde(rename = "CNY")]
    Cny,
    /// US dollar.
    #[serde(rename = "USD")]
    Usd,
    /// Euro.
    #[serde(rename = "EUR")]
    Eur,
    /// Hong Kong dollar.
    #[serde(rename = "HKD")]
    Hkd,
}

impl Currency {
    /// ISO code, e.g. `CNY`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Hkd => "HKD",
        }
    }

    /// Chinese unit suffix, e.g. `元`, `美元`.
    pub fn zh_unit(self) -> &'static str {
        match self {
            Currency::Cny => "元",
            Currency::Usd => "美元",
            Currency::Eur => "欧元",
            Currency::Hkd => "港元",
        }
    }
}

const WAN_YI: u64 = 1_000_000_000_000;
const YI: u64 = 100_000_000;
const WAN: u64 = 10_000;

impl Investment {
    /// The amount as a reader expects it.
    ///
    /// ```
    /// use parkreader_core::{Currency, Investment, Lang};
    /// let i = Investment { amount: 3_270_000_000, currency: Currency::Cny };
    /// assert_eq!(i.format(Lang::Zh), "32.7亿元");
    /// assert_eq!(i.format(Lang::En), "CNY 3.27 billion");
    /// ```
    pub fn format(&self, lang: Lang) -> String {
        let a = self.amount;
        match lang {
            Lang::Zh => {
                // 1.5万亿, as China writes a trillion; not 15000亿.
                let number = if a >= WAN_YI {
                    format!("{}万亿", scaled(a, WAN_YI))
                } else if a >= YI {
                    format!("{}亿", scaled(a, YI))
                } else if a >= WAN {
                    format!("{}万", scaled(a, WAN))
                } else {
                    group_thousands(a)
                };
                format!("{number}{}", self.currency.zh_unit())
            }
            Lang::En => {
                let number = if a >= 1_000_000_000_000 {
                    format!("{} trillion", scaled(a, 1_000_000_000_000))
                } else if a >= 1_000_000_000 {
                    format!("{} billion", scaled(a, 1_000_000_000))
                } else if a >= 1_000_000 {
                    format!("{} million", scaled(a, 1_000_000))
                } else {
                    group_thousands(a)
                };
                format!("{} {number}", self.currency.code())
            }
        }
    }

    /// The exact amount with thousands separators, e.g. `3,270,000,000 元`, for a tooltip.
    pub fn format_exact(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "{} {}",
                group_thousands(self.amount),
                self.currency.zh_unit()
            ),
            Lang::En => format!("{} {}", self.currency.code(), group_thousands(self.amount)),
        }
    }
}

/// `value / unit` rounded to two decimals, trailing zeros dropped: 3_270_000_000 / 1亿 → `32.7`.
/// Never rounded up to a whole number it is under: 99,999,999 is `9999.99`万, not `10000`万,
/// which reads as 1亿 and is not one; 999,999,999 is `9.99`亿, not `10`亿, which would show
/// a project the size filter counts under 1亿–10亿元 as one of 10亿; 999,995,000 is `999.99`
/// million. Then it is cut instead.
fn scaled(value: u64, unit: u64) -> String {
    let (value, unit) = (u128::from(value), u128::from(unit));
    let cut = value * 100 / unit;
    let rounded = (value * 100 + unit / 2) / unit;
    let hundredths = if rounded / 100 > cut / 100 {
        cut
    } else {
        rounded
    };
    let whole = hundredths / 100;
    let frac = hundredths % 100;
    match frac {
        0 => whole.to_string(),
        f if f.is_multiple_of(10) => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A quantity such as a production capacity: `2.4万` in Chinese from 10,000 up, `24,000` in English,
/// to two decimals at most.
///
/// ```
/// use parkreader_core::{format_quantity, Lang};
/// assert_eq!(format_quantity(24_000.0, Lang::Zh), "2.4万");
/// assert_eq!(format_quantity(250_000.0, Lang::Zh), "25万");
/// assert_eq!(format_quantity(300.0, Lang::Zh), "300");
/// assert_eq!(format_quantity(24_000.0, Lang::En), "24,000");
/// assert_eq!(format_quantity(0.5, Lang::En), "0.5");
/// assert_eq!(format_quantity(12_345.675, Lang::En), "12,345.68");
/// ```
pub fn format_quantity(quantity: f64, lang: Lang) -> String {
    if quantity < 0.0 {
        return format!("-{}", format_quantity(-quantity, lang));
    }
    // Counted in hundredths as an integer, so the app carries no float formatting (10 KB of
    // wasm code). A quantity past u64's range (the bundle's check allows any finite one) is
    // shown as that maximum.
    let hundredths = (quantity * 100.0).round() as u128;
    let (whole, frac) = match u64::try_from(hundredths / 100) {
        Ok(whole) => (whole, hundredths % 100),
        Err(_) => (u64::MAX, 0),
    };
    if lang == Lang::Zh && whole >= 10_000 {
        return format!("{}万", scaled(whole, WAN));
    }
    match frac {
        0 => group_thousands(whole),
        f if f.is_multiple_of(10) => format!("{}.{}", group_thousands(whole), f / 10),
        f => format!("{}.{f:02}", group_thousands(whole)),
    }
}

/// A capacity's unit as `lang` reads it. The bundle writes it in Chinese (`吨/年`, `台/年`);
/// English gets the usual abbreviation or word for the common ones (`t/yr`, `units/yr`), and
/// any other unit as written, whole (never half translated).
///
/// ```
/// use parkreader_core::{unit_name, Lang};
/// assert_eq!(unit_name("吨/年", Lang::En), "t/yr");
/// assert_eq!(unit_name("吨/年", Lang::Zh), "吨/年");
/// assert_eq!(unit_name("万吨/年", Lang::En), "万吨/年");
/// ```
pub fn unit_name(unit: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    const BASES: [(&str, &str); 16] = [
        ("吨", "t"),
        ("千瓦时", "kWh"),
        ("千瓦", "kW"),
        ("兆瓦", "MW"),
        ("平方米", "m²"),
        ("立方米", "m³"),
        ("台", "units"),
        ("套", "sets"),
        ("辆", "vehicles"),
        ("架", "aircraft"),
        ("艘", "vessels"),
        ("支", "pcs"),
        ("件", "pcs"),
        ("个", "pcs"),
        ("片", "pcs"),
        ("人次", "visits"),
    ];
    const PERIODS: [(&str, &str); 4] = [
        ("/年", "/yr"),
        ("/月", "/month"),
        ("/天", "/day"),
        ("/日", "/day"),
    ];
    if lang == Lang::Zh {
        return unit.into();
    }
    let written = unit.trim().replace('／', "/");
    let (base, period) = PERIODS
        .iter()
        .find_map(|(zh, en)| written.strip_suffix(zh).map(|b| (b, *en)))
        .unwrap_or((written.as_str(), ""));
    match BASES.iter().find(|(zh, _)| *zh == base) {
        Some((_, en)) => format!("{en}{period}").into(),
        None => unit.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inv(amount: u64, currency: Currency) -> Investment {
        Investment { amount, currency }
    }

    #[test]
    fn formats_chinese_units() {
        assert_eq!(
            inv(3_270_000_000, Currency::Cny).format(Lang::Zh),
            "32.7亿元"
        );
        assert_eq!(
            inv(161_000_000, Currency::Usd).format(Lang::Zh),
            "1.61亿美元"
        );
        assert_eq!(
            inv(26_000_000_000, Currency::Cny).format(Lang::Zh),
            "260亿元"
        );
        assert_eq!(
            inv(5_150_000_000, Currency::Cny).format(Lang::Zh),
            "51.5亿元"
        );
        assert_eq!(
            inv(5_440_000_000, Currency::Usd).format(Lang::Zh),
            "54.4亿美元"
        );
        assert_eq!(inv(5_000_000, Currency::Cny).format(Lang::Zh), "500万元");
        assert_eq!(inv(8_000, Currency::Cny).format(Lang::Zh), "8,000元");
        assert_eq!(inv(0, Currency::Cny).format(Lang::Zh), "0元");
    }

    #[test]
    fn rounds_to_two_decimals_and_never_overflows() {
        assert_eq!(inv(327_500_000, Currency::Cny).format(Lang::Zh), "3.28亿元");
        assert_eq!(inv(100_040_000, Currency::Cny).format(Lang::Zh), "1亿元");
        assert_eq!(
            inv(u64::MAX, Currency::Cny).format(Lang::Zh),
            "18446744.07万亿元"
        );
        // A trillion as China writes it, and as English does.
        assert_eq!(
            inv(1_500_000_000_000, Currency::Cny).format(Lang::Zh),
            "1.5万亿元"
        );
        assert_eq!(
            inv(999_999_999_999, Currency::Cny).format(Lang::Zh),
            "9999.99亿元"
        );
        assert_eq!(
            inv(1_500_000_000_000, Currency::Usd).format(Lang::En),
            "USD 1.5 trillion"
        );
    }

    #[test]
    fn quantities_round_to_hundredths_without_float_formatting() {
        assert_eq!(format_quantity(12_345.5, Lang::Zh), "1.23万");
        assert_eq!(format_quantity(12_345.5, Lang::En), "12,345.5");
        assert_eq!(format_quantity(2.999, Lang::En), "3");
        assert_eq!(format_quantity(0.004, Lang::Zh), "0");
        assert_eq!(format_quantity(0.05, Lang::Zh), "0.05");
        assert_eq!(format_quantity(-1.5, Lang::En), "-1.5");
        assert_eq!(format_quantity(1e30, Lang::En), group_thousands(u64::MAX));
    }

    #[test]
    fn units_read_in_english_where_they_are_common_and_as_written_otherwise() {
        for (zh, en) in [
            ("吨/年", "t/yr"),
            ("台/年", "units/yr"),
            ("架／年", "aircraft/yr"),
            ("人次/年", "visits/yr"),
            ("千瓦时/天", "kWh/day"),
            ("平方米", "m²"),
            (" 吨 ", "t"),
            ("万吨/年", "万吨/年"),
            ("吨/季", "吨/季"),
            ("GWh/年", "GWh/年"),
            ("", ""),
        ] {
            assert_eq!(unit_name(zh, Lang::En), en, "{zh}");
            assert_eq!(unit_name(zh, Lang::Zh), zh);
        }
    }

    #[test]
    fn an_amount_just_under_a_unit_is_not_rounded_into_it() {
        for (amount, currency, lang, shown) in [
            (99_999_999, Currency::Cny, Lang::Zh, "9999.99万元"),
            (100_000_000, Currency::Cny, Lang::Zh, "1亿元"),
            (99_995_000, Currency::Cny, Lang::Zh, "9999.5万元"),
            (999_995_000, Currency::Usd, Lang::En, "USD 999.99 million"),
            (999_999_999, Currency::Cny, Lang::Zh, "9.99亿元"),
            (4_999_999_999, Currency::Cny, Lang::Zh, "49.99亿元"),
            (1_000_000_000, Currency::Cny, Lang::Zh, "10亿元"),
            (1_999_500_000, Currency::Cny, Lang::En, "CNY 1.99 billion"),
            (1_994_000_000, Currency::Cny, Lang::En, "CNY 1.99 billion"),
        ] {
            assert_eq!(inv(amount, currency).format(lang), shown);
        }
    }

    #[test]
    fn formats_english_units() {
        assert_eq!(
            inv(161_000_000, Currency::Usd).format(Lang::En),
            "USD 161 million"
        );
        assert_eq!(
            inv(3_270_000_000, Currency::Cny).format(Lang::En),
            "CNY 3.27 billion"
        );
        assert_eq!(inv(950_000, Currency::Eur).format(Lang::En), "EUR 950,000");
    }

    #[test]
    fn exact_amounts_group_thousands() {
        assert_eq!(
            inv(3_270_000_000, Currency::Cny).format_exact(Lang::Zh),
            "3,270,000,000 元"
        );
        assert_eq!(
            inv(161_000_000, Currency::Usd).format_exact(Lang::En),
            "USD 161,000,000"
        );
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
    }
}
