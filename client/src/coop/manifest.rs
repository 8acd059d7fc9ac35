//! The deployment manifest: a small JSON file that remembers where a coop
//! lives, so members type `coop vote 3 yes`, not addresses.
//!
//! ```json
//! {
//!   "format": 1,
//!   "backend": "contracts",
//!   "node_url": "ws://127.0.0.1:9944",
//!   "genesis_hash": "0x…",
//!   "deployed_at": { "number": 7, "hash": "0x…" },
//!   "governance": { "address": "0x…", "code_hash": "0x…", "version": "0.1.0" },
//!   "membership": { "address": "0x…", "code_hash": "0x…", "version": "0.1.0" },
//!   "language": "ink! 5.1.1",
//!   "token": { "symbol": "UNIT", "decimals": 12 },
//!   "token_source": "deploy"
//! }
//! ```

use super::amount::Token;
use super::artifacts::Artifacts;
use super::error::{Error, Result};
use super::Deployment;
use crate::chain::Block;
use coop_shared::AccountId;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::path::{Path, PathBuf};

/// The manifest format this client writes and reads.
pub const FORMAT: u32 = 1;

/// The default manifest path, relative to the working directory.
pub const DEFAULT_PATH: &str = "coop.json";

/// 32 bytes (a hash, or an account in its raw form), written `0x` and 64
/// hex digits. A malformed one fails when the manifest is read, naming the
/// field, not later when it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hex32(pub [u8; 32]);

impl std::fmt::Display for Hex32 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex32(&self.0))
    }
}

impl Serialize for Hex32 {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&hex32(&self.0))
    }
}

impl<'de> Deserialize<'de> for Hex32 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.strip_prefix("0x")
            .and_then(|digits| hex::decode(digits).ok())
            .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .map(Hex32)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("{text:?} is not 0x and 64 hex digits"))
            })
    }
}

/// One deployed contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractEntry {
    /// Its address (the account's raw bytes).
    pub address: Hex32,
    /// The hash of its code.
    pub code_hash: Hex32,
    /// The version of the artifact it was deployed from.
    pub version: String,
}

/// A block by number and hash, as the manifest writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockEntry {
    /// Its height.
    pub number: u64,
    /// Its hash.
    pub hash: Hex32,
}

/// The contracts pallet a coop's contracts run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// pallet-contracts: ink! 5, Wasm (the default of manifests written
    /// before the field existed).
    #[default]
    Contracts,
    /// pallet-revive: ink! 6, PolkaVM.
    Revive,
}

impl Backend {
    /// The pallet's name as people write it, e.g. `pallet-revive`.
    pub fn pallet_name(self) -> &'static str {
        match self {
            Backend::Contracts => "pallet-contracts",
            Backend::Revive => "pallet-revive",
        }
    }
}

impl From<crate::contracts::Pallet> for Backend {
    fn from(pallet: crate::contracts::Pallet) -> Backend {
        match pallet {
            crate::contracts::Pallet::Contracts => Backend::Contracts,
            crate::contracts::Pallet::Revive => Backend::Revive,
        }
    }
}

/// Where a coop lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: u32,
    /// The contracts pallet the coop runs on.
    #[serde(default)]
    pub backend: Backend,
    /// The node it was deployed through (commands use it unless `--url` says otherwise).
    pub node_url: String,
    /// The chain's genesis hash: a manifest refuses other chains.
    pub genesis_hash: Hex32,
    /// The block the coop was founded in: where the record starts.
    pub deployed_at: BlockEntry,
    /// The governance contract: the coop's address and its treasury.
    pub governance: ContractEntry,
    /// The share register governance created.
    pub membership: ContractEntry,
    /// The contracts' language and version, e.g. `ink! 5.1.1`.
    pub language: String,
    /// The token amounts are shown in, if known.
    pub token: Option<Token>,
    /// Where the token came from: `chain` (the node declares it), `deploy`
    /// (`--token` at deployment), or `none`.
    pub token_source: String,
}

/// Hex of 32 bytes with `0x`.
pub fn hex32(bytes: &[u8; 32]) -> String {
    format!("0x{}", hex::encode(bytes))
}

impl Manifest {
    /// The manifest of `deployment`, made through the node at `url` whose
    /// chain has `genesis`, from the contracts in `artifacts`; `token` and
    /// its source (`chain`, `deploy` or `none`) say how amounts are shown.
    pub fn of_deployment(
        deployment: &Deployment,
        url: &str,
        genesis: &[u8; 32],
        artifacts: &Artifacts,
        token: Option<Token>,
        token_source: &str,
    ) -> Manifest {
        let coop = &deployment.coop;
        Manifest {
            format: FORMAT,
            backend: artifacts.governance.pallet.into(),
            node_url: url.to_string(),
            genesis_hash: Hex32(*genesis),
            deployed_at: BlockEntry {
                number: deployment.block.number,
                hash: Hex32(deployment.block.hash),
            },
            governance: entry(
                &coop.governance(),
                &deployment.governance_code,
                &artifacts.governance.version,
            ),
            membership: entry(
                &coop.membership(),
                &deployment.membership_code,
                &artifacts.membership.version,
            ),
            language: artifacts.governance.language.clone(),
            token,
            token_source: token_source.to_string(),
        }
    }

