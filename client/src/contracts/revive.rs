//! pallet-revive (PolkaVM, ink! 6): upload, instantiate, call and dry-run
//! contracts, and find what they emit.
//!
//! This is the only module that knows pallet-revive: its extrinsics
//! (`Revive::call`, `instantiate`, `instantiate_with_code`, `upload_code`),
//! its runtime API (`ReviveApi_*`, whose dry runs return six fields where
//! pallet-contracts returned five), its 20-byte addresses and its events.
//! Facts it relies on, as pallet-revive 0.20.2 (Westend Asset Hub runtime
//! 0.57.0) has them:
//! - a 32-byte account's address is the last 20 bytes of the keccak-256 of
//!   the account; the runtime maps accounts to addresses itself (`AutoMap`);
//! - the contract's address is known from the dry run: with a salt it is
//!   CREATE2 (deployer, salt, code and input), so the transaction lands at
//!   the same address whatever else happens in between;
//! - amounts in extrinsics and dry runs are in the chain's native unit; only
//!   the Ethereum view (`eth_*`, `ReviveApi_balance`) uses 18 decimals;
//! - a message that reverts is `Ok` with the revert flag in a dry run, and
//!   `Revive::ContractReverted` in a transaction: its reason comes from the
//!   dry run, which is why every transaction is dry-run first.

use super::api::{CodeRequest, ExecReturn, UploadReturn};
use super::{
    check_value, decode_result, encode_call, encode_constructor, lang_error, reason_of_revert,
    revert_error, CallResult, Code, Costs, Limits, Outcome, ProgressHook, StorageDeposit, Uploaded,
    Weight, DEPOSIT_MARGIN_PERCENT, GAS_MARGIN_PERCENT, REVERT_FLAG,
};
use crate::chain::{Call, Chain, EventRecord, Included, Signer, TxProgress, Value, Wait};
use crate::error::{DispatchFailure, Error, Result};
use coop_shared::{AccountId, Balance, Constructor, Contract, Message};
use parity_scale_codec::{Decode, Encode};

/// A contract's or an account's address on pallet-revive.
pub type Address = [u8; 20];

/// The address pallet-revive gives a 32-byte account: an account that is
/// itself a padded address (20 bytes, then twelve `0xEE`) is those 20 bytes;
/// any other is the last 20 bytes of its keccak-256 hash.
pub fn address_of(account: &AccountId) -> Address {
    let bytes: &[u8; 32] = account.as_ref();
    let mut address = [0u8; 20];
    if bytes[20..].iter().all(|b| *b == 0xEE) {
        address.copy_from_slice(&bytes[..20]);
    } else {
        address.copy_from_slice(&sp_crypto_hashing::keccak_256(bytes)[12..]);
    }
    address
}

/// The 32-byte account pallet-revive gives a contract (or any account that
/// began as an address): the address, then twelve `0xEE`. The layers above
/// name contracts by their account on both pallets; [`address_of`] maps it
/// back.
pub fn padded_account(address: &Address) -> AccountId {
    let mut bytes = [0xEEu8; 32];
    bytes[..20].copy_from_slice(address);
    AccountId::from(bytes)
}

/// The first bytes of every PolkaVM program blob.
const POLKAVM_MAGIC: &[u8; 4] = b"PVM\0";

/// Refuses bytes that are not a PolkaVM program. pallet-revive takes any
/// other code for Ethereum bytecode and stores it, deposit and all, so a
/// wrong file (a Wasm contract, a metadata file) would not be refused by the
/// chain: it is refused here, before anything is signed.
fn check_polkavm(blob: &[u8]) -> Result<()> {
    if blob.starts_with(POLKAVM_MAGIC) {
        Ok(())
    } else {
        Err(Error::InvalidInput(
            "the code is not a PolkaVM contract (it does not start with \"PVM\\0\"); \
             build it with cargo-contract 6 (scripts/build-contracts.sh --backend revive)"
                .into(),
        ))
    }
}

/// An address as `0x` and 40 hex digits, the form Ethereum tools show.
pub fn hex_address(address: &Address) -> String {
    format!("0x{}", hex::encode(address))
}

