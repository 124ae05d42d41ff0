#include "documents/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib-object.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cynnal::documents {
namespace {

// The page, in points (1/72 inch): A4 with equal margins.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 56.0;
constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kChromeGap = 12.0;     // between the header or footer and the body
constexpr double kBulletIndent = 18.0;  // the hanging indent of a bullet's text
constexpr double kBulletMarkerX = 6.0;  // the bullet's offset from the margin
constexpr double kSpacerHeight = 11.0;  // the gap a kSpacer leaves
constexpr double kSmallestScale = 0.5;  // the least a one-page document is shrunk to
constexpr char kFontFamily[] = "Liberation Sans,DejaVu Sans";
constexpr char kBulletMarker[] = "\u2022";
constexpr std::string_view kPagePlaceholder = "{page}";
constexpr std::string_view kPagesPlaceholder = "{pages}";

// How one kind of text is set. Sizes and spaces are in points.
struct Style {
  double size = 11.0;
  bool bold = false;
  double space_before = 0.0;    // dropped at the top of a page
  bool keep_with_next = false;  // moves to the next page rather than end a page alone
};

constexpr Style kTitleStyle{18.0, true, 0.0, true};
constexpr Style kHeadingStyle{13.0, true, 14.0, true};
constexpr Style kParagraphStyle{11.0, false, 6.0, false};
constexpr Style kLabelStyle{11.0, true, 8.0, true};
constexpr Style kValueStyle{11.0, false, 1.0, false};
constexpr Style kBulletStyle{11.0, false, 3.0, false};
constexpr Style kSmallStyle{9.0, false, 6.0, false};
constexpr Style kChromeStyle{9.0, false, 0.0, false};
constexpr Style kSpacerStyle{11.0, false, kSpacerHeight, false};

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct GObjectDeleter {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
struct IterDeleter {
  void operator()(PangoLayoutIter* iter) const { pango_layout_iter_free(iter); }
};
struct GFreeDeleter {
  void operator()(gchar* text) const { g_free(text); }
};

using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using FontPtr = std::unique_ptr<PangoFontDescription, FontDeleter>;
using IterPtr = std::unique_ptr<PangoLayoutIter, IterDeleter>;
using GStringPtr = std::unique_ptr<gchar, GFreeDeleter>;

// One line of a laid-out piece. Offsets are in points from the piece's top-left corner.
struct LineBox {
  PangoLayoutLine* line = nullptr;  // owned by the piece's layout
  double x = 0.0;                   // where the line's origin sits
  double height = 0.0;              // the logical height
  double baseline = 0.0;            // from the top of the line to its baseline
};

// A laid-out run of text, or for a spacer a bare gap, to be placed line by line.
struct Piece {
  LayoutPtr layout;  // null for a spacer
  LayoutPtr marker;  // drawn on the first line's baseline at the margin (a bullet); may be null
  double x = kMargin;
  Style style;
  std::vector<LineBox> lines;
};

// Where one line is drawn: its page (from 0) and the y of its baseline on that page.
struct Placement {
  const Piece* piece = nullptr;
  std::size_t line = 0;
  int page = 0;
  double baseline = 0.0;
};

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  } catch (const std::exception&) {
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

// `text` as a NUL-terminated valid UTF-8 string, each invalid byte replaced by U+FFFD.
GStringPtr ValidUtf8(std::string_view text) {
  return GStringPtr(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

std::string FooterText(const std::string& footer, int page, int pages) {
  std::string text = ReplaceAll(footer, kPagePlaceholder, std::to_string(page));
  return ReplaceAll(std::move(text), kPagesPlaceholder, std::to_string(pages));
}

FontPtr MakeFont(const Style& style) {
  FontPtr font(pango_font_description_new());
  pango_font_description_set_family(font.get(), kFontFamily);
  pango_font_description_set_weight(font.get(),
                                    style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
  return font;
}

// A layout of plain `text` (never markup) wrapping at `width` points.
LayoutPtr MakeLayout(PangoContext* context, std::string_view text, const Style& style,
                     double width) {
  LayoutPtr layout(pango_layout_new(context));
  FontPtr font = MakeFont(style);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  GStringPtr valid = ValidUtf8(text);
  pango_layout_set_text(layout.get(), valid.get(), -1);
  return layout;
}

std::vector<LineBox> MeasureLines(PangoLayout* layout) {
  std::vector<LineBox> lines;
  IterPtr iter(pango_layout_get_iter(layout));
  do {
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter.get());
    PangoRectangle in_layout;
    PangoRectangle in_line;
    pango_layout_iter_get_line_extents(iter.get(), nullptr, &in_layout);
    pango_layout_line_get_extents(line, nullptr, &in_line);
    int baseline = pango_layout_iter_get_baseline(iter.get());
    lines.push_back({line, pango_units_to_double(in_layout.x - in_line.x),
                     pango_units_to_double(in_layout.height),
                     pango_units_to_double(baseline - in_layout.y)});
  } while (pango_layout_iter_next_line(iter.get()));
  return lines;
}

// `style` with its sizes and spaces multiplied by `scale` (a one-page document shrinks to fit).
Style Scaled(const Style& style, double scale) {
  Style out = style;
  out.size *= scale;
  out.space_before *= scale;
  return out;
}

Piece MakePiece(PangoContext* context, std::string_view text, const Style& unscaled, double scale,
                double indent = 0.0) {
  const Style style = Scaled(unscaled, scale);
  Piece piece;
  piece.layout = MakeLayout(context, text, style, kTextWidth - indent);
  piece.x = kMargin + indent;
  piece.style = style;
  piece.lines = MeasureLines(piece.layout.get());
  return piece;
}

Piece MakeSpacer(double scale) {
  Piece piece;
  piece.style = Scaled(kSpacerStyle, scale);
  return piece;
}

Piece MakeBullet(PangoContext* context, std::string_view text, double scale) {
  Piece piece = MakePiece(context, text, kBulletStyle, scale, kBulletIndent);
  piece.marker = MakeLayout(context, kBulletMarker, Scaled(kBulletStyle, scale), kBulletIndent);
  return piece;
}

// Appends the pieces that render `block`, in reading order.
void AddPieces(PangoContext* context, const Block& block, double scale,
               std::vector<Piece>& pieces) {
  switch (block.kind) {
    case BlockKind::kTitle:
      pieces.push_back(MakePiece(context, block.text, kTitleStyle, scale));
      return;
    case BlockKind::kHeading:
      pieces.push_back(MakePiece(context, block.text, kHeadingStyle, scale));
      return;
    case BlockKind::kField:
      pieces.push_back(MakePiece(context, block.label, kLabelStyle, scale));
      pieces.push_back(MakePiece(context, block.text, kValueStyle, scale));
      return;
    case BlockKind::kBullet:
      pieces.push_back(MakeBullet(context, block.text, scale));
      return;
    case BlockKind::kSmall:
      pieces.push_back(MakePiece(context, block.text, kSmallStyle, scale));
      return;
    case BlockKind::kSpacer:
      pieces.push_back(MakeSpacer(scale));
      return;
    case BlockKind::kParagraph:
      break;
  }
  pieces.push_back(MakePiece(context, block.text, kParagraphStyle, scale));
}

double LayoutHeight(PangoLayout* layout) {
  int height = 0;
  pango_layout_get_size(layout, nullptr, &height);
  return pango_units_to_double(height);
}

double PieceHeight(const Piece& piece) {
  double height = 0.0;
  for (const LineBox& line : piece.lines) height += line.height;
  return height;
}

// The height that pieces[first...] need to show the lines that keep together: every line of
// each piece that keeps with the next, then the first line of the next piece that does not.
double LeadHeight(const std::vector<Piece>& pieces, std::size_t first) {
  double height = 0.0;
  for (std::size_t i = first; i < pieces.size(); ++i) {
    const Piece& piece = pieces[i];
    height += piece.style.space_before;
    if (piece.lines.empty()) continue;
    if (!piece.style.keep_with_next) return height + piece.lines.front().height;
    height += PieceHeight(piece);
  }
  return height;
}

// Places lines down the body of each page from `top` to `bottom` (points), starting a new page
// when the next line would cross `bottom`. A page always takes at least one line.
class Planner {
 public:
  Planner(double top, double bottom) : top_(top), bottom_(bottom), y_(top) {}

  // Places every line of `piece`. `next_lead` is the LeadHeight of the pieces after it: a piece
  // that keeps with the next starts a new page unless that much fits below it.
  void Place(const Piece& piece, double next_lead) {
    gap_ += piece.style.space_before;
    if (piece.style.keep_with_next && !at_top_ &&
        y_ + gap_ + PieceHeight(piece) + next_lead > bottom_) {
      NewPage();
    }
    for (std::size_t i = 0; i < piece.lines.size(); ++i) PlaceLine(piece, i);
  }

  const std::vector<Placement>& Placements() const { return placements_; }
  int PageCount() const { return page_ + 1; }

 private:
  void PlaceLine(const Piece& piece, std::size_t index) {
    const LineBox& line = piece.lines[index];
    if (!at_top_ && y_ + gap_ + line.height > bottom_) NewPage();
    if (!at_top_) y_ += gap_;
    gap_ = 0.0;
    placements_.push_back({&piece, index, page_, y_ + line.baseline});
    y_ += line.height;
    at_top_ = false;
  }

  void NewPage() {
    ++page_;
    y_ = top_;
    gap_ = 0.0;
    at_top_ = true;
  }

  double top_;
  double bottom_;
  double y_;
  double gap_ = 0.0;
  bool at_top_ = true;
  int page_ = 0;
  std::vector<Placement> placements_;
};

// The header and footer, and the body area they leave, in points.
struct Chrome {
  LayoutPtr header;  // null when there is no header
  double body_top = kMargin;
  double body_bottom = kPageHeight - kMargin;
  double footer_top = kPageHeight - kMargin;
};

Chrome MakeChrome(PangoContext* context, const DocumentSpec& spec) {
  Chrome chrome;
  if (!spec.header.empty()) {
    chrome.header = MakeLayout(context, spec.header, kChromeStyle, kTextWidth);
    chrome.body_top = kMargin + LayoutHeight(chrome.header.get()) + kChromeGap;
  }
  if (!spec.footer.empty()) {
    // Sized with three-digit numbers; the footer of a longer document may reach into the margin.
    LayoutPtr sample =
        MakeLayout(context, FooterText(spec.footer, 999, 999), kChromeStyle, kTextWidth);
    chrome.footer_top = kPageHeight - kMargin - LayoutHeight(sample.get());
    chrome.body_bottom = chrome.footer_top - kChromeGap;
  }
  return chrome;
}

void DrawChrome(cairo_t* cr, PangoContext* context, const DocumentSpec& spec, const Chrome& chrome,
                int page, int pages) {
  if (chrome.header) {
    cairo_move_to(cr, kMargin, kMargin);
    pango_cairo_show_layout(cr, chrome.header.get());
  }
  if (!spec.footer.empty()) {
    LayoutPtr footer =
        MakeLayout(context, FooterText(spec.footer, page, pages), kChromeStyle, kTextWidth);
    cairo_move_to(cr, kMargin, chrome.footer_top);
    pango_cairo_show_layout(cr, footer.get());
  }
}

void DrawLine(cairo_t* cr, const Placement& placement) {
  const Piece& piece = *placement.piece;
  const LineBox& line = piece.lines[placement.line];
  cairo_move_to(cr, piece.x + line.x, placement.baseline);
  pango_cairo_show_layout_line(cr, line.line);
  if (piece.marker && placement.line == 0) {
    cairo_move_to(cr, kMargin + kBulletMarkerX, placement.baseline);
    pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(piece.marker.get(), 0));
  }
}

Planner Plan(const std::vector<Piece>& pieces, const Chrome& chrome) {
  Planner planner(chrome.body_top, chrome.body_bottom);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    planner.Place(pieces[i], LeadHeight(pieces, i + 1));
  }
  return planner;
}

// Lays out and draws every page of `spec` on `cr`, ending each with cairo_show_page.
void DrawDocument(cairo_t* cr, const DocumentSpec& spec) {
  ContextPtr context(pango_cairo_create_context(cr));
  // A PDF positions glyphs exactly; rounding to whole points would uneven the letter spacing.
  pango_context_set_round_glyph_positions(context.get(), FALSE);
  if (!spec.language.empty()) {
    pango_context_set_language(context.get(), pango_language_from_string(spec.language.c_str()));
  }
  Chrome chrome = MakeChrome(context.get(), spec);
  // A one-page document is set smaller, down to half size, until it fits on one page.
  std::vector<Piece> pieces;
  double scale = 1.0;
  for (;;) {
    pieces.clear();
    for (const Block& block : spec.blocks) AddPieces(context.get(), block, scale, pieces);
    if (!spec.one_page || scale <= kSmallestScale || Plan(pieces, chrome).PageCount() == 1) break;
    scale = std::max(kSmallestScale, scale - 0.1);
  }
  Planner planner = Plan(pieces, chrome);
  const std::vector<Placement>& placements = planner.Placements();
  std::size_t next = 0;
  for (int page = 0; page < planner.PageCount(); ++page) {
    DrawChrome(cr, context.get(), spec, chrome, page + 1, planner.PageCount());
    for (; next < placements.size() && placements[next].page == page; ++next) {
      DrawLine(cr, placements[next]);
    }
    cairo_show_page(cr);
  }
}

void SetTitle(cairo_surface_t* surface, const std::string& title) {
  if (title.empty()) return;
  GStringPtr valid = ValidUtf8(title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, valid.get());
}

}  // namespace

domain::Result<std::string> RenderPdf(const DocumentSpec& spec) {
  std::string bytes;
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(AppendBytes, &bytes, kPageWidth, kPageHeight));
  SetTitle(surface.get(), spec.title);
  cairo_status_t drawn = CAIRO_STATUS_SUCCESS;
  {
    CairoPtr cr(cairo_create(surface.get()));
    DrawDocument(cr.get(), spec);
    drawn = cairo_status(cr.get());
  }
  cairo_surface_finish(surface.get());
  if (drawn != CAIRO_STATUS_SUCCESS ||
      cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return domain::Error::Internal("pdf_error_render");
  }
  return bytes;
}

}  // namespace cynnal::documents
