fn main() -> std::process::ExitCode {
    // glibc gives heap memory back to the system whenever the top of the heap frees 128 KiB, and
    // takes it again on the next allocation: SQLite's page cache during a long import made that
    // hundreds of thousands of system calls (2.6 s of 4 s). Keep up to 64 MiB instead.
    // SAFETY: mallopt only changes the allocator's tuning; called before any other thread runs.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20);
    }
    pactum::cli::main()
}
