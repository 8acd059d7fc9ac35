#![cfg_attr(not(feature = "std"), no_std, no_main)]

//! The coop's governance: proposals, one member one vote, outcomes, treasury.
//!
//! At instantiation it creates the share register with the founders and is
//! from then on the only account that can change it, so after deployment no
//! key holds any power over the coop. Members propose and vote; after the
//! deadline anyone executes. The rules of outcome live in `coop_shared::governance`
//! as pure functions, shared with the client.

#[ink::contract]
mod governance {
    use coop_shared::governance::{
        Action, Appointment, CapitalPaidIn, CapitalRepaid, Choice, CoopFounded, Deposited, Error,
        FailureReason, Floors, OfferAccepted, PaymentMade, Proposal, ProposalClosed,
        ProposalContent, ProposalId, ProposalMade, ProposalState, ProposalSummary,
        ProposalWithdrawn, ProxyAppointed, ProxyRevoked, Pruned, Result, Rules, RulesChanged,
        Status, Tally, VoteCast, Voter, MAX_PROPOSAL_PAGE, MAX_TEXT_BYTES, MAX_TITLE_BYTES,
    };
    use coop_shared::membership::{self as register, Share, ShareId, ShareState, Standing};
    use coop_shared::runtime::{self, Units};
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::Mapping;
    use membership::MembershipRef;

    /// A share's proposals that may still be open, with their deadlines.
    type OpenList = Vec<(ProposalId, BlockNumber)>;

    /// Governance state.
    #[ink(storage)]
    pub struct Governance {
        /// The share register this contract created and alone governs.
        membership: MembershipRef,
        /// The rules new proposals are made under.
        rules: Rules,
        /// The number the next proposal gets (from 1).
        next_id: ProposalId,
        /// Each proposal's state and tally: all a vote reads and writes.
        states: Mapping<ProposalId, ProposalState>,
        /// Each proposal's title and text reference, kept apart from its
        /// state so a vote never loads them.
        texts: Mapping<ProposalId, (String, String)>,
        /// Each proposal's action, apart from its texts so that no stored
        /// value exceeds pallet-revive's 416 bytes.
        actions: Mapping<ProposalId, Action>,
        /// How native amounts map to what the runtime transfers.
        units: Units,
        /// The least the rules may ever ask, fixed at founding.
        floors: Floors,
        /// Each vote, keyed by share so a new key cannot vote again.
        votes: Mapping<(ProposalId, ShareId), Choice>,
        /// Each share's proposals made within one voting period (open or
        /// withdrawn), with their deadlines; at most `MAX_OPEN_LIMIT`
        /// entries, dropped as deadlines pass.
        open_of: Mapping<ShareId, OpenList>,
        /// The block of each share's last vote, proposal or withdrawal: what,
        /// with the register's record, tells a dormant share.
        last_act: Mapping<ShareId, BlockNumber>,
        /// What each current share paid in as member capital (absent: 0).
        capital: Mapping<ShareId, Balance>,
        /// The sum of `capital`: held apart from the coop's free funds,
        /// which no payment may touch.
        capital_held: Balance,
        /// Each share's proxy appointment, by the appointing share, with
        /// its holder's key (what a proxy's vote needs to find the share's
        /// roster entry, kept here so the roster needs no second index).
        appointments: Mapping<ShareId, (AccountId, Appointment)>,
        /// How many appointments each proxy share holds (for the cap).
        appointed: Mapping<ShareId, u32>,
        /// Ballots a proxy cast: the proxy's share. Read only when a ballot
        /// already exists, so a member's first vote costs what it did.
        proxied: Mapping<(ProposalId, ShareId), ShareId>,
        /// The roster: each member's key with their share's number and
        /// standing, kept in step with the register by every message that
        /// changes a holder or a suspension (all pass through here), so a
        /// vote reads one value and never calls the register. A member
        /// joins it at admission or, for a founder, at their first proposal,
        /// vote or appointment; until then the register answers for them.
        roster: Mapping<AccountId, Voter>,
    }

    impl Governance {
        /// Founds a coop: creates its share register (from the register code
        /// already uploaded under `membership_code`) with `founders` as its
        /// first members and this contract as its only governance, under
        /// `rules`. Funds sent along go to the treasury; of them, each
        /// founder's share holds the rules' share price as its member
        /// capital (founding is the founders' joint act, and whoever signs
        /// it pays in for all of them). The caller gets no power; it is a
        /// member only if it is among the founders.
        ///
        /// `floors` are the least the rules may ever ask (the shortest voting
        /// period and execution window, the smallest quorum): fixed here for
        /// the coop's life, changed by no proposal.
        ///
        /// `native_to_eth` is the chain's ratio of the runtime's amounts to
        /// native units: pallet-revive's `NativeToEthRatio` constant, by which
        /// the contract turns the 18-decimal amounts it is sent into the
        /// native units it records; 1 on pallet-contracts.
        ///
        /// # Errors
        /// - `InvalidUnits` for a ratio the runtime cannot have.
        /// - `InvalidFloors` if the floors are not valid.
        /// - `InvalidRules`, `SpecialBelowOrdinary` or a `...BelowFloor`
        ///   error if the rules are not valid or below the floors.
        /// - `FractionalAmount` if the funds sent are not whole native units.
        /// - `CapitalShort` if they are less than the founders' capital
        ///   (founders x share price).
        /// - `RegisterNotCreated` if the register refuses the founders (none,
        ///   more than 64, or a duplicate).
        /// - `RegisterUnreachable` if the register could not be instantiated.
        #[ink(constructor, payable)]
        pub fn new(
            membership_code: [u8; 32],
            founders: Vec<AccountId>,
            rules: Rules,
            floors: Floors,
            native_to_eth: u128,
        ) -> Result<Self> {
            let units = Units::scaled(native_to_eth).ok_or(Error::InvalidUnits)?;
            if !floors.is_valid() {
                return Err(Error::InvalidFloors);
            }
            floors.check(&rules)?;
            Self::found(membership_code, founders, rules, floors, units)
        }

        fn found(
            membership_code: [u8; 32],
            founders: Vec<AccountId>,
            rules: Rules,
            floors: Floors,
            units: Units,
        ) -> Result<Self> {
            let funds = runtime::transferred(units).ok_or(Error::FractionalAmount)?;
            let count = u32::try_from(founders.len()).map_err(|_| Error::Overflow)?;
            let capital_held = rules
                .share_price
                .checked_mul(Balance::from(count))
                .ok_or(Error::Overflow)?;
            let free = funds.checked_sub(capital_held).ok_or(Error::CapitalShort)?;
            let membership =
                create_register(runtime::code_hash(membership_code), founders.clone())?;
            Self::env().emit_event(CoopFounded {
                membership: register_account(&membership),
                rules,
                floors,
            });
            if free > 0 {
                Self::env().emit_event(Deposited {
                    from: runtime::caller(),
                    amount: free,
                });
            }
            let mut coop = Self {
                membership,
                rules,
                next_id: 1,
                states: Mapping::default(),
                texts: Mapping::default(),
                actions: Mapping::default(),
                votes: Mapping::default(),
                open_of: Mapping::default(),
                last_act: Mapping::default(),
                capital: Mapping::default(),
                capital_held,
                appointments: Mapping::default(),
                appointed: Mapping::default(),
                proxied: Mapping::default(),
                roster: Mapping::default(),
                units,
                floors,
            };
            // The register numbers founders from 1, in the order given.
            // Founders join the roster at their first proposal, vote or
            // appointment, each paying for their own entry: writing 64 here would outgrow what a block
            // leaves a transaction on pallet-revive (about 10 KB of proof
            // weight a new storage item).
            for (share, account) in (register::FIRST_SHARE..).zip(founders) {
                if rules.share_price > 0 {
                    coop.capital.insert(share, &rules.share_price);
                    Self::env().emit_event(CapitalPaidIn {
                        share,
                        account,
                        amount: rules.share_price,
                    });
                }
            }
            Ok(coop)
        }

