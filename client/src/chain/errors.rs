//! What the node's answers mean when they fail: dispatch errors named from
//! the runtime's metadata, pruned state, a lost connection.

use super::*;

/// `err`'s message, after what was asked (`context`) when there is one.
fn in_context(context: &str, err: &impl std::fmt::Display) -> String {
    if context.is_empty() {
        err.to_string()
    } else {
        format!("{context}: {err}")
    }
}

/// Whether a node's error says it no longer has a block's state.
pub(crate) fn looks_pruned(reason: &str) -> bool {
    let reason = reason.to_ascii_lowercase();
    [
        "discarded",
        "pruned",
        "unknownblock",
        "unknown block",
        "not found",
    ]
    .iter()
    .any(|needle| reason.contains(needle))
}

/// Whether a failed request failed because the connection itself is gone:
/// by the error's type first (subxt's RPC error, jsonrpsee's "restart
/// needed" once its background task has ended, an I/O error of a closed
/// socket), anywhere in its chain of sources; by its words only when no
/// type says.
pub(crate) fn is_disconnected(err: &(dyn std::error::Error + 'static)) -> bool {
    use jsonrpsee_core::client::Error as Transport;
    use std::io::ErrorKind;
    let transport_gone = |e: &Transport| matches!(e, Transport::RestartNeeded(_));
    let mut next = Some(err);
    while let Some(e) = next {
        if let Some(rpc) = e.downcast_ref::<subxt::rpcs::Error>() {
            match rpc {
                subxt::rpcs::Error::DisconnectedWillReconnect(_) => return true,
                subxt::rpcs::Error::Client(inner)
                    if inner
                        .downcast_ref::<Transport>()
                        .is_some_and(transport_gone) =>
                {
                    return true
                }
                _ => {}
            }
        }
        if e.downcast_ref::<Transport>().is_some_and(transport_gone) {
            return true;
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if matches!(
                io.kind(),
                ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::BrokenPipe
                    | ErrorKind::NotConnected
            ) {
                return true;
            }
        }
        next = e.source();
    }
    looks_disconnected(&err.to_string())
}

/// Whether an RPC error says the connection itself is gone, in the words of
/// jsonrpsee (the transport under subxt): its background task ends when the
/// socket closes, and every request after that fails with "restart required".
/// The fallback of [`is_disconnected`] for errors whose type says nothing.
pub(crate) fn looks_disconnected(reason: &str) -> bool {
    let reason = reason.to_ascii_lowercase();
    [
        "restart required",
        "background task closed",
        "connection was closed",
        "connection reset",
        "broken pipe",
    ]
    .iter()
    .any(|needle| reason.contains(needle))
}

/// The docs of variant `name` of enum type `ty`, joined into one line.
pub(crate) fn variant_docs(metadata: &ArcMetadata, ty: u32, name: &str) -> String {
    match metadata.types().resolve(ty).map(|t| &t.type_def) {
        Some(scale_info::TypeDef::Variant(def)) => def
            .variants
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.docs.join(" "))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

impl Chain {
    /// A failed read of `block`'s state as an error: [`Error::StateUnavailable`]
    /// when the node says it no longer has that state (only its words say
    /// so), else as [`Chain::node_error_in`].
    pub(crate) fn state_error(
        &self,
        block: Block,
        context: &str,
        err: impl std::error::Error + 'static,
    ) -> Error {
        let reason = in_context(context, &err);
        if !is_disconnected(&err) && looks_pruned(&reason) {
            Error::StateUnavailable {
                block: block.number,
                reason,
            }
        } else {
            self.node_error_in(context, err)
        }
    }

    /// Decodes a runtime `DispatchError` from the front of `bytes` (moving
    /// past it) and names it from the node's metadata.
    ///
    /// # Errors
    /// [`Error::Decode`] if the bytes are not a `DispatchError`.
    pub fn decode_dispatch_error(&self, bytes: &mut &[u8]) -> Result<DispatchFailure> {
        const WHAT: &str = "a dispatch error";
        let metadata = &self.inner.metadata;
        let ty = metadata
            .dispatch_error_ty()
            .ok_or_else(|| Error::decode(WHAT, "the metadata has no DispatchError type"))?;
        let start: &[u8] = bytes;
        let value = scale_value::scale::decode_as_type(bytes, ty, metadata.types())
            .map_err(|e| Error::decode(WHAT, e))?;
        let ValueDef::Variant(variant) = value.value else {
            return Err(Error::decode(WHAT, "not an enum"));
        };
        if variant.name == "Module" {
            // SCALE layout: variant index, pallet index, error index, 3 more bytes.
            let (Some(&pallet_index), Some(&error_index)) = (start.get(1), start.get(2)) else {
                return Err(Error::decode(WHAT, "module error too short"));
            };
            let pallet = metadata
                .pallet_by_error_index(pallet_index)
                .ok_or_else(|| {
                    Error::decode(WHAT, format!("no pallet with index {pallet_index}"))
                })?;
            let error = pallet.error_variant_by_index(error_index).ok_or_else(|| {
                Error::decode(
                    WHAT,
                    format!("{} has no error {error_index}", pallet.name()),
                )
            })?;
            return Ok(DispatchFailure {
                pallet: Some(pallet.name().to_string()),
                name: error.name.clone(),
                docs: error.docs.join(" "),
            });
        }
        // Runtime errors such as `Token(FundsUnavailable)`: name the inner variant too.
        let inner = variant.values.values().next().and_then(|v| match &v.value {
            ValueDef::Variant(inner) => Some(inner.name.clone()),
            _ => None,
        });
        let docs = variant_docs(metadata, ty, &variant.name);
        Ok(DispatchFailure {
            pallet: None,
            name: match inner {
                Some(inner) => format!("{}::{inner}", variant.name),
                None => variant.name,
            },
            docs,
        })
    }

    /// A failed request as an error: [`Error::Unreachable`] when the
    /// connection is gone (the node stopped, or the network dropped it),
    /// [`Error::Node`] otherwise. The connection is not reopened behind the
    /// caller's back: every later request fails the same way at once, and a
    /// new [`Chain::connect`] is the way back.
    pub(crate) fn node_error(&self, err: impl std::error::Error + 'static) -> Error {
        self.node_error_in("", err)
    }

    /// As [`Chain::node_error`], saying what was asked (`context`) in the message.
    pub(crate) fn node_error_in(
        &self,
        context: &str,
        err: impl std::error::Error + 'static,
    ) -> Error {
        let reason = in_context(context, &err);
        if is_disconnected(&err) {
            Error::Unreachable {
                url: self.inner.url.clone(),
                reason: "the connection to the node was lost (did the node stop?)".into(),
            }
        } else {
            Error::Node(reason)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruned_state_is_recognised_in_the_nodes_words() {
        assert!(looks_pruned(
            "State already discarded for 0x1234 (UnknownBlock)"
        ));
        assert!(!looks_pruned("connection reset by peer"));
    }

    #[test]
    fn a_lost_connection_is_recognised_in_jsonrpsees_words() {
        assert!(looks_disconnected(
            "ContractsApi_call: RPC error: client error: The background task closed \
             Connection was closed: CloseReason { code: 1000, descr: Some(\"\") }; restart required"
        ));
        assert!(!looks_disconnected("State already discarded for 0x1234"));
        assert!(!looks_disconnected("Invalid Transaction"));
    }

    #[test]
    fn dispatch_failures_name_funds_problems() {
        let failure = |pallet: Option<&str>, name: &str| DispatchFailure {
            pallet: pallet.map(str::to_string),
            name: name.into(),
            docs: String::new(),
        };
        assert!(failure(Some("Balances"), "InsufficientBalance").is_insufficient_funds());
        assert!(failure(None, "Token::FundsUnavailable").is_insufficient_funds());
        assert!(!failure(Some("Balances"), "ExistentialDeposit").is_insufficient_funds());
        assert!(matches!(
            Error::from(failure(None, "BadOrigin")),
            Error::Dispatch(_)
        ));
    }

    #[test]
    fn a_lost_connection_is_recognised_by_its_type_first() {
        use jsonrpsee_core::client::Error as Transport;
        /// An error whose words say nothing, caused by `source`.
        #[derive(Debug)]
        struct Wrapper(std::io::Error);
        impl std::fmt::Display for Wrapper {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the request failed")
            }
        }
        impl std::error::Error for Wrapper {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let reset = Wrapper(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "peer gone",
        ));
        assert!(is_disconnected(&reset), "an I/O reset in the sources");
        let restart = subxt::rpcs::Error::Client(Box::new(Transport::RestartNeeded(
            std::sync::Arc::new(Transport::Custom("socket closed".into())),
        )));
        assert!(is_disconnected(&restart));
        let reconnecting = subxt::rpcs::Error::DisconnectedWillReconnect("gone".into());
        assert!(is_disconnected(&reconnecting));
        let refused = subxt::rpcs::Error::Client(Box::new(Transport::Custom(
            "State already discarded for 0x1234".into(),
        )));
        assert!(!is_disconnected(&refused));
        let io_other = Wrapper(std::io::Error::other("bad request"));
        assert!(!is_disconnected(&io_other));
    }
}
