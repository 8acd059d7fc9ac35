//! `coop member`: one member.

use crate::context::{print_json, print_kv, Global};
use anyhow::{anyhow, Result};
use clap::Args;
use coop_client::coop::{hex_account, view};
use serde::Serialize;

/// Show one member by address or share number.
///
/// Show one member: share number, account, the block they joined at,
/// whether the share is active or suspended, the block of their last
/// signed act (what dormancy is counted from), the member capital their
/// share paid in (paid back at par when they leave) and their open
/// proposals. Anyone may run it; it only reads.
///
/// JSON fields: `number`, `account` (SS58), `account_hex` (the raw bytes),
/// `joined_at`, `state` (`active` or `suspended`), `last_act`, `capital`
/// (smallest units), `open_proposals`.
#[derive(Debug, Args)]
pub struct MemberArgs {
    /// The member's address (SS58 or 0x-hex) or share number.
    pub who: String,
}

/// Runs `coop member`.
pub async fn handle(args: MemberArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let (account, share) = s.member_arg(&args.who).await?;
    let share = share.ok_or_else(|| anyhow!("{} is not a member", view::account(&account)))?;
    let open = s.coop.open_proposals_of(share.number).await?;
    let last_act = share.seen_at.max(s.coop.last_act_of(share.number).await?);
    let state = view::share_state(share.state);
    let capital = s.coop.capital_of(share.number).await?;
    if s.json {
        return print_json(&MemberJson {
            number: share.number,
            account: view::account(&share.holder),
            account_hex: hex_account(&share.holder),
            joined_at: share.joined_at,
            state,
            last_act,
            capital: view::amount(capital),
            open_proposals: open,
        });
    }
    let open = if open.is_empty() {
        "none".to_string()
    } else {
        open.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    print_kv(
        "",
        &[
            ("share", share.number.to_string()),
            ("account", view::account(&share.holder)),
            ("raw (hex)", hex_account(&share.holder)),
            ("joined at", format!("block {}", share.joined_at)),
            (
                "state",
                if state == "suspended" {
                    "suspended: its holder returns with `coop reactivate`".to_string()
                } else {
                    state.to_string()
                },
            ),
            ("last act", format!("block {last_act}")),
            (
                "capital",
                if capital == 0 {
                    "none paid in".to_string()
                } else {
                    format!(
                        "{} paid in, paid back at par on leaving",
                        s.amounts.format(capital)
                    )
                },
            ),
            ("open proposals", open),
        ],
    );
    Ok(())
}

/// `coop member --json`.
#[derive(Debug, Serialize)]
struct MemberJson {
    number: u32,
    /// SS58.
    account: String,
    /// The same account's raw bytes, `0x`-hex.
    account_hex: String,
    joined_at: u32,
    state: &'static str,
    last_act: u32,
    /// Member capital paid in, smallest units.
    capital: String,
    open_proposals: Vec<u32>,
}
