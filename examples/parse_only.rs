//! A benchmark floor for `scripts/bench.sh`: backcare's own command line parsed by clap, and
//! nothing else. The difference between this and a hello-world binary is what the argument
//! parser costs at every start.

use clap::Parser;

fn main() {
    let cli = backcare::cli::Cli::parse();
    std::hint::black_box(&cli);
}
