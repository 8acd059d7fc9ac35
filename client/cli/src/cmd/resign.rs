//! `coop resign`: leave the coop.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use serde_json::json;

/// Give up your share and leave the coop.
///
/// Give up your share and leave the coop, at any time, alone (except the
/// last member). The share number is retired for ever. Costs the fee; the
/// share's storage deposit is refunded to the signer.
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
        json!({"share": outcome.value}),
    );
    Ok(())
}
