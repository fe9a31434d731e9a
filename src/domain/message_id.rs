//! Message-IDs (RFC 5322 `msg-id`), as a party's mail client writes them in
//! `Message-ID`, `In-Reply-To` and `References`: with or without angle brackets, with
//! stray spaces.

use std::fmt;

/// A Message-ID in its one written form, `<id>`: the form the court's replies carry and
/// the outbox stores, so a party's answer finds its ticket however its client wrote the
/// id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageId(String);

impl MessageId {
    /// `None` when nothing is inside the brackets.
    pub fn parse(input: &str) -> Option<Self> {
        let inner = input.trim().trim_start_matches('<').trim_end_matches('>').trim();
        (!inner.is_empty()).then(|| Self(format!("<{inner}>")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_a_client_writes_an_id_reads_as_one() {
        let cases = [
            ("<EA-1.x@court.example>", Some("<EA-1.x@court.example>")),
            ("EA-1.x@court.example", Some("<EA-1.x@court.example>")),
            ("  <EA-1.x@court.example> ", Some("<EA-1.x@court.example>")),
            ("<<EA-1.x@court.example>>", Some("<EA-1.x@court.example>")),
            ("< EA-1.x@court.example >", Some("<EA-1.x@court.example>")),
            ("<>", None),
            ("   ", None),
        ];
        for (input, want) in cases {
            assert_eq!(MessageId::parse(input).as_ref().map(MessageId::as_str), want, "{input:?}");
        }
    }
}
