#include <nlohmann/json.hpp>

#include "app/aln_cases.h"
#include "domain/access_policy.h"
#include "http/json_fields.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using nlohmann::json;
using Fields = std::map<std::string, std::string>;

template <typename E>
json CodesOf(const std::set<E>& values) {
  json out = json::array();
  for (E v : values) out.push_back(std::string(domain::Code(v)));
  return out;
}

json ResponsibilityJson(const domain::Responsibility& r) {
  return {{"body", domain::Code(r.body)},
          {"local_authority_id", r.local_authority.value()},
          {"setting_id", r.setting ? json(r.setting->value()) : json(nullptr)},
          {"reason", domain::Code(r.reason)}};
}

json DecisionJson(const domain::AlnDecision& d) {
  const auto& t = d.test;
  json j{{"kind", domain::Code(d.kind)},
         {"body", ResponsibilityJson(d.body)},
         {"decided_on", JsonIso(d.decided_on)},
         {"has_aln", d.has_aln},
         {"reasons", d.reasons},
         {"test",
          {{"greater_difficulty", domain::Code(t.greater_difficulty)},
           {"greater_difficulty_evidence", t.greater_difficulty_evidence},
           {"disability", domain::Code(t.disability)},
           {"disability_evidence", t.disability_evidence},
           {"evidence", CodesOf(t.evidence)},
           {"progress", CodesOf(t.progress)},
           {"language_only", domain::Code(t.language_only)},
           {"calls_for_alp", domain::Code(t.calls_for_alp)},
           {"alp", t.alp},
           {"areas", CodesOf(t.areas)},
           {"types", t.types}}},
         {"maintainer", d.maintainer ? json(domain::Code(*d.maintainer)) : json(nullptr)},
         {"maintainer_reasons", d.maintainer_reasons},
         {"summary", d.summary}};
  return j;
}

