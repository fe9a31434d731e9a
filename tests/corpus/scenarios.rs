//! Scenario classes: what happens in one message, in the court's terms (a complete
//! request, a missing field, someone else's ID, a stranger's address, an auto-reply…),
//! picked with weights that mirror a real mailbox, and the facts each class fixes (who
//! writes, about which case, from which address, with which attachments).

use chrono::{DateTime, Duration, FixedOffset};

use super::attachments::{Junk, Plan};
use super::mail::automatic;
use super::mail::thread::Thread;
use super::names;
use super::rng::Rng;
use super::truth;
use super::wording;
use super::world::{self, handles, CaseType, Resident, World};

/// The facts of a request message.
#[derive(Debug, Clone)]
pub struct Request {
    pub account: usize,
    /// The case the sender means (their docket's case, or the real one behind an unknown docket).
    pub case: usize,
    pub stated: [bool; 4],
    pub user_id: String,
    /// Canonical docket the sender writes (may be unknown to the court).
    pub docket: String,
    /// The case whose name the sender writes.
    pub case_named: usize,
    pub from: String,
    pub auth_good: bool,
    pub attachments: Vec<Plan>,
    /// Say "ID attached" although nothing is.
    pub forgot_id: bool,
    pub thread: Option<Thread>,
    pub date: DateTime<FixedOffset>,
}

#[derive(Debug, Clone)]
pub enum Scenario {
    Request(Box<Request>),
    Automatic { kind: automatic::Kind, account: Option<usize>, date: DateTime<FixedOffset> },
}

type Build = fn(&World, &mut Rng) -> Option<Scenario>;

/// Class name, weight (per mille), builder, findings the class must produce.
pub const CLASSES: &[(&str, u64, Build, &[&str])] = &[
    ("complete", 420, complete, &[]),
    ("business_with_proof", 30, business_with_proof, &[]),
    ("name_change_with_proof", 25, name_change_with_proof, &["name_change_proof_attached"]),
    ("unsupported_beside_id", 25, unsupported_beside_id, &["unsupported_attachment"]),
    ("two_ids", 12, two_ids, &[]),
    ("spoiled_and_legible", 10, spoiled_and_legible, &[]),
    ("missing_name", 25, missing_name, &["missing_name"]),
    ("missing_user_id", 22, missing_user_id, &["missing_user_id"]),
    ("missing_case_name", 24, missing_case_name, &["missing_case_name"]),
    ("missing_docket_number", 22, missing_docket, &["missing_docket_number"]),
    ("unknown_docket", 22, unknown_docket, &["unknown_docket"]),
    ("case_name_mismatch", 22, case_name_mismatch, &["case_name_mismatch"]),
    ("missing_photo_id", 30, missing_photo_id, &["missing_photo_id"]),
    ("illegible_photo_id", 22, illegible, &["illegible_photo_id"]),
    ("id_expired", 22, expired, &["id_expired"]),
    ("id_name_mismatch", 15, id_name_mismatch, &["id_name_mismatch"]),
    ("business_proof_missing", 18, business_proof_missing, &["business_proof_missing"]),
    ("expired_and_missing_case_name", 6, expired_and_missing_case, &["id_expired", "missing_case_name"]),
    ("missing_docket_and_id", 5, missing_docket_and_id, &["missing_docket_number", "missing_photo_id"]),
    ("illegible_and_missing_user_id", 5, illegible_and_missing_uid, &["illegible_photo_id", "missing_user_id"]),
    (
        "court_follow_up_id_only",
        8,
        follow_up_id_only,
        &["missing_name", "missing_user_id", "missing_case_name", "missing_docket_number"],
    ),
    ("sender_mismatch", 40, sender_mismatch, &["sender_mismatch"]),
    ("sender_unauthenticated", 40, unauthenticated, &["sender_unauthenticated"]),
    ("unknown_user_id", 18, unknown_user_id, &["unknown_user_id"]),
    ("no_pending_request", 18, no_pending_request, &["no_pending_request"]),
    ("mismatch_and_no_id", 5, mismatch_and_no_id, &["sender_mismatch", "missing_photo_id"]),
    ("unauthenticated_and_expired", 5, unauthenticated_and_expired, &["sender_unauthenticated", "id_expired"]),
    ("out_of_office", 30, out_of_office, &["auto_submitted"]),
    ("ticket_ack", 6, ticket_ack, &["auto_submitted"]),
    ("bounce", 22, bounce, &["auto_submitted"]),
    ("list_digest", 15, list_digest, &["auto_submitted"]),
    ("newsletter", 10, newsletter, &["auto_submitted"]),
];

