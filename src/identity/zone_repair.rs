//! Repair of a zone read by OCR, by the standard (ICAO 9303 Part 3–5): each cell of a
//! zone may hold only certain characters, so a look-alike in the wrong class is put
//! back — digits in dates and check digits, letters in country codes (only where that
//! gives a code that exists) and in the name — and the document number, which holds
//! both, is repaired only where its own check digit and the composite then hold, and
//! no other repair would. Pure: zone lines in, zone lines out; the check digits that
//! then hold decide whether a reading is valid (`mrz::read`).

use std::ops::Range;

/// Cells of a zone: a line and a range of its characters.
type Cells = (usize, Range<usize>);

/// What a zone's layout puts where, by format.
struct Layout {
    /// Line and cells of the document number; its check digit follows it.
    number: Cells,
    /// Cells that hold digits only (dates, check digits), by line.
    digits: &'static [Cells],
    /// Country codes (issuer, nationality), by line.
    countries: &'static [Cells],
    /// The name's line and the cell it starts at.
    name: (usize, usize),
    /// The composite check digit and the cells it covers, where the format has one.
    composite: Option<((usize, usize), &'static [Cells])>,
}

const TD1: Layout = Layout {
    number: (0, 5..14),
    digits: &[(0, 14..15), (1, 0..7), (1, 8..15), (1, 29..30)],
    countries: &[(0, 2..5), (1, 15..18)],
    name: (2, 0),
    composite: Some(((1, 29), &[(0, 5..30), (1, 0..7), (1, 8..15), (1, 18..29)])),
};
const TD2: Layout = Layout {
    number: (1, 0..9),
    digits: &[(1, 9..10), (1, 13..20), (1, 21..28), (1, 35..36)],
    countries: &[(0, 2..5), (1, 10..13)],
    name: (0, 5),
    composite: Some(((1, 35), &[(1, 0..10), (1, 13..20), (1, 21..35)])),
};
const TD3: Layout = Layout {
    number: (1, 0..9),
    digits: &[(1, 9..10), (1, 13..20), (1, 21..28), (1, 43..44)],
    countries: &[(0, 2..5), (1, 10..13)],
    name: (0, 5),
    composite: Some(((1, 43), &[(1, 0..10), (1, 13..20), (1, 21..43)])),
};
/// Visas (MRV-A, MRV-B) have no composite check digit.
const MRV_A: Layout = Layout { composite: None, digits: &[(1, 9..10), (1, 13..20), (1, 21..28)], ..TD3 };
const MRV_B: Layout = Layout { composite: None, digits: &[(1, 9..10), (1, 13..20), (1, 21..28)], ..TD2 };

/// A document number with more look-alike cells than this is left as read: its
/// check digit and the composite (one chance in a hundred for a wrong reading) could
/// then be met by chance by one of the readings when the right one is not among them
/// (a digit read as another digit). Where the format has no composite, one cell.
const MAX_AMBIGUOUS_CELLS: usize = 3;
const MAX_AMBIGUOUS_CELLS_WITHOUT_COMPOSITE: usize = 1;

/// Whether a zone's cells stand where OCR read them, or a line was shifted to fit its
/// width (a cell put in or taken off at its start): a shifted number is partly
/// another field's cells or a stand-in, which no repair may make look proven.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    AsRead,
    Shifted,
}

/// The format whose line count and widths the lines have.
fn layout_of(lines: &[String]) -> Option<&'static Layout> {
    let widths: Vec<usize> = lines.iter().map(String::len).collect();
    let visa = lines.first().is_some_and(|l| l.starts_with('V'));
    match (widths.as_slice(), visa) {
        ([30, 30, 30], _) => Some(&TD1),
        ([36, 36], false) => Some(&TD2),
        ([44, 44], false) => Some(&TD3),
        ([36, 36], true) => Some(&MRV_B),
        ([44, 44], true) => Some(&MRV_A),
        _ => None,
    }
}

