#pragma once

#include <string>

#include "domain/family_contact.h"
#include "domain/provision.h"
#include "domain/result.h"
#include "domain/specialist_places.h"

namespace cynnal::storage {

// A provision map is read and written whole, as ALN cases are (docs/adr/0003-aln-case-record.md):
// its setting and year are columns, the rest this JSON record. Encode writes every field except
// id and version; Decode fails with kInternal when the record is not one Cynnal wrote.
std::string EncodeProvisionMap(const domain::ProvisionMap& map);
domain::Result<domain::ProvisionMap> DecodeProvisionMap(const std::string& record);
// Specialist provisions with their placements, and specialist equipment, the same way.
std::string EncodeSpecialistProvision(const domain::SpecialistProvision& provision);
domain::Result<domain::SpecialistProvision> DecodeSpecialistProvision(const std::string& record);
std::string EncodeEquipment(const domain::SpecialistEquipment& item);
domain::Result<domain::SpecialistEquipment> DecodeEquipment(const std::string& record);
// The LA's review of a school's arrangements, the same way.
std::string EncodeSchoolReview(const domain::SchoolReview& review);
domain::Result<domain::SchoolReview> DecodeSchoolReview(const std::string& record);
// A contact with a learner's family, the same way.
std::string EncodeFamilyContact(const domain::FamilyContact& contact);
domain::Result<domain::FamilyContact> DecodeFamilyContact(const std::string& record);

}  // namespace cynnal::storage
