//! The share register: one non-transferable membership share per member.

use crate::errors::contract_errors;
use crate::{AccountId, BlockNumber, Contract, CoopEvent, MessageInfo};
use parity_scale_codec::{Decode, Encode};

/// The number of a membership share. Numbers start at 1, grow by one with
/// every admission and are never reused, so a lower number always means an
/// earlier share.
pub type ShareId = u32;

/// The first share number a register hands out.
pub const FIRST_SHARE: ShareId = 1;

/// Most accounts one call may admit (founders at instantiation, or one batch
/// admission). The binding limit is not the 16 KiB message input (64
/// accounts take 2 KiB) but a parachain block's proof: pallet-contracts
/// charges about 48 KB of proof per admitted account, so a batch of 64
/// (about 3.2 MB) fits the normal share of a 5 MiB proof of validity, where
/// 256 (12.5 MB, measured by scripts/bench.sh) would fit no block at all.
pub const MAX_MEMBERS_PER_CALL: u32 = 64;

/// Most share numbers one page of `shares` scans. Each entry encodes to
/// 50 bytes, so a full page (12.8 KB) stays under the 16 KiB return-value limit.
pub const MAX_PAGE: u32 = 256;

/// One member's share, as the register records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Share {
    /// The share's number (never reused).
    pub number: ShareId,
    /// The account that holds the share now (it changes only by key rotation).
    pub holder: AccountId,
    /// The block at which the share was issued; kept across key rotation.
    pub joined_at: BlockNumber,
    /// The block of the holder's last signed act on the register (joining,
    /// moving the share, returning from suspension): with governance's
    /// record of votes and proposals, what tells a dormant share.
    pub seen_at: BlockNumber,
    /// The block the share last returned from suspension (0: never
    /// suspended). It votes only on proposals made after that block, whose
    /// electorates counted it.
    pub reactivated_at: BlockNumber,
    /// Whether it may vote now.
    pub state: ShareState,
}

/// Where a share stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum ShareState {
    /// Held, in every new electorate, may vote.
    Active,
    /// Suspended by decision after a long silence: outside every electorate
    /// made since, no vote until its holder signs a reactivation.
    Suspended,
    /// Expelled: no longer a share. Kept only until its former holder
    /// releases it and takes back the storage deposit they paid for it.
    Expelled,
}

pub use psp34::Id;

/// What governance needs to know of an account and the register in one read:
/// the account's share, the next share number and the member count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct Standing {
    /// The account's share, if it holds one.
    pub share: Option<Share>,
    /// The number the next share will get; every held share is numbered below it.
    pub next_share: ShareId,
    /// Shares that may vote: held and not suspended (the electorate of a
    /// proposal made now).
    pub members: u32,
}

contract_errors! {
    /// Why the register refused a call. Every failure has its own variant.
    #[cfg_attr(
        all(feature = "ink", feature = "std"),
        derive(ink::storage::traits::StorageLayout)
    )]
    pub enum Error {
        NotGovernance = "only the coop's governance may change the register (a member's own resignation, move, return or release is signed on governance)",
        AlreadyMember = "the account already holds a membership share (an account holds at most one)",
        NotMember = "the account holds no membership share",
        LastMember = "the last member cannot leave or be expelled: a coop without members could never decide again",
        NotTransferable = "membership shares cannot be transferred, lent, approved or sold",
        TooManyAccounts = "too many accounts for one call (at most 64)",
        NoAccounts = "no accounts were given: a coop needs a founder, an admission an account",
        ShareNumbersExhausted = "no share numbers are left",
        NotDormant = "the share's holder has acted since the suspension was proposed, so it cannot be suspended",
        NotSuspended = "the share is not suspended",
        AlreadySuspended = "the share is already suspended",
        NothingToRelease = "the account holds no expelled share to release",
        Unreleased = "the account was expelled and has not released its old share (release it first)",
    }
}

/// Result of the register's messages.
pub type Result<T> = core::result::Result<T, Error>;

/// The share register, as a type for the client's typed calls.
#[derive(Debug, Clone, Copy)]
pub struct Register;

