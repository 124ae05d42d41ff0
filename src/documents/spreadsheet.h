#pragma once

#include <string>
#include <variant>
#include <vector>

#include "domain/result.h"

namespace cynnal::documents {

// One cell: text, or a whole number (written as a number so that a spreadsheet can sum it).
using Cell = std::variant<std::string, long long>;

// A worksheet: its name (at most 31 characters; Excel's limit), a header row shown in bold and
// frozen, and the rows below it.
struct Sheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
};

// Writes the sheets as an Office Open XML workbook (.xlsx) and returns its bytes. Text is always
// written as text, never as a formula, so a value starting with "=" cannot run in the
// spreadsheet. Column widths follow the longest value, up to 60 characters. Fails with kInternal
// "xlsx_error_write" when the library cannot write the workbook.
domain::Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets, const std::string& title);

}  // namespace cynnal::documents
