//! `coop resign`: leave the coop.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use serde::Serialize;

/// Give up your share and leave the coop.
///
/// Give up your share and leave the coop, at any time, alone (except the
/// last member). The share number is retired for ever. If your share paid
/// in member capital, the same transaction pays it back to you at par:
/// exactly what the share paid in, whatever the share price is now. Costs
/// the fee; the share's storage deposit is refunded to the signer.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then
/// `share` and `capital_repaid` (smallest units).
#[derive(Debug, Args)]
pub struct ResignArgs {}

/// Runs `coop resign`.
pub async fn handle(_args: ResignArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let outcome = s.coop.resign(&signer).await.context("resign")?;
    let repaid: Vec<coop_shared::governance::CapitalRepaid> =
        outcome.events(&s.coop.governance())?;
    let repaid: u128 = repaid.iter().map(|r| r.amount).sum();
    let back = if repaid > 0 {
        format!(
            "; your member capital, {}, was paid back",
            s.amounts.format(repaid)
        )
    } else {
        String::new()
    };
    s.print_tx(
        &outcome,
        &format!(
            "share {} resigned: you are no longer a member{back}",
            outcome.value
        ),
        ResignJson {
            share: outcome.value,
            capital_repaid: coop_client::coop::view::amount(repaid),
        },
    );
    Ok(())
}

/// `coop resign --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct ResignJson {
    /// The share given up.
    share: u32,
    /// The member capital paid back, smallest units.
    capital_repaid: String,
}
