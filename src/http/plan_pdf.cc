#include <algorithm>

#include "documents/pdf.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using documents::Block;
using documents::BlockKind;

Block MakeBlock(BlockKind kind, std::string text, std::string label = {}) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  b.label = std::move(label);
  return b;
}

}  // namespace

// The plan laid out in the order of the IDP form (Code ch.23, Annex A; REFERENCE section 5):
// section 1 (details and the profile), 2A (ALN), 2B (each element of ALP), 2C (ALP by an NHS
// body), 2D (the place named, LA plans), 3 (information used, key events, transition and
// transport).
domain::Result<std::string> WebApp::PlanPdf(Lang lang, const app::PlanDocumentData& data) const {
  auto t = [&](const std::string& id) { return catalog_->Get(lang, id); };
  auto fill = [&](const std::string& id, const std::map<std::string, std::string>& values) {
    return FillIn(lang, id, values);
  };
  auto date = [&](const std::optional<domain::Date>& d) {
    return d ? FormatDateIn(lang, *d) : t("idp_pdf_not_given");
  };
  const auto& v = data.view;
  const auto& c = data.content;
  const bool cy = lang == Lang::kCy;
  const std::string name = v.learner.DisplayName();
  std::string body = v.maintainer_name;
  if (v.idp.body == domain::DecidingBody::kLocalAuthority) {
    auto it = v.authorities.find(v.idp.maintaining_la);
    if (it != v.authorities.end()) body = cy ? it->second.name_cy : it->second.name_en;
  }
  documents::DocumentSpec spec;
  spec.language = std::string(Code(lang));
  spec.title = fill("idp_pdf_title", {{"name", name}});
  spec.header = body + (data.number == 0
                            ? " – " + t("idp_pdf_draft")
                            : " – " + fill("idp_version_n", {{"n", std::to_string(data.number)}}));
  spec.footer = t("idp_pdf_footer");
  auto& b = spec.blocks;
  auto field = [&](const std::string& label_id, const std::string& value) {
    b.push_back(
        MakeBlock(BlockKind::kField, value.empty() ? t("idp_pdf_not_given") : value, t(label_id)));
  };
  b.push_back(MakeBlock(BlockKind::kTitle, spec.title));
  if (data.version) {
    b.push_back(
        MakeBlock(BlockKind::kParagraph,
                  fill("idp_pdf_given", {{"date", FormatDateIn(lang, data.version->given_on)}})));
  } else {
    b.push_back(MakeBlock(BlockKind::kParagraph, t("idp_pdf_draft_note")));
  }

  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_pdf_section_1")));
  field("idp_pdf_name", name);
  field("idp_pdf_dob", FormatDateIn(lang, v.learner.date_of_birth));
  field("idp_pdf_upn", v.learner.upn.str());
  field("idp_pdf_maintained_by", body);
  field("idp_field_coordinator", c.about.coordinator);
  field("idp_field_coordinator_role", c.about.coordinator_role);
  field("idp_field_coordinator_contact", c.about.coordinator_contact);
  field("idp_field_communication", c.about.communication);
  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_section_profile")));
  field("idp_field_admired", c.profile.admired);
  field("idp_field_important", c.profile.important);
  field("idp_field_support", c.profile.support);
  if (!c.profile.written_with.empty()) field("idp_field_written_with", c.profile.written_with);

  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_pdf_section_2a")));
  std::string areas;
  for (auto a : c.needs.areas)
    areas += (areas.empty() ? "" : ", ") + t("area_" + std::string(domain::Code(a)));
  field("idp_field_areas", areas);
  std::string types;
  for (const auto& ty : c.needs.types) types += (types.empty() ? "" : ", ") + t("need_" + ty);
  if (!types.empty()) field("idp_field_types", types);
  field("idp_field_description", c.needs.description);

  auto elements = [&](bool nhs) {
    int n = 0;
    for (const auto& e : c.elements) {
      if (e.ByNhs() != nhs) continue;
      ++n;
      b.push_back(
          MakeBlock(BlockKind::kHeading, fill("idp_pdf_element", {{"n", std::to_string(n)}})));
      field("idp_field_outcome", e.outcome);
      field("idp_field_measure", e.measure);
      field("idp_field_outcome_by", date(e.outcome_by));
      field("idp_field_provision", e.provision);
      std::string amount;
      if (e.minutes && e.sessions && e.per) {
        amount = fill("idp_amount", {{"minutes", std::to_string(e.minutes)},
                                     {"sessions", std::to_string(e.sessions)},
                                     {"per", t("period_" + std::string(domain::Code(*e.per)))}});
      }
      field("idp_pdf_amount", amount);
      field("idp_field_group", e.group ? t("group_" + std::string(domain::Code(*e.group))) : "");
      field("idp_field_in_welsh", e.in_welsh == domain::Answer::kUnanswered
                                      ? ""
                                      : t("answer_" + std::string(domain::Code(e.in_welsh))));
      std::string provider =
          e.provider ? t("provider_" + std::string(domain::Code(*e.provider))) : "";
      if (!e.provider_name.empty()) provider += (provider.empty() ? "" : ": ") + e.provider_name;
      field("idp_field_provider", provider);
      field("idp_field_starts_on", date(e.starts_on));
      field(e.ends ? "idp_pdf_end_date" : "idp_field_review_on", date(e.review_on));
      field("idp_field_rationale", e.rationale);
    }
    if (n == 0) b.push_back(MakeBlock(BlockKind::kParagraph, t("idp_pdf_none")));
  };
  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_pdf_section_2b")));
  elements(false);
  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_pdf_section_2c")));
  elements(true);
  if (v.idp.body == domain::DecidingBody::kLocalAuthority) {
    b.push_back(MakeBlock(BlockKind::kHeading, t("idp_pdf_section_2d")));
    std::string place = c.place.other;
    if (c.place.setting && v.settings.count(*c.place.setting)) {
      place = v.settings.at(*c.place.setting).name;
    }
    field("idp_field_setting", place);
    field("idp_field_reasons", c.place.reasons);
  }

  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_pdf_section_3")));
  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_section_information")));
  for (const auto& i : c.information) {
    std::string line = i.title;
    if (!i.from.empty()) line += " – " + i.from;
    if (i.dated) line += " (" + FormatDateIn(lang, *i.dated) + ")";
    b.push_back(MakeBlock(BlockKind::kBullet, line));
  }
  if (c.information.empty()) b.push_back(MakeBlock(BlockKind::kParagraph, t("idp_pdf_none")));
  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_section_timeline")));
  for (const auto& e : c.key_events) {
    b.push_back(MakeBlock(BlockKind::kBullet, FormatDateIn(lang, e.on) + ": " + e.what));
  }
  if (c.key_events.empty()) b.push_back(MakeBlock(BlockKind::kParagraph, t("idp_pdf_none")));
  b.push_back(MakeBlock(BlockKind::kHeading, t("idp_section_transition")));
  field("idp_field_transition", c.transition.transition);
  field("idp_field_transport", c.transition.transport);
  if (!v.idp.pep_reference.empty()) field("idp_field_pep_reference", v.idp.pep_reference);
  if (v.idp.entitlement_until) {
    field("idp_entitlement", FormatDateIn(lang, *v.idp.entitlement_until));
  }
  b.push_back(MakeBlock(BlockKind::kSpacer, ""));
  b.push_back(MakeBlock(BlockKind::kSmall, t("idp_pdf_rights")));
  return documents::RenderPdf(spec);
}

