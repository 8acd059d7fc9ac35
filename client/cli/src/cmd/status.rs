//! `coop status`: the coop at a glance.

use crate::context::{member_table, print_json, print_kv, Global, ProposalLine};
use anyhow::Result;
use clap::Args;
use coop_client::coop::view;
use coop_shared::governance::Status;
use serde::Serialize;

/// The coop at a glance: chain, addresses, members, treasury, rules, open proposals.
///
/// Show the chain, the coop's addresses, its members, treasury, rules and
/// open proposals. Anyone may run it; it only reads (free, no key needed).
///
/// JSON fields: `node_url`, `genesis_hash`, `best_block`, `governance`,
/// `membership`, `governance_address` and `membership_address` (the
/// contracts' 20-byte addresses on pallet-revive, null elsewhere), `deployed_at`, `member_count`, `members` (`number`,
/// `account`, `joined_at`, `state`, `seen_at`, `reactivated_at`), `treasury`
/// (all the coop holds), `capital` (of it, the members' capital: no payment
/// may touch it), `free` (the rest, what payments may spend), `token`, `rules`, `open_proposals`
/// (`id`, `title`, `deadline`, `tally`, ...), `floors` (`voting_period`,
/// `quorum`, `execution_window`: the least the rules may ever ask).
#[derive(Debug, Args)]
pub struct StatusArgs {}

/// Runs `coop status`.
pub async fn handle(_args: StatusArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let coop = &s.coop;
    let best = coop.best_block().await?;
    let members = coop.all_members().await?;
    let treasury = coop.treasury().await?;
    let capital = coop.capital().await?;
    let free = treasury.saturating_sub(capital);
    let rules = coop.rules().await?;
    let floors = coop.floors().await?;
    let mut open = Vec::new();
    let mut start = 1;
    loop {
        let page = coop.proposals(start, 32).await?;
        open.extend(
            page.proposals
                .into_iter()
                .filter(|p| p.state.status == Status::Open),
        );
        match page.next {
            Some(next) => start = next,
            None => break,
        }
    }
    if s.json {
        return print_json(&StatusJson {
            node_url: coop.url().to_string(),
            genesis_hash: s.manifest.genesis_hash.to_string(),
            best_block: best.number,
            governance: view::account(&coop.governance()),
            membership: view::account(&coop.membership()),
            governance_address: coop.revive_address(&coop.governance()),
            membership_address: coop.revive_address(&coop.membership()),
            deployed_at: s.manifest.deployed_at.number,
            member_count: members.len(),
            members: members.iter().map(view::share).collect(),
            treasury: view::amount(treasury),
            capital: view::amount(capital),
            free: view::amount(free),
            token: s.manifest.token.clone(),
            rules: view::rules(&rules),
            floors: view::floors(&floors),
            open_proposals: open.iter().map(ProposalLine::of).collect(),
        });
    }
    print_kv(
        "",
        &[
            (
                "chain",
                format!("{} (best block {})", coop.url(), best.number),
            ),
            ("genesis", s.manifest.genesis_hash.to_string()),
            (
                "governance",
                format!(
                    "{} (the treasury)",
                    crate::text::contract(coop, &coop.governance())
                ),
            ),
            ("register", crate::text::contract(coop, &coop.membership())),
            (
                "deployed in",
                format!("block {}", s.manifest.deployed_at.number),
            ),
            ("treasury", s.amounts.format(treasury)),
            (
                "  capital",
                format!(
                    "{} (the members' shares, paid back at par when they leave; no payment may touch it)",
                    s.amounts.format(capital)
                ),
            ),
            (
                "  free",
                format!("{} (what payments may spend)", s.amounts.format(free)),
            ),
        ],
    );
    println!();
    let suspended = members
        .iter()
        .filter(|m| m.state == coop_shared::membership::ShareState::Suspended)
        .count();
    if suspended == 0 {
        println!("{} member(s):", members.len());
    } else {
        println!(
            "{} member(s), {suspended} suspended (in no new electorate until they reactivate):",
            members.len()
        );
    }
    member_table(&members);
    println!();
    println!("rules:");
    print_kv("  ", &crate::text::rules_rows(&rules, &s.amounts));
    print_kv("  ", &crate::text::floors_rows(&floors));
    println!();
    if open.is_empty() {
        println!("no open proposals");
    } else {
        println!("open proposals:");
        super::proposals::print_table(&open, best.number);
    }
    Ok(())
}

/// `coop status --json`.
#[derive(Debug, Serialize)]
struct StatusJson {
    node_url: String,
    genesis_hash: String,
    best_block: u64,
    governance: String,
    membership: String,
    /// On pallet-revive, governance's 20-byte address; null elsewhere.
    governance_address: Option<String>,
    /// On pallet-revive, the register's 20-byte address; null elsewhere.
    membership_address: Option<String>,
    deployed_at: u64,
    member_count: usize,
    members: Vec<view::ShareJson>,
    treasury: String,
    capital: String,
    free: String,
    token: Option<coop_client::coop::Token>,
    rules: view::RulesJson,
    floors: view::FloorsJson,
    open_proposals: Vec<ProposalLine>,
}
