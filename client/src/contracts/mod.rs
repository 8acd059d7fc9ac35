//! The contract layer: upload, instantiate, call and dry-run ink!
//! contracts, and decode what they return and emit.
//!
//! This module knows pallet-contracts (ink! 5, Wasm): its extrinsics
//! (`Contracts::call`, `instantiate`, `instantiate_with_code`,
//! `upload_code`), its runtime API (`ContractsApi_*`), the shape of its
//! results and its events. [`revive`] does the same for pallet-revive
//! (ink! 6, PolkaVM). Nothing above this layer knows either pallet.
//!
//! Every transaction is dry-run first, at the best block and from the
//! signer's account. A dry run that fails or reverts becomes a typed error
//! before anything is signed; one that succeeds sets the transaction's
//! limits (see [`GAS_MARGIN_PERCENT`] and [`DEPOSIT_MARGIN_PERCENT`]).

use crate::chain::{
    address_value, Block, Call, Chain, EventRecord, Included, Signer, TxProgress, Value, Wait,
};
use crate::error::{CallError, DispatchFailure, Error, Result};
use coop_shared::{
    AccountId, Balance, Constructor, Contract, CoopEvent, ErrorInfo, Message, MessageInfo,
};
use parity_scale_codec::{Decode, Encode};
use std::sync::Arc;

mod handle;
pub mod revive;

pub use handle::{Governance, Handle, Register};

/// Added to the dry run's `gas_required` (ref_time and proof_size alike)
/// to make the transaction's gas limit. The dry run ran one block earlier
/// than the transaction will; another transaction in between can make the
/// call touch a little more state (a longer list, a wider number), and 10%
/// absorbs that while a runaway call still stops near its estimate.
pub const GAS_MARGIN_PERCENT: u64 = 10;

/// Added to the storage deposit the dry run charged to make the
/// transaction's storage-deposit limit, for the same reason as the gas
/// margin. A dry run that charged nothing (or refunded) gets a limit of 0:
/// the call must not start charging between dry run and block.
pub const DEPOSIT_MARGIN_PERCENT: u128 = 10;

/// ink!'s revert flag in a contract's return flags (both pallets).
const REVERT_FLAG: u32 = 1;

/// The first 4 bytes of BLAKE2b-256 of a message or constructor label
/// (ink!'s selector rule), e.g. `selector("admit")`.
pub fn selector(label: &str) -> [u8; 4] {
    let hash = sp_crypto_hashing::blake2_256(label.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

/// The input of a message or constructor: its selector, then its arguments
/// SCALE-encoded in order (pass a tuple, or `()` for none).
pub fn call_data(label: &str, args: impl Encode) -> Vec<u8> {
    let mut data = selector(label).to_vec();
    args.encode_to(&mut data);
    data
}

/// The first topic of event `E`: BLAKE2b-256 of its signature.
pub fn event_topic<E: CoopEvent>() -> [u8; 32] {
    sp_crypto_hashing::blake2_256(E::SIGNATURE.as_bytes())
}

/// What a chain offers for running coop's contracts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Support {
    /// pallet-contracts with its runtime API: ink! 5 Wasm contracts, what coop needs.
    pub wasm_contracts: bool,
    /// pallet-revive with its runtime API (PolkaVM, ink! 6): every public
    /// ink! network now; coop's register and governance are not ported yet.
    pub revive: bool,
}

/// Which contract runtimes `chain` offers, from its metadata.
pub fn support(chain: &Chain) -> Support {
    Support {
        wasm_contracts: chain.has_pallet("Contracts") && chain.has_runtime_api("ContractsApi"),
        revive: chain.has_pallet("Revive") && chain.has_runtime_api("ReviveApi"),
    }
}

/// Weight in pallet-contracts' two dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Encode, Decode)]
pub struct Weight {
    /// Computation time, in picoseconds.
    #[codec(compact)]
    pub ref_time: u64,
    /// Proof size, in bytes.
    #[codec(compact)]
    pub proof_size: u64,
}

impl Weight {
    /// This weight plus `percent` percent, rounded up, saturating.
    pub fn with_margin(self, percent: u64) -> Weight {
        let grow = |v: u64| v.saturating_add(v.saturating_mul(percent).div_ceil(100));
        Weight {
            ref_time: grow(self.ref_time),
            proof_size: grow(self.proof_size),
        }
    }

    fn value(self) -> Value {
        Value::named_composite([
            ("ref_time", Value::u128(u128::from(self.ref_time))),
            ("proof_size", Value::u128(u128::from(self.proof_size))),
        ])
    }
}

/// What a call did to storage deposits, as the dry run reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Encode, Decode)]
pub enum StorageDeposit {
    /// The caller got this much back (storage was freed).
    Refund(Balance),
    /// The caller paid this much (storage was used).
    Charge(Balance),
}

impl StorageDeposit {
    /// The amount charged; 0 for a refund.
    pub fn charged(self) -> Balance {
        match self {
            StorageDeposit::Charge(amount) => amount,
            StorageDeposit::Refund(_) => 0,
        }
    }
}

/// The outcome of a dry run (`ContractsApi_call` / `ContractsApi_instantiate`)
/// that the runtime executed: the contract ran, and may have reverted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DryRun {
    /// The weight the call used.
    pub gas_consumed: Weight,
    /// The weight limit the call needs to succeed (≥ consumed).
    pub gas_required: Weight,
    /// The storage deposit it charged or refunded.
    pub storage_deposit: StorageDeposit,
    /// The contract's debug output (empty on production chains).
    pub debug_message: String,
    /// Whether the contract reverted (ink! sets this for an `Err`).
    pub reverted: bool,
    /// The SCALE-encoded return value: `Result<_, LangError>` around the message's own.
    pub data: Vec<u8>,
    /// For an instantiation, the address the contract gets.
    pub address: Option<AccountId>,
}

