//! Throughput and peak memory of `helix-rules check` on JSONL (the figures in BENCHMARKS.md).
//!
//! ```text
//! cargo bench -p helix-rules --bench throughput
//! ```
//!
//! Generates 100,000 full request documents (valid and invalid mixed) into one JSONL file and
//! measures, best of three runs each:
//! - a bare loop of `evaluate_request` over the same lines held in memory, on one thread, and
//!   on every core (rayon), which is the machine's own ceiling for the scaling below;
//! - the built binary, `check --format json --threads N FILE > /dev/null`, for 1 thread and for
//!   every core (wall time, and CPU time from `/usr/bin/time` when it is installed);
//! - peak resident memory of the binary on 10,000 and on 1,000,000 lines (needs `/usr/bin/time`).
//!
//! Prints the load average before and after, since the machine may be shared. Set
//! `HELIX_BENCH_DOCS` for another document count (the memory pair stays 10k / 1M), and
//! `HELIX_BENCH_KEEP=1` to keep the generated file for profiling.

// A benchmark reads the clock and writes files; the ban is for the library.
#![allow(clippy::disallowed_methods)]
#![allow(clippy::cast_precision_loss)] // rates and ratios for a report

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use helix_customer_rules::evaluate_request;
use rayon::prelude::*;

const TODAY: &str = "2026-11-23";

/// One full individual request document; odd `i` breaks several rules.
fn document(i: usize) -> String {
    let bad = i % 2 == 1;
    let gender = if bad && i.is_multiple_of(3) { "Q" } else { "F" };
    let email = if bad && !i.is_multiple_of(5) {
        "ada.lovelace@@example"
    } else {
        "ada.lovelace@example.com"
    };
    let birth = if bad && i.is_multiple_of(7) {
        "1850-12-10"
    } else {
        "1985-12-10T00:00:00.000+00:00"
    };
    let line1 = if bad {
        "PO Box 1815"
    } else {
        "12 St James's Square"
    };
    let city = if bad && i % 4 == 1 { "" } else { "London" };
    let phone_type = if bad && i % 9 == 1 { "Pager" } else { "Mobile" };
    let kyc = bad && i % 11 == 1;
    format!(
        concat!(
            r#"{{"patch": {{"customerId": {id}, "firstName": "Ada", "middleName": "King", "lastName": "Lovelace{id}", "#,
            r#""suffix": "II", "birthDate": "{birth}", "gender": "{gender}", "culture": "en-US", "taxId": "123456789", "#,
            r#""driversLicenseNumber": "D1234567", "driversLicenseState": "IA", "driversLicenseIssueDate": "2020-01-01", "#,
            r#""driversLicenseExpireDate": "2030-01-01", "passportNumber": "P1234567", "passportCountry": "US", "#,
            r#""emailAddress": "{email}", "isDocumentsAccepted": true, "isSubjectToBackupWithholding": false, "#,
            r#""isOptedInToBankCommunication": true, "tag": "cust-{id}", "#,
            r#""addresses": [{{"addressType": "Residence", "addressLine1": "{line1}", "addressLine2": "Flat 2", "addressLine3": "Floor 3", "addressLine4": "Door 4", "city": "{city}", "state": "IA", "postalCode": "50010", "country": "US"}}, "#,
            r#"{{"addressType": "Mailing", "addressLine1": "1 Main St", "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US"}}, "#,
            r#"{{"addressType": "Prior", "addressLine1": "9 Elm St", "city": "Ames", "state": "IA", "postalCode": "50011", "country": "US"}}], "#,
            r#""phones": [{{"phoneType": "{phone_type}", "number": "5152221212"}}, {{"phoneType": "Home", "number": "5152221213"}}, {{"phoneType": "Office", "number": "5152221214"}}]}}, "#,
            r#""settings": {{"usesHelixKyc": {kyc}}}, "context": {{"today": "{today}"}}}}"#
        ),
        id = i + 1,
        birth = birth,
        gender = gender,
        email = email,
        line1 = line1,
        city = city,
        phone_type = phone_type,
        kyc = kyc,
        today = TODAY,
    )
}

