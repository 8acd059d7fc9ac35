//! Governance and the register together on a real node: the cross-contract
//! paths that ink!'s off-chain engine cannot run, and the attacks a coop's
//! vote must withstand. Driven by the client's contract layer.

use coop_client::chain::{Chain, Signer};
use coop_client::contracts::{encode_call, Code, Contracts, Governance, Register, Salt, Weight};
use coop_client::coop::Artifacts;
use coop_client::error::CallError;
use coop_shared::governance::{
    self as gov, Action, Choice, FailureReason, Floors, Fraction, Proposal, ProposalClosed,
    ProposalId, Rules, Status, Tally, Threshold,
};
use coop_shared::membership::{self as reg, Id, Share, ShareState};
use coop_shared::{AccountId, Balance};
use coop_tests::dev::signer;
use coop_tests::{artifacts_dir, Backend, TestNode};

/// A governance call's failure.
type GovError = CallError<gov::Error>;

/// One unit of the dev chain's token (12 decimals).
const UNIT: Balance = 1_000_000_000_000;

/// The default rules (half quorum, more yes than no, two thirds, votes
/// final, three open proposals) with short periods, so deadlines are
/// reached with a few blocks.
fn test_rules() -> Rules {
    Rules {
        voting_period: 4,
        execution_window: 4,
        ..Rules::default()
    }
}

/// A deployed coop on its own node. Founders: Alice, Bob, Charlie (shares
/// 1–3). Deployed by Ferdie, who is not a founder.
struct Coop {
    _node: TestNode,
    chain: Chain,
    governance: Governance,
    register: Register,
    alice: Signer,
    bob: Signer,
    charlie: Signer,
    dave: Signer,
    eve: Signer,
    ferdie: Signer,
    rules: Rules,
}

impl Coop {
    async fn found(backend: Backend, rules: Rules) -> Coop {
        Self::found_with_floors(backend, rules, Floors::lowest()).await
    }

    async fn found_with_floors(backend: Backend, rules: Rules, floors: Floors) -> Coop {
        let founders = ["//Alice", "//Bob", "//Charlie"].map(|uri| signer(uri).account());
        Self::found_with(backend, rules, floors, founders.to_vec()).await
    }

    /// A coop founded by `founders` (Alice, Bob and Charlie first).
    async fn found_with(
        backend: Backend,
        rules: Rules,
        floors: Floors,
        founders: Vec<AccountId>,
    ) -> Coop {
        let node = TestNode::start_backend(backend);
        let chain = Chain::connect(&node.url).await.expect("connects");
        let contracts = Contracts::new(chain.clone());
        let ferdie = signer("//Ferdie");
        let (alice, bob, charlie) = (signer("//Alice"), signer("//Bob"), signer("//Charlie"));
        let built = Artifacts::load(&artifacts_dir(), contracts.pallet()).expect("built contracts");
        let uploaded = contracts
            .upload_code(&ferdie, &built.membership.code)
            .await
            .expect("register code uploads");
        let deployed = contracts
            .instantiate(
                &ferdie,
                Code::Upload(&built.governance.code),
                gov::messages::NEW,
                (
                    uploaded.code_hash,
                    founders,
                    rules,
                    floors,
                    contracts.native_to_eth().expect("the ratio"),
                ),
                10 * UNIT,
                Salt::Random,
            )
            .await
            .expect("governance founds the coop");
        let governance = Governance::at(contracts.clone(), deployed.address);
        let register = governance
            .read(gov::messages::MEMBERSHIP, ())
            .await
            .expect("membership()");
        Coop {
            _node: node,
            chain,
            governance,
            register: Register::at(contracts, register),
            alice,
            bob,
            charlie,
            dave: signer("//Dave"),
            eve: signer("//Eve"),
            ferdie,
            rules,
        }
    }

    async fn propose(
        &self,
        who: &Signer,
        title: &str,
        action: Action,
    ) -> Result<ProposalId, GovError> {
        self.governance
            .call(
                who,
                gov::messages::PROPOSE,
                (title.to_string(), String::new(), action),
            )
            .await
            .map(|o| o.value)
    }

    async fn vote(&self, who: &Signer, id: ProposalId, choice: Choice) -> Result<(), GovError> {
        self.governance
            .call(who, gov::messages::VOTE, (id, choice))
            .await
            .map(|_| ())
    }

    async fn execute(&self, who: &Signer, id: ProposalId) -> Result<Status, GovError> {
        let outcome = self
            .governance
            .call(who, gov::messages::EXECUTE, (id,))
            .await?;
        // The event carries the same outcome as the return value.
        let closed: Vec<ProposalClosed> = self.governance.events(&outcome).expect("events decode");
        assert_eq!(closed.len(), 1);
        assert_eq!(closed[0].status, outcome.value);
        Ok(outcome.value)
    }

    /// Alice, Bob and Charlie vote yes on `id`.
    async fn founders_vote_yes(&self, id: ProposalId) {
        for who in [&self.alice, &self.bob, &self.charlie] {
            self.vote(who, id, Choice::Yes).await.expect("votes yes");
        }
    }

    async fn accept(&self, who: &Signer, id: ProposalId) -> Result<u32, GovError> {
        self.governance
            .call(who, gov::messages::ACCEPT, (id,))
            .await
            .map(|o| o.value)
    }

    /// Decides to admit `who` and has each of them accept its offer.
    async fn admit(&self, who: &[&Signer]) -> ProposalId {
        let accounts = who.iter().map(|s| s.account()).collect();
        let (id, status) = self.decide("admit", Action::Admit(accounts)).await;
        assert_eq!(status, Status::Executed);
        for signer in who {
            self.accept(signer, id).await.expect("accepts its offer");
        }
        id
    }

    async fn proposal(&self, id: ProposalId) -> Proposal {
        let found: Option<Proposal> = self
            .governance
            .read(gov::messages::PROPOSAL, (id,))
            .await
            .expect("proposal()");
        found.expect("the proposal exists")
    }

    async fn share_of(&self, who: &AccountId) -> Option<Share> {
        self.register
            .read(reg::messages::SHARE_OF, (*who,))
            .await
            .expect("share_of()")
    }

    async fn members(&self) -> u32 {
        self.register
            .read(reg::messages::MEMBER_COUNT, ())
            .await
            .expect("member_count()")
    }

    async fn treasury(&self) -> Balance {
        self.governance
            .read(gov::messages::TREASURY, ())
            .await
            .expect("treasury()")
    }

    async fn advance(&self, blocks: u32) {
        self.chain
            .advance_blocks(&self.ferdie, blocks, &|_, _| {})
            .await
            .expect("blocks advance");
    }

