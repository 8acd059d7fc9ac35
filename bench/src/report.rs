//! The report: one structure, printed as tables and written as JSON, so the
//! two can never disagree.

use crate::breakdown::Breakdown;
use crate::harness::{Contract, Cost, Gas};
use crate::limits::{ratio, PovFit, VotesPerBlock};
use crate::peers::{Missing, PeerVote};
use crate::scenarios::{spread, Batch, Row, Scaling};
use coop_shared::governance::MAX_ADMISSIONS;
use coop_shared::Balance;
use coop_tests::Backend;
use serde::Serialize;
use std::fmt::Write as _;

/// A contract's release Wasm.
#[derive(Debug, Clone, Serialize)]
pub struct Wasm {
    /// Which contract.
    pub contract: Contract,
    /// Its size in bytes, as uploaded.
    pub bytes: u64,
    /// The storage deposit its upload held, if the bench uploaded it alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload_deposit: Option<Balance>,
}

/// A figure measured elsewhere, quoted for scale (not from this run).
#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    /// What was measured.
    pub name: &'static str,
    /// Its `gas_consumed.ref_time`, in millions of picoseconds.
    pub ref_time_mps: f64,
    /// Its `gas_consumed.proof_size`, in KB (1,024 bytes).
    pub proof_kb: f64,
    /// Its Wasm, in KB.
    pub wasm_kb: f64,
}

/// A reference figure from the issue that asked for this benchmark:
/// cargo-contract's dry run on this same node version, earlier. The peers
/// the aim is set against are measured in the run instead (see
/// [`crate::peers`]).
pub const FLIPPER: Reference = Reference {
    name: "flipper flip (ink! example)",
    ref_time_mps: 513.7,
    proof_kb: 28.9,
    wasm_kb: 2.4,
};

/// Two ratios, one per weight dimension.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Pair {
    /// Of ref_time.
    pub ref_time: f64,
    /// Of proof_size.
    pub proof_size: f64,
}

impl Pair {
    /// `ours` over `theirs`, `gas_consumed`, on each weight.
    fn of(ours: &Cost, theirs: &Cost) -> Pair {
        Pair {
            ref_time: ratio(ours.consumed.ref_time, theirs.consumed.ref_time),
            proof_size: ratio(ours.consumed.proof_size, theirs.consumed.proof_size),
        }
    }
}

/// Issue #16's aim: a vote costs at most this share of the peer's, on
/// each weight.
pub const AIM: f64 = 0.5;

/// Our vote against the yardstick and the peers.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Coop's first vote on a proposal.
    pub vote: Cost,
    /// peer-vote's first vote (the least a vote can cost).
    pub peer_vote: Cost,
    /// Deploying peer-vote (code upload and instantiation in one).
    pub peer_deploy: Cost,
    /// floor-vote's vote: the least a governed vote can cost (the voter's
    /// share and the proposal read, ballot and tally written, an event).
    pub floor: Cost,
    /// rules-vote's vote: the least a vote under coop's own rules can cost
    /// (governance's checks, reads, writes and event, and no other code).
    pub rules: Cost,
    /// Ours over peer-vote's, `gas_consumed`.
    pub vote_over_yardstick: Pair,
    /// Quoted figures for scale (pallet-contracts only: measured there).
    pub references: Vec<Reference>,
    /// The peers' votes, measured in this run on this node.
    pub peers: Vec<PeerVote>,
    /// Peers this run could not measure, and why.
    pub missing_peers: Vec<Missing>,
    /// Ours over the cheapest measured peer, on each weight separately
    /// (with two builds of one peer, the cheaper one is the bar).
    pub vote_over_peer: Option<Pair>,
    /// Whether both ratios are at most [`AIM`].
    pub aim_met: Option<bool>,
}

impl Comparison {
    /// Compares `vote` with `peer_vote` and with the `peers` measured.
    pub fn new(
        backend: Backend,
        vote: Cost,
        (peer_deploy, peer_vote, floor, rules): (Cost, Cost, Cost, Cost),
        (peers, missing_peers): (Vec<PeerVote>, Vec<Missing>),
    ) -> Comparison {
        let vote_over_peer = cheapest_of(&peers).map(|p| Pair {
            ref_time: ratio(vote.consumed.ref_time, p.ref_time),
            proof_size: ratio(vote.consumed.proof_size, p.proof_size),
        });
        Comparison {
            vote_over_yardstick: Pair::of(&vote, &peer_vote),
            references: match backend {
                Backend::Contracts => vec![FLIPPER],
                Backend::Revive => Vec::new(),
            },
            aim_met: vote_over_peer.map(|o| o.ref_time <= AIM && o.proof_size <= AIM),
            vote_over_peer,
            peers,
            missing_peers,
            vote,
            peer_vote,
            peer_deploy,
            floor,
            rules,
        }
    }
}

