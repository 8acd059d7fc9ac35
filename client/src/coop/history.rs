//! The coop's history: its events in a block or a range of blocks, a live
//! feed of them, and the full record an export writes and checks.

use super::*;

/// Blocks whose events are fetched at once while scanning history.
pub(crate) const SCAN_PARALLEL: usize = 8;

/// A live feed of a coop's events, from [`Coop::watch`].
#[derive(Debug)]
pub struct Watch {
    coop: Coop,
    heads: BlockStream,
    next: u64,
    queue: VecDeque<Logged>,
}

impl Watch {
    /// The next event; waits for new blocks. `None` when the node ends the feed.
    pub async fn next(&mut self) -> Option<Result<Logged>> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some(Ok(event));
            }
            let head = match self.heads.next().await? {
                Ok(head) => head,
                Err(e) => return Some(Err(e.into())),
            };
            if head.number < self.next {
                continue;
            }
            let from = self.next;
            match self
                .coop
                .events_between(from, head.number, &|_, _| {})
                .await
            {
                Ok(events) => {
                    self.next = head.number.saturating_add(1);
                    // A deposit's balance transfer echoes its `Deposited`
                    // (and founding's, its `CoopFounded`): one line each.
                    let shown: Vec<Logged> = events
                        .iter()
                        .filter(|l| {
                            !matches!(events::transfer_kind(&events, l), "deposit" | "founding")
                        })
                        .cloned()
                        .collect();
                    self.queue.extend(shown);
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Coop {
    /// The coop's events in one block.
    ///
    /// # Errors
    /// [`crate::Error::StateUnavailable`] for a pruned block; the chain's otherwise.
    pub async fn events_in(&self, block: Block) -> Result<Vec<Logged>> {
        let events = self.chain().events_at(block).await?;
        Ok(events::coop_events(
            &events,
            &self.governance(),
            &self.membership(),
        )?)
    }

    /// The coop's events in blocks `from ..= to`, in order; `progress` gets
    /// (blocks done, blocks in all).
    ///
    /// # Errors
    /// [`crate::Error::StateUnavailable`] if the node has pruned a block in
    /// the range; the chain's otherwise.
    pub async fn events_between(
        &self,
        from: u64,
        to: u64,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Vec<Logged>> {
        use futures::{stream, StreamExt as _, TryStreamExt as _};
        let total = to.saturating_add(1).saturating_sub(from);
        let mut done = 0u64;
        let mut found = Vec::new();
        let mut blocks = stream::iter(from..=to)
            .map(|n| async move {
                let block = self.chain().block_at(n).await?.ok_or_else(|| {
                    crate::Error::Node(format!("the node has no block {n} on its best chain"))
                })?;
                self.events_in(block).await
            })
            .buffered(SCAN_PARALLEL);
        while let Some(events) = blocks.try_next().await? {
            found.extend(events);
            done += 1;
            progress(done, total);
        }
        Ok(found)
    }

    /// Follows the chain from `from` (the next block by default): yields the
    /// coop's events as blocks arrive, none missed when the node skips a
    /// height.
    ///
    /// # Errors
    /// The chain's, if the subscription cannot start.
    pub async fn watch(&self, from: Option<u64>) -> Result<Watch> {
        let heads = self.chain().best_blocks().await?;
        let next = match from {
            Some(n) => n,
            None => self.chain().best_block().await?.number.saturating_add(1),
        };
        Ok(Watch {
            coop: self.clone(),
            heads,
            next,
            queue: VecDeque::new(),
        })
    }

    /// The full record from `from` (the deployment block) to the best
    /// block, with the contract's figures read at that same block.
    ///
    /// # Errors
    /// [`crate::Error::StateUnavailable`] if the node has pruned the blocks.
    pub async fn record(
        &self,
        from: u64,
        progress: &(dyn Fn(u64, u64) + Send + Sync),
    ) -> Result<Record> {
        let to = self.chain().best_block().await?;
        let events = self.events_between(from, to.number, progress).await?;
        let mut contract = BTreeMap::new();
        let mut start: ProposalId = 1;
        loop {
            let page: Vec<ProposalSummary> = self
                .governance
                .read_at(gov::messages::PROPOSALS, (start, MAX_PROPOSAL_PAGE), to)
                .await?;
            let full = page.len() == MAX_PROPOSAL_PAGE as usize;
            for summary in page {
                contract.insert(summary.id, summary);
            }
            if !full {
                break;
            }
            start = start.saturating_add(MAX_PROPOSAL_PAGE);
        }
        let treasury: Balance = self
            .governance
            .read_at(gov::messages::TREASURY, (), to)
            .await?;
        let capital: Balance = self
            .governance
            .read_at(gov::messages::CAPITAL, (), to)
            .await?;
        Ok(Record {
            governance: self.governance(),
            membership: self.membership(),
            genesis: self.chain().genesis_hash(),
            from_block: from,
            to,
            events,
            contract,
            treasury,
            capital,
        })
    }
}
