use super::*;

fn rules() -> ExtractionRules {
    ExtractionRules {
        court_locations: ["HHD", "FBT", "NNH", "NHH", "MMX", "FST", "HFH", "DBD", "KNL", "HHB"]
            .map(String::from)
            .to_vec(),
        example_dockets: vec![DocketNumber::parse("HHD-CV17-5022125-S").unwrap()],
        boilerplate_markers: vec!["E-Services Procedures and Technology Support Desk".into()],
    }
}

struct Got {
    name: Option<String>,
    user_id: Option<String>,
    case_name: Option<String>,
    docket: Option<String>,
    all_dockets: Vec<String>,
}

fn run(body: &str, subject: &str, files: &[&str]) -> Got {
    let fields = extract(
        &ExtractionInput { body, subject, sender: None, forwarded: &[], file_names: files, letters: &[] },
        &rules(),
    );
    Got {
        name: fields.names.first().map(|c| c.value.to_string()),
        user_id: fields.user_ids.iter().find(|c| c.strong).map(|c| c.value.to_string()),
        case_name: fields.case_names.first().map(|c| c.value.to_string()),
        docket: fields.dockets.first().map(|c| c.value.to_string()),
        all_dockets: fields.dockets.iter().map(|c| c.value.to_string()).collect(),
    }
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn labelled_list() {
    let g = run(
        "Hello,\n\nName: Dana R. Whitlock\nE-Services User ID: dwhitlock84\nCase Name: Whitlock v. Capitol Auto Sales, LLC\nDocket Number: HHD-CV24-6187342-S\n\nThank you,\nDana Whitlock\n",
        "Electronic access request",
        &["DL scan.png"],
    );
    assert_eq!(g.name, s("Dana R. Whitlock"));
    assert_eq!(g.user_id, s("dwhitlock84"));
    assert_eq!(g.case_name, s("Whitlock v. Capitol Auto Sales, LLC"));
    assert_eq!(g.docket, s("HHD-CV24-6187342-S"));
}

#[test]
fn free_prose() {
    let g = run(
        "Hi, my name is Marcus Feld and I just signed up for e-services (my user id is mfeld.ct). I'm representing myself in Feld v. Feld, docket FBT FA 25 6143307, and I clicked the request access button this morning.\n\nMarcus\n",
        "access to my divorce case",
        &[],
    );
    assert_eq!(g.name, s("Marcus Feld"));
    assert_eq!(g.user_id, s("mfeld.ct"));
    assert_eq!(g.case_name, s("Feld v. Feld"));
    assert_eq!(g.docket, s("FBT-FA25-6143307"));
}

#[test]
fn everything_in_the_subject() {
    let fields = extract(
        &ExtractionInput {
            body: "Please see my green card attached for e access\n\nSent from my iPhone\n",
            subject: "Priya Raman-Okafor / PRamanOkafor / Elm City Properties v. Raman-Okafor / NHH-CV25-6021873-S",
            sender: None,
            forwarded: &[],
            file_names: &["IMG_2231.jpg"],
            letters: &[],
        },
        &rules(),
    );
    assert_eq!(fields.names[0].value.as_str(), "Priya Raman-Okafor");
    assert_eq!(fields.user_ids[0].value.as_str(), "PRamanOkafor");
    assert!(!fields.user_ids[0].strong, "a lone subject word needs the directory to confirm it");
    assert_eq!(fields.case_names[0].value.as_str(), "Elm City Properties v. Raman-Okafor");
    assert_eq!(fields.dockets[0].value.to_string(), "NHH-CV25-6021873-S");
}

#[test]
fn reply_above_quoted_court_instructions() {
    let body = "Here is the information you asked for.\n\nGregory Tasca\nUser ID gtasca\nTasca v. Middlesex Mutual Assurance Co.\nMMX-CV23-6038814-S\n\nGreg\n\n\
On 10/7/2026 9:12 AM, E-Services Support wrote:\n> The case name (for example: Smith, John v. Jones, Mary)\n> Example: John Q. Sample, User ID jqsample01, Sample v. Example,\n> HHD-CV17-5022125-S, photo of driver's license attached.\n";
    let g = run(body, "Re: Your request for electronic access", &[]);
    assert_eq!(g.name, s("Gregory Tasca"));
    assert_eq!(g.user_id, s("gtasca"));
    assert_eq!(g.case_name, s("Tasca v. Middlesex Mutual Assurance Co."));
    assert_eq!(g.all_dockets, vec!["MMX-CV23-6038814-S"]);
}

#[test]
fn pasted_instructions_without_quote_marks_are_ignored() {
    let body = "Name: Ann Lee\nUser ID: alee1\n\nThe docket number (for example: HHD-CV17-5022125-S)\nExample: John Q. Sample, User ID jqsample01, Sample v. Example\n\nE-Services Procedures and Technology Support Desk\nState of Connecticut Judicial Branch\n";
    let g = run(body, "", &[]);
    assert_eq!(g.user_id, s("alee1"));
    assert_eq!(g.case_name, None);
    assert!(g.all_dockets.is_empty(), "{:?}", g.all_dockets);
}

#[test]
fn example_docket_is_never_the_party_s() {
    let g = run("My docket is HHD-CV17-5022125-S", "", &[]);
    assert!(g.all_dockets.is_empty());
}

#[test]
fn html_table_rendered_as_rows() {
    let body = crate::intake::html_to_text(
        "<p>Good morning,</p><table><tr><td><b>Name</b></td><td>Helen L. Marchetti</td></tr>\
         <tr><td><b>User ID</b></td><td>hmarchetti</td></tr><tr><td><b>Case</b></td><td>Marchetti v. Marchetti</td></tr>\
         <tr><td><b>Docket #</b></td><td>DBD-FA24-6049921-S</td></tr></table><p>Thank you,</p><p>Helen</p>",
    );
    let g = run(&body, "E-Services access - Marchetti", &[]);
    assert_eq!(g.name, s("Helen L. Marchetti"));
    assert_eq!(g.user_id, s("hmarchetti"));
    assert_eq!(g.case_name, s("Marchetti v. Marchetti"));
    assert_eq!(g.docket, s("DBD-FA24-6049921-S"));
}

#[test]
fn label_on_one_line_value_on_the_next() {
    let g = run("Name\nJo Ann Smith\nUser ID\njsmith22\nDocket Number\nHHD-CV24-6187342-S\n", "", &[]);
    assert_eq!(g.name, s("Jo Ann Smith"));
    assert_eq!(g.user_id, s("jsmith22"));
    assert_eq!(g.docket, s("HHD-CV24-6187342-S"));
}

#[test]
fn all_caps_and_typo_labels() {
    let g = run(
        "NMAE: JOHN Q PUBLIC\nUSRE ID: JQPUBLIC7\nCASE NAEM: PUBLIC V. ACME WIDGETS INC.\nDOKCET NO: hhd cv 24 6187342 s\n",
        "",
        &[],
    );
    assert_eq!(g.name, s("JOHN Q PUBLIC"));
    assert_eq!(g.user_id, s("JQPUBLIC7"));
    assert_eq!(g.case_name, s("PUBLIC V. ACME WIDGETS INC."));
    assert_eq!(g.docket, s("HHD-CV24-6187342-S"));
}

#[test]
fn bullets_and_typographic_quotes() {
    let g = run(
        "\u{2022} Name: Zo\u{eb} O\u{2019}Brien\n\u{2022} User ID: zobrien\n\u{2022} Case: O\u{2019}Brien v. Soundview Property Management LLC\n\u{2022} Docket No.: FBT\u{2013}CV25\u{2013}6149876\u{2013}S\n",
        "",
        &[],
    );
    assert_eq!(g.name, s("Zo\u{eb} O'Brien"));
    assert_eq!(g.case_name, s("O'Brien v. Soundview Property Management LLC"));
    assert_eq!(g.docket, s("FBT-CV25-6149876-S"));
}

#[test]
fn signature_name_and_role_in_parentheses() {
    let g = run("Name: Nadia Castellanos (Member, Sparkle Clean CT LLC)\nUser ID: castellanos_cleaning\n", "", &[]);
    assert_eq!(g.name, s("Nadia Castellanos"));
    let g = run(
        "I am the owner of Kowalczyk Roofing LLC, the plaintiff in the small claims case Kowalczyk Roofing LLC v. Dumont, HHD-CV25-6190233-S. Our E-Services user ID is kowalczykroofing.\n\nRaymond Kowalczyk\nKowalczyk Roofing LLC\n(860) 555-0148\n",
        "Kowalczyk Roofing LLC - e-access HHD-CV25-6190233-S",
        &[],
    );
    assert_eq!(g.name, s("Raymond Kowalczyk"));
    assert_eq!(g.user_id, s("kowalczykroofing"));
    assert_eq!(g.case_name, s("Kowalczyk Roofing LLC v. Dumont"));
    // A login in parentheses on its own line under the name; a telephone number is none.
    let body = "Thank you very much.\nChloé Marsh\n(marshc20197)\n(860) 555-0148\n";
    let fields = extract(
        &ExtractionInput { body, subject: "", sender: None, forwarded: &[], file_names: &[], letters: &[] },
        &rules(),
    );
    let logins: Vec<&str> = fields.user_ids.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(logins, ["marshc20197"]);
}

#[test]
fn several_fields_on_one_line_and_first_last_names() {
    let g = run("Name: Ann Lee, User ID: alee1, Docket: NNH-CV24-6141187-S\n", "", &[]);
    assert_eq!(g.name, s("Ann Lee"));
    assert_eq!(g.user_id, s("alee1"));
    assert_eq!(g.docket, s("NNH-CV24-6141187-S"));
    let g = run("First Name: Ann\nLast Name: Lee\n", "", &[]);
    assert_eq!(g.name, s("Ann Lee"));
}

#[test]
fn outlook_style_quote_and_forwarded_block() {
    let body = "Please see below.\n\nFrom: E-Services <eservices@eservices.example>\nSent: Monday, October 5, 2026 9:00 AM\nTo: Ann Lee\nSubject: Your request\n\nPlease send your docket number (HHD-CV24-6187342-S)\n";
    let g = run(body, "", &[]);
    assert!(g.all_dockets.is_empty());
}

#[test]
fn forwarded_messages_count_only_when_the_party_wrote_them() {
    let body = "FYI\n---------- Forwarded message ---------\nFrom: Ann Lee <ann@x.example>\nDate: Mon, Oct 12, 2026 at 10:00 AM\nSubject: access\nTo: <eservices@court.example>\n\nUser ID: alee1\nDocket: NNH-CV24-6141187-S\n";
    let read = |sender: Option<&str>| {
        extract(&ExtractionInput { body, subject: "", sender, forwarded: &[], file_names: &[], letters: &[] }, &rules())
    };
    let own = read(Some("Ann@X.example"));
    let uid =
        own.user_ids.iter().find(|c| c.value.as_str() == "alee1").expect("the party's own forwarded mail is read");
    assert_eq!(uid.source, Source::Forwarded);
    assert!(uid.strong, "the party's own earlier message is their statement");
    assert!(own.own_text.iter().any(|o| o.source == Source::Forwarded && o.text.contains("alee1")));
    let someone_else = read(Some("bob@y.example"));
    assert!(!someone_else.user_ids.iter().any(|c| c.value.as_str() == "alee1"), "{:?}", someone_else.user_ids);
    assert!(!someone_else.own_text.iter().any(|o| o.text.contains("alee1")), "another person's mail is not searched");
    let unknown_author = "FYI\n---------- Forwarded message ---------\nUser ID: alee1\n";
    let fields = extract(
        &ExtractionInput {
            body: unknown_author,
            subject: "",
            sender: None,
            forwarded: &[],
            file_names: &[],
            letters: &[],
        },
        &rules(),
    );
    let uid = fields.user_ids.iter().find(|c| c.value.as_str() == "alee1").unwrap();
    assert!(!uid.strong, "a forwarded message of unknown author is weak evidence");
}

#[test]
fn dockets_and_names_from_file_names() {
    let g = run("license attached", "", &["Dana Whitlock - license.jpg", "HHD-CV24-6187342-S.pdf"]);
    assert_eq!(g.name, s("Dana Whitlock"));
    assert_eq!(g.docket, s("HHD-CV24-6187342-S"));
    // A caption among a file name's fields; a device's name or a description is none.
    let table: &[(&str, Option<&str>)] = &[
        (
            "ID - gcaldwell.ct_Caldwell v. Charter Oak Residential Services LLC_photo id.jpg",
            Some("Caldwell v. Charter Oak Residential Services LLC"),
        ),
        ("Whitlock v. Capitol Auto Sales + license.png", Some("Whitlock v. Capitol Auto Sales")),
        ("IMG_5241.jpg", None),
        ("WHITLOCK, BRITTANY_WHITLOCK VS TOWN OF WEST HARTFORD_ID.png", Some("WHITLOCK VS TOWN OF WEST HARTFORD")),
        // Within a field, where the name ends and the caption begins is not known.
        ("ID - Ann Okonkwo Okonkwo versus Quinnipiac Motors Inc. LLI-CV25-6119266-S photo id.jpeg", None),
        ("drivers license front and back.jpg", None),
    ];
    for (file, caption) in table {
        assert_eq!(run("license attached", "", &[file]).case_name.as_deref(), *caption, "{file}");
    }
    // A name among a file name's fields, when the fields are phrases of their own.
    let names: &[(&str, Option<&str>)] = &[
        ("WHITLOCK, BRITTANY_WHITLOCK VS TOWN OF WEST HARTFORD_ID.png", Some("WHITLOCK, BRITTANY")),
        ("Dana_Whitlock_license.jpg", Some("Dana Whitlock")),
        ("Nwosu, Yetunde + ynwosu912 + photo id.png", Some("Nwosu, Yetunde")),
        ("drivers license_front and back.jpg", None),
        ("Whitlock v. Capitol Auto Sales_license.png", None),
    ];
    for (file, name) in names {
        assert_eq!(run("license attached", "", &[file]).name.as_deref(), *name, "{file}");
    }
}

#[test]
fn nothing_stated() {
    let g = run("Please give me access. Thanks!", "help", &[]);
    assert_eq!((g.name, g.user_id, g.case_name, g.docket), (None, None, None, None));
}

#[test]
fn the_party_s_own_message_resent_below_a_separator_is_their_statement() {
    let body = "Resending - see below.\n\n----- Original Message -----\nFrom: \"Linh Vu\" <linhvu@optonline.example>\nTo: eservice@eservices.example\nSent: Wednesday, September 23, 2026 4:25:00 PM\nSubject: Photo ID\nHi there,\n\nLogin ID = lvu.ct\nCase number = BPH CV 25 6146309\n";
    let read = |sender: Option<&str>| {
        extract(
            &ExtractionInput { body, subject: "Fw: Photo ID", sender, forwarded: &[], file_names: &[], letters: &[] },
            &rules(),
        )
    };
    let own = read(Some("linhvu@optonline.example"));
    assert!(own.user_ids.iter().any(|c| c.value.as_str() == "lvu.ct" && c.strong), "{:?}", own.user_ids);
    // Below a reply, a message of unknown or another author is not read at all.
    assert!(!read(Some("other@x.example")).user_ids.iter().any(|c| c.value.as_str() == "lvu.ct"));
    let court = "Thanks\n\nOn Mon, Oct 5, 2026, E-Services wrote:\nUser ID: jqsample01\n";
    let fields = extract(
        &ExtractionInput {
            body: court,
            subject: "",
            sender: Some("a@b.example"),
            forwarded: &[],
            file_names: &[],
            letters: &[],
        },
        &rules(),
    );
    assert!(fields.user_ids.iter().all(|c| c.value.as_str() != "jqsample01"), "{:?}", fields.user_ids);
}

/// A label alone on its line takes the next line as its value, but a signature's role
/// line (`Self-represented party`, no colon) or a blank line after the label takes
/// only a name line as a name.
#[test]
fn labels_alone_on_their_line() {
    let table: &[(&str, Option<&str>)] = &[
        ("Name:\nDana R. Whitlock\n", Some("Dana R. Whitlock")),
        ("Name:\ndana whitlock\n", Some("dana whitlock")),
        ("Name:\n\nDana R. Whitlock\n", Some("Dana R. Whitlock")),
        ("Self-represented party\nDana R. Whitlock\n", Some("Dana R. Whitlock")),
        ("SINCERELY,\nNICOLÒ\nSELF-REPRESENTED PARTY\n\nSent from Yahoo Mail for iPhone\n", None),
        ("Thanks,\nApplicant\nsee attached\n", None),
    ];
    for (body, want) in table {
        let fields = extract(
            &ExtractionInput { body, subject: "", sender: None, forwarded: &[], file_names: &[], letters: &[] },
            &rules(),
        );
        let got = fields.names.iter().find(|c| c.source == Source::Label).map(|c| c.value.to_string());
        assert_eq!(got.as_deref(), *want, "{body:?}");
    }
}

/// Answers to the court's numbered list, each after its number: the lone login is a
/// user ID candidate (weak: the directory or its login look decides), the docket is read.
#[test]
fn numbered_answers_without_labels() {
    let body = "PLEASE GRANT ME ACCESS.\n\n#2 yin197\n#3 RODRIGUEZ SANTIAGO VS NWOSU\n#4 FBT FA24-6160597-S\n";
    let fields = extract(
        &ExtractionInput { body, subject: "", sender: None, forwarded: &[], file_names: &[], letters: &[] },
        &rules(),
    );
    let ids: Vec<String> = fields.user_ids.iter().map(|c| c.value.to_string()).collect();
    assert!(ids.contains(&"yin197".to_string()), "{ids:?}");
    for marker in ["2) jdoe84", "(2) jdoe84", "- jdoe84", "\u{2022} jdoe84"] {
        let fields = extract(
            &ExtractionInput { body: marker, subject: "", sender: None, forwarded: &[], file_names: &[], letters: &[] },
            &rules(),
        );
        assert!(fields.user_ids.iter().any(|c| c.value.as_str() == "jdoe84"), "{marker}");
    }
    assert_eq!(run(body, "", &[]).docket, s("FBT-FA24-6160597-S"));
}

/// A subject line in a letter or mail (`RE:`) holds a caption or a docket, or names no
/// case at all.
#[test]
fn re_lines_give_only_captions() {
    let letter =
        "RE: Electronic Access\n\nI respectfully request electronic access to Docket No. HHD-CV22-6053889-S.\n";
    assert_eq!(run(letter, "", &[]).case_name, None);
    assert_eq!(run(letter, "", &[]).docket, s("HHD-CV22-6053889-S"));
    let captioned = "Re: Whitlock v. Capitol Auto Sales, HHD-CV24-6187342-S\n\nPlease grant me access.\n";
    assert_eq!(run(captioned, "", &[]).case_name, s("Whitlock v. Capitol Auto Sales"));
}

/// A spaced docket number cut at its dashes leaves no lone "login"; a leading
/// underscore stays part of the stated ID.
#[test]
fn docket_pieces_are_no_user_ids() {
    let body = "Chloé Ng  Chloé Ng et al v. Yankee Property Management, LLC  BPH - CV23 - 6120049 - S\n";
    let fields = extract(
        &ExtractionInput { body, subject: "", sender: None, forwarded: &[], file_names: &[], letters: &[] },
        &ExtractionRules { court_locations: vec!["BPH".into()], ..rules() },
    );
    assert!(fields.user_ids.is_empty(), "{:?}", fields.user_ids);
    let slashed = "Greta Van Dyke / _gvandyke.ct / van dyke v. elm city / X06-WWMCV19-5005409-S\n";
    let fields = extract(
        &ExtractionInput { body: slashed, subject: "", sender: None, forwarded: &[], file_names: &[], letters: &[] },
        &rules(),
    );
    assert!(fields.user_ids.iter().any(|c| c.value.as_str() == "_gvandyke.ct"), "{:?}", fields.user_ids);
    assert!(!fields.user_ids.iter().any(|c| c.value.as_str() == "gvandyke.ct"), "{:?}", fields.user_ids);
}

/// Captions written in lower case, under a label people use for the case ("Lawsuit")
/// or as a numbered answer, are the party's case name.
#[test]
fn lower_case_captions() {
    let labelled =
        "name(s): liz tasca\nlawsuit: westville marina company v. lucía cruz\ncase number: nbh-cv24-6193860-s\n";
    assert_eq!(run(labelled, "", &[]).case_name, s("westville marina company v. lucía cruz"));
    let numbered = "1) ahmed haddad\n2) ahaddad75\n3) tasca v. housatonic marina inc.\n4) nwh-cv23-6173080-s\n";
    assert_eq!(run(numbered, "", &[]).case_name, s("tasca v. housatonic marina inc."));
}

/// A file name with the request's fields run together by underscores gives its docket.
#[test]
fn docket_in_an_underscored_file_name() {
    let g = run(
        "Attached is a photo of my CT license.",
        "",
        &["ID - NIAMH DOYLE_niamhdoyle_McGillicuddy v. Doyle_knlcv236038274s_drivers license.jpg"],
    );
    assert_eq!(g.docket, s("KNL-CV23-6038274-S"));
}

/// Fields in columns a wide gap apart are read like fields between dashes; the court's
/// own name in a subject is no login.
#[test]
fn fields_in_columns() {
    let body = "Hello\n\nTakeshi Watanabe  t_watanabe.ct  Charter Oak Dental Associates vs Takeshi Watanabe  AAN-CV15-5008437\n";
    let fields = extract(
        &ExtractionInput { body, subject: "", sender: None, forwarded: &[], file_names: &[], letters: &[] },
        &rules(),
    );
    assert!(fields.user_ids.iter().any(|c| c.value.as_str() == "t_watanabe.ct"), "{:?}", fields.user_ids);
    assert!(!patterns::looks_like_login("E-Services"));
    assert!(patterns::looks_like_login("t_watanabe.ct"));
}

#[test]
fn fields_cut_by_semicolons() {
    let got = run(
        "Dear Clerk,\n\nEmeka Eze ; eze.chiamaka1 ; Riverbend Veterinary Hospital, L.L.C. VS Chukwuemeka Eze ; KNL CV15-5014743-S\n",
        "",
        &[],
    );
    assert_eq!(got.name, s("Emeka Eze"));
    assert_eq!(got.docket, s("KNL-CV15-5014743-S"));
}

/// A docket number wrapped onto the next line by the mail client.
#[test]
fn docket_wrapped_across_lines() {
    let body = "The case is Zhao \nV. Housatonic Insurance Agency LLC. The docket number is HHD \nCV18-5052986-S.\n";
    assert_eq!(run(body, "", &[]).docket, s("HHD-CV18-5052986-S"));
}

#[test]
fn a_user_id_label_answered_with_none_is_no_user_id() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Account ID: will send later", None),
        ("User ID: not sure", None),
        ("Username: I don't remember it", None),
        ("User ID: N/A", None),
        ("E-Services ID: none yet.", None),
        ("Login: see my e-mail address", None),
        ("UserID: (don't remember)", None),
        ("User ID: [forgot it]", None),
        ("User ID: \"idk\"", None),
        ("User ID: dwhitlock84", Some("dwhitlock84")),
        ("User ID: is jdoe.ct", Some("jdoe.ct")),
        ("User ID: (kp_2024) thanks", Some("kp_2024")),
        ("User ID - willow22", Some("willow22")),
    ];
    for (line, want) in cases {
        let g = run(&format!("Hello,\n\nName: Jo Whitlock\n{line}\n\nThanks\n"), "access", &[]);
        assert_eq!(g.user_id.as_deref(), *want, "{line}");
    }
}

