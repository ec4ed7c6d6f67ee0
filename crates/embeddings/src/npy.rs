//! Vectors in and out: NumPy `.npy` files (read: format versions 1–3, `<f4` or `<f8`, C order;
//! write: `<f4`, version 1) and JSON Lines of arrays (one vector a line).
//!
//! A small reader of our own rather than a crate: it streams the data straight into the `f32`
//! matrix (an `<f8` file is never held twice in memory) and every refusal can say exactly what to
//! run in NumPy to fix the file.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use crate::maths::Matrix;

/// Why vectors could not be read or written, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpyError {
    pub message: String,
    pub hint: String,
}

impl NpyError {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> NpyError {
        NpyError {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for NpyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message, self.hint)
    }
}

impl std::error::Error for NpyError {}

const MAGIC: &[u8] = b"\x93NUMPY";

/// Reads `.npy` or `.jsonl`/`.ndjson`/`.json` by the file's extension.
pub fn read_vectors(path: &Path) -> Result<Matrix, NpyError> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("npy") => read_npy(path),
        Some("jsonl" | "ndjson" | "json") => read_jsonl(path),
        _ => Err(NpyError::new(
            format!("{}: unknown file type", path.display()),
            "give a NumPy .npy file (np.save) or JSON Lines (.jsonl, one array of numbers a line)",
        )),
    }
}

fn open(path: &Path) -> Result<File, NpyError> {
    File::open(path).map_err(|e| {
        NpyError::new(
            format!("cannot open {}: {e}", path.display()),
            "check the path and that the file is readable",
        )
    })
}

/// The element type of an `.npy` file that we can read.
#[derive(Clone, Copy)]
enum Dtype {
    F4,
    F8,
}

/// Reads a 2-D `<f4` or `<f8` C-order `.npy` file as `f32` rows.
pub fn read_npy(path: &Path) -> Result<Matrix, NpyError> {
    let file = open(path)?;
    let file_len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut r = BufReader::with_capacity(1 << 20, file);
    let name = path.display().to_string();
    let bad = |what: &str| {
        NpyError::new(
            format!("{name} is not a NumPy .npy file ({what})"),
            "write it with np.save(path, arr)",
        )
    };
    let mut head = [0u8; 8];
    r.read_exact(&mut head).map_err(|_| bad("too short"))?;
    if &head[..6] != MAGIC {
        return Err(bad("no .npy magic string"));
    }
    let major = head[6];
    let header_len = match major {
        1 => {
            let mut b = [0u8; 2];
            r.read_exact(&mut b).map_err(|_| bad("truncated header"))?;
            usize::from(u16::from_le_bytes(b))
        }
        2 | 3 => {
            let mut b = [0u8; 4];
            r.read_exact(&mut b).map_err(|_| bad("truncated header"))?;
            u32::from_le_bytes(b) as usize
        }
        v => {
            return Err(NpyError::new(
                format!("{name}: .npy format version {v} is not supported"),
                "save it with a current NumPy (format versions 1 to 3)",
            ));
        }
    };
    if header_len > 1 << 20 {
        return Err(bad("header too long"));
    }
    let mut header = vec![0u8; header_len];
    r.read_exact(&mut header)
        .map_err(|_| bad("truncated header"))?;
    let header = String::from_utf8_lossy(&header).to_string();
    let descr = dict_value(&header, "descr").ok_or_else(|| bad("no descr in the header"))?;
    let descr = descr.trim_matches(|c| c == '\'' || c == '"').to_string();
    let fortran = dict_value(&header, "fortran_order")
        .ok_or_else(|| bad("no fortran_order in the header"))?;
    let shape = dict_value(&header, "shape").ok_or_else(|| bad("no shape in the header"))?;
    let dtype = match descr.as_str() {
        "<f4" => Dtype::F4,
        "<f8" => Dtype::F8,
        ">f4" | ">f8" => {
            return Err(NpyError::new(
                format!("{name} holds big-endian floats ({descr})"),
                "convert it in NumPy: np.save(path, arr.astype('<f4'))",
            ));
        }
        other => {
            return Err(NpyError::new(
                format!("{name} holds {other} values, not floats"),
                "convert it in NumPy: np.save(path, arr.astype('float32'))",
            ));
        }
    };
    if fortran.trim() != "False" {
        return Err(NpyError::new(
            format!("{name} is in Fortran (column-major) order"),
            "convert it in NumPy: np.save(path, np.ascontiguousarray(arr))",
        ));
    }
    let dims: Vec<usize> = shape
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches('L').parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad("unreadable shape"))?;
    let (rows, cols) = match dims.as_slice() {
        [n, d] => (*n, *d),
        other => {
            return Err(NpyError::new(
                format!(
                    "{name} has shape {shape}: {} dimension(s), not 2",
                    other.len()
                ),
                "save a 2-D array, one vector a row: arr.reshape(len(arr), -1)",
            ));
        }
    };
    let width = match dtype {
        Dtype::F4 => 4,
        Dtype::F8 => 8,
    };
    let offset = 6 + 2 + if major == 1 { 2 } else { 4 } + header_len as u64;
    let values = rows
        .checked_mul(cols)
        .ok_or_else(|| bad("shape too large"))?;
    let expected = offset + values as u64 * width;
    if file_len < expected {
        return Err(NpyError::new(
            format!("{name} is truncated: {file_len} bytes, the header promises {expected}"),
            "write the file again with np.save",
        ));
    }
    let mut data = Vec::with_capacity(values);
    let mut buf = vec![0u8; (1 << 20) * width as usize];
    let mut left = values;
    while left > 0 {
        let take = left.min(1 << 20);
        let bytes = &mut buf[..take * width as usize];
        r.read_exact(bytes)
            .map_err(|e| NpyError::new(format!("cannot read {name}: {e}"), "check the file"))?;
        match dtype {
            Dtype::F4 => data.extend(
                bytes
                    .chunks_exact(4)
                    .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            ),
            Dtype::F8 => data.extend(bytes.chunks_exact(8).map(|b| {
                f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]) as f32
            })),
        }
        left -= take;
    }
    Matrix::new(rows, cols, data).map_err(|e| NpyError::new(e.message, e.hint))
}

