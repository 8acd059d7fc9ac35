//! Where a vote's weight goes, and the least any governed vote can cost on
//! a backend: issue #16 asks, where its aim cannot be met, for the measured
//! floor that stops it and the breakdown of each KB of proof.
//!
//! Everything here is arithmetic on figures measured in the same run: the
//! vote, the floor (`floor-vote`'s vote, the least a governed vote can
//! cost), the rules floor (`rules-vote`'s vote, the least a vote under
//! coop's own rules can cost), the cheapest peer, and two reads of
//! governance that differ by exactly one storage read.

use crate::harness::{Cost, Gas};
use crate::limits::ratio;
use crate::report::AIM;
use crate::scenarios::Row;
use anyhow::{Context, Result};
use serde::Serialize;

/// A read that loads governance's code and its root cell only.
pub const ROOT_READ: &str = "read: next_proposal_id()";
/// A read that loads the same plus one `Mapping` cell.
pub const ONE_MORE_READ: &str = "read: vote_of(id, share)";

/// The vote's weight, split.
#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    /// The vote's `gas_consumed`.
    pub vote: Gas,
    /// Of its proof, the contract code the call loads (whole).
    pub code_bytes: u64,
    /// Of its proof, everything else: the pallet's own records of the
    /// contract and the caller, storage cells read and written, the event.
    pub rest_bytes: u64,
    /// What one more storage read adds here: [`ONE_MORE_READ`] minus
    /// [`ROOT_READ`].
    pub per_read: Gas,
    /// `rest_bytes` over `per_read.proof_size`: how many storage reads'
    /// worth of proof the vote's non-code part is.
    pub rest_in_reads: f64,
    /// The least a governed vote can cost, measured: floor-vote's `vote`
    /// (the voter's share and the proposal read, the ballot and the tally
    /// written, an event; a contract with nothing else in it).
    pub floor: Gas,
    /// Of the floor's proof, its contract's code.
    pub floor_code_bytes: u64,
    /// `floor` over the cheapest peer's vote, when a peer was measured.
    pub floor_over_peer: Option<(f64, f64)>,
    /// The code a vote could load at the aim, if everything else cost what
    /// the floor's storage does: half the peer's proof minus the floor's
    /// non-code proof (negative: no code fits).
    pub code_budget_at_aim: Option<i64>,
    /// The least a vote under coop's rules can cost, measured: rules-vote's
    /// `vote` (governance's checks, reads, writes and event, in a contract
    /// with nothing else in it).
    pub rules: Gas,
    /// Of the rules floor's proof, its contract's code.
    pub rules_code_bytes: u64,
    /// `rules` over the cheapest peer's vote, when a peer was measured.
    pub rules_over_peer: Option<(f64, f64)>,
    /// The rules floor's proof without its code, over the cheapest peer's
    /// proof: above the aim, no vote under coop's rules gets there however
    /// small its code.
    pub rules_storage_over_peer: Option<f64>,
    /// What the aim comes to on `ref_time`, when a peer was measured.
    pub ref_time_verdict: Option<Verdict>,
    /// What the aim comes to on proof size, when a peer was measured.
    pub proof_verdict: Option<Verdict>,
}

/// Issue #16's aim on one weight, judged from the run's measurements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Coop's vote costs at most the aim's share of the peer's.
    Met,
    /// The floor is above the aim: no governed vote meets it here.
    StoppedByFloor,
    /// The floor is within the aim, but the rules floor is not: no vote
    /// that keeps coop's rules meets it here.
    StoppedByRules,
    /// Both floors are within the aim, but coop's vote is not: a smaller
    /// design could meet it.
    NotMet,
}

impl Verdict {
    /// Judges one weight from the three ratios over the peer's vote.
    pub fn of(vote: f64, floor: f64, rules: f64) -> Verdict {
        if vote <= AIM {
            Verdict::Met
        } else if floor > AIM {
            Verdict::StoppedByFloor
        } else if rules > AIM {
            Verdict::StoppedByRules
        } else {
            Verdict::NotMet
        }
    }