impl Comparison {
    /// The least any measured peer's vote consumed, on each weight
    /// separately (with two builds of one peer, the cheaper one is the bar).
    pub fn cheapest_peer(&self) -> Option<Gas> {
        cheapest_of(&self.peers)
    }
}

fn cheapest_of(peers: &[PeerVote]) -> Option<Gas> {
    let least = |f: fn(&Gas) -> u64| peers.iter().map(|p| f(&p.vote.consumed)).min();
    least(|g| g.ref_time)
        .zip(least(|g| g.proof_size))
        .map(|(ref_time, proof_size)| Gas {
            ref_time,
            proof_size,
        })
}

/// How long a phase of the run took.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    /// The phase.
    pub phase: String,
    /// Seconds.
    pub seconds: f64,
}

/// What the numbers in the report count.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Units {
    /// Of every `ref_time`.
    pub ref_time: &'static str,
    /// Of every `proof_size`, `bytes` and proof limit.
    pub proof_size: &'static str,
    /// Of every storage deposit and fee.
    pub balance: &'static str,
}

/// The units of the JSON report.
pub const UNITS: Units = Units {
    ref_time: "picoseconds",
    proof_size: "bytes",
    balance: "the chain's smallest unit; storage_deposit > 0 is charged, < 0 refunded",
};

/// Everything the bench measured.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The backend measured.
    pub backend: String,
    /// What the numbers count.
    pub units: Units,
    /// The node's `--version`.
    pub node: String,
    /// Whether the largest cases were skipped (`--quick`).
    pub quick: bool,
    /// Each contract's Wasm.
    pub wasm: Vec<Wasm>,
    /// Every operation once.
    pub operations: Vec<Row>,
    /// Our vote against the yardstick and the peers.
    pub comparison: Comparison,
    /// Where the vote's weight goes, and the least a governed vote can cost.
    pub breakdown: Breakdown,
    /// Our vote's `ref_time` over the cheapest peer's measured in this run
    /// (issue #16's aim: at most 0.5); absent if no peer was measured.
    pub vote_vs_peer_ref_time: Option<f64>,
    /// The same for proof size.
    pub vote_vs_peer_proof: Option<f64>,
    /// Costs as members grow.
    pub members: Scaling,
    /// The admission proposals that grew the coop.
    pub admission_batches: Vec<Batch>,
    /// Costs as proposals accumulate.
    pub proposals: Scaling,
    /// Votes that fit in a block.
    pub votes_per_block: VotesPerBlock,
    /// Accounts per call that fit a parachain block's proof.
    pub pov_fits: Vec<PovFit>,
    /// Time per phase.
    pub timings: Vec<Timing>,
}

/// Picoseconds as millions of picoseconds.
pub fn mps(ps: u64) -> f64 {
    ratio(ps, 1_000_000)
}

/// Bytes as KB of 1,024 bytes (as the README's Wasm sizes).
pub fn kb(bytes: u64) -> f64 {
    ratio(bytes, 1_024)
}

/// `n` with thousands separators.
pub fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A float with one decimal and thousands separators.
pub fn dec1(x: f64) -> String {
    let tenths = (x * 10.0).round();
    // Figures here are positive and far below 2^63.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let tenths = tenths.max(0.0) as u128;
    format!("{}.{}", grouped(tenths / 10), tenths % 10)
}

fn deposit(d: i128) -> String {
    match d {
        0 => "0".into(),
        d if d > 0 => format!("+{}", grouped(d.unsigned_abs())),
        d => format!("-{}", grouped(d.unsigned_abs())),
    }
}

fn code_label(code: &[Contract]) -> String {
    code.iter().map(|c| c.short()).collect::<Vec<_>>().join("+")
}