// The One Page Profile ("About me") on a single page.
domain::Result<std::string> WebApp::ProfilePdf(Lang lang, const std::string& learner_name,
                                               const domain::ProfileContent& profile,
                                               const std::string& setting_name,
                                               domain::Date dated) const {
  auto t = [&](const std::string& id) { return catalog_->Get(lang, id); };
  documents::DocumentSpec spec;
  spec.language = std::string(Code(lang));
  spec.title = FillIn(lang, "profile_pdf_title", {{"name", learner_name}});
  spec.header = setting_name;
  spec.footer = FillIn(lang, "profile_pdf_footer", {{"date", FormatDateIn(lang, dated)}});
  spec.one_page = true;
  auto& b = spec.blocks;
  b.push_back(MakeBlock(BlockKind::kTitle, spec.title));
  auto part = [&](const std::string& label_id, const std::string& text) {
    b.push_back(MakeBlock(BlockKind::kHeading, t(label_id)));
    b.push_back(MakeBlock(BlockKind::kParagraph, text.empty() ? t("idp_pdf_not_given") : text));
  };
  part("idp_field_admired", profile.admired);
  part("idp_field_important", profile.important);
  part("idp_field_support", profile.support);
  if (!profile.written_with.empty()) {
    b.push_back(MakeBlock(BlockKind::kSmall, FillIn(lang, "profile_pdf_written_with",
                                                    {{"who", profile.written_with}})));
  }
  return documents::RenderPdf(spec);
}

