//! Reading the files ecosys is named: catalogues and overlays, chapters of the guide, labels
//! files. One reader for all of them, so that each is refused the same way: anything but a
//! regular file (a directory, a FIFO, a device), a file over its size limit, unreadable or not
//! UTF-8, with a message that says what the file should have been.
//!
//! The path is looked at first, so that a device is never opened; then the file is opened
//! without waiting (for a FIFO's writer, a device) and what was opened is looked at again, so
//! that a path swapped for a FIFO meanwhile cannot block the run. A file that would make a read
//! wait (`/proc/kmsg`) is refused too. A leading UTF-8 byte-order mark is skipped.

use std::fs;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::lang::{Lang, current, tr};

/// What a file is read as: it sets the size limit and what messages say it should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A catalogue or an overlay (JSON).
    Catalogue,
    /// A chapter of the guide (Markdown).
    Chapter,
    /// A labels file (`--labels`): one `LABEL = KIND` a line.
    Labels,
}

/// The largest catalogue file read (256 MiB): larger files are refused before reading.
pub const MAX_CATALOGUE_SIZE: u64 = 256 * 1024 * 1024;
/// The largest chapter or labels file read (16 MiB; the guide's chapter is 7 kB).
pub const MAX_GUIDE_SIZE: u64 = 16 * 1024 * 1024;

impl FileKind {
    /// The largest file of this kind read.
    pub fn max_size(self) -> u64 {
        match self {
            FileKind::Catalogue => MAX_CATALOGUE_SIZE,
            FileKind::Chapter | FileKind::Labels => MAX_GUIDE_SIZE,
        }
    }

    /// In French and English: what a file of this kind is, for messages that refuse one; and
    /// how large one is, for the message that refuses one too large.
    fn words(self) -> [(&'static str, &'static str); 2] {
        match self {
            FileKind::Catalogue => [
                (
                    "un catalogue est un fichier JSON",
                    "a catalogue is a JSON file",
                ),
                (
                    "c'est la taille maximale d'un fichier de catalogue",
                    "the most a catalogue file may be",
                ),
            ],
            FileKind::Chapter => [
                (
                    "attendu un fichier Markdown (un chapitre du guide)",
                    "expected a Markdown file (a chapter of the guide)",
                ),
                (
                    "un chapitre du guide fait quelques kilo-octets",
                    "a chapter of the guide is a few kilobytes",
                ),
            ],
            FileKind::Labels => [
                (
                    "attendu un fichier d'étiquettes (une ligne LABEL = TYPE par étiquette)",
                    "expected a labels file (one LABEL = KIND a line)",
                ),
                (
                    "un fichier d'étiquettes fait quelques lignes",
                    "a labels file is a few lines",
                ),
            ],
        }
    }

    fn expected(self) -> &'static str {
        let (fr, en) = self.words()[0];
        tr(fr, en)
    }

    /// `what` the file is, then what it should have been.
    fn refused(self, what: (&str, &str)) -> String {
        format!(
            "{}{} {}",
            tr(what.0, what.1),
            tr(" ;", ";"),
            self.expected()
        )
    }

    fn directory(self) -> String {
        self.refused(("est un dossier", "is a directory"))
    }

    fn special(self) -> String {
        self.refused((
            "n'est pas un fichier ordinaire (un tube, un périphérique ?)",
            "is not a regular file (a pipe or a device?)",
        ))
    }

    fn not_utf8(self) -> String {
        self.refused(("n'est pas du texte UTF-8 valide", "is not valid UTF-8 text"))
    }

    fn too_big(self) -> String {
        let mib = self.max_size() / 1024 / 1024;
        let size = match current() {
            Lang::Fr => format!("fait plus de {mib} Mio"),
            Lang::En => format!("is larger than {mib} MiB"),
        };
        let (fr, en) = self.words()[1];
        let most = tr(fr, en);
        format!("{size}{} {most}", tr(" ;", ";"))
    }
}

