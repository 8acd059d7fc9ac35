//! `coop check`: can this node host a coop?

use super::context::Global;
use anyhow::{bail, Context as _, Result};
use clap::Args;
use coop_client::contracts::support;
use coop_client::Chain;
use serde_json::json;

/// Check that a node can host a coop before deploying to it: it answers,
/// which contracts runtime it offers, and what its token is.
///
/// A coop runs on pallet-contracts (ink! 5, Wasm). pallet-revive (ink! 6,
/// PolkaVM), where every public ink! network now is, is recognized and
/// named, but coop's contracts are not ported to it yet. Reads only; signs
/// and costs nothing. The node is --url, else $COOP_URL, else the
/// manifest's node if there is a manifest, else ws://127.0.0.1:9944. Exits 1
/// if the chain cannot run coop's contracts.
///
/// JSON fields: `url`, `chain`, `genesis_hash`, `best_block`,
/// `token_symbol`, `token_decimals`, `backend` (`contracts`, `revive` or
/// null), `wasm_contracts`, `revive`.
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
            "backend": if offered.wasm_contracts {
                Some("contracts")
            } else if offered.revive {
                Some("revive")
            } else {
                None
            },
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
        println!(
            "pallet-revive   {}",
            if offered.revive {
                "yes (PolkaVM, ink! 6): coop's register and governance are not ported to it yet"
            } else {
                "no"
            }
        );
    }
    if !offered.wasm_contracts {
        if offered.revive {
            bail!("{name} at {url} runs pallet-revive (ink! 6), not pallet-contracts: coop's contracts are not ported to it yet, so no coop can be deployed there today");
        }
        bail!("{name} at {url} runs neither pallet-contracts nor pallet-revive: no ink! contracts run there");
    }
    Ok(())
}
