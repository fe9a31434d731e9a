//! The README's findings table is documentation clerks and IT read; it must say what
//! the rules table does.

use accessd::screening::findings::{Effect, RULES};

#[test]
fn readme_findings_table_matches_the_rules() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for rule in RULES {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}` |", rule.code.as_str())))
            .unwrap_or_else(|| panic!("README has no row for {}", rule.code));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let disposition = cells[3];
        let expected = match rule.effect {
            Effect::Ignore => "ignored",
            Effect::Flag => "flagged",
            Effect::NeedsInformation => "needs_information",
            Effect::Informational => "ready_for_review (informational)",
        };
        assert_eq!(disposition, expected, "README row for {}", rule.code);
    }
}