    /// Alice proposes, the three founders vote yes, and Ferdie executes:
    /// at once if the outcome is settled, else at the deadline. Returns
    /// the proposal and how it ended.
    async fn decide(&self, title: &str, action: Action) -> (ProposalId, Status) {
        let id = self
            .propose(&self.alice, title, action)
            .await
            .expect("proposes");
        self.founders_vote_yes(id).await;
        let status = match self.execute(&self.ferdie, id).await {
            Err(CallError::Contract(gov::Error::VotingNotOver)) => {
                self.advance(self.rules.voting_period).await;
                self.execute(&self.ferdie, id).await
            }
            other => other,
        };
        let status = status.unwrap_or_else(|e| panic!("executing '{title}': {e:?}"));
        (id, status)
    }
}

/// Asserts that `result` is the contract's own error `expected`.
#[track_caller]
fn refused<T: std::fmt::Debug, E: std::fmt::Debug + PartialEq>(
    result: Result<T, CallError<E>>,
    expected: E,
) {
    match result {
        Err(CallError::Contract(got)) => assert_eq!(got, expected),
        other => panic!("expected the contract to refuse with {expected:?}, got {other:?}"),
    }
}

coop_tests::on_each_backend!(
    no_key_but_governance_can_change_the_register,
    admission_expulsion_and_rotation_go_through_decisions,
    votes_are_counted_once_and_outcomes_are_final,
    treasury_payments_and_rule_changes,
    limits_and_the_last_member,
    a_bare_majority_cannot_take_a_share_and_a_member_moves_their_own,
    an_offer_is_accepted_by_its_own_key_once_and_lapses,
    offers_never_accepted_leave_the_electorate_alone,
    lost_keys_are_suspended_and_return_by_signing,
    each_account_pays_for_its_own_storage,
    no_gas_limit_closes_a_passed_proposal_as_failed,
    rule_floors_hold_for_the_coops_life,
    the_most_founders_one_call_allows_found_a_coop_that_knows_them_all,
);

async fn no_key_but_governance_can_change_the_register(backend: Backend) {
    let coop = Coop::found(backend, test_rules()).await;
    let governs: AccountId = coop
        .register
        .read(reg::messages::GOVERNANCE, ())
        .await
        .expect("governance()");
    assert_eq!(
        governs,
        coop.governance.address(),
        "the register answers to governance alone"
    );
    assert_eq!(
        coop.share_of(&coop.ferdie.account()).await,
        None,
        "the deployer is no member"
    );
    assert_eq!(coop.members().await, 3);
    assert_eq!(
        coop.treasury().await,
        10 * UNIT,
        "founding funds reach the treasury"
    );

    let (dave, eve) = (coop.dave.account(), coop.eve.account());
    for who in [&coop.ferdie, &coop.alice] {
        let admit = coop.register.call(who, reg::messages::ADMIT, (dave,)).await;
        refused(admit, reg::Error::NotGovernance);
        let expel = coop.register.call(who, reg::messages::EXPEL, (2,)).await;
        refused(expel, reg::Error::NotGovernance);
        let rotate = coop
            .register
            .call(who, reg::messages::ROTATE_KEY, (3, eve))
            .await;
        refused(rotate, reg::Error::NotGovernance);
        // A member's own move and return pass through governance, which
        // keeps its roster of voters in step: straight to the register they
        // are refused, even for the member's own share.
        let moved = coop
            .register
            .call(who, reg::messages::MOVE_SHARE, (who.account(), eve))
            .await;
        refused(moved, reg::Error::NotGovernance);
        let back = coop
            .register
            .call(who, reg::messages::REACTIVATE, (who.account(),))
            .await;
        refused(back, reg::Error::NotGovernance);
        let release = coop
            .register
            .call(who, reg::messages::RELEASE, (who.account(),))
            .await;
        refused(release, reg::Error::NotGovernance);
    }
    // Shares cannot change hands either.
    let transfer = coop
        .register
        .call(
            &coop.alice,
            reg::messages::TRANSFER,
            (dave, Id::U32(1), Vec::<u8>::new()),
        )
        .await;
    refused(transfer, reg::Error::NotTransferable);
    let approve = coop
        .register
        .call(
            &coop.alice,
            reg::messages::APPROVE,
            (dave, Some(Id::U32(1)), true),
        )
        .await;
    refused(approve, reg::Error::NotTransferable);
    assert_eq!(coop.members().await, 3);
    assert_eq!(
        coop.share_of(&coop.alice.account()).await.map(|s| s.holder),
        Some(coop.alice.account())
    );

    // A non-member cannot propose.
    refused(
        coop.propose(&coop.dave, "let me in", Action::Resolution)
            .await,
        gov::Error::NotMember,
    );
}

