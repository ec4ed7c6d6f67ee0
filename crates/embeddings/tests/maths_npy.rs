//! .npy and JSON Lines in and out.

use std::io::Write;
use std::path::Path;

use embeddings::maths::Matrix;
use embeddings::npy::{read_npy, read_vectors, write_npy};

/// An .npy file with the given header dict and raw data bytes, format `major`.
fn npy_bytes(major: u8, dict: &str, data: &[u8]) -> Vec<u8> {
    let mut header = dict.to_string();
    let pre = if major == 1 { 10 } else { 12 };
    while !(pre + header.len() + 1).is_multiple_of(64) {
        header.push(' ');
    }
    header.push('\n');
    let mut out = b"\x93NUMPY".to_vec();
    out.extend([major, 0]);
    if major == 1 {
        out.extend((header.len() as u16).to_le_bytes());
    } else {
        out.extend((header.len() as u32).to_le_bytes());
    }
    out.extend(header.as_bytes());
    out.extend(data);
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
    p
}

#[test]
fn f32_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let m = Matrix::new(3, 4, (0..12).map(|v| v as f32 * 0.5 - 2.0).collect()).unwrap();
    let p = dir.path().join("m.npy");
    write_npy(&p, &m).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    assert_eq!(&bytes[..8], b"\x93NUMPY\x01\x00");
    let header_len = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
    assert_eq!((10 + header_len) % 64, 0);
    assert_eq!(read_npy(&p).unwrap(), m);
    assert_eq!(read_vectors(&p).unwrap(), m);
}

#[test]
fn reads_f64_and_version_2_and_3_headers() {
    let dir = tempfile::tempdir().unwrap();
    let vals = [1.5f64, -2.25, 3.0, 1e-3, 0.0, 7.0];
    let data: Vec<u8> = vals.iter().flat_map(|v| v.to_le_bytes()).collect();
    let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    for major in [1u8, 2, 3] {
        let p = write(
            dir.path(),
            &format!("v{major}.npy"),
            &npy_bytes(major, dict, &data),
        );
        let m = read_npy(&p).unwrap();
        assert_eq!((m.rows(), m.cols()), (2, 3));
        assert_eq!(m.as_slice(), &vals.map(|v| v as f32));
    }
}

#[test]
fn refuses_other_dtypes_orders_and_shapes_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let four = [0u8; 16];
    let cases = [
        (
            "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 2), }",
            "big-endian",
            "astype('<f4')",
        ),
        (
            "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }",
            "<i4",
            "astype('float32')",
        ),
        (
            "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }",
            "Fortran",
            "ascontiguousarray",
        ),
        (
            "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
            "shape (4,)",
            "reshape",
        ),
        (
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }",
            "truncated",
            "np.save",
        ),
    ];
    for (i, (dict, what, fix)) in cases.iter().enumerate() {
        let p = write(dir.path(), &format!("c{i}.npy"), &npy_bytes(1, dict, &four));
        let e = read_npy(&p).unwrap_err();
        assert!(e.message.contains(what), "{e}");
        assert!(e.hint.contains(fix), "{e}");
    }
    let e = read_npy(&write(dir.path(), "junk.npy", b"not numpy at all")).unwrap_err();
    assert!(e.message.contains("not a NumPy"), "{e}");
    let e = read_npy(&dir.path().join("missing.npy")).unwrap_err();
    assert!(e.message.contains("cannot open"), "{e}");
}

#[test]
fn json_lines_rows_and_ragged_rows() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "ok.jsonl", b"[1, 2.5, 3]\n\n[4, 5, 6e-1]\n");
    let m = read_vectors(&p).unwrap();
    assert_eq!((m.rows(), m.cols()), (2, 3));
    assert_eq!(m.row(1), &[4.0, 5.0, 0.6]);
    let p = write(dir.path(), "ragged.jsonl", b"[1, 2]\n[3, 4]\n[5]\n");
    let e = read_vectors(&p).unwrap_err();
    assert!(
        e.message.contains("line 3") && e.message.contains("ragged"),
        "{e}"
    );
    let p = write(dir.path(), "text.jsonl", b"[1, 2]\n{\"a\": 1}\n");
    assert!(read_vectors(&p).unwrap_err().message.contains("line 2"));
    let p = write(dir.path(), "x.csv", b"1,2\n");
    assert!(
        read_vectors(&p)
            .unwrap_err()
            .message
            .contains("unknown file type")
    );
}
