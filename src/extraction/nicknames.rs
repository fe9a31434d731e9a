//! Given names people sign with instead of their own: `Bob` for Robert, `Liz` for
//! Elizabeth. The table is a published list of English nicknames
//! (`third_party/nicknames`, Apache-2.0), compiled in. Pure.

use std::collections::HashSet;
use std::sync::LazyLock;

static PAIRS: LazyLock<HashSet<(&'static str, &'static str)>> = LazyLock::new(|| {
    include_str!("../../third_party/nicknames/names.csv")
        .lines()
        .skip(1)
        .filter_map(|row| {
            let mut cells = row.split(',');
            let (given, relation, nickname) = (cells.next()?, cells.next()?, cells.next()?);
            (relation == "has_nickname").then_some((given.trim(), nickname.trim()))
        })
        .collect()
});

/// Whether `nickname` (a lower-case name token) is a known nickname of `given`. The
/// list goes from the given name to its nicknames only (a few pairs are listed both ways).
pub fn is_nickname_of(nickname: &str, given: &str) -> bool {
    PAIRS.contains(&(given, nickname))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_pairs_only_in_their_direction() {
        let table = [
            ("bob", "robert", true),
            ("liz", "elizabeth", true),
            ("peggy", "margaret", true),
            ("elizabeth", "liz", false),
            ("bob", "elizabeth", false),
            ("bo", "robert", false),
        ];
        for (nickname, given, want) in table {
            assert_eq!(is_nickname_of(nickname, given), want, "{nickname} for {given}");
        }
    }
}
