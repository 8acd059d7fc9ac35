//! The built contracts a coop is deployed from: the `.contract` bundles the
//! project's build step (`scripts/build-contracts.sh`) leaves in
//! `target/contracts/`, each holding the Wasm and its metadata.

use super::error::{Error, Result};
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
    /// The Wasm code.
    pub wasm: Vec<u8>,
    /// BLAKE2b-256 of the Wasm: the code hash pallet-contracts stores it under.
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
    /// Reads a `.contract` bundle and checks that its Wasm has the hash its
    /// metadata states.
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
        let wasm_hex = text_at("/source/wasm")?;
        let wasm = hex::decode(wasm_hex.trim_start_matches("0x"))
            .map_err(|e| bad(format!("/source/wasm is not hex: {e}")))?;
        let code_hash = sp_crypto_hashing::blake2_256(&wasm);
        let stated = text_at("/source/hash")?;
        if stated.trim_start_matches("0x") != hex::encode(code_hash) {
            return Err(bad(format!(
                "the Wasm's hash 0x{} is not the stated {stated}",
                hex::encode(code_hash)
            )));
        }
        Ok(Artifact {
            name: text_at("/contract/name")?,
            version: text_at("/contract/version")?,
            language: text_at("/source/language")?,
            wasm,
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
    /// Loads `governance.contract` and `membership.contract` from `dir`.
    ///
    /// # Errors
    /// [`Error::Artifact`] if either is missing or malformed.
    pub fn load(dir: &Path) -> Result<Artifacts> {
        Ok(Artifacts {
            governance: Artifact::load(&dir.join("governance.contract"))?,
            membership: Artifact::load(&dir.join("membership.contract"))?,
        })
    }
}
