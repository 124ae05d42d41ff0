#include "domain/idp.h"

#include <algorithm>
#include <cctype>

#include "domain/code_table.h"
#include "domain/text.h"
#include "domain/timescale.h"

namespace cynnal::domain {
namespace {

using Fields = std::map<std::string, std::string>;

constexpr CodeTable<IdpSection, 9> kSections = {{
    {IdpSection::kAbout, "about"},
    {IdpSection::kProfile, "profile"},
    {IdpSection::kNeeds, "needs"},
    {IdpSection::kProvision, "provision"},
    {IdpSection::kNhs, "nhs"},
    {IdpSection::kPlace, "place"},
    {IdpSection::kInformation, "information"},
    {IdpSection::kTimeline, "timeline"},
    {IdpSection::kTransition, "transition"},
}};

constexpr CodeTable<ProvisionPeriod, 6> kPeriods = {{
    {ProvisionPeriod::kDay, "day"},
    {ProvisionPeriod::kWeek, "week"},
    {ProvisionPeriod::kFortnight, "fortnight"},
    {ProvisionPeriod::kHalfTerm, "half_term"},
    {ProvisionPeriod::kTerm, "term"},
    {ProvisionPeriod::kYear, "year"},
}};

constexpr CodeTable<GroupSize, 3> kGroups = {{
    {GroupSize::kOneToOne, "one_to_one"},
    {GroupSize::kPaired, "paired"},
    {GroupSize::kSmallGroup, "small_group"},
}};

constexpr CodeTable<ProviderKind, 5> kProviders = {{
    {ProviderKind::kSchool, "school"},
    {ProviderKind::kFei, "fei"},
    {ProviderKind::kLocalAuthority, "la"},
    {ProviderKind::kNhsBody, "nhs"},
    {ProviderKind::kOtherAgency, "other_agency"},
}};

constexpr CodeTable<RequesterKind, 4> kRequesters = {{
    {RequesterKind::kChild, "child"},
    {RequesterKind::kParent, "parent"},
    {RequesterKind::kYoungPerson, "young_person"},
    {RequesterKind::kNhsBody, "nhs"},
}};

constexpr CodeTable<RequestState, 4> kRequestStates = {{
    {RequestState::kPending, "pending"},
    {RequestState::kAccepted, "accepted"},
    {RequestState::kUnnecessary, "unnecessary"},
    {RequestState::kReviewed, "reviewed"},
}};

constexpr CodeTable<ReviewTrigger, 3> kTriggers = {{
    {ReviewTrigger::kAnnual, "annual"},
    {ReviewTrigger::kRequest, "request"},
    {ReviewTrigger::kSignificantChange, "significant_change"},
}};

constexpr CodeTable<InviteeKind, 6> kInvitees = {{
    {InviteeKind::kLearner, "learner"},
    {InviteeKind::kFamily, "family"},
    {InviteeKind::kSchool, "school"},
    {InviteeKind::kLocalAuthority, "la"},
    {InviteeKind::kAgency, "agency"},
    {InviteeKind::kOther, "other"},
}};

constexpr CodeTable<ProgressRating, 4> kRatings = {{
    {ProgressRating::kNotYet, "not_yet"},
    {ProgressRating::kSome, "some"},
    {ProgressRating::kGood, "good"},
    {ProgressRating::kAchieved, "achieved"},
}};

constexpr CodeTable<ReviewDecision, 3> kDecisions = {{
    {ReviewDecision::kNoChange, "no_change"},
    {ReviewDecision::kRevise, "revise"},
    {ReviewDecision::kCease, "cease"},
}};

constexpr CodeTable<MoveKind, 4> kMoves = {{
    {MoveKind::kNewSchool, "new_school"},
    {MoveKind::kDualRegistration, "dual_registration"},
    {MoveKind::kFei, "fei"},
    {MoveKind::kNewLocalAuthority, "new_la"},
}};

constexpr CodeTable<IdpEventKind, 9> kEvents = {{
    {IdpEventKind::kStarted, "started"},
    {IdpEventKind::kFinalised, "finalised"},
    {IdpEventKind::kReviewRequested, "review_requested"},
    {IdpEventKind::kRequestAnswered, "request_answered"},
    {IdpEventKind::kReviewed, "reviewed"},
    {IdpEventKind::kRevisionStarted, "revision_started"},
    {IdpEventKind::kMoved, "moved"},
    {IdpEventKind::kPepLinked, "pep_linked"},
    {IdpEventKind::kCeased, "ceased"},
}};

constexpr CodeTable<IdpStatus, 3> kStatuses = {{
    {IdpStatus::kDraft, "draft"},
    {IdpStatus::kInForce, "in_force"},
    {IdpStatus::kCeased, "ceased"},
}};

bool Blank(const std::string& text) { return Trim(text).empty(); }

void CheckText(const std::string& text, const std::string& field, Fields& fields) {
  if (text.size() > kMaxPlanText) fields.emplace(field, "idp_error_too_long");
}

Result<void> Invalid(Fields fields) {
  return domain::Invalid("idp_error_title", std::move(fields));
}

void Record(Idp& idp, IdpEventKind kind, Date on, const StepContext& step,
            std::string detail = {}) {
  idp.timeline.push_back({kind, on, step.by, step.at, std::move(detail)});
}

// A step's date: not in the future and not before `earliest`.
void CheckDate(Date on, std::optional<Date> earliest, const StepContext& step,
               const std::string& field, Fields& fields) {
  if (step.today < on) {
    fields.emplace(field, "idp_error_date_future");
  } else if (earliest && on < *earliest) {
    fields.emplace(field, "idp_error_date_too_early");
    fields.emplace("date", FormatIsoDate(*earliest));
  }
}

Result<void> NeedsDraft(const Idp& idp) {
  if (idp.Status() == IdpStatus::kCeased) return Fail(Error::Conflict("idp_error_ceased"));
  if (!idp.draft) return Fail(Error::Conflict("idp_error_no_draft"));
  return {};
}

Result<void> NeedsInForce(const Idp& idp) {
  if (idp.Status() == IdpStatus::kCeased) return Fail(Error::Conflict("idp_error_ceased"));
  if (idp.Status() != IdpStatus::kInForce) return Fail(Error::Conflict("idp_error_not_in_force"));
  return {};
}

Result<void> CheckRevision(const Idp& idp, const std::string& part, int seen_revision) {
  if (idp.Revision(part) != seen_revision) {
    return Fail(Error::Conflict("idp_error_section_conflict"));
  }
  return {};
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Trim(text);
}

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatIsoDate(*date) : std::string();
}

template <typename E>
std::string CodeText(const std::optional<E>& value) {
  return value ? std::string(Code(*value)) : std::string();
}

// Appends the change of one field when its values differ.
void Compare(std::vector<IdpChange>& changes, IdpSection section, int element,
             const std::string& field, ChangeKind kind, const std::string& before,
             const std::string& after, const std::string& prefix = {}) {
  if (before == after) return;
  changes.push_back({section, element, field, kind, prefix, before, after});
}

std::string Joined(const std::set<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ",") + v;
  return out;
}

