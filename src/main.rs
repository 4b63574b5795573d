//! The `dexflow` command line: flags, exit codes and printing only.

fn main() {
    std::process::exit(2);
}
