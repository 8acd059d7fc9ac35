#![cfg_attr(not(feature = "std"), no_std, no_main)]

//! A yardstick for the cost benchmark (`bench/`): the least a vote can cost
//! on pallet-contracts. One message stores the caller's yes or no in a
//! `Mapping` and emits an event; there is no proposal, no membership check
//! and no tally. Coop's own vote does all of those, so the ratio of its
//! cost to this one's is what they add.

#[ink::contract]
mod peer_vote {
    use ink::storage::Mapping;

    /// An account voted. The voter is a topic so that, like coop's
    /// `VoteCast`, the event costs what a filterable event costs.
    #[ink(event)]
    pub struct Voted {
        /// Who voted.
        #[ink(topic)]
        pub voter: AccountId,
        /// Yes (`true`) or no.
        pub yes: bool,
    }

    /// Each account's latest vote.
    #[ink(storage)]
    #[derive(Default)]
    pub struct PeerVote {
        /// The vote of each account that has voted; one storage cell each.
        votes: Mapping<AccountId, bool>,
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
        pub fn vote_of(&self, voter: AccountId) -> Option<bool> {
            self.votes.get(voter)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::{test, DefaultEnvironment};

        #[ink::test]
        fn a_vote_is_recorded_replaced_and_announced() {
            let accounts = test::default_accounts::<DefaultEnvironment>();
            let mut ballot = PeerVote::new();
            assert_eq!(ballot.vote_of(accounts.alice), None);

            test::set_caller::<DefaultEnvironment>(accounts.alice);
            ballot.vote(true);
            assert_eq!(ballot.vote_of(accounts.alice), Some(true));
            assert_eq!(ballot.vote_of(accounts.bob), None, "only the caller's vote");

            ballot.vote(false);
            assert_eq!(
                ballot.vote_of(accounts.alice),
                Some(false),
                "a later vote replaces the earlier one"
            );
            assert_eq!(test::recorded_events().count(), 2, "one event per vote");
        }
    }
}
