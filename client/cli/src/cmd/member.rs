//! `coop member`: one member.

use crate::context::{pretty, Global};
use anyhow::{anyhow, Result};
use clap::Args;
use coop_client::coop::{ss58_account, view};
use serde_json::json;

/// Show one member by address or share number.
///
/// Show one member: share number, account, the block they joined at and
/// their open proposals. Anyone may run it; it only reads.
///
/// JSON fields: `number`, `account`, `ss58`, `joined_at`, `open_proposals`.
#[derive(Debug, Args)]
pub struct MemberArgs {
    /// The member's address (SS58 or 0x-hex) or share number.
    pub who: String,
}

/// Runs `coop member`.
pub async fn handle(args: MemberArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let (account, share) = s.member_arg(&args.who).await?;
    let share = share.ok_or_else(|| anyhow!("{} is not a member", ss58_account(&account)))?;
    let open = s.coop.open_proposals_of(share.number).await?;
    if s.json {
        let mut v = view::share(&share);
        crate::context::merge(
            &mut v,
            json!({"ss58": ss58_account(&share.holder), "open_proposals": open}),
        );
        println!("{}", pretty(&v));
        return Ok(());
    }
    println!("share       {}", share.number);
    println!("account     {}", view::account(&share.holder));
    println!("ss58        {}", ss58_account(&share.holder));
    println!("joined at   block {}", share.joined_at);
    println!(
        "open proposals {}",
        if open.is_empty() {
            "none".to_string()
        } else {
            open.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    Ok(())
}
