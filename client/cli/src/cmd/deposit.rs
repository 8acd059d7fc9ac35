//! `coop deposit`: fund the treasury.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use coop_client::coop::view;
use serde::Serialize;

/// Put funds into the coop's treasury.
///
/// Put funds into the coop's treasury (the governance contract's balance),
/// recorded as a Deposited event. Anyone may, member or not. Costs the
/// amount plus the fee. Only a passed payment proposal spends the treasury.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `amount`, `treasury`.
#[derive(Debug, Args)]
pub struct DepositArgs {
    /// How much, e.g. 10 or 1.5 (in the manifest's token; whole smallest units if none).
    pub amount: String,
}

/// Runs `coop deposit`.
pub async fn handle(args: DepositArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let amount = s.amounts.parse(&args.amount)?;
    let outcome = s.coop.deposit(&signer, amount).await.context("deposit")?;
    let treasury = s.coop.treasury().await?;
    s.print_tx(
        &outcome,
        &format!(
            "deposited {}; the treasury holds {}",
            s.amounts.format(amount),
            s.amounts.format(treasury)
        ),
        DepositJson {
            amount: view::amount(amount),
            treasury: view::amount(treasury),
        },
    );
    Ok(())
}

/// `coop deposit --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct DepositJson {
    /// The amount deposited, in smallest units.
    amount: String,
    /// The treasury after it, in smallest units.
    treasury: String,
}