#[test]
fn a_case_name_label_answered_with_none_is_no_case_name() {
    for line in ["Case Name: don't know it sorry", "Case name: N/A", "Case: not sure, the one I filed", "Case: unknown"]
    {
        let g = run(&format!("Hello,\n\nName: Mai Vu\n{line}\nDocket: WWM-FA16-5004031-S\n"), "access", &[]);
        assert_eq!(g.case_name, None, "{line}");
    }
    let g = run("Case name: Vu v. Vu\n", "access", &[]);
    assert_eq!(g.case_name, s("Vu v. Vu"));
}

#[test]
fn a_name_label_answered_with_none_is_no_name() {
    for line in ["Full Name: don't know it sorry", "Name: N/A", "Name: unknown", "First name: n/a\nLast name: n/a"] {
        let g = run(&format!("Hello,\n\n{line}\nUser ID: mvu22\nDocket: WWM-FA16-5004031-S\n"), "access", &[]);
        assert_eq!(g.name, None, "{line}");
    }
    let g = run("Name: Na Young Kim\nUser ID: nkim\n", "access", &[]);
    assert_eq!(g.name, s("Na Young Kim"));
}

#[test]
fn a_login_among_the_fields_of_a_file_name() {
    let table: &[(&str, &[&str])] = &[
        (
            "E-access Nwosu, Yetunde + ynwosu912 + Parkville Furniture Inc. vs. Nwosu + FST-CV17-5038761-S + photo id",
            &["ynwosu912"],
        ),
        ("ID - Jane Doe - jdoe.ct", &["jdoe.ct"]),
        ("IMG_5241", &[]),
        ("PXL_20261028_185808", &[]),
        ("scan0010", &[]),
        ("Screenshot 2026-10-16 114334", &[]),
        ("Doyle_knlcv236038274s_drivers license", &[]),
        ("drivers license front", &[]),
        ("drivers_license (1)", &[]),
        ("license_front", &[]),
        ("ID-1", &[]),
        ("driver license-1", &[]),
        ("Jane_Doe license", &[]),
        ("ID j_doe84", &["j_doe84"]),
        ("thumbnail_751", &[]),
        ("thumbnail_751 front", &[]),
        ("E-access n_adeymi drivers license", &["n_adeymi"]),
        ("mary_smith_ct photo id", &["mary_smith_ct"]),
        ("drivers_license front", &[]),
        ("photo_id front", &[]),
        ("green_card copy", &[]),
        ("Mary_Smith photo id", &[]),
    ];
    for (stem, want) in table {
        let got: Vec<String> = file_name_logins(stem, &rules().court_locations).iter().map(|u| u.to_string()).collect();
        assert_eq!(got, *want, "{stem}");
    }
}

