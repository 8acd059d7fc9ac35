//! How coop values are written for people and scripts: the JSON forms
//! (`--json`, exports) and one-line descriptions (tables, `watch`).
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
    Action, Choice, FailureReason, Fraction, ProposalState, Rules, Status, Tally, Threshold,
};
use coop_shared::membership::Share;
use coop_shared::{AccountId, Balance};
use serde_json::{json, Value};
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
        FailureReason::RegisterUnreachable => "the register could not be called".into(),
        FailureReason::InsufficientTreasury => {
            "the treasury holds too little (it must keep its existential deposit)".into()
        }
        FailureReason::TransferFailed => "the chain refused the transfer".into(),
    }
}

/// A status in words: `executed`, `failed (the register refused: ...)`.
pub fn status_text(s: &Status) -> String {
    match s {
        Status::Failed(reason) => format!("failed ({})", failure(reason)),
        other => status_name(other).to_string(),
    }
}

/// `{"status": ..., "reason": ...}` fields for a status.
pub fn status(s: &Status) -> Value {
    match s {
        Status::Failed(reason) => json!({"status": "failed", "reason": failure(reason)}),
        other => json!({"status": status_name(other), "reason": null}),
    }
}

/// `{"yes", "no", "abstain"}`.
pub fn tally(t: &Tally) -> Value {
    json!({"yes": t.yes, "no": t.no, "abstain": t.abstain})
}

fn fraction(f: &Fraction) -> Value {
    json!({"num": f.num, "den": f.den})
}

fn threshold(t: &Threshold) -> Value {
    json!({"fraction": fraction(&t.fraction), "strict": t.strict})
}

/// The rules, field by field.
pub fn rules(r: &Rules) -> Value {
    json!({
        "voting_period": r.voting_period,
        "quorum": fraction(&r.quorum),
        "ordinary": threshold(&r.ordinary),
        "special": threshold(&r.special),
        "vote_change": r.vote_change,
        "execution_window": r.execution_window,
        "max_open_per_member": r.max_open_per_member,
    })
}

/// An action as `{"kind", ...}`: `admit` (`accounts`), `expel` (`account`),
/// `rotate_key` (`old`, `new`), `resolution`, `pay` (`to`, `amount`),
/// `rules` (`rules`, and `changes` against `in_force`, the rules the
/// proposal was made under: see [`rules_changes`]).
pub fn action(a: &Action, in_force: &Rules) -> Value {
    match a {
        Action::Admit(accounts) => {
            json!({"kind": "admit", "accounts": accounts.iter().map(account).collect::<Vec<_>>()})
        }
        Action::Expel(who) => json!({"kind": "expel", "account": account(who)}),
        Action::RotateKey { old, new } => {
            json!({"kind": "rotate_key", "old": account(old), "new": account(new)})
        }
        Action::Resolution => json!({"kind": "resolution"}),
        Action::Payment { to, amount: a } => {
            json!({"kind": "pay", "to": account(to), "amount": amount(*a)})
        }
        Action::ChangeRules(r) => json!({
            "kind": "rules",
            "rules": rules(r),
            "changes": rules_changes(in_force, r),
        }),
    }
}

/// What a rules change changes: `[{"rule", "from", "to"}]`, one entry per
/// field of [`rules`] that differs, with that field's JSON values.
pub fn rules_changes(in_force: &Rules, proposed: &Rules) -> Value {
    let (Value::Object(now), Value::Object(then)) = (rules(in_force), rules(proposed)) else {
        return Value::Array(Vec::new());
    };
    now.into_iter()
        .filter_map(|(rule, from)| {
            let to = then.get(&rule)?.clone();
            (from != to).then(|| json!({"rule": rule, "from": from, "to": to}))
        })
        .collect()
}

/// A share: `{"number", "account", "joined_at"}`.
pub fn share(s: &Share) -> Value {
    json!({"number": s.number, "account": account(&s.holder), "joined_at": s.joined_at})
}