std::string AreasText(const std::set<AreaOfNeed>& areas) {
  std::set<std::string> codes;
  for (AreaOfNeed a : areas) codes.emplace(Code(a));
  return Joined(codes);
}

void CompareElement(std::vector<IdpChange>& out, const AlpElement& a, const AlpElement& b) {
  const IdpSection s = b.ByNhs() ? IdpSection::kNhs : IdpSection::kProvision;
  const int k = b.key;
  Compare(out, s, k, "outcome", ChangeKind::kText, a.outcome, b.outcome);
  Compare(out, s, k, "measure", ChangeKind::kText, a.measure, b.measure);
  Compare(out, s, k, "outcome_by", ChangeKind::kDate, DateText(a.outcome_by),
          DateText(b.outcome_by));
  Compare(out, s, k, "provision", ChangeKind::kText, a.provision, b.provision);
  Compare(out, s, k, "minutes", ChangeKind::kNumber, std::to_string(a.minutes),
          std::to_string(b.minutes));
  Compare(out, s, k, "sessions", ChangeKind::kNumber, std::to_string(a.sessions),
          std::to_string(b.sessions));
  Compare(out, s, k, "per", ChangeKind::kCode, CodeText(a.per), CodeText(b.per), "period_");
  Compare(out, s, k, "group", ChangeKind::kCode, CodeText(a.group), CodeText(b.group), "group_");
  Compare(out, s, k, "in_welsh", ChangeKind::kCode, std::string(Code(a.in_welsh)),
          std::string(Code(b.in_welsh)), "answer_");
  Compare(out, s, k, "provider", ChangeKind::kCode, CodeText(a.provider), CodeText(b.provider),
          "provider_");
  Compare(out, s, k, "provider_name", ChangeKind::kText, a.provider_name, b.provider_name);
  Compare(out, s, k, "starts_on", ChangeKind::kDate, DateText(a.starts_on), DateText(b.starts_on));
  Compare(out, s, k, "review_on", ChangeKind::kDate, DateText(a.review_on), DateText(b.review_on));
  Compare(out, s, k, "ends", ChangeKind::kCode, a.ends ? "yes" : "no", b.ends ? "yes" : "no",
          "answer_");
  Compare(out, s, k, "rationale", ChangeKind::kText, a.rationale, b.rationale);
}

std::string InformationText(const std::vector<InformationUsed>& items) {
  std::string out;
  for (const auto& i : items) {
    out += i.title + (i.from.empty() ? "" : " (" + i.from + ")") +
           (i.dated ? ", " + FormatIsoDate(*i.dated) : "") + "\n";
  }
  return out;
}

std::string EventsText(const std::vector<KeyEvent>& events) {
  std::string out;
  for (const auto& e : events) out += FormatIsoDate(e.on) + " " + e.what + "\n";
  return out;
}

Date MaxDate(Date a, Date b) { return a < b ? b : a; }

}  // namespace

