#pragma once

#include <array>
#include <map>
#include <memory>
#include <mstch/mstch.hpp>
#include <string>

#include "domain/result.h"
#include "http/catalog.h"

namespace cynnal::http {

// The mustache templates of web/templates: one per page, with the files of
// web/templates/partials available as {{> name}}. Loaded once at start, when every catalogue
// string a template names ({{t.message_id}}) is written into an English and a Welsh copy of it,
// HTML-escaped, so that rendering a page needs only the page's own data.
class Templates {
 public:
  // kUnavailable if the folder has no templates; kInvalidArgument naming the template if a
  // {{t.id}} names a message the catalogue lacks, or is used as a section.
  static domain::Result<std::shared_ptr<const Templates>> Load(const std::string& root,
                                                               const Catalog& catalog);
  // Renders template `name` (without ".mustache") in `lang`; throws std::out_of_range for an
  // unknown name.
  std::string Render(Lang lang, const std::string& name, const mstch::map& context) const;
  bool Has(const std::string& name) const { return pages_[0].count(name) > 0; }

 private:
  struct Page {
    std::string text;
    std::map<std::string, std::string> partials;  // only those the page uses, translated
  };
  std::array<std::map<std::string, Page>, 2> pages_;  // [en, cy]
};

}  // namespace cynnal::http