/// Picks a class and builds its scenario (classes that cannot be built in this world
/// fall back to `complete`).
pub fn pick(world: &World, rng: &mut Rng) -> (&'static str, &'static [&'static str], Scenario) {
    let total: u64 = CLASSES.iter().map(|c| c.1).sum();
    let mut roll = rng.range(0, total);
    for (name, weight, build, intended) in CLASSES {
        if roll < *weight {
            if let Some(s) = build(world, rng) {
                return (name, intended, s);
            }
            break;
        }
        roll -= weight;
    }
    let s = complete(world, rng).unwrap_or_else(|| unreachable!("a world has requests"));
    ("complete", &[], s)
}

fn sender(w: &World, account: usize) -> &Resident {
    &w.people[w.accounts[account].person]
}

/// A random request whose account passes `ok`.
fn request_where(w: &World, rng: &mut Rng, ok: impl Fn(&World, usize) -> bool) -> Option<usize> {
    for _ in 0..400 {
        let r = rng.range(0, w.requests.len() as u64) as usize;
        if ok(w, r) {
            return Some(r);
        }
    }
    None
}

fn plain_person(w: &World, r: usize) -> bool {
    let a = &w.accounts[w.requests[r].account];
    a.business.is_none() && w.people[a.person].person.former_surname.is_none()
}

fn after(rng: &mut Rng, at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let local = at.naive_local() + Duration::minutes(rng.range(12, 10 * 24 * 60) as i64);
    world::eastern(local)
}

/// A complete, valid request for request `r`.
fn base(w: &World, rng: &mut Rng, r: usize) -> Request {
    let req = &w.requests[r];
    let acct = &w.accounts[req.account];
    let mut attachments = vec![Plan::PhotoId { holder: sender(w, req.account).clone(), expired: false }];
    if let Some(b) = acct.business {
        if w.cases[req.case].case_type == CaseType::SmallClaims {
            attachments
                .push(Plan::BusinessProof { business: w.businesses[b].name.clone(), person: acct.full_name.clone() });
        }
    }
    if let Some(former) = &w.people[acct.person].person.former_surname {
        let p = &w.people[acct.person].person;
        attachments.push(Plan::NameChange {
            former: format!("{} {former}", p.given),
            current: format!("{} {}", p.given, p.surname),
        });
    }
    if rng.chance(0.05) {
        attachments.push(Plan::Unrelated);
    }
    Request {
        account: req.account,
        case: req.case,
        stated: [true; 4],
        user_id: acct.user_id.clone(),
        docket: w.cases[req.case].docket.clone(),
        case_named: req.case,
        from: acct.email.clone(),
        auth_good: true,
        attachments,
        forgot_id: false,
        thread: None,
        date: after(rng, req.at),
    }
}

fn wrap(r: Request) -> Option<Scenario> {
    Some(Scenario::Request(Box::new(r)))
}

fn complete(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    wrap(base(w, rng, r))
}

fn business_with_proof(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, |w, r| w.accounts[w.requests[r].account].business.is_some())?;
    wrap(base(w, rng, r))
}

fn name_change_with_proof(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, |w, r| {
        let a = &w.accounts[w.requests[r].account];
        a.business.is_none() && w.people[a.person].person.former_surname.is_some()
    })?;
    wrap(base(w, rng, r))
}

fn unsupported_beside_id(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.attachments.push(Plan::Junk(*rng.pick(&[Junk::Zip, Junk::Exe, Junk::Txt, Junk::Docx])));
    wrap(s)
}

fn two_ids(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.attachments.insert(1, Plan::PhotoId { holder: sender(w, s.account).clone(), expired: false });
    wrap(s)
}

fn spoiled_and_legible(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.attachments.insert(0, Plan::Spoiled { holder: sender(w, s.account).clone() });
    wrap(s)
}

fn without(w: &World, rng: &mut Rng, field: usize) -> Option<Request> {
    let r = request_where(w, rng, |w, r| {
        plain_person(w, r) && (field != 1 || !w.accounts[w.requests[r].account].user_id.contains('@'))
    })?;
    let mut s = base(w, rng, r);
    s.stated[field] = false;
    Some(s)
}

fn missing_name(w: &World, rng: &mut Rng) -> Option<Scenario> {
    wrap(without(w, rng, 0)?)
}

fn missing_user_id(w: &World, rng: &mut Rng) -> Option<Scenario> {
    wrap(without(w, rng, 1)?)
}

