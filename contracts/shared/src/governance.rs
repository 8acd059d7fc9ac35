//! Proposals and votes: the rules a coop decides by, the arithmetic of a
//! tally, and the governance contract's errors and events.
//!
//! The outcome rules are pure functions here so they can be tested
//! exhaustively off-chain (ink!'s off-chain engine cannot call the register)
//! and so the client computes exactly what the contract computes.

// parity-scale-codec's derive casts the index of a data-carrying enum variant
// with `as u8`; cargo-contract's mandatory lints reject that in generated
// code. Every enum here has fewer than 256 variants, so the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use crate::errors::contract_errors;
use crate::membership::{self, ShareId, MAX_MEMBERS_PER_CALL};
use crate::{AccountId, Balance, BlockNumber, Contract, CoopEvent, MessageInfo};
use alloc::string::String;
use alloc::vec::Vec;
use parity_scale_codec::{Decode, Encode};

/// The number of a proposal, from 1, in the order proposals were made.
pub type ProposalId = u32;

/// Most bytes in a proposal's title.
pub const MAX_TITLE_BYTES: u32 = 128;
/// Most bytes in a proposal's reference to its full text (a link or a hash).
pub const MAX_TEXT_BYTES: u32 = 256;
/// Highest open-proposal limit the rules may set (the per-member list of open
/// proposals is read on every proposal, so it must stay small).
pub const MAX_OPEN_LIMIT: u32 = 32;
/// Longest voting period or execution window the rules may set, in blocks
/// (two years of 6-second blocks); keeps deadlines far from overflow.
pub const MAX_PERIOD_BLOCKS: BlockNumber = 10_512_000;
/// Most proposals one page of `proposals` returns. A summary is at most
/// about 200 bytes, so a page stays under the 16 KiB return-value limit.
pub const MAX_PROPOSAL_PAGE: u32 = 32;

/// An exact fraction `num / den`, never rounded to per-mille.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Fraction {
    /// Numerator.
    pub num: u32,
    /// Denominator, never 0.
    pub den: u32,
}

impl Fraction {
    /// Whether `part / whole` reaches this fraction: `part·den ≥ num·whole`
    /// (or `>` when `strict`). Counts are sums of `u32`s, so they fit in 64
    /// bits and their products with a `u32` in 128: nothing can overflow.
    pub fn reached_by(&self, part: u64, whole: u64, strict: bool) -> bool {
        let lhs = u128::from(part).saturating_mul(u128::from(self.den));
        let rhs = u128::from(self.num).saturating_mul(u128::from(whole));
        if strict {
            lhs > rhs
        } else {
            lhs >= rhs
        }
    }

    /// `num ≤ den` and `den > 0`.
    pub fn is_proper(&self) -> bool {
        self.den > 0 && self.num <= self.den
    }

    /// Compares two fractions exactly: `self ≤ other`.
    pub fn at_most(&self, other: &Fraction) -> bool {
        u64::from(self.num).saturating_mul(u64::from(other.den))
            <= u64::from(other.num).saturating_mul(u64::from(self.den))
    }
}

/// A share of yes among yes+no that a decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Threshold {
    /// The fraction of yes+no.
    pub fraction: Fraction,
    /// `true`: yes must exceed the fraction (`1/2` strict is "more yes than
    /// no"); `false`: reaching it is enough (`2/3` is "at least two thirds").
    pub strict: bool,
}

impl Threshold {
    /// Whether `yes` meets the threshold against `yes + no`.
    pub fn met(&self, yes: u32, no: u32) -> bool {
        let (yes, no) = (u64::from(yes), u64::from(no));
        self.fraction
            .reached_by(yes, yes.saturating_add(no), self.strict)
    }
}

/// The rules a coop decides by. A proposal is judged by the rules in force
/// when it was made, whatever changes later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Rules {
    /// Blocks from a proposal to its voting deadline.
    pub voting_period: BlockNumber,
    /// Share of the electorate that must vote (yes, no or abstain).
    pub quorum: Fraction,
    /// Yes among yes+no for ordinary decisions.
    pub ordinary: Threshold,
    /// Yes among yes+no for special decisions (expulsion, rule changes).
    pub special: Threshold,
    /// Whether a member may change their vote before the deadline.
    pub vote_change: bool,
    /// Blocks after the deadline during which a passed proposal may be
    /// executed; after that it expires.
    pub execution_window: BlockNumber,
    /// Most proposals one member may have open at once.
    pub max_open_per_member: u32,
}

