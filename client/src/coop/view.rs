//! How coop values are written for scripts: the JSON forms of `--json`
//! and the exports, as `Serialize` structs with stable field names (the
//! command's `text.rs` writes them in words for people).
//!
//! JSON conventions, relied on by scripts:
//! - accounts are SS58 addresses with the chain's own prefix (see
//!   [`set_ss58_prefix`]), as people type them; only the manifest and
//!   fields named `*_hex` keep raw `0x`-hex;
//! - amounts are decimal strings of the chain's smallest unit (they can
//!   exceed what a JSON number holds exactly);
//! - choices are `yes`, `no`, `abstain`; statuses are `open`, `withdrawn`,
//!   `rejected`, `executed`, `failed`, `expired` (a failed one has a `reason`);
//! - a tally is `{"yes", "no", "abstain"}`; a fraction is `{"num", "den"}`.

use super::events::{Event, Logged};
use crate::chain::{ss58_account_with, GENERIC_SS58_PREFIX};
use coop_shared::governance::{
    Action, Choice, FailureReason, Floors, Fraction, ProposalState, Rules, Status, Tally, Threshold,
};
use coop_shared::membership::{Share, ShareState};
use coop_shared::{AccountId, Balance};
use serde::Serialize;
use serde_json::Value;
use std::sync::atomic::{AtomicU16, Ordering};

/// The SS58 prefix accounts are shown with. One process talks to one
/// chain, so it is set once, when the chain is known.
static SS58_PREFIX: AtomicU16 = AtomicU16::new(GENERIC_SS58_PREFIX);

/// Shows accounts with `prefix` (the chain's `ss58Format`, see
/// [`super::Client::ss58_prefix`]) from now on; until it is called, with
/// the generic Substrate prefix, 42.
pub fn set_ss58_prefix(prefix: u16) {
    SS58_PREFIX.store(prefix, Ordering::Relaxed);
}

/// An account as its SS58 address, with the chain's prefix.
pub fn account(a: &AccountId) -> String {
    ss58_account_with(a, SS58_PREFIX.load(Ordering::Relaxed))
}

/// An amount as a decimal string of smallest units.
pub fn amount(a: Balance) -> String {
    a.to_string()
}

/// `yes`, `no` or `abstain`.
pub fn choice(c: Choice) -> &'static str {
    match c {
        Choice::Yes => "yes",
        Choice::No => "no",
        Choice::Abstain => "abstain",
    }
}

/// The status's name (`failed` for any failure).
pub fn status_name(s: &Status) -> &'static str {
    match s {
        Status::Open => "open",
        Status::Withdrawn => "withdrawn",
        Status::Rejected => "rejected",
        Status::Executed => "executed",
        Status::Failed(_) => "failed",
        Status::Expired => "expired",
    }
}

/// Why an action failed, in words.
pub fn failure(reason: &FailureReason) -> String {
    use coop_shared::ErrorInfo as _;
    match reason {
        FailureReason::Register(e) => {
            format!("the register refused: {}: {}", e.name(), e.meaning())
        }
        FailureReason::InsufficientTreasury => "the treasury holds less than the payment".into(),
        FailureReason::TransferFailed => "the chain refused the transfer".into(),
        FailureReason::UnknownPayee => {
            "the payee's account does not exist on this chain yet (it must hold funds first)".into()
        }
        FailureReason::NotDormant => {
            "a share named for suspension took part after the suspension was proposed".into()
        }
        FailureReason::TouchesCapital => {
            "the payment would take the treasury below the members' capital".into()
        }
    }
}

/// A status in words: `executed`, `failed (the register refused: ...)`.
pub fn status_text(s: &Status) -> String {
    match s {
        Status::Failed(reason) => format!("failed ({})", failure(reason)),
        other => status_name(other).to_string(),
    }
}

/// A status's name and, for a failure, why: `{"status", "reason"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusJson {
    /// See [`status_name`].
    pub status: &'static str,
    /// Why the action failed; null otherwise.
    pub reason: Option<String>,
}

