//! Reading a file the user named (a preset, an MNIST file): regular files only, never blocking.
//!
//! A named pipe (FIFO) blocks `open` until something writes to it, a socket cannot be read as a
//! file, and a device (`/dev/zero`, a terminal) never ends or blocks: each is refused with its
//! kind named, before anything is read. The kind is read with `stat`, which never blocks; the
//! file is then opened without blocking (`O_NONBLOCK` on Unix) and its kind checked again on the
//! open file, so a path swapped for a pipe between the two cannot hang the program either.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use anyhow::{Result, bail};

use crate::t;

/// What a non-regular file is, in words: `a directory`, `a named pipe (FIFO)`, `a socket`,
/// `a character device`, `a block device` (`a special file` for any other kind); `None` for a
/// regular file.
pub fn special_kind(meta: &Metadata) -> Option<String> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(t!("perr-kind-directory"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(t!("perr-kind-fifo"));
        }
        if kind.is_socket() {
            return Some(t!("perr-kind-socket"));
        }
        if kind.is_char_device() {
            return Some(t!("perr-kind-char-device"));
        }
        if kind.is_block_device() {
            return Some(t!("perr-kind-block-device"));
        }
    }
    Some(t!("perr-kind-special"))
}

/// What a file was expected to be, in the words of the current language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// A preset's TOML file.
    Preset,
    /// One of MNIST's files.
    Data,
}

impl Noun {
    fn words(self) -> String {
        match self {
            Noun::Preset => t!("perr-noun-preset"),
            Noun::Data => t!("perr-noun-data"),
        }
    }
}

/// The error for a path that is `kind` rather than a regular file.
fn refuse(path: &Path, kind: &str, noun: Noun) -> anyhow::Error {
    anyhow::anyhow!(t!(
        "perr-not-regular",
        path = path.display().to_string(),
        kind = kind,
        noun = noun.words()
    ))
}

/// A byte count as people write it: `64 MiB`, `3 bytes`.
fn bytes_text(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else {
        t!("perr-bytes", n = n)
    }
}

/// `what` with the system's reason after it, in the current language (see
/// [`crate::i18n::io_reason`]).
pub fn io_error(what: String, e: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(t!("perr-io", what = what, why = crate::i18n::io_reason(e)))
}

/// Open `path` for reading without ever blocking on a pipe or a device.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// The bytes of the regular file at `path`, at most `limit` of them.
///
/// Refuses, with `path` and its kind in the message, a directory, a named pipe, a socket or a
/// device (`noun` names what was expected: a preset file); a file longer than `limit` bytes is
/// an error too. Errors name `path` and say "cannot read the {noun}" with the system's reason.
pub fn read_regular(path: &Path, noun: Noun, limit: u64) -> Result<Vec<u8>> {
    let display = path.display();
    let cannot = || {
        t!(
            "perr-cannot-read",
            path = display.to_string(),
            noun = noun.words()
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| io_error(cannot(), &e))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(refuse(path, &kind, noun));
    }
    let file = open_nonblocking(path).map_err(|e| io_error(cannot(), &e))?;
    let meta = file.metadata().map_err(|e| io_error(cannot(), &e))?;
    if let Some(kind) = special_kind(&meta) {
        return Err(refuse(path, &kind, noun));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(cannot(), &e))?;
    if bytes.len() as u64 > limit {
        let size = bytes_text(limit);
        bail!(t!(
            "perr-too-long",
            path = display.to_string(),
            size = size,
            noun = noun.words()
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_directory_refused() {
        let dir = std::env::temp_dir().join(format!("backstep-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.toml");
        std::fs::write(&path, "x = 1").unwrap();
        assert_eq!(read_regular(&path, Noun::Preset, 100).unwrap(), b"x = 1");
        let e = format!("{:#}", read_regular(&dir, Noun::Preset, 100).unwrap_err());
        assert!(
            e.ends_with("is a directory, not a preset file: give the path of a regular file"),
            "{e}"
        );
        let e = format!("{:#}", read_regular(&path, Noun::Preset, 3).unwrap_err());
        assert!(
            e.ends_with(
                "a.toml: the file holds more than 3 bytes; a preset file is limited to 3 bytes"
            ),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_by_its_kind_before_any_read() {
        let e = format!(
            "{:#}",
            read_regular(Path::new("/dev/zero"), Noun::Preset, 100).unwrap_err()
        );
        assert_eq!(
            e,
            "/dev/zero: is a character device, not a preset file: give the path of a regular file"
        );
    }
}
