//! `coop reactivate`: return from suspension.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use serde::Serialize;

/// Return to voting after your share was suspended.
///
/// A share whose holder showed no sign of life for the dormancy period can
/// be suspended by a special decision, so that lost keys cannot keep a coop
/// from reaching its quorum. The holder, and only the holder, undoes it by
/// signing this: the share counts in every electorate made afterwards and
/// votes on proposals made after this block (not on those made while it
/// was suspended, whose electorates left it out). Costs the fee only.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `share`.
#[derive(Debug, Args)]
pub struct ReactivateArgs {}

/// Runs `coop reactivate`.
pub async fn handle(_args: ReactivateArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let outcome = s.coop.reactivate(&signer).await.context("reactivate")?;
    s.print_tx(
        &outcome,
        &format!(
            "share {} is active again: it votes on proposals made from the next block on",
            outcome.value
        ),
        ShareJson {
            share: outcome.value,
        },
    );
    Ok(())
}

/// `coop reactivate --json` and `coop release --json`: the transaction's
/// fields and the share.
#[derive(Debug, Serialize)]
pub(crate) struct ShareJson {
    /// The share.
    pub(crate) share: u32,
}
