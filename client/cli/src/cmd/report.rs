//! `coop report`: the coop's record as one HTML page.

use crate::context::Global;
use crate::report::{page, Clock, Facts};
use anyhow::{bail, Context as _, Result};
use clap::Args;
use coop_client::coop::{check, Block};
use std::path::PathBuf;

/// Write the coop's record as a page anyone can open (HTML, works offline).
///
/// Reads the same record as `coop export` (every event from the deployment
/// block to the best block; it needs a node that keeps old state) and checks
/// it the same way: each proposal's votes, recounted from the events, must
/// equal the contract's tally. Then writes one self-contained HTML file: the
/// audit's verdict, members over time and the register, every decision
/// (newest first, with its tally, turnout and each vote), the treasury's
/// movements and the rules with their changes.
///
/// The file has no script and loads nothing from the network: it opens from
/// an email attachment or a USB stick, prints in black and white, and reads
/// on a phone. Titles and texts members wrote are shown as text, never as
/// markup. Links in a proposal's text (http and https only) are the page's
/// only links out.
///
/// Prints the page's path. With --json: `path`, `to_block`, `proposals`,
/// `votes` (recounted) and `check_ok`. Exits non-zero if the audit finds a
/// disagreement; the page is written first, and says which proposals
/// disagree.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where to write the page, e.g. report.html.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The coop's name for the page's title (default: its address).
    #[arg(long)]
    pub name: Option<String>,
}

/// Runs `coop report`.
pub async fn handle(args: ReportArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let from = s.manifest.deployed_at.number;
    let record = s.record().await.context("report")?;
    let checked = check(&record);
    let chain = s.coop.chain();
    let first = Block {
        number: from,
        hash: s.manifest.deployed_at.hash.0,
    };
    let clock = Clock {
        from: (
            from,
            chain
                .timestamp_at(first)
                .await
                .context("the deployment block's time")?,
        ),
        to: (
            record.to.number,
            chain
                .timestamp_at(record.to)
                .await
                .context("the last block's time")?,
        ),
    };
    let facts = Facts {
        name: args.name,
        chain: chain.chain_name().await?,
        backend: s.manifest.backend.pallet_name().to_string(),
        members: s.coop.all_members().await?,
        rules: s.coop.rules().await?,
        floors: s.coop.floors().await?,
        amounts: s.amounts.clone(),
        clock,
        check: checked,
        record,
    };
    let html = page(&facts);
    std::fs::write(&args.out, html)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let shown = std::fs::canonicalize(&args.out).unwrap_or(args.out.clone());
    if s.json {
        println!(
            "{}",
            serde_json::json!({
                "path": shown.display().to_string(),
                "to_block": facts.record.to.number,
                "proposals": facts.check.proposals,
                "votes": facts.check.votes,
                "check_ok": facts.check.ok(),
            })
        );
    } else {
        println!("{}", shown.display());
    }
    eprintln!(
        "coop: report of blocks {from}..={} written: {} proposal(s), {} vote(s) recounted",
        facts.record.to.number, facts.check.proposals, facts.check.votes
    );
    if !facts.check.ok() {
        for m in &facts.check.mismatches {
            eprintln!("coop: mismatch: {m}");
        }
        bail!(
            "the record does not match the contract's tallies ({} mismatch(es)); the report says which",
            facts.check.mismatches.len()
        );
    }
    Ok(())
}
