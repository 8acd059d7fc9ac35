//! Transactions: calls built from dynamic values, nonces handed out per
//! account, signing, submission, waiting for a block, and what the block
//! says happened (events, fees, a dispatch error by name).

use super::*;
use std::sync::atomic::{AtomicBool, Ordering};
use subxt::client::OnlineClientAtBlockImpl;
use subxt::transactions::{SubmittableTransaction, TransactionProgress};

/// How long a submitted transaction may take to reach a block (or finality).
pub const INCLUSION_TIMEOUT: Duration = Duration::from_secs(60);

/// Blocks a signed transaction stays valid for, counted from the best block
/// it was built on: long enough for a busy pool, short enough that a stale
/// transaction cannot surface much later.
pub(crate) const MORTALITY: u64 = 64;

/// The pool's answer (RPC error 1013) to bytes it already holds.
const ALREADY_IMPORTED: &str = "Transaction Already Imported";

/// How often a transaction found by reading blocks checks for finality.
const FINALITY_POLL: Duration = Duration::from_millis(500);

/// A signed transaction, ready for the pool.
type Submittable = SubmittableTransaction<PolkadotConfig, OnlineClientAtBlockImpl<PolkadotConfig>>;

/// The pool's status reports for one transaction.
type Watch = TransactionProgress<PolkadotConfig, OnlineClientAtBlockImpl<PolkadotConfig>>;

/// What the pool did with a transaction handed to it.
enum Sent {
    /// Took it and reports its status.
    Watched(Watch),
    /// Already held it: it is pending, with no status reports here.
    AlreadyPending,
}

/// How long [`Chain::submit_with`] waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wait {
    /// Until the transaction is in a (best) block; enough on a dev chain.
    #[default]
    InBlock,
    /// Until that block is finalized.
    Finalized,
}

/// Where a transaction is, reported to a progress hook as it moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxProgress {
    /// Signed with this nonce; nothing sent yet.
    Signed {
        /// The nonce used.
        nonce: u64,
    },
    /// The pool accepted it.
    Submitted {
        /// The transaction's hash.
        hash: [u8; 32],
    },
    /// It is in a block.
    InBlock {
        /// The block's hash.
        block: [u8; 32],
    },
    /// That block is final.
    Finalized {
        /// The block's hash.
        block: [u8; 32],
    },
}

/// A runtime call to sign: pallet, call name and its fields in order.
/// Fields are encoded against the node's metadata, so a field of the wrong
/// shape fails before anything is signed.
#[derive(Debug, Clone)]
pub struct Call {
    pallet: String,
    name: String,
    fields: Vec<Value>,
}

impl Call {
    /// A call of `pallet::name` with `fields` in declaration order.
    pub fn new(pallet: impl Into<String>, name: impl Into<String>, fields: Vec<Value>) -> Call {
        Call {
            pallet: pallet.into(),
            name: name.into(),
            fields,
        }
    }

    /// `pallet::name`, for messages.
    pub fn label(&self) -> String {
        format!("{}::{}", self.pallet, self.name)
    }
}

/// A transaction that made it into a block and succeeded.
#[derive(Debug, Clone)]
pub struct Included {
    /// The block it is in.
    pub block: Block,
    /// The transaction's hash.
    pub extrinsic_hash: [u8; 32],
    /// The events it caused, in order.
    pub events: Vec<EventRecord>,
}

/// An account as the `MultiAddress::Id` the runtime's calls take.
pub fn address_value(account: &AccountId) -> Value {
    Value::unnamed_variant(
        "Id",
        [Value::from_bytes(AsRef::<[u8; 32]>::as_ref(account))],
    )
}

pub(crate) fn account32(account: &AccountId) -> AccountId32 {
    AccountId32(*AsRef::<[u8; 32]>::as_ref(account))
}

/// Turns the pool's refusal into a typed error; the pool states an
/// unpayable fee in words only.
pub(crate) fn pool_error(message: &str) -> Error {
    if message.contains("Inability to pay some fees") || message.contains("balance too low") {
        Error::InsufficientFunds(format!("cannot pay the transaction fee ({message})"))
    } else {
        Error::Rejected(message.to_string())
    }
}

