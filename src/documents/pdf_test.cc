#include "documents/pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace cynnal::documents {
namespace {

// A PDF written to a unique temporary file, removed when this goes out of scope.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) {
    std::string pattern = testing::TempDir() + "cynnal_pdf_XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    int fd = mkstemp(name.data());
    EXPECT_GE(fd, 0) << "cannot create " << pattern;
    path_ = name.data();
    if (fd < 0) return;
    EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    close(fd);
  }
  ~PdfFile() { unlink(path_.c_str()); }
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;

  const std::string& Path() const { return path_; }

 private:
  std::string path_;
};

// The standard output of `command`.
std::string Run(const std::string& command) {
  struct PipeCloser {
    void operator()(FILE* pipe) const { pclose(pipe); }
  };
  std::unique_ptr<FILE, PipeCloser> pipe(popen(command.c_str(), "r"));
  EXPECT_TRUE(pipe) << command;
  if (!pipe) return "";
  std::string out;
  std::array<char, 4096> buffer{};
  for (std::size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) {
    out.append(buffer.data(), n);
  }
  return out;
}

// The text a reader would copy out of the PDF, one page after another, each ending in '\f'.
std::string PdfText(const std::string& bytes) {
  PdfFile file(bytes);
  return Run("pdftotext -layout '" + file.Path() + "' -");
}

// The pdfinfo report ("Title: ...", "Pages: ...") of the PDF.
std::string PdfInfo(const std::string& bytes) {
  PdfFile file(bytes);
  return Run("pdfinfo '" + file.Path() + "'");
}

// The value of `field` ("Pages", "Title") in a pdfinfo report, without padding.
std::string InfoField(const std::string& info, const std::string& field) {
  std::istringstream lines(info);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(field + ":", 0) != 0) continue;
    std::size_t start = line.find_first_not_of(' ', field.size() + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

std::vector<std::string> Pages(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t end = text.find('\f'); end != std::string::npos;
       start = end + 1, end = text.find('\f', start)) {
    pages.push_back(text.substr(start, end - start));
  }
  return pages;
}

std::string Render(const DocumentSpec& spec) {
  domain::Result<std::string> pdf = RenderPdf(spec);
  EXPECT_TRUE(pdf.has_value()) << (pdf ? "" : pdf.error().message);
  return pdf ? pdf.value() : "";
}

Block MakeBlock(BlockKind kind, std::string text, std::string label = "") {
  Block block;
  block.kind = kind;
  block.text = std::move(text);
  block.label = std::move(label);
  return block;
}

DocumentSpec MakeSpec(std::string title, std::string language, std::vector<Block> blocks) {
  DocumentSpec spec;
  spec.title = std::move(title);
  spec.language = std::move(language);
  spec.blocks = std::move(blocks);
  return spec;
}

void ExpectContainsAll(const std::string& text, const std::vector<std::string>& expected) {
  for (const std::string& part : expected) {
    EXPECT_NE(text.find(part), std::string::npos) << part << " missing from:\n" << text;
  }
}

TEST(RenderPdfTest, ProducesAPdfFile) {
  std::string pdf = Render(MakeSpec("Notice", "en", {MakeBlock(BlockKind::kParagraph, "Hello")}));

  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
}

TEST(RenderPdfTest, ShowsEveryKindOfBlock) {
  const std::string decision =
      "The council has decided that the learner has additional learning needs.";
  DocumentSpec spec =
      MakeSpec("Notice of decision", "en",
               {MakeBlock(BlockKind::kTitle, "Notice of decision"),
                MakeBlock(BlockKind::kHeading, "About the learner"),
                MakeBlock(BlockKind::kField, "3 March 2014", "Date of birth"),
                MakeBlock(BlockKind::kParagraph, decision), MakeBlock(BlockKind::kSpacer, ""),
                MakeBlock(BlockKind::kBullet, "Speech and language therapy"),
                MakeBlock(BlockKind::kBullet, "Small group literacy support"),
                MakeBlock(BlockKind::kSmall, "Reference ALN-0042")});

  std::string text = PdfText(Render(spec));

  ExpectContainsAll(
      text, {"Notice of decision", "About the learner", "Date of birth", "3 March 2014", decision,
             "Speech and language therapy", "Small group literacy support", "Reference ALN-0042"});
  EXPECT_LT(text.find("Date of birth"), text.find("3 March 2014"));
  EXPECT_EQ(Pages(text).size(), 1U);
}

