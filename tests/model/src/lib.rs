//! A coop as plain Rust data: the specification the contracts are checked
//! against. Every message of governance and the register is a method here
//! that answers what the contracts answer (the same named error, found in
//! the same order) and changes the state as they do. Nothing is optimised:
//! members and proposals are kept in ordered maps and every call works on
//! a copy that replaces the state only if the call succeeds, as a reverted
//! transaction changes nothing.
//!
//! Outcomes (quorum, thresholds, settling early) use the shared crate's
//! rules, the same functions the contract runs; everything else is written
//! here again from the README's rules, so a contract that drifts from them
//! disagrees with the model.

pub mod history;

use coop_shared::governance::{
    self as gov, Action, Choice, FailureReason, Floors, ProposalId, ProposalState, Rules, Status,
    Tally, MAX_PROPOSAL_PAGE, MAX_TEXT_BYTES, MAX_TITLE_BYTES,
};
use coop_shared::membership::{self as reg, Share, ShareId, ShareState, FIRST_SHARE};
use coop_shared::{AccountId, Balance, BlockNumber};
use std::collections::BTreeMap;

/// A refusal: governance's error or the register's, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Governance refused.
    Gov(gov::Error),
    /// The register refused.
    Reg(reg::Error),
}

impl From<gov::Error> for Refused {
    fn from(e: gov::Error) -> Refused {
        Refused::Gov(e)
    }
}

impl From<reg::Error> for Refused {
    fn from(e: reg::Error) -> Refused {
        Refused::Reg(e)
    }
}

/// What a call returns, or why it was refused.
pub type Outcome<T> = Result<T, Refused>;

/// A proposal as the model keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Its state, as governance stores it.
    pub state: ProposalState,
    /// Its title, text and action; `None` once its proposer pruned them.
    pub content: Option<(String, String, Action)>,
}

/// A coop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coop {
    /// Every share still stored, held or expelled-but-unreleased.
    pub shares: BTreeMap<ShareId, Share>,
    /// Which share each account's key points at.
    pub holder_of: BTreeMap<AccountId, ShareId>,
    /// The number the next share gets.
    pub next_share: ShareId,
    /// The rules new proposals are made under.
    pub rules: Rules,
    /// The floors fixed at founding.
    pub floors: Floors,
    /// Every proposal by number.
    pub proposals: BTreeMap<ProposalId, Proposal>,
    /// Every ballot, keyed by share.
    pub votes: BTreeMap<(ProposalId, ShareId), Choice>,
    /// Each share's proposals within a voting period, with deadlines.
    pub open_of: BTreeMap<ShareId, Vec<(ProposalId, BlockNumber)>>,
    /// Each share's last vote, proposal or withdrawal.
    pub last_act: BTreeMap<ShareId, BlockNumber>,
    /// The treasury, in native units (the members' capital included).
    pub treasury: Balance,
    /// What each current share paid in as member capital (absent: 0).
    pub capital: BTreeMap<ShareId, Balance>,
    /// Each share's proxy appointment: the proxy's share, and the one
    /// proposal it is for (`None`: all).
    pub appointments: BTreeMap<ShareId, (ShareId, Option<ProposalId>)>,
    /// Ballots cast by a proxy: the proxy's share.
    pub proxied: BTreeMap<(ProposalId, ShareId), ShareId>,
}

impl Coop {
    /// A coop founded at block `now` by `founders`, numbered in order.
    ///
    /// # Errors
    /// As the governance constructor: invalid floors or rules, or a
    /// founders list the register refuses.
    pub fn found(
        founders: &[AccountId],
        rules: Rules,
        floors: Floors,
        funds: Balance,
        now: BlockNumber,
    ) -> Outcome<Coop> {
        if !floors.is_valid() {
            return Err(gov::Error::InvalidFloors.into());
        }
        floors.check(&rules)?;
        let capital = rules
            .share_price
            .checked_mul(Balance::try_from(founders.len()).unwrap_or(Balance::MAX))
            .ok_or(gov::Error::Overflow)?;
        if funds < capital {
            return Err(gov::Error::CapitalShort.into());
        }
        let refuse = |e| Refused::Gov(gov::Error::RegisterNotCreated(e));
        if founders.is_empty() {
            return Err(refuse(reg::Error::NoAccounts));
        }
        if founders.len() > 64 {
            return Err(refuse(reg::Error::TooManyAccounts));
        }
        let mut coop = Coop {
            shares: BTreeMap::new(),
            holder_of: BTreeMap::new(),
            next_share: FIRST_SHARE,
            rules,
            floors,
            proposals: BTreeMap::new(),
            votes: BTreeMap::new(),
            open_of: BTreeMap::new(),
            last_act: BTreeMap::new(),
            treasury: funds,
            capital: BTreeMap::new(),
            appointments: BTreeMap::new(),
            proxied: BTreeMap::new(),
        };
        for founder in founders {
            if coop.holder_of.contains_key(founder) {
                return Err(refuse(reg::Error::AlreadyMember));
            }
            let share = coop.issue(*founder, now);
            if rules.share_price > 0 {
                coop.capital.insert(share, rules.share_price);
            }
        }
        Ok(coop)
    }

