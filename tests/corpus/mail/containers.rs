//! Files that wrap other content, written by hand: a stored (uncompressed) ZIP, a
//! minimal Word `.docx` letter built on it, Outlook's `winmail.dat` (TNEF) carrying the
//! real attachments, and small files no clerk can use (`.exe`, `.txt`).

/// A ZIP archive of `entries` (name, bytes), stored without compression.
pub fn zip(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let crc = crc32fast::hash(data);
        let offset = out.len() as u32;
        let header = |sig: u32, central_dir: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central_dir {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h.extend_from_slice(&0x6000u16.to_le_bytes());
            h.extend_from_slice(&0x5B21u16.to_le_bytes());
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes());
            h
        };
        out.extend(header(0x0403_4B50, false));
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        let mut c = header(0x0201_4B50, true);
        c.extend_from_slice(&[0; 10]);
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        central.extend(c);
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend(central);
    out.extend_from_slice(&0x0605_4B50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A minimal valid Word document whose body is `paragraphs`.
pub fn docx(paragraphs: &[String]) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", xml_escape(p)))
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    zip(&[
        ("[Content_Types].xml", content_types.as_bytes().to_vec()),
        ("_rels/.rels", rels.as_bytes().to_vec()),
        ("word/document.xml", document.into_bytes()),
    ])
}

fn tnef_attr(out: &mut Vec<u8>, level: u8, id: u32, data: &[u8]) {
    out.push(level);
    out.extend_from_slice(&id.to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    let sum: u32 = data.iter().map(|&b| u32::from(b)).sum();
    out.extend_from_slice(&((sum & 0xFFFF) as u16).to_le_bytes());
}

const LVL_MESSAGE: u8 = 1;
const LVL_ATTACHMENT: u8 = 2;
const ATT_TNEF_VERSION: u32 = 0x0008_9006;
const ATT_OEM_CODEPAGE: u32 = 0x0006_9007;
const ATT_MESSAGE_CLASS: u32 = 0x0007_8008;
const ATT_ATTACH_REND_DATA: u32 = 0x0006_9002;
const ATT_ATTACH_TITLE: u32 = 0x0001_8010;
const ATT_ATTACH_DATA: u32 = 0x0006_800F;

/// `winmail.dat`: a TNEF stream with each (file name, bytes) as an attachment; titles
/// in the OEM code page the stream declares (windows-1252).
pub fn tnef(files: &[(String, Vec<u8>)], key: u16) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&0x223E_9F78u32.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    tnef_attr(&mut out, LVL_MESSAGE, ATT_TNEF_VERSION, &0x0001_0000u32.to_le_bytes());
    tnef_attr(&mut out, LVL_MESSAGE, ATT_OEM_CODEPAGE, &[0xE4, 0x04, 0, 0, 0, 0, 0, 0]);
    tnef_attr(&mut out, LVL_MESSAGE, ATT_MESSAGE_CLASS, b"IPM.Microsoft Mail.Note\0");
    for (name, data) in files {
        let mut rend = Vec::new();
        rend.extend_from_slice(&1u16.to_le_bytes());
        rend.extend_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        rend.extend_from_slice(&32u16.to_le_bytes());
        rend.extend_from_slice(&32u16.to_le_bytes());
        rend.extend_from_slice(&0u32.to_le_bytes());
        tnef_attr(&mut out, LVL_ATTACHMENT, ATT_ATTACH_REND_DATA, &rend);
        let mut title = super::charset::Charset::Cp1252.encode(name).unwrap_or_else(|| name.as_bytes().to_vec());
        title.push(0);
        tnef_attr(&mut out, LVL_ATTACHMENT, ATT_ATTACH_TITLE, &title);
        tnef_attr(&mut out, LVL_ATTACHMENT, ATT_ATTACH_DATA, data);
    }
    out
}

/// A tiny Windows executable header (enough for any sniffer to call it a program).
pub fn exe() -> Vec<u8> {
    let mut v = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    v.resize(128, 0);
    v[0x3C] = 0x80;
    v.extend_from_slice(b"PE\0\0\x4c\x01\x01\x00");
    v.resize(512, 0);
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn zip_ends_with_a_directory_that_counts_its_entries() {
        let z = super::zip(&[("a.txt", b"hello".to_vec()), ("b/c.xml", b"<x/>".to_vec())]);
        let eocd = &z[z.len() - 22..];
        assert_eq!(&eocd[..4], &[0x50, 0x4B, 0x05, 0x06]);
        assert_eq!(u16::from_le_bytes([eocd[10], eocd[11]]), 2);
        let cd_offset = u32::from_le_bytes([eocd[16], eocd[17], eocd[18], eocd[19]]) as usize;
        assert_eq!(&z[cd_offset..cd_offset + 4], &[0x50, 0x4B, 0x01, 0x02]);
    }

    #[test]
    fn tnef_attributes_carry_checksums() {
        let t = super::tnef(&[("ID.jpg".to_string(), vec![1, 2, 3])], 7);
        assert_eq!(&t[..4], &0x223E_9F78u32.to_le_bytes());
        let mut i = 6;
        let mut titles = Vec::new();
        while i < t.len() {
            let id = u32::from_le_bytes([t[i + 1], t[i + 2], t[i + 3], t[i + 4]]);
            let len = u32::from_le_bytes([t[i + 5], t[i + 6], t[i + 7], t[i + 8]]) as usize;
            let data = &t[i + 9..i + 9 + len];
            let sum = u16::from_le_bytes([t[i + 9 + len], t[i + 10 + len]]);
            assert_eq!(u32::from(sum), data.iter().map(|&b| u32::from(b)).sum::<u32>() & 0xFFFF);
            if id == 0x0001_8010 {
                titles.push(data.to_vec());
            }
            i += 11 + len;
        }
        assert_eq!(titles, vec![b"ID.jpg\0".to_vec()]);
    }
}