std::string_view Code(IdpSection section) { return CodeIn(kSections, section); }
std::optional<IdpSection> IdpSectionFromCode(std::string_view code) {
  return FromCodeIn(kSections, code);
}
const std::vector<IdpSection>& AllIdpSections() {
  static const std::vector<IdpSection> all = AllIn(kSections);
  return all;
}
std::string_view Code(ProvisionPeriod period) { return CodeIn(kPeriods, period); }
std::optional<ProvisionPeriod> ProvisionPeriodFromCode(std::string_view code) {
  return FromCodeIn(kPeriods, code);
}
const std::vector<ProvisionPeriod>& AllProvisionPeriods() {
  static const std::vector<ProvisionPeriod> all = AllIn(kPeriods);
  return all;
}
std::string_view Code(GroupSize group) { return CodeIn(kGroups, group); }
std::optional<GroupSize> GroupSizeFromCode(std::string_view code) {
  return FromCodeIn(kGroups, code);
}
const std::vector<GroupSize>& AllGroupSizes() {
  static const std::vector<GroupSize> all = AllIn(kGroups);
  return all;
}
std::string_view Code(ProviderKind provider) { return CodeIn(kProviders, provider); }
std::optional<ProviderKind> ProviderKindFromCode(std::string_view code) {
  return FromCodeIn(kProviders, code);
}
const std::vector<ProviderKind>& AllProviderKinds() {
  static const std::vector<ProviderKind> all = AllIn(kProviders);
  return all;
}
std::string_view Code(RequesterKind kind) { return CodeIn(kRequesters, kind); }
std::optional<RequesterKind> RequesterKindFromCode(std::string_view code) {
  return FromCodeIn(kRequesters, code);
}
const std::vector<RequesterKind>& AllRequesterKinds() {
  static const std::vector<RequesterKind> all = AllIn(kRequesters);
  return all;
}
std::string_view Code(RequestState state) { return CodeIn(kRequestStates, state); }
std::optional<RequestState> RequestStateFromCode(std::string_view code) {
  return FromCodeIn(kRequestStates, code);
}
std::string_view Code(ReviewTrigger trigger) { return CodeIn(kTriggers, trigger); }
std::optional<ReviewTrigger> ReviewTriggerFromCode(std::string_view code) {
  return FromCodeIn(kTriggers, code);
}
const std::vector<ReviewTrigger>& AllReviewTriggers() {
  static const std::vector<ReviewTrigger> all = AllIn(kTriggers);
  return all;
}
std::string_view Code(InviteeKind kind) { return CodeIn(kInvitees, kind); }
std::optional<InviteeKind> InviteeKindFromCode(std::string_view code) {
  return FromCodeIn(kInvitees, code);
}
const std::vector<InviteeKind>& AllInviteeKinds() {
  static const std::vector<InviteeKind> all = AllIn(kInvitees);
  return all;
}
std::string_view Code(ProgressRating rating) { return CodeIn(kRatings, rating); }
std::optional<ProgressRating> ProgressRatingFromCode(std::string_view code) {
  return FromCodeIn(kRatings, code);
}
const std::vector<ProgressRating>& AllProgressRatings() {
  static const std::vector<ProgressRating> all = AllIn(kRatings);
  return all;
}
std::string_view Code(ReviewDecision decision) { return CodeIn(kDecisions, decision); }
std::optional<ReviewDecision> ReviewDecisionFromCode(std::string_view code) {
  return FromCodeIn(kDecisions, code);
}
const std::vector<ReviewDecision>& AllReviewDecisions() {
  static const std::vector<ReviewDecision> all = AllIn(kDecisions);
  return all;
}
std::string_view Code(MoveKind kind) { return CodeIn(kMoves, kind); }
std::optional<MoveKind> MoveKindFromCode(std::string_view code) { return FromCodeIn(kMoves, code); }
const std::vector<MoveKind>& AllMoveKinds() {
  static const std::vector<MoveKind> all = AllIn(kMoves);
  return all;
}
std::string_view Code(IdpEventKind kind) { return CodeIn(kEvents, kind); }
std::optional<IdpEventKind> IdpEventKindFromCode(std::string_view code) {
  return FromCodeIn(kEvents, code);
}
std::string_view Code(IdpStatus status) { return CodeIn(kStatuses, status); }

const AlpElement* IdpContent::Element(int key) const {
  for (const auto& e : elements)
    if (e.key == key) return &e;
  return nullptr;
}

IdpStatus Idp::Status() const {
  if (cessation) return IdpStatus::kCeased;
  return versions.empty() ? IdpStatus::kDraft : IdpStatus::kInForce;
}

const IdpVersion* Idp::Current() const { return versions.empty() ? nullptr : &versions.back(); }

std::optional<Date> Idp::ReviewPeriodStartsOn() const {
  const IdpVersion* current = Current();
  if (!current) return std::nullopt;
  Date start = current->given_on;
  for (const Review& r : reviews) {
    if (r.decision == ReviewDecision::kNoChange && r.notice_given_on &&
        r.version_reviewed == current->number) {
      start = MaxDate(start, *r.notice_given_on);
    }
  }
  return start;
}

int Idp::Revision(std::string_view part) const {
  auto it = revisions.find(std::string(part));
  return it == revisions.end() ? 0 : it->second;
}

std::string SectionPart(IdpSection section) { return std::string(Code(section)); }
std::string ElementPart(int key) { return "element:" + std::to_string(key); }

Result<void> CheckElement(const AlpElement& e) {
  Fields fields;
  if (Blank(e.outcome) && Blank(e.provision)) fields.emplace("outcome", "idp_error_element_empty");
  CheckText(e.outcome, "outcome", fields);
  CheckText(e.measure, "measure", fields);
  CheckText(e.provision, "provision", fields);
  CheckText(e.provider_name, "provider_name", fields);
  CheckText(e.rationale, "rationale", fields);
  if (e.minutes < 0 || e.minutes > 600) fields.emplace("minutes", "idp_error_minutes_range");
  if (e.sessions < 0 || e.sessions > 100) fields.emplace("sessions", "idp_error_sessions_range");
  if (e.starts_on && e.review_on && *e.review_on < *e.starts_on) {
    fields.emplace("review_on", "idp_error_review_before_start");
  }
  if (!fields.empty()) return Invalid(std::move(fields));
  return {};
}