/// The outcome of a dry run (`ReviveApi_call` / `ReviveApi_instantiate`)
/// that the runtime executed: the contract ran, and may have reverted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DryRun {
    /// The weight the call used.
    pub weight_consumed: Weight,
    /// The weight limit the call needs to succeed (≥ consumed).
    pub weight_required: Weight,
    /// The storage deposit it charged or refunded in the end.
    pub storage_deposit: StorageDeposit,
    /// The most it held at any point of the call: the limit it needs.
    pub max_storage_deposit: StorageDeposit,
    /// The call's cost in Ethereum gas, as the chain's Ethereum RPC shows it.
    pub eth_gas: u128,
    /// Whether the contract reverted (ink! sets this for an `Err`).
    pub reverted: bool,
    /// The SCALE-encoded return value: `Result<_, LangError>` around the message's own.
    pub data: Vec<u8>,
    /// For an instantiation, the address the contract gets.
    pub address: Option<Address>,
}

impl DryRun {
    /// The limits a transaction repeating this dry run is given: the weight
    /// it required and the most deposit it held, each with its margin.
    pub fn limits(&self) -> Limits {
        let held = self.max_storage_deposit.charged();
        Limits {
            gas: self.weight_required.with_margin(GAS_MARGIN_PERCENT),
            storage_deposit: held
                .saturating_add(held.saturating_mul(DEPOSIT_MARGIN_PERCENT).div_ceil(100)),
        }
    }
}

impl From<DryRun> for super::DryRun {
    /// The dry run in the form both pallets share; the contract's new
    /// address becomes its padded account.
    fn from(run: DryRun) -> super::DryRun {
        super::DryRun {
            gas_consumed: run.weight_consumed,
            gas_required: run.weight_required,
            storage_deposit: run.storage_deposit,
            debug_message: String::new(),
            reverted: run.reverted,
            data: run.data,
            address: run.address.as_ref().map(padded_account),
        }
    }
}

/// A contract that was instantiated on pallet-revive.
#[derive(Debug, Clone)]
pub struct Instantiated {
    /// Its address.
    pub address: Address,
    /// The hash of its code (keccak-256 of the PolkaVM blob, or of the
    /// runtime code EVM init code returned).
    pub code_hash: [u8; 32],
    /// What it cost, and where it landed.
    pub outcome: Outcome<()>,
}

/// One event a contract emitted (`Revive::ContractEmitted`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractEvent {
    /// The emitting contract.
    pub contract: Address,
    /// The event's SCALE bytes.
    pub data: Vec<u8>,
    /// Its topics; ink! puts the event's signature topic first.
    pub topics: Vec<[u8; 32]>,
}

impl ContractEvent {
    /// The contract event in a runtime event, if it is one.
    ///
    /// # Errors
    /// [`Error::Decode`] if a `Revive::ContractEmitted` does not decode.
    pub fn from_record(record: &EventRecord) -> Result<Option<ContractEvent>> {
        if !record.is("Revive", "ContractEmitted") {
            return Ok(None);
        }
        let bad = || Error::decode("a Revive::ContractEmitted event", "a field is missing");
        Ok(Some(ContractEvent {
            contract: record.decode_field("contract").ok_or_else(bad)?,
            data: record.decode_field("data").ok_or_else(bad)?,
            topics: record.decode_field("topics").ok_or_else(bad)?,
        }))
    }
}

/// ink! 6 contracts on one chain, through pallet-revive.
#[derive(Clone)]
pub struct Revive {
    chain: Chain,
    progress: Option<ProgressHook>,
    /// Signers known to have their address mapped, so it is asked once.
    mapped: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<AccountId>>>,
}

impl std::fmt::Debug for Revive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Revive")
            .field("chain", &self.chain)
            .finish_non_exhaustive()
    }
}

impl Revive {
    /// The pallet-revive contract layer over `chain`.
    pub fn new(chain: Chain) -> Revive {
        Revive {
            chain,
            progress: None,
            mapped: Default::default(),
        }
    }

    /// The same, telling `hook` where each transaction is while it waits.
    pub fn with_progress(mut self, hook: ProgressHook) -> Revive {
        self.progress = Some(hook);
        self
    }

    /// The chain below.
    pub fn chain(&self) -> &Chain {
        &self.chain
    }

    /// Dry-runs a message call of `contract` with `data` from `origin`
    /// (`ReviveApi_call`, no weight or deposit limit).
    ///
    /// # Errors
    /// [`Error::Dispatch`] / [`Error::InsufficientFunds`] if the runtime
    /// refused to run it (a trap, an unknown contract, no funds); a revert
    /// is not an error here, see [`DryRun::reverted`].
    pub async fn dry_run_call(
        &self,
        origin: &AccountId,
        contract: &Address,
        value: Balance,
        data: &[u8],
    ) -> Result<DryRun> {
        let args = call_request(origin, contract, value, data);
        let out = self.chain.runtime_call("ReviveApi_call", &args).await?;
        self.decode_contract_result(&out, false)
    }