        /// Makes a proposal; returns its number. The proposal records the
        /// rules in force, the electorate (shares that may vote now, less
        /// the shares a suspension names) and the next share number: only
        /// shares numbered below it may vote on it.
        ///
        /// # Errors
        /// - `NotMember` if the caller holds no share; `Suspended` if it is
        ///   suspended.
        /// - `EmptyTitle`, `TitleTooLong`, `TextTooLong` for bad text.
        /// - `NoAccounts`, `TooManyAccounts`, `DuplicateAccount`,
        ///   `AlreadyMember`, `NoShares`, `TooManyShares`, `DuplicateShare`,
        ///   `NoSuchShare`, `AlreadySuspended`, `NotDormant`, `ZeroAmount`,
        ///   `InvalidRules` for an action that cannot be valid.
        /// - `VotingPeriodBelowFloor`, `QuorumBelowFloor`,
        ///   `ExecutionWindowBelowFloor`, `SpecialBelowOrdinary` for new
        ///   rules below the coop's floors.
        /// - `TooManyOpenProposals` if the caller has as many open proposals
        ///   as the rules allow.
        /// - `RegisterUnreachable`, `ProposalIdsExhausted`, `Overflow`.
        #[ink(message)]
        pub fn propose(
            &mut self,
            title: String,
            text: String,
            action: Action,
        ) -> Result<ProposalId> {
            if title.is_empty() {
                return Err(Error::EmptyTitle);
            }
            if exceeds(&title, MAX_TITLE_BYTES) {
                return Err(Error::TitleTooLong);
            }
            if exceeds(&text, MAX_TEXT_BYTES) {
                return Err(Error::TextTooLong);
            }
            // Floors first: they name which rule is wrong.
            if let Action::ChangeRules(rules) = &action {
                self.floors.check(rules)?;
            }
            action.check()?;
            let caller = runtime::caller();
            let standing = self.standing(caller)?;
            let share = standing.share.ok_or(Error::NotMember)?;
            if share.state == ShareState::Suspended {
                return Err(Error::Suspended);
            }
            let now = self.env().block_number();
            let rules = self.rules;
            let named = self.check_targets(&action, share.number, now)?;
            let electorate = standing.members.checked_sub(named).ok_or(Error::Overflow)?;

            let mut open = self.open_of.get(share.number).unwrap_or_default();
            open.retain(|&(_, deadline)| deadline > now);
            let open_count = u32::try_from(open.len()).map_err(|_| Error::Overflow)?;
            if open_count >= rules.max_open_per_member {
                return Err(Error::TooManyOpenProposals);
            }

            let id = self.next_id;
            self.next_id = id.checked_add(1).ok_or(Error::ProposalIdsExhausted)?;
            let deadline = now
                .checked_add(rules.voting_period)
                .ok_or(Error::Overflow)?;
            let state = ProposalState {
                proposer: share.number,
                created_at: now,
                deadline,
                electorate,
                eligible_below: standing.next_share,
                special: action.is_special(),
                rules,
                tally: Tally::default(),
                status: Status::Open,
                closed_at: 0,
                offers_taken: 0,
            };
            open.push((id, deadline));
            // A founder's first act puts them on the roster (the register's
            // record just read is the truth), so their votes never call it.
            if !self.roster.contains(caller) {
                self.roster.insert(caller, &Voter::of(&share));
            }
            self.last_act.insert(share.number, &now);
            self.open_of.insert(share.number, &open);
            self.states.insert(id, &state);
            let texts = (title, text);
            self.texts.insert(id, &texts);
            self.actions.insert(id, &action);
            let (title, text) = texts;
            let content = ProposalContent {
                title,
                text,
                action,
            };
            self.env().emit_event(ProposalMade {
                id,
                proposer: share.number,
                account: caller,
                state,
                content,
            });
            Ok(id)
        }

        /// Votes on a proposal. The vote counts for the caller's share.
        ///
        /// # Errors
        /// - `UnknownProposal`; `ProposalClosed` if it is no longer open;
        ///   `VotingClosed` once its deadline is reached.
        /// - `NotMember` if the caller holds no share now; `Suspended` if
        ///   its share is suspended.
        /// - `NotEligible` if the caller's share was issued after the
        ///   proposal, or returned from suspension after it was made.
        /// - `AlreadyVoted` if the share has voted and the proposal's rules do
        ///   not allow changing a vote. A vote its proxy cast for it is
        ///   replaced whatever those rules say: the member's own vote wins.
        /// - `RegisterUnreachable`, `Overflow`.
        #[ink(message)]
        pub fn vote(&mut self, id: ProposalId, choice: Choice) -> Result<()> {
            let state = self.open_state(id)?;
            if self.env().block_number() >= state.deadline {
                return Err(Error::VotingClosed);
            }
            let voter = runtime::caller();
            let share = self.enrolled_voter(voter)?;
            if share.state == ShareState::Suspended {
                return Err(Error::Suspended);
            }
            self.cast(id, state, &share, choice, voter, None)
        }

        /// Votes on proposal `id` for share `share`, which appointed the
        /// caller's share as its proxy (for this proposal, or for all). One
        /// vote per share still: the ballot is the share's, and the
        /// member's own vote replaces it at any time before the deadline.
        ///
        /// # Errors
        /// - `UnknownProposal`, `ProposalClosed`, `VotingClosed`.
        /// - `NotMember` if the caller holds no share; `Suspended` if its
        ///   share is suspended.
        /// - `NotProxy` unless `share` appointed the caller's share (for
        ///   this proposal or for all).
        /// - `NoSuchShare`; `NotEligible` if `share` may not vote on it.
        /// - `MemberVoted` if the member voted themselves; `AlreadyVoted` if
        ///   the proxy voted for them and votes cannot change.
        /// - `RegisterUnreachable`, `Overflow`.
        #[ink(message)]
        pub fn vote_for(&mut self, id: ProposalId, choice: Choice, share: ShareId) -> Result<()> {
            let state = self.open_state(id)?;
            if self.env().block_number() >= state.deadline {
                return Err(Error::VotingClosed);
            }
            let voter = runtime::caller();
            let proxy = self.enrolled_voter(voter)?;
            if proxy.state == ShareState::Suspended {
                return Err(Error::Suspended);
            }
            let (holder, appointment) = self.appointments.get(share).ok_or(Error::NotProxy)?;
            if appointment.proxy != proxy.number
                || appointment.proposal.is_some_and(|only| only != id)
            {
                return Err(Error::NotProxy);
            }
            let member = self.voter_of(holder).map_err(|_| Error::NoSuchShare)?;
            if member.state == ShareState::Suspended {
                return Err(Error::NotEligible);
            }
            self.cast(id, state, &member, choice, voter, Some(proxy.number))
        }

        /// Records `share`'s ballot on `id`, cast by `voter` (its holder, or
        /// the proxy `proxy`), and counts it.
        fn cast(
            &mut self,
            id: ProposalId,
            mut state: ProposalState,
            share: &Voter,
            choice: Choice,
            voter: AccountId,
            proxy: Option<ShareId>,
        ) -> Result<()> {
            // Only shares the proposal's electorate counted: issued before
            // it, and not suspended when it was made.
            if share.number >= state.eligible_below || state.created_at <= share.reactivated_at {
                return Err(Error::NotEligible);
            }
            let ballot = (id, share.number);
            let previous = self.votes.get(ballot);
            if let Some(old) = previous {
                let by_proxy = self.proxied.contains(ballot);
                match proxy {
                    // A proxy never replaces the member's own vote.
                    Some(_) if !by_proxy => return Err(Error::MemberVoted),
                    // The member's own vote replaces a proxy's, whatever
                    // the vote-change rule says.
                    None if by_proxy => {}
                    _ if !state.rules.vote_change => return Err(Error::AlreadyVoted),
                    _ => {}
                }
                state.tally.remove(old).ok_or(Error::Overflow)?;
            }
            state.tally.add(choice).ok_or(Error::Overflow)?;
            self.votes.insert(ballot, &choice);
            match proxy {
                Some(p) => {
                    self.proxied.insert(ballot, &p);
                }
                None if previous.is_some() => self.proxied.remove(ballot),
                None => {}
            }
            self.states.insert(id, &state);
            let acting = proxy.unwrap_or(share.number);
            self.last_act.insert(acting, &self.env().block_number());
            self.env().emit_event(VoteCast {
                id,
                share: share.number,
                voter,
                choice,
                previous,
                tally: state.tally,
                proxy,
            });
            Ok(())
        }

