//! Member share capital at par, on a real node through the coop library:
//! founders' capital comes out of the founding funds, a new member pays in
//! exactly the price when accepting, payments cannot touch the capital,
//! resigning and expulsion pay each share's own capital back at par in
//! the same transaction (a later price change alters nothing for existing
//! shares), and the treasury identity holds in the record's events.

use coop_client::coop::{check, Coop, Error, Event};
use coop_shared::governance::{self as gov, Action, Choice, FailureReason, ProposalId, Status};
use coop_shared::{AccountId, Balance};
use coop_tests::coop::{reach_deadline, UNIT};
use coop_tests::dev::signer;
use coop_tests::{Backend, TestNode};

coop_tests::on_each_backend!(capital_is_paid_in_at_par_kept_apart_and_paid_back_at_par);

/// The member share's price at founding.
const PRICE: Balance = 2 * UNIT;

async fn decide(coop: &Coop, title: &str, action: Action) -> (ProposalId, Status) {
    let id = coop
        .propose(&signer("//Alice"), title, "", action)
        .await
        .unwrap_or_else(|e| panic!("{title}: {e}"))
        .value;
    for who in ["//Alice", "//Bob", "//Charlie"] {
        coop.vote(&signer(who), id, Choice::Yes)
            .await
            .unwrap_or_else(|e| panic!("{title}: {who} votes: {e}"));
    }
    reach_deadline(coop, id).await;
    let closed = coop
        .execute(&signer("//Ferdie"), id)
        .await
        .unwrap_or_else(|e| panic!("{title}: execute: {e}"));
    (id, closed.value.status)
}

/// `accept` must be refused as `WrongCapital`.
async fn wrong_amount(coop: &Coop, who: &str, id: ProposalId, amount: Balance) {
    match coop.accept(&signer(who), id, amount).await {
        Err(Error::Governance(gov::Error::WrongCapital)) => {}
        other => panic!("{who} accepting with {amount}: {other:?}"),
    }
}

/// The treasury and the members' capital, as the contract reports them.
async fn figures(coop: &Coop) -> (Balance, Balance) {
    (
        coop.treasury().await.expect("treasury"),
        coop.capital().await.expect("capital"),
    )
}

async fn capital_is_paid_in_at_par_kept_apart_and_paid_back_at_par(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let chain = coop_client::chain::Chain::connect(&node.url)
        .await
        .expect("connects");
    let founders: Vec<AccountId> = ["//Alice", "//Bob", "//Charlie"]
        .iter()
        .map(|uri| signer(uri).account())
        .collect();
    let mut rules = coop_tests::coop::rules(4, 30);
    rules.share_price = PRICE;
    let deployed = coop_tests::coop::found(&chain, founders, rules, 10 * UNIT).await;
    let coop = deployed.coop;

    // The founders' capital comes with the founding funds: 10 + 3 x 2.
    assert_eq!(figures(&coop).await, (16 * UNIT, 6 * UNIT));
    for share in 1..=3 {
        assert_eq!(coop.capital_of(share).await.expect("capital_of"), PRICE);
    }

    // A new member pays in exactly the price, and only that.
    let dave = signer("//Dave");
    let (admit, status) = decide(&coop, "admit Dave", Action::Admit(vec![dave.account()])).await;
    assert_eq!(status, Status::Executed);
    for amount in [0, PRICE - 1, PRICE + 1] {
        wrong_amount(&coop, "//Dave", admit, amount).await;
    }
    assert_eq!(
        figures(&coop).await,
        (16 * UNIT, 6 * UNIT),
        "refusals move nothing"
    );
    let accepted = coop
        .accept(&dave, admit, PRICE)
        .await
        .expect("Dave accepts");
    assert_eq!(accepted.value, 4);
    assert_eq!(coop.capital_of(4).await.expect("capital_of"), PRICE);
    assert_eq!(figures(&coop).await, (18 * UNIT, 8 * UNIT));

    // The free funds are 10: a payment of 11 would touch the capital.
    let eve = signer("//Eve");
    let (_, status) = decide(
        &coop,
        "pay Eve 11",
        Action::Payment {
            to: eve.account(),
            amount: 11 * UNIT,
        },
    )
    .await;
    assert_eq!(status, Status::Failed(FailureReason::TouchesCapital));
    let (_, status) = decide(
        &coop,
        "pay Eve 10",
        Action::Payment {
            to: eve.account(),
            amount: 10 * UNIT,
        },
    )
    .await;
    assert_eq!(status, Status::Executed);
    assert_eq!(
        figures(&coop).await,
        (8 * UNIT, 8 * UNIT),
        "only capital is left"
    );

    // The price goes up to 5: existing shares keep what they paid in.
    let mut dearer = coop.rules().await.expect("rules");
    dearer.share_price = 5 * UNIT;
    let (_, status) = decide(&coop, "dearer shares", Action::ChangeRules(dearer)).await;
    assert_eq!(status, Status::Executed);
    let resigned = coop.resign(&dave).await.expect("Dave resigns");
    let repaid: Vec<gov::CapitalRepaid> =
        resigned.events(&coop.governance()).expect("events decode");
    assert_eq!(
        repaid,
        vec![gov::CapitalRepaid {
            share: 4,
            account: dave.account(),
            amount: PRICE,
        }],
        "paid back at par, in the resignation itself"
    );
    assert_eq!(coop.capital_of(4).await.expect("capital_of"), 0);
    assert_eq!(figures(&coop).await, (6 * UNIT, 6 * UNIT));

    // A new member pays the new price; expelled, gets exactly that back.
    let (admit, status) = decide(&coop, "admit Eve", Action::Admit(vec![eve.account()])).await;
    assert_eq!(status, Status::Executed);
    wrong_amount(&coop, "//Eve", admit, PRICE).await;
    assert_eq!(
        coop.accept(&eve, admit, 5 * UNIT)
            .await
            .expect("Eve accepts")
            .value,
        5
    );
    assert_eq!(figures(&coop).await, (11 * UNIT, 11 * UNIT));
    let (_, status) = decide(&coop, "expel Eve", Action::Expel(5)).await;
    assert_eq!(status, Status::Executed);
    assert_eq!(figures(&coop).await, (6 * UNIT, 6 * UNIT));
    assert_eq!(coop.capital_of(5).await.expect("capital_of"), 0);

    // The record: every tally and the capital check out, and deposits and
    // capital in equal payments and capital out plus the treasury.
    let record = coop
        .record(deployed.block.number, &|_, _| {})
        .await
        .expect("the record");
    let checked = check(&record);
    assert!(checked.ok(), "{:?}", checked.mismatches);
    let (mut inflow, mut outflow) = (0, 0);
    let mut repaid = Vec::new();
    for logged in &record.events {
        match &logged.event {
            Event::Deposited(d) => inflow += d.amount,
            Event::CapitalPaidIn(c) => inflow += c.amount,
            Event::PaymentMade(p) => outflow += p.amount,
            Event::CapitalRepaid(c) => {
                outflow += c.amount;
                repaid.push((c.share, c.amount));
            }
            _ => {}
        }
    }
    assert_eq!(inflow, 10 * UNIT + 3 * PRICE + PRICE + 5 * UNIT);
    assert_eq!(inflow - outflow, record.treasury, "the treasury identity");
    assert_eq!(record.capital, 6 * UNIT);
    assert_eq!(repaid, vec![(4, PRICE), (5, 5 * UNIT)]);
}