/// A proposal's state: who, when, electorate, tally, status, rules.
pub fn proposal_state(s: &ProposalState) -> Value {
    let mut v = json!({
        "proposer_share": s.proposer,
        "created_at": s.created_at,
        "deadline": s.deadline,
        "execution_deadline": s.execution_deadline(),
        "electorate": s.electorate,
        "eligible_below": s.eligible_below,
        "special": s.special,
        "tally": tally(&s.tally),
        "rules": rules(&s.rules),
    });
    if let (Value::Object(map), Value::Object(st)) = (&mut v, status(&s.status)) {
        map.extend(st);
    }
    v
}

/// An event with where it happened: `{"block", "extrinsic", "index",
/// "event", ...its fields}`.
pub fn event(logged: &Logged) -> Value {
    let fields = match &logged.event {
        Event::RegisterCreated(e) => {
            json!({"governance": account(&e.governance), "founders": e.founders})
        }
        Event::MemberJoined(e) => {
            json!({"account": account(&e.member), "share": e.share, "joined_at": e.joined_at})
        }
        Event::MemberResigned(e) => json!({"account": account(&e.member), "share": e.share}),
        Event::MemberExpelled(e) => json!({"account": account(&e.member), "share": e.share}),
        Event::KeyRotated(e) => {
            json!({"share": e.share, "old": account(&e.old), "new": account(&e.new)})
        }
        Event::CoopFounded(e) => {
            json!({"membership": account(&e.membership), "rules": rules(&e.rules)})
        }
        Event::ProposalMade(e) => json!({
            "proposal": e.id,
            "share": e.proposer,
            "account": account(&e.account),
            "title": e.content.title,
            "text": e.content.text,
            "action": action(&e.content.action, &e.state.rules),
            "state": proposal_state(&e.state),
        }),
        Event::VoteCast(e) => json!({
            "proposal": e.id,
            "share": e.share,
            "account": account(&e.voter),
            "choice": choice(e.choice),
            "previous": e.previous.map(choice),
            "tally": tally(&e.tally),
        }),
        Event::ProposalWithdrawn(e) => json!({"proposal": e.id, "share": e.proposer}),
        Event::ProposalClosed(e) => {
            let mut v = json!({
                "proposal": e.id,
                "tally": tally(&e.tally),
                "account": account(&e.by),
                "early": e.early,
            });
            if let (Value::Object(map), Value::Object(st)) = (&mut v, status(&e.status)) {
                map.extend(st);
            }
            v
        }
        Event::Deposited(e) => json!({"account": account(&e.from), "amount": amount(e.amount)}),
        Event::PaymentMade(e) => {
            json!({"proposal": e.id, "account": account(&e.to), "amount": amount(e.amount)})
        }
        Event::RulesChanged(e) => json!({"proposal": e.id, "rules": rules(&e.rules)}),
        Event::TransferIn(t) => json!({"account": account(&t.from), "amount": amount(t.amount)}),
    };
    let mut v = json!({
        "block": logged.block,
        "extrinsic": logged.extrinsic,
        "index": logged.index,
        "event": logged.event.name(),
    });
    if let (Value::Object(map), Value::Object(fields)) = (&mut v, fields) {
        map.extend(fields);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rules_change_lists_each_changed_rule_with_its_values() {
        let in_force = Rules::default();
        let proposed = Rules {
            voting_period: 10,
            vote_change: true,
            ..in_force
        };
        let json = action(&Action::ChangeRules(proposed), &in_force);
        let changes = json["changes"].as_array().expect("a list");
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(changes.contains(&json!({"rule": "voting_period", "from": 100_800, "to": 10})));
        assert!(changes.contains(&json!({"rule": "vote_change", "from": false, "to": true})));
        let same = action(&Action::ChangeRules(in_force), &in_force);
        assert_eq!(same["changes"], json!([]));
    }
}
