//! The coop client library.
//!
//! Layers, each using only the one below it:
//! - [`chain`]: a connection to a node, keys, transactions, events and
//!   dispatch errors (subxt);
//! - [`contracts`]: ink! contracts through pallet-contracts: upload,
//!   instantiate, call, dry-run, decode returns, errors and events;
//! - (later) the coop domain API and the `coop` command on top.
//!
//! [`error`] holds the typed errors all layers return.

#![warn(missing_docs)]

pub mod chain;
pub mod contracts;
pub mod error;

pub use chain::{Chain, Signer};
pub use contracts::Contracts;
pub use error::{Error, Result};
