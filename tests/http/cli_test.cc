// `cynnal upn`: what a school's data manager sees when checking an MIS export.
#include <gtest/gtest.h>

#include <sstream>

#include "main/wiring.h"

namespace cynnal::main {
namespace {

TEST(UpnCommand, PrintsEachUpnWithValidOrTheReason) {
  std::istringstream in;
  std::ostringstream out;
  int code = CheckUpns({"B801200005001", "A801200005001", "B80120000500"}, in, out);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(out.str(),
            "B801200005001\tvalid\n"
            "A801200005001\tinvalid\tthe check letter should be 'B', not 'A'\n"
            "B80120000500\tinvalid\ta UPN has 13 characters; this has 12\n");
}

TEST(UpnCommand, ReadsOnePerLineFromStandardInputSkippingBlankLines) {
  std::istringstream in("B801200005001\r\n\n  \nB801200005001\n");
  std::ostringstream out;
  EXPECT_EQ(CheckUpns({}, in, out), 0);
  EXPECT_EQ(out.str(), "B801200005001\tvalid\nB801200005001\tvalid\n");
}

}  // namespace
}  // namespace cynnal::main
