//! What OCR saw on one image: words with their boxes and confidences, grouped into
//! lines, plus the fuzzy word matching every reader of that text needs (OCR misreads
//! a letter here and there, so exact string matching would miss printed labels).

use serde::Serialize;

/// One recognised word and where it sits on the prepared image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OcrWord {
    pub text: String,
    /// Tesseract's word confidence, 0–100.
    pub conf: f32,
    pub left: i32,
    pub top: i32,
    pub width: i32,
    pub height: i32,
}

impl OcrWord {
    pub fn right(&self) -> i32 {
        self.left + self.width
    }
    pub fn bottom(&self) -> i32 {
        self.top + self.height
    }
    /// The word folded for comparison: ASCII letters and digits, lower case.
    pub fn folded(&self) -> String {
        fold(&self.text)
    }
}

/// Words tesseract put on one text line, left to right.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OcrLine {
    pub words: Vec<OcrWord>,
}

impl OcrLine {
    pub fn text(&self) -> String {
        words_text(&self.words)
    }
    pub fn top(&self) -> i32 {
        self.words.iter().map(|w| w.top).min().unwrap_or(0)
    }
    pub fn bottom(&self) -> i32 {
        self.words.iter().map(OcrWord::bottom).max().unwrap_or(0)
    }
    pub fn left(&self) -> i32 {
        self.words.iter().map(|w| w.left).min().unwrap_or(0)
    }
    pub fn right(&self) -> i32 {
        self.words.iter().map(OcrWord::right).max().unwrap_or(0)
    }
    /// Median word height: the line's text size.
    pub fn height(&self) -> i32 {
        let mut h: Vec<i32> = self.words.iter().map(|w| w.height).collect();
        h.sort_unstable();
        h.get(h.len() / 2).copied().unwrap_or(0)
    }
    pub fn mean_conf(&self) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        self.words.iter().map(|w| w.conf).sum::<f32>() / self.words.len() as f32
    }

    /// Splits the line where the gap between two words is wider than about two
    /// characters: side-by-side fields (`EXP 05/10/2030   ISS 05/10/2022`) become
    /// separate segments.
    pub fn segments(&self) -> Vec<&[OcrWord]> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..self.words.len() {
            let (a, b) = (&self.words[i - 1], &self.words[i]);
            let h = a.height.max(b.height).max(1);
            if b.left - a.right() > h * 3 / 2 {
                out.push(&self.words[start..i]);
                start = i;
            }
        }
        if start < self.words.len() {
            out.push(&self.words[start..]);
        }
        out
    }
}

/// All the text OCR found on one prepared image, top to bottom.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OcrPage {
    pub lines: Vec<OcrLine>,
}

impl OcrPage {
    /// Builds the page from tesseract's TSV output (level 5 rows are words).
    /// Words with confidence -1 (layout rows) and empty text are dropped.
    pub fn from_tsv(tsv: &str) -> Self {
        // Words grouped by tesseract's (block, paragraph, line) numbers.
        type LineKey = (u32, u32, u32, u32);
        let mut groups: Vec<(LineKey, Vec<OcrWord>)> = Vec::new();
        for row in tsv.lines() {
            let cols: Vec<&str> = row.split('\t').collect();
            if cols.len() < 12 || cols[0] != "5" {
                continue;
            }
            let num = |i: usize| cols[i].trim().parse::<i64>().unwrap_or(-1);
            let text = cols[11].trim();
            let conf: f32 = cols[10].trim().parse().unwrap_or(-1.0);
            if text.is_empty() || conf < 0.0 {
                continue;
            }
            let key = (num(1) as u32, num(2) as u32, num(3) as u32, num(4) as u32);
            let word = OcrWord {
                text: text.to_string(),
                conf,
                left: num(6) as i32,
                top: num(7) as i32,
                width: num(8) as i32,
                height: num(9) as i32,
            };
            match groups.last_mut() {
                Some((k, words)) if *k == key => words.push(word),
                _ => groups.push((key, vec![word])),
            }
        }
        let mut lines: Vec<OcrLine> = groups
            .into_iter()
            .map(|(_, mut words)| {
                words.sort_by_key(|w| w.left);
                OcrLine { words }
            })
            .collect();
        lines.sort_by_key(|l| (l.top(), l.left()));
        Self { lines: merge_same_baseline(lines) }
    }

