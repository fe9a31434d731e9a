//! What the message is about: the user ID, account, docket, case name and name the
//! party states, settled against the directory snapshot. Two readings meet here: the
//! free-form one (labels, prose, captions — it reports what is stated even when the
//! directory has never heard of it) and the directory-guided one (the values the
//! directory says the party could mean, looked for in their own words). Pure.

use crate::directory::{Account, Case, DirectorySnapshot, PartyKind};
use crate::domain::{CaseName, DocketNumber, EmailAddress, PersonName, UserId};
use crate::extraction::guided::{self, Found};
use crate::extraction::{self, Candidate, Source, StatedFields};

/// The fields as the party states them, with the directory rows they point to.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub user_id: Option<UserId>,
    /// The account the stated user ID names; else the one with the sender's address.
    pub account: Option<Account>,
    pub docket_number: Option<DocketNumber>,
    pub case: Option<Case>,
    pub case_name: Option<CaseName>,
    pub name: Option<PersonName>,
    pub other_dockets: Vec<DocketNumber>,
}

/// Settles every field.
pub fn resolve(stated: &StatedFields, from: Option<&EmailAddress>, directory: &DirectorySnapshot) -> Resolved {
    let free_names: Vec<String> = stated.names.iter().flat_map(|c| c.value.tokens()).filter(|t| t.len() > 1).collect();
    let known_ids: Vec<UserId> = directory.accounts.iter().map(|a| a.user_id.clone()).collect();
    let found_ids = guided::find_user_ids(&stated.own_text, &known_ids, &free_names);
    let user_id = choose_user_id(&stated.user_ids, &found_ids, from, directory);
    let senders_account = from.and_then(|f| directory.accounts_with_email(f).next());
    let account = match &user_id {
        Some(u) => directory.account(u).cloned(),
        None => senders_account.cloned(),
    };

    let candidates = candidate_cases(account.as_ref(), directory);
    let found_dockets =
        guided::find_dockets(&stated.own_text, &candidates.iter().map(|c| c.docket.clone()).collect::<Vec<_>>());
    let (docket_number, case) = choose_case(stated, &found_dockets, account.as_ref(), directory);
    let other_dockets = stated
        .dockets
        .iter()
        .map(|c| c.value.clone())
        .filter(|d| Some(d) != docket_number.as_ref() && !case.as_ref().is_some_and(|c| d.could_be(&c.docket)))
        .collect();

    let mut caption_cases: Vec<(DocketNumber, CaseName)> =
        case.iter().chain(candidates.iter().copied()).map(|c| (c.docket.clone(), c.case_name.clone())).collect();
    caption_cases.dedup_by(|a, b| a.0 == b.0);
    let found_captions = guided::find_case_names(&stated.own_text, &caption_cases);
    let case_name = choose_case_name(&stated.case_names, &found_captions, case.as_ref());

    // A user ID the directory does not know leaves no account; the sender's own
    // account's name is still one the party may have written.
    let expected = expected_names(account.as_ref().or(senders_account), directory);
    let caption_spans = caption_spans(stated, &found_captions);
    let found_names = guided::find_names(&stated.own_text, &expected, &caption_spans);
    // A name-like line that is a found caption as written (`del Valle V. Ng`) is the case.
    let names: Vec<Candidate<PersonName>> = stated
        .names
        .iter()
        .filter(|c| c.strong || !found_captions.iter().any(|f| same_words(&f.as_written, &c.value.to_string())))
        .cloned()
        .collect();
    let name = choose_name(&names, &found_names, &expected);
    Resolved { user_id, account, docket_number, case, case_name, name, other_dockets }
}

/// A user ID the party labelled or wrote in a sentence is taken as stated when the
/// directory knows it; an account's user ID found in their words comes next (the
/// sender's own account first); then a stated one the directory does not know (so an
/// unknown ID is reported as stated); then lone words that the directory knows or that
/// look like a login.
fn choose_user_id(
    stated: &[Candidate<UserId>],
    found: &[Found<UserId>],
    from: Option<&EmailAddress>,
    directory: &DirectorySnapshot,
) -> Option<UserId> {
    let known = |u: &UserId| directory.account(u).is_some();
    let senders = |u: &UserId| directory.account(u).is_some_and(|a| Some(&a.email) == from);
    let strong = || stated.iter().filter(|c| c.strong);
    strong()
        .find(|c| known(&c.value))
        .map(|c| c.value.clone())
        .or_else(|| found.iter().find(|f| senders(&f.value)).map(|f| f.value.clone()))
        .or_else(|| found.first().map(|f| f.value.clone()))
        .or_else(|| strong().next().map(|c| c.value.clone()))
        .or_else(|| stated.iter().find(|c| known(&c.value)).map(|c| c.value.clone()))
        .or_else(|| stated.iter().find(|c| extraction::looks_like_login(&c.value)).map(|c| c.value.clone()))
}