impl DryRun {
    /// The limits a transaction repeating this dry run is given.
    pub fn limits(&self) -> Limits {
        let charged = self.storage_deposit.charged();
        Limits {
            gas: self.gas_required.with_margin(GAS_MARGIN_PERCENT),
            storage_deposit: charged
                .saturating_add(charged.saturating_mul(DEPOSIT_MARGIN_PERCENT).div_ceil(100)),
        }
    }
}

/// The gas and storage-deposit limits a transaction was signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The gas limit.
    pub gas: Weight,
    /// The storage-deposit limit.
    pub storage_deposit: Balance,
}

/// What a contract transaction cost, for reports and benchmarks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Costs {
    /// The dry run the transaction was based on.
    pub gas_consumed: Weight,
    /// The weight the dry run said the call needs.
    pub gas_required: Weight,
    /// The storage deposit the dry run charged or refunded.
    pub storage_deposit: StorageDeposit,
    /// The limits the transaction carried.
    pub limits: Limits,
    /// The transaction fee paid, if the chain reported it.
    pub fee: Option<Balance>,
    /// Storage deposit the transaction moved into holds.
    pub deposit_held: Balance,
    /// Storage deposit the transaction released from holds.
    pub deposit_released: Balance,
}

/// The result of a contract transaction.
#[derive(Debug, Clone)]
pub struct Outcome<T> {
    /// What the message returned (in the dry run; the block ran the same call).
    pub value: T,
    /// Gas, deposits and fees.
    pub costs: Costs,
    /// The block, transaction hash and events.
    pub included: Included,
}

impl<T> Outcome<T> {
    /// The events of type `E` that `contract` emitted in this transaction.
    ///
    /// # Errors
    /// [`Error::Decode`] if an event with `E`'s topic does not decode as `E`.
    pub fn events<E: CoopEvent + Decode>(&self, contract: &AccountId) -> Result<Vec<E>> {
        decode_events(&self.included.events, contract)
    }
}

/// A contract that was instantiated.
#[derive(Debug, Clone)]
pub struct Instantiated {
    /// Its address.
    pub address: AccountId,
    /// The hash of its code.
    pub code_hash: [u8; 32],
    /// What it cost, and where it landed.
    pub outcome: Outcome<()>,
}

/// Code that was uploaded.
#[derive(Debug, Clone)]
pub struct Uploaded {
    /// The code's hash, by which contracts are instantiated from it.
    pub code_hash: [u8; 32],
    /// The deposit held for storing it (0 if it was already on chain).
    pub deposit: Balance,
    /// Where it landed.
    pub included: Included,
}

/// Where an instantiation's code comes from.
#[derive(Debug, Clone, Copy)]
pub enum Code<'a> {
    /// Upload this Wasm in the same transaction.
    Upload(&'a [u8]),
    /// Use code already on chain, by hash.
    Existing([u8; 32]),
}

/// The salt that makes a contract's address unique among instances of one code.
#[derive(Debug, Clone)]
pub enum Salt {
    /// 32 random bytes from the OS.
    Random,
    /// These bytes: the same deployer, code, input and salt give the same address.
    Given(Vec<u8>),
}

