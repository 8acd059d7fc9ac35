//! The peer-vote yardstick: the least a vote can cost (one storage write
//! and one event), measured beside the coop's own vote by the bench.

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

/// The pallet-revive build's messages whose types differ: accounts are
/// 20-byte addresses there.
pub mod revive {
    use super::PeerVote;
    use crate::Message;

    /// `vote_of(voter) -> Option<bool>`, the voter by address.
    pub const VOTE_OF: Message<PeerVote, ([u8; 20],), Option<bool>> = Message::query("vote_of");
}
