//! `coop proposals`: the list of proposals, page by page.

use crate::context::{pretty, table, Global};
use anyhow::Result;
use clap::Args;
use coop_client::coop::view;
use coop_shared::governance::ProposalSummary;
use serde_json::json;

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
            let when = view::timing(st, best);
            vec![
                p.id.to_string(),
                view::status_name(&st.status).to_string(),
                format!("{}/{}/{}", st.tally.yes, st.tally.no, st.tally.abstain),
                when,
                p.title.clone(),
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
        let v = json!({
            "proposals": page.proposals.iter().map(|p| {
                let mut v = json!({"id": p.id, "title": p.title});
                crate::context::merge(&mut v, view::proposal_state(&p.state));
                v
            }).collect::<Vec<_>>(),
            "next_start": page.next,
        });
        println!("{}", pretty(&v));
        return Ok(());
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