async fn admission_expulsion_and_rotation_go_through_decisions(backend: Backend) {
    // A longer period: the first proposal must still be open after the
    // admission has been decided.
    let coop = Coop::found(
        backend,
        Rules {
            voting_period: 12,
            ..test_rules()
        },
    )
    .await;
    let (dave, eve) = (coop.dave.account(), coop.eve.account());

    // A proposal made before Dave joins: he gets no vote on it.
    let before = coop
        .propose(&coop.charlie, "before dave", Action::Resolution)
        .await
        .expect("proposes");

    let (admission, status) = coop
        .decide("admit dave and eve", Action::Admit(vec![dave, eve]))
        .await;
    assert_eq!(status, Status::Executed);
    assert_eq!(coop.members().await, 3, "an offer is not a share");
    // Each offer is accepted by its own key; numbers follow acceptance.
    assert_eq!(coop.accept(&coop.eve, admission).await.expect("eve"), 4);
    assert_eq!(coop.accept(&coop.dave, admission).await.expect("dave"), 5);
    assert_eq!(coop.share_of(&eve).await.map(|s| s.number), Some(4));
    assert_eq!(coop.share_of(&dave).await.map(|s| s.number), Some(5));
    assert_eq!(coop.members().await, 5);
    refused(
        coop.vote(&coop.dave, before, Choice::Yes).await,
        gov::Error::NotEligible,
    );

    // An admission naming a member, or one account twice, is refused
    // when proposed, by its own error (before, it passed a vote and then
    // closed as failed with the register's AlreadyMember).
    let ferdie = coop.ferdie.account();
    refused(
        coop.propose(
            &coop.alice,
            "admit ferdie and dave",
            Action::Admit(vec![ferdie, dave]),
        )
        .await,
        gov::Error::AlreadyMember,
    );
    refused(
        coop.propose(
            &coop.alice,
            "admit ferdie twice",
            Action::Admit(vec![ferdie, ferdie]),
        )
        .await,
        gov::Error::DuplicateAccount,
    );
    // Expulsion and rotation targets are checked when proposed, too.
    refused(
        coop.propose(&coop.alice, "expel nobody", Action::Expel(99))
            .await,
        gov::Error::NoSuchShare,
    );
    refused(
        coop.propose(
            &coop.alice,
            "move a share onto a member",
            Action::RotateKey {
                share: 4,
                new: dave,
            },
        )
        .await,
        gov::Error::AlreadyMember,
    );

    // Rotate Eve's key to Ferdie's: same number and seniority.
    let eve_share = coop.share_of(&eve).await.expect("eve is a member");
    let eve_votes = coop
        .propose(&coop.alice, "eve votes first", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.eve, eve_votes, Choice::No)
        .await
        .expect("eve votes");
    // Moving another member's share is a special decision: four yes of
    // five settle it before the deadline, while Eve's vote is still open.
    let rotation = coop
        .propose(
            &coop.alice,
            "move eve's key",
            Action::RotateKey {
                share: eve_share.number,
                new: ferdie,
            },
        )
        .await
        .expect("proposes");
    for who in [&coop.alice, &coop.bob, &coop.charlie, &coop.dave] {
        coop.vote(who, rotation, Choice::Yes)
            .await
            .expect("votes yes");
    }
    assert_eq!(
        coop.execute(&coop.ferdie, rotation)
            .await
            .expect("executes"),
        Status::Executed
    );
    let moved = coop
        .share_of(&ferdie)
        .await
        .expect("ferdie holds eve's share");
    assert_eq!(
        (moved.number, moved.joined_at),
        (eve_share.number, eve_share.joined_at)
    );
    assert_eq!(coop.share_of(&eve).await, None);
    // Votes follow the share: the new key cannot vote again, the old one not at all.
    refused(
        coop.vote(&coop.ferdie, eve_votes, Choice::Yes).await,
        gov::Error::AlreadyVoted,
    );
    refused(
        coop.vote(&coop.eve, eve_votes, Choice::Yes).await,
        gov::Error::NotMember,
    );
    assert_eq!(
        coop.proposal(eve_votes).await.state.tally,
        Tally {
            yes: 0,
            no: 1,
            abstain: 0
        }
    );

    // Expelling Dave is a special decision: four yes of five settle it
    // (Ferdie votes with Eve's share). The proposal names his share, so
    // moving it to another key meanwhile does not dodge it. After it he
    // cannot vote.
    let pending = coop
        .propose(&coop.bob, "pending", Action::Resolution)
        .await
        .expect("proposes");
    let expel = coop
        .propose(&coop.alice, "expel dave", Action::Expel(5))
        .await
        .expect("proposes");
    for who in [&coop.alice, &coop.bob, &coop.charlie, &coop.ferdie] {
        coop.vote(who, expel, Choice::Yes).await.expect("votes yes");
    }
    let dodge = signer("//coop-tests/dave-dodge");
    coop.governance
        .call(&coop.dave, gov::messages::MOVE_SHARE, (dodge.account(),))
        .await
        .expect("dave moves his share");
    assert_eq!(
        coop.execute(&coop.ferdie, expel).await.expect("executes"),
        Status::Executed
    );
    assert_eq!(
        coop.share_of(&dodge.account()).await,
        None,
        "share 5 is gone"
    );
    refused(
        coop.vote(&dodge, pending, Choice::Yes).await,
        gov::Error::NotMember,
    );
    assert_eq!(coop.members().await, 4);
}

async fn votes_are_counted_once_and_outcomes_are_final(backend: Backend) {
    let coop = Coop::found(backend, test_rules()).await;

    // Double vote.
    let id = coop
        .propose(&coop.alice, "health plan", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.alice, id, Choice::Yes)
        .await
        .expect("votes");
    refused(
        coop.vote(&coop.alice, id, Choice::No).await,
        gov::Error::AlreadyVoted,
    );
    // Too early to execute: two votes could still outweigh Alice's.
    refused(
        coop.execute(&coop.ferdie, id).await,
        gov::Error::VotingNotOver,
    );
    coop.vote(&coop.bob, id, Choice::Yes).await.expect("votes");
    assert_eq!(
        coop.execute(&coop.ferdie, id).await.expect("executes"),
        Status::Executed
    );
    // Executing twice.
    refused(
        coop.execute(&coop.ferdie, id).await,
        gov::Error::ProposalClosed,
    );
    refused(
        coop.vote(&coop.charlie, id, Choice::No).await,
        gov::Error::ProposalClosed,
    );

    // All abstain on a special decision: no yes, no decision.
    let special = coop
        .propose(&coop.bob, "expel charlie", Action::Expel(3))
        .await
        .expect("proposes");
    for who in [&coop.alice, &coop.bob, &coop.charlie] {
        coop.vote(who, special, Choice::Abstain)
            .await
            .expect("abstains");
    }
    assert_eq!(
        coop.execute(&coop.ferdie, special).await.expect("closes"),
        Status::Rejected
    );
    refused(
        coop.execute(&coop.ferdie, special).await,
        gov::Error::ProposalClosed,
    );
    assert_eq!(coop.members().await, 3);

    // Quorum missed: one vote of three by the deadline.
    let quiet = coop
        .propose(&coop.charlie, "quiet", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.charlie, quiet, Choice::Yes)
        .await
        .expect("votes");
    coop.advance(4).await;
    refused(
        coop.vote(&coop.alice, quiet, Choice::Yes).await,
        gov::Error::VotingClosed,
    );
    assert_eq!(
        coop.execute(&coop.ferdie, quiet).await.expect("closes"),
        Status::Rejected
    );

    // Passed but left unexecuted past its window: it expires.
    let late = coop
        .propose(&coop.alice, "late", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.alice, late, Choice::Yes)
        .await
        .expect("votes");
    coop.vote(&coop.bob, late, Choice::Yes)
        .await
        .expect("votes");
    coop.advance(4 + 4 + 1).await;
    assert_eq!(
        coop.execute(&coop.ferdie, late).await.expect("closes"),
        Status::Expired
    );
    refused(
        coop.execute(&coop.ferdie, late).await,
        gov::Error::ProposalClosed,
    );

    // Withdrawal: only by the proposer, only while nobody has voted.
    let w = coop
        .propose(&coop.bob, "withdraw me", Action::Resolution)
        .await
        .expect("proposes");
    refused(
        coop.governance
            .call(&coop.alice, gov::messages::WITHDRAW, (w,))
            .await,
        gov::Error::NotProposer,
    );
    coop.governance
        .call(&coop.bob, gov::messages::WITHDRAW, (w,))
        .await
        .expect("the proposer withdraws");
    refused(
        coop.vote(&coop.alice, w, Choice::Yes).await,
        gov::Error::ProposalClosed,
    );
    let voted = coop
        .propose(&coop.bob, "has votes", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.charlie, voted, Choice::No)
        .await
        .expect("votes");
    refused(
        coop.governance
            .call(&coop.bob, gov::messages::WITHDRAW, (voted,))
            .await,
        gov::Error::HasVotes,
    );
}

