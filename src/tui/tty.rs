//! Watching the terminal: input, resizes, and a terminal that went away (a dropped ssh link
//! closes the pty). crossterm spins at full CPU reading end-of-file from a closed terminal, so
//! the loop asks here first and only lets crossterm read when there is something to read.

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::time::Duration;

/// What woke the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// Bytes to read, or a resize: let crossterm read its events.
    Input,
    /// The timeout passed with nothing to read.
    Idle,
    /// The terminal is gone (hung up, closed, or at end of file).
    Gone,
}

/// The terminal's input and a pipe that SIGWINCH writes to.
pub struct TtyWatch {
    fd: RawFd,
    _tty: Option<File>,
    winch: UnixStream,
}

impl TtyWatch {
    /// Watches stdin when it is a terminal, else `/dev/tty` (where crossterm reads from too).
    pub fn new() -> std::io::Result<TtyWatch> {
        // SAFETY: isatty only inspects the descriptor.
        let stdin_is_tty = unsafe { libc::isatty(libc::STDIN_FILENO) } == 1;
        let (fd, tty) = if stdin_is_tty {
            (libc::STDIN_FILENO, None)
        } else {
            let tty = File::open("/dev/tty")?;
            (tty.as_raw_fd(), Some(tty))
        };
        let (winch, write_end) = UnixStream::pair()?;
        winch.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, write_end)?;
        Ok(TtyWatch {
            fd,
            _tty: tty,
            winch,
        })
    }

    /// Waits up to `timeout` for input, a resize, or the terminal going away.
    pub fn wait(&self, timeout: Duration) -> Wake {
        let mut fds = [
            libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.winch.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is a valid array of two pollfd for the duration of the call.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if ready <= 0 {
            // A timeout, or a signal interrupted the wait (EINTR): nothing to read yet.
            return Wake::Idle;
        }
        let tty = fds[0].revents;
        if tty & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Wake::Gone;
        }
        if fds[1].revents & libc::POLLIN != 0 {
            let mut sink = [0u8; 64];
            while matches!((&self.winch).read(&mut sink), Ok(n) if n > 0) {}
            return Wake::Input;
        }
        if tty & libc::POLLIN != 0 {
            let mut pending: libc::c_int = 0;
            // SAFETY: FIONREAD writes one c_int through the pointer.
            let ok = unsafe { libc::ioctl(self.fd, libc::FIONREAD, &mut pending) } == 0;
            // Readable with nothing to read is end of file: the terminal closed.
            return if ok && pending == 0 {
                Wake::Gone
            } else {
                Wake::Input
            };
        }
        Wake::Idle
    }
}
