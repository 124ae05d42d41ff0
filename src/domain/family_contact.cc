#include "domain/family_contact.h"

#include <map>
#include <set>

#include "domain/code_table.h"
#include "domain/text.h"

namespace cynnal::domain {
namespace {

using Fields = std::map<std::string, std::string>;

constexpr CodeTable<ContactMethod, 6> kMethods = {{
    {ContactMethod::kPhone, "phone"},
    {ContactMethod::kMeeting, "meeting"},
    {ContactMethod::kVideoCall, "video_call"},
    {ContactMethod::kEmail, "email"},
    {ContactMethod::kLetter, "letter"},
    {ContactMethod::kHomeVisit, "home_visit"},
}};

constexpr CodeTable<ContactPurpose, 8> kPurposes = {{
    {ContactPurpose::kConcern, "concern"},
    {ContactPurpose::kPlanning, "planning"},
    {ContactPurpose::kProgress, "progress"},
    {ContactPurpose::kDecision, "decision"},
    {ContactPurpose::kDisagreement, "disagreement"},
    {ContactPurpose::kTransition, "transition"},
    {ContactPurpose::kWellbeing, "wellbeing"},
    {ContactPurpose::kOther, "other"},
}};

constexpr CodeTable<ContactStarter, 3> kStarters = {{
    {ContactStarter::kFamily, "family"},
    {ContactStarter::kSchool, "school"},
    {ContactStarter::kLocalAuthority, "la"},
}};

constexpr const char* kTitle = "family_contact_error_title";

void CheckFollowedUp(const FamilyContact& contact, Date on, Date today, Fields& fields) {
  if (on < contact.on)
    fields.emplace("followed_up_on", "family_contact_error_followed_up_before");
  else if (on > today)
    fields.emplace("followed_up_on", "family_contact_error_future");
}

}  // namespace

std::string_view Code(ContactMethod method) { return CodeIn(kMethods, method); }
std::optional<ContactMethod> ContactMethodFromCode(std::string_view code) {
  return FromCodeIn(kMethods, code);
}
const std::vector<ContactMethod>& AllContactMethods() {
  static const std::vector<ContactMethod> all = AllIn(kMethods);
  return all;
}

std::string_view Code(ContactPurpose purpose) { return CodeIn(kPurposes, purpose); }
std::optional<ContactPurpose> ContactPurposeFromCode(std::string_view code) {
  return FromCodeIn(kPurposes, code);
}
const std::vector<ContactPurpose>& AllContactPurposes() {
  static const std::vector<ContactPurpose> all = AllIn(kPurposes);
  return all;
}

std::string_view Code(ContactStarter starter) { return CodeIn(kStarters, starter); }
std::optional<ContactStarter> ContactStarterFromCode(std::string_view code) {
  return FromCodeIn(kStarters, code);
}
const std::vector<ContactStarter>& AllContactStarters() {
  static const std::vector<ContactStarter> all = AllIn(kStarters);
  return all;
}

Result<void> CheckFamilyContact(const FamilyContact& contact, Date today) {
  Fields fields;
  if (contact.on > today) fields.emplace("on", "family_contact_error_future");
  const std::string with = Trim(contact.with_name);
  if (!contact.family_member && with.empty())
    fields.emplace("with", "family_contact_error_with");
  else if (CharacterCount(with) > 200)
    fields.emplace("with", "family_contact_error_with_long");
  const std::string summary = Trim(contact.summary);
  if (summary.empty())
    fields.emplace("summary", "family_contact_error_summary");
  else if (CharacterCount(summary) > kMaxContactSummary)
    fields.emplace("summary", "family_contact_error_summary_long");
  if (CharacterCount(contact.actions) > kMaxContactActions)
    fields.emplace("actions", "family_contact_error_actions_long");
  if (contact.follow_up_by && *contact.follow_up_by < contact.on)
    fields.emplace("follow_up_by", "family_contact_error_follow_up_before");
  if (contact.followed_up_on && !contact.follow_up_by)
    fields.emplace("followed_up_on", "family_contact_error_no_follow_up");
  else if (contact.followed_up_on)
    CheckFollowedUp(contact, *contact.followed_up_on, today, fields);
  if (!fields.empty()) return Invalid(kTitle, std::move(fields));
  return {};
}

FollowUpState FollowUpOf(const FamilyContact& contact, Date today) {
  if (!contact.follow_up_by) return FollowUpState::kNone;
  if (contact.followed_up_on) return FollowUpState::kDone;
  return *contact.follow_up_by < today ? FollowUpState::kOverdue : FollowUpState::kDue;
}

Result<void> RecordFollowUp(FamilyContact& contact, Date on, Date today) {
  if (!contact.follow_up_by) return Fail(Error::Conflict("family_contact_error_no_follow_up"));
  if (contact.followed_up_on) return Fail(Error::Conflict("family_contact_error_followed_up"));
  Fields fields;
  CheckFollowedUp(contact, on, today, fields);
  if (!fields.empty()) return Invalid(kTitle, std::move(fields));
  contact.followed_up_on = on;
  return {};
}

LiaisonSummary SummariseLiaison(const std::vector<FamilyContact>& contacts, Date from, Date through,
                                Date today) {
  LiaisonSummary s;
  std::map<ContactMethod, int> methods;
  std::map<ContactPurpose, int> purposes;
  std::set<LearnerId> learners;
  for (const auto& c : contacts) {
    switch (FollowUpOf(c, today)) {
      case FollowUpState::kOverdue:
        ++s.follow_ups_overdue;
        break;
      case FollowUpState::kDue:
        ++s.follow_ups_due;
        break;
      default:
        break;
    }
    if (c.on < from || c.on > through) continue;
    ++s.contacts;
    learners.insert(c.learner);
    if (c.started_by == ContactStarter::kFamily) ++s.started_by_family;
    if (c.language == LetterLanguage::kWelsh) ++s.in_welsh;
    ++methods[c.method];
    ++purposes[c.purpose];
  }
  s.learners_contacted = static_cast<int>(learners.size());
  for (auto m : AllContactMethods()) s.by_method.emplace_back(m, methods[m]);
  for (auto p : AllContactPurposes()) s.by_purpose.emplace_back(p, purposes[p]);
  return s;
}

}  // namespace cynnal::domain