/// Lines brought to the zone's width where only fillers are wrong: OCR drops
/// characters of a long filler run and splits one filler in two (`<K`), so a line is
/// padded or trimmed at its longest run of fillers (the last of equals), at its end or
/// before its last check digits. The width is the zone's by its line count (three
/// lines: 30) or its longest line. Other lines are left as read; the check digits then
/// say whether the fit was right.
pub fn fit_widths(lines: &[String]) -> Vec<String> {
    let longest = lines.iter().map(String::len).max().unwrap_or(0);
    let width = match lines.len() {
        3 => 30,
        2 => [36usize, 44].into_iter().min_by_key(|w| w.abs_diff(longest)).unwrap_or(44),
        _ => return lines.to_vec(),
    };
    lines.iter().map(|line| fit_width(line, width)).collect()
}

fn fit_width(line: &str, width: usize) -> String {
    let Some((start, run)) = longest_filler_run(line) else { return line.to_string() };
    if line.len() < width && run >= 3 {
        let mut fitted = line.to_string();
        fitted.insert_str(start, &"<".repeat(width - line.len()));
        fitted
    } else if line.len() > width && run > line.len() - width + 2 {
        let excess = line.len() - width;
        format!("{}{}", &line[..start], &line[start + excess..])
    } else {
        line.to_string()
    }
}

/// Where the longest run of fillers starts and how long it is (the last of equals).
fn longest_filler_run(line: &str) -> Option<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|&&c| c == b'<').count();
        if run > 0 && best.is_none_or(|(_, b)| run >= b) {
            best = Some((i, run));
        }
        i += run.max(1);
    }
    best
}

/// The zone with each cell's look-alikes put back in the cell's class (the document
/// number only where its cells are as read). Lines that are not a whole zone of one
/// format are returned as they are.
pub fn repair(lines: &[String], alignment: Alignment) -> Vec<String> {
    let Some(layout) = layout_of(lines) else { return lines.to_vec() };
    if !lines.iter().all(|l| l.is_ascii()) {
        return lines.to_vec();
    }
    let mut cells: Vec<Vec<u8>> = lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    for (line, range) in layout.digits {
        for c in &mut cells[*line][range.clone()] {
            *c = as_digit(*c);
        }
    }
    // Every format opens with the document code, a letter (its second cell may be a
    // digit: a US permanent resident card's `C1`).
    cells[0][0] = as_letter(cells[0][0]);
    for (line, range) in layout.countries {
        let letters: Vec<u8> = cells[*line][range.clone()].iter().map(|&c| as_letter(c)).collect();
        let code = String::from_utf8_lossy(&letters).to_string();
        if mrz::country_name(code.trim_end_matches('<')).is_some() {
            cells[*line][range.clone()].copy_from_slice(&letters);
        }
    }
    let (name_line, name_start) = layout.name;
    repair_name(&mut cells[name_line][name_start..]);
    if let Some(number) = repair_number(&cells, layout).filter(|_| alignment == Alignment::AsRead) {
        let (line, range) = &layout.number;
        cells[*line][range.clone()].copy_from_slice(&number);
    }
    cells.into_iter().map(|c| String::from_utf8_lossy(&c).into_owned()).collect()
}

/// The name's cells: letters and fillers only, then fillers after the name.
fn repair_name(cells: &mut [u8]) {
    for c in cells.iter_mut() {
        *c = as_letter(*c);
    }
    fill_after_name(cells);
}

/// A name's cells after three fillers in a row made fillers, whatever OCR read there:
/// within a name, names are apart by one filler, surname and given names by two, so
/// three end it (`BIRUTE<<<<<<<<K<<<<<K<<<`).
pub(super) fn fill_after_name(cells: &mut [u8]) {
    let first_letter = cells.iter().position(u8::is_ascii_alphabetic).unwrap_or(cells.len());
    let end = cells[first_letter..].windows(3).position(|w| w == b"<<<").map(|p| first_letter + p);
    if let Some(end) = end {
        cells[end..].fill(b'<');
    }
}

