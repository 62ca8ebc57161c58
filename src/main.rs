//! keyhound's binary: parse the command line, run, map the outcome to an
//! exit code. Everything else is in the library.

use clap::Parser;

#[allow(clippy::print_stderr)]
fn main() {
    let cli = keyhound::cli::Cli::parse();
    let code = match keyhound::app::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("keyhound: error: {}", one_line(&err));
            keyhound::app::exit_code_for(&err)
        }
    };
    std::process::exit(code.0);
}

/// `context: cause: cause`, on one line.
fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace('\n', " ")
}
