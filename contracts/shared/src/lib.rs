//! What the coop contracts and the coop client share: identifiers, records,
//! errors, events and message names.
//!
//! The contracts compile this crate with the `ink` feature (no_std, Rust 1.86);
//! the client compiles it with `std` only, so it decodes exactly the bytes the
//! contracts encode and can never drift from them.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod governance;
pub mod membership;

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

/// A contract error a member can read: its variant name and what it means.
/// The client uses it to show a revert by name and meaning, never as bytes.
pub trait ErrorInfo {
    /// The variant's name, e.g. `NotGovernance`.
    fn name(&self) -> &'static str;
    /// One sentence on what it means.
    fn meaning(&self) -> &'static str;
}

/// The error type of a contract that defines none (the peer-vote
/// yardstick): no value exists, so decoding one always fails, and there is
/// nothing to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoErrors {}

impl parity_scale_codec::Decode for NoErrors {
    fn decode<I: parity_scale_codec::Input>(_: &mut I) -> Result<Self, parity_scale_codec::Error> {
        Err("this contract defines no errors".into())
    }
}

impl ErrorInfo for NoErrors {
    fn name(&self) -> &'static str {
        match *self {}
    }

    fn meaning(&self) -> &'static str {
        match *self {}
    }
}

/// Asserts that `E::SIGNATURE` hashes to the topic ink! computes for `E`.
#[cfg(all(test, feature = "ink"))]
pub(crate) fn assert_signature<E: ink::env::Event + CoopEvent>() {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(E::SIGNATURE.as_bytes(), &mut out);
    assert_eq!(E::SIGNATURE_TOPIC, Some(out), "{}", E::SIGNATURE);
}
