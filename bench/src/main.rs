//! `bench`: what coop costs on pallet-contracts, measured on a real node.
//!
//! Starts a throwaway substrate-contracts-node, deploys coops from the
//! contracts `scripts/build-contracts.sh` built, and reports per operation
//! the node's dry-run weight (ref_time, proof_size), the storage deposit and
//! the code the call loads; how propose, vote and execute grow with members
//! (10 to 10,000, reached by admission proposals of MAX_MEMBERS_PER_CALL) and with proposals
//! (1 to 1,000); our vote against a minimal ink! vote (`contracts/peer-vote`)
//! and quoted references; and how many votes fit in a block. Prints tables
//! and writes the same as JSON. Run it with `scripts/bench.sh`.

mod harness;
mod limits;
mod report;
mod scenarios;

use anyhow::{Context, Result};
use clap::Parser;
use coop_client::chain::Chain;
use coop_shared::membership::MAX_MEMBERS_PER_CALL;
use coop_shared::Balance;
use harness::{Bench, Codes, Contract};
use limits::PovFit;
use parity_scale_codec::Decode;
use report::{Comparison, Report, Timing, Wasm};
use scenarios::Row;
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
    let mut clock = Clock {
        timings: Vec::new(),
        phase: Instant::now(),
    };

    let codes = Codes::load(&coop_tests::artifacts_dir())?;
    eprintln!("bench: starting a throwaway node");
    // Stopped when dropped, on every way out of this function.
    let node = coop_tests::TestNode::start();
    let chain = Chain::connect(&node.url).await?;
    let (bench, uploads) = Bench::new(chain.clone(), codes).await?;
    let ed_bytes = limits::constant(&chain, "Balances", "ExistentialDeposit").await?;
    let ed = Balance::decode(&mut &ed_bytes[..]).context("decoding the existential deposit")?;
    clock.lap("node start, code upload");

    let ops = scenarios::operations(&bench, ed).await?;
    let (vote_may_change, changed) = scenarios::change_vote(&bench).await?;
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
        ],
    );
    let (peer_deploy, peer_vote) = scenarios::peer_vote(&bench).await?;
    let votes_per_block = limits::votes_per_block(&chain, bench.alice(), &ops.vote).await?;
    clock.lap("operations, peer-vote, votes per block");

    let measurers = scenarios::measurers(&bench, 4).await?;
    let sizes: &[u32] = if args.quick {
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

    let targets: &[u32] = if args.quick {
        &[1, 100]
    } else {
        &[1, 100, 1_000]
    };
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
            (u64::from(MAX_MEMBERS_PER_CALL), &ops.admit_full.consumed),
            pov,
        ),
    ];
    let deposit_of = |c: Contract| uploads.iter().find(|(u, _)| *u == c).map(|(_, d)| *d);
    let report = Report {
        units: report::UNITS,
        node: node_version(),
        quick: args.quick,
        wasm: [
            Contract::Governance,
            Contract::Membership,
            Contract::PeerVote,
        ]
        .into_iter()
        .map(|c| Wasm {
            contract: c,
            bytes: bench.codes.size(c),
            upload_deposit: deposit_of(c),
        })
        .collect(),
        operations,
        comparison: Comparison::new(vote, peer_vote, peer_deploy),
        members,
        admission_batches,
        proposals,
        votes_per_block,
        pov_fits,
        timings: clock.timings,
    };
    drop(node);

    let text = report.text();
    print!("{text}");
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let json = serde_json::to_string_pretty(&report)?;
    std::fs::write(&out, json).with_context(|| format!("writing {}", out.display()))?;
    let txt = out.with_extension("txt");
    std::fs::write(&txt, &text).with_context(|| format!("writing {}", txt.display()))?;
    println!("\nJSON: {}\nTables: {}", out.display(), txt.display());
    Ok(())
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

/// The node binary's version line, as the tests' node runs it.
fn node_version() -> String {
    std::process::Command::new("substrate-contracts-node")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "substrate-contracts-node (version unknown)".into())
}