// The notice that a plan will cease: the decision, its reasons and the right it carries (Regs
// reg 12: a request that the LA reconsider a school's decision within 4 weeks; Act s.70: an
// appeal to the tribunal against an LA's or FEI's).
domain::Result<std::string> WebApp::CessationPdf(Lang lang, const app::PlanView& v) const {
  auto t = [&](const std::string& id) { return catalog_->Get(lang, id); };
  const auto& k = *v.idp.cessation;
  const std::string name = v.learner.DisplayName();
  std::string body = v.maintainer_name;
  if (v.idp.body == domain::DecidingBody::kLocalAuthority) {
    auto it = v.authorities.find(v.idp.maintaining_la);
    if (it != v.authorities.end())
      body = lang == Lang::kCy ? it->second.name_cy : it->second.name_en;
  }
  documents::DocumentSpec spec;
  spec.language = std::string(Code(lang));
  spec.title = FillIn(lang, "cease_pdf_title", {{"name", name}});
  spec.header = body;
  spec.footer = t("notice_pdf_footer");
  auto& b = spec.blocks;
  b.push_back(MakeBlock(BlockKind::kTitle, spec.title));
  b.push_back(MakeBlock(BlockKind::kField, FormatDateIn(lang, k.sent_on), t("notice_pdf_date")));
  b.push_back(MakeBlock(BlockKind::kField,
                        name + " (" + FormatDateIn(lang, v.learner.date_of_birth) + ")",
                        t("notice_pdf_about")));
  b.push_back(MakeBlock(BlockKind::kField, body, t("notice_pdf_decided_by")));
  b.push_back(
      MakeBlock(BlockKind::kField, FormatDateIn(lang, k.decided_on), t("notice_pdf_decided_on")));
  b.push_back(MakeBlock(BlockKind::kHeading, t("cease_pdf_decision")));
  b.push_back(MakeBlock(BlockKind::kParagraph,
                        FillIn(lang, "cease_pdf_decision_text", {{"name", name}, {"body", body}})));
  b.push_back(MakeBlock(BlockKind::kField, k.reasons, t("cease_pdf_reasons")));
  b.push_back(MakeBlock(BlockKind::kHeading, t("cease_pdf_rights")));
  if (k.reconsider_by) {
    b.push_back(MakeBlock(
        BlockKind::kParagraph,
        FillIn(lang, "cease_pdf_reconsider", {{"date", FormatDateIn(lang, *k.reconsider_by)}})));
  }
  if (k.appeal_by) {
    b.push_back(
        MakeBlock(BlockKind::kParagraph,
                  FillIn(lang, "cease_pdf_appeal", {{"date", FormatDateIn(lang, *k.appeal_by)}})));
  }
  b.push_back(MakeBlock(BlockKind::kParagraph, t("notice_pdf_advice_snap")));
  b.push_back(MakeBlock(BlockKind::kParagraph, t("notice_pdf_advocacy")));
  return documents::RenderPdf(spec);
}

}  // namespace cynnal::http

