//! What a message body says, as blocks (paragraphs, labelled rows, tables, signatures,
//! quoted earlier mail), and how each family of mail clients renders them: as plain
//! text (wrapped, flowed, `>`-quoted or under an Outlook header block) and as HTML
//! (Gmail's divs, Outlook's MsoNormal paragraphs, Yahoo's wrappers, Apple's
//! blockquotes…).

#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph that a client may wrap.
    Para(String),
    /// Lines kept as typed.
    Lines(Vec<String>),
    /// Label/value rows ("Name: Dana Whitlock").
    Rows(Rows),
    /// An HTML table of label/value cells (rows of text in the plain part).
    Table(Vec<(String, String)>),
    /// Signature lines, with the `-- ` delimiter or not.
    Signature { lines: Vec<String>, delimiter: bool },
    /// An earlier message quoted or forwarded below (or between) the new text.
    Quote(Quote),
}

#[derive(Debug, Clone)]
pub struct Rows {
    pub rows: Vec<(String, String)>,
    pub sep: String,
    pub bullet: String,
    /// Bold labels in the HTML part (the client's editor).
    pub bold: bool,
    /// Pad labels to a common width with spaces.
    pub pad: bool,
}

#[derive(Debug, Clone)]
pub struct Quote {
    /// "On … wrote:", "---------- Forwarded message ---------", or an Outlook
    /// "From:/Sent:/To:/Subject:" block.
    pub attribution: Vec<String>,
    pub blocks: Vec<Block>,
    /// `>` before each quoted line in the plain part.
    pub prefixed: bool,
    /// Outlook-style header block (bold labels, rule above) rather than a one-line
    /// attribution.
    pub header_block: bool,
}

/// The family of HTML a client writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Html {
    Gmail,
    Outlook,
    Owa,
    Yahoo,
    Apple,
    Thunderbird,
    Proton,
    Plain,
    Hey,
}

/// Plain-text habits: wrapping width (0 = none) and format=flowed.
#[derive(Debug, Clone, Copy)]
pub struct PlainStyle {
    pub wrap: usize,
    pub flowed: bool,
    /// Gmail marks bold as `*text*` in the plain part.
    pub star_bold: bool,
    /// Outlook writes table cells on lines of their own.
    pub table_lines: bool,
}

fn wrap(text: &str, width: usize, flowed: bool) -> Vec<String> {
    if width == 0 || text.chars().count() <= width {
        return vec![text.to_string()];
    }
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(if flowed { format!("{cur} ") } else { cur.clone() });
            cur = word.to_string();
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
    }
    lines.push(cur);
    lines
}

fn row_lines(r: &Rows, star: bool) -> Vec<String> {
    let width = r.rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    r.rows
        .iter()
        .map(|(label, value)| {
            let mut l = label.clone();
            if r.pad {
                while l.chars().count() < width {
                    l.push(' ');
                }
            }
            if r.bold && star {
                l = format!("*{l}*");
            }
            if label.is_empty() {
                format!("{}{value}", r.bullet)
            } else {
                format!("{}{l}{}{value}", r.bullet, r.sep)
            }
        })
        .collect()
}

/// The plain-text rendering of `blocks`.
pub fn plain(blocks: &[Block], style: PlainStyle) -> String {
    let mut out: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            Block::Para(t) => out.extend(wrap(t, style.wrap, style.flowed)),
            Block::Lines(ls) => out.extend(ls.iter().cloned()),
            Block::Rows(r) => out.extend(row_lines(r, style.star_bold)),
            Block::Table(cells) => {
                for (l, v) in cells {
                    if style.table_lines {
                        out.extend([l.clone(), String::new(), v.clone(), String::new()]);
                    } else {
                        out.push(format!("{l}\t{v}"));
                    }
                }
            }
            Block::Signature { lines, delimiter } => {
                if *delimiter {
                    out.push("-- ".into());
                }
                out.extend(lines.iter().cloned());
            }
            Block::Quote(q) => out.extend(plain_quote(q, style)),
        }
        out.push(String::new());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n") + "\n"
}

