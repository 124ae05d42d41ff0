#include "http/templates.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "domain/text.h"

namespace cynnal::http {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> ReadDir(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out[entry.path().stem().string()] = ss.str();
  }
  return out;
}

std::string EscapeHtml(const std::string& text) {
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
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Calls `visit(tag, begin, end)` for every mustache tag {{...}} of `text`, where `tag` is the
// text between the braces without surrounding spaces and [begin, end) its place in `text`.
template <typename Visit>
void ForEachTag(const std::string& text, Visit visit) {
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    auto close = text.find("}}", pos + 2);
    if (close == std::string::npos) return;
    std::string tag = text.substr(pos + 2, close - pos - 2);
    auto b = tag.find_first_not_of(' ');
    auto e = tag.find_last_not_of(' ');
    tag = b == std::string::npos ? "" : tag.substr(b, e - b + 1);
    visit(tag, pos, close + 2);
    pos = close + 2;
  }
}

// Writes the catalogue's text for every {{t.id}} into `text`.
domain::Result<std::string> Translate(const std::string& name, const std::string& text,
                                      const Catalog& catalog, Lang lang) {
  std::string out;
  std::size_t last = 0;
  std::optional<domain::Error> error;
  ForEachTag(text, [&](const std::string& tag, std::size_t begin, std::size_t end) {
    if (error) return;
    bool section = !tag.empty() && (tag[0] == '#' || tag[0] == '^' || tag[0] == '/');
    std::string_view body = section ? std::string_view(tag).substr(1) : std::string_view(tag);
    if (body.rfind("t.", 0) != 0) return;
    std::string id(body.substr(2));
    if (section) {
      error = domain::Error::InvalidArgument(name + ": {{" + tag + "}} is not supported; use {{t." +
                                             id + "}}");
    } else if (!catalog.Has(id)) {
      error = domain::Error::InvalidArgument(name + ": no message '" + id + "' in po/en.po");
    } else {
      std::string translated = EscapeHtml(catalog.Get(lang, id));
      if (translated.find("{{") != std::string::npos)
        error = domain::Error::InvalidArgument("message '" + id + "' contains {{");
      out.append(text, last, begin - last);
      out += translated;
      last = end;
    }
  });
  if (error) return *error;
  out.append(text, last, std::string::npos);
  return out;
}

// The names of the partials `text` uses ({{> name}}), directly or through other partials.
std::set<std::string> PartialsUsed(const std::string& text,
                                   const std::map<std::string, std::string>& partials) {
  std::set<std::string> found;
  std::vector<std::string> todo{text};
  while (!todo.empty()) {
    std::string current = std::move(todo.back());
    todo.pop_back();
    ForEachTag(current, [&](const std::string& tag, std::size_t, std::size_t) {
      if (tag.empty() || tag[0] != '>') return;
      std::string name = domain::Trim(tag.substr(1));
      if (found.insert(name).second && partials.count(name)) todo.push_back(partials.at(name));
    });
  }
  return found;
}

}  // namespace

domain::Result<std::shared_ptr<const Templates>> Templates::Load(const std::string& root,
                                                                 const Catalog& catalog) {
  fs::path base = fs::path(root) / "web" / "templates";
  auto pages = ReadDir(base);
  if (pages.empty())
    return domain::Error::Unavailable("no templates found in " + base.string() +
                                      ": run from the repository or pass --web-root");
  auto partials = ReadDir(base / "partials");
  auto t = std::make_shared<Templates>();
  for (Lang lang : {Lang::kEn, Lang::kCy}) {
    std::map<std::string, std::string> translated_partials;
    for (const auto& [name, text] : partials) {
      auto translated = Translate("partials/" + name, text, catalog, lang);
      if (!translated) return translated.error();
      translated_partials[name] = *translated;
    }
    for (const auto& [name, text] : pages) {
      auto translated = Translate(name, text, catalog, lang);
      if (!translated) return translated.error();
      Page page{*translated, {}};
      for (const auto& used : PartialsUsed(text, partials)) {
        if (!translated_partials.count(used))
          return domain::Error::InvalidArgument(name + ": no partial '" + used + "'");
        page.partials[used] = translated_partials[used];
      }
      t->pages_[lang == Lang::kCy ? 1 : 0][name] = std::move(page);
    }
  }
  return std::shared_ptr<const Templates>(t);
}

std::string Templates::Render(Lang lang, const std::string& name, const mstch::map& context) const {
  const Page& page = pages_[lang == Lang::kCy ? 1 : 0].at(name);
  return mstch::render(page.text, context, page.partials);
}

}  // namespace cynnal::http
