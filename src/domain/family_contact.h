#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/ids.h"
#include "domain/learner.h"
#include "domain/result.h"

namespace cynnal::domain {

// Family liaison: the record a school or the LA keeps of each contact with a learner's family.
// Source: ALNET Act 2018 s.6 (those exercising functions under Part 2 must have regard to the
// views, wishes and feelings of the child, parent or young person and to the importance of their
// participating as fully as possible in decisions); ALN Code 2021 ch.4 (person-centred practice:
// families are involved throughout, not only at meetings). No rule fixes how often a family is
// contacted; the log lets an ALNCo and the LA see who has not been heard from and what was agreed.

enum class ContactMethod { kPhone, kMeeting, kVideoCall, kEmail, kLetter, kHomeVisit };
std::string_view Code(ContactMethod method);  // "phone", "meeting", ... ("contact_method_<code>")
std::optional<ContactMethod> ContactMethodFromCode(std::string_view code);
const std::vector<ContactMethod>& AllContactMethods();

// Why the contact was made.
enum class ContactPurpose {
  kConcern,       // a concern raised or discussed
  kPlanning,      // planning or reviewing the IDP or One Page Profile
  kProgress,      // how the learner is getting on
  kDecision,      // explaining a decision or notice
  kDisagreement,  // a disagreement, and how it may be resolved
  kTransition,    // a move of school, phase or to post-16
  kWellbeing,     // attendance, health or wellbeing
  kOther,
};
std::string_view Code(ContactPurpose purpose);  // "concern", ... ("contact_purpose_<code>")
std::optional<ContactPurpose> ContactPurposeFromCode(std::string_view code);
const std::vector<ContactPurpose>& AllContactPurposes();

// Who made the contact.
enum class ContactStarter { kFamily, kSchool, kLocalAuthority };
std::string_view Code(ContactStarter starter);  // "family", "school", "la"
std::optional<ContactStarter> ContactStarterFromCode(std::string_view code);
const std::vector<ContactStarter>& AllContactStarters();

// One contact with a learner's family.
struct FamilyContact {
  FamilyContactId id;
  LocalAuthorityId local_authority;  // the learner's LA
  LearnerId learner;
  // The school whose staff made or took the contact; none when the LA's officers did.
  std::optional<SettingId> setting;
  // A parent or carer linked to the learner, or else someone else named in `with_name` (a
  // grandparent, an advocate, an interpreter).
  std::optional<FamilyMemberId> family_member;
  std::string with_name;
  Date on;
  ContactMethod method = ContactMethod::kPhone;
  ContactPurpose purpose = ContactPurpose::kProgress;
  ContactStarter started_by = ContactStarter::kSchool;
  LetterLanguage language = LetterLanguage::kEnglish;  // the language the contact was held in
  std::string summary;                                 // what was discussed
  std::string actions;                                 // what was agreed, if anything
  std::optional<Date> follow_up_by;                    // when someone is to get back to the family
  std::optional<Date> followed_up_on;
  UserId by;
  Timestamp at{};
  int version = 0;
};

inline constexpr std::size_t kMaxContactSummary = 4000;
inline constexpr std::size_t kMaxContactActions = 2000;

// Checks a contact as typed, each message on its field ("family_contact_error_title"):
//   "on" not after `today`; "with": a family member or a name of at most 200 characters;
//   "summary": required, at most 4,000 characters; "actions" at most 2,000;
//   "follow_up_by" not before "on"; "followed_up_on" only with a follow-up agreed, not before "on"
//   and not after `today`.
Result<void> CheckFamilyContact(const FamilyContact& contact, Date today);

// Where a contact's follow-up stands on `today`.
enum class FollowUpState {
  kNone,     // no follow-up was agreed
  kDue,      // agreed, not done, and its date has not passed
  kOverdue,  // agreed, not done, and its date has passed
  kDone,
};
FollowUpState FollowUpOf(const FamilyContact& contact, Date today);

// Records that the follow-up was made on `on` ("followed_up_on" as CheckFamilyContact). Refuses
// with kConflict ("family_contact_error_no_follow_up") when none was agreed, or
// ("family_contact_error_followed_up") when it is already recorded.
Result<void> RecordFollowUp(FamilyContact& contact, Date on, Date today);

// A school's or LA's family liaison over a period, for its pages and the LA's oversight.
struct LiaisonSummary {
  int contacts = 0;
  int learners_contacted = 0;  // distinct learners with at least one contact
  int follow_ups_overdue = 0;
  int follow_ups_due = 0;
  int started_by_family = 0;
  int in_welsh = 0;
  std::vector<std::pair<ContactMethod, int>> by_method;    // every method, in table order
  std::vector<std::pair<ContactPurpose, int>> by_purpose;  // every purpose, in table order
};
// Counts the contacts held from `from` through `through` (both inclusive); follow-ups are counted
// as they stand on `today`, whatever the contact's date.
LiaisonSummary SummariseLiaison(const std::vector<FamilyContact>& contacts, Date from, Date through,
                                Date today);

}  // namespace cynnal::domain
