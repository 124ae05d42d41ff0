#pragma once

#include <string>

#include "domain/aln_case.h"
#include "domain/result.h"

namespace cynnal::storage {

// An ALN case is read and written whole (docs/adr/0003-aln-case-record.md): the stores keep its
// searchable fields in columns and the rest as this JSON record. Encode writes every field of the
// case except id and version (which are columns); Decode reads it back, failing with kInternal
// and a message naming the case when the record is not one Cynnal wrote.
std::string EncodeCase(const domain::AlnCase& aln_case);
domain::Result<domain::AlnCase> DecodeCase(const std::string& record);

}  // namespace cynnal::storage
