#include "http/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cynnal::http {
namespace fs = std::filesystem;

domain::Result<std::shared_ptr<const Templates>> Templates::Load(const std::string& root) {
  auto t = std::make_shared<Templates>();
  auto read_dir = [](const fs::path& dir, std::map<std::string, std::string>& into) -> bool {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return false;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() != ".mustache") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      into[entry.path().stem().string()] = ss.str();
    }
    return true;
  };
  fs::path base = fs::path(root) / "web" / "templates";
  if (!read_dir(base, t->pages_) || t->pages_.empty())
    return domain::Error::Unavailable("no templates found in " + base.string() +
                                      ": run from the repository or pass --web-root");
  read_dir(base / "partials", t->partials_);
  return std::shared_ptr<const Templates>(t);
}

std::string Templates::Render(const std::string& name, const mstch::map& context) const {
  return mstch::render(pages_.at(name), context, partials_);
}

}  // namespace cynnal::http