#[test]
fn lowercase_caption_in_wrapped_prose() {
    let g = run(
        "Ananya Iyer, user ID ananyaiyer@gmail.example, here. My case is \nlitchfield hills gardens apartments l.l.c. -v- gómez. It’s docket \nNHH-CV25-6085999 S.\n",
        "RE: x",
        &[],
    );
    assert_eq!(g.case_name, s("litchfield hills gardens apartments l.l.c. -v- gómez"));
    assert_eq!(g.docket, s("NHH-CV25-6085999-S"));
}

/// Fields listed on one line with commas: a field that looks like a login is one; a
/// caption's or a name's own commas leave no login behind.
#[test]
fn a_login_among_fields_listed_with_commas() {
    let table: &[(&str, &[&str])] = &[
        ("Chukwuemeka Eze, chukw_uemekaeze, Eze v. Chatterjee, HHD-CV21-6002866-S", &["chukw_uemekaeze"]),
        ("Jane Doe, jdoe84, Doe v. Acme, Inc., HHD-CV17-5022125-S", &["jdoe84"]),
        ("Doe v. Acme, Inc., et al., HHD-CV17-5022125-S", &[]),
        ("Thanks, Jane, see you soon", &[]),
        ("Hi, I am Jane Doe, my case is Doe v. Acme", &[]),
        ("Jane Doe, HHD-CV17-5022125-S", &[]),
    ];
    for (line, want) in table {
        // In the body, and as the subject.
        for (body, subject) in [(*line, "access"), ("Please see attached.", *line)] {
            let input = ExtractionInput { body, subject, sender: None, forwarded: &[], file_names: &[], letters: &[] };
            let fields = extract(&input, &rules());
            let got: Vec<String> =
                fields.user_ids.iter().filter(|c| looks_like_login(&c.value)).map(|c| c.value.to_string()).collect();
            assert_eq!(got, *want, "{line}");
        }
    }
    let subject =
        "E-Services access: Lee, Brenda, blee.1ct, Lee v Nutmeg State Federal Credit Union, SNH-CV21-6141624-S";
    let input = ExtractionInput { body: "Hi", subject, sender: None, forwarded: &[], file_names: &[], letters: &[] };
    let fields = extract(&input, &rules());
    assert!(fields.user_ids.iter().any(|c| c.value.as_str() == "blee.1ct"), "{:?}", fields.user_ids);
}

#[test]
fn a_login_in_small_letters_among_fields_listed_with_wide_spaces() {
    let table: &[(&str, Option<&str>)] = &[
        ("Volkov, Dmitri  dvolkovx  Volkov vs. Volkov  MMX-FA23-6157493-S", Some("dvolkovx")),
        ("Jane Doe\tjanedoe\tDoe v. Acme\tHHD-CV17-5022125-S", Some("janedoe")),
        // A name typed in small letters, fields with no docket, a capitalised word.
        ("dmitri  volkov  volkov vs. volkov  MMX-FA23-6157493-S", None),
        ("Volkov, Dmitri  dvolkovx  Volkov vs. Volkov", None),
        ("Dmitri  Volkov  Volkov vs. Volkov  MMX-FA23-6157493-S", None),
    ];
    for (line, want) in table {
        let input = ExtractionInput {
            body: line,
            subject: "access",
            sender: None,
            forwarded: &[],
            file_names: &[],
            letters: &[],
        };
        let fields = extract(&input, &rules());
        let strong: Vec<&str> = fields.user_ids.iter().filter(|c| c.strong).map(|c| c.value.as_str()).collect();
        assert_eq!(strong.first().copied(), *want, "{line}: {:?}", fields.user_ids);
    }
}