impl Default for Rules {
    /// A week of 6-second blocks to vote, half the electorate to take part,
    /// more yes than no for ordinary and two thirds for special decisions,
    /// votes final once cast, a week to execute, three open proposals each.
    fn default() -> Self {
        Rules {
            voting_period: 100_800,
            quorum: Fraction { num: 1, den: 2 },
            ordinary: Threshold {
                fraction: Fraction { num: 1, den: 2 },
                strict: true,
            },
            special: Threshold {
                fraction: Fraction { num: 2, den: 3 },
                strict: false,
            },
            vote_change: false,
            execution_window: 100_800,
            max_open_per_member: 3,
        }
    }
}

impl Rules {
    /// Whether the rules make sense: periods within bounds, proper fractions,
    /// no decision by a minority of yes+no (`ordinary ≥ 1/2`), special at
    /// least as demanding as ordinary, and an open-proposal limit in `1..=32`.
    pub fn is_valid(&self) -> bool {
        let half = Fraction { num: 1, den: 2 };
        let ordinary = self.ordinary.fraction;
        let special = self.special.fraction;
        (1..=MAX_PERIOD_BLOCKS).contains(&self.voting_period)
            && (1..=MAX_PERIOD_BLOCKS).contains(&self.execution_window)
            && (1..=MAX_OPEN_LIMIT).contains(&self.max_open_per_member)
            && self.quorum.is_proper()
            && ordinary.is_proper()
            && special.is_proper()
            && half.at_most(&ordinary)
            && ordinary.at_most(&special)
            // Equal fractions: special must not be the looser comparison.
            && !(special.at_most(&ordinary) && self.ordinary.strict && !self.special.strict)
    }

    /// The threshold an action needs.
    pub fn threshold_for(&self, action: &Action) -> Threshold {
        if action.is_special() {
            self.special
        } else {
            self.ordinary
        }
    }
}

/// A member's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Choice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Takes part (counts for the quorum) without taking a side.
    Abstain,
}

/// The votes cast on a proposal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct Tally {
    /// Yes votes.
    pub yes: u32,
    /// No votes.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
}

impl Tally {
    /// Everyone who voted.
    pub fn turnout(&self) -> u64 {
        u64::from(self.yes)
            .saturating_add(u64::from(self.no))
            .saturating_add(u64::from(self.abstain))
    }

    /// Whether nobody has voted.
    pub fn is_empty(&self) -> bool {
        self.turnout() == 0
    }

    fn slot(&mut self, choice: Choice) -> &mut u32 {
        match choice {
            Choice::Yes => &mut self.yes,
            Choice::No => &mut self.no,
            Choice::Abstain => &mut self.abstain,
        }
    }

    /// Counts one vote; `None` on overflow.
    pub fn add(&mut self, choice: Choice) -> Option<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_add(1)?;
        Some(())
    }

    /// Takes one vote back (a changed vote); `None` if there is none to take.
    pub fn remove(&mut self, choice: Choice) -> Option<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_sub(1)?;
        Some(())
    }

    /// Whether the tally passes: turnout reaches the quorum of the
    /// electorate, there is at least one yes, and yes meets the threshold.
    pub fn passes(&self, quorum: Fraction, threshold: Threshold, electorate: u32) -> bool {
        self.yes > 0
            && quorum.reached_by(self.turnout(), u64::from(electorate), false)
            && threshold.met(self.yes, self.no)
    }

    /// The outcome if it can no longer change, whatever the members who have
    /// not voted yet do: `Some(true)` if it passes even if all of them vote
    /// no, `Some(false)` if it fails even if all of them vote yes, `None`
    /// while the remaining votes could still decide it.
    ///
    /// Only meaningful when votes cannot be changed. All-no is the worst case
    /// for a tally that already meets the quorum (adding no only lowers the
    /// yes share), and all-yes the best case for any tally.
    pub fn settled(&self, quorum: Fraction, threshold: Threshold, electorate: u32) -> Option<bool> {
        let remaining =
            u32::try_from(u64::from(electorate).saturating_sub(self.turnout())).unwrap_or(0);
        let all_no = Tally {
            no: self.no.saturating_add(remaining),
            ..*self
        };
        let all_yes = Tally {
            yes: self.yes.saturating_add(remaining),
            ..*self
        };
        if self.passes(quorum, threshold, electorate)
            && all_no.passes(quorum, threshold, electorate)
        {
            Some(true)
        } else if !all_yes.passes(quorum, threshold, electorate) {
            Some(false)
        } else {
            None
        }
    }
}

