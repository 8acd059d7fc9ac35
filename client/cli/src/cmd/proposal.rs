//! `coop proposal`: one proposal with its tally.

use crate::context::{print_json, print_kv, Global};
use anyhow::{Context as _, Result};
use clap::Args;
use coop_client::coop::view;
use coop_shared::governance::Status;
use serde::Serialize;

/// Show one proposal with its tally.
///
/// Show one proposal: title, text reference, action, proposer, deadlines,
/// electorate, tally, whether it would pass now, and its status. Anyone may
/// run it; it only reads.
///
/// JSON fields: `id`, `title`, `text`, `action` (`kind`, ...),
/// `proposer_share`, `created_at`, `deadline`, `execution_deadline`,
/// `electorate`, `eligible_below`, `special`, `tally` (`yes`, `no`,
/// `abstain`), `rules`, `status`, `reason`, `passes_now`, `best_block`.
#[derive(Debug, Args)]
pub struct ProposalArgs {
    /// The proposal's number.
    pub id: u32,
}

/// Runs `coop proposal`.
pub async fn handle(args: ProposalArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let p = s
        .coop
        .proposal(args.id)
        .await
        .with_context(|| format!("proposal {}", args.id))?;
    let best = s.coop.best_block().await?.number;
    let st = &p.state;
    let passes = st.passes();
    if s.json {
        return print_json(&ProposalJson {
            id: p.id,
            title: p.content.title.clone(),
            text: p.content.text.clone(),
            action: view::action(&p.content.action, &st.rules),
            passes_now: passes,
            best_block: best,
            state: view::proposal_state(st),
        });
    }
    println!("proposal {}: {}", p.id, p.content.title);
    let mut rows = Vec::new();
    if !p.content.text.is_empty() {
        rows.push(("text", p.content.text.clone()));
    }
    rows.extend([
        (
            "action",
            crate::text::action_text(&p.content.action, &s.amounts, &st.rules),
        ),
        ("proposer", format!("share {}", st.proposer)),
        ("made at", format!("block {}", st.created_at)),
        (
            "votes",
            format!(
                "land until block {} (best block is {best})",
                st.last_vote_block()
            ),
        ),
        (
            "electorate",
            format!(
                "{} member(s): shares numbered below {}",
                st.electorate, st.eligible_below
            ),
        ),
        (
            "needs",
            format!(
                "quorum {}/{} of the electorate, {}",
                st.rules.quorum.num,
                st.rules.quorum.den,
                crate::text::threshold_text(&st.threshold())
            ),
        ),
        (
            "tally",
            format!(
                "yes {}, no {}, abstain {}",
                st.tally.yes, st.tally.no, st.tally.abstain
            ),
        ),
        ("status", view::status_text(&st.status)),
    ]);
    if st.status == Status::Open {
        rows.push((
            "outcome",
            format!(
                "{} with these votes; {}",
                if passes { "passes" } else { "fails" },
                crate::text::timing(st, best)
            ),
        ));
    }
    print_kv("  ", &rows);
    Ok(())
}

/// `coop proposal --json`.
#[derive(Debug, Serialize)]
struct ProposalJson {
    id: u32,
    title: String,
    text: String,
    action: view::ActionJson,
    passes_now: bool,
    best_block: u64,
    /// The state's fields (proposer, deadlines, electorate, tally, status, rules).
    #[serde(flatten)]
    state: view::ProposalStateJson,
}
