// Reads an iCalendar file with libical's parser and prints what it found,
// one line per event, for tests/cli/ics_check.py to compare with what
// Python's icalendar found in the same file:
//
//   VCALENDAR<TAB>prodid<TAB>version<TAB>calscale
//   VEVENT<TAB>uid<TAB>dtstart<TAB>rrule<TAB>summary<TAB>description
//
// Text values are printed with backslash, tab and line breaks written as
// \\, \t, \n and \r, so that one event stays one line. Exits 1 when libical
// reports an error in the file.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <libical/ical.h>
#include <sstream>
#include <string>

namespace {

std::string escaped(const char* s) {
    std::string out;
    for (; s && *s; ++s) {
        switch (*s) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += *s;
        }
    }
    return out;
}

const char* text_of(icalcomponent* c, icalproperty_kind kind) {
    icalproperty* p = icalcomponent_get_first_property(c, kind);
    return p ? icalproperty_get_value_as_string(p) : "";
}

// Text properties through their own getters, which undo the escapes.
std::string summary_of(icalcomponent* ev) {
    icalproperty* p = icalcomponent_get_first_property(ev, ICAL_SUMMARY_PROPERTY);
    return p ? escaped(icalproperty_get_summary(p)) : "";
}

std::string description_of(icalcomponent* ev) {
    icalproperty* p = icalcomponent_get_first_property(ev, ICAL_DESCRIPTION_PROPERTY);
    return p ? escaped(icalproperty_get_description(p)) : "";
}

// The X-LIC-ERROR properties in the component and anything in it: how
// libical's parser reports what it could not read.
int errors_in(icalcomponent* c) {
    return icalcomponent_count_errors(c);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: ics_parse FILE\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    icalcomponent* cal = icalparser_parse_string(text.c_str());
    if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        std::cerr << "ics_parse: not a VCALENDAR\n";
        return 1;
    }
    std::cout << "VCALENDAR\t" << text_of(cal, ICAL_PRODID_PROPERTY) << "\t"
              << text_of(cal, ICAL_VERSION_PROPERTY) << "\t" << text_of(cal, ICAL_CALSCALE_PROPERTY)
              << "\n";
    for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        const icaltimetype start = icalcomponent_get_dtstart(ev);
        std::cout << "VEVENT\t" << escaped(icalcomponent_get_uid(ev)) << "\t"
                  << icaltime_as_ical_string(start) << (start.is_date ? "" : "!not-a-date") << "\t"
                  << text_of(ev, ICAL_RRULE_PROPERTY) << "\t" << summary_of(ev) << "\t"
                  << description_of(ev) << "\n";
    }
    const int errors = errors_in(cal);
    icalcomponent_free(cal);
    if (errors > 0) {
        std::cerr << "ics_parse: libical found " << errors << " errors\n";
        return 1;
    }
    return 0;
}
