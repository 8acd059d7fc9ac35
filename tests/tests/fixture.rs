//! The test fixture itself: a node whose port is taken before it binds it
//! (another test's node, or any process) must not leave a test talking to
//! whoever holds that port.

use coop_client::chain::Chain;
use coop_tests::TestNode;
use std::net::TcpListener;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_whose_port_is_taken_starts_on_another() {
    // substrate's RPC server binds a random port when the one asked for is
    // taken, so without the fixture's check the test would talk to this
    // listener, which never answers.
    let holder = TcpListener::bind("127.0.0.1:0").expect("a port");
    let taken = holder.local_addr().expect("address").port();
    let node = TestNode::start_preferring(taken);
    assert_ne!(node.port, taken, "the node moved to a free port");
    let chain = Chain::connect(&node.url).await.expect("the node answers");
    assert_eq!(
        chain.chain_name().await.expect("name"),
        "Development",
        "a real dev chain answered"
    );
    drop(holder);
}
