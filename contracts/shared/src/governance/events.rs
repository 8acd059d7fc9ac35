//! What governance emits: one event per state change.

use super::*;

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
    /// The floors no rule change may go below, for the coop's life.
    pub floors: Floors,
}

impl CoopEvent for CoopFounded {
    const SIGNATURE: &'static str = "CoopFounded(AccountId,Rules,Floors)";
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
    /// The proxy's share, if a proxy cast it for `share` (`voter` is then
    /// the proxy's key).
    pub proxy: Option<ShareId>,
}

impl CoopEvent for VoteCast {
    const SIGNATURE: &'static str =
        "VoteCast(ProposalId,ShareId,AccountId,Choice,Option<Choice>,Tally,Option<ShareId>)";
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

/// An admitted account accepted its offer and now holds a share.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct OfferAccepted {
    /// The admission that made the offer.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// The new member.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub account: AccountId,
    /// The share it was issued.
    pub share: ShareId,
}

impl CoopEvent for OfferAccepted {
    const SIGNATURE: &'static str = "OfferAccepted(ProposalId,AccountId,ShareId)";
}

/// A member pruned what they had stored for a closed proposal, taking
/// back its storage deposit; the proposal's events keep the record.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct Pruned {
    /// The proposal.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub id: ProposalId,
    /// The member's share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// Whether the share's ballot was removed.
    pub ballot: bool,
    /// Whether the proposal's title, text and action were removed (by its proposer).
    pub content: bool,
}

impl CoopEvent for Pruned {
    const SIGNATURE: &'static str = "Pruned(ProposalId,ShareId,bool,bool)";
}

/// A member share's capital was paid in: by a new member accepting an
/// offer, or from the founding funds for each founder's share.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct CapitalPaidIn {
    /// The share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// Its holder.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub account: AccountId,
    /// What it paid in (the share price then).
    pub amount: Balance,
}

impl CoopEvent for CapitalPaidIn {
    const SIGNATURE: &'static str = "CapitalPaidIn(ShareId,AccountId,Balance)";
}

/// A leaving member's capital was paid back at par: what the share paid in.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct CapitalRepaid {
    /// The share that left (resigned or expelled).
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// Its holder, who received the capital.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub account: AccountId,
    /// How much.
    pub amount: Balance,
}

impl CoopEvent for CapitalRepaid {
    const SIGNATURE: &'static str = "CapitalRepaid(ShareId,AccountId,Balance)";
}

/// A member appointed another member as proxy.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ProxyAppointed {
    /// The appointing member's share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// The proxy's share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub proxy: ShareId,
    /// The one proposal it is for; `None`: every proposal until revoked.
    pub proposal: Option<ProposalId>,
}

impl CoopEvent for ProxyAppointed {
    const SIGNATURE: &'static str = "ProxyAppointed(ShareId,ShareId,Option<ProposalId>)";
}

/// An appointment ended: revoked, replaced, or its member left.
#[derive(Debug, Clone, PartialEq, Eq, Encode, Decode)]
#[cfg_attr(feature = "ink", derive(ink::Event))]
#[cfg_attr(all(feature = "ink", feature = "std"), derive(ink::EventMetadata))]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub struct ProxyRevoked {
    /// The appointing member's share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub share: ShareId,
    /// The proxy's share.
    #[cfg_attr(feature = "ink", ink(topic))]
    pub proxy: ShareId,
}

impl CoopEvent for ProxyRevoked {
    const SIGNATURE: &'static str = "ProxyRevoked(ShareId,ShareId)";
}

#[cfg(test)]
mod tests {
    use super::*;

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
        check::<OfferAccepted>();
        check::<Pruned>();
        check::<CapitalPaidIn>();
        check::<CapitalRepaid>();
        check::<ProxyAppointed>();
        check::<ProxyRevoked>();
    }
}