async fn treasury_payments_and_rule_changes(backend: Backend) {
    // A longer period: a proposal stays open while a rule change is decided.
    let coop = Coop::found(
        backend,
        Rules {
            voting_period: 12,
            ..test_rules()
        },
    )
    .await;
    let dave = coop.dave.account();

    // Deposits reach the treasury, with an event; a plain transfer does too.
    coop.governance
        .call_with_value(&coop.eve, gov::messages::DEPOSIT, (), 5 * UNIT)
        .await
        .expect("deposits");
    refused(
        coop.governance
            .call(&coop.eve, gov::messages::DEPOSIT, ())
            .await,
        gov::Error::NothingDeposited,
    );
    coop.chain
        .transfer(&coop.eve, &coop.governance.address(), UNIT)
        .await
        .expect("transfers");
    assert_eq!(coop.treasury().await, 16 * UNIT);

    // One unit more than the treasury: marked failed, nothing paid.
    let before = coop.chain.free_balance(&dave).await.expect("balance");
    let (_, status) = coop
        .decide(
            "pay too much",
            Action::Payment {
                to: dave,
                amount: 16 * UNIT + 1,
            },
        )
        .await;
    assert_eq!(status, Status::Failed(FailureReason::InsufficientTreasury));
    assert_eq!(coop.treasury().await, 16 * UNIT);
    // A payment that fits.
    let (_, status) = coop
        .decide(
            "pay dave",
            Action::Payment {
                to: dave,
                amount: 3 * UNIT,
            },
        )
        .await;
    assert_eq!(status, Status::Executed);
    assert_eq!(
        coop.chain.free_balance(&dave).await.expect("balance"),
        before + 3 * UNIT
    );
    assert_eq!(coop.treasury().await, 13 * UNIT);
    // A payment to an account the chain has never seen fails and pays
    // nothing: pallet-contracts refuses to create it below the existential
    // deposit; on pallet-revive the contract refuses, since the pallet would
    // send it to a stand-in account that the payee's key does not control.
    let nobody = AccountId::from([7u8; 32]);
    let (_, status) = coop
        .decide(
            "dust",
            Action::Payment {
                to: nobody,
                amount: 1,
            },
        )
        .await;
    let reason = match backend {
        Backend::Contracts => FailureReason::TransferFailed,
        Backend::Revive => FailureReason::UnknownPayee,
    };
    assert_eq!(status, Status::Failed(reason));
    assert_eq!(coop.treasury().await, 13 * UNIT);

    // The treasury as `treasury()` shows it can be paid out whole: it is
    // what lies above the existential deposit the contract must keep.
    let all = coop.treasury().await;
    let before = coop.chain.free_balance(&dave).await.expect("balance");
    let (_, status) = coop
        .decide(
            "pay out the whole treasury",
            Action::Payment {
                to: dave,
                amount: all,
            },
        )
        .await;
    assert_eq!(status, Status::Executed);
    assert_eq!(
        coop.chain.free_balance(&dave).await.expect("balance"),
        before + all
    );
    assert_eq!(coop.treasury().await, 0);

    // A rule change never alters an open proposal.
    let open = coop
        .propose(
            &coop.charlie,
            "made under the old rules",
            Action::Resolution,
        )
        .await
        .expect("proposes");
    let unanimous = Rules {
        quorum: Fraction { num: 1, den: 1 },
        vote_change: true,
        ..coop.rules
    };
    let (_, status) = coop
        .decide("everyone must vote", Action::ChangeRules(unanimous))
        .await;
    assert_eq!(status, Status::Executed);
    let rules: Rules = coop
        .governance
        .read(gov::messages::RULES, ())
        .await
        .expect("rules()");
    assert_eq!(rules, unanimous);
    assert_eq!(
        coop.proposal(open).await.state.rules,
        Rules {
            voting_period: 12,
            ..test_rules()
        }
    );
    // Under its own rules (half quorum, votes final) two yes settle it now;
    // under the new ones it would need all three and could not close early.
    coop.vote(&coop.alice, open, Choice::Yes)
        .await
        .expect("votes");
    refused(
        coop.vote(&coop.alice, open, Choice::No).await,
        gov::Error::AlreadyVoted,
    );
    coop.vote(&coop.bob, open, Choice::Yes)
        .await
        .expect("votes");
    assert_eq!(
        coop.execute(&coop.ferdie, open).await.expect("executes"),
        Status::Executed
    );
    // New proposals follow the new rules: votes may now change.
    let fresh = coop
        .propose(
            &coop.charlie,
            "made under the new rules",
            Action::Resolution,
        )
        .await
        .expect("proposes");
    coop.vote(&coop.alice, fresh, Choice::Yes)
        .await
        .expect("votes");
    coop.vote(&coop.alice, fresh, Choice::No)
        .await
        .expect("changes the vote");
    assert_eq!(
        coop.proposal(fresh).await.state.tally,
        Tally {
            yes: 0,
            no: 1,
            abstain: 0
        }
    );
    refused(
        coop.execute(&coop.ferdie, fresh).await,
        gov::Error::VotingNotOver,
    );
}

async fn limits_and_the_last_member(backend: Backend) {
    let coop = Coop::found(
        backend,
        Rules {
            max_open_per_member: 2,
            // Long enough that the first proposals stay before their
            // deadline through the withdrawal and the key move.
            voting_period: 12,
            ..test_rules()
        },
    )
    .await;
    // The open-proposal limit.
    coop.propose(&coop.charlie, "one", Action::Resolution)
        .await
        .expect("proposes");
    let two = coop
        .propose(&coop.charlie, "two", Action::Resolution)
        .await
        .expect("proposes");
    refused(
        coop.propose(&coop.charlie, "three", Action::Resolution)
            .await,
        gov::Error::TooManyOpenProposals,
    );
    // Withdrawing frees no slot before the deadline: the limit cannot be
    // cycled to flood the coop with proposals.
    coop.governance
        .call(&coop.charlie, gov::messages::WITHDRAW, (two,))
        .await
        .expect("withdraws");
    refused(
        coop.propose(&coop.charlie, "three", Action::Resolution)
            .await,
        gov::Error::TooManyOpenProposals,
    );
    // Keyed by share: a new key for the same share starts no fresh count.
    let charlie = funded(&coop, "charlie-new").await;
    coop.governance
        .call(
            &coop.charlie,
            gov::messages::MOVE_SHARE,
            (charlie.account(),),
        )
        .await
        .expect("charlie moves his share");
    refused(
        coop.propose(&charlie, "three", Action::Resolution).await,
        gov::Error::TooManyOpenProposals,
    );
    // Bounded text, checked at its limit.
    let long = "t".repeat(129);
    refused(
        coop.propose(&coop.alice, &long, Action::Resolution).await,
        gov::Error::TitleTooLong,
    );
    coop.propose(&coop.alice, &"t".repeat(128), Action::Resolution)
        .await
        .expect("128 bytes fit");
    // Once the deadlines pass, the proposer may propose again.
    coop.advance(12).await;
    coop.propose(&charlie, "three", Action::Resolution)
        .await
        .expect("deadlines passed");

    // Resigning is the member's own act; the last member cannot leave.
    for who in [&coop.alice, &coop.bob] {
        coop.governance
            .call(who, gov::messages::RESIGN, ())
            .await
            .expect("resigns");
    }
    refused(
        coop.governance
            .call(&charlie, gov::messages::RESIGN, ())
            .await,
        gov::Error::LastMember,
    );
    // Nor be expelled: the action fails with the register's reason.
    let id = coop
        .propose(&charlie, "expel myself", Action::Expel(3))
        .await
        .expect("proposes");
    coop.vote(&charlie, id, Choice::Yes).await.expect("votes");
    let status = coop.execute(&coop.ferdie, id).await.expect("closes early");
    assert_eq!(
        status,
        Status::Failed(FailureReason::Register(reg::Error::LastMember))
    );
    assert_eq!(coop.members().await, 1);
}

