// The bundled knowledge bases are embedded with include_dir, which cargo does not track by itself.
fn main() {
    println!("cargo:rerun-if-changed=knowledge-bases");
}
