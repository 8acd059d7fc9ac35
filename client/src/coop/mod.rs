//! The coop layer: a typed domain API over the contract layer. Deploy a
//! coop, read its members, proposals, rules and treasury, propose, vote,
//! execute, withdraw, deposit, resign, watch its events and export its
//! record. It speaks of members and proposals, never of pallet-contracts.
//!
//! Who pays: every transaction is paid by whoever signs it, fees and
//! storage deposits alike. Storage a call adds is charged to its signer
//! and storage it frees is refunded to its signer, and the contracts are
//! shaped so that the signer is the one who added it: a new member pays
//! for their share by accepting their offer, a resignation refunds the
//! resigning member, an expelled member releases their old share, and a
//! member prunes their own ballots and proposals once closed.

pub mod amount;

pub mod artifacts;

mod client;
mod deploy;

mod error;

pub mod events;
mod history;

pub mod manifest;

pub mod record;

pub mod view;

pub use amount::{Amounts, Token};
pub use client::{Client, NodeReport};
pub use deploy::{Deployment, Founding};
pub use history::Watch;
// What a caller of this layer needs from the layers below, so it never
// reaches past this one.
pub use crate::chain::{hex_account, parse_account, ss58_account, Block, Signer, TxProgress};
pub use crate::contracts::{Costs, Outcome, ProgressHook};
pub use artifacts::{Artifact, Artifacts};
pub use error::{Error, Result};
pub use events::{Event, Logged};
pub use manifest::Manifest;
pub use record::{check, Check, Mismatch, Record};

use crate::chain::{BlockStream, Chain};
use crate::contracts::{Code, Contracts, Governance, Register, Salt};
use crate::error::CallError;
use coop_shared::governance::{
    self as gov, Action, Choice, Floors, Proposal, ProposalClosed, ProposalId, ProposalSummary,
    Rules, MAX_PROPOSAL_PAGE,
};
use coop_shared::membership::{self as reg, Share, ShareId, MAX_MEMBERS_PER_CALL, MAX_PAGE};
use coop_shared::ErrorInfo as _;
use coop_shared::{AccountId, Balance};
use std::collections::{BTreeMap, VecDeque};

/// A page of members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPage {
    /// Held shares numbered in the page's range, in order.
    pub members: Vec<Share>,
    /// Where the next page starts, if share numbers go on.
    pub next: Option<ShareId>,
}

/// A page of proposals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalPage {
    /// The proposals, in order.
    pub proposals: Vec<ProposalSummary>,
    /// Where the next page starts, if there are more.
    pub next: Option<ProposalId>,
}

/// A deployed coop: its governance contract and share register on one chain.
#[derive(Debug, Clone)]
pub struct Coop {
    governance: Governance,
    register: Register,
}

impl Coop {
    /// The coop whose governance and register are at these addresses,
    /// trusted as given (see [`Coop::open`] for a checked one).
    pub fn new(contracts: Contracts, governance: AccountId, membership: AccountId) -> Coop {
        Coop {
            governance: Governance::at(contracts.clone(), governance),
            register: Register::at(contracts, membership),
        }
    }

    /// The governance contract: the coop's address, holding its treasury.
    pub fn governance(&self) -> AccountId {
        self.governance.address()
    }

    /// The share register.
    pub fn membership(&self) -> AccountId {
        self.register.address()
    }

    /// A contract's 20-byte address as Ethereum tools and the Asset Hubs'
    /// explorers show it (`0x` and 40 hex digits), where the coop runs on
    /// pallet-revive; `None` on pallet-contracts, whose contracts have only
    /// their 32-byte account.
    pub fn revive_address(&self, contract: &AccountId) -> Option<String> {
        (self.contracts().pallet() == crate::contracts::Pallet::Revive).then(|| {
            crate::contracts::revive::hex_address(&crate::contracts::revive::address_of(contract))
        })
    }

    /// The governance contract's typed handle.
    pub fn governance_contract(&self) -> &Governance {
        &self.governance
    }

    /// The share register's typed handle.
    pub fn register_contract(&self) -> &Register {
        &self.register
    }

    /// The contract layer below.
    pub fn contracts(&self) -> &Contracts {
        self.governance.contracts()
    }

    /// The chain below.
    pub fn chain(&self) -> &Chain {
        self.contracts().chain()
    }