// The case as the API shows it: the status to everyone who may see it, the rest to those who may
// see the case in full.
json CaseJson(const app::CaseView& view) {
  const auto& k = view.aln_case;
  json j{{"id", k.id.value()},
         {"learner_id", k.learner.value()},
         {"version", k.version},
         {"stage", domain::Code(k.stage)},
         {"responsibility", ResponsibilityJson(k.responsibility)},
         {"concern",
          {{"source", domain::Code(k.concern.source)},
           {"raised_by", k.concern.raised_by},
           {"brought_on", JsonIso(k.concern.brought_on)},
           {"brought_to", k.concern.to_la ? "la" : "school"}}}};
  json clocks = json::array();
  for (const auto& s : view.clocks) {
    json c{{"id", s.clock.id.value()},
           {"timescale", s.clock.timescale},
           {"started_on", JsonIso(s.clock.started_on)},
           {"state", domain::Code(s.state)},
           {"stopped_on", JsonIsoOrNull(s.clock.stopped_on)}};
    if (s.forecast) {
      c["due"] = JsonIso(s.forecast->due);
      c["status"] = domain::Code(s.forecast->status);
    } else if (s.clock.due_when_stopped) {
      c["due"] = JsonIso(*s.clock.due_when_stopped);
    }
    clocks.push_back(c);
  }
  j["clocks"] = clocks;
  if (!view.may_view_detail) return j;
  j["concern"]["description"] = k.concern.description;
  if (k.concern.consent != domain::Answer::kUnanswered) {
    j["concern"]["consent"] = domain::Code(k.concern.consent);
    j["concern"]["consent_on"] = JsonIsoOrNull(k.concern.consent_on);
  }
  if (k.referral) {
    j["referral"] = {{"ground", domain::Code(k.referral->ground)},
                     {"evidence", k.referral->evidence},
                     {"need_apparent_on", JsonIso(k.referral->need_apparent_on)},
                     {"referred_on", JsonIso(k.referral->referred_on)}};
  }
  if (!k.sent_back_reasons.empty()) j["sent_back_reasons"] = k.sent_back_reasons;
  if (k.exception) {
    j["exception"] = {{"kind", domain::Code(k.exception->kind)},
                      {"reasons", k.exception->reasons},
                      {"on", JsonIso(k.exception->on)},
                      {"previous_decision_on", JsonIsoOrNull(k.exception->previous_decision_on)}};
  }
  j["decisions"] = json::array();
  for (const auto& d : k.decisions) j["decisions"].push_back(DecisionJson(d));
  j["notices"] = json::array();
  int n = 0;
  for (const auto& notice : k.notices) {
    ++n;
    j["notices"].push_back({{"number", n},
                            {"kind", domain::Code(notice.kind)},
                            {"method", domain::Code(notice.method)},
                            {"sent_on", JsonIso(notice.sent_on)},
                            {"given_on", JsonIso(notice.given_on)},
                            {"language", domain::Code(notice.language)},
                            {"appeal_by", JsonIsoOrNull(notice.appeal_by)},
                            {"document", "/cases/" + std::to_string(k.id.value()) + "/notices/" +
                                             std::to_string(n) + ".pdf"}});
  }
  if (k.reconsideration) {
    j["reconsideration"] = {{"requested_on", JsonIso(k.reconsideration->requested_on)},
                            {"requested_by", k.reconsideration->requested_by},
                            {"grounds", k.reconsideration->grounds}};
  }
  j["disagreements"] = json::array();
  for (const auto& r : k.disagreements) {
    j["disagreements"].push_back({{"started_on", JsonIso(r.started_on)},
                                  {"in_time", r.in_time},
                                  {"ended_on", JsonIsoOrNull(r.ended_on)},
                                  {"outcome", r.outcome}});
  }
  if (k.appeal) {
    json orders = json::array();
    for (const auto& o : k.appeal->orders) {
      orders.push_back({{"description", o.description},
                        {"made_on", JsonIso(o.made_on)},
                        {"comply_by", JsonIso(o.comply_by)},
                        {"complied_on", JsonIsoOrNull(o.complied_on)}});
    }
    j["appeal"] = {{"lodged_on", JsonIso(k.appeal->lodged_on)},
                   {"late", k.appeal->late},
                   {"hearing_on", JsonIsoOrNull(k.appeal->hearing_on)},
                   {"outcome", domain::Code(k.appeal->outcome)},
                   {"decided_on", JsonIsoOrNull(k.appeal->decided_on)},
                   {"orders", orders}};
  }
  j["timeline"] = json::array();
  for (const auto& e : k.timeline) {
    j["timeline"].push_back({{"kind", domain::Code(e.kind)},
                             {"on", JsonIso(e.on)},
                             {"by", e.by.value()},
                             {"at", domain::FormatTimestamp(e.at)}});
  }
  j["documents"] = json::array();
  for (const auto& d : view.documents) {
    j["documents"].push_back({{"id", d.id.value()},
                              {"filename", d.filename},
                              {"content_type", d.content_type},
                              {"size", d.size}});
  }
  return j;
}

}  // namespace

