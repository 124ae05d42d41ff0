#include "http/catalog.h"

#include <fstream>
#include <sstream>

#include "domain/text.h"

namespace cynnal::http {
namespace {

std::string Unescape(std::string_view quoted, bool& ok) {
  std::string out;
  ok = quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"';
  if (!ok) return out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 2 < quoted.size()) {
      char n = quoted[++i];
      switch (n) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        default:
          out += n;
          break;
      }
    } else {
      out += c;
    }
  }
  return out;
}

domain::Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return domain::Error::Unavailable("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string_view Code(Lang lang) { return lang == Lang::kCy ? "cy" : "en"; }

domain::Result<PoFile> ParsePo(std::string_view text) {
  PoFile po;
  std::string msgid, msgstr;
  enum class Part { kNone, kId, kStr } part = Part::kNone;
  bool have_entry = false;
  auto flush = [&] {
    if (have_entry && !msgid.empty()) po.messages[msgid] = msgstr;
    msgid.clear();
    msgstr.clear();
    have_entry = false;
    part = Part::kNone;
  };
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string line = domain::Trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) {
      if (part == Part::kStr) flush();
      if (end == text.size()) break;
      continue;
    }
    if (line[0] == '#') continue;
    bool ok = true;
    auto bad = [&] {
      return domain::Error::InvalidArgument("PO syntax error on line " + std::to_string(line_no));
    };
    if (line.rfind("msgid ", 0) == 0) {
      if (part == Part::kStr) flush();
      msgid = Unescape(domain::Trim(line.substr(6)), ok);
      part = Part::kId;
      have_entry = true;
    } else if (line.rfind("msgstr ", 0) == 0) {
      if (part != Part::kId) return bad();
      msgstr = Unescape(domain::Trim(line.substr(7)), ok);
      part = Part::kStr;
    } else if (line[0] == '"') {
      std::string more = Unescape(line, ok);
      if (part == Part::kId)
        msgid += more;
      else if (part == Part::kStr)
        msgstr += more;
      else
        return bad();
    } else if (line.rfind("msgctxt", 0) == 0 || line.rfind("msgid_plural", 0) == 0) {
      return bad();
    } else {
      return bad();
    }
    if (!ok) return bad();
    if (end == text.size()) break;
  }
  flush();
  return po;
}

domain::Result<std::shared_ptr<const Catalog>> Catalog::Load(const std::string& root) {
  auto en_text = ReadFile(root + "/po/en.po");
  if (!en_text) return en_text.error();
  auto cy_text = ReadFile(root + "/po/cy.po");
  if (!cy_text) return cy_text.error();
  auto en = ParsePo(*en_text);
  if (!en) return domain::Error::InvalidArgument("po/en.po: " + en.error().message);
  auto cy = ParsePo(*cy_text);
  if (!cy) return domain::Error::InvalidArgument("po/cy.po: " + cy.error().message);
  return std::shared_ptr<const Catalog>(std::make_shared<Catalog>(std::move(*en), std::move(*cy)));
}

Catalog::Catalog(PoFile en, PoFile cy) : en_(std::move(en)), cy_(std::move(cy)) {}

std::string Catalog::Get(Lang lang, const std::string& id) const {
  if (lang == Lang::kCy) {
    auto it = cy_.messages.find(id);
    if (it != cy_.messages.end() && !it->second.empty()) return it->second;
  }
  auto it = en_.messages.find(id);
  if (it != en_.messages.end() && !it->second.empty()) return it->second;
  return id;
}

}  // namespace cynnal::http
