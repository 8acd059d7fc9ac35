//! What a contract call costs: weights, storage deposits, the dry run
//! that measures them, the limits a transaction is given, and the fees and
//! deposits it paid.

use crate::chain::{Included, Value};
use coop_shared::{AccountId, Balance};
use parity_scale_codec::{Decode, Encode};

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

pub use crate::chain::Weight;

impl Weight {
    /// This weight plus `percent` percent, rounded up, saturating.
    pub fn with_margin(self, percent: u64) -> Weight {
        let grow = |v: u64| v.saturating_add(v.saturating_mul(percent).div_ceil(100));
        Weight {
            ref_time: grow(self.ref_time),
            proof_size: grow(self.proof_size),
        }
    }

    /// The weight as the extrinsics' `gas_limit` / `weight_limit` field.
    pub(crate) fn value(self) -> Value {
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

/// The figures of a transaction, from its dry run and its events.
pub(crate) fn costs(run: &DryRun, limits: Limits, included: &Included, payer: &AccountId) -> Costs {
    let mut held: Balance = 0;
    let mut released: Balance = 0;
    for event in &included.events {
        let amount = || event.decode_field::<Balance>("amount");
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
        .find(|e| e.decode_field::<AccountId>("who").as_ref() == Some(payer))
        .and_then(|e| e.decode_field::<Balance>("actual_fee"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
