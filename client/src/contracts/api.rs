//! pallet-contracts' runtime API (`ContractsApi_call`, `_instantiate`,
//! `_upload_code`) as SCALE structs: what a dry run is asked and what it
//! answers, derived in field order rather than assembled byte by byte.
//! Only the dispatch error in an answer is decoded elsewhere, from the
//! node's metadata, since its type is the runtime's.

use super::{StorageDeposit, Weight};
use coop_shared::{AccountId, Balance};
use parity_scale_codec::{Decode, Encode};

/// `ContractsApi_call`'s arguments.
#[derive(Debug, Encode)]
pub(crate) struct CallRequest<'a> {
    /// The caller the contract sees.
    pub origin: AccountId,
    /// The contract.
    pub dest: AccountId,
    /// The value sent along.
    pub value: Balance,
    /// No limit: the dry run measures what the call needs.
    pub gas_limit: Option<Weight>,
    /// No limit, likewise.
    pub storage_deposit_limit: Option<Balance>,
    /// The message's selector and arguments.
    pub input_data: &'a [u8],
}

/// Where an instantiation's code comes from, as the runtime API takes it.
#[derive(Debug, Encode)]
pub(crate) enum CodeRequest<'a> {
    /// This Wasm, uploaded in the same call.
    Upload(&'a [u8]),
    /// Code already stored, by hash.
    Existing([u8; 32]),
}

/// `ContractsApi_instantiate`'s arguments.
#[derive(Debug, Encode)]
pub(crate) struct InstantiateRequest<'a> {
    /// The deployer.
    pub origin: AccountId,
    /// The value sent to the constructor.
    pub value: Balance,
    /// No limit.
    pub gas_limit: Option<Weight>,
    /// No limit.
    pub storage_deposit_limit: Option<Balance>,
    /// The code.
    pub code: CodeRequest<'a>,
    /// The constructor's selector and arguments.
    pub data: &'a [u8],
    /// The salt that makes the address unique.
    pub salt: &'a [u8],
}

/// Whether uploaded code must run the same everywhere.
#[derive(Debug, Encode)]
pub(crate) enum Determinism {
    /// It must: the only kind a contract on a public chain may be.
    Enforced,
}

/// `ContractsApi_upload_code`'s arguments.
#[derive(Debug, Encode)]
pub(crate) struct UploadRequest<'a> {
    /// Who uploads and pays the deposit.
    pub origin: AccountId,
    /// The Wasm.
    pub code: &'a [u8],
    /// No limit.
    pub storage_deposit_limit: Option<Balance>,
    /// [`Determinism::Enforced`].
    pub determinism: Determinism,
}

/// The part of a `ContractResult` before its `Result`.
#[derive(Debug, Decode)]
pub(crate) struct ResultHead {
    /// The weight the call used.
    pub gas_consumed: Weight,
    /// The weight it needs as a limit to succeed.
    pub gas_required: Weight,
    /// What it did to storage deposits.
    pub storage_deposit: StorageDeposit,
    /// The contract's debug output (empty unless the node allows it).
    pub debug_message: Vec<u8>,
}

/// A call's `ExecReturnValue`, in the `Ok` of a `ContractResult`.
#[derive(Debug, Decode)]
pub(crate) struct ExecReturn {
    /// Return flags; bit 0 is the revert flag.
    pub flags: u32,
    /// The returned bytes.
    pub data: Vec<u8>,
}

/// An upload's `CodeUploadReturnValue`.
#[derive(Debug, Decode)]
pub(crate) struct UploadReturn {
    /// The code's hash.
    pub code_hash: [u8; 32],
    /// The deposit held for storing it.
    pub deposit: Balance,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_encode_in_the_runtime_apis_field_order() {
        let origin = AccountId::from([1; 32]);
        let dest = AccountId::from([2; 32]);
        let derived = CallRequest {
            origin,
            dest,
            value: 5,
            gas_limit: None,
            storage_deposit_limit: None,
            input_data: &[9, 9],
        }
        .encode();
        let mut by_hand = Vec::new();
        origin.encode_to(&mut by_hand);
        dest.encode_to(&mut by_hand);
        5u128.encode_to(&mut by_hand);
        by_hand.extend([0, 0]); // two Nones
        vec![9u8, 9].encode_to(&mut by_hand);
        assert_eq!(derived, by_hand);
        let upload = UploadRequest {
            origin,
            code: &[1],
            storage_deposit_limit: None,
            determinism: Determinism::Enforced,
        }
        .encode();
        assert_eq!(upload.last(), Some(&0), "Enforced is the first variant");
        assert_eq!(CodeRequest::Existing([7; 32]).encode()[0], 1);
    }
}