/// A key rotation moves a member's share to another key; a faction with a
/// bare majority must not be able to do that to a dissident (it would then
/// hold two votes, or resign the share: an expulsion without two thirds).
/// Moving a lost key's share is a special decision; a member moves their
/// own share alone.
async fn a_bare_majority_cannot_take_a_share_and_a_member_moves_their_own(backend: Backend) {
    let coop = Coop::found(
        backend,
        Rules {
            voting_period: 12,
            ..test_rules()
        },
    )
    .await;
    let (dave, eve) = (coop.dave.account(), coop.eve.account());
    coop.admit(&[&coop.dave, &coop.eve]).await;
    assert_eq!(coop.members().await, 5);

    // Three of five vote to move Eve's share to a key the faction holds;
    // Dave and Eve vote no. 60% of yes+no is below two thirds: rejected.
    let faction_key = signer("//coop-tests/faction").account();
    let id = coop
        .propose(
            &coop.alice,
            "move eve's share",
            Action::RotateKey {
                share: 5,
                new: faction_key,
            },
        )
        .await
        .expect("proposes");
    assert!(coop.proposal(id).await.state.special, "a special decision");
    coop.founders_vote_yes(id).await;
    for who in [&coop.dave, &coop.eve] {
        coop.vote(who, id, Choice::No).await.expect("votes no");
    }
    coop.advance(12).await;
    assert_eq!(
        coop.execute(&coop.ferdie, id).await.expect("executes"),
        Status::Rejected
    );
    assert_eq!(coop.share_of(&eve).await.map(|s| s.number), Some(5));
    assert_eq!(coop.share_of(&faction_key).await, None);

    // Eve votes on an open proposal, then moves her own share to a new key
    // with no vote: number and seniority kept, her vote still counted once.
    let open = coop
        .propose(&coop.alice, "buy a van", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.eve, open, Choice::Yes)
        .await
        .expect("eve votes");
    let before_move = coop.share_of(&eve).await.expect("eve's share");
    let new_key = signer("//coop-tests/eve-new");
    coop.chain
        .transfer(&coop.ferdie, &new_key.account(), 10 * UNIT)
        .await
        .expect("the new key is funded");
    let moved = coop
        .governance
        .call(&coop.eve, gov::messages::MOVE_SHARE, (new_key.account(),))
        .await
        .expect("eve moves her share");
    assert_eq!(moved.value, 5);
    let after_move = coop.share_of(&new_key.account()).await.expect("moved");
    assert_eq!(
        after_move,
        Share {
            holder: new_key.account(),
            seen_at: u32::try_from(moved.included.block.number).expect("a u32 block"),
            ..before_move
        }
    );
    assert_eq!(coop.share_of(&eve).await, None);
    let voter: Option<gov::Voter> = coop
        .governance
        .read(gov::messages::VOTER, (new_key.account(),))
        .await
        .expect("voter()");
    assert_eq!(
        voter,
        Some(gov::Voter::of(&after_move)),
        "the roster moved too"
    );
    // The old key can no longer act; the new one cannot vote again.
    refused(
        coop.vote(&coop.eve, open, Choice::No).await,
        gov::Error::NotMember,
    );
    refused(
        coop.vote(&new_key, open, Choice::No).await,
        gov::Error::AlreadyVoted,
    );
    assert_eq!(coop.proposal(open).await.state.tally.yes, 1);
    // Nobody moves a share they do not hold, nor onto a member's key.
    refused(
        coop.governance
            .call(&coop.eve, gov::messages::MOVE_SHARE, (eve,))
            .await,
        gov::Error::NotMember,
    );
    refused(
        coop.governance
            .call(&new_key, gov::messages::MOVE_SHARE, (dave,))
            .await,
        gov::Error::AlreadyMember,
    );
}

/// An executor picks the weight limit of its own transaction. If running
/// the register out of gas closed a passed admission as failed, anyone could
/// kill any passed admission for good by executing it with a limit just too
/// low: only the register's own refusal may close a proposal as failed. The
/// sweep lowers ref_time and proof size apart, below what the dry run needs.
async fn no_gas_limit_closes_a_passed_proposal_as_failed(backend: Backend) {
    // A long execution window: every attempt that runs out of gas still
    // makes a block.
    let coop = Coop::found(
        backend,
        Rules {
            execution_window: 500,
            ..test_rules()
        },
    )
    .await;
    // An expulsion: its execution calls into the register.
    let id = coop
        .propose(&coop.alice, "expel charlie", Action::Expel(3))
        .await
        .expect("proposes");
    coop.founders_vote_yes(id).await;
    // Everyone voted and votes are final: it may be executed now.
    let run = coop
        .governance
        .dry_run(&coop.ferdie.account(), gov::messages::EXECUTE, (id,), 0)
        .await
        .expect("dry run");
    assert!(!run.reverted, "it executes with enough gas");
    let need = run.gas_required;
    let data = encode_call(gov::messages::EXECUTE, (id,));
    let contracts = coop.governance.contracts();
    let mut sent = 0;
    'sweep: for permille in [
        200u64, 500, 700, 800, 850, 900, 930, 950, 970, 980, 990, 995, 998, 999,
    ] {
        let lower = |v: u64| v.saturating_mul(permille) / 1_000;
        for limit in [
            Weight {
                ref_time: lower(need.ref_time),
                proof_size: need.proof_size,
            },
            Weight {
                ref_time: need.ref_time,
                proof_size: lower(need.proof_size),
            },
        ] {
            let result = contracts
                .call_with_limit(
                    &coop.ferdie,
                    &coop.governance.address(),
                    &data,
                    limit,
                    100 * UNIT,
                )
                .await;
            sent += 1;
            let status = coop.proposal(id).await.state.status;
            assert!(
                !matches!(status, Status::Failed(_)),
                "a limit of {limit:?} ({permille}‰ of {need:?}) closed it as {status:?} ({result:?})"
            );
            if status != Status::Open {
                break 'sweep;
            }
        }
    }
    assert!(sent > 0);
    if coop.proposal(id).await.state.status == Status::Open {
        assert_eq!(
            coop.execute(&coop.ferdie, id).await.expect("executes"),
            Status::Executed
        );
    }
    assert_eq!(coop.proposal(id).await.state.status, Status::Executed);
    assert_eq!(coop.share_of(&coop.charlie.account()).await, None);
}