/// What a proposal does if it passes.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Action {
    /// Admit these accounts, numbered in this order (1 to 64), all or none.
    Admit(Vec<AccountId>),
    /// Expel this member (a special decision).
    Expel(AccountId),
    /// Move a member's share to a new key, keeping number and seniority.
    RotateKey {
        /// The key that holds the share now.
        old: AccountId,
        /// The key that will hold it.
        new: AccountId,
    },
    /// A recorded decision with no on-chain effect; its title and text say what.
    Resolution,
    /// Pay from the treasury (the governance contract's balance).
    Payment {
        /// Who receives it.
        to: AccountId,
        /// How much, in the chain's smallest unit.
        amount: Balance,
    },
    /// Replace the rules for proposals made from then on (a special decision).
    ChangeRules(Rules),
}

impl Action {
    /// Expulsions and rule changes need the special threshold.
    pub fn is_special(&self) -> bool {
        matches!(self, Action::Expel(_) | Action::ChangeRules(_))
    }

    /// Checks what can be checked when the action is proposed.
    pub fn check(&self) -> Result<()> {
        match self {
            Action::Admit(accounts) => {
                let count = u32::try_from(accounts.len()).map_err(|_| Error::TooManyAccounts)?;
                if count == 0 {
                    Err(Error::NoAccounts)
                } else if count > MAX_MEMBERS_PER_CALL {
                    Err(Error::TooManyAccounts)
                } else {
                    Ok(())
                }
            }
            Action::RotateKey { old, new } if old == new => Err(Error::SameKey),
            Action::Payment { amount: 0, .. } => Err(Error::ZeroAmount),
            Action::ChangeRules(rules) if !rules.is_valid() => Err(Error::InvalidRules),
            _ => Ok(()),
        }
    }
}

/// Why an executed action had no effect. The proposal is marked failed with
/// it and nothing of the action is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum FailureReason {
    /// The register refused the change (e.g. the account is already a member,
    /// or is the last member).
    Register(membership::Error),
    /// The call to the register failed below the contract (trapped or could
    /// not be decoded).
    RegisterUnreachable,
    /// The treasury holds less than the payment plus what keeps it alive.
    InsufficientTreasury,
    /// The chain refused the transfer (e.g. below the recipient's existential deposit).
    TransferFailed,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub enum Status {
    /// Voting, or waiting to be executed after its deadline.
    Open,
    /// Withdrawn by its proposer before anyone voted.
    Withdrawn,
    /// Did not pass (quorum or threshold not reached).
    Rejected,
    /// Passed and its action was applied.
    Executed,
    /// Passed, but its action failed and was not applied.
    Failed(FailureReason),
    /// Passed, but nobody executed it within the execution window.
    Expired,
}

/// The small, often-read part of a proposal (votes read and write only this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct ProposalState {
    /// The proposer's share number (so a key rotation keeps their rights).
    pub proposer: ShareId,
    /// The block it was made at.
    pub created_at: BlockNumber,
    /// Votes are taken before this block; execution from this block on.
    pub deadline: BlockNumber,
    /// Members when it was made: the base of the quorum.
    pub electorate: u32,
    /// Only shares numbered below this may vote (the register's next share
    /// number when the proposal was made).
    pub eligible_below: ShareId,
    /// Whether the action needs the special threshold.
    pub special: bool,
    /// The rules in force when it was made; later rule changes do not apply.
    pub rules: Rules,
    /// The votes so far.
    pub tally: Tally,
    /// Where it stands.
    pub status: Status,
}

