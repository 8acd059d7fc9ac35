//! `coop accept`: accept an offer of membership.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use serde::Serialize;

/// Accept an offer of membership and receive your share.
///
/// An admission proposal that passed and was executed offers membership to
/// the accounts it names; nobody becomes a member without signing. Run this
/// with the key that was named (COOP_SURI or --suri-file) within the
/// acceptance window (a rule; `coop proposal ID` shows until which block):
/// you get the next share number and may vote on proposals made from then
/// on. Each offer can be accepted once; one not accepted in time lapses.
/// Costs the fee and your share's storage deposit, which you get back when
/// you resign (or, if expelled, by `coop release`).
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then
/// `proposal` and `share`.
#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// The admission proposal's number.
    pub id: u32,
}

/// Runs `coop accept`.
pub async fn handle(args: AcceptArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let outcome = s
        .coop
        .accept(&signer, args.id)
        .await
        .with_context(|| format!("accept the offer of proposal {}", args.id))?;
    s.print_tx(
        &outcome,
        &format!(
            "offer accepted: you hold share {} and are a member",
            outcome.value
        ),
        AcceptJson {
            proposal: args.id,
            share: outcome.value,
        },
    );
    Ok(())
}

/// `coop accept --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct AcceptJson {
    /// The admission.
    proposal: u32,
    /// The share issued.
    share: u32,
}