/// Why a file gave no text.
#[derive(Debug)]
pub struct ReadFailure {
    pub message: String,
    /// Where in the file (line and column), for text that is not UTF-8.
    pub position: Option<(usize, usize)>,
    /// It could not be read at all (missing, a directory, no permission), as opposed to
    /// holding something that is not text (not UTF-8).
    pub unreadable: bool,
}

fn unreadable(message: impl Into<String>) -> ReadFailure {
    ReadFailure {
        message: message.into(),
        position: None,
        unreadable: true,
    }
}

/// What an I/O error means, in a few words.
fn io_message(e: &io::Error, kind: FileKind) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => tr("fichier introuvable", "no such file").to_string(),
        io::ErrorKind::PermissionDenied => tr("permission refusée", "permission denied").into(),
        io::ErrorKind::OutOfMemory => tr("mémoire insuffisante", "out of memory").into(),
        // Opened without waiting, a file whose reads would wait (`/proc/kmsg`) says so.
        io::ErrorKind::WouldBlock => kind.special(),
        _ => match (current(), e.raw_os_error()) {
            (Lang::Fr, Some(code)) => format!("lecture impossible (erreur {code})"),
            (Lang::Fr, None) => "lecture impossible".into(),
            (Lang::En, _) => format!("cannot read: {e}"),
        },
    }
}

/// The text of the file at `path`, read as `kind` (see the module's documentation).
pub fn read_text(path: &Path, kind: FileKind) -> Result<String, ReadFailure> {
    let regular = |metadata: fs::Metadata| {
        if metadata.is_dir() {
            return Err(unreadable(kind.directory()));
        }
        if !metadata.is_file() {
            return Err(unreadable(kind.special()));
        }
        Ok(metadata)
    };
    let io = |e: io::Error| unreadable(io_message(&e, kind));
    regular(fs::metadata(path).map_err(io)?)?;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(io)?;
    let metadata = regular(file.metadata().map_err(io)?)?;
    if metadata.len() > kind.max_size() {
        return Err(unreadable(kind.too_big()));
    }
    // A file too large for the memory left is an error, not an abort.
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(metadata.len() as usize + 1)
        .map_err(|_| {
            unreadable(tr(
                "mémoire insuffisante pour le lire",
                "not enough memory to read it",
            ))
        })?;
    file.take(kind.max_size() + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    decode(bytes, kind)
}

/// The text of a stream (standard input) read as `kind`: at most its size limit, then as a
/// file's.
pub fn read_stream(input: impl Read, kind: FileKind) -> Result<String, ReadFailure> {
    let mut bytes = Vec::new();
    input
        .take(kind.max_size() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(io_message(&e, kind)))?;
    decode(bytes, kind)
}

/// Drops a leading UTF-8 byte-order mark: no part of a file's text, nor of the first line of
/// standard input.
pub fn skip_bom(bytes: &mut Vec<u8>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
}

/// `bytes` as text: within the size limit, without a leading byte-order mark, UTF-8.
fn decode(mut bytes: Vec<u8>, kind: FileKind) -> Result<String, ReadFailure> {
    if bytes.len() as u64 > kind.max_size() {
        return Err(unreadable(kind.too_big()));
    }
    skip_bom(&mut bytes);
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        ReadFailure {
            message: kind.not_utf8(),
            position: Some(crate::catalogue::problem::line_columns(valid, &[valid.len()])[0]),
            unreadable: false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_skipped_and_bad_bytes_are_placed() {
        assert_eq!(
            read_stream(&b"\xEF\xBB\xBFtext"[..], FileKind::Labels).unwrap(),
            "text"
        );
        let failure = read_stream(&b"a\nb\xff"[..], FileKind::Chapter).unwrap_err();
        assert_eq!(failure.position, Some((2, 2)));
        assert!(!failure.unreadable);
    }

    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        for kind in [FileKind::Catalogue, FileKind::Chapter, FileKind::Labels] {
            let failure = read_text(&fifo, kind).unwrap_err();
            assert!(failure.unreadable);
            assert_eq!(failure.message, kind.special());
        }
    }
}