/// The floors fixed at founding: no rule change may go below them (each is
/// refused by name when proposed), so no majority can shorten votes to a
/// block and drop the quorum, then let one member propose, vote and pay
/// themselves the treasury.
async fn rule_floors_hold_for_the_coops_life(backend: Backend) {
    let floors = Floors {
        voting_period: 4,
        quorum: Fraction { num: 1, den: 2 },
        execution_window: 4,
    };
    let coop = Coop::found_with_floors(backend, test_rules(), floors).await;
    assert_eq!(
        coop.governance
            .read(gov::messages::FLOORS, ())
            .await
            .expect("floors()"),
        floors
    );
    let lower = [
        (
            Rules {
                voting_period: 3,
                ..coop.rules
            },
            gov::Error::VotingPeriodBelowFloor,
        ),
        (
            Rules {
                quorum: Fraction { num: 1, den: 3 },
                ..coop.rules
            },
            gov::Error::QuorumBelowFloor,
        ),
        (
            Rules {
                execution_window: 3,
                ..coop.rules
            },
            gov::Error::ExecutionWindowBelowFloor,
        ),
        (
            Rules {
                special: Threshold {
                    fraction: Fraction { num: 1, den: 2 },
                    strict: false,
                },
                ..coop.rules
            },
            gov::Error::SpecialBelowOrdinary,
        ),
    ];
    for (rules, error) in lower {
        refused(
            coop.propose(&coop.alice, "lower the bar", Action::ChangeRules(rules))
                .await,
            error,
        );
    }

    // Under the lowest rules the floors allow, one member of three cannot
    // pass a payment to themselves: it cannot close early, and at the
    // deadline one vote is below the quorum.
    let treasury = coop.treasury().await;
    let grab = coop
        .propose(
            &coop.alice,
            "pay alice",
            Action::Payment {
                to: coop.alice.account(),
                amount: 5 * UNIT,
            },
        )
        .await
        .expect("proposes");
    coop.vote(&coop.alice, grab, Choice::Yes)
        .await
        .expect("votes");
    refused(
        coop.execute(&coop.ferdie, grab).await,
        gov::Error::VotingNotOver,
    );
    coop.advance(floors.voting_period).await;
    assert_eq!(
        coop.execute(&coop.ferdie, grab).await.expect("executes"),
        Status::Rejected
    );
    assert_eq!(coop.treasury().await, treasury);
}

/// The signed storage deposit of a transaction (from its dry run):
/// positive when the signer paid, negative when refunded.
fn deposit<T>(outcome: &coop_client::contracts::Outcome<T>) -> i128 {
    use coop_client::contracts::StorageDeposit;
    match outcome.costs.storage_deposit {
        StorageDeposit::Charge(a) => i128::try_from(a).expect("fits"),
        StorageDeposit::Refund(a) => -i128::try_from(a).expect("fits"),
    }
}

/// A key nobody else uses, funded by Ferdie so it can sign.
/// A coop founded by as many founders as one call allows: the founding is
/// included in a block on each backend (on pallet-revive each new storage
/// item weighs about 10 KB of proof, and blocks of the local chain leave a
/// transaction less than 2 MB), and governance knows every founder as a
/// voter, by the register until their first vote puts them on its roster.
async fn the_most_founders_one_call_allows_found_a_coop_that_knows_them_all(backend: Backend) {
    let count = usize::try_from(reg::MAX_MEMBERS_PER_CALL).expect("fits");
    let founders: Vec<AccountId> = ["//Alice", "//Bob", "//Charlie"]
        .iter()
        .map(|uri| signer(uri).account())
        .chain((4..=count).map(|n| signer(&format!("//Founder{n}")).account()))
        .collect();
    let coop = Coop::found_with(backend, test_rules(), Floors::lowest(), founders.clone()).await;
    assert_eq!(coop.members().await, reg::MAX_MEMBERS_PER_CALL);
    let governance = &coop.governance;
    let voter = |account: AccountId| async move {
        let voter: Option<gov::Voter> = governance
            .read(gov::messages::VOTER, (account,))
            .await
            .expect("voter()");
        voter.map(|v| (v.number, v.state))
    };
    for (n, founder) in founders.iter().enumerate() {
        let number = u32::try_from(n + 1).expect("fits");
        assert_eq!(
            voter(*founder).await,
            Some((number, ShareState::Active)),
            "founder {number}"
        );
    }
    assert_eq!(voter(coop.ferdie.account()).await, None, "the deployer");
    // A founder's first vote puts them on the roster, as the same share.
    let id = coop
        .propose(&coop.alice, "all of us", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.charlie, id, Choice::Yes)
        .await
        .expect("votes");
    assert_eq!(
        voter(coop.charlie.account()).await,
        Some((3, ShareState::Active))
    );
}

async fn funded(coop: &Coop, name: &str) -> Signer {
    let key = signer(&format!("//coop-tests/{name}"));
    coop.chain
        .transfer(&coop.ferdie, &key.account(), 10 * UNIT)
        .await
        .expect("funded");
    key
}

/// Nobody becomes a member without signing: a passed admission is an
/// offer that the named key accepts, once, within the acceptance window.
async fn an_offer_is_accepted_by_its_own_key_once_and_lapses(backend: Backend) {
    let coop = Coop::found(
        backend,
        Rules {
            acceptance_window: 6,
            ..test_rules()
        },
    )
    .await;
    let (dave, eve) = (coop.dave.account(), coop.eve.account());
    let id = coop
        .propose(
            &coop.alice,
            "admit dave and eve",
            Action::Admit(vec![dave, eve]),
        )
        .await
        .expect("proposes");
    refused(coop.accept(&coop.dave, id).await, gov::Error::NoOffer);
    coop.founders_vote_yes(id).await;
    assert_eq!(
        coop.execute(&coop.ferdie, id).await.expect("executes"),
        Status::Executed
    );
    assert_eq!(coop.members().await, 3, "an offer is not a share");
    assert_eq!(coop.share_of(&dave).await, None);
    // Only a named key accepts, and only an executed admission's offer.
    refused(coop.accept(&coop.ferdie, id).await, gov::Error::NoOffer);
    let resolution = coop.decide("a resolution", Action::Resolution).await.0;
    refused(
        coop.accept(&coop.dave, resolution).await,
        gov::Error::NoOffer,
    );
    refused(
        coop.accept(&coop.dave, 99).await,
        gov::Error::UnknownProposal,
    );

    assert_eq!(coop.accept(&coop.dave, id).await.expect("accepts"), 4);
    assert_eq!(coop.share_of(&dave).await.map(|s| s.number), Some(4));
    refused(coop.accept(&coop.dave, id).await, gov::Error::OfferTaken);
    // Resigning does not make the offer usable again.
    coop.governance
        .call(&coop.dave, gov::messages::RESIGN, ())
        .await
        .expect("dave resigns");
    refused(coop.accept(&coop.dave, id).await, gov::Error::OfferTaken);

    // Eve lets the window pass: her offer lapses.
    let state = coop.proposal(id).await.state;
    assert_eq!(state.offers_taken, 0b01);
    let best = coop.chain.best_block().await.expect("best").number;
    let past = u64::from(state.acceptance_deadline()) + 1;
    coop.advance(u32::try_from(past.saturating_sub(best)).expect("small"))
        .await;
    refused(coop.accept(&coop.eve, id).await, gov::Error::OfferLapsed);
    assert_eq!(coop.share_of(&eve).await, None);
    assert_eq!(coop.members().await, 3);
}

