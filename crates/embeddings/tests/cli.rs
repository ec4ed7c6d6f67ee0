//! The `embeddings` CLI: a good run, and every kind of bad input (one message, exit code 2).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use embeddings::maths::Matrix;
use embeddings::npy::{read_npy, write_npy};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embeddings"))
        .args(args)
        .output()
        .expect("runs the CLI")
}

fn blobs(n: usize, d: usize) -> Matrix {
    let v = (0..n * d)
        .map(|k| {
            let (i, j) = (k / d, k % d);
            let centre = if (i % 3) == j % 3 { 5.0 } else { 0.0 };
            centre + ((k as f32 * 12.9898).sin() * 43_758.547).fract() * 0.5
        })
        .collect();
    Matrix::new(n, d, v).unwrap()
}

fn save(dir: &Path, name: &str, m: &Matrix) -> PathBuf {
    let p = dir.join(name);
    write_npy(&p, m).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Exit code 2, one clear message naming `what`, no panic or backtrace.
fn refused(out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains(what), "wanted {what:?} in: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn projects_with_pca_and_umap_and_writes_the_shape() {
    let dir = tempfile::tempdir().unwrap();
    let input = save(dir.path(), "x.npy", &blobs(120, 8));
    let out = dir.path().join("y.npy");
    let o = run(&[
        "project",
        "--method",
        "pca",
        "--input",
        s(&input),
        "--output",
        s(&out),
        "--dims",
        "3",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let y = read_npy(&out).unwrap();
    assert_eq!((y.rows(), y.cols()), (120, 3));

    let jsonl = dir.path().join("x.jsonl");
    let text: String = (0..blobs(120, 8).rows())
        .map(|i| format!("{:?}\n", blobs(120, 8).row(i)))
        .collect();
    std::fs::write(&jsonl, text).unwrap();
    let o = run(&[
        "project",
        "--method",
        "umap",
        "--input",
        s(&jsonl),
        "--output",
        s(&out),
        "--neighbours",
        "8",
        "--metric",
        "euclidean",
        "--seed",
        "3",
        "--min-dist",
        "0.2",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("stage neighbours") && err.contains("first-layout-seconds:"),
        "{err}"
    );
    let y = read_npy(&out).unwrap();
    assert_eq!((y.rows(), y.cols()), (120, 2));
    assert!(y.as_slice().iter().all(|v| v.is_finite()));
}

#[test]
fn bad_inputs_get_one_message_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let good = save(dir.path(), "good.npy", &blobs(40, 4));
    let out = dir.path().join("out.npy");
    let o = s(&out);

    refused(
        &run(&[
            "project",
            "--method",
            "umap",
            "--input",
            "/nonexistent/x.npy",
            "--output",
            o,
        ]),
        "does not exist",
    );

    let mut v = blobs(10, 4).into_vec();
    v[3 * 4 + 1] = f32::NAN;
    let nan = save(dir.path(), "nan.npy", &Matrix::new(10, 4, v).unwrap());
    refused(
        &run(&[
            "project",
            "--method",
            "pca",
            "--input",
            s(&nan),
            "--output",
            o,
        ]),
        "row 3, column 1",
    );
    let mut v = blobs(10, 4).into_vec();
    v[7 * 4 + 2] = f32::INFINITY;
    let inf = save(dir.path(), "inf.npy", &Matrix::new(10, 4, v).unwrap());
    refused(
        &run(&[
            "project",
            "--method",
            "umap",
            "--input",
            s(&inf),
            "--output",
            o,
        ]),
        "row 7, column 2",
    );

    let ragged = dir.path().join("ragged.jsonl");
    std::fs::write(&ragged, "[1, 2, 3]\n[1, 2, 3]\n[1, 2]\n").unwrap();
    refused(
        &run(&[
            "project",
            "--method",
            "pca",
            "--input",
            s(&ragged),
            "--output",
            o,
        ]),
        "line 3",
    );

    refused(
        &run(&[
            "project",
            "--method",
            "umap",
            "--input",
            s(&good),
            "--output",
            o,
            "--neighbours",
            "40",
        ]),
        "too few",
    );

    let mut int = b"\x93NUMPY\x01\x00".to_vec();
    let mut header = "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }".to_string();
    while !(10 + header.len() + 1).is_multiple_of(64) {
        header.push(' ');
    }
    header.push('\n');
    int.extend((header.len() as u16).to_le_bytes());
    int.extend(header.as_bytes());
    int.extend([0u8; 32]);
    let int_path = dir.path().join("int.npy");
    std::fs::write(&int_path, int).unwrap();
    let r = run(&[
        "project",
        "--method",
        "pca",
        "--input",
        s(&int_path),
        "--output",
        o,
    ]);
    refused(&r, "<i8");
    refused(&r, "astype('float32')");

    refused(
        &run(&[
            "project",
            "--method",
            "pca",
            "--input",
            s(&good),
            "--output",
            o,
            "--dims",
            "4",
        ]),
        "--dims 2 or --dims 3",
    );
    refused(
        &run(&[
            "project",
            "--method",
            "pca",
            "--input",
            s(&good),
            "--output",
            "/nonexistent/dir/y.npy",
        ]),
        "cannot write",
    );
    refused(
        &run(&[
            "project",
            "--method",
            "pca",
            "--input",
            s(&good),
            "--output",
            s(dir.path()),
        ]),
        "is a folder",
    );
    let r = run(&[
        "project",
        "--method",
        "tsne",
        "--input",
        s(&good),
        "--output",
        o,
    ]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        !out.exists()
            || std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0) == 0
            || read_npy(&out).is_ok()
    );
}
