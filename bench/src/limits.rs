//! How many votes fit in a block: the node's block weight limits from its
//! runtime metadata, and the whole weight of a vote transaction from its
//! `System::ExtrinsicSuccess` event.

use crate::harness::Gas;
use anyhow::{Context, Result};
use coop_client::chain::{Call, Chain, Included, Signer, Value};
use coop_client::contracts::Weight;
use parity_scale_codec::{Decode, Encode};
use serde::Serialize;

/// A relay chain's limit on a parachain block's proof of validity (PoV):
/// Polkadot's `MAX_POV_SIZE`, 5 MiB. A standalone dev node sets no proof
/// limit, so votes per block by proof size are counted against this one.
pub const PARACHAIN_POV_BYTES: u64 = 5 * 1024 * 1024;

/// `frame_system::limits::WeightsPerClass`, as SCALE-encoded in metadata.
#[derive(Debug, Clone, Copy, Decode)]
struct WeightsPerClass {
    base_extrinsic: Weight,
    max_extrinsic: Option<Weight>,
    max_total: Option<Weight>,
    _reserved: Option<Weight>,
}

/// `frame_system::limits::BlockWeights`: what `System::BlockWeights` holds.
#[derive(Debug, Clone, Copy, Decode)]
struct BlockWeights {
    base_block: Weight,
    max_block: Weight,
    normal: WeightsPerClass,
    _operational: WeightsPerClass,
    _mandatory: WeightsPerClass,
}

/// A runtime constant's SCALE bytes, from the metadata the node serves
/// (`Metadata_metadata_at_version(15)`).
pub async fn constant(chain: &Chain, pallet: &str, name: &str) -> Result<Vec<u8>> {
    let out = chain
        .runtime_call("Metadata_metadata_at_version", &15u32.encode())
        .await?;
    let bytes = Option::<Vec<u8>>::decode(&mut &out[..])
        .context("decoding the metadata call's answer")?
        .context("the node serves no V15 metadata")?;
    let metadata =
        subxt::metadata::Metadata::decode_from(&bytes).context("decoding the metadata")?;
    let value = metadata
        .pallet_by_name(pallet)
        .and_then(|p| p.constant_by_name(name))
        .with_context(|| format!("the runtime has no constant {pallet}::{name}"))?
        .value()
        .to_vec();
    Ok(value)
}

/// The weight a transaction's `System::ExtrinsicSuccess` event reports
/// (its `DispatchEventInfo` starts with the weight).
pub fn dispatch_weight(included: &Included) -> Result<Gas> {
    let event = included
        .events
        .iter()
        .find(|e| e.is("System", "ExtrinsicSuccess"))
        .context("no System::ExtrinsicSuccess event")?;
    let mut info = event
        .field("dispatch_info")
        .context("no dispatch_info in System::ExtrinsicSuccess")?;
    let weight = Weight::decode(&mut info).context("decoding the dispatch weight")?;
    Ok(weight.into())
}

/// Votes per block and the limits they are counted against.
#[derive(Debug, Clone, Serialize)]
pub struct VotesPerBlock {
    /// `System::BlockWeights.max_block`.
    pub max_block: Gas,
    /// `base_block`: what every block spends before any transaction.
    pub base_block: Gas,
    /// The normal class's `max_total`: what user transactions may fill.
    pub normal_max_total: Gas,
    /// The normal class's `max_extrinsic`: the most one transaction may weigh.
    pub normal_max_extrinsic: Option<Gas>,
    /// The normal class's `base_extrinsic`: what every transaction weighs on top of its call.
    pub base_extrinsic: Gas,
    /// Whether this runtime's `ExtrinsicSuccess` weight already includes
    /// `base_extrinsic` (seen on a `System::remark`, whose own weight is far below it).
    pub event_includes_base_extrinsic: bool,
    /// One vote transaction, all in: the contract's gas, pallet-contracts'
    /// overhead of a call, and `base_extrinsic`.
    pub vote_transaction: Gas,
    /// Votes in the normal class's `max_total` ref_time.
    pub by_ref_time: u64,
    /// The parachain PoV limit used for the proof-size count, in bytes.
    pub pov_limit: u64,
    /// The normal class's share of a block, from this node's limits
    /// (`normal max_total / max_block` in ref_time), applied to the PoV limit.
    pub normal_share: f64,
    /// Votes in the normal class's share of a 5 MiB PoV.
    pub by_proof_size: u64,
    /// Votes if the whole 5 MiB PoV were theirs.
    pub by_proof_size_whole_pov: u64,
    /// The normal class's share of a 5 MiB PoV, in bytes.
    pub normal_pov: u64,
}

/// How many accounts one call can carry before its proof outgrows the
/// normal class's share of a parachain block (founders at deployment, or
/// one admission): its proof grows by a fixed amount per account.
#[derive(Debug, Clone, Serialize)]
pub struct PovFit {
    /// The call.
    pub operation: String,
    /// Proof bytes per account, from two sizes measured in this run.
    pub per_account: u64,
    /// Proof bytes it needs besides the accounts.
    pub fixed: u64,
    /// The proof bytes it may use (the normal share of a 5 MiB PoV).
    pub limit: u64,
    /// Most accounts that fit.
    pub max_accounts: u64,
    /// Most accounts the contracts allow in one such call
    /// (`MAX_MEMBERS_PER_CALL` founders, `MAX_ADMISSIONS` in an admission).
    pub allowed: u64,
}