        /// Appoints the member holding share `proxy` to vote for the
        /// caller's share: on `proposal` only, or on every proposal when
        /// `None`, until revoked. Replaces the caller's earlier
        /// appointment. A proxy holds at most the rules' proxy limit of
        /// appointments at once, and votes only for the shares that
        /// appointed it (an appointment cannot be passed on).
        ///
        /// # Errors
        /// - `NotMember`; `Suspended` if the caller's share is suspended.
        /// - `ProxiesOff` if the rules' proxy limit is 0.
        /// - `SelfProxy`; `NoSuchShare` if nobody holds `proxy`;
        ///   `Suspended` if its share is suspended.
        /// - `UnknownProposal`, `ProposalClosed` for a proposal that is not open.
        /// - `ProxyFull` if the proxy holds as many appointments as allowed.
        /// - `RegisterUnreachable`, `Overflow`.
        #[ink(message)]
        pub fn appoint(&mut self, proxy: ShareId, proposal: Option<ProposalId>) -> Result<()> {
            let share = self.enrolled_voter(runtime::caller())?;
            if share.state == ShareState::Suspended {
                return Err(Error::Suspended);
            }
            let limit = self.rules.proxy_limit;
            if limit == 0 {
                return Err(Error::ProxiesOff);
            }
            if proxy == share.number {
                return Err(Error::SelfProxy);
            }
            // Appointing is rare: the register says where the proxy stands.
            if self.held(proxy)?.state == ShareState::Suspended {
                return Err(Error::Suspended);
            }
            if let Some(id) = proposal {
                self.open_state(id)?;
            }
            // An earlier appointment's place is freed first.
            self.end_appointment(share.number)?;
            let held = self.appointed.get(proxy).unwrap_or(0);
            if held >= limit {
                return Err(Error::ProxyFull);
            }
            self.appointed
                .insert(proxy, &held.checked_add(1).ok_or(Error::Overflow)?);
            self.appointments.insert(
                share.number,
                &(runtime::caller(), Appointment { proxy, proposal }),
            );
            self.last_act
                .insert(share.number, &self.env().block_number());
            self.env().emit_event(ProxyAppointed {
                share: share.number,
                proxy,
                proposal,
            });
            Ok(())
        }

        /// Ends the caller's proxy appointment at once: from the next
        /// block its proxy cannot vote for the caller's share (votes it
        /// already cast stay, and the member's own vote still replaces
        /// them).
        ///
        /// # Errors
        /// `NotMember`; `NoAppointment`; `RegisterUnreachable`, `Overflow`.
        #[ink(message)]
        pub fn revoke(&mut self) -> Result<()> {
            let share = self.voter_of(runtime::caller())?;
            if !self.end_appointment(share.number)? {
                return Err(Error::NoAppointment);
            }
            self.last_act
                .insert(share.number, &self.env().block_number());
            Ok(())
        }

        /// Whom `share` appointed as proxy, if anyone.
        #[ink(message)]
        pub fn appointment_of(&self, share: ShareId) -> Option<Appointment> {
            self.appointments
                .get(share)
                .map(|(_, appointment)| appointment)
        }

        /// How many appointments share `proxy` holds.
        #[ink(message)]
        pub fn appointments_held(&self, proxy: ShareId) -> u32 {
            self.appointed.get(proxy).unwrap_or(0)
        }

        /// The proxy share that cast `share`'s ballot on `id`, if a proxy did.
        #[ink(message)]
        pub fn cast_by(&self, id: ProposalId, share: ShareId) -> Option<ShareId> {
            self.proxied.get((id, share))
        }

        /// Withdraws a proposal nobody has voted on; only its proposer may.
        /// It still counts against its proposer's open-proposal limit until
        /// its deadline, so withdrawing and proposing again cannot flood
        /// the coop with proposals.
        ///
        /// # Errors
        /// - `UnknownProposal`, `ProposalClosed`, `VotingClosed`.
        /// - `NotMember`, `NotProposer` unless the caller holds the proposer's share.
        /// - `HasVotes` once anyone has voted.
        /// - `RegisterUnreachable`.
        #[ink(message)]
        pub fn withdraw(&mut self, id: ProposalId) -> Result<()> {
            let mut state = self.open_state(id)?;
            if self.env().block_number() >= state.deadline {
                return Err(Error::VotingClosed);
            }
            let share = self.voter_of(runtime::caller())?;
            if share.number != state.proposer {
                return Err(Error::NotProposer);
            }
            if !state.tally.is_empty() {
                return Err(Error::HasVotes);
            }
            let now = self.env().block_number();
            state.status = Status::Withdrawn;
            state.closed_at = now;
            self.states.insert(id, &state);
            self.last_act.insert(share.number, &now);
            self.env().emit_event(ProposalWithdrawn {
                id,
                proposer: state.proposer,
            });
            Ok(())
        }

        /// Closes a proposal and, if it passed, applies its action; anyone may
        /// call it once the deadline is reached, or earlier when votes cannot
        /// be changed and no remaining vote could alter the outcome. Returns
        /// how it ended: `Rejected`, `Executed`, `Failed` (the action had no
        /// effect, with the reason) or `Expired` (passed, but the execution
        /// window is over). A failed action is not an error: the proposal is
        /// closed with its reason and the caller's transaction succeeds.
        ///
        /// # Errors
        /// - `UnknownProposal`; `ProposalClosed` if already closed.
        /// - `VotingNotOver` before the deadline unless the outcome is settled.
        /// - `RegisterUnreachable` if the register call failed for want of
        ///   gas or by a trap: nothing changes, and it can be executed again.
        #[ink(message)]
        pub fn execute(&mut self, id: ProposalId) -> Result<Status> {
            let mut state = self.open_state(id)?;
            let now = self.env().block_number();
            let early = now < state.deadline;
            let passed = if early {
                state.settled_early().ok_or(Error::VotingNotOver)?
            } else {
                state.passes()
            };
            let status = if !passed {
                Status::Rejected
            } else if now > state.execution_deadline() {
                Status::Expired
            } else {
                let action = self.actions.get(id).ok_or(Error::UnknownProposal)?;
                match self.apply(id, action, state.created_at)? {
                    Ok(()) => Status::Executed,
                    Err(reason) => Status::Failed(reason),
                }
            };
            state.status = status;
            state.closed_at = now;
            self.states.insert(id, &state);
            // Always, not only when closing early: a client's dry run sees the
            // block before its transaction's, so the same call can be early in
            // one and not in the other; identical storage effects keep the
            // dry run's storage-deposit figure valid for the transaction.
            self.forget_open(state.proposer, id);
            self.env().emit_event(ProposalClosed {
                id,
                status,
                tally: state.tally,
                by: runtime::caller(),
                early,
            });
            Ok(status)
        }

