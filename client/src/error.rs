//! What can go wrong talking to a chain or a contract, as typed errors a
//! caller can match on and a member can read in one line.

use coop_shared::ErrorInfo;
use std::time::Duration;

/// The client's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failure of the chain or contract layer.
///
/// Messages never contain a secret: keys are reported by their public
/// account only.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No node answered at the URL (down, wrong port, not a WebSocket), or
    /// the connection to it was lost (the node stopped): the client does not
    /// reconnect by itself, so every later request on that connection fails
    /// this way at once.
    #[error("no node answers at {url}: {reason}")]
    Unreachable {
        /// The URL that was tried.
        url: String,
        /// What the connection attempt reported.
        reason: String,
    },

    /// The node serves a different chain than the one expected.
    #[error("wrong chain: expected genesis {expected}, the node at {url} has {found}")]
    WrongChain {
        /// The node's URL.
        url: String,
        /// The genesis hash expected, `0x`-hex.
        expected: String,
        /// The genesis hash the node reports, `0x`-hex.
        found: String,
    },

    /// The account cannot pay: fees, a transfer, or a contract's storage deposit.
    #[error("insufficient funds: {0}")]
    InsufficientFunds(String),

    /// The runtime refused a dispatch (in a block, or in a dry run).
    #[error("the chain refused the call: {0}")]
    Dispatch(DispatchFailure),

    /// The contract reverted with bytes that are not one of its errors
    /// (for instance a message the contract does not have).
    #[error("the contract reverted: {0}")]
    ContractFailed(String),

    /// The transaction pool would not take the transaction, or dropped it.
    #[error("the node rejected the transaction: {0}")]
    Rejected(String),

    /// The node no longer has the state of an old block (it prunes state),
    /// so what happened in that block cannot be read from it.
    #[error("the node no longer has the state of block {block} (it prunes old state; use an archive node, e.g. --state-pruning archive): {reason}")]
    StateUnavailable {
        /// The block asked for.
        block: u64,
        /// What the node said.
        reason: String,
    },

    /// A transaction no block of this chain could include: it needs more
    /// weight than blocks leave after the runtime's own work. Refused
    /// before it is sent, rather than left waiting in the pool.
    #[error("{what} cannot be sent: {misfit}")]
    TooBig {
        /// What the transaction was for.
        what: String,
        /// Its weight and the room blocks leave.
        misfit: crate::chain::Misfit,
    },

    /// Something did not happen in time.
    #[error("timed out after {after:?} waiting for {what}")]
    Timeout {
        /// What was awaited.
        what: &'static str,
        /// How long it was awaited.
        after: Duration,
    },

    /// Bytes from the chain or a contract did not decode as expected.
    #[error("could not decode {what}: {reason}")]
    Decode {
        /// What was being decoded.
        what: &'static str,
        /// Why it failed.
        reason: String,
    },

    /// A secret URI that does not parse or derive. The secret itself is never shown.
    #[error("invalid secret URI: {0}")]
    InvalidSecret(&'static str),

    /// An argument the caller gave cannot be used.
    #[error("invalid input: {0}")]
    InvalidInput(String),

    /// Any other failure of the node or of subxt.
    #[error("node error: {0}")]
    Node(String),
}

impl Error {
    /// Wraps any subxt failure that has no more specific variant.
    pub(crate) fn node(err: impl std::fmt::Display) -> Error {
        Error::Node(err.to_string())
    }

    /// A decode failure of `what`.
    pub(crate) fn decode(what: &'static str, reason: impl std::fmt::Display) -> Error {
        Error::Decode {
            what,
            reason: reason.to_string(),
        }
    }
}

/// A contract call's failure: the contract's own error, still typed (so a
/// caller matches `CallError::Contract(gov::Error::VotingNotOver)`, never a
/// string), or a failure of the layers below.
#[derive(Debug)]
pub enum CallError<E> {
    /// The contract refused with one of its own errors.
    Contract(E),
    /// The chain or contract layer failed.
    Client(Error),
}

impl<E> From<Error> for CallError<E> {
    fn from(err: Error) -> Self {
        CallError::Client(err)
    }
}

impl<E: ErrorInfo> std::fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::Contract(e) => {
                write!(f, "the contract refused: {}: {}", e.name(), e.meaning())
            }
            CallError::Client(e) => e.fmt(f),
        }
    }
}

impl<E: ErrorInfo + std::fmt::Debug> std::error::Error for CallError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CallError::Contract(_) => None,
            CallError::Client(e) => Some(e),
        }
    }
}

impl<E> CallError<E> {
    /// The contract's own error, if that is what this is.
    pub fn contract(&self) -> Option<&E> {
        match self {
            CallError::Contract(e) => Some(e),
            CallError::Client(_) => None,
        }
    }

    /// The same failure with the contract's error mapped by `f`.
    pub fn map<F>(self, f: impl FnOnce(E) -> F) -> CallError<F> {
        match self {
            CallError::Contract(e) => CallError::Contract(f(e)),
            CallError::Client(e) => CallError::Client(e),
        }
    }
}

/// A runtime dispatch error, named as the runtime's metadata names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispatchFailure {
    /// The pallet for a module error (`Balances`, `Contracts`); `None` for
    /// the runtime's own errors (`BadOrigin`, `Token`, ...).
    pub pallet: Option<String>,
    /// The error's name: the pallet's variant (`InsufficientBalance`), or the
    /// runtime's (`Token::FundsUnavailable`).
    pub name: String,
    /// The error's documentation from the metadata (may be empty).
    pub docs: String,
}

impl DispatchFailure {
    /// True when the failure means the account cannot pay (fees, a
    /// transfer, a storage deposit), so callers can report it as such.
    pub fn is_insufficient_funds(&self) -> bool {
        // pallet-contracts' own funds errors are recognised in the contract
        // layer, the only place that knows that pallet.
        const FUNDS: [(&str, &str); 2] = [
            ("Balances", "InsufficientBalance"),
            ("Balances", "FundsUnavailable"),
        ];
        match &self.pallet {
            Some(pallet) => FUNDS.iter().any(|(p, n)| p == pallet && *n == self.name),
            None => matches!(
                self.name.as_str(),
                "Token::FundsUnavailable" | "Token::NoFunds"
            ),
        }
    }
}

impl std::fmt::Display for DispatchFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.pallet {
            Some(pallet) => write!(f, "{pallet}::{}", self.name)?,
            None => write!(f, "{}", self.name)?,
        }
        if !self.docs.is_empty() {
            write!(f, " ({})", self.docs)?;
        }
        Ok(())
    }
}

impl From<DispatchFailure> for Error {
    /// Funds failures become [`Error::InsufficientFunds`]; the rest stay dispatch errors.
    fn from(failure: DispatchFailure) -> Error {
        if failure.is_insufficient_funds() {
            Error::InsufficientFunds(failure.to_string())
        } else {
            Error::Dispatch(failure)
        }
    }
}
