#![cfg_attr(not(feature = "std"), no_std, no_main)]

//! The coop's share register.
//!
//! Every member holds exactly one share. A share has a number that is never
//! reused and records the block its holder joined at. Shares cannot be
//! transferred; only the coop's governance changes the register: it admits,
//! expels, suspends and moves a share to a new key by decision, and passes
//! on a member's own resignation, move to a new key, return from suspension
//! and release of an expelled share (so its roster of voters stays in step).
//! The reads carry PSP34's names and selectors so tools that know PSP34 can
//! show the register.

#[cfg(not(feature = "revive"))]
pub use self::membership::{Membership, MembershipRef};
// ink! 6's macro exports the contract's reference type itself.
#[cfg(feature = "revive")]
pub use self::membership::Membership;

#[ink::contract]
mod membership {
    use coop_shared::membership::{
        Error, Id, KeyRotated, MemberExpelled, MemberJoined, MemberResigned, RegisterCreated,
        Result, Share, ShareId, ShareReactivated, ShareReleased, ShareState, ShareSuspended,
        Standing, FIRST_SHARE, MAX_MEMBERS_PER_CALL, MAX_PAGE,
    };
    use coop_shared::runtime;
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;

    /// The share register.
    #[ink(storage)]
    pub struct Membership {
        /// The only account that may admit, expel, suspend or rotate keys:
        /// the coop's governance contract, fixed at instantiation.
        governance: AccountId,
        /// The share number each member's account holds (and each expelled
        /// account until it releases its old share); absent for anyone else.
        share_of: Mapping<AccountId, ShareId>,
        /// Every share by number, held or expelled-but-unreleased. Numbers of
        /// shares given up are absent and never issued again.
        shares: Mapping<ShareId, Share>,
        /// The number the next share gets.
        next_share: ShareId,
        /// How many shares are held now, suspended ones included (PSP34's
        /// total supply).
        member_count: u32,
        /// How many held shares are suspended.
        suspended_count: u32,
    }

    impl Membership {
        /// Creates the register with its founders, numbered in the order given.
        ///
        /// `governance` is the only account that may later admit, expel,
        /// suspend or rotate keys; the caller gets no power of its own.
        ///
        /// # Errors
        /// - `NoAccounts` if `founders` is empty.
        /// - `TooManyAccounts` if there are more than `MAX_MEMBERS_PER_CALL`.
        /// - `AlreadyMember` if an account is named twice.
        #[ink(constructor)]
        pub fn new(governance: AccountId, founders: Vec<AccountId>) -> Result<Self> {
            let mut register = Self {
                governance,
                share_of: Mapping::default(),
                shares: Mapping::default(),
                next_share: FIRST_SHARE,
                member_count: 0,
                suspended_count: 0,
            };
            let count = register.check_founders(&founders)?;
            Self::env().emit_event(RegisterCreated {
                governance,
                founders: count,
            });
            for founder in founders {
                register.issue(founder)?;
            }
            Ok(register)
        }

        /// Admits `account` with the next share number, which it returns.
        /// Governance calls it when the account accepts its offer of
        /// membership, so the account pays for its own share's storage.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `AlreadyMember` if the account holds a share.
        #[ink(message)]
        pub fn admit(&mut self, account: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            self.issue(account)
        }

        /// Expels the share numbered `number`; returns its holder. The share
        /// leaves every count at once; its storage stays until the former
        /// holder releases it, so the deposit they paid goes back to them
        /// and not to whoever executed the expulsion.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NotMember` if no share with that number is held.
        /// - `LastMember` if it is the only member.
        #[ink(message)]
        pub fn expel(&mut self, number: ShareId) -> Result<AccountId> {
            self.ensure_governance()?;
            let mut share = self.held(number)?;
            self.leave(&share)?;
            share.state = ShareState::Expelled;
            self.shares.insert(number, &share);
            self.env().emit_event(MemberExpelled {
                member: share.holder,
                share: number,
            });
            Ok(share.holder)
        }