        /// Accepts the offer of membership that executed admission `id` made
        /// to the caller: the caller sends exactly the share price the rules
        /// set now (its member capital, paid back at par when it leaves),
        /// gets the next share number (returned) and pays its storage
        /// deposit. Until the offer is accepted, the account is not a member
        /// and counts in no electorate.
        ///
        /// # Errors
        /// - `UnknownProposal`; `NoOffer` unless `id` is an executed
        ///   admission naming the caller.
        /// - `OfferTaken` if accepted before; `OfferLapsed` after the
        ///   acceptance window.
        /// - `FractionalAmount`; `WrongCapital` unless exactly the share
        ///   price was sent.
        /// - `AlreadyMember` if the caller holds a share.
        /// - `RegisterUnreachable`, `Overflow`.
        #[ink(message, payable)]
        pub fn accept(&mut self, id: ProposalId) -> Result<ShareId> {
            let mut state = self.states.get(id).ok_or(Error::UnknownProposal)?;
            if state.status != Status::Executed {
                return Err(Error::NoOffer);
            }
            let caller = runtime::caller();
            let action = self.actions.get(id).ok_or(Error::NoOffer)?;
            let index = action.offer_index(&caller).ok_or(Error::NoOffer)?;
            if state.offer_taken(index) {
                return Err(Error::OfferTaken);
            }
            if self.env().block_number() > state.acceptance_deadline() {
                return Err(Error::OfferLapsed);
            }
            let price = self.rules.share_price;
            if runtime::transferred(self.units).ok_or(Error::FractionalAmount)? != price {
                return Err(Error::WrongCapital);
            }
            let share = match self.membership.call_mut().admit(caller).try_invoke() {
                Ok(Ok(Ok(share))) => share,
                Ok(Ok(Err(register::Error::AlreadyMember))) => return Err(Error::AlreadyMember),
                Ok(Ok(Err(_))) => return Err(Error::Overflow),
                _ => return Err(Error::RegisterUnreachable),
            };
            // Replaces the caller's expelled old share's entry, if any: the
            // register released it.
            self.enroll(caller, share);
            if price > 0 {
                self.capital.insert(share, &price);
                self.capital_held = self
                    .capital_held
                    .checked_add(price)
                    .ok_or(Error::Overflow)?;
                self.env().emit_event(CapitalPaidIn {
                    share,
                    account: caller,
                    amount: price,
                });
            }
            let bit = u16::try_from(index)
                .ok()
                .and_then(|i| 1u16.checked_shl(u32::from(i)))
                .ok_or(Error::Overflow)?;
            state.offers_taken |= bit;
            self.states.insert(id, &state);
            self.env().emit_event(OfferAccepted {
                id,
                account: caller,
                share,
            });
            Ok(share)
        }

        /// Frees what the caller's share stored for closed proposals (at
        /// most 32 at once): its ballots, and for proposals it made, their
        /// title, text and action (an admission's once its offers can no
        /// longer be accepted). The storage deposit comes back to the
        /// caller; the proposals' state and tally stay, and their events
        /// keep the whole record. Returns how many proposals were pruned.
        ///
        /// # Errors
        /// - `TooManyProposals` for more than 32.
        /// - `NotMember`; `UnknownProposal`; `ProposalOpen` for an open one.
        /// - `NothingToPrune` if nothing could be freed.
        /// - `RegisterUnreachable`.
        #[ink(message)]
        pub fn prune(&mut self, ids: Vec<ProposalId>) -> Result<u32> {
            if u32::try_from(ids.len()).map_or(true, |n| n > MAX_PROPOSAL_PAGE) {
                return Err(Error::TooManyProposals);
            }
            let share = self.voter_of(runtime::caller())?.number;
            let now = self.env().block_number();
            let mut pruned: u32 = 0;
            for id in ids {
                let state = self.states.get(id).ok_or(Error::UnknownProposal)?;
                if state.status == Status::Open {
                    return Err(Error::ProposalOpen);
                }
                let ballot = self.votes.contains((id, share));
                if ballot {
                    self.votes.remove((id, share));
                    self.proxied.remove((id, share));
                }
                let content = state.proposer == share
                    && match self.actions.get(id) {
                        Some(Action::Admit(_)) => now > state.acceptance_deadline(),
                        Some(_) => true,
                        None => false,
                    };
                if content {
                    self.texts.remove(id);
                    self.actions.remove(id);
                }
                if ballot || content {
                    pruned = pruned.checked_add(1).ok_or(Error::Overflow)?;
                    self.env().emit_event(Pruned {
                        id,
                        share,
                        ballot,
                        content,
                    });
                }
            }
            if pruned == 0 {
                return Err(Error::NothingToPrune);
            }
            Ok(pruned)
        }

        /// The caller gives up their share and gets its member capital back
        /// at par (what it paid in, whatever the price is now), in the same
        /// transaction; the number is retired and the share's storage
        /// deposit refunded to them. Returns that number.
        ///
        /// # Errors
        /// - `NotMember` if the caller holds no share; `LastMember` if it is
        ///   the only member.
        /// - `RefundFailed` if the chain refuses the transfer (nothing changes).
        /// - `RegisterUnreachable`, `Overflow`.
        #[ink(message)]
        pub fn resign(&mut self) -> Result<ShareId> {
            let caller = runtime::caller();
            let share = match self.membership.call_mut().resign(caller).try_invoke() {
                Ok(Ok(Ok(share))) => share,
                Ok(Ok(Err(register::Error::NotMember))) => return Err(Error::NotMember),
                Ok(Ok(Err(register::Error::LastMember))) => return Err(Error::LastMember),
                Ok(Ok(Err(_))) => return Err(Error::Overflow),
                _ => return Err(Error::RegisterUnreachable),
            };
            self.roster.remove(caller);
            self.end_appointment(share)?;
            self.repay(share, caller)?;
            Ok(share)
        }

        /// The caller moves their own share to the key `new`, which they
        /// hold, with no vote: the share keeps its number, seniority, votes,
        /// capital and appointments; the old key can no longer act for it.
        /// Returns the number.
        ///
        /// # Errors
        /// - `NotMember` if the caller holds no share.
        /// - `AlreadyMember` if `new` holds a share (the caller's own key
        ///   included); `Unreleased` if it holds an expelled one.
        /// - `RegisterUnreachable`, `Overflow`.
        #[ink(message)]
        pub fn move_share(&mut self, new: AccountId) -> Result<ShareId> {
            let caller = runtime::caller();
            let share = own_act(
                self.membership
                    .call_mut()
                    .move_share(caller, new)
                    .try_invoke(),
            )?;
            self.rekey(caller, new, share);
            Ok(share)
        }

        /// The caller, holder of a suspended share, returns: the share is in
        /// every electorate made from the next block on and votes on
        /// proposals made after this block. Returns its number.
        ///
        /// # Errors
        /// - `NotMember` if the caller holds no share; `NotSuspended` if it
        ///   is not suspended.
        /// - `RegisterUnreachable`, `Overflow`.
        #[ink(message)]
        pub fn reactivate(&mut self) -> Result<ShareId> {
            let caller = runtime::caller();
            let share = own_act(self.membership.call_mut().reactivate(caller).try_invoke())?;
            let mut voter = self.voter_of(caller)?;
            voter.state = ShareState::Active;
            voter.reactivated_at = self.env().block_number();
            self.roster.insert(caller, &voter);
            Ok(share)
        }

        /// The share `account` holds, as a vote sees it: the roster's
        /// entry, or the register's record for a member not on the roster
        /// yet (a founder who has not voted). `None` for no held share.
        #[ink(message)]
        pub fn voter(&self, account: AccountId) -> Option<Voter> {
            self.voter_of(account).ok()
        }

        /// The caller, whose share was expelled, frees the old share's
        /// storage in the register and the roster and takes back the
        /// deposit it paid for them. Returns the old number.
        ///
        /// # Errors
        /// `NothingToRelease` unless the caller's share was expelled;
        /// `RegisterUnreachable`.
        #[ink(message)]
        pub fn release(&mut self) -> Result<ShareId> {
            let caller = runtime::caller();
            let share = own_act(self.membership.call_mut().release(caller).try_invoke())?;
            self.roster.remove(caller);
            Ok(share)
        }

        /// Adds the funds sent along to the treasury.
        ///
        /// # Errors
        /// `NothingDeposited` if no funds were sent.
        #[ink(message, payable)]
        pub fn deposit(&mut self) -> Result<()> {
            let amount = runtime::transferred(self.units).ok_or(Error::FractionalAmount)?;
            if amount == 0 {
                return Err(Error::NothingDeposited);
            }
            self.env().emit_event(Deposited {
                from: runtime::caller(),
                amount,
            });
            Ok(())
        }

        /// A proposal with its state, tally and content.
        #[ink(message)]
        pub fn proposal(&self, id: ProposalId) -> Option<Proposal> {
            let state = self.states.get(id)?;
            let content = match (self.texts.get(id), self.actions.get(id)) {
                (Some((title, text)), Some(action)) => Some(ProposalContent {
                    title,
                    text,
                    action,
                }),
                _ => None,
            };
            Some(Proposal { id, state, content })
        }