fn plain_quote(q: &Quote, style: PlainStyle) -> Vec<String> {
    let mut out = Vec::new();
    if q.header_block {
        out.push("________________________________".to_string());
    }
    out.extend(q.attribution.iter().cloned());
    if q.header_block {
        out.push(String::new());
    }
    let inner = plain(&q.blocks, PlainStyle { wrap: 0, ..style });
    for line in inner.trim_end().split('\n') {
        if q.prefixed {
            out.push(if line.is_empty() || line.starts_with('>') { format!(">{line}") } else { format!("> {line}") });
        } else {
            out.push(line.to_string());
        }
    }
    out
}

/// HTML-escapes `text`.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

struct Look {
    open: &'static str,
    close: &'static str,
    line_open: &'static str,
    line_close: &'static str,
    blank: &'static str,
}

fn look(h: Html) -> Look {
    match h {
        Html::Gmail => Look { open: "<div dir=\"ltr\">", close: "</div>", line_open: "<div>", line_close: "</div>", blank: "<div><br></div>" },
        Html::Outlook => Look {
            open: OUTLOOK_HEAD,
            close: "</div>\n</body>\n</html>",
            line_open: "<p class=\"MsoNormal\">",
            line_close: "<o:p></o:p></p>\n",
            blank: "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n",
        },
        Html::Owa => Look {
            open: "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style></head><body dir=\"ltr\">",
            close: "</body></html>",
            line_open: "<div class=\"elementToProof\" style=\"font-family: Aptos, Aptos_EmbeddedFont, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);\">",
            line_close: "</div>\n",
            blank: "<div class=\"elementToProof\"><br></div>\n",
        },
        Html::Yahoo => Look {
            open: "<html><head></head><body><div class=\"ydp3c2a8f1byahoo-style-wrap\" style=\"font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:16px;\">",
            close: "</div></body></html>",
            line_open: "<div dir=\"ltr\" data-setdir=\"false\">",
            line_close: "</div>",
            blank: "<div dir=\"ltr\" data-setdir=\"false\"><br></div>",
        },
        Html::Apple => Look {
            open: "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head><body dir=\"auto\">",
            close: "</body></html>",
            line_open: "<div dir=\"ltr\">",
            line_close: "</div>",
            blank: "<div dir=\"ltr\"><br></div>",
        },
        Html::Thunderbird => Look {
            open: "<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\">\n  </head>\n  <body>\n",
            close: "  </body>\n</html>",
            line_open: "    <p>",
            line_close: "</p>\n",
            blank: "    <p><br>\n    </p>\n",
        },
        Html::Proton => Look {
            open: "<div style=\"font-family: Arial, sans-serif; font-size: 14px;\">",
            close: "</div>",
            line_open: "<div style=\"font-family: Arial, sans-serif; font-size: 14px;\">",
            line_close: "</div>",
            blank: "<div style=\"font-family: Arial, sans-serif; font-size: 14px;\"><br></div>",
        },
        Html::Hey => Look {
            open: "<div class=\"trix-content\">\n",
            close: "</div>\n",
            line_open: "<div>",
            line_close: "</div>",
            blank: "<div><br></div>",
        },
        Html::Plain => Look { open: "<html><body>", close: "</body></html>", line_open: "<div>", line_close: "</div>", blank: "<div><br></div>" },
    }
}

const OUTLOOK_HEAD: &str = "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns:m=\"http://schemas.microsoft.com/office/2004/12/omml\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n<meta name=\"Generator\" content=\"Microsoft Word 15 (filtered medium)\">\n<style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:\"Cambria Math\";\n\tpanose-1:2 4 5 3 5 4 6 3 2 4;}\n@font-face\n\t{font-family:Calibri;\n\tpanose-1:2 15 5 2 2 2 4 3 2 4;}\n/* Style Definitions */\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0in;\n\tfont-size:11.0pt;\n\tfont-family:\"Calibri\",sans-serif;}\nspan.EmailStyle17\n\t{mso-style-type:personal-compose;}\n@page WordSection1\n\t{size:8.5in 11.0in;\n\tmargin:1.0in 1.0in 1.0in 1.0in;}\ndiv.WordSection1\n\t{page:WordSection1;}\n--></style>\n</head>\n<body lang=\"EN-US\" link=\"#0563C1\" vlink=\"#954F72\" style=\"word-wrap:break-word\">\n<div class=\"WordSection1\">\n";