    /// The URL of the node this coop is reached through.
    pub fn url(&self) -> &str {
        self.chain().url()
    }

    /// The chain's best block now.
    ///
    /// # Errors
    /// The chain's.
    pub async fn best_block(&self) -> Result<Block> {
        Ok(self.chain().best_block().await?)
    }

    /// Whether the chain calls itself a development or local chain.
    ///
    /// # Errors
    /// The chain's.
    pub async fn is_dev_chain(&self) -> Result<bool> {
        Ok(self.chain().is_dev_chain().await?)
    }

    // ---- reads (dry runs: nothing is signed, nothing is paid) ----

    async fn read_membership(&self) -> Result<AccountId> {
        Ok(self.governance.read(gov::messages::MEMBERSHIP, ()).await?)
    }

    /// The number of current members.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn member_count(&self) -> Result<u32> {
        Ok(self.register.read(reg::messages::MEMBER_COUNT, ()).await?)
    }

    /// The number the next share will get.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn next_share_number(&self) -> Result<ShareId> {
        Ok(self
            .register
            .read(reg::messages::NEXT_SHARE_NUMBER, ())
            .await?)
    }

    /// Members holding shares numbered `start .. start + count` (at most
    /// 256 numbers a page; resigned and expelled numbers leave gaps).
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn members(&self, start: ShareId, count: u32) -> Result<MemberPage> {
        let start = start.max(reg::FIRST_SHARE);
        let count = count.clamp(1, MAX_PAGE);
        let members: Vec<Share> = self
            .register
            .read(reg::messages::SHARES, (start, count))
            .await?;
        let next_share = self.next_share_number().await?;
        let after = start.saturating_add(count);
        Ok(MemberPage {
            members,
            next: (after < next_share).then_some(after),
        })
    }

    /// Every member, page by page.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn all_members(&self) -> Result<Vec<Share>> {
        let mut all = Vec::new();
        let mut start = reg::FIRST_SHARE;
        loop {
            let page = self.members(start, MAX_PAGE).await?;
            all.extend(page.members);
            match page.next {
                Some(next) => start = next,
                None => return Ok(all),
            }
        }
    }

    /// The share `account` holds, if any.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn member(&self, account: &AccountId) -> Result<Option<Share>> {
        Ok(self
            .register
            .read(reg::messages::SHARE_OF, (*account,))
            .await?)
    }

    /// The share numbered `number`, if it is held.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn share(&self, number: ShareId) -> Result<Option<Share>> {
        Ok(self.register.read(reg::messages::SHARE, (number,)).await?)
    }

    /// The rules new proposals are made under.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn rules(&self) -> Result<Rules> {
        Ok(self.governance.read(gov::messages::RULES, ()).await?)
    }

    /// The floors fixed when the coop was founded: the least its rules may
    /// ever ask.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn floors(&self) -> Result<Floors> {
        Ok(self.governance.read(gov::messages::FLOORS, ()).await?)
    }

    /// The treasury: the governance contract's balance.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn treasury(&self) -> Result<Balance> {
        Ok(self.governance.read(gov::messages::TREASURY, ()).await?)
    }

    /// The number the next proposal will get.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn next_proposal_id(&self) -> Result<ProposalId> {
        Ok(self
            .governance
            .read(gov::messages::NEXT_PROPOSAL_ID, ())
            .await?)
    }

    /// One proposal with its state, tally and content.
    ///
    /// # Errors
    /// [`Error::UnknownProposal`] if there is none with this number.
    pub async fn proposal(&self, id: ProposalId) -> Result<Proposal> {
        let found: Option<Proposal> = self.governance.read(gov::messages::PROPOSAL, (id,)).await?;
        found.ok_or(Error::UnknownProposal(id))
    }

    /// Proposals numbered `start .. start + count` (at most 32 a page).
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn proposals(&self, start: ProposalId, count: u32) -> Result<ProposalPage> {
        let start = start.max(1);
        let count = count.clamp(1, MAX_PROPOSAL_PAGE);
        let proposals: Vec<ProposalSummary> = self
            .governance
            .read(gov::messages::PROPOSALS, (start, count))
            .await?;
        let next_id = self.next_proposal_id().await?;
        let after = start.saturating_add(count);
        Ok(ProposalPage {
            proposals,
            next: (after < next_id).then_some(after),
        })
    }

    /// How share `share` voted on proposal `id`, if it did.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn vote_of(&self, id: ProposalId, share: ShareId) -> Result<Option<Choice>> {
        Ok(self
            .governance
            .read(gov::messages::VOTE_OF, (id, share))
            .await?)
    }

    /// The proposals of `share` still before their deadline.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn open_proposals_of(&self, share: ShareId) -> Result<Vec<ProposalId>> {
        Ok(self
            .governance
            .read(gov::messages::OPEN_PROPOSALS_OF, (share,))
            .await?)
    }

    // ---- transactions (dry-run first: a contract error is named before signing) ----

    /// Makes a proposal; the signer must be a member. Returns its number.
    ///
    /// # Errors
    /// The contract's errors by name (`NotMember`, `TitleTooLong`,
    /// `TooManyOpenProposals`, ...), the chain's otherwise.
    pub async fn propose(
        &self,
        signer: &Signer,
        title: &str,
        text: &str,
        action: Action,
    ) -> Result<Outcome<ProposalId>> {
        Ok(self
            .governance
            .call(
                signer,
                gov::messages::PROPOSE,
                (title.to_string(), text.to_string(), action),
            )
            .await?)
    }

    /// Votes on proposal `id` for the signer's share.
    ///
    /// # Errors
    /// The contract's errors by name (`NotEligible`, `AlreadyVoted`,
    /// `VotingClosed`, ...); [`Error::UnknownProposal`] for no such proposal.
    pub async fn vote(
        &self,
        signer: &Signer,
        id: ProposalId,
        choice: Choice,
    ) -> Result<Outcome<()>> {
        self.check_voting_open(id).await?;
        self.governance
            .call(signer, gov::messages::VOTE, (id, choice))
            .await
            .map_err(|e| unknown_proposal(e, id))
    }

    /// Withdraws proposal `id`; only its proposer, while nobody has voted.
    ///
    /// # Errors
    /// As [`Coop::vote`] (`NotProposer`, `HasVotes`, ...).
    pub async fn withdraw(&self, signer: &Signer, id: ProposalId) -> Result<Outcome<()>> {
        self.check_voting_open(id).await?;
        self.governance
            .call(signer, gov::messages::WITHDRAW, (id,))
            .await
            .map_err(|e| unknown_proposal(e, id))
    }

    /// Refuses, as the contract would, a vote or withdrawal that cannot
    /// land before the deadline. The dry run sees the best block's number
    /// but the transaction lands in the next block, so in the last block
    /// before the deadline the dry run would pass and the block refuse.
    async fn check_voting_open(&self, id: ProposalId) -> Result<()> {
        let proposal = self.proposal(id).await?;
        let next = self.chain().best_block().await?.number.saturating_add(1);
        if proposal.state.status == gov::Status::Open && next >= u64::from(proposal.state.deadline)
        {
            return Err(Error::Governance(gov::Error::VotingClosed));
        }
        Ok(())
    }

    /// Closes proposal `id` and, if it passed, applies its action; anyone
    /// may, once the deadline is reached (or earlier when the outcome is
    /// settled). Returns the `ProposalClosed` event of the block: the final
    /// status (a failed action is a status, not an error), tally and whether
    /// it closed early. An executed admission makes offers; the accounts
    /// pay for their own shares when they accept.
    ///
    /// # Errors
    /// As [`Coop::vote`] (`VotingNotOver`, `ProposalClosed`, ...).
    pub async fn execute(
        &self,
        signer: &Signer,
        id: ProposalId,
    ) -> Result<Outcome<ProposalClosed>> {
        let outcome = self
            .governance
            .call(signer, gov::messages::EXECUTE, (id,))
            .await
            .map_err(|e| unknown_proposal(e, id))?;
        let closed: Vec<ProposalClosed> = self.governance.events(&outcome)?;
        let closed = closed.into_iter().find(|c| c.id == id).ok_or_else(|| {
            crate::Error::decode("the execution", "no ProposalClosed event in its block")
        })?;
        Ok(Outcome {
            value: closed,
            costs: outcome.costs,
            included: outcome.included,
        })
    }

    /// Puts `amount` into the treasury (anyone may).
    ///
    /// # Errors
    /// `NothingDeposited` for 0; [`crate::Error::InsufficientFunds`].
    pub async fn deposit(&self, signer: &Signer, amount: Balance) -> Result<Outcome<()>> {
        Ok(self
            .governance
            .call_with_value(signer, gov::messages::DEPOSIT, (), amount)
            .await?)
    }

    /// The signer gives up their share, through governance: its member
    /// capital comes back at par and its storage deposit is refunded, in
    /// the same transaction. Returns the retired share number.
    ///
    /// # Errors
    /// `NotMember`, `LastMember`, `RefundFailed` by name.
    pub async fn resign(&self, signer: &Signer) -> Result<Outcome<ShareId>> {
        Ok(self
            .governance
            .call(signer, gov::messages::RESIGN, ())
            .await?)
    }

    /// Votes on proposal `id` for share `share`, as its proxy (the signer
    /// holds the share `share` appointed).
    ///
    /// # Errors
    /// `NotProxy`, `NotEligible`, `MemberVoted`, `AlreadyVoted`,
    /// `VotingClosed`, ... by name; [`Error::UnknownProposal`].
    pub async fn vote_for(
        &self,
        signer: &Signer,
        id: ProposalId,
        choice: Choice,
        share: ShareId,
    ) -> Result<Outcome<()>> {
        self.governance
            .call(signer, gov::messages::VOTE_FOR, (id, choice, share))
            .await
            .map_err(|e| unknown_proposal(e, id))
    }

    /// Appoints share `proxy`'s holder to vote for the signer's share, on
    /// `proposal` only or on every proposal until revoked.
    ///
    /// # Errors
    /// `ProxiesOff`, `SelfProxy`, `NoSuchShare`, `ProxyFull`, `Suspended`,
    /// `ProposalClosed`, ... by name.
    pub async fn appoint(
        &self,
        signer: &Signer,
        proxy: ShareId,
        proposal: Option<ProposalId>,
    ) -> Result<Outcome<()>> {
        Ok(self
            .governance
            .call(signer, gov::messages::APPOINT, (proxy, proposal))
            .await?)
    }

    /// Ends the signer's proxy appointment at once.
    ///
    /// # Errors
    /// `NoAppointment`, `NotMember` by name.
    pub async fn revoke(&self, signer: &Signer) -> Result<Outcome<()>> {
        Ok(self
            .governance
            .call(signer, gov::messages::REVOKE, ())
            .await?)
    }

    /// Whom share `share` appointed as proxy, if anyone.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn appointment_of(&self, share: ShareId) -> Result<Option<gov::Appointment>> {
        Ok(self
            .governance
            .read(gov::messages::APPOINTMENT_OF, (share,))
            .await?)
    }

    /// How many appointments share `proxy` holds.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn appointments_held(&self, proxy: ShareId) -> Result<u32> {
        Ok(self
            .governance
            .read(gov::messages::APPOINTMENTS_HELD, (proxy,))
            .await?)
    }

    /// The proxy share that cast `share`'s ballot on `id`, if a proxy did.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn cast_by(&self, id: ProposalId, share: ShareId) -> Result<Option<ShareId>> {
        Ok(self
            .governance
            .read(gov::messages::CAST_BY, (id, share))
            .await?)
    }

    /// The members' capital the coop holds: the sum of what current
    /// shares paid in. Payments cannot touch it.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn capital(&self) -> Result<Balance> {
        Ok(self.governance.read(gov::messages::CAPITAL, ()).await?)
    }

    /// What current share `share` paid in as member capital (0: nothing).
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn capital_of(&self, share: ShareId) -> Result<Balance> {
        Ok(self
            .governance
            .read(gov::messages::CAPITAL_OF, (share,))
            .await?)
    }

    /// The signer moves their own share to the key `new`, with no vote: it
    /// keeps its number, seniority and votes. Returns the share number.
    ///
    /// Goes through governance, which keeps its roster of voters in step
    /// with the register.
    ///
    /// # Errors
    /// `NotMember` (the signer holds no share), `AlreadyMember` (`new`
    /// holds one), `Unreleased` (`new` holds an expelled one) by name.
    pub async fn move_share(&self, signer: &Signer, new: &AccountId) -> Result<Outcome<ShareId>> {
        Ok(self
            .governance
            .call(signer, gov::messages::MOVE_SHARE, (*new,))
            .await?)
    }

    /// The signer accepts the offer of membership executed admission `id`
    /// made to it, sending `capital` (the member share's price: exactly
    /// what the rules ask, see [`Coop::rules`]) and paying its own share's
    /// storage deposit. Returns the share number issued.
    ///
    /// # Errors
    /// `NoOffer`, `OfferTaken`, `OfferLapsed`, `WrongCapital`,
    /// `AlreadyMember` by name; [`Error::UnknownProposal`] for no such
    /// proposal.
    pub async fn accept(
        &self,
        signer: &Signer,
        id: ProposalId,
        capital: Balance,
    ) -> Result<Outcome<ShareId>> {
        self.governance
            .call_with_value(signer, gov::messages::ACCEPT, (id,), capital)
            .await
            .map_err(|e| unknown_proposal(e, id))
    }

    /// The signer frees what its share stored for the closed proposals
    /// `ids` (at most 32): its ballots and, for proposals it made, their
    /// content; the storage deposit comes back to the signer. Returns how
    /// many proposals had something pruned.
    ///
    /// # Errors
    /// `ProposalOpen`, `NothingToPrune`, `TooManyProposals`, `NotMember`
    /// by name; [`Error::UnknownProposal`].
    pub async fn prune(&self, signer: &Signer, ids: &[ProposalId]) -> Result<Outcome<u32>> {
        Ok(self
            .governance
            .call(signer, gov::messages::PRUNE, (ids.to_vec(),))
            .await?)
    }

    /// The closed proposals on which `share` has something to prune: a
    /// ballot, or the content of a proposal it made (an admission's only
    /// once its offers can no longer be accepted). Reads every proposal.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn prunable(&self, share: ShareId) -> Result<Vec<ProposalId>> {
        let best = u64::from(self.next_proposal_id().await?);
        let now = self.best_block().await?.number;
        let mut found = Vec::new();
        for id in 1..u32::try_from(best).unwrap_or(u32::MAX) {
            let p = self.proposal(id).await?;
            if p.state.status == gov::Status::Open {
                continue;
            }
            let ballot = self.vote_of(id, share).await?.is_some();
            let content = p.state.proposer == share
                && match &p.content {
                    Some(c) if matches!(c.action, Action::Admit(_)) => {
                        now > u64::from(p.state.acceptance_deadline())
                    }
                    Some(_) => true,
                    None => false,
                };
            if ballot || content {
                found.push(id);
            }
        }
        Ok(found)
    }

    /// The block of `share`'s last vote, proposal or withdrawal (0: none).
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn last_act_of(&self, share: ShareId) -> Result<u32> {
        Ok(self
            .governance
            .read(gov::messages::LAST_ACT_OF, (share,))
            .await?)
    }

    /// How many members are suspended.
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn suspended_count(&self) -> Result<u32> {
        Ok(self
            .register
            .read(reg::messages::SUSPENDED_COUNT, ())
            .await?)
    }

    /// The signer, holder of a suspended share, returns: the share is in
    /// every electorate made from then on. Returns its number.
    ///
    /// Goes through governance, which keeps its roster of voters in step
    /// with the register.
    ///
    /// # Errors
    /// `NotMember`, `NotSuspended` by name.
    pub async fn reactivate(&self, signer: &Signer) -> Result<Outcome<ShareId>> {
        Ok(self
            .governance
            .call(signer, gov::messages::REACTIVATE, ())
            .await?)
    }

    /// The share `account` votes with, as governance's roster holds it:
    /// always the register's `share_of` in step (the audit checks it).
    ///
    /// # Errors
    /// The contract layer's.
    pub async fn voter(&self, account: &AccountId) -> Result<Option<gov::Voter>> {
        Ok(self
            .governance
            .read(gov::messages::VOTER, (*account,))
            .await?)
    }

    /// The signer, whose share was expelled, frees the old share's storage
    /// and takes back its deposit. Returns the old number.
    ///
    /// # Errors
    /// `NothingToRelease` by name.
    pub async fn release(&self, signer: &Signer) -> Result<Outcome<ShareId>> {
        Ok(self
            .governance
            .call(signer, gov::messages::RELEASE, ())
            .await?)
    }

    // ---- events ----
}

/// The contract's `UnknownProposal` as the coop layer's own error, which names the number.
fn unknown_proposal(err: CallError<gov::Error>, id: ProposalId) -> Error {
    match err {
        CallError::Contract(gov::Error::UnknownProposal) => Error::UnknownProposal(id),
        other => other.into(),
    }
}