fn missing_case_name(w: &World, rng: &mut Rng) -> Option<Scenario> {
    wrap(without(w, rng, 2)?)
}

fn missing_docket(w: &World, rng: &mut Rng) -> Option<Scenario> {
    wrap(without(w, rng, 3)?)
}

fn unknown_docket(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.docket = wording::unknown_docket(w, rng, &s.docket);
    wrap(s)
}

/// Another case a sender might name by mistake: their own other case, one with the same
/// business or surname, or any.
fn other_case(w: &World, rng: &mut Rng, account: usize, case: usize) -> Option<usize> {
    let mut candidates: Vec<usize> = w.cases_of(account).into_iter().filter(|&c| c != case).collect();
    let key = wording::case_key(w, &w.cases[case]);
    if candidates.is_empty() || rng.chance(0.4) {
        candidates
            .extend((0..w.cases.len()).filter(|&c| c != case && !wording::case_key(w, &w.cases[c]).is_disjoint(&key)));
    }
    for _ in 0..30 {
        let c = if candidates.is_empty() || rng.chance(0.2) {
            rng.range(0, w.cases.len() as u64) as usize
        } else {
            *rng.pick(&candidates)
        };
        if wording::different_cases(w, &w.cases[c], &w.cases[case]) {
            return Some(c);
        }
    }
    None
}

fn case_name_mismatch(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.case_named = other_case(w, rng, s.account, s.case)?;
    wrap(s)
}

fn no_id(rng: &mut Rng, s: &mut Request) {
    s.attachments.retain(|p| !matches!(p, Plan::PhotoId { .. } | Plan::Spoiled { .. }));
    match rng.range(0, 4) {
        0 => s.forgot_id = true,
        1 => s.attachments.push(Plan::Unrelated),
        _ => {}
    }
}

fn missing_photo_id(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    no_id(rng, &mut s);
    wrap(s)
}

fn illegible(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    let me = sender(w, s.account).clone();
    s.attachments[0] = Plan::Spoiled { holder: me.clone() };
    if rng.chance(0.2) {
        s.attachments.insert(1, Plan::Spoiled { holder: me });
    }
    wrap(s)
}

fn expired(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.attachments[0] = Plan::PhotoId { holder: sender(w, s.account).clone(), expired: true };
    wrap(s)
}

/// Someone else's ID: a relative with the same surname (or, for a changed name, the
/// sender's own ID in the new name without proof).
fn id_name_mismatch(w: &World, rng: &mut Rng) -> Option<Scenario> {
    if rng.chance(0.3) {
        let r = request_where(w, rng, |w, r| {
            let a = &w.accounts[w.requests[r].account];
            a.business.is_none() && w.people[a.person].person.former_surname.is_some()
        });
        if let Some(r) = r {
            let mut s = base(w, rng, r);
            s.attachments.retain(|p| !matches!(p, Plan::NameChange { .. }));
            return wrap(s);
        }
    }
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    let party = w.requests[r].party_name.clone();
    let me = sender(w, s.account).clone();
    for _ in 0..20 {
        let mut other = me.clone();
        other.person = names::relative(rng, &me.person);
        other.dob = me.dob - Duration::days(rng.range(200, 9000) as i64);
        if !truth::names_match(&other.person.legal(), &party)
            && !truth::names_match(&names::ascii(&other.person.legal()), &party)
        {
            s.attachments[0] = Plan::PhotoId { holder: other, expired: false };
            return wrap(s);
        }
    }
    None
}

fn business_proof_missing(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, |w, r| {
        let a = &w.accounts[w.requests[r].account];
        a.business.is_some() && w.cases[w.requests[r].case].case_type == CaseType::SmallClaims
    })?;
    let mut s = base(w, rng, r);
    s.attachments.retain(|p| !matches!(p, Plan::BusinessProof { .. }));
    wrap(s)
}

fn expired_and_missing_case(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let mut s = without(w, rng, 2)?;
    s.attachments[0] = Plan::PhotoId { holder: sender(w, s.account).clone(), expired: true };
    wrap(s)
}

fn missing_docket_and_id(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let mut s = without(w, rng, 3)?;
    no_id(rng, &mut s);
    wrap(s)
}

fn illegible_and_missing_uid(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let mut s = without(w, rng, 1)?;
    s.attachments[0] = Plan::Spoiled { holder: sender(w, s.account).clone() };
    wrap(s)
}