/// The document number that, alone of its look-alike readings, meets its own check
/// digit and the composite; `None` when it already does, or when none or several do.
fn repair_number(cells: &[Vec<u8>], layout: &Layout) -> Option<Vec<u8>> {
    let (line, range) = &layout.number;
    let number = &cells[*line][range.clone()];
    let check = cells[*line][range.end] as char;
    let holds = |candidate: &[u8]| {
        let text = String::from_utf8_lossy(candidate);
        mrz::verify(&text, check) && composite_holds(cells, layout, candidate)
    };
    if holds(number) {
        return None;
    }
    // OCR told to read only the zone's characters reads a digit as a letter far more
    // often than the reverse: letters are the cells in doubt.
    let ambiguous: Vec<usize> =
        (0..number.len()).filter(|&i| number[i].is_ascii_alphabetic() && look_alike(number[i]).is_some()).collect();
    let most = if layout.composite.is_some() { MAX_AMBIGUOUS_CELLS } else { MAX_AMBIGUOUS_CELLS_WITHOUT_COMPOSITE };
    if ambiguous.is_empty() || ambiguous.len() > most {
        return None;
    }
    let mut found: Option<Vec<u8>> = None;
    for mask in 1u32..(1 << ambiguous.len()) {
        let mut candidate = number.to_vec();
        for (bit, &i) in ambiguous.iter().enumerate() {
            if mask & (1 << bit) != 0 {
                candidate[i] = look_alike(number[i]).unwrap_or(number[i]);
            }
        }
        if holds(&candidate) {
            if found.is_some() {
                return None;
            }
            found = Some(candidate);
        }
    }
    found
}

/// Whether the composite check digit holds with `number` in the number's cells (true
/// where the format has none).
fn composite_holds(cells: &[Vec<u8>], layout: &Layout, number: &[u8]) -> bool {
    let Some(((line, at), covered)) = &layout.composite else { return true };
    let (number_line, number_range) = &layout.number;
    let mut text = String::new();
    for (l, range) in covered.iter() {
        for i in range.clone() {
            let in_number = l == number_line && number_range.contains(&i);
            text.push(if in_number { number[i - number_range.start] } else { cells[*l][i] } as char);
        }
    }
    mrz::verify(&text, cells[*line][*at] as char)
}

/// The digit OCR may have read as this letter.
fn look_alike(c: u8) -> Option<u8> {
    match c {
        b'O' | b'D' | b'Q' => Some(b'0'),
        b'I' => Some(b'1'),
        b'Z' => Some(b'2'),
        b'S' => Some(b'5'),
        b'B' => Some(b'8'),
        b'G' => Some(b'6'),
        _ => None,
    }
}

/// A digit cell's character: letters OCR reads for digits put back.
fn as_digit(c: u8) -> u8 {
    match c {
        b'O' | b'Q' | b'D' | b'U' => b'0',
        b'I' | b'L' | b'T' | b'J' => b'1',
        b'Z' => b'2',
        b'S' => b'5',
        b'B' => b'8',
        b'G' => b'6',
        b'A' => b'4',
        other => other,
    }
}

