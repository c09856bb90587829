//! Files pactum reads or writes whole. Reads (imports) take regular files only, up to a bound.
//! Writes (exports, calendars, backups) are staged in a temporary file beside the target, then
//! renamed over it, so a reader sees the old file or the new one, never half.
//!
//! The temporary file's name cannot be guessed, and it is created exclusively and never through
//! a symbolic link, so nobody else's file (planted under that name, or linked there) is written
//! or handed the contents; two writers of one target never share it; and it is removed when
//! the write fails.

use std::collections::hash_map::RandomState;
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, ErrorKind};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Names tried before giving up (each is 64 random bits: a clash means someone is guessing).
const TRIES: usize = 16;

/// A temporary file beside `target`, removed on drop unless [`Staged::commit`] renamed it.
#[derive(Debug)]
pub struct Staged {
    path: PathBuf,
    target: PathBuf,
    file: File,
    committed: bool,
}

impl Staged {
    /// Creates `.<target name>.<random>.partial` in the target's directory with exactly `mode`
    /// (whatever the umask).
    pub fn beside(target: &Path, mode: u32) -> io::Result<Staged> {
        let dir = directory(target);
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "pactum".into());
        let mut last = None;
        for _ in 0..TRIES {
            let path = dir.join(format!(".{name}.{:016x}.partial", random()));
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(mode)
                .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(&path)
            {
                Ok(file) => {
                    let staged = Staged {
                        path,
                        target: target.to_path_buf(),
                        file,
                        committed: false,
                    };
                    staged
                        .file
                        .set_permissions(fs::Permissions::from_mode(mode))?;
                    return Ok(staged);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
    }

    /// The temporary file's path (for a writer that opens it by name, such as SQLite).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary file, open for writing.
    pub fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Makes the contents durable and gives them the target's name, replacing what had it.
    pub fn commit(self) -> io::Result<()> {
        self.finish(true)
    }

    /// As [`Staged::commit`], but fails (and removes the temporary file) when the target
    /// exists, even if it appeared a moment ago.
    pub fn commit_new(self) -> io::Result<()> {
        self.finish(false)
    }

    fn finish(mut self, replace: bool) -> io::Result<()> {
        self.file.sync_all()?;
        if replace {
            fs::rename(&self.path, &self.target)?;
        } else {
            // A hard link never replaces an existing name; the temporary name then goes.
            match fs::hard_link(&self.path, &self.target) {
                Ok(()) => {
                    let _ = fs::remove_file(&self.path);
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => return Err(e),
                // A filesystem without hard links (FAT, some FUSE): check, then rename.
                Err(_) if fs::symlink_metadata(&self.target).is_ok() => {
                    return Err(ErrorKind::AlreadyExists.into());
                }
                Err(_) => fs::rename(&self.path, &self.target)?,
            }
        }
        self.committed = true;
        // Makes the rename durable. Best effort: some filesystems cannot fsync a directory.
        if let Ok(dir) = File::open(directory(&self.target)) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Writes `bytes` to `target` through a [`Staged`] file of `mode`.
pub fn write_whole(target: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    use std::io::Write;
    let mut staged = Staged::beside(target, mode)?;
    staged.file().write_all(bytes)?;
    staged.commit()
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadRefused {
    /// A device, FIFO, socket or directory: it may never end, or block forever.
    NotRegular(&'static str),
    /// Larger than the bound, in bytes.
    TooLarge(u64),
    Io(io::Error),
}

impl std::fmt::Display for ReadRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadRefused::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadRefused::TooLarge(max) => write!(f, "it is larger than {} MB", max / MB),
            ReadRefused::Io(e) => write!(f, "{e}"),
        }
    }
}

/// A megabyte, as the limits are given.
pub const MB: u64 = 1024 * 1024;

/// Reads a regular file of at most `max` bytes. Opened without blocking (a FIFO would wait for
/// a writer forever) and checked on the open file, then read with the bound, so a file that
/// grows meanwhile is still cut off.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadRefused> {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(ReadRefused::Io)?;
    let meta = file.metadata().map_err(ReadRefused::Io)?;
    let kind = meta.file_type();
    let what = if kind.is_dir() {
        Some("a directory")
    } else if kind.is_fifo() {
        Some("a FIFO")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        None
    };
    if let Some(what) = what {
        return Err(ReadRefused::NotRegular(what));
    }
    if meta.len() > max {
        return Err(ReadRefused::TooLarge(max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadRefused::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadRefused::TooLarge(max));
    }
    Ok(bytes)
}

/// The directory a file is in (`.` for a bare name).
fn directory(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// 64 bits no other process can predict: std's hasher keys are drawn from the OS at random.
pub(crate) fn random() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_staged_file_is_new_and_gone_unless_committed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        let a = Staged::beside(&target, 0o600).unwrap();
        let b = Staged::beside(&target, 0o600).unwrap();
        assert_ne!(
            a.path(),
            b.path(),
            "two writers of one target never share a file"
        );
        let mode = fs::metadata(a.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let (pa, pb) = (a.path().to_path_buf(), b.path().to_path_buf());
        drop(a);
        assert!(!pa.exists(), "removed when not committed");
        b.commit().unwrap();
        assert!(!pb.exists() && target.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn reads_only_regular_files_within_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small.csv");
        fs::write(&small, "name\nAcme\n").unwrap();
        assert_eq!(read_bounded(&small, 10).unwrap(), b"name\nAcme\n");
        assert!(matches!(
            read_bounded(&small, 9),
            Err(ReadRefused::TooLarge(9))
        ));
        assert!(matches!(
            read_bounded(dir.path(), MB),
            Err(ReadRefused::NotRegular("a directory"))
        ));
        let zero = read_bounded(Path::new("/dev/zero"), MB).unwrap_err();
        assert_eq!(zero.to_string(), "it is a device, not a regular file");
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), "x").unwrap();
        assert!(write_whole(&target, b"data", 0o600).is_err());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the directory"
        );
    }

    #[test]
    fn commit_new_never_replaces_a_file_that_appeared_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("backup.db");
        let mut staged = Staged::beside(&target, 0o600).unwrap();
        std::io::Write::write_all(staged.file(), b"new").unwrap();
        fs::write(&target, "theirs").unwrap();
        let e = staged.commit_new().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
