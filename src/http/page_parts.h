#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cynnal::http {

// Pieces of pages and downloads shared by several groups of routes.

// Tenths as a number with at most one decimal place: 25 -> "2.5", 30 -> "3".
std::string Hours(int tenths);

// A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is
// prefixed with an apostrophe so that a spreadsheet does not run it as a formula.
std::string Csv(const std::string& value);

// Text made safe for HTML and SVG (&, <, > and ").
std::string Escape(const std::string& text);

// A horizontal bar chart as inline SVG: one bar per row, scaled to the largest value, with its
// label and value written beside it. `title` names the chart for screen readers; pages show the
// figures in a table beside each chart as well.
std::string BarChart(const std::string& title,
                     const std::vector<std::pair<std::string, double>>& rows,
                     const std::string& unit);

}  // namespace cynnal::http