/// The fields of a status.
pub fn status(s: &Status) -> StatusJson {
    StatusJson {
        status: status_name(s),
        reason: match s {
            Status::Failed(reason) => Some(failure(reason)),
            _ => None,
        },
    }
}

/// A tally: `{"yes", "no", "abstain"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TallyJson {
    /// Yes votes.
    pub yes: u32,
    /// No votes.
    pub no: u32,
    /// Abstentions (they count for the quorum only).
    pub abstain: u32,
}

/// A tally's JSON form.
pub fn tally(t: &Tally) -> TallyJson {
    TallyJson {
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
    }
}

/// An exact fraction: `{"num", "den"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FractionJson {
    /// Numerator.
    pub num: u32,
    /// Denominator.
    pub den: u32,
}

/// A threshold: `{"fraction", "strict"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ThresholdJson {
    /// The share of yes among yes+no.
    pub fraction: FractionJson,
    /// Whether yes must exceed it (rather than reach it).
    pub strict: bool,
}

fn fraction(f: &Fraction) -> FractionJson {
    FractionJson {
        num: f.num,
        den: f.den,
    }
}

fn threshold(t: &Threshold) -> ThresholdJson {
    ThresholdJson {
        fraction: fraction(&t.fraction),
        strict: t.strict,
    }
}

/// The rules, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesJson {
    /// Blocks to vote.
    pub voting_period: u32,
    /// Share of the electorate that must vote.
    pub quorum: FractionJson,
    /// Ordinary decisions' threshold.
    pub ordinary: ThresholdJson,
    /// Special decisions' threshold.
    pub special: ThresholdJson,
    /// Whether a vote may be changed before the deadline.
    pub vote_change: bool,
    /// Blocks after the deadline to execute.
    pub execution_window: u32,
    /// Most proposals a member may have made within one voting period.
    pub max_open_per_member: u32,
    /// Blocks an admitted account has to accept its offer.
    pub acceptance_window: u32,
    /// Blocks of silence after which a share may be named for suspension.
    pub dormancy_period: u32,
    /// The member share's price, smallest units as a decimal string (0: none).
    pub share_price: String,
    /// Most proxy appointments one member may hold (0: no proxies).
    pub proxy_limit: u32,
}

/// The rules' JSON form.
pub fn rules(r: &Rules) -> RulesJson {
    RulesJson {
        voting_period: r.voting_period,
        quorum: fraction(&r.quorum),
        ordinary: threshold(&r.ordinary),
        special: threshold(&r.special),
        vote_change: r.vote_change,
        execution_window: r.execution_window,
        max_open_per_member: r.max_open_per_member,
        acceptance_window: r.acceptance_window,
        dormancy_period: r.dormancy_period,
        share_price: amount(r.share_price),
        proxy_limit: r.proxy_limit,
    }
}

/// The floors, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FloorsJson {
    /// The shortest voting period, in blocks.
    pub voting_period: u32,
    /// The smallest quorum.
    pub quorum: FractionJson,
    /// The shortest execution window, in blocks.
    pub execution_window: u32,
}

/// The floors' JSON form.
pub fn floors(f: &Floors) -> FloorsJson {
    FloorsJson {
        voting_period: f.voting_period,
        quorum: fraction(&f.quorum),
        execution_window: f.execution_window,
    }
}

/// One rule a proposal would change: `{"rule", "from", "to"}`, the rule's
/// field name in [`RulesJson`] and its values there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChange {
    /// The field's name, e.g. `voting_period`.
    pub rule: String,
    /// Its value in force.
    pub from: Value,
    /// Its proposed value.
    pub to: Value,
}

/// What a rules change changes: one entry per field of [`RulesJson`] that differs.
pub fn rules_changes(in_force: &Rules, proposed: &Rules) -> Vec<RuleChange> {
    let as_map = |r: &Rules| match serde_json::to_value(rules(r)) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let then = as_map(proposed);
    as_map(in_force)
        .into_iter()
        .filter_map(|(rule, from)| {
            let to = then.get(&rule)?.clone();
            (from != to).then_some(RuleChange { rule, from, to })
        })
        .collect()
}

