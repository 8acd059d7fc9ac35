//! `coop proposal`: one proposal with its tally.

use crate::context::{print_json, print_kv, Global};
use anyhow::{Context as _, Result};
use clap::Args;
use coop_client::coop::view;
use coop_shared::governance::{Action, Status};
use serde::Serialize;

/// Show one proposal with its tally.
///
/// Show one proposal: title, text reference, action, proposer, deadlines,
/// electorate, tally, whether it would pass now, its status and, for an
/// executed admission, each offer (accepted, open until a block, or
/// lapsed). Anyone may run it; it only reads.
///
/// JSON fields: `id`, `title`, `text`, `action` (`kind`, ...; all three
/// null once the proposer pruned them), `proposer_share`, `created_at`,
/// `deadline`, `execution_deadline`, `electorate`, `eligible_below`,
/// `special`, `tally` (`yes`, `no`, `abstain`), `rules`, `status`,
/// `reason`, `closed_at`, `acceptance_deadline`, `offers_taken`,
/// `passes_now`, `best_block`.
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
    let content = p.content.as_ref();
    if s.json {
        return print_json(&ProposalJson {
            id: p.id,
            title: content.map(|c| c.title.clone()),
            text: content.map(|c| c.text.clone()),
            action: content.map(|c| view::action(&c.action, &st.rules)),
            passes_now: passes,
            best_block: best,
            state: view::proposal_state(st),
        });
    }
    const PRUNED: &str = "(pruned by its proposer; its ProposalMade event keeps it: coop export)";
    println!(
        "proposal {}: {}",
        p.id,
        content.map_or(PRUNED, |c| c.title.as_str())
    );
    let mut rows = Vec::new();
    if let Some(c) = content.filter(|c| !c.text.is_empty()) {
        rows.push(("text", c.text.clone()));
    }
    rows.extend([
        (
            "action",
            content.map_or_else(
                || PRUNED.to_string(),
                |c| crate::text::action_text(&c.action, &s.amounts, &st.rules),
            ),
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
    if let Some(Action::Admit(accounts)) = content.map(|c| &c.action) {
        if st.status == Status::Executed {
            for (i, account) in accounts.iter().enumerate() {
                let offer = if st.offer_taken(i) {
                    "accepted".to_string()
                } else if best > u64::from(st.acceptance_deadline()) {
                    format!("lapsed after block {}", st.acceptance_deadline())
                } else {
                    format!(
                        "open until block {}: {} accepts with `coop accept {}`",
                        st.acceptance_deadline(),
                        view::account(account),
                        p.id
                    )
                };
                rows.push(("offer", format!("{}: {offer}", view::account(account))));
            }
        }
    }
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
    title: Option<String>,
    text: Option<String>,
    action: Option<view::ActionJson>,
    passes_now: bool,
    best_block: u64,
    /// The state's fields (proposer, deadlines, electorate, tally, status, rules).
    #[serde(flatten)]
    state: view::ProposalStateJson,
}
