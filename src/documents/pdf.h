#pragma once

#include <string>
#include <vector>

#include "domain/result.h"

namespace cynnal::documents {

// What a block of a document is, which sets its font, spacing and indent.
enum class BlockKind {
  kTitle,      // 18 pt bold
  kHeading,    // 13 pt bold, kept on the same page as the line after it
  kParagraph,  // 11 pt
  kField,      // a bold label line, then the value at 11 pt
  kBullet,     // 11 pt with a bullet and a hanging indent
  kSmall,      // 9 pt
  kSpacer,     // a blank gap one body line high; its text is ignored
};

// One block of a document. Texts are plain UTF-8 (never Pango markup, so '<' and '&' print as
// themselves) and may contain '\n' to start a new line. Invalid UTF-8 prints as U+FFFD.
struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::string text;
  std::string label;  // kField only: the bold label shown above the text ("Date of birth")
};

// A whole document: its metadata, the text repeated on each page and its blocks in order.
struct DocumentSpec {
  std::string title;     // the PDF metadata title
  std::string language;  // a BCP 47 tag ("en", "cy") used to shape and break every line
  std::string header;    // small text at the top of every page; empty for none
  std::string footer;    // small text at the bottom of every page; empty for none. "{page}" is
                         // replaced by the page number and "{pages}" by the number of pages
  std::vector<Block> blocks;
  // Set every block smaller, down to half size, until the document fits on one page (a One
  // Page Profile); text that still does not fit continues on a second page, never clipped.
  bool one_page = false;
};

// Renders `spec` as an A4 PDF with 56 pt margins in Liberation Sans (DejaVu Sans where a glyph
// is missing) and returns the PDF bytes. Lines wrap at the text width; a block that does not fit
// continues on the next page line by line, so no text is lost or clipped. A document without
// blocks is one page. Fails with kInternal "pdf_error_render" when Cairo reports an error.
domain::Result<std::string> RenderPdf(const DocumentSpec& spec);

}  // namespace cynnal::documents
