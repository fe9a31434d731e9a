//! Domain values. Each is constructed only by parsing, so a value that exists is valid.

mod case_name;
mod docket;
mod email_address;
mod message_id;
mod person_name;
mod since;
mod user_id;

pub use case_name::{is_caption_abbreviation, side_word_within, CaseName, CaseNameError};
pub use docket::{DocketError, DocketMention, DocketNumber};
pub use email_address::{EmailAddress, EmailAddressError};
pub use message_id::MessageId;
pub use person_name::{name_tokens, PersonName, PersonNameError};
pub use since::{BadSince, Since};
pub use user_id::{UserId, UserIdError};
