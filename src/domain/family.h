#pragma once

#include <string>

#include "domain/ids.h"
#include "domain/learner.h"
#include "domain/result.h"

namespace cynnal::domain {

// A parent or carer; linked to one or more learners through FamilyLink.
struct FamilyMember {
  FamilyMemberId id;
  LocalAuthorityId local_authority;
  std::string full_name;
  std::string phone;
  std::string email;
  std::string address;
  LetterLanguage preferred_language = LetterLanguage::kEnglish;
};

// What a person enters to add a parent or carer to a learner.
struct FamilyMemberInput {
  std::string full_name;
  std::string relationship;  // a code from FamilyRelationships()
  bool parental_responsibility = false;
  std::string phone;
  std::string email;
  std::string address;
  std::string preferred_language;  // "en" or "cy"
};

// Relationship codes offered on forms (catalogue ids "relationship_<code>").
const std::vector<std::string>& FamilyRelationships();

// Checks the input: a name, a known relationship, a language, and at least one way of contact
// (phone, email or address); an email must look like one. Fields keyed by form field name.
Status ApplyFamilyMemberInput(const FamilyMemberInput& input, FamilyMember& member,
                              FamilyLink& link);

}  // namespace cynnal::domain
