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
/// If the rules set a member share price, accepting pays it in (sent from
/// your account, exactly the price in force): it is your member capital,
/// held apart from the coop's funds and paid back to you at par when you
/// resign or are expelled. Also costs the fee and your share's storage
/// deposit, which you get back when you resign (or, if expelled, by `coop
/// release`).
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then
/// `proposal`, `share` and `capital` (paid in, smallest units).
#[derive(Debug, Args)]
pub struct AcceptArgs {
    /// The admission proposal's number.
    pub id: u32,
}

/// Runs `coop accept`.
pub async fn handle(args: AcceptArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let price = s.coop.rules().await?.share_price;
    if price > 0 {
        eprintln!(
            "coop: accepting pays in the member share price, {} (paid back at par when you leave)",
            s.amounts.format(price)
        );
    }
    let outcome = s
        .coop
        .accept(&signer, args.id, price)
        .await
        .with_context(|| format!("accept the offer of proposal {}", args.id))?;
    let paid = if price > 0 {
        format!(", having paid in {}", s.amounts.format(price))
    } else {
        String::new()
    };
    s.print_tx(
        &outcome,
        &format!(
            "offer accepted: you hold share {} and are a member{paid}",
            outcome.value
        ),
        AcceptJson {
            proposal: args.id,
            share: outcome.value,
            capital: coop_client::coop::view::amount(price),
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
    /// The member capital paid in, smallest units.
    capital: String,
}
