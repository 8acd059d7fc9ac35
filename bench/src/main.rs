//! `bench`: what coop costs on each contracts backend, measured on real nodes.
//!
//! For each backend (pallet-contracts on a throwaway substrate-contracts-node,
//! pallet-revive on a throwaway Westend Asset Hub dev chain) it deploys coops
//! from the contracts `scripts/build-contracts.sh` built, and reports per
//! operation the node's dry-run weight (ref_time, proof_size), the storage
//! deposit and the code the call loads; how propose, vote and execute grow
//! with members (10 to 10,000, reached by admission proposals of
//! MAX_ADMISSIONS) and with proposals (1 to 1,000); our vote against a
//! minimal ink! vote (`contracts/peer-vote`), the least a governed vote can
//! cost (`contracts/floor-vote`), the least a vote under coop's rules can
//! cost (`contracts/rules-vote`) and the peers of issue #16 deployed in the
//! same run ([`peers`]), with where the vote's proof goes ([`breakdown`]);
//! and how many votes fit in a block. Then every operation on both backends side by
//! side. Prints tables and writes the same as JSON. Run it with
//! `scripts/bench.sh`.

mod baseline;
mod breakdown;
mod harness;
mod limits;
mod peers;
mod report;
mod scenarios;

use anyhow::{Context, Result};
use clap::Parser;
use coop_client::chain::Chain;
use coop_shared::governance::MAX_ADMISSIONS;
use coop_shared::membership::MAX_MEMBERS_PER_CALL;
use coop_shared::Balance;
use coop_tests::Backend;
use harness::{Bench, Codes, Contract};
use limits::PovFit;
use parity_scale_codec::Decode;
use report::{Comparison, Report, Timing, Wasm};
use scenarios::Row;
use std::collections::BTreeMap;
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::time::Instant;

/// Measures what coop's operations cost on a throwaway local node.
#[derive(Debug, Parser)]
#[command(name = "bench")]
struct Args {
    /// Stop at 1,000 members and 100 proposals (skips the two slowest cases).
    #[arg(long)]
    quick: bool,
    /// Where to write the JSON report (default: target/bench/costs.json in
    /// the checkout; the tables go beside it as costs.txt).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Which backend to measure: contracts, revive, or all (side by side).
    #[arg(long, default_value = "all", value_parser = ["contracts", "revive", "all"])]
    backend: String,
    /// A recorded earlier run to print each operation's cost beside
    /// (default: bench/baseline/before-safety.json, the contracts before
    /// the safety changes).
    #[arg(long)]
    baseline: Option<PathBuf>,
}

/// Times the phases of the run.
struct Clock {
    timings: Vec<Timing>,
    phase: Instant,
}

impl Clock {
    fn lap(&mut self, phase: &str) {
        let seconds = self.phase.elapsed().as_secs_f64();
        // `\r` and spaces clear a progress line left on a terminal.
        eprintln!("\rbench: {phase} done in {seconds:.0} s            ");
        self.timings.push(Timing {
            phase: phase.to_string(),
            seconds,
        });
        self.phase = Instant::now();
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let args = Args::parse();
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| coop_tests::repo_root().join("target/bench/costs.json"));
    let mut reports = BTreeMap::new();
    for backend in [Backend::Contracts, Backend::Revive] {
        if args.backend == "all" || args.backend == backend.name() {
            if !backend.ready_or_say() {
                continue;
            }
            reports.insert(backend.name(), measure(backend, args.quick).await?);
        }
    }
    if reports.is_empty() {
        anyhow::bail!("no backend could be measured here (see above)");
    }
    let baseline_path = args
        .baseline
        .clone()
        .unwrap_or_else(|| coop_tests::repo_root().join("bench/baseline/before-safety.json"));
    let baseline = baseline::Baseline::load(&baseline_path)?;
    let mut text = String::new();
    for (name, report) in &reports {
        text.push_str(&format!("\n######## {}\n\n", report.backend));
        text.push_str(&report.text());
        text.push_str(&baseline.compare(name, report));
    }
    if let (Some(wasm), Some(pvm)) = (reports.get("contracts"), reports.get("revive")) {
        text.push_str(&report::side_by_side(wasm, pvm));
    }
    print!("{text}");
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let json = serde_json::to_string_pretty(&reports)?;
    std::fs::write(&out, json).with_context(|| format!("writing {}", out.display()))?;
    let txt = out.with_extension("txt");
    std::fs::write(&txt, &text).with_context(|| format!("writing {}", txt.display()))?;
    println!("\nJSON: {}\nTables: {}", out.display(), txt.display());
    Ok(())
}