namespace cynnal::http {

// The minutes of an ALN panel meeting (REFERENCE section 6): who attended, who sent apologies,
// each item in agenda order with any member excused from it and the panel's decision with its
// reasons, and the meeting's other business.
domain::Result<std::string> WebApp::PanelMinutesPdf(Lang lang, const app::MeetingView& v) const {
  auto t = [&](const std::string& id) { return catalog_->Get(lang, id); };
  const auto& m = v.meeting;
  const std::string panel = lang == Lang::kCy ? v.panel.name_cy : v.panel.name_en;
  auto role = [&](domain::PanelRole r) { return t("panel_role_" + std::string(domain::Code(r))); };
  auto who = [&](int key) {
    const auto* member = v.panel.Member(key);
    return member ? member->name + " (" + role(member->role) + ")" : std::string();
  };
  documents::DocumentSpec spec;
  spec.language = std::string(Code(lang));
  spec.title = FillIn(lang, "panel_pdf_title", {{"panel", panel}});
  spec.header = panel;
  spec.footer = t("panel_pdf_footer");
  auto& b = spec.blocks;
  b.push_back(MakeBlock(BlockKind::kTitle, spec.title));
  b.push_back(MakeBlock(BlockKind::kField,
                        FormatDateIn(lang, m.date) + (m.time.empty() ? "" : ", " + m.time),
                        t("panel_pdf_date")));
  if (!m.location.empty())
    b.push_back(MakeBlock(BlockKind::kField, m.location, t("panel_pdf_location")));
  if (m.holiday_agreement) {
    b.push_back(MakeBlock(BlockKind::kParagraph,
                          FillIn(lang, "panel_holiday_agreed",
                                 {{"name", m.holiday_agreement->lead_officer},
                                  {"date", FormatDateIn(lang, m.holiday_agreement->agreed_on)},
                                  {"reason", m.holiday_agreement->reason}})));
  }
  b.push_back(MakeBlock(BlockKind::kHeading, t("panel_pdf_present")));
  std::vector<int> attended = m.present;
  for (const auto& a : m.attendance)
    if (std::find(attended.begin(), attended.end(), a.member) == attended.end())
      attended.push_back(a.member);
  for (int key : attended) b.push_back(MakeBlock(BlockKind::kBullet, who(key)));
  // Comings and goings after the start: the first arrival of each member is the list above.
  std::vector<int> arrived;
  for (const auto& a : m.attendance) {
    if (a.present && std::find(arrived.begin(), arrived.end(), a.member) == arrived.end()) {
      arrived.push_back(a.member);
      continue;
    }
    if (a.present) {
      b.push_back(
          MakeBlock(BlockKind::kSmall,
                    FillIn(lang, a.time.empty() ? "panel_log_arrived_untimed" : "panel_log_arrived",
                           {{"name", who(a.member)}, {"time", a.time}})));
      continue;
    }
    b.push_back(MakeBlock(BlockKind::kSmall,
                          FillIn(lang, a.time.empty() ? "panel_log_left_untimed" : "panel_log_left",
                                 {{"name", who(a.member)}, {"time", a.time}})));
  }
  b.push_back(MakeBlock(BlockKind::kHeading, t("panel_pdf_apologies")));
  bool apologies = false;
  for (const auto& member : v.panel.members) {
    if (!member.active || std::find(attended.begin(), attended.end(), member.key) != attended.end())
      continue;
    b.push_back(MakeBlock(BlockKind::kBullet, member.name + " (" + role(member.role) + ")"));
    apologies = true;
  }
  if (!apologies) b.push_back(MakeBlock(BlockKind::kParagraph, t("panel_pdf_none")));
  int n = 0;
  for (const auto& line : v.agenda) {
    const auto& r = line.line.referral;
    b.push_back(
        MakeBlock(BlockKind::kHeading,
                  FillIn(lang, "panel_pdf_item",
                         {{"n", std::to_string(++n)},
                          {"name", line.line.learner_name},
                          {"type", t("panel_case_" + std::string(domain::Code(r.type)))}})));
    if (!line.line.setting_name.empty())
      b.push_back(MakeBlock(BlockKind::kField, line.line.setting_name, t("panel_field_school")));
    b.push_back(MakeBlock(BlockKind::kField, r.summary, t("panel_field_summary")));
    for (const auto& e : line.item.excused) {
      b.push_back(
          MakeBlock(BlockKind::kParagraph,
                    FillIn(lang, e.detected ? "panel_excused_detected" : "panel_excused_declared",
                           {{"name", who(e.member)}, {"reason", e.reason}})));
    }
    if (!line.item.decision) continue;
    const auto& d = *line.item.decision;
    b.push_back(MakeBlock(BlockKind::kField,
                          t("panel_outcome_" + std::string(domain::Code(d.outcome))),
                          t("panel_field_outcome")));
    if (!d.agreed.empty())
      b.push_back(MakeBlock(BlockKind::kField, d.agreed, t("panel_field_agreed")));
    if (d.placement != domain::Placement::kNone)
      b.push_back(MakeBlock(BlockKind::kField,
                            t("placement_" + std::string(domain::Code(d.placement))),
                            t("panel_field_placement")));
    if (d.hours_per_week_tenths) {
      b.push_back(MakeBlock(
          BlockKind::kField,
          std::to_string(d.hours_per_week_tenths / 10) +
              (d.hours_per_week_tenths % 10 ? "." + std::to_string(d.hours_per_week_tenths % 10)
                                            : ""),
          t("panel_field_hours")));
    }
    if (d.places)
      b.push_back(MakeBlock(BlockKind::kField, std::to_string(d.places), t("panel_field_places")));
    if (d.annual_cost_pounds)
      b.push_back(MakeBlock(BlockKind::kField, "£" + std::to_string(d.annual_cost_pounds),
                            t("panel_field_cost")));
    b.push_back(MakeBlock(BlockKind::kField, d.reasons, t("panel_field_reasons")));
    std::string took_part;
    for (int key : d.present) took_part += (took_part.empty() ? "" : "; ") + who(key);
    b.push_back(
        MakeBlock(BlockKind::kSmall, FillIn(lang, "panel_pdf_took_part", {{"names", took_part}})));
  }
  if (!m.other_business.empty()) {
    b.push_back(MakeBlock(BlockKind::kHeading, t("panel_pdf_other_business")));
    b.push_back(MakeBlock(BlockKind::kParagraph, m.other_business));
  }
  if (v.minutes_due) {
    b.push_back(MakeBlock(
        BlockKind::kSmall,
        FillIn(lang, "panel_pdf_minutes_due", {{"date", FormatDateIn(lang, *v.minutes_due)}})));
  }
  return documents::RenderPdf(spec);
}

}  // namespace cynnal::http