/// One account's next nonce as this client last handed it out, locked
/// while a transaction of that account is being signed and submitted.
pub(crate) type NonceSlot = Arc<tokio::sync::Mutex<Option<u64>>>;

/// Per-account nonce bookkeeping: the next nonce this client handed out,
/// behind an async lock per account.
#[derive(Default)]
pub(crate) struct Nonces {
    slots: std::sync::Mutex<HashMap<[u8; 32], NonceSlot>>,
}

impl Nonces {
    pub(crate) fn slot(&self, account: &AccountId) -> NonceSlot {
        // A panic elsewhere cannot leave the map half-written, so a poisoned
        // lock is still safe to use.
        let mut slots = self
            .slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slots
            .entry(*AsRef::<[u8; 32]>::as_ref(account))
            .or_default()
            .clone()
    }
}

impl Chain {
    /// The nonce `account`'s next transaction needs, counting those waiting
    /// in the node's pool (`system_accountNextIndex`).
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn next_nonce(&self, account: &AccountId) -> Result<u64> {
        self.inner
            .rpc
            .system_account_next_index(&account32(account))
            .await
            .map_err(|e| self.node_error(e))
    }

    /// Signs `call`, submits it, and waits until it is in a block.
    ///
    /// # Errors
    /// See [`Chain::submit_with`].
    pub async fn submit(&self, call: &Call, signer: &Signer) -> Result<Included> {
        self.submit_with(call, signer, Wait::InBlock, &|_| {}).await
    }

    /// Signs `call` with the account's next nonce, submits it, reports each
    /// step to `progress`, and waits as `wait` says. Several transactions of
    /// one account may be submitted in a row or at once: nonces are handed
    /// out one at a time per account. Different accounts do not wait on each
    /// other.
    ///
    /// # Errors
    /// - [`Error::InsufficientFunds`] if the account cannot pay the fee (the
    ///   pool refuses it) or the call fails for want of funds.
    /// - [`Error::Rejected`] if the pool refuses or drops it.
    /// - [`Error::Dispatch`] if it is in a block but failed.
    /// - [`Error::TooBig`] if no block of this chain could include it.
    /// - [`Error::Timeout`] after [`INCLUSION_TIMEOUT`].
    pub async fn submit_with(
        &self,
        call: &Call,
        signer: &Signer,
        wait: Wait,
        progress: &(dyn Fn(TxProgress) + Send + Sync),
    ) -> Result<Included> {
        let payload = subxt::dynamic::transaction(
            call.pallet.as_str(),
            call.name.as_str(),
            call.fields.clone(),
        );
        let account = signer.account();
        let slot = self.inner.nonces.slot(&account);

        // The slot stays locked from choosing the nonce until the pool has
        // the transaction, so two submissions of one account never share one.
        let (sent, hash, since) = {
            let mut last_used = slot.lock().await;
            let best = self.best_block().await?;
            let at = self.at_block(best).await?;
            let pool_next = self.next_nonce(&account).await?;
            // The pool may not count a transaction accepted a moment ago yet.
            let nonce = last_used.map_or(pool_next, |next| next.max(pool_next));
            let params = PolkadotExtrinsicParamsBuilder::<PolkadotConfig>::new()
                .nonce(nonce)
                .mortal_from_unchecked(MORTALITY, best.number, H256(best.hash))
                .build();
            let tx = at
                .transactions()
                .create_signable_offline(&payload, params)
                .and_then(|mut signable| signable.sign(signer.pair()))
                .map_err(|e| Error::InvalidInput(format!("{}: {e}", call.label())))?;
            progress(TxProgress::Signed { nonce });
            // Unsent, the nonce stays free for the next transaction.
            self.ensure_fits(tx.encoded(), &call.label(), best).await?;
            match self.send(&tx, &call.label(), &hex_account(&account)).await {
                Ok(sent) => {
                    *last_used = Some(nonce.saturating_add(1));
                    progress(TxProgress::Submitted { hash: tx.hash().0 });
                    (sent, tx.hash().0, best.number)
                }
                Err(e) => {
                    // Forget the local count: the chain's is the truth again.
                    *last_used = None;
                    return Err(e);
                }
            }
        };
        self.landing(sent, hash, since, wait, progress, Some(&slot))
            .await
    }