    /// Dry-runs an instantiation (`ReviveApi_instantiate`); the result
    /// carries the address the contract would get.
    ///
    /// # Errors
    /// As [`Revive::dry_run_call`].
    pub async fn dry_run_instantiate(
        &self,
        origin: &AccountId,
        value: Balance,
        code: Code<'_>,
        data: &[u8],
        salt: &[u8; 32],
    ) -> Result<DryRun> {
        if let Code::Upload(blob) = code {
            check_polkavm(blob)?;
        }
        self.dry_run_any_instantiate(origin, value, code, data, salt)
            .await
    }

    /// As [`Revive::dry_run_instantiate`], for any code the pallet takes:
    /// PolkaVM, or EVM init code where the runtime allows it (only the raw
    /// instantiation, whose callers may mean EVM code, skips the check).
    async fn dry_run_any_instantiate(
        &self,
        origin: &AccountId,
        value: Balance,
        code: Code<'_>,
        data: &[u8],
        salt: &[u8; 32],
    ) -> Result<DryRun> {
        let args = InstantiateRequest {
            origin: *origin,
            value,
            gas_limit: None,
            storage_deposit_limit: None,
            code: match code {
                Code::Upload(blob) => CodeRequest::Upload(blob),
                Code::Existing(hash) => CodeRequest::Existing(hash),
            },
            data,
            salt: Some(*salt),
        }
        .encode();
        let out = self
            .chain
            .runtime_call("ReviveApi_instantiate", &args)
            .await?;
        self.decode_contract_result(&out, true)
    }

    /// The chain's ratio of 18-decimal EVM amounts to native units
    /// (`Revive::NativeToEthRatio`): what a contract sees for one native unit.
    ///
    /// # Errors
    /// [`Error::Node`] if the runtime has no such constant.
    pub fn native_to_eth(&self) -> Result<u128> {
        match self.chain.constant::<u32>("Revive", "NativeToEthRatio")? {
            Some(ratio) => Ok(u128::from(ratio)),
            None => Err(Error::Node(
                "the runtime's metadata has no Revive::NativeToEthRatio".into(),
            )),
        }
    }

    /// The hash of the code the contract at `address` runs, or `None` if no
    /// contract lives there (`Revive::AccountInfoOf`).
    ///
    /// # Errors
    /// [`Error::Node`] or [`Error::Decode`].
    pub async fn code_hash_of(&self, address: &Address) -> Result<Option<[u8; 32]>> {
        let bytes = self
            .chain
            .storage_map_bytes("Revive", "AccountInfoOf", *address)
            .await?;
        let Some(bytes) = bytes else { return Ok(None) };
        // AccountInfo: an account type whose first variant is a contract,
        // which starts with its trie id (a byte vector), then the code hash.
        let input = &mut &bytes[..];
        let what = "Revive::AccountInfoOf";
        match u8::decode(input).map_err(|e| Error::decode(what, e))? {
            0 => {
                let (_trie_id, code_hash) =
                    <(Vec<u8>, [u8; 32])>::decode(input).map_err(|e| Error::decode(what, e))?;
                Ok(Some(code_hash))
            }
            _ => Ok(None),
        }
    }

    /// Whether code with this hash is stored on chain (`Revive::CodeInfoOf`).
    ///
    /// # Errors
    /// [`Error::Node`].
    pub async fn code_exists(&self, code_hash: [u8; 32]) -> Result<bool> {
        Ok(self
            .chain
            .storage_map_bytes("Revive", "CodeInfoOf", code_hash)
            .await?
            .is_some())
    }

    /// As [`Revive::read`], at `block` instead of the best block.
    ///
    /// # Errors
    /// As [`Revive::read`]; [`Error::StateUnavailable`] for a pruned block.
    pub async fn read_at<C: Contract, A: Encode, T: Decode>(
        &self,
        origin: &AccountId,
        contract: &Address,
        message: Message<C, A, T>,
        args: A,
        block: crate::chain::Block,
    ) -> CallResult<T, C> {
        let data = encode_call(message, args);
        let request = call_request(origin, contract, 0, &data);
        let out = self
            .chain
            .runtime_call_at("ReviveApi_call", &request, block)
            .await?;
        let run = self.decode_contract_result(&out, false)?;
        decode_result(message.info(), run.reverted, &run.data)
    }