        /// `member` gives up their share, through governance (which signs
        /// nothing: the member signs governance's `resign`, and governance
        /// pays their capital back in the same transaction). The number is
        /// retired; the share's storage deposit goes back to the signer.
        /// Returns that number.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NotMember` if `member` holds no share.
        /// - `LastMember` if `member` is the only member.
        #[ink(message)]
        pub fn resign(&mut self, member: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            let share = self.held_by(member)?;
            self.leave(&share)?;
            self.share_of.remove(member);
            self.shares.remove(share.number);
            self.env().emit_event(MemberResigned {
                member,
                share: share.number,
            });
            Ok(share.number)
        }

        /// The expelled account `member` frees its old share's storage,
        /// taking back the deposit it paid: through governance (the member
        /// signs governance's `release`), which frees its roster entry in
        /// the same transaction. Returns the old number.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NothingToRelease` unless `member`'s share was expelled.
        #[ink(message)]
        pub fn release(&mut self, member: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            let number = self.share_of.get(member).ok_or(Error::NothingToRelease)?;
            match self.shares.get(number) {
                Some(share) if share.state == ShareState::Expelled => {}
                _ => return Err(Error::NothingToRelease),
            }
            self.share_of.remove(member);
            self.shares.remove(number);
            self.env().emit_event(ShareReleased {
                share: number,
                member,
            });
            Ok(number)
        }

        /// Moves the share numbered `number` to `new`, keeping its number and
        /// joined-at block, for a member whose key is lost (governance
        /// decides it as a special decision). Returns the old key.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NotMember` if no share with that number is held.
        /// - `AlreadyMember` if `new` holds a share; `Unreleased` if it
        ///   holds an expelled one.
        #[ink(message)]
        pub fn rotate_key(&mut self, number: ShareId, new: AccountId) -> Result<AccountId> {
            self.ensure_governance()?;
            let share = self.held(number)?;
            let old = share.holder;
            // Not an act of the holder: their key is lost, so `seen_at` stays.
            self.move_to(share, new, false)?;
            Ok(old)
        }

        /// `member` moves their own share to `new`, a key they hold, with no
        /// vote: the share keeps its number, its joined-at block and its
        /// votes; the old key can no longer act for it. Through governance
        /// (the member signs governance's `move_share`), which keeps the
        /// roster its votes read in step. Returns the number.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NotMember` if `member` holds no share.
        /// - `AlreadyMember` if `new` holds a share (including the member's
        ///   own key); `Unreleased` if it holds an expelled one.
        #[ink(message)]
        pub fn move_share(&mut self, member: AccountId, new: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            let share = self.held_by(member)?;
            let number = share.number;
            self.move_to(share, new, true)?;
            Ok(number)
        }

        /// Suspends the shares numbered in `numbers`, all or none: each must
        /// be held, active and with no act of its holder on the register
        /// from block `quiet_since` on (governance checks its own record of
        /// votes and proposals). Returns their holders' keys, in the order
        /// given, so governance updates its roster without asking again.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NoAccounts`, `TooManyAccounts` for an empty or oversized list.
        /// - `NotMember`, `AlreadySuspended`, `NotDormant` for a share that
        ///   cannot be suspended.
        #[ink(message)]
        pub fn suspend(
            &mut self,
            numbers: Vec<ShareId>,
            quiet_since: BlockNumber,
        ) -> Result<Vec<AccountId>> {
            self.ensure_governance()?;
            let count = u32::try_from(numbers.len()).map_err(|_| Error::TooManyAccounts)?;
            if count == 0 {
                return Err(Error::NoAccounts);
            }
            if count > MAX_MEMBERS_PER_CALL {
                return Err(Error::TooManyAccounts);
            }
            let mut found = Vec::with_capacity(numbers.len());
            for number in numbers {
                let share = self.held(number)?;
                if share.state == ShareState::Suspended || found.contains(&share) {
                    return Err(Error::AlreadySuspended);
                }
                if share.seen_at >= quiet_since {
                    return Err(Error::NotDormant);
                }
                found.push(share);
            }
            self.suspended_count = self
                .suspended_count
                .checked_add(count)
                .ok_or(Error::ShareNumbersExhausted)?;
            let mut holders = Vec::with_capacity(found.len());
            for mut share in found {
                share.state = ShareState::Suspended;
                self.shares.insert(share.number, &share);
                self.env().emit_event(ShareSuspended {
                    share: share.number,
                    member: share.holder,
                });
                holders.push(share.holder);
            }
            Ok(holders)
        }