/// An action: `{"kind", ...}`, `kind` one of `admit` (`accounts`, each
/// offered membership), `expel` (`share`), `rotate_key` (`share`, `new`),
/// `suspend` (`shares`), `resolution`, `pay` (`to`, `amount`), `rules`
/// (`rules`, and `changes` against the rules the proposal was made under).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActionJson {
    /// Offer membership to these accounts.
    Admit {
        /// SS58.
        accounts: Vec<String>,
    },
    /// Expel this share.
    Expel {
        /// Its number.
        share: u32,
    },
    /// Move a member's share to a new key.
    RotateKey {
        /// The share's number.
        share: u32,
        /// The new key.
        new: String,
    },
    /// Suspend these dormant shares.
    Suspend {
        /// Their numbers.
        shares: Vec<u32>,
    },
    /// A decision with no on-chain effect.
    Resolution,
    /// Pay from the treasury.
    Pay {
        /// SS58.
        to: String,
        /// Smallest units.
        amount: String,
    },
    /// Change the rules.
    Rules {
        /// The proposed rules.
        rules: RulesJson,
        /// What differs from the rules in force.
        changes: Vec<RuleChange>,
    },
}

/// An action's JSON form; a rules change is compared with `in_force`.
pub fn action(a: &Action, in_force: &Rules) -> ActionJson {
    match a {
        Action::Admit(accounts) => ActionJson::Admit {
            accounts: accounts.iter().map(account).collect(),
        },
        Action::Expel(share) => ActionJson::Expel { share: *share },
        Action::RotateKey { share, new } => ActionJson::RotateKey {
            share: *share,
            new: account(new),
        },
        Action::Suspend(shares) => ActionJson::Suspend {
            shares: shares.clone(),
        },
        Action::Resolution => ActionJson::Resolution,
        Action::Payment { to, amount: a } => ActionJson::Pay {
            to: account(to),
            amount: amount(*a),
        },
        Action::ChangeRules(r) => ActionJson::Rules {
            rules: rules(r),
            changes: rules_changes(in_force, r),
        },
    }
}

/// A share: `{"number", "account", "joined_at", "state", "seen_at",
/// "reactivated_at"}`; `state` is `active` or `suspended`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareJson {
    /// Its number.
    pub number: u32,
    /// Its holder, SS58.
    pub account: String,
    /// The block it was issued in.
    pub joined_at: u32,
    /// `active` or `suspended` (`expelled` never appears: the register
    /// shows held shares only).
    pub state: &'static str,
    /// The block of the holder's last act on the register.
    pub seen_at: u32,
    /// The block it last returned from suspension (0: never).
    pub reactivated_at: u32,
}

/// A share state's name.
pub fn share_state(s: ShareState) -> &'static str {
    match s {
        ShareState::Active => "active",
        ShareState::Suspended => "suspended",
        ShareState::Expelled => "expelled",
    }
}

/// A share's JSON form.
pub fn share(s: &Share) -> ShareJson {
    ShareJson {
        number: s.number,
        account: account(&s.holder),
        joined_at: s.joined_at,
        state: share_state(s.state),
        seen_at: s.seen_at,
        reactivated_at: s.reactivated_at,
    }
}