    /// Reads a message by dry run only: nothing is signed. `origin` is the
    /// caller the contract sees.
    ///
    /// # Errors
    /// As [`Revive::dry_run_call`]; [`crate::error::CallError::Contract`] for a fallible
    /// message's `Err`; [`Error::ContractFailed`] if it reverts otherwise;
    /// [`Error::Decode`] if the value is not a `T`.
    pub async fn read<C: Contract, A: Encode, T: Decode>(
        &self,
        origin: &AccountId,
        contract: &Address,
        message: Message<C, A, T>,
        args: A,
    ) -> CallResult<T, C> {
        let data = encode_call(message, args);
        let run = self.dry_run_call(origin, contract, 0, &data).await?;
        decode_result(message.info(), run.reverted, &run.data)
    }

    /// Calls a message in a transaction signed by `signer`, sending
    /// `value` along (native units, payable messages only): dry run first
    /// (a contract error is returned, typed, and nothing is signed), then
    /// signed with limits from the dry run, and awaited in a block.
    ///
    /// # Errors
    /// [`crate::error::CallError::Contract`] (before signing) for the contract's own
    /// errors; [`Error::InsufficientFunds`] for fees or deposits; the chain
    /// layer's errors for the transaction.
    pub async fn call<C: Contract, A: Encode, T: Decode>(
        &self,
        signer: &Signer,
        contract: &Address,
        message: Message<C, A, T>,
        args: A,
        value: Balance,
    ) -> CallResult<Outcome<T>, C> {
        let info = message.info();
        check_value(&info, value)?;
        let data = encode_call(message, args);
        let origin = signer.account();
        let run = self.dry_run_call(&origin, contract, value, &data).await?;
        let returned = decode_result::<T, C::Error>(info, run.reverted, &run.data)?;
        let limits = run.limits();
        let call = Call::new(
            "Revive",
            "call",
            vec![
                h160_value(contract),
                Value::u128(value),
                limits.gas.value(),
                Value::u128(limits.storage_deposit),
                Value::from_bytes(&data),
            ],
        );
        let included = match self.submit(&call, signer).await {
            Ok(included) => included,
            Err(Error::Dispatch(failure))
                if failure.pallet.as_deref() == Some("Revive")
                    && failure.name == "ContractReverted" =>
            {
                let again = self.dry_run_call(&origin, contract, value, &data).await?;
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
            costs: costs(&run, limits, &included, &origin),
            included,
        })
    }

    /// Instantiates a contract through `constructor`, sending `value`
    /// (native units, payable constructors only): dry run first, then
    /// signed and awaited. The address is CREATE2's, from `salt`: derived
    /// here when the code is uploaded along, checked against the dry run's,
    /// and confirmed from the chain's storage afterwards.
    ///
    /// # Errors
    /// As [`Revive::call`].
    pub async fn instantiate<C: Contract, A: Encode>(
        &self,
        signer: &Signer,
        code: Code<'_>,
        constructor: Constructor<C, A>,
        args: A,
        value: Balance,
        salt: [u8; 32],
    ) -> CallResult<Instantiated, C> {
        check_value(&constructor.info(), value)?;
        if let Code::Upload(blob) = code {
            check_polkavm(blob)?;
        }
        let data = &encode_constructor(constructor, args)[..];
        self.instantiate_encoded(signer, code, data, value, salt)
            .await?
            .map_err(|reverted| revert_error::<C::Error>(&reverted))
    }

    /// Instantiates a contract this client has no descriptor for, from
    /// constructor input `data` already encoded: dry run first, then signed
    /// and awaited, as [`Revive::instantiate`]. `code` may be a PolkaVM
    /// blob or, where the runtime allows it, Ethereum init code with the
    /// constructor's arguments appended and `data` empty (the pallet tells
    /// the two apart by PolkaVM's magic bytes, and refuses input data for
    /// EVM code). The bench deploys Solidity peers this way.
    ///
    /// # Errors
    /// [`Error::ContractFailed`] if the constructor reverts (before
    /// signing); otherwise as [`Revive::call`].
    pub async fn instantiate_raw(
        &self,
        signer: &Signer,
        code: Code<'_>,
        data: &[u8],
        value: Balance,
        salt: [u8; 32],
    ) -> Result<Instantiated> {
        self.instantiate_encoded(signer, code, data, value, salt)
            .await?
            .map_err(|reverted| lang_error(&reverted))
    }

