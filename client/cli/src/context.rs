//! What every verb shares: the global options, the manifest, the
//! connection, the signing key, amounts, progress and output.

use anyhow::{anyhow, bail, Context as _, Result};
use clap::Args;
use coop_client::coop::{
    parse_account, view, Amounts, Artifacts, Client, Coop, Manifest, Outcome, ProgressHook, Signer,
    TxProgress,
};
use coop_shared::membership::{Share, ShareId};
use coop_shared::AccountId;
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The node URL `deploy` uses when neither `--url` nor `COOP_URL` says.
pub const DEFAULT_URL: &str = "ws://127.0.0.1:9944";

/// Options every verb takes, before or after the verb.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// The deployment manifest to read (or, for `deploy`, write).
    /// Default: ./coop.json.
    #[arg(long, global = true, value_name = "PATH", env = "COOP_MANIFEST")]
    pub manifest: Option<PathBuf>,

    /// The node's WebSocket URL. Default: the manifest's node, else
    /// ws://127.0.0.1:9944.
    #[arg(long, global = true, value_name = "URL", env = "COOP_URL")]
    pub url: Option<String>,

    /// Read the signing key's secret URI from FILE (else from the
    /// COOP_SURI environment variable; there is deliberately no option
    /// taking the secret itself, which would show in `ps` and in shell
    /// history). The secret is never printed.
    #[arg(long, global = true, value_name = "FILE")]
    pub suri_file: Option<PathBuf>,

    /// Print JSON for scripts instead of tables.
    #[arg(long, global = true)]
    pub json: bool,

    /// Allow signing with a key of the published development phrase
    /// (`//Alice`, `//Bob`, ...) on a chain that is not a development
    /// chain. Anyone can sign with those keys: never use them for real funds.
    #[arg(long, global = true)]
    pub dev_keys: bool,
}

impl Global {
    /// The manifest path this run uses.
    pub fn manifest_path(&self) -> PathBuf {
        Manifest::resolve_path(self.manifest.as_deref())
    }

    /// Reads the manifest.
    pub fn load_manifest(&self) -> Result<Manifest> {
        Ok(Manifest::load(&self.manifest_path())?)
    }

    /// The signing key: `--suri-file`, else `COOP_SURI`. Never printed.
    pub fn signer(&self) -> Result<Signer> {
        self.signer_or(None)
    }

    /// As [`Global::signer`], falling back to `default` when neither is
    /// given (only the dev-chain verbs have one: `//Alice`).
    pub fn signer_or(&self, default: Option<&str>) -> Result<Signer> {
        let suri = match (&self.suri_file, std::env::var("COOP_SURI"), default) {
            (Some(path), _, _) => std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the key file {}", path.display()))?,
            (None, Ok(suri), _) => suri,
            (None, Err(_), Some(default)) => default.to_string(),
            (None, Err(_), None) => {
                return Err(anyhow!(
                    "no signing key: set COOP_SURI or pass --suri-file FILE"
                ))
            }
        };
        // A key file usually ends with a line break; the secret does not.
        let suri = suri.trim_end_matches(['\n', '\r']);
        let source = match &self.suri_file {
            Some(path) => format!("the key file {}", path.display()),
            None if std::env::var_os("COOP_SURI").is_some() => "COOP_SURI".to_string(),
            None => "the default key".to_string(),
        };
        Signer::from_uri(suri).with_context(|| format!("the signing key in {source}"))
    }

    /// Refuses a development key on a chain that is not a development
    /// chain, unless `--dev-keys` says so: its secret is public.
    pub async fn check_key(&self, signer: &Signer, client: &Client) -> Result<()> {
        if signer.is_dev_key() && !self.dev_keys && !client.is_dev_chain().await? {
            bail!(
                "the signing key derives from the published development phrase (//Alice and the \
                 like), which anyone can use, and {} is not a development chain; use your own \
                 key, or pass --dev-keys if you mean it",
                client.url()
            );
        }
        Ok(())
    }

    /// Reads the signing key, then opens the coop, and checks the key may
    /// sign there (see [`Global::check_key`]).
    pub async fn open_signed(&self) -> Result<(Session, Signer)> {
        let signer = self.signer()?;
        let session = self.open().await?;
        self.check_key(&signer, &session.client).await?;
        Ok((session, signer))
    }

    /// The node to talk to: --url (or $COOP_URL), else the manifest's node
    /// if there is a manifest, else the local chain. (The manifest's checks
    /// still refuse a node of another chain.)
    pub fn node_url(&self) -> String {
        self.url
            .clone()
            .or_else(|| self.load_manifest().ok().map(|m| m.node_url))
            .unwrap_or_else(|| DEFAULT_URL.to_string())
    }

