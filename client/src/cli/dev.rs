//! `coop dev ...`: conveniences for a local development chain.

use clap::{Args, Subcommand};
use coop_client::{Chain, Result, Signer};
use std::io::Write as _;

/// The secret URI used when `COOP_SURI` is not set. Only the dev-chain
/// verbs fall back to it: on a dev chain `//Alice` is a well-known key.
const DEV_SURI: &str = "//Alice";

/// A dev-chain tool.
#[derive(Debug, Subcommand)]
pub enum Dev {
    /// Make N blocks (the dev node seals a block only when a transaction arrives).
    Advance(Advance),
}

/// Make N blocks by submitting N remarks, each awaited in its block.
#[derive(Debug, Args)]
pub struct Advance {
    /// How many blocks to make.
    pub blocks: u32,
    /// The node's WebSocket URL.
    #[arg(long, env = "COOP_URL", default_value = "ws://127.0.0.1:9944")]
    pub url: String,
}

/// Runs a dev verb.
pub async fn handle(dev: Dev) -> Result<()> {
    match dev {
        Dev::Advance(args) => advance(args).await,
    }
}

async fn advance(args: Advance) -> Result<()> {
    // Read here rather than through clap, whose help would print the value.
    let suri = std::env::var("COOP_SURI").unwrap_or_else(|_| DEV_SURI.to_string());
    let signer = Signer::from_uri(&suri)?;
    let chain = Chain::connect(&args.url).await?;
    let start = chain.best_block().await?.number;
    println!(
        "advancing {} block(s) from height {start} on {}",
        args.blocks, args.url
    );
    let total = args.blocks;
    let height = chain
        .advance_blocks(&signer, total, &move |made, height| {
            println!("  block {made}/{total}: height {height}");
            let _ = std::io::stdout().flush();
        })
        .await?;
    println!("done: height {height}");
    Ok(())
}
