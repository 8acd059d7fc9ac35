#![cfg_attr(not(feature = "std"), no_std, no_main)]

//! The rules floor for the cost benchmark (`bench/`): what a vote under
//! coop's own rules costs when the contract holds nothing else.
//!
//! `vote` makes the checks governance's vote makes, in the same order and
//! with the same named errors: the proposal is open and before its deadline,
//! the caller is on the roster, not expelled and not suspended, its share
//! belongs to the proposal's electorate (numbered below it and not
//! reactivated after it), and a second ballot is refused unless the
//! proposal's rules let votes change. It reads and writes what governance's
//! vote reads and writes, stored in the same types (`coop_shared`): the
//! proposal's state, the roster entry, the ballot and the share's last act,
//! and it emits the same `VoteCast` event.
//!
//! Proxies, proposals, execution and the register are left out; so the
//! difference between this vote's cost and governance's is the code a call
//! loads, and the difference between this and `contracts/floor-vote` is
//! what coop's rules cost over the least a governed vote can do.
//!
//! One source for both runtimes: ink! 5 on pallet-contracts (this crate)
//! and ink! 6 on pallet-revive (`contracts/revive/rules-vote`, feature
//! `revive`).

#[ink::contract]
mod rules_vote {
    use coop_shared::governance::{
        Choice, Error, ProposalId, ProposalState, Result, Status, VoteCast, Voter,
    };
    use coop_shared::membership::{ShareId, ShareState};
    use coop_shared::runtime;
    use coop_shared::AccountId as Member;
    use ink::storage::Mapping;

    /// Proposals, ballots, last acts and the roster, as governance keeps them.
    #[ink(storage)]
    #[derive(Default)]
    pub struct RulesVote {
        /// Each proposal's state and tally.
        states: Mapping<ProposalId, ProposalState>,
        /// Each ballot, keyed by share.
        votes: Mapping<(ProposalId, ShareId), Choice>,
        /// The block of each share's last vote.
        last_act: Mapping<ShareId, BlockNumber>,
        /// Each member's key with their share's number and standing.
        roster: Mapping<Member, Voter>,
    }

    impl RulesVote {
        /// No members, no proposals.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self::default()
        }

        /// Puts the caller on the roster as `voter`. Set-up for `vote`: a
        /// measuring stick, so anyone may.
        #[ink(message)]
        pub fn enrol(&mut self, voter: Voter) {
            self.roster.insert(runtime::caller(), &voter);
        }

        /// Stores proposal `id` as `state`. Set-up for `vote`.
        #[ink(message)]
        pub fn open(&mut self, id: ProposalId, state: ProposalState) {
            self.states.insert(id, &state);
        }

        /// The caller's share votes `choice` on proposal `id`, under the
        /// rules of governance's `vote` (see the crate's documentation).
        ///
        /// # Errors
        /// - `UnknownProposal`; `ProposalClosed` if it is not open;
        ///   `VotingClosed` from its deadline on.
        /// - `NotMember` if the caller is not on the roster or was expelled;
        ///   `Suspended` if its share is suspended.
        /// - `NotEligible` if the share is outside the proposal's electorate.
        /// - `AlreadyVoted` if the share voted and votes cannot change.
        /// - `Overflow`.
        #[ink(message)]
        pub fn vote(&mut self, id: ProposalId, choice: Choice) -> Result<()> {
            let mut state = self.states.get(id).ok_or(Error::UnknownProposal)?;
            if state.status != Status::Open {
                return Err(Error::ProposalClosed);
            }
            let now = self.env().block_number();
            if now >= state.deadline {
                return Err(Error::VotingClosed);
            }
            let voter = runtime::caller();
            let share = self.roster.get(voter).ok_or(Error::NotMember)?;
            match share.state {
                ShareState::Expelled => return Err(Error::NotMember),
                ShareState::Suspended => return Err(Error::Suspended),
                ShareState::Active => {}
            }
            if share.number >= state.eligible_below || state.created_at <= share.reactivated_at {
                return Err(Error::NotEligible);
            }
            let ballot = (id, share.number);
            let previous = self.votes.get(ballot);
            if let Some(old) = previous {
                if !state.rules.vote_change {
                    return Err(Error::AlreadyVoted);
                }
                state.tally.remove(old).ok_or(Error::Overflow)?;
            }
            state.tally.add(choice).ok_or(Error::Overflow)?;
            self.votes.insert(ballot, &choice);
            self.states.insert(id, &state);
            self.last_act.insert(share.number, &now);
            self.env().emit_event(VoteCast {
                id,
                share: share.number,
                voter,
                choice,
                previous,
                tally: state.tally,
                proxy: None,
            });
            Ok(())
        }

        /// Proposal `id`'s state, if it exists.
        #[ink(message)]
        pub fn proposal(&self, id: ProposalId) -> Option<ProposalState> {
            self.states.get(id)
        }

