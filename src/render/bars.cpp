#include "bars.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace crm::render {

namespace {

// The left-aligned partial blocks, one to seven eighths.
constexpr std::array<const char*, 8> kEighths = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

std::size_t eighths_of(double value, double largest, std::size_t width) {
    if (!(value > 0) || !(largest > 0))
        return 0;
    const double share = std::min(value / largest, 1.0);
    const auto eighths =
        static_cast<std::size_t>(std::lround(share * static_cast<double>(width * 8)));
    return std::max<std::size_t>(eighths, 1);
}

std::string blocks(std::size_t eighths) {
    std::string out;
    for (std::size_t i = 0; i < eighths / 8; ++i)
        out += "█";
    return out + kEighths[eighths % 8];
}

} // namespace

std::string bar(double value, double largest, std::size_t width) {
    return blocks(eighths_of(value, largest, width));
}

std::string gauge(double share, std::size_t width) {
    const std::size_t full = share > 0 ? static_cast<std::size_t>(std::lround(
                                             std::min(share, 1.0) * static_cast<double>(width)))
                                       : 0;
    std::string out;
    for (std::size_t i = 0; i < width; ++i)
        out += i < full ? "█" : "░";
    return out;
}

} // namespace crm::render