fn follow_up_id_only(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.stated = [false; 4];
    s.thread = Some(Thread::FollowUp);
    wrap(s)
}

/// An address that is not the account's: work, a new personal one, a relative's.
fn other_address(w: &World, rng: &mut Rng, account: usize) -> String {
    const EMPLOYERS: &[&str] = &[
        "brightlinefreight.example",
        "yalehealth.example",
        "stopandshop-corp.example",
        "hartfordhealthcare.example",
        "electricboat.example",
        "ctschools.example",
        "travelers-ins.example",
        "ups-mail.example",
    ];
    let p = &sender(w, account).person;
    for _ in 0..20 {
        let addr = match rng.range(0, 3) {
            0 => format!(
                "{}.{}@{}",
                names::handle(&p.given).chars().next().unwrap_or('x'),
                names::handle(&p.surname),
                rng.pick(EMPLOYERS)
            ),
            1 => handles::email(w, rng, p, None),
            _ => format!("{}{}@{}", names::handle(&p.given), rng.range(1, 99), handles::domain(rng)),
        };
        if !w.email_taken(&addr) {
            return addr;
        }
    }
    format!("{}{}@gmail.example", names::handle(&p.surname), rng.range(100, 999))
}

fn sender_mismatch(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.from = other_address(w, rng, s.account);
    wrap(s)
}

fn unauthenticated(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.auth_good = false;
    wrap(s)
}

fn unknown_user_id(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r =
        request_where(w, rng, |w, r| plain_person(w, r) && !w.accounts[w.requests[r].account].user_id.contains('@'))?;
    let mut s = base(w, rng, r);
    s.user_id = handles::typo(w, rng, &s.user_id);
    wrap(s)
}

/// A known account writing about a known case it has not asked about: the holder's own
/// case without a request, or a case of other people.
fn no_pending_request(w: &World, rng: &mut Rng) -> Option<Scenario> {
    for _ in 0..300 {
        let a = rng.range(0, w.accounts.len() as u64) as usize;
        let acct = &w.accounts[a];
        if acct.business.is_some() || w.people[acct.person].person.former_surname.is_some() {
            continue;
        }
        let Some(&r) = w.requests_of(a).first() else { continue };
        let mine: Vec<usize> = w.cases_of(a).into_iter().filter(|&c| w.request_for(a, c).is_none()).collect();
        let case = if !mine.is_empty() {
            *rng.pick(&mine)
        } else if rng.chance(0.5) {
            let c = rng.range(0, w.cases.len() as u64) as usize;
            if w.side_of(a, c).is_some() || w.request_for(a, c).is_some() {
                continue;
            }
            c
        } else {
            continue;
        };
        let mut s = base(w, rng, r);
        s.case = case;
        s.case_named = case;
        s.docket = w.cases[case].docket.clone();
        return wrap(s);
    }
    None
}

fn mismatch_and_no_id(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.from = other_address(w, rng, s.account);
    no_id(rng, &mut s);
    wrap(s)
}

fn unauthenticated_and_expired(w: &World, rng: &mut Rng) -> Option<Scenario> {
    let r = request_where(w, rng, plain_person)?;
    let mut s = base(w, rng, r);
    s.auth_good = false;
    s.attachments[0] = Plan::PhotoId { holder: sender(w, s.account).clone(), expired: true };
    wrap(s)
}

fn automatic_from(w: &World, rng: &mut Rng, kind: automatic::Kind, account_rate: f32) -> Option<Scenario> {
    let account = rng.chance(account_rate).then(|| rng.range(0, w.accounts.len() as u64) as usize);
    Some(Scenario::Automatic { kind, account, date: world::random_moment(rng) })
}

fn out_of_office(w: &World, rng: &mut Rng) -> Option<Scenario> {
    automatic_from(w, rng, automatic::Kind::OutOfOffice, 0.5)
}

fn ticket_ack(w: &World, rng: &mut Rng) -> Option<Scenario> {
    automatic_from(w, rng, automatic::Kind::TicketAck, 0.0)
}

fn bounce(w: &World, rng: &mut Rng) -> Option<Scenario> {
    automatic_from(w, rng, automatic::Kind::Bounce, 0.0)
}

fn list_digest(w: &World, rng: &mut Rng) -> Option<Scenario> {
    automatic_from(w, rng, automatic::Kind::List, 0.0)
}

fn newsletter(w: &World, rng: &mut Rng) -> Option<Scenario> {
    automatic_from(w, rng, automatic::Kind::Newsletter, 0.0)
}