impl Report {
    /// The tables, as printed.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.code_table(&mut s);
        self.operations_table(&mut s);
        self.comparison_table(&mut s);
        self.breakdown_table(&mut s);
        scaling_table(
            &mut s,
            &self.members,
            "members",
            &format!("one coop grown by admission proposals of {MAX_ADMISSIONS}"),
        );
        self.batches_table(&mut s);
        scaling_table(
            &mut s,
            &self.proposals,
            "proposals already made",
            "one coop, resolutions past their deadline",
        );
        self.votes_per_block_table(&mut s);
        self.timing_table(&mut s);
        s
    }

    fn code_table(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "Node: {}{}",
            self.node,
            if self.quick {
                " (--quick: largest cases skipped)"
            } else {
                ""
            }
        );
        let _ = writeln!(
            s,
            "\nCode (release Wasm or PolkaVM, as uploaded; KB = 1,024 bytes)"
        );
        let _ = writeln!(
            s,
            "{:<12} {:>9} {:>8}  upload deposit",
            "contract", "bytes", "KB"
        );
        for w in &self.wasm {
            let _ = writeln!(
                s,
                "{:<12} {:>9} {:>8}  {}",
                w.contract.artifact(),
                grouped(u128::from(w.bytes)),
                dec1(kb(w.bytes)),
                w.upload_deposit
                    .map_or_else(|| "(uploaded with its instantiation)".into(), grouped),
            );
        }
    }

    fn operations_table(&self, s: &mut String) {
        let _ = writeln!(
            s,
            "\nOperations (the node's dry run: consumed = gas_consumed, required = gas_required;\n\
             deposit: storage deposit charged +, refunded -; code: the Wasm the call loads)"
        );
        let _ = writeln!(
            s,
            "{:<50} {:>10} {:>7} {:>10} {:>7} {:>22} {:>8} {:>7} {:>7}",
            "operation", "consumed", "", "required", "", "storage deposit", "code", "", "proof"
        );
        let _ = writeln!(
            s,
            "{:<50} {:>10} {:>7} {:>10} {:>7} {:>22} {:>8} {:>7} {:>7}",
            "", "M ps", "KB", "M ps", "KB", "", "loaded", "KB", "- code"
        );
        for r in &self.operations {
            let c = &r.cost;
            let _ = writeln!(
                s,
                "{:<50} {:>10} {:>7} {:>10} {:>7} {:>22} {:>8} {:>7} {:>7}",
                r.operation,
                dec1(mps(c.consumed.ref_time)),
                dec1(kb(c.consumed.proof_size)),
                dec1(mps(c.required.ref_time)),
                dec1(kb(c.required.proof_size)),
                deposit(c.storage_deposit),
                code_label(&c.code),
                dec1(kb(c.code_bytes)),
                dec1(kb(c.consumed.proof_size.saturating_sub(c.code_bytes))),
            );
        }
    }

    fn comparison_table(&self, s: &mut String) {
        let c = &self.comparison;
        let _ = writeln!(
            s,
            "\nOur vote against the least a vote can cost and against the peers (gas_consumed)"
        );
        let _ = writeln!(
            s,
            "{:<62} {:>10} {:>9} {:>9}",
            "", "M ps", "proof KB", "code KB"
        );
        let line = |s: &mut String, name: &str, g: Gas, code: f64| {
            let _ = writeln!(
                s,
                "{:<62} {:>10} {:>9} {:>9}",
                name,
                dec1(mps(g.ref_time)),
                dec1(kb(g.proof_size)),
                dec1(code)
            );
        };
        let over = |s: &mut String, name: &str, p: Pair| {
            let _ = writeln!(
                s,
                "{:<62} {:>10} {:>9}",
                name,
                format!("{:.2}x", p.ref_time),
                format!("{:.2}x", p.proof_size)
            );
        };
        line(
            s,
            "coop vote (first vote on a proposal)",
            c.vote.consumed,
            kb(c.vote.code_bytes),
        );
        line(
            s,
            "peer-vote vote (yardstick: Mapping<caller, bool> + event)",
            c.peer_vote.consumed,
            kb(c.peer_vote.code_bytes),
        );
        over(s, "coop vote / peer-vote", c.vote_over_yardstick);
        line(
            s,
            "floor-vote vote (floor: a governed vote, nothing else)",
            c.floor.consumed,
            kb(c.floor.code_bytes),
        );
        line(
            s,
            "rules-vote vote (rules floor: coop's vote rules, nothing else)",
            c.rules.consumed,
            kb(c.rules.code_bytes),
        );
        for p in &c.peers {
            line(s, &p.name, p.vote.consumed, kb(p.vote.code_bytes));
            over(s, "  coop vote / this peer", Pair::of(&c.vote, &p.vote));
        }
        for r in &c.references {
            let _ = writeln!(
                s,
                "{:<62} {:>10} {:>9} {:>9}",
                format!("{} [quoted]", r.name),
                dec1(r.ref_time_mps),
                dec1(r.proof_kb),
                dec1(r.wasm_kb)
            );
        }
        for m in &c.missing_peers {
            let _ = writeln!(s, "{}: NOT MEASURED in this run: {}", m.name, m.why);
        }
        match (c.vote_over_peer, c.aim_met) {
            (Some(o), Some(met)) => {
                let _ = writeln!(
                    s,
                    "{:<62} {:>10} {:>9}   aim <= {AIM:.2} on both: {}",
                    "coop vote / cheapest peer (each weight)",
                    format!("{:.2}x", o.ref_time),
                    format!("{:.2}x", o.proof_size),
                    if met { "met" } else { "NOT met" }
                );
            }
            _ => {
                let _ = writeln!(
                    s,
                    "coop vote / peer: no peer measured, so the aim cannot be judged in this run"
                );
            }
        }
        for p in &c.peers {
            let _ = writeln!(s, "  {}: {}", p.name, p.built);
        }
        if !c.references.is_empty() {
            let _ = writeln!(s, "[quoted]: cargo-contract dry run on this node version, from issue 7, not measured in this run.");
        }
    }

    fn breakdown_table(&self, s: &mut String) {
        let b = &self.breakdown;
        let _ = writeln!(
            s,
            "\nWhere the vote's proof goes, and the least a governed vote can cost here"
        );
        let _ = writeln!(
            s,
            "  vote: {} KB of proof = {} KB of code (loaded whole) + {} KB else",
            dec1(kb(b.vote.proof_size)),
            dec1(kb(b.code_bytes)),
            dec1(kb(b.rest_bytes))
        );
        let _ = writeln!(
            s,
            "  one more storage read adds {} M ps and {} KB (\"{}\" minus \"{}\"): the {} KB else is {:.1} reads' worth",
            dec1(mps(b.per_read.ref_time)),
            dec1(kb(b.per_read.proof_size)),
            crate::breakdown::ONE_MORE_READ,
            crate::breakdown::ROOT_READ,
            dec1(kb(b.rest_bytes)),
            b.rest_in_reads
        );
        let _ = writeln!(
            s,
            "  floor (floor-vote: the voter's share and the proposal read, ballot and tally written, an event): {} M ps, {} KB, of which {} KB code",
            dec1(mps(b.floor.ref_time)),
            dec1(kb(b.floor.proof_size)),
            dec1(kb(b.floor_code_bytes))
        );
        if let (Some((rt, pf)), Some(budget)) = (b.floor_over_peer, b.code_budget_at_aim) {
            let _ = writeln!(
                s,
                "  floor / cheapest peer: {rt:.2}x ref_time, {pf:.2}x proof{}",
                match (rt > AIM, pf > AIM) {
                    (true, true) => " -- above the aim on both: no contract design meets it here",
                    (true, false) =>
                        " -- above the aim on ref_time: no contract design meets it here",
                    (false, true) => " -- above the aim on proof: no contract design meets it here",
                    (false, false) => "",
                }
            );
            let budget_kb = budget as f64 / 1024.0;
            let _ = writeln!(
                s,
                "  code a vote could load at the aim, with no more storage than the floor's: {budget_kb:.1} KB"
            );
        }
        let _ = writeln!(
            s,
            "  rules floor (rules-vote: governance's vote checks, reads, writes and event, no other code): {} M ps, {} KB, of which {} KB code",
            dec1(mps(b.rules.ref_time)),
            dec1(kb(b.rules.proof_size)),
            dec1(kb(b.rules_code_bytes))
        );
        if let Some((rt, pf)) = b.rules_over_peer {
            let _ = writeln!(
                s,
                "  rules floor / cheapest peer: {rt:.2}x ref_time, {pf:.2}x proof"
            );
        }
        if let Some(pf) = b.rules_storage_over_peer {
            let _ = writeln!(
                s,
                "  rules floor's proof without its code / cheapest peer's proof: {pf:.2}x{}",
                if pf > AIM {
                    " -- above the aim with no code at all"
                } else {
                    ""
                }
            );
        }
        if let (Some(rt), Some(pf)) = (b.ref_time_verdict, b.proof_verdict) {
            let _ = writeln!(s, "  the aim on ref_time: {}", rt.words());
            let _ = writeln!(s, "  the aim on proof size: {}", pf.words());
        }
    }

    fn batches_table(&self, s: &mut String) {
        let full: Vec<&Batch> = self
            .admission_batches
            .iter()
            .filter(|b| b.accounts == MAX_ADMISSIONS)
            .collect();
        let (Some(first), Some(last)) = (full.first(), full.last()) else {
            return;
        };
        let _ = writeln!(
            s,
            "\nAdmission proposals of {MAX_ADMISSIONS} accounts: {} of them, from {} to {} members before",
            full.len(),
            grouped(u128::from(first.members_before)),
            grouped(u128::from(last.members_before))
        );
        let _ = writeln!(
            s,
            "{:<22} {:>22} {:>20} {:>12}",
            "", "M ps (min-max)", "KB (min-max)", "largest/smallest"
        );
        for (name, pick) in [
            (
                "propose: admit a full batch",
                (|b: &Batch| b.propose.clone()) as fn(&Batch) -> Cost,
            ),
            ("execute: admit a full batch", |b: &Batch| b.execute.clone()),
            ("accept an offer", |b: &Batch| b.accept.clone()),
        ] {
            let costs: Vec<Cost> = full.iter().map(|b| pick(b)).collect();
            let range = |f: fn(&Cost) -> u64, unit: fn(u64) -> f64| {
                let min = costs.iter().map(f).min().unwrap_or(0);
                let max = costs.iter().map(f).max().unwrap_or(0);
                format!("{}-{}", dec1(unit(min)), dec1(unit(max)))
            };
            let _ = writeln!(
                s,
                "{:<22} {:>22} {:>20} {:>7.3} {:>7.3}",
                name,
                range(|c| c.consumed.ref_time, mps),
                range(|c| c.consumed.proof_size, kb),
                spread(costs.iter(), |c| c.consumed.ref_time),
                spread(costs.iter(), |c| c.consumed.proof_size),
            );
        }
    }

    fn votes_per_block_table(&self, s: &mut String) {
        let v = &self.votes_per_block;
        let _ = writeln!(s, "\nVotes per block (this node's System::BlockWeights; one real vote transaction's dispatch weight)");
        let _ = writeln!(
            s,
            "  block max:                  {} M ps; proof {}",
            dec1(mps(v.max_block.ref_time)),
            proof_limit(v.max_block.proof_size)
        );
        let _ = writeln!(
            s,
            "  normal class max_total:     {} M ps ({:.0}% of the block)",
            dec1(mps(v.normal_max_total.ref_time)),
            v.normal_share * 100.0
        );
        if let Some(m) = v.normal_max_extrinsic {
            let _ = writeln!(
                s,
                "  normal class max_extrinsic: {} M ps",
                dec1(mps(m.ref_time))
            );
        }
        let _ = writeln!(
            s,
            "  base_extrinsic:             {} M ps, {} KB (every transaction)",
            dec1(mps(v.base_extrinsic.ref_time)),
            dec1(kb(v.base_extrinsic.proof_size))
        );
        let _ = writeln!(
            s,
            "  one vote transaction:       {} M ps, {} KB (contract gas + the pallet's call overhead + base_extrinsic{})",
            dec1(mps(v.vote_transaction.ref_time)),
            dec1(kb(v.vote_transaction.proof_size)),
            if v.event_includes_base_extrinsic { ", all in the ExtrinsicSuccess weight" } else { " added to the ExtrinsicSuccess weight" }
        );
        let _ = writeln!(
            s,
            "  by ref_time:                {} votes per block (normal class)",
            grouped(u128::from(v.by_ref_time))
        );
        let _ = writeln!(
            s,
            "  by proof size:              {} votes per block under a parachain's 5 MiB PoV ({:.0}% normal share); {} if the whole PoV were votes",
            grouped(u128::from(v.by_proof_size)),
            v.normal_share * 100.0,
            grouped(u128::from(v.by_proof_size_whole_pov))
        );
        for f in &self.pov_fits {
            let _ = writeln!(
                s,
                "  {:<27} {} KB + {} KB per account: at most {} accounts in {} KB (the contracts allow {})",
                format!("{}:", f.operation),
                dec1(kb(f.fixed)),
                dec1(kb(f.per_account)),
                grouped(u128::from(f.max_accounts)),
                dec1(kb(f.limit)),
                f.allowed,
            );
        }
    }

    fn timing_table(&self, s: &mut String) {
        let total: f64 = self.timings.iter().map(|t| t.seconds).sum();
        let _ = writeln!(s, "\nRun time: {:.0} s", total);
        for t in &self.timings {
            let _ = writeln!(s, "  {:<40} {:>6.0} s", t.phase, t.seconds);
        }
    }
}

