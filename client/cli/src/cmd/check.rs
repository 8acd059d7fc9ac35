//! `coop check`: can this node host a coop?

use crate::context::{print_json, print_kv, Global};
use anyhow::{bail, Result};
use clap::Args;
use coop_client::coop::Client;
use serde::Serialize;

/// Check that a node can host a coop before deploying to it: it answers,
/// which contracts runtime it offers, and what its token is.
///
/// A coop runs on either contracts runtime: pallet-revive (ink! 6,
/// PolkaVM), where every public ink! network now is (the Polkadot, Kusama,
/// Westend and Paseo Asset Hubs), or pallet-contracts (ink! 5, Wasm), which
/// is used where a chain runs both. Amounts are in the chain's native token
/// either way; on pallet-revive the contracts themselves count in 18
/// decimals, and the line says by how much that differs. Reads only; signs
/// and costs nothing. The node is --url, else $COOP_URL, else the
/// manifest's node if there is a manifest, else ws://127.0.0.1:9944. Exits 1
/// if the chain runs neither.
///
/// JSON fields: `url`, `chain`, `genesis_hash`, `best_block`,
/// `token_symbol`, `token_decimals`, `backend` (`contracts`, `revive` or
/// null: the one a coop would use), `wasm_contracts`, `revive`,
/// `native_to_eth` (pallet-revive's ratio of contract units to the smallest
/// native unit, as a string; null elsewhere).
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
            native_to_eth: node.native_to_eth.map(|r| r.to_string()),
        })?;
    } else {
        let token = match (&node.token_symbol, node.token_decimals) {
            (Some(symbol), Some(decimals)) => format!("{symbol}, {decimals} decimals"),
            _ => "not declared by the chain: give `coop deploy --token SYMBOL:DECIMALS`".into(),
        };
        let wasm = if node.wasm_contracts {
            "yes (ink! 5, Wasm): a coop runs here on it"
        } else {
            "no"
        };
        let revive = match (node.revive, node.native_to_eth) {
            (true, Some(ratio)) => format!(
                "yes (PolkaVM, ink! 6): a coop runs here on it; its contracts see 18 decimals ({ratio} to each smallest native unit)"
            ),
            (true, None) => "yes (PolkaVM, ink! 6); a coop uses pallet-contracts here".to_string(),
            (false, _) => "no".to_string(),
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
    if node.backend().is_none() {
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
    native_to_eth: Option<String>,
}
