//! The command line: validates request documents and prints the results.
//!
//! ```text
//! cargo run --release --example validate -- [--jsonl] [FILE]
//! ```
//!
//! Reads one request document (`{"patch", "settings", "context"}`) from FILE, or from standard
//! input when FILE is absent or `-`, and prints `{"valid": bool, "violations": [...]}`.
//! With `--jsonl`, every non-blank input line is a request document and every output line its
//! result, in order; a line that is not JSON gets a 59950 violation and the run goes on.
//!
//! `context.today` defaults to today's date (UTC): this is the only place that reads the clock.
//!
//! Exit status: 0 when every request is valid, 1 when any is not, 2 on a usage error or a
//! request document that cannot be evaluated (bad settings or context), with the reason on
//! stderr.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use helix_customer_rules::{evaluate_request, Outcome, RequestError};

const USAGE: &str = "usage: validate [--jsonl] [FILE]\n\
  Validates Helix customer-update request documents ({\"patch\", \"settings\", \"context\"}).\n\
  FILE defaults to standard input ('-' also means standard input).\n\
  --jsonl  one request document per line, one result per line\n\
  Exit: 0 all valid, 1 some invalid, 2 usage or request-document error.";

struct Args {
    jsonl: bool,
    file: Option<String>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        jsonl: false,
        file: None,
    };
    // args_os: an argument that is not UTF-8 is a usage error, not a panic.
    for a in std::env::args_os().skip(1) {
        let a = a
            .into_string()
            .map_err(|a| format!("argument {a:?} is not valid UTF-8"))?;
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--jsonl" => args.jsonl = true,
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option {s:?}")),
            s => {
                if args.file.is_some() {
                    return Err("give at most one FILE".into());
                }
                args.file = Some(s.to_owned());
            }
        }
    }
    Ok(Some(args))
}

#[allow(clippy::disallowed_methods)] // the command line is the one place that reads the clock
fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn open(file: Option<&str>) -> io::Result<Box<dyn BufRead>> {
    Ok(match file {
        None | Some("-") => Box::new(io::BufReader::new(io::stdin())),
        #[allow(clippy::disallowed_methods)] // the command line is the one place that reads files
        Some(path) => Box::new(io::BufReader::new(std::fs::File::open(path)?)),
    })
}

/// The exit status a set of results earns.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Valid = 0,
    Invalid = 1,
    Error = 2,
}

fn status_of(result: &Result<Outcome, RequestError>) -> Status {
    match result {
        Ok(o) if o.valid => Status::Valid,
        Ok(_) => Status::Invalid,
        Err(_) => Status::Error,
    }
}

/// Evaluates one request and writes its result; returns the status it earns.
fn emit(
    out: &mut impl Write,
    bytes: &[u8],
    today: time::Date,
    line: Option<usize>,
) -> io::Result<Status> {
    let result = evaluate_request(bytes, Some(today));
    match &result {
        Ok(outcome) => {
            // One document reads best pretty-printed; JSONL keeps one result per line.
            let text = if line.is_none() {
                serde_json::to_string_pretty(outcome)
            } else {
                serde_json::to_string(outcome)
            }
            .map_err(io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        Err(e) => {
            let place = line.map(|n| format!("line {n}: ")).unwrap_or_default();
            eprintln!("validate: {place}{e}");
            // Keep one output line per request, so results stay aligned with their requests.
            if line.is_some() {
                writeln!(out, "{}", serde_json::json!({ "error": e.to_string() }))?;
            }
        }
    }
    Ok(status_of(&result))
}

fn run(args: &Args, input: &mut dyn BufRead, out: &mut impl Write) -> io::Result<Status> {
    let today = today();
    if !args.jsonl {
        let mut buf = Vec::new();
        input.read_to_end(&mut buf)?;
        return emit(out, &buf, today, None);
    }
    let mut worst = Status::Valid;
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            return Ok(worst);
        }
        n += 1;
        if !buf.iter().all(u8::is_ascii_whitespace) {
            worst = worst.max(emit(out, &buf, today, Some(n))?);
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("validate: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut input = match open(args.file.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "validate: cannot read {}: {e}",
                args.file.as_deref().unwrap_or("stdin")
            );
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let status = match run(&args, &mut input, &mut stdout.lock()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("validate: {e}");
            Status::Error
        }
    };
    ExitCode::from(status as u8)
}