    /// The instantiation both of the above make; a dry run that reverts
    /// returns its revert data, for the caller to name.
    async fn instantiate_encoded(
        &self,
        signer: &Signer,
        code: Code<'_>,
        data: &[u8],
        value: Balance,
        salt: [u8; 32],
    ) -> Result<std::result::Result<Instantiated, Vec<u8>>> {
        let origin = signer.account();
        let run = self
            .dry_run_any_instantiate(&origin, value, code, data, &salt)
            .await?;
        if run.reverted {
            return Ok(Err(run.data));
        }
        let address = run
            .address
            .ok_or_else(|| Error::decode("an instantiation dry run", "no address"))?;
        // The address as the pallet derives it (CREATE2), where the client
        // has the code: the dry run must agree.
        let deployer = address_of(&origin);
        if let Code::Upload(blob) = code {
            let derived = create2_address(&deployer, &salt, blob, data);
            if derived != address {
                return Err(Error::decode(
                    "an instantiation dry run",
                    format!(
                        "it names {}, and CREATE2 gives {}",
                        hex_address(&address),
                        hex_address(&derived)
                    ),
                ));
            }
        }
        let limits = run.limits();
        let salt_value = Value::unnamed_variant("Some", [Value::from_bytes(salt)]);
        // The code hash the contract will have: a PolkaVM blob's own hash;
        // EVM init code leaves behind the runtime code it returns, whose hash
        // only the chain knows afterwards.
        let (name, code_value, code_hash) = match code {
            Code::Upload(blob) => (
                "instantiate_with_code",
                Value::from_bytes(blob),
                blob.starts_with(POLKAVM_MAGIC)
                    .then(|| sp_crypto_hashing::keccak_256(blob)),
            ),
            Code::Existing(hash) => ("instantiate", h256_value(&hash), Some(hash)),
        };
        let call = Call::new(
            "Revive",
            name,
            vec![
                Value::u128(value),
                limits.gas.value(),
                Value::u128(limits.storage_deposit),
                code_value,
                Value::from_bytes(data),
                salt_value,
            ],
        );
        let included = self.submit(&call, signer).await?;
        // Whether the contract is there, from the chain's storage: not every
        // pallet-revive version emits an `Instantiated` event.
        let found = self.code_hash_of(&address).await?;
        let code_hash = match (found, code_hash) {
            (Some(found), Some(expected)) if found == expected => found,
            (Some(found), None) => found,
            _ => {
                return Err(Error::decode(
                    "the instantiation",
                    format!(
                        "no contract with code {} at {} after the transaction",
                        code_hash.map_or_else(|| "of any kind".into(), hex::encode),
                        hex_address(&address)
                    ),
                ))
            }
        };
        Ok(Ok(Instantiated {
            address,
            code_hash,
            outcome: Outcome {
                value: (),
                costs: costs(&run, limits, &included, &origin),
                included,
            },
        }))
    }

    /// Uploads a PolkaVM blob so contracts can be instantiated from it by
    /// hash: dry run (`ReviveApi_upload_code`) first, then signed and awaited.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for bytes that are not a PolkaVM program; as
    /// [`Revive::call`]; [`Error::Dispatch`] if the runtime rejects the code
    /// (`CodeRejected`: a host function this pallet lacks, a broken blob).
    pub async fn upload_code(&self, signer: &Signer, blob: &[u8]) -> Result<Uploaded> {
        check_polkavm(blob)?;
        let args = UploadRequest {
            origin: signer.account(),
            code: blob,
            storage_deposit_limit: None,
        }
        .encode();
        let out = self
            .chain
            .runtime_call("ReviveApi_upload_code", &args)
            .await?;
        let input = &mut &out[..];
        let UploadReturn { code_hash, deposit } = match u8::decode(input)
            .map_err(|e| Error::decode("an upload dry run", e))?
        {
            0 => UploadReturn::decode(input).map_err(|e| Error::decode("an upload dry run", e))?,
            _ => return Err(self.dispatch_error(input)?),
        };
        let limit =
            deposit.saturating_add(deposit.saturating_mul(DEPOSIT_MARGIN_PERCENT).div_ceil(100));
        let call = Call::new(
            "Revive",
            "upload_code",
            vec![Value::from_bytes(blob), Value::u128(limit)],
        );
        let included = self.submit(&call, signer).await?;
        Ok(Uploaded {
            code_hash,
            deposit,
            included,
        })
    }

