//! The tesseract engines: loaded once (loading the model costs ~100 ms), kept in a
//! small pool sized by configuration, lent to one OCR job at a time. Engines only
//! ever see decoded grey pixels, never file bytes, so leptonica never parses
//! untrusted files.
//!
//! Debian's tesseract is built with OpenMP, which on a small machine makes it 2–5×
//! slower. OpenMP reads `OMP_THREAD_LIMIT` once, when the library loads, so it must
//! be in the environment before the process starts: the systemd unit sets it, and
//! [`ensure_single_threaded_openmp`] re-executes the program with it when it is
//! missing.

use std::ffi::{CStr, CString};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex};

use image::GrayImage;
use tesseract::plumbing::TessBaseApi;

use super::text::OcrPage;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcrSettings {
    /// Directory holding `eng.traineddata`; `None` uses tesseract's built-in path.
    pub tessdata: Option<PathBuf>,
    pub language: String,
    /// Engines (and so concurrent OCR jobs); one per core is the most that helps.
    pub engines: usize,
}

impl Default for OcrSettings {
    fn default() -> Self {
        Self { tessdata: None, language: "eng".into(), engines: 1 }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("tesseract could not load language `{language}` from {path}; install tesseract-ocr-{language} or set ocr.tessdata")]
    Init { language: String, path: String },
    #[error("tesseract failed: {0}")]
    Engine(String),
}

/// How tesseract should look for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Find text blocks anywhere (`--psm 3`): cards and pages.
    Auto,
    /// Scattered text in no particular order (`--psm 11`).
    Sparse,
    /// One uniform block of lines (`--psm 6`): a cropped MRZ.
    Block,
    /// One line of text (`--psm 7`): a line of a zone cut out.
    Line,
    /// As `Auto`, for a page photographed from afar: its print is smaller than the
    /// card-sized print pictures are scaled for, and told so tesseract's layout would
    /// drop its lines as specks.
    SmallPrint,
}

impl Layout {
    fn psm(self) -> u32 {
        match self {
            Layout::Auto | Layout::SmallPrint => 3,
            Layout::Sparse => 11,
            Layout::Block => 6,
            Layout::Line => 7,
        }
    }

    /// The resolution the print is said to have. Prepared pictures are scaled to about
    /// 300 dpi text; saying so stops tesseract guessing (and printing its guess).
    fn source_resolution(self) -> i32 {
        match self {
            Layout::SmallPrint => 150,
            _ => 300,
        }
    }
}

/// One loaded tesseract.
pub struct Engine {
    api: TessBaseApi,
}

fn cstr(s: &str) -> CString {
    CString::new(s.replace('\0', "")).unwrap_or_default()
}

impl Engine {
    pub fn new(settings: &OcrSettings) -> Result<Self, OcrError> {
        let mut api = TessBaseApi::create();
        let path = settings.tessdata.as_ref().map(|p| cstr(&p.to_string_lossy()));
        let lang = cstr(&settings.language);
        api.init_2(path.as_deref(), Some(&lang)).map_err(|_| OcrError::Init {
            language: settings.language.clone(),
            path: settings.tessdata.as_ref().map_or("tesseract's default path".into(), |p| p.display().to_string()),
        })?;
        let mut engine = Self { api };
        // Tesseract's own diagnostics would go to stderr; they are not ours to print.
        engine.set("debug_file", "/dev/null");

        Ok(engine)
    }

    /// Sets a tesseract variable (ignored when tesseract does not know it).
    pub fn set_variable(&mut self, name: &str, value: &str) {
        self.set(name, value);
    }

    fn set(&mut self, name: &str, value: &str) {
        let _ = self.api.set_variable(&cstr(name), &cstr(value));
    }

    /// Reads grey pixels. `allowed` restricts the characters (for the MRZ).
    pub fn read(&mut self, img: &GrayImage, layout: Layout, allowed: Option<&str>) -> Result<OcrPage, OcrError> {
        let started = std::time::Instant::now();
        let (w, h) = img.dimensions();
        let fail = |what: &str| OcrError::Engine(what.to_string());
        self.api.set_image(img.as_raw(), w as i32, h as i32, 1, w as i32).map_err(|e| fail(&e.to_string()))?;
        self.api.set_source_resolution(layout.source_resolution());
        self.api.set_page_seg_mode(layout.psm());
        self.set("tessedit_char_whitelist", allowed.unwrap_or(""));
        self.api.recognize().map_err(|_| fail("recognition failed"))?;
        let tsv = self.api.get_tsv_text(0).map_err(|_| fail("no TSV output"))?;
        let text: &CStr = tsv.as_ref();
        crate::metrics::metrics().ocr_seconds.observe(started.elapsed().as_secs_f64());
        Ok(OcrPage::from_tsv(&text.to_string_lossy()))
    }
}

