pub fn run(_: &crate::cli::Context) -> Result<(), String> {
    Ok(())
}