        /// Proposals numbered `start .. start + count` (at most
        /// `MAX_PROPOSAL_PAGE`), without their actions' details; page on
        /// with `start += count` until `next_proposal_id`.
        #[ink(message)]
        pub fn proposals(&self, start: ProposalId, count: u32) -> Vec<ProposalSummary> {
            let start = start.max(1);
            let end = start
                .saturating_add(count.min(MAX_PROPOSAL_PAGE))
                .min(self.next_id);
            (start..end)
                .filter_map(|id| {
                    let state = self.states.get(id)?;
                    let title = self.texts.get(id).map(|(title, _)| title);
                    Some(ProposalSummary { id, title, state })
                })
                .collect()
        }

        /// The number the next proposal will get; proposals are numbered from 1.
        #[ink(message)]
        pub fn next_proposal_id(&self) -> ProposalId {
            self.next_id
        }

        /// How the share numbered `share` voted on proposal `id`, if it did.
        #[ink(message)]
        pub fn vote_of(&self, id: ProposalId, share: ShareId) -> Option<Choice> {
            self.votes.get((id, share))
        }

        /// The block of the last vote, proposal or withdrawal by `share`
        /// (0: none).
        #[ink(message)]
        pub fn last_act_of(&self, share: ShareId) -> BlockNumber {
            self.last_act.get(share).unwrap_or(0)
        }

        /// The proposals of `share` that are still before their deadline,
        /// open or withdrawn: what counts against its open-proposal limit.
        #[ink(message)]
        pub fn open_proposals_of(&self, share: ShareId) -> Vec<ProposalId> {
            let now = self.env().block_number();
            self.open_of
                .get(share)
                .unwrap_or_default()
                .into_iter()
                .filter(|&(_, deadline)| deadline > now)
                .map(|(id, _)| id)
                .collect()
        }

        /// The rules new proposals are made under.
        #[ink(message)]
        pub fn rules(&self) -> Rules {
            self.rules
        }

        /// The least the rules may ever ask, fixed when the coop was founded.
        #[ink(message)]
        pub fn floors(&self) -> Floors {
            self.floors
        }

        /// The share register this contract governs.
        #[ink(message)]
        pub fn membership(&self) -> AccountId {
            register_account(&self.membership)
        }

        /// The treasury: what this contract may pay out, its balance above
        /// the existential deposit that keeps it alive.
        #[ink(message)]
        pub fn treasury(&self) -> Balance {
            runtime::balance(self.units)
        }

        /// The members' capital held: the sum of what current shares paid
        /// in. Payments may not take the treasury below it.
        #[ink(message)]
        pub fn capital(&self) -> Balance {
            self.capital_held
        }

        /// What current share `share` paid in (0: nothing, or no such share).
        #[ink(message)]
        pub fn capital_of(&self, share: ShareId) -> Balance {
            self.capital.get(share).unwrap_or(0)
        }

        /// A proposal that is still open.
        fn open_state(&self, id: ProposalId) -> Result<ProposalState> {
            let state = self.states.get(id).ok_or(Error::UnknownProposal)?;
            if state.status != Status::Open {
                return Err(Error::ProposalClosed);
            }
            Ok(state)
        }

        /// Checks what an action names against the register and this
        /// contract's records when it is proposed; returns how many shares
        /// it leaves out of the electorate (a suspension's named shares).
        fn check_targets(
            &self,
            action: &Action,
            proposer: ShareId,
            now: BlockNumber,
        ) -> Result<u32> {
            match action {
                Action::Admit(accounts) => {
                    if self.holds_any(accounts.clone())? {
                        return Err(Error::AlreadyMember);
                    }
                    Ok(0)
                }
                Action::Expel(number) => {
                    self.held(*number)?;
                    Ok(0)
                }
                Action::RotateKey { share, new } => {
                    self.held(*share)?;
                    if self.holds_any(ink::prelude::vec![*new])? {
                        return Err(Error::AlreadyMember);
                    }
                    Ok(0)
                }
                Action::Suspend(numbers) => {
                    // Dormant: no signed act for a whole dormancy period.
                    let quiet_since = now
                        .checked_sub(self.rules.dormancy_period)
                        .ok_or(Error::NotDormant)?;
                    for &number in numbers {
                        let share = self.held(number)?;
                        if share.state == ShareState::Suspended {
                            return Err(Error::AlreadySuspended);
                        }
                        if number == proposer
                            || share.seen_at > quiet_since
                            || self.last_act_of(number) > quiet_since
                        {
                            return Err(Error::NotDormant);
                        }
                    }
                    u32::try_from(numbers.len()).map_err(|_| Error::Overflow)
                }
                _ => Ok(0),
            }
        }

        /// The held share numbered `number`.
        fn held(&self, number: ShareId) -> Result<Share> {
            match self.membership.call().share(number).try_invoke() {
                Ok(Ok(Some(share))) => Ok(share),
                Ok(Ok(None)) => Err(Error::NoSuchShare),
                _ => Err(Error::RegisterUnreachable),
            }
        }

        fn holds_any(&self, accounts: Vec<AccountId>) -> Result<bool> {
            match self.membership.call().holds_any(accounts).try_invoke() {
                Ok(Ok(any)) => Ok(any),
                _ => Err(Error::RegisterUnreachable),
            }
        }

        /// Drops `id` from its proposer's open list (closed).
        fn forget_open(&mut self, share: ShareId, id: ProposalId) {
            let mut open = self.open_of.get(share).unwrap_or_default();
            open.retain(|&(other, _)| other != id);
            self.open_of.insert(share, &open);
        }

        fn standing(&self, account: AccountId) -> Result<Standing> {
            match self.membership.call().standing(account).try_invoke() {
                Ok(Ok(standing)) => Ok(standing),
                _ => Err(Error::RegisterUnreachable),
            }
        }

        /// The share `account` holds as the roster holds it, or as the
        /// register does for a member not on the roster yet. The register
        /// is the truth and changes only through governance, which updates
        /// every roster entry it changes, so the two never disagree.
        fn voter_of(&self, account: AccountId) -> Result<Voter> {
            let voter = match self.roster.get(account) {
                Some(voter) => voter,
                None => match self.membership.call().share_of(account).try_invoke() {
                    Ok(Ok(Some(share))) => Voter::of(&share),
                    Ok(Ok(None)) => return Err(Error::NotMember),
                    _ => return Err(Error::RegisterUnreachable),
                },
            };
            if voter.state == ShareState::Expelled {
                return Err(Error::NotMember);
            }
            Ok(voter)
        }

        /// As [`Self::voter_of`], putting a member found in the register on
        /// the roster: the member's own act pays for their entry once, and
        /// their later votes never call the register.
        fn enrolled_voter(&mut self, account: AccountId) -> Result<Voter> {
            if let Some(voter) = self.roster.get(account) {
                if voter.state == ShareState::Expelled {
                    return Err(Error::NotMember);
                }
                return Ok(voter);
            }
            let voter = self.voter_of(account)?;
            self.roster.insert(account, &voter);
            Ok(voter)
        }

        /// Puts a share the register just issued to `account` on the roster.
        fn enroll(&mut self, account: AccountId, number: ShareId) {
            let voter = Voter {
                number,
                reactivated_at: 0,
                state: ShareState::Active,
            };
            self.roster.insert(account, &voter);
        }

        /// Follows the register's move of share `number` from the key `old`
        /// to `new`: its roster entry, if it has one, and its appointment.
        fn rekey(&mut self, old: AccountId, new: AccountId, number: ShareId) {
            if let Some(voter) = self.roster.get(old) {
                self.roster.remove(old);
                self.roster.insert(new, &voter);
            }
            if let Some((_, appointment)) = self.appointments.get(number) {
                self.appointments.insert(number, &(new, appointment));
            }
        }

