//! `coop proxy`: appoint a proxy or revoke the appointment.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

/// Appoint another member to vote for you, or revoke the appointment.
///
/// A member who cannot vote may appoint another member as proxy, as coop
/// law commonly allows: for one proposal (`--proposal ID`) or for every
/// proposal until revoked. The proxy votes for your share with `coop vote
/// ID CHOICE --for SHARE`; it is still one vote per share, and your own
/// vote, cast before the deadline, always replaces your proxy's. A new
/// appointment replaces your earlier one; `coop proxy revoke` ends it at
/// once. A proxy holds at most the rules' proxy limit of appointments at a
/// time (default 1; 0 means no proxies), and cannot pass one on. Resigning
/// or being expelled ends your appointment. Costs the fee and a small
/// storage deposit, refunded when the appointment ends by your own act.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then
/// `proxy` (the proxy's share, or null after revoking) and `proposal`.
#[derive(Debug, Args)]
pub struct ProxyArgs {
    #[command(subcommand)]
    what: ProxyCommand,
}

#[derive(Debug, Subcommand)]
enum ProxyCommand {
    /// Appoint a member (address or share number) to vote for you.
    Appoint {
        /// The proxy: an address (SS58 or 0x-hex) or share number.
        member: String,
        /// Only for this proposal (it must be open); default: every
        /// proposal until revoked.
        #[arg(long, value_name = "ID")]
        proposal: Option<u32>,
    },
    /// End your appointment at once.
    Revoke,
}

/// Runs `coop proxy`.
pub async fn handle(args: ProxyArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    match args.what {
        ProxyCommand::Appoint { member, proposal } => {
            let (account, share) = s.member_arg(&member).await?;
            let share = share.ok_or_else(|| {
                anyhow::anyhow!(
                    "{} is not a member: only a member can be a proxy",
                    coop_client::coop::view::account(&account)
                )
            })?;
            let outcome = s
                .coop
                .appoint(&signer, share.number, proposal)
                .await
                .with_context(|| format!("appoint share {} as proxy", share.number))?;
            let scope = match proposal {
                Some(id) => format!("for proposal {id}"),
                None => "for every proposal until you revoke it".to_string(),
            };
            s.print_tx(
                &outcome,
                &format!("share {} is your proxy {scope}", share.number),
                ProxyJson {
                    proxy: Some(share.number),
                    proposal,
                },
            );
        }
        ProxyCommand::Revoke => {
            let outcome = s.coop.revoke(&signer).await.context("revoke your proxy")?;
            s.print_tx(
                &outcome,
                "your proxy appointment has ended",
                ProxyJson {
                    proxy: None,
                    proposal: None,
                },
            );
        }
    }
    Ok(())
}

/// `coop proxy --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct ProxyJson {
    /// The proxy's share, or null after revoking.
    proxy: Option<u32>,
    /// The one proposal it is for, or null.
    proposal: Option<u32>,
}