fn line(l: &Look, text: &str) -> String {
    if text.trim().is_empty() {
        l.blank.to_string()
    } else {
        format!("{}{}{}", l.line_open, esc(text), l.line_close)
    }
}

fn html_rows(l: &Look, r: &Rows) -> String {
    let mut out = String::new();
    for (label, value) in &r.rows {
        let lab = if label.is_empty() {
            String::new()
        } else if r.bold {
            format!("<b>{}</b>{}", esc(label), esc(&r.sep))
        } else {
            format!("{}{}", esc(label), esc(&r.sep))
        };
        out.push_str(&format!("{}{}{lab}{}{}", l.line_open, esc(&r.bullet), esc(value), l.line_close));
    }
    out
}

fn html_table(h: Html, cells: &[(String, String)]) -> String {
    let cls = if h == Html::Outlook { " class=\"MsoTableGrid\"" } else { "" };
    let mut out =
        format!("<table{cls} border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse\">\n");
    for (l, v) in cells {
        out.push_str(&format!(
            "<tr><td width=\"180\" valign=\"top\"><b>{}</b></td><td width=\"300\" valign=\"top\">{}</td></tr>\n",
            esc(l),
            esc(v)
        ));
    }
    out.push_str("</table>\n");
    out
}

fn html_quote(h: Html, q: &Quote) -> String {
    let inner = html_blocks(h, &q.blocks);
    let attribution: Vec<String> = q.attribution.iter().map(|a| esc(a)).collect();
    if q.header_block {
        let head: Vec<String> = q
            .attribution
            .iter()
            .map(|a| match a.split_once(": ") {
                Some((k, v)) if !k.contains(' ') || k == "Sent" => format!("<b>{}:</b> {}", esc(k), esc(v)),
                _ => esc(a),
            })
            .collect();
        return format!(
            "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p class=\"MsoNormal\">{}</p></div>\n<div id=\"divRplyFwdMsg\">{inner}</div>\n",
            head.join("<br>\n")
        );
    }
    let attr = attribution.join("<br>");
    match h {
        Html::Gmail => format!("<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">{attr}<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">{inner}</blockquote></div>"),
        Html::Yahoo => format!("<div id=\"yahoo_quoted_4821\" class=\"yahoo_quoted\"><div style=\"font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;\"><div>{attr}</div><div><br></div>{inner}</div></div>"),
        Html::Proton => format!("<div class=\"protonmail_quote\">{attr}<br><blockquote class=\"protonmail_quote\" type=\"cite\">{inner}</blockquote><br></div>"),
        Html::Thunderbird => format!("<div class=\"moz-cite-prefix\">{attr}<br></div>\n<blockquote type=\"cite\">{inner}</blockquote>\n"),
        _ => format!("<div>{attr}<br></div><blockquote type=\"cite\" style=\"margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex\">{inner}</blockquote>"),
    }
}

fn html_blocks(h: Html, blocks: &[Block]) -> String {
    let l = look(h);
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Para(t) => out.push_str(&line(&l, t)),
            Block::Lines(ls) => ls.iter().for_each(|t| out.push_str(&line(&l, t))),
            Block::Rows(r) => out.push_str(&html_rows(&l, r)),
            Block::Table(cells) => out.push_str(&html_table(h, cells)),
            Block::Signature { lines, .. } => {
                let sig: Vec<String> = lines.iter().map(|t| line(&l, t)).collect();
                if h == Html::Gmail {
                    out.push_str(&format!("<div dir=\"ltr\" class=\"gmail_signature\">{}</div>", sig.concat()));
                } else {
                    out.push_str(&sig.concat());
                }
            }
            Block::Quote(q) => out.push_str(&html_quote(h, q)),
        }
        if !matches!(b, Block::Quote(_)) {
            out.push_str(l.blank);
        }
    }
    out
}

/// The HTML rendering of `blocks`, with `extra` (an inline `<img>`) before the closing
/// tags.
pub fn html(h: Html, blocks: &[Block], extra: &str) -> String {
    let l = look(h);
    format!("{}{}{extra}{}", l.open, html_blocks(h, blocks), l.close)
}