/// A 3-to-2 vote used to be able to admit 64 keys nobody holds, after
/// which no quorum could ever be reached again. Offers that are never
/// accepted count for nothing; a proposal made before accepted offers
/// keeps the electorate it was made with.
async fn offers_never_accepted_leave_the_electorate_alone(backend: Backend) {
    let coop = Coop::found(
        backend,
        Rules {
            voting_period: 400,
            acceptance_window: 400,
            dormancy_period: 400,
            ..test_rules()
        },
    )
    .await;
    // Made with 3 members; 2 yes of 3 pass it (half the electorate votes).
    let early = coop
        .propose(&coop.alice, "made with three", Action::Resolution)
        .await
        .expect("proposes");
    for who in [&coop.alice, &coop.bob] {
        coop.vote(who, early, Choice::Yes).await.expect("votes");
    }
    let keys: Vec<Signer> = (0..64)
        .map(|i| signer(&format!("//coop-tests/newcomer/{i}")))
        .collect();
    let mut admissions = Vec::new();
    for batch in keys.chunks(12) {
        let accounts = batch.iter().map(Signer::account).collect();
        let (id, status) = coop.decide("admit a batch", Action::Admit(accounts)).await;
        assert_eq!(status, Status::Executed);
        admissions.push(id);
    }
    // 64 offers outstanding, none accepted: nothing changed.
    assert_eq!(coop.members().await, 3);
    let later = coop
        .propose(&coop.alice, "made with offers open", Action::Resolution)
        .await
        .expect("proposes");
    assert_eq!(coop.proposal(later).await.state.electorate, 3);
    for who in [&coop.alice, &coop.bob] {
        coop.vote(who, later, Choice::Yes).await.expect("votes");
    }
    assert_eq!(
        coop.execute(&coop.ferdie, later).await.expect("executes"),
        Status::Executed,
        "decisions still pass"
    );

    // Now all 64 accept: numbers follow acceptance.
    for (i, (key, id)) in keys
        .iter()
        .zip(
            admissions
                .iter()
                .flat_map(|id| std::iter::repeat_n(*id, 12)),
        )
        .enumerate()
    {
        coop.chain
            .transfer(&coop.ferdie, &key.account(), UNIT)
            .await
            .expect("funded");
        let share = coop.accept(key, id).await.expect("accepts");
        assert_eq!(share, 4 + u32::try_from(i).expect("small"));
    }
    assert_eq!(coop.members().await, 67);
    // The early proposal is judged by the electorate it recorded (3), not
    // by 67: its 2 yes still pass at the deadline.
    let state = coop.proposal(early).await.state;
    assert_eq!(state.electorate, 3);
    let best = coop.chain.best_block().await.expect("best").number;
    let wait = u64::from(state.deadline).saturating_sub(best);
    coop.advance(u32::try_from(wait).expect("small")).await;
    assert_eq!(
        coop.execute(&coop.ferdie, early).await.expect("executes"),
        Status::Executed
    );
}

/// A coop of 7 whose 4 founders lost their keys could never reach a
/// quorum again, and every remedy needed that quorum. The active members
/// suspend shares silent for the dormancy period; a member who takes part
/// can never be suspended; a suspended holder returns by signing.
async fn lost_keys_are_suspended_and_return_by_signing(backend: Backend) {
    let lost: Vec<Signer> = (0..4)
        .map(|i| signer(&format!("//coop-tests/lost/{i}")))
        .collect();
    let mut founders: Vec<AccountId> = ["//Alice", "//Bob", "//Charlie"]
        .map(|uri| signer(uri).account())
        .to_vec();
    founders.extend(lost.iter().map(Signer::account));
    let rules = Rules {
        voting_period: 8,
        execution_window: 40,
        dormancy_period: 40,
        ..test_rules()
    };
    let coop = Coop::found_with(backend, rules, Floors::lowest(), founders).await;
    let payee = coop.ferdie.account();
    let pay = Action::Payment {
        to: payee,
        amount: UNIT,
    };

    // Three of seven cannot reach half the electorate.
    let (_, status) = coop.decide("pay, frozen", pay.clone()).await;
    assert_eq!(status, Status::Rejected, "3 of 7 is below the quorum");

    // Shares are not dormant before the dormancy period has passed, nor
    // is a share that voted within it, nor the proposer's own.
    refused(
        coop.propose(&coop.alice, "too soon", Action::Suspend(vec![4, 5, 6, 7]))
            .await,
        gov::Error::NotDormant,
    );
    coop.advance(40).await;
    let recent = coop
        .propose(&coop.alice, "a recent vote", Action::Resolution)
        .await
        .expect("proposes");
    coop.vote(&coop.charlie, recent, Choice::Yes)
        .await
        .expect("charlie votes");
    refused(
        coop.propose(&coop.alice, "charlie voted", Action::Suspend(vec![3]))
            .await,
        gov::Error::NotDormant,
    );
    refused(
        coop.propose(&coop.alice, "myself", Action::Suspend(vec![1]))
            .await,
        gov::Error::NotDormant,
    );
    refused(
        coop.propose(&coop.alice, "nobody", Action::Suspend(vec![42]))
            .await,
        gov::Error::NoSuchShare,
    );

    // A named member who takes part during the vote cannot be suspended.
    coop.chain
        .transfer(&coop.ferdie, &lost[3].account(), 10 * UNIT)
        .await
        .expect("funded");
    let id = coop
        .propose(
            &coop.alice,
            "suspend the silent",
            Action::Suspend(vec![4, 5, 6, 7]),
        )
        .await
        .expect("proposes");
    let state = coop.proposal(id).await.state;
    assert!(state.special);
    assert_eq!(state.electorate, 3, "the named shares are left out");
    coop.vote(&lost[3], id, Choice::No)
        .await
        .expect("share 7 shows up");
    coop.founders_vote_yes(id).await;
    coop.advance(8).await;
    assert_eq!(
        coop.execute(&coop.ferdie, id).await.expect("executes"),
        Status::Failed(FailureReason::NotDormant)
    );
    refused(
        coop.propose(&coop.alice, "again", Action::Suspend(vec![4, 5, 6, 7]))
            .await,
        gov::Error::NotDormant,
    );

    // After another silent period, the three active members suspend the four.
    coop.advance(40).await;
    let (id, status) = coop
        .decide("suspend the lost", Action::Suspend(vec![4, 5, 6, 7]))
        .await;
    assert_eq!(status, Status::Executed);
    let suspended: u32 = coop
        .register
        .read(reg::messages::SUSPENDED_COUNT, ())
        .await
        .expect("suspended_count()");
    assert_eq!((suspended, coop.members().await), (4, 7));
    refused(
        coop.propose(&coop.alice, "twice", Action::Suspend(vec![4]))
            .await,
        gov::Error::AlreadySuspended,
    );

    // The coop decides again: two of three pass a payment.
    let payment = coop
        .propose(&coop.alice, "pay, at last", pay)
        .await
        .expect("proposes");
    assert_eq!(coop.proposal(payment).await.state.electorate, 3);
    for who in [&coop.alice, &coop.bob] {
        coop.vote(who, payment, Choice::Yes).await.expect("votes");
    }
    refused(
        coop.vote(&lost[3], payment, Choice::Yes).await,
        gov::Error::Suspended,
    );
    coop.advance(8).await;
    assert_eq!(
        coop.execute(&coop.ferdie, payment).await.expect("executes"),
        Status::Executed
    );
    assert!(id < payment);

    // A suspended holder returns by signing, and votes on proposals made
    // afterwards (not on those whose electorate left it out).
    let open = coop
        .propose(&coop.bob, "made while suspended", Action::Resolution)
        .await
        .expect("proposes");
    let back = coop
        .governance
        .call(&lost[3], gov::messages::REACTIVATE, ())
        .await
        .expect("reactivates");
    assert_eq!(back.value, 7);
    refused(
        coop.governance
            .call(&lost[3], gov::messages::REACTIVATE, ())
            .await,
        gov::Error::NotSuspended,
    );
    refused(
        coop.vote(&lost[3], open, Choice::Yes).await,
        gov::Error::NotEligible,
    );
    let fresh = coop
        .propose(&coop.bob, "made after the return", Action::Resolution)
        .await
        .expect("proposes");
    assert_eq!(coop.proposal(fresh).await.state.electorate, 4);
    coop.vote(&lost[3], fresh, Choice::Yes)
        .await
        .expect("votes again");
}

