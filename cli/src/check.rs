//! `check`: reads request documents, evaluates them on every core, writes results in order.
//!
//! Three stages, with bounded queues between them so memory stays flat whatever the input's
//! size: a reader thread cuts the input into chunks of lines; each chunk is evaluated and
//! formatted on the rayon pool (in slices, each into its own buffer) while the reader fills the
//! next; a writer thread copies the buffers to standard output in input order and prints
//! problems to standard error. With `--threads 1` the one worker reads as well, so the run
//! keeps to one core.

use std::io::{self, BufRead, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver};
use std::time::Duration;

use helix_customer_rules::evaluate_request;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::format::{Formatter, Kind, Problem, Statistics, Totals, SARIF_NOTIFICATIONS};
use crate::{Source, Status};

/// `helix-rules check`.
#[derive(clap::Args)]
pub struct Args {
    /// Request documents. A `.jsonl` or `.ndjson` file holds one document per line; `-` or no
    /// FILE reads standard input
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read every input (standard input included) as one request document per line
    #[arg(long)]
    jsonl: bool,
    /// Output format [default: text when standard output is a terminal, json otherwise]
    #[arg(long, value_enum)]
    format: Option<Kind>,
    /// Print how often each code was reported, most frequent first, instead of the results
    /// (text: `count<TAB>code<TAB>name`, a fourth `warning` column for warnings; json: an array
    /// of {"code", "name", "severity", "count"})
    #[arg(long)]
    statistics: bool,
    /// Warnings count as failures for the exit status
    #[arg(long)]
    strict: bool,
    /// Threads that evaluate documents (with 1, that thread reads the input too) [default: one
    /// per core]
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<NonZeroUsize>,
    /// Documents per chunk handed to the workers (memory is bounded by a few chunks)
    #[arg(long, hide = true, default_value_t = CHUNK_DOCS)]
    chunk_docs: usize,
}

/// A chunk ends after this many documents or this many bytes, whichever comes first.
const CHUNK_DOCS: usize = 2048;
const CHUNK_BYTES: usize = 2 << 20;
/// Chunks in flight between stages: enough to keep every stage busy, few enough to stay small.
const QUEUE: usize = 2;

/// One unit of work: a document (a byte range of the chunk) or a file that failed to read.
enum Item {
    Doc {
        file: usize,
        line: usize,
        start: usize,
        end: usize,
        /// The whole file: violations are located by their pointer, not at `line`.
        whole: bool,
    },
    Unreadable {
        file: usize,
        message: String,
    },
}

struct Chunk {
    buf: Vec<u8>,
    items: Vec<Item>,
    /// Input bytes this chunk consumed (for the progress bar).
    bytes: u64,
}

impl Chunk {
    /// A chunk whose buffer is taken from a finished one when there is one: fresh pages cost
    /// page faults on every chunk, and a reused buffer keeps the memory flat.
    fn reuse(spent: Option<Chunk>) -> Chunk {
        match spent {
            Some(mut c) => {
                c.buf.clear();
                c.items.clear();
                c.bytes = 0;
                c
            }
            None => Chunk {
                buf: Vec::with_capacity(CHUNK_BYTES + CHUNK_BYTES / 2),
                items: Vec::with_capacity(CHUNK_DOCS),
                bytes: 0,
            },
        }
    }

    fn full(&self, docs: usize) -> bool {
        self.items.len() >= docs || self.buf.len() >= CHUNK_BYTES
    }
}

/// What the evaluation stage hands the writer: buffers and totals, one per slice, in order.
type Done = (Vec<(Vec<u8>, Totals)>, u64);

#[allow(clippy::disallowed_methods)] // the command line is the one place that reads the clock
fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn is_jsonl(source: &Source) -> bool {
    match source {
        Source::Stdin => false,
        Source::File(p) => p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")),
    }
}

