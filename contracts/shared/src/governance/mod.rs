//! Proposals and votes: the rules a coop decides by ([`rules`]), where a
//! vote is counted ([`tally`]), proposals ([`proposal`]), and the governance
//! contract's errors, messages and events.
//!
//! The outcome rules are pure functions here so they can be tested
//! exhaustively off-chain (ink!'s off-chain engine cannot call the register)
//! and so the client computes exactly what the contract computes.

// parity-scale-codec's derive casts the index of a data-carrying enum variant
// with `as u8`; cargo-contract's mandatory lints reject that in generated
// code. Every enum here has fewer than 256 variants, so the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use crate::errors::contract_errors;
use crate::membership::{self, ShareId};
use crate::{AccountId, Balance, BlockNumber, Contract, CoopEvent, MessageInfo};
use alloc::string::String;
use alloc::vec::Vec;
use parity_scale_codec::{Decode, Encode};

mod errors;
mod events;
pub mod messages;
mod proposal;
mod roster;
mod rules;
mod tally;

pub use errors::*;
pub use events::*;
pub use messages::Governance;
pub use proposal::*;
pub use roster::*;
pub use rules::*;
pub use tally::*;

/// The number of a proposal, from 1, in the order proposals were made.
pub type ProposalId = u32;

/// Most accounts one admission may name: the stored action must fit one
/// storage value of pallet-revive (416 bytes; an account takes 32).
pub const MAX_ADMISSIONS: u32 = 12;
/// Most bytes in a proposal's title.
pub const MAX_TITLE_BYTES: u32 = 128;
/// Most bytes in a proposal's reference to its full text (a link or a hash).
pub const MAX_TEXT_BYTES: u32 = 256;
/// Highest open-proposal limit the rules may set (the per-member list of open
/// proposals is read on every proposal, so it must stay small).
pub const MAX_OPEN_LIMIT: u32 = 32;
/// Most appointments the rules may let one proxy hold at once: a proxy
/// gathers a few votes for absent members, never a bloc.
pub const MAX_PROXY_LIMIT: u32 = 8;
/// Longest voting period or execution window the rules may set, in blocks
/// (two years of 6-second blocks); keeps deadlines far from overflow.
pub const MAX_PERIOD_BLOCKS: BlockNumber = 10_512_000;
/// Most proposals one page of `proposals` returns. A summary is at most
/// about 200 bytes, so a page stays under the 16 KiB return-value limit.
pub const MAX_PROPOSAL_PAGE: u32 = 32;