/// Measures everything on a throwaway node of `backend`.
async fn measure(backend: Backend, quick: bool) -> Result<Report> {
    let mut clock = Clock {
        timings: Vec::new(),
        phase: Instant::now(),
    };
    eprintln!("bench: starting a throwaway {} node", backend.name());
    // Stopped when dropped, on every way out of this function.
    let node = coop_tests::TestNode::start_backend(backend);
    let chain = Chain::connect(&node.url).await?;
    let pallet = coop_client::contracts::Contracts::new(chain.clone()).pallet();
    let codes = Codes::load(&coop_tests::artifacts_dir(), pallet)?;
    let (bench, uploads) = Bench::new(chain.clone(), codes).await?;
    let ed_bytes = limits::constant(&chain, "Balances", "ExistentialDeposit").await?;
    let ed = Balance::decode(&mut &ed_bytes[..]).context("decoding the existential deposit")?;
    clock.lap("node start, code upload");

    let ops = scenarios::operations(&bench, ed).await?;
    let (vote_may_change, changed, joining) = scenarios::change_vote(&bench).await?;
    let mut operations = ops.rows;
    let vote = operations
        .iter()
        .find(|r| r.operation.starts_with("vote"))
        .map(|r| r.cost.clone())
        .context("no vote was measured")?;
    let at = operations
        .iter()
        .position(|r| r.operation.starts_with("vote"))
        .map_or(operations.len(), |i| i + 1);
    operations.splice(
        at..at,
        [
            Row {
                operation: "vote (first, on a coop whose votes may change)".into(),
                cost: vote_may_change,
            },
            Row {
                operation: "change vote (yes to no)".into(),
                cost: changed,
            },
            Row {
                operation: "vote as a founder's first act (joins the roster)".into(),
                cost: joining,
            },
        ],
    );
    let (peer_deploy, peer_vote) = scenarios::peer_vote(&bench).await?;
    let floor = scenarios::floor_vote(&bench).await?;
    let rules = scenarios::rules_vote(&bench).await?;
    let peers = measure_peers(&bench, backend).await;
    let votes_per_block = limits::votes_per_block(&chain, bench.alice(), &ops.vote).await?;
    clock.lap("operations, peer-vote, floor-vote, rules-vote, peers, votes per block");

    let measurers = scenarios::measurers(&bench, 4).await?;
    let sizes: &[u32] = if quick {
        &[10, 100, 1_000]
    } else {
        &[10, 100, 1_000, 10_000]
    };
    let (members, admission_batches, deploy_small) =
        scenarios::grow_members(&bench, &measurers, sizes, &|n| progress(n, "members")).await?;
    clock.lap(&format!(
        "members up to {}",
        sizes.last().copied().unwrap_or(0)
    ));

    let targets: &[u32] = if quick { &[1, 100] } else { &[1, 100, 1_000] };
    let (proposals, full_page) =
        scenarios::fill_proposals(&bench, &measurers, targets, &|n| progress(n, "proposals"))
            .await?;
    clock.lap(&format!(
        "proposals up to {}",
        targets.last().copied().unwrap_or(0)
    ));

    let founders = u64::try_from(measurers.len() + bench.dev.len())?;
    operations.insert(
        0,
        Row {
            operation: format!("deploy: governance + register, {founders} founders"),
            cost: deploy_small.clone(),
        },
    );
    let page_row = operations
        .iter()
        .position(|r| r.operation.starts_with("read: proposals("))
        .map_or(operations.len(), |i| i + 1);
    operations.insert(page_row, full_page);
    let pov = votes_per_block.normal_pov;
    let pov_fits = vec![
        PovFit::new(
            "deploy with founders",
            (founders, &deploy_small.consumed),
            (u64::from(MAX_MEMBERS_PER_CALL), &ops.deploy_full.consumed),
            pov,
        ),
        PovFit::new(
            "execute an admission",
            (1, &ops.admit_one.consumed),
            (u64::from(MAX_ADMISSIONS), &ops.admit_full.consumed),
            pov,
        ),
    ];
    let deposit_of = |c: Contract| uploads.iter().find(|(u, _)| *u == c).map(|(_, d)| *d);
    let comparison = Comparison::new(backend, vote, (peer_deploy, peer_vote, floor, rules), peers);
    let breakdown = breakdown::Breakdown::new(
        &comparison.vote,
        &operations,
        (&comparison.floor, &comparison.rules),
        comparison.cheapest_peer(),
    )?;
    let mut report = Report {
        backend: backend_label(backend).into(),
        units: report::UNITS,
        node: node_version(backend),
        quick,
        wasm: [
            Contract::Governance,
            Contract::Membership,
            Contract::PeerVote,
            Contract::FloorVote,
            Contract::RulesVote,
        ]
        .into_iter()
        .map(|c| Wasm {
            contract: c,
            bytes: bench.codes.size(c),
            upload_deposit: deposit_of(c),
        })
        .collect(),
        operations,
        comparison,
        breakdown,
        members,
        admission_batches,
        proposals,
        votes_per_block,
        pov_fits,
        timings: clock.timings,
        vote_vs_peer_ref_time: None,
        vote_vs_peer_proof: None,
    };
    report.vote_vs_peer_ref_time = report.comparison.vote_over_peer.map(|p| p.ref_time);
    report.vote_vs_peer_proof = report.comparison.vote_over_peer.map(|p| p.proof_size);
    drop(node);
    Ok(report)
}

