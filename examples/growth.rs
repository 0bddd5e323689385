//! How a command's time grows from one catalogue to a larger one, measured in interleaved
//! rounds: each round runs the small command K times, then the large one once, so that both
//! see the same machine state (frequency, page cache, neighbours). Timing the two sizes in
//! separate batches lets a drift between the batches move the ratio by several per cent.
//!
//! Usage: cargo run --release --example growth -- ROUNDS K SMALL-COMMAND... -- LARGE-COMMAND...
//!
//! Prints the median seconds of each, then their ratio: `small large ratio`. Output of the
//! commands is discarded; a command that cannot start is an error (status 2).

use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

fn time(command: &[String]) -> Result<f64, String> {
    let start = Instant::now();
    Command::new(&command[0])
        .args(&command[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("{}: {e}", command[0]))?;
    Ok(start.elapsed().as_secs_f64())
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let usage = "usage: growth ROUNDS K SMALL-COMMAND... -- LARGE-COMMAND...";
    let number = |s: Option<&String>| -> Result<usize, String> {
        s.and_then(|s| s.parse().ok())
            .filter(|&n| n > 0)
            .ok_or_else(|| usage.to_string())
    };
    let (rounds, k) = (number(args.first())?, number(args.get(1))?);
    let rest = args.get(2..).unwrap_or_default();
    let split = rest.iter().position(|a| a == "--").ok_or(usage)?;
    let (small, large) = (&rest[..split], &rest[split + 1..]);
    if small.is_empty() || large.is_empty() {
        return Err(usage.into());
    }
    let (mut small_times, mut large_times) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        for _ in 0..k {
            small_times.push(time(small)?);
        }
        large_times.push(time(large)?);
    }
    let (s, l) = (median(small_times), median(large_times));
    Ok(format!("{s:.6} {l:.6} {:.2}", l / s))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("growth: {e}");
            ExitCode::from(2)
        }
    }
}
