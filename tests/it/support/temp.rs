//! Folders of a test's own under the system's temporary folder, gone when the test ends.

use std::ffi::OsStr;
use std::ops::Deref;
use std::path::{Path, PathBuf};

/// A fresh folder `backstep-{label}-{pid}` under the system's temporary folder (emptied first if
/// a run before left it), removed with everything in it when dropped: when the test ends,
/// whether it passes or fails. It reads as the folder's `Path` (`dir.join("p.toml")`).
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// The folder for `label`, one per test (tests run side by side in one process).
    pub fn new(label: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("backstep-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        TempDir(dir)
    }

    /// A file `name` in the folder holding `contents`; its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).expect("a temporary file");
        path
    }
}

impl Deref for TempDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<OsStr> for TempDir {
    fn as_ref(&self) -> &OsStr {
        self.0.as_os_str()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file in a folder of its own ([`TempDir`]), both removed when it is dropped. It reads as
/// the file's `Path`.
#[derive(Debug)]
pub struct TempFile {
    // dropped after `path`: the folder goes with the file in it
    path: PathBuf,
    _dir: TempDir,
}

impl TempFile {
    /// `name` holding `contents`, in the folder for `label`.
    pub fn new(label: &str, name: &str, contents: impl AsRef<[u8]>) -> TempFile {
        let dir = TempDir::new(label);
        TempFile {
            path: dir.file(name, contents),
            _dir: dir,
        }
    }
}

impl Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempFile {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<OsStr> for TempFile {
    fn as_ref(&self) -> &OsStr {
        self.path.as_os_str()
    }
}

#[test]
fn a_temporary_folder_is_gone_when_its_guard_is_dropped_even_by_a_panic() {
    let dir = TempDir::new("temp-guard");
    let file = dir.file("p.toml", "x = 1");
    let path = dir.to_path_buf();
    assert!(file.exists());
    drop(dir);
    assert!(!path.exists());
    let kept = std::panic::catch_unwind(|| {
        let f = TempFile::new("temp-guard-panic", "p.toml", "x = 1");
        let at = f.to_path_buf();
        panic!("{}", at.display());
    })
    .unwrap_err();
    let at = kept.downcast_ref::<String>().expect("the path");
    assert!(!Path::new(at).exists(), "{at} left behind");
}
