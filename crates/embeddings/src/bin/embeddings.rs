//! `embeddings`: projections of vectors from the command line.
//!
//! ```text
//! embeddings project --method umap --input X.npy --output Y.npy [--dims 2|3] [--neighbours 15]
//!     [--min-dist 0.1] [--metric cosine|euclidean] [--seed 42] [--epochs N] [--init spectral|pca|random]
//! ```
//!
//! Input: `.npy` (`<f4` or `<f8`, n × d) or `.jsonl` (one array a line). Output: n × dims `<f4`
//! `.npy`. Progress goes to stderr. Bad input: one message naming the problem and the fix, exit 2.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use embeddings::maths::{self, KnnMethod, Matrix, Metric, UmapEvent, UmapInit, UmapParams};
use embeddings::npy;

#[derive(Parser)]
#[command(
    name = "embeddings",
    version,
    about = "Projections of embedding vectors (PCA, UMAP)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Project vectors to 2 or 3 dimensions.
    Project(ProjectArgs),
    /// Time the exact and the approximate kNN search on generated clustered unit vectors (how
    /// the exact/approximate threshold was chosen).
    #[command(hide = true)]
    KnnBench {
        #[arg(long, default_value_t = 10_000)]
        rows: usize,
        #[arg(long, default_value_t = 1024)]
        width: usize,
        #[arg(long, default_value_t = 15)]
        k: usize,
        #[arg(long)]
        skip_exact: bool,
        /// NN-descent on the full vectors (no PCA reduction).
        #[arg(long)]
        full_width: bool,
        /// Each cluster spread over this many random directions (0: isotropic noise only).
        #[arg(long, default_value_t = 0)]
        rank: usize,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Method {
    Pca,
    Umap,
}

#[derive(Clone, Copy, ValueEnum)]
enum MetricArg {
    Cosine,
    Euclidean,
}

#[derive(Clone, Copy, ValueEnum)]
enum InitArg {
    Spectral,
    Pca,
    Random,
}

#[derive(clap::Args)]
struct ProjectArgs {
    #[arg(long, value_enum)]
    method: Method,
    /// `.npy` (float32 or float64, rows × dims) or `.jsonl` (one array of numbers a line).
    #[arg(long)]
    input: PathBuf,
    /// Where to write the rows × dims float32 `.npy`.
    #[arg(long)]
    output: PathBuf,
    #[arg(long, default_value_t = 2)]
    dims: usize,
    /// UMAP neighbours, the point itself included (as umap-learn's n_neighbors).
    #[arg(long, default_value_t = 15)]
    neighbours: usize,
    #[arg(long, default_value_t = 0.1)]
    min_dist: f32,
    #[arg(long, default_value_t = 1.0)]
    spread: f32,
    #[arg(long, value_enum, default_value_t = MetricArg::Cosine)]
    metric: MetricArg,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// UMAP epochs (default: 500 up to 10,000 rows, 200 up to 50,000, 150 above).
    #[arg(long)]
    epochs: Option<usize>,
    #[arg(long, value_enum, default_value_t = InitArg::Spectral)]
    init: InitArg,
}

/// A problem with the input or the arguments: what, and how to fix it.
struct Failure {
    message: String,
    hint: String,
}

impl Failure {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl From<maths::MathsError> for Failure {
    fn from(e: maths::MathsError) -> Failure {
        Failure::new(e.message, e.hint)
    }
}

impl From<npy::NpyError> for Failure {
    fn from(e: npy::NpyError) -> Failure {
        Failure::new(e.message, e.hint)
    }
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("embeddings: internal error: {info}");
    }));
    let cli = Cli::parse();
    let started = Instant::now();
    let result = match cli.command {
        Command::Project(args) => project(&args, started),
        Command::KnnBench {
            rows,
            width,
            k,
            skip_exact,
            full_width,
            rank,
        } => {
            knn_bench(rows, width, k, skip_exact, full_width, rank);
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("embeddings: error: {}", f.message);
            eprintln!("  fix: {}", f.hint);
            ExitCode::from(2)
        }
    }
}