/// The text of `key`'s value in a NumPy header dict (`{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`).
fn dict_value<'h>(header: &'h str, key: &str) -> Option<&'h str> {
    let at = header
        .find(&format!("'{key}'"))
        .or_else(|| header.find(&format!("\"{key}\"")))?;
    let rest = &header[at + key.len() + 2..];
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    if rest.starts_with('(') {
        let end = rest.find(')')?;
        Some(&rest[..=end])
    } else {
        let end = rest.find([',', '}']).unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
}

/// Writes `m` as a `<f4` C-order `.npy` file (format version 1).
pub fn write_npy(path: &Path, m: &Matrix) -> Result<(), NpyError> {
    let fail = |e: std::io::Error| {
        NpyError::new(
            format!("cannot write {}: {e}", path.display()),
            "choose an output path in a folder that exists and that you can write to",
        )
    };
    let file = File::create(path).map_err(fail)?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut header = format!(
        "{{'descr': '<f4', 'fortran_order': False, 'shape': ({}, {}), }}",
        m.rows(),
        m.cols()
    );
    // Pad so the data starts on a 64-byte boundary, ending the header with a newline.
    let total = 10 + header.len() + 1;
    header.push_str(&" ".repeat((64 - total % 64) % 64));
    header.push('\n');
    w.write_all(MAGIC).map_err(fail)?;
    w.write_all(&[1, 0]).map_err(fail)?;
    w.write_all(&(header.len() as u16).to_le_bytes())
        .map_err(fail)?;
    w.write_all(header.as_bytes()).map_err(fail)?;
    for chunk in m.as_slice().chunks(1 << 16) {
        let bytes: Vec<u8> = chunk.iter().flat_map(|v| v.to_le_bytes()).collect();
        w.write_all(&bytes).map_err(fail)?;
    }
    w.flush().map_err(fail)
}

/// Reads JSON Lines, one array of numbers a line (blank lines skipped); every row must have the
/// first row's length.
pub fn read_jsonl(path: &Path) -> Result<Matrix, NpyError> {
    let r = BufReader::with_capacity(1 << 20, open(path)?);
    let name = path.display().to_string();
    let mut data: Vec<f32> = Vec::new();
    let mut cols: Option<usize> = None;
    let mut rows = 0usize;
    for (n, line) in r.lines().enumerate() {
        let line_no = n + 1;
        let line = line.map_err(|e| {
            NpyError::new(
                format!("{name}: cannot read line {line_no}: {e}"),
                "save the file as UTF-8 text",
            )
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let row: Vec<f64> = serde_json::from_str(&line).map_err(|_| {
            NpyError::new(
                format!("{name}, line {line_no}: not a JSON array of numbers"),
                "write one array of numbers a line, like [0.1, -0.2, 0.3] (JSON has no NaN or Infinity)",
            )
        })?;
        match cols {
            None => cols = Some(row.len()),
            Some(c) if c != row.len() => {
                return Err(NpyError::new(
                    format!(
                        "{name}, line {line_no}: {} values, but the first row has {c} (ragged rows)",
                        row.len()
                    ),
                    "give every vector the same number of values",
                ));
            }
            Some(_) => {}
        }
        data.extend(row.iter().map(|&v| v as f32));
        rows += 1;
    }
    let cols = cols.unwrap_or(0);
    if rows == 0 || cols == 0 {
        return Err(NpyError::new(
            format!("{name} holds no vectors"),
            "write one array of numbers a line",
        ));
    }
    Matrix::new(rows, cols, data).map_err(|e| NpyError::new(e.message, e.hint))
}