impl Contract for Register {
    const NAME: &'static str = "membership";
    type Error = Error;
    const MESSAGES: &'static [MessageInfo] = &messages::ALL;
    const CONSTRUCTOR: MessageInfo = messages::NEW.info();
}

/// The register's messages. A selector is the first four bytes of
/// BLAKE2b-256 of the label (ink!'s rule); the PSP34 messages take theirs
/// from `PSP34::label`, as PSP34 tools expect.
pub mod messages {
    use super::{Register, Share, ShareId, Standing};
    use crate::{AccountId, Balance, BlockNumber, Constructor, Message, MessageInfo};
    use alloc::vec::Vec;

    /// `new(governance, founders)`: created by governance, which alone may change it.
    pub const NEW: Constructor<Register, (AccountId, Vec<AccountId>)> =
        Constructor::new("new", false, true);
    /// `admit(account) -> Result<ShareId>`, governance only.
    pub const ADMIT: Message<Register, (AccountId,), ShareId> = Message::fallible("admit");
    /// `expel(share) -> Result<AccountId>` (the expelled holder), governance only.
    pub const EXPEL: Message<Register, (ShareId,), AccountId> = Message::fallible("expel");
    /// `resign(member) -> Result<ShareId>`, governance only (a member
    /// resigns through governance, which pays their capital back).
    pub const RESIGN: Message<Register, (AccountId,), ShareId> = Message::fallible("resign");
    /// `rotate_key(share, new) -> Result<AccountId>` (the old key), governance only.
    pub const ROTATE_KEY: Message<Register, (ShareId, AccountId), AccountId> =
        Message::fallible("rotate_key");
    /// `suspend(shares, quiet_since) -> Result<Vec<AccountId>>` (the
    /// holders' keys), governance only.
    pub const SUSPEND: Message<Register, (Vec<ShareId>, BlockNumber), Vec<AccountId>> =
        Message::fallible("suspend");
    /// `reactivate(member) -> Result<ShareId>`, governance only (a
    /// suspended holder returns through governance, which keeps its roster
    /// in step).
    pub const REACTIVATE: Message<Register, (AccountId,), ShareId> =
        Message::fallible("reactivate");
    /// `release(member) -> Result<ShareId>`, governance only: an expelled
    /// holder frees its old share's storage (through governance, which
    /// frees its roster entry with it).
    pub const RELEASE: Message<Register, (AccountId,), ShareId> = Message::fallible("release");
    /// `holds_any(accounts) -> bool`: whether any of them holds a share.
    pub const HOLDS_ANY: Message<Register, (Vec<AccountId>,), bool> = Message::query("holds_any");
    /// `suspended_count() -> u32`.
    pub const SUSPENDED_COUNT: Message<Register, (), u32> = Message::query("suspended_count");
    /// `move_share(member, new) -> Result<ShareId>`, governance only (a
    /// member moves their own share through governance, which keeps its
    /// roster in step).
    pub const MOVE_SHARE: Message<Register, (AccountId, AccountId), ShareId> =
        Message::fallible("move_share");
    /// `share_of(account) -> Option<Share>`.
    pub const SHARE_OF: Message<Register, (AccountId,), Option<Share>> = Message::query("share_of");
    /// `share(number) -> Option<Share>`.
    pub const SHARE: Message<Register, (ShareId,), Option<Share>> = Message::query("share");
    /// `shares(start, count) -> Vec<Share>`: held shares numbered `start..start+count`.
    pub const SHARES: Message<Register, (ShareId, u32), Vec<Share>> = Message::query("shares");
    /// `standing(account) -> Standing`: one read for governance.
    pub const STANDING: Message<Register, (AccountId,), Standing> = Message::query("standing");
    /// `next_share_number() -> ShareId`.
    pub const NEXT_SHARE_NUMBER: Message<Register, (), ShareId> =
        Message::query("next_share_number");
    /// `member_count() -> u32`.
    pub const MEMBER_COUNT: Message<Register, (), u32> = Message::query("member_count");
    /// `governance() -> AccountId`.
    pub const GOVERNANCE: Message<Register, (), AccountId> = Message::query("governance");
    /// PSP34 `balance_of(owner) -> u32`: 1 for a member, 0 otherwise.
    pub const BALANCE_OF: Message<Register, (AccountId,), u32> =
        Message::psp34("balance_of", "PSP34::balance_of", false);
    /// PSP34 `owner_of(id) -> Option<AccountId>`.
    pub const OWNER_OF: Message<Register, (super::Id,), Option<AccountId>> =
        Message::psp34("owner_of", "PSP34::owner_of", false);
    /// PSP34 `total_supply() -> Balance`: the number of current members.
    pub const TOTAL_SUPPLY: Message<Register, (), Balance> =
        Message::psp34("total_supply", "PSP34::total_supply", false);
    /// PSP34 `collection_id() -> Id`: the register's own address.
    pub const COLLECTION_ID: Message<Register, (), super::Id> =
        Message::psp34("collection_id", "PSP34::collection_id", false);
    /// PSP34 `allowance(owner, operator, id) -> bool`: always false.
    pub const ALLOWANCE: Message<Register, (AccountId, AccountId, Option<super::Id>), bool> =
        Message::psp34("allowance", "PSP34::allowance", false);
    /// PSP34 `transfer(to, id, data)`: always refused with `NotTransferable`.
    pub const TRANSFER: Message<Register, (AccountId, super::Id, Vec<u8>), ()> =
        Message::psp34("transfer", "PSP34::transfer", true);
    /// PSP34 `approve(operator, id, approved)`: always refused with `NotTransferable`.
    pub const APPROVE: Message<Register, (AccountId, Option<super::Id>, bool), ()> =
        Message::psp34("approve", "PSP34::approve", true);

