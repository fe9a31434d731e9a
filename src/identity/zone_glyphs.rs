//! Which cells of a zone line are fillers, told by their look. OCR reads a zone's `<`
//! as `K`, `C`, `E`, `X`, `S` or `L` (`MARIA<KOLIVIA`, `THURIDURKOESP`), most of all
//! where fillers run long, and no check digit covers the name. The pixels still show
//! it: a line's characters stand apart by empty columns, and in OCR-B every letter and
//! digit is as tall as the line while `<` is a shorter chevron, alike in every cell.
//! The short glyphs give a first picture of a filler; the glyphs like that picture are
//! the line's fillers. Pure: grey pixels of one cut-out line in, a mask out.

use image::GrayImage;

use super::framing;
use super::mrz::LINE_WIDTHS;

/// The size each glyph is sampled to before glyphs are compared.
const SAMPLE_W: usize = 12;
const SAMPLE_H: usize = 20;
/// A glyph this much shorter than the line's letters may be a filler (the first
/// picture of one); fillers stand at 0.75–0.9, letters and digits at 0.95–1.15.
const SHORT: f32 = 0.92;
/// Likeness (correlation of sampled pixels) from which a glyph is a filler: fillers
/// score 0.75–0.99 against the line's own, letters and digits below 0.55.
const LIKE_A_FILLER: f32 = 0.7;
/// Likeness up to which a glyph is clearly not a filler; between this and
/// [`LIKE_A_FILLER`] the line says nothing.
const UNLIKE_A_FILLER: f32 = 0.55;
/// No filler is this tall against the line's letters.
const NEVER_TALLER: f32 = 0.93;
/// Ink this much shorter than the line's letters is a speck, not a character.
const SPECK: f32 = 0.4;
/// Fewer short glyphs than this give no trustworthy picture of a filler.
const MIN_FILLERS: usize = 3;

/// One glyph: its columns and the rows its ink reaches.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    left: u32,
    right: u32,
    top: u32,
    bottom: u32,
}

impl Glyph {
    fn height(&self) -> f32 {
        (self.bottom - self.top) as f32
    }
    fn middle(&self) -> f32 {
        (self.top + self.bottom) as f32 / 2.0
    }
}

/// For each cell of a cut-out zone line, whether it holds a filler; `None` when the
/// line does not part into exactly a zone's width of glyphs (touching or broken
/// characters, specks, a line cut short) or shows no clear filler, so nothing is said.
pub fn fillers_seen(line: &GrayImage) -> Option<Vec<bool>> {
    let threshold = framing::otsu(line);
    let ink = |x: u32, y: u32| line.get_pixel(x, y).0[0] < threshold;
    let glyphs = glyphs(line, &ink);
    let letter_height = letter_height(&glyphs);
    // Specks (dust, a guilloche's dots) are far smaller than any character.
    let glyphs: Vec<Glyph> = glyphs.into_iter().filter(|g| g.height() >= SPECK * letter_height).collect();
    if !LINE_WIDTHS.contains(&glyphs.len()) {
        return None;
    }
    let midline = midline(&glyphs);
    let samples: Vec<Vec<f32>> = glyphs.iter().map(|g| sample(line, g, midline(g), letter_height, threshold)).collect();
    let short: Vec<bool> = glyphs.iter().map(|g| g.height() < SHORT * letter_height).collect();
    // A letter or digit like a filler in part (`4`, `K`) is still as tall as the line.
    let tall: Vec<bool> = glyphs.iter().map(|g| g.height() >= NEVER_TALLER * letter_height).collect();
    let fillers = like_the_short_ones(&samples, &short, &tall)?;
    let (filler_h, other_h) = mean_heights(&glyphs, &fillers);
    // The cells found must be the short ones: a run of one repeated letter is alike too.
    (filler_h < other_h * 0.95).then_some(fillers)
}

/// The height of the line's letters: fillers may be most of a name line, so the
/// letters are the tallest quarter of its glyphs.
fn letter_height(glyphs: &[Glyph]) -> f32 {
    let mut heights: Vec<f32> = glyphs.iter().map(Glyph::height).collect();
    heights.sort_by(f32::total_cmp);
    heights.get(heights.len() * 3 / 4).copied().unwrap_or(1.0).max(1.0)
}

