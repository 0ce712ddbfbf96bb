#pragma once
// What a command holds until the process ends: its memory is left to the
// kernel, not freed piece by piece. An agenda of 5,000 lines or 10,000
// customers' strings take milliseconds to free, at the end of a command
// that took tens (clang's -disable-free does the same). What is kept stays
// reachable, so LeakSanitizer does not count it as a leak.

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace crm::cli {

// `value`, moved to where it lasts until exit; for the main thread only.
template <class T> std::decay_t<T>& keep_until_exit(T&& value) {
    static auto* kept = new std::vector<std::shared_ptr<void>>;
    auto held = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
    kept->push_back(held);
    return *held;
}

} // namespace crm::cli