Result<void> CheckSection(const IdpContent& c, IdpSection section) {
  Fields fields;
  switch (section) {
    case IdpSection::kAbout:
      CheckText(c.about.coordinator, "coordinator", fields);
      CheckText(c.about.coordinator_role, "coordinator_role", fields);
      CheckText(c.about.coordinator_contact, "coordinator_contact", fields);
      CheckText(c.about.communication, "communication", fields);
      break;
    case IdpSection::kProfile:
      CheckText(c.profile.admired, "admired", fields);
      CheckText(c.profile.important, "important", fields);
      CheckText(c.profile.support, "support", fields);
      CheckText(c.profile.written_with, "written_with", fields);
      break;
    case IdpSection::kNeeds:
      CheckText(c.needs.description, "description", fields);
      for (const auto& t : c.needs.types) {
        if (!FindTypeOfNeed(t)) fields.emplace("types", "idp_error_type_unknown");
      }
      break;
    case IdpSection::kProvision:
    case IdpSection::kNhs:
      for (const auto& e : c.elements) {
        auto ok = CheckElement(e);
        if (!ok) fields.insert(ok.error().fields.begin(), ok.error().fields.end());
      }
      break;
    case IdpSection::kPlace:
      CheckText(c.place.other, "other", fields);
      CheckText(c.place.reasons, "reasons", fields);
      break;
    case IdpSection::kInformation:
      for (std::size_t i = 0; i < c.information.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        if (Blank(c.information[i].title)) fields.emplace("title_" + n, "idp_error_title_missing");
        CheckText(c.information[i].title, "title_" + n, fields);
        CheckText(c.information[i].from, "from_" + n, fields);
      }
      break;
    case IdpSection::kTimeline:
      for (std::size_t i = 0; i < c.key_events.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        if (Blank(c.key_events[i].what)) fields.emplace("what_" + n, "idp_error_event_missing");
        CheckText(c.key_events[i].what, "what_" + n, fields);
      }
      break;
    case IdpSection::kTransition:
      CheckText(c.transition.transition, "transition", fields);
      CheckText(c.transition.transport, "transport", fields);
      break;
  }
  if (!fields.empty()) return Invalid(std::move(fields));
  return {};
}

std::vector<QualityFlag> CheckQuality(const IdpContent& c, DecidingBody maintainer) {
  std::vector<QualityFlag> flags;
  auto flag = [&](IdpSection s, int key, const char* check, const char* source) {
    flags.push_back({s, key, check, source});
  };
  // IDP form section 1: the profile in the learner's words.
  if (Blank(c.profile.admired) || Blank(c.profile.important) || Blank(c.profile.support)) {
    flag(IdpSection::kProfile, 0, "profile_missing", "IDP form section 1");
  }
  // Act s.10(1)(a): a description of the learner's ALN.
  if (Blank(c.needs.description) || c.needs.areas.empty()) {
    flag(IdpSection::kNeeds, 0, "needs_missing", "Act s.10(1)(a)");
  }
  // Act s.10(1)(b): a description of the ALP the learning difficulty or disability calls for.
  if (c.elements.empty()) flag(IdpSection::kProvision, 0, "alp_missing", "Act s.10(1)(b)");
  for (const AlpElement& e : c.elements) {
    const IdpSection s = e.ByNhs() ? IdpSection::kNhs : IdpSection::kProvision;
    // Code 23.20: outcomes are specific, measurable and time-bound.
    if (Blank(e.outcome)) flag(s, e.key, "outcome_missing", "Code 23.20");
    if (Blank(e.measure)) flag(s, e.key, "outcome_measure", "Code 23.20");
    if (!e.outcome_by) flag(s, e.key, "outcome_date", "Code 23.20");
    // Code 23.37: the ALP is detailed, specific and quantified.
    if (Blank(e.provision)) flag(s, e.key, "alp_what", "Code 23.37");
    if (e.minutes <= 0) flag(s, e.key, "alp_amount", "Code 23.37");
    if (e.sessions <= 0 || !e.per) flag(s, e.key, "alp_frequency", "Code 23.37");
    if (!e.group) flag(s, e.key, "alp_group", "Code 23.37");
    if (!e.provider || Blank(e.provider_name)) flag(s, e.key, "alp_provider", "Code 23.37");
    // Act s.10; IDP form section 2B: whether the ALP is to be provided in Welsh.
    if (e.in_welsh == Answer::kUnanswered) flag(s, e.key, "alp_language", "Act s.10");
    // Code 23.41: when the provision starts and when it is reviewed or ends.
    if (!e.starts_on || !e.review_on) flag(s, e.key, "alp_dates", "Code 23.41");
    // Code 23.42: why this provision.
    if (Blank(e.rationale)) flag(s, e.key, "alp_rationale", "Code 23.42");
  }
  // IDP form section 2D: an LA's plan names the school or institution, or says why it does not.
  if (maintainer == DecidingBody::kLocalAuthority && !c.place.setting && Blank(c.place.other) &&
      Blank(c.place.reasons)) {
    flag(IdpSection::kPlace, 0, "place_missing", "IDP form section 2D");
  }
  return flags;
}

