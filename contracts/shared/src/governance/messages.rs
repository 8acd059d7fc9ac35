//! The governance contract as the client calls it: its typed messages.

use super::*;
use crate::{Constructor, Message};

/// The governance contract, as a type for the client's typed calls.
#[derive(Debug, Clone, Copy)]
pub struct Governance;

impl Contract for Governance {
    const NAME: &'static str = "governance";
    type Error = Error;
    const MESSAGES: &'static [MessageInfo] = &messages::ALL;
    const CONSTRUCTOR: MessageInfo = messages::NEW.info();
}

/// The constructor's arguments: the register's code hash, the founders, the
/// rules, the floors and the chain's native-to-EVM ratio.
pub type NewArgs = ([u8; 32], Vec<AccountId>, Rules, Floors, u128);

/// `new(membership_code, founders, rules, floors, native_to_eth)`, payable:
/// founds the coop and creates its register from the uploaded code with this
/// hash; `floors` are fixed for the coop's life; `native_to_eth` is
/// pallet-revive's `NativeToEthRatio`, 1 on pallet-contracts.
pub const NEW: Constructor<Governance, NewArgs> = Constructor::new("new", true, true);
/// `propose(title, text, action) -> Result<ProposalId>`, by a member.
pub const PROPOSE: Message<Governance, (String, String, Action), ProposalId> =
    Message::fallible("propose");
/// `vote(id, choice) -> Result<()>`, by an eligible member.
pub const VOTE: Message<Governance, (ProposalId, Choice), ()> = Message::fallible("vote");
/// `withdraw(id) -> Result<()>`, by the proposer while nobody voted.
pub const WITHDRAW: Message<Governance, (ProposalId,), ()> = Message::fallible("withdraw");
/// `execute(id) -> Result<Status>`, by anyone after the deadline (or once settled).
pub const EXECUTE: Message<Governance, (ProposalId,), Status> = Message::fallible("execute");
/// `accept(id) -> Result<ShareId>`, payable, by an account an executed
/// admission named: it sends exactly the rules' share price.
pub const ACCEPT: Message<Governance, (ProposalId,), ShareId> = Message::payable("accept");
/// `resign() -> Result<ShareId>`, by a member: leaves, and gets its share's
/// capital back at par.
pub const RESIGN: Message<Governance, (), ShareId> = Message::fallible("resign");
/// `move_share(new) -> Result<ShareId>`, by a member: moves their own share
/// to the key `new` (number, seniority and votes kept), with no vote.
pub const MOVE_SHARE: Message<Governance, (AccountId,), ShareId> = Message::fallible("move_share");
/// `reactivate() -> Result<ShareId>`, by the holder of a suspended share:
/// it returns to every electorate made from the next block on.
pub const REACTIVATE: Message<Governance, (), ShareId> = Message::fallible("reactivate");
/// `release() -> Result<ShareId>`, by an expelled member: frees the old
/// share's storage (register and roster) and takes back its deposit.
pub const RELEASE: Message<Governance, (), ShareId> = Message::fallible("release");
/// `voter(account) -> Option<Voter>`: the share `account` votes with, as
/// governance's roster holds it (the register's in step).
pub const VOTER: Message<Governance, (AccountId,), Option<Voter>> = Message::query("voter");
/// `vote_for(id, choice, share) -> Result<()>`, by the proxy `share` appointed.
pub const VOTE_FOR: Message<Governance, (ProposalId, Choice, ShareId), ()> =
    Message::fallible("vote_for");
/// `appoint(proxy, proposal) -> Result<()>`, by a member: `proxy` (a share)
/// votes for them on `proposal`, or on every proposal when `None`.
pub const APPOINT: Message<Governance, (ShareId, Option<ProposalId>), ()> =
    Message::fallible("appoint");
/// `revoke() -> Result<()>`, by a member: ends their appointment at once.
pub const REVOKE: Message<Governance, (), ()> = Message::fallible("revoke");
/// `appointment_of(share) -> Option<Appointment>`: whom a share appointed.
pub const APPOINTMENT_OF: Message<Governance, (ShareId,), Option<Appointment>> =
    Message::query("appointment_of");
/// `appointments_held(proxy) -> u32`: how many appointments a share holds.
pub const APPOINTMENTS_HELD: Message<Governance, (ShareId,), u32> =
    Message::query("appointments_held");
/// `cast_by(id, share) -> Option<ShareId>`: the proxy that cast a share's
/// ballot, if a proxy did.
pub const CAST_BY: Message<Governance, (ProposalId, ShareId), Option<ShareId>> =
    Message::query("cast_by");
/// `capital() -> Balance`: the members' capital held (the sum over current shares).
pub const CAPITAL: Message<Governance, (), Balance> = Message::query("capital");
/// `capital_of(share) -> Balance`: what a current share paid in (0: none).
pub const CAPITAL_OF: Message<Governance, (ShareId,), Balance> = Message::query("capital_of");
/// `prune(ids) -> Result<u32>`, by a member: frees what they stored for closed proposals.
pub const PRUNE: Message<Governance, (Vec<ProposalId>,), u32> = Message::fallible("prune");
/// `last_act_of(share) -> BlockNumber`: the share's last vote, proposal or withdrawal (0: none).
pub const LAST_ACT_OF: Message<Governance, (ShareId,), BlockNumber> = Message::query("last_act_of");
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
/// `treasury() -> Balance`: governance's balance that may be transferred
/// (the members' capital included; payments may not touch that part).
pub const TREASURY: Message<Governance, (), Balance> = Message::query("treasury");
/// `floors() -> Floors`: the least the rules may ever ask.
pub const FLOORS: Message<Governance, (), Floors> = Message::query("floors");

/// Every message, for the metadata check.
pub const ALL: [MessageInfo; 30] = [
    PROPOSE.info(),
    RELEASE.info(),
    MOVE_SHARE.info(),
    REACTIVATE.info(),
    VOTER.info(),
    VOTE_FOR.info(),
    APPOINT.info(),
    REVOKE.info(),
    APPOINTMENT_OF.info(),
    APPOINTMENTS_HELD.info(),
    CAST_BY.info(),
    ACCEPT.info(),
    RESIGN.info(),
    CAPITAL.info(),
    CAPITAL_OF.info(),
    PRUNE.info(),
    LAST_ACT_OF.info(),
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
    FLOORS.info(),
];
