//! Histories that once made the random runs fail, shrunk to the operations
//! that matter and kept as tests: a failure in `histories.rs` or
//! `scripts/fuzz.sh` prints a test to paste here. Each replays against the
//! built contracts with every check of a random history.

use coop_model::history::Op;
use coop_sandbox::{keys, replays};
use coop_shared::governance::{Action, Choice};

// Found by the test command's run (history 2, 11 operations, shrunk to 2)
// when a deliberately broken governance skipped abstentions in its tally;
// pasted as printed.
#[test]
fn history_2() {
    let k = keys();
    replays(&[
        Op::Propose(
            1,
            Action::RotateKey {
                share: 3,
                new: k[4],
            },
        ),
        Op::Vote(2, 1, Choice::Abstain),
    ]);
}