/// A proposal's state: who, when, electorate, tally, rules, status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProposalStateJson {
    /// The proposer's share.
    pub proposer_share: u32,
    /// The block it was made in.
    pub created_at: u32,
    /// The first block in which votes are no longer taken.
    pub deadline: u32,
    /// The last block in which a passed proposal can be executed.
    pub execution_deadline: u32,
    /// Members when it was made.
    pub electorate: u32,
    /// Shares numbered below this may vote.
    pub eligible_below: u32,
    /// Whether it is a special decision.
    pub special: bool,
    /// Its tally.
    pub tally: TallyJson,
    /// The rules it is judged by.
    pub rules: RulesJson,
    /// Its status, and why it failed if it did.
    #[serde(flatten)]
    pub status: StatusJson,
    /// The block it was closed in (0 while open).
    pub closed_at: u32,
    /// For an executed admission, the last block its offers may be
    /// accepted in; null otherwise.
    pub acceptance_deadline: Option<u32>,
    /// For an admission, the positions (from 0) of the accounts that
    /// accepted their offers.
    pub offers_taken: Vec<usize>,
}

/// A proposal state's JSON form.
pub fn proposal_state(s: &ProposalState) -> ProposalStateJson {
    ProposalStateJson {
        proposer_share: s.proposer,
        created_at: s.created_at,
        deadline: s.deadline,
        execution_deadline: s.execution_deadline(),
        electorate: s.electorate,
        eligible_below: s.eligible_below,
        special: s.special,
        tally: tally(&s.tally),
        rules: rules(&s.rules),
        status: status(&s.status),
        closed_at: s.closed_at,
        acceptance_deadline: (s.status == Status::Executed).then(|| s.acceptance_deadline()),
        offers_taken: (0..16).filter(|&i| s.offer_taken(i)).collect(),
    }
}

/// An event with where it happened: `{"block", "extrinsic", "index",
/// "event", ...its fields}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventJson {
    /// The block.
    pub block: u64,
    /// The transaction's index in the block, if a transaction caused it.
    pub extrinsic: Option<u32>,
    /// The event's index among the block's events.
    pub index: u32,
    /// The event's name.
    pub event: &'static str,
    /// Its own fields.
    #[serde(flatten)]
    pub fields: EventFields,
}

/// The fields of each kind of coop event, as [`EventJson`] shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EventFields {
    /// `RegisterCreated`.
    RegisterCreated {
        /// The governance contract, SS58.
        governance: String,
        /// How many founders.
        founders: u32,
    },
    /// `MemberJoined`, `MemberResigned`, `MemberExpelled`,
    /// `ShareSuspended`, `ShareReactivated`, `ShareReleased`.
    Member {
        /// SS58.
        account: String,
        /// The share.
        share: u32,
        /// When it was issued (joins only).
        #[serde(skip_serializing_if = "Option::is_none")]
        joined_at: Option<u32>,
    },
    /// `KeyRotated`.
    KeyRotated {
        /// The share.
        share: u32,
        /// The old key, SS58.
        old: String,
        /// The new key, SS58.
        new: String,
    },
    /// `CoopFounded`.
    CoopFounded {
        /// The register, SS58.
        membership: String,
        /// The rules.
        rules: RulesJson,
        /// The floors, fixed for the coop's life.
        floors: FloorsJson,
    },
    /// `ProposalMade`.
    ProposalMade {
        /// Its number.
        proposal: u32,
        /// The proposer's share.
        share: u32,
        /// The proposer, SS58.
        account: String,
        /// Its title.
        title: String,
        /// Its text reference.
        text: String,
        /// What it would do.
        action: ActionJson,
        /// Its state at creation.
        state: Box<ProposalStateJson>,
    },
    /// `VoteCast`.
    VoteCast {
        /// The proposal.
        proposal: u32,
        /// The voter's share.
        share: u32,
        /// The voter, SS58.
        account: String,
        /// The choice.
        choice: &'static str,
        /// The share's earlier choice, if it changed its vote.
        previous: Option<&'static str>,
        /// The tally after it.
        tally: TallyJson,
        /// The proxy's share, if a proxy cast it (`account` is then the proxy's key).
        proxy: Option<u32>,
    },
    /// `ProxyAppointed` and `ProxyRevoked`.
    Proxy {
        /// The appointing member's share.
        share: u32,
        /// The proxy's share.
        proxy: u32,
        /// The one proposal it is for (appointments only; null: all).
        proposal: Option<u32>,
    },
    /// `ProposalWithdrawn`.
    ProposalWithdrawn {
        /// The proposal.
        proposal: u32,
        /// The proposer's share.
        share: u32,
    },
    /// `ProposalClosed`.
    ProposalClosed {
        /// The proposal.
        proposal: u32,
        /// Its final tally.
        tally: TallyJson,
        /// Who executed it, SS58.
        account: String,
        /// Whether it closed before its deadline.
        early: bool,
        /// Its final status.
        #[serde(flatten)]
        status: StatusJson,
    },
    /// `Deposited` and `TransferIn`.
    Funds {
        /// The payer, SS58.
        account: String,
        /// Smallest units.
        amount: String,
    },
    /// `CapitalPaidIn` and `CapitalRepaid`.
    Capital {
        /// The share.
        share: u32,
        /// Its holder, SS58.
        account: String,
        /// Smallest units.
        amount: String,
    },
    /// `PaymentMade`.
    PaymentMade {
        /// The proposal that decided it.
        proposal: u32,
        /// The payee, SS58.
        account: String,
        /// Smallest units.
        amount: String,
    },
    /// `RulesChanged`.
    RulesChanged {
        /// The proposal that decided it.
        proposal: u32,
        /// The new rules.
        rules: RulesJson,
    },
    /// `OfferAccepted`.
    OfferAccepted {
        /// The admission.
        proposal: u32,
        /// The new member, SS58.
        account: String,
        /// The share issued.
        share: u32,
    },
    /// `Pruned`.
    Pruned {
        /// The proposal.
        proposal: u32,
        /// The member's share.
        share: u32,
        /// Whether its ballot was removed.
        ballot: bool,
        /// Whether the proposal's content was removed.
        content: bool,
    },
}