    /// Submits a transaction signed elsewhere (its SCALE encoding, as a
    /// wallet or an offline signer produces it), reports each step to
    /// `progress` and waits as `wait` says. Sending the same transaction
    /// again while it is pending is harmless: every caller is told where it
    /// landed, and it runs once.
    ///
    /// # Errors
    /// As [`Chain::submit_with`]; [`Error::Rejected`] also for bytes that
    /// are no transaction of this chain.
    pub async fn submit_signed(
        &self,
        transaction: &[u8],
        wait: Wait,
        progress: &(dyn Fn(TxProgress) + Send + Sync),
    ) -> Result<Included> {
        let best = self.best_block().await?;
        let at = self.at_block(best).await?;
        let tx = at.transactions().from_bytes(transaction.to_vec());
        self.ensure_fits(transaction, "a signed transaction", best)
            .await?;
        let sent = self.send(&tx, "a signed transaction", "its signer").await?;
        progress(TxProgress::Submitted { hash: tx.hash().0 });
        self.landing(sent, tx.hash().0, best.number, wait, progress, None)
            .await
    }

    /// Hands `tx` to the pool and starts watching it.
    async fn send(&self, tx: &Submittable, label: &str, payer: &str) -> Result<Sent> {
        match tx.submit_and_watch().await {
            Ok(watch) => Ok(Sent::Watched(watch)),
            // The pool holds these very bytes already: sent twice, or the
            // fork-aware pool's race (polkadot-sdk PR 11419) in which a
            // single submission is imported by a new block's view while
            // being submitted, and the caller is told 1013. Either way the
            // transaction is pending; it is followed block by block.
            Err(e) if e.to_string().contains(ALREADY_IMPORTED) => Ok(Sent::AlreadyPending),
            Err(e) => Err(match tx.validate().await {
                // The pool's RPC error says only "Invalid Transaction"; the
                // runtime's validation says why.
                Ok(ValidationResult::Invalid(TransactionInvalid::Payment)) => {
                    Error::InsufficientFunds(format!("{payer} cannot pay the transaction fee"))
                }
                Ok(ValidationResult::Invalid(why)) => {
                    Error::Rejected(format!("{label}: invalid: {why:?}"))
                }
                _ if is_disconnected(&e) => self.node_error(e),
                _ => pool_error(&e.to_string()),
            }),
        }
    }

    /// Waits for a sent transaction as `wait` says and reads what its block
    /// says happened. A refusal by the pool forgets the local nonce count in
    /// `slot`, if any.
    async fn landing(
        &self,
        sent: Sent,
        hash: [u8; 32],
        since: u64,
        wait: Wait,
        progress: &(dyn Fn(TxProgress) + Send + Sync),
        slot: Option<&NonceSlot>,
    ) -> Result<Included> {
        // Whether it reached a block: a wait for finality that times out
        // after that is a chain that does not finalize (a dev node), not a
        // transaction left out.
        let included = AtomicBool::new(false);
        let (block, index) = timeout(INCLUSION_TIMEOUT, async {
            match sent {
                Sent::Watched(watch) => {
                    let block = self.watch(watch, wait, progress, slot, &included).await?;
                    let index = self.position_in(block, hash).await?.ok_or_else(|| {
                        Error::Node(format!(
                            "block {} does not hold the transaction the node reported in it",
                            block.number
                        ))
                    })?;
                    Ok((block, index))
                }
                Sent::AlreadyPending => {
                    self.follow(hash, since, wait, progress, &included).await
                }
            }
        })
        .await
        .map_err(|_| Error::Timeout {
            what: if included.load(Ordering::Relaxed) {
                "the transaction's block to be finalized (it is in a block; a dev node may never finalize)"
            } else {
                "the transaction to be included"
            },
            after: INCLUSION_TIMEOUT,
        })??;

        // Its own events: those of its place in the block.
        let events: Vec<EventRecord> = self
            .events_at(block)
            .await?
            .into_iter()
            .filter(|event| event.extrinsic == Some(index))
            .map(|event| event.record)
            .collect();
        if let Some(failed) = events
            .iter()
            .find(|record| record.is("System", "ExtrinsicFailed"))
        {
            let mut error = failed
                .field("dispatch_error")
                .ok_or_else(|| Error::decode("ExtrinsicFailed", "no dispatch_error field"))?;
            let failure = self.decode_dispatch_error(&mut error)?;
            return Err(failure.into());
        }
        Ok(Included {
            block,
            extrinsic_hash: hash,
            events,
        })
    }

