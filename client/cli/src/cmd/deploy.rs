//! `coop deploy`: found a coop and write its manifest.

use crate::context::{founders, print_json, print_kv, Global};
use crate::rules::{FloorArgs, RuleArgs};
use anyhow::{Context as _, Result};
use clap::Args;
use coop_client::coop::{view, Amounts, Artifacts, Client, Founding, Manifest, Token};
use coop_shared::governance::Rules;
use serde::Serialize;
use std::path::PathBuf;

/// Found a coop and write its manifest.
///
/// Found a coop: upload the share register's code (unless the chain has
/// it) and instantiate governance, which creates the register with the
/// founders and names itself its only governance, so no key keeps power
/// afterwards. Writes the manifest other commands read (refuses to replace
/// one unless --force).
///
/// Who may run it: anyone with funds. It costs the signer (COOP_SURI or
/// --suri-file, required even on a dev chain) the fees, the storage
/// deposits for the code and both contracts, and any --funds.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// A founding member's address (SS58 or 0x-hex); repeat for each, 1 to 64.
    #[arg(long = "founder", value_name = "ADDRESS")]
    pub founders: Vec<String>,
    /// A file of founders' addresses, one per line.
    #[arg(long, value_name = "FILE")]
    pub founders_file: Option<PathBuf>,
    /// Funds the deployer puts in the treasury at once, e.g. 10 or 1.5.
    #[arg(long, value_name = "AMOUNT")]
    pub funds: Option<String>,
    /// The token to show amounts in when the chain declares none, as
    /// SYMBOL:DECIMALS (substrate-contracts-node: UNIT:12). Without it such
    /// amounts are raw smallest units.
    #[arg(long, value_name = "SYMBOL:DECIMALS")]
    pub token: Option<String>,
    /// Where the built contracts are (governance.contract,
    /// membership.contract). Default: a `contracts` folder next to the
    /// `coop` binary, else the data directory's `contracts` folder
    /// ($COOP_DATA_DIR, else $XDG_DATA_HOME/coop, else ~/.local/share/coop),
    /// where scripts/build-contracts.sh installs them.
    #[arg(long, value_name = "DIR", env = "COOP_ARTIFACTS")]
    pub artifacts: Option<PathBuf>,
    /// Replace an existing manifest.
    #[arg(long)]
    pub force: bool,
    /// The coop's rules.
    #[command(flatten)]
    pub rules: RuleArgs,
    /// The floors: the least the rules may ever ask, fixed for the coop's
    /// life (no proposal changes them).
    #[command(flatten)]
    pub floors: FloorArgs,
}

/// Runs `coop deploy`.
pub async fn handle(args: DeployArgs, global: &Global) -> Result<()> {
    let path = global.manifest_path();
    // Checked first: nothing is deployed (or paid) if the manifest cannot be written.
    if path.exists() && !args.force {
        return Err(coop_client::coop::Error::ManifestExists(path.display().to_string()).into());
    }
    let founders = founders(&args.founders, args.founders_file.as_deref())?;
    let floors = args.floors.floors();
    let dir = args
        .artifacts
        .clone()
        .unwrap_or_else(crate::context::default_artifacts_dir);
    let signer = global.signer()?;
    let url = global.node_url();
    let client = Client::connect(&url)
        .await?
        .with_progress(crate::context::progress_hook());
    // The chain decides which build is deployed: Wasm or PolkaVM.
    let artifacts = Artifacts::load(&dir, client.pallet())?;
    global.check_key(&signer, &client).await?;
    view::set_ss58_prefix(client.ss58_prefix().await?);
    let declared = client.report().await?.token;
    let given = args.token.as_deref().map(Token::parse).transpose()?;
    let (token, token_source) = match (declared, given) {
        (Some(t), _) => (Some(t), "chain"),
        (None, Some(t)) => (Some(t), "deploy"),
        (None, None) => (None, "none"),
    };
    let amounts = Amounts::new(token.clone());
    let rules = args.rules.apply(Rules::default(), &amounts)?;
    let funds = match &args.funds {
        Some(text) => amounts.parse(text)?,
        None => 0,
    };
    eprintln!(
        "coop: deploying a coop with {} founder(s) on {url}",
        founders.len()
    );
    let deployment = client
        .deploy(
            &signer,
            &artifacts,
            &Founding {
                founders: founders.clone(),
                rules,
                floors,
                funds,
            },
        )
        .await
        .context("deploy")?;
    let coop = &deployment.coop;
    let manifest = Manifest::of_deployment(
        &deployment,
        &url,
        &client.genesis_hash(),
        &artifacts,
        token,
        token_source,
    );
    manifest.save(&path, args.force).with_context(|| {
        format!(
            "the coop is deployed (governance {}) but its manifest was not written",
            view::account(&coop.governance())
        )
    })?;
    if global.json {
        return print_json(&DeployJson {
            manifest: path.display().to_string(),
            governance: view::account(&coop.governance()),
            membership: view::account(&coop.membership()),
            governance_address: coop.revive_address(&coop.governance()),
            membership_address: coop.revive_address(&coop.membership()),
            block: deployment.block.number,
            founders: founders.iter().map(view::account).collect(),
            funds: view::amount(funds),
            fees: view::amount(deployment.fees),
            storage_deposits: view::amount(deployment.deposits),
            rules: view::rules(&rules),
            floors: view::floors(&floors),
        });
    }
    println!("coop deployed in block {}", deployment.block.number);
    let mut rows = vec![
        (
            "governance (treasury)",
            crate::text::contract(coop, &coop.governance()),
        ),
        (
            "share register",
            crate::text::contract(coop, &coop.membership()),
        ),
        ("founders", founders.len().to_string()),
        ("initial funds", amounts.format(funds)),
        (
            "paid",
            format!(
                "fees {}, storage deposits {}",
                amounts.format(deployment.fees),
                amounts.format(deployment.deposits)
            ),
        ),
        ("manifest", path.display().to_string()),
    ];
    rows.extend(crate::text::rules_rows(&rules, &amounts));
    rows.extend(crate::text::floors_rows(&floors));
    print_kv("  ", &rows);
    if manifest.token.is_none() {
        println!("  amounts are in the chain's smallest units (it declares no token; see --token)");
    }
    Ok(())
}

/// `coop deploy --json`.
#[derive(Debug, Serialize)]
struct DeployJson {
    manifest: String,
    governance: String,
    membership: String,
    /// On pallet-revive, governance's 20-byte address; null elsewhere.
    governance_address: Option<String>,
    /// On pallet-revive, the register's 20-byte address; null elsewhere.
    membership_address: Option<String>,
    block: u64,
    founders: Vec<String>,
    funds: String,
    fees: String,
    storage_deposits: String,
    rules: view::RulesJson,
    floors: view::FloorsJson,
}
