//! keyhound's binary: parse the command line, run, map the outcome to an
//! exit code. Everything else is in the library.

use clap::Parser;

#[allow(clippy::print_stderr)]
fn main() {
    // One TLS crypto provider for every HTTP client of the process
    // (src/verify/client.rs `install_tls_provider`): a client built
    // before it is installed panics.
    keyhound::verify::install_tls_provider();
    let cli = match keyhound::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // --help, --version, and the help a bare `keyhound` prints.
        Err(e)
            if !e.use_stderr()
                || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            e.exit()
        }
        Err(e) => {
            let argv: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            eprint!("{}", keyhound::cli::render_error(&e, &argv));
            std::process::exit(e.exit_code());
        }
    };
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
    keyhound::redact::escape_control(&format!("{err:#}").replace('\n', " ")).into_owned()
}