fn log(started: Instant, what: impl AsRef<str>) {
    eprintln!(
        "[{:7.2}s] {}",
        started.elapsed().as_secs_f64(),
        what.as_ref()
    );
}

fn project(args: &ProjectArgs, started: Instant) -> Result<(), Failure> {
    if args.dims != 2 && args.dims != 3 {
        return Err(Failure::new(
            format!("--dims {} is not supported", args.dims),
            "use --dims 2 or --dims 3",
        ));
    }
    if !args.input.exists() {
        return Err(Failure::new(
            format!("{} does not exist", args.input.display()),
            "check the --input path",
        ));
    }
    claim_output(&args.output)?;
    let result = run(args, started);
    if result.is_err() {
        let _ = std::fs::remove_file(&args.output);
    }
    result
}

/// Fails early, before any long computation, if the output cannot be written.
fn claim_output(path: &Path) -> Result<(), Failure> {
    if path.is_dir() {
        return Err(Failure::new(
            format!("--output {} is a folder", path.display()),
            "give a file path ending in .npy",
        ));
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map(drop)
        .map_err(|e| {
            Failure::new(
                format!("cannot write --output {}: {e}", path.display()),
                "choose a path in a folder that exists and that you can write to",
            )
        })
}

fn run(args: &ProjectArgs, started: Instant) -> Result<(), Failure> {
    log(started, format!("reading {}", args.input.display()));
    let data = npy::read_vectors(&args.input)?;
    let loaded = started.elapsed().as_secs_f64();
    log(started, format!("read {} × {}", data.rows(), data.cols()));
    if let Some((r, c)) = data.first_non_finite() {
        let v = data.row(r)[c];
        return Err(Failure::new(
            format!(
                "row {r}, column {c} of {} is {v}, not a finite number",
                args.input.display()
            ),
            "remove that row or replace the value (np.nan_to_num, or drop rows with np.isfinite(arr).all(1))",
        ));
    }
    if data.rows() == 0 || data.cols() == 0 {
        return Err(Failure::new(
            format!("{} holds no vectors", args.input.display()),
            "give at least 2 rows of at least 1 value",
        ));
    }
    let metric = match args.metric {
        MetricArg::Cosine => Metric::Cosine,
        MetricArg::Euclidean => Metric::Euclidean,
    };
    let out = match args.method {
        Method::Pca => {
            if data.rows() < 2 {
                return Err(Failure::new(
                    format!(
                        "{} has {} row; PCA needs at least 2",
                        args.input.display(),
                        data.rows()
                    ),
                    "give more rows",
                ));
            }
            if data.cols() < args.dims {
                return Err(Failure::new(
                    format!(
                        "the vectors have {} dimension(s), fewer than --dims {}",
                        data.cols(),
                        args.dims
                    ),
                    "use --dims 2, or vectors with more dimensions",
                ));
            }
            log(started, "stage pca");
            let p = maths::pca(&data, args.dims, args.seed)?;
            let ratios: Vec<String> = p
                .explained_variance_ratio
                .iter()
                .map(|r| format!("{r:.4}"))
                .collect();
            log(
                started,
                format!("pca done; explained variance ratio {}", ratios.join(", ")),
            );
            p.coords
        }
        Method::Umap => {
            if data.rows() < args.neighbours + 1 {
                return Err(Failure::new(
                    format!(
                        "{} rows are too few for --neighbours {}",
                        data.rows(),
                        args.neighbours
                    ),
                    format!(
                        "give at least {} rows, or lower --neighbours",
                        args.neighbours + 1
                    ),
                ));
            }
            let params = UmapParams {
                dims: args.dims,
                n_neighbours: args.neighbours,
                min_dist: args.min_dist,
                spread: args.spread,
                metric,
                seed: args.seed,
                n_epochs: args.epochs,
                init: match args.init {
                    InitArg::Spectral => UmapInit::Spectral,
                    InitArg::Pca => UmapInit::Pca,
                    InitArg::Random => UmapInit::Random,
                },
            };
            let mut last_stage = "";
            let mut first_layout = true;
            maths::umap(&data, &params, &mut |event| {
                match event {
                    UmapEvent::Stage(s) if s != last_stage => {
                        last_stage = s;
                        log(started, format!("stage {s}"));
                    }
                    UmapEvent::Stage(_) => {}
                    UmapEvent::Layout {
                        epoch: 0, n_epochs, ..
                    } => {
                        let t = started.elapsed().as_secs_f64();
                        if first_layout {
                            first_layout = false;
                            log(started, format!("layout epoch 0/{n_epochs} (first layout)"));
                            eprintln!(
                                "first-layout-seconds: {t:.3} (since start; {:.3} after reading the input)",
                                t - loaded
                            );
                        } else {
                            log(
                                started,
                                format!("layout epoch 0/{n_epochs} (spectral initialisation)"),
                            );
                        }
                    }
                    UmapEvent::Layout {
                        epoch, n_epochs, ..
                    } => log(started, format!("layout epoch {epoch}/{n_epochs}")),
                }
                ControlFlow::Continue(())
            })?
        }
    };
    npy::write_npy(&args.output, &out)?;
    log(
        started,
        format!(
            "wrote {} ({} × {})",
            args.output.display(),
            out.rows(),
            out.cols()
        ),
    );
    eprintln!("total-seconds: {:.3}", started.elapsed().as_secs_f64());
    Ok(())
}

/// Generated unit vectors in 20 Gaussian clusters; times and recall of both searches.
fn knn_bench(rows: usize, width: usize, k: usize, skip_exact: bool, full_width: bool, rank: usize) {
    use rand::SeedableRng;
    use rand::distributions::Distribution;
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(7);
    let normal = rand::distributions::Uniform::new(-1.0f32, 1.0);
    let centres: Vec<f32> = (0..20 * width).map(|_| normal.sample(&mut rng)).collect();
    let bases: Vec<f32> = (0..20 * rank * width)
        .map(|_| normal.sample(&mut rng))
        .collect();
    let noise = if rank == 0 { 0.6 } else { 0.05 };
    let mut data = Vec::with_capacity(rows * width);
    for i in 0..rows {
        let c = &centres[(i % 20) * width..(i % 20 + 1) * width];
        let mut row: Vec<f32> = c
            .iter()
            .map(|&x| x + noise * normal.sample(&mut rng))
            .collect();
        for r in 0..rank {
            let g = normal.sample(&mut rng) * 0.5;
            let at = ((i % 20) * rank + r) * width;
            row.iter_mut()
                .zip(&bases[at..at + width])
                .for_each(|(v, b)| *v += g * b);
        }
        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
        data.extend(row.iter().map(|x| x / norm));
    }
    let Ok(m) = Matrix::new(rows, width, data) else {
        return;
    };
    let t = Instant::now();
    let method = if full_width {
        KnnMethod::ApproximateFullWidth
    } else {
        KnnMethod::Approximate
    };
    let approx = maths::knn_graph_with(&m, k, Metric::Cosine, 1, method, &|| false);
    let ta = t.elapsed().as_secs_f64();
    eprintln!("approximate: {ta:.3} s");
    if skip_exact {
        return;
    }
    let t = Instant::now();
    let exact = maths::knn_graph_with(&m, k, Metric::Cosine, 1, KnnMethod::Exact, &|| false);
    let te = t.elapsed().as_secs_f64();
    if let (Ok(a), Ok(e)) = (approx, exact) {
        let (_, recall) = maths::neighbour_overlap(&a, &e, k);
        eprintln!(
            "rows {rows} width {width} k {k}: exact {te:.3} s, approximate {ta:.3} s, recall {recall:.4}"
        );
    }
}
