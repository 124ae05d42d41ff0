#include "documents/pdf.h"
#include "http/server.h"

namespace cynnal::http {

// REFERENCE section 4: the notice gives the decision and reasons, the body's contact details,
// impartial information and advice (the LA's service, SNAP Cymru), disagreement resolution (Act
// s.68), independent advocacy (s.69), and the right to ask the LA to reconsider a school's
// decision (s.27) or the right of appeal to the Education Tribunal for Wales (s.70) with its date.
domain::Result<std::string> WebApp::NoticePdf(Lang lang,
                                              const app::NoticeDocumentData& data) const {
  using documents::Block;
  using documents::BlockKind;
  auto t = [&](const std::string& id) { return catalog_->Get(lang, id); };
  auto fill = [&](const std::string& id, const std::map<std::string, std::string>& values) {
    return FillIn(lang, id, values);
  };
  auto block = [](BlockKind kind, std::string text, std::string label = {}) {
    Block b;
    b.kind = kind;
    b.text = std::move(text);
    b.label = std::move(label);
    return b;
  };
  const bool cy = lang == Lang::kCy;
  const auto& d = data.decision;
  const auto& n = data.notice;
  const std::string name = data.learner.DisplayName();
  const std::string body = cy ? data.body_name_cy : data.body_name_en;
  const std::string la = cy ? data.la_name_cy : data.la_name_en;
  const bool school = d.body.body == domain::DecidingBody::kSchool;
  const bool reconsidered = d.kind == domain::DecisionKind::kReconsideration;

  documents::DocumentSpec spec;
  spec.language = std::string(Code(lang));
  spec.header = body + (data.draft ? " – " + t("notice_pdf_draft") : std::string());
  spec.footer = t("notice_pdf_footer");
  const std::string title =
      fill(d.has_aln ? "notice_pdf_title_idp" : "notice_pdf_title_no_idp", {{"name", name}});
  spec.title = title;
  auto& b = spec.blocks;
  b.push_back(block(BlockKind::kTitle, title));
  std::string recipients;
  for (const auto& r : data.recipients) recipients += (recipients.empty() ? "" : ", ") + r;
  // A looked-after child's corporate parent receives the notice with those who hold parental
  // responsibility.
  if (data.learner.looked_after && !data.young_person)
    recipients +=
        (recipients.empty() ? "" : ", ") + fill("notice_pdf_corporate_parent", {{"la", la}});
  b.push_back(block(BlockKind::kField, recipients.empty() ? t("notice_pdf_to_family") : recipients,
                    t("notice_pdf_to")));
  b.push_back(block(BlockKind::kField,
                    name + " (" + FormatDateIn(lang, data.learner.date_of_birth) + ")",
                    t("notice_pdf_about")));
  b.push_back(block(BlockKind::kField, FormatDateIn(lang, n.sent_on), t("notice_pdf_date")));
  b.push_back(block(BlockKind::kField, body, t("notice_pdf_decided_by")));
  b.push_back(
      block(BlockKind::kField, FormatDateIn(lang, d.decided_on), t("notice_pdf_decided_on")));

  b.push_back(block(BlockKind::kHeading, t("notice_pdf_decision_heading")));
  if (reconsidered) {
    b.push_back(block(BlockKind::kParagraph, fill("notice_pdf_reconsidered", {{"la", la}})));
  }
  if (d.has_aln) {
    const bool la_maintains = d.maintainer == domain::Maintainer::kLocalAuthority;
    b.push_back(block(BlockKind::kParagraph,
                      fill("notice_pdf_decision_idp",
                           {{"name", name}, {"maintainer", la_maintains ? la : body}})));
  } else {
    b.push_back(block(BlockKind::kParagraph, fill("notice_pdf_decision_no_idp", {{"name", name}})));
  }

  b.push_back(block(BlockKind::kHeading, t("notice_pdf_reasons_heading")));
  for (const auto& reason : d.reasons)
    b.push_back(block(BlockKind::kBullet, t(ReasonId(reason, data.learner, d.decided_on))));
  if (!d.test.greater_difficulty_evidence.empty())
    b.push_back(block(BlockKind::kField, d.test.greater_difficulty_evidence,
                      t("notice_pdf_difficulty_evidence")));
  if (!d.test.disability_evidence.empty())
    b.push_back(
        block(BlockKind::kField, d.test.disability_evidence, t("notice_pdf_disability_evidence")));
  std::string evidence;
  for (auto e : d.test.evidence)
    evidence += (evidence.empty() ? "" : "; ") + t("evidence_" + std::string(domain::Code(e)));
  if (!evidence.empty()) b.push_back(block(BlockKind::kField, evidence, t("notice_pdf_evidence")));
  if (d.has_aln) {
    std::string areas;
    for (auto a : d.test.areas)
      areas += (areas.empty() ? "" : "; ") + t("area_" + std::string(domain::Code(a)));
    if (!areas.empty()) b.push_back(block(BlockKind::kField, areas, t("notice_pdf_areas")));
    if (!d.test.alp.empty()) b.push_back(block(BlockKind::kField, d.test.alp, t("notice_pdf_alp")));
  }
  if (!d.summary.empty()) b.push_back(block(BlockKind::kParagraph, d.summary));
  if (const auto& p = data.panel_decision) {
    b.push_back(block(BlockKind::kHeading, t("notice_pdf_panel_heading")));
    b.push_back(
        block(BlockKind::kParagraph,
              fill("notice_pdf_panel_text",
                   {{"date", FormatDateIn(lang, p->decided_on)},
                    {"outcome", t("panel_outcome_" + std::string(domain::Code(p->outcome)))}})));
    if (!p->agreed.empty())
      b.push_back(block(BlockKind::kField, p->agreed, t("panel_field_agreed")));
    b.push_back(block(BlockKind::kField, p->reasons, t("panel_field_reasons")));
  }

  b.push_back(block(BlockKind::kHeading, t("notice_pdf_contact_heading")));
  b.push_back(block(BlockKind::kParagraph,
                    fill("notice_pdf_contact", {{"body", body}, {"person", data.issued_by}})));

  b.push_back(block(BlockKind::kHeading, t("notice_pdf_advice_heading")));
  std::string service = fill("notice_pdf_advice_la", {{"la", la}});
  if (!data.settings.service_phone.empty())
    service += " " + fill("notice_pdf_phone", {{"phone", data.settings.service_phone}});
  if (!data.settings.service_email.empty())
    service += " " + fill("notice_pdf_email", {{"email", data.settings.service_email}});
  b.push_back(block(BlockKind::kParagraph, service));
  b.push_back(block(BlockKind::kParagraph, t("notice_pdf_advice_snap")));

  b.push_back(block(BlockKind::kHeading, t("notice_pdf_disagree_heading")));
  b.push_back(block(BlockKind::kParagraph, fill("notice_pdf_disagree", {{"la", la}})));
  b.push_back(block(BlockKind::kHeading, t("notice_pdf_advocacy_heading")));
  b.push_back(block(BlockKind::kParagraph, fill("notice_pdf_advocacy", {{"la", la}})));

  if (school) {
    b.push_back(block(BlockKind::kHeading, t("notice_pdf_reconsider_heading")));
    b.push_back(block(BlockKind::kParagraph, fill("notice_pdf_reconsider", {{"la", la}})));
  } else {
    b.push_back(block(BlockKind::kHeading, t("notice_pdf_appeal_heading")));
    b.push_back(block(BlockKind::kParagraph, t("notice_pdf_appeal")));
    if (n.appeal_by) {
      b.push_back(
          block(BlockKind::kField, FormatDateIn(lang, *n.appeal_by), t("notice_pdf_appeal_by")));
    }
    b.push_back(block(BlockKind::kParagraph, t("notice_pdf_appeal_extension")));
  }
  if (data.young_person) b.push_back(block(BlockKind::kSmall, t("notice_pdf_young_person")));
  b.push_back(block(BlockKind::kSmall, t("notice_pdf_other_language")));
  return documents::RenderPdf(spec);
}

}  // namespace cynnal::http
