fn main() {
    kursbro_app::start();
}