std::vector<IdpChange> Diff(const IdpContent& a, const IdpContent& b) {
  std::vector<IdpChange> out;
  using S = IdpSection;
  using K = ChangeKind;
  Compare(out, S::kAbout, 0, "coordinator", K::kText, a.about.coordinator, b.about.coordinator);
  Compare(out, S::kAbout, 0, "coordinator_role", K::kText, a.about.coordinator_role,
          b.about.coordinator_role);
  Compare(out, S::kAbout, 0, "coordinator_contact", K::kText, a.about.coordinator_contact,
          b.about.coordinator_contact);
  Compare(out, S::kAbout, 0, "communication", K::kText, a.about.communication,
          b.about.communication);
  Compare(out, S::kProfile, 0, "admired", K::kText, a.profile.admired, b.profile.admired);
  Compare(out, S::kProfile, 0, "important", K::kText, a.profile.important, b.profile.important);
  Compare(out, S::kProfile, 0, "support", K::kText, a.profile.support, b.profile.support);
  Compare(out, S::kProfile, 0, "written_with", K::kText, a.profile.written_with,
          b.profile.written_with);
  Compare(out, S::kNeeds, 0, "areas", K::kCode, AreasText(a.needs.areas), AreasText(b.needs.areas),
          "area_");
  Compare(out, S::kNeeds, 0, "types", K::kCode, Joined(a.needs.types), Joined(b.needs.types),
          "need_");
  Compare(out, S::kNeeds, 0, "description", K::kText, a.needs.description, b.needs.description);
  for (const AlpElement& e : a.elements) {
    const AlpElement* now = b.Element(e.key);
    if (!now) {
      out.push_back({e.ByNhs() ? S::kNhs : S::kProvision, e.key, "element", K::kRemoved, "",
                     e.provision, ""});
    } else {
      CompareElement(out, e, *now);
    }
  }
  for (const AlpElement& e : b.elements) {
    if (!a.Element(e.key)) {
      out.push_back(
          {e.ByNhs() ? S::kNhs : S::kProvision, e.key, "element", K::kAdded, "", "", e.provision});
    }
  }
  Compare(out, S::kPlace, 0, "setting", K::kNumber,
          a.place.setting ? std::to_string(a.place.setting->value()) : "",
          b.place.setting ? std::to_string(b.place.setting->value()) : "");
  Compare(out, S::kPlace, 0, "other", K::kText, a.place.other, b.place.other);
  Compare(out, S::kPlace, 0, "reasons", K::kText, a.place.reasons, b.place.reasons);
  Compare(out, S::kInformation, 0, "information", K::kText, InformationText(a.information),
          InformationText(b.information));
  Compare(out, S::kTimeline, 0, "key_events", K::kText, EventsText(a.key_events),
          EventsText(b.key_events));
  Compare(out, S::kTransition, 0, "transition", K::kText, a.transition.transition,
          b.transition.transition);
  Compare(out, S::kTransition, 0, "transport", K::kText, a.transition.transport,
          b.transition.transport);
  return out;
}

std::vector<Invitee> RequiredInvitees(const IdpContent& content, const std::string& learner_name,
                                      const std::vector<std::string>& family, bool young_person,
                                      DecidingBody maintainer, const std::string& maintainer_name) {
  std::vector<Invitee> out;
  out.push_back({InviteeKind::kLearner, learner_name, false});
  if (!young_person) {
    for (const auto& name : family) out.push_back({InviteeKind::kFamily, name, false});
  }
  out.push_back({maintainer == DecidingBody::kLocalAuthority ? InviteeKind::kLocalAuthority
                                                             : InviteeKind::kSchool,
                 maintainer_name, false});
  std::set<std::string> seen;
  for (const AlpElement& e : content.elements) {
    if (e.provider != ProviderKind::kNhsBody && e.provider != ProviderKind::kOtherAgency) continue;
    if (Blank(e.provider_name) || !seen.insert(Lower(e.provider_name)).second) continue;
    out.push_back({InviteeKind::kAgency, Trim(e.provider_name), false});
  }
  return out;
}

bool CeaseIsReconsidered(DecidingBody body) { return body == DecidingBody::kSchool; }

Result<Idp> StartPlan(const Learner& learner, DecidingBody body, LocalAuthorityId maintaining_la,
                      std::optional<SettingId> setting, std::optional<AlnCaseId> aln_case,
                      std::vector<KeyEvent> key_events, const StepContext& step) {
  if (body != DecidingBody::kLocalAuthority && !setting) {
    return Fail(Error::InvalidArgument("idp_error_no_setting"));
  }
  Idp idp;
  idp.local_authority = learner.local_authority;
  idp.learner = learner.id;
  idp.aln_case = aln_case;
  idp.body = body;
  idp.maintaining_la = maintaining_la;
  if (body != DecidingBody::kLocalAuthority) idp.setting = setting;
  std::stable_sort(key_events.begin(), key_events.end(),
                   [](const KeyEvent& a, const KeyEvent& b) { return a.on < b.on; });
  IdpContent draft;
  draft.key_events = std::move(key_events);
  idp.draft = std::move(draft);
  Record(idp, IdpEventKind::kStarted, step.today, step);
  return idp;
}

