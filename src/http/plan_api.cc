#include <nlohmann/json.hpp>

#include "app/plans.h"
#include "http/json_fields.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<domain::Date>& date) {
  return date ? json(domain::FormatIsoDate(*date)) : json(nullptr);
}

template <typename E>
json CodeOrNull(const std::optional<E>& value) {
  return value ? json(std::string(domain::Code(*value))) : json(nullptr);
}

json ContentJson(const domain::IdpContent& c) {
  json elements = json::array();
  for (const auto& e : c.elements) {
    elements.push_back({{"key", e.key},
                        {"outcome", e.outcome},
                        {"measure", e.measure},
                        {"outcome_by", DateOrNull(e.outcome_by)},
                        {"provision", e.provision},
                        {"minutes", e.minutes},
                        {"sessions", e.sessions},
                        {"per", CodeOrNull(e.per)},
                        {"group", CodeOrNull(e.group)},
                        {"in_welsh", domain::Code(e.in_welsh)},
                        {"provider", CodeOrNull(e.provider)},
                        {"provider_name", e.provider_name},
                        {"starts_on", DateOrNull(e.starts_on)},
                        {"review_on", DateOrNull(e.review_on)},
                        {"ends", e.ends},
                        {"rationale", e.rationale}});
  }
  json areas = json::array();
  for (auto a : c.needs.areas) areas.push_back(std::string(domain::Code(a)));
  json information = json::array();
  for (const auto& i : c.information) {
    information.push_back({{"title", i.title}, {"from", i.from}, {"dated", DateOrNull(i.dated)}});
  }
  json events = json::array();
  for (const auto& e : c.key_events) {
    events.push_back({{"on", domain::FormatIsoDate(e.on)}, {"what", e.what}});
  }
  return {{"about",
           {{"coordinator", c.about.coordinator},
            {"coordinator_role", c.about.coordinator_role},
            {"coordinator_contact", c.about.coordinator_contact},
            {"communication", c.about.communication}}},
          {"profile",
           {{"admired", c.profile.admired},
            {"important", c.profile.important},
            {"support", c.profile.support},
            {"written_with", c.profile.written_with},
            {"photo_id", c.profile.photo ? json(c.profile.photo->value()) : json(nullptr)}}},
          {"needs",
           {{"areas", areas},
            {"types", std::vector<std::string>(c.needs.types.begin(), c.needs.types.end())},
            {"description", c.needs.description}}},
          {"elements", elements},
          {"place",
           {{"setting_id", c.place.setting ? json(c.place.setting->value()) : json(nullptr)},
            {"other", c.place.other},
            {"reasons", c.place.reasons}}},
          {"information", information},
          {"key_events", events},
          {"transition",
           {{"transition", c.transition.transition}, {"transport", c.transition.transport}}}};
}

json FlagsJson(const std::vector<domain::QualityFlag>& flags) {
  json out = json::array();
  for (const auto& f : flags) {
    out.push_back({{"section", domain::Code(f.section)},
                   {"element", f.element},
                   {"check", f.check},
                   {"source", f.source}});
  }
  return out;
}

