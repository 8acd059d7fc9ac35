//! The coop client library.
//!
//! Layers, each using only the one below it:
//! - [`chain`]: a connection to a node, keys, transactions, events and
//!   dispatch errors (subxt);
//! - [`contracts`]: ink! contracts through pallet-contracts: upload,
//!   instantiate, call, dry-run, decode returns, errors and events;
//! - [`coop`]: the coop domain API (deploy, members, proposals, votes,
//!   treasury, events, the exported record and its check), which the
//!   `coop` command is a thin layer over.
//!
//! [`error`] holds the typed errors all layers return.

#![warn(missing_docs)]

pub mod chain;
pub mod contracts;
pub mod coop;
pub mod error;

pub use chain::{Chain, Signer};
pub use contracts::Contracts;
pub use error::{Error, Result};
