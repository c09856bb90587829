//! Where a book lives: the filesystem under it, who may read it, and the lock file beside it.
//!
//! A personal book is 0600 in a 0700 directory. A directory with the setgid bit is a *team*
//! directory: its files are created 0660 (SQLite gives `-wal` and `-shm` the book's mode), and
//! the group is inherited from the directory, so everyone in that group shares the book.

use super::error::{StoreError, StoreResult};
use std::ffi::CString;
use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The setgid bit on a directory: files created in it take the directory's group.
const SETGID: u32 = 0o2000;

/// How a book is opened. [`BookOptions::from_env`] is what the binary uses.
#[derive(Debug, Clone, PartialEq)]
pub struct BookOptions {
    /// How long a write waits for another session before the book is reported busy.
    pub busy_timeout: Duration,
    /// Open a book on a network filesystem anyway (WAL is unsafe there; for the brave).
    pub allow_network_fs: bool,
}

impl Default for BookOptions {
    fn default() -> Self {
        BookOptions {
            busy_timeout: Duration::from_secs(5),
            allow_network_fs: false,
        }
    }
}

impl BookOptions {
    /// The defaults, overridden by `PACTUM_BUSY_TIMEOUT_MS` and `PACTUM_ALLOW_NETWORK_FS=1`.
    pub fn from_env() -> BookOptions {
        let mut options = BookOptions::default();
        if let Some(ms) = std::env::var("PACTUM_BUSY_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            options.busy_timeout = Duration::from_millis(ms);
        }
        options.allow_network_fs = std::env::var("PACTUM_ALLOW_NETWORK_FS").is_ok_and(|v| v == "1");
        options
    }
}

/// The kind of filesystem a directory is on, from `statfs(2)`'s `f_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsKind {
    /// A local disk (or tmpfs, overlay …): WAL is safe.
    Local(&'static str),
    /// A network or cluster filesystem: WAL's shared memory and locks do not work across hosts.
    Network(&'static str),
    /// A FUSE filesystem (sshfs, rclone …, or a local one): cannot be told apart, so a warning.
    Fuse,
    /// A magic number pactum does not know; treated as local.
    Unknown(u32),
}

/// Names a filesystem magic number (`linux/magic.h`).
pub fn classify(magic: u32) -> FsKind {
    match magic {
        0x6969 => FsKind::Network("NFS"),
        0x517B => FsKind::Network("SMB"),
        0xFF53_4D42 => FsKind::Network("CIFS"),
        0xFE53_4D42 => FsKind::Network("SMB2"),
        0x0102_1997 => FsKind::Network("9p"),
        0x5346_414F | 0x6B41_4653 => FsKind::Network("AFS"),
        0x00C3_6400 => FsKind::Network("Ceph"),
        0x0BD0_0BD0 => FsKind::Network("Lustre"),
        0x0116_1970 => FsKind::Network("GFS2"),
        0x7461_636F => FsKind::Network("OCFS2"),
        0x7375_7245 => FsKind::Network("Coda"),
        0x564C => FsKind::Network("NCP"),
        0x6573_5546 => FsKind::Fuse,
        0xEF53 => FsKind::Local("ext4"),
        0x5846_5342 => FsKind::Local("xfs"),
        0x9123_683E => FsKind::Local("btrfs"),
        0x0102_1994 => FsKind::Local("tmpfs"),
        0x794C_7630 => FsKind::Local("overlay"),
        0x2FC1_2FC1 => FsKind::Local("zfs"),
        0xF2F5_2010 => FsKind::Local("f2fs"),
        0x4d44 => FsKind::Local("vfat"),
        other => FsKind::Unknown(other),
    }
}

impl std::fmt::Display for FsKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FsKind::Local(name) => write!(f, "{name} (local)"),
            FsKind::Network(name) => write!(f, "{name} (network)"),
            FsKind::Fuse => write!(f, "FUSE (sshfs or similar?)"),
            FsKind::Unknown(magic) => write!(f, "type {magic:#x} (assumed local)"),
        }
    }
}

