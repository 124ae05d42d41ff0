#pragma once

// Reading pages as a user sees them, for the HTTP scenario tests: the text of an element, the rows
// of a table, a field's error message, the error summary.
#include <string>
#include <utility>
#include <vector>

namespace cynnal::testing {

// Text with every run of white space made one space, trimmed.
inline std::string Squeezed(const std::string& text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

// HTML as a reader sees it: the entities the templates write decoded.
inline std::string Decoded(std::string html) {
  for (const auto& [entity, text] :
       std::vector<std::pair<std::string, std::string>>{{"&#x2F;", "/"},
                                                        {"&#39;", "'"},
                                                        {"&quot;", "\""},
                                                        {"&lt;", "<"},
                                                        {"&gt;", ">"},
                                                        {"&#x60;", "`"},
                                                        {"&#x3D;", "="},
                                                        {"&amp;", "&"}}) {
    for (auto at = html.find(entity); at != std::string::npos; at = html.find(entity, at + 1))
      html.replace(at, entity.size(), text);
  }
  return html;
}

// The text of an HTML fragment: tags dropped, entities decoded, white space squeezed.
inline std::string TextOf(const std::string& html) {
  std::string text;
  bool in_tag = false;
  for (char ch : html) {
    if (ch == '<') {
      in_tag = true;
      text += ' ';
    } else if (ch == '>') {
      in_tag = false;
    } else if (!in_tag) {
      text += ch;
    }
  }
  return Squeezed(Decoded(text));
}

// The HTML inside the element with `id` up to the first `close` after it; "" when there is none.
inline std::string Element(const std::string& html, const std::string& id,
                           const std::string& close) {
  auto start = html.find("id=\"" + id + "\"");
  if (start == std::string::npos) return "";
  start = html.find('>', start) + 1;
  const auto end = html.find(close, start);
  return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The rows of a table (each row's HTML, from its data attributes on).
inline std::vector<std::string> Rows(const std::string& table) {
  std::vector<std::string> rows;
  const std::string marker = "<tr class=\"govuk-table__row\"";
  auto at = table.find(marker);
  while (at != std::string::npos) {
    const auto next = table.find(marker, at + marker.size());
    rows.push_back(table.substr(at + marker.size(), next == std::string::npos
                                                        ? std::string::npos
                                                        : next - at - marker.size()));
    at = next;
  }
  if (!rows.empty()) rows.erase(rows.begin());  // the header row
  return rows;
}

// The message beside a form field, without the hidden "Error:" prefix; "" when there is none.
inline std::string FieldError(const std::string& html, const std::string& field) {
  const std::string open = "<p id=\"" + field + "-error\" class=\"govuk-error-message\">";
  const auto start = html.find(open);
  if (start == std::string::npos) return "";
  const auto end = html.find("</p>", start);
  std::string text = TextOf(html.substr(start + open.size(), end - start - open.size()));
  const std::string prefix = "Error:";
  if (text.rfind(prefix, 0) == 0) text = Squeezed(text.substr(prefix.size()));
  return text;
}

// The text of a page's error summary; "" when it has none.
inline std::string ErrorSummary(const std::string& html) {
  const auto start = html.find("<div class=\"govuk-error-summary\"");
  if (start == std::string::npos) return "";
  return TextOf(html.substr(start, html.find("</ul>", start) - start));
}

}  // namespace cynnal::testing