void WebApp::InstallCaseApi(httplib::Server& server) {
  auto answer_case = [this](Ctx& ctx, domain::AlnCaseId id, int status) {
    auto view = app::ViewCase(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    Json(ctx, status, CaseJson(*view).dump());
  };
  // A step on a case from a JSON body: `read` fills the input (recording type errors), `run`
  // records it; the answer is the case as it now is.
  using StepRun = std::function<domain::Status(Ctx&, domain::AlnCaseId, const json&, Fields&)>;
  auto add_step = [this, answer_case](httplib::Server& srv, const std::string& path, StepRun run) {
    Route(srv, "POST", "/api/v1/cases/{id}/" + path, Access::kSignedIn, true,
          [this, answer_case, run](Ctx& ctx) {
            json body;
            if (!ParseJsonObject(ctx, body)) return;
            Fields errors;
            const domain::AlnCaseId id{ctx.PathId(1)};
            auto s = run(ctx, id, body, errors);
            if (!errors.empty()) return Problem(ctx, 422, "case_error_title", errors);
            if (!s) return Fail(ctx, s.error());
            answer_case(ctx, id, 200);
          });
  };

  Route(server, "GET", "/api/v1/learners/{id}/cases", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto cases = app::LearnerCases(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
    if (!cases) return Fail(ctx, cases.error());
    json out = json::array();
    for (const auto& k : *cases) {
      out.push_back({{"id", k.id.value()},
                     {"stage", domain::Code(k.stage)},
                     {"brought_on", JsonIso(k.concern.brought_on)},
                     {"responsibility", ResponsibilityJson(k.responsibility)}});
    }
    Json(ctx, 200, json{{"items", out}}.dump());
  });

  Route(server, "POST", "/api/v1/learners/{id}/cases", Access::kSignedIn, true,
        [this, answer_case](Ctx& ctx) {
          json body;
          if (!ParseJsonObject(ctx, body)) return;
          Fields errors;
          app::RaiseConcernInput in;
          in.source = JsonString(body, "source", errors);
          in.raised_by = JsonString(body, "raised_by", errors);
          in.brought_on = JsonDate(body, "brought_on", errors);
          in.brought_to = JsonString(body, "brought_to", errors);
          in.description = JsonString(body, "description", errors);
          in.consent = JsonString(body, "consent", errors);
          in.consent_on = JsonDate(body, "consent_on", errors);
          if (!errors.empty()) return Problem(ctx, 422, "concern_error_title", errors);
          auto id = app::RaiseConcern(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)}, in);
          if (!id) return Fail(ctx, id.error());
          ctx.res.set_header("Location", "/api/v1/cases/" + std::to_string(id->value()));
          answer_case(ctx, *id, 201);
        });

  Route(server, "GET", "/api/v1/cases/{id}", Access::kSignedIn, true,
        [answer_case](Ctx& ctx) { answer_case(ctx, domain::AlnCaseId{ctx.PathId(1)}, 200); });

  add_step(server, "triage", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
    app::TriageInput in{JsonString(b, "choice", e), JsonString(b, "reasons", e),
                        JsonDate(b, "on", e), JsonInteger(b, "version", e)};
    return e.empty() ? app::Triage(services_, ctx.actor, id, in) : domain::Ok();
  });
  add_step(server, "referral", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
    app::ReferralInput in{JsonString(b, "ground", e), JsonString(b, "evidence", e),
                          JsonDate(b, "need_apparent_on", e), JsonDate(b, "referred_on", e),
                          JsonInteger(b, "version", e)};
    return e.empty() ? app::ReferToLa(services_, ctx.actor, id, in) : domain::Ok();
  });
  add_step(server, "exception", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
    app::ExceptionInput in{JsonString(b, "kind", e), JsonString(b, "reasons", e),
                           JsonDate(b, "on", e), JsonDate(b, "previous_decision_on", e),
                           JsonInteger(b, "version", e)};
    return e.empty() ? app::RecordDutyException(services_, ctx.actor, id, in) : domain::Ok();
  });
  add_step(server, "decision", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
    app::DecisionInput in;
    in.greater_difficulty = JsonString(b, "greater_difficulty", e);
    in.greater_difficulty_evidence = JsonString(b, "greater_difficulty_evidence", e);
    in.disability = JsonString(b, "disability", e);
    in.disability_evidence = JsonString(b, "disability_evidence", e);
    in.evidence = JsonStrings(b, "evidence", e);
    in.progress = JsonStrings(b, "progress", e);
    in.language_only = JsonString(b, "language_only", e);
    in.calls_for_alp = JsonString(b, "calls_for_alp", e);
    in.alp = JsonString(b, "alp", e);
    in.areas = JsonStrings(b, "areas", e);
    in.types = JsonStrings(b, "types", e);
    for (const auto& p : JsonStrings(b, "principles", e)) {
      if (p == "low_incidence")
        in.low_incidence = true;
      else if (p == "regular_external_advice")
        in.regular_external_advice = true;
      else if (p == "individual_equipment")
        in.individual_equipment = true;
      else if (p == "specialist_placement")
        in.specialist_placement = true;
      else
        e["principles"] = "maintainer_error_principle";
    }
    in.ta_hours = JsonInteger(b, "ta_hours", e);
    in.decided_on = JsonDate(b, "decided_on", e);
    in.summary = JsonString(b, "summary", e);
    in.version = JsonInteger(b, "version", e);
    return e.empty() ? app::RecordAlnDecision(services_, ctx.actor, id, in) : domain::Ok();
  });
  add_step(server, "notice", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
    app::NoticeInput in{JsonString(b, "method", e), JsonDate(b, "sent_on", e),
                        JsonString(b, "language", e), JsonInteger(b, "version", e)};
    return e.empty() ? app::GiveNotice(services_, ctx.actor, id, in) : domain::Ok();
  });
  add_step(
      server, "reconsideration", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
        app::ReconsiderationInput in{JsonString(b, "requested_by", e), JsonString(b, "grounds", e),
                                     JsonDate(b, "requested_on", e), JsonInteger(b, "version", e)};
        return e.empty() ? app::RequestLaReconsideration(services_, ctx.actor, id, in)
                         : domain::Ok();
      });
  add_step(server, "disagreement",
           [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
             app::DisagreementInput in{
                 JsonDate(b, "started_on", e), {}, "", JsonInteger(b, "version", e)};
             return e.empty() ? app::StartDisagreementResolution(services_, ctx.actor, id, in)
                              : domain::Ok();
           });
  add_step(server, "disagreement/end",
           [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
             app::DisagreementInput in{{},
                                       JsonDate(b, "ended_on", e),
                                       JsonString(b, "outcome", e),
                                       JsonInteger(b, "version", e)};
             return e.empty() ? app::EndDisagreementResolution(services_, ctx.actor, id, in)
                              : domain::Ok();
           });
  add_step(server, "appeal", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
    app::AppealInput in{JsonDate(b, "lodged_on", e), JsonInteger(b, "version", e)};
    return e.empty() ? app::LodgeTribunalAppeal(services_, ctx.actor, id, in) : domain::Ok();
  });
  add_step(
      server, "appeal/outcome", [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
        app::AppealOutcomeInput in{JsonString(b, "outcome", e), JsonDate(b, "hearing_on", e),
                                   JsonDate(b, "decided_on", e), JsonInteger(b, "version", e)};
        return e.empty() ? app::RecordTribunalOutcome(services_, ctx.actor, id, in) : domain::Ok();
      });
  add_step(server, "appeal/orders",
           [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
             app::OrderInput in{JsonString(b, "description", e), JsonDate(b, "made_on", e),
                                JsonDate(b, "comply_by", e), JsonInteger(b, "version", e)};
             return e.empty() ? app::AddTribunalOrder(services_, ctx.actor, id, in) : domain::Ok();
           });
  add_step(server, "appeal/close",
           [this](Ctx& ctx, domain::AlnCaseId id, const json& b, Fields& e) {
             auto on = JsonDate(b, "closed_on", e);
             auto version = JsonInteger(b, "version", e);
             return e.empty() ? app::CloseTribunalAppeal(services_, ctx.actor, id, on, version)
                              : domain::Ok();
           });
  Route(server, "POST", "/api/v1/cases/{id}/appeal/orders/{n}/complied", Access::kSignedIn, true,
        [this, answer_case](Ctx& ctx) {
          json body;
          if (!ParseJsonObject(ctx, body)) return;
          Fields errors;
          auto on = JsonDate(body, "complied_on", errors);
          auto version = JsonInteger(body, "version", errors);
          if (!errors.empty()) return Problem(ctx, 422, "case_error_title", errors);
          const domain::AlnCaseId id{ctx.PathId(1)};
          const long long n = ctx.PathId(2);
          auto s = app::CompleteTribunalOrder(
              services_, ctx.actor, id, n > 0 && n < 10000 ? static_cast<int>(n) : 0, on, version);
          if (!s) return Fail(ctx, s.error());
          answer_case(ctx, id, 200);
        });
}

}  // namespace cynnal::http