impl Salt {
    fn bytes(&self) -> Result<Vec<u8>> {
        match self {
            Salt::Given(bytes) => Ok(bytes.clone()),
            Salt::Random => {
                let mut bytes = [0u8; 32];
                getrandom::getrandom(&mut bytes)
                    .map_err(|e| Error::Node(format!("no OS randomness for a salt: {e}")))?;
                Ok(bytes.to_vec())
            }
        }
    }
}

/// A hook told where each transaction is while it waits for its block.
pub type ProgressHook = Arc<dyn Fn(TxProgress) + Send + Sync>;

/// ink! contracts on one chain, through pallet-contracts.
#[derive(Clone)]
pub struct Contracts {
    chain: Chain,
    progress: Option<ProgressHook>,
}

impl std::fmt::Debug for Contracts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contracts")
            .field("chain", &self.chain)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// An event a contract emitted (`Contracts::ContractEmitted`), undecoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractEvent {
    /// The contract that emitted it.
    pub contract: AccountId,
    /// Its topics; ink! puts BLAKE2b-256 of the event's signature first.
    pub topics: Vec<[u8; 32]>,
    /// The event's SCALE bytes.
    pub data: Vec<u8>,
}

impl ContractEvent {
    /// The contract event `record` carries, if it is one.
    pub fn from_record(record: &EventRecord) -> Option<ContractEvent> {
        if !record.is("Contracts", "ContractEmitted") {
            return None;
        }
        // Fields: the emitting contract, then the event's bytes.
        let (contract, data) = <(AccountId, Vec<u8>)>::decode(&mut &record.fields[..]).ok()?;
        Some(ContractEvent {
            contract,
            topics: record.topics.clone(),
            data,
        })
    }

    /// Decodes it as `E` if its first topic is `E`'s; `None` for another event.
    ///
    /// # Errors
    /// [`Error::Decode`] if it has `E`'s topic but does not decode as `E`.
    pub fn decode<E: CoopEvent + Decode>(&self) -> Result<Option<E>> {
        if self.topics.first() != Some(&event_topic::<E>()) {
            return Ok(None);
        }
        decode_all::<E>(E::SIGNATURE, &self.data).map(Some)
    }
}

impl Contracts {
    /// The contract layer over `chain`.
    pub fn new(chain: Chain) -> Contracts {
        Contracts {
            chain,
            progress: None,
        }
    }

    /// The same, telling `hook` where each transaction is while it waits
    /// (signed, in the pool, in a block), e.g. to show progress.
    pub fn with_progress(mut self, hook: ProgressHook) -> Contracts {
        self.progress = Some(hook);
        self
    }

    /// The hash of the code the contract at `address` runs, or `None` if no
    /// contract lives there (`Contracts::ContractInfoOf`).
    ///
    /// # Errors
    /// [`Error::Node`] or [`Error::Decode`].
    pub async fn code_hash_of(&self, address: &AccountId) -> Result<Option<[u8; 32]>> {
        let bytes = self
            .chain
            .storage_map_bytes(
                "Contracts",
                "ContractInfoOf",
                *AsRef::<[u8; 32]>::as_ref(address),
            )
            .await?;
        let Some(bytes) = bytes else { return Ok(None) };
        // ContractInfo starts with its trie id (a byte vector), then the code hash.
        let (_trie_id, code_hash) = <(Vec<u8>, [u8; 32])>::decode(&mut &bytes[..])
            .map_err(|e| Error::decode("Contracts::ContractInfoOf", e))?;
        Ok(Some(code_hash))
    }

    /// Whether code with this hash is stored on chain (`Contracts::CodeInfoOf`).
    ///
    /// # Errors
    /// [`Error::Node`].
    pub async fn code_exists(&self, code_hash: [u8; 32]) -> Result<bool> {
        Ok(self
            .chain
            .storage_map_bytes("Contracts", "CodeInfoOf", code_hash)
            .await?
            .is_some())
    }

    /// As [`Contracts::read`], at `block` instead of the best block.
    ///
    /// # Errors
    /// As [`Contracts::read`]; [`Error::StateUnavailable`] for a pruned block.
    pub async fn read_at<C: Contract, A: Encode, T: Decode>(
        &self,
        origin: &AccountId,
        contract: &AccountId,
        message: Message<C, A, T>,
        args: A,
        block: Block,
    ) -> CallResult<T, C> {
        let data = encode_call(message, args);
        let args = call_args(origin, contract, 0, &data);
        let out = self
            .chain
            .runtime_call_at("ContractsApi_call", &args, block)
            .await?;
        let run = self.decode_contract_result(&out, false)?;
        decode_result(message.info(), run.reverted, &run.data)
    }

