//! What can go wrong in the coop layer, on top of the chain and contract
//! layers' errors.

use crate::error::CallError;
use coop_shared::governance::{self as gov, ProposalId};
use coop_shared::membership as reg;
use coop_shared::ErrorInfo;

/// The coop layer's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure of the coop layer. Every message is one line a member can act on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The chain or contract layer failed (node down, wrong chain,
    /// insufficient funds, ...).
    #[error(transparent)]
    Client(#[from] crate::Error),

    /// The governance contract refused, with this error of its own.
    #[error("the contract refused: {}: {}", .0.name(), .0.meaning())]
    Governance(gov::Error),

    /// The share register refused, with this error of its own.
    #[error("the contract refused: {}: {}", .0.name(), .0.meaning())]
    Register(reg::Error),

    /// No proposal has this number.
    #[error("no proposal {0} (proposals are numbered from 1)")]
    UnknownProposal(ProposalId),

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

    /// A coop contract runs code other than what this client's own
    /// artifacts build: its rules are not the ones this client knows.
    #[error(
        "the coop's {contract} runs code {found}, not the code this client's contracts build ({expected}): \
         its rules may differ from coop's, so it is not opened"
    )]
    UnknownCode {
        /// `governance` or `membership register`.
        contract: &'static str,
        /// The code hash on chain.
        found: String,
        /// The code hash of this client's artifact.
        expected: String,
    },

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

    /// The record could not be written in the format asked for.
    #[error("the export could not be written: {0}")]
    Export(String),

    /// Bad input, e.g. an amount that does not parse.
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl Error {
    /// The contract error's name, if this is one (e.g. `NotMember`), for
    /// output that names it (`--json`).
    pub fn contract_error(&self) -> Option<&'static str> {
        match self {
            Error::Governance(e) => Some(e.name()),
            Error::Register(e) => Some(e.name()),
            _ => None,
        }
    }
}

impl From<CallError<gov::Error>> for Error {
    fn from(err: CallError<gov::Error>) -> Self {
        match err {
            CallError::Contract(e) => Error::Governance(e),
            CallError::Client(e) => Error::Client(e),
        }
    }
}

impl From<CallError<reg::Error>> for Error {
    fn from(err: CallError<reg::Error>) -> Self {
        match err {
            CallError::Contract(e) => Error::Register(e),
            CallError::Client(e) => Error::Client(e),
        }
    }
}