    /// Runs `call` on a copy and keeps the copy only if it succeeds.
    fn atomic<T>(&mut self, call: impl FnOnce(&mut Coop) -> Outcome<T>) -> Outcome<T> {
        let mut copy = self.clone();
        let out = call(&mut copy)?;
        *self = copy;
        Ok(out)
    }

    // ---- the register's view ----

    /// The held share numbered `number` (active or suspended).
    pub fn share(&self, number: ShareId) -> Option<Share> {
        self.shares
            .get(&number)
            .filter(|s| s.state != ShareState::Expelled)
            .copied()
    }

    /// The share `account` holds.
    pub fn share_of(&self, account: &AccountId) -> Option<Share> {
        self.holder_of.get(account).and_then(|n| self.share(*n))
    }

    /// Held shares, in number order.
    pub fn members(&self) -> Vec<Share> {
        self.shares
            .values()
            .filter(|s| s.state != ShareState::Expelled)
            .copied()
            .collect()
    }

    /// Members, suspended ones included.
    pub fn member_count(&self) -> u32 {
        count(self.members().len())
    }

    /// Members whose shares are suspended.
    pub fn suspended_count(&self) -> u32 {
        count(
            self.members()
                .iter()
                .filter(|s| s.state == ShareState::Suspended)
                .count(),
        )
    }

    /// Shares that may vote now: the electorate of a proposal made now.
    pub fn active_count(&self) -> u32 {
        self.member_count() - self.suspended_count()
    }

    fn issue(&mut self, account: AccountId, now: BlockNumber) -> ShareId {
        let number = self.next_share;
        self.next_share += 1;
        self.holder_of.insert(account, number);
        self.shares.insert(
            number,
            Share {
                number,
                holder: account,
                joined_at: now,
                seen_at: now,
                reactivated_at: 0,
                state: ShareState::Active,
            },
        );
        number
    }

    // ---- members' own acts on the register ----

    /// The members' capital held: the sum over current shares.
    pub fn capital_held(&self) -> Balance {
        self.capital.values().sum()
    }

    /// Pays a leaving share's capital back (out of the treasury).
    fn repay(&mut self, share: ShareId) {
        let amount = self.capital.remove(&share).unwrap_or(0);
        self.treasury -= amount;
    }

    /// `resign` (governance's), signed by `caller`.
    pub fn resign(&mut self, caller: AccountId) -> Outcome<ShareId> {
        self.atomic(|c| {
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            if c.member_count() <= 1 {
                return Err(gov::Error::LastMember.into());
            }
            c.holder_of.remove(&caller);
            c.shares.remove(&share.number);
            c.appointments.remove(&share.number);
            c.repay(share.number);
            Ok(share.number)
        })
    }

    /// Governance's `move_share(new)`, signed by `caller` at block `now`
    /// (the register's refusals come back under governance's names).
    pub fn move_share(
        &mut self,
        caller: AccountId,
        new: AccountId,
        now: BlockNumber,
    ) -> Outcome<ShareId> {
        self.atomic(|c| {
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            c.move_to(share, new, Some(now)).map_err(|e| match e {
                Refused::Reg(reg::Error::Unreleased) => gov::Error::Unreleased.into(),
                Refused::Reg(reg::Error::AlreadyMember) => gov::Error::AlreadyMember.into(),
                other => other,
            })?;
            Ok(share.number)
        })
    }

