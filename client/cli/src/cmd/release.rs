//! `coop release`: an expelled member takes back their share's deposit.

use super::reactivate::ShareJson;
use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;

/// Free your expelled share's storage and take back its deposit.
///
/// An expulsion takes the share out of the coop at once but leaves its
/// stored record in place, so that the storage deposit you paid for it
/// comes back to you and not to whoever executed the expulsion. Sign this
/// with the expelled key to remove the record and receive the deposit. If
/// you are later admitted again, accepting does this for you. Costs the fee.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `share`.
#[derive(Debug, Args)]
pub struct ReleaseArgs {}

/// Runs `coop release`.
pub async fn handle(_args: ReleaseArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let outcome = s.coop.release(&signer).await.context("release")?;
    s.print_tx(
        &outcome,
        &format!(
            "expelled share {} released; its storage deposit is back with you",
            outcome.value
        ),
        ShareJson {
            share: outcome.value,
        },
    );
    Ok(())
}