impl ProposalState {
    /// The threshold this proposal is judged by.
    pub fn threshold(&self) -> Threshold {
        if self.special {
            self.rules.special
        } else {
            self.rules.ordinary
        }
    }

    /// Whether the current tally passes under the proposal's own rules.
    pub fn passes(&self) -> bool {
        self.tally
            .passes(self.rules.quorum, self.threshold(), self.electorate)
    }

    /// The outcome if no remaining vote could change it and votes are final;
    /// `None` otherwise (see [`Tally::settled`]).
    pub fn settled_early(&self) -> Option<bool> {
        if self.rules.vote_change {
            return None;
        }
        self.tally
            .settled(self.rules.quorum, self.threshold(), self.electorate)
    }

    /// The last block a vote on it can land in: votes are taken before the
    /// deadline block.
    pub fn last_vote_block(&self) -> BlockNumber {
        self.deadline.saturating_sub(1)
    }

    /// The last block at which a passed proposal may still be executed.
    pub fn execution_deadline(&self) -> BlockNumber {
        self.deadline.saturating_add(self.rules.execution_window)
    }
}

/// What a proposal says: read when it is made, executed or shown, never
/// when a vote is counted.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(
    all(feature = "ink", feature = "std"),
    derive(ink::storage::traits::StorageLayout)
)]
pub struct ProposalContent {
    /// A short title (at most `MAX_TITLE_BYTES`).
    pub title: String,
    /// A link to, or hash of, the full text (at most `MAX_TEXT_BYTES`).
    pub text: String,
    /// What it does if it passes.
    pub action: Action,
}

/// A whole proposal, as the `proposal` read returns it.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct Proposal {
    /// Its number.
    pub id: ProposalId,
    /// Its state and tally.
    pub state: ProposalState,
    /// Its title, text reference and action.
    pub content: ProposalContent,
}

/// One line of the paged proposal list: everything but the action's details.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ProposalSummary {
    /// Its number.
    pub id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its state and tally.
    pub state: ProposalState,
}

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
        TooManyAccounts = "an admission may name at most 64 accounts",
        SameKey = "the old and new key are the same",
        ZeroAmount = "a payment must be more than nothing",
        NothingDeposited = "a deposit must carry some funds",
        RegisterUnreachable = "the share register could not be read",
        ProposalIdsExhausted = "no proposal numbers are left",
        Overflow = "a counter would overflow",
        @wraps
        /// The register refused to be created with these founders (its
        /// error says why).
        RegisterNotCreated(membership::Error),
    }
}

/// Result of governance's messages.
pub type Result<T> = core::result::Result<T, Error>;

/// The governance contract, as a type for the client's typed calls.
#[derive(Debug, Clone, Copy)]
pub struct Governance;

impl Contract for Governance {
    const NAME: &'static str = "governance";
    type Error = Error;
    const MESSAGES: &'static [MessageInfo] = &messages::ALL;
    const CONSTRUCTOR: MessageInfo = messages::NEW.info();
}

/// Governance's messages (selector = first four bytes of BLAKE2b-256 of the label).
pub mod messages {
    use super::{Action, Choice, Governance, Proposal, ProposalId, ProposalSummary, Rules, Status};
    use crate::membership::ShareId;
    use crate::{AccountId, Balance, Constructor, Message, MessageInfo};
    use alloc::string::String;
    use alloc::vec::Vec;

