use std::process::ExitCode;

fn main() -> ExitCode {
    backcare::run(std::env::args_os())
}