    /// Follows the pool's status reports for a transaction until `wait` is
    /// met; the block it is in.
    async fn watch(
        &self,
        mut watch: Watch,
        wait: Wait,
        progress: &(dyn Fn(TxProgress) + Send + Sync),
        slot: Option<&NonceSlot>,
        included: &AtomicBool,
    ) -> Result<Block> {
        while let Some(status) = watch.next().await {
            let in_block = match status.map_err(|e| self.node_error(e))? {
                TransactionStatus::InBestBlock(in_block) => {
                    included.store(true, Ordering::Relaxed);
                    progress(TxProgress::InBlock {
                        block: in_block.block_hash().0,
                    });
                    if wait != Wait::InBlock {
                        continue;
                    }
                    in_block
                }
                TransactionStatus::InFinalizedBlock(in_block) => {
                    progress(TxProgress::Finalized {
                        block: in_block.block_hash().0,
                    });
                    in_block
                }
                TransactionStatus::Error { message }
                | TransactionStatus::Invalid { message }
                | TransactionStatus::Dropped { message } => {
                    if let Some(slot) = slot {
                        *slot.lock().await = None;
                    }
                    return Err(pool_error(&message));
                }
                _ => continue,
            };
            return self.block(H256(in_block.block_hash().0)).await;
        }
        Err(Error::Rejected(
            "the node ended the transaction's status stream".into(),
        ))
    }

    /// Finds a pending transaction the pool gives no status reports for by
    /// reading each new block's body from height `since` on, then waits for
    /// that block to be final if `wait` asks; the block and its place there.
    async fn follow(
        &self,
        hash: [u8; 32],
        since: u64,
        wait: Wait,
        progress: &(dyn Fn(TxProgress) + Send + Sync),
        included: &AtomicBool,
    ) -> Result<(Block, u32)> {
        let mut heads = self.best_blocks().await?;
        let mut next = since;
        let mut best = self.best_block().await?.number;
        let (block, index) = 'found: loop {
            while next <= best {
                if let Some(block) = self.block_at(next).await? {
                    if let Some(index) = self.position_in(block, hash).await? {
                        break 'found (block, index);
                    }
                }
                next += 1;
            }
            best = match heads.next().await {
                Some(head) => head?.number,
                None => {
                    return Err(Error::Rejected(
                        "the node ended the subscription to new blocks".into(),
                    ))
                }
            };
        };
        included.store(true, Ordering::Relaxed);
        progress(TxProgress::InBlock { block: block.hash });
        if wait == Wait::Finalized {
            while self.finalized_block().await?.number < block.number {
                tokio::time::sleep(FINALITY_POLL).await;
            }
            if self.block_at(block.number).await? != Some(block) {
                return Err(Error::Rejected(format!(
                    "block {} that held the transaction was replaced before it was final",
                    block.number
                )));
            }
            progress(TxProgress::Finalized { block: block.hash });
        }
        Ok((block, index))
    }

    /// Where in `block` the transaction with `hash` is, if it is there.
    async fn position_in(&self, block: Block, hash: [u8; 32]) -> Result<Option<u32>> {
        let body = self
            .inner
            .rpc
            .chain_get_block(Some(H256(block.hash)))
            .await
            .map_err(|e| self.node_error(e))?
            .ok_or_else(|| Error::Node(format!("block {} has no body", block.number)))?;
        Ok(body
            .block
            .extrinsics
            .iter()
            .position(|extrinsic| sp_crypto_hashing::blake2_256(&extrinsic.0) == hash)
            .and_then(|index| u32::try_from(index).ok()))
    }

    /// Moves `amount` from the signer to `to` (`Balances::transfer_allow_death`).
    ///
    /// # Errors
    /// As [`Chain::submit`]; [`Error::InsufficientFunds`] if the signer lacks it.
    pub async fn transfer(
        &self,
        signer: &Signer,
        to: &AccountId,
        amount: Balance,
    ) -> Result<Included> {
        let call = Call::new(
            "Balances",
            "transfer_allow_death",
            vec![address_value(to), Value::u128(amount)],
        );
        self.submit(&call, signer).await
    }
}
