#![cfg_attr(not(feature = "std"), no_std, no_main)]

//! A yardstick for the cost benchmark (`bench/`): the least a vote can cost
//! on a contracts runtime. One message stores the caller's yes or no in a
//! `Mapping` and emits an event; there is no proposal, no membership check
//! and no tally. Coop's own vote does all of those, so the ratio of its
//! cost to this one's is what they add.
//!
//! One source for both runtimes: ink! 5 on pallet-contracts (this crate)
//! and ink! 6 on pallet-revive (`contracts/revive/peer-vote`, feature
//! `revive`), where an account is a 20-byte `Address`.

#[ink::contract]
mod peer_vote {
    use ink::storage::Mapping;

    /// An account as the contracts runtime names a caller.
    #[cfg(not(feature = "revive"))]
    pub type Voter = AccountId;
    /// An account as the contracts runtime names a caller.
    #[cfg(feature = "revive")]
    pub type Voter = Address;

    /// An account voted. The voter is a topic so that, like coop's
    /// `VoteCast`, the event costs what a filterable event costs.
    #[ink(event)]
    pub struct Voted {
        /// Who voted.
        #[ink(topic)]
        pub voter: Voter,
        /// Yes (`true`) or no.
        pub yes: bool,
    }

    /// Each account's latest vote.
    #[ink(storage)]
    #[derive(Default)]
    pub struct PeerVote {
        /// The vote of each account that has voted; one storage cell each.
        votes: Mapping<Voter, bool>,
    }

    impl PeerVote {
        /// An empty ballot.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self::default()
        }

        /// Records the caller's vote, replacing any earlier one.
        #[ink(message)]
        pub fn vote(&mut self, yes: bool) {
            let voter = self.env().caller();
            self.votes.insert(voter, &yes);
            self.env().emit_event(Voted { voter, yes });
        }

        /// The vote `voter` cast, if any.
        #[ink(message)]
        pub fn vote_of(&self, voter: Voter) -> Option<bool> {
            self.votes.get(voter)
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

        // An iterator in ink! 5, a Vec in ink! 6.
        #[cfg(not(feature = "revive"))]
        fn events_recorded() -> usize {
            test::recorded_events().count()
        }
        #[cfg(feature = "revive")]
        fn events_recorded() -> usize {
            test::recorded_events().len()
        }

        #[ink::test]
        fn a_vote_is_recorded_replaced_and_announced() {
            let (alice, bob) = alice_and_bob();
            let mut ballot = PeerVote::new();
            assert_eq!(ballot.vote_of(alice), None);

            set_caller(alice);
            ballot.vote(true);
            assert_eq!(ballot.vote_of(alice), Some(true));
            assert_eq!(ballot.vote_of(bob), None, "only the caller's vote");

            ballot.vote(false);
            assert_eq!(
                ballot.vote_of(alice),
                Some(false),
                "a later vote replaces the earlier one"
            );
            assert_eq!(events_recorded(), 2, "one event per vote");
        }
    }
}
