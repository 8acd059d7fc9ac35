//! The contract layer: upload, instantiate, call and dry-run ink!
//! contracts, and decode what they return and emit.
//!
//! This module knows pallet-contracts (ink! 5, Wasm): its extrinsics
//! (`Contracts::call`, `instantiate`, `instantiate_with_code`,
//! `upload_code`), its runtime API (`ContractsApi_*`), the shape of its
//! results and its events. [`revive`] does the same for pallet-revive
//! (ink! 6, PolkaVM). [`Contracts`] speaks to whichever of the two the
//! chain runs, and names every contract by a 32-byte account on both (on
//! pallet-revive, its address padded as the pallet pads it), so nothing
//! above this layer knows either pallet.
//!
//! Every transaction is dry-run first, at the best block and from the
//! signer's account. A dry run that fails or reverts becomes a typed error
//! before anything is signed; one that succeeds sets the transaction's
//! limits (see [`GAS_MARGIN_PERCENT`] and [`DEPOSIT_MARGIN_PERCENT`]).

use crate::chain::{address_value, Block, Call, Chain, Included, Signer, TxProgress, Value, Wait};
use crate::error::{DispatchFailure, Error, Result};
use coop_shared::{AccountId, Balance, Constructor, Contract, CoopEvent, Message};
use parity_scale_codec::{Decode, Encode};
use revive::{address_of, padded_account, Revive};
use std::sync::Arc;

mod api;
mod costs;
mod events;
mod handle;
mod ink;
pub mod revive;

pub use costs::*;
pub use events::*;
pub use handle::{Governance, Handle, Register};
pub use ink::*;

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

impl From<revive::Instantiated> for Instantiated {
    /// The address padded as pallet-revive pads it, as every contract is
    /// named above this layer.
    fn from(done: revive::Instantiated) -> Instantiated {
        Instantiated {
            address: padded_account(&done.address),
            code_hash: done.code_hash,
            outcome: done.outcome,
        }
    }
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

/// The contracts pallet a chain runs coop's contracts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pallet {
    /// pallet-contracts: ink! 5, Wasm.
    Contracts,
    /// pallet-revive: ink! 6, PolkaVM.
    Revive,
}

impl Pallet {
    /// Its name in the runtime.
    pub fn name(self) -> &'static str {
        match self {
            Pallet::Contracts => "Contracts",
            Pallet::Revive => "Revive",
        }
    }
}

/// ink! contracts on one chain, through the contracts pallet it runs:
/// pallet-contracts, or else pallet-revive.
#[derive(Clone)]
pub struct Contracts {
    chain: Chain,
    progress: Option<ProgressHook>,
    /// Set on a chain that runs pallet-revive and not pallet-contracts.
    revive: Option<Revive>,
}

