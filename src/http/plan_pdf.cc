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
