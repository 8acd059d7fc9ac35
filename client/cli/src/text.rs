//! coop's values in words, for people: when a proposal can be voted on or
//! executed, what an action would do (a rules change as what it changes),
//! thresholds, and one line per event for `watch`. The JSON forms scripts
//! read are the library's (`coop_client::coop::view`).

use coop_client::coop::events::{Event, Logged};
use coop_client::coop::view::{account, choice, status_text};
use coop_client::coop::Amounts;
use coop_shared::governance::{Action, Floors, ProposalState, Rules, Status, Threshold};
use coop_shared::AccountId;

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

/// A threshold in words: `more than 1/2 of yes+no`, `at least 2/3 of yes+no`.
pub fn threshold_text(t: &Threshold) -> String {
    let how = if t.strict { "more than" } else { "at least" };
    format!("{how} {}/{} of yes+no", t.fraction.num, t.fraction.den)
}

/// The rules in words, one `(rule, value)` pair each, in a fixed order.
pub fn rules_rows(r: &Rules, amounts: &Amounts) -> Vec<(&'static str, String)> {
    vec![
        ("voting period", format!("{} blocks", r.voting_period)),
        (
            "quorum",
            format!("{}/{} of the electorate", r.quorum.num, r.quorum.den),
        ),
        ("ordinary", threshold_text(&r.ordinary)),
        (
            "special",
            format!(
                "{} (expulsions, suspensions, moving a lost key's share, rule changes)",
                threshold_text(&r.special)
            ),
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
            format!(
                "at most {} per member within a voting period",
                r.max_open_per_member
            ),
        ),
        (
            "acceptance window",
            format!(
                "{} blocks to accept an offer of membership",
                r.acceptance_window
            ),
        ),
        (
            "dormancy period",
            format!(
                "{} blocks of silence before a share may be suspended",
                r.dormancy_period
            ),
        ),
        (
            "proxies",
            match r.proxy_limit {
                0 => "none: members vote only themselves".into(),
                n => format!("a member may hold {n} proxy appointment(s) at once"),
            },
        ),
        (
            "share price",
            if r.share_price == 0 {
                "none: members pay in no capital".into()
            } else {
                format!(
                    "{}, paid in by each new member and paid back at par when they leave",
                    amounts.format(r.share_price)
                )
            },
        ),
    ]
}

/// The floors in words: the least the rules may ever ask.
pub fn floors_rows(f: &Floors) -> Vec<(&'static str, String)> {
    vec![(
        "floors",
        format!(
            "voting period at least {} blocks, quorum at least {}/{}, execution window at least {} blocks (fixed for the coop's life)",
            f.voting_period, f.quorum.num, f.quorum.den, f.execution_window
        ),
    )]
}

/// What a rules change changes: `(rule, in force, proposed)` for each rule
/// that differs, in [`rules_rows`] order.
pub fn rules_diff(
    in_force: &Rules,
    proposed: &Rules,
    amounts: &Amounts,
) -> Vec<(&'static str, String, String)> {
    rules_rows(in_force, amounts)
        .into_iter()
        .zip(rules_rows(proposed, amounts))
        .filter(|((_, now), (_, then))| now != then)
        .map(|((rule, now), (_, then))| (rule, now, then))
        .collect()
}

/// An action in words. A rules change is shown as what it changes
/// against `in_force`, the rules the proposal was made under.
pub fn action_text(a: &Action, amounts: &Amounts, in_force: &Rules) -> String {
    match a {
        Action::Admit(accounts) if accounts.len() == 1 => {
            format!("offer membership to {}", account(&accounts[0]))
        }
        Action::Admit(accounts) => {
            format!("offer membership to {} accounts", accounts.len())
        }
        Action::Expel(share) => format!("expel share {share}"),
        Action::RotateKey { share, new } => {
            format!("move share {share} to key {}", account(new))
        }
        Action::Suspend(shares) => {
            let list: Vec<String> = shares.iter().map(u32::to_string).collect();
            format!("suspend dormant share(s) {}", list.join(", "))
        }
        Action::Resolution => "resolution (no on-chain effect)".into(),
        Action::Payment { to, amount: a } => {
            format!("pay {} to {}", amounts.format(*a), account(to))
        }
        Action::ChangeRules(proposed) => {
            let diff = rules_diff(in_force, proposed, amounts);
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
        Event::ShareSuspended(e) => {
            format!("share {} suspended ({})", e.share, account(&e.member))
        }
        Event::ShareReactivated(e) => {
            format!("share {} reactivated by {}", e.share, account(&e.member))
        }
        Event::ShareReleased(e) => format!(
            "expelled share {} released by {}",
            e.share,
            account(&e.member)
        ),
        Event::OfferAccepted(e) => format!(
            "{} accepted the offer of proposal {}: share {}",
            account(&e.account),
            e.id,
            e.share
        ),
        Event::Pruned(e) => format!(
            "share {} pruned its {} of proposal {}",
            e.share,
            match (e.ballot, e.content) {
                (true, true) => "ballot and the proposal's content",
                (true, false) => "ballot",
                _ => "proposal's content",
            },
            e.id
        ),
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
        Event::CapitalPaidIn(e) => format!(
            "share {} paid in {} of member capital ({})",
            e.share,
            amounts.format(e.amount),
            account(&e.account)
        ),
        Event::ProxyAppointed(e) => match e.proposal {
            Some(id) => format!(
                "share {} appointed share {} as proxy for proposal {id}",
                e.share, e.proxy
            ),
            None => format!(
                "share {} appointed share {} as proxy until revoked",
                e.share, e.proxy
            ),
        },
        Event::ProxyRevoked(e) => format!(
            "share {}'s proxy appointment of share {} ended",
            e.share, e.proxy
        ),
        Event::CapitalRepaid(e) => format!(
            "share {}'s member capital, {}, paid back to {}",
            e.share,
            amounts.format(e.amount),
            account(&e.account)
        ),
        Event::TransferIn(t) => format!(
            "{} transferred to the treasury by {}",
            amounts.format(t.amount),
            account(&t.from)
        ),
    };
    format!("block {}: {what}", logged.block)
}

/// A coop contract for people: its account, and on pallet-revive also the
/// 20-byte address that Ethereum tools and the Asset Hubs' explorers show.
pub fn contract(coop: &coop_client::coop::Coop, contract: &AccountId) -> String {
    match coop.revive_address(contract) {
        Some(address) => format!("{} = {address}", account(contract)),
        None => account(contract),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coop_shared::governance::Tally;

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
            closed_at: 0,
            offers_taken: 0,
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
    }
}
