#include "domain/family.h"

#include <algorithm>

#include "domain/text.h"

namespace cynnal::domain {

const std::vector<std::string>& FamilyRelationships() {
  static const std::vector<std::string> all{"mother",       "father",      "parent", "carer",
                                            "foster_carer", "grandparent", "other"};
  return all;
}

Status ApplyFamilyMemberInput(const FamilyMemberInput& input, FamilyMember& member,
                              FamilyLink& link) {
  std::map<std::string, std::string> fields;
  std::string name = Trim(input.full_name);
  if (name.empty()) fields["full_name"] = "full_name_error_missing";
  if (name.size() > 200) fields["full_name"] = "name_error_too_long";
  const auto& rels = FamilyRelationships();
  if (std::find(rels.begin(), rels.end(), input.relationship) == rels.end())
    fields["relationship"] = "relationship_error_missing";
  auto lang = LetterLanguageFromCode(input.preferred_language);
  if (!lang) fields["preferred_language"] = "letter_language_error_missing";
  std::string phone = Trim(input.phone), email = Trim(input.email), address = Trim(input.address);
  if (phone.empty() && email.empty() && address.empty()) fields["phone"] = "contact_error_missing";
  if (!email.empty() && !LooksLikeEmail(email)) fields["email"] = "email_error_invalid";
  if (phone.size() > 40) fields["phone"] = "phone_error_invalid";
  if (address.size() > 500) fields["address"] = "address_error_too_long";
  if (!fields.empty()) return Error::InvalidArgument("family_error_summary", std::move(fields));
  member.full_name = name;
  member.phone = phone;
  member.email = email;
  member.address = address;
  member.preferred_language = *lang;
  link.relationship = input.relationship;
  link.parental_responsibility = input.parental_responsibility;
  return Ok();
}

}  // namespace cynnal::domain