    /// `new(membership_code, founders, rules)`, payable: founds the coop and
    /// creates its register from the uploaded code with this hash.
    pub const NEW: Constructor<Governance, ([u8; 32], Vec<AccountId>, Rules)> =
        Constructor::new("new", true, true);
    /// `propose(title, text, action) -> Result<ProposalId>`, by a member.
    pub const PROPOSE: Message<Governance, (String, String, Action), ProposalId> =
        Message::fallible("propose");
    /// `vote(id, choice) -> Result<()>`, by an eligible member.
    pub const VOTE: Message<Governance, (ProposalId, Choice), ()> = Message::fallible("vote");
    /// `withdraw(id) -> Result<()>`, by the proposer while nobody voted.
    pub const WITHDRAW: Message<Governance, (ProposalId,), ()> = Message::fallible("withdraw");
    /// `execute(id) -> Result<Status>`, by anyone after the deadline (or once settled).
    pub const EXECUTE: Message<Governance, (ProposalId,), Status> = Message::fallible("execute");
    /// `deposit() -> Result<()>`, payable: funds the treasury.
    pub const DEPOSIT: Message<Governance, (), ()> = Message::payable("deposit");
    /// `proposal(id) -> Option<Proposal>`.
    pub const PROPOSAL: Message<Governance, (ProposalId,), Option<Proposal>> =
        Message::query("proposal");
    /// `proposals(start, count) -> Vec<ProposalSummary>`.
    pub const PROPOSALS: Message<Governance, (ProposalId, u32), Vec<ProposalSummary>> =
        Message::query("proposals");
    /// `next_proposal_id() -> ProposalId`.
    pub const NEXT_PROPOSAL_ID: Message<Governance, (), ProposalId> =
        Message::query("next_proposal_id");
    /// `vote_of(id, share) -> Option<Choice>`.
    pub const VOTE_OF: Message<Governance, (ProposalId, ShareId), Option<Choice>> =
        Message::query("vote_of");
    /// `open_proposals_of(share) -> Vec<ProposalId>`.
    pub const OPEN_PROPOSALS_OF: Message<Governance, (ShareId,), Vec<ProposalId>> =
        Message::query("open_proposals_of");
    /// `rules() -> Rules`.
    pub const RULES: Message<Governance, (), Rules> = Message::query("rules");
    /// `membership() -> AccountId`: the register this governance controls.
    pub const MEMBERSHIP: Message<Governance, (), AccountId> = Message::query("membership");
    /// `treasury() -> Balance`: governance's free balance.
    pub const TREASURY: Message<Governance, (), Balance> = Message::query("treasury");

    /// Every message, for the metadata check.
    pub const ALL: [MessageInfo; 13] = [
        PROPOSE.info(),
        VOTE.info(),
        WITHDRAW.info(),
        EXECUTE.info(),
        DEPOSIT.info(),
        PROPOSAL.info(),
        PROPOSALS.info(),
        NEXT_PROPOSAL_ID.info(),
        VOTE_OF.info(),
        OPEN_PROPOSALS_OF.info(),
        RULES.info(),
        MEMBERSHIP.info(),
        TREASURY.info(),
    ];
}

/// Governance was created and created its register.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct CoopFounded {
    /// The share register, governed by this contract alone.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub membership: AccountId,
    /// The rules in force.
    pub rules: Rules,
}

impl CoopEvent for CoopFounded {
    const SIGNATURE: &'static str = "CoopFounded(AccountId,Rules)";
}

/// A member made a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ProposalMade {
    /// Its number.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// The proposer's share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub proposer: ShareId,
    /// The proposer's account at the time.
    pub account: AccountId,
    /// Its state at creation (rules, deadline, electorate, eligibility).
    pub state: ProposalState,
    /// What it says and does.
    pub content: ProposalContent,
}

impl CoopEvent for ProposalMade {
    const SIGNATURE: &'static str =
        "ProposalMade(ProposalId,ShareId,AccountId,ProposalState,ProposalContent)";
}

/// A member voted (or changed their vote, where the rules allow it).
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct VoteCast {
    /// The proposal.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// The voter's share (votes follow the share, not the key).
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// The key that signed the vote.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub voter: AccountId,
    /// The choice.
    pub choice: Choice,
    /// The vote it replaces, if it changed one.
    pub previous: Option<Choice>,
    /// The tally after this vote.
    pub tally: Tally,
}

impl CoopEvent for VoteCast {
    const SIGNATURE: &'static str =
        "VoteCast(ProposalId,ShareId,AccountId,Choice,Option<Choice>,Tally)";
}