json PlanJson(const app::PlanView& v) {
  const auto& idp = v.idp;
  json versions = json::array();
  for (const auto& ver : idp.versions) {
    versions.push_back({{"number", ver.number},
                        {"given_on", domain::FormatIsoDate(ver.given_on)},
                        {"method", domain::Code(ver.method)},
                        {"change_summary", ver.change_summary},
                        {"flags", FlagsJson(ver.flags)},
                        {"override_reasons", ver.override_reasons},
                        {"content", ContentJson(ver.content)}});
  }
  json requests = json::array();
  for (const auto& r : idp.requests) {
    requests.push_back({{"by", domain::Code(r.by)},
                        {"name", r.name},
                        {"requested_on", domain::FormatIsoDate(r.requested_on)},
                        {"reasons", r.reasons},
                        {"state", domain::Code(r.state)},
                        {"answer", r.answer}});
  }
  json reviews = json::array();
  for (const auto& r : idp.reviews) {
    reviews.push_back({{"held_on", domain::FormatIsoDate(r.held_on)},
                       {"trigger", domain::Code(r.trigger)},
                       {"decision", domain::Code(r.decision)},
                       {"reasons", r.reasons},
                       {"version_reviewed", r.version_reviewed},
                       {"notice_given_on", DateOrNull(r.notice_given_on)}});
  }
  json moves = json::array();
  for (const auto& m : idp.moves) {
    moves.push_back({{"kind", domain::Code(m.kind)},
                     {"on", domain::FormatIsoDate(m.on)},
                     {"to_body", domain::Code(m.to_body)},
                     {"to_local_authority_id", m.to_local_authority.value()},
                     {"to_setting_id", m.to_setting ? json(m.to_setting->value()) : json(nullptr)},
                     {"entitlement_until", DateOrNull(m.entitlement_until)}});
  }
  json revisions = json::object();
  for (const auto& [part, n] : idp.revisions) revisions[part] = n;
  json j{{"id", idp.id.value()},
         {"learner_id", idp.learner.value()},
         {"aln_case_id", idp.aln_case ? json(idp.aln_case->value()) : json(nullptr)},
         {"status", domain::Code(idp.Status())},
         {"body", domain::Code(idp.body)},
         {"maintaining_local_authority_id", idp.maintaining_la.value()},
         {"setting_id", idp.setting ? json(idp.setting->value()) : json(nullptr)},
         {"version", idp.version},
         {"draft", idp.draft ? ContentJson(*idp.draft) : json(nullptr)},
         {"revisions", revisions},
         {"flags", FlagsJson(v.flags)},
         {"versions", versions},
         {"review_requests", requests},
         {"reviews", reviews},
         {"moves", moves},
         {"review_period_starts_on", DateOrNull(idp.ReviewPeriodStartsOn())},
         {"pep_reference", idp.pep_reference},
         {"entitlement_until", DateOrNull(idp.entitlement_until)}};
  if (idp.cessation) {
    j["cessation"] = {{"decided_on", domain::FormatIsoDate(idp.cessation->decided_on)},
                      {"reasons", idp.cessation->reasons},
                      {"given_on", domain::FormatIsoDate(idp.cessation->given_on)},
                      {"reconsider_by", DateOrNull(idp.cessation->reconsider_by)},
                      {"appeal_by", DateOrNull(idp.cessation->appeal_by)}};
  }
  return j;
}

// A JSON body as a plan form: strings as they are, numbers and booleans as text ("yes" for
// true), arrays of strings as lists; dates as YYYY-MM-DD.

}  // namespace