    /// Connects to the manifest's chain and opens its coop, checked.
    pub async fn open(&self) -> Result<Session> {
        let manifest = self.load_manifest()?;
        let url = self.node_url();
        let client = Client::connect(&url).await?.with_progress(progress_hook());
        view::set_ss58_prefix(client.ss58_prefix().await?);
        let coop = client
            .open(&manifest)
            .await
            .with_context(|| format!("manifest {}", self.manifest_path().display()))?;
        let dir = default_artifacts_dir();
        let artifacts = Artifacts::load(&dir, client.pallet()).with_context(|| {
            format!(
                "coop checks a coop's code against its own built contracts, looked for in {} \
                 (scripts/build-contracts.sh installs them)",
                dir.display()
            )
        })?;
        coop.check_code(&artifacts).await?;
        let amounts = Amounts::new(manifest.token.clone());
        Ok(Session {
            client,
            coop,
            manifest,
            amounts,
            json: self.json,
        })
    }
}

/// An open coop and how to show things.
pub struct Session {
    /// The connection to the node.
    pub client: Client,
    /// The coop.
    pub coop: Coop,
    /// Its manifest.
    pub manifest: Manifest,
    /// How amounts are shown and read.
    pub amounts: Amounts,
    /// Whether to print JSON.
    pub json: bool,
}

impl Session {
    /// The coop's record from its deployment block to the best block,
    /// with progress on stderr every 50 blocks (`export` and `report`).
    pub async fn record(&self) -> coop_client::coop::Result<coop_client::coop::Record> {
        self.coop
            .record(self.manifest.deployed_at.number, &|done, total| {
                if done == total || done % 50 == 0 {
                    eprintln!("coop: read {done} of {total} blocks");
                }
            })
            .await
    }

    /// The account an argument names: an address, or a share number.
    pub async fn member_arg(&self, text: &str) -> Result<(AccountId, Option<Share>)> {
        if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
            let number: ShareId = text
                .parse()
                .map_err(|_| anyhow!("share number {text} is too large"))?;
            let share = self
                .coop
                .share(number)
                .await?
                .ok_or_else(|| anyhow!("share {number} is not held by anyone"))?;
            return Ok((share.holder, Some(share)));
        }
        let account = parse_account(text)?;
        Ok((account, self.coop.member(&account).await?))
    }

    /// Prints a transaction's result: JSON of [`TxJson`] with the verb's
    /// own fields (`extra`) beside it, or the human line then where it
    /// landed and what it cost.
    pub fn print_tx<T, E: Serialize>(&self, outcome: &Outcome<T>, human: &str, extra: E) {
        if self.json {
            let out = WithTx {
                tx: TxJson::of(outcome),
                extra,
            };
            match serde_json::to_string_pretty(&out) {
                Ok(text) => println!("{text}"),
                // Only a map with non-string keys fails; the outputs have none.
                Err(e) => eprintln!("coop: cannot print JSON: {e}"),
            }
        } else {
            println!("{human}");
            println!("{}", tx_line(outcome, &self.amounts));
        }
    }
}

/// coop's data directory: $COOP_DATA_DIR, else $XDG_DATA_HOME/coop, else
/// ~/.local/share/coop (as the scripts have it).
pub fn data_dir() -> PathBuf {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("COOP_DATA_DIR")
        .or_else(|| var("XDG_DATA_HOME").map(|d| d.join("coop")))
        .or_else(|| var("HOME").map(|h| h.join(".local").join("share").join("coop")))
        .unwrap_or_else(|| PathBuf::from(".coop"))
}

/// Where coop finds the built contracts it deploys and checks every coop's
/// code against: `$COOP_ARTIFACTS` if set, else a `contracts` folder next
/// to the binary (an installed package), else the data directory's, where
/// scripts/build-contracts.sh installs them. Never the source tree: an
/// installed binary has none.
pub fn default_artifacts_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("COOP_ARTIFACTS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("contracts")))
        .filter(|dir| dir.join("governance.contract").is_file());
    beside_binary.unwrap_or_else(|| data_dir().join("contracts"))
}

/// A progress hook writing to stderr while a transaction waits for its block.
pub fn progress_hook() -> ProgressHook {
    Arc::new(|step| match step {
        TxProgress::Signed { .. } => {}
        TxProgress::Submitted { hash } => {
            eprintln!(
                "coop: submitted 0x{}…, waiting for a block",
                hex::encode(&hash[..6])
            )
        }
        TxProgress::InBlock { block } => {
            eprintln!("coop: included in block 0x{}…", hex::encode(&block[..6]))
        }
        TxProgress::Finalized { block } => {
            eprintln!("coop: finalized in block 0x{}…", hex::encode(&block[..6]))
        }
    })
}

