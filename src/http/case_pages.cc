#include <algorithm>
#include <functional>

#include "app/aln_cases.h"
#include "domain/access_policy.h"
#include "domain/text.h"
#include "http/server.h"

namespace cynnal::http {
namespace {

using domain::AlnCase;
using domain::CaseStage;
using domain::Date;

std::string Id(std::int64_t value) { return std::to_string(value); }

}  // namespace

std::string ReasonId(const std::string& reason, const domain::Learner& learner, Date on) {
  const bool under_age = on < domain::CompulsorySchoolAgeStarts(learner.date_of_birth);
  if (under_age && (reason == "test_reason_difficulty" || reason == "test_reason_disability"))
    return reason + "_likely";
  return reason;
}

std::string CaseStageColour(CaseStage stage) {
  switch (stage) {
    case CaseStage::kAwaitingTriage:
    case CaseStage::kAwaitingDecision:
      return "blue";
    case CaseStage::kAwaitingNotice:
      return "orange";
    case CaseStage::kNoticeGiven:
      return "green";
    case CaseStage::kReconsideration:
    case CaseStage::kAppeal:
      return "purple";
    case CaseStage::kClosed:
      return "grey";
  }
  return "grey";
}

namespace {

std::string SizeText(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
  return std::to_string((bytes * 10 / (1024 * 1024) + 5) / 10) + " MB";
}

mstch::map Row(const std::string& key, std::vector<std::string> values) {
  mstch::array out;
  for (auto& v : values)
    if (!v.empty()) out.push_back(std::move(v));
  return mstch::map{{"key", key}, {"values", out}};
}

// The hidden copy of a posted form (the check-answers page posts the answers on).
mstch::array HiddenCopy(const Ctx& ctx) {
  mstch::array out;
  for (const auto& [name, value] : ctx.req.params) {
    if (name == "csrf_token") continue;
    out.push_back(mstch::map{{"name", name}, {"value", value}});
  }
  if (ctx.req.is_multipart_form_data()) {
    for (const auto& [name, part] : ctx.req.files) {
      if (name == "csrf_token" || !part.filename.empty()) continue;
      out.push_back(mstch::map{{"name", name}, {"value", part.content}});
    }
  }
  return out;
}

bool Has(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

std::vector<std::string> WebApp::Params(const Ctx& ctx, const std::string& name) {
  std::vector<std::string> out;
  auto range = ctx.req.params.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  if (out.empty() && ctx.req.is_multipart_form_data()) {
    for (const auto& [key, file] : ctx.req.files)
      if (key == name && file.filename.empty()) out.push_back(file.content);
  }
  return out;
}

app::DateParts WebApp::DateParam(const Ctx& ctx, const std::string& field) {
  return {ctx.Param(field + "-day"), ctx.Param(field + "-month"), ctx.Param(field + "-year")};
}

mstch::map WebApp::ChoiceField(bool multiple, const std::string& name, const std::string& label,
                               const std::string& hint, const std::vector<Choice>& choices,
                               const std::vector<std::string>& chosen,
                               const mstch::map& errors) const {
  mstch::array options;
  bool first = true;
  for (const auto& choice : choices) {
    options.push_back(mstch::map{{"input_id", first ? name : name + "-" + choice.value},
                                 {"field_name", name},
                                 {"value", choice.value},
                                 {"text", choice.text},
                                 {"item_hint", choice.hint},
                                 {"checked", Has(chosen, choice.value)}});
    first = false;
  }
  std::string error;
  if (auto it = errors.find(name); it != errors.end()) error = boost::get<std::string>(it->second);
  std::string describedby = hint.empty() ? "" : name + "-hint";
  if (!error.empty()) describedby += (describedby.empty() ? "" : " ") + name + "-error";
  return mstch::map{{multiple ? "is_checkboxes" : "is_radios", true},
                    {"name", name},
                    {"label", label},
                    {"hint", hint},
                    {"error", error},
                    {"describedby", describedby},
                    {"options", options}};
}

mstch::map WebApp::SelectField(const std::string& name, const std::string& label,
                               const std::string& hint, const std::vector<Choice>& choices,
                               const std::string& chosen, const mstch::map& errors) const {
  mstch::map field = ChoiceField(false, name, label, hint, choices, {chosen}, errors);
  field.erase("is_radios");
  field["is_select"] = true;
  return field;
}

mstch::map WebApp::TextField(bool textarea, const std::string& name, const std::string& label,
                             const std::string& hint, const std::string& value,
                             const mstch::map& errors, const std::string& width) const {
  std::string error;
  if (auto it = errors.find(name); it != errors.end()) error = boost::get<std::string>(it->second);
  std::string describedby = hint.empty() ? "" : name + "-hint";
  if (!error.empty()) describedby += (describedby.empty() ? "" : " ") + name + "-error";
  return mstch::map{{textarea ? "is_textarea" : "is_text", true},
                    {"name", name},
                    {"label", label},
                    {"hint", hint},
                    {"value", value},
                    {"error", error},
                    {"describedby", describedby},
                    {"input_type", std::string("text")},
                    {"width", width}};
}

mstch::map WebApp::DateField(Ctx& ctx, const std::string& name, const std::string& label_id,
                             const std::string& hint_id, const mstch::map& errors) {
  const auto parts = DateParam(ctx, name);
  return mstch::map{{"is_date", true},
                    {"date", DateInput(ctx, name, label_id, hint_id, errors, parts.day, parts.month,
                                       parts.year)}};
}

mstch::map WebApp::DateField(Ctx& ctx, const std::string& name, const std::string& label_id,
                             const std::string& hint_id, const mstch::map& errors,
                             std::optional<domain::Date> stored, bool posted) {
  if (posted || !stored) return DateField(ctx, name, label_id, hint_id, errors);
  return mstch::map{{"is_date", true},
                    {"date", DateInput(ctx, name, label_id, hint_id, errors,
                                       std::to_string(static_cast<unsigned>(stored->day())),
                                       std::to_string(static_cast<unsigned>(stored->month())),
                                       std::to_string(static_cast<int>(stored->year())))}};
}

mstch::map WebApp::FileField(const std::string& name, const std::string& label,
                             const std::string& hint, const mstch::map& errors) const {
  auto field = TextField(false, name, label, hint, "", errors);
  field.erase("is_text");
  field["is_file"] = true;
  return field;
}

mstch::map WebApp::HeadingField(const std::string& text, const std::string& hint) const {
  return mstch::map{{"is_heading", true}, {"label", text}, {"hint", hint}};
}

void WebApp::InstallCasePages(httplib::Server& server) {
  auto yes_no = [this](const Ctx& ctx) {
    return std::vector<Choice>{{"yes", T(ctx, "answer_yes"), ""}, {"no", T(ctx, "answer_no"), ""}};
  };
  auto one = [](const Ctx& ctx, const std::string& name) {
    return std::vector<std::string>{ctx.Param(name)};
  };
  auto body_name = [this](const Ctx& ctx, const domain::Responsibility& r,
                          const app::CaseView& view) -> std::string {
    if (r.body != domain::DecidingBody::kLocalAuthority && r.setting) {
      auto it = view.settings.find(*r.setting);
      if (it != view.settings.end()) return it->second.name;
    }
    auto it = view.authorities.find(r.local_authority);
    if (it == view.authorities.end()) return "";
    return ctx.lang == Lang::kCy ? it->second.name_cy : it->second.name_en;
  };

  // ---- Raising a concern ----
  auto concern_form = [this, one](Ctx& ctx, domain::LearnerId learner, const domain::Error* error,
                                  int status) {
    auto view = app::ConcernForm(services_, ctx.actor, learner);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "concern_title");
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error,
                {"source", "raised_by", "brought_on", "brought_to", "description", "consent",
                 "consent_on", "document"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    const auto& r = view->responsibility;
    std::string decider;
    if (r.body != domain::DecidingBody::kLocalAuthority && r.setting &&
        view->settings.count(*r.setting)) {
      decider = view->settings.at(*r.setting).name;
    } else if (view->authorities.count(r.local_authority)) {
      const auto& la = view->authorities.at(r.local_authority);
      decider = ctx.lang == Lang::kCy ? la.name_cy : la.name_en;
    }
    c["back_href"] = "/learners/" + Id(learner.value());
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, "concern_title");
    c["intro"] = mstch::array{
        Fill(ctx, "concern_intro_decider",
             {{"body", decider},
              {"reason", T(ctx, "responsibility_" + std::string(domain::Code(r.reason)))}}),
        T(ctx, "concern_intro_clock")};
    c["action"] = "/learners/" + Id(learner.value()) + "/concerns";
    c["multipart"] = true;
    c["button"] = T(ctx, "concern_button");
    c["version"] = std::string("0");
    std::vector<Choice> sources;
    for (auto s : domain::AllConcernSources()) {
      const std::string code(domain::Code(s));
      sources.push_back({code, T(ctx, "source_" + code), ""});
    }
    const bool la_user = domain::MayActForLa(ctx.actor.user, ctx.actor.user.local_authority);
    std::vector<std::string> brought_to = one(ctx, "brought_to");
    if (ctx.req.method == "GET") brought_to = {la_user ? "la" : "school"};
    mstch::array fields{ChoiceField(false, "source", T(ctx, "field_source"), "", sources,
                                    one(ctx, "source"), errors),
                        TextField(false, "raised_by", T(ctx, "field_raised_by"),
                                  T(ctx, "hint_raised_by"), ctx.Param("raised_by"), errors),
                        DateField(ctx, "brought_on", "field_brought_on", "hint_brought_on", errors),
                        ChoiceField(false, "brought_to", T(ctx, "field_brought_to"), "",
                                    {{"school", T(ctx, "brought_to_school"), ""},
                                     {"la", T(ctx, "brought_to_la"), T(ctx, "brought_to_la_hint")}},
                                    brought_to, errors),
                        TextField(true, "description", T(ctx, "field_description"),
                                  T(ctx, "hint_description"), ctx.Param("description"), errors)};
    if (view->young_person) {
      fields.push_back(
          ChoiceField(false, "consent", T(ctx, "field_consent"), T(ctx, "hint_consent"),
                      {{"yes", T(ctx, "answer_yes"), ""}, {"no", T(ctx, "consent_no"), ""}},
                      one(ctx, "consent"), errors));
      fields.push_back(DateField(ctx, "consent_on", "field_consent_on", "hint_consent_on", errors));
    }
    fields.push_back(
        FileField("document", T(ctx, "field_document"), T(ctx, "hint_document"), errors));
    c["fields"] = fields;
    Render(ctx, "case_step", c, status);
  };

  Route(server, "GET", "/learners/{id}/concerns/new", Access::kSignedIn, false,
        [concern_form](Ctx& ctx) {
          concern_form(ctx, domain::LearnerId{ctx.PathId(1)}, nullptr, 200);
        });

  Route(server, "POST", "/learners/{id}/concerns", Access::kSignedIn, false,
        [this, concern_form](Ctx& ctx) {
          const domain::LearnerId learner{ctx.PathId(1)};
          app::RaiseConcernInput in;
          in.source = ctx.Param("source");
          in.raised_by = ctx.Param("raised_by");
          in.brought_on = DateParam(ctx, "brought_on");
          in.brought_to = ctx.Param("brought_to");
          in.description = ctx.Param("description");
          in.consent = ctx.Param("consent");
          in.consent_on = DateParam(ctx, "consent_on");
          if (ctx.req.is_multipart_form_data() && ctx.req.has_file("document")) {
            const auto file = ctx.req.get_file_value("document");
            if (!file.filename.empty())
              in.document = {file.filename, file.content_type, file.content};
          }
          auto id = app::RaiseConcern(services_, ctx.actor, learner, in);
          if (!id) {
            if (id.error().code == domain::ErrorCode::kInvalidArgument)
              return concern_form(ctx, learner, &id.error(), 422);
            return Fail(ctx, id.error());
          }
          Redirect(ctx, "/cases/" + Id(id->value()) + "?done=raised");
        });

  // ---- The case page ----
  Route(server, "GET", "/cases/{id}", Access::kSignedIn, false, [this, body_name](Ctx& ctx) {
    auto view = app::ViewCase(services_, ctx.actor, domain::AlnCaseId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const AlnCase& k = view->aln_case;
    const std::string case_id = Id(k.id.value());
    auto c = Base(ctx, "case_title");
    c["title"] = T(ctx, "case_title") + " – " + view->learner.DisplayName();
    c["case_id"] = case_id;
    c["learner_id"] = Id(view->learner.id.value());
    c["learner_name"] = view->learner.DisplayName();
    const std::string stage(domain::Code(k.stage));
    c["stage"] = T(ctx, "case_stage_" + stage);
    c["stage_colour"] = CaseStageColour(k.stage);
    c["stage_text"] =
        Fill(ctx, "case_stage_text_" + stage, {{"body", body_name(ctx, k.responsibility, *view)}});
    if (const std::string done = ctx.Param("done");
        !done.empty() && domain::Trim(done).size() < 40 && catalog_->Has("case_done_" + done))
      c["banner"] = T(ctx, "case_done_" + done);

    // The case's task list (GOV.UK task list): the concern, the LA's triage of a direct approach,
    // the decision and its notice, each with its status and, when the actor may do it now, a link.
    const domain::AlnDecision* last = k.LastDecision();
    const bool may_notify = last && view->may_view_detail &&
                            domain::MayActForBody(ctx.actor.user, last->body.body,
                                                  last->body.local_authority, last->body.setting);
    mstch::array tasks;
    int task_number = 0;
    auto task = [&](const std::string& text_id, const std::string& path, bool link,
                    const std::string& status) {
      ++task_number;
      const std::string colour = status == "completed"     ? ""
                                 : status == "not_started" ? "blue"
                                 : status == "not_needed"  ? "grey"
                                                           : "";
      tasks.push_back(mstch::map{{"text", T(ctx, text_id)},
                                 {"href", link ? "/cases/" + case_id + "/" + path : std::string()},
                                 {"status", T(ctx, "task_status_" + status)},
                                 {"status_id", "task-" + Id(task_number) + "-status"},
                                 {"tag_colour", colour},
                                 {"cannot_start", status == "cannot_start"}});
    };
    task("task_concern", "", false, "completed");
    const bool triaged =
        std::any_of(k.timeline.begin(), k.timeline.end(), [](const domain::CaseEvent& e) {
          return e.kind == domain::CaseEventKind::kTakenOn ||
                 e.kind == domain::CaseEventKind::kSentBack;
        });
    if (k.stage == CaseStage::kAwaitingTriage || triaged) {
      const bool waiting = k.stage == CaseStage::kAwaitingTriage;
      task("case_step_triage", "triage", waiting && view->may_act,
           waiting ? "not_started" : "completed");
    }
    const bool excepted = k.exception.has_value();
    {
      const bool waiting = k.stage == CaseStage::kAwaitingDecision;
      std::string status = excepted  ? "not_needed"
                           : last    ? "completed"
                           : waiting ? "not_started"
                                     : "cannot_start";
      task("case_step_decide", "decision", waiting && view->may_act, status);
    }
    {
      const bool waiting = k.stage == CaseStage::kAwaitingNotice;
      std::string status = excepted             ? "not_needed"
                           : waiting            ? "not_started"
                           : !k.notices.empty() ? "completed"
                                                : "cannot_start";
      task("case_step_notice", "notice", waiting && may_notify, status);
    }
    c["tasks"] = tasks;

    // Other steps the actor may take now.
    mstch::array steps;
    auto step = [&](const std::string& path, const std::string& text_id) {
      steps.push_back(
          mstch::map{{"href", "/cases/" + case_id + "/" + path}, {"text", T(ctx, text_id)}});
    };
    if (view->may_act) {
      if (k.stage == CaseStage::kReconsideration) step("decision", "case_step_reconsider");
      if (k.stage == CaseStage::kAwaitingDecision &&
          k.responsibility.body == domain::DecidingBody::kSchool)
        step("referral", "case_step_refer");
      if (k.stage == CaseStage::kAwaitingDecision || k.stage == CaseStage::kAwaitingTriage)
        step("exception", "case_step_exception");
    }
    if (k.stage == CaseStage::kAwaitingNotice && may_notify &&
        last->kind == domain::DecisionKind::kReconsideration)
      step("notice", "case_step_notice");
    if (view->may_act_la) {
      if (k.stage == CaseStage::kNoticeGiven && last &&
          last->body.body == domain::DecidingBody::kSchool &&
          last->kind == domain::DecisionKind::kInitial)
        step("reconsideration", "case_step_reconsideration");
      if ((k.stage == CaseStage::kNoticeGiven || k.stage == CaseStage::kReconsideration ||
           k.stage == CaseStage::kAppeal)) {
        const bool open = !k.disagreements.empty() && !k.disagreements.back().ended_on;
        step("disagreement", open ? "case_step_disagreement_end" : "case_step_disagreement");
      }
      if (k.stage == CaseStage::kNoticeGiven && last && domain::Appealable(*last))
        step("appeal", "case_step_appeal");
      if (k.stage == CaseStage::kAppeal) step("appeal", "case_step_appeal_record");
      if (k.stage == CaseStage::kAppeal && k.appeal->outcome != domain::AppealOutcome::kPending &&
          std::all_of(k.appeal->orders.begin(), k.appeal->orders.end(),
                      [](const auto& o) { return o.complied_on.has_value(); }))
        step("appeal/close", "case_step_appeal_close");
    }
    c["steps"] = steps;
    c["has_steps"] = !steps.empty();
    // Once ALN is found, the body that maintains the IDP starts it from here (issue 5).
    if (last && last->has_aln && view->may_view_detail && k.stage != CaseStage::kAwaitingDecision) {
      c["start_plan"] =
          mstch::map{{"action", "/learners/" + Id(view->learner.id.value()) + "/idps"},
                     {"case_id", case_id},
                     {"csrf_token", ctx.session ? ctx.session->session.csrf_token : std::string()}};
    }

    // Summary sections.
    mstch::array sections;
    auto section = [&](const std::string& id, const std::string& heading_id, mstch::array rows) {
      sections.push_back(
          mstch::map{{"section_id", id}, {"heading", T(ctx, heading_id)}, {"rows", rows}});
    };
    const std::string reason(domain::Code(k.responsibility.reason));
    mstch::array who{
        Row(T(ctx, "field_deciding_body"), {body_name(ctx, k.responsibility, *view)}),
        Row(T(ctx, "field_responsibility_reason"), {T(ctx, "responsibility_" + reason)})};
    if (!k.sent_back_reasons.empty())
      who.push_back(Row(T(ctx, "field_sent_back_reasons"), {k.sent_back_reasons}));
    section("case-who", "case_who_decides", who);
    mstch::array concern{Row(T(ctx, "field_source"),
                             {T(ctx, "source_" + std::string(domain::Code(k.concern.source)))}),
                         Row(T(ctx, "field_raised_by"), {k.concern.raised_by}),
                         Row(T(ctx, "field_brought_on"), {FormatDate(ctx, k.concern.brought_on)}),
                         Row(T(ctx, "field_brought_to"),
                             {T(ctx, k.concern.to_la ? "brought_to_la" : "brought_to_school")})};
    if (view->may_view_detail)
      concern.push_back(Row(T(ctx, "field_description"), {k.concern.description}));
    if (k.concern.consent != domain::Answer::kUnanswered) {
      concern.push_back(
          Row(T(ctx, "field_consent"),
              {T(ctx, k.concern.consent == domain::Answer::kYes ? "answer_yes" : "consent_no"),
               k.concern.consent_on ? FormatDate(ctx, *k.concern.consent_on) : std::string()}));
    }
    section("case-concern", "case_concern", concern);
    if (view->may_view_detail) {
      if (k.referral) {
        section(
            "case-referral", "case_referral",
            {Row(T(ctx, "field_ground"),
                 {T(ctx, "referral_ground_" + std::string(domain::Code(k.referral->ground)))}),
             Row(T(ctx, "field_referral_evidence"), {k.referral->evidence}),
             Row(T(ctx, "field_need_apparent_on"), {FormatDate(ctx, k.referral->need_apparent_on)}),
             Row(T(ctx, "field_referred_on"), {FormatDate(ctx, k.referral->referred_on)})});
      }
      if (k.exception) {
        mstch::array rows{
            Row(T(ctx, "field_exception_kind"),
                {T(ctx, "exception_" + std::string(domain::Code(k.exception->kind)))}),
            Row(T(ctx, "field_reasons"), {k.exception->reasons}),
            Row(T(ctx, "field_exception_on"), {FormatDate(ctx, k.exception->on)})};
        if (k.exception->previous_decision_on)
          rows.push_back(Row(T(ctx, "field_previous_decision_on"),
                             {FormatDate(ctx, *k.exception->previous_decision_on)}));
        section("case-exception", "case_exception", rows);
      }
      int n = 0;
      for (const auto& d : k.decisions) {
        ++n;
        std::vector<std::string> reasons;
        for (const auto& r : d.reasons)
          reasons.push_back(T(ctx, ReasonId(r, view->learner, d.decided_on)));
        std::vector<std::string> areas, types, evidence, progress;
        for (auto a : d.test.areas) areas.push_back(T(ctx, "area_" + std::string(domain::Code(a))));
        for (const auto& t : d.test.types) types.push_back(T(ctx, "need_" + t));
        for (auto e : d.test.evidence)
          evidence.push_back(T(ctx, "evidence_" + std::string(domain::Code(e))));
        for (auto p : d.test.progress)
          progress.push_back(T(ctx, "progress_" + std::string(domain::Code(p))));
        mstch::array rows{Row(T(ctx, "field_outcome"),
                              {T(ctx, d.has_aln ? "outcome_has_aln" : "outcome_no_aln")}),
                          Row(T(ctx, "field_decided_on"), {FormatDate(ctx, d.decided_on)}),
                          Row(T(ctx, "field_deciding_body"), {body_name(ctx, d.body, *view)}),
                          Row(T(ctx, "field_reasons"), reasons)};
        if (!d.test.greater_difficulty_evidence.empty())
          rows.push_back(Row(T(ctx, "field_greater_difficulty_evidence"),
                             {d.test.greater_difficulty_evidence}));
        if (!d.test.disability_evidence.empty())
          rows.push_back(Row(T(ctx, "field_disability_evidence"), {d.test.disability_evidence}));
        rows.push_back(Row(T(ctx, "field_evidence"), evidence));
        if (!progress.empty()) rows.push_back(Row(T(ctx, "field_progress"), progress));
        if (!d.test.alp.empty()) rows.push_back(Row(T(ctx, "field_alp"), {d.test.alp}));
        if (!areas.empty()) rows.push_back(Row(T(ctx, "field_areas"), areas));
        if (!types.empty()) rows.push_back(Row(T(ctx, "field_types"), types));
        if (d.maintainer) {
          std::vector<std::string> why{
              T(ctx, "maintainer_" + std::string(domain::Code(*d.maintainer)))};
          for (const auto& r : d.maintainer_reasons)
            why.push_back(
                Fill(ctx, r, {{"hours", Id(view->decision_settings.ta_hours_threshold)}}));
          rows.push_back(Row(T(ctx, "field_maintainer"), why));
        }
        if (!d.summary.empty()) rows.push_back(Row(T(ctx, "field_summary"), {d.summary}));
        sections.push_back(mstch::map{
            {"section_id", "case-decision-" + Id(n)},
            {"heading",
             T(ctx, d.kind == domain::DecisionKind::kReconsideration ? "case_decision_reconsidered"
                                                                     : "case_decision")},
            {"rows", rows}});
      }
      if (k.reconsideration) {
        section(
            "case-reconsideration", "case_reconsideration",
            {Row(T(ctx, "field_requested_by"), {k.reconsideration->requested_by}),
             Row(T(ctx, "field_requested_on"), {FormatDate(ctx, k.reconsideration->requested_on)}),
             Row(T(ctx, "field_grounds"), {k.reconsideration->grounds})});
      }
      for (const auto& r : k.disagreements) {
        mstch::array rows{
            Row(T(ctx, "field_disagreement_started_on"), {FormatDate(ctx, r.started_on)}),
            Row(T(ctx, "field_in_time"),
                {T(ctx, r.in_time ? "disagreement_in_time" : "disagreement_late")})};
        if (r.ended_on) {
          rows.push_back(Row(T(ctx, "field_ended_on"), {FormatDate(ctx, *r.ended_on)}));
          rows.push_back(Row(T(ctx, "field_disagreement_outcome"), {r.outcome}));
        }
        section("case-disagreement", "case_disagreement", rows);
      }
      if (k.appeal) {
        const auto& a = *k.appeal;
        mstch::array rows{
            Row(T(ctx, "field_lodged_on"),
                {FormatDate(ctx, a.lodged_on), a.late ? T(ctx, "appeal_late") : std::string()}),
            Row(T(ctx, "field_appeal_outcome"),
                {T(ctx, "appeal_outcome_" + std::string(domain::Code(a.outcome)))})};
        if (a.hearing_on)
          rows.push_back(Row(T(ctx, "field_hearing_on"), {FormatDate(ctx, *a.hearing_on)}));
        if (a.decided_on)
          rows.push_back(Row(T(ctx, "field_appeal_decided_on"), {FormatDate(ctx, *a.decided_on)}));
        int o = 0;
        for (const auto& order : a.orders) {
          ++o;
          rows.push_back(Row(
              Fill(ctx, "field_order_n", {{"n", Id(o)}}),
              {order.description,
               Fill(ctx, "order_comply_by", {{"date", FormatDate(ctx, order.comply_by)}}),
               order.complied_on
                   ? Fill(ctx, "order_complied_on", {{"date", FormatDate(ctx, *order.complied_on)}})
                   : T(ctx, "order_outstanding")}));
        }
        section("case-appeal", "case_appeal", rows);
      }
    }
    c["sections"] = sections;

    mstch::array notices;
    if (view->may_view_detail) {
      int n = 0;
      for (const auto& notice : k.notices) {
        ++n;
        const std::string base = "/cases/" + case_id + "/notices/" + Id(n) + ".pdf";
        notices.push_back(mstch::map{
            {"kind", T(ctx, "notice_kind_" + std::string(domain::Code(notice.kind)))},
            {"given", Fill(ctx, "notice_given_text",
                           {{"date", FormatDate(ctx, notice.given_on)},
                            {"method", T(ctx, "notice_method_" +
                                                  std::string(domain::Code(notice.method)))}})},
            {"appeal_by",
             notice.appeal_by ? FormatDate(ctx, *notice.appeal_by) : T(ctx, "notice_no_appeal")},
            {"href_en", base + "?lang=en"},
            {"href_cy", base + "?lang=cy"}});
      }
    }
    c["notices"] = notices;
    c["has_notices"] = !notices.empty();

    mstch::array clocks;
    const bool may_open_clock =
        domain::MayAccessLearner(ctx.actor.user, domain::LearnerAction::kView, view->learner,
                                 view->today) &&
        view->may_view_detail;
    for (const auto& s : view->clocks) {
      auto row = ClockRow(ctx, s);
      row["may_open_clock"] = may_open_clock;
      clocks.push_back(std::move(row));
    }
    c["clocks"] = clocks;
    c["has_clocks"] = !clocks.empty();

    mstch::array documents;
    for (const auto& d : view->documents) {
      documents.push_back(
          mstch::map{{"href", "/cases/" + case_id + "/documents/" + Id(d.id.value())},
                     {"filename", d.filename},
                     {"size", SizeText(d.size)},
                     {"uploaded", FormatDate(ctx, domain::DateInWales(d.uploaded_at))}});
    }
    c["documents"] = documents;
    c["has_documents"] = !documents.empty();
    c["may_view_detail"] = view->may_view_detail;
    const auto role = ctx.actor.user.role;
    c["may_add_document"] =
        view->may_view_detail && (role == domain::Role::kLaAdministrator ||
                                  role == domain::Role::kLaOfficer || role == domain::Role::kAlnco);

    mstch::array timeline;
    for (const auto& e : k.timeline) {
      std::string text = T(ctx, "case_event_" + std::string(domain::Code(e.kind)));
      if (e.kind == domain::CaseEventKind::kDocumentAdded && view->may_view_detail)
        text += ": " + e.detail;
      if (e.kind == domain::CaseEventKind::kDecided)
        text += ": " + T(ctx, e.detail == "has_aln" ? "outcome_has_aln" : "outcome_no_aln");
      timeline.push_back(
          mstch::map{{"on", FormatDate(ctx, e.on)},
                     {"step", text},
                     {"by", view->people.count(e.by) ? view->people.at(e.by) : std::string()},
                     {"at", FormatDate(ctx, domain::DateInWales(e.at))}});
    }
    c["timeline"] = timeline;
    Render(ctx, "case", c, 200);
  });

  // ---- One page per step, on the generic form ----
  // Who may take a step: the body now responsible ("body"), the body whose decision is to be
  // notified ("notice"), or the LA's officers ("la").
  struct Step {
    std::string who;
    std::string title_id;
    std::string button_id;
    std::vector<std::string> intro_ids;
    std::vector<std::string> order;
    std::function<mstch::array(Ctx&, const app::CaseView&, const mstch::map&)> fields;
  };
  auto step_page = [this](Ctx& ctx, const std::string& path, const Step& step,
                          const domain::Error* error, int status) {
    auto view = app::ViewCase(services_, ctx.actor, domain::AlnCaseId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    const auto* last = view->aln_case.LastDecision();
    const auto& body = last ? last->body : view->aln_case.responsibility;
    const bool may =
        step.who == "la" ? view->may_act_la
        : step.who == "notice"
            ? view->may_view_detail && domain::MayActForBody(ctx.actor.user, body.body,
                                                             body.local_authority, body.setting)
            : view->may_act;
    if (!may) return ErrorPage(ctx, 403, "forbidden");
    const std::string case_id = Id(view->aln_case.id.value());
    auto c = Base(ctx, step.title_id);
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error, step.order);
      errors = boost::get<mstch::map>(c["errors"]);
    }
    c["back_href"] = "/cases/" + case_id;
    c["caption"] = view->learner.DisplayName();
    c["heading"] = T(ctx, step.title_id);
    mstch::array intro;
    for (const auto& id : step.intro_ids)
      intro.push_back(Fill(ctx, id,
                           {{"hours", Id(view->decision_settings.ta_hours_threshold)},
                            {"days", Id(view->decision_settings.post_working_days)}}));
    c["intro"] = intro;
    c["action"] = "/cases/" + case_id + "/" + path;
    c["button"] = T(ctx, step.button_id);
    c["version"] = Id(view->aln_case.version);
    c["fields"] = step.fields(ctx, *view, errors);
    if (path == "notice") {
      // The notice to send, drafted in both languages before it is given.
      const std::string draft = "/cases/" + case_id + "/notices/0.pdf";
      c["links"] = mstch::array{
          mstch::map{{"href", draft + "?lang=en"}, {"text", T(ctx, "notice_draft_english")}},
          mstch::map{{"href", draft + "?lang=cy"}, {"text", T(ctx, "notice_draft_welsh")}}};
    }
    Render(ctx, "case_step", c, status);
  };
  // Registers GET and POST for a step; `run` records it from the posted form.
  auto add_step = [this, step_page](httplib::Server& srv, const std::string& path, Step step,
                                    std::function<domain::Status(Ctx&, domain::AlnCaseId)> run,
                                    const std::string& done) {
    Route(srv, "GET", "/cases/{id}/" + path, Access::kSignedIn, false,
          [step_page, path, step](Ctx& ctx) { step_page(ctx, path, step, nullptr, 200); });
    Route(srv, "POST", "/cases/{id}/" + path, Access::kSignedIn, false,
          [this, step_page, path, step, run, done](Ctx& ctx) {
            const domain::AlnCaseId id{ctx.PathId(1)};
            auto s = run(ctx, id);
            if (!s) {
              if (s.error().code == domain::ErrorCode::kInvalidArgument)
                return step_page(ctx, path, step, &s.error(), 422);
              return Fail(ctx, s.error());
            }
            Redirect(ctx, "/cases/" + Id(id.value()) + "?done=" + done);
          });
  };

  add_step(
      server, "triage",
      {"body",
       "triage_title",
       "triage_button",
       {"triage_intro"},
       {"choice", "reasons", "on"},
       [this, one](Ctx& ctx, const app::CaseView&, const mstch::map& errors) {
         return mstch::array{
             ChoiceField(
                 false, "choice", T(ctx, "field_triage_choice"), "",
                 {{"take_on", T(ctx, "triage_take_on"), T(ctx, "triage_take_on_hint")},
                  {"send_back", T(ctx, "triage_send_back"), T(ctx, "triage_send_back_hint")}},
                 one(ctx, "choice"), errors),
             TextField(true, "reasons", T(ctx, "field_send_back_reasons"),
                       T(ctx, "hint_send_back_reasons"), ctx.Param("reasons"), errors),
             DateField(ctx, "on", "field_triage_on", "hint_step_date", errors)};
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        return app::Triage(services_, ctx.actor, id,
                           {ctx.Param("choice"), ctx.Param("reasons"), DateParam(ctx, "on"),
                            ctx.Param("version")});
      },
      "triage");

  add_step(
      server, "referral",
      {"body",
       "referral_title",
       "referral_button",
       {"referral_intro"},
       {"ground", "evidence", "need_apparent_on", "referred_on"},
       [this, one](Ctx& ctx, const app::CaseView&, const mstch::map& errors) {
         std::vector<Choice> grounds;
         for (auto g : domain::AllReferralGrounds()) {
           const std::string code(domain::Code(g));
           grounds.push_back({code, T(ctx, "referral_ground_" + code), ""});
         }
         return mstch::array{
             ChoiceField(false, "ground", T(ctx, "field_ground"), T(ctx, "hint_ground"), grounds,
                         one(ctx, "ground"), errors),
             TextField(true, "evidence", T(ctx, "field_referral_evidence"),
                       T(ctx, "hint_referral_evidence"), ctx.Param("evidence"), errors),
             DateField(ctx, "need_apparent_on", "field_need_apparent_on", "hint_need_apparent_on",
                       errors),
             DateField(ctx, "referred_on", "field_referred_on", "hint_step_date", errors)};
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        return app::ReferToLa(
            services_, ctx.actor, id,
            {ctx.Param("ground"), ctx.Param("evidence"), DateParam(ctx, "need_apparent_on"),
             DateParam(ctx, "referred_on"), ctx.Param("version")});
      },
      "referred");

  add_step(
      server, "exception",
      {"body",
       "exception_title",
       "exception_button",
       {"exception_intro"},
       {"kind", "reasons", "on", "previous_decision_on"},
       [this, one](Ctx& ctx, const app::CaseView& view, const mstch::map& errors) {
         std::vector<Choice> kinds;
         for (auto k : domain::AllDutyExceptionKinds()) {
           if (k == domain::DutyExceptionKind::kNoConsent && !view.young_person) continue;
           const std::string code(domain::Code(k));
           kinds.push_back({code, T(ctx, "exception_" + code), T(ctx, "exception_hint_" + code)});
         }
         return mstch::array{
             ChoiceField(false, "kind", T(ctx, "field_exception_kind"), "", kinds, one(ctx, "kind"),
                         errors),
             TextField(true, "reasons", T(ctx, "field_reasons"), T(ctx, "hint_exception_reasons"),
                       ctx.Param("reasons"), errors),
             DateField(ctx, "on", "field_exception_on", "hint_step_date", errors),
             DateField(ctx, "previous_decision_on", "field_previous_decision_on",
                       "hint_previous_decision_on", errors)};
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        return app::RecordDutyException(
            services_, ctx.actor, id,
            {ctx.Param("kind"), ctx.Param("reasons"), DateParam(ctx, "on"),
             DateParam(ctx, "previous_decision_on"), ctx.Param("version")});
      },
      "exception");

  add_step(
      server, "notice",
      {"notice",
       "notice_title",
       "notice_button",
       {"notice_intro", "notice_intro_post"},
       {"method", "sent_on", "language"},
       [this, one](Ctx& ctx, const app::CaseView& view, const mstch::map& errors) {
         std::vector<Choice> methods;
         for (auto m : domain::AllNoticeMethods()) {
           const std::string code(domain::Code(m));
           methods.push_back({code, T(ctx, "notice_method_" + code), ""});
         }
         std::vector<std::string> language = one(ctx, "language");
         if (ctx.req.method == "GET")
           language = {std::string(domain::Code(view.learner.letter_language))};
         return mstch::array{
             ChoiceField(false, "method", T(ctx, "field_notice_method"), "", methods,
                         one(ctx, "method"), errors),
             DateField(ctx, "sent_on", "field_sent_on", "hint_sent_on", errors),
             ChoiceField(
                 false, "language", T(ctx, "field_notice_language"), T(ctx, "hint_notice_language"),
                 {{"en", T(ctx, "language_english"), ""}, {"cy", T(ctx, "language_welsh"), ""}},
                 language, errors)};
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        return app::GiveNotice(services_, ctx.actor, id,
                               {ctx.Param("method"), DateParam(ctx, "sent_on"),
                                ctx.Param("language"), ctx.Param("version")});
      },
      "notice");

  add_step(
      server, "reconsideration",
      {"la",
       "reconsideration_title",
       "reconsideration_button",
       {"reconsideration_intro"},
       {"requested_by", "requested_on", "grounds"},
       [this](Ctx& ctx, const app::CaseView&, const mstch::map& errors) {
         return mstch::array{
             TextField(false, "requested_by", T(ctx, "field_requested_by"),
                       T(ctx, "hint_requested_by"), ctx.Param("requested_by"), errors),
             DateField(ctx, "requested_on", "field_requested_on", "hint_step_date", errors),
             TextField(true, "grounds", T(ctx, "field_grounds"), T(ctx, "hint_grounds"),
                       ctx.Param("grounds"), errors)};
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        return app::RequestLaReconsideration(
            services_, ctx.actor, id,
            {ctx.Param("requested_by"), ctx.Param("grounds"), DateParam(ctx, "requested_on"),
             ctx.Param("version")});
      },
      "reconsideration");

  add_step(
      server, "disagreement",
      {"la",
       "disagreement_title",
       "disagreement_button",
       {"disagreement_intro"},
       {"started_on", "ended_on", "outcome"},
       [this](Ctx& ctx, const app::CaseView& view, const mstch::map& errors) {
         const auto& d = view.aln_case.disagreements;
         if (!d.empty() && !d.back().ended_on) {
           return mstch::array{
               HeadingField(T(ctx, "disagreement_end_heading"),
                            Fill(ctx, "disagreement_started_text",
                                 {{"date", FormatDate(ctx, d.back().started_on)}})),
               DateField(ctx, "ended_on", "field_ended_on", "hint_step_date", errors),
               TextField(true, "outcome", T(ctx, "field_disagreement_outcome"),
                         T(ctx, "hint_disagreement_outcome"), ctx.Param("outcome"), errors)};
         }
         return mstch::array{DateField(ctx, "started_on", "field_disagreement_started_on",
                                       "hint_disagreement_started", errors)};
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        return app::RecordDisagreementResolution(
            services_, ctx.actor, id,
            {DateParam(ctx, "started_on"), DateParam(ctx, "ended_on"), ctx.Param("outcome"),
             ctx.Param("version")});
      },
      "disagreement");

  add_step(
      server, "appeal",
      {"la",
       "appeal_title",
       "appeal_button",
       {"appeal_intro"},
       {"lodged_on", "outcome", "hearing_on", "decided_on", "description", "made_on", "comply_by",
        "complied_on"},
       [this, one](Ctx& ctx, const app::CaseView& view, const mstch::map& errors) {
         const auto& k = view.aln_case;
         if (!k.appeal) {
           return mstch::array{
               DateField(ctx, "lodged_on", "field_lodged_on", "hint_lodged_on", errors)};
         }
         const auto& a = *k.appeal;
         if (a.outcome == domain::AppealOutcome::kPending) {
           std::vector<Choice> outcomes;
           for (auto o : domain::AllAppealOutcomes()) {
             if (o == domain::AppealOutcome::kPending) continue;
             const std::string code(domain::Code(o));
             outcomes.push_back({code, T(ctx, "appeal_outcome_" + code), ""});
           }
           return mstch::array{
               ChoiceField(false, "outcome", T(ctx, "field_appeal_outcome"), "", outcomes,
                           one(ctx, "outcome"), errors),
               DateField(ctx, "hearing_on", "field_hearing_on", "hint_hearing_on", errors),
               DateField(ctx, "decided_on", "field_appeal_decided_on", "hint_step_date", errors)};
         }
         // Orders: record compliance with the first outstanding one, or add another.
         mstch::array fields;
         int n = 0;
         for (const auto& order : a.orders) {
           ++n;
           if (order.complied_on) continue;
           fields.push_back(HeadingField(
               Fill(ctx, "field_order_n", {{"n", Id(n)}}),
               order.description + " – " +
                   Fill(ctx, "order_comply_by", {{"date", FormatDate(ctx, order.comply_by)}})));
           fields.push_back(
               DateField(ctx, "complied_on", "field_complied_on", "hint_complied_on", errors));
           fields.push_back(HeadingField(T(ctx, "order_add_heading"), T(ctx, "order_add_hint")));
           break;
         }
         fields.push_back(TextField(true, "description", T(ctx, "field_order_description"),
                                    T(ctx, "hint_order_description"), ctx.Param("description"),
                                    errors));
         fields.push_back(DateField(ctx, "made_on", "field_made_on", "hint_made_on", errors));
         fields.push_back(DateField(ctx, "comply_by", "field_comply_by", "hint_comply_by", errors));
         return fields;
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        app::AppealStepInput in;
        in.lodged_on = DateParam(ctx, "lodged_on");
        in.outcome = {ctx.Param("outcome"), DateParam(ctx, "hearing_on"),
                      DateParam(ctx, "decided_on"), ""};
        in.order = {ctx.Param("description"), DateParam(ctx, "made_on"),
                    DateParam(ctx, "comply_by"), ""};
        in.complied_on = DateParam(ctx, "complied_on");
        in.version = ctx.Param("version");
        return app::RecordAppealStep(services_, ctx.actor, id, in);
      },
      "appeal");

  add_step(
      server, "appeal/close",
      {"la",
       "appeal_close_title",
       "appeal_close_button",
       {"appeal_close_intro"},
       {"closed_on"},
       [this](Ctx& ctx, const app::CaseView&, const mstch::map& errors) {
         return mstch::array{
             DateField(ctx, "closed_on", "field_closed_on", "hint_step_date", errors)};
       }},
      [this](Ctx& ctx, domain::AlnCaseId id) {
        return app::CloseTribunalAppeal(services_, ctx.actor, id, DateParam(ctx, "closed_on"),
                                        ctx.Param("version"));
      },
      "closed");

  // ---- The decision: the two-step test, check answers, record ----
  auto decision_form = [this, yes_no, one](Ctx& ctx, const domain::Error* error, int status) {
    auto view = app::ViewCase(services_, ctx.actor, domain::AlnCaseId{ctx.PathId(1)});
    if (!view) return Fail(ctx, view.error());
    if (!view->may_act) return ErrorPage(ctx, 403, "case_error_not_responsible");
    const std::string case_id = Id(view->aln_case.id.value());
    auto c = Base(ctx, "decision_title");
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error,
                {"greater_difficulty", "greater_difficulty_evidence", "disability",
                 "disability_evidence", "evidence", "progress", "language_only", "calls_for_alp",
                 "alp", "areas", "types", "assessment", "ta_hours", "decided_on", "summary"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    const bool under_age =
        view->today < domain::CompulsorySchoolAgeStarts(view->learner.date_of_birth);
    const std::string name = view->learner.DisplayName();
    c["back_href"] = "/cases/" + case_id;
    c["caption"] = name;
    c["heading"] =
        T(ctx, view->aln_case.stage == CaseStage::kReconsideration ? "decision_title_reconsider"
                                                                   : "decision_title");
    c["intro"] = mstch::array{T(ctx, "decision_intro")};
    c["action"] = "/cases/" + case_id + "/decision";
    c["button"] = T(ctx, "decision_continue");
    c["version"] = ctx.Param("version").empty() ? Id(view->aln_case.version) : ctx.Param("version");
    auto choices = [&](const std::string& prefix, const auto& all) {
      std::vector<Choice> out;
      for (auto v : all) {
        const std::string code(domain::Code(v));
        out.push_back({code, T(ctx, prefix + code), ""});
      }
      return out;
    };
    std::vector<Choice> types;
    for (const auto& t : domain::TypesOfNeed())
      types.push_back({std::string(t.code), T(ctx, "need_" + std::string(t.code)), ""});
    auto principle_choices = std::vector<Choice>{
        {"low_incidence", T(ctx, "principle_low_incidence"), ""},
        {"regular_external_advice", T(ctx, "principle_regular_external_advice"), ""},
        {"individual_equipment", T(ctx, "principle_individual_equipment"), ""},
        {"specialist_placement", T(ctx, "principle_specialist_placement"), ""}};
    auto principle_field = ChoiceField(
        true, "principles", T(ctx, "field_principles"),
        Fill(ctx, "hint_principles", {{"hours", Id(view->decision_settings.ta_hours_threshold)}}),
        principle_choices, Params(ctx, "principles"), errors);
    c["fields"] = mstch::array{
        HeadingField(T(ctx, "decision_test1_heading"),
                     T(ctx, under_age ? "decision_test1_hint_under_age" : "decision_test1_hint")),
        ChoiceField(false, "greater_difficulty",
                    Fill(ctx, "field_greater_difficulty", {{"name", name}}), "", yes_no(ctx),
                    one(ctx, "greater_difficulty"), errors),
        TextField(true, "greater_difficulty_evidence", T(ctx, "field_greater_difficulty_evidence"),
                  T(ctx, "hint_greater_difficulty_evidence"),
                  ctx.Param("greater_difficulty_evidence"), errors),
        ChoiceField(false, "disability", Fill(ctx, "field_disability", {{"name", name}}),
                    T(ctx, "hint_disability"), yes_no(ctx), one(ctx, "disability"), errors),
        TextField(true, "disability_evidence", T(ctx, "field_disability_evidence"),
                  T(ctx, "hint_disability_evidence"), ctx.Param("disability_evidence"), errors),
        ChoiceField(true, "evidence", T(ctx, "field_evidence"), T(ctx, "hint_evidence"),
                    choices("evidence_", domain::AllEvidenceKinds()), Params(ctx, "evidence"),
                    errors),
        ChoiceField(true, "progress", T(ctx, "field_progress"), T(ctx, "hint_progress"),
                    choices("progress_", domain::AllProgressIndicators()), Params(ctx, "progress"),
                    errors),
        ChoiceField(false, "language_only", T(ctx, "field_language_only"),
                    T(ctx, "hint_language_only"), yes_no(ctx), one(ctx, "language_only"), errors),
        HeadingField(T(ctx, "decision_test2_heading"),
                     T(ctx, view->today < domain::Anniversary(view->learner.date_of_birth, 3)
                                ? "decision_test2_hint_under_three"
                                : "decision_test2_hint")),
        ChoiceField(false, "calls_for_alp", T(ctx, "field_calls_for_alp"), "", yes_no(ctx),
                    one(ctx, "calls_for_alp"), errors),
        TextField(true, "alp", T(ctx, "field_alp"), T(ctx, "hint_alp"), ctx.Param("alp"), errors),
        ChoiceField(true, "areas", T(ctx, "field_areas"), "",
                    choices("area_", domain::AllAreasOfNeed()), Params(ctx, "areas"), errors),
        ChoiceField(true, "types", T(ctx, "field_types"), T(ctx, "hint_types"), types,
                    Params(ctx, "types"), errors),
        HeadingField(T(ctx, "decision_maintainer_heading"), T(ctx, "decision_maintainer_hint")),
        principle_field,
        TextField(false, "ta_hours", T(ctx, "field_ta_hours"), T(ctx, "hint_ta_hours"),
                  ctx.Param("ta_hours"), errors, "govuk-input--width-3"),
        DateField(ctx, "decided_on", "field_decided_on", "hint_step_date", errors),
        TextField(true, "summary", T(ctx, "field_summary"), T(ctx, "hint_summary"),
                  ctx.Param("summary"), errors)};
    Render(ctx, "case_step", c, status);
  };

  auto decision_input = [](const Ctx& ctx) {
    app::DecisionInput in;
    in.greater_difficulty = ctx.Param("greater_difficulty");
    in.greater_difficulty_evidence = ctx.Param("greater_difficulty_evidence");
    in.disability = ctx.Param("disability");
    in.disability_evidence = ctx.Param("disability_evidence");
    in.evidence = Params(ctx, "evidence");
    in.progress = Params(ctx, "progress");
    in.language_only = ctx.Param("language_only");
    in.calls_for_alp = ctx.Param("calls_for_alp");
    in.alp = ctx.Param("alp");
    in.areas = Params(ctx, "areas");
    in.types = Params(ctx, "types");
    const auto principles = Params(ctx, "principles");
    in.low_incidence = Has(principles, "low_incidence");
    in.regular_external_advice = Has(principles, "regular_external_advice");
    in.individual_equipment = Has(principles, "individual_equipment");
    in.specialist_placement = Has(principles, "specialist_placement");
    in.ta_hours = ctx.Param("ta_hours");
    in.decided_on = DateParam(ctx, "decided_on");
    in.summary = ctx.Param("summary");
    in.version = ctx.Param("version");
    return in;
  };

  Route(server, "GET", "/cases/{id}/decision", Access::kSignedIn, false,
        [decision_form](Ctx& ctx) { decision_form(ctx, nullptr, 200); });
  Route(server, "POST", "/cases/{id}/decision/change", Access::kSignedIn, false,
        [decision_form](Ctx& ctx) { decision_form(ctx, nullptr, 200); });

  Route(server, "POST", "/cases/{id}/decision", Access::kSignedIn, false,
        [this, decision_form, decision_input](Ctx& ctx) {
          const domain::AlnCaseId id{ctx.PathId(1)};
          auto preview = app::PreviewDecision(services_, ctx.actor, id, decision_input(ctx));
          if (!preview) {
            if (preview.error().code == domain::ErrorCode::kInvalidArgument)
              return decision_form(ctx, &preview.error(), 422);
            return Fail(ctx, preview.error());
          }
          auto view = app::ViewCase(services_, ctx.actor, id);
          if (!view) return Fail(ctx, view.error());
          const auto& d = preview->decision;
          auto c = Base(ctx, "decision_check_title");
          c["case_id"] = Id(id.value());
          c["learner_name"] = view->learner.DisplayName();
          std::string outcome =
              Fill(ctx, d.has_aln ? "decision_outcome_aln" : "decision_outcome_no_aln",
                   {{"name", view->learner.DisplayName()}});
          c["outcome"] = outcome;
          auto answer = [&](domain::Answer a) {
            return a == domain::Answer::kUnanswered
                       ? T(ctx, "answer_not_needed")
                       : T(ctx, "answer_" + std::string(domain::Code(a)));
          };
          std::vector<std::string> reasons, evidence, progress, areas, types;
          for (const auto& r : d.reasons)
            reasons.push_back(T(ctx, ReasonId(r, view->learner, d.decided_on)));
          for (auto e : d.test.evidence)
            evidence.push_back(T(ctx, "evidence_" + std::string(domain::Code(e))));
          for (auto p : d.test.progress)
            progress.push_back(T(ctx, "progress_" + std::string(domain::Code(p))));
          for (auto a : d.test.areas)
            areas.push_back(T(ctx, "area_" + std::string(domain::Code(a))));
          for (const auto& t : d.test.types) types.push_back(T(ctx, "need_" + t));
          mstch::array test{
              Row(T(ctx, "check_greater_difficulty"),
                  {answer(d.test.greater_difficulty), d.test.greater_difficulty_evidence}),
              Row(T(ctx, "check_disability"),
                  {answer(d.test.disability), d.test.disability_evidence}),
              Row(T(ctx, "field_evidence"), evidence),
              Row(T(ctx, "field_progress"), progress),
              Row(T(ctx, "check_language_only"), {answer(d.test.language_only)}),
              Row(T(ctx, "check_calls_for_alp"), {answer(d.test.calls_for_alp), d.test.alp}),
              Row(T(ctx, "field_areas"), areas),
              Row(T(ctx, "field_types"), types)};
          mstch::array result{Row(T(ctx, "field_reasons"), reasons),
                              Row(T(ctx, "field_decided_on"), {FormatDate(ctx, d.decided_on)})};
          if (d.maintainer) {
            std::vector<std::string> why{
                T(ctx, "maintainer_" + std::string(domain::Code(*d.maintainer)))};
            for (const auto& r : d.maintainer_reasons)
              why.push_back(Fill(ctx, r, {{"hours", Id(preview->settings.ta_hours_threshold)}}));
            result.push_back(Row(T(ctx, "field_maintainer"), why));
          }
          if (!d.summary.empty()) result.push_back(Row(T(ctx, "field_summary"), {d.summary}));
          c["rows_sections"] = mstch::array{
              mstch::map{{"heading", T(ctx, "decision_check_test")}, {"rows", test}},
              mstch::map{{"heading", T(ctx, "decision_check_result")}, {"rows", result}}};
          c["hidden"] = HiddenCopy(ctx);
          Render(ctx, "case_check", c, 200);
        });

  Route(server, "POST", "/cases/{id}/decision/confirm", Access::kSignedIn, false,
        [this, decision_form, decision_input](Ctx& ctx) {
          const domain::AlnCaseId id{ctx.PathId(1)};
          auto s = app::RecordAlnDecision(services_, ctx.actor, id, decision_input(ctx));
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument)
              return decision_form(ctx, &s.error(), 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/cases/" + Id(id.value()) + "?done=decided");
        });

  // ---- Notice documents ----
  Route(server, "GET", "/cases/{id}/notices/{n}.pdf", Access::kSignedIn, false, [this](Ctx& ctx) {
    const domain::AlnCaseId id{ctx.PathId(1)};
    const long long n = ctx.PathId(2) > 0 ? ctx.PathId(2) : (ctx.Path(2) == "0" ? 0 : -1);
    if (n < 0 || n > 1000) return ErrorPage(ctx, 404, "notice_error_not_found");
    auto data = app::NoticeDocument(services_, ctx.actor, id, static_cast<int>(n));
    if (!data) return Fail(ctx, data.error());
    const std::string lang_param = ctx.Param("lang");
    Lang lang = data->notice.language == domain::LetterLanguage::kWelsh ? Lang::kCy : Lang::kEn;
    if (lang_param == "cy") lang = Lang::kCy;
    if (lang_param == "en") lang = Lang::kEn;
    auto pdf = NoticePdf(lang, *data);
    if (!pdf) return Fail(ctx, pdf.error());
    ctx.res.status = 200;
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"notice-" + Id(id.value()) +
                                                  "-" + Id(n) + "-" + std::string(Code(lang)) +
                                                  ".pdf\"");
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_content(*pdf, "application/pdf");
  });

  // ---- Supporting documents ----
  Route(server, "POST", "/cases/{id}/documents", Access::kSignedIn, false, [this](Ctx& ctx) {
    const domain::AlnCaseId id{ctx.PathId(1)};
    app::UploadedFile file;
    if (ctx.req.is_multipart_form_data() && ctx.req.has_file("document")) {
      const auto f = ctx.req.get_file_value("document");
      file = {f.filename, f.content_type, f.content};
    }
    auto s = app::AddCaseDocument(services_, ctx.actor, id, file);
    if (!s) {
      if (s.error().code == domain::ErrorCode::kInvalidArgument) {
        const auto& fields = s.error().fields;
        return ErrorPage(ctx, 422,
                         fields.count("document") ? fields.at("document") : s.error().message);
      }
      return Fail(ctx, s.error());
    }
    Redirect(ctx, "/cases/" + Id(id.value()) + "?done=document");
  });

  Route(server, "GET", "/cases/{id}/documents/{doc}", Access::kSignedIn, false, [this](Ctx& ctx) {
    auto doc = app::GetCaseDocument(services_, ctx.actor, domain::AlnCaseId{ctx.PathId(1)},
                                    domain::CaseDocumentId{ctx.PathId(2)});
    if (!doc) return Fail(ctx, doc.error());
    ctx.res.status = 200;
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"" + doc->filename + "\"");
    ctx.res.set_header("Cache-Control", "no-store");
    ctx.res.set_header("X-Content-Type-Options", "nosniff");
    ctx.res.set_content(doc->bytes, doc->content_type);
  });

  // ---- The LA's decision settings ----
  auto settings_page = [this](Ctx& ctx, const domain::Error* error, int status) {
    auto view = app::ViewDecisionSettings(services_, ctx.actor);
    if (!view) return Fail(ctx, view.error());
    auto c = Base(ctx, "decision_settings_title");
    mstch::map errors;
    if (error) {
      AddErrors(ctx, c, *error,
                {"ta_hours_threshold", "post_working_days", "service_phone", "service_email"});
      errors = boost::get<mstch::map>(c["errors"]);
    }
    const auto& s = view->settings;
    const FieldValues value{ctx, error != nullptr};
    c["caption"] = T(ctx, "nav_calendars");
    c["heading"] = T(ctx, "decision_settings_title");
    c["intro"] = mstch::array{T(ctx, "decision_settings_intro")};
    if (ctx.Param("saved") == "1") c["banner"] = T(ctx, "decision_settings_saved");
    c["action"] = "/decision-settings";
    c["button"] = T(ctx, "save_button");
    c["version"] = std::string("0");
    if (!view->may_edit) {
      c["has_facts"] = true;
      c["rows"] = mstch::array{
          mstch::map{{"key", T(ctx, "field_ta_hours_threshold")},
                     {"value", Id(s.ta_hours_threshold)}},
          mstch::map{{"key", T(ctx, "field_post_working_days")},
                     {"value", Id(s.post_working_days)}},
          mstch::map{{"key", T(ctx, "field_service_phone")}, {"value", s.service_phone}},
          mstch::map{{"key", T(ctx, "field_service_email")}, {"value", s.service_email}}};
      c["fields"] = mstch::array{};
      return Render(ctx, "decision_settings", c, status);
    }
    c["fields"] = mstch::array{
        TextField(false, "ta_hours_threshold", T(ctx, "field_ta_hours_threshold"),
                  T(ctx, "hint_ta_hours_threshold"),
                  value("ta_hours_threshold", Id(s.ta_hours_threshold)), errors,
                  "govuk-input--width-3"),
        TextField(false, "post_working_days", T(ctx, "field_post_working_days"),
                  T(ctx, "hint_post_working_days"),
                  value("post_working_days", Id(s.post_working_days)), errors,
                  "govuk-input--width-3"),
        TextField(false, "service_phone", T(ctx, "field_service_phone"),
                  T(ctx, "hint_service_phone"), value("service_phone", s.service_phone), errors,
                  "govuk-input--width-20"),
        TextField(false, "service_email", T(ctx, "field_service_email"),
                  T(ctx, "hint_service_email"), value("service_email", s.service_email), errors)};
    Render(ctx, "decision_settings", c, status);
  };
  Route(server, "GET", "/decision-settings", Access::kSignedIn, false,
        [settings_page](Ctx& ctx) { settings_page(ctx, nullptr, 200); });
  Route(server, "POST", "/decision-settings", Access::kSignedIn, false,
        [this, settings_page](Ctx& ctx) {
          auto s = app::SaveDecisionSettings(
              services_, ctx.actor,
              {ctx.Param("ta_hours_threshold"), ctx.Param("post_working_days"),
               ctx.Param("service_phone"), ctx.Param("service_email")});
          if (!s) {
            if (s.error().code == domain::ErrorCode::kInvalidArgument)
              return settings_page(ctx, &s.error(), 422);
            return Fail(ctx, s.error());
          }
          Redirect(ctx, "/decision-settings?saved=1");
        });
}

}  // namespace cynnal::http
