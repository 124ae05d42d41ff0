#pragma once

#include <string>

#include "domain/panel.h"
#include "domain/result.h"

namespace cynnal::storage {

// Panels, their meetings and referrals are read and written whole, as ALN cases are
// (docs/adr/0003-aln-case-record.md): searchable fields are columns, the rest this JSON record.
// Encode writes every field except id and version (of a meeting's minutes clock, the fields such
// a clock uses: timescale, count, start and stop; it is never waived or linked to a learner);
// Decode fails with kInternal when the record is not one Cynnal wrote.
std::string EncodePanel(const domain::Panel& panel);
domain::Result<domain::Panel> DecodePanel(const std::string& record);
std::string EncodeMeeting(const domain::PanelMeeting& meeting);
domain::Result<domain::PanelMeeting> DecodeMeeting(const std::string& record);
std::string EncodeReferral(const domain::PanelReferral& referral);
domain::Result<domain::PanelReferral> DecodeReferral(const std::string& record);

}  // namespace cynnal::storage