/// Cases the party could mean: those of the account's pending requests.
fn candidate_cases<'a>(account: Option<&Account>, directory: &'a DirectorySnapshot) -> Vec<&'a Case> {
    let Some(account) = account else { return Vec::new() };
    directory
        .requests
        .iter()
        .filter(|r| r.user_id == account.user_id)
        .filter_map(|r| directory.cases.iter().find(|c| c.docket == r.docket))
        .collect()
}

/// Among the dockets stated (in full, or as a candidate case's number), the one the
/// account has a pending request on; else the first the directory knows; else the
/// first stated.
fn choose_case(
    stated: &StatedFields,
    found: &[Found<DocketNumber>],
    account: Option<&Account>,
    directory: &DirectorySnapshot,
) -> (Option<DocketNumber>, Option<Case>) {
    let mentioned: Vec<&DocketNumber> =
        stated.dockets.iter().map(|c| &c.value).chain(found.iter().map(|f| &f.value)).collect();
    let resolved: Vec<(&DocketNumber, Option<&Case>)> =
        mentioned.iter().map(|d| (*d, directory.resolve_docket(d))).collect();
    let with_request =
        |case: &&Case| account.is_some_and(|a| directory.request_for(&a.user_id, &case.docket).is_some());
    let case = resolved
        .iter()
        .filter_map(|(_, c)| *c)
        .find(with_request)
        .or_else(|| resolved.iter().find_map(|(_, c)| *c))
        .cloned();
    let docket = case.as_ref().map(|c| c.docket.clone()).or_else(|| resolved.first().map(|(d, _)| (*d).clone()));
    (docket, case)
}

/// The caption of the chosen case as the party wrote it; else the first caption they
/// wrote (which may name another case: a mismatch is theirs to fix); else a caption of
/// another of their cases found in their words.
fn choose_case_name(
    stated: &[Candidate<CaseName>],
    found: &[Found<(DocketNumber, CaseName)>],
    case: Option<&Case>,
) -> Option<CaseName> {
    let of_case = |f: &&Found<(DocketNumber, CaseName)>| case.is_some_and(|c| c.docket == f.value.0);
    found
        .iter()
        .find(of_case)
        .map(|f| f.value.1.clone())
        .or_else(|| stated.first().map(|c| c.value.clone()))
        .or_else(|| found.first().map(|f| f.value.1.clone()))
}

/// The names a party may sign with: the account holder's, and the person named on
/// each of the account's pending requests.
fn expected_names(account: Option<&Account>, directory: &DirectorySnapshot) -> Vec<PersonName> {
    let Some(account) = account else { return Vec::new() };
    let mut out = vec![account.full_name.clone()];
    for r in directory.requests.iter().filter(|r| r.user_id == account.user_id) {
        let business = directory.party(&r.docket, &r.party_name).is_some_and(|p| p.party_kind == PartyKind::Business)
            || account.business_name.as_deref().is_some_and(|b| b.eq_ignore_ascii_case(&r.party_name));
        if let (false, Ok(name)) = (business, PersonName::parse(&r.party_name)) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Byte ranges (per piece of own text) where a caption was found: a name inside a
/// caption names a party to the case, not the writer.
fn caption_spans(stated: &StatedFields, captions: &[Found<(DocketNumber, CaseName)>]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    // The directory's captions as found: a free-form reading may overreach into the
    // name written before it. As written, except that a caption wrapped by the mail
    // client has a line break where the found caption has a space.
    for caption in captions.iter().map(|f| f.as_written.as_str()) {
        let words: Vec<String> = caption.split_whitespace().map(regex::escape).collect();
        let Ok(pattern) = regex::Regex::new(&words.join(r"\s+")) else { continue };
        for (i, piece) in stated.own_text.iter().enumerate() {
            out.extend(pattern.find_iter(&piece.text).map(|m| (i, m.start(), m.end())));
        }
    }
    out
}

/// Whether two writings have the same words, whatever their case and punctuation.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    words(a) == words(b)
}

/// A name the party gave in a sentence or after a label is taken as stated; else the
/// account holder's or party's name found in their words (their own text before a
/// subject or file name); else a lone name line that the directory knows; else the
/// first name-like line.
fn choose_name(
    stated: &[Candidate<PersonName>],
    found: &[Found<PersonName>],
    expected: &[PersonName],
) -> Option<PersonName> {
    let place = |s: Source| match s {
        Source::Label | Source::Prose | Source::Line => 0,
        Source::Letter => 1,
        Source::Subject => 2,
        Source::FileName => 3,
        Source::Forwarded => 4,
    };
    let best_found = found.iter().min_by_key(|f| place(f.source)).map(|f| f.value.clone());
    stated
        .iter()
        .find(|c| c.strong)
        .map(|c| c.value.clone())
        .or(best_found)
        .or_else(|| {
            stated
                .iter()
                .find(|c| expected.iter().any(|k| k.matches(&c.value) || shares_surname(k, &c.value)))
                .map(|c| c.value.clone())
        })
        .or_else(|| stated.first().map(|c| c.value.clone()))
}

fn shares_surname(a: &PersonName, b: &PersonName) -> bool {
    let a = a.significant_tokens();
    b.significant_tokens().iter().any(|t| t.len() > 2 && a.contains(t))
}
