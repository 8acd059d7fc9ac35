//! Amounts of the chain's token: shown and parsed with its symbol and
//! decimals when they are known, as plain smallest units otherwise.

use super::error::{Error, Result};
use coop_shared::Balance;
use serde::{Deserialize, Serialize};

/// A token's symbol and decimals (`UNIT` with 12 on substrate-contracts-node).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The symbol, e.g. `DOT`.
    pub symbol: String,
    /// Decimals of one whole token (at most 38, the digits of a `u128`).
    pub decimals: u8,
}

impl Token {
    /// Parses `SYMBOL:DECIMALS`, e.g. `UNIT:12`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for anything else.
    pub fn parse(text: &str) -> Result<Token> {
        let bad = || {
            Error::InvalidInput(format!(
                "token {text:?}: expected SYMBOL:DECIMALS, e.g. UNIT:12"
            ))
        };
        let (symbol, decimals) = text.split_once(':').ok_or_else(bad)?;
        let decimals: u8 = decimals.trim().parse().map_err(|_| bad())?;
        let symbol = symbol.trim();
        if symbol.is_empty() || decimals > 38 || symbol.chars().any(char::is_whitespace) {
            return Err(bad());
        }
        Ok(Token {
            symbol: symbol.to_string(),
            decimals,
        })
    }
}

/// How amounts are shown and read: in a known token, or in raw smallest units.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Amounts {
    /// The token, if the chain or the manifest names one.
    pub token: Option<Token>,
}

/// The label of amounts when no token is known.
pub const RAW_UNITS: &str = "smallest units";

impl Amounts {
    /// Amounts in `token`, or raw when `None`.
    pub fn new(token: Option<Token>) -> Amounts {
        Amounts { token }
    }

    /// `1.5 UNIT` (trailing zeros dropped), or `1500 (smallest units)`.
    pub fn format(&self, amount: Balance) -> String {
        let Some(token) = &self.token else {
            return format!("{amount} ({RAW_UNITS})");
        };
        let scale = 10u128.pow(u32::from(token.decimals));
        let whole = amount / scale;
        let frac = amount % scale;
        if frac == 0 {
            return format!("{whole} {}", token.symbol);
        }
        let digits = format!("{frac:0width$}", width = usize::from(token.decimals));
        format!("{whole}.{} {}", digits.trim_end_matches('0'), token.symbol)
    }

    /// Reads `1.5`, `1.5 UNIT` or `3` in the token; with no token known,
    /// only a whole number of smallest units.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for anything that is not such an amount, more
    /// decimals than the token has, another symbol, or an overflow.
    pub fn parse(&self, text: &str) -> Result<Balance> {
        let bad = |why: &str| Error::InvalidInput(format!("amount {text:?}: {why}"));
        let mut number = text.trim();
        if let Some(token) = &self.token {
            if let Some(rest) = number.strip_suffix(token.symbol.as_str()) {
                number = rest.trim_end();
            }
        }
        if number.is_empty() {
            return Err(bad("empty"));
        }
        let (whole, frac) = match number.split_once('.') {
            Some((w, f)) => (w, f),
            None => (number, ""),
        };
        let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !digits_only(whole) || !digits_only(frac) || (whole.is_empty() && frac.is_empty()) {
            return Err(bad(&match &self.token {
                Some(t) => format!("expected a number of {} such as 1.5", t.symbol),
                None => format!("expected a whole number of {RAW_UNITS}"),
            }));
        }
        let decimals = match &self.token {
            Some(token) => token.decimals,
            None if number.contains('.') => {
                return Err(bad(&format!(
                    "the chain declares no token decimals, so amounts are whole {RAW_UNITS} \
                     (deploy with --token SYMBOL:DECIMALS to use a token)"
                )))
            }
            None => 0,
        };
        if frac.len() > usize::from(decimals) {
            return Err(bad(&format!("more than {decimals} decimals")));
        }
        let overflow = || bad("too large");
        let scale = 10u128.pow(u32::from(decimals));
        let whole: u128 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| overflow())?
        };
        let frac_value: u128 = if frac.is_empty() {
            0
        } else {
            let padded = format!("{frac:0<width$}", width = usize::from(decimals));
            padded.parse().map_err(|_| overflow())?
        };
        whole
            .checked_mul(scale)
            .and_then(|w| w.checked_add(frac_value))
            .ok_or_else(overflow)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit() -> Amounts {
        Amounts::new(Some(Token {
            symbol: "UNIT".into(),
            decimals: 12,
        }))
    }

    #[test]
    fn amounts_format_with_and_without_a_token() {
        assert_eq!(unit().format(1_500_000_000_000), "1.5 UNIT");
        assert_eq!(unit().format(2_000_000_000_000), "2 UNIT");
        assert_eq!(unit().format(1), "0.000000000001 UNIT");
        assert_eq!(Amounts::default().format(42), "42 (smallest units)");
    }

    #[test]
    fn amounts_parse_and_bad_ones_are_refused() {
        assert_eq!(unit().parse("1.5").unwrap(), 1_500_000_000_000);
        assert_eq!(unit().parse("1.5 UNIT").unwrap(), 1_500_000_000_000);
        assert_eq!(unit().parse("3").unwrap(), 3_000_000_000_000);
        assert_eq!(unit().parse(".25").unwrap(), 250_000_000_000);
        assert_eq!(Amounts::default().parse("1000").unwrap(), 1000);
        for bad in [
            "",
            "abc",
            "1.2.3",
            "-1",
            "1e5",
            "1.0000000000001",
            "1 DOT",
            ".",
        ] {
            assert!(unit().parse(bad).is_err(), "{bad:?}");
        }
        assert!(Amounts::default().parse("1.5").is_err());
        assert!(unit().parse("999999999999999999999999999999").is_err());
    }

    #[test]
    fn tokens_parse_as_symbol_and_decimals() {
        assert_eq!(
            Token::parse("UNIT:12").unwrap(),
            Token {
                symbol: "UNIT".into(),
                decimals: 12
            }
        );
        for bad in ["UNIT", ":12", "UNIT:x", "UNIT:99", "A B:3"] {
            assert!(Token::parse(bad).is_err(), "{bad:?}");
        }
    }
}
