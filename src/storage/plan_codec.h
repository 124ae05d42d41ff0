#pragma once

#include <string>

#include "domain/idp.h"
#include "domain/legacy_sen.h"
#include "domain/one_page_profile.h"
#include "domain/result.h"

namespace cynnal::storage {

// IDPs, One Page Profiles and legacy SEN records are read and written whole, as ALN cases are
// (docs/adr/0003-aln-case-record.md): searchable fields are columns, the rest this JSON record.
// Encode writes every field except id and version; Decode fails with kInternal when the record is
// not one Cynnal wrote.
std::string EncodeIdp(const domain::Idp& idp);
domain::Result<domain::Idp> DecodeIdp(const std::string& record);
std::string EncodeProfile(const domain::OnePageProfile& profile);
domain::Result<domain::OnePageProfile> DecodeProfile(const std::string& record);
std::string EncodeLegacy(const domain::LegacySenRecord& record);
domain::Result<domain::LegacySenRecord> DecodeLegacy(const std::string& record);

}  // namespace cynnal::storage
