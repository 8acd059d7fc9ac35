//! Where a vote's weight goes, and the least any governed vote can cost on
//! a backend: issue #16 asks, where its aim cannot be met, for the measured
//! floor that stops it and the breakdown of each KB of proof.
//!
//! Everything here is arithmetic on figures measured in the same run: the
//! vote, the floor (`floor-vote`'s vote, the least a governed vote can
//! cost), the cheapest peer, and two reads of governance that differ by
//! exactly one storage read.

use crate::harness::{Cost, Gas};
use crate::limits::ratio;
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
}

fn find<'a>(rows: &'a [Row], name: &str) -> Result<&'a Cost> {
    rows.iter()
        .find(|r| r.operation == name)
        .map(|r| &r.cost)
        .with_context(|| format!("no \"{name}\" row was measured"))
}

impl Breakdown {
    /// Splits `vote` using `rows` (the run's operations), the floor's vote
    /// and the cheapest peer's vote (per weight), if any.
    pub fn new(vote: &Cost, rows: &[Row], floor: &Cost, peer: Option<Gas>) -> Result<Breakdown> {
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
        Ok(Breakdown {
            vote: vote.consumed,
            code_bytes: vote.code_bytes,
            rest_bytes,
            rest_in_reads: ratio(rest_bytes, per_read.proof_size),
            per_read,
            floor: floor.consumed,
            floor_code_bytes: floor.code_bytes,
            floor_over_peer: peer.map(|p| {
                (
                    ratio(floor.consumed.ref_time, p.ref_time),
                    ratio(floor.consumed.proof_size, p.proof_size),
                )
            }),
            code_budget_at_aim: peer.map(|p| {
                i64::try_from(p.proof_size / 2).unwrap_or(i64::MAX)
                    - i64::try_from(floor_storage).unwrap_or(i64::MAX)
            }),
        })
    }
}
