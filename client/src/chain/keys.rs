//! Signing keys from a secret URI, held so the secret cannot leak by accident.

use crate::error::{Error, Result};
use coop_shared::AccountId;
use secrecy::ExposeSecret;
use std::str::FromStr;
use subxt_signer::sr25519::Keypair;
use subxt_signer::{SecretUri, DEV_PHRASE};

/// An sr25519 signing key, made from a secret URI: `//Alice` on a dev chain,
/// or `<mnemonic>//hard/soft///password` elsewhere.
///
/// `Debug` shows the public account only, and no error carries the URI, so
/// printing or logging a `Signer` never reveals its secret.
#[derive(Clone)]
pub struct Signer {
    pair: Keypair,
    account: AccountId,
    dev: bool,
}

impl Signer {
    /// Derives the key from a secret URI (`subxt-signer` does the crypto).
    ///
    /// # Errors
    /// [`Error::InvalidSecret`] if the URI is empty, does not parse, or its
    /// phrase is not a valid mnemonic or seed; the message does not repeat
    /// the URI.
    pub fn from_uri(suri: &str) -> Result<Signer> {
        // An empty URI parses as the public development phrase's root key:
        // a set-but-empty variable must not sign as a key anyone holds.
        if suri.trim().is_empty() {
            return Err(Error::InvalidSecret("it is empty"));
        }
        let uri = SecretUri::from_str(suri).map_err(|_| {
            Error::InvalidSecret("not of the form <phrase or seed>//path///password")
        })?;
        let pair = Keypair::from_uri(&uri)
            .map_err(|_| Error::InvalidSecret("the phrase is not a valid mnemonic or hex seed"))?;
        let account = AccountId::from(pair.public_key().0);
        // `//Alice` and the like name no phrase, and the parser fills in the
        // development phrase, which is published: anyone can sign with it.
        let dev = uri.phrase.expose_secret().trim() == DEV_PHRASE;
        Ok(Signer { pair, account, dev })
    }

    /// Whether the key derives from the published development phrase
    /// (`//Alice`, `//Bob`, ...): fine on a dev chain, anyone's key elsewhere.
    pub fn is_dev_key(&self) -> bool {
        self.dev
    }

    /// The account this key signs for.
    pub fn account(&self) -> AccountId {
        self.account
    }

    /// The key pair, for the chain layer's signing only.
    pub(crate) fn pair(&self) -> &Keypair {
        &self.pair
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("account", &hex_account(&self.account))
            .finish_non_exhaustive()
    }
}

/// An account as `0x`-hex, the form the client prints and parses.
pub fn hex_account(account: &AccountId) -> String {
    format!("0x{}", hex::encode(AsRef::<[u8; 32]>::as_ref(account)))
}

/// The generic Substrate SS58 prefix, the dev chains' and Westend's.
pub const GENERIC_SS58_PREFIX: u16 = 42;

/// An account as its SS58 address with the generic Substrate prefix (42).
pub fn ss58_account(account: &AccountId) -> String {
    ss58_account_with(account, GENERIC_SS58_PREFIX)
}

/// An account as its SS58 address with `prefix` (a chain's `ss58Format`:
/// 0 for Polkadot, 2 for Kusama, 42 for generic Substrate). Prefixes above
/// 16,383 do not exist; they are shown as 42.
pub fn ss58_account_with(account: &AccountId, prefix: u16) -> String {
    let prefix = if prefix > 16_383 {
        GENERIC_SS58_PREFIX
    } else {
        prefix
    };
    // One byte for prefixes below 64; two bytes (the format's own bit
    // layout, marked by 0b01 in the top bits) up to 16,383.
    let mut bytes = match u8::try_from(prefix) {
        Ok(small) if small < 64 => vec![small],
        _ => {
            let low = u8::try_from(((prefix & 0b1111_1100) >> 2) | 0b0100_0000).unwrap_or(0);
            let high = u8::try_from((prefix >> 8) | ((prefix & 0b11) << 6)).unwrap_or(0);
            vec![low, high]
        }
    };
    bytes.extend_from_slice(AsRef::<[u8; 32]>::as_ref(account));
    let mut preimage = b"SS58PRE".to_vec();
    preimage.extend_from_slice(&bytes);
    let checksum = sp_crypto_hashing::blake2_512(&preimage);
    bytes.extend_from_slice(&checksum[..2]);
    bs58::encode(bytes).into_string()
}

