//! `coop resign`: leave the coop.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use serde::Serialize;

/// Give up your share and leave the coop.
///
/// Give up your share and leave the coop, at any time, alone (except the
/// last member). The share number is retired for ever. Costs the fee; the
/// share's storage deposit is refunded to the signer.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `share`.
#[derive(Debug, Args)]
pub struct ResignArgs {}

/// Runs `coop resign`.
pub async fn handle(_args: ResignArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let outcome = s.coop.resign(&signer).await.context("resign")?;
    s.print_tx(
        &outcome,
        &format!(
            "share {} resigned: you are no longer a member",
            outcome.value
        ),
        ResignJson {
            share: outcome.value,
        },
    );
    Ok(())
}

/// `coop resign --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct ResignJson {
    /// The share given up.
    share: u32,
}
