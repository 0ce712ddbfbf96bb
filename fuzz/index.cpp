// The index's records and file on arbitrary bytes. As a customer file: its
// parse goes through a record and back unchanged (compared as the bytes of
// its record, which NaN quantities cannot fool), in both of its forms. As
// an index or a record: decoding never crashes, and what decodes is read.

#include "crm/index.hpp"

#include "fuzz_common.hpp"

namespace {

constexpr std::string_view kPath = "customers/x.toml";

std::optional<crm::Parsed<crm::Customer>> decode(const crm::Record& r, crm::Logs logs) {
    return crm::decode_record(
        r.summary, [&]() -> std::optional<std::string_view> { return r.history; }, kPath, logs);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes = crm_fuzz::as_text(data, size);

    crm::Parsed<crm::Customer> parsed = crm::parse_customer_text(bytes, kPath, crm::Notes::skip);
    const crm::Record record = crm::encode_record(parsed, kPath);
    const auto all = decode(record, crm::Logs::all);
    crm_fuzz::require(all.has_value(), "a record decodes");
    const crm::Record again = crm::encode_record(*all, kPath);
    crm_fuzz::require(again.summary == record.summary && again.history == record.history,
                      "a record round-trips");
    const auto last = decode(record, crm::Logs::last);
    crm_fuzz::require(last.has_value(), "a record decodes with Logs::last");
    if (parsed.value)
        crm::keep_last_contact(*parsed.value);
    const crm::Record cut = crm::encode_record(parsed, kPath);
    const crm::Record cut_back = crm::encode_record(*last, kPath);
    crm_fuzz::require(cut.summary == cut_back.summary && cut.history == cut_back.history,
                      "Logs::last is keep_last_contact");
    const auto none = decode(record, crm::Logs::none);
    crm_fuzz::require(none.has_value() && none->value.has_value() == all->value.has_value() &&
                          none->diagnostics == all->diagnostics,
                      "a record decodes with Logs::none");
    if (none->value)
        crm_fuzz::require(crm::without_history(*none->value) == crm::without_history(*all->value),
                          "Logs::none is who the customer is");

    // The bytes as an index file, and as a record's two halves.
    if (const auto index = crm::decode_index(bytes, "0.1.0"))
        for (const crm::IndexEntry& e : index->entries) {
            (void)crm::read_entry(e, crm::Logs::all);
            (void)crm::read_entry(e, crm::Logs::last);
        }
    if (size >= crm::kIndexPreamble)
        if (const auto parts = crm::index_parts(bytes.substr(0, crm::kIndexPreamble));
            parts && parts->summaries_at() <= size) {
            const std::string_view front = bytes.substr(0, parts->summaries_at());
            (void)crm::decode_header(front.substr(crm::kIndexPreamble), 0, "0.1.0");
            if (const auto table = crm::decode_table(front, *parts, "0.1.0"))
                for (std::size_t k = 0; k < table->rows.size(); ++k)
                    crm_fuzz::require(
                        crm::table_find(front, *table, crm::table_path(front, *table, k)) == k,
                        "each row is found by its path");
        }
    const std::size_t half = size / 2;
    (void)crm::decode_record(
        bytes.substr(0, half),
        [&]() -> std::optional<std::string_view> { return bytes.substr(half); }, kPath,
        crm::Logs::all);
    return 0;
}