    /// Every message, for the metadata check.
    pub const ALL: [MessageInfo; 24] = [
        ADMIT.info(),
        EXPEL.info(),
        RESIGN.info(),
        ROTATE_KEY.info(),
        MOVE_SHARE.info(),
        SUSPEND.info(),
        REACTIVATE.info(),
        RELEASE.info(),
        HOLDS_ANY.info(),
        SUSPENDED_COUNT.info(),
        SHARE_OF.info(),
        SHARE.info(),
        SHARES.info(),
        STANDING.info(),
        NEXT_SHARE_NUMBER.info(),
        MEMBER_COUNT.info(),
        GOVERNANCE.info(),
        BALANCE_OF.info(),
        OWNER_OF.info(),
        TOTAL_SUPPLY.info(),
        COLLECTION_ID.info(),
        ALLOWANCE.info(),
        TRANSFER.info(),
        APPROVE.info(),
    ];
}

/// The register was created with its founders.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct RegisterCreated {
    /// The only account that may admit, expel or rotate keys.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub governance: AccountId,
    /// How many founders received shares (one `MemberJoined` each follows).
    pub founders: u32,
}

impl CoopEvent for RegisterCreated {
    const SIGNATURE: &'static str = "RegisterCreated(AccountId,u32)";
}

/// A share was issued: a founder at creation or an admission by governance.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct MemberJoined {
    /// The new member's account.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub member: AccountId,
    /// The share number issued.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// The block the share was issued at.
    pub joined_at: BlockNumber,
}

impl CoopEvent for MemberJoined {
    const SIGNATURE: &'static str = "MemberJoined(AccountId,ShareId,BlockNumber)";
}

/// A member gave up their share.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct MemberResigned {
    /// The former member's account.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub member: AccountId,
    /// The share number, retired for ever.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
}

impl CoopEvent for MemberResigned {
    const SIGNATURE: &'static str = "MemberResigned(AccountId,ShareId)";
}

/// Governance expelled a member.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct MemberExpelled {
    /// The former member's account.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub member: AccountId,
    /// The share number, retired for ever.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
}

impl CoopEvent for MemberExpelled {
    const SIGNATURE: &'static str = "MemberExpelled(AccountId,ShareId)";
}

