//! The binary: everything is in the library (`backcare::app`).

fn main() -> std::process::ExitCode {
    backcare::app::main()
}
