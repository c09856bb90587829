fn main() -> std::process::ExitCode {
    pactum::cli::main()
}
