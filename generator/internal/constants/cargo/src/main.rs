// A stub, so that cargo fetch has a target: package constants compiles its
// own main.rs in a temporary copy of this crate.
fn main() {}