/// The filesystem under `dir`.
pub fn fs_kind(dir: &Path) -> std::io::Result<FsKind> {
    let c_path = CString::new(dir.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::new(ErrorKind::InvalidInput, "a NUL byte in the path"))?;
    // SAFETY: an all-zero statfs is a valid value (plain integers).
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: statfs writes into the struct we own; the path is a valid C string.
    if unsafe { libc::statfs(c_path.as_ptr(), &mut st) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // f_type is a signed word whose width depends on the platform; the magic is its low 32 bits.
    Ok(classify(st.f_type as u32))
}

/// Refuses a book on a network filesystem (unless allowed), with the way out.
/// Returns a warning for FUSE, where pactum cannot tell.
pub fn check_filesystem(book: &Path, options: &BookOptions) -> StoreResult<Option<String>> {
    // A new book's directory may not exist yet: the filesystem is that of its nearest ancestor.
    let dir = directory(book);
    let existing = dir
        .ancestors()
        .find(|d| d.exists())
        .unwrap_or(Path::new("."));
    let kind = fs_kind(existing).map_err(|e| StoreError::Io(existing.to_path_buf(), e))?;
    judge_filesystem(kind, book, options)
}

fn judge_filesystem(
    kind: FsKind,
    book: &Path,
    options: &BookOptions,
) -> StoreResult<Option<String>> {
    match kind {
        FsKind::Network(name) if !options.allow_network_fs => Err(StoreError::Invalid(format!(
            "{} is on a network filesystem ({name}), where SQLite's WAL mode can corrupt the book: \
             keep the book on a local disk (--db /local/path/pactum.db) and move data with \
             pactum export / import (PACTUM_ALLOW_NETWORK_FS=1 opens it anyway, at your risk)",
            book.display()
        ))),
        FsKind::Fuse => Ok(Some(format!(
            "warning: {} is on a FUSE filesystem; if that is a network mount (sshfs …), WAL is unsafe: keep the book on a local disk",
            book.display()
        ))),
        _ => Ok(None),
    }
}

/// The directory holding `book` (`.` for a bare file name).
pub fn directory(book: &Path) -> PathBuf {
    match book.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// True when `dir` is a team directory (setgid bit set).
pub fn is_team_dir(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & SETGID != 0)
}

/// The mode of files pactum creates beside `book`: 0660 in a team directory, else 0600.
pub fn file_mode(book: &Path) -> u32 {
    if is_team_dir(&directory(book)) {
        0o660
    } else {
        0o600
    }
}

/// Creates the directory when missing — it and every missing directory above it 0700, whatever
/// the umask — and an empty book with [`file_mode`] before SQLite sees it. The mode is set
/// explicitly, so the user's umask cannot widen or narrow it.
pub fn create_book(path: &Path) -> std::io::Result<()> {
    let dir = directory(path);
    if !dir.exists() {
        use std::os::unix::fs::DirBuilderExt;
        // The mode is masked by the umask, which can only take bits away from 0700.
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)?;
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))?;
    }
    create_file(path, file_mode(path)).map(drop)
}

