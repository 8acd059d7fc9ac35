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
/// lapsed). Anyone may run it; it only reads. With `--votes`, also every
/// ballot still stored, marking those a proxy cast (two reads per share
/// that may vote on it).
///
/// JSON fields: `id`, `title`, `text`, `action` (`kind`, ...; all three
/// null once the proposer pruned them), `proposer_share`, `created_at`,
/// `deadline`, `execution_deadline`, `electorate`, `eligible_below`,
/// `special`, `tally` (`yes`, `no`, `abstain`), `rules`, `status`,
/// `reason`, `closed_at`, `acceptance_deadline`, `offers_taken`,
/// `passes_now`, `best_block`, and with `--votes` `votes` (`share`,
/// `choice`, `proxy`: the share of the proxy that cast it, or null).
#[derive(Debug, Args)]
pub struct ProposalArgs {
    /// The proposal's number.
    pub id: u32,
    /// Also list every ballot (pruned ones are in `coop export`).
    #[arg(long)]
    pub votes: bool,
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
    let mut votes = Vec::new();
    if args.votes {
        for share in 1..st.eligible_below {
            if let Some(choice) = s.coop.vote_of(p.id, share).await? {
                votes.push(BallotJson {
                    share,
                    choice: view::choice(choice),
                    proxy: s.coop.cast_by(p.id, share).await?,
                });
            }
        }
    }
    if s.json {
        return print_json(&ProposalJson {
            id: p.id,
            title: content.map(|c| c.title.clone()),
            text: content.map(|c| c.text.clone()),
            action: content.map(|c| view::action(&c.action, &st.rules)),
            passes_now: passes,
            best_block: best,
            state: view::proposal_state(st),
            votes: args.votes.then_some(votes),
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
    if args.votes {
        println!("  votes:");
        if votes.is_empty() {
            println!("    none stored");
        }
        for b in &votes {
            match b.proxy {
                Some(proxy) => println!(
                    "    share {:<5} {:<8} by proxy (share {proxy})",
                    b.share, b.choice
                ),
                None => println!("    share {:<5} {}", b.share, b.choice),
            }
        }
    }
    Ok(())
}

/// One ballot in `coop proposal --votes --json`.
#[derive(Debug, Serialize)]
struct BallotJson {
    share: u32,
    choice: &'static str,
    /// The proxy's share if a proxy cast it.
    proxy: Option<u32>,
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
    /// Every stored ballot, with `--votes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    votes: Option<Vec<BallotJson>>,
}
