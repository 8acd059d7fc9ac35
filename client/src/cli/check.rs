//! `coop check`: can this node host a coop?

use super::context::Global;
use anyhow::{bail, Context as _, Result};
use clap::Args;
use coop_client::contracts::support;
use coop_client::Chain;
use serde_json::json;

/// Check that a node can host a coop before deploying to it: it answers,
/// it runs pallet-contracts (ink! 5 Wasm contracts), and what its token is.
///
/// Reads only; signs and costs nothing. The node is --url, else $COOP_URL,
/// else the manifest's node if there is a manifest, else ws://127.0.0.1:9944. Exits 1 if the chain cannot run coop's contracts, e.g. one
/// that has moved to pallet-revive.
#[derive(Debug, Args)]
pub struct Check {}

/// Runs `coop check`.
pub async fn handle(_args: Check, global: &Global) -> Result<()> {
    let url = global.node_url();
    let chain = Chain::connect(&url).await?;
    let name = chain.chain_name().await?;
    let props = chain.properties().await?;
    let best = chain.best_block().await?.number;
    let offered = support(&chain);
    let genesis = format!("0x{}", hex::encode(chain.genesis_hash()));
    if global.json {
        let out = json!({
            "url": url,
            "chain": name,
            "genesis_hash": genesis,
            "best_block": best,
            "token_symbol": props.token_symbol,
            "token_decimals": props.token_decimals,
            "wasm_contracts": offered.wasm_contracts,
            "revive": offered.revive,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).context("printing JSON")?
        );
    } else {
        println!("chain           {name} at {url} (best block {best})");
        println!("genesis         {genesis}");
        match (&props.token_symbol, props.token_decimals) {
            (Some(symbol), Some(decimals)) => println!("token           {symbol}, {decimals} decimals"),
            _ => println!(
                "token           not declared by the chain: give `coop deploy --token SYMBOL:DECIMALS`"
            ),
        }
        println!(
            "wasm contracts  {}",
            if offered.wasm_contracts {
                "yes (pallet-contracts): coop can run here"
            } else {
                "no"
            }
        );
        if offered.revive {
            println!("pallet-revive   present (PolkaVM contracts; coop's ink! 5 Wasm contracts do not use it)");
        }
    }
    if !offered.wasm_contracts {
        bail!("{name} at {url} has no pallet-contracts: coop's ink! 5 (Wasm) contracts cannot run there");
    }
    Ok(())
}