        /// `member`, holder of a suspended share, returns: it is in every
        /// electorate made from the next block on and votes on proposals
        /// made after this block. Through governance (the member signs
        /// governance's `reactivate`), which keeps its roster in step.
        /// Returns the number.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NotMember` if `member` holds no share; `NotSuspended` if it
        ///   is not suspended.
        #[ink(message)]
        pub fn reactivate(&mut self, member: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            let mut share = self.held_by(member)?;
            if share.state != ShareState::Suspended {
                return Err(Error::NotSuspended);
            }
            let now = self.env().block_number();
            share.state = ShareState::Active;
            share.reactivated_at = now;
            share.seen_at = now;
            self.suspended_count = self
                .suspended_count
                .checked_sub(1)
                .ok_or(Error::NotSuspended)?;
            self.shares.insert(share.number, &share);
            self.env().emit_event(ShareReactivated {
                share: share.number,
                member,
            });
            Ok(share.number)
        }

        /// Moves `share` to `new`, with its `KeyRotated` event.
        fn move_to(&mut self, mut share: Share, new: AccountId, by_holder: bool) -> Result<()> {
            if let Some(other) = self.share_of.get(new) {
                return Err(match self.shares.get(other).map(|s| s.state) {
                    Some(ShareState::Expelled) => Error::Unreleased,
                    _ => Error::AlreadyMember,
                });
            }
            let old = share.holder;
            share.holder = new;
            if by_holder {
                share.seen_at = self.env().block_number();
            }
            self.share_of.remove(old);
            self.share_of.insert(new, &share.number);
            self.shares.insert(share.number, &share);
            self.env().emit_event(KeyRotated {
                share: share.number,
                old,
                new,
            });
            Ok(())
        }

        /// The share `account` holds, if any (active or suspended).
        #[ink(message)]
        pub fn share_of(&self, account: AccountId) -> Option<Share> {
            self.share_of
                .get(account)
                .and_then(|number| self.share(number))
        }

        /// The share numbered `number`, if it is held (active or suspended).
        #[ink(message)]
        pub fn share(&self, number: ShareId) -> Option<Share> {
            self.shares
                .get(number)
                .filter(|share| share.state != ShareState::Expelled)
        }

        /// The held shares numbered `start .. start + count`, in order; numbers
        /// of shares given up are skipped. Scans at most `MAX_PAGE` numbers, so
        /// a client pages with `start += count` until `next_share_number`.
        #[ink(message)]
        pub fn shares(&self, start: ShareId, count: u32) -> Vec<Share> {
            let start = start.max(FIRST_SHARE);
            let end = start
                .saturating_add(count.min(MAX_PAGE))
                .min(self.next_share);
            (start..end).filter_map(|n| self.share(n)).collect()
        }

        /// `account`'s share with the register's next share number and the
        /// number of shares that may vote: what governance reads to propose,
        /// in one call.
        #[ink(message)]
        pub fn standing(&self, account: AccountId) -> Standing {
            Standing {
                share: self.share_of(account),
                next_share: self.next_share,
                members: self.member_count.saturating_sub(self.suspended_count),
            }
        }

        /// Whether any of `accounts` holds a share (at most
        /// `MAX_MEMBERS_PER_CALL` are looked at).
        #[ink(message)]
        pub fn holds_any(&self, accounts: Vec<AccountId>) -> bool {
            accounts
                .iter()
                .take(usize::try_from(MAX_MEMBERS_PER_CALL).unwrap_or(usize::MAX))
                .any(|account| self.share_of(*account).is_some())
        }