    /// The events `contract` emitted in a transaction, in order.
    ///
    /// # Errors
    /// [`Error::Decode`] if a `Revive::ContractEmitted` does not decode.
    pub fn events_of(included: &Included, contract: &Address) -> Result<Vec<ContractEvent>> {
        let mut found = Vec::new();
        for record in &included.events {
            if let Some(event) = ContractEvent::from_record(record)? {
                if &event.contract == contract {
                    found.push(event);
                }
            }
        }
        Ok(found)
    }

    /// Whether pallet-revive maps `account`'s address back to it
    /// (`Revive::OriginalAccount`), as a signer of a contract call needs.
    /// An account made from an address (ending in twelve `0xEE`) needs no
    /// mapping. On a chain with `AutoMap` (the Asset Hubs' runtimes map
    /// every account that holds funds) this holds for every funded account.
    ///
    /// # Errors
    /// [`Error::Node`].
    pub async fn is_mapped(&self, account: &AccountId) -> Result<bool> {
        let bytes: &[u8; 32] = account.as_ref();
        if bytes[20..].iter().all(|b| *b == 0xEE) {
            return Ok(true);
        }
        Ok(self
            .chain
            .storage_map_bytes("Revive", "OriginalAccount", address_of(account))
            .await?
            .is_some())
    }

    /// Maps the signer's account (`Revive::map_account`) where the chain has
    /// not: a chain without `AutoMap` refuses a call from an unmapped
    /// account (`AccountUnmapped`), while a dry run maps it for the run and
    /// so cannot tell. The pallet holds a small deposit for the mapping.
    async fn ensure_mapped(
        &self,
        signer: &Signer,
        hook: &(dyn Fn(TxProgress) + Send + Sync),
    ) -> Result<()> {
        let account = signer.account();
        let known = self
            .mapped
            .lock()
            .map(|set| set.contains(&account))
            .unwrap_or(false);
        if known {
            return Ok(());
        }
        if !self.is_mapped(&account).await? {
            let call = Call::new("Revive", "map_account", vec![]);
            self.chain
                .submit_with(&call, signer, Wait::InBlock, hook)
                .await?;
        }
        if let Ok(mut set) = self.mapped.lock() {
            set.insert(account);
        }
        Ok(())
    }

    async fn submit(&self, call: &Call, signer: &Signer) -> Result<Included> {
        let quiet = |_: TxProgress| {};
        let hook: &(dyn Fn(TxProgress) + Send + Sync) = match &self.progress {
            Some(hook) => hook.as_ref(),
            None => &quiet,
        };
        self.ensure_mapped(signer, hook).await?;
        self.chain
            .submit_with(call, signer, Wait::InBlock, hook)
            .await
            .map_err(|err| match err {
                Error::Dispatch(failure) => funds_or_dispatch(failure),
                other => other,
            })
    }

    /// Decodes a dry run's `ContractResult`, naming a dispatch error.
    fn decode_contract_result(&self, out: &[u8], instantiate: bool) -> Result<DryRun> {
        match parse_contract_result(out, instantiate)? {
            Ok(run) => Ok(run),
            Err(mut error) => Err(self.dispatch_error(&mut error)?),
        }
    }

    /// A dispatch error from a dry run, named, as the error to return.
    fn dispatch_error(&self, input: &mut &[u8]) -> Result<Error> {
        let failure = self.chain.decode_dispatch_error(input)?;
        Ok(funds_or_dispatch(failure))
    }
}

