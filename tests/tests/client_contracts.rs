//! The client's contract layer against a real throwaway node, with the
//! membership register built by `scripts/build-contracts.sh`.

use coop_client::chain::{Chain, Signer};
use coop_client::contracts::{Code, Contracts, Instantiated, Salt};
use coop_client::error::CallError;
use coop_client::Error;
use coop_shared::membership::{
    self, messages, MemberJoined, Register, RegisterCreated, Share, ShareState,
};
use coop_shared::{AccountId, ErrorInfo as _, Message};
use coop_tests::dev::signer;
use coop_tests::{artifact, TestNode};

fn wasm() -> Vec<u8> {
    std::fs::read(artifact("membership", "wasm")).expect("membership.wasm reads")
}

fn new_register(governance: AccountId, founders: Vec<AccountId>) -> (AccountId, Vec<AccountId>) {
    (governance, founders)
}

async fn deploy(
    contracts: &Contracts,
    deployer: &Signer,
    governance: AccountId,
    founders: Vec<AccountId>,
) -> Instantiated {
    contracts
        .instantiate(
            deployer,
            Code::Upload(&wasm()),
            messages::NEW,
            new_register(governance, founders),
            0,
            Salt::Random,
        )
        .await
        .expect("the register deploys")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deploy_read_admit_and_decode_events() {
    let node = TestNode::start();
    let chain = Chain::connect(&node.url).await.expect("connects");
    let contracts = Contracts::new(chain.clone());
    let alice = signer("//Alice");
    let governance = signer("//Bob");
    let (charlie, dave, eve) = (
        signer("//Charlie").account(),
        signer("//Dave").account(),
        signer("//Eve").account(),
    );

    let deployed = deploy(
        &contracts,
        &alice,
        governance.account(),
        vec![charlie, dave],
    )
    .await;
    let register = deployed.address;
    assert_eq!(deployed.code_hash, sp_blake2_256(&wasm()));
    let created: Vec<RegisterCreated> = deployed.outcome.events(&register).expect("decodes");
    assert_eq!(
        created,
        vec![RegisterCreated {
            governance: governance.account(),
            founders: 2
        }]
    );
    let founded_at = u32::try_from(deployed.outcome.included.block.number).expect("fits");
    let joined: Vec<MemberJoined> = deployed.outcome.events(&register).expect("decodes");
    assert_eq!(
        joined,
        vec![
            MemberJoined {
                member: charlie,
                share: 1,
                joined_at: founded_at
            },
            MemberJoined {
                member: dave,
                share: 2,
                joined_at: founded_at
            },
        ]
    );
    let costs = &deployed.outcome.costs;
    assert!(costs.gas_required.ref_time > 0 && costs.gas_required.proof_size > 0);
    assert!(costs.limits.gas.ref_time > costs.gas_required.ref_time);
    assert!(costs.storage_deposit.charged() > 0, "{costs:?}");
    assert!(costs.limits.storage_deposit > costs.storage_deposit.charged());
    assert!(costs.fee.is_some_and(|fee| fee > 0), "{costs:?}");

    // Reads are dry runs: they cost nothing and change no nonce.
    let eve_nonce = chain.next_nonce(&eve).await.expect("nonce");
    let count: u32 = contracts
        .read(&eve, &register, messages::MEMBER_COUNT, ())
        .await
        .expect("member_count");
    assert_eq!(count, 2);
    let share: Option<Share> = contracts
        .read(&eve, &register, messages::SHARE_OF, (charlie,))
        .await
        .expect("share_of");
    assert_eq!(
        share,
        Some(Share {
            number: 1,
            holder: charlie,
            joined_at: founded_at,
            seen_at: founded_at,
            reactivated_at: 0,
            state: ShareState::Active,
        })
    );
    let balance: u32 = contracts
        .read(&eve, &register, messages::BALANCE_OF, (eve,))
        .await
        .expect("PSP34::balance_of");
    assert_eq!(balance, 0);
    assert_eq!(chain.next_nonce(&eve).await.expect("nonce"), eve_nonce);

    // Governance admits Eve: share 3, announced by a MemberJoined event.
    let admitted = contracts
        .call(&governance, &register, messages::ADMIT, (eve,))
        .await
        .expect("governance admits");
    assert_eq!(admitted.value, 3);
    let at = u32::try_from(admitted.included.block.number).expect("fits");
    let joined: Vec<MemberJoined> = admitted.events(&register).expect("decodes");
    assert_eq!(
        joined,
        vec![MemberJoined {
            member: eve,
            share: 3,
            joined_at: at
        }]
    );
    // Storage grew by two map entries, so a deposit was held for it.
    assert!(
        admitted.costs.storage_deposit.charged() > 0,
        "{:?}",
        admitted.costs
    );
    assert_eq!(
        admitted.costs.deposit_held,
        admitted.costs.storage_deposit.charged()
    );

    // The reads see the admission at once (dry runs run at the best block).
    let balance: u32 = contracts
        .read(&eve, &register, messages::BALANCE_OF, (eve,))
        .await
        .expect("PSP34::balance_of");
    assert_eq!(balance, 1);
    let count: u32 = contracts
        .read(&eve, &register, messages::MEMBER_COUNT, ())
        .await
        .expect("member_count");
    assert_eq!(count, 3);

    // Code already on chain is instantiated by hash.
    let again = contracts
        .instantiate(
            &alice,
            Code::Existing(deployed.code_hash),
            messages::NEW,
            new_register(governance.account(), vec![eve]),
            0,
            Salt::Given(b"second".to_vec()),
        )
        .await
        .expect("instantiates from the stored code");
    assert_ne!(again.address, register);
    let governance_of: AccountId = contracts
        .read(&eve, &again.address, messages::GOVERNANCE, ())
        .await
        .expect("governance");
    assert_eq!(governance_of, governance.account());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contract_errors_are_named_before_anything_is_signed() {
    let node = TestNode::start();
    let chain = Chain::connect(&node.url).await.expect("connects");
    let contracts = Contracts::new(chain.clone());
    let alice = signer("//Alice");
    let governance = signer("//Bob");
    let charlie = signer("//Charlie");
    let ferdie = signer("//Ferdie").account();
    let register = deploy(
        &contracts,
        &alice,
        governance.account(),
        vec![charlie.account()],
    )
    .await
    .address;

    // Alice is not governance: refused by name, with nothing signed or sent.
    let nonce = chain.next_nonce(&alice.account()).await.expect("nonce");
    let height = chain.best_block().await.expect("best").number;
    let err = contracts
        .call(&alice, &register, messages::ADMIT, (ferdie,))
        .await
        .expect_err("only governance admits");
    match &err {
        CallError::Contract(e) => {
            assert_eq!(*e, membership::Error::NotGovernance);
            assert!(e.meaning().contains("governance"), "{}", e.meaning());
        }
        other => panic!("expected NotGovernance, got {other:?}"),
    }
    assert!(err.to_string().contains("NotGovernance"), "{err}");
    // PSP34 transfer always reverts: also refused before signing.
    let err = contracts
        .call(
            &charlie,
            &register,
            messages::TRANSFER,
            (ferdie, membership::Id::U32(1), Vec::<u8>::new()),
        )
        .await
        .expect_err("shares are not transferable");
    assert!(
        matches!(err, CallError::Contract(membership::Error::NotTransferable)),
        "{err:?}"
    );
    assert_eq!(
        chain.next_nonce(&alice.account()).await.expect("nonce"),
        nonce
    );
    assert_eq!(
        chain.next_nonce(&charlie.account()).await.expect("nonce"),
        0
    );
    assert_eq!(chain.best_block().await.expect("best").number, height);

    // A failing read names the error too.
    let err = contracts
        .read(
            &governance.account(),
            &register,
            messages::ADMIT,
            (charlie.account(),),
        )
        .await
        .expect_err("already a member");
    assert!(
        matches!(err, CallError::Contract(membership::Error::AlreadyMember)),
        "{err:?}"
    );

    // A constructor error is refused before signing as well.
    let err = contracts
        .instantiate(
            &alice,
            Code::Upload(&wasm()),
            messages::NEW,
            new_register(governance.account(), Vec::new()),
            0,
            Salt::Random,
        )
        .await
        .expect_err("a register needs founders");
    assert!(
        matches!(err, CallError::Contract(membership::Error::NoAccounts)),
        "{err:?}"
    );

    // A message the contract does not have is ink!'s error, not the contract's.
    let missing: Message<Register, (), u32> = Message::query("no_such_message");
    let err = contracts
        .read(&alice.account(), &register, missing, ())
        .await
        .expect_err("unknown selector");
    assert!(
        matches!(err, CallError::Client(Error::ContractFailed(_))),
        "{err:?}"
    );

    // The runtime's own refusals in a dry run are named from the metadata.
    let code_hash = sp_blake2_256(&wasm());
    let args = new_register(governance.account(), vec![ferdie]);
    contracts
        .instantiate(
            &alice,
            Code::Existing(code_hash),
            messages::NEW,
            args.clone(),
            0,
            Salt::Given(vec![7]),
        )
        .await
        .expect("first instance");
    let err = contracts
        .instantiate(
            &alice,
            Code::Existing(code_hash),
            messages::NEW,
            args.clone(),
            0,
            Salt::Given(vec![7]),
        )
        .await
        .expect_err("same deployer, code, input and salt");
    match err {
        CallError::Client(Error::Dispatch(failure)) => {
            assert_eq!(failure.pallet.as_deref(), Some("Contracts"));
            assert_eq!(failure.name, "DuplicateContract");
            assert!(!failure.docs.is_empty());
        }
        other => panic!("expected Contracts::DuplicateContract, got {other:?}"),
    }
    assert_eq!(
        chain.next_nonce(&alice.account()).await.expect("nonce"),
        nonce + 1
    );

    // A poor account's deployment fails for want of funds before signing.
    let poor = signer("//coop-test/poor");
    let err = contracts
        .instantiate(
            &poor,
            Code::Existing(code_hash),
            messages::NEW,
            new_register(governance.account(), vec![ferdie]),
            0,
            Salt::Random,
        )
        .await
        .expect_err("no funds");
    assert!(
        matches!(err, CallError::Client(Error::InsufficientFunds(_))),
        "{err:?}"
    );
    assert_eq!(chain.next_nonce(&poor.account()).await.expect("nonce"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_uploads_once_and_then_instantiates_by_hash() {
    let node = TestNode::start();
    let chain = Chain::connect(&node.url).await.expect("connects");
    let contracts = Contracts::new(chain);
    let alice = signer("//Alice");
    let uploaded = contracts
        .upload_code(&alice, &wasm())
        .await
        .expect("uploads");
    assert_eq!(uploaded.code_hash, sp_blake2_256(&wasm()));
    assert!(uploaded.deposit > 0);
    assert!(uploaded
        .included
        .events
        .iter()
        .any(|e| e.is("Contracts", "CodeStored")));
    let instance = contracts
        .instantiate(
            &alice,
            Code::Existing(uploaded.code_hash),
            messages::NEW,
            new_register(alice.account(), vec![alice.account()]),
            0,
            Salt::Random,
        )
        .await
        .expect("instantiates");
    let count: u32 = contracts
        .read(
            &alice.account(),
            &instance.address,
            messages::MEMBER_COUNT,
            (),
        )
        .await
        .expect("member_count");
    assert_eq!(count, 1);
}

/// BLAKE2b-256: pallet-contracts names code by this hash of its Wasm.
fn sp_blake2_256(bytes: &[u8]) -> [u8; 32] {
    sp_crypto_hashing::blake2_256(bytes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_without_a_descriptor_deploys_from_raw_input() {
    let node = TestNode::start();
    let chain = Chain::connect(&node.url).await.expect("connects");
    let contracts = Contracts::new(chain.clone());
    let alice = signer("//Alice");
    let wasm = std::fs::read(artifact("peer_vote", "wasm")).expect("peer_vote.wasm reads");

    // The constructor's input encoded by hand, as the bench does for
    // contracts coop has no descriptors for.
    let input = coop_client::contracts::call_data("new", ());
    let made = contracts
        .instantiate_raw(&alice, Code::Upload(&wasm), &input, 0, Salt::Random)
        .await
        .expect("a raw instantiation");
    assert_eq!(made.code_hash, sp_blake2_256(&wasm));
    assert_eq!(
        contracts.code_hash_of(&made.address).await.expect("reads"),
        Some(made.code_hash)
    );

    // No such constructor: ink! refuses the input, by name, before anything
    // is signed.
    let nonce = chain.next_nonce(&alice.account()).await.expect("a nonce");
    let bad = coop_client::contracts::call_data("no_such_constructor", ());
    let err = contracts
        .instantiate_raw(&alice, Code::Upload(&wasm), &bad, 0, Salt::Random)
        .await
        .expect_err("no such constructor");
    assert!(
        matches!(&err, Error::ContractFailed(why) if why.contains("could not read its input")),
        "{err}"
    );
    assert_eq!(
        chain.next_nonce(&alice.account()).await.expect("a nonce"),
        nonce,
        "nothing was signed"
    );
}