        /// Applies a passed proposal's action: `Ok(Err(reason))` if the
        /// action is refused (the proposal closes as failed, nothing of it
        /// applied: a refused register call reverts inside the register).
        ///
        /// # Errors
        /// `RegisterUnreachable` if the register call failed below the
        /// register's own rules (a trap, out of gas, undecodable): the whole
        /// execution reverts and the proposal stays passed, for an executor
        /// with enough gas. Only the register's own refusal closes it as
        /// failed, so no executor can kill a passed proposal by the limits it
        /// picks.
        fn apply(
            &mut self,
            id: ProposalId,
            action: Action,
            created_at: BlockNumber,
        ) -> Result<core::result::Result<(), FailureReason>> {
            // try_invoke, never invoke: the register's refusal is an outcome.
            let called = match action {
                // An admission makes offers: the proposal's state is the
                // offer, each account accepts it itself.
                Action::Resolution | Action::Admit(_) => return Ok(Ok(())),
                Action::Payment { to, amount } => return Ok(self.pay(id, to, amount)),
                Action::ChangeRules(rules) => {
                    self.rules = rules;
                    self.env().emit_event(RulesChanged { id, rules });
                    return Ok(Ok(()));
                }
                Action::Expel(share) => {
                    // The holder must be payable before anything changes.
                    if self.capital_of(share) > 0 && !runtime::reaches(&self.held(share)?.holder) {
                        return Ok(Err(FailureReason::UnknownPayee));
                    }
                    match self.membership.call_mut().expel(share).try_invoke() {
                        Ok(Ok(Ok(holder))) => {
                            // An entry is kept, as in the register, until its
                            // former holder releases it and takes back the
                            // deposit they paid for it. None is made here:
                            // the executor would pay for it.
                            if let Some(mut voter) = self.roster.get(holder) {
                                voter.state = ShareState::Expelled;
                                self.roster.insert(holder, &voter);
                            }
                            self.end_appointment(share)?;
                            self.repay(share, holder)?;
                            return Ok(Ok(()));
                        }
                        other => other.map(|r| r.map(|r| r.map(|_| ()))),
                    }
                }
                Action::RotateKey { share, new } => {
                    match self
                        .membership
                        .call_mut()
                        .rotate_key(share, new)
                        .try_invoke()
                    {
                        Ok(Ok(Ok(old))) => {
                            self.rekey(old, new, share);
                            return Ok(Ok(()));
                        }
                        other => other.map(|r| r.map(|r| r.map(|_| ()))),
                    }
                }
                Action::Suspend(shares) => {
                    // A share that voted or proposed since the suspension
                    // was proposed took part: it is never suspended.
                    if shares.iter().any(|&n| self.last_act_of(n) >= created_at) {
                        return Ok(Err(FailureReason::NotDormant));
                    }
                    match self
                        .membership
                        .call_mut()
                        .suspend(shares.clone(), created_at)
                        .try_invoke()
                    {
                        Ok(Ok(Ok(holders))) => {
                            // At most MAX_MEMBERS_PER_CALL, as the register checked.
                            // Entries only for those on the roster: the
                            // register answers for the others.
                            for key in holders {
                                if let Some(mut voter) = self.roster.get(key) {
                                    voter.state = ShareState::Suspended;
                                    self.roster.insert(key, &voter);
                                }
                            }
                            return Ok(Ok(()));
                        }
                        other => other.map(|r| r.map(|r| r.map(|_| ()))),
                    }
                }
            };
            match called {
                Ok(Ok(Ok(()))) => Ok(Ok(())),
                Ok(Ok(Err(refused))) => Ok(Err(FailureReason::Register(refused))),
                _ => Err(Error::RegisterUnreachable),
            }
        }

        fn pay(
            &mut self,
            id: ProposalId,
            to: AccountId,
            amount: Balance,
        ) -> core::result::Result<(), FailureReason> {
            // The runtime's balance already leaves out the existential
            // deposit that keeps the treasury alive: all of it may be paid.
            let balance = runtime::balance(self.units);
            if amount > balance {
                return Err(FailureReason::InsufficientTreasury);
            }
            if balance.saturating_sub(amount) < self.capital_held {
                return Err(FailureReason::TouchesCapital);
            }
            if !runtime::reaches(&to) {
                return Err(FailureReason::UnknownPayee);
            }
            if !runtime::transfer(self.units, to, amount) {
                return Err(FailureReason::TransferFailed);
            }
            self.env().emit_event(PaymentMade { id, to, amount });
            Ok(())
        }

        /// Ends `share`'s appointment, if it has one, freeing its place
        /// with the proxy; whether there was one.
        fn end_appointment(&mut self, share: ShareId) -> Result<bool> {
            let Some((_, appointment)) = self.appointments.get(share) else {
                return Ok(false);
            };
            self.appointments.remove(share);
            let held = self.appointed.get(appointment.proxy).unwrap_or(0);
            match held.checked_sub(1).ok_or(Error::Overflow)? {
                0 => self.appointed.remove(appointment.proxy),
                left => {
                    self.appointed.insert(appointment.proxy, &left);
                }
            }
            self.env().emit_event(ProxyRevoked {
                share,
                proxy: appointment.proxy,
            });
            Ok(true)
        }

        /// Pays a share that left its member capital back at par, to the
        /// account that held it.
        ///
        /// # Errors
        /// `RefundFailed` if the chain refuses the transfer: the caller's
        /// whole transaction reverts, so the share has not left either.
        fn repay(&mut self, share: ShareId, to: AccountId) -> Result<()> {
            let amount = self.capital_of(share);
            if amount == 0 {
                return Ok(());
            }
            self.capital.remove(share);
            self.capital_held = self
                .capital_held
                .checked_sub(amount)
                .ok_or(Error::Overflow)?;
            if !runtime::transfer(self.units, to, amount) {
                return Err(Error::RefundFailed);
            }
            self.env().emit_event(CapitalRepaid {
                share,
                account: to,
                amount,
            });
            Ok(())
        }
    }

    /// The register's answer to a member's own act passed on by governance
    /// (`try_invoke`'s three layers): its value, its refusal by
    /// governance's name for it, or `RegisterUnreachable` for a call that
    /// failed below the register's rules.
    fn own_act<T, E, F>(
        called: core::result::Result<
            core::result::Result<core::result::Result<T, register::Error>, E>,
            F,
        >,
    ) -> Result<T> {
        let refused = match called {
            Ok(Ok(Ok(value))) => return Ok(value),
            Ok(Ok(Err(refused))) => refused,
            _ => return Err(Error::RegisterUnreachable),
        };
        Err(match refused {
            register::Error::NotMember => Error::NotMember,
            register::Error::AlreadyMember => Error::AlreadyMember,
            register::Error::Unreleased => Error::Unreleased,
            register::Error::NotSuspended => Error::NotSuspended,
            register::Error::NothingToRelease => Error::NothingToRelease,
            // The register refuses a member's own act for no other reason.
            _ => Error::Overflow,
        })
    }

    /// Creates the register with `founders` and this contract as its
    /// governance, salted with this contract's account so that each
    /// governance has its own register.
    fn create_register(code: runtime::CodeHash, founders: Vec<AccountId>) -> Result<MembershipRef> {
        let own = runtime::own_account();
        let salt: [u8; 32] = *AsRef::<[u8; 32]>::as_ref(&own);
        let builder = MembershipRef::new(own, founders).code_hash(code);
        #[cfg(not(feature = "revive"))]
        let created = builder.endowment(0).salt_bytes(salt).try_instantiate();
        #[cfg(feature = "revive")]
        let created = builder
            .endowment(ink::U256::zero())
            .salt_bytes(Some(salt))
            .try_instantiate();
        match created {
            Ok(Ok(Ok(register))) => Ok(register),
            Ok(Ok(Err(refused))) => Err(Error::RegisterNotCreated(refused)),
            _ => Err(Error::RegisterUnreachable),
        }
    }

    /// The register's account: on pallet-revive the account the pallet
    /// gives a contract's address (the address and twelve 0xEE bytes).
    fn register_account(register: &MembershipRef) -> AccountId {
        #[cfg(not(feature = "revive"))]
        return ink::ToAccountId::to_account_id(register);
        #[cfg(feature = "revive")]
        {
            let mut bytes = [0xEEu8; 32];
            bytes[..20].copy_from_slice(ink::ToAddr::to_addr(register).as_bytes());
            AccountId::from(bytes)
        }
    }