impl std::fmt::Debug for Contracts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Contracts")
            .field("chain", &self.chain)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl Contracts {
    /// The contract layer over `chain`: pallet-contracts where the chain
    /// runs it, else pallet-revive where it runs that.
    pub fn new(chain: Chain) -> Contracts {
        let offered = support(&chain);
        let revive =
            (offered.revive && !offered.wasm_contracts).then(|| Revive::new(chain.clone()));
        Contracts {
            chain,
            progress: None,
            revive,
        }
    }

    /// The same, telling `hook` where each transaction is while it waits
    /// (signed, in the pool, in a block), e.g. to show progress.
    pub fn with_progress(mut self, hook: ProgressHook) -> Contracts {
        self.revive = self.revive.map(|r| r.with_progress(hook.clone()));
        self.progress = Some(hook);
        self
    }

    /// The pallet this layer speaks to.
    pub fn pallet(&self) -> Pallet {
        if self.revive.is_some() {
            Pallet::Revive
        } else {
            Pallet::Contracts
        }
    }

    /// The ratio of the amounts contracts see to native units: pallet-revive's
    /// `NativeToEthRatio` (contracts see 18 decimals), 1 on pallet-contracts.
    /// Governance is told it when a coop is founded.
    ///
    /// # Errors
    /// [`Error::Node`] if a pallet-revive runtime does not say.
    pub fn native_to_eth(&self) -> Result<u128> {
        match &self.revive {
            Some(revive) => revive.native_to_eth(),
            None => Ok(1),
        }
    }

    /// The hash of the code the contract at `address` runs, or `None` if no
    /// contract lives there (`Contracts::ContractInfoOf`).
    ///
    /// # Errors
    /// [`Error::Node`] or [`Error::Decode`].
    pub async fn code_hash_of(&self, address: &AccountId) -> Result<Option<[u8; 32]>> {
        if let Some(revive) = &self.revive {
            return revive.code_hash_of(&address_of(address)).await;
        }
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
        if let Some(revive) = &self.revive {
            return revive.code_exists(code_hash).await;
        }
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
        if let Some(revive) = &self.revive {
            return revive
                .read_at(origin, &address_of(contract), message, args, block)
                .await;
        }
        let data = encode_call(message, args);
        let args = call_request(origin, contract, 0, &data);
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
        if let Some(revive) = &self.revive {
            let run = revive
                .dry_run_call(origin, &address_of(contract), value, data)
                .await?;
            return Ok(run.into());
        }
        let args = call_request(origin, contract, value, data);
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
        if let Some(revive) = &self.revive {
            let run = revive
                .dry_run_instantiate(origin, value, code, data, &salt32(salt)?)
                .await?;
            return Ok(run.into());
        }
        let args = api::InstantiateRequest {
            origin: *origin,
            value,
            gas_limit: None,
            storage_deposit_limit: None,
            code: match code {
                Code::Upload(wasm) => api::CodeRequest::Upload(wasm),
                Code::Existing(hash) => api::CodeRequest::Existing(hash),
            },
            data,
            salt,
        }
        .encode();
        let out = self
            .chain
            .runtime_call("ContractsApi_instantiate", &args)
            .await?;
        self.decode_contract_result(&out, true)
    }

    /// Reads a message by dry run only: nothing is signed. `origin` is the
    /// caller the contract sees. A fallible message's `Err` is returned as
    /// [`crate::error::CallError::Contract`].
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
        if let Some(revive) = &self.revive {
            return revive
                .read(origin, &address_of(contract), message, args)
                .await;
        }
        let data = encode_call(message, args);
        let run = self.dry_run_call(origin, contract, 0, &data).await?;
        decode_result(message.info(), run.reverted, &run.data)
    }

    /// Calls a message in a transaction signed by `signer`: dry run first
    /// (a contract error is returned, typed, and nothing is signed), then
    /// signed with limits from the dry run, and awaited in a block.
    ///
    /// # Errors
    /// [`crate::error::CallError::Contract`] (before signing) for the contract's own
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
        if let Some(revive) = &self.revive {
            return revive
                .call(signer, &address_of(contract), message, args, value)
                .await;
        }
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
                let again = self
                    .dry_run_call(&signer.account(), contract, value, &data)
                    .await?;
                return Err(reason_of_revert::<T, C::Error>(
                    info,
                    (again.reverted, &again.data),
                    failure,
                ));
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
        let salt = salt.bytes()?;
        if let Some(revive) = &self.revive {
            let done = revive
                .instantiate(signer, code, constructor, args, value, salt32(&salt)?)
                .await?;
            return Ok(done.into());
        }
        check_value(&constructor.info(), value)?;
        let data = encode_constructor(constructor, args);
        // A constructor returns `Result<Result<(), E>, LangError>` or
        // `Result<(), LangError>`; only success matters here.
        self.instantiate_encoded(signer, code, &data, value, &salt)
            .await?
            .map_err(|reverted| revert_error::<C::Error>(&reverted))
    }

    /// Instantiates a contract this client has no descriptor for, from
    /// constructor input `data` already encoded (the bench deploys the
    /// peers it compares coop with this way): dry run first, then signed
    /// and awaited, as [`Contracts::instantiate`]. On pallet-revive `code`
    /// may also be EVM init code, see [`Revive::instantiate_raw`].
    ///
    /// # Errors
    /// [`Error::ContractFailed`] if the constructor reverts (before
    /// signing); otherwise as [`Contracts::call`].
    pub async fn instantiate_raw(
        &self,
        signer: &Signer,
        code: Code<'_>,
        data: &[u8],
        value: Balance,
        salt: Salt,
    ) -> Result<Instantiated> {
        let salt = salt.bytes()?;
        if let Some(revive) = &self.revive {
            let done = revive
                .instantiate_raw(signer, code, data, value, salt32(&salt)?)
                .await?;
            return Ok(done.into());
        }
        self.instantiate_encoded(signer, code, data, value, &salt)
            .await?
            .map_err(|reverted| lang_error(&reverted))
    }

    /// pallet-contracts' instantiation, for both of the above; a dry run
    /// that reverts returns its revert data, for the caller to name.
    async fn instantiate_encoded(
        &self,
        signer: &Signer,
        code: Code<'_>,
        data: &[u8],
        value: Balance,
        salt: &[u8],
    ) -> Result<std::result::Result<Instantiated, Vec<u8>>> {
        let run = self
            .dry_run_instantiate(&signer.account(), value, code, data, salt)
            .await?;
        if run.reverted {
            return Ok(Err(run.data));
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
                Value::from_bytes(data),
                Value::from_bytes(salt),
            ],
        );
        let included = self.submit(&call, signer).await?;
        // A constructor may instantiate contracts of its own (governance
        // creates the register); those name the new contract as deployer.
        // Ours is the one the signer deployed.
        let deployer = signer.account();
        let address = included
            .events
            .iter()
            .filter(|e| e.is("Contracts", "Instantiated"))
            .find(|e| e.decode_field::<AccountId>("deployer") == Some(deployer))
            .and_then(|e| e.decode_field::<AccountId>("contract"))
            .ok_or_else(|| {
                Error::decode("the instantiation", "no Contracts::Instantiated event")
            })?;
        Ok(Ok(Instantiated {
            address,
            code_hash,
            outcome: Outcome {
                value: (),
                costs: costs(&run, limits, &included, &signer.account()),
                included,
            },
        }))
    }

    /// Sends a call of `contract` with `data` exactly as given, with the
    /// weight limit `gas` and no dry run, and waits for its block: what a
    /// caller that picks its own limits sends (the tests use it to show that
    /// no limit an executor picks can close a passed proposal as failed).
    ///
    /// # Errors
    /// The chain layer's; [`Error::Dispatch`] for the pallet's refusal
    /// (`OutOfGas`, `ContractReverted`, ...).
    pub async fn call_with_limit(
        &self,
        signer: &Signer,
        contract: &AccountId,
        data: &[u8],
        gas: Weight,
        storage_deposit_limit: Balance,
    ) -> Result<Included> {
        let call = match &self.revive {
            Some(_) => Call::new(
                "Revive",
                "call",
                vec![
                    Value::unnamed_composite([Value::from_bytes(address_of(contract))]),
                    Value::u128(0),
                    gas.value(),
                    Value::u128(storage_deposit_limit),
                    Value::from_bytes(data),
                ],
            ),
            None => Call::new(
                "Contracts",
                "call",
                vec![
                    address_value(contract),
                    Value::u128(0),
                    gas.value(),
                    deposit_limit_value(storage_deposit_limit),
                    Value::from_bytes(data),
                ],
            ),
        };
        self.chain.submit(&call, signer).await
    }

    /// Uploads Wasm code so contracts can be instantiated from it by hash:
    /// dry run (`ContractsApi_upload_code`) first, then signed and awaited.
    ///
    /// # Errors
    /// As [`Contracts::call`]; [`Error::Dispatch`] if the runtime rejects the code.
    pub async fn upload_code(&self, signer: &Signer, wasm: &[u8]) -> Result<Uploaded> {
        if let Some(revive) = &self.revive {
            return revive.upload_code(signer, wasm).await;
        }
        let args = api::UploadRequest {
            origin: signer.account(),
            code: wasm,
            storage_deposit_limit: None,
            determinism: api::Determinism::Enforced,
        }
        .encode();
        let out = self
            .chain
            .runtime_call("ContractsApi_upload_code", &args)
            .await?;
        let input = &mut &out[..];
        let api::UploadReturn { code_hash, deposit } =
            match u8::decode(input).map_err(|e| Error::decode("an upload dry run", e))? {
                0 => api::UploadReturn::decode(input)
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
        let head = api::ResultHead::decode(input).map_err(|e| Error::decode(WHAT, e))?;
        match u8::decode(input).map_err(|e| Error::decode(WHAT, e))? {
            0 => {
                let ret = api::ExecReturn::decode(input).map_err(|e| Error::decode(WHAT, e))?;
                let address = if instantiate {
                    Some(AccountId::decode(input).map_err(|e| Error::decode(WHAT, e))?)
                } else {
                    None
                };
                // What follows (the events a dry run may collect) is not asked for.
                Ok(DryRun {
                    gas_consumed: head.gas_consumed,
                    gas_required: head.gas_required,
                    storage_deposit: head.storage_deposit,
                    debug_message: String::from_utf8_lossy(&head.debug_message).into_owned(),
                    reverted: ret.flags & REVERT_FLAG != 0,
                    data: ret.data,
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

/// A salt as pallet-revive takes it: exactly 32 bytes.
fn salt32(salt: &[u8]) -> Result<[u8; 32]> {
    <[u8; 32]>::try_from(salt).map_err(|_| {
        Error::InvalidInput(format!(
            "a pallet-revive salt is 32 bytes, not {}",
            salt.len()
        ))
    })
}

/// The arguments of `ContractsApi_call`: no gas or deposit limit.
fn call_request(origin: &AccountId, contract: &AccountId, value: Balance, data: &[u8]) -> Vec<u8> {
    api::CallRequest {
        origin: *origin,
        dest: *contract,
        value,
        gas_limit: None,
        storage_deposit_limit: None,
        input_data: data,
    }
    .encode()
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
