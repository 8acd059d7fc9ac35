//! The bench's measuring sticks, measured beside the coop's own vote: the
//! peer-vote yardstick, the least a vote can cost (one storage write and
//! one event), the floor-vote floor, the least a governed vote can cost,
//! and the rules-vote floor, the least a vote under coop's own rules can
//! cost.

use crate::{AccountId, Constructor, Contract, Message, MessageInfo, NoErrors};

/// The peer-vote contract, as a type for the client's typed calls.
#[derive(Debug, Clone, Copy)]
pub struct PeerVote;

impl Contract for PeerVote {
    const NAME: &'static str = "peer_vote";
    type Error = NoErrors;
    const MESSAGES: &'static [MessageInfo] = &[VOTE.info(), VOTE_OF.info()];
    const CONSTRUCTOR: MessageInfo = NEW.info();
}

/// `new()`: an empty ballot.
pub const NEW: Constructor<PeerVote, ()> = Constructor::new("new", false, false);
/// `vote(yes)`: records the caller's vote, replacing any earlier one.
pub const VOTE: Message<PeerVote, (bool,), ()> = Message::query("vote");
/// `vote_of(voter) -> Option<bool>` (the pallet-contracts build's voter is an `AccountId`).
pub const VOTE_OF: Message<PeerVote, (AccountId,), Option<bool>> = Message::query("vote_of");

/// The floor-vote contract (`contracts/floor-vote`), as a type for the
/// client's typed calls.
#[derive(Debug, Clone, Copy)]
pub struct FloorVote;

impl Contract for FloorVote {
    const NAME: &'static str = "floor_vote";
    type Error = NoErrors;
    const MESSAGES: &'static [MessageInfo] = &[
        floor::JOIN.info(),
        floor::OPEN.info(),
        floor::VOTE.info(),
        floor::TALLY.info(),
    ];
    const CONSTRUCTOR: MessageInfo = floor::NEW.info();
}

/// floor-vote's messages.
pub mod floor {
    use super::FloorVote;
    use crate::{Constructor, Message};

    /// `new()`: no members, no proposals.
    pub const NEW: Constructor<FloorVote, ()> = Constructor::new("new", false, false);
    /// `join(share)`: gives the caller a share number (set-up).
    pub const JOIN: Message<FloorVote, (u32,), ()> = Message::query("join");
    /// `open(proposal, deadline)`: opens a proposal (set-up).
    pub const OPEN: Message<FloorVote, (u32, u32), ()> = Message::query("open");
    /// `vote(proposal, yes)`: the governed vote the bench measures. Its
    /// refusals are the contract's own and not named here: the bench only
    /// measures a vote that succeeds.
    pub const VOTE: Message<FloorVote, (u32, bool), ()> = Message::fallible("vote");
    /// `tally(proposal) -> Option<(deadline, yes, no)>`.
    pub const TALLY: Message<FloorVote, (u32,), Option<(u32, u32, u32)>> = Message::query("tally");
}

/// The rules-vote contract (`contracts/rules-vote`), as a type for the
/// client's typed calls. Its refusals are governance's, by the same names.
#[derive(Debug, Clone, Copy)]
pub struct RulesVote;

impl Contract for RulesVote {
    const NAME: &'static str = "rules_vote";
    type Error = crate::governance::Error;
    const MESSAGES: &'static [MessageInfo] = &[
        rules::ENROL.info(),
        rules::OPEN.info(),
        rules::VOTE.info(),
        rules::PROPOSAL.info(),
        rules::VOTE_OF.info(),
    ];
    const CONSTRUCTOR: MessageInfo = rules::NEW.info();
}

/// rules-vote's messages.
pub mod rules {
    use super::RulesVote;
    use crate::governance::{Choice, ProposalId, ProposalState, Voter};
    use crate::membership::ShareId;
    use crate::{Constructor, Message};

    /// `new()`: no members, no proposals.
    pub const NEW: Constructor<RulesVote, ()> = Constructor::new("new", false, false);
    /// `enrol(voter)`: puts the caller on the roster as `voter` (set-up).
    pub const ENROL: Message<RulesVote, (Voter,), ()> = Message::query("enrol");
    /// `open(id, state)`: stores a proposal's state (set-up).
    pub const OPEN: Message<RulesVote, (ProposalId, ProposalState), ()> = Message::query("open");
    /// `vote(id, choice) -> Result<()>`: governance's vote rules, measured.
    pub const VOTE: Message<RulesVote, (ProposalId, Choice), ()> = Message::fallible("vote");
    /// `proposal(id) -> Option<ProposalState>`.
    pub const PROPOSAL: Message<RulesVote, (ProposalId,), Option<ProposalState>> =
        Message::query("proposal");
    /// `vote_of(id, share) -> Option<Choice>`.
    pub const VOTE_OF: Message<RulesVote, (ProposalId, ShareId), Option<Choice>> =
        Message::query("vote_of");
}

/// The pallet-revive build's messages whose types differ: accounts are
/// 20-byte addresses there.
pub mod revive {
    use super::PeerVote;
    use crate::Message;

    /// `vote_of(voter) -> Option<bool>`, the voter by address.
    pub const VOTE_OF: Message<PeerVote, ([u8; 20],), Option<bool>> = Message::query("vote_of");
}