TEST(RenderPdfTest, KeepsEveryWelshLetter) {
  DocumentSpec spec =
      MakeSpec("Cynllun Datblygu Unigol", "cy",
               {MakeBlock(BlockKind::kTitle, "Cynllun Datblygu Unigol"),
                MakeBlock(BlockKind::kParagraph, "â ê î ô û ŵ ŷ Â Ê Î Ô Û Ŵ Ŷ ẃ ẁ ẅ"),
                MakeBlock(BlockKind::kField, "ŵyr i Siân", "Perthynas"),
                MakeBlock(BlockKind::kBullet, "Mae'r teulu'n byw mewn tŷ ger yr afon; i'w dŷ nhw"),
                MakeBlock(BlockKind::kSmall, "ÂDRAN ÊS ÎOR ÔL ÛN ŴYL ŶD; gwẃr, gwẁr a gwẅr")});
  spec.header = "Cyngor Sir Ynys Môn";

  std::string text = PdfText(Render(spec));

  // pdftotext may join single letters separated by spaces, so each letter is checked alone.
  for (const char* letter :
       {"â", "ê", "î", "ô", "û", "ŵ", "ŷ", "Â", "Ê", "Î", "Ô", "Û", "Ŵ", "Ŷ", "ẃ", "ẁ", "ẅ"}) {
    EXPECT_NE(text.find(letter), std::string::npos) << letter << " missing from:\n" << text;
  }
  ExpectContainsAll(text,
                    {"Cynllun Datblygu Unigol", "Perthynas", "ŵyr i Siân", "mewn tŷ ger yr afon",
                     "i'w dŷ nhw", "ŴYL ŶD", "gwẃr, gwẁr a gwẅr", "Cyngor Sir Ynys Môn"});
}

TEST(RenderPdfTest, FlowsALongDocumentOntoNumberedPages) {
  DocumentSpec spec = MakeSpec("Long", "en", {});
  spec.header = "Cyngor Gwynedd Council";
  spec.footer = "Page {page} of {pages}";
  for (int i = 1; i <= 300; ++i) {
    spec.blocks.push_back(
        MakeBlock(BlockKind::kParagraph, "Paragraph " + std::to_string(i) + " of the plan."));
  }

  std::string pdf = Render(spec);
  std::vector<std::string> pages = Pages(PdfText(pdf));

  ASSERT_GE(pages.size(), 3U);
  std::string total = std::to_string(pages.size());
  EXPECT_EQ(InfoField(PdfInfo(pdf), "Pages"), total);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    ExpectContainsAll(pages[i], {"Page " + std::to_string(i + 1) + " of " + total + "\n",
                                 "Cyngor Gwynedd Council"});
  }
  EXPECT_NE(pages.front().find("Paragraph 1 of the plan."), std::string::npos);
  EXPECT_NE(pages.back().find("Paragraph 300 of the plan."), std::string::npos);
}

TEST(RenderPdfTest, KeepsAHeadingOnThePageOfTheTextBelowIt) {
  // Paragraph counts that bring the heading to the foot of the first page and past it.
  for (int count = 30; count <= 50; ++count) {
    DocumentSpec spec = MakeSpec("Plan", "en", {});
    for (int i = 1; i <= count; ++i) {
      spec.blocks.push_back(MakeBlock(BlockKind::kParagraph, "Paragraph " + std::to_string(i)));
    }
    spec.blocks.push_back(MakeBlock(BlockKind::kHeading, "Next steps"));
    spec.blocks.push_back(MakeBlock(BlockKind::kField, "1 May 2026", "Review date"));

    for (const std::string& page : Pages(PdfText(Render(spec)))) {
      if (page.find("Next steps") == std::string::npos) continue;
      ExpectContainsAll(page, {"Review date", "1 May 2026"});
    }
  }
}

TEST(RenderPdfTest, LosesNoWordOfAParagraphLongerThanAPage) {
  std::string paragraph;
  for (int i = 1; i <= 2000; ++i) paragraph += "word" + std::to_string(i) + " ";
  paragraph += "diwedd";

  std::string text =
      PdfText(Render(MakeSpec("Long", "en", {MakeBlock(BlockKind::kParagraph, paragraph)})));

  EXPECT_GE(Pages(text).size(), 2U);
  std::istringstream words(text);
  std::vector<std::string> seen{std::istream_iterator<std::string>(words), {}};
  std::sort(seen.begin(), seen.end());
  for (int i = 1; i <= 2000; ++i) {
    std::string word = "word" + std::to_string(i);
    EXPECT_TRUE(std::binary_search(seen.begin(), seen.end(), word)) << word << " missing";
  }
  EXPECT_TRUE(std::binary_search(seen.begin(), seen.end(), "diwedd"));
}