/// The line's glyphs, left to right: runs of columns with ink within the rows where
/// the line's print runs, specks of a pixel or two left out.
fn glyphs(line: &GrayImage, ink: &impl Fn(u32, u32) -> bool) -> Vec<Glyph> {
    let w = line.width();
    let Some((top, bottom)) = print_rows(line, ink) else { return Vec::new() };
    let inked_column = |x: u32| (top..=bottom).any(|y| ink(x, y));
    let mut glyphs = Vec::new();
    let mut x = 0;
    while x < w {
        if !inked_column(x) {
            x += 1;
            continue;
        }
        let left = x;
        while x < w && inked_column(x) {
            x += 1;
        }
        if let Some((first, last)) = longest_run((top..=bottom).map(|y| (y, (left..x).any(|c| ink(c, y))))) {
            if last - first >= 2 {
                glyphs.push(Glyph { left, right: x, top: first, bottom: last + 1 });
            }
        }
    }
    glyphs
}

/// The tallest run of rows where print runs (first and last row): a sliver of the
/// next line at the cut's edge is apart from it.
fn print_rows(line: &GrayImage, ink: &impl Fn(u32, u32) -> bool) -> Option<(u32, u32)> {
    let (w, h) = line.dimensions();
    longest_run((0..h).map(|y| (y, (0..w).filter(|&x| ink(x, y)).count() as u32 * 50 > w)))
}

/// The first and last position of the longest run of `true`s (the first of equals).
fn longest_run(marks: impl Iterator<Item = (u32, bool)>) -> Option<(u32, u32)> {
    let mut best: Option<(u32, u32)> = None;
    let mut start = None;
    for (at, mark) in marks {
        match (mark, start) {
            (true, None) => start = Some(at),
            (true, Some(_)) => {}
            (false, _) => start = None,
        }
        if let Some(s) = start {
            if best.is_none_or(|(a, b)| at - s > b - a) {
                best = Some((s, at));
            }
        }
    }
    best
}