    fn move_to(
        &mut self,
        mut share: Share,
        new: AccountId,
        seen: Option<BlockNumber>,
    ) -> Outcome<()> {
        if let Some(other) = self.holder_of.get(&new) {
            let expelled = self.shares.get(other).map(|s| s.state) == Some(ShareState::Expelled);
            return Err(if expelled {
                reg::Error::Unreleased
            } else {
                reg::Error::AlreadyMember
            }
            .into());
        }
        self.holder_of.remove(&share.holder);
        self.holder_of.insert(new, share.number);
        share.holder = new;
        if let Some(now) = seen {
            share.seen_at = now;
        }
        self.shares.insert(share.number, share);
        Ok(())
    }

    /// Governance's `reactivate`, signed by `caller` at block `now`.
    pub fn reactivate(&mut self, caller: AccountId, now: BlockNumber) -> Outcome<ShareId> {
        self.atomic(|c| {
            let mut share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            if share.state != ShareState::Suspended {
                return Err(gov::Error::NotSuspended.into());
            }
            share.state = ShareState::Active;
            share.reactivated_at = now;
            share.seen_at = now;
            c.shares.insert(share.number, share);
            Ok(share.number)
        })
    }

    /// `release`, signed by `caller`.
    pub fn release(&mut self, caller: AccountId) -> Outcome<ShareId> {
        self.atomic(|c| {
            let number = *c
                .holder_of
                .get(&caller)
                .ok_or(gov::Error::NothingToRelease)?;
            if c.shares.get(&number).map(|s| s.state) != Some(ShareState::Expelled) {
                return Err(gov::Error::NothingToRelease.into());
            }
            c.holder_of.remove(&caller);
            c.shares.remove(&number);
            Ok(number)
        })
    }

    // ---- governance ----

    /// `deposit`, carrying `amount`.
    pub fn deposit(&mut self, amount: Balance) -> Outcome<()> {
        if amount == 0 {
            return Err(gov::Error::NothingDeposited.into());
        }
        self.treasury += amount;
        Ok(())
    }

    /// `propose(title, text, action)`, signed by `caller` at block `now`.
    pub fn propose(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        title: &str,
        text: &str,
        action: Action,
    ) -> Outcome<ProposalId> {
        self.atomic(|c| {
            if title.is_empty() {
                return Err(gov::Error::EmptyTitle.into());
            }
            if title.len() > MAX_TITLE_BYTES as usize {
                return Err(gov::Error::TitleTooLong.into());
            }
            if text.len() > MAX_TEXT_BYTES as usize {
                return Err(gov::Error::TextTooLong.into());
            }
            if let Action::ChangeRules(rules) = &action {
                c.floors.check(rules)?;
            }
            action.check()?;
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            if share.state == ShareState::Suspended {
                return Err(gov::Error::Suspended.into());
            }
            let named = c.check_targets(&action, share.number, now)?;
            let rules = c.rules;
            let mut open = c.open_of.get(&share.number).cloned().unwrap_or_default();
            open.retain(|&(_, deadline)| deadline > now);
            if count(open.len()) >= rules.max_open_per_member {
                return Err(gov::Error::TooManyOpenProposals.into());
            }
            let id = c.next_id();
            let deadline = now + rules.voting_period;
            let state = ProposalState {
                proposer: share.number,
                created_at: now,
                deadline,
                electorate: c.active_count() - named,
                eligible_below: c.next_share,
                special: action.is_special(),
                rules,
                tally: Tally::default(),
                status: Status::Open,
                closed_at: 0,
                offers_taken: 0,
            };
            open.push((id, deadline));
            c.open_of.insert(share.number, open);
            c.last_act.insert(share.number, now);
            c.proposals.insert(
                id,
                Proposal {
                    state,
                    content: Some((title.to_string(), text.to_string(), action)),
                },
            );
            Ok(id)
        })
    }

    /// The number the next proposal gets.
    pub fn next_id(&self) -> ProposalId {
        count(self.proposals.len()) + 1
    }