Result<void> SaveSection(Idp& idp, IdpSection section, const IdpContent& edited, int seen_revision,
                         const StepContext& step) {
  if (section == IdpSection::kProvision || section == IdpSection::kNhs) {
    return Fail(Error::InvalidArgument("idp_error_section_unknown"));
  }
  if (auto ok = NeedsDraft(idp); !ok) return ok;
  const std::string part = SectionPart(section);
  if (auto ok = CheckRevision(idp, part, seen_revision); !ok) return ok;
  if (auto ok = CheckSection(edited, section); !ok) return ok;
  IdpContent& d = *idp.draft;
  switch (section) {
    case IdpSection::kAbout:
      d.about = edited.about;
      break;
    case IdpSection::kProfile: {
      ProfileContent profile = edited.profile;
      d.profile = std::move(profile);
      break;
    }
    case IdpSection::kNeeds:
      d.needs = edited.needs;
      break;
    case IdpSection::kPlace:
      d.place = edited.place;
      break;
    case IdpSection::kInformation:
      d.information = edited.information;
      break;
    case IdpSection::kTimeline:
      d.key_events = edited.key_events;
      std::stable_sort(d.key_events.begin(), d.key_events.end(),
                       [](const KeyEvent& a, const KeyEvent& b) { return a.on < b.on; });
      break;
    case IdpSection::kTransition:
      d.transition = edited.transition;
      break;
    case IdpSection::kProvision:
    case IdpSection::kNhs:
      break;
  }
  (void)step;
  ++idp.revisions[part];
  return {};
}

Result<int> SaveElement(Idp& idp, AlpElement element, int seen_revision, const StepContext& step) {
  (void)step;
  if (auto ok = NeedsDraft(idp); !ok) return Fail(ok.error());
  if (auto ok = CheckElement(element); !ok) return Fail(ok.error());
  IdpContent& d = *idp.draft;
  if (element.key == 0) {
    if (seen_revision != 0) return Fail(Error::InvalidArgument("idp_error_section_unknown"));
    element.key = d.next_key++;
    d.elements.push_back(element);
    ++idp.revisions[ElementPart(element.key)];
    return element.key;
  }
  auto it = std::find_if(d.elements.begin(), d.elements.end(),
                         [&](const AlpElement& e) { return e.key == element.key; });
  if (it == d.elements.end()) return Fail(Error::NotFound("idp_error_element_not_found"));
  if (auto ok = CheckRevision(idp, ElementPart(element.key), seen_revision); !ok) {
    return Fail(ok.error());
  }
  *it = element;
  ++idp.revisions[ElementPart(element.key)];
  return element.key;
}

Result<void> RemoveElement(Idp& idp, int key, int seen_revision, const StepContext& step) {
  (void)step;
  if (auto ok = NeedsDraft(idp); !ok) return ok;
  IdpContent& d = *idp.draft;
  auto it = std::find_if(d.elements.begin(), d.elements.end(),
                         [&](const AlpElement& e) { return e.key == key; });
  if (it == d.elements.end()) return Fail(Error::NotFound("idp_error_element_not_found"));
  if (auto ok = CheckRevision(idp, ElementPart(key), seen_revision); !ok) return ok;
  d.elements.erase(it);
  ++idp.revisions[ElementPart(key)];
  return {};
}

Result<int> Finalise(Idp& idp, const FinaliseInput& input, const StepContext& step) {
  if (auto ok = NeedsDraft(idp); !ok) return Fail(ok.error());
  Fields fields;
  const IdpVersion* current = idp.Current();
  CheckDate(input.sent_on, current ? std::optional<Date>(current->given_on) : std::nullopt, step,
            "sent_on", fields);
  if (input.given_on < input.sent_on) fields.emplace("sent_on", "idp_error_given_before_sent");
  if (current && Blank(input.change_summary)) {
    fields.emplace("change_summary", "idp_error_change_summary");
  }
  CheckText(input.change_summary, "change_summary", fields);
  CheckText(input.override_reasons, "override_reasons", fields);
  std::vector<QualityFlag> flags = CheckQuality(*idp.draft, idp.body);
  if (!flags.empty() && Blank(input.override_reasons)) {
    fields.emplace("override_reasons", "idp_error_flags_remain");
  }
  if (!fields.empty()) return Fail(Error::InvalidArgument("idp_error_title", std::move(fields)));
  IdpVersion v;
  v.number = static_cast<int>(idp.versions.size()) + 1;
  v.content = *idp.draft;
  v.body = idp.body;
  v.local_authority = idp.maintaining_la;
  v.setting = idp.setting;
  v.method = input.method;
  v.sent_on = input.sent_on;
  v.given_on = input.given_on;
  v.change_summary = current ? Trim(input.change_summary) : std::string();
  v.flags = std::move(flags);
  if (!v.flags.empty()) v.override_reasons = Trim(input.override_reasons);
  v.by = step.by;
  v.at = step.at;
  idp.versions.push_back(std::move(v));
  idp.draft.reset();
  idp.revisions.clear();
  Record(idp, IdpEventKind::kFinalised, input.given_on, step,
         std::to_string(idp.versions.back().number));
  return idp.versions.back().number;
}

Result<void> StartRevision(Idp& idp, const StepContext& step) {
  if (auto ok = NeedsInForce(idp); !ok) return ok;
  if (idp.draft) return {};
  idp.draft = idp.Current()->content;
  idp.revisions.clear();
  Record(idp, IdpEventKind::kRevisionStarted, step.today, step);
  return {};
}

Result<int> RequestReview(Idp& idp, ReviewRequest request, const StepContext& step) {
  if (auto ok = NeedsInForce(idp); !ok) return Fail(ok.error());
  Fields fields;
  if (Blank(request.name)) fields.emplace("name", "idp_error_requester_name");
  if (Blank(request.reasons)) fields.emplace("reasons", "idp_error_request_reasons");
  CheckText(request.reasons, "reasons", fields);
  CheckDate(request.requested_on, idp.Current()->given_on, step, "requested_on", fields);
  if (!fields.empty()) return Fail(Error::InvalidArgument("idp_error_title", std::move(fields)));
  request.name = Trim(request.name);
  request.state = RequestState::kPending;
  request.answer.clear();
  request.answered_on.reset();
  request.recorded_by = step.by;
  request.at = step.at;
  idp.requests.push_back(std::move(request));
  const int number = static_cast<int>(idp.requests.size());
  Record(idp, IdpEventKind::kReviewRequested, idp.requests.back().requested_on, step,
         std::string(Code(idp.requests.back().by)));
  return number;
}