        /// Share `share`'s ballot on proposal `id`, if it voted.
        #[ink(message)]
        pub fn vote_of(&self, id: ProposalId, share: ShareId) -> Option<Choice> {
            self.votes.get((id, share))
        }
    }

    // Off-chain tests with ink! 5's test environment (ink! 6's cannot map a
    // caller's address back to its account); on pallet-revive the bench
    // runs the same vote on a real node and checks what it counted.
    #[cfg(all(test, not(feature = "revive")))]
    mod tests {
        use super::*;
        use coop_shared::governance::{Rules, Tally};
        use ink::env::{test, DefaultEnvironment};

        fn accounts() -> test::DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        fn set_caller(who: Member) {
            test::set_caller::<DefaultEnvironment>(who);
        }

        /// An open proposal made at block 5 for shares below 4, open until
        /// block 10.
        fn proposal(vote_change: bool) -> ProposalState {
            ProposalState {
                proposer: 1,
                created_at: 5,
                deadline: 10,
                electorate: 3,
                eligible_below: 4,
                special: false,
                rules: Rules {
                    vote_change,
                    ..Rules::default()
                },
                tally: Tally::default(),
                status: Status::Open,
                closed_at: 0,
                offers_taken: 0,
            }
        }

        fn voter(number: ShareId, state: ShareState, reactivated_at: BlockNumber) -> Voter {
            Voter {
                number,
                reactivated_at,
                state,
            }
        }

        #[ink::test]
        fn members_in_the_electorate_vote_once_and_are_counted() {
            let mut rules = RulesVote::new();
            rules.open(1, proposal(false));
            set_caller(accounts().alice);
            assert_eq!(rules.vote(1, Choice::Yes), Err(Error::NotMember));
            rules.enrol(voter(2, ShareState::Active, 0));
            assert_eq!(rules.vote(2, Choice::Yes), Err(Error::UnknownProposal));
            assert_eq!(rules.vote(1, Choice::No), Ok(()));
            assert_eq!(rules.vote_of(1, 2), Some(Choice::No));
            assert_eq!(
                rules.proposal(1).map(|p| p.tally),
                Some(Tally {
                    yes: 0,
                    no: 1,
                    abstain: 0
                })
            );
            assert_eq!(rules.last_act.get(2), Some(0));
            assert_eq!(rules.vote(1, Choice::Yes), Err(Error::AlreadyVoted));
            assert_eq!(test::recorded_events().count(), 1);
        }

        #[ink::test]
        fn a_vote_changes_only_where_the_rules_allow() {
            let mut rules = RulesVote::new();
            rules.open(1, proposal(true));
            set_caller(accounts().alice);
            rules.enrol(voter(1, ShareState::Active, 0));
            assert_eq!(rules.vote(1, Choice::Yes), Ok(()));
            assert_eq!(rules.vote(1, Choice::Abstain), Ok(()));
            assert_eq!(
                rules.proposal(1).map(|p| p.tally),
                Some(Tally {
                    yes: 0,
                    no: 0,
                    abstain: 1
                })
            );
        }

        #[ink::test]
        fn shares_outside_the_electorate_or_standing_are_refused() {
            let mut rules = RulesVote::new();
            rules.open(1, proposal(false));
            let cases = [
                (
                    accounts().alice,
                    voter(4, ShareState::Active, 0),
                    Error::NotEligible,
                ),
                (
                    accounts().bob,
                    voter(1, ShareState::Active, 5),
                    Error::NotEligible,
                ),
                (
                    accounts().charlie,
                    voter(2, ShareState::Suspended, 0),
                    Error::Suspended,
                ),
                (
                    accounts().django,
                    voter(3, ShareState::Expelled, 0),
                    Error::NotMember,
                ),
            ];
            for (who, entry, refusal) in cases {
                set_caller(who);
                rules.enrol(entry);
                assert_eq!(rules.vote(1, Choice::Yes), Err(refusal));
            }
            // Reactivated before the proposal was made: in its electorate.
            set_caller(accounts().eve);
            rules.enrol(voter(3, ShareState::Active, 4));
            assert_eq!(rules.vote(1, Choice::Yes), Ok(()));
        }

        #[ink::test]
        fn closed_proposals_take_no_votes() {
            let mut rules = RulesVote::new();
            let mut withdrawn = proposal(false);
            withdrawn.status = Status::Withdrawn;
            rules.open(1, withdrawn);
            let mut past = proposal(false);
            past.deadline = 0;
            rules.open(2, past);
            set_caller(accounts().alice);
            rules.enrol(voter(1, ShareState::Active, 0));
            assert_eq!(rules.vote(1, Choice::Yes), Err(Error::ProposalClosed));
            assert_eq!(rules.vote(2, Choice::Yes), Err(Error::VotingClosed));
        }
    }
}
