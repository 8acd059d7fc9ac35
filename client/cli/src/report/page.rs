//! The report page itself: header and verdict, members, decisions,
//! treasury and rules, in that order. maud escapes every value written
//! into the page, so a title like `<script>` stays text.

use super::svg::{step_chart, tally_bar, Bar, Step};
use super::Facts;
use crate::text::{action_text, floors_rows, rules_diff, rules_rows};
use coop_client::coop::events::{Event, Logged};
use coop_client::coop::view::{account, choice, share_state, status_text};
use coop_shared::governance::{
    Choice, ProposalContent, ProposalId, ProposalState, ProposalSummary, Rules, Status,
};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The page's style: readable on a phone, prints in black and white.
const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #999;
  --yes: #1f4e99; --no: #d95f02; --abstain: #8c8c8c; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; margin: 0 auto; max-width: 62rem;
  padding: 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin: .2rem 0 .6rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
.lead { font-size: 1.05rem; }
.muted, .tick { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.verdict { border: 3px solid var(--ink); padding: .6rem .8rem; margin: 1rem 0; }
.verdict.bad { border-style: dashed; }
.key { font-family: ui-monospace, monospace; font-size: .85em; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
article.decision { border: 1px solid var(--line); border-left: 6px solid var(--ink);
  padding: .7rem .9rem; margin: 1rem 0; break-inside: avoid; }
article.decision.passed { border-left-style: solid; }
article.decision.not-passed { border-left-style: double; }
.outcome { font-weight: 700; }
svg.chart { width: 100%; height: auto; max-height: 16rem; }
svg.bar { width: 100%; height: auto; max-width: 38rem; display: block; }
svg .axis { stroke: var(--ink); stroke-width: 1; }
svg .line { fill: none; stroke: var(--ink); stroke-width: 2.5; }
svg .up { fill: var(--ink); }
svg .down { fill: #fff; stroke: var(--ink); stroke-width: 2; }
svg .tick { fill: var(--muted); font-size: 12px; }
svg .empty { fill: #fff; }
svg .frame { fill: none; stroke: var(--ink); stroke-width: 1; }
svg .yes { fill: var(--yes); }
svg .no-bg { fill: #fde0c5; }
svg .no-line { stroke: var(--no); stroke-width: 3; }
svg .abstain-bg { fill: #eee; }
svg .abstain-dot { fill: var(--abstain); }
svg .quorum { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 4 3; }
svg .needed { fill: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
figure { margin: .6rem 0; }
.swatch { display: inline-block; width: 1.1em; height: .8em; border: 1px solid var(--ink);
  vertical-align: baseline; margin-right: .3em; }
.swatch.yes { background: var(--yes); }
.swatch.no { background: repeating-linear-gradient(45deg, var(--no) 0 2px, #fde0c5 2px 5px); }
.swatch.abstain { background: radial-gradient(var(--abstain) 30%, #eee 35%); background-size: 5px 5px; }
.swatch.none { background: #fff; }
details { margin: .4rem 0; }
summary { cursor: pointer; font-weight: 600; }
a { color: #0b3d91; }
@media (max-width: 40rem) {
  body { padding: .6rem; }
  dl.facts { grid-template-columns: 1fr; }
  dl.facts dd { margin-bottom: .4rem; }
}
@media print {
  body { max-width: none; }
  a { color: var(--ink); }
  h2 { break-after: avoid; }
}
"#;

/// The whole page.
pub fn page(f: &Facts) -> String {
    let title = match &f.name {
        Some(name) => format!("{name}: the coop's record"),
        None => format!("Coop {}: the record", account(&f.record.governance)),
    };
    let made = made_events(&f.record.events);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // No request may leave the page, whatever a title says.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header { (header(f, &title)) }
                main {
                    (members(f))
                    (decisions(f, &made))
                    (treasury(f))
                    (rules(f, &made))
                    (glossary())
                }
            }
        }
    }
    .into_string()
}

/// Each proposal's `ProposalMade` event: its proposer's key and its
/// content, which outlive the contract's copy once pruned.
fn made_events(
    events: &[Logged],
) -> std::collections::BTreeMap<ProposalId, (&Logged, &ProposalContent, u32)> {
    events
        .iter()
        .filter_map(|l| match &l.event {
            Event::ProposalMade(m) => Some((m.id, (l, &m.content, m.proposer))),
            _ => None,
        })
        .collect()
}

fn header(f: &Facts, title: &str) -> Markup {
    let r = &f.record;
    let pace = f.clock.pace().map(|ms| ms / 1000.0);
    html! {
        h1 { (title) }
        p.lead {
            "This is the public record of a worker cooperative's decisions. Each member holds one share "
            "and has one vote. Every proposal, vote, payment and change of membership below was read "
            "from a public ledger (a blockchain), where anyone can check it and nobody can alter it "
            "afterwards."
        }
        (verdict(f))
        dl.facts {
            dt { "Coop address" } dd.key { (account(&r.governance)) }
            dt { "Share register" } dd.key { (account(&r.membership)) }
            dt { "Ledger (chain)" } dd { (f.chain) " (" (f.backend) ")" }
            dt { "Chain identity (genesis hash)" } dd.key { "0x" (hex::encode(r.genesis)) }
            dt { "Record as of" } dd {
                "block " (r.to.number) ", made about " (f.clock.time(r.to.number))
                br; span.key { "0x" (hex::encode(r.to.hash)) }
            }
            dt { "Read from" } dd { "block " (r.from_block) " (when the coop was set up) to block " (r.to.number) }
            dt { "Members now" } dd { (f.members.iter().filter(|s| is_member(s)).count()) }
            dt { "Treasury now" } dd {
                (f.amounts.format(r.treasury))
                @if r.capital > 0 {
                    ", of which " (f.amounts.format(r.capital)) " is the members' capital (paid back to each at par when they leave)"
                }
            }
        }
        p.muted {
            "Times are estimates: the ledger counts time in blocks"
            @match pace {
                Some(secs) if secs >= 1.0 => { ", one about every " (format!("{secs:.0}")) " seconds here" }
                Some(_) => { ", made here as transactions arrive, several a second" }
                None => {}
            }
            ", and a block's time is placed between the first and the last block's recorded times."
        }
        nav {
            "Sections: "
            a href="#members" { "Members" } " · "
            a href="#decisions" { "Decisions" } " · "
            a href="#treasury" { "Treasury" } " · "
            a href="#rules" { "Rules" } " · "
            a href="#terms" { "Terms" }
        }
    }
}

/// Whether a register entry is a current member (suspended members still
/// are; expelled entries wait for their former holder to release them).
fn is_member(s: &coop_shared::membership::Share) -> bool {
    s.state != coop_shared::membership::ShareState::Expelled
}

fn verdict(f: &Facts) -> Markup {
    let c = &f.check;
    html! {
        @if c.ok() {
            section.verdict aria-label="Audit" {
                strong { "Audit: every tally recounted from the chain's events: all " (c.proposals) " agree." }
                " Each proposal's " (c.votes) " vote(s) were counted again, one per share, and the result "
                "equals what the coop's contract reports."
            }
        } @else {
            section.verdict.bad aria-label="Audit" {
                strong { "Audit: " (c.mismatches.len()) " disagreement(s) between the chain's events and the contract." }
                ul { @for m in &c.mismatches { li { (m.to_string()) } } }
            }
        }
    }
}

fn members(f: &Facts) -> Markup {
    let r = &f.record;
    let mut count = 0.0_f64;
    let mut steps = Vec::new();
    let mut rows = Vec::new();
    for l in &r.events {
        let (what, who, share, delta) = match &l.event {
            Event::MemberJoined(e) => ("joined", e.member, e.share, 1.0),
            Event::MemberResigned(e) => ("resigned", e.member, e.share, -1.0),
            Event::MemberExpelled(e) => ("expelled", e.member, e.share, -1.0),
            _ => continue,
        };
        count += delta;
        steps.push(Step {
            block: l.block,
            value: count,
            up: delta > 0.0,
        });
        rows.push((l.block, what, who, share, count));
    }
    let description = format!(
        "Members over time: {} change(s) from block {} to block {}, {} member(s) now. The table after the chart lists each change.",
        rows.len(),
        r.from_block,
        r.to.number,
        count
    );
    html! {
        section id="members" {
            h2 { "Members" }
            figure {
                (step_chart("Members over time", &description, &steps, r.from_block, r.to.number, &|v| format!("{v:.0}")))
                figcaption.legend {
                    span { "● a member joined" } span { "□ a member left (resigned or expelled)" }
                }
            }
            details {
                summary { "Every change of membership (" (rows.len()) ")" }
                div.scroll { table {
                    thead { tr { th { "Block" } th { "About" } th { "What" } th { "Share" } th { "Key" } th.num { "Members after" } } }
                    tbody { @for (block, what, who, share, after) in &rows { tr {
                        td { (block) } td { (f.clock.time(*block)) } td { (what) } td { (share) }
                        td.key { (account(who)) } td.num { (after) }
                    } } }
                } }
            }
            h3 { "The register now" }
            div.scroll { table {
                caption.muted { "One share per member, numbered in the order they joined; numbers are never reused." }
                thead { tr { th { "Share" } th { "Key (the member's account)" } th { "Joined" } th { "State" } } }
                tbody { @for s in &f.members { tr {
                    td { (s.number) } td.key { (account(&s.holder)) }
                    td { "block " (s.joined_at) ", about " (f.clock.time(u64::from(s.joined_at))) }
                    td { (share_state(s.state)) }
                } } }
            } }
        }
    }
}

/// Whether a status is a decision that passed.
fn passed(status: &Status) -> bool {
    matches!(status, Status::Executed | Status::Failed(_))
}

/// The outcome in words a newcomer reads.
fn outcome(status: &Status) -> String {
    match status {
        Status::Open => "open: voting or waiting to be carried out".into(),
        Status::Executed => "passed and carried out".into(),
        Status::Rejected => "rejected".into(),
        Status::Withdrawn => "withdrawn by the proposer".into(),
        Status::Expired => "passed, but not carried out in time (expired)".into(),
        Status::Failed(_) => format!(
            "passed, but could not be carried out ({})",
            status_text(status)
        ),
    }
}

/// The fewest votes that meet the quorum of `electorate`.
fn quorum_votes(st: &ProposalState) -> u32 {
    (0..=st.electorate)
        .find(|k| {
            st.rules
                .quorum
                .reached_by(u64::from(*k), u64::from(st.electorate), false)
        })
        .unwrap_or(st.electorate)
}

/// The fewest yes among the yes and no cast that meet the threshold.
fn yes_needed(st: &ProposalState) -> u32 {
    let cast = st.tally.yes.saturating_add(st.tally.no);
    (1..=cast)
        .find(|y| st.threshold().met(*y, cast - y))
        .unwrap_or(cast)
}

fn decisions(
    f: &Facts,
    made: &std::collections::BTreeMap<ProposalId, (&Logged, &ProposalContent, u32)>,
) -> Markup {
    let proposals: Vec<&ProposalSummary> = f.record.contract.values().rev().collect();
    html! {
        section id="decisions" {
            h2 { "Decisions" }
            p { (proposals.len()) " proposal(s), newest first. Each shows what was proposed, how members voted and what came of it; open a proposal's votes to see each one." }
            p.legend {
                span { span.swatch.yes {} "yes" } span { span.swatch.no {} "no" }
                span { span.swatch.abstain {} "abstain" } span { span.swatch.none {} "did not vote" }
                span { "┆ quorum" } span { "▼ yes needed to pass" }
            }
            @for p in proposals { (decision(f, p, made.get(&p.id).copied())) }
        }
    }
}

/// Words of a proposal's text that are web links: `http(s)://` only.
fn links(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .filter(|w| w.starts_with("https://") || w.starts_with("http://"))
        .collect()
}

fn decision(
    f: &Facts,
    p: &ProposalSummary,
    made: Option<(&Logged, &ProposalContent, u32)>,
) -> Markup {
    let st = &p.state;
    let title = made
        .map(|(_, c, _)| c.title.clone())
        .or_else(|| p.title.clone())
        .unwrap_or_else(|| "(untitled)".into());
    let content = made.map(|(_, c, _)| c);
    let proposer_key = made.map(|(l, _, _)| match &l.event {
        Event::ProposalMade(m) => account(&m.account),
        _ => String::new(),
    });
    let votes: Vec<(&Logged, u32, Choice, String)> = f
        .record
        .events
        .iter()
        .filter_map(|l| match &l.event {
            Event::VoteCast(v) if v.id == p.id => {
                let by = match v.proxy {
                    Some(proxy) => format!("{} (proxy, share {proxy})", account(&v.voter)),
                    None => account(&v.voter),
                };
                Some((l, v.share, v.choice, by))
            }
            _ => None,
        })
        .collect();
    let t = &st.tally;
    let turnout = t.turnout();
    let quorum = quorum_votes(st);
    let bar = Bar {
        id: p.id,
        yes: t.yes,
        no: t.no,
        abstain: t.abstain,
        electorate: st.electorate,
        quorum,
        needed: yes_needed(st),
    };
    let not_voted = u64::from(st.electorate).saturating_sub(turnout);
    let th = st.threshold();
    let words = format!(
        "Yes {}, no {}, abstain {}, did not vote {}, of {} who could vote. Quorum: {} vote(s). To pass: {} {}/{} of yes and no.",
        t.yes, t.no, t.abstain, not_voted, st.electorate, quorum,
        if th.strict { "more than" } else { "at least" }, th.fraction.num, th.fraction.den
    );
    let class = if passed(&st.status) {
        "decision passed"
    } else {
        "decision not-passed"
    };
    html! {
        article class=(class) id=(format!("proposal-{}", p.id)) {
            h3 { a href=(format!("#proposal-{}", p.id)) { "#" (p.id) } " " (title) }
            p { span.outcome { (outcome(&st.status)) } }
            dl.facts {
                dt { "Proposal" }
                dd { @match content {
                    Some(c) => (action_text(&c.action, &f.amounts, &st.rules)),
                    None => "(no record of its content)",
                } @if st.special { " (a special decision)" } }
                @if let Some(c) = content { @if !c.text.trim().is_empty() {
                    dt { "Text" } dd { (c.text) }
                    @let found = links(&c.text);
                    @if !found.is_empty() {
                        dt { "Links" } dd { @for l in found { a href=(l) rel="noreferrer" { (l) } br; } }
                    }
                } }
                dt { "Proposed by" } dd {
                    "share " (st.proposer)
                    @if let Some(k) = &proposer_key { " (" span.key { (k) } ")" }
                }
                dt { "Made" } dd { "block " (st.created_at) ", about " (f.clock.time(u64::from(st.created_at))) }
                dt { "Voting deadline" } dd { "block " (st.deadline) ", about " (f.clock.time(u64::from(st.deadline))) }
                @if st.status != Status::Open {
                    dt { "Closed" } dd { "block " (st.closed_at) ", about " (f.clock.time(u64::from(st.closed_at))) }
                }
                dt { "Turnout" } dd {
                    (turnout) " of " (st.electorate) " who could vote"
                    @if st.electorate > 0 { " (" (turnout * 100 / u64::from(st.electorate)) "%)" }
                }
            }
            figure {
                (tally_bar(&bar, &words))
                figcaption { (words) }
            }
            details {
                summary { "Every vote (" (votes.len()) ")" }
                @if votes.is_empty() { p { "Nobody voted." } } @else {
                    div.scroll { table {
                        thead { tr { th { "Share" } th { "Vote" } th { "Block" } th { "About" } th { "Signed by" } } }
                        tbody { @for (i, (l, share, c, voter)) in votes.iter().enumerate() { tr {
                            td { (share) }
                            td { (choice(*c))
                                @if votes[i + 1..].iter().any(|(_, s, _, _)| s == share) { " (changed later)" } }
                            td { (l.block) } td { (f.clock.time(l.block)) } td.key { (voter) }
                        } } }
                    } }
                }
            }
        }
    }
}

fn treasury(f: &Facts) -> Markup {
    let r = &f.record;
    let mut balance: i128 = 0;
    let mut steps = Vec::new();
    let mut rows: Vec<(u64, String, i128, i128)> = Vec::new();
    for l in &r.events {
        let (what, delta) = match &l.event {
            Event::TransferIn(t) => {
                let what = match r.transfer_kind(l) {
                    "deposit" => format!("deposit from {}", account(&t.from)),
                    "capital" => format!("member capital paid in by {}", account(&t.from)),
                    "founding" => format!("founding funds from {}", account(&t.from)),
                    _ => format!("transfer from {}", account(&t.from)),
                };
                (what, i128::try_from(t.amount).unwrap_or(i128::MAX))
            }
            Event::PaymentMade(p) => (
                format!("payment to {}, by decision #{}", account(&p.to), p.id),
                -i128::try_from(p.amount).unwrap_or(i128::MAX),
            ),
            Event::CapitalRepaid(c) => (
                format!(
                    "member capital paid back to {} (share {}, leaving)",
                    account(&c.account),
                    c.share
                ),
                -i128::try_from(c.amount).unwrap_or(i128::MAX),
            ),
            _ => continue,
        };
        balance = balance.saturating_add(delta);
        steps.push(Step {
            block: l.block,
            value: balance as f64,
            up: delta >= 0,
        });
        rows.push((l.block, what, delta, balance));
    }
    let unsigned = |v: i128| v.unsigned_abs();
    let signed = |v: i128| {
        let sign = if v < 0 { "−" } else { "+" };
        format!("{sign}{}", f.amounts.format(unsigned(v)))
    };
    let scale = f
        .amounts
        .token
        .as_ref()
        .map_or(1.0, |t| 10f64.powi(i32::from(t.decimals)));
    let symbol = f
        .amounts
        .token
        .as_ref()
        .map(|t| t.symbol.clone())
        .unwrap_or_default();
    let description = format!(
        "The treasury over time: {} movement(s); it holds {} now.",
        rows.len(),
        f.amounts.format(r.treasury)
    );
    let from_flows = u128::try_from(balance.max(0)).unwrap_or(0);
    html! {
        section id="treasury" {
            h2 { "Treasury" }
            p { "The coop's money, held by its contract. Money comes in by deposits and transfers; it goes out only by a payment the members decided, or when a leaving member gets their member capital back." }
            figure {
                (step_chart("Treasury over time", &description, &steps, r.from_block, r.to.number,
                    &|v| format!("{:.2} {symbol}", v / scale)))
                figcaption.legend { span { "● money in" } span { "□ money out" } }
            }
            div.scroll { table {
                caption.muted { "Every deposit, transfer and payment, oldest first." }
                thead { tr { th { "Block" } th { "About" } th { "What" } th.num { "Amount" } th.num { "Balance after" } } }
                tbody { @for (block, what, delta, after) in &rows { tr {
                    td { (block) } td { (f.clock.time(*block)) } td { (what) }
                    td.num { (signed(*delta)) } td.num { (f.amounts.format(unsigned(*after))) }
                } } }
            } }
            @if from_flows != r.treasury {
                p.muted {
                    "The movements add up to " (f.amounts.format(from_flows)) "; the contract reports "
                    (f.amounts.format(r.treasury)) " at block " (r.to.number) ". The difference is held by the "
                    "ledger itself (its minimum balance for an account) or came in outside the coop's own events."
                }
            }
        }
    }
}

fn rules(
    f: &Facts,
    made: &std::collections::BTreeMap<ProposalId, (&Logged, &ProposalContent, u32)>,
) -> Markup {
    let mut previous: Option<Rules> = None;
    let mut changes = Vec::new();
    for l in &f.record.events {
        match &l.event {
            Event::CoopFounded(c) => previous = Some(c.rules),
            Event::RulesChanged(c) => {
                let diff = previous
                    .as_ref()
                    .map(|p| rules_diff(p, &c.rules, &f.amounts))
                    .unwrap_or_default();
                let title = made.get(&c.id).map(|(_, content, _)| content.title.clone());
                changes.push((l.block, c.id, title, diff));
                previous = Some(c.rules);
            }
            _ => {}
        }
    }
    html! {
        section id="rules" {
            h2 { "Rules" }
            p { "The rules in force now. A proposal is decided by the rules in force when it was made." }
            div.scroll { table {
                thead { tr { th { "Rule" } th { "Now" } } }
                tbody {
                    @for (rule, value) in rules_rows(&f.rules, &f.amounts) { tr { td { (rule) } td { (value) } } }
                    @for (rule, value) in floors_rows(&f.floors) { tr { td { (rule) } td { (value) } } }
                }
            } }
            h3 { "Changes (" (changes.len()) ")" }
            @if changes.is_empty() { p { "The rules have not changed since the coop was set up." } }
            @for (block, id, title, diff) in &changes {
                div {
                    p {
                        "Block " (block) ", about " (f.clock.time(*block)) ", by decision "
                        a href=(format!("#proposal-{id}")) { "#" (id) }
                        @if let Some(t) = title { " (" (t) ")" }
                    }
                    div.scroll { table {
                        thead { tr { th { "Rule" } th { "Before" } th { "After" } } }
                        tbody { @for (rule, before, after) in diff { tr { td { (rule) } td { (before) } td { (after) } } } }
                    } }
                }
            }
        }
    }
}

fn glossary() -> Markup {
    html! {
        section id="terms" {
            h2 { "Terms" }
            dl.facts {
                dt { "Share" } dd { "A member's membership: one per member, one vote each. It cannot be sold or given away." }
                dt { "Key" } dd { "The account a member signs with; the long code shown for each member." }
                dt { "Block" } dd { "The ledger's clock: it records new entries in blocks, numbered in order." }
                dt { "Quorum" } dd { "How many of those who could vote must take part (yes, no or abstain) for a decision to count." }
                dt { "Special decision" } dd { "Expulsions, suspensions, moving a lost key's share and rule changes: they need a larger majority." }
                dt { "Audit" } dd { "This report counted every vote again from the ledger's records and compared the result with what the coop's contract reports." }
            }
        }
    }
}