/// Governance moved a share to a new key; number and seniority are kept.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct KeyRotated {
    /// The share that moved.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// The account that held it.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub old: AccountId,
    /// The account that holds it now.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub new: AccountId,
}

impl CoopEvent for KeyRotated {
    const SIGNATURE: &'static str = "KeyRotated(ShareId,AccountId,AccountId)";
}

/// Governance suspended a dormant share.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ShareSuspended {
    /// The share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// Its holder.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub member: AccountId,
}

impl CoopEvent for ShareSuspended {
    const SIGNATURE: &'static str = "ShareSuspended(ShareId,AccountId)";
}

/// A suspended share's holder signed and it may vote again.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ShareReactivated {
    /// The share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// Its holder.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub member: AccountId,
}

impl CoopEvent for ShareReactivated {
    const SIGNATURE: &'static str = "ShareReactivated(ShareId,AccountId)";
}

/// An expelled member released their old share's storage.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ShareReleased {
    /// The old share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// Its former holder.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub member: AccountId,
}

impl CoopEvent for ShareReleased {
    const SIGNATURE: &'static str = "ShareReleased(ShareId,AccountId)";
}

/// PSP34's token id type, in a module of its own because parity-scale-codec's
/// derive casts a data-carrying variant's index with `as u8`, which
/// cargo-contract's mandatory `cast_possible_truncation` lint rejects in
/// generated code (indices here are 0..=5, so the cast is exact).
mod psp34 {
    #![allow(clippy::cast_possible_truncation)]

    use super::ShareId;
    use parity_scale_codec::{Decode, Encode};

    /// A token id in PSP34's form, so PSP34 tools can ask who holds share `n`.
    /// Coop shares are numbered, so only the integer forms can name one.
    #[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
    #[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
    pub enum Id {
        /// An 8-bit id.
        U8(u8),
        /// A 16-bit id.
        U16(u16),
        /// A 32-bit id: the natural form of a share number.
        U32(u32),
        /// A 64-bit id.
        U64(u64),
        /// A 128-bit id.
        U128(u128),
        /// A byte-string id; never names a coop share.
        Bytes(alloc::vec::Vec<u8>),
    }

    impl Id {
        /// The share number this id names, if it is an integer that fits one.
        pub fn share_number(&self) -> Option<ShareId> {
            match self {
                Id::U8(n) => Some(ShareId::from(*n)),
                Id::U16(n) => Some(ShareId::from(*n)),
                Id::U32(n) => Some(*n),
                Id::U64(n) => ShareId::try_from(*n).ok(),
                Id::U128(n) => ShareId::try_from(*n).ok(),
                Id::Bytes(_) => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorInfo;

    #[test]
    fn id_names_a_share_only_when_it_fits() {
        assert_eq!(Id::U8(7).share_number(), Some(7));
        assert_eq!(Id::U16(700).share_number(), Some(700));
        assert_eq!(Id::U32(u32::MAX).share_number(), Some(u32::MAX));
        assert_eq!(
            Id::U64(u64::from(u32::MAX).saturating_add(1)).share_number(),
            None
        );
        assert_eq!(Id::U128(3).share_number(), Some(3));
        assert_eq!(Id::Bytes([1u8].to_vec()).share_number(), None);
    }

    #[test]
    fn every_error_has_a_distinct_name_and_a_meaning() {
        for (i, e) in Error::UNIT.iter().enumerate() {
            // The SCALE index is the declaration order, which UNIT follows.
            assert_eq!(e.encode(), [u8::try_from(i).unwrap()].to_vec());
            assert_eq!(format!("{e:?}"), e.name());
            assert!(!e.meaning().is_empty());
        }
    }

    #[cfg(feature = "ink")]
    #[test]
    fn signatures_match_the_topics_ink_computes() {
        use crate::assert_signature as check;
        check::<RegisterCreated>();
        check::<MemberJoined>();
        check::<MemberResigned>();
        check::<MemberExpelled>();
        check::<KeyRotated>();
        check::<ShareSuspended>();
        check::<ShareReactivated>();
        check::<ShareReleased>();
    }
}
