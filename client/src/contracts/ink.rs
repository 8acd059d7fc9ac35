//! The ink! ABI as the client speaks it: selectors and call data, a
//! message's return value, and the errors a revert carries (the contract's
//! own, typed, or ink!'s). The same on both contracts pallets.

use crate::error::{CallError, Error, Result};
use coop_shared::Balance;
use coop_shared::{Constructor, Contract, ErrorInfo, Message, MessageInfo};
use parity_scale_codec::{Decode, Encode};

/// ink!'s revert flag in a contract's return flags (both pallets).
pub(crate) const REVERT_FLAG: u32 = 1;

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

/// ink!'s error for input a contract could not dispatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Decode)]
pub(crate) enum LangError {
    #[codec(index = 1)]
    CouldNotReadInput,
}

impl LangError {
    pub(crate) fn into_error(self) -> Error {
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
pub(crate) fn decode_plain_result<T: Decode>(reverted: bool, data: &[u8]) -> Result<T> {
    if reverted {
        return Err(lang_error(data));
    }
    decode_all::<std::result::Result<T, LangError>>("a message's return value", data)?
        .map_err(|e| e.into_error())
}

/// A message's `Result<Result<T, E>, LangError>` as the value or a typed error.
pub(crate) fn decode_message_result<T: Decode, E: Decode + ErrorInfo>(
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

/// Why a transaction that the runtime reported as reverted failed: the
/// dry run ran a block before the transaction landed (a deadline may have
/// passed in between), so it is asked again (`again`: its revert flag and
/// returned bytes) at the block it failed in. The error it names, else the
/// runtime's `failure` as it was.
pub(crate) fn reason_of_revert<T: Decode, E: Decode + ErrorInfo>(
    info: MessageInfo,
    again: (bool, &[u8]),
    failure: crate::error::DispatchFailure,
) -> CallError<E> {
    match decode_result::<T, E>(info, again.0, again.1) {
        Err(named) => named,
        Ok(_) => Error::Dispatch(failure).into(),
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

pub(crate) fn lang_error(data: &[u8]) -> Error {
    match decode_all::<std::result::Result<(), LangError>>("a revert", data) {
        Ok(Err(lang)) => lang.into_error(),
        _ => Error::ContractFailed(format!("reverted with 0x{}", hex::encode(data))),
    }
}

/// Decodes a whole byte string as `T`; leftover bytes are an error, since
/// they mean the type is not the one the contract encoded.
pub(crate) fn decode_all<T: Decode>(what: &'static str, bytes: &[u8]) -> Result<T> {
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
    use coop_shared::membership;

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
}