namespace cynnal::http {

// The ALNCo's annual report to the governing body (REFERENCE section 7), drafted from the data:
// the register as numbers, the provision map with its costs and impact, sessions delivered against
// those promised, plans and reviews, and how ALN is co-ordinated. It names no learner.
domain::Result<std::string> WebApp::GovernorsReportPdf(Lang lang,
                                                       const app::GovernorsReport& r) const {
  auto t = [&](const std::string& id) { return catalog_->Get(lang, id); };
  auto n = [](long long value) { return std::to_string(value); };
  auto hours = [](int tenths) {
    return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "");
  };
  auto year_group = [&](int yg) {
    if (yg < -1) return t("year_group_below_nursery");
    if (yg == -1) return t("year_group_nursery");
    if (yg == 0) return t("year_group_reception");
    if (yg > 13) return t("year_group_beyond");
    return t("year_group_n") + " " + std::to_string(yg);
  };
  const std::string school = r.map.setting.name;
  const std::string year = domain::AcademicYearLabel(r.map.academic_year);
  documents::DocumentSpec spec;
  spec.language = std::string(Code(lang));
  spec.title = FillIn(lang, "governors_pdf_title", {{"school", school}, {"year", year}});
  spec.header = school;
  spec.footer = t("governors_pdf_footer");
  auto& b = spec.blocks;
  b.push_back(MakeBlock(BlockKind::kTitle, spec.title));
  b.push_back(
      MakeBlock(BlockKind::kParagraph,
                FillIn(lang, "governors_pdf_intro", {{"date", FormatDateIn(lang, r.map.today)}})));

  b.push_back(MakeBlock(BlockKind::kHeading, t("governors_pdf_register")));
  b.push_back(MakeBlock(BlockKind::kParagraph, FillIn(lang, "register_summary",
                                                      {{"total", n(r.register_counts.total)},
                                                       {"roll", n(r.register_counts.roll)}})));
  for (auto c : domain::AllRegisterCategories()) {
    const auto it = r.register_counts.by_category.find(c);
    b.push_back(MakeBlock(BlockKind::kBullet,
                          t("register_" + std::string(domain::Code(c))) + ": " +
                              n(it == r.register_counts.by_category.end() ? 0 : it->second)));
  }
  b.push_back(MakeBlock(BlockKind::kHeading, t("register_by_year")));
  for (const auto& [yg, count] : r.register_counts.by_year_group)
    b.push_back(MakeBlock(BlockKind::kBullet, year_group(yg) + ": " + n(count)));
  b.push_back(MakeBlock(BlockKind::kHeading, t("register_by_area")));
  for (auto a : domain::AllAreasOfNeed()) {
    const auto it = r.register_counts.by_area.find(a);
    b.push_back(MakeBlock(BlockKind::kBullet,
                          t("area_" + std::string(domain::Code(a))) + ": " +
                              n(it == r.register_counts.by_area.end() ? 0 : it->second)));
  }