    pub fn text(&self) -> String {
        self.lines.iter().map(OcrLine::text).collect::<Vec<_>>().join("\n")
    }

    /// The text with a tab between side-by-side fields of a line (see
    /// [`OcrLine::segments`]), so a reader of the text alone can tell a name from the
    /// value printed beside it.
    pub fn text_with_gaps(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.segments().iter().map(|s| words_text(s)).collect::<Vec<_>>().join("\t"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn words(&self) -> impl Iterator<Item = &OcrWord> {
        self.lines.iter().flat_map(|l| l.words.iter())
    }

    /// Mean confidence over words of three or more letters: short fragments of
    /// background pattern read as `~` or `ee` would otherwise drag it down.
    pub fn mean_word_conf(&self) -> f32 {
        let confs: Vec<f32> = self
            .words()
            .filter(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 3)
            .map(|w| w.conf)
            .collect();
        if confs.is_empty() {
            0.0
        } else {
            confs.iter().sum::<f32>() / confs.len() as f32
        }
    }

    /// Words of three or more letters or digits read with confidence 80 or more.
    pub fn confident_words(&self) -> usize {
        self.words().filter(|w| w.conf >= 80.0 && w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 3).count()
    }

    /// Folded tokens of every word, in reading order.
    pub fn tokens(&self) -> Vec<String> {
        tokens(&self.text())
    }

    pub fn append(&mut self, other: OcrPage) {
        self.lines.extend(other.lines);
    }
}

/// Words as read, one space apart.
pub fn words_text(words: &[OcrWord]) -> String {
    words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Tesseract may put words of one printed line in different blocks (a label in one
/// column, its value in the next). Lines that share most of their height are one
/// printed line: merge them, left to right.
fn merge_same_baseline(lines: Vec<OcrLine>) -> Vec<OcrLine> {
    let mut out: Vec<OcrLine> = Vec::new();
    for line in lines {
        let (top, bottom) = (line.top(), line.bottom());
        let same = out.iter_mut().rev().take(4).find(|o| {
            let overlap = o.bottom().min(bottom) - o.top().max(top);
            let shorter = (o.bottom() - o.top()).min(bottom - top).max(1);
            overlap * 10 >= shorter * 6
                && !o.words.iter().any(|w| line.words.iter().any(|v| v.left < w.right() && w.left < v.right()))
        });
        match same {
            Some(o) => {
                o.words.extend(line.words);
                o.words.sort_by_key(|w| w.left);
            }
            None => out.push(line),
        }
    }
    out.sort_by_key(|l| (l.top(), l.left()));
    out
}

/// ASCII letters and digits only, lower case; accents folded (`Código` → `codigo`).
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Splits text into folded tokens at anything that is not a letter or digit.
/// Apostrophes join (`O'BRIEN` → `obrien`), as on the court file.
pub fn tokens(text: &str) -> Vec<String> {
    // Split on whitespace before folding: deunicode drops control characters, which
    // would run the last word of a line into the first of the next.
    text.split_whitespace()
        .flat_map(|piece| {
            deunicode::deunicode(piece)
                .to_lowercase()
                .replace(['\'', '`', '’'], "")
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Pairs of characters OCR confuses on printed documents. Substituting one for the
/// other costs little in [`ocr_distance`].
const CONFUSABLE: &[(char, char)] = &[
    ('0', 'o'),
    ('0', 'd'),
    ('0', 'q'),
    ('o', 'd'),
    ('o', 'q'),
    ('o', 'c'),
    ('1', 'i'),
    ('1', 'l'),
    ('i', 'l'),
    ('i', 'j'),
    ('2', 'z'),
    ('5', 's'),
    ('6', 'g'),
    ('6', 'b'),
    ('8', 'b'),
    ('9', 'g'),
    ('4', 'a'),
    ('u', 'v'),
    ('v', 'y'),
    ('c', 'e'),
    ('h', 'b'),
    ('n', 'm'),
    ('r', 'n'),
    ('k', 'x'),
];

/// A lone `M`, `F` or `X` whose next column starts with a digit (`EL-AMIN M` beside
/// `02 JUL 1962`): the sex field printed beside a name's line, not an initial.
pub fn sex_field_beside_date(word: &str, next_column: &str) -> bool {
    matches!(word, "M" | "F" | "X") && next_column.starts_with(|c: char| c.is_ascii_digit())
}

pub fn confusable(a: char, b: char) -> bool {
    a == b || CONFUSABLE.iter().any(|&(x, y)| (x == a && y == b) || (x == b && y == a))
}

/// Edit distance where swapping two look-alike characters costs 0.25, any other
/// substitution, insertion or deletion 1. Two-for-one look-alikes (`rn`/`m`,
/// `vv`/`w`, `cl`/`d`) cost 0.5.
pub fn ocr_distance(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0f32; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i as f32;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j as f32;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = if a[i - 1] == b[j - 1] {
                0.0
            } else if confusable(a[i - 1], b[j - 1]) {
                0.25
            } else {
                1.0
            };
            let mut best = (d[i - 1][j - 1] + sub).min(d[i - 1][j] + 1.0).min(d[i][j - 1] + 1.0);
            if i >= 2 && j >= 1 && split_pair(a[i - 2], a[i - 1], b[j - 1]) {
                best = best.min(d[i - 2][j - 1] + 0.5);
            }
            if j >= 2 && i >= 1 && split_pair(b[j - 2], b[j - 1], a[i - 1]) {
                best = best.min(d[i - 1][j - 2] + 0.5);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

fn split_pair(x: char, y: char, z: char) -> bool {
    // `ii` is also how OCR reads an accented `ñ` or `ú` once folded to `n`, `u`.
    matches!(
        (x, y, z),
        ('r', 'n', 'm') | ('v', 'v', 'w') | ('c', 'l', 'd') | ('l', 'i', 'h') | ('i', 'i', 'u') | ('i', 'i', 'n')
    )
}

/// Plain Levenshtein distance (every edit costs 1).
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// Whether an OCR'd token is the expected word, allowing look-alike swaps and, for
/// longer words, one ordinary slip.
pub fn token_is(seen: &str, expected: &str) -> bool {
    if seen == expected {
        return true;
    }
    let budget = match expected.chars().count() {
        0..=3 => 0.25,
        4..=5 => 0.5,
        6..=8 => 1.0,
        _ => 1.5,
    };
    ocr_distance(seen, expected) <= budget
}

/// Finds `phrase` (folded words, e.g. `["driver", "license"]`) as consecutive tokens
/// in `haystack`, tolerating OCR slips; returns the index of its first token.
pub fn find_phrase(haystack: &[String], phrase: &[&str]) -> Option<usize> {
    if phrase.is_empty() || haystack.len() < phrase.len() {
        return None;
    }
    (0..=haystack.len() - phrase.len()).find(|&i| phrase.iter().enumerate().all(|(k, p)| token_is(&haystack[i + k], p)))
}

pub fn has_phrase(haystack: &[String], phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    find_phrase(haystack, &words).is_some()
        || {
            // OCR sometimes runs two words together (`IssuedOn`, `DRIVERLICENSE`).
            let joined: String = words.concat();
            words.len() > 1 && haystack.iter().any(|t| token_is(t, &joined))
        }
        || (0..haystack.len()).any(|i| matches_cut_words(&haystack[i..], &words))
}

/// Whether `words` start `tokens`, each read as one token or cut in two by OCR
/// (`Ci itizenship`, `IDENTIFI CATION`).
fn matches_cut_words(tokens: &[String], words: &[&str]) -> bool {
    let Some((first, rest)) = words.split_first() else { return true };
    let whole = tokens.first().is_some_and(|t| token_is(t, first)) && matches_cut_words(&tokens[1..], rest);
    whole
        || match tokens {
            [a, b, ..] if first.len() >= 6 => {
                token_is(&format!("{a}{b}"), first) && matches_cut_words(&tokens[2..], rest)
            }
            _ => false,
        }
}

/// Street words: with a house number they make a line an address (`638 OLD COLONY RD`),
/// and a state's name in it a street's (`1761 WASHINGTON BLVD`).
pub const STREET_WORDS: &[&str] = &[
    "st",
    "street",
    "ave",
    "avenue",
    "blvd",
    "boulevard",
    "rd",
    "road",
    "dr",
    "drive",
    "ln",
    "lane",
    "pl",
    "ct",
    "way",
    "tpke",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_lines_in_reading_order() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   5\t1\t1\t1\t2\t1\t370\t280\t200\t30\t91.5\tDANA\n\
                   5\t1\t1\t1\t2\t2\t580\t280\t150\t30\t90\tRUTH\n\
                   4\t1\t1\t1\t1\t0\t370\t240\t200\t30\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t370\t240\t220\t30\t95\tWHITLOCK,\n\
                   5\t1\t1\t1\t1\t2\t600\t240\t20\t30\t-1\t \n";
        let page = OcrPage::from_tsv(tsv);
        assert_eq!(page.text(), "WHITLOCK,\nDANA RUTH");
        assert_eq!(page.lines[1].words[0].conf, 91.5);
    }

    #[test]
    fn segments_split_side_by_side_fields() {
        let w = |t: &str, left| OcrWord { text: t.into(), conf: 90.0, left, top: 0, width: 60, height: 20 };
        let line = OcrLine { words: vec![w("05/10/2030", 0), w("05/10/2022", 200), w("X", 265)] };
        let segs = line.segments();
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[1].len(), 2);
    }

    #[test]
    fn look_alike_swaps_are_cheap() {
        assert_eq!(ocr_distance("whitlock", "whitlock"), 0.0);
        assert_eq!(ocr_distance("wh1tl0ck", "whitlock"), 0.5);
        assert_eq!(ocr_distance("kowalczvk", "kowalczyk"), 0.25);
        assert_eq!(ocr_distance("rnarcus", "marcus"), 0.5);
        assert_eq!(ocr_distance("feld", "field"), 1.0);
        assert!(token_is("connecticur", "connecticut"));
        assert!(!token_is("license", "passport"));
        assert!(!token_is("ln", "fn"));
    }

    #[test]
    fn phrases_are_found_with_slips_and_run_together() {
        let hay = tokens("UNITED STATES OF AMERICA PASSP0RT CARD");
        assert!(has_phrase(&hay, "passport card"));
        assert!(has_phrase(&tokens("CT DRIVERLICENSE"), "driver license"));
        assert!(!has_phrase(&hay, "driver license"));
        // A long word cut in two by OCR, anywhere in the phrase.
        for (read, phrase) in [
            ("Certificate of Ci itizenship", "certificate of citizenship"),
            ("IDENTIFI CATION CARD", "identification card"),
            ("PERMANENT RESI DENT CARD", "permanent resident"),
        ] {
            assert!(has_phrase(&tokens(read), phrase), "{read}");
        }
        // Short words are not pieced together from fragments, nor are unrelated words.
        for (read, phrase) in [("I D CARD", "id card"), ("CERTIFICATE OF CITY ZONING", "certificate of citizenship")] {
            assert!(!has_phrase(&tokens(read), phrase), "{read}");
        }
        assert_eq!(tokens("MARRIAGE\nPARTY A — O’BRIEN"), vec!["marriage", "party", "a", "obrien"]);
    }
}