    /// The chain below.
    pub fn chain(&self) -> &Chain {
        &self.chain
    }

    /// Dry-runs a message call of `contract` with `data` from `origin`
    /// (`ContractsApi_call`, no gas or deposit limit).
    ///
    /// # Errors
    /// [`Error::Dispatch`] / [`Error::InsufficientFunds`] if the runtime
    /// refused to run it (a trap, an unknown contract, no funds); a revert is
    /// not an error here, see [`DryRun::reverted`].
    pub async fn dry_run_call(
        &self,
        origin: &AccountId,
        contract: &AccountId,
        value: Balance,
        data: &[u8],
    ) -> Result<DryRun> {
        let args = call_args(origin, contract, value, data);
        let out = self.chain.runtime_call("ContractsApi_call", &args).await?;
        self.decode_contract_result(&out, false)
    }

    /// Dry-runs an instantiation (`ContractsApi_instantiate`); the result
    /// carries the address the contract would get.
    ///
    /// # Errors
    /// As [`Contracts::dry_run_call`].
    pub async fn dry_run_instantiate(
        &self,
        origin: &AccountId,
        value: Balance,
        code: Code<'_>,
        data: &[u8],
        salt: &[u8],
    ) -> Result<DryRun> {
        let mut args = Vec::new();
        origin.encode_to(&mut args);
        value.encode_to(&mut args);
        None::<Weight>.encode_to(&mut args);
        None::<Balance>.encode_to(&mut args);
        match code {
            Code::Upload(wasm) => {
                0u8.encode_to(&mut args);
                wasm.encode_to(&mut args);
            }
            Code::Existing(hash) => {
                1u8.encode_to(&mut args);
                hash.encode_to(&mut args);
            }
        }
        data.encode_to(&mut args);
        salt.encode_to(&mut args);
        let out = self
            .chain
            .runtime_call("ContractsApi_instantiate", &args)
            .await?;
        self.decode_contract_result(&out, true)
    }

    /// Reads a message by dry run only: nothing is signed. `origin` is the
    /// caller the contract sees. A fallible message's `Err` is returned as
    /// [`CallError::Contract`].
    ///
    /// # Errors
    /// As [`Contracts::dry_run_call`]; [`Error::ContractFailed`] if it
    /// reverts without an error of the contract's; [`Error::Decode`] if the
    /// value is not a `T` (the contract is not the one the descriptor names).
    pub async fn read<C: Contract, A: Encode, T: Decode>(
        &self,
        origin: &AccountId,
        contract: &AccountId,
        message: Message<C, A, T>,
        args: A,
    ) -> CallResult<T, C> {
        let data = encode_call(message, args);
        let run = self.dry_run_call(origin, contract, 0, &data).await?;
        decode_result(message.info(), run.reverted, &run.data)
    }

    /// Calls a message in a transaction signed by `signer`: dry run first
    /// (a contract error is returned, typed, and nothing is signed), then
    /// signed with limits from the dry run, and awaited in a block.
    ///
    /// # Errors
    /// [`CallError::Contract`] (before signing) for the contract's own
    /// errors; [`Error::InsufficientFunds`] for fees or deposits; the
    /// chain layer's errors for the transaction.
    pub async fn call<C: Contract, A: Encode, T: Decode>(
        &self,
        signer: &Signer,
        contract: &AccountId,
        message: Message<C, A, T>,
        args: A,
    ) -> CallResult<Outcome<T>, C> {
        self.call_with_value(signer, contract, message, args, 0)
            .await
    }

