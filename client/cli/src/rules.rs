//! Rule options shared by `deploy` and `propose rules`, and how rules are shown.

use anyhow::{bail, Result};
use clap::Args;
use coop_client::coop::Amounts;
use coop_shared::governance::{Floors, Fraction, Rules, Threshold};
use coop_shared::BlockNumber;

/// Rules, each option replacing one field of the base rules (the defaults
/// at deployment, the coop's current rules for `propose rules`).
#[derive(Debug, Args, Clone, Default)]
pub struct RuleArgs {
    /// Blocks from a proposal to its voting deadline (default 100800, a week of 6 s blocks).
    #[arg(long, value_name = "BLOCKS")]
    pub voting_period: Option<BlockNumber>,
    /// Share of the electorate that must vote, as N/D (default 1/2).
    #[arg(long, value_name = "N/D", value_parser = parse_fraction)]
    pub quorum: Option<Fraction>,
    /// Yes among yes+no for ordinary decisions: ">N/D" (more than) or
    /// ">=N/D" (at least); default ">1/2", more yes than no.
    #[arg(long, value_name = "THRESHOLD", value_parser = parse_threshold)]
    pub ordinary: Option<Threshold>,
    /// Yes among yes+no for special decisions (expulsions, rule changes);
    /// default ">=2/3".
    #[arg(long, value_name = "THRESHOLD", value_parser = parse_threshold)]
    pub special: Option<Threshold>,
    /// Whether members may change their vote before the deadline (true/false; default false).
    #[arg(long, value_name = "BOOL")]
    pub vote_change: Option<bool>,
    /// Blocks after the deadline a passed proposal may wait to be executed (default 100800).
    #[arg(long, value_name = "BLOCKS")]
    pub execution_window: Option<BlockNumber>,
    /// Most proposals one member may make within one voting period (open,
    /// or withdrawn before their deadline), 1 to 32 (default 3).
    #[arg(long, value_name = "N")]
    pub max_open: Option<u32>,
    /// Blocks an admitted account has to accept its offer after the
    /// admission is executed (default 201600, two weeks of 6 s blocks).
    #[arg(long, value_name = "BLOCKS")]
    pub acceptance_window: Option<BlockNumber>,
    /// Blocks with no vote, proposal or other signed act after which a
    /// share may be named for suspension; at least the voting period
    /// (default 2592000, 180 days of 6 s blocks).
    #[arg(long, value_name = "BLOCKS")]
    pub dormancy_period: Option<BlockNumber>,
    /// The member share's price (par value), e.g. 50 (in the coop's token;
    /// smallest units if none; default 0, none). Each new member pays in
    /// exactly this when accepting their offer, and each founder's share
    /// holds it from the founding funds; a member gets what their share
    /// paid in back, at par, when they leave. A change applies to new
    /// members only.
    #[arg(long, value_name = "AMOUNT")]
    pub share_price: Option<String>,
    /// Most proxy appointments one member may hold at once, 0 to 8
    /// (default 1; 0: no proxies).
    #[arg(long, value_name = "N")]
    pub proxy_limit: Option<u32>,
}

impl RuleArgs {
    /// `base` with the given options applied (amounts read by `amounts`),
    /// refused if not valid.
    pub fn apply(&self, base: Rules, amounts: &Amounts) -> Result<Rules> {
        let share_price = match &self.share_price {
            Some(text) => amounts.parse(text)?,
            None => base.share_price,
        };
        let rules = Rules {
            voting_period: self.voting_period.unwrap_or(base.voting_period),
            quorum: self.quorum.unwrap_or(base.quorum),
            ordinary: self.ordinary.unwrap_or(base.ordinary),
            special: self.special.unwrap_or(base.special),
            vote_change: self.vote_change.unwrap_or(base.vote_change),
            execution_window: self.execution_window.unwrap_or(base.execution_window),
            max_open_per_member: self.max_open.unwrap_or(base.max_open_per_member),
            acceptance_window: self.acceptance_window.unwrap_or(base.acceptance_window),
            dormancy_period: self.dormancy_period.unwrap_or(base.dormancy_period),
            share_price,
            proxy_limit: self.proxy_limit.unwrap_or(base.proxy_limit),
        };
        if !rules.is_valid() {
            bail!(
                "these rules are not valid: periods must be 1 to 10512000 blocks, fractions \
                 proper, ordinary at least >=1/2, special at least as strict as ordinary, \
                 max-open 1 to 32, dormancy period at least the voting period, proxy limit 0 to 8"
            );
        }
        Ok(rules)
    }

    /// Whether any option was given.
    pub fn any(&self) -> bool {
        self.voting_period.is_some()
            || self.quorum.is_some()
            || self.ordinary.is_some()
            || self.special.is_some()
            || self.vote_change.is_some()
            || self.execution_window.is_some()
            || self.max_open.is_some()
            || self.acceptance_window.is_some()
            || self.dormancy_period.is_some()
            || self.share_price.is_some()
            || self.proxy_limit.is_some()
    }
}

/// The floors a coop is founded with: the least its rules may ever ask,
/// fixed for its life. The defaults fit a real coop.
#[derive(Debug, Args, Clone, Default)]
pub struct FloorArgs {
    /// The shortest voting period any rule change may set, in blocks
    /// (default 14400, a day of 6 s blocks). Fixed for the coop's life.
    #[arg(long, value_name = "BLOCKS")]
    pub floor_voting_period: Option<BlockNumber>,
    /// The smallest quorum any rule change may set, as N/D (default 1/4).
    /// Fixed for the coop's life.
    #[arg(long, value_name = "N/D", value_parser = parse_fraction)]
    pub floor_quorum: Option<Fraction>,
    /// The shortest execution window any rule change may set, in blocks
    /// (default 14400). Fixed for the coop's life.
    #[arg(long, value_name = "BLOCKS")]
    pub floor_execution_window: Option<BlockNumber>,
}

impl FloorArgs {
    /// The default floors with the given options applied.
    pub fn floors(&self) -> Floors {
        let base = Floors::default();
        Floors {
            voting_period: self.floor_voting_period.unwrap_or(base.voting_period),
            quorum: self.floor_quorum.unwrap_or(base.quorum),
            execution_window: self.floor_execution_window.unwrap_or(base.execution_window),
        }
    }
}

/// Parses `N/D`.
pub fn parse_fraction(text: &str) -> Result<Fraction, String> {
    let (num, den) = text
        .split_once('/')
        .ok_or_else(|| format!("{text:?} is not a fraction N/D"))?;
    let num: u32 = num
        .trim()
        .parse()
        .map_err(|_| format!("{text:?}: bad numerator"))?;
    let den: u32 = den
        .trim()
        .parse()
        .map_err(|_| format!("{text:?}: bad denominator"))?;
    if den == 0 || num > den {
        return Err(format!("{text:?}: need 0 <= N <= D and D > 0"));
    }
    Ok(Fraction { num, den })
}

/// Parses `>N/D` or `>=N/D`.
pub fn parse_threshold(text: &str) -> Result<Threshold, String> {
    let (strict, rest) = if let Some(rest) = text.strip_prefix(">=") {
        (false, rest)
    } else if let Some(rest) = text.strip_prefix('>') {
        (true, rest)
    } else {
        return Err(format!(
            "{text:?}: write >N/D (more than) or >=N/D (at least)"
        ));
    };
    Ok(Threshold {
        fraction: parse_fraction(rest)?,
        strict,
    })
}
