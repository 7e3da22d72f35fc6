fn main() {
    #[cfg(feature = "csr")]
    parkreader::start();
}