fn proof_limit(bytes: u64) -> String {
    if bytes >= u64::MAX / 2 {
        "no limit (a standalone dev node; a parachain has 5 MiB)".into()
    } else {
        format!("{} KB", dec1(kb(bytes)))
    }
}

fn scaling_table(s: &mut String, scaling: &Scaling, unit: &str, how: &str) {
    let _ = writeln!(
        s,
        "\nCost by {unit} ({how}; propose, vote and execute a resolution; gas_consumed)"
    );
    let mut header = format!("{:<10} {:<5}", "operation", "");
    for case in &scaling.cases {
        let _ = write!(header, " {:>11}", grouped(u128::from(case.at)));
    }
    let _ = write!(header, " {:>17}", "largest/smallest");
    let _ = writeln!(s, "{header}");
    for r in &scaling.ratios {
        let pick = |c: &crate::scenarios::Case| -> Cost {
            match r.operation.as_str() {
                "propose" => c.propose.clone(),
                "vote" => c.vote.clone(),
                _ => c.execute.clone(),
            }
        };
        let mut time = format!("{:<10} {:<5}", r.operation, "M ps");
        let mut proof = format!("{:<10} {:<5}", "", "KB");
        for case in &scaling.cases {
            let c = pick(case);
            let _ = write!(time, " {:>11}", dec1(mps(c.consumed.ref_time)));
            let _ = write!(proof, " {:>11}", dec1(kb(c.consumed.proof_size)));
        }
        let _ = writeln!(s, "{time} {:>17.3}", r.ref_time);
        let _ = writeln!(s, "{proof} {:>17.3}", r.proof_size);
    }
}