/// A letter cell's character: digits OCR reads for letters put back.
fn as_letter(c: u8) -> u8 {
    match c {
        b'0' => b'O',
        b'1' => b'I',
        b'2' => b'Z',
        b'4' => b'A',
        b'5' => b'S',
        b'6' => b'G',
        b'8' => b'B',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn look_alikes_are_put_back_by_each_cells_class() {
        // (as read, as repaired): ICAO 9303's specimens, damaged as OCR damages them.
        let cases: &[(&[&str], &[&str])] = &[
            // TD3: a name's `0` is an `O`; the expiry's `O` a `0`; nationality `UT0`.
            (
                &["P<UT0ERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UT07408122F12O4159ZE184226B<<<<<10"],
                &["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
            ),
            // TD1: the document code's `I` read as a `1`.
            (
                &["1<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
                &["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
            ),
            // The number's `O` for `0`, met by its check digit and the composite.
            (
                &["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10"],
                &["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
            ),
            // Fillers after the name read as letters and digits.
            (
                &["P<FRAULYSSE<<CHRISTOPHE<<<<<6<666K66SKEREKKK", "08CD503380FRA6004103M1806058<<<<<<<<<<<<<<06"],
                &["P<FRAULYSSE<<CHRISTOPHE<<<<<<<<<<<<<<<<<<<<<", "08CD503380FRA6004103M1806058<<<<<<<<<<<<<<06"],
            ),
            // TD1: the number's `I` for `1`, a birth date's `O`, a name's `0`.
            (
                &["I<UTOD23I458907<<<<<<<<<<<<<<<", "74O8122F1204159UTO<<<<<<<<<<<6", "ERIKSS0N<<ANNA<MARIA<<<<<<<<<<"],
                &["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
            ),
        ];
        for (read, repaired) in cases {
            assert_eq!(repair(&zone(read), Alignment::AsRead), zone(repaired), "{read:?}");
        }
    }

    #[test]
    fn lines_are_fitted_to_the_zones_width_at_their_fillers() {
        let cases: &[(&[&str], &[&str])] = &[
            // Filler runs cut short by OCR (a German ID card's zone).
            (
                &["IDD<<T220001293<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<"],
                &["IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"],
            ),
            // A filler read as two characters: the surplus comes off the end.
            (
                &[
                    "IPUSAC661420582<<<<<<<<<<<<<<<",
                    "9705113M3402225USA<<<<<<<<<<<0",
                    "OCONNOR<<BRENDAN<KLEE<<<<<<<<<<",
                ],
                &["IPUSAC661420582<<<<<<<<<<<<<<<", "9705113M3402225USA<<<<<<<<<<<0", "OCONNOR<<BRENDAN<KLEE<<<<<<<<<"],
            ),
            // A line short of characters that are not fillers is left as read.
            (
                &["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B10"],
                &["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B10"],
            ),
            // Fillers lost before the last check digits (an empty personal number).
            (
                &["P<EGYMABROUK<<ALAAELDIN<ISMAIL<MOHAMED<<<<<<", "A000513764EGY6002202M1503151<<<<<<<<<<<<06"],
                &["P<EGYMABROUK<<ALAAELDIN<ISMAIL<MOHAMED<<<<<<", "A000513764EGY6002202M1503151<<<<<<<<<<<<<<06"],
            ),
            // One filler too many there, and in the middle of a card's first line.
            (
                &[
                    "I<UTOD231458907<<<<<<<<<<<<<<<<",
                    "7408122F1204159UTO<<<<<<<<<<<<6",
                    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
                ],
                &["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
            ),
        ];
        for (read, fitted) in cases {
            assert_eq!(fit_widths(&zone(read)), zone(fitted), "{read:?}");
        }
    }

    #[test]
    fn what_the_check_digits_cannot_single_out_is_left_as_read() {
        let cases: &[&[&str]] = &[
            // A number whose check digit was printed wrong: no look-alike reading meets it.
            &["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C37UTO7408122F1204159ZE184226B<<<<<10"],
            // Not a whole zone of one format.
            &["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
            // Check digits see a number only mod 10: `BD0`, `BDO` and `800` all meet
            // them here (a real passport, read so). Two readings hold: neither is taken.
            &["P<HUNHANDRA<<ROZALIA<IRMA<<<<<<<<<<<<<<<<<<<", "BDO0020282HUN7802225F2203012<<<<<<<<<<<<<<06"],
            // A country code that is no country's is not made one.
            &["P<U7OERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
        ];
        for read in cases {
            let out = repair(&zone(read), Alignment::AsRead);
            assert_eq!(out[1], read[1], "{read:?}");
            assert_eq!(out[0][..5], read[0][..5], "{read:?}");
        }
    }

    #[test]
    fn a_number_that_holds_is_not_touched() {
        let cells =
            zone(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]);
        assert_eq!(repair_number(&cells.iter().map(|l| l.as_bytes().to_vec()).collect::<Vec<_>>(), &TD3), None);
    }
}