    fn check_targets(&self, action: &Action, proposer: ShareId, now: BlockNumber) -> Outcome<u32> {
        let held = |n: ShareId| self.share(n).ok_or(gov::Error::NoSuchShare);
        match action {
            Action::Admit(accounts) => {
                if accounts.iter().any(|a| self.share_of(a).is_some()) {
                    return Err(gov::Error::AlreadyMember.into());
                }
                Ok(0)
            }
            Action::Expel(n) => held(*n).map(|_| 0).map_err(Into::into),
            Action::RotateKey { share, new } => {
                held(*share)?;
                if self.share_of(new).is_some() {
                    return Err(gov::Error::AlreadyMember.into());
                }
                Ok(0)
            }
            Action::Suspend(numbers) => {
                let quiet_since = now
                    .checked_sub(self.rules.dormancy_period)
                    .ok_or(gov::Error::NotDormant)?;
                for &n in numbers {
                    let share = held(n)?;
                    if share.state == ShareState::Suspended {
                        return Err(gov::Error::AlreadySuspended.into());
                    }
                    if n == proposer
                        || share.seen_at > quiet_since
                        || self.last_act.get(&n).copied().unwrap_or(0) > quiet_since
                    {
                        return Err(gov::Error::NotDormant.into());
                    }
                }
                Ok(count(numbers.len()))
            }
            _ => Ok(0),
        }
    }

    fn open_state(&self, id: ProposalId) -> Outcome<ProposalState> {
        let p = self.proposals.get(&id).ok_or(gov::Error::UnknownProposal)?;
        if p.state.status != Status::Open {
            return Err(gov::Error::ProposalClosed.into());
        }
        Ok(p.state)
    }

    /// `vote(id, choice)`, signed by `caller` at block `now`.
    pub fn vote(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        id: ProposalId,
        choice: Choice,
    ) -> Outcome<()> {
        self.atomic(|c| {
            let state = c.open_state(id)?;
            if now >= state.deadline {
                return Err(gov::Error::VotingClosed.into());
            }
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            if share.state == ShareState::Suspended {
                return Err(gov::Error::Suspended.into());
            }
            c.cast(now, id, state, share, choice, None)
        })
    }

    /// `vote_for(id, choice, share)`, signed by `caller` (the proxy) at `now`.
    pub fn vote_for(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        id: ProposalId,
        choice: Choice,
        share: ShareId,
    ) -> Outcome<()> {
        self.atomic(|c| {
            let state = c.open_state(id)?;
            if now >= state.deadline {
                return Err(gov::Error::VotingClosed.into());
            }
            let proxy = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            if proxy.state == ShareState::Suspended {
                return Err(gov::Error::Suspended.into());
            }
            match c.appointments.get(&share) {
                Some((p, only)) if *p == proxy.number && only.is_none_or(|o| o == id) => {}
                _ => return Err(gov::Error::NotProxy.into()),
            }
            let member = c.share(share).ok_or(gov::Error::NoSuchShare)?;
            if member.state == ShareState::Suspended {
                return Err(gov::Error::NotEligible.into());
            }
            c.cast(now, id, state, member, choice, Some(proxy.number))
        })
    }

    /// A ballot for `share`, cast by its holder or by the proxy `proxy`.
    fn cast(
        &mut self,
        now: BlockNumber,
        id: ProposalId,
        mut state: ProposalState,
        share: Share,
        choice: Choice,
        proxy: Option<ShareId>,
    ) -> Outcome<()> {
        if share.number >= state.eligible_below || state.created_at <= share.reactivated_at {
            return Err(gov::Error::NotEligible.into());
        }
        let ballot = (id, share.number);
        // Counted here, not by the shared crate's tally code, so a
        // contract that miscounts disagrees with the model.
        if let Some(old) = self.votes.get(&ballot) {
            let by_proxy = self.proxied.contains_key(&ballot);
            if proxy.is_some() && !by_proxy {
                return Err(gov::Error::MemberVoted.into());
            }
            let own_over_proxy = proxy.is_none() && by_proxy;
            if !own_over_proxy && !state.rules.vote_change {
                return Err(gov::Error::AlreadyVoted.into());
            }
            *slot(&mut state.tally, *old) -= 1;
        }
        *slot(&mut state.tally, choice) += 1;
        self.votes.insert(ballot, choice);
        match proxy {
            Some(p) => {
                self.proxied.insert(ballot, p);
            }
            None => {
                self.proxied.remove(&ballot);
            }
        }
        self.set_state(id, state);
        self.last_act.insert(proxy.unwrap_or(share.number), now);
        Ok(())
    }

    /// How many appointments share `proxy` holds.
    pub fn appointments_held(&self, proxy: ShareId) -> u32 {
        count(
            self.appointments
                .values()
                .filter(|(p, _)| *p == proxy)
                .count(),
        )
    }

