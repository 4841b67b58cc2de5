// Floor `hello`: the cost of starting any Rust process here.
use std::io::Write;

fn main() {
    let _ = std::io::stdout().write_all(b"hello\n");
}
