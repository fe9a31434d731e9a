//! A ticket's messages screened together: when a party answers with what was missing
//! (the ID sent late, the docket number), the ticket is judged on everything it now has.

use super::Prepared;
use crate::extraction::Candidate;

/// The latest message, with what the earlier ones (oldest first) stated and attached.
/// What the latest message states comes first, so a correction wins; documents keep
/// the order they arrived in.
pub fn combine(latest: Prepared, earlier: Vec<Prepared>) -> Prepared {
    let mut combined = latest;
    let mut documents = Vec::new();
    for prepared in earlier.into_iter().rev() {
        let stated = prepared.stated;
        append_new(&mut combined.stated.names, stated.names);
        append_new(&mut combined.stated.user_ids, stated.user_ids);
        append_new(&mut combined.stated.case_names, stated.case_names);
        append_new(&mut combined.stated.dockets, stated.dockets);
        // Earlier words are searched too: the user ID may be in the first message only.
        for own in stated.own_text {
            if !combined.stated.own_text.contains(&own) {
                combined.stated.own_text.push(own);
            }
        }
        documents.splice(0..0, prepared.documents);
    }
    documents.append(&mut combined.documents);
    combined.documents = documents;
    combined
}

fn append_new<T: PartialEq>(into: &mut Vec<Candidate<T>>, from: Vec<Candidate<T>>) {
    for candidate in from {
        if !into.iter().any(|c| c.value == candidate.value) {
            into.push(candidate);
        }
    }
}