    /// As [`Contracts::call`], sending `value` along to a payable message
    /// (the dry run sends it too, so a shortfall is caught before signing).
    ///
    /// # Errors
    /// As [`Contracts::call`]; [`Error::InvalidInput`] for a value sent to
    /// a message that is not payable.
    pub async fn call_with_value<C: Contract, A: Encode, T: Decode>(
        &self,
        signer: &Signer,
        contract: &AccountId,
        message: Message<C, A, T>,
        args: A,
        value: Balance,
    ) -> CallResult<Outcome<T>, C> {
        let info = message.info();
        check_value(&info, value)?;
        let data = encode_call(message, args);
        let run = self
            .dry_run_call(&signer.account(), contract, value, &data)
            .await?;
        let returned = decode_result::<T, C::Error>(info, run.reverted, &run.data)?;
        let limits = run.limits();
        let call = Call::new(
            "Contracts",
            "call",
            vec![
                address_value(contract),
                Value::u128(value),
                limits.gas.value(),
                deposit_limit_value(limits.storage_deposit),
                Value::from_bytes(&data),
            ],
        );
        let included = match self.submit(&call, signer).await {
            Ok(included) => included,
            Err(Error::Dispatch(failure))
                if failure.pallet.as_deref() == Some("Contracts")
                    && failure.name == "ContractReverted" =>
            {
                // The dry run ran a block before the one the transaction
                // landed in (a deadline may have passed between them). Ask
                // again at the block it failed in, to name the reason.
                let again = self
                    .dry_run_call(&signer.account(), contract, value, &data)
                    .await?;
                return Err(
                    match decode_result::<T, C::Error>(info, again.reverted, &again.data) {
                        Err(named) => named,
                        Ok(_) => Error::Dispatch(failure).into(),
                    },
                );
            }
            Err(e) => return Err(e.into()),
        };
        Ok(Outcome {
            value: returned,
            costs: costs(&run, limits, &included, &signer.account()),
            included,
        })
    }

    /// Instantiates a contract through its constructor `constructor`, sending
    /// `value` (0 unless the constructor is payable): dry run first, then
    /// signed and awaited.
    ///
    /// # Errors
    /// As [`Contracts::call_with_value`].
    pub async fn instantiate<C: Contract, A: Encode>(
        &self,
        signer: &Signer,
        code: Code<'_>,
        constructor: Constructor<C, A>,
        args: A,
        value: Balance,
        salt: Salt,
    ) -> CallResult<Instantiated, C> {
        let info = constructor.info();
        check_value(&info, value)?;
        let data = encode_constructor(constructor, args);
        let salt = salt.bytes()?;
        let run = self
            .dry_run_instantiate(&signer.account(), value, code, &data, &salt)
            .await?;
        // A constructor returns `Result<Result<(), E>, LangError>` or
        // `Result<(), LangError>`; only success matters here.
        if run.reverted {
            return Err(revert_error::<C::Error>(&run.data));
        }
        let limits = run.limits();
        let code_hash = match code {
            Code::Existing(hash) => hash,
            Code::Upload(wasm) => sp_crypto_hashing::blake2_256(wasm),
        };
        let (name, code_value) = match code {
            Code::Upload(wasm) => ("instantiate_with_code", Value::from_bytes(wasm)),
            Code::Existing(hash) => ("instantiate", Value::from_bytes(hash)),
        };
        let call = Call::new(
            "Contracts",
            name,
            vec![
                Value::u128(value),
                limits.gas.value(),
                deposit_limit_value(limits.storage_deposit),
                code_value,
                Value::from_bytes(&data),
                Value::from_bytes(&salt),
            ],
        );
        let included = self.submit(&call, signer).await?;
        // A constructor may instantiate contracts of its own (governance
        // creates the register); those name the new contract as deployer.
        // Ours is the one the signer deployed. Fields: deployer, then contract.
        let deployer = signer.account();
        let address = included
            .events
            .iter()
            .filter(|e| e.is("Contracts", "Instantiated"))
            .find(|e| e.fields.get(..32) == Some(AsRef::<[u8; 32]>::as_ref(&deployer).as_slice()))
            .and_then(|e| e.fields.get(32..64))
            .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .map(AccountId::from)
            .ok_or_else(|| {
                Error::decode("the instantiation", "no Contracts::Instantiated event")
            })?;
        Ok(Instantiated {
            address,
            code_hash,
            outcome: Outcome {
                value: (),
                costs: costs(&run, limits, &included, &signer.account()),
                included,
            },
        })
    }

    /// Uploads Wasm code so contracts can be instantiated from it by hash:
    /// dry run (`ContractsApi_upload_code`) first, then signed and awaited.
    ///
    /// # Errors
    /// As [`Contracts::call`]; [`Error::Dispatch`] if the runtime rejects the code.
    pub async fn upload_code(&self, signer: &Signer, wasm: &[u8]) -> Result<Uploaded> {
        let mut args = Vec::new();
        signer.account().encode_to(&mut args);
        wasm.encode_to(&mut args);
        None::<Balance>.encode_to(&mut args);
        // Determinism::Enforced: the code must run the same everywhere.
        0u8.encode_to(&mut args);
        let out = self
            .chain
            .runtime_call("ContractsApi_upload_code", &args)
            .await?;
        let input = &mut &out[..];
        let (code_hash, deposit) =
            match u8::decode(input).map_err(|e| Error::decode("an upload dry run", e))? {
                0 => <([u8; 32], Balance)>::decode(input)
                    .map_err(|e| Error::decode("an upload dry run", e))?,
                _ => return Err(self.dispatch_error(input)?),
            };
        let limit =
            deposit.saturating_add(deposit.saturating_mul(DEPOSIT_MARGIN_PERCENT).div_ceil(100));
        let call = Call::new(
            "Contracts",
            "upload_code",
            vec![
                Value::from_bytes(wasm),
                deposit_limit_value(limit),
                Value::unnamed_variant("Enforced", []),
            ],
        );
        let included = self.submit(&call, signer).await?;
        Ok(Uploaded {
            code_hash,
            deposit,
            included,
        })
    }

