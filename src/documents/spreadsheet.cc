#include "documents/spreadsheet.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "domain/text.h"

namespace cynnal::documents {
namespace {

// A file that exists only while this object does.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cynnal-xlsx-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TempFile() {
    if (!path_.empty()) {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

domain::Unexpected Failed() { return domain::Fail(domain::Error::Internal("xlsx_error_write")); }

}  // namespace

domain::Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets, const std::string& title) {
  TempFile file;
  if (file.path().empty()) return Failed();
  lxw_workbook* workbook = workbook_new(file.path().c_str());
  if (!workbook) return Failed();
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>(title.c_str());
  workbook_set_properties(workbook, &properties);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (const Sheet& sheet : sheets) {
    std::string name = sheet.name.substr(0, 31);
    lxw_worksheet* ws = workbook_add_worksheet(workbook, name.c_str());
    if (!ws) {
      workbook_close(workbook);
      return Failed();
    }
    std::vector<std::size_t> widths(sheet.header.size(), 8);
    for (std::size_t c = 0; c < sheet.header.size(); ++c) {
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
      widths[c] = std::max(widths[c], domain::CharacterCount(sheet.header[c]));
    }
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        if (c >= widths.size()) widths.resize(c + 1, 8);
        if (const auto* text = std::get_if<std::string>(&sheet.rows[r][c])) {
          if (!text->empty()) worksheet_write_string(ws, row, col, text->c_str(), nullptr);
          widths[c] = std::max(widths[c], domain::CharacterCount(*text));
        } else {
          const long long n = std::get<long long>(sheet.rows[r][c]);
          worksheet_write_number(ws, row, col, static_cast<double>(n), nullptr);
          widths[c] = std::max(widths[c], std::to_string(n).size());
        }
      }
    }
    for (std::size_t c = 0; c < widths.size(); ++c)
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           static_cast<double>(std::min<std::size_t>(widths[c], 60) + 2), nullptr);
    worksheet_freeze_panes(ws, 1, 0);
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) return Failed();
  std::ifstream in(file.path(), std::ios::binary);
  if (!in) return Failed();
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace cynnal::documents