/// Each account pays the storage it adds and is the one who gets it back:
/// the executor of an admission does not pay the new shares (the member
/// who accepts does, and gets it back on resigning), an expelled member
/// releases their own share's deposit, and a member prunes their own
/// ballots and proposals once closed.
async fn each_account_pays_for_its_own_storage(backend: Backend) {
    let coop = Coop::found(backend, test_rules()).await;
    let (dave, eve) = (coop.dave.account(), coop.eve.account());
    let id = coop
        .propose(
            &coop.alice,
            "admit dave and eve",
            Action::Admit(vec![dave, eve]),
        )
        .await
        .expect("proposes");
    coop.founders_vote_yes(id).await;
    let executed = coop
        .governance
        .call(&coop.ferdie, gov::messages::EXECUTE, (id,))
        .await
        .expect("ferdie executes");
    assert_eq!(executed.value, Status::Executed);
    let accepted = coop
        .governance
        .call(&coop.dave, gov::messages::ACCEPT, (id,))
        .await
        .expect("dave accepts");
    let share = deposit(&accepted);
    assert!(share > 0, "the accepting member pays for the share");
    assert!(
        deposit(&executed) < share / 4,
        "the executor paid {} for shares it did not add (a share is {share})",
        deposit(&executed)
    );
    let resigned = coop
        .governance
        .call(&coop.dave, gov::messages::RESIGN, ())
        .await
        .expect("dave resigns");
    assert!(
        -deposit(&resigned) >= share * 9 / 10,
        "the resigning member gets their own deposit back: {} of {share}",
        -deposit(&resigned)
    );

    // An expulsion's executor does not pocket the expelled share's deposit;
    // the expelled member releases it.
    coop.accept(&coop.eve, id).await.expect("eve accepts");
    let expel = coop
        .propose(&coop.alice, "expel eve", Action::Expel(5))
        .await
        .expect("proposes");
    coop.founders_vote_yes(expel).await;
    let expelled = coop
        .governance
        .call(&coop.ferdie, gov::messages::EXECUTE, (expel,))
        .await
        .expect("executes");
    assert_eq!(expelled.value, Status::Executed);
    assert!(
        -deposit(&expelled) < share / 4,
        "the executor was refunded {} of eve's share",
        -deposit(&expelled)
    );
    assert_eq!(coop.share_of(&eve).await, None);
    // Her roster entry (made when she accepted, and paid by her) stays, as
    // her share does in the register, until she releases it; she votes
    // nowhere meanwhile.
    let roster: Option<gov::Voter> = coop
        .governance
        .read(gov::messages::VOTER, (eve,))
        .await
        .expect("voter()");
    assert_eq!(roster, None, "an expelled share votes nowhere");
    let released = coop
        .governance
        .call(&coop.eve, gov::messages::RELEASE, ())
        .await
        .expect("eve releases");
    assert_eq!(released.value, 5);
    assert!(-deposit(&released) >= share * 9 / 10);
    refused(
        coop.governance
            .call(&coop.eve, gov::messages::RELEASE, ())
            .await,
        gov::Error::NothingToRelease,
    );
    let roster: Option<gov::Voter> = coop
        .governance
        .read(gov::messages::VOTER, (eve,))
        .await
        .expect("voter()");
    assert_eq!(roster, None, "released from the roster too");

    // Pruning: only closed proposals, only one's own entries, and the
    // deposit comes back to the member.
    let open = coop
        .propose(&coop.bob, "still open", Action::Resolution)
        .await
        .expect("proposes");
    refused(
        coop.governance
            .call(&coop.bob, gov::messages::PRUNE, (vec![open],))
            .await,
        gov::Error::ProposalOpen,
    );
    refused(
        coop.governance
            .call(&coop.ferdie, gov::messages::PRUNE, (vec![id],))
            .await,
        gov::Error::NotMember,
    );
    let ballots = coop
        .governance
        .call(&coop.bob, gov::messages::PRUNE, (vec![id, expel],))
        .await
        .expect("bob prunes his ballots");
    assert_eq!(ballots.value, 2);
    assert!(deposit(&ballots) < 0, "bob gets his ballots' deposit back");
    let vote: Option<Choice> = coop
        .governance
        .read(gov::messages::VOTE_OF, (id, 2))
        .await
        .expect("vote_of()");
    assert_eq!(vote, None);
    refused(
        coop.governance
            .call(&coop.bob, gov::messages::PRUNE, (vec![id],))
            .await,
        gov::Error::NothingToPrune,
    );
    // The proposer prunes the content of a closed proposal; its state and
    // tally stay.
    let own = coop
        .governance
        .call(&coop.alice, gov::messages::PRUNE, (vec![expel],))
        .await
        .expect("alice prunes her proposal");
    assert!(deposit(&own) < 0);
    let kept = coop.proposal(expel).await;
    assert_eq!(kept.content, None);
    assert_eq!(kept.state.tally.yes, 3);
}
