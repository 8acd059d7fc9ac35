//! What the coop contracts and the coop client share: identifiers, records,
//! errors, events and typed message descriptors.
//!
//! The contracts compile this crate with the `ink` feature (no_std): with
//! ink! 5 from this folder, and with ink! 6 from `contracts/revive/shared`
//! (the same source, feature `revive`). The client compiles it with `std`
//! only, so it decodes exactly the bytes the contracts encode on either
//! runtime and can never drift from them.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod errors;
pub mod governance;
pub mod membership;
pub mod message;
#[cfg(feature = "ink")]
pub mod runtime;
pub mod yardstick;

pub use errors::{ErrorInfo, NoErrors};
pub use message::{Args, Constructor, Contract, Message, MessageInfo};

pub use ink_primitives::AccountId;

/// Block numbers of the chains coop runs on (`u32` in the Substrate node template).
pub type BlockNumber = u32;

/// An amount of the chain's native token, in its smallest unit.
pub type Balance = u128;

/// An event that a coop contract emits.
///
/// `SIGNATURE` is the string ink! hashes into the event's first topic
/// (`Name(FieldType,...)`, types as written in the struct); the client hashes
/// the same string with BLAKE2b-256 to recognise the event. A test in this
/// crate checks that both agree.
pub trait CoopEvent {
    /// The event's signature string.
    const SIGNATURE: &'static str;
}

/// Asserts that `E::SIGNATURE` hashes to the topic ink! computes for `E`.
#[cfg(all(test, feature = "ink"))]
pub(crate) fn assert_signature<E: ink::env::Event + CoopEvent>() {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(E::SIGNATURE.as_bytes(), &mut out);
    assert_eq!(E::SIGNATURE_TOPIC, Some(out), "{}", E::SIGNATURE);
}