    /// The manifest path: the one given, else `./coop.json`.
    pub fn resolve_path(given: Option<&Path>) -> PathBuf {
        given
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_PATH))
    }

    /// Reads and checks a manifest.
    ///
    /// # Errors
    /// [`Error::Manifest`] if it is missing, not JSON of this format, or
    /// holds a malformed hash or address.
    pub fn load(path: &Path) -> Result<Manifest> {
        let bad = |reason: String| Error::Manifest {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                bad("not found (deploy a coop with `coop deploy`, or name one with --manifest or COOP_MANIFEST)".into())
            } else {
                bad(e.to_string())
            }
        })?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|e| bad(format!("not a coop manifest: {e}")))?;
        if manifest.format != FORMAT {
            return Err(bad(format!(
                "format {} is not {FORMAT}, the one this client reads",
                manifest.format
            )));
        }
        Ok(manifest)
    }

    /// Writes the manifest; refuses to replace an existing file unless `force`.
    ///
    /// # Errors
    /// [`Error::ManifestExists`], or [`Error::Manifest`] if it cannot be written.
    pub fn save(&self, path: &Path, force: bool) -> Result<()> {
        if path.exists() && !force {
            return Err(Error::ManifestExists(path.display().to_string()));
        }
        let bad = |reason: String| Error::Manifest {
            path: path.display().to_string(),
            reason,
        };
        let mut text = serde_json::to_string_pretty(self).map_err(|e| bad(e.to_string()))?;
        text.push('\n');
        // Write beside it, then rename: a crash never leaves half a manifest.
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(|e| bad(e.to_string()))?;
        std::fs::rename(&tmp, path).map_err(|e| bad(e.to_string()))
    }

    /// The genesis hash.
    pub fn genesis(&self) -> [u8; 32] {
        self.genesis_hash.0
    }

    /// The deployment block.
    pub fn deployed_block(&self) -> Block {
        Block {
            number: self.deployed_at.number,
            hash: self.deployed_at.hash.0,
        }
    }

    /// The governance contract's address.
    pub fn governance_address(&self) -> AccountId {
        AccountId::from(self.governance.address.0)
    }

    /// The register's address.
    pub fn membership_address(&self) -> AccountId {
        AccountId::from(self.membership.address.0)
    }

    /// The code hashes of governance and the register.
    pub fn code_hashes(&self) -> ([u8; 32], [u8; 32]) {
        (self.governance.code_hash.0, self.membership.code_hash.0)
    }
}

/// The contract entry for an address, code hash and version.
pub fn entry(address: &AccountId, code_hash: &[u8; 32], version: &str) -> ContractEntry {
    ContractEntry {
        address: Hex32(*AsRef::<[u8; 32]>::as_ref(address)),
        code_hash: Hex32(*code_hash),
        version: version.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Manifest {
        let entry = || ContractEntry {
            address: Hex32([1; 32]),
            code_hash: Hex32([2; 32]),
            version: "0.1.0".into(),
        };
        Manifest {
            format: FORMAT,
            backend: Backend::Contracts,
            node_url: "ws://127.0.0.1:9944".into(),
            genesis_hash: Hex32([3; 32]),
            deployed_at: BlockEntry {
                number: 7,
                hash: Hex32([4; 32]),
            },
            governance: entry(),
            membership: entry(),
            language: "ink! 5.1.1".into(),
            token: None,
            token_source: "none".into(),
        }
    }

    fn load_json(json: &serde_json::Value) -> Result<Manifest> {
        let dir = tempfile::tempdir().expect("a folder");
        let path = dir.path().join("coop.json");
        std::fs::write(&path, json.to_string()).expect("written");
        Manifest::load(&path)
    }

    #[test]
    fn the_backend_is_recorded_and_older_manifests_are_pallet_contracts() {
        let mut json = serde_json::to_value(sample()).expect("serializes");
        assert_eq!(json["backend"], "contracts");
        assert_eq!(load_json(&json).expect("loads"), sample());
        json.as_object_mut().expect("an object").remove("backend");
        assert_eq!(
            load_json(&json).expect("an older manifest loads").backend,
            Backend::Contracts
        );
        json["backend"] = "revive".into();
        assert_eq!(
            load_json(&json).expect("a revive manifest loads").backend,
            Backend::Revive
        );
        json["backend"] = "evm".into();
        assert!(load_json(&json).is_err(), "an unknown backend is refused");
        json["backend"] = "contracts".into();
        json["genesis_hash"] = "0x12".into();
        let err = load_json(&json).expect_err("a malformed hash");
        assert!(
            err.to_string().contains("not 0x and 64 hex digits"),
            "{err}"
        );
    }
}
