//! ecosys: who do I ask about X?
//!
//! On Linux with glibc the program starts at C's `main`, not through Rust's start-up
//! (`lang_start`): besides what ecosys needs of it, that start-up reads `/proc/self/maps` to
//! find the main thread's stack guard and maps a signal stack, for its stack-overflow message
//! (19 system calls, about a seventh of `/bin/true`'s run on every command). What ecosys relies
//! on is done here as Rust's start-up does it; the arguments are std's as ever (glibc hands
//! them to std's own initialiser). What is not done: a stack overflow is a plain SIGSEGV
//! rather than a message first, and a panic names its thread `<unnamed>`, not `main`.
//! Elsewhere (and in the test harness), Rust's `main`.

#![cfg_attr(all(target_os = "linux", target_env = "gnu", not(test)), no_main)]

use ecosys::app;

#[cfg(not(all(target_os = "linux", target_env = "gnu", not(test))))]
fn main() -> std::process::ExitCode {
    app::run().unwrap_or_else(app::report).into()
}

#[cfg(all(target_os = "linux", target_env = "gnu", not(test)))]
mod start {
    use std::ffi::{c_char, c_int};
    use std::io::Write;

    use super::app;

    /// The status of a run that panicked, as Rust's start-up gives it.
    const PANICKED: c_int = 101;

    // SAFETY: this is C's `main`, the one symbol of that name (`no_main` above leaves it to
    // us), called once by glibc's start-up, on the main thread, with the C signature.
    #[unsafe(no_mangle)]
    extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
        open_standard_fds();
        ignore_sigpipe();
        map_large_allocations();
        let run = std::panic::catch_unwind(|| app::run().unwrap_or_else(app::report));
        // Rust's start-up flushes standard output at exit too (every command already has).
        let _ = std::io::stdout().flush();
        run.map_or(PANICKED, |outcome| c_int::from(outcome.code()))
    }

    /// Allocations of 128 KiB and more get pages of their own (glibc's default, which it
    /// raises, up to 32 MiB, each time such a block is freed): a list that grows by doubling
    /// then moves by remapping its pages, not by copying them into new ones and leaving the
    /// old ones in the heap, and a freed block goes back to the system.
    fn map_large_allocations() {
        // SAFETY: mallopt only sets a parameter of the allocator, before any thread starts.
        unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024) };
    }

    /// A closed pipe is a write error (EPIPE) that the run's status accounts for, not a
    /// signal that kills it: SIGPIPE is ignored, as Rust's start-up has it.
    fn ignore_sigpipe() {
        // SAFETY: setting a signal's disposition to SIG_IGN has no precondition; no handler
        // runs.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    }

    /// Standard input, output or error closed at start (`ecosys list >&-`) is opened on
    /// `/dev/null`, as Rust's start-up does: the output vanishes, the status stays, and no
    /// file the run opens can take fd 1.
    fn open_standard_fds() {
        let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        });
        // SAFETY: `fds` is an array of three `pollfd`s, alive for the call; a zero timeout.
        let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) } != -1;
        for pfd in fds {
            // Without poll's answer (a low limit on open files, say), F_GETFD tells.
            let closed = if polled {
                pfd.revents & libc::POLLNVAL != 0
            } else {
                // SAFETY: F_GETFD only reads the descriptor's flags.
                let flags = unsafe { libc::fcntl(pfd.fd, libc::F_GETFD) };
                flags == -1
            };
            // The lowest free descriptor is the closed one: open gives it that number.
            // SAFETY: a NUL-terminated path and plain flags.
            if closed && unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) } == -1 {
                // As Rust's start-up does: the standard streams must be descriptors.
                std::process::abort();
            }
        }
    }
}
