//! The typefaces the documents are printed in: Debian font packages other than the
//! DejaVu family (which accessd's own synthetic IDs use), loaded once per process.
//! `deploy/debian-deps.sh` installs them; a missing file stops the corpus with the
//! package to install rather than silently printing in another face.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ab_glyph::FontArc;

/// One typeface. Families: Liberation (fonts-liberation2), FreeFont (fonts-freefont-ttf),
/// Carlito and Caladea (fonts-crosextra-*), URW base 35 (fonts-urw-base35), OCR-B
/// (fonts-ocr-b) and Dancing Script (fonts-dancingscript).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Arial,
    ArialBold,
    ArialItalic,
    TimesLike,
    TimesLikeBold,
    CourierLike,
    FreeSans,
    FreeSansBold,
    FreeSerif,
    FreeSerifBold,
    FreeSerifItalic,
    Carlito,
    CarlitoBold,
    Caladea,
    CaladeaBold,
    Nimbus,
    NimbusBold,
    Narrow,
    NarrowBold,
    Gothic,
    GothicDemi,
    Century,
    CenturyBold,
    Palatino,
    PalatinoBold,
    Bookman,
    BookmanDemi,
    NimbusMono,
    OcrB,
    Script,
    Chancery,
}

/// Sans-serif faces, regular and bold, that designs choose their body text from.
pub const SANS: &[(Face, Face)] = &[
    (Face::Arial, Face::ArialBold),
    (Face::FreeSans, Face::FreeSansBold),
    (Face::Carlito, Face::CarlitoBold),
    (Face::Nimbus, Face::NimbusBold),
    (Face::Narrow, Face::NarrowBold),
    (Face::Gothic, Face::GothicDemi),
];

/// Serif faces, regular and bold.
pub const SERIF: &[(Face, Face)] = &[
    (Face::TimesLike, Face::TimesLikeBold),
    (Face::FreeSerif, Face::FreeSerifBold),
    (Face::Caladea, Face::CaladeaBold),
    (Face::Century, Face::CenturyBold),
    (Face::Palatino, Face::PalatinoBold),
    (Face::Bookman, Face::BookmanDemi),
];

impl Face {
    fn file(self) -> (String, &'static str) {
        const LIB: &str = "/usr/share/fonts/truetype/liberation2/";
        const FREE: &str = "/usr/share/fonts/truetype/freefont/";
        const CROS: &str = "/usr/share/fonts/truetype/crosextra/";
        const URW: &str = "/usr/share/fonts/opentype/urw-base35/";
        let (dir, name, package) = match self {
            Face::Arial => (LIB, "LiberationSans-Regular.ttf", "fonts-liberation2"),
            Face::ArialBold => (LIB, "LiberationSans-Bold.ttf", "fonts-liberation2"),
            Face::ArialItalic => (LIB, "LiberationSans-Italic.ttf", "fonts-liberation2"),
            Face::TimesLike => (LIB, "LiberationSerif-Regular.ttf", "fonts-liberation2"),
            Face::TimesLikeBold => (LIB, "LiberationSerif-Bold.ttf", "fonts-liberation2"),
            Face::CourierLike => (LIB, "LiberationMono-Regular.ttf", "fonts-liberation2"),
            Face::FreeSans => (FREE, "FreeSans.ttf", "fonts-freefont-ttf"),
            Face::FreeSansBold => (FREE, "FreeSansBold.ttf", "fonts-freefont-ttf"),
            Face::FreeSerif => (FREE, "FreeSerif.ttf", "fonts-freefont-ttf"),
            Face::FreeSerifBold => (FREE, "FreeSerifBold.ttf", "fonts-freefont-ttf"),
            Face::FreeSerifItalic => (FREE, "FreeSerifItalic.ttf", "fonts-freefont-ttf"),
            Face::Carlito => (CROS, "Carlito-Regular.ttf", "fonts-crosextra-carlito"),
            Face::CarlitoBold => (CROS, "Carlito-Bold.ttf", "fonts-crosextra-carlito"),
            Face::Caladea => (CROS, "Caladea-Regular.ttf", "fonts-crosextra-caladea"),
            Face::CaladeaBold => (CROS, "Caladea-Bold.ttf", "fonts-crosextra-caladea"),
            Face::Nimbus => (URW, "NimbusSans-Regular.otf", "fonts-urw-base35"),
            Face::NimbusBold => (URW, "NimbusSans-Bold.otf", "fonts-urw-base35"),
            Face::Narrow => (URW, "NimbusSansNarrow-Regular.otf", "fonts-urw-base35"),
            Face::NarrowBold => (URW, "NimbusSansNarrow-Bold.otf", "fonts-urw-base35"),
            Face::Gothic => (URW, "URWGothic-Book.otf", "fonts-urw-base35"),
            Face::GothicDemi => (URW, "URWGothic-Demi.otf", "fonts-urw-base35"),
            Face::Century => (URW, "C059-Roman.otf", "fonts-urw-base35"),
            Face::CenturyBold => (URW, "C059-Bold.otf", "fonts-urw-base35"),
            Face::Palatino => (URW, "P052-Roman.otf", "fonts-urw-base35"),
            Face::PalatinoBold => (URW, "P052-Bold.otf", "fonts-urw-base35"),
            Face::Bookman => (URW, "URWBookman-Light.otf", "fonts-urw-base35"),
            Face::BookmanDemi => (URW, "URWBookman-Demi.otf", "fonts-urw-base35"),
            Face::NimbusMono => (URW, "NimbusMonoPS-Bold.otf", "fonts-urw-base35"),
            Face::Chancery => (URW, "Z003-MediumItalic.otf", "fonts-urw-base35"),
            Face::OcrB => ("/usr/share/fonts/opentype/ocr-b/", "OCRB.otf", "fonts-ocr-b"),
            Face::Script => {
                ("/usr/share/fonts/opentype/dancingscript/", "DancingScript-Regular.otf", "fonts-dancingscript")
            }
        };
        (format!("{dir}{name}"), package)
    }

    /// The loaded font; panics with the Debian package to install when it is missing.
    pub fn font(self) -> FontArc {
        static CACHE: OnceLock<Mutex<HashMap<Face, FontArc>>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
        let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(self)
            .or_insert_with(|| {
                let (path, package) = self.file();
                let bytes = std::fs::read(&path).unwrap_or_else(|e| {
                    panic!("corpus font {path} missing ({e}): install {package} (deploy/debian-deps.sh)")
                });
                FontArc::try_from_vec(bytes).unwrap_or_else(|e| panic!("corpus font {path} unreadable: {e}"))
            })
            .clone()
    }
}