  b.push_back(MakeBlock(BlockKind::kHeading, t("governors_pdf_plans")));
  b.push_back(MakeBlock(BlockKind::kParagraph, FillIn(lang, "governors_pdf_plans_text",
                                                      {{"school_plans", n(r.idps_school)},
                                                       {"la_plans", n(r.idps_la)},
                                                       {"reviews", n(r.reviews_held)}})));

  b.push_back(MakeBlock(BlockKind::kHeading, t("governors_pdf_map")));
  if (!r.map.map) {
    b.push_back(MakeBlock(BlockKind::kParagraph, t("provision_no_map")));
  } else {
    const auto& m = *r.map.map;
    for (auto level : domain::AllProvisionLevels()) {
      const auto it = r.map.totals.find(level);
      if (it == r.map.totals.end()) continue;
      const auto& tot = it->second;
      b.push_back(MakeBlock(BlockKind::kField,
                            FillIn(lang, "governors_pdf_level",
                                   {{"provisions", n(tot.provisions)},
                                    {"learners", n(tot.learners)},
                                    {"hours", hours(tot.staff_hours_tenths)},
                                    {"cost", n(tot.cost_per_term_pounds)}}),
                            t("provision_level_" + std::string(domain::Code(level)))));
    }
    b.push_back(MakeBlock(BlockKind::kField,
                          FillIn(lang, "governors_pdf_spend",
                                 {{"term", n(r.map.total.cost_per_term_pounds)},
                                  {"year", n(3LL * r.map.total.cost_per_term_pounds)}}),
                          t("governors_pdf_spend_label")));
    b.push_back(MakeBlock(BlockKind::kHeading, t("governors_pdf_impact")));
    bool any = false;
    for (const auto& p : m.provisions) {
      if (p.impact.empty()) continue;
      any = true;
      b.push_back(MakeBlock(BlockKind::kField, p.impact, p.name));
    }
    if (!any) b.push_back(MakeBlock(BlockKind::kParagraph, t("governors_pdf_no_impact")));
  }

  b.push_back(MakeBlock(BlockKind::kHeading, t("governors_pdf_delivery")));
  if (r.delivery.lines == 0) {
    b.push_back(MakeBlock(BlockKind::kParagraph, t("governors_pdf_no_delivery")));
  } else {
    b.push_back(MakeBlock(BlockKind::kParagraph,
                          FillIn(lang, "governors_pdf_delivery_text",
                                 {{"delivered", n(r.delivery.total.delivered)},
                                  {"promised", n(r.delivery.total.promised)},
                                  {"percent", n(r.delivery.total.PercentDelivered())},
                                  {"short", n(r.delivery.learners_short)}})));
  }

  b.push_back(MakeBlock(BlockKind::kHeading, t("governors_pdf_coordination")));
  const domain::AlnCoordination none;
  const auto& c = r.map.map ? r.map.map->coordination : none;
  auto field = [&](const std::string& value, const std::string& label_id) {
    b.push_back(
        MakeBlock(BlockKind::kField, value.empty() ? t("idp_pdf_not_given") : value, t(label_id)));
  };
  field(c.alnco_name, "coordination_field_alnco_name");
  field(c.hours_per_week_tenths ? hours(c.hours_per_week_tenths) : "",
        "coordination_field_alnco_hours");
  field(t("alnco_qualification_" + std::string(domain::Code(c.qualification))),
        "coordination_field_qualification");
  field(c.training, "coordination_field_training");
  field(c.governor_name, "coordination_field_governor_name");
  if (r.map.map && r.map.map->review) field(r.map.map->review->summary, "governors_pdf_review");
  return documents::RenderPdf(spec);
}

}  // namespace cynnal::http