        /// The number the next admitted member will get. Every share held now
        /// has a lower number.
        #[ink(message)]
        pub fn next_share_number(&self) -> ShareId {
            self.next_share
        }

        /// How many members the coop has now, suspended ones included.
        #[ink(message)]
        pub fn member_count(&self) -> u32 {
            self.member_count
        }

        /// How many members are suspended.
        #[ink(message)]
        pub fn suspended_count(&self) -> u32 {
            self.suspended_count
        }

        /// The account that alone may admit, expel, suspend and rotate keys.
        #[ink(message)]
        pub fn governance(&self) -> AccountId {
            self.governance
        }

        /// PSP34: 1 if `owner` holds a share, else 0.
        #[ink(message, selector = 0xcde7e55f)]
        pub fn balance_of(&self, owner: AccountId) -> u32 {
            u32::from(self.share_of(owner).is_some())
        }

        /// PSP34: the holder of the share `id` names, if it is held.
        #[ink(message, selector = 0x1168624d)]
        pub fn owner_of(&self, id: Id) -> Option<AccountId> {
            id.share_number()
                .and_then(|number| self.share(number))
                .map(|share| share.holder)
        }

        /// PSP34: the number of shares held, that is, of current members.
        #[ink(message, selector = 0x628413fe)]
        pub fn total_supply(&self) -> Balance {
            Balance::from(self.member_count)
        }

        /// PSP34: the collection is the register itself.
        #[ink(message, selector = 0xffa27a5f)]
        pub fn collection_id(&self) -> Id {
            let own = runtime::own_account();
            Id::Bytes(AsRef::<[u8; 32]>::as_ref(&own).to_vec())
        }

        /// PSP34: no one may move a share on anyone's behalf, so always false.
        #[ink(message, selector = 0x4790f55a)]
        pub fn allowance(&self, _owner: AccountId, _operator: AccountId, _id: Option<Id>) -> bool {
            false
        }

        /// PSP34 transfer: refused, shares are not transferable.
        ///
        /// # Errors
        /// Always `NotTransferable`.
        #[ink(message, selector = 0x3128d61b)]
        pub fn transfer(&mut self, _to: AccountId, _id: Id, _data: Vec<u8>) -> Result<()> {
            Err(Error::NotTransferable)
        }

        /// PSP34 approve: refused, shares cannot be lent or sold.
        ///
        /// # Errors
        /// Always `NotTransferable`.
        #[ink(message, selector = 0x1932a8b0)]
        pub fn approve(
            &mut self,
            _operator: AccountId,
            _id: Option<Id>,
            _approved: bool,
        ) -> Result<()> {
            Err(Error::NotTransferable)
        }

        fn ensure_governance(&self) -> Result<()> {
            if runtime::caller() == self.governance {
                Ok(())
            } else {
                Err(Error::NotGovernance)
            }
        }

        /// The held share numbered `number`.
        fn held(&self, number: ShareId) -> Result<Share> {
            self.share(number).ok_or(Error::NotMember)
        }

        /// The share `account` holds.
        fn held_by(&self, account: AccountId) -> Result<Share> {
            self.share_of(account).ok_or(Error::NotMember)
        }

        /// Checks the founders before any share is issued: within the
        /// per-call bound and no account named twice.
        fn check_founders(&self, accounts: &[AccountId]) -> Result<u32> {
            let count = u32::try_from(accounts.len()).map_err(|_| Error::TooManyAccounts)?;
            if count == 0 {
                return Err(Error::NoAccounts);
            }
            if count > MAX_MEMBERS_PER_CALL {
                return Err(Error::TooManyAccounts);
            }
            let mut sorted = accounts.to_vec();
            sorted.sort_unstable();
            if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
                return Err(Error::AlreadyMember);
            }
            Ok(count)
        }

