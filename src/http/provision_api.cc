#include <nlohmann/json.hpp>

#include "app/provision.h"
#include "http/json_fields.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using nlohmann::json;

json TotalJson(const domain::DeliveryTotal& t) {
  return {{"promised", t.promised},
          {"delivered", t.delivered},
          {"missed", t.missed},
          {"shortfall", t.Shortfall()},
          {"percent_delivered", t.PercentDelivered()}};
}

json LineJson(const app::DeliveryLine& line) {
  return {{"target", line.target},
          {"title", line.title},
          {"setting_id", line.setting.value()},
          {"idp_id", line.idp ? json(line.idp->value()) : json(nullptr)},
          {"element", line.idp ? json(line.element) : json(nullptr)},
          {"provision_map_id", line.map ? json(line.map->value()) : json(nullptr)},
          {"provision", line.map ? json(line.provision) : json(nullptr)},
          {"sessions", line.sessions},
          {"minutes", line.minutes},
          {"per", domain::Code(line.per)},
          {"from", JsonIso(line.period.from)},
          {"through", JsonIso(line.period.through)},
          {"calendar_known", !line.unknown_calendar},
          {"total", TotalJson(line.total)}};
}

// A map as its viewer may see it: learners' ids and measures only with names shown.
json MapJson(const app::ProvisionMapView& v) {
  json out = {{"setting_id", v.setting.id.value()},
              {"academic_year", v.academic_year},
              {"years", v.years},
              {"map", nullptr}};
  if (!v.map) return out;
  const auto& m = *v.map;
  json provisions = json::array();
  for (const auto& p : m.provisions) {
    json learners = json::array();
    if (v.names_shown)
      for (const auto& l : p.learners)
        learners.push_back(
            {{"learner_id", l.learner.value()},
             {"name", v.names.count(l.learner) ? v.names.at(l.learner) : std::string()},
             {"joined_on", JsonIso(l.joined_on)},
             {"left_on", JsonIsoOrNull(l.left_on)},
             {"entry_measure", l.entry_measure},
             {"exit_measure", l.exit_measure}});
    provisions.push_back(
        {{"key", p.key},
         {"name", p.name},
         {"level", domain::Code(p.level)},
         {"area", p.area ? json(std::string(domain::Code(*p.area))) : json(nullptr)},
         {"staff", p.staff},
         {"staff_hours_per_week", p.staff_hours_tenths / 10.0},
         {"group_size", p.group_size},
         {"sessions", p.sessions},
         {"minutes", p.minutes},
         {"per", p.per ? json(std::string(domain::Code(*p.per))) : json(nullptr)},
         {"cost_per_term_pounds", p.cost_per_term_pounds},
         {"current_learners", v.current.count(p.key) ? v.current.at(p.key) : 0},
         {"learners", v.names_shown ? learners : json(nullptr)},
         {"impact", p.impact}});
  }
  json review = nullptr;
  if (m.review)
    review = {{"reviewed_on", JsonIso(m.review->reviewed_on)}, {"summary", m.review->summary}};
  out["map"] = {{"id", m.id.value()},
                {"version", m.version},
                {"rolled_from", m.rolled_from ? json(m.rolled_from->value()) : json(nullptr)},
                {"review", review},
                {"provisions", provisions}};
  return out;
}

json RegisterJson(const app::AlnRegisterView& v) {
  json categories = json::object();
  for (auto c : domain::AllRegisterCategories())
    categories[std::string(domain::Code(c))] =
        v.counts.by_category.count(c) ? v.counts.by_category.at(c) : 0;
  json years = json::object();
  for (const auto& [year, n] : v.counts.by_year_group) years[std::to_string(year)] = n;
  json areas = json::object();
  for (auto a : domain::AllAreasOfNeed())
    areas[std::string(domain::Code(a))] = v.counts.by_area.count(a) ? v.counts.by_area.at(a) : 0;
  json learners = nullptr;
  if (v.names_shown) {
    learners = json::array();
    for (const auto& r : v.rows) {
      json area_codes = json::array();
      for (auto a : r.facts.areas) area_codes.push_back(std::string(domain::Code(a)));
      learners.push_back({{"learner_id", r.learner.value()},
                          {"name", r.name},
                          {"upn", r.upn},
                          {"year_group", r.year_group},
                          {"category", domain::Code(r.category)},
                          {"areas", area_codes},
                          {"types", r.facts.types},
                          {"provisions", r.provisions}});
    }
  }
  return {{"setting_id", v.setting.id.value()},
          {"on", JsonIso(v.today)},
          {"roll", v.counts.roll},
          {"total", v.counts.total},
          {"by_category", categories},
          {"by_year_group", years},
          {"by_area", areas},
          {"learners", learners}};
}

}  // namespace

void WebApp::InstallProvisionApi(httplib::Server& server) {
  Route(server, "GET", "/api/v1/settings/{id}/provision-map", Access::kSignedIn, true,
        [this](Ctx& ctx) {
          const auto year = domain::ParseWholeNumber(ctx.Param("year")).value_or(0);
          auto view =
              app::ViewProvisionMap(services_, ctx.actor, domain::SettingId{ctx.PathId(1)},
                                    year >= 2000 && year <= 2100 ? static_cast<int>(year) : 0);
          if (!view) return Fail(ctx, view.error());
          Json(ctx, 200, MapJson(*view).dump());
        });
  Route(server, "GET", "/api/v1/settings/{id}/aln-register", Access::kSignedIn, true,
        [this](Ctx& ctx) {
          auto view = app::ViewAlnRegister(services_, ctx.actor, domain::SettingId{ctx.PathId(1)});
          if (!view) return Fail(ctx, view.error());
          Json(ctx, 200, RegisterJson(*view).dump());
        });
  auto answer_delivery = [this](Ctx& ctx, domain::LearnerId id, int status) {
    auto view = app::ViewLearnerDelivery(services_, ctx.actor, id);
    if (!view) return Fail(ctx, view.error());
    json lines = json::array();
    for (const auto& line : view->lines) lines.push_back(LineJson(line));
    json records = json::array();
    for (const auto& r : view->records)
      records.push_back({{"id", r.id.value()},
                         {"on", JsonIso(r.on)},
                         {"setting_id", r.setting.value()},
                         {"idp_id", r.idp ? json(r.idp->value()) : json(nullptr)},
                         {"element", r.idp ? json(r.element) : json(nullptr)},
                         {"provision_map_id", r.map ? json(r.map->value()) : json(nullptr)},
                         {"provision", r.map ? json(r.provision) : json(nullptr)},
                         {"delivered", r.delivered},
                         {"missed", r.missed},
                         {"reason", domain::Code(r.reason)},
                         {"note", r.note}});
    Json(ctx, status,
         json{{"learner_id", id.value()}, {"lines", lines}, {"records", records}}.dump());
  };
  Route(
      server, "GET", "/api/v1/learners/{id}/delivery", Access::kSignedIn, true,
      [answer_delivery](Ctx& ctx) { answer_delivery(ctx, domain::LearnerId{ctx.PathId(1)}, 200); });
  Route(server, "POST", "/api/v1/learners/{id}/deliveries", Access::kSignedIn, true,
        [this, answer_delivery](Ctx& ctx) {
          app::Form form;
          if (!ReadJsonForm(ctx, form, "delivery_error_title")) return;
          const domain::LearnerId id{ctx.PathId(1)};
          auto added = app::RecordDelivery(services_, ctx.actor, id, form);
          if (!added) return Fail(ctx, added.error());
          answer_delivery(ctx, id, 201);
        });
}

}  // namespace cynnal::http
