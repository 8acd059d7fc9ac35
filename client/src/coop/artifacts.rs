//! The built contracts a coop is deployed from: the `.contract` bundles the
//! project's build step (`scripts/build-contracts.sh`) leaves in
//! `target/contracts/` (Wasm for pallet-contracts) and
//! `target/contracts/revive/` (PolkaVM for pallet-revive), each holding the
//! code and its metadata.

use super::error::{Error, Result};
use crate::contracts::Pallet;
use std::path::Path;

/// One contract's code and where it came from.
#[derive(Clone)]
pub struct Artifact {
    /// The contract's name (`governance`, `membership`).
    pub name: String,
    /// Its crate version, from the bundle's metadata.
    pub version: String,
    /// The language and version it was written in, e.g. `ink! 5.1.1`.
    pub language: String,
    /// The pallet the code is for: Wasm for pallet-contracts, PolkaVM for
    /// pallet-revive.
    pub pallet: Pallet,
    /// The code.
    pub code: Vec<u8>,
    /// The hash the pallet stores the code under: BLAKE2b-256 of Wasm,
    /// Keccak-256 of PolkaVM.
    pub code_hash: [u8; 32],
}

impl std::fmt::Debug for Artifact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Artifact")
            .field("name", &self.name)
            .field("version", &self.version)
            .field("language", &self.language)
            .field("code_hash", &hex::encode(self.code_hash))
            .finish_non_exhaustive()
    }
}

impl Artifact {
    /// Reads a `.contract` bundle (ink! 5's with Wasm, or ink! 6's with
    /// PolkaVM) and checks that its code has the hash its metadata states.
    ///
    /// # Errors
    /// [`Error::Artifact`] if the file is missing or malformed.
    pub fn load(path: &Path) -> Result<Artifact> {
        let bad = |reason: String| Error::Artifact {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            bad(format!(
                "{e} (build the contracts with scripts/build-contracts.sh, or point --artifacts at them)"
            ))
        })?;
        let bundle: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| bad(format!("not JSON: {e}")))?;
        let text_at = |pointer: &str| {
            bundle
                .pointer(pointer)
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .ok_or_else(|| bad(format!("no {pointer} in the bundle")))
        };
        // ink! 5 bundles name the code `wasm`; ink! 6 bundles `contract_binary`.
        let (pointer, pallet) = if bundle.pointer("/source/wasm").is_some() {
            ("/source/wasm", Pallet::Contracts)
        } else {
            ("/source/contract_binary", Pallet::Revive)
        };
        let code = hex::decode(text_at(pointer)?.trim_start_matches("0x"))
            .map_err(|e| bad(format!("{pointer} is not hex: {e}")))?;
        let code_hash = match pallet {
            Pallet::Contracts => sp_crypto_hashing::blake2_256(&code),
            Pallet::Revive => sp_crypto_hashing::keccak_256(&code),
        };
        let stated = text_at("/source/hash")?;
        if stated.trim_start_matches("0x") != hex::encode(code_hash) {
            return Err(bad(format!(
                "the code's hash 0x{} is not the stated {stated}",
                hex::encode(code_hash)
            )));
        }
        Ok(Artifact {
            name: text_at("/contract/name")?,
            version: text_at("/contract/version")?,
            language: text_at("/source/language")?,
            pallet,
            code,
            code_hash,
        })
    }
}

/// Both contracts of a coop.
#[derive(Debug, Clone)]
pub struct Artifacts {
    /// The governance contract (deployed as the coop).
    pub governance: Artifact,
    /// The share register (uploaded; governance instantiates it).
    pub membership: Artifact,
}

impl Artifacts {
    /// Loads `governance.contract` and `membership.contract` for `pallet`
    /// from `dir`: from `dir` itself for pallet-contracts, from
    /// `dir/revive` for pallet-revive (where the build step puts them).
    ///
    /// # Errors
    /// [`Error::Artifact`] if either is missing, malformed or built for the
    /// other pallet.
    pub fn load(dir: &Path, pallet: Pallet) -> Result<Artifacts> {
        let dir = match pallet {
            Pallet::Contracts => dir.to_path_buf(),
            Pallet::Revive => dir.join("revive"),
        };
        let load = |name: &str| {
            let path = dir.join(name);
            let artifact = Artifact::load(&path)?;
            if artifact.pallet != pallet {
                return Err(Error::Artifact {
                    path: path.display().to_string(),
                    reason: format!(
                        "it is built for pallet {}, and the chain runs pallet {}",
                        artifact.pallet.name(),
                        pallet.name()
                    ),
                });
            }
            Ok(artifact)
        };
        Ok(Artifacts {
            governance: load("governance.contract")?,
            membership: load("membership.contract")?,
        })
    }
}
