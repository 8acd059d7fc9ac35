//! `coop export`: the full record, rebuilt from events, and its check.

use crate::context::{pretty, Global};
use anyhow::{bail, Context as _, Result};
use clap::{Args, ValueEnum};
use coop_client::coop::check;
use std::io::Write as _;
use std::path::{Path, PathBuf};

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
/// `--out` may be given more than once (`--out record.json --out
/// record.csv`): the record is read and checked once, and each file is
/// written in the format `--format` names, else the one its extension names.
///
/// CSV: one row per event, columns block, extrinsic, index, event,
/// proposal, share, account, choice, amount (smallest units), status,
/// detail (JSON). JSON: `coop`, `from_block`, `to_block`, `events`,
/// `proposals` (with `tally_from_events` and `tally_contract`), `check`
/// (`ok`, `mismatches`).
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The output format; without it, each FILE's extension (.csv or .json)
    /// says. Needed when writing to standard output.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output (repeat it to write
    /// several files from one read of the chain).
    #[arg(long, value_name = "FILE")]
    pub out: Vec<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One row per event.
    Csv,
    /// The whole record with the per-proposal recount.
    Json,
}

/// The format of one output: the one asked for, else the file's extension.
fn format_of(asked: Option<Format>, path: Option<&Path>) -> Result<Format> {
    if let Some(format) = asked {
        return Ok(format);
    }
    let Some(path) = path else {
        bail!("say --format csv or --format json to export to standard output");
    };
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => Ok(Format::Csv),
        Some(e) if e.eq_ignore_ascii_case("json") => Ok(Format::Json),
        _ => bail!(
            "cannot tell the format of {} from its extension: say --format csv or --format json",
            path.display()
        ),
    }
}

/// Runs `coop export`.
pub async fn handle(args: ExportArgs, global: &Global) -> Result<()> {
    // Checked before reading the chain, which can take a while.
    let outputs: Vec<(Option<&Path>, Format)> = if args.out.is_empty() {
        vec![(None, format_of(args.format, None)?)]
    } else {
        args.out
            .iter()
            .map(|p| Ok((Some(p.as_path()), format_of(args.format, Some(p))?)))
            .collect::<Result<_>>()?
    };
    let s = global.open().await?;
    let from = s.manifest.deployed_at.number;
    let record = s.record().await.context("export")?;
    let checked = check(&record);
    for (path, format) in outputs {
        let text = match format {
            Format::Json => pretty(&record.to_json(&checked)) + "\n",
            Format::Csv => record.to_csv()?,
        };
        match path {
            Some(path) => std::fs::write(path, &text)
                .with_context(|| format!("cannot write {}", path.display()))?,
            None => {
                let mut out = std::io::stdout().lock();
                out.write_all(text.as_bytes())?;
                out.flush()?;
            }
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