    async fn submit(&self, call: &Call, signer: &Signer) -> Result<Included> {
        let quiet = |_: TxProgress| {};
        let hook: &(dyn Fn(TxProgress) + Send + Sync) = match &self.progress {
            Some(hook) => hook.as_ref(),
            None => &quiet,
        };
        self.chain
            .submit_with(call, signer, Wait::InBlock, hook)
            .await
            .map_err(contracts_funds_error)
    }

    /// Decodes a `ContractResult` (and for an instantiation the address in it).
    fn decode_contract_result(&self, out: &[u8], instantiate: bool) -> Result<DryRun> {
        const WHAT: &str = "a contract dry run";
        let input = &mut &out[..];
        let gas_consumed = Weight::decode(input).map_err(|e| Error::decode(WHAT, e))?;
        let gas_required = Weight::decode(input).map_err(|e| Error::decode(WHAT, e))?;
        let storage_deposit = StorageDeposit::decode(input).map_err(|e| Error::decode(WHAT, e))?;
        let debug = Vec::<u8>::decode(input).map_err(|e| Error::decode(WHAT, e))?;
        match u8::decode(input).map_err(|e| Error::decode(WHAT, e))? {
            0 => {
                let flags = u32::decode(input).map_err(|e| Error::decode(WHAT, e))?;
                let data = Vec::<u8>::decode(input).map_err(|e| Error::decode(WHAT, e))?;
                let address = if instantiate {
                    let bytes = <[u8; 32]>::decode(input).map_err(|e| Error::decode(WHAT, e))?;
                    Some(AccountId::from(bytes))
                } else {
                    None
                };
                // What follows (the events a dry run may collect) is not asked for.
                Ok(DryRun {
                    gas_consumed,
                    gas_required,
                    storage_deposit,
                    debug_message: String::from_utf8_lossy(&debug).into_owned(),
                    reverted: flags & REVERT_FLAG != 0,
                    data,
                    address,
                })
            }
            _ => Err(self.dispatch_error(input)?),
        }
    }

    /// A dispatch error from a dry run, named, as the error to return.
    fn dispatch_error(&self, input: &mut &[u8]) -> Result<Error> {
        let failure = self.chain.decode_dispatch_error(input)?;
        Ok(funds_or_dispatch(failure))
    }
}

/// The arguments of `ContractsApi_call`: no gas or deposit limit.
fn call_args(origin: &AccountId, contract: &AccountId, value: Balance, data: &[u8]) -> Vec<u8> {
    let mut args = Vec::new();
    origin.encode_to(&mut args);
    contract.encode_to(&mut args);
    value.encode_to(&mut args);
    None::<Weight>.encode_to(&mut args);
    None::<Balance>.encode_to(&mut args);
    data.encode_to(&mut args);
    args
}

/// pallet-contracts' own ways of saying "not enough funds", on top of the
/// Balances and Token ones the chain layer knows.
fn funds_or_dispatch(failure: DispatchFailure) -> Error {
    let contracts_funds = failure.pallet.as_deref() == Some("Contracts")
        && matches!(
            failure.name.as_str(),
            "StorageDepositNotEnoughFunds" | "TransferFailed"
        );
    if contracts_funds {
        Error::InsufficientFunds(failure.to_string())
    } else {
        failure.into()
    }
}

fn contracts_funds_error(err: Error) -> Error {
    match err {
        Error::Dispatch(failure) => funds_or_dispatch(failure),
        other => other,
    }
}

/// `Some(Compact(limit))` as the extrinsics' `storage_deposit_limit` field.
fn deposit_limit_value(limit: Balance) -> Value {
    Value::unnamed_variant("Some", [Value::u128(limit)])
}

