#include "http/page_parts.h"

#include <algorithm>
#include <sstream>

#include "http/server.h"

namespace cynnal::http {

std::string Hours(int tenths) {
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "");
}

std::string Csv(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string BarChart(const std::string& title,
                     const std::vector<std::pair<std::string, double>>& rows,
                     const std::string& unit) {
  double top = 0;
  for (const auto& [label, value] : rows) top = std::max(top, value);
  const int bar_h = 22, gap = 8, label_w = 260, chart_w = 320;
  const int height = static_cast<int>(rows.size()) * (bar_h + gap) + gap;
  std::ostringstream svg;
  svg << "<svg class=\"cynnal-chart\" role=\"img\" aria-label=\"" << Escape(title)
      << "\" viewBox=\"0 0 " << (label_w + chart_w + 80) << " " << std::max(height, 30)
      << "\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title>" << Escape(title)
      << "</title>";
  int y = gap;
  for (const auto& [label, value] : rows) {
    const int w = top > 0 ? static_cast<int>(value / top * chart_w) : 0;
    std::ostringstream shown;
    shown << value;
    svg << "<text x=\"" << (label_w - 6) << "\" y=\"" << (y + 16)
        << "\" text-anchor=\"end\" font-size=\"14\" fill=\"#0b0c0c\">" << Escape(label)
        << "</text><rect x=\"" << label_w << "\" y=\"" << y << "\" width=\"" << std::max(w, 1)
        << "\" height=\"" << bar_h << "\" fill=\"#1d70b8\"></rect><text x=\"" << (label_w + w + 6)
        << "\" y=\"" << (y + 16) << "\" font-size=\"14\" fill=\"#0b0c0c\">" << shown.str()
        << (unit.empty() ? "" : " " + Escape(unit)) << "</text>";
    y += bar_h + gap;
  }
  svg << "</svg>";
  return svg.str();
}

void WebApp::FormPage(Ctx& ctx, const std::string& title_id, const std::string& button_id,
                      const std::string& action, const std::vector<std::string>& order,
                      const FormBuild& build, const domain::Error* error, int status) {
  auto c = Base(ctx, title_id);
  mstch::map errors;
  if (error) {
    AddErrors(ctx, c, *error, order);
    errors = boost::get<mstch::map>(c["errors"]);
  }
  c["heading"] = T(ctx, title_id);
  c["action"] = action;
  c["button"] = T(ctx, button_id);
  if (!build(ctx, c, errors)) return;
  Render(ctx, "case_step", c, status);
}

void WebApp::AddForm(httplib::Server& server, const std::string& path, const std::string& title_id,
                     const std::string& button_id, std::vector<std::string> order, FormBuild build,
                     FormRun run) {
  // The form's action: the path with each {placeholder} replaced by the request's value.
  auto action = [](const Ctx& ctx, const std::string& pattern) {
    std::string out = pattern;
    for (std::size_t i = 1, at = out.find('{'); at != std::string::npos; ++i, at = out.find('{')) {
      const auto end = out.find('}', at);
      out.replace(at, end - at + 1, ctx.Path(i));
    }
    return out;
  };
  Route(server, "GET", path, Access::kSignedIn, false, [=, this](Ctx& ctx) {
    FormPage(ctx, title_id, button_id, action(ctx, path), order, build, nullptr, 200);
  });
  Route(server, "POST", path, Access::kSignedIn, false, [=, this](Ctx& ctx) {
    auto next = run(ctx);
    if (!next) {
      // A refusal the form can answer (bad input, or a conflict such as a panel without quorum)
      // shows the form again, with what was typed and the message in its summary.
      if (next.error().code == domain::ErrorCode::kInvalidArgument)
        return FormPage(ctx, title_id, button_id, action(ctx, path), order, build, &next.error(),
                        422);
      if (next.error().code == domain::ErrorCode::kConflict)
        return FormPage(ctx, title_id, button_id, action(ctx, path), order, build, &next.error(),
                        409);
      return Fail(ctx, next.error());
    }
    Redirect(ctx, *next);
  });
}

}  // namespace cynnal::http
