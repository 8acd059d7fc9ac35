//! `coop report`'s page: the coop's record as one self-contained HTML file
//! (inline CSS and SVG, no script, nothing fetched), for members and for
//! anyone they hand it to. [`Facts`] is what the page is made from (the
//! same record `coop export` checks); [`page`] renders it, escaping every
//! piece of member input.

mod page;
mod svg;

pub use page::page;

use coop_client::coop::{Amounts, Check, Record};
use coop_shared::governance::{Floors, Rules};
use coop_shared::membership::Share;
use std::time::{Duration, UNIX_EPOCH};

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct Facts {
    /// A name for the coop, if the member gave one.
    pub name: Option<String>,
    /// The chain's name, as its node reports it.
    pub chain: String,
    /// The contracts backend, in words.
    pub backend: String,
    /// The record, rebuilt from the chain's events.
    pub record: Record,
    /// Its check against the contract's own tallies.
    pub check: Check,
    /// The register now, by share number.
    pub members: Vec<Share>,
    /// The rules in force now.
    pub rules: Rules,
    /// The floors the rules may never go below.
    pub floors: Floors,
    /// How amounts are written.
    pub amounts: Amounts,
    /// When blocks were made.
    pub clock: Clock,
}

/// Block times, from two blocks' timestamps: the deployment block's and
/// the report's. Blocks between them are placed at an even pace, so their
/// times are estimates (the page says so).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The first block and its time (ms since the epoch).
    pub from: (u64, u64),
    /// The last block and its time (ms since the epoch).
    pub to: (u64, u64),
}

impl Clock {
    /// Milliseconds per block, on average, between the two ends.
    pub fn pace(&self) -> Option<f64> {
        let blocks = self.to.0.checked_sub(self.from.0).filter(|b| *b > 0)?;
        let ms = self.to.1.checked_sub(self.from.1)?;
        Some(ms as f64 / blocks as f64)
    }

    /// When `block` was made, estimated: `2026-11-30 08:15 UTC`.
    pub fn time(&self, block: u64) -> String {
        let ms = match self.pace() {
            Some(pace) => {
                let offset = (block as f64 - self.from.0 as f64) * pace;
                (self.from.1 as f64 + offset).max(0.0) as u64
            }
            None => self.from.1,
        };
        let at = UNIX_EPOCH + Duration::from_millis(ms);
        let text = humantime::format_rfc3339_seconds(at).to_string();
        // `2026-11-30T08:15:07Z` to the minute, in words people read.
        format!("{} {} UTC", &text[..10], &text[11..16])
    }
}
