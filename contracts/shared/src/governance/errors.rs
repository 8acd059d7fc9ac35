//! Why governance refuses a call: one table, one row per error.

use super::*;

contract_errors! {
    /// Why governance refused a call. Every failure has its own variant.
    pub enum Error {
        NotMember = "the account holds no membership share",
        NotEligible = "the member joined after the proposal was made, so has no vote on it",
        UnknownProposal = "no proposal has that number",
        VotingClosed = "the voting deadline has passed",
        ProposalClosed = "the proposal is no longer open (withdrawn, rejected, executed, failed or expired)",
        AlreadyVoted = "the member has voted and the proposal's rules do not allow changing a vote",
        VotingNotOver = "voting is still open and the outcome is not settled",
        NotProposer = "only the member who made the proposal may withdraw it",
        HasVotes = "someone has voted, so the proposal can no longer be withdrawn",
        TooManyOpenProposals = "the member has as many open proposals as the rules allow",
        EmptyTitle = "a proposal needs a title",
        TitleTooLong = "the title is longer than 128 bytes",
        TextTooLong = "the text reference is longer than 256 bytes",
        InvalidRules = "the rules are not valid",
        NoAccounts = "an admission must name at least one account",
        TooManyAccounts = "an admission may name at most 12 accounts",
        SameKey = "the old and new key are the same",
        ZeroAmount = "a payment must be more than nothing",
        NothingDeposited = "a deposit must carry some funds",
        RegisterUnreachable = "the share register could not be read",
        ProposalIdsExhausted = "no proposal numbers are left",
        Overflow = "a counter would overflow",
        FractionalAmount = "the amount sent is not a whole number of the chain's smallest native unit",
        InvalidUnits = "the native-to-EVM ratio is not the chain's (more than 0 on pallet-revive, 1 on pallet-contracts)",
        VotingPeriodBelowFloor = "the voting period is shorter than the coop's floor, fixed when it was founded",
        QuorumBelowFloor = "the quorum is lower than the coop's floor, fixed when it was founded",
        ExecutionWindowBelowFloor = "the execution window is shorter than the coop's floor, fixed when it was founded",
        SpecialBelowOrdinary = "special decisions must need at least what ordinary ones need",
        InvalidFloors = "the floors are not valid (periods of 1 to 10,512,000 blocks, a proper quorum fraction)",
        AlreadyMember = "an account named for admission, or a share's new key, already holds a membership share",
        DuplicateAccount = "an admission names the same account twice",
        NoSuchShare = "no share with that number is held",
        NoShares = "a suspension must name at least one share",
        TooManyShares = "a suspension may name at most 12 shares",
        DuplicateShare = "a suspension names the same share twice",
        AlreadySuspended = "a share named for suspension is already suspended",
        NotDormant = "a share named for suspension has acted within the dormancy period (or is the proposer's own)",
        Suspended = "the member's share is suspended: sign a reactivation (coop reactivate) to vote again",
        NoOffer = "the caller was not offered membership by that proposal (or it is not an executed admission)",
        OfferTaken = "the offer was already accepted",
        OfferLapsed = "the offer was not accepted within the acceptance window and has lapsed",
        ProposalOpen = "the proposal is still open: only closed proposals can be pruned",
        NothingToPrune = "the member has nothing stored for those proposals that may be pruned yet",
        TooManyProposals = "at most 32 proposals can be pruned at once",
        WrongCapital = "the amount sent is not the member share's price: accepting an offer pays in exactly the share price the rules set",
        CapitalShort = "the founding funds do not cover the founders' member shares (founders x share price)",
        LastMember = "the last member cannot leave: a coop without members could never decide again",
        RefundFailed = "the chain refused to pay a leaving member's capital back to their account",
        ProxiesOff = "the rules allow no proxies (their proxy limit is 0)",
        SelfProxy = "a member cannot appoint themselves as proxy",
        ProxyFull = "that member already holds as many proxy appointments as the rules allow",
        NotProxy = "the caller is not that share's proxy (for this proposal)",
        NoAppointment = "the member has appointed no proxy",
        MemberVoted = "the member voted themselves: a proxy never replaces a member's own vote",
        Unreleased = "the new key was expelled and has not released its old share (release it first)",
        NotSuspended = "the share is not suspended",
        NothingToRelease = "the account holds no expelled share to release",
        @wraps
        /// The register refused to be created with these founders (its
        /// error says why).
        RegisterNotCreated(membership::Error),
    }
}

/// Result of governance's messages.
pub type Result<T> = core::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorInfo;

    #[test]
    fn every_error_has_a_name_and_a_meaning() {
        for (i, e) in Error::UNIT.iter().enumerate() {
            assert_eq!(format!("{e:?}"), e.name());
            assert!(!e.meaning().is_empty());
            // The wrapping variant comes last, so UNIT's order is the SCALE index.
            assert_eq!(e.encode()[0], u8::try_from(i).unwrap(), "{e:?}");
        }
        let e = Error::RegisterNotCreated(membership::Error::NoAccounts);
        assert_eq!(e.encode()[0], u8::try_from(Error::UNIT.len()).unwrap());
        assert_eq!(e.name(), "RegisterNotCreated");
        assert_eq!(e.meaning(), membership::Error::NoAccounts.meaning());
    }
}
