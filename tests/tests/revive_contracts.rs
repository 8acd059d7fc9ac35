//! The pallet-revive contract layer against a real node running the
//! Westend Asset Hub runtime (pallet-revive 0.20.2) and a real ink! 6
//! contract built to PolkaVM (`contracts/revive/peer-vote`): upload,
//! instantiate by code hash, a signed call and its event, reads by dry run,
//! and the errors a user meets (a message that does not exist, code that is
//! not a contract). Where the revive node is not installed the test says
//! so, and under `CI=true` fails.

use coop_client::chain::Chain;
use coop_client::contracts::revive::{address_of, Address, Revive};
use coop_client::contracts::Code;
use coop_client::error::CallError;
use coop_client::Error;
use coop_shared::yardstick::{self, PeerVote};
use coop_shared::Message;
use coop_tests::dev::signer;
use coop_tests::{artifacts_dir, Backend, TestNode};
use parity_scale_codec::Decode;

/// The built PolkaVM blob of a revive contract, with a clear failure if the
/// revive contract build has not run.
fn blob(name: &str) -> Vec<u8> {
    let path = artifacts_dir()
        .join("revive")
        .join(format!("{name}.polkavm"));
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run scripts/build-contracts.sh --backend revive",
            path.display()
        )
    })
}

/// The Wasm of the same contract built for pallet-contracts: real contract
/// code, for the wrong chain.
fn code_of_wasm() -> Vec<u8> {
    let path = artifacts_dir().join("peer_vote.wasm");
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/build-contracts.sh", path.display()))
}