/// A fixed number of engines, created on first use and then reused.
pub struct OcrPool {
    settings: OcrSettings,
    state: Mutex<PoolState>,
    returned: Condvar,
}

struct PoolState {
    idle: Vec<Engine>,
    created: usize,
}

impl std::fmt::Debug for OcrPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OcrPool").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl OcrPool {
    pub fn new(settings: OcrSettings) -> Self {
        Self { settings, state: Mutex::new(PoolState { idle: Vec::new(), created: 0 }), returned: Condvar::new() }
    }

    pub fn size(&self) -> usize {
        self.settings.engines.max(1)
    }

    /// An engine, waiting for one when all are lent out. Blocking: call it from a
    /// blocking thread, never on the async runtime.
    pub fn lend(&self) -> Result<Lent<'_>, OcrError> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(engine) = state.idle.pop() {
                return Ok(Lent { pool: self, engine: Some(engine) });
            }
            if state.created < self.size() {
                state.created += 1;
                drop(state);
                return match Engine::new(&self.settings) {
                    Ok(engine) => Ok(Lent { pool: self, engine: Some(engine) }),
                    Err(err) => {
                        self.state.lock().unwrap_or_else(|p| p.into_inner()).created -= 1;
                        Err(err)
                    }
                };
            }
            state = self.returned.wait(state).unwrap_or_else(|p| p.into_inner());
        }
    }

    /// Loads every engine now, so the first documents are not slowed by loading and a
    /// missing language file is found at start.
    pub fn load_all(&self) -> Result<(), OcrError> {
        let lent = (0..self.size()).map(|_| self.lend()).collect::<Result<Vec<_>, _>>()?;
        drop(lent);
        Ok(())
    }

    /// Reads grey pixels with the first free engine.
    pub fn read(&self, img: &GrayImage, layout: Layout, allowed: Option<&str>) -> Result<OcrPage, OcrError> {
        self.lend()?.read(img, layout, allowed)
    }
}

/// An engine lent from the pool; it goes back when dropped.
pub struct Lent<'a> {
    pool: &'a OcrPool,
    engine: Option<Engine>,
}

impl std::ops::Deref for Lent<'_> {
    type Target = Engine;
    fn deref(&self) -> &Engine {
        self.engine.as_ref().expect("engine present until drop")
    }
}

impl std::ops::DerefMut for Lent<'_> {
    fn deref_mut(&mut self) -> &mut Engine {
        self.engine.as_mut().expect("engine present until drop")
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Some(engine) = self.engine.take() {
            self.pool.state.lock().unwrap_or_else(|p| p.into_inner()).idle.push(engine);
            self.pool.returned.notify_one();
        }
    }
}

/// OpenMP's thread limit in this process, when tesseract's OpenMP runtime is loaded.
pub fn openmp_thread_limit() -> Option<i32> {
    // Looked up at run time: a tesseract built without OpenMP has no such symbol.
    let name = c"omp_get_thread_limit";
    let f = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
    if f.is_null() {
        return None;
    }
    let f: extern "C" fn() -> libc::c_int = unsafe { std::mem::transmute(f) };
    Some(f())
}

/// Makes sure OpenMP runs one thread per OCR job: when `OMP_THREAD_LIMIT` is not
/// set, sets it and re-executes this program (OpenMP has already read the
/// environment by the time `main` runs). Call first thing in `main`.
pub fn ensure_single_threaded_openmp() {
    if std::env::var_os("OMP_THREAD_LIMIT").is_some() || std::env::var_os("ACCESSD_NO_REEXEC").is_some() {
        return;
    }
    use std::os::unix::process::CommandExt;
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let argv0 = args.next();
    let mut cmd = std::process::Command::new(exe);
    if let Some(a0) = argv0 {
        cmd.arg0(a0);
    }
    // `exec` only returns on failure; then carry on with OpenMP's default.
    let err = cmd.args(args).env("OMP_THREAD_LIMIT", "1").exec();
    eprintln!("accessd: could not restart with OMP_THREAD_LIMIT=1 ({err}); OCR may be slower");
}
