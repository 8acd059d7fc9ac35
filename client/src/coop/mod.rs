//! The coop layer: a typed domain API over the contract layer. Deploy a
//! coop, read its members, proposals, rules and treasury, propose, vote,
//! execute, withdraw, deposit, resign, watch its events and export its
//! record. It speaks of members and proposals, never of pallet-contracts.
//!
//! Who pays: every transaction is paid by whoever signs it, fees and
//! storage deposits alike. Storage a call adds is charged to its signer
//! (the member who executes an admission pays for the new member's
//! storage); storage a call frees is refunded to its signer (a resignation
//! refunds the resigning member).

pub mod amount;
pub mod artifacts;
mod client;
mod error;
pub mod events;
pub mod manifest;
pub mod record;
pub mod view;

pub use amount::{Amounts, Token};
pub use client::{Client, NodeReport};
// What a caller of this layer needs from the layers below, so it never
// reaches past this one.
pub use crate::chain::{parse_account, ss58_account, Block, Signer, TxProgress};
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
    self as gov, Action, Choice, Proposal, ProposalClosed, ProposalId, ProposalSummary, Rules,
    MAX_PROPOSAL_PAGE,
};
use coop_shared::membership::{self as reg, Share, ShareId, MAX_MEMBERS_PER_CALL, MAX_PAGE};
use coop_shared::{AccountId, Balance};
use std::collections::{BTreeMap, VecDeque};

/// Blocks whose events are fetched at once while scanning history.
const SCAN_PARALLEL: usize = 8;

/// What a new coop starts with.
#[derive(Debug, Clone)]
pub struct Founding {
    /// Its first members (1 to 64), numbered in this order.
    pub founders: Vec<AccountId>,
    /// The rules it decides by.
    pub rules: Rules,
    /// Funds the deployer puts in the treasury at once (0 for none).
    pub funds: Balance,
}