Result<void> AnswerRequest(Idp& idp, int number, bool review, const std::string& answer, Date on,
                           const StepContext& step) {
  if (auto ok = NeedsInForce(idp); !ok) return ok;
  if (number < 1 || number > static_cast<int>(idp.requests.size())) {
    return Fail(Error::NotFound("idp_error_request_not_found"));
  }
  ReviewRequest& r = idp.requests[number - 1];
  if (r.state != RequestState::kPending) return Fail(Error::Conflict("idp_error_request_answered"));
  Fields fields;
  if (!review && Blank(answer)) fields.emplace("answer", "idp_error_unnecessary_reasons");
  CheckText(answer, "answer", fields);
  CheckDate(on, r.requested_on, step, "answered_on", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  r.state = review ? RequestState::kAccepted : RequestState::kUnnecessary;
  r.answer = Trim(answer);
  r.answered_on = on;
  Record(idp, IdpEventKind::kRequestAnswered, on, step, std::string(Code(r.state)));
  return {};
}

Result<void> RecordReview(Idp& idp, Review review, const std::vector<Invitee>& required,
                          const StepContext& step) {
  if (auto ok = NeedsInForce(idp); !ok) return ok;
  const IdpVersion& current = *idp.Current();
  Fields fields;
  CheckDate(review.held_on, current.given_on, step, "held_on", fields);
  for (const Invitee& need : required) {
    const bool invited = std::any_of(
        review.invitees.begin(), review.invitees.end(),
        [&](const Invitee& i) { return i.kind == need.kind && Lower(i.name) == Lower(need.name); });
    if (!invited) fields.emplace("invitees", "idp_error_invitee_missing");
  }
  for (const Invitee& i : review.invitees) {
    if (Blank(i.name)) fields.emplace("invitees", "idp_error_invitee_name");
  }
  if (std::none_of(review.invitees.begin(), review.invitees.end(),
                   [](const Invitee& i) { return i.attended; })) {
    fields.emplace("attended", "idp_error_nobody_attended");
  }
  for (const AlpElement& e : current.content.elements) {
    const bool rated = std::any_of(review.progress.begin(), review.progress.end(),
                                   [&](const OutcomeProgress& p) { return p.element == e.key; });
    if (!rated) fields.emplace("progress_" + std::to_string(e.key), "idp_error_progress_missing");
  }
  for (const OutcomeProgress& p : review.progress) {
    if (!current.content.Element(p.element)) {
      fields.emplace("progress_" + std::to_string(p.element), "idp_error_element_not_found");
    }
    CheckText(p.note, "progress_" + std::to_string(p.element), fields);
  }
  CheckText(review.learner_views, "learner_views", fields);
  CheckText(review.family_views, "family_views", fields);
  if (Blank(review.reasons)) fields.emplace("reasons", "idp_error_review_reasons");
  CheckText(review.reasons, "reasons", fields);
  if (review.trigger == ReviewTrigger::kRequest) {
    if (review.request < 1 || review.request > static_cast<int>(idp.requests.size())) {
      fields.emplace("request", "idp_error_request_not_found");
    } else if (const RequestState s = idp.requests[review.request - 1].state;
               s == RequestState::kUnnecessary || s == RequestState::kReviewed) {
      fields.emplace("request", "idp_error_request_answered");
    }
  } else {
    review.request = 0;
  }
  if (review.decision == ReviewDecision::kNoChange) {
    if (!review.notice_given_on) {
      fields.emplace("notice_given_on", "idp_error_no_change_notice");
    } else {
      CheckDate(*review.notice_given_on, review.held_on, step, "notice_given_on", fields);
    }
  } else {
    review.notice_given_on.reset();
  }
  if (!fields.empty()) return Invalid(std::move(fields));
  review.version_reviewed = current.number;
  review.reasons = Trim(review.reasons);
  review.by = step.by;
  review.at = step.at;
  if (review.request > 0) idp.requests[review.request - 1].state = RequestState::kReviewed;
  const ReviewDecision decision = review.decision;
  const Date held_on = review.held_on;
  idp.reviews.push_back(std::move(review));
  Record(idp, IdpEventKind::kReviewed, held_on, step, std::string(Code(decision)));
  if (decision == ReviewDecision::kRevise) return StartRevision(idp, step);
  return {};
}

Result<void> Cease(Idp& idp, Cessation cessation, const StepContext& step) {
  if (auto ok = NeedsInForce(idp); !ok) return ok;
  Fields fields;
  CheckDate(cessation.decided_on, idp.Current()->given_on, step, "decided_on", fields);
  if (Blank(cessation.reasons)) fields.emplace("reasons", "idp_error_cease_reasons");
  CheckText(cessation.reasons, "reasons", fields);
  CheckDate(cessation.sent_on, cessation.decided_on, step, "sent_on", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  cessation.reasons = Trim(cessation.reasons);
  cessation.by = step.by;
  cessation.at = step.at;
  const Date given = cessation.given_on;
  idp.cessation = std::move(cessation);
  idp.draft.reset();
  idp.revisions.clear();
  Record(idp, IdpEventKind::kCeased, given, step);
  return {};
}

Result<void> Move(Idp& idp, PlanMove move, const Learner& learner, const std::optional<Setting>& to,
                  const StepContext& step) {
  if (idp.Status() == IdpStatus::kCeased) return Fail(Error::Conflict("idp_error_ceased"));
  Fields fields;
  const std::optional<Date> started =
      idp.timeline.empty() ? std::nullopt : std::optional<Date>(idp.timeline.front().on);
  CheckDate(move.on, started, step, "moved_on", fields);
  CheckText(move.note, "note", fields);
  move.from_body = idp.body;
  move.from_local_authority = idp.maintaining_la;
  move.from_setting = idp.setting;
  if (move.kind != MoveKind::kFei) move.entitlement_until.reset();
  auto registered_at = [&](SettingId s) {
    return std::any_of(
        learner.registrations.begin(), learner.registrations.end(),
        [&](const Registration& r) { return r.setting == s && r.ActiveOn(move.on); });
  };
  switch (move.kind) {
    case MoveKind::kNewSchool:
      if (!to || !IsMaintainedSchool(to->type) || to->type == SettingType::kPru ||
          to->type == SettingType::kFei) {
        fields.emplace("to_setting", "idp_error_move_not_school");
      } else if (idp.body != DecidingBody::kLocalAuthority && idp.setting == to->id) {
        fields.emplace("to_setting", "idp_error_move_same_setting");
      } else if (!registered_at(to->id)) {
        fields.emplace("to_setting", "idp_error_move_not_registered");
      } else {
        move.to_setting = to->id;
        move.to_local_authority = to->local_authority;
        move.to_body = idp.body == DecidingBody::kLocalAuthority ? DecidingBody::kLocalAuthority
                                                                 : DecidingBody::kSchool;
      }
      break;
    case MoveKind::kDualRegistration:
      if (idp.body == DecidingBody::kLocalAuthority) {
        fields.emplace("kind", "idp_error_move_already_la");
      } else if (!learner.DuallyRegisteredOn(move.on)) {
        fields.emplace("moved_on", "idp_error_move_not_dual");
      } else {
        move.to_body = DecidingBody::kLocalAuthority;
        move.to_local_authority = learner.local_authority;
        move.to_setting.reset();
      }
      break;
    case MoveKind::kFei:
      if (!to || to->type != SettingType::kFei) {
        fields.emplace("to_setting", "idp_error_move_not_fei");
      } else {
        move.to_setting = to->id;
        move.to_local_authority = to->local_authority;
        move.to_body = DecidingBody::kFei;
      }
      // REFERENCE section 5 (post-16): a young person moves on after compulsory school age ...
      if (move.on <= CompulsorySchoolAgeEnds(learner.date_of_birth)) {
        fields.emplace("moved_on", "idp_error_move_not_post16");
      }
      // ... with an entitlement of up to 2 years of further education or training.
      if (!move.entitlement_until) {
        fields.emplace("entitlement_until", "idp_error_entitlement_missing");
      } else if (*move.entitlement_until <= move.on ||
                 AddMonthsClamped(move.on, 24) < *move.entitlement_until) {
        fields.emplace("entitlement_until", "idp_error_entitlement_range");
      }
      break;
    case MoveKind::kNewLocalAuthority:
      if (idp.body != DecidingBody::kLocalAuthority) {
        fields.emplace("kind", "idp_error_move_not_la_plan");
      } else if (!move.to_local_authority.valid() ||
                 move.to_local_authority == idp.maintaining_la) {
        fields.emplace("to_la", "idp_error_move_same_la");
      } else {
        move.to_body = DecidingBody::kLocalAuthority;
        move.to_setting.reset();
      }
      break;
  }
  if (!fields.empty()) return Invalid(std::move(fields));
  move.note = Trim(move.note);
  move.by = step.by;
  move.at = step.at;
  idp.body = move.to_body;
  idp.maintaining_la = move.to_local_authority;
  if (move.to_body != DecidingBody::kLocalAuthority) {
    idp.setting = move.to_setting;
  } else if (move.kind != MoveKind::kNewSchool) {
    idp.setting.reset();
  }
  if (move.entitlement_until) idp.entitlement_until = move.entitlement_until;
  const Date on = move.on;
  const MoveKind kind = move.kind;
  idp.moves.push_back(std::move(move));
  Record(idp, IdpEventKind::kMoved, on, step, std::string(Code(kind)));
  return {};
}

Result<void> LinkPep(Idp& idp, const Learner& learner, const std::string& reference, Date dated,
                     const StepContext& step) {
  if (idp.Status() == IdpStatus::kCeased) return Fail(Error::Conflict("idp_error_ceased"));
  Fields fields;
  if (!learner.looked_after) fields.emplace("pep_reference", "idp_error_pep_not_looked_after");
  if (Blank(reference)) fields.emplace("pep_reference", "idp_error_pep_reference");
  if (reference.size() > 200) fields.emplace("pep_reference", "idp_error_too_long");
  CheckDate(dated, learner.date_of_birth, step, "pep_dated", fields);
  if (!fields.empty()) return Invalid(std::move(fields));
  idp.pep_reference = Trim(reference);
  idp.pep_dated = dated;
  Record(idp, IdpEventKind::kPepLinked, dated, step);
  return {};
}

}  // namespace cynnal::domain