/// The fields of an event about one share and its holder.
fn member(holder: &AccountId, share: u32) -> EventFields {
    EventFields::Member {
        account: account(holder),
        share,
        joined_at: None,
    }
}

/// An event's JSON form.
pub fn event(logged: &Logged) -> EventJson {
    let fields = match &logged.event {
        Event::RegisterCreated(e) => EventFields::RegisterCreated {
            governance: account(&e.governance),
            founders: e.founders,
        },
        Event::MemberJoined(e) => EventFields::Member {
            account: account(&e.member),
            share: e.share,
            joined_at: Some(e.joined_at),
        },
        Event::MemberResigned(e) => member(&e.member, e.share),
        Event::MemberExpelled(e) => member(&e.member, e.share),
        Event::ShareSuspended(e) => member(&e.member, e.share),
        Event::ShareReactivated(e) => member(&e.member, e.share),
        Event::ShareReleased(e) => member(&e.member, e.share),
        Event::OfferAccepted(e) => EventFields::OfferAccepted {
            proposal: e.id,
            account: account(&e.account),
            share: e.share,
        },
        Event::Pruned(e) => EventFields::Pruned {
            proposal: e.id,
            share: e.share,
            ballot: e.ballot,
            content: e.content,
        },
        Event::KeyRotated(e) => EventFields::KeyRotated {
            share: e.share,
            old: account(&e.old),
            new: account(&e.new),
        },
        Event::CoopFounded(e) => EventFields::CoopFounded {
            membership: account(&e.membership),
            rules: rules(&e.rules),
            floors: floors(&e.floors),
        },
        Event::ProposalMade(e) => EventFields::ProposalMade {
            proposal: e.id,
            share: e.proposer,
            account: account(&e.account),
            title: e.content.title.clone(),
            text: e.content.text.clone(),
            action: action(&e.content.action, &e.state.rules),
            state: Box::new(proposal_state(&e.state)),
        },
        Event::VoteCast(e) => EventFields::VoteCast {
            proposal: e.id,
            share: e.share,
            account: account(&e.voter),
            choice: choice(e.choice),
            previous: e.previous.map(choice),
            tally: tally(&e.tally),
            proxy: e.proxy,
        },
        Event::ProxyAppointed(e) => EventFields::Proxy {
            share: e.share,
            proxy: e.proxy,
            proposal: e.proposal,
        },
        Event::ProxyRevoked(e) => EventFields::Proxy {
            share: e.share,
            proxy: e.proxy,
            proposal: None,
        },
        Event::ProposalWithdrawn(e) => EventFields::ProposalWithdrawn {
            proposal: e.id,
            share: e.proposer,
        },
        Event::ProposalClosed(e) => EventFields::ProposalClosed {
            proposal: e.id,
            tally: tally(&e.tally),
            account: account(&e.by),
            early: e.early,
            status: status(&e.status),
        },
        Event::Deposited(e) => EventFields::Funds {
            account: account(&e.from),
            amount: amount(e.amount),
        },
        Event::PaymentMade(e) => EventFields::PaymentMade {
            proposal: e.id,
            account: account(&e.to),
            amount: amount(e.amount),
        },
        Event::CapitalPaidIn(e) => EventFields::Capital {
            share: e.share,
            account: account(&e.account),
            amount: amount(e.amount),
        },
        Event::CapitalRepaid(e) => EventFields::Capital {
            share: e.share,
            account: account(&e.account),
            amount: amount(e.amount),
        },
        Event::RulesChanged(e) => EventFields::RulesChanged {
            proposal: e.id,
            rules: rules(&e.rules),
        },
        Event::TransferIn(t) => EventFields::Funds {
            account: account(&t.from),
            amount: amount(t.amount),
        },
    };
    EventJson {
        block: logged.block,
        extrinsic: logged.extrinsic,
        index: logged.index,
        event: logged.event.name(),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_rules_change_lists_each_changed_rule_with_its_values() {
        let in_force = Rules::default();
        let proposed = Rules {
            voting_period: 10,
            vote_change: true,
            ..in_force
        };
        let json = serde_json::to_value(action(&Action::ChangeRules(proposed), &in_force))
            .expect("serializes");
        let changes = json["changes"].as_array().expect("a list");
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(changes.contains(&json!({"rule": "voting_period", "from": 100_800, "to": 10})));
        assert!(changes.contains(&json!({"rule": "vote_change", "from": false, "to": true})));
        let same = serde_json::to_value(action(&Action::ChangeRules(in_force), &in_force))
            .expect("serializes");
        assert_eq!(same["changes"], json!([]));
    }

    #[test]
    fn events_keep_the_field_names_scripts_read() {
        use coop_shared::governance::{ProposalClosed, VoteCast};
        let logged = |event| Logged {
            block: 9,
            block_hash: [0; 32],
            index: 2,
            extrinsic: Some(1),
            event,
        };
        let voted = serde_json::to_value(event(&logged(Event::VoteCast(VoteCast {
            id: 3,
            share: 4,
            voter: AccountId::from([5; 32]),
            choice: Choice::No,
            previous: Some(Choice::Yes),
            tally: Tally {
                yes: 1,
                no: 2,
                abstain: 0,
            },
            proxy: Some(7),
        }))))
        .expect("serializes");
        assert_eq!(
            voted,
            json!({
                "block": 9, "extrinsic": 1, "index": 2, "event": "VoteCast",
                "proposal": 3, "share": 4, "account": account(&AccountId::from([5; 32])),
                "choice": "no", "previous": "yes",
                "tally": {"yes": 1, "no": 2, "abstain": 0}, "proxy": 7,
            })
        );
        let closed = serde_json::to_value(event(&logged(Event::ProposalClosed(ProposalClosed {
            id: 3,
            status: Status::Failed(FailureReason::InsufficientTreasury),
            tally: Tally::default(),
            by: AccountId::from([6; 32]),
            early: false,
        }))))
        .expect("serializes");
        assert_eq!(closed["status"], "failed");
        assert!(closed["reason"]
            .as_str()
            .is_some_and(|r| r.contains("treasury")));
        assert_eq!(closed["early"], false);
    }
}
