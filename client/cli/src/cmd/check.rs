//! `coop check`: can this node host a coop?

use crate::context::{print_json, print_kv, Global};
use anyhow::{bail, Result};
use clap::Args;
use coop_client::coop::Client;
use serde::Serialize;

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
pub struct CheckArgs {}

/// Runs `coop check`.
pub async fn handle(_args: CheckArgs, global: &Global) -> Result<()> {
    let url = global.node_url();
    let node = Client::connect(&url).await?.report().await?;
    let (name, best) = (&node.chain, node.best_block);
    let genesis = format!("0x{}", hex::encode(node.genesis_hash));
    if global.json {
        print_json(&CheckJson {
            url: url.clone(),
            chain: name.clone(),
            genesis_hash: genesis.clone(),
            best_block: best,
            token_symbol: node.token_symbol.clone(),
            token_decimals: node.token_decimals,
            backend: node.backend(),
            wasm_contracts: node.wasm_contracts,
            revive: node.revive,
        })?;
    } else {
        let token = match (&node.token_symbol, node.token_decimals) {
            (Some(symbol), Some(decimals)) => format!("{symbol}, {decimals} decimals"),
            _ => "not declared by the chain: give `coop deploy --token SYMBOL:DECIMALS`".into(),
        };
        let wasm = if node.wasm_contracts {
            "yes (pallet-contracts): coop can run here"
        } else {
            "no"
        };
        let revive = if node.revive {
            "yes (PolkaVM, ink! 6): coop's register and governance are not ported to it yet"
        } else {
            "no"
        };
        print_kv(
            "",
            &[
                ("chain", format!("{name} at {url} (best block {best})")),
                ("genesis", genesis),
                ("token", token),
                ("wasm contracts", wasm.to_string()),
                ("pallet-revive", revive.to_string()),
            ],
        );
    }
    if !node.wasm_contracts {
        if node.revive {
            bail!("{name} at {url} runs pallet-revive (ink! 6), not pallet-contracts: coop's contracts are not ported to it yet, so no coop can be deployed there today");
        }
        bail!("{name} at {url} runs neither pallet-contracts nor pallet-revive: no ink! contracts run there");
    }
    Ok(())
}

/// `coop check --json`.
#[derive(Debug, Serialize)]
struct CheckJson {
    url: String,
    chain: String,
    genesis_hash: String,
    best_block: u64,
    token_symbol: Option<String>,
    token_decimals: Option<u8>,
    /// `contracts`, `revive` or null.
    backend: Option<&'static str>,
    wasm_contracts: bool,
    revive: bool,
}