/// Deploys and measures `backend`'s peers (see [`peers`]). A peer that
/// cannot be measured (its code not built, say) is reported by name and
/// reason in the tables, not dropped and not fatal: the rest of the run
/// still says what coop costs.
async fn measure_peers(
    bench: &Bench,
    backend: Backend,
) -> (Vec<peers::PeerVote>, Vec<peers::Missing>) {
    let mut measured = Vec::new();
    let mut missing = Vec::new();
    let mut record = |name: &str, result: Result<peers::PeerVote>| match result {
        Ok(peer) => measured.push(peer),
        Err(e) => {
            eprintln!("bench: {name} NOT MEASURED: {e:#}");
            missing.push(peers::Missing {
                name: name.into(),
                why: format!("{e:#}"),
            });
        }
    };
    match backend {
        Backend::Contracts => record(peers::MULTISIG, peers::multisig(bench).await),
        Backend::Revive => {
            for flavour in [peers::Flavour::Evm, peers::Flavour::PolkaVm] {
                record(flavour.peer(), peers::governor(bench, flavour).await);
            }
        }
    }
    (measured, missing)
}

/// A value pinned in `scripts/versions.env`, or "?".
pub fn pinned(key: &str) -> String {
    std::fs::read_to_string(coop_tests::repo_root().join("scripts/versions.env"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}=")).map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Shows a running count on a terminal (rewriting one line); elsewhere,
/// such as a CI log, the phase timings are progress enough.
fn progress(n: u32, what: &str) {
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = write!(err, "\rbench: {n:>6} {what}   ");
        let _ = err.flush();
    }
}

/// What a backend is, for the report's headings.
fn backend_label(backend: Backend) -> &'static str {
    match backend {
        Backend::Contracts => "pallet-contracts (ink! 5, Wasm)",
        Backend::Revive => "pallet-revive (ink! 6, PolkaVM)",
    }
}

/// The node and runtime the tests' node of `backend` runs.
fn node_version(backend: Backend) -> String {
    match backend {
        Backend::Contracts => std::process::Command::new("substrate-contracts-node")
            .arg("--version")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "substrate-contracts-node (version unknown)".into()),
        Backend::Revive => format!(
            "polkadot-omni-node {} running asset-hub-westend-runtime {}",
            pinned("OMNI_NODE_VERSION"),
            pinned("HUB_RUNTIME_VERSION")
        ),
    }
}
