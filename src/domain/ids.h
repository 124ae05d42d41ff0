#pragma once

#include <cstdint>
#include <functional>

namespace cynnal::domain {

// A typed row id. Tag keeps a LearnerId from being passed where a SettingId is expected.
// Zero means "not yet stored".
template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  friend constexpr bool operator==(Id a, Id b) = default;
  friend constexpr auto operator<=>(Id a, Id b) = default;

 private:
  std::int64_t value_ = 0;
};

using LocalAuthorityId = Id<struct LocalAuthorityTag>;
using SettingId = Id<struct SettingTag>;
using LearnerId = Id<struct LearnerTag>;
using FamilyMemberId = Id<struct FamilyMemberTag>;
using UserId = Id<struct UserTag>;
using HealthBoardId = Id<struct HealthBoardTag>;
using AuditEventId = Id<struct AuditEventTag>;
using AlnCaseId = Id<struct AlnCaseTag>;
using CaseDocumentId = Id<struct CaseDocumentTag>;
using IdpId = Id<struct IdpTag>;
using OnePageProfileId = Id<struct OnePageProfileTag>;
using LegacySenRecordId = Id<struct LegacySenRecordTag>;
using PhotoId = Id<struct PhotoTag>;
using PanelId = Id<struct PanelTag>;
using PanelMeetingId = Id<struct PanelMeetingTag>;
using PanelReferralId = Id<struct PanelReferralTag>;
using PanelPaperId = Id<struct PanelPaperTag>;
using ProvisionMapId = Id<struct ProvisionMapTag>;
using DeliveryRecordId = Id<struct DeliveryRecordTag>;
using SpecialistProvisionId = Id<struct SpecialistProvisionTag>;
using EquipmentId = Id<struct EquipmentTag>;
using SchoolReviewId = Id<struct SchoolReviewTag>;
using FamilyContactId = Id<struct FamilyContactTag>;

}  // namespace cynnal::domain

template <typename Tag>
struct std::hash<cynnal::domain::Id<Tag>> {
  std::size_t operator()(cynnal::domain::Id<Tag> id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
