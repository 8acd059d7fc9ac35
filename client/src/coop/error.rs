//! What can go wrong in the coop layer, on top of the chain and contract
//! layers' errors.

use coop_shared::governance::ProposalId;

/// The coop layer's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure of the coop layer. Every message is one line a member can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The chain or contract layer failed (node down, wrong chain, a
    /// contract error by name, insufficient funds, ...).
    #[error(transparent)]
    Client(#[from] crate::Error),

    /// No proposal has this number.
    #[error("no proposal {0} (proposals are numbered from 1)")]
    UnknownProposal(ProposalId),

    /// The account or share number names no member.
    #[error("{0} is not a member")]
    NotMember(String),

    /// The manifest file cannot be used.
    #[error("manifest {path}: {reason}")]
    Manifest {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },

    /// `deploy` would overwrite a manifest.
    #[error(
        "manifest {0} already exists; pass --force to replace it (or --manifest to write another)"
    )]
    ManifestExists(String),

    /// The contracts the manifest names are not on this chain, or run other code.
    #[error("the coop in the manifest is not on this chain: {0}")]
    NotDeployed(String),

    /// A contract artifact cannot be used.
    #[error("contract artifact {path}: {reason}")]
    Artifact {
        /// The file.
        path: String,
        /// What is wrong.
        reason: String,
    },

    /// Bad input, e.g. an amount that does not parse.
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl Error {
    /// The contract error's name, if this is one (e.g. `NotMember`).
    pub fn contract_error(&self) -> Option<&'static str> {
        match self {
            Error::Client(crate::Error::ContractReverted { name, .. }) => Some(name),
            _ => None,
        }
    }
}
