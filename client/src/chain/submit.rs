//! Transactions: calls built from dynamic values, nonces handed out per
//! account, signing, submission, waiting for a block, and what the block
//! says happened (events, fees, a dispatch error by name).

use super::*;

/// How long a submitted transaction may take to reach a block (or finality).
pub const INCLUSION_TIMEOUT: Duration = Duration::from_secs(60);

/// Blocks a signed transaction stays valid for, counted from the best block
/// it was built on: long enough for a busy pool, short enough that a stale
/// transaction cannot surface much later.
pub(crate) const MORTALITY: u64 = 64;

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
        let mut watch = {
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
            match tx.submit_and_watch().await {
                Ok(watch) => {
                    *last_used = Some(nonce.saturating_add(1));
                    progress(TxProgress::Submitted { hash: tx.hash().0 });
                    watch
                }
                Err(e) => {
                    // Forget the local count: the chain's is the truth again.
                    *last_used = None;
                    // The pool's RPC error says only "Invalid Transaction";
                    // the runtime's validation says why.
                    return Err(match tx.validate().await {
                        Ok(ValidationResult::Invalid(TransactionInvalid::Payment)) => {
                            Error::InsufficientFunds(format!(
                                "{} cannot pay the transaction fee",
                                hex_account(&account)
                            ))
                        }
                        Ok(ValidationResult::Invalid(why)) => {
                            Error::Rejected(format!("{}: invalid: {why:?}", call.label()))
                        }
                        _ if is_disconnected(&e) => self.node_error(e),
                        _ => pool_error(&e.to_string()),
                    });
                }
            }
        };

        // Whether it reached a block: a wait for finality that times out
        // after that is a chain that does not finalize (a dev node), not a
        // transaction left out.
        let included = std::sync::atomic::AtomicBool::new(false);
        let in_block = timeout(INCLUSION_TIMEOUT, async {
            while let Some(status) = watch.next().await {
                match status.map_err(|e| self.node_error(e))? {
                    TransactionStatus::InBestBlock(in_block) => {
                        included.store(true, std::sync::atomic::Ordering::Relaxed);
                        progress(TxProgress::InBlock {
                            block: in_block.block_hash().0,
                        });
                        if wait == Wait::InBlock {
                            return Ok(in_block);
                        }
                    }
                    TransactionStatus::InFinalizedBlock(in_block) => {
                        progress(TxProgress::Finalized {
                            block: in_block.block_hash().0,
                        });
                        return Ok(in_block);
                    }
                    TransactionStatus::Error { message }
                    | TransactionStatus::Invalid { message }
                    | TransactionStatus::Dropped { message } => {
                        *slot.lock().await = None;
                        return Err(pool_error(&message));
                    }
                    _ => {}
                }
            }
            Err(Error::Rejected(
                "the node ended the transaction's status stream".into(),
            ))
        })
        .await
        .map_err(|_| Error::Timeout {
            what: if included.load(std::sync::atomic::Ordering::Relaxed) {
                "the transaction's block to be finalized (it is in a block; a dev node may never finalize)"
            } else {
                "the transaction to be included"
            },
            after: INCLUSION_TIMEOUT,
        })??;

        let events = in_block
            .fetch_events()
            .await
            .map_err(|e| self.node_error(e))?;
        let mut records = Vec::new();
        for event in events.iter() {
            let event = event.map_err(|e| Error::decode("an event", e))?;
            let record = EventRecord {
                pallet: event.pallet_name().to_string(),
                variant: event.event_name().to_string(),
                topics: event.topics().iter().map(|t| t.0).collect(),
                fields: super::events::named_fields(
                    &self.inner.metadata,
                    event.pallet_index(),
                    event.event_index(),
                    event.field_bytes(),
                )?,
            };
            if record.is("System", "ExtrinsicFailed") {
                let mut error = record
                    .field("dispatch_error")
                    .ok_or_else(|| Error::decode("ExtrinsicFailed", "no dispatch_error field"))?;
                let failure = self.decode_dispatch_error(&mut error)?;
                return Err(failure.into());
            }
            records.push(record);
        }
        Ok(Included {
            block: self.block(H256(in_block.block_hash().0)).await?,
            extrinsic_hash: in_block.extrinsic_hash().0,
            events: records,
        })
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