/// A coop just deployed.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// The coop.
    pub coop: Coop,
    /// The block it was founded in: where its record starts.
    pub block: Block,
    /// The governance contract's code hash.
    pub governance_code: [u8; 32],
    /// The register's code hash.
    pub membership_code: [u8; 32],
    /// What the deployer paid: fees and storage deposits of the upload (if
    /// the register's code was new) and of the founding.
    pub fees: Balance,
    /// Storage deposits held for the deployer's contracts and code.
    pub deposits: Balance,
}

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

    /// The coop a manifest names, after checking that `contracts` is on the
    /// manifest's chain (genesis hash) and that both contracts exist there
    /// with the recorded code: every `--dev` chain shares one genesis hash,
    /// so a restarted dev chain would otherwise pass.
    ///
    /// # Errors
    /// [`crate::Error::WrongChain`] (as [`Error::Client`]) for another
    /// chain; [`Error::NotDeployed`] if a contract is missing or differs.
    pub async fn open(contracts: Contracts, manifest: &Manifest) -> Result<Coop> {
        let chain = contracts.chain();
        if chain.genesis_hash() != manifest.genesis() {
            return Err(crate::Error::WrongChain {
                url: chain.url().to_string(),
                expected: manifest.genesis_hash.to_string(),
                found: manifest::hex32(&chain.genesis_hash()),
            }
            .into());
        }
        let governance = manifest.governance_address();
        let membership = manifest.membership_address();
        let (governance_code, membership_code) = manifest.code_hashes();
        for (what, address, code) in [
            ("governance", &governance, governance_code),
            ("membership register", &membership, membership_code),
        ] {
            match contracts.code_hash_of(address).await? {
                None => {
                    return Err(Error::NotDeployed(format!(
                        "no {what} contract at {} (was the chain reset?)",
                        manifest::hex32(AsRef::<[u8; 32]>::as_ref(address))
                    )))
                }
                Some(found) if found != code => {
                    return Err(Error::NotDeployed(format!(
                        "the {what} contract at {} runs code {}, not {}",
                        manifest::hex32(AsRef::<[u8; 32]>::as_ref(address)),
                        manifest::hex32(&found),
                        manifest::hex32(&code)
                    )))
                }
                Some(_) => {}
            }
        }
        let coop = Coop::new(contracts, governance, membership);
        if coop.read_membership().await? != membership {
            return Err(Error::NotDeployed(
                "the governance contract governs another register than the manifest says".into(),
            ));
        }
        Ok(coop)
    }

    /// Deploys a coop: uploads the register's code (unless the chain has
    /// it), then instantiates governance, which creates the register with
    /// the founders and names itself its only governance, so no key keeps
    /// any power. A random salt keeps a second deployment from colliding.
    /// The signer pays fees and storage deposits and the initial funds; it
    /// is a member only if it is among the founders.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no founders, more than 64, duplicates or
    /// invalid rules (before anything is signed); the contract and chain
    /// layers' errors otherwise.
    pub async fn deploy(
        contracts: &Contracts,
        signer: &Signer,
        artifacts: &Artifacts,
        founding: &Founding,
    ) -> Result<Deployment> {
        let count = founding.founders.len();
        if count == 0 || count > MAX_MEMBERS_PER_CALL as usize {
            return Err(Error::InvalidInput(format!(
                "a coop needs 1 to {MAX_MEMBERS_PER_CALL} founders, not {count}"
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        for founder in &founding.founders {
            if !seen.insert(*AsRef::<[u8; 32]>::as_ref(founder)) {
                return Err(Error::InvalidInput(format!(
                    "founder {} is named twice",
                    view::account(founder)
                )));
            }
        }
        if !founding.rules.is_valid() {
            return Err(Error::InvalidInput("the rules are not valid".into()));
        }
        let mut fees: Balance = 0;
        let mut deposits: Balance = 0;
        let membership_code = artifacts.membership.code_hash;
        if !contracts.code_exists(membership_code).await? {
            let uploaded = contracts
                .upload_code(signer, &artifacts.membership.wasm)
                .await?;
            deposits = deposits.saturating_add(uploaded.deposit);
            fees = fees.saturating_add(fee_of(&uploaded.included, &signer.account()));
        }
        let governance_code = artifacts.governance.code_hash;
        let code = if contracts.code_exists(governance_code).await? {
            Code::Existing(governance_code)
        } else {
            Code::Upload(&artifacts.governance.wasm)
        };
        let instantiated = contracts
            .instantiate(
                signer,
                code,
                gov::messages::NEW,
                (membership_code, founding.founders.clone(), founding.rules),
                founding.funds,
                Salt::Random,
            )
            .await?;
        let costs = &instantiated.outcome.costs;
        fees = fees.saturating_add(costs.fee.unwrap_or(0));
        deposits = deposits.saturating_add(costs.deposit_held);
        let governance = instantiated.address;
        let probe = Coop::new(contracts.clone(), governance, governance);
        let membership = probe.read_membership().await?;
        Ok(Deployment {
            coop: Coop::new(contracts.clone(), governance, membership),
            block: instantiated.outcome.included.block,
            governance_code,
            membership_code,
            fees,
            deposits,
        })
    }

    /// The governance contract: the coop's address, holding its treasury.
    pub fn governance(&self) -> AccountId {
        self.governance.address()
    }

    /// The share register.
    pub fn membership(&self) -> AccountId {
        self.register.address()
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
    /// it closed early. The signer pays the action's storage (an admission's
    /// new share).
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

    /// The signer gives up their share (refunding its storage deposit to
    /// them). Returns the retired share number.
    ///
    /// # Errors
    /// `NotMember`, `LastMember` by name.
    pub async fn resign(&self, signer: &Signer) -> Result<Outcome<ShareId>> {
        Ok(self
            .register
            .call(signer, reg::messages::RESIGN, ())
            .await?)
    }

    // ---- events ----

    /// The coop's events in one block.
    ///
    /// # Errors
    /// [`crate::Error::StateUnavailable`] for a pruned block; the chain's otherwise.
    pub async fn events_in(&self, block: Block) -> Result<Vec<Logged>> {
        let events = self.chain().events_at(block).await?;
        Ok(events::coop_events(
            &events,
            &self.governance(),
            &self.membership(),
        )?)
    }

    /// The coop's events in blocks `from ..= to`, in order; `progress` gets
    /// (blocks done, blocks in all).
    ///
    /// # Errors
    /// [`crate::Error::StateUnavailable`] if the node has pruned a block in
    /// the range; the chain's otherwise.
    pub async fn events_between(
        &self,
        from: u64,
        to: u64,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Vec<Logged>> {
        use futures::{stream, StreamExt as _, TryStreamExt as _};
        let total = to.saturating_add(1).saturating_sub(from);
        let mut done = 0u64;
        let mut found = Vec::new();
        let mut blocks = stream::iter(from..=to)
            .map(|n| async move {
                let block = self.chain().block_at(n).await?.ok_or_else(|| {
                    crate::Error::Node(format!("the node has no block {n} on its best chain"))
                })?;
                self.events_in(block).await
            })
            .buffered(SCAN_PARALLEL);
        while let Some(events) = blocks.try_next().await? {
            found.extend(events);
            done += 1;
            progress(done, total);
        }
        Ok(found)
    }

    /// Follows the chain from `from` (the next block by default): yields the
    /// coop's events as blocks arrive, none missed when the node skips a
    /// height.
    ///
    /// # Errors
    /// The chain's, if the subscription cannot start.
    pub async fn watch(&self, from: Option<u64>) -> Result<Watch> {
        let heads = self.chain().best_blocks().await?;
        let next = match from {
            Some(n) => n,
            None => self.chain().best_block().await?.number.saturating_add(1),
        };
        Ok(Watch {
            coop: self.clone(),
            heads,
            next,
            queue: VecDeque::new(),
        })
    }

    /// The full record from `from` (the deployment block) to the best
    /// block, with the contract's figures read at that same block.
    ///
    /// # Errors
    /// [`crate::Error::StateUnavailable`] if the node has pruned the blocks.
    pub async fn record(
        &self,
        from: u64,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Record> {
        let to = self.chain().best_block().await?;
        let events = self.events_between(from, to.number, progress).await?;
        let mut contract = BTreeMap::new();
        let mut start: ProposalId = 1;
        loop {
            let page: Vec<ProposalSummary> = self
                .governance
                .read_at(gov::messages::PROPOSALS, (start, MAX_PROPOSAL_PAGE), to)
                .await?;
            let full = page.len() == MAX_PROPOSAL_PAGE as usize;
            for summary in page {
                contract.insert(summary.id, summary);
            }
            if !full {
                break;
            }
            start = start.saturating_add(MAX_PROPOSAL_PAGE);
        }
        let treasury: Balance = self
            .governance
            .read_at(gov::messages::TREASURY, (), to)
            .await?;
        Ok(Record {
            governance: self.governance(),
            membership: self.membership(),
            genesis: self.chain().genesis_hash(),
            from_block: from,
            to,
            events,
            contract,
            treasury,
        })
    }
}

/// A live feed of a coop's events, from [`Coop::watch`].
#[derive(Debug)]
pub struct Watch {
    coop: Coop,
    heads: BlockStream,
    next: u64,
    queue: VecDeque<Logged>,
}

impl Watch {
    /// The next event; waits for new blocks. `None` when the node ends the feed.
    pub async fn next(&mut self) -> Option<Result<Logged>> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some(Ok(event));
            }
            let head = match self.heads.next().await? {
                Ok(head) => head,
                Err(e) => return Some(Err(e.into())),
            };
            if head.number < self.next {
                continue;
            }
            let from = self.next;
            match self
                .coop
                .events_between(from, head.number, &|_, _| {})
                .await
            {
                Ok(events) => {
                    self.next = head.number.saturating_add(1);
                    // A deposit's balance transfer echoes its `Deposited`
                    // (and founding's, its `CoopFounded`): one line each.
                    let shown: Vec<Logged> = events
                        .iter()
                        .filter(|l| {
                            !matches!(events::transfer_kind(&events, l), "deposit" | "founding")
                        })
                        .cloned()
                        .collect();
                    self.queue.extend(shown);
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// The fee `payer` paid in an included transaction, 0 if not reported.
fn fee_of(included: &crate::chain::Included, payer: &AccountId) -> Balance {
    crate::contracts::fee_paid(included, payer).unwrap_or(0)
}

/// The contract's `UnknownProposal` as the coop layer's own error, which names the number.
fn unknown_proposal(err: CallError<gov::Error>, id: ProposalId) -> Error {
    match err {
        CallError::Contract(gov::Error::UnknownProposal) => Error::UnknownProposal(id),
        other => other.into(),
    }
}
