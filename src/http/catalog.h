#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace cynnal::http {

enum class Lang { kEn, kCy };
std::string_view Code(Lang lang);  // "en" or "cy"

// One gettext PO file: msgid -> msgstr (msgctxt is not used; plural forms are not used).
struct PoFile {
  std::map<std::string, std::string> messages;
};
// Parses PO text: comments, msgid/msgstr with continued "..." lines and C escapes. kInvalidArgument
// with the line number on malformed input.
domain::Result<PoFile> ParsePo(std::string_view text);

// The English and Welsh message catalogues. Message ids are stable keys ("learners_title");
// po/en.po holds the English text and po/cy.po the Welsh.
class Catalog {
 public:
  // Reads po/en.po and po/cy.po under `root`.
  static domain::Result<std::shared_ptr<const Catalog>> Load(const std::string& root);
  Catalog(PoFile en, PoFile cy);

  // The text for `id`; the English text if Welsh is missing; the id itself if both are.
  std::string Get(Lang lang, const std::string& id) const;
  bool Has(const std::string& id) const { return en_.messages.count(id) > 0; }
  const PoFile& english() const { return en_; }
  const PoFile& welsh() const { return cy_; }

 private:
  PoFile en_, cy_;
};

}  // namespace cynnal::http
