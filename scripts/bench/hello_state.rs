// Floor `hello-state`: a process start plus reading a small state file and replacing it
// atomically (write a temporary file beside it, then rename): the least a tip that remembers
// can cost.
use std::io::Write;

fn main() {
    let path = std::env::args().nth(1).expect("state file path");
    let old = std::fs::read(&path).unwrap_or_default();
    let temporary = format!("{path}.{}.tmp", std::process::id());
    std::fs::write(&temporary, &old).expect("write temporary file");
    std::fs::rename(&temporary, &path).expect("rename");
    let _ = std::io::stdout().write_all(b"hello\n");
}
