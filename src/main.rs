fn main() {
    parkreader::start();
}
