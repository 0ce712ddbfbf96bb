#pragma once
// Bars drawn with Unicode block characters, for reports read in a terminal.

#include <cstddef>
#include <string>

namespace crm::render {

// A bar of `value` against `largest`, at most `width` columns, in eighths of
// a column (█ ▉ ▊ ▋ ▌ ▍ ▎ ▏). A value above zero always shows at least ▏;
// zero, or a `largest` of zero, is empty.
std::string bar(double value, double largest, std::size_t width);

// A share from 0 to 1 as a bar of `width` columns, the rest drawn as ░, so
// that shares line up as gauges.
std::string gauge(double share, std::size_t width);

} // namespace crm::render