// A One Page Profile: text that would run to a second page at full size is set smaller to fit on
// one, and none of it is lost; text too long even at half size continues on a second page.
TEST(RenderPdfTest, AOnePageDocumentShrinksToFitOnOnePage) {
  auto spec_of = [](int words, bool one_page) {
    std::vector<Block> blocks;
    for (const char* heading : {"What people like", "What is important", "How to support me"}) {
      std::string text;
      for (int i = 1; i <= words; ++i) text += "gair" + std::to_string(i) + " ";
      blocks.push_back(MakeBlock(BlockKind::kHeading, heading));
      blocks.push_back(MakeBlock(BlockKind::kParagraph, text + "diwedd"));
    }
    DocumentSpec spec = MakeSpec("Amdanaf i", "cy", blocks);
    spec.one_page = one_page;
    return spec;
  };
  const std::string full = PdfText(Render(spec_of(250, false)));
  ASSERT_EQ(Pages(full).size(), 2U) << "the text must overflow one page at full size";
  const std::string fitted = PdfText(Render(spec_of(250, true)));
  EXPECT_EQ(Pages(fitted).size(), 1U);
  for (const char* word : {"gair1", "gair250", "diwedd", "How to support me"}) {
    EXPECT_NE(fitted.find(word), std::string::npos) << word;
  }
  const std::string overflow = PdfText(Render(spec_of(1500, true)));
  EXPECT_GE(Pages(overflow).size(), 2U);
  EXPECT_NE(overflow.find("gair1500"), std::string::npos);
}

TEST(RenderPdfTest, ShowsMarkupCharactersAsWritten) {
  std::string text = PdfText(Render(MakeSpec(
      "<Notice> & more", "en",
      {MakeBlock(BlockKind::kHeading, "Tom & Jerry <b>not bold</b>"),
       MakeBlock(BlockKind::kField, "reading age < 7 > spelling age", "<i>Label</i> &amp;"),
       MakeBlock(BlockKind::kParagraph, "x < y && y > z")})));

  ExpectContainsAll(text, {"Tom & Jerry <b>not bold</b>", "reading age < 7 > spelling age",
                           "<i>Label</i> &amp;", "x < y && y > z"});
}

TEST(RenderPdfTest, ShowsInvalidUtf8AsAReplacementCharacter) {
  std::string text = PdfText(Render(
      MakeSpec("Bad bytes", "en", {MakeBlock(BlockKind::kParagraph, "Caf\xff wedi ei gau")})));

  EXPECT_NE(text.find("Caf\uFFFD wedi ei gau"), std::string::npos) << text;
}

TEST(RenderPdfTest, KeepsLineBreaksInText) {
  std::string text = PdfText(Render(
      MakeSpec("Address", "en", {MakeBlock(BlockKind::kParagraph, "1 Stryd Fawr\nBangor")})));

  std::size_t street = text.find("1 Stryd Fawr");
  std::size_t town = text.find("Bangor");
  ASSERT_NE(street, std::string::npos) << text;
  ASSERT_NE(town, std::string::npos) << text;
  EXPECT_NE(text.substr(street, town - street).find('\n'), std::string::npos) << text;
}

TEST(RenderPdfTest, SetsTheDocumentTitle) {
  std::string info = PdfInfo(Render(MakeSpec("Hysbysiad o benderfyniad", "cy", {})));

  EXPECT_EQ(InfoField(info, "Title"), "Hysbysiad o benderfyniad") << info;
}

TEST(RenderPdfTest, RendersAnEmptyDocumentAsOnePage) {
  DocumentSpec spec = MakeSpec("", "en", {});
  spec.footer = "Page {page} of {pages}";

  std::vector<std::string> pages = Pages(PdfText(Render(spec)));

  ASSERT_EQ(pages.size(), 1U);
  EXPECT_NE(pages[0].find("Page 1 of 1"), std::string::npos) << pages[0];
}

}  // namespace
}  // namespace cynnal::documents