/// The peer-vote contract's `Voted` event, as ink! 6 encodes it.
#[derive(Debug, Decode, PartialEq, Eq)]
struct Voted {
    voter: Address,
    yes: bool,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ink6_contract_is_uploaded_instantiated_called_and_read() {
    if !Backend::Revive.ready_or_say() {
        return;
    }
    let node = TestNode::start_backend(Backend::Revive);
    let chain = Chain::connect(&node.url).await.expect("connects");
    assert!(chain.has_pallet("Revive"), "the runtime has pallet-revive");
    assert!(!chain.has_pallet("Contracts"), "and not pallet-contracts");
    let revive = Revive::new(chain.clone());
    let alice = signer("//Alice");
    let bob = signer("//Bob");
    let code = blob("peer_vote");

    // Upload: the code hash is keccak-256 of the blob.
    let uploaded = revive.upload_code(&alice, &code).await.expect("uploads");
    assert_eq!(uploaded.code_hash, sp_crypto_hashing::keccak_256(&code));
    assert!(uploaded.deposit > 0, "storing code holds a deposit");

    // Instantiate from the stored code; the address is the dry run's and the
    // pallet's Instantiated event confirms it.
    let made = revive
        .instantiate(
            &alice,
            Code::Existing(uploaded.code_hash),
            yardstick::NEW,
            (),
            0,
            [1; 32],
        )
        .await
        .expect("instantiates");
    assert_eq!(made.code_hash, uploaded.code_hash);
    let other = revive
        .instantiate(&alice, Code::Upload(&code), yardstick::NEW, (), 0, [2; 32])
        .await
        .expect("instantiates again, uploading in the same transaction");
    assert_ne!(other.address, made.address, "another salt, another address");

    // The runtime maps every funded account to its address (AutoMap), so
    // the client has nothing to map; an account the chain has never seen
    // is not mapped.
    assert!(revive.is_mapped(&bob.account()).await.expect("reads"));
    let unseen = signer("//coop-tests/never-funded").account();
    assert!(!revive.is_mapped(&unseen).await.expect("reads"));

    // Bob votes in a signed transaction; the contract sees his mapped address.
    let bob_address = address_of(&bob.account());
    let voted = revive
        .call(&bob, &made.address, yardstick::VOTE, (true,), 0)
        .await
        .expect("Bob votes");
    let events = Revive::events_of(&voted.included, &made.address).expect("events decode");
    assert_eq!(events.len(), 1, "one event per vote: {events:?}");
    assert_eq!(
        Voted::decode(&mut &events[0].data[..]).expect("a Voted event"),
        Voted {
            voter: bob_address,
            yes: true
        }
    );
    assert!(
        voted.costs.deposit_held > 0,
        "a first vote stores a cell: {:?}",
        voted.costs
    );
    assert!(voted.costs.gas_required.ref_time > 0);

    // Reads are dry runs: nothing signed, the vote is there, Alice has none,
    // and the other instance is untouched.
    let read = |contract: Address, who: Address| {
        let revive = revive.clone();
        let origin = alice.account();
        async move {
            revive
                .read(&origin, &contract, yardstick::revive::VOTE_OF, (who,))
                .await
                .expect("reads")
        }
    };
    assert_eq!(read(made.address, bob_address).await, Some(true));
    assert_eq!(read(made.address, address_of(&alice.account())).await, None);
    assert_eq!(read(other.address, bob_address).await, None);

    // A message the contract does not have: ink! refuses to read the input,
    // named before anything is signed.
    let best = chain.best_block().await.expect("best").number;
    let missing: Message<PeerVote, (), ()> = Message::query("no_such_message");
    let err = revive
        .call(&bob, &made.address, missing, (), 0)
        .await
        .expect_err("no such message");
    assert!(
        matches!(&err, CallError::Client(Error::ContractFailed(why)) if why.contains("could not read its input")),
        "{err}"
    );
    // Bytes that are not a PolkaVM program: pallet-revive would store them
    // as Ethereum bytecode, so the client refuses them before signing.
    for junk in [&b"not a contract"[..], &code_of_wasm()[..]] {
        let err = revive
            .upload_code(&alice, junk)
            .await
            .expect_err("not PolkaVM");
        assert!(
            matches!(&err, Error::InvalidInput(why) if why.contains("not a PolkaVM contract")),
            "{err}"
        );
        let err = revive
            .instantiate(&alice, Code::Upload(junk), yardstick::NEW, (), 0, [3; 32])
            .await
            .expect_err("not PolkaVM");
        assert!(
            matches!(&err, CallError::Client(Error::InvalidInput(_))),
            "{err}"
        );
    }
    // A broken PolkaVM blob: the runtime refuses it, by name, in the dry run.
    let err = revive
        .upload_code(&alice, b"PVM\0\x00broken")
        .await
        .expect_err("a broken blob is refused");
    assert!(
        matches!(&err, Error::Dispatch(f) if f.pallet.as_deref() == Some("Revive") && f.name == "CodeRejected"),
        "{err}"
    );
    assert_eq!(
        chain.best_block().await.expect("best").number,
        best,
        "refusals made no block"
    );
}

/// EVM init code that returns the one-byte runtime code `0x00` (STOP):
/// CODECOPY the byte after these 12 bytes to memory 0, RETURN it.
const EVM_STOP: [u8; 13] = [
    0x60, 0x01, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, 0x01, 0x60, 0x00, 0xf3, 0x00,
];
/// EVM init code that reverts at once with no data: PUSH 0, PUSH 0, REVERT.
const EVM_REVERT: [u8; 5] = [0x60, 0x00, 0x60, 0x00, 0xfd];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_without_a_descriptor_deploys_raw_as_polkavm_or_evm() {
    if !Backend::Revive.ready_or_say() {
        return;
    }
    let node = TestNode::start_backend(Backend::Revive);
    let chain = Chain::connect(&node.url).await.expect("connects");
    let revive = Revive::new(chain.clone());
    let alice = signer("//Alice");

    // A PolkaVM blob with its constructor's input encoded by hand: the
    // contract is there, with the blob's hash, and answers.
    let code = blob("peer_vote");
    let input = coop_client::contracts::call_data("new", ());
    let made = revive
        .instantiate_raw(&alice, Code::Upload(&code), &input, 0, [5; 32])
        .await
        .expect("a raw PolkaVM instantiation");
    assert_eq!(made.code_hash, sp_crypto_hashing::keccak_256(&code));
    let vote = revive
        .read(
            &alice.account(),
            &made.address,
            yardstick::revive::VOTE_OF,
            (address_of(&alice.account()),),
        )
        .await
        .expect("the raw-deployed contract answers");
    assert_eq!(vote, None);

    // EVM init code: the pallet keeps the runtime code it returns, so the
    // contract's code hash is that code's, not the init code's.
    let made = revive
        .instantiate_raw(&alice, Code::Upload(&EVM_STOP), &[], 0, [6; 32])
        .await
        .expect("a raw EVM instantiation");
    assert_eq!(made.code_hash, sp_crypto_hashing::keccak_256(&[0x00]));
    assert_eq!(
        revive.code_hash_of(&made.address).await.expect("reads"),
        Some(made.code_hash)
    );

    // A constructor that reverts is refused before anything is signed.
    let nonce = chain.next_nonce(&alice.account()).await.expect("a nonce");
    let err = revive
        .instantiate_raw(&alice, Code::Upload(&EVM_REVERT), &[], 0, [7; 32])
        .await
        .expect_err("the constructor reverts");
    assert!(matches!(&err, Error::ContractFailed(_)), "{err}");
    assert_eq!(
        chain.next_nonce(&alice.account()).await.expect("a nonce"),
        nonce,
        "nothing was signed"
    );
}
