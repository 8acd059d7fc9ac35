#![cfg_attr(not(feature = "std"), no_std, no_main)]

//! The coop's share register.
//!
//! Every member holds exactly one share. A share has a number that is never
//! reused and records the block its holder joined at. Shares cannot be
//! transferred; only the coop's governance admits, expels or moves a share to
//! a new key, and a member may resign at any time unless they are the last.
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
        Result, Share, ShareId, Standing, FIRST_SHARE, MAX_MEMBERS_PER_CALL, MAX_PAGE,
    };
    use coop_shared::runtime;
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;

    /// The share register.
    #[ink(storage)]
    pub struct Membership {
        /// The only account that may admit, expel or rotate keys: the coop's
        /// governance contract, fixed at instantiation.
        governance: AccountId,
        /// The share number each member's account holds; absent for anyone else.
        share_of: Mapping<AccountId, ShareId>,
        /// Every held share by number. Numbers of shares given up are absent
        /// and never issued again.
        shares: Mapping<ShareId, Share>,
        /// The number the next share gets.
        next_share: ShareId,
        /// How many shares are held now (PSP34's total supply).
        member_count: u32,
    }

    impl Membership {
        /// Creates the register with its founders, numbered in the order given.
        ///
        /// `governance` is the only account that may later admit, expel or
        /// rotate keys; the caller gets no power of its own.
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
            };
            let count = register.check_batch(&founders)?;
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
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `AlreadyMember` if the account holds a share.
        #[ink(message)]
        pub fn admit(&mut self, account: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            self.issue(account)
        }

        /// Admits every account in `accounts`, numbered in the order given,
        /// all or none. Returns the first share number issued.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NoAccounts` or `TooManyAccounts` for an empty or oversized batch.
        /// - `AlreadyMember` if an account holds a share or is named twice.
        #[ink(message)]
        pub fn admit_many(&mut self, accounts: Vec<AccountId>) -> Result<ShareId> {
            self.ensure_governance()?;
            self.check_batch(&accounts)?;
            let first = self.next_share;
            for account in accounts {
                self.issue(account)?;
            }
            Ok(first)
        }

        /// Expels `account`; its share number is retired. Returns that number.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NotMember` if the account holds no share.
        /// - `LastMember` if it is the only member.
        #[ink(message)]
        pub fn expel(&mut self, account: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            let share = self.retire(account)?;
            self.env().emit_event(MemberExpelled {
                member: account,
                share,
            });
            Ok(share)
        }

        /// The caller gives up their share; its number is retired. Returns that number.
        ///
        /// # Errors
        /// - `NotMember` if the caller holds no share.
        /// - `LastMember` if the caller is the only member.
        #[ink(message)]
        pub fn resign(&mut self) -> Result<ShareId> {
            let member = runtime::caller();
            let share = self.retire(member)?;
            self.env().emit_event(MemberResigned { member, share });
            Ok(share)
        }

        /// Moves the share held by `old` to `new`, keeping its number and
        /// joined-at block, for a member whose key is lost (governance
        /// decides it as a special decision). Returns the number.
        ///
        /// # Errors
        /// - `NotGovernance` unless called by governance.
        /// - `NotMember` if `old` holds no share.
        /// - `AlreadyMember` if `new` holds a share (including `new == old`).
        #[ink(message)]
        pub fn rotate_key(&mut self, old: AccountId, new: AccountId) -> Result<ShareId> {
            self.ensure_governance()?;
            self.move_share_of(old, new)
        }

        /// The caller moves their own share to `new`, a key they hold, with
        /// no vote: the share keeps its number, its joined-at block and its
        /// votes; the old key can no longer act for it. Returns the number.
        ///
        /// # Errors
        /// - `NotMember` if the caller holds no share.
        /// - `AlreadyMember` if `new` holds a share (including the caller's own key).
        #[ink(message)]
        pub fn move_share(&mut self, new: AccountId) -> Result<ShareId> {
            self.move_share_of(runtime::caller(), new)
        }

        /// Moves `old`'s share to `new`, with its `KeyRotated` event.
        fn move_share_of(&mut self, old: AccountId, new: AccountId) -> Result<ShareId> {
            let number = self.share_of.get(old).ok_or(Error::NotMember)?;
            if self.share_of.contains(new) {
                return Err(Error::AlreadyMember);
            }
            let mut share = self.shares.get(number).ok_or(Error::NotMember)?;
            share.holder = new;
            self.share_of.remove(old);
            self.share_of.insert(new, &number);
            self.shares.insert(number, &share);
            self.env().emit_event(KeyRotated {
                share: number,
                old,
                new,
            });
            Ok(number)
        }

        /// The share `account` holds, if any.
        #[ink(message)]
        pub fn share_of(&self, account: AccountId) -> Option<Share> {
            self.share_of
                .get(account)
                .and_then(|number| self.shares.get(number))
        }

        /// The share numbered `number`, if it is held.
        #[ink(message)]
        pub fn share(&self, number: ShareId) -> Option<Share> {
            self.shares.get(number)
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
            (start..end).filter_map(|n| self.shares.get(n)).collect()
        }

        /// `account`'s share with the register's next share number and member
        /// count: what governance reads to propose, in one call.
        #[ink(message)]
        pub fn standing(&self, account: AccountId) -> Standing {
            Standing {
                share: self.share_of(account),
                next_share: self.next_share,
                members: self.member_count,
            }
        }

        /// The number the next admitted member will get. Every share held now
        /// has a lower number.
        #[ink(message)]
        pub fn next_share_number(&self) -> ShareId {
            self.next_share
        }

        /// How many members the coop has now.
        #[ink(message)]
        pub fn member_count(&self) -> u32 {
            self.member_count
        }

        /// The account that alone may admit, expel and rotate keys.
        #[ink(message)]
        pub fn governance(&self) -> AccountId {
            self.governance
        }

        /// PSP34: 1 if `owner` holds a share, else 0.
        #[ink(message, selector = 0xcde7e55f)]
        pub fn balance_of(&self, owner: AccountId) -> u32 {
            u32::from(self.share_of.contains(owner))
        }

        /// PSP34: the holder of the share `id` names, if it is held.
        #[ink(message, selector = 0x1168624d)]
        pub fn owner_of(&self, id: Id) -> Option<AccountId> {
            id.share_number()
                .and_then(|number| self.shares.get(number))
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

        /// Checks a whole batch before any share is issued, so a refused
        /// batch changes nothing: its size is within the per-call bound, and
        /// no account in it is a member or named twice.
        fn check_batch(&self, accounts: &[AccountId]) -> Result<u32> {
            let count = u32::try_from(accounts.len()).map_err(|_| Error::TooManyAccounts)?;
            if count == 0 {
                return Err(Error::NoAccounts);
            }
            if count > MAX_MEMBERS_PER_CALL {
                return Err(Error::TooManyAccounts);
            }
            if accounts.iter().any(|a| self.share_of.contains(a)) {
                return Err(Error::AlreadyMember);
            }
            let mut sorted = accounts.to_vec();
            sorted.sort_unstable();
            if sorted.windows(2).any(|pair| pair[0] == pair[1]) {
                return Err(Error::AlreadyMember);
            }
            Ok(count)
        }

        /// Issues the next share number to `account`.
        fn issue(&mut self, account: AccountId) -> Result<ShareId> {
            if self.share_of.contains(account) {
                return Err(Error::AlreadyMember);
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
                },
            );
            self.env().emit_event(MemberJoined {
                member: account,
                share: number,
                joined_at,
            });
            Ok(number)
        }

        /// Takes `account`'s share away for good (resignation or expulsion).
        fn retire(&mut self, account: AccountId) -> Result<ShareId> {
            let number = self.share_of.get(account).ok_or(Error::NotMember)?;
            if self.member_count <= 1 {
                return Err(Error::LastMember);
            }
            self.member_count = self.member_count.checked_sub(1).ok_or(Error::LastMember)?;
            self.share_of.remove(account);
            self.shares.remove(number);
            Ok(number)
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
                assert_eq!(
                    share,
                    Share {
                        number: n,
                        holder: who,
                        joined_at: 7
                    }
                );
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
        fn admit_many_is_bounded_and_numbers_in_order() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.bob);
            assert_eq!(reg.admit_many(vec![a.eve]), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.admit_many(vec![]), Err(Error::NoAccounts));
            let too_many: Vec<AccountId> = (0..=MAX_MEMBERS_PER_CALL).map(account).collect();
            assert_eq!(reg.admit_many(too_many), Err(Error::TooManyAccounts));
            assert_eq!(reg.admit_many(vec![a.eve, a.frank]), Ok(4));
            assert_eq!(reg.share_of(a.frank).map(|s| s.number), Some(5));
            // A refused batch issues nothing, even to the accounts before the bad one.
            assert_eq!(
                reg.admit_many(vec![account(1), a.alice]),
                Err(Error::AlreadyMember)
            );
            assert_eq!(
                reg.admit_many(vec![account(1), account(1)]),
                Err(Error::AlreadyMember)
            );
            assert_eq!(reg.share_of(account(1)), None);
            assert_eq!(reg.next_share_number(), 6);
            let full: Vec<AccountId> = (100..100 + MAX_MEMBERS_PER_CALL).map(account).collect();
            assert_eq!(reg.admit_many(full), Ok(6));
            assert_eq!(reg.member_count(), 5 + MAX_MEMBERS_PER_CALL);
        }

        #[ink::test]
        fn expel_is_governance_only_and_never_reuses_numbers() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.alice);
            assert_eq!(reg.expel(a.bob), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.expel(a.eve), Err(Error::NotMember));
            assert_eq!(reg.expel(a.bob), Ok(2));
            assert_eq!(reg.share_of(a.bob), None);
            assert_eq!(reg.share(2), None);
            assert_eq!(reg.owner_of(Id::U32(2)), None);
            assert_eq!(reg.member_count(), 2);
            assert_eq!(
                events::<MemberExpelled>(),
                vec![MemberExpelled {
                    member: a.bob,
                    share: 2
                }]
            );
            assert_eq!(
                reg.admit(a.bob),
                Ok(4),
                "a returning member gets a new number"
            );
        }

        #[ink::test]
        fn the_last_member_cannot_leave_or_be_expelled() {
            let a = accounts();
            let mut reg = Membership::new(a.django, vec![a.alice, a.bob]).expect("founded");
            set_caller(a.alice);
            assert_eq!(reg.resign(), Ok(1));
            set_caller(a.bob);
            assert_eq!(reg.resign(), Err(Error::LastMember));
            set_caller(a.django);
            assert_eq!(reg.expel(a.bob), Err(Error::LastMember));
            assert_eq!(reg.member_count(), 1);
        }

        #[ink::test]
        fn a_member_resigns_alone() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.eve);
            assert_eq!(reg.resign(), Err(Error::NotMember));
            set_caller(a.charlie);
            assert_eq!(reg.resign(), Ok(3));
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
            assert_eq!(reg.rotate_key(a.bob, a.eve), Err(Error::NotGovernance));
            set_caller(a.django);
            assert_eq!(reg.rotate_key(a.eve, a.frank), Err(Error::NotMember));
            assert_eq!(reg.rotate_key(a.bob, a.alice), Err(Error::AlreadyMember));
            assert_eq!(reg.rotate_key(a.bob, a.bob), Err(Error::AlreadyMember));
            assert_eq!(reg.rotate_key(a.bob, a.eve), Ok(2));
            assert_eq!(reg.share_of(a.bob), None);
            assert_eq!(
                reg.share_of(a.eve),
                Some(Share {
                    number: 2,
                    holder: a.eve,
                    joined_at: 3
                })
            );
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
        }

        #[ink::test]
        fn shares_are_paged_by_number() {
            let a = accounts();
            let mut reg = register();
            set_caller(a.django);
            reg.expel(a.bob).expect("expelled");
            let page = reg.shares(0, 10);
            assert_eq!(
                page.iter().map(|s| s.number).collect::<Vec<_>>(),
                vec![1, 3]
            );
            assert_eq!(reg.shares(2, 1), vec![]);
            assert_eq!(reg.shares(3, 1).len(), 1);
            assert_eq!(reg.shares(4, 10), vec![]);
            assert_eq!(reg.shares(u32::MAX, u32::MAX), vec![]);
            // More members than one page scans: batches until past MAX_PAGE.
            let mut next = 0;
            while reg.next_share_number() <= MAX_PAGE {
                let batch: Vec<AccountId> =
                    (next..next + MAX_MEMBERS_PER_CALL).map(account).collect();
                reg.admit_many(batch).expect("admitted");
                next += MAX_MEMBERS_PER_CALL;
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
