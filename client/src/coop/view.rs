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

use super::amount::Amounts;
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

/// When things happen to a proposal, seen from `best` (the next
/// transaction lands in the block after it): until when votes land, whether
/// it can be executed now, or, once closed, when it was made.
pub fn timing(st: &ProposalState, best: u64) -> String {
    let next = best.saturating_add(1);
    if st.status != Status::Open {
        return format!("made in block {}", st.created_at);
    }
    if next < u64::from(st.deadline) {
        let votes = format!("votes until block {}", st.last_vote_block());
        return match st.settled_early() {
            Some(_) => format!("{votes}; executable now (settled)"),
            None => votes,
        };
    }
    if next <= u64::from(st.execution_deadline()) {
        format!("executable now, until block {}", st.execution_deadline())
    } else {
        "expired: executing it closes it".to_string()
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

/// A threshold in words: `more than 1/2 of yes+no`, `at least 2/3 of yes+no`.
pub fn threshold_text(t: &Threshold) -> String {
    let how = if t.strict { "more than" } else { "at least" };
    format!("{how} {}/{} of yes+no", t.fraction.num, t.fraction.den)
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

/// The rules in words, one `(rule, value)` pair each, in a fixed order.
pub fn rules_rows(r: &Rules) -> Vec<(&'static str, String)> {
    vec![
        ("voting period", format!("{} blocks", r.voting_period)),
        (
            "quorum",
            format!("{}/{} of the electorate", r.quorum.num, r.quorum.den),
        ),
        ("ordinary", threshold_text(&r.ordinary)),
        (
            "special",
            format!("{} (expulsions, rule changes)", threshold_text(&r.special)),
        ),
        (
            "vote change",
            if r.vote_change {
                "allowed before the deadline".into()
            } else {
                "no: votes are final".into()
            },
        ),
        (
            "execution window",
            format!("{} blocks after the deadline", r.execution_window),
        ),
        (
            "open proposals",
            format!("at most {} per member", r.max_open_per_member),
        ),
    ]
}

/// What a rules change changes: `(rule, in force, proposed)` for each rule
/// that differs, in [`rules_rows`] order.
pub fn rules_diff(in_force: &Rules, proposed: &Rules) -> Vec<(&'static str, String, String)> {
    rules_rows(in_force)
        .into_iter()
        .zip(rules_rows(proposed))
        .filter(|((_, now), (_, then))| now != then)
        .map(|((rule, now), (_, then))| (rule, now, then))
        .collect()
}

/// [`rules_diff`] as `[{"rule", "from", "to"}]`.
pub fn rules_changes(in_force: &Rules, proposed: &Rules) -> Value {
    rules_diff(in_force, proposed)
        .into_iter()
        .map(|(rule, from, to)| json!({"rule": rule, "from": from, "to": to}))
        .collect()
}

/// An action in words. A rules change is shown as what it changes
/// against `in_force`, the rules the proposal was made under.
pub fn action_text(a: &Action, amounts: &Amounts, in_force: &Rules) -> String {
    match a {
        Action::Admit(accounts) if accounts.len() == 1 => {
            format!("admit {}", account(&accounts[0]))
        }
        Action::Admit(accounts) => format!("admit {} accounts", accounts.len()),
        Action::Expel(who) => format!("expel {}", account(who)),
        Action::RotateKey { old, new } => {
            format!("move share of {} to key {}", account(old), account(new))
        }
        Action::Resolution => "resolution (no on-chain effect)".into(),
        Action::Payment { to, amount: a } => {
            format!("pay {} to {}", amounts.format(*a), account(to))
        }
        Action::ChangeRules(proposed) => {
            let diff = rules_diff(in_force, proposed);
            if diff.is_empty() {
                return "change the rules to the rules already in force (no change)".into();
            }
            let changes: Vec<String> = diff
                .into_iter()
                .map(|(rule, from, to)| format!("{rule} {from} → {to}"))
                .collect();
            format!("change the rules: {}", changes.join("; "))
        }
    }
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

/// An event in one line of words, for `watch`.
pub fn event_text(logged: &Logged, amounts: &Amounts) -> String {
    let what = match &logged.event {
        Event::RegisterCreated(e) => format!("register created with {} founders", e.founders),
        Event::MemberJoined(e) => format!("share {} issued to {}", e.share, account(&e.member)),
        Event::MemberResigned(e) => format!("share {} resigned ({})", e.share, account(&e.member)),
        Event::MemberExpelled(e) => format!("share {} expelled ({})", e.share, account(&e.member)),
        Event::KeyRotated(e) => format!(
            "share {} moved from {} to {}",
            e.share,
            account(&e.old),
            account(&e.new)
        ),
        Event::CoopFounded(e) => format!("coop founded, register {}", account(&e.membership)),
        Event::ProposalMade(e) => format!(
            "proposal {} by share {}: {:?} ({}), votes until block {}",
            e.id,
            e.proposer,
            e.content.title,
            action_text(&e.content.action, amounts, &e.state.rules),
            e.state.last_vote_block()
        ),
        Event::VoteCast(e) => format!(
            "share {} voted {} on proposal {}{} (yes {}, no {}, abstain {})",
            e.share,
            choice(e.choice),
            e.id,
            e.previous
                .map(|p| format!(", was {}", choice(p)))
                .unwrap_or_default(),
            e.tally.yes,
            e.tally.no,
            e.tally.abstain
        ),
        Event::ProposalWithdrawn(e) => format!("proposal {} withdrawn", e.id),
        Event::ProposalClosed(e) => format!(
            "proposal {} closed: {}{} (yes {}, no {}, abstain {})",
            e.id,
            status_text(&e.status),
            if e.early { ", early" } else { "" },
            e.tally.yes,
            e.tally.no,
            e.tally.abstain
        ),
        Event::Deposited(e) => format!(
            "{} deposited into the treasury by {}",
            amounts.format(e.amount),
            account(&e.from)
        ),
        Event::PaymentMade(e) => format!(
            "treasury paid {} to {} (proposal {})",
            amounts.format(e.amount),
            account(&e.to),
            e.id
        ),
        Event::RulesChanged(e) => format!("rules changed by proposal {}", e.id),
        Event::TransferIn(t) => format!(
            "{} transferred to the treasury by {}",
            amounts.format(t.amount),
            account(&t.from)
        ),
    };
    format!("block {}: {what}", logged.block)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A proposal of 4 members made in block 10, votes taken before block 20.
    fn open(yes: u32) -> ProposalState {
        let rules = Rules {
            voting_period: 10,
            execution_window: 5,
            ..Rules::default()
        };
        ProposalState {
            proposer: 1,
            created_at: 10,
            deadline: 20,
            electorate: 4,
            eligible_below: 5,
            special: false,
            rules,
            tally: Tally {
                yes,
                no: 0,
                abstain: 0,
            },
            status: Status::Open,
        }
    }

    #[test]
    fn timing_names_the_last_block_a_vote_lands_in_and_when_execution_opens() {
        // Best block 17: a vote lands in 18 or 19; 19 is the last.
        assert_eq!(timing(&open(1), 17), "votes until block 19");
        // Best block 18: the next block is 19, still a voting block.
        assert_eq!(timing(&open(1), 18), "votes until block 19");
        // Best block 19: the next block is the deadline, execution opens.
        assert_eq!(timing(&open(1), 19), "executable now, until block 25");
        assert_eq!(timing(&open(1), 24), "executable now, until block 25");
        assert_eq!(timing(&open(1), 25), "expired: executing it closes it");
        // Three yes of four: no remaining vote changes it, so it closes early.
        assert_eq!(
            timing(&open(3), 12),
            "votes until block 19; executable now (settled)"
        );
        let mut closed = open(3);
        closed.status = Status::Executed;
        assert_eq!(timing(&closed, 40), "made in block 10");
    }

    #[test]
    fn a_rules_change_is_shown_as_what_it_changes() {
        let in_force = Rules::default();
        let proposed = Rules {
            voting_period: 10,
            vote_change: true,
            ..in_force
        };
        let text = action_text(
            &Action::ChangeRules(proposed),
            &Amounts::default(),
            &in_force,
        );
        assert_eq!(
            text,
            "change the rules: voting period 100800 blocks → 10 blocks; \
             vote change no: votes are final → allowed before the deadline"
        );
        let same = action_text(
            &Action::ChangeRules(in_force),
            &Amounts::default(),
            &in_force,
        );
        assert!(same.contains("no change"), "{same}");
        let json = action(&Action::ChangeRules(proposed), &in_force);
        assert_eq!(json["changes"].as_array().map(Vec::len), Some(2));
        assert_eq!(json["changes"][0]["to"], "10 blocks");
    }
}