/// Parses a `ContractResult` of pallet-revive: weight consumed and required,
/// storage deposit and its peak, Ethereum gas, then the result (for an
/// instantiation, with the new address). A dispatch error comes back as its
/// undecoded bytes, which only the chain's metadata can name.
fn parse_contract_result(
    out: &[u8],
    instantiate: bool,
) -> Result<std::result::Result<DryRun, &[u8]>> {
    const WHAT: &str = "a pallet-revive dry run";
    {
        let input = &mut &out[..];
        let head = ResultHead::decode(input).map_err(|e| Error::decode(WHAT, e))?;
        match u8::decode(input).map_err(|e| Error::decode(WHAT, e))? {
            0 => {
                let ret = ExecReturn::decode(input).map_err(|e| Error::decode(WHAT, e))?;
                let address = if instantiate {
                    Some(Address::decode(input).map_err(|e| Error::decode(WHAT, e))?)
                } else {
                    None
                };
                Ok(Ok(DryRun {
                    weight_consumed: head.weight_consumed,
                    weight_required: head.weight_required,
                    storage_deposit: head.storage_deposit,
                    max_storage_deposit: head.max_storage_deposit,
                    eth_gas: head.gas_consumed,
                    reverted: ret.flags & REVERT_FLAG != 0,
                    data: ret.data,
                    address,
                }))
            }
            _ => Ok(Err(*input)),
        }
    }
}

/// The address pallet-revive gives a contract instantiated with a salt
/// (CREATE2): the last 20 bytes of
/// `keccak256(0xff ++ deployer ++ salt ++ keccak256(code ++ input))`.
pub fn create2_address(deployer: &Address, salt: &[u8; 32], code: &[u8], input: &[u8]) -> Address {
    let init = sp_crypto_hashing::keccak_256(&[code, input].concat());
    let preimage = [&[0xffu8][..], deployer, salt, &init].concat();
    let mut address = [0u8; 20];
    address.copy_from_slice(&sp_crypto_hashing::keccak_256(&preimage)[12..]);
    address
}

/// An `H160` field of a call: a newtype around 20 bytes.
fn h160_value(address: &Address) -> Value {
    Value::unnamed_composite([Value::from_bytes(address)])
}

/// An `H256` field of a call: a newtype around 32 bytes.
fn h256_value(hash: &[u8; 32]) -> Value {
    Value::unnamed_composite([Value::from_bytes(hash)])
}

/// pallet-revive's own ways of saying "not enough funds", on top of the
/// Balances and Token ones the chain layer knows.
fn funds_or_dispatch(failure: DispatchFailure) -> Error {
    let revive_funds = failure.pallet.as_deref() == Some("Revive")
        && matches!(
            failure.name.as_str(),
            "StorageDepositNotEnoughFunds" | "TransferFailed"
        );
    if revive_funds {
        Error::InsufficientFunds(failure.to_string())
    } else {
        failure.into()
    }
}

/// The figures of a transaction. pallet-revive emits no deposit events of
/// its own, so what the dry run charged or refunded stands for what the
/// transaction held or released.
fn costs(run: &DryRun, limits: Limits, included: &Included, payer: &AccountId) -> Costs {
    let (held, released) = match run.storage_deposit {
        StorageDeposit::Charge(amount) => (amount, 0),
        StorageDeposit::Refund(amount) => (0, amount),
    };
    Costs {
        gas_consumed: run.weight_consumed,
        gas_required: run.weight_required,
        storage_deposit: run.storage_deposit,
        limits,
        fee: super::fee_paid(included, payer),
        deposit_held: held,
        deposit_released: released,
    }
}

/// The arguments of `ReviveApi_call`: no weight or deposit limit.
fn call_request(origin: &AccountId, contract: &Address, value: Balance, data: &[u8]) -> Vec<u8> {
    CallRequest {
        origin: *origin,
        dest: *contract,
        value,
        gas_limit: None,
        storage_deposit_limit: None,
        input_data: data,
    }
    .encode()
}

/// `ReviveApi_call`'s arguments.
#[derive(Debug, Encode)]
struct CallRequest<'a> {
    origin: AccountId,
    dest: Address,
    value: Balance,
    gas_limit: Option<Weight>,
    storage_deposit_limit: Option<Balance>,
    input_data: &'a [u8],
}

/// `ReviveApi_instantiate`'s arguments; the salt makes the address CREATE2's.
#[derive(Debug, Encode)]
struct InstantiateRequest<'a> {
    origin: AccountId,
    value: Balance,
    gas_limit: Option<Weight>,
    storage_deposit_limit: Option<Balance>,
    code: CodeRequest<'a>,
    data: &'a [u8],
    salt: Option<[u8; 32]>,
}

/// `ReviveApi_upload_code`'s arguments (no determinism flag here).
#[derive(Debug, Encode)]
struct UploadRequest<'a> {
    origin: AccountId,
    code: &'a [u8],
    storage_deposit_limit: Option<Balance>,
}