/// The figures of a transaction, from its dry run and its events.
fn costs(run: &DryRun, limits: Limits, included: &Included, payer: &AccountId) -> Costs {
    let mut held: Balance = 0;
    let mut released: Balance = 0;
    for event in &included.events {
        // Fields (from, to, amount): the amount follows two accounts.
        let amount = || {
            event
                .fields
                .get(64..80)
                .and_then(|b| <[u8; 16]>::try_from(b).ok())
                .map(u128::from_le_bytes)
        };
        if event.is("Contracts", "StorageDepositTransferredAndHeld") {
            held = held.saturating_add(amount().unwrap_or(0));
        } else if event.is("Contracts", "StorageDepositTransferredAndReleased") {
            released = released.saturating_add(amount().unwrap_or(0));
        }
    }
    let fee = fee_paid(included, payer);
    Costs {
        gas_consumed: run.gas_consumed,
        gas_required: run.gas_required,
        storage_deposit: run.storage_deposit,
        limits,
        fee,
        deposit_held: held,
        deposit_released: released,
    }
}

/// The fee `payer` paid for a transaction, if the chain reported it
/// (`TransactionPayment::TransactionFeePaid`).
pub(crate) fn fee_paid(included: &Included, payer: &AccountId) -> Option<Balance> {
    included
        .events
        .iter()
        .filter(|e| e.is("TransactionPayment", "TransactionFeePaid"))
        // Fields (who, actual_fee, tip).
        .filter_map(|e| <(AccountId, Balance, Balance)>::decode(&mut &e.fields[..]).ok())
        .find(|(who, _, _)| who == payer)
        .map(|(_, actual, _)| actual)
}

/// The events of type `E` that `contract` emitted among `events`, found by
/// their first topic (BLAKE2b-256 of `E::SIGNATURE`).
///
/// # Errors
/// [`Error::Decode`] if such an event does not decode as `E`.
pub fn decode_events<E: CoopEvent + Decode>(
    events: &[EventRecord],
    contract: &AccountId,
) -> Result<Vec<E>> {
    let topic = event_topic::<E>();
    let mut found = Vec::new();
    for event in events {
        if !event.is("Contracts", "ContractEmitted") || event.topics.first() != Some(&topic) {
            continue;
        }
        // Fields: the emitting contract, then the event's bytes.
        let (emitter, data) = <(AccountId, Vec<u8>)>::decode(&mut &event.fields[..])
            .map_err(|e| Error::decode("a ContractEmitted event", e))?;
        if &emitter == contract {
            found.push(decode_all::<E>(E::SIGNATURE, &data)?);
        }
    }
    Ok(found)
}

/// ink!'s error for input a contract could not dispatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Decode)]
enum LangError {
    #[codec(index = 1)]
    CouldNotReadInput,
}

impl LangError {
    fn into_error(self) -> Error {
        match self {
            LangError::CouldNotReadInput => Error::ContractFailed(
                "the contract could not read its input (no such message, or wrong arguments)"
                    .into(),
            ),
        }
    }
}

/// What a contract call returns: the value, or the contract's error typed.
pub type CallResult<T, C> = std::result::Result<T, CallError<<C as Contract>::Error>>;

/// The input of a message: its selector, then its arguments SCALE-encoded.
pub fn encode_call<C, A: Encode, T>(message: Message<C, A, T>, args: A) -> Vec<u8> {
    call_data(message.info().selector_of, args)
}

/// The input of a constructor: its selector, then its arguments.
pub fn encode_constructor<C, A: Encode>(constructor: Constructor<C, A>, args: A) -> Vec<u8> {
    call_data(constructor.info().selector_of, args)
}

/// Refuses a value sent to a message that cannot take one, before the
/// runtime does so with a less telling error.
pub(crate) fn check_value(info: &MessageInfo, value: Balance) -> Result<()> {
    if value > 0 && !info.payable {
        return Err(Error::InvalidInput(format!(
            "{} does not accept a transferred value",
            info.label
        )));
    }
    Ok(())
}

/// A message's return value from a dry run's revert flag and returned
/// bytes: `Result<T, LangError>` for a plain message,
/// `Result<Result<T, E>, LangError>` for a fallible one.
pub(crate) fn decode_result<T: Decode, E: Decode + ErrorInfo>(
    info: MessageInfo,
    reverted: bool,
    data: &[u8],
) -> std::result::Result<T, CallError<E>> {
    if info.fallible {
        decode_message_result::<T, E>(reverted, data)
    } else {
        Ok(decode_plain_result::<T>(reverted, data)?)
    }
}