void WebApp::InstallPlanApi(httplib::Server& server) {
  auto answer_plan = [this](Ctx& ctx, domain::IdpId id, int status) {
    auto view = app::ViewPlan(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    Json(ctx, status, PlanJson(*view).dump());
  };
  // Reads the body as a plan form, or answers 415 / 400 / 422.
  auto read = [this](Ctx& ctx, app::PlanForm& form) {
    json body;
    if (!ParseJsonObject(ctx, body)) return false;
    std::map<std::string, std::string> errors;
    if (!JsonToForm(body, form, errors)) {
      Problem(ctx, 422, "idp_error_title", errors);
      return false;
    }
    return true;
  };

  Route(server, "GET", "/api/v1/learners/{id}/idps", Access::kSignedIn, true, [this](Ctx& ctx) {
    auto plans = app::ListLearnerPlans(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)});
    if (!plans) return Fail(ctx, plans.error());
    json items = json::array();
    for (const auto& p : plans->plans) {
      items.push_back({{"id", p.id.value()},
                       {"status", domain::Code(p.Status())},
                       {"body", domain::Code(p.body)},
                       {"versions", p.versions.size()},
                       {"review_period_starts_on", DateOrNull(p.ReviewPeriodStartsOn())}});
    }
    Json(ctx, 200, json{{"items", items}}.dump());
  });
  Route(server, "POST", "/api/v1/learners/{id}/idps", Access::kSignedIn, true,
        [this, answer_plan, read](Ctx& ctx) {
          app::PlanForm form;
          if (!read(ctx, form)) return;
          app::StartPlanInput in{form.Value("aln_case_id"), form.Value("body"),
                                 form.Value("setting_id")};
          const Lang lang = ctx.lang;
          auto id = app::StartIdp(services_, ctx.actor, domain::LearnerId{ctx.PathId(1)}, in,
                                  [&](domain::CaseEventKind kind) {
                                    return catalog_->Get(
                                        lang, "case_event_" + std::string(domain::Code(kind)));
                                  });
          if (!id) return Fail(ctx, id.error());
          ctx.res.set_header("Location", "/api/v1/idps/" + std::to_string(id->value()));
          answer_plan(ctx, *id, 201);
        });
  Route(server, "GET", "/api/v1/idps/{id}", Access::kSignedIn, true,
        [answer_plan](Ctx& ctx) { answer_plan(ctx, domain::IdpId{ctx.PathId(1)}, 200); });

  for (domain::IdpSection section : domain::AllIdpSections()) {
    if (section == domain::IdpSection::kProvision || section == domain::IdpSection::kNhs) continue;
    const std::string code(domain::Code(section));
    Route(server, "POST", "/api/v1/idps/{id}/sections/" + code, Access::kSignedIn, true,
          [this, answer_plan, read, section](Ctx& ctx) {
            app::PlanForm form;
            if (!read(ctx, form)) return;
            const domain::IdpId id{ctx.PathId(1)};
            auto s = app::SaveIdpSection(services_, ctx.actor, id, section, form,
                                         form.Value("revision"));
            if (!s) return Fail(ctx, s.error());
            answer_plan(ctx, id, 200);
          });
  }
  Route(server, "POST", "/api/v1/idps/{id}/elements", Access::kSignedIn, true,
        [this, answer_plan, read](Ctx& ctx) {
          app::PlanForm form;
          if (!read(ctx, form)) return;
          const domain::IdpId id{ctx.PathId(1)};
          auto key = app::SaveIdpElement(services_, ctx.actor, id, 0, form, "0");
          if (!key) return Fail(ctx, key.error());
          answer_plan(ctx, id, 201);
        });
  Route(server, "POST", "/api/v1/idps/{id}/elements/{key}", Access::kSignedIn, true,
        [this, answer_plan, read](Ctx& ctx) {
          app::PlanForm form;
          if (!read(ctx, form)) return;
          const domain::IdpId id{ctx.PathId(1)};
          const int key = static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30));
          auto saved =
              app::SaveIdpElement(services_, ctx.actor, id, key, form, form.Value("revision"));
          if (!saved) return Fail(ctx, saved.error());
          answer_plan(ctx, id, 200);
        });

  // The plan's steps: each takes the fields its page posts, with dates as YYYY-MM-DD.
  using Run = std::function<domain::Status(Ctx&, domain::IdpId, const app::PlanForm&)>;
  auto step = [this, answer_plan, read](httplib::Server& srv, const std::string& path, Run run) {
    Route(srv, "POST", "/api/v1/idps/{id}/" + path, Access::kSignedIn, true,
          [this, answer_plan, read, run](Ctx& ctx) {
            app::PlanForm form;
            if (!read(ctx, form)) return;
            const domain::IdpId id{ctx.PathId(1)};
            auto s = run(ctx, id, form);
            if (!s) return Fail(ctx, s.error());
            answer_plan(ctx, id, 200);
          });
  };
  step(server, "finalise", [this](Ctx& ctx, domain::IdpId id, const app::PlanForm& f) {
    auto n = app::FinaliseIdp(services_, ctx.actor, id, f);
    return n ? domain::Ok() : domain::Status(domain::Fail(n.error()));
  });
  step(server, "revise", [this](Ctx& ctx, domain::IdpId id, const app::PlanForm& f) {
    return app::StartIdpRevision(services_, ctx.actor, id, f);
  });
  step(server, "review-requests", [this](Ctx& ctx, domain::IdpId id, const app::PlanForm& f) {
    auto n = app::RequestIdpReview(services_, ctx.actor, id, f);
    return n ? domain::Ok() : domain::Status(domain::Fail(n.error()));
  });
  Route(server, "POST", "/api/v1/idps/{id}/review-requests/{n}/answer", Access::kSignedIn, true,
        [this, answer_plan, read](Ctx& ctx) {
          app::PlanForm form;
          if (!read(ctx, form)) return;
          const domain::IdpId id{ctx.PathId(1)};
          auto s = app::AnswerIdpReviewRequest(
              services_, ctx.actor, id,
              static_cast<int>(std::min<long long>(ctx.PathId(2), 1 << 30)), form);
          if (!s) return Fail(ctx, s.error());
          answer_plan(ctx, id, 200);
        });
  step(server, "reviews", [this](Ctx& ctx, domain::IdpId id, const app::PlanForm& f) {
    return app::RecordIdpReview(services_, ctx.actor, id, f);
  });
  step(server, "cease", [this](Ctx& ctx, domain::IdpId id, const app::PlanForm& f) {
    return app::CeaseIdp(services_, ctx.actor, id, f);
  });
  step(server, "move", [this](Ctx& ctx, domain::IdpId id, const app::PlanForm& f) {
    return app::MoveIdp(services_, ctx.actor, id, f);
  });
  step(server, "pep", [this](Ctx& ctx, domain::IdpId id, const app::PlanForm& f) {
    return app::LinkIdpPep(services_, ctx.actor, id, f);
  });
}

}  // namespace cynnal::http