/// The six-field `ContractResult`'s part before its `Result`.
#[derive(Debug, Decode)]
struct ResultHead {
    weight_consumed: Weight,
    weight_required: Weight,
    storage_deposit: StorageDeposit,
    max_storage_deposit: StorageDeposit,
    /// Ethereum gas, pallet-revive's sixth field.
    gas_consumed: u128,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create2_addresses_are_ethereums() {
        // EIP-1014's examples 1 and 2: there the init code is 0x00; here its
        // hash is keccak(code ++ input), so code 0x00 with no input.
        let hex20 = |s: &str| -> Address {
            <[u8; 20]>::try_from(hex::decode(s).expect("hex")).expect("20 bytes")
        };
        assert_eq!(
            create2_address(&[0u8; 20], &[0u8; 32], &[0x00], &[]),
            hex20("4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38")
        );
        let mut salt = [0u8; 32];
        salt[12..14].copy_from_slice(&[0xfe, 0xed]);
        assert_eq!(
            create2_address(
                &hex20("deadbeef00000000000000000000000000000000"),
                &salt,
                &[0x00],
                &[]
            ),
            hex20("d04116cdd17bebe565eb2422f2497e06cc1c9833")
        );
    }

    #[test]
    fn accounts_map_to_addresses_as_the_pallet_maps_them() {
        // Alice's sr25519 account and the address pallet-revive's
        // AccountId32Mapper gives it (keccak-256, last 20 bytes).
        let alice = AccountId::from(
            <[u8; 32]>::try_from(
                hex::decode("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
                    .expect("hex"),
            )
            .expect("32 bytes"),
        );
        let hash = sp_crypto_hashing::keccak_256(alice.as_ref());
        assert_eq!(address_of(&alice)[..], hash[12..]);
        // A padded address maps back to itself.
        let mut padded = [0xEEu8; 32];
        padded[..20].copy_from_slice(&[7u8; 20]);
        assert_eq!(address_of(&AccountId::from(padded)), [7u8; 20]);
    }

    #[test]
    fn a_dry_run_result_decodes_with_its_six_fields() {
        let weight = Weight {
            ref_time: 1_000,
            proof_size: 20,
        };
        let mut out = Vec::new();
        weight.encode_to(&mut out);
        weight.encode_to(&mut out);
        StorageDeposit::Charge(5).encode_to(&mut out);
        StorageDeposit::Charge(9).encode_to(&mut out);
        42u128.encode_to(&mut out);
        0u8.encode_to(&mut out); // Ok
        1u32.encode_to(&mut out); // reverted
        vec![1u8, 2].encode_to(&mut out);
        [3u8; 20].encode_to(&mut out);
        let run = parse_contract_result(&out, true)
            .expect("decodes")
            .expect("not a dispatch error");
        assert_eq!(
            run,
            DryRun {
                weight_consumed: weight,
                weight_required: weight,
                storage_deposit: StorageDeposit::Charge(5),
                max_storage_deposit: StorageDeposit::Charge(9),
                eth_gas: 42,
                reverted: true,
                data: vec![1, 2],
                address: Some([3u8; 20]),
            }
        );
        // A call's result has no address, and a dispatch error is handed back.
        let call_len = out.len() - 20;
        let call = parse_contract_result(&out[..call_len], false).expect("decodes");
        assert!(matches!(call, Ok(DryRun { address: None, .. })));
        // Up to the result: Ok byte, flags, data and address are 28 bytes.
        let mut failed = out[..out.len() - 28].to_vec();
        failed.extend([1u8, 3, 60, 0x1b, 0, 0, 0]); // Err(Module { Revive, CodeRejected })
        let err = parse_contract_result(&failed, false).expect("decodes");
        assert_eq!(err, Err(&[3u8, 60, 0x1b, 0, 0, 0][..]));
    }

    #[test]
    fn limits_are_the_peak_deposit_and_required_weight_with_margins() {
        let run = DryRun {
            weight_consumed: Weight::default(),
            weight_required: Weight {
                ref_time: 1_000,
                proof_size: 10,
            },
            storage_deposit: StorageDeposit::Charge(5),
            max_storage_deposit: StorageDeposit::Charge(100),
            eth_gas: 0,
            reverted: false,
            data: vec![],
            address: None,
        };
        assert_eq!(run.limits().storage_deposit, 110, "the peak, plus 10%");
        assert_eq!(run.limits().gas.ref_time, 1_100);
    }
}