/// Where a transaction landed and what it cost, in every transaction
/// verb's `--json` output. Amounts are decimal strings of smallest units.
#[derive(Debug, Serialize)]
pub struct TxJson {
    /// The block it landed in.
    pub block: u64,
    /// That block's hash, `0x`-hex.
    pub block_hash: String,
    /// The transaction's hash, `0x`-hex.
    pub extrinsic_hash: String,
    /// The fee the signer paid, if the chain reported it.
    pub fee: Option<String>,
    /// Storage deposit the transaction held from the signer.
    pub storage_deposit_charged: String,
    /// Storage deposit it released to the signer.
    pub storage_deposit_refunded: String,
}

impl TxJson {
    /// The figures of `outcome`.
    pub fn of<T>(outcome: &Outcome<T>) -> TxJson {
        TxJson {
            block: outcome.included.block.number,
            block_hash: format!("0x{}", hex::encode(outcome.included.block.hash)),
            extrinsic_hash: format!("0x{}", hex::encode(outcome.included.extrinsic_hash)),
            fee: outcome.costs.fee.map(view::amount),
            storage_deposit_charged: view::amount(outcome.costs.deposit_held),
            storage_deposit_refunded: view::amount(outcome.costs.deposit_released),
        }
    }
}

/// A verb's own fields beside the transaction's.
#[derive(Debug, Serialize)]
struct WithTx<E> {
    #[serde(flatten)]
    tx: TxJson,
    #[serde(flatten)]
    extra: E,
}

/// `in block N; fee X; storage deposit charged Y` for people.
pub fn tx_line<T>(outcome: &Outcome<T>, amounts: &Amounts) -> String {
    let mut line = format!("  in block {}", outcome.included.block.number);
    if let Some(fee) = outcome.costs.fee {
        line.push_str(&format!("; fee {}", amounts.format(fee)));
    }
    if outcome.costs.deposit_held > 0 {
        line.push_str(&format!(
            "; storage deposit charged {}",
            amounts.format(outcome.costs.deposit_held)
        ));
    }
    if outcome.costs.deposit_released > 0 {
        line.push_str(&format!(
            "; storage deposit refunded {}",
            amounts.format(outcome.costs.deposit_released)
        ));
    }
    line
}

/// Pretty JSON; serializing a `Value` cannot fail.
pub fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// Prints a verb's `--json` output.
///
/// # Errors
/// Only a map with non-string keys fails to serialize; the outputs have none.
pub fn print_json(out: &impl Serialize) -> Result<()> {
    println!(
        "{}",
        serde_json::to_string_pretty(out).context("printing JSON")?
    );
    Ok(())
}

/// One proposal in a list: its number and title beside its state's fields
/// (see `coop_client::coop::view::proposal_state`).
#[derive(Debug, Serialize)]
pub struct ProposalLine {
    /// Its number.
    pub id: u32,
    /// Its title; null once its proposer pruned it.
    pub title: Option<String>,
    /// Its state, tally, status and rules.
    #[serde(flatten)]
    pub state: view::ProposalStateJson,
}

impl ProposalLine {
    /// The line of `p`.
    pub fn of(p: &coop_shared::governance::ProposalSummary) -> ProposalLine {
        ProposalLine {
            id: p.id,
            title: p.title.clone(),
            state: view::proposal_state(&p.state),
        }
    }
}

/// Prints `key  value` lines, values aligned after the widest key, each line
/// starting with `indent`: every verb shows a record this one way.
pub fn print_kv(indent: &str, rows: &[(&str, String)]) {
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (key, value) in rows {
        println!("{indent}{key:<width$}  {value}");
    }
}

/// Prints rows under headers, columns padded to their widest cell.
pub fn table(headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<width$}", width = widths.get(i).copied().unwrap_or(0)))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(headers.iter().map(|h| h.to_string()).collect());
    line(widths.iter().map(|w| "-".repeat(*w)).collect());
    for row in rows {
        line(row.clone());
    }
}

/// Parses an account argument (SS58 or 0x-hex).
pub fn account_arg(text: &str) -> Result<AccountId> {
    Ok(parse_account(text)?)
}

/// Reads founders from `--founder` values and an optional file (one per line,
/// `#` comments allowed).
pub fn founders(values: &[String], file: Option<&Path>) -> Result<Vec<AccountId>> {
    let mut all = Vec::new();
    for v in values {
        all.push(account_arg(v)?);
    }
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            all.push(
                account_arg(line).with_context(|| format!("{} line {}", path.display(), n + 1))?,
            );
        }
    }
    if all.is_empty() {
        bail!("name the founders with --founder ADDRESS (repeat it) or --founders-file FILE");
    }
    Ok(all)
}

/// Prints members as a table: share number, SS58 address, joined-at block.
pub fn member_table(members: &[coop_shared::membership::Share]) {
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|m| {
            vec![
                m.number.to_string(),
                view::account(&m.holder),
                m.joined_at.to_string(),
                view::share_state(m.state).to_string(),
            ]
        })
        .collect();
    table(&["share", "account", "joined at block", "state"], &rows);
}
