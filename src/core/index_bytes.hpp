#pragma once
// The index's binary encoding: little-endian varints, zigzag for signed
// values, strings as a length and their bytes. The reader never reads past
// its end: a short or malformed input sets `bad` and reads as zeros.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace crm::detail {

class ByteWriter {
  public:
    explicit ByteWriter(std::string& out) : out_(out) {}

    void u(std::uint64_t v) {
        while (v >= 0x80) {
            out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out_.push_back(static_cast<char>(v));
    }
    void i(std::int64_t v) {
        u((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void flag(bool b) { out_.push_back(b ? '\1' : '\0'); }
    void str(std::string_view s) {
        u(s.size());
        out_.append(s);
    }
    void fixed64(std::uint64_t v) {
        for (int k = 0; k < 8; ++k)
            out_.push_back(static_cast<char>((v >> (8 * k)) & 0xff));
    }
    void f64(double d) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        fixed64(bits);
    }

  private:
    std::string& out_;
};

class ByteReader {
  public:
    explicit ByteReader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}

    bool bad = false;
    bool at_end() const { return p_ == end_; }
    std::size_t left() const { return static_cast<std::size_t>(end_ - p_); }
    const char* position() const { return p_; }

    std::uint64_t u() {
        std::uint64_t v = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            if (p_ == end_)
                return fail();
            const auto byte = static_cast<unsigned char>(*p_++);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return v;
        }
        return fail();
    }
    std::int64_t i() {
        const std::uint64_t z = u();
        return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    }
    // A value that must fit `limit`; anything above is damage.
    unsigned small(std::uint64_t limit) {
        const std::uint64_t v = u();
        if (v > limit)
            return static_cast<unsigned>(fail());
        return static_cast<unsigned>(v);
    }
    bool flag() {
        if (p_ == end_ || static_cast<unsigned char>(*p_) > 1)
            return fail() != 0;
        return *p_++ == '\1';
    }
    std::string_view view() {
        const std::uint64_t n = u();
        if (n > left()) {
            fail();
            return {};
        }
        const std::string_view s(p_, n);
        p_ += n;
        return s;
    }
    std::string str() { return std::string(view()); }
    std::uint64_t fixed64() {
        if (left() < 8)
            return fail();
        std::uint64_t v = 0;
        for (int k = 0; k < 8; ++k)
            v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p_[k])) << (8 * k);
        p_ += 8;
        return v;
    }
    double f64() {
        const std::uint64_t bits = fixed64();
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }

  private:
    const char* p_;
    const char* end_;

    std::uint64_t fail() {
        bad = true;
        p_ = end_;
        return 0;
    }
};

} // namespace crm::detail