    /// `appoint(proxy, proposal)`, signed by `caller` at `now`.
    pub fn appoint(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        proxy: ShareId,
        proposal: Option<ProposalId>,
    ) -> Outcome<()> {
        self.atomic(|c| {
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            if share.state == ShareState::Suspended {
                return Err(gov::Error::Suspended.into());
            }
            if c.rules.proxy_limit == 0 {
                return Err(gov::Error::ProxiesOff.into());
            }
            if proxy == share.number {
                return Err(gov::Error::SelfProxy.into());
            }
            let p = c.share(proxy).ok_or(gov::Error::NoSuchShare)?;
            if p.state == ShareState::Suspended {
                return Err(gov::Error::Suspended.into());
            }
            if let Some(id) = proposal {
                c.open_state(id)?;
            }
            c.appointments.remove(&share.number);
            if c.appointments_held(proxy) >= c.rules.proxy_limit {
                return Err(gov::Error::ProxyFull.into());
            }
            c.appointments.insert(share.number, (proxy, proposal));
            c.last_act.insert(share.number, now);
            Ok(())
        })
    }

    /// `revoke()`, signed by `caller` at `now`.
    pub fn revoke(&mut self, caller: AccountId, now: BlockNumber) -> Outcome<()> {
        self.atomic(|c| {
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            c.appointments
                .remove(&share.number)
                .ok_or(gov::Error::NoAppointment)?;
            c.last_act.insert(share.number, now);
            Ok(())
        })
    }

    fn set_state(&mut self, id: ProposalId, state: ProposalState) {
        if let Some(p) = self.proposals.get_mut(&id) {
            p.state = state;
        }
    }

    /// `withdraw(id)`, signed by `caller` at block `now`.
    pub fn withdraw(&mut self, caller: AccountId, now: BlockNumber, id: ProposalId) -> Outcome<()> {
        self.atomic(|c| {
            let mut state = c.open_state(id)?;
            if now >= state.deadline {
                return Err(gov::Error::VotingClosed.into());
            }
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?;
            if share.number != state.proposer {
                return Err(gov::Error::NotProposer.into());
            }
            if !state.tally.is_empty() {
                return Err(gov::Error::HasVotes.into());
            }
            state.status = Status::Withdrawn;
            state.closed_at = now;
            c.set_state(id, state);
            c.last_act.insert(share.number, now);
            Ok(())
        })
    }

    /// `execute(id)` at block `now` (anyone may sign it).
    pub fn execute(&mut self, now: BlockNumber, id: ProposalId) -> Outcome<Status> {
        self.atomic(|c| {
            let mut state = c.open_state(id)?;
            let passed = if now < state.deadline {
                state.settled_early().ok_or(gov::Error::VotingNotOver)?
            } else {
                state.passes()
            };
            let status = if !passed {
                Status::Rejected
            } else if now > state.execution_deadline() {
                Status::Expired
            } else {
                let action = c
                    .proposals
                    .get(&id)
                    .and_then(|p| p.content.as_ref())
                    .map(|(_, _, a)| a.clone())
                    .ok_or(gov::Error::UnknownProposal)?;
                match c.apply(action, state.created_at) {
                    Ok(()) => Status::Executed,
                    Err(reason) => Status::Failed(reason),
                }
            };
            state.status = status;
            state.closed_at = now;
            c.set_state(id, state);
            if let Some(open) = c.open_of.get_mut(&state.proposer) {
                open.retain(|&(other, _)| other != id);
            }
            Ok(status)
        })
    }

