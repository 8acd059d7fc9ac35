//! `coop dev ...`: conveniences for a local development chain.

use super::context::{Global, DEFAULT_URL};
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

/// Make N blocks by submitting N remarks, each awaited in its block (to
/// reach a voting deadline on a dev node, which seals only on demand).
/// Signs with COOP_SURI, or //Alice if unset. The node is --url, else
/// $COOP_URL, else ws://127.0.0.1:9944 (not the manifest's).
#[derive(Debug, Args)]
pub struct Advance {
    /// How many blocks to make.
    pub blocks: u32,
}

/// Runs a dev verb.
pub async fn handle(dev: Dev, global: &Global) -> Result<()> {
    match dev {
        Dev::Advance(args) => advance(args, global).await,
    }
}

async fn advance(args: Advance, global: &Global) -> Result<()> {
    // Read here rather than through clap, whose help would print the value.
    let suri = match &global.suri_file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|source| coop_client::Error::File {
                path: path.display().to_string(),
                source,
            })?
            .trim_end_matches(['\n', '\r'])
            .to_string(),
        None => std::env::var("COOP_SURI").unwrap_or_else(|_| DEV_SURI.to_string()),
    };
    let signer = Signer::from_uri(&suri)?;
    let url = global
        .url
        .clone()
        .or_else(|| std::env::var("COOP_URL").ok())
        .unwrap_or_else(|| DEFAULT_URL.to_string());
    let chain = Chain::connect(&url).await?;
    let start = chain.best_block().await?.number;
    println!(
        "advancing {} block(s) from height {start} on {}",
        args.blocks, url
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