/// The proposer withdrew a proposal nobody had voted on.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ProposalWithdrawn {
    /// The proposal.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// The proposer's share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub proposer: ShareId,
}

impl CoopEvent for ProposalWithdrawn {
    const SIGNATURE: &'static str = "ProposalWithdrawn(ProposalId,ShareId)";
}

/// A proposal was closed by `execute`: rejected, executed, failed or expired.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ProposalClosed {
    /// The proposal.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// How it ended.
    pub status: Status,
    /// The final tally.
    pub tally: Tally,
    /// Who executed it.
    pub by: AccountId,
    /// Whether it closed before its deadline because the outcome was settled.
    pub early: bool,
}

impl CoopEvent for ProposalClosed {
    const SIGNATURE: &'static str = "ProposalClosed(ProposalId,Status,Tally,AccountId,bool)";
}

/// Funds were deposited into the treasury.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct Deposited {
    /// Who paid.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub from: AccountId,
    /// How much.
    pub amount: Balance,
}

impl CoopEvent for Deposited {
    const SIGNATURE: &'static str = "Deposited(AccountId,Balance)";
}

/// The treasury paid out by decision.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct PaymentMade {
    /// The proposal that decided it.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// Who received it.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub to: AccountId,
    /// How much.
    pub amount: Balance,
}

impl CoopEvent for PaymentMade {
    const SIGNATURE: &'static str = "PaymentMade(ProposalId,AccountId,Balance)";
}

/// The rules changed by decision; proposals already made keep theirs.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct RulesChanged {
    /// The proposal that decided it.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// The new rules.
    pub rules: Rules,
}

impl CoopEvent for RulesChanged {
    const SIGNATURE: &'static str = "RulesChanged(ProposalId,Rules)";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorInfo;

    const HALF: Fraction = Fraction { num: 1, den: 2 };
    const ORDINARY: Threshold = Threshold {
        fraction: HALF,
        strict: true,
    };
    const TWO_THIRDS: Threshold = Threshold {
        fraction: Fraction { num: 2, den: 3 },
        strict: false,
    };
    const NO_QUORUM: Fraction = Fraction { num: 0, den: 1 };

    fn t(yes: u32, no: u32, abstain: u32) -> Tally {
        Tally { yes, no, abstain }
    }

    #[test]
    fn ordinary_needs_strictly_more_yes_than_no() {
        assert!(t(2, 1, 0).passes(NO_QUORUM, ORDINARY, 3));
        assert!(!t(1, 1, 0).passes(NO_QUORUM, ORDINARY, 3), "a tie fails");
        assert!(!t(1, 2, 0).passes(NO_QUORUM, ORDINARY, 3));
        assert!(
            t(1, 0, 5).passes(NO_QUORUM, ORDINARY, 6),
            "abstentions take no side"
        );
    }

    #[test]
    fn special_is_an_exact_two_thirds_of_yes_and_no() {
        // yes·3 ≥ 2·(yes+no), at the boundary and either side of it.
        assert!(t(2, 1, 0).passes(NO_QUORUM, TWO_THIRDS, 3));
        assert!(t(200, 100, 0).passes(NO_QUORUM, TWO_THIRDS, 300));
        assert!(!t(199, 100, 0).passes(NO_QUORUM, TWO_THIRDS, 300));
        assert!(t(201, 100, 0).passes(NO_QUORUM, TWO_THIRDS, 300));
        // 666/1000 is below two thirds; per-mille rounding would pass it.
        assert!(!t(666, 334, 0).passes(NO_QUORUM, TWO_THIRDS, 1000));
        assert!(t(667, 333, 0).passes(NO_QUORUM, TWO_THIRDS, 1000));
    }

    #[test]
    fn nothing_passes_without_a_yes() {
        assert!(!t(0, 0, 0).passes(NO_QUORUM, ORDINARY, 3));
        assert!(
            !t(0, 0, 3).passes(NO_QUORUM, TWO_THIRDS, 3),
            "all-abstain fails a special decision"
        );
        assert!(!t(0, 0, 3).passes(HALF, ORDINARY, 3));
        let anything = Threshold {
            fraction: NO_QUORUM,
            strict: false,
        };
        assert!(!t(0, 0, 1).passes(NO_QUORUM, anything, 1));
    }

