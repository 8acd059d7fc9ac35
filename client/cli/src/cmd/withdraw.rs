//! `coop withdraw`: take back a proposal nobody has voted on.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use serde::Serialize;

/// Withdraw your proposal while nobody has voted on it.
///
/// Withdraw your proposal while nobody has voted on it and its deadline has
/// not passed. Only the proposer (the holder of the proposer's share) may.
/// A withdrawn proposal still counts against the proposer's limit of
/// proposals until its deadline. Costs the fee; `coop prune` gives back
/// the proposal's storage deposit.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `proposal`, `status`.
#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// The proposal's number.
    pub id: u32,
}

/// Runs `coop withdraw`.
pub async fn handle(args: WithdrawArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let outcome = s
        .coop
        .withdraw(&signer, args.id)
        .await
        .with_context(|| format!("withdraw proposal {}", args.id))?;
    s.print_tx(
        &outcome,
        &format!("proposal {} withdrawn", args.id),
        WithdrawJson {
            proposal: args.id,
            status: "withdrawn",
        },
    );
    Ok(())
}

/// `coop withdraw --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct WithdrawJson {
    /// The proposal withdrawn.
    proposal: u32,
    /// Always `withdrawn`.
    status: &'static str,
}