/// A plain message's `Result<T, LangError>` (a message with no error of
/// its own) as the value or an error.
fn decode_plain_result<T: Decode>(reverted: bool, data: &[u8]) -> Result<T> {
    if reverted {
        return Err(lang_error(data));
    }
    decode_all::<std::result::Result<T, LangError>>("a message's return value", data)?
        .map_err(|e| e.into_error())
}

/// A message's `Result<Result<T, E>, LangError>` as the value or a typed error.
fn decode_message_result<T: Decode, E: Decode + ErrorInfo>(
    reverted: bool,
    data: &[u8],
) -> std::result::Result<T, CallError<E>> {
    if reverted {
        return Err(revert_error::<E>(data));
    }
    match decode_all::<std::result::Result<std::result::Result<T, E>, LangError>>(
        "a message's return value",
        data,
    )? {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(CallError::Contract(e)),
        Err(lang) => Err(lang.into_error().into()),
    }
}

/// The error a reverted call's data names: `Ok(Err(E))` is the contract's
/// own error, `Err(LangError)` is ink!'s.
pub(crate) fn revert_error<E: Decode>(data: &[u8]) -> CallError<E> {
    match data {
        [0, 1, rest @ ..] => match decode_all::<E>("the contract's error", rest) {
            Ok(e) => CallError::Contract(e),
            Err(err) => err.into(),
        },
        _ => lang_error(data).into(),
    }
}

fn lang_error(data: &[u8]) -> Error {
    match decode_all::<std::result::Result<(), LangError>>("a revert", data) {
        Ok(Err(lang)) => lang.into_error(),
        _ => Error::ContractFailed(format!("reverted with 0x{}", hex::encode(data))),
    }
}

/// Decodes a whole byte string as `T`; leftover bytes are an error, since
/// they mean the type is not the one the contract encoded.
fn decode_all<T: Decode>(what: &'static str, bytes: &[u8]) -> Result<T> {
    let input = &mut &bytes[..];
    let value = T::decode(input).map_err(|e| Error::decode(what, e))?;
    if !input.is_empty() {
        return Err(Error::decode(
            what,
            format!("{} bytes left over", input.len()),
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use coop_shared::membership::{self, MemberJoined};

    #[test]
    fn selectors_follow_inks_rule() {
        // ink! 5 metadata of the PSP34 reads pins these (see the contract's explicit selectors).
        assert_eq!(selector("PSP34::balance_of"), [0xcd, 0xe7, 0xe5, 0x5f]);
        assert_eq!(selector("PSP34::owner_of"), [0x11, 0x68, 0x62, 0x4d]);
        assert_eq!(selector("PSP34::total_supply"), [0x62, 0x84, 0x13, 0xfe]);
        let data = encode_call(membership::messages::SHARE, (7u32,));
        assert_eq!(&data[4..], &[7, 0, 0, 0]);
    }

    #[test]
    fn margins_round_up_and_saturate() {
        let w = Weight {
            ref_time: 1_000,
            proof_size: 11,
        }
        .with_margin(GAS_MARGIN_PERCENT);
        assert_eq!(
            w,
            Weight {
                ref_time: 1_100,
                proof_size: 13
            }
        );
        let max = Weight {
            ref_time: u64::MAX,
            proof_size: 0,
        }
        .with_margin(10);
        assert_eq!(max.ref_time, u64::MAX);
    }

    #[test]
    fn reverts_are_named_by_the_contracts_error() {
        let data =
            Ok::<Result<(), membership::Error>, ()>(Err(membership::Error::NotGovernance)).encode();
        assert!(matches!(
            revert_error::<membership::Error>(&data),
            CallError::Contract(membership::Error::NotGovernance)
        ));
        assert!(matches!(
            revert_error::<membership::Error>(&[1, 1]),
            CallError::Client(Error::ContractFailed(_))
        ));
    }

    #[test]
    fn events_are_found_by_topic_and_emitter() {
        let contract = AccountId::from([9u8; 32]);
        let joined = MemberJoined {
            member: AccountId::from([1u8; 32]),
            share: 4,
            joined_at: 12,
        };
        let record = |emitter: AccountId, topic: [u8; 32]| EventRecord {
            pallet: "Contracts".into(),
            variant: "ContractEmitted".into(),
            topics: vec![topic],
            fields: (emitter, joined.encode()).encode(),
        };
        let events = vec![
            record(contract, event_topic::<MemberJoined>()),
            record(AccountId::from([8u8; 32]), event_topic::<MemberJoined>()),
            record(contract, [0u8; 32]),
        ];
        let found: Vec<MemberJoined> = decode_events(&events, &contract).expect("decodes");
        assert_eq!(found, vec![joined]);
    }
}