/// `<book><suffix>`: the `-wal` and `-shm` files SQLite keeps beside a book.
pub fn companion(book: &Path, suffix: &str) -> PathBuf {
    let mut name = book.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Refuses a writable book whose `-wal` or `-shm` is read-only (left so by a copy, an archive,
/// a chmod): SQLite would open it and then refuse every write with only "attempt to write a
/// readonly database". Said here, before SQLite opens anything, naming the file and its fix.
pub fn refuse_read_only_companions(book: &Path) -> StoreResult<()> {
    if !writable(book) {
        return Ok(());
    }
    for (suffix, what) in [
        ("-wal", "the book's -wal file"),
        ("-shm", "the book's -shm file"),
    ] {
        let path = companion(book, suffix);
        // The last session to close a book removes its -wal and -shm: a file seen here may be
        // gone a moment later, which is no refusal.
        let (Ok(false), Ok(meta)) = (write_access(&path), fs::metadata(&path)) else {
            continue;
        };
        let mode = meta.permissions().mode() & 0o7777;
        return Err(StoreError::Refused(
            path,
            format!(
                "{what} is read-only (mode {mode:04o}), so nothing could be written to the \
                 book: make it writable again (chmod u+w on it) and try again"
            ),
        ));
    }
    Ok(())
}

/// Whether the user may write `path` (as the kernel will judge it: root may write a 0444 file).
fn writable(path: &Path) -> bool {
    write_access(path).unwrap_or(false)
}

/// Whether the user may write `path` that exists; an error when it does not (or has a NUL).
fn write_access(path: &Path) -> std::io::Result<bool> {
    let c_path = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: access only reads the NUL-terminated path.
    if unsafe { libc::access(c_path.as_ptr(), libc::W_OK) } == 0 {
        return Ok(true);
    }
    match std::io::Error::last_os_error() {
        e if e.raw_os_error() == Some(libc::EACCES) || e.raw_os_error() == Some(libc::EROFS) => {
            Ok(false)
        }
        e => Err(e),
    }
}

/// The effective uid: whose files pactum may write into.
pub fn me() -> u32 {
    // SAFETY: geteuid cannot fail and has no preconditions.
    unsafe { libc::geteuid() }
}

/// True when users other than the owner may create or remove files in `dir` without being in a
/// team: it is world-writable (like /tmp), or not the user's own and writable by its group.
pub fn open_to_others(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(dir).is_ok_and(|m| {
        let mode = m.mode();
        mode & 0o002 != 0 || (mode & SETGID == 0 && mode & 0o020 != 0 && m.uid() != me())
    })
}

/// Refuses what pactum must not open or create (a book must be its owner's alone, or a team directory's): a book path that is not a
/// regular file (a link, a device, a FIFO), a new book in a directory any user may write to,
/// and a book, `-wal` or `-shm` that is not the user's own outside a team directory (or, in a
/// team directory, not in the team's group). Another user's file there could hand them every
/// page pactum writes, or feed pactum pages of their own.
pub fn guard(book: &Path) -> StoreResult<()> {
    use std::os::unix::fs::MetadataExt;
    let dir = directory(book);
    let dir_meta = fs::metadata(&dir).ok();
    let team_gid = dir_meta
        .as_ref()
        .filter(|m| m.mode() & SETGID != 0)
        .map(|m| m.gid());
    let refuse = |p: &Path, why: String| Err(StoreError::Refused(p.to_path_buf(), why));
    let book_exists = fs::symlink_metadata(book).is_ok();
    if !book_exists
        && let Some(m) = &dir_meta
        && m.mode() & 0o002 != 0
    {
        return refuse(
            &dir,
            "every user may write in this directory (like /tmp), so another could read or \
             replace a book there: keep the book in a directory of your own (the default, \
             ~/.local/share/pactum, is private), or a team directory (see the README)"
                .into(),
        );
    }
    for (path, what) in [
        (book.to_path_buf(), "the book"),
        (companion(book, "-wal"), "the book's -wal file"),
        (companion(book, "-shm"), "the book's -shm file"),
    ] {
        let meta = match fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => return Err(StoreError::Io(path, e)),
        };
        if meta.file_type().is_symlink() {
            return refuse(
                &path,
                format!(
                    "{what} is a symbolic link; pactum never opens or writes through one \
                     (remove the link, or name the real file with --db)"
                ),
            );
        }
        if meta.is_dir() && what == "the book" {
            // Said by the caller as before: a directory is not a book.
            continue;
        }
        if !meta.is_file() {
            return refuse(
                &path,
                format!(
                    "{what} is not a regular file (a device, a FIFO or a socket); pactum keeps \
                     a book only in a file of its own"
                ),
            );
        }
        match team_gid {
            Some(gid) if meta.gid() != gid => {
                return refuse(
                    &path,
                    format!(
                        "{what} is not in the team directory's group ({}): someone outside \
                         the team made it; pactum did not open it",
                        meta.gid()
                    ),
                );
            }
            None if meta.uid() != me() => {
                return refuse(
                    &path,
                    format!(
                        "{what} belongs to another user (uid {}), not to you (uid {}): \
                         pactum opens only your own files outside a team directory, so \
                         nothing of yours was written to it; run `pactum doctor`",
                        meta.uid(),
                        me()
                    ),
                );
            }
            _ => {}
        }
    }
    Ok(())
}

/// In a directory others may write to, creates the book's `-wal` and `-shm` before SQLite
/// does (exclusively, never through a link), so nobody can plant theirs between [`guard`]
/// and SQLite opening them; in a sticky directory (/tmp) nobody else can then remove them.
/// Returns the files it created, for the caller to remove if opening fails.
pub fn claim_companions(book: &Path) -> StoreResult<Vec<PathBuf>> {
    let mut created = Vec::new();
    if !open_to_others(&directory(book)) {
        return Ok(created);
    }
    for suffix in ["-wal", "-shm"] {
        let path = companion(book, suffix);
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(file_mode(book))
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
        {
            Ok(_) => created.push(path),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(StoreError::Io(path, e)),
        }
    }
    // Whatever existed before is checked again, now that nothing more can be planted.
    guard(book).map(|()| created)
}

/// Creates (or opens, never through a symlink) a file with exactly `mode`.
fn create_file(path: &Path, mode: u32) -> std::io::Result<File> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
    {
        Ok(file) => {
            file.set_permissions(fs::Permissions::from_mode(mode))?;
            Ok(file)
        }
        // Another process starting at the same moment created it first: use theirs.
        Err(e) if e.kind() == ErrorKind::AlreadyExists => OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path),
        Err(e) => Err(e),
    }
}