/// The line's middle at each glyph, fitted through the glyphs' middles (a `<` is
/// centred on the line like a letter), so a line cut out a little askew is followed.
fn midline(glyphs: &[Glyph]) -> impl Fn(&Glyph) -> f32 {
    let n = glyphs.len() as f32;
    let xs: Vec<f32> = glyphs.iter().map(|g| (g.left + g.right) as f32 / 2.0).collect();
    let (mx, my) = (xs.iter().sum::<f32>() / n, glyphs.iter().map(Glyph::middle).sum::<f32>() / n);
    let sxx: f32 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    let sxy: f32 = xs.iter().zip(glyphs).map(|(x, g)| (x - mx) * (g.middle() - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    move |g: &Glyph| my + slope * ((g.left + g.right) as f32 / 2.0 - mx)
}

/// A glyph's ink sampled on a fixed grid spanning its columns and the line's height
/// around its middle, with mean zero and length one, so two glyphs compare by a dot
/// product whatever the print's darkness.
fn sample(line: &GrayImage, g: &Glyph, middle: f32, letter_height: f32, threshold: u8) -> Vec<f32> {
    let (w, h) = line.dimensions();
    let half = letter_height * 0.6;
    // A cell as wide as a letter (an `I` stays a thin bar, not a stretched block), no
    // narrower than the glyph; the neighbours' ink outside its columns left out.
    let width = ((g.right - g.left) as f32).max(letter_height * 0.75);
    let left = (g.left + g.right) as f32 / 2.0 - width / 2.0;
    let mut cells: Vec<f32> = (0..SAMPLE_W * SAMPLE_H)
        .map(|i| {
            let (cx, cy) = ((i % SAMPLE_W) as f32 + 0.5, (i / SAMPLE_W) as f32 + 0.5);
            let x = (left + cx * width / SAMPLE_W as f32).clamp(0.0, w as f32 - 1.0) as u32;
            let y = (middle - half + cy * 2.0 * half / SAMPLE_H as f32).clamp(0.0, h as f32 - 1.0);
            let v = line.get_pixel(x, y as u32).0[0];
            if (g.left..g.right).contains(&x) && v < threshold {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    let mean = cells.iter().sum::<f32>() / cells.len() as f32;
    cells.iter_mut().for_each(|c| *c -= mean);
    to_unit_length(&mut cells);
    cells
}

/// Scales a sample to length one (a blank one stays as it is).
fn to_unit_length(v: &mut [f32]) {
    let norm = v.iter().map(|c| c * c).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|c| *c /= norm);
    }
}

/// The glyphs like the short ones: their mean is the first picture of a filler, then
/// the mean of the glyphs like it, twice more; tall glyphs are never fillers. `None`
/// when a glyph is neither clearly like the picture nor clearly not, or tall and like
/// it (a soft or noisy line, where letters look half like fillers and fillers grow).
fn like_the_short_ones(samples: &[Vec<f32>], short: &[bool], tall: &[bool]) -> Option<Vec<bool>> {
    let mut chosen = short.to_vec();
    let mut likeness = Vec::new();
    for _ in 0..3 {
        if chosen.iter().filter(|c| **c).count() < MIN_FILLERS {
            return None;
        }
        let picture = mean_of(samples, &chosen);
        likeness = samples.iter().map(|s| dot(s, &picture)).collect();
        chosen = likeness.iter().zip(tall).map(|(l, tall)| *l >= LIKE_A_FILLER && !tall).collect();
    }
    let clear = likeness.iter().zip(tall).all(|(l, tall)| match tall {
        true => *l < LIKE_A_FILLER,
        false => *l >= LIKE_A_FILLER || *l <= UNLIKE_A_FILLER,
    });
    (clear && chosen.iter().filter(|c| **c).count() >= MIN_FILLERS).then_some(chosen)
}

fn mean_of(samples: &[Vec<f32>], chosen: &[bool]) -> Vec<f32> {
    let mut mean = vec![0.0; SAMPLE_W * SAMPLE_H];
    for s in samples.iter().zip(chosen).filter(|(_, c)| **c).map(|(s, _)| s) {
        mean.iter_mut().zip(s).for_each(|(m, v)| *m += v);
    }
    to_unit_length(&mut mean);
    mean
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The mean height of the glyphs taken for fillers and of the others.
fn mean_heights(glyphs: &[Glyph], fillers: &[bool]) -> (f32, f32) {
    let mean = |want: bool| {
        let hs: Vec<f32> = glyphs.iter().zip(fillers).filter(|(_, f)| **f == want).map(|(g, _)| g.height()).collect();
        if hs.is_empty() {
            f32::MAX
        } else {
            hs.iter().sum::<f32>() / hs.len() as f32
        }
    };
    (mean(true), mean(false))
}

/// Cells as a line of `<` (a filler) and `.` (another character), for traces and tests.
pub fn shown(fillers: &[bool]) -> String {
    fillers.iter().map(|f| if *f { '<' } else { '.' }).collect()
}

/// Letters OCR puts for a zone's `<`.
const FILLER_LOOK_ALIKES: &[u8] = b"KCEXSL";
/// A step no mending may take: a letter where no text was read or `<` was, a
/// character amid letters left out, a letter or digit other than a look-alike where a
/// filler stands.
const NEVER: u32 = u32::MAX / 4;

/// A zone line's text laid on its cells, where `fillers` tells which cells look like
/// fillers: each filler cell takes `<` whatever OCR read there, each other cell the
/// character OCR read for it, and OCR's extra characters (one `<` read as `<K`) drop
/// out. `None` when the text cannot lie on the cells (a letter missing or added amid
/// letters, another character where a filler stands), or when the least-mending ways
/// to lay it put different characters in a cell (`<KISABEL` on six letter cells: is
/// the `K` or the `L` OCR's?), which only check digits could settle.
pub fn mend(text: &str, fillers: &[bool]) -> Option<String> {
    // Read without the zone's alphabet, OCR may give a lower-case `c` for a filler.
    let read: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).map(|b| b.to_ascii_uppercase()).collect();
    if !read.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'<') {
        return None;
    }
    let from_start = costs(&read, fillers);
    let (n, m) = (fillers.len(), read.len());
    let least = from_start[n][m];
    if least >= NEVER {
        return None;
    }
    // The same costs from the end: the text and the cells each read backwards.
    let read_back: Vec<u8> = read.iter().rev().copied().collect();
    let fillers_back: Vec<bool> = fillers.iter().rev().copied().collect();
    let to_end = costs(&read_back, &fillers_back);
    let mut cells = Vec::with_capacity(n);
    for (i, &filler) in fillers.iter().enumerate() {
        if filler {
            cells.push(b'<');
            continue;
        }
        // Each character that lies on this cell along some least-mending way.
        let mut lying_here = (0..m).filter(|&j| {
            let rest = to_end[n - i - 1][m - j - 1];
            from_start[i][j].saturating_add(on_cell(false, read[j])).saturating_add(rest) == least
        });
        let first = read[lying_here.next()?];
        if lying_here.any(|j| read[j] != first) {
            return None;
        }
        cells.push(first);
    }
    String::from_utf8(cells).ok()
}

/// Laying a read character on a cell: a filler's look-alike counts one (no more than
/// leaving one out), so that where a letter run holds one more character than its
/// cells, a look-alike at either end is as likely OCR's as the other.
fn on_cell(filler: bool, c: u8) -> u32 {
    match (filler, c) {
        (true, b'<') => 0,
        (true, c) if FILLER_LOOK_ALIKES.contains(&c) => 1,
        // A letter or digit of its own: the cells and the text do not line up.
        (true, _) => NEVER,
        // A `<` where the look says letter or digit: what stands there is not known
        // (a check digit OCR dropped must not become a filler).
        (false, b'<') => NEVER,
        (false, _) => 0,
    }
}

/// The `j`th read character left out: a `<`, or a look-alike beside one (one `<`
/// read as `<K`). Nothing else: which character amid letters OCR added (`F0O8`, `5S9`)
/// only check digits could tell, and a wrong guess shifts the letters after it.
fn left_out(read: &[u8], j: usize) -> u32 {
    let beside_filler = read.get(j.wrapping_sub(1)) == Some(&b'<') || read.get(j + 1) == Some(&b'<');
    match read[j] {
        b'<' => 1,
        c if FILLER_LOOK_ALIKES.contains(&c) && beside_filler => 1,
        _ => NEVER,
    }
}

/// A cell no read character lies on: a filler OCR dropped (long runs lose some, at no
/// cost); a letter is not known.
fn unread(filler: bool) -> u32 {
    if filler {
        0
    } else {
        NEVER
    }
}

/// The least mending to lay the first `j` read characters on the first `i` cells.
fn costs(read: &[u8], fillers: &[bool]) -> Vec<Vec<u32>> {
    let (n, m) = (fillers.len(), read.len());
    let mut cost = vec![vec![NEVER; m + 1]; n + 1];
    cost[0][0] = 0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i][j];
            if here >= NEVER {
                continue;
            }
            if i < n && j < m {
                cost[i + 1][j + 1] = cost[i + 1][j + 1].min(here + on_cell(fillers[i], read[j]));
            }
            if j < m {
                cost[i][j + 1] = cost[i][j + 1].min(here + left_out(read, j));
            }
            if i < n {
                cost[i + 1][j] = cost[i + 1][j].min(here + unread(fillers[i]));
            }
        }
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;
    use ab_glyph::{Font, FontVec, PxScale, ScaleFont};

    /// A zone line printed in OCR-B (Debian's `fonts-ocr-b`), its capitals `px` high,
    /// its baseline falling `slope` pixels per pixel, softened by a box blur.
    fn printed(line: &str, px: f32, slope: f32) -> GrayImage {
        let bytes = std::fs::read("/usr/share/fonts/opentype/ocr-b/OCRB.otf").expect("fonts-ocr-b is installed");
        let font = FontVec::try_from_vec(bytes).expect("OCR-B loads");
        let scale = PxScale::from(px * 1.45);
        let scaled = font.as_scaled(scale);
        let width = (line.len() as f32 * scaled.h_advance(font.glyph_id('<')) + 2.0 * px) as u32;
        let height = (px * 2.5 + slope.abs() * width as f32) as u32;
        let mut image = GrayImage::from_pixel(width, height, image::Luma([245]));
        let mut caret = px;
        for c in line.chars() {
            let id = font.glyph_id(c);
            let baseline = px * 1.8 + slope * caret + if slope < 0.0 { -slope * width as f32 } else { 0.0 };
            let glyph = id.with_scale_and_position(scale, ab_glyph::point(caret, baseline));
            if let Some(outlined) = font.outline_glyph(glyph) {
                let bounds = outlined.px_bounds();
                outlined.draw(|x, y, coverage| {
                    let (x, y) = (bounds.min.x as i32 + x as i32, bounds.min.y as i32 + y as i32);
                    if (0..width as i32).contains(&x) && (0..height as i32).contains(&y) {
                        let p = image.get_pixel_mut(x as u32, y as u32);
                        p.0[0] = p.0[0].min((245.0 - coverage * 215.0) as u8);
                    }
                });
            }
            caret += scaled.h_advance(id);
        }
        image::imageops::blur(&image, px / 25.0)
    }

    fn fillers_of(line: &str) -> String {
        line.chars().map(|c| if c == '<' { '<' } else { '.' }).collect()
    }

    #[test]
    fn the_fillers_of_printed_zone_lines_are_seen() {
        let lines = [
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
            "IDROUSAVA<<SUPERMAN<<<<<<<<<<<<<<<<<",
            "P<ISLAEVARSDOTTIR<<THURIDUR<OESP<<<<<<<<<<<<",
        ];
        for (px, slope) in [(28.0, 0.0), (18.0, 0.0), (24.0, 0.005), (24.0, -0.005)] {
            for line in lines {
                let seen = fillers_seen(&printed(line, px, slope)).map(|f| shown(&f));
                assert_eq!(seen.as_deref(), Some(fillers_of(line).as_str()), "{line} at {px} px, slope {slope}");
            }
        }
    }

    #[test]
    fn a_line_that_shows_no_zone_says_nothing() {
        for (line, why) in [
            ("HD198025<51328505095M130509012049941", "one filler: no picture of one"),
            ("P<UTOERIKSSON<<ANNA<MARIA<<<<", "29 cells: no zone's width"),
            ("ANNA MARIA ERIKSSON 1974 08 12 STOCKHOLM UTO", "no fillers"),
        ] {
            assert_eq!(fillers_seen(&printed(line, 24.0, 0.0)), None, "{why}");
        }
        assert_eq!(fillers_seen(&GrayImage::from_pixel(600, 40, image::Luma([250]))), None, "blank");
    }

    fn mask(m: &str) -> Vec<bool> {
        m.chars().map(|c| c == '<').collect()
    }

    #[test]
    fn text_is_laid_on_the_cells_its_fillers_were_seen_in() {
        let fin = ".<...........<<.....<......<<<<<<<<<<<<<<<<<";
        let td1 = "......<<....<<<<<<<<<<<<<<<<<<";
        for (read, cells, mended, why) in [
            (
                "P<FINVIRTANEN<<MARIA<KOLIVIA<<<<KK<<KEKKKKKK",
                fin,
                Some("P<FINVIRTANEN<<MARIA<OLIVIA<<<<<<<<<<<<<<<<<"),
                "`<` read as `<K`, fillers as letters",
            ),
            (
                "P<FINVIRTANEN<<MARIAKOLIVIA<<<<<<<<<<<<<<<<<",
                fin,
                Some("P<FINVIRTANEN<<MARIA<OLIVIA<<<<<<<<<<<<<<<<<"),
                "`<` read as `K`",
            ),
            (
                "P<FINVIRTANEN<<MARIA<OLIVIA<<<<<<<<<<<<<",
                fin,
                Some("P<FINVIRTANEN<<MARIA<OLIVIA<<<<<<<<<<<<<<<<<"),
                "fillers dropped",
            ),
            ("VZOREC<<TINA<<<<<<<<c<cccsc<<", td1, Some("VZOREC<<TINA<<<<<<<<<<<<<<<<<<"), "lower case"),
            ("VZOREC<<TIN<<<<<<<<<<<<<<<<<<", td1, None, "a letter missing: not known"),
            (
                "VZOREC<<TINA<<<<<<<<<<<<<<<<<<",
                "......<<.....<<<<<<<<<<<<<<<<<",
                None,
                "a `<` where the look says letter",
            ),
            ("6106225M1212307<<<<", "...............<<<<<<<<<<<<<<.", None, "the check digit at the end not read"),
            ("VZOREC<<TINA<<<<<<42<<<<<<<<<<", td1, None, "digits where fillers stand"),
            (
                "VZOREC<<TINA<<<<<<<<<<<<<<<<<<<<<<<<<<<",
                td1,
                Some("VZOREC<<TINA<<<<<<<<<<<<<<<<<<"),
                "ten fillers too many",
            ),
            ("VZOREC<<KTINA<<<<<<<<<<<<<<<<<", td1, Some("VZOREC<<TINA<<<<<<<<<<<<<<<<<<"), "`<<` read as `<<K`"),
            ("VZOREC<<KLINE<<<<<<<<<<<<<<<<<", td1, None, "`KLIN` or `LINE`: the `K` or the `E` may be OCR's"),
            ("VZOREC<<TINA<<<<<<<<<<<<<<<<<!", td1, None, "a character no zone has"),
            ("6606079FO0807276SI<<<<<<KKKK<<", ".................<<<<<<<<<<<<.", None, "an `O` added amid digits"),
        ] {
            assert_eq!(mend(read, &mask(cells)).as_deref(), mended, "{why}");
        }
    }

    #[test]
    fn a_character_added_amid_letters_is_not_guessed() {
        // OCR added an `S` (or was it the `L`?): only the check digits could say.
        let cells = mask("........<..............................<<<..");
        assert_eq!(mend("00000000<0LTU5S911239F120101145911231023<<<16", &cells), None);
        assert_eq!(
            mend("00000000<0LTU5911239F120101145911231023<<<16", &cells).as_deref(),
            Some("00000000<0LTU5911239F120101145911231023<<<16")
        );
    }
}
