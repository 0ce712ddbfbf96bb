#pragma once
// Scanning the folder into one builder per thread, joined at the end: how
// crm report and crm reasons (and any summary over every customer) read.

#include "context.hpp"

#include <utility>
#include <vector>

namespace crm::cli {

// Makes ctx.threads() builders from `args`, hands each customer to its
// thread's builder (add), joins them into the first (join) and returns its
// finish(). Builders must give the same result however customers are shared.
template <class Builder, class... Args>
auto scan_into(const Context& ctx, Ledger& ledger, Logs logs, const Args&... args) {
    std::vector<Builder> builders;
    const unsigned threads = ctx.threads();
    for (unsigned t = 0; t < threads; ++t)
        builders.emplace_back(args...);
    ctx.scan(
        ledger, threads,
        [&](unsigned worker, std::size_t, Customer&& c) { builders[worker].add(c); }, logs);
    for (std::size_t t = 1; t < builders.size(); ++t)
        builders[0].join(std::move(builders[t]));
    return std::move(builders[0]).finish();
}

} // namespace crm::cli