fn write_jsonl(path: &Path, n: usize) -> u64 {
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create the JSONL file"));
    for i in 0..n {
        out.write_all(document(i).as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    let mut best: Option<(Duration, T)> = None;
    for _ in 0..runs {
        let r = f();
        if best.as_ref().is_none_or(|b| r.0 < b.0) {
            best = Some(r);
        }
    }
    best.unwrap()
}

/// What one run of the binary cost.
#[derive(Clone, Copy, Default)]
struct Run {
    cpu: Option<Duration>,
    max_rss_kib: Option<u64>,
}

fn time_binary(args: &[&str], file: &Path) -> (Duration, Run) {
    let gnu_time = Path::new("/usr/bin/time");
    let report =
        std::env::temp_dir().join(format!("helix-rules-bench-{}.time", std::process::id()));
    let mut cmd = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.arg("-f")
            .arg("%U %S %M")
            .arg("-o")
            .arg(&report)
            .arg(env!("CARGO_BIN_EXE_helix-rules"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_helix-rules"))
    };
    cmd.arg("check")
        .args(args)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create("/dev/null").unwrap())
        .stderr(Stdio::inherit());
    let start = Instant::now();
    let status = cmd.status().expect("run helix-rules");
    let wall = start.elapsed();
    // 1: some documents are invalid, as generated.
    assert_eq!(status.code(), Some(1), "helix-rules {args:?} failed");
    let mut run = Run::default();
    if let Ok(text) = std::fs::read_to_string(&report) {
        // The last line: GNU time puts "Command exited with non-zero status 1" before it.
        let f: Vec<&str> = text
            .lines()
            .last()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        if let [user, sys, rss] = f[..] {
            let secs = user.parse::<f64>().unwrap_or(0.0) + sys.parse::<f64>().unwrap_or(0.0);
            run.cpu = Some(Duration::from_secs_f64(secs));
            run.max_rss_kib = rss.parse().ok();
        }
        let _ = std::fs::remove_file(&report);
    }
    (wall, run)
}

/// This process's CPU time (user + system, every thread) from /proc/self/stat, in Linux's
/// 100 ticks a second; `None` elsewhere.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name's closing parenthesis; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn since(start: Option<Duration>) -> Option<Duration> {
    Some(process_cpu()?.saturating_sub(start?))
}

fn uptime() -> String {
    Command::new("uptime").output().map_or_else(
        |_| "(uptime unavailable)".into(),
        |o| String::from_utf8_lossy(&o.stdout).trim().to_owned(),
    )
}

fn rate(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

/// Peak memory: 10k lines against 1M lines (the files are written, measured, deleted).
fn memory(dir: &Path, report: &mut String) {
    if Path::new("/usr/bin/time").exists() {
        let small = dir.join("memory-10k.jsonl");
        let large = dir.join("memory-1m.jsonl");
        write_jsonl(&small, 10_000);
        let large_bytes = write_jsonl(&large, 1_000_000);
        let (_, s) = time_binary(&["--format", "json"], &small);
        let (large_wall, l) = time_binary(&["--format", "json"], &large);
        let (s, l) = (s.max_rss_kib.unwrap_or(0), l.max_rss_kib.unwrap_or(0));
        let _ = writeln!(
            report,
            "\npeak RSS: 10,000 lines {s} KiB; 1,000,000 lines ({:.0} MiB, {:.1} s) {l} KiB; \
             ratio {:.2}",
            large_bytes as f64 / 1048576.0,
            large_wall.as_secs_f64(),
            l as f64 / s.max(1) as f64
        );
        let _ = std::fs::remove_file(&small);
        let _ = std::fs::remove_file(&large);
    } else {
        report.push_str("\npeak RSS: /usr/bin/time is not installed (apt-get install time)\n");
    }
}

/// A bare loop of `evaluate_request` over lines in memory, on one thread or on the pool.
fn bare(lines: &[&[u8]], parallel: bool) -> (Duration, Run) {
    let (t, c) = (Instant::now(), process_cpu());
    let violations = |l: &&[u8]| evaluate_request(l, None).unwrap().violations.len();
    let v: usize = if parallel {
        lines.par_iter().map(violations).sum()
    } else {
        lines.iter().map(violations).sum()
    };
    std::hint::black_box(v);
    let cpu = since(c);
    (
        t.elapsed(),
        Run {
            cpu,
            max_rss_kib: None,
        },
    )
}

fn main() {
    // `cargo bench` passes `--bench`; filters are not supported.
    let n: usize = std::env::var("HELIX_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let mut report = String::new();
    let _ = writeln!(report, "load before: {}", uptime());

    let file = dir.join("throughput.jsonl");
    let bytes = write_jsonl(&file, n);
    let text = std::fs::read(&file).unwrap();
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let invalid = lines
        .iter()
        .filter(|l| !evaluate_request(l, None).unwrap().valid)
        .count();
    let _ = writeln!(
        report,
        "{n} documents, {:.1} MiB, {invalid} invalid; {cores} cores",
        bytes as f64 / 1048576.0
    );

    let (bare1, bare1_cpu) = best_of(3, || bare(&lines, false));
    let (bare_all, bare_all_cpu) = best_of(3, || bare(&lines, true));
    let all = cores.to_string();
    let (cli1, run1) = best_of(3, || {
        time_binary(&["--format", "json", "--threads", "1"], &file)
    });
    let (cli_all, run_all) = best_of(3, || {
        time_binary(&["--format", "json", "--threads", &all], &file)
    });

    let cpu = |r: Run| {
        r.cpu
            .map_or("n/a".into(), |c| format!("{:.2} s", c.as_secs_f64()))
    };
    let _ = writeln!(
        report,
        "\n| run | wall | docs/s | CPU | ratio |\n|---|---:|---:|---:|---:|"
    );
    let _ = writeln!(
        report,
        "| bare loop, 1 thread | {:.2} s | {:.0} | {} | 1.00x of bare |",
        bare1.as_secs_f64(),
        rate(n, bare1),
        cpu(bare1_cpu)
    );
    let _ = writeln!(
        report,
        "| bare loop, {cores} threads | {:.2} s | {:.0} | {} | {:.2}x of bare 1 thread |",
        bare_all.as_secs_f64(),
        rate(n, bare_all),
        cpu(bare_all_cpu),
        bare1.as_secs_f64() / bare_all.as_secs_f64()
    );
    let _ = writeln!(
        report,
        "| `check --threads 1` | {:.2} s | {:.0} | {} | {:.2}x of bare 1 thread |",
        cli1.as_secs_f64(),
        rate(n, cli1),
        cpu(run1),
        bare1.as_secs_f64() / cli1.as_secs_f64()
    );
    let _ = writeln!(
        report,
        "| `check --threads {cores}` | {:.2} s | {:.0} | {} | {:.2}x of `--threads 1` |",
        cli_all.as_secs_f64(),
        rate(n, cli_all),
        cpu(run_all),
        cli1.as_secs_f64() / cli_all.as_secs_f64()
    );

    memory(&dir, &mut report);
    if std::env::var_os("HELIX_BENCH_KEEP").is_some() {
        let _ = writeln!(report, "\nkept {}", file.display());
    } else {
        let _ = std::fs::remove_file(&file);
    }
    let _ = writeln!(report, "\nload after: {}", uptime());
    println!("{report}");
}
