//! Fills a history database with made-up conversations, for benchmarks:
//! `seed_history <path to history.sqlite3> [count, default 10000]`. The app reads the file at
//! `<data dir>/history.sqlite3` (`BEDROCK_PLAYGROUND_DATA_DIR` moves the data dir).

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), count) = (args.next(), args.next()) else {
        eprintln!("usage: seed_history <path to history.sqlite3> [count, default 10000]");
        return ExitCode::from(2);
    };
    let Ok(count) = count.as_deref().unwrap_or("10000").parse::<u32>() else {
        eprintln!("seed_history: the count must be a whole number");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let seeded = storage::Database::open(&path).and_then(|mut db| db.seed_sample_history(count));
    match seeded {
        Ok(()) => {
            println!(
                "seeded {count} conversations into {path} in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("seed_history: {error}");
            ExitCode::FAILURE
        }
    }
}
