//! `coop proposals`: the list of proposals, page by page.

use crate::context::{print_json, table, Global, ProposalLine};
use anyhow::Result;
use clap::Args;
use coop_client::coop::view;
use coop_shared::governance::ProposalSummary;
use serde::Serialize;

/// List proposals with their status and tally, a page at a time.
///
/// List proposals by number with their status and tally, a page at a time
/// (up to 32). Anyone may run it; it only reads.
///
/// JSON fields: `proposals` (`id`, `title`, `status`, `reason`, `tally`,
/// `deadline`, `electorate`, ...), `next_start` (or null).
#[derive(Debug, Args)]
pub struct ProposalsArgs {
    /// The first proposal number of the page.
    #[arg(long, default_value_t = 1)]
    pub start: u32,
    /// How many proposals (1 to 32).
    #[arg(long, default_value_t = 32)]
    pub count: u32,
}

/// Prints proposals as a table.
pub fn print_table(proposals: &[ProposalSummary], best: u64) {
    let rows: Vec<Vec<String>> = proposals
        .iter()
        .map(|p| {
            let st = &p.state;
            let when = crate::text::timing(st, best);
            vec![
                p.id.to_string(),
                view::status_name(&st.status).to_string(),
                format!("{}/{}/{}", st.tally.yes, st.tally.no, st.tally.abstain),
                when,
                p.title.clone().unwrap_or_else(|| "(pruned)".into()),
            ]
        })
        .collect();
    table(&["id", "status", "yes/no/abst", "when", "title"], &rows);
}

/// Runs `coop proposals`.
pub async fn handle(args: ProposalsArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let page = s.coop.proposals(args.start, args.count).await?;
    if s.json {
        return print_json(&ProposalsJson {
            proposals: page.proposals.iter().map(ProposalLine::of).collect(),
            next_start: page.next,
        });
    }
    if page.proposals.is_empty() {
        println!("no proposals");
    } else {
        let best = s.coop.best_block().await?.number;
        print_table(&page.proposals, best);
    }
    if let Some(next) = page.next {
        println!("more: coop proposals --start {next}");
    }
    Ok(())
}

/// `coop proposals --json`.
#[derive(Debug, Serialize)]
struct ProposalsJson {
    proposals: Vec<ProposalLine>,
    next_start: Option<u32>,
}