    /// The verdict in words, for the report.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::Met => "aim met",
            Verdict::StoppedByFloor => {
                "stopped by the floor: no governed vote meets the aim on this runtime"
            }
            Verdict::StoppedByRules => {
                "stopped by coop's rules: no vote that keeps them meets the aim on this runtime"
            }
            Verdict::NotMet => "NOT met, though both floors are within it",
        }
    }
}

fn find<'a>(rows: &'a [Row], name: &str) -> Result<&'a Cost> {
    rows.iter()
        .find(|r| r.operation == name)
        .map(|r| &r.cost)
        .with_context(|| format!("no \"{name}\" row was measured"))
}

impl Breakdown {
    /// Splits `vote` using `rows` (the run's operations), the two floors'
    /// votes and the cheapest peer's vote (per weight), if any.
    pub fn new(
        vote: &Cost,
        rows: &[Row],
        (floor, rules): (&Cost, &Cost),
        peer: Option<Gas>,
    ) -> Result<Breakdown> {
        let (root, more) = (find(rows, ROOT_READ)?, find(rows, ONE_MORE_READ)?);
        let per_read = Gas {
            ref_time: more
                .consumed
                .ref_time
                .saturating_sub(root.consumed.ref_time),
            proof_size: more
                .consumed
                .proof_size
                .saturating_sub(root.consumed.proof_size),
        };
        let rest_bytes = vote.consumed.proof_size.saturating_sub(vote.code_bytes);
        let floor_storage = floor.consumed.proof_size.saturating_sub(floor.code_bytes);
        let over = |c: &Gas| {
            peer.map(|p| {
                (
                    ratio(c.ref_time, p.ref_time),
                    ratio(c.proof_size, p.proof_size),
                )
            })
        };
        let (vote_over, floor_over, rules_over) = (
            over(&vote.consumed),
            over(&floor.consumed),
            over(&rules.consumed),
        );
        let verdicts = vote_over
            .zip(floor_over)
            .zip(rules_over)
            .map(|((v, f), r)| (Verdict::of(v.0, f.0, r.0), Verdict::of(v.1, f.1, r.1)));
        Ok(Breakdown {
            vote: vote.consumed,
            code_bytes: vote.code_bytes,
            rest_bytes,
            rest_in_reads: ratio(rest_bytes, per_read.proof_size),
            per_read,
            floor: floor.consumed,
            floor_code_bytes: floor.code_bytes,
            floor_over_peer: floor_over,
            code_budget_at_aim: peer.map(|p| {
                i64::try_from(p.proof_size / 2).unwrap_or(i64::MAX)
                    - i64::try_from(floor_storage).unwrap_or(i64::MAX)
            }),
            rules: rules.consumed,
            rules_code_bytes: rules.code_bytes,
            rules_over_peer: rules_over,
            rules_storage_over_peer: peer.map(|p| {
                ratio(
                    rules.consumed.proof_size.saturating_sub(rules.code_bytes),
                    p.proof_size,
                )
            }),
            ref_time_verdict: verdicts.map(|v| v.0),
            proof_verdict: verdicts.map(|v| v.1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_floor_above_the_aim_is_named() {
        assert_eq!(Verdict::of(0.5, 0.4, 0.45), Verdict::Met);
        assert_eq!(Verdict::of(1.19, 0.76, 0.9), Verdict::StoppedByFloor);
        assert_eq!(Verdict::of(1.17, 0.47, 0.66), Verdict::StoppedByRules);
        assert_eq!(Verdict::of(1.17, 0.47, 0.5), Verdict::NotMet);
        // A floor exactly at the aim does not stop it.
        assert_eq!(Verdict::of(0.51, 0.5, 0.5), Verdict::NotMet);
    }
}