    #[test]
    fn quorum_counts_everyone_who_voted_against_the_electorate() {
        // Half of 10 must take part: 5 is enough, 4 is not.
        assert!(t(3, 1, 1).passes(HALF, ORDINARY, 10));
        assert!(!t(3, 1, 0).passes(HALF, ORDINARY, 10));
        // An odd electorate: half of 7 is 3.5, so 4 are needed.
        assert!(!t(3, 0, 0).passes(HALF, ORDINARY, 7));
        assert!(t(4, 0, 0).passes(HALF, ORDINARY, 7));
        let all = Fraction { num: 1, den: 1 };
        assert!(!t(9, 0, 0).passes(all, ORDINARY, 10));
        assert!(t(9, 0, 1).passes(all, ORDINARY, 10));
    }

    #[test]
    fn large_counts_do_not_overflow() {
        let max = u32::MAX;
        assert!(t(max, max - 1, 0).passes(HALF, ORDINARY, max));
        assert!(!t(max - 1, max, 0).passes(HALF, ORDINARY, max));
        assert!(t(max, 0, max).passes(HALF, TWO_THIRDS, max));
    }

    #[test]
    fn a_settled_outcome_is_one_no_remaining_vote_can_change() {
        // 5 voters, half quorum, more yes than no.
        assert_eq!(
            t(3, 0, 0).settled(HALF, ORDINARY, 5),
            Some(true),
            "3 yes of 5: 2 no cannot beat it"
        );
        assert_eq!(
            t(2, 0, 0).settled(HALF, ORDINARY, 5),
            None,
            "2 yes, 3 could still vote no"
        );
        assert_eq!(
            t(0, 3, 0).settled(HALF, ORDINARY, 5),
            Some(false),
            "2 yes cannot beat 3 no"
        );
        assert_eq!(
            t(1, 2, 0).settled(HALF, ORDINARY, 5),
            None,
            "2 more yes would make 3 to 2"
        );
        // Quorum not met yet: not settled as passing, though the tally is all yes.
        assert_eq!(t(1, 0, 0).settled(HALF, ORDINARY, 5), None);
        // Everyone voted: the tally is final.
        assert_eq!(t(2, 2, 1).settled(HALF, ORDINARY, 5), Some(false));
        assert_eq!(t(3, 2, 0).settled(HALF, ORDINARY, 5), Some(true));
        // All abstained on a special decision: no yes can come, it has failed.
        assert_eq!(t(0, 0, 3).settled(HALF, TWO_THIRDS, 3), Some(false));
    }

