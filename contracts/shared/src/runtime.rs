//! What the two contracts runtimes do differently, in one place, so the
//! contracts have one source for both.
//!
//! On pallet-contracts (ink! 5) a caller is a 32-byte account and amounts are
//! the chain's native units. On pallet-revive (ink! 6, feature `revive`) a
//! caller is a 20-byte address and amounts are 18-decimal EVM units. The
//! contracts keep members as 32-byte accounts and amounts in native units on
//! both: on revive a caller's address is mapped back to the account that
//! signed (the pallet's own mapping), and amounts are scaled by the chain's
//! native-to-EVM ratio, which governance is given at instantiation.

use crate::{AccountId, Balance};

/// How the contract's native amounts relate to what the runtime transfers.
///
/// On pallet-contracts it is empty (the runtime speaks native units, a ratio
/// of 1). On pallet-revive it holds the chain's `NativeToEthRatio` (10^6 on a
/// 12-decimal chain, 10^8 on a 10-decimal one).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, parity_scale_codec::Encode, parity_scale_codec::Decode,
)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Units {
    #[cfg(feature = "revive")]
    native_to_eth: u128,
}

/// The calling account.
pub fn caller() -> AccountId {
    imp::caller()
}

/// This contract's own account.
pub fn own_account() -> AccountId {
    imp::own_account()
}

/// The contract's balance that it may transfer, in native units: the runtime
/// leaves out the existential deposit that keeps the account alive (and
/// fractions of one unit).
pub fn balance(units: Units) -> Balance {
    imp::balance(units)
}

/// What the caller sent along, in native units; `None` if it is not a whole
/// number of them (only an Ethereum-style caller can send a fraction).
pub fn transferred(units: Units) -> Option<Balance> {
    imp::transferred(units)
}

/// Transfers `amount` native units to `to`; `false` if the runtime refused.
pub fn transfer(units: Units, to: AccountId, amount: Balance) -> bool {
    imp::transfer(units, to, amount)
}

/// Whether a transfer to `to` reaches the account `to` itself. On
/// pallet-revive a transfer goes to an address; the address of an account
/// the chain has never seen belongs to a stand-in account, not to `to`.
pub fn reaches(to: &AccountId) -> bool {
    imp::reaches(to)
}

/// Converts a 32-byte code hash to the runtime's type.
pub fn code_hash(bytes: [u8; 32]) -> CodeHash {
    imp::code_hash(bytes)
}

#[cfg(not(feature = "revive"))]
mod imp {
    use super::*;
    use ink::env::DefaultEnvironment as Env;

    /// pallet-contracts' code hash type.
    pub type CodeHash = ink::primitives::Hash;

    impl Units {
        /// Native units, as pallet-contracts speaks them: only a ratio of 1.
        pub fn scaled(native_to_eth: u128) -> Option<Units> {
            (native_to_eth == 1).then_some(Units {})
        }
    }

    pub fn caller() -> AccountId {
        ink::env::caller::<Env>()
    }

    pub fn own_account() -> AccountId {
        ink::env::account_id::<Env>()
    }

    pub fn balance(_: Units) -> Balance {
        ink::env::balance::<Env>()
    }

    pub fn transferred(_: Units) -> Option<Balance> {
        Some(ink::env::transferred_value::<Env>())
    }

    pub fn transfer(_: Units, to: AccountId, amount: Balance) -> bool {
        ink::env::transfer::<Env>(to, amount).is_ok()
    }

    pub fn reaches(_: &AccountId) -> bool {
        true
    }

    pub fn code_hash(bytes: [u8; 32]) -> CodeHash {
        CodeHash::from(bytes)
    }
}

#[cfg(feature = "revive")]
mod imp {
    use super::*;
    use ink::env::hash::{HashOutput, Keccak256};
    use ink::env::DefaultEnvironment as Env;
    use ink::primitives::{Address, H256, U256};

    /// pallet-revive's code hash type.
    pub type CodeHash = H256;

    impl Units {
        /// Amounts scaled by the chain's `NativeToEthRatio`; `None` for 0.
        pub fn scaled(native_to_eth: u128) -> Option<Units> {
            (native_to_eth > 0).then_some(Units { native_to_eth })
        }

        /// The chain's `NativeToEthRatio`, as given at instantiation.
        pub fn native_to_eth(self) -> u128 {
            self.native_to_eth
        }

        fn down(self, value: U256) -> (Balance, bool) {
            let ratio = U256::from(self.native_to_eth);
            let whole = value / ratio;
            let exact = (value % ratio).is_zero();
            (Balance::try_from(whole).unwrap_or(Balance::MAX), exact)
        }
    }

    pub fn caller() -> AccountId {
        ink::env::to_account_id::<Env>(ink::env::caller())
    }

    pub fn own_account() -> AccountId {
        ink::env::account_id::<Env>()
    }

    pub fn balance(units: Units) -> Balance {
        units.down(ink::env::balance()).0
    }

    pub fn transferred(units: Units) -> Option<Balance> {
        let (whole, exact) = units.down(ink::env::transferred_value());
        exact.then_some(whole)
    }

    pub fn transfer(units: Units, to: AccountId, amount: Balance) -> bool {
        let Some(value) = U256::from(amount).checked_mul(U256::from(units.native_to_eth)) else {
            return false;
        };
        ink::env::transfer::<Env>(address_of(&to), value).is_ok()
    }

    pub fn reaches(to: &AccountId) -> bool {
        ink::env::to_account_id::<Env>(address_of(to)) == *to
    }

    pub fn code_hash(bytes: [u8; 32]) -> CodeHash {
        H256(bytes)
    }

    /// The address pallet-revive gives a 32-byte account: the first 20 bytes
    /// of one that ends in twelve 0xEE bytes (it came from an address),
    /// else the last 20 bytes of the account's Keccak-256.
    pub fn address_of(account: &AccountId) -> Address {
        let bytes: &[u8; 32] = account.as_ref();
        if bytes[20..].iter().all(|&b| b == 0xEE) {
            return Address::from_slice(&bytes[..20]);
        }
        let mut hash = <Keccak256 as HashOutput>::Type::default();
        ink::env::hash_bytes::<Keccak256>(bytes, &mut hash);
        Address::from_slice(&hash[12..])
    }
}

#[cfg(feature = "revive")]
pub use imp::address_of;
pub use imp::CodeHash;