/// Parses an account given as an SS58 address or as `0x` and 64 hex digits.
///
/// # Errors
/// [`Error::InvalidInput`] naming what is wrong with it.
pub fn parse_account(text: &str) -> Result<AccountId> {
    let text = text.trim();
    if let Some(digits) = text.strip_prefix("0x") {
        let bytes = hex::decode(digits)
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "{text:?} is not an account: 0x must be followed by 64 hex digits"
                ))
            })?;
        return Ok(AccountId::from(bytes));
    }
    text.parse::<subxt::utils::AccountId32>()
        .map(|a| AccountId::from(a.0))
        .map_err(|_| {
            Error::InvalidInput(format!(
                "{text:?} is not an account: expected an SS58 address or 0x and 64 hex digits"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ss58_addresses_follow_the_chains_prefix() {
        let alice = Signer::from_uri("//Alice").expect("key").account();
        // The well-known addresses of //Alice on Substrate, Polkadot and Kusama.
        assert_eq!(
            ss58_account(&alice),
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        );
        assert_eq!(
            ss58_account_with(&alice, 0),
            "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"
        );
        assert_eq!(
            ss58_account_with(&alice, 2),
            "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F"
        );
        // A two-byte prefix round-trips through parsing.
        let long = ss58_account_with(&alice, 1_000);
        assert_eq!(parse_account(&long).expect("parses"), alice);
    }

    #[test]
    fn accounts_parse_from_ss58_and_hex_and_bad_ones_are_named() {
        let alice = Signer::from_uri("//Alice").expect("derives").account();
        let ss58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        assert_eq!(parse_account(ss58).expect("ss58"), alice);
        assert_eq!(ss58_account(&alice), ss58);
        assert_eq!(parse_account(&hex_account(&alice)).expect("hex"), alice);
        for bad in ["", "0x12", "5Grw", "0xzz"] {
            assert!(
                matches!(parse_account(bad), Err(Error::InvalidInput(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn dev_uri_gives_alices_account_and_debug_hides_the_secret() {
        let alice = Signer::from_uri("//Alice").expect("//Alice derives");
        // Alice's well-known public key on every Substrate dev chain.
        assert_eq!(
            hex_account(&alice.account()),
            "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
        );
        let shown = format!("{alice:?}");
        assert!(shown.contains("d43593c7"), "{shown}");
        assert!(!shown.to_lowercase().contains("alice"), "{shown}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn mnemonic_with_path_derives_and_bad_phrases_are_refused_without_echo() {
        let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
        let root = Signer::from_uri(phrase).expect("mnemonic derives");
        let derived = Signer::from_uri(&format!("{phrase}//coop/1")).expect("path derives");
        assert_ne!(root.account(), derived.account());
        // The dev phrase with //Alice is Alice.
        let alice = Signer::from_uri(&format!("{phrase}//Alice")).expect("derives");
        assert_eq!(
            alice.account(),
            Signer::from_uri("//Alice").expect("derives").account()
        );

        let err = Signer::from_uri("not a real mnemonic at all words here").unwrap_err();
        assert!(matches!(err, Error::InvalidSecret(_)));
        assert!(!err.to_string().contains("mnemonic at all"), "{err}");
    }

    #[test]
    fn an_empty_secret_is_refused_not_read_as_the_dev_phrase() {
        for empty in ["", " ", "\n", " \t "] {
            assert!(
                matches!(Signer::from_uri(empty), Err(Error::InvalidSecret(_))),
                "{empty:?}"
            );
        }
    }

    #[test]
    fn keys_of_the_published_dev_phrase_are_known_as_such() {
        let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
        for dev in [
            "//Alice",
            "//Bob//stash",
            phrase,
            &format!("{phrase}//coop"),
        ] {
            assert!(
                Signer::from_uri(dev).expect("derives").is_dev_key(),
                "{dev}"
            );
        }
        let own = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        for other in [own.to_string(), format!("{own}//coop/1")] {
            assert!(!Signer::from_uri(&other).expect("derives").is_dev_key());
        }
    }
}
