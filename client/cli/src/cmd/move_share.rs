//! `coop move-share`: move your own share to a new key.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::Args;
use coop_client::coop::{parse_account, view};
use serde::Serialize;

/// Move your own share to a new key, with no vote.
///
/// Signed by the key that holds the share now (COOP_SURI or --suri-file),
/// which can no longer act for the share afterwards: the new key votes,
/// proposes and resigns from then on. The share keeps its number, the block
/// it joined at, and every vote it has cast (a vote is counted per share, so
/// the new key cannot vote again where the old one did). Any member may do
/// this for their own share at any time; moving another member's share (a
/// lost key) is a proposal, `coop propose rotate-key`, decided by the
/// special threshold. Costs the fee; the share's storage stays paid for.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then
/// `share` and `new_key`.
#[derive(Debug, Args)]
pub struct MoveShareArgs {
    /// The new key's address (SS58 or 0x-hex): a key you hold, with no share.
    pub new_key: String,
}

/// Runs `coop move-share`.
pub async fn handle(args: MoveShareArgs, global: &Global) -> Result<()> {
    let new = parse_account(&args.new_key)?;
    let (s, signer) = global.open_signed().await?;
    let outcome = s
        .coop
        .move_share(&signer, &new)
        .await
        .context("move-share")?;
    s.print_tx(
        &outcome,
        &format!(
            "share {} now belongs to {}; the old key can no longer act for it",
            outcome.value,
            view::account(&new)
        ),
        MoveShareJson {
            share: outcome.value,
            new_key: view::account(&new),
        },
    );
    Ok(())
}

/// `coop move-share --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct MoveShareJson {
    /// The share moved.
    share: u32,
    /// Its new key.
    new_key: String,
}
