//! `helix-rules`: checks Helix customer-update request documents from the command line, and
//! explains the rules behind each code.
//!
//! The only code of the project that reads files, standard input or the clock: the library
//! (`helix_customer_rules`) evaluates, this binary reads, schedules and prints.

#![forbid(unsafe_code)]

mod catalogue;
mod check;
mod format;
mod locate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

const CHECK_EXAMPLES: &str = "\
Examples:
  helix-rules check examples/requests/invalid-individual.json
  helix-rules check --format json exports/customers.jsonl > results.jsonl
  cat request.json | helix-rules check -
  helix-rules check --statistics --format json exports/*.jsonl
  helix-rules check --format sarif exports/customers.jsonl > helix-rules.sarif

Exit status: 0 when every document is valid (warnings alone included, unless --strict),
1 when any is not, 2 on a usage error, an unreadable file or a request document that cannot
be evaluated (bad settings or context).";

#[derive(Parser)]
#[command(
    name = "helix-rules",
    version,
    about = "Predicts whether Helix will accept customer updates, and if not, exactly why.",
    after_help = "Examples:\n  helix-rules check examples/requests/invalid-individual.json\n  helix-rules rules\n  helix-rules explain 66907"
)]
struct Cli {
    /// When to colour text output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Checks request documents ({"patch", "settings", "context"}) and reports every violation.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(check::Args),
    /// Lists the rule catalogue: one code a line (code, name, where it comes from, message).
    #[command(
        after_help = "Examples:\n  helix-rules rules\n  helix-rules rules --format json | jq '.[].code'"
    )]
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Prints one rule's catalogue entry: what it checks, its semantics, examples.
    #[command(
        after_help = "Examples:\n  helix-rules explain 66907\n  helix-rules explain InvalidEmailAddress"
    )]
    Explain {
        /// The rule's code (such as 66907) or name (such as PoBoxResidenceAddress)
        code: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Text,
    Json,
}

/// The exit status a run earns; the worst one wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Everything valid.
    Valid = 0,
    /// Something invalid (or, with `--strict`, a warning).
    Invalid = 1,
    /// A usage error, an unreadable file or a request document that cannot be evaluated.
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

/// A file argument as given, or standard input.
#[derive(Clone, Debug)]
pub enum Source {
    /// `-` or no FILE.
    Stdin,
    /// A path.
    File(PathBuf),
}

impl Source {
    /// The name results are reported under.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_owned(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    let status = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules { format } => catalogue::rules(format == RulesFormat::Json),
        Command::Explain { code } => catalogue::explain(&code),
    };
    status.into()
}