    /// A passed action's effect, or why it has none (then nothing of it
    /// is applied: the register's refusals change nothing).
    fn apply(&mut self, action: Action, created_at: BlockNumber) -> Result<(), FailureReason> {
        let register = FailureReason::Register;
        match action {
            Action::Resolution | Action::Admit(_) => Ok(()),
            Action::Payment { amount, .. } => {
                if amount > self.treasury {
                    return Err(FailureReason::InsufficientTreasury);
                }
                if self.treasury - amount < self.capital_held() {
                    return Err(FailureReason::TouchesCapital);
                }
                self.treasury -= amount;
                Ok(())
            }
            Action::ChangeRules(rules) => {
                self.rules = rules;
                Ok(())
            }
            Action::Expel(n) => {
                let mut share = self.share(n).ok_or(register(reg::Error::NotMember))?;
                if self.member_count() <= 1 {
                    return Err(register(reg::Error::LastMember));
                }
                share.state = ShareState::Expelled;
                self.shares.insert(n, share);
                self.appointments.remove(&n);
                self.repay(n);
                Ok(())
            }
            Action::RotateKey { share, new } => {
                let held = self.share(share).ok_or(register(reg::Error::NotMember))?;
                self.move_to(held, new, None).map_err(|e| match e {
                    Refused::Reg(e) => register(e),
                    Refused::Gov(_) => register(reg::Error::NotMember),
                })
            }
            Action::Suspend(numbers) => {
                if numbers
                    .iter()
                    .any(|n| self.last_act.get(n).copied().unwrap_or(0) >= created_at)
                {
                    return Err(FailureReason::NotDormant);
                }
                let mut found: Vec<Share> = Vec::new();
                for n in numbers {
                    let share = self.share(n).ok_or(register(reg::Error::NotMember))?;
                    if share.state == ShareState::Suspended || found.contains(&share) {
                        return Err(register(reg::Error::AlreadySuspended));
                    }
                    if share.seen_at >= created_at {
                        return Err(register(reg::Error::NotDormant));
                    }
                    found.push(share);
                }
                for mut share in found {
                    share.state = ShareState::Suspended;
                    self.shares.insert(share.number, share);
                }
                Ok(())
            }
        }
    }

    /// `accept(id)`, signed by `caller` at block `now`, sending `value`.
    pub fn accept(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        id: ProposalId,
        value: Balance,
    ) -> Outcome<ShareId> {
        self.atomic(|c| {
            let p = c.proposals.get(&id).ok_or(gov::Error::UnknownProposal)?;
            let mut state = p.state;
            if state.status != Status::Executed {
                return Err(gov::Error::NoOffer.into());
            }
            let (_, _, action) = p.content.as_ref().ok_or(gov::Error::NoOffer)?;
            let index = action.offer_index(&caller).ok_or(gov::Error::NoOffer)?;
            if state.offer_taken(index) {
                return Err(gov::Error::OfferTaken.into());
            }
            if now > state.acceptance_deadline() {
                return Err(gov::Error::OfferLapsed.into());
            }
            if value != c.rules.share_price {
                return Err(gov::Error::WrongCapital.into());
            }
            if let Some(old) = c.holder_of.get(&caller).copied() {
                if c.shares.get(&old).map(|s| s.state) != Some(ShareState::Expelled) {
                    return Err(gov::Error::AlreadyMember.into());
                }
                c.shares.remove(&old);
            }
            let number = c.issue(caller, now);
            c.treasury += value;
            if value > 0 {
                c.capital.insert(number, value);
            }
            state.offers_taken |= 1 << index;
            c.set_state(id, state);
            Ok(number)
        })
    }

    /// `prune(ids)`, signed by `caller` at block `now`.
    pub fn prune(
        &mut self,
        caller: AccountId,
        now: BlockNumber,
        ids: &[ProposalId],
    ) -> Outcome<u32> {
        self.atomic(|c| {
            if ids.len() > MAX_PROPOSAL_PAGE as usize {
                return Err(gov::Error::TooManyProposals.into());
            }
            let share = c.share_of(&caller).ok_or(gov::Error::NotMember)?.number;
            let mut pruned = 0;
            for &id in ids {
                let p = c.proposals.get(&id).ok_or(gov::Error::UnknownProposal)?;
                if p.state.status == Status::Open {
                    return Err(gov::Error::ProposalOpen.into());
                }
                let content = p.state.proposer == share
                    && match &p.content {
                        Some((_, _, Action::Admit(_))) => now > p.state.acceptance_deadline(),
                        Some(_) => true,
                        None => false,
                    };
                let ballot = c.votes.remove(&(id, share)).is_some();
                c.proxied.remove(&(id, share));
                if content {
                    if let Some(p) = c.proposals.get_mut(&id) {
                        p.content = None;
                    }
                }
                if ballot || content {
                    pruned += 1;
                }
            }
            if pruned == 0 {
                return Err(gov::Error::NothingToPrune.into());
            }
            Ok(pruned)
        })
    }
}

/// Where a choice is counted in a tally.
fn slot(tally: &mut Tally, choice: Choice) -> &mut u32 {
    match choice {
        Choice::Yes => &mut tally.yes,
        Choice::No => &mut tally.no,
        Choice::Abstain => &mut tally.abstain,
    }
}