    /// Whether `text` is longer than `limit` bytes.
    fn exceeds(text: &str, limit: u32) -> bool {
        u32::try_from(text.len()).map_or(true, |len| len > limit)
    }

    // Off-chain tests with ink! 5's test environment; on pallet-revive the
    // same code runs in the end-to-end tests.
    #[cfg(all(test, not(feature = "revive")))]
    mod tests {
        //! Paths that do not reach the register (ink!'s off-chain engine
        //! cannot call another contract): outcomes, execution of effects that
        //! stay in this contract, treasury, reads and input checks. The paths
        //! through the register are tested on a real node (tests/).
        use super::*;
        use coop_shared::governance::Fraction;
        use ink::env::call::FromAccountId;
        use ink::env::{test, DefaultEnvironment};

        fn accounts() -> test::DefaultAccounts<DefaultEnvironment> {
            test::default_accounts::<DefaultEnvironment>()
        }

        /// A governance whose register is a plain account (never called here).
        fn governance(rules: Rules) -> Governance {
            Governance {
                membership: MembershipRef::from_account_id(accounts().frank),
                rules,
                next_id: 1,
                states: Mapping::default(),
                texts: Mapping::default(),
                actions: Mapping::default(),
                votes: Mapping::default(),
                open_of: Mapping::default(),
                last_act: Mapping::default(),
                capital: Mapping::default(),
                capital_held: 0,
                appointments: Mapping::default(),
                appointed: Mapping::default(),
                proxied: Mapping::default(),
                roster: Mapping::default(),
                units: Units::scaled(1).expect("1 is pallet-contracts' ratio"),
                floors: Floors::lowest(),
            }
        }

        fn rules() -> Rules {
            Rules {
                voting_period: 10,
                execution_window: 5,
                ..Rules::default()
            }
        }

        /// Stores a proposal made at block 0 by share 1 in a coop of 4, as
        /// `propose` would after reading the register.
        fn seed(gov: &mut Governance, action: Action, tally: Tally) -> ProposalId {
            let id = gov.next_id;
            gov.next_id += 1;
            let state = ProposalState {
                proposer: 1,
                created_at: 0,
                deadline: gov.rules.voting_period,
                electorate: 4,
                eligible_below: 5,
                special: action.is_special(),
                rules: gov.rules,
                tally,
                status: Status::Open,
                closed_at: 0,
                offers_taken: 0,
            };
            gov.states.insert(id, &state);
            gov.texts.insert(id, &(String::from("t"), String::new()));
            gov.actions.insert(id, &action);
            gov.open_of.insert(1, &vec![(id, state.deadline)]);
            id
        }

        fn tally(yes: u32, no: u32, abstain: u32) -> Tally {
            Tally { yes, no, abstain }
        }

        #[ink::test]
        fn a_vote_on_the_roster_never_calls_the_register() {
            // The register here is a plain account, which ink!'s off-chain
            // engine cannot call: every answer below is the roster's. Keys
            // not on it are answered by the register (the on-chain tests).
            let a = accounts();
            let mut gov = governance(rules());
            gov.enroll(a.alice, 1);
            gov.enroll(a.bob, 2);
            gov.enroll(a.charlie, 5);
            let id = seed(&mut gov, Action::Resolution, Tally::default());
            let mut state = gov.states.get(id).expect("seeded");
            state.created_at = 1;
            gov.states.insert(id, &state);
            at_block(2);
            test::set_caller::<DefaultEnvironment>(a.alice);
            assert_eq!(gov.vote(id, Choice::Yes), Ok(()));
            test::set_caller::<DefaultEnvironment>(a.charlie);
            assert_eq!(
                gov.vote(id, Choice::Yes),
                Err(Error::NotEligible),
                "share 5 is not below the proposal's recorded 5"
            );
            let mut bob = gov.voter(a.bob).expect("on the roster");
            bob.state = ShareState::Suspended;
            gov.roster.insert(a.bob, &bob);
            test::set_caller::<DefaultEnvironment>(a.bob);
            assert_eq!(gov.vote(id, Choice::No), Err(Error::Suspended));
            // Back from suspension at block 1: not on a proposal made then.
            bob.state = ShareState::Active;
            bob.reactivated_at = 1;
            gov.roster.insert(a.bob, &bob);
            assert_eq!(gov.vote(id, Choice::No), Err(Error::NotEligible));
            // A moved share votes from its new key only, as the same share.
            gov.rekey(a.alice, a.eve, 1);
            assert_eq!(
                gov.roster.get(a.alice),
                None,
                "the old key is off the roster"
            );
            test::set_caller::<DefaultEnvironment>(a.eve);
            assert_eq!(gov.vote(id, Choice::No), Err(Error::AlreadyVoted));
            assert_eq!(gov.voter(a.eve).map(|v| v.number), Some(1));
            assert_eq!(
                gov.proposal(id).expect("exists").state.tally,
                tally(1, 0, 0)
            );
        }

        fn at_block(n: BlockNumber) {
            test::set_block_number::<DefaultEnvironment>(n);
        }

        fn closed_events() -> Vec<ProposalClosed> {
            use coop_shared::CoopEvent;
            use ink::scale::Decode;
            let mut topic = [0u8; 32];
            ink::env::hash_bytes::<ink::env::hash::Blake2x256>(
                ProposalClosed::SIGNATURE.as_bytes(),
                &mut topic,
            );
            test::recorded_events()
                .filter(|e| e.topics.first().map(|t| t.as_slice()) == Some(&topic[..]))
                .map(|e| ProposalClosed::decode(&mut &e.data[..]).expect("decodes"))
                .collect()
        }

        #[ink::test]
        fn unknown_proposals_are_named_as_such() {
            let mut gov = governance(rules());
            assert_eq!(gov.vote(1, Choice::Yes), Err(Error::UnknownProposal));
            assert_eq!(gov.withdraw(1), Err(Error::UnknownProposal));
            assert_eq!(gov.execute(1), Err(Error::UnknownProposal));
            assert_eq!(gov.proposal(1), None);
            assert_eq!(gov.proposals(0, 10), vec![]);
        }

        #[ink::test]
        fn proposals_are_checked_before_the_register_is_asked() {
            let mut gov = governance(rules());
            let a = accounts();
            let title = |n: usize| "x".repeat(n);
            assert_eq!(
                gov.propose(String::new(), String::new(), Action::Resolution),
                Err(Error::EmptyTitle)
            );
            assert_eq!(
                gov.propose(title(129), String::new(), Action::Resolution),
                Err(Error::TitleTooLong)
            );
            assert_eq!(
                gov.propose(title(128), "y".repeat(257), Action::Resolution),
                Err(Error::TextTooLong)
            );
            assert_eq!(
                gov.propose(title(1), String::new(), Action::Admit(vec![])),
                Err(Error::NoAccounts)
            );
            assert_eq!(
                gov.propose(
                    title(1),
                    String::new(),
                    Action::Payment {
                        to: a.bob,
                        amount: 0
                    }
                ),
                Err(Error::ZeroAmount)
            );
            let bad = Rules {
                voting_period: 0,
                ..rules()
            };
            assert_eq!(
                gov.propose(title(1), String::new(), Action::ChangeRules(bad)),
                Err(Error::InvalidRules)
            );
            assert_eq!(gov.next_proposal_id(), 1, "nothing was recorded");
        }

        #[ink::test]
        fn the_constructor_refuses_invalid_rules() {
            let bad = Rules {
                max_open_per_member: 0,
                ..rules()
            };
            assert_eq!(
                Governance::new([0; 32], vec![accounts().alice], bad, Floors::lowest(), 1).err(),
                Some(Error::InvalidRules)
            );
        }

        #[ink::test]
        fn votes_close_at_the_deadline() {
            let mut gov = governance(rules());
            let id = seed(&mut gov, Action::Resolution, Tally::default());
            at_block(10);
            assert_eq!(gov.vote(id, Choice::Yes), Err(Error::VotingClosed));
            assert_eq!(gov.withdraw(id), Err(Error::VotingClosed));
        }

