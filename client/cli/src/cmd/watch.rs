//! `coop watch`: follow the coop's events as blocks arrive.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use coop_client::coop::view;

/// Print the coop's events as they happen.
///
/// Print the coop's events as they happen (joins, exits, proposals, every
/// vote, outcomes, payments, rule changes, deposits and transfers into the
/// treasury), until interrupted. A deposit shows once, as its `Deposited`
/// event (the balance transfer it makes is not repeated; the export keeps
/// both, the transfer marked `kind: deposit`). Anyone may run it; it only
/// reads.
/// With --json, one JSON object per line (the export's event form).
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Start at this block instead of the next one (e.g. the deployment
    /// block, to replay history first).
    #[arg(long, value_name = "BLOCK")]
    pub from: Option<u64>,
}

/// Runs `coop watch`.
pub async fn handle(args: WatchArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let mut feed = s.coop.watch(args.from).await?;
    eprintln!("coop: watching {} (Ctrl-C to stop)", s.coop.url());
    while let Some(event) = feed.next().await {
        let event = event.context("watch")?;
        if s.json {
            // One object per line, as scripts that follow the feed read it.
            println!(
                "{}",
                serde_json::to_string(&view::event(&event)).context("printing JSON")?
            );
        } else {
            println!("{}", crate::text::event_text(&event, &s.amounts));
        }
    }
    Ok(())
}
