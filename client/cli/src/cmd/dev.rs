//! `coop dev ...`: conveniences for a local development chain.

use crate::context::Global;
use anyhow::Result;
use clap::{Args, Subcommand};
use coop_client::coop::Client;
use std::io::Write as _;

/// The secret URI used when `COOP_SURI` is not set. Only the dev-chain
/// verbs fall back to it: on a dev chain `//Alice` is a well-known key.
const DEV_SURI: &str = "//Alice";

/// A dev-chain tool.
#[derive(Debug, Subcommand)]
pub enum DevArgs {
    /// Make N blocks (the dev node seals a block only when a transaction arrives).
    Advance(Advance),
}

/// Make N blocks by submitting N remarks, each awaited in its block (to
/// reach a voting deadline on a dev node, which seals only on demand).
/// Signs with --suri-file or COOP_SURI, or //Alice if neither is given.
/// The node is --url, else $COOP_URL, else the manifest's node if there is
/// a manifest, else ws://127.0.0.1:9944.
#[derive(Debug, Args)]
pub struct Advance {
    /// How many blocks to make.
    pub blocks: u32,
}

/// Runs a dev verb.
pub async fn handle(dev: DevArgs, global: &Global) -> Result<()> {
    match dev {
        DevArgs::Advance(args) => advance(args, global).await,
    }
}

async fn advance(args: Advance, global: &Global) -> Result<()> {
    let signer = global.signer_or(Some(DEV_SURI))?;
    let url = global.node_url();
    let client = Client::connect(&url).await?;
    global.check_key(&signer, &client).await?;
    let start = client.report().await?.best_block;
    println!(
        "advancing {} block(s) from height {start} on {}",
        args.blocks, url
    );
    let total = args.blocks;
    let height = client
        .advance(&signer, total, &move |made, height| {
            println!("  block {made}/{total}: height {height}");
            let _ = std::io::stdout().flush();
        })
        .await?;
    println!("done: height {height}");
    Ok(())
}
