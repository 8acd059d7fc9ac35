#![cfg_attr(not(feature = "std"), no_std, no_main)]

//! The floor for the cost benchmark (`bench/`): the least a vote can cost
//! that keeps the rules a member relies on. Only members vote, only on an
//! open proposal, one ballot per share, counted at once, announced by an
//! event. `vote` reads the voter's share and the proposal, writes the
//! ballot and the tally, and emits the event; nothing else, in a contract
//! with nothing else in it. Any governance contract's vote does at least
//! this, so what this costs on a runtime is the floor under coop's vote
//! there (`contracts/peer-vote`, the yardstick, does not even check
//! membership).
//!
//! One source for both runtimes: ink! 5 on pallet-contracts (this crate)
//! and ink! 6 on pallet-revive (`contracts/revive/floor-vote`, feature
//! `revive`), where an account is a 20-byte `Address`.

#[ink::contract]
mod floor_vote {
    use ink::storage::Mapping;

    /// An account as the contracts runtime names a caller.
    #[cfg(not(feature = "revive"))]
    pub type Voter = AccountId;
    /// An account as the contracts runtime names a caller.
    #[cfg(feature = "revive")]
    pub type Voter = Address;

    /// A member voted on a proposal; both are topics, as coop's `VoteCast`
    /// is filterable.
    #[ink(event)]
    pub struct Voted {
        /// The proposal.
        #[ink(topic)]
        pub proposal: u32,
        /// The voter's share.
        #[ink(topic)]
        pub share: u32,
        /// Yes (`true`) or no.
        pub yes: bool,
    }

    /// A proposal's deadline and count: all a vote reads and writes of it.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Tally {
        /// The first block at which votes are no longer taken.
        pub deadline: u32,
        /// Yes votes.
        pub yes: u32,
        /// No votes.
        pub no: u32,
    }

    /// Why `vote` refused; a refusal reverts, so it changes nothing.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Refusal {
        /// The caller holds no share.
        NotMember,
        /// No such proposal.
        UnknownProposal,
        /// The proposal's deadline has passed.
        Closed,
        /// This share has voted on this proposal.
        AlreadyVoted,
        /// A count would overflow.
        Overflow,
    }

    /// Shares, proposals and ballots.
    #[ink(storage)]
    #[derive(Default)]
    pub struct FloorVote {
        /// Each member's share number.
        shares: Mapping<Voter, u32>,
        /// Each proposal's deadline and count.
        tallies: Mapping<u32, Tally>,
        /// Each share's ballot on each proposal.
        ballots: Mapping<(u32, u32), bool>,
    }

    impl FloorVote {
        /// No members, no proposals.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self::default()
        }

        /// Gives the caller share `share`. Set-up for `vote`: a measuring
        /// stick, so anyone may.
        #[ink(message)]
        pub fn join(&mut self, share: u32) {
            self.shares.insert(self.env().caller(), &share);
        }

        /// Opens proposal `proposal` until block `deadline`. Set-up for
        /// `vote`.
        #[ink(message)]
        pub fn open(&mut self, proposal: u32, deadline: u32) {
            let tally = Tally {
                deadline,
                yes: 0,
                no: 0,
            };
            self.tallies.insert(proposal, &tally);
        }

        /// The caller's share votes on `proposal`. The ballot is written
        /// before the check for an earlier one: the size of the value it
        /// replaces tells, so no separate read is needed, and a refusal
        /// reverts the write.
        #[ink(message)]
        pub fn vote(&mut self, proposal: u32, yes: bool) -> Result<(), Refusal> {
            let share = self
                .shares
                .get(self.env().caller())
                .ok_or(Refusal::NotMember)?;
            let mut tally = self.tallies.get(proposal).ok_or(Refusal::UnknownProposal)?;
            if self.env().block_number() >= tally.deadline {
                return Err(Refusal::Closed);
            }
            if self.ballots.insert((proposal, share), &yes).is_some() {
                return Err(Refusal::AlreadyVoted);
            }
            let count = if yes { &mut tally.yes } else { &mut tally.no };
            *count = count.checked_add(1).ok_or(Refusal::Overflow)?;
            self.tallies.insert(proposal, &tally);
            self.env().emit_event(Voted {
                proposal,
                share,
                yes,
            });
            Ok(())
        }

        /// Proposal `proposal`'s deadline and count, if it exists.
        #[ink(message)]
        pub fn tally(&self, proposal: u32) -> Option<Tally> {
            self.tallies.get(proposal)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test;

        // The off-chain test API lost its environment parameter in ink! 6.
        #[cfg(not(feature = "revive"))]
        fn alice_and_bob() -> (Voter, Voter) {
            let accounts = test::default_accounts::<ink::env::DefaultEnvironment>();
            (accounts.alice, accounts.bob)
        }
        #[cfg(feature = "revive")]
        fn alice_and_bob() -> (Voter, Voter) {
            let accounts = test::default_accounts();
            (accounts.alice, accounts.bob)
        }
        #[cfg(not(feature = "revive"))]
        fn set_caller(who: Voter) {
            test::set_caller::<ink::env::DefaultEnvironment>(who);
        }
        #[cfg(feature = "revive")]
        fn set_caller(who: Voter) {
            test::set_caller(who);
        }

        #[ink::test]
        fn members_vote_once_on_open_proposals_and_are_counted() {
            let (alice, bob) = alice_and_bob();
            let mut floor = FloorVote::new();
            floor.open(1, 10);
            set_caller(bob);
            assert_eq!(floor.vote(1, true), Err(Refusal::NotMember));
            set_caller(alice);
            floor.join(7);
            assert_eq!(floor.vote(2, true), Err(Refusal::UnknownProposal));
            assert_eq!(floor.vote(1, false), Ok(()));
            assert_eq!(
                floor.tally(1),
                Some(Tally {
                    deadline: 10,
                    yes: 0,
                    no: 1
                })
            );
            // Off chain a refusal does not revert, so only the refusal is
            // checked here; on chain the ballot's rewrite is undone with it.
            assert_eq!(floor.vote(1, true), Err(Refusal::AlreadyVoted));
            floor.open(3, 0);
            assert_eq!(floor.vote(3, true), Err(Refusal::Closed));
        }
    }
}