/// Every operation measured on both backends, side by side (gas_consumed
/// and storage deposit), matched by name.
pub fn side_by_side(wasm: &Report, pvm: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n######## Both backends side by side (gas_consumed; deposit: charged +, refunded -)\n"
    );
    let _ = writeln!(
        s,
        "{:<50} | {:>9} {:>7} {:>18} | {:>9} {:>7} {:>18}",
        "operation", "contracts", "", "", "revive", "", ""
    );
    let _ = writeln!(
        s,
        "{:<50} | {:>9} {:>7} {:>18} | {:>9} {:>7} {:>18}",
        "", "M ps", "KB", "deposit", "M ps", "KB", "deposit"
    );
    for r in &wasm.operations {
        let other = pvm.operations.iter().find(|o| o.operation == r.operation);
        let cells = |c: Option<&Cost>| match c {
            Some(c) => format!(
                "{:>9} {:>7} {:>18}",
                dec1(mps(c.consumed.ref_time)),
                dec1(kb(c.consumed.proof_size)),
                deposit(c.storage_deposit)
            ),
            None => format!("{:>9} {:>7} {:>18}", "-", "-", "-"),
        };
        let _ = writeln!(
            s,
            "{:<50} | {} | {}",
            r.operation,
            cells(Some(&r.cost)),
            cells(other.map(|o| &o.cost))
        );
    }
    let (a, b) = (&wasm.comparison, &pvm.comparison);
    let pair = |p: Option<Pair>| {
        p.map_or_else(
            || format!("{:>9} {:>7}", "-", "-"),
            |p| {
                format!(
                    "{:>9} {:>7}",
                    format!("{:.2}x", p.ref_time),
                    format!("{:.2}x", p.proof_size)
                )
            },
        )
    };
    for (name, x, y) in [
        (
            "coop vote / peer-vote",
            Some(a.vote_over_yardstick),
            Some(b.vote_over_yardstick),
        ),
        (
            "coop vote / cheapest peer",
            a.vote_over_peer,
            b.vote_over_peer,
        ),
    ] {
        let _ = writeln!(s, "{name:<50} | {} {:>18} | {}", pair(x), "", pair(y));
    }
    let _ = writeln!(s, "Deposits are each chain's smallest native unit: the contracts node's UNIT and Westend's WND both have 12 decimals, but the two runtimes price storage differently.");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_and_rounded_for_tables() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(51_660_115_000_000), "51,660,115,000,000");
        assert_eq!(dec1(1_982.94), "1,982.9");
        assert_eq!(dec1(0.05), "0.1");
        assert_eq!(deposit(-40_000_000), "-40,000,000");
        assert_eq!(deposit(7), "+7");
        assert_eq!(dec1(mps(513_700_000)), "513.7");
        assert_eq!(dec1(kb(2_048)), "2.0");
    }
}