impl PovFit {
    /// Fits a line through two measured calls, `small` with `n_small`
    /// accounts and `large` with `n_large`, and solves it for `limit`.
    pub fn new(
        operation: &str,
        (n_small, small): (u64, &Gas),
        (n_large, large): (u64, &Gas),
        limit: u64,
    ) -> PovFit {
        let per_account = large
            .proof_size
            .saturating_sub(small.proof_size)
            .checked_div(n_large.saturating_sub(n_small))
            .unwrap_or(0);
        let fixed = small
            .proof_size
            .saturating_sub(per_account.saturating_mul(n_small));
        PovFit {
            operation: operation.to_string(),
            per_account,
            fixed,
            limit,
            max_accounts: limit
                .saturating_sub(fixed)
                .checked_div(per_account)
                .unwrap_or(u64::MAX),
            allowed: n_large,
        }
    }
}

/// Counts the votes that fit in a block, from the node's limits and the
/// dispatch weight of one vote transaction (`vote`), with `remarker`
/// sending one remark to learn whether event weights include the base.
pub async fn votes_per_block(
    chain: &Chain,
    remarker: &Signer,
    vote: &Included,
) -> Result<VotesPerBlock> {
    let bytes = constant(chain, "System", "BlockWeights").await?;
    let limits = BlockWeights::decode(&mut &bytes[..]).context("decoding System::BlockWeights")?;
    let normal_max_total = limits.normal.max_total.unwrap_or(limits.max_block);
    let base: Gas = limits.normal.base_extrinsic.into();

    // A remark weighs a few million ps; base_extrinsic is far more. If its
    // event weight reaches base_extrinsic, event weights include it.
    let remark = Call::new(
        "System",
        "remark",
        vec![Value::from_bytes(
            b"coop-bench: does the event weight include base_extrinsic?",
        )],
    );
    let remarked = chain.submit(&remark, remarker).await?;
    let includes_base = dispatch_weight(&remarked)?.ref_time >= base.ref_time;

    let mut per_vote = dispatch_weight(vote)?;
    if !includes_base {
        per_vote.ref_time = per_vote.ref_time.saturating_add(base.ref_time);
        per_vote.proof_size = per_vote.proof_size.saturating_add(base.proof_size);
    }
    let share = ratio(normal_max_total.ref_time, limits.max_block.ref_time);
    // Truncation is the point: a share of a block, in whole bytes.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let normal_pov = (PARACHAIN_POV_BYTES as f64 * share) as u64;
    Ok(VotesPerBlock {
        max_block: limits.max_block.into(),
        base_block: limits.base_block.into(),
        normal_max_total: normal_max_total.into(),
        normal_max_extrinsic: limits.normal.max_extrinsic.map(Gas::from),
        base_extrinsic: base,
        event_includes_base_extrinsic: includes_base,
        vote_transaction: per_vote,
        by_ref_time: normal_max_total
            .ref_time
            .checked_div(per_vote.ref_time)
            .unwrap_or(0),
        pov_limit: PARACHAIN_POV_BYTES,
        normal_share: share,
        by_proof_size: normal_pov.checked_div(per_vote.proof_size).unwrap_or(0),
        by_proof_size_whole_pov: PARACHAIN_POV_BYTES
            .checked_div(per_vote.proof_size)
            .unwrap_or(0),
        normal_pov,
    })
}

/// `a / b` as a float; 0 when `b` is 0.
pub fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        // Weights stay far below 2^52, where f64 is exact.
        #[allow(clippy::cast_precision_loss)]
        let r = a as f64 / b as f64;
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_through_two_batches_gives_the_largest_that_fits() {
        let gas = |proof_size| Gas {
            ref_time: 0,
            proof_size,
        };
        // 100 bytes fixed, 10 per account: 1 account is 110, 11 are 210.
        let fit = PovFit::new("admit", (1, &gas(110)), (11, &gas(210)), 1_000);
        assert_eq!((fit.per_account, fit.fixed), (10, 100));
        assert_eq!(fit.max_accounts, 90);
        // Nothing grows: everything fits.
        let flat = PovFit::new("read", (1, &gas(50)), (2, &gas(50)), 1_000);
        assert_eq!(flat.max_accounts, u64::MAX);
    }

    #[test]
    fn ratios_never_divide_by_zero() {
        assert_eq!(ratio(3, 0), 0.0);
        assert!((ratio(3, 2) - 1.5).abs() < f64::EPSILON);
    }

    #[test]
    fn block_weights_decode_as_frame_system_encodes_them() {
        use parity_scale_codec::Compact;
        let w = |r: u64, p: u64| (Compact(r), Compact(p));
        let class = |max: Option<(Compact<u64>, Compact<u64>)>| {
            (w(5, 0), max, max, None::<(Compact<u64>, Compact<u64>)>)
        };
        let bytes = (
            w(1, 2),
            w(100, 200),
            class(Some(w(75, 150))),
            class(None),
            class(None),
        )
            .encode();
        let decoded = BlockWeights::decode(&mut &bytes[..]).expect("decodes");
        assert_eq!(decoded.max_block.ref_time, 100);
        assert_eq!(decoded.normal.max_total.map(|m| m.proof_size), Some(150));
        assert_eq!(decoded.normal.base_extrinsic.ref_time, 5);
    }
}