#[allow(clippy::disallowed_methods)] // the command line is the one place that reads files
fn open(source: &Source) -> io::Result<Box<dyn BufRead + Send>> {
    Ok(match source {
        Source::Stdin => Box::new(io::BufReader::with_capacity(1 << 16, io::stdin())),
        Source::File(p) => {
            let f = std::fs::File::open(p)?;
            if f.metadata()?.is_dir() {
                return Err(io::Error::other("is a directory"));
            }
            Box::new(io::BufReader::with_capacity(1 << 20, f))
        }
    })
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Cuts every source into documents and hands them to `send` in chunks (each new one from
/// `fresh`); stops when `send` says nobody wants more.
fn read_all(
    sources: &[Source],
    jsonl: &[bool],
    docs: usize,
    send: &mut dyn FnMut(Chunk) -> bool,
    fresh: &mut dyn FnMut() -> Chunk,
) {
    let mut chunk = fresh();
    for (file, source) in sources.iter().enumerate() {
        let mut input = match open(source) {
            Ok(r) => r,
            Err(e) => {
                chunk.items.push(Item::Unreadable {
                    file,
                    message: format!("cannot read {}: {e}", source.name()),
                });
                continue;
            }
        };
        if jsonl[file] {
            let mut line = 0;
            loop {
                let start = chunk.buf.len();
                match input.read_until(b'\n', &mut chunk.buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        line += 1;
                        chunk.bytes += n as u64;
                        let mut s = start;
                        if line == 1 && chunk.buf[s..].starts_with(BOM) {
                            s += BOM.len();
                        }
                        let mut end = chunk.buf.len();
                        while end > s && matches!(chunk.buf[end - 1], b'\n' | b'\r') {
                            end -= 1;
                        }
                        if chunk.buf[s..end].iter().all(u8::is_ascii_whitespace) {
                            chunk.buf.truncate(start);
                        } else {
                            chunk.items.push(Item::Doc {
                                file,
                                line,
                                start: s,
                                end,
                                whole: false,
                            });
                        }
                    }
                    Err(e) => {
                        chunk.buf.truncate(start);
                        chunk.items.push(Item::Unreadable {
                            file,
                            message: format!(
                                "cannot read {} after line {line}: {e}",
                                source.name()
                            ),
                        });
                        break;
                    }
                }
                if chunk.full(docs) && !send(std::mem::replace(&mut chunk, fresh())) {
                    return;
                }
            }
        } else {
            read_whole(&mut *input, file, source, &mut chunk);
        }
        if chunk.full(docs) && !send(std::mem::replace(&mut chunk, fresh())) {
            return;
        }
    }
    if !chunk.items.is_empty() {
        send(chunk);
    }
}

/// Adds a one-document file to the chunk, whole.
fn read_whole(input: &mut dyn BufRead, file: usize, source: &Source, chunk: &mut Chunk) {
    let start = chunk.buf.len();
    match input.read_to_end(&mut chunk.buf) {
        Ok(n) => {
            chunk.bytes += n as u64;
            let mut s = start;
            if chunk.buf[s..].starts_with(BOM) {
                s += BOM.len();
            }
            // Where the document starts: its line, for what cannot be located by pointer.
            let body = &chunk.buf[s..];
            let lead = body.iter().take_while(|b| b.is_ascii_whitespace()).count();
            // Lines = newlines before it + 1 = the pieces a split at newlines yields.
            let line = body[..lead].split(|&b| b == b'\n').count();
            let end = chunk.buf.len();
            chunk.items.push(Item::Doc {
                file,
                line,
                start: s,
                end,
                whole: true,
            });
        }
        Err(e) => {
            chunk.buf.truncate(start);
            chunk.items.push(Item::Unreadable {
                file,
                message: format!("cannot read {}: {e}", source.name()),
            });
        }
    }
}

/// Evaluates and formats one chunk, in slices on the pool; the slices come back in order.
fn process(
    chunk: &Chunk,
    fmt: &Formatter,
    today: time::Date,
    strict: bool,
    slices: usize,
) -> Vec<(Vec<u8>, Totals)> {
    let per = chunk.items.len().div_ceil(slices).max(1);
    chunk
        .items
        .par_chunks(per)
        .map(|items| {
            let mut out = Vec::new();
            let mut t = Totals::default();
            for item in items {
                match item {
                    Item::Doc {
                        file,
                        line,
                        start,
                        end,
                        whole,
                    } => {
                        let bytes = &chunk.buf[*start..*end];
                        let result = evaluate_request(bytes, Some(today));
                        t.document(*file, *line, &result, strict);
                        let whole = whole.then_some(bytes);
                        fmt.document(&mut out, *file, *line, whole, &result);
                    }
                    Item::Unreadable { file, message } => {
                        t.unreadable(*file, message.clone());
                        fmt.unreadable(&mut out, *file, message);
                    }
                }
            }
            (out, t)
        })
        .collect()
}

fn progress_bar(total: Option<u64>) -> ProgressBar {
    // Only for a person watching: a pipe or a log file gets no bar.
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {msg} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {bytes} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Copies results out in order; prints problems; returns the run's totals.
fn write_all(
    rx: &Receiver<Receiver<Done>>,
    fmt: &Formatter,
    names: &[String],
    bar: &ProgressBar,
) -> (Totals, io::Result<()>) {
    let stdout = io::stdout();
    let to_terminal = stdout.is_terminal();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut totals = Totals::default();
    let mut kept: Vec<Problem> = Vec::new();
    let mut head = Vec::new();
    fmt.header(&mut head);
    let mut result = out.write_all(&head);
    // SARIF results are written each behind a comma; the very first one drops it.
    let mut leading_comma = fmt.comma_separated();
    #[allow(clippy::disallowed_methods)] // the progress bar's rate, not a rule's clock
    let started = std::time::Instant::now();
    while let Ok(Ok((slices, bytes))) = rx.recv().map(|chunk| chunk.recv()) {
        if result.is_err() {
            // Dropping the receiver stops the other stages: nobody reads the rest.
            break;
        }
        for (mut buf, t) in slices {
            if leading_comma && !buf.is_empty() {
                buf.remove(0);
                leading_comma = false;
            }
            result = if to_terminal {
                bar.suspend(|| out.write_all(&buf))
            } else {
                out.write_all(&buf)
            };
            if result.is_err() {
                break;
            }
            totals.merge(&t);
            if !t.problems.is_empty() {
                let _ = out.flush();
                bar.suspend(|| {
                    for p in &t.problems {
                        // An unreadable file's message names the file already.
                        match p.line {
                            Some(l) => {
                                eprintln!("helix-rules: {}:{l}: {}", names[p.file], p.message);
                            }
                            None => eprintln!("helix-rules: {}", p.message),
                        }
                    }
                });
                let room = SARIF_NOTIFICATIONS.saturating_sub(kept.len());
                kept.extend(t.problems.into_iter().take(room));
            }
        }
        bar.inc(bytes);
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        #[allow(clippy::cast_precision_loss)] // a rate on a progress bar
        let rate = totals.documents as f64 / secs;
        bar.set_message(format!("{} documents, {rate:.0}/s", totals.documents));
    }
    bar.finish_and_clear();
    if result.is_ok() {
        let mut tail = Vec::new();
        fmt.footer(&mut tail, &totals, &kept);
        result = out.write_all(&tail).and_then(|()| out.flush());
    }
    (totals, result)
}

/// What one run of `check` reads and how it spreads the work.
struct Plan<'a> {
    sources: &'a [Source],
    jsonl: &'a [bool],
    docs: usize,
    threads: usize,
    slices: usize,
    today: time::Date,
    strict: bool,
}

impl Plan<'_> {
    /// Reads, evaluates and writes everything; the totals and how writing went.
    fn run(
        &self,
        pool: &rayon::ThreadPool,
        fmt: &Formatter,
        names: &[String],
        bar: &ProgressBar,
    ) -> (Totals, io::Result<()>) {
        std::thread::scope(|s| {
            // In input order, one receiver per chunk: the writer waits on each in turn while the
            // pool already works on the next ones, so no chunk's slowest slice stalls the workers.
            let (tx_done, rx_done) = sync_channel::<Receiver<Done>>(1);
            let writer = s.spawn(move || write_all(&rx_done, fmt, names, bar));
            let (sources, jsonl, docs, today, strict) =
                (self.sources, self.jsonl, self.docs, self.today, self.strict);
            if self.threads == 1 {
                // One thread reads and evaluates, as `-j 1` means elsewhere: `--threads 1` keeps
                // the run on one core (the writer only copies finished buffers).
                pool.install(|| {
                    let spare = std::cell::Cell::new(None);
                    read_all(
                        sources,
                        jsonl,
                        docs,
                        &mut |chunk| {
                            let (tx, rx) = sync_channel::<Done>(1);
                            let _ = tx.send((process(&chunk, fmt, today, strict, 1), chunk.bytes));
                            spare.set(Some(chunk));
                            tx_done.send(rx).is_ok()
                        },
                        &mut || Chunk::reuse(spare.take()),
                    );
                });
            } else {
                let (tx_chunks, rx_chunks) = sync_channel::<Chunk>(QUEUE);
                // Evaluated chunks go back to the reader for their buffers (a full queue drops one).
                let (tx_spent, rx_spent) = sync_channel::<Chunk>(QUEUE + 2);
                s.spawn(move || {
                    read_all(
                        sources,
                        jsonl,
                        docs,
                        &mut |chunk| tx_chunks.send(chunk).is_ok(),
                        &mut || Chunk::reuse(rx_spent.try_recv().ok()),
                    );
                });
                pool.in_place_scope(|scope| {
                    for chunk in rx_chunks {
                        let (tx, rx) = sync_channel::<Done>(1);
                        if tx_done.send(rx).is_err() {
                            break;
                        }
                        let tx_spent = tx_spent.clone();
                        scope.spawn(move |_| {
                            let done = process(&chunk, fmt, today, strict, self.slices);
                            let _ = tx.send((done, chunk.bytes));
                            let _ = tx_spent.try_send(chunk);
                        });
                    }
                });
            }
            drop(tx_done);
            writer
                .join()
                .unwrap_or_else(|_| (Totals::default(), Err(io::Error::other("writer failed"))))
        })
    }
}

