//! `coop prune`: take back the storage deposits of closed proposals.

use crate::context::Global;
use anyhow::{bail, Context as _, Result};
use clap::Args;
use coop_shared::governance::MAX_PROPOSAL_PAGE;
use serde::Serialize;

/// Take back the storage deposits your votes and proposals hold.
///
/// Every vote and proposal stores a little on chain, paid for by a storage
/// deposit from the member who cast or made it. Once a proposal is closed,
/// its holder's share may remove its own ballot and, for proposals it made,
/// their title, text and action (an admission's once its offers can no
/// longer be accepted); the deposit comes back to the signer. The tally,
/// outcome and state stay, and the chain's events keep the full record, so
/// `coop export` and its audit are unchanged. Nobody can prune another
/// member's entries. Costs the fee; returns more than that in deposits.
///
/// Without IDs, finds every closed proposal you have something to prune on
/// (reads each proposal) and prunes them, 32 per transaction.
///
/// JSON fields: the last transaction's (`block`, `block_hash`,
/// `extrinsic_hash`, `fee`, `storage_deposit_charged`,
/// `storage_deposit_refunded`), then `pruned` (the proposal numbers) and
/// `transactions`.
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// The closed proposals to prune; all that have something of yours if none.
    pub ids: Vec<u32>,
}

/// Runs `coop prune`.
pub async fn handle(args: PruneArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let ids = if args.ids.is_empty() {
        let share = s
            .coop
            .member(&signer.account())
            .await?
            .context("the signing key holds no share, so it has nothing to prune")?;
        s.coop.prunable(share.number).await?
    } else {
        args.ids
    };
    if ids.is_empty() {
        bail!("nothing to prune: none of your ballots or proposals is on a closed proposal");
    }
    let chunk = usize::try_from(MAX_PROPOSAL_PAGE).unwrap_or(32);
    let batches: Vec<&[u32]> = ids.chunks(chunk).collect();
    let count = batches.len();
    for (i, batch) in batches.into_iter().enumerate() {
        let outcome = s
            .coop
            .prune(&signer, batch)
            .await
            .with_context(|| format!("prune proposals {batch:?}"))?;
        if i + 1 == count {
            s.print_tx(
                &outcome,
                &format!(
                    "pruned your entries of {} proposal(s): {}",
                    ids.len(),
                    ids.iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                PruneJson {
                    pruned: ids.clone(),
                    transactions: count,
                },
            );
        }
    }
    Ok(())
}

/// `coop prune --json`: the last transaction's fields and these.
#[derive(Debug, Serialize)]
struct PruneJson {
    /// The proposals pruned.
    pruned: Vec<u32>,
    /// How many transactions it took.
    transactions: usize,
}