/// A one-line warning when a personal book can be read by others, or a team book by anyone
/// outside its group.
pub fn permission_warning(book: &Path) -> Option<String> {
    let mode = fs::metadata(book).ok()?.permissions().mode() & 0o777;
    let team = is_team_dir(&directory(book));
    let (exposed, fix) = if team {
        (mode & 0o007 != 0, format!("chmod 660 {}", book.display()))
    } else {
        (mode & 0o077 != 0, format!("chmod 600 {}", book.display()))
    };
    exposed.then(|| {
        format!(
            "warning: {} is readable by others (mode {mode:04o}): {fix}",
            book.display()
        )
    })
}

/// The lock file beside a book, `<book>.lock`, held while the book is migrated.
pub fn lock_path(book: &Path) -> PathBuf {
    let mut name = book.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// An exclusive `flock` on `<book>.lock`, released when dropped (closing the file).
pub struct MigrationLock {
    _file: File,
}

impl MigrationLock {
    /// Takes the lock, waiting up to `timeout` for another process that holds it.
    pub fn acquire(book: &Path, timeout: Duration) -> StoreResult<MigrationLock> {
        let path = lock_path(book);
        let file = create_file(&path, file_mode(book)).map_err(|e| StoreError::Io(path, e))?;
        let started = Instant::now();
        loop {
            // SAFETY: flock on a descriptor we own.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(MigrationLock { _file: file });
            }
            let err = std::io::Error::last_os_error();
            if err.kind() != ErrorKind::WouldBlock && err.kind() != ErrorKind::Interrupted {
                return Err(StoreError::Io(lock_path(book), err));
            }
            if started.elapsed() >= timeout {
                return Err(StoreError::Busy);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_on_nfs_is_refused_with_the_way_out_unless_allowed() {
        let book = Path::new("/mnt/share/pactum.db");
        let strict = BookOptions::default();
        let err = judge_filesystem(classify(0x6969), book, &strict)
            .unwrap_err()
            .to_string();
        assert!(err.contains("network filesystem (NFS)"), "{err}");
        assert!(err.contains("--db") && err.contains("export"), "{err}");
        let brave = BookOptions {
            allow_network_fs: true,
            ..strict.clone()
        };
        assert_eq!(
            judge_filesystem(classify(0x6969), book, &brave).unwrap(),
            None
        );
        let fuse = judge_filesystem(FsKind::Fuse, book, &strict).unwrap();
        assert!(fuse.is_some_and(|w| w.starts_with("warning:") && !w.contains('\n')));
        assert_eq!(
            judge_filesystem(classify(0xEF53), book, &strict).unwrap(),
            None
        );
    }
}