        #[ink::test]
        fn a_passed_resolution_executes_once() {
            let mut gov = governance(rules());
            let id = seed(&mut gov, Action::Resolution, tally(2, 1, 0));
            at_block(9);
            assert_eq!(
                gov.execute(id),
                Err(Error::VotingNotOver),
                "one vote left could tie it"
            );
            at_block(10);
            assert_eq!(gov.execute(id), Ok(Status::Executed));
            assert_eq!(
                gov.execute(id),
                Err(Error::ProposalClosed),
                "nothing executes twice"
            );
            assert_eq!(gov.vote(id, Choice::No), Err(Error::ProposalClosed));
            let closed = closed_events();
            assert_eq!(closed.len(), 1);
            assert_eq!(closed[0].status, Status::Executed);
            assert_eq!(closed[0].tally, tally(2, 1, 0));
            assert!(!closed[0].early);
        }

        #[ink::test]
        fn below_quorum_or_threshold_is_rejected() {
            let mut gov = governance(rules());
            let few = seed(&mut gov, Action::Resolution, tally(1, 0, 0));
            let tie = seed(&mut gov, Action::Resolution, tally(2, 2, 0));
            let abstained = seed(&mut gov, Action::ChangeRules(rules()), tally(0, 0, 4));
            at_block(10);
            assert_eq!(
                gov.execute(few),
                Ok(Status::Rejected),
                "1 of 4 misses the half quorum"
            );
            assert_eq!(
                gov.execute(tie),
                Ok(Status::Rejected),
                "a tie is not more yes than no"
            );
            assert_eq!(
                gov.execute(abstained),
                Ok(Status::Rejected),
                "no decision without a yes"
            );
            assert_eq!(gov.execute(few), Err(Error::ProposalClosed));
        }

        #[ink::test]
        fn special_decisions_need_two_thirds() {
            let mut gov = governance(rules());
            // 2 yes, 1 no is two thirds: an expulsion would pass (it is not
            // executed here: that calls the register). 1 yes, 1 no is not.
            let two_thirds = seed(&mut gov, Action::ChangeRules(rules()), tally(2, 1, 0));
            let half = seed(&mut gov, Action::Expel(2), tally(2, 2, 0));
            at_block(10);
            assert_eq!(gov.execute(half), Ok(Status::Rejected));
            assert_eq!(gov.execute(two_thirds), Ok(Status::Executed));
        }

        #[ink::test]
        fn a_settled_outcome_closes_early_only_when_votes_are_final() {
            let mut gov = governance(rules());
            let settled = seed(&mut gov, Action::Resolution, tally(3, 0, 0));
            let lost = seed(&mut gov, Action::Resolution, tally(0, 3, 0));
            at_block(2);
            assert_eq!(gov.execute(settled), Ok(Status::Executed));
            assert_eq!(gov.execute(lost), Ok(Status::Rejected));
            assert!(closed_events().iter().all(|e| e.early));
            assert_eq!(
                gov.open_proposals_of(1),
                Vec::<ProposalId>::new(),
                "closed early, no longer open"
            );

            let mut changeable = governance(Rules {
                vote_change: true,
                ..rules()
            });
            let id = seed(&mut changeable, Action::Resolution, tally(4, 0, 0));
            assert_eq!(
                changeable.execute(id),
                Err(Error::VotingNotOver),
                "votes could still change"
            );
        }

        #[ink::test]
        fn a_passed_proposal_expires_after_its_window() {
            let mut gov = governance(rules());
            let late = seed(&mut gov, Action::Resolution, tally(3, 0, 0));
            let on_time = seed(&mut gov, Action::Resolution, tally(3, 0, 0));
            at_block(15);
            assert_eq!(
                gov.execute(on_time),
                Ok(Status::Executed),
                "the last block of the window"
            );
            at_block(16);
            assert_eq!(gov.execute(late), Ok(Status::Expired));
        }

        #[ink::test]
        fn a_rule_change_applies_to_new_proposals_only() {
            let mut gov = governance(rules());
            // 2 yes of 4 meets the old quorum (half) and threshold; under the
            // stricter rules (everyone votes) it would be rejected.
            let open = seed(&mut gov, Action::Resolution, tally(2, 0, 0));
            let stricter = Rules {
                quorum: Fraction { num: 1, den: 1 },
                voting_period: 20,
                dormancy_period: 20,
                ..rules()
            };
            let change = seed(&mut gov, Action::ChangeRules(stricter), tally(3, 0, 0));
            at_block(10);
            assert_eq!(gov.execute(change), Ok(Status::Executed));
            assert_eq!(gov.rules(), stricter);
            let kept = gov.proposal(open).expect("exists").state;
            assert_eq!(
                kept.rules,
                rules(),
                "the open proposal keeps the rules it was made under"
            );
            assert_eq!(kept.deadline, 10, "and its deadline");
            assert_eq!(
                gov.execute(open),
                Ok(Status::Executed),
                "judged by its own rules, it passes"
            );
        }

        #[ink::test]
        fn payments_come_from_the_treasury_and_keep_it_alive() {
            let a = accounts();
            let mut gov = governance(rules());
            let own = ink::env::account_id::<DefaultEnvironment>();
            test::set_account_balance::<DefaultEnvironment>(own, 10_000_000);
            let pay = |gov: &mut Governance, amount| {
                seed(gov, Action::Payment { to: a.eve, amount }, tally(3, 0, 0))
            };
            let too_much = pay(&mut gov, 10_000_001);
            let fine = pay(&mut gov, 4_000_000);
            let one_over = pay(&mut gov, 6_000_001);
            let the_rest = pay(&mut gov, 6_000_000);
            let before = test::get_account_balance::<DefaultEnvironment>(a.eve).unwrap_or(0);
            at_block(10);
            assert_eq!(
                gov.execute(too_much),
                Ok(Status::Failed(FailureReason::InsufficientTreasury)),
                "more than the treasury holds"
            );
            assert_eq!(gov.execute(fine), Ok(Status::Executed));
            assert_eq!(
                test::get_account_balance::<DefaultEnvironment>(a.eve).unwrap_or(0),
                before + 4_000_000
            );
            assert_eq!(gov.treasury(), 6_000_000);
            // The boundary: one unit more than the treasury fails, all of it pays.
            assert_eq!(
                gov.execute(one_over),
                Ok(Status::Failed(FailureReason::InsufficientTreasury))
            );
            assert_eq!(gov.execute(the_rest), Ok(Status::Executed));
            assert_eq!(gov.treasury(), 0);
            assert_eq!(
                gov.execute(too_much),
                Err(Error::ProposalClosed),
                "a failed proposal stays failed"
            );
        }

        #[ink::test]
        fn deposits_need_funds() {
            let mut gov = governance(rules());
            assert_eq!(gov.deposit(), Err(Error::NothingDeposited));
            test::set_value_transferred::<DefaultEnvironment>(25);
            assert_eq!(gov.deposit(), Ok(()));
        }

        #[ink::test]
        fn proposals_are_listed_in_pages() {
            let mut gov = governance(rules());
            for _ in 0..40 {
                seed(&mut gov, Action::Resolution, Tally::default());
            }
            let first = gov.proposals(0, 100);
            assert_eq!(first.len(), 32, "a page holds at most MAX_PROPOSAL_PAGE");
            assert_eq!(first[0].id, 1);
            let rest = gov.proposals(33, 100);
            assert_eq!(
                rest.iter().map(|p| p.id).collect::<Vec<_>>(),
                (33..=40).collect::<Vec<_>>()
            );
            assert_eq!(gov.proposals(41, 5), vec![]);
            assert_eq!(gov.next_proposal_id(), 41);
        }

        #[ink::test]
        fn exact_fractions_decide_at_their_boundary() {
            // 200 yes against 100 no is exactly two thirds: passes a special decision.
            let mut gov = governance(Rules {
                quorum: Fraction { num: 0, den: 1 },
                ..rules()
            });
            let exact = seed(&mut gov, Action::ChangeRules(rules()), tally(200, 100, 0));
            let below = seed(&mut gov, Action::ChangeRules(rules()), tally(199, 100, 0));
            at_block(10);
            assert_eq!(gov.execute(below), Ok(Status::Rejected));
            assert_eq!(gov.execute(exact), Ok(Status::Executed));
        }
    }
}
