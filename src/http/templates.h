#pragma once

#include <map>
#include <memory>
#include <mstch/mstch.hpp>
#include <string>

#include "domain/result.h"

namespace cynnal::http {

// The mustache templates of web/templates: one per page, with the files of
// web/templates/partials available as {{> name}}. Loaded once at start.
class Templates {
 public:
  static domain::Result<std::shared_ptr<const Templates>> Load(const std::string& root);
  // Renders template `name` (without ".mustache"); throws std::out_of_range for an unknown name.
  std::string Render(const std::string& name, const mstch::map& context) const;
  const std::map<std::string, std::string>& all() const { return pages_; }

 private:
  std::map<std::string, std::string> pages_;
  std::map<std::string, std::string> partials_;
};

}  // namespace cynnal::http