/// Runs `check`; returns the exit status.
pub fn run(args: &Args) -> Status {
    let mut sources: Vec<Source> = args
        .files
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Source::Stdin
            } else {
                Source::File(p.clone())
            }
        })
        .collect();
    if sources.is_empty() {
        sources.push(Source::Stdin);
    }
    let jsonl: Vec<bool> = sources.iter().map(|s| args.jsonl || is_jsonl(s)).collect();
    let stdout_terminal = io::stdout().is_terminal();
    let kind = args.format.unwrap_or(if stdout_terminal {
        Kind::Text
    } else {
        Kind::Json
    });
    let statistics = match (args.statistics, kind) {
        (false, _) => Statistics::Off,
        (true, Kind::Text) => Statistics::Text,
        (true, Kind::Json) => Statistics::Json,
        (true, other) => {
            eprintln!(
                "helix-rules: --statistics prints text or json, not {}",
                format!("{other:?}").to_lowercase()
            );
            return Status::Error;
        }
    };
    let names: Vec<String> = sources.iter().map(Source::name).collect();
    let color = kind == Kind::Text
        && statistics == Statistics::Off
        && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never;
    let fmt = Formatter {
        kind,
        statistics,
        color,
        single: sources.len() == 1 && !jsonl[0],
        names: names.clone(),
    };
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        NonZeroUsize::get,
    );
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("helix-rules: cannot start {threads} threads: {e}");
            return Status::Error;
        }
    };
    // The bar measures bytes when every input is a file of known size.
    let total: Option<u64> = sources
        .iter()
        .map(|s| match s {
            Source::Stdin => None,
            #[allow(clippy::disallowed_methods)] // the size of a file the user named
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
        })
        .sum();
    let bar = progress_bar(total);
    let today = today();
    let slices = threads * 4;
    let docs = args.chunk_docs.max(1);

    let plan = Plan {
        sources: &sources,
        jsonl: &jsonl,
        docs,
        threads,
        slices,
        today,
        strict: args.strict,
    };
    let (totals, written) = plan.run(&pool, &fmt, &names, &bar);
    match written {
        Ok(()) => {}
        // `| head` closing the pipe is the reader's choice, not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            eprintln!("helix-rules: cannot write results: {e}");
            return Status::Error;
        }
    }
    totals.status.unwrap_or(Status::Valid)
}