/// A length as the contracts count it.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(n: u8) -> AccountId {
        AccountId::from([n; 32])
    }

    fn rules() -> Rules {
        Rules {
            voting_period: 4,
            execution_window: 10,
            acceptance_window: 5,
            dormancy_period: 20,
            ..Rules::default()
        }
    }

    fn coop() -> Coop {
        Coop::found(
            &[account(1), account(2), account(3)],
            rules(),
            Floors::lowest(),
            100,
            1,
        )
        .expect("founded")
    }

    #[test]
    fn founding_checks_what_the_constructor_checks() {
        let bad = Rules {
            max_open_per_member: 0,
            ..rules()
        };
        assert_eq!(
            Coop::found(&[account(1)], bad, Floors::lowest(), 0, 1),
            Err(Refused::Gov(gov::Error::InvalidRules))
        );
        assert_eq!(
            Coop::found(&[account(1), account(1)], rules(), Floors::lowest(), 0, 1),
            Err(Refused::Gov(gov::Error::RegisterNotCreated(
                reg::Error::AlreadyMember
            )))
        );
        let c = coop();
        assert_eq!((c.member_count(), c.next_share, c.treasury), (3, 4, 100));
    }

    #[test]
    fn an_admission_is_an_offer_accepted_once_within_its_window() {
        let mut c = coop();
        let id = c
            .propose(account(1), 2, "admit", "", Action::Admit(vec![account(9)]))
            .expect("proposed");
        assert_eq!(
            c.accept(account(9), 3, id, 0),
            Err(gov::Error::NoOffer.into())
        );
        for who in [1, 2] {
            c.vote(account(who), 3, id, Choice::Yes).expect("votes");
        }
        assert_eq!(c.execute(4, id), Ok(Status::Executed), "settled early");
        assert_eq!(c.member_count(), 3, "an offer is not a share");
        assert_eq!(c.accept(account(9), 9, id, 0), Ok(4));
        assert_eq!(
            c.accept(account(9), 9, id, 0),
            Err(gov::Error::OfferTaken.into())
        );
        let late = c
            .propose(account(1), 10, "admit", "", Action::Admit(vec![account(8)]))
            .expect("proposed");
        for who in [1, 2, 3] {
            c.vote(account(who), 11, late, Choice::Yes).expect("votes");
        }
        assert_eq!(c.execute(12, late), Ok(Status::Executed));
        assert_eq!(
            c.accept(account(8), 18, late, 0),
            Err(gov::Error::OfferLapsed.into())
        );
    }

    #[test]
    fn a_refused_call_changes_nothing() {
        let mut c = coop();
        let before = c.clone();
        assert_eq!(
            c.vote(account(9), 2, 1, Choice::Yes),
            Err(gov::Error::UnknownProposal.into())
        );
        assert_eq!(
            c.prune(account(1), 2, &[1]),
            Err(gov::Error::UnknownProposal.into())
        );
        assert_eq!(c.resign(account(9)), Err(gov::Error::NotMember.into()));
        assert_eq!(c, before);
    }

    #[test]
    fn dormant_shares_are_suspended_unless_they_take_part() {
        let mut c = coop();
        let suspend = Action::Suspend(vec![3]);
        assert_eq!(
            c.propose(account(1), 5, "too soon", "", suspend.clone()),
            Err(gov::Error::NotDormant.into())
        );
        let id = c
            .propose(account(1), 30, "suspend 3", "", suspend.clone())
            .expect("3 is dormant");
        assert_eq!(c.proposals[&id].state.electorate, 2);
        c.vote(account(3), 31, id, Choice::No).expect("3 shows up");
        c.vote(account(1), 31, id, Choice::Yes).expect("votes");
        c.vote(account(2), 31, id, Choice::Yes).expect("votes");
        assert_eq!(
            c.execute(34, id),
            Ok(Status::Failed(FailureReason::NotDormant))
        );
        let id = c
            .propose(account(1), 60, "suspend 3", "", suspend)
            .expect("dormant again");
        c.vote(account(1), 61, id, Choice::Yes).expect("votes");
        c.vote(account(2), 61, id, Choice::Yes).expect("votes");
        assert_eq!(c.execute(62, id), Ok(Status::Executed));
        assert_eq!((c.suspended_count(), c.active_count()), (1, 2));
        assert_eq!(c.reactivate(account(3), 70), Ok(3));
        assert_eq!(c.active_count(), 3);
    }
}