        /// Issues the next share number to `account`. An expelled account's
        /// unreleased old share is released first (the refund goes to the
        /// signer, who is that account accepting a new offer).
        fn issue(&mut self, account: AccountId) -> Result<ShareId> {
            if let Some(old) = self.share_of.get(account) {
                match self.shares.get(old) {
                    Some(share) if share.state == ShareState::Expelled => {
                        self.shares.remove(old);
                        self.env().emit_event(ShareReleased {
                            share: old,
                            member: account,
                        });
                    }
                    _ => return Err(Error::AlreadyMember),
                }
            }
            let number = self.next_share;
            self.next_share = number.checked_add(1).ok_or(Error::ShareNumbersExhausted)?;
            self.member_count = self
                .member_count
                .checked_add(1)
                .ok_or(Error::ShareNumbersExhausted)?;
            let joined_at = self.env().block_number();
            self.share_of.insert(account, &number);
            self.shares.insert(
                number,
                &Share {
                    number,
                    holder: account,
                    joined_at,
                    seen_at: joined_at,
                    reactivated_at: 0,
                    state: ShareState::Active,
                },
            );
            self.env().emit_event(MemberJoined {
                member: account,
                share: number,
                joined_at,
            });
            Ok(number)
        }

        /// Takes `share` out of the counts (resignation or expulsion).
        fn leave(&mut self, share: &Share) -> Result<()> {
            if self.member_count <= 1 {
                return Err(Error::LastMember);
            }
            self.member_count = self.member_count.checked_sub(1).ok_or(Error::LastMember)?;
            if share.state == ShareState::Suspended {
                self.suspended_count = self
                    .suspended_count
                    .checked_sub(1)
                    .ok_or(Error::NotSuspended)?;
            }
            Ok(())
        }
    }

    // Off-chain tests with ink! 5's test environment; on pallet-revive the
    // same code runs in the end-to-end tests.
    #[cfg(all(test, not(feature = "revive")))]
    mod tests {
        use super::*;
        use coop_shared::CoopEvent;
        use ink::env::{test, DefaultEnvironment};
        use ink::scale::Decode;

        type Accounts = test::DefaultAccounts<DefaultEnvironment>;

        fn accounts() -> Accounts {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(who: AccountId) {
            test::set_caller::<DefaultEnvironment>(who);
        }

        /// A register governed by `django`, founded by alice, bob and charlie.
        fn register() -> Membership {
            let a = accounts();
            Membership::new(a.django, vec![a.alice, a.bob, a.charlie]).expect("founding works")
        }

        fn account(n: u32) -> AccountId {
            let mut bytes = [0xAAu8; 32];
            bytes[..4].copy_from_slice(&n.to_le_bytes());
            AccountId::from(bytes)
        }

        /// The recorded events whose first topic is `E`'s signature, decoded.
        fn events<E: CoopEvent + Decode>() -> Vec<E> {
            let mut topic = [0u8; 32];
            ink::env::hash_bytes::<ink::env::hash::Blake2x256>(E::SIGNATURE.as_bytes(), &mut topic);
            test::recorded_events()
                .filter(|e| e.topics.first().map(|t| t.as_slice()) == Some(&topic[..]))
                .map(|e| E::decode(&mut &e.data[..]).expect("event decodes"))
                .collect()
        }

        /// A share as issued at `at` and never touched since.
        fn fresh(number: ShareId, holder: AccountId, at: BlockNumber) -> Share {
            Share {
                number,
                holder,
                joined_at: at,
                seen_at: at,
                reactivated_at: 0,
                state: ShareState::Active,
            }
        }

        #[ink::test]
        fn founders_get_consecutive_shares_and_events() {
            let a = accounts();
            test::set_block_number::<DefaultEnvironment>(7);
            let reg = register();
            assert_eq!(reg.member_count(), 3);
            assert_eq!(reg.total_supply(), 3);
            assert_eq!(reg.next_share_number(), 4);
            assert_eq!(reg.governance(), a.django);
            for (n, who) in [(1, a.alice), (2, a.bob), (3, a.charlie)] {
                let share = reg.share_of(who).expect("founder holds a share");
                assert_eq!(share, fresh(n, who, 7));
                assert_eq!(reg.share(n), Some(share));
                assert_eq!(reg.balance_of(who), 1);
            }
            assert_eq!(reg.balance_of(a.django), 0, "governance is not a member");
            assert_eq!(
                reg.standing(a.bob),
                Standing {
                    share: reg.share_of(a.bob),
                    next_share: 4,
                    members: 3
                }
            );
            assert_eq!(reg.standing(a.django).share, None);
            assert!(reg.holds_any(vec![a.eve, a.bob]));
            assert!(!reg.holds_any(vec![a.eve, a.django]));
            assert_eq!(
                events::<RegisterCreated>(),
                vec![RegisterCreated {
                    governance: a.django,
                    founders: 3
                }]
            );
            let joined = events::<MemberJoined>();
            assert_eq!(joined.len(), 3);
            assert_eq!(
                joined[2],
                MemberJoined {
                    member: a.charlie,
                    share: 3,
                    joined_at: 7
                }
            );
        }

        #[ink::test]
        fn founding_needs_a_bounded_set_of_distinct_founders() {
            let a = accounts();
            assert_eq!(
                Membership::new(a.django, vec![]).err(),
                Some(Error::NoAccounts)
            );
            assert_eq!(
                Membership::new(a.django, vec![a.alice, a.bob, a.alice]).err(),
                Some(Error::AlreadyMember)
            );
            let limit: Vec<AccountId> = (0..MAX_MEMBERS_PER_CALL).map(account).collect();
            let full = Membership::new(a.django, limit.clone()).expect("the limit is allowed");
            assert_eq!(full.member_count(), MAX_MEMBERS_PER_CALL);
            let mut over = limit;
            over.push(account(MAX_MEMBERS_PER_CALL));
            assert_eq!(
                Membership::new(a.django, over).err(),
                Some(Error::TooManyAccounts)
            );
        }

        #[ink::test]
        fn only_governance_admits() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.alice);
            assert_eq!(reg.admit(a.eve), Err(Error::NotGovernance));
            set_caller(a.django);
            test::set_block_number::<DefaultEnvironment>(12);
            assert_eq!(reg.admit(a.eve), Ok(4));
            assert_eq!(reg.share_of(a.eve).map(|s| s.joined_at), Some(12));
            assert_eq!(reg.admit(a.eve), Err(Error::AlreadyMember));
            assert_eq!(reg.member_count(), 4);
            assert_eq!(events::<MemberJoined>().last().map(|e| e.share), Some(4));
        }

        #[ink::test]
        fn expel_is_governance_only_keeps_the_deposit_for_its_payer_and_never_reuses_numbers() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.alice);
            assert_eq!(reg.expel(2), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.expel(9), Err(Error::NotMember));
            assert_eq!(reg.expel(2), Ok(a.bob));
            assert_eq!(reg.expel(2), Err(Error::NotMember), "expelled once");
            assert_eq!(reg.share_of(a.bob), None);
            assert_eq!(reg.share(2), None);
            assert_eq!(reg.owner_of(Id::U32(2)), None);
            assert_eq!(reg.balance_of(a.bob), 0);
            assert!(!reg.holds_any(vec![a.bob]));
            assert_eq!(reg.member_count(), 2);
            assert_eq!(
                events::<MemberExpelled>(),
                vec![MemberExpelled {
                    member: a.bob,
                    share: 2
                }]
            );
            // Only the expelled account, through governance, frees the old
            // share's storage.
            set_caller(a.django);
            assert_eq!(reg.release(a.alice), Err(Error::NothingToRelease));
            assert_eq!(reg.resign(a.bob), Err(Error::NotMember));
            assert_eq!(reg.move_share(a.bob, a.eve), Err(Error::NotMember));
            set_caller(a.bob);
            assert_eq!(reg.release(a.bob), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.release(a.bob), Ok(2));
            assert_eq!(reg.release(a.bob), Err(Error::NothingToRelease));
            assert_eq!(
                events::<ShareReleased>(),
                vec![ShareReleased {
                    share: 2,
                    member: a.bob
                }]
            );
            set_caller(a.django);
            assert_eq!(
                reg.admit(a.bob),
                Ok(4),
                "a returning member gets a new number"
            );
        }

        #[ink::test]
        fn an_unreleased_expelled_key_is_released_when_it_joins_again() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.django);
            reg.expel(2).expect("expelled");
            assert_eq!(reg.rotate_key(1, a.bob), Err(Error::Unreleased));
            assert_eq!(reg.admit(a.bob), Ok(4));
            assert_eq!(reg.share_of(a.bob).map(|s| s.number), Some(4));
            assert_eq!(events::<ShareReleased>().len(), 1);
        }

        #[ink::test]
        fn the_last_member_cannot_leave_or_be_expelled() {
            let a = accounts();
            let mut reg = Membership::new(a.django, vec![a.alice, a.bob]).expect("founded");
            set_caller(a.django);
            assert_eq!(reg.resign(a.alice), Ok(1));
            assert_eq!(reg.resign(a.bob), Err(Error::LastMember));
            assert_eq!(reg.expel(2), Err(Error::LastMember));
            assert_eq!(reg.member_count(), 1);
        }

        #[ink::test]
        fn a_member_resigns_alone() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.charlie);
            assert_eq!(reg.resign(a.charlie), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.resign(a.eve), Err(Error::NotMember));
            assert_eq!(reg.resign(a.charlie), Ok(3));
            assert_eq!(reg.balance_of(a.charlie), 0);
            assert_eq!(reg.total_supply(), 2);
            assert_eq!(reg.next_share_number(), 4, "numbers are not handed back");
            assert_eq!(
                events::<MemberResigned>(),
                vec![MemberResigned {
                    member: a.charlie,
                    share: 3
                }]
            );
        }

        #[ink::test]
        fn rotation_keeps_number_and_seniority() {
            let a = accounts();
            test::set_block_number::<DefaultEnvironment>(3);
            let mut reg = register();
            test::set_block_number::<DefaultEnvironment>(50);
            set_caller(a.bob);
            assert_eq!(reg.rotate_key(2, a.eve), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.rotate_key(7, a.frank), Err(Error::NotMember));
            assert_eq!(reg.rotate_key(2, a.alice), Err(Error::AlreadyMember));
            assert_eq!(reg.rotate_key(2, a.bob), Err(Error::AlreadyMember));
            assert_eq!(reg.rotate_key(2, a.eve), Ok(a.bob));
            assert_eq!(reg.share_of(a.bob), None);
            // Governance moved it: not an act of the holder, so seen_at stays.
            assert_eq!(reg.share_of(a.eve), Some(fresh(2, a.eve, 3)));
            assert_eq!(reg.owner_of(Id::U32(2)), Some(a.eve));
            assert_eq!(reg.member_count(), 3);
            assert_eq!(
                events::<KeyRotated>(),
                vec![KeyRotated {
                    share: 2,
                    old: a.bob,
                    new: a.eve
                }]
            );
            // A holder moving their own share (through governance) is seen
            // doing it; nobody else may pass such a move on.
            set_caller(a.eve);
            assert_eq!(reg.move_share(a.eve, a.frank), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.move_share(a.eve, a.frank), Ok(2));
            assert_eq!(reg.share_of(a.frank).map(|s| s.seen_at), Some(50));
        }

        #[ink::test]
        fn dormant_shares_are_suspended_and_return_by_signing() {
            let a = accounts();
            test::set_block_number::<DefaultEnvironment>(1);
            let mut reg = register();
            test::set_block_number::<DefaultEnvironment>(40);
            set_caller(a.django);
            reg.move_share(a.charlie, a.eve)
                .expect("charlie moves to a new key at 40");
            set_caller(a.bob);
            assert_eq!(reg.suspend(vec![2], 30), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.suspend(vec![], 30), Err(Error::NoAccounts));
            assert_eq!(reg.suspend(vec![9], 30), Err(Error::NotMember));
            assert_eq!(
                reg.suspend(vec![2, 3], 30),
                Err(Error::NotDormant),
                "share 3 acted at 40"
            );
            assert_eq!(reg.suspend(vec![2, 2], 30), Err(Error::AlreadySuspended));
            assert_eq!(
                reg.standing(a.alice).members,
                3,
                "a refused list changes nothing"
            );
            assert_eq!(
                reg.suspend(vec![1, 2], 30),
                Ok(vec![a.alice, a.bob]),
                "the holders, in order"
            );
            assert_eq!(reg.suspend(vec![2], 30), Err(Error::AlreadySuspended));
            assert_eq!(
                reg.standing(a.alice).members,
                1,
                "suspended shares leave the electorate"
            );
            assert_eq!(reg.member_count(), 3, "but stay members");
            assert_eq!(reg.suspended_count(), 2);
            assert_eq!(events::<ShareSuspended>().len(), 2);
            test::set_block_number::<DefaultEnvironment>(60);
            set_caller(a.bob);
            assert_eq!(reg.reactivate(a.bob), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.reactivate(a.charlie), Err(Error::NotMember));
            assert_eq!(reg.reactivate(a.eve), Err(Error::NotSuspended));
            assert_eq!(reg.reactivate(a.bob), Ok(2));
            let back = reg.share(2).expect("held");
            assert_eq!(back.state, ShareState::Active);
            assert_eq!((back.reactivated_at, back.seen_at), (60, 60));
            assert_eq!(reg.standing(a.alice).members, 2);
            assert_eq!(
                events::<ShareReactivated>(),
                vec![ShareReactivated {
                    share: 2,
                    member: a.bob
                }]
            );
            // A suspended member may still leave; the counts follow.
            set_caller(a.django);
            assert_eq!(reg.resign(a.alice), Ok(1));
            assert_eq!(reg.suspended_count(), 0);
            assert_eq!(reg.standing(a.bob).members, 2);
        }

        #[ink::test]
        fn shares_are_paged_by_number() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.django);
            reg.expel(2).expect("expelled");
            let page = reg.shares(0, 10);
            assert_eq!(
                page.iter().map(|s| s.number).collect::<Vec<_>>(),
                vec![1, 3]
            );
            assert_eq!(reg.shares(2, 1), vec![]);
            assert_eq!(reg.shares(3, 1).len(), 1);
            assert_eq!(reg.shares(4, 10), vec![]);
            assert_eq!(reg.shares(u32::MAX, u32::MAX), vec![]);
            // More members than one page scans.
            let mut next = 0;
            while reg.next_share_number() <= MAX_PAGE {
                reg.admit(account(next)).expect("admitted");
                next += 1;
            }
            // A page never scans more than MAX_PAGE numbers, whatever is asked.
            assert_eq!(
                reg.shares(1, u32::MAX).len(),
                usize::try_from(MAX_PAGE - 1).unwrap()
            );
        }

        #[ink::test]
        fn psp34_reads_and_refused_transfers() {
            let a = accounts();
            let mut reg = register();
            assert_eq!(reg.owner_of(Id::U8(1)), Some(a.alice));
            assert_eq!(reg.owner_of(Id::U64(3)), Some(a.charlie));
            assert_eq!(reg.owner_of(Id::U128(9)), None);
            assert_eq!(reg.owner_of(Id::Bytes(vec![1])), None);
            assert!(!reg.allowance(a.alice, a.bob, Some(Id::U32(1))));
            set_caller(a.alice);
            assert_eq!(
                reg.transfer(a.bob, Id::U32(1), vec![]),
                Err(Error::NotTransferable)
            );
            assert_eq!(
                reg.approve(a.bob, Some(Id::U32(1)), true),
                Err(Error::NotTransferable)
            );
            assert_eq!(reg.approve(a.bob, None, true), Err(Error::NotTransferable));
            assert_eq!(reg.owner_of(Id::U32(1)), Some(a.alice));
            let own = ink::env::account_id::<DefaultEnvironment>();
            assert_eq!(
                reg.collection_id(),
                Id::Bytes(AsRef::<[u8; 32]>::as_ref(&own).to_vec())
            );
        }
    }
}
