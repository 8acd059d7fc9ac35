//! `coop export`: the full record, rebuilt from events, and its check.

use super::context::{pretty, Global};
use anyhow::{bail, Context as _, Result};
use clap::{Args, ValueEnum};
use coop_client::coop::check;
use std::io::Write as _;
use std::path::PathBuf;

/// Export the full record rebuilt from events (CSV or JSON) and check the tallies.
///
/// Rebuild the coop's full record from the chain's events, from the
/// deployment block in the manifest to the best block: members joining and
/// leaving, every proposal, every vote with its choice, outcomes, payments,
/// rule changes, deposits and plain transfers into the treasury. Then check
/// it: each proposal's votes, recounted from the events (one per share, the
/// last counting where changes are allowed), must equal the contract's
/// tally. Exits non-zero if they differ. Anyone may run it; it only reads,
/// but needs a node that keeps old state (an archive node).
///
/// CSV: one row per event, columns block, extrinsic, index, event,
/// proposal, share, account, choice, amount (smallest units), status,
/// detail (JSON). JSON: `coop`, `from_block`, `to_block`, `events`,
/// `proposals` (with `tally_from_events` and `tally_contract`), `check`
/// (`ok`, `mismatches`).
#[derive(Debug, Args)]
pub struct Export {
    /// The output format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One row per event.
    Csv,
    /// The whole record with the per-proposal recount.
    Json,
}

/// Runs `coop export`.
pub async fn handle(args: Export, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let from = s.manifest.deployed_at.number;
    let record = s
        .coop
        .record(from, &|done, total| {
            if done == total || done % 50 == 0 {
                eprintln!("coop: read {done} of {total} blocks");
            }
        })
        .await
        .context("export")?;
    let checked = check(&record);
    let text = match args.format {
        Format::Json => pretty(&record.to_json(&checked)) + "\n",
        Format::Csv => record.to_csv(),
    };
    match &args.out {
        Some(path) => std::fs::write(path, &text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    eprintln!(
        "coop: {} events in blocks {}..={}; {} proposal(s), {} vote(s) checked",
        record.events.len(),
        from,
        record.to.number,
        checked.proposals,
        checked.votes
    );
    if !checked.ok() {
        for m in &checked.mismatches {
            eprintln!("coop: mismatch: {m}");
        }
        bail!(
            "the record does not match the contract's tallies ({} mismatch(es))",
            checked.mismatches.len()
        );
    }
    eprintln!("coop: check passed: every tally equals the votes in the events");
    Ok(())
}