    #[test]
    fn settled_agrees_with_every_way_the_rest_could_vote() {
        // Exhaustive over small coops: if `settled` says an outcome, every
        // split of the remaining voters into yes/no/abstain/absent gives it.
        let quorums = [HALF, Fraction { num: 2, den: 3 }, NO_QUORUM];
        for electorate in 1..=6u32 {
            for yes in 0..=electorate {
                for no in 0..=electorate - yes {
                    for abstain in 0..=electorate - yes - no {
                        let now = t(yes, no, abstain);
                        let left = electorate - yes - no - abstain;
                        for q in quorums {
                            for th in [ORDINARY, TWO_THIRDS] {
                                let Some(outcome) = now.settled(q, th, electorate) else {
                                    continue;
                                };
                                for y in 0..=left {
                                    for n in 0..=left - y {
                                        for a in 0..=left - y - n {
                                            let after = t(yes + y, no + n, abstain + a);
                                            assert_eq!(
                                                after.passes(q, th, electorate),
                                                outcome,
                                                "{now:?} -> {after:?} of {electorate}"
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_tally_counts_and_uncounts_votes() {
        let mut tally = Tally::default();
        assert!(tally.is_empty());
        tally.add(Choice::Yes).unwrap();
        tally.add(Choice::Abstain).unwrap();
        assert_eq!(tally, t(1, 0, 1));
        tally.remove(Choice::Yes).unwrap();
        tally.add(Choice::No).unwrap();
        assert_eq!(tally, t(0, 1, 1));
        assert_eq!(tally.remove(Choice::Yes), None, "no yes to take back");
        let mut full = t(u32::MAX, 0, 0);
        assert_eq!(full.add(Choice::Yes), None);
    }

    #[test]
    fn default_rules_are_valid_and_bad_rules_are_not() {
        let good = Rules::default();
        assert!(good.is_valid());
        let bad = [
            Rules {
                voting_period: 0,
                ..good
            },
            Rules {
                voting_period: MAX_PERIOD_BLOCKS + 1,
                ..good
            },
            Rules {
                execution_window: 0,
                ..good
            },
            Rules {
                max_open_per_member: 0,
                ..good
            },
            Rules {
                max_open_per_member: MAX_OPEN_LIMIT + 1,
                ..good
            },
            Rules {
                quorum: Fraction { num: 3, den: 2 },
                ..good
            },
            Rules {
                quorum: Fraction { num: 0, den: 0 },
                ..good
            },
            // A minority of yes+no must not decide.
            Rules {
                ordinary: Threshold {
                    fraction: Fraction { num: 1, den: 3 },
                    strict: true,
                },
                ..good
            },
            // Special must be at least as demanding as ordinary.
            Rules {
                special: Threshold {
                    fraction: Fraction { num: 1, den: 2 },
                    strict: false,
                },
                ..good
            },
            Rules {
                special: Threshold {
                    fraction: Fraction { num: 4, den: 3 },
                    strict: false,
                },
                ..good
            },
        ];
        for rules in bad {
            assert!(!rules.is_valid(), "{rules:?}");
        }
        let unanimous = Rules {
            special: Threshold {
                fraction: Fraction { num: 1, den: 1 },
                strict: false,
            },
            quorum: Fraction { num: 0, den: 1 },
            ..good
        };
        assert!(unanimous.is_valid());
        let same_as_ordinary = Rules {
            special: good.ordinary,
            ..good
        };
        assert!(same_as_ordinary.is_valid());
    }

    #[test]
    fn actions_are_checked_when_proposed() {
        let a = AccountId::from([1; 32]);
        let b = AccountId::from([2; 32]);
        assert_eq!(Action::Admit(Vec::new()).check(), Err(Error::NoAccounts));
        let limit: Vec<AccountId> = (0..MAX_MEMBERS_PER_CALL)
            .map(|i| {
                let mut bytes = [0u8; 32];
                bytes[..4].copy_from_slice(&i.to_le_bytes());
                AccountId::from(bytes)
            })
            .collect();
        assert_eq!(Action::Admit(limit.clone()).check(), Ok(()));
        let mut over = limit;
        over.push(a);
        assert_eq!(Action::Admit(over).check(), Err(Error::TooManyAccounts));
        assert_eq!(
            Action::RotateKey { old: a, new: a }.check(),
            Err(Error::SameKey)
        );
        assert_eq!(Action::RotateKey { old: a, new: b }.check(), Ok(()));
        assert_eq!(
            Action::Payment { to: a, amount: 0 }.check(),
            Err(Error::ZeroAmount)
        );
        let bad = Rules {
            voting_period: 0,
            ..Rules::default()
        };
        assert_eq!(Action::ChangeRules(bad).check(), Err(Error::InvalidRules));
        assert!(Action::Expel(a).is_special());
        assert!(Action::ChangeRules(Rules::default()).is_special());
        assert!(!Action::Resolution.is_special());
        assert!(!Action::Payment { to: a, amount: 1 }.is_special());
    }

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

    #[cfg(feature = "ink")]
    #[test]
    fn signatures_match_the_topics_ink_computes() {
        use crate::assert_signature as check;
        check::<CoopFounded>();
        check::<ProposalMade>();
        check::<VoteCast>();
        check::<ProposalWithdrawn>();
        check::<ProposalClosed>();
        check::<Deposited>();
        check::<PaymentMade>();
        check::<RulesChanged>();
    }
}
