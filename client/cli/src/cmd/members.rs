//! `coop members`: the share register, page by page.

use crate::context::{member_table, print_json, Global};
use anyhow::Result;
use clap::Args;
use coop_client::coop::view;
use serde::Serialize;

/// List members by share number, a page at a time.
///
/// List members by share number, a page at a time (a page covers up to 256
/// share numbers; resigned and expelled numbers leave gaps). Anyone may run
/// it; it only reads.
///
/// JSON fields: `members` (`number`, `account`, `joined_at`), `member_count`,
/// `next_start` (where the next page starts, or null).
#[derive(Debug, Args)]
pub struct MembersArgs {
    /// The first share number of the page.
    #[arg(long, default_value_t = 1)]
    pub start: u32,
    /// How many share numbers the page covers (1 to 256).
    #[arg(long, default_value_t = 256)]
    pub count: u32,
}

/// Runs `coop members`.
pub async fn handle(args: MembersArgs, global: &Global) -> Result<()> {
    let s = global.open().await?;
    let page = s.coop.members(args.start, args.count).await?;
    let count = s.coop.member_count().await?;
    if s.json {
        return print_json(&MembersJson {
            members: page.members.iter().map(view::share).collect(),
            member_count: count,
            next_start: page.next,
        });
    }
    member_table(&page.members);
    println!("{count} member(s) in all");
    if let Some(next) = page.next {
        println!("more: coop members --start {next}");
    }
    Ok(())
}

/// `coop members --json`.
#[derive(Debug, Serialize)]
struct MembersJson {
    members: Vec<view::ShareJson>,
    member_count: u32,
    next_start: Option<u32>,
}
