#pragma once
// `crm --help` and `crm CMD --help`: CLI11's layout with its labels
// translated, descriptions wrapped to 80 columns (CJK counted two wide), and
// a footer of examples that points to man crm.

#include <CLI/CLI.hpp>
#include <memory>

namespace crm::cli {

// The formatter every command's help uses.
std::shared_ptr<CLI::Formatter> help_formatter();

// The footer of `crm CMD --help`: its examples (one per line, may be null)
// and where to read more.
std::string help_footer(const char* examples, const std::string& command);

// The short help `crm` alone prints outside a crm folder: what crm is and
// the next step.
std::string first_steps();

} // namespace crm::cli
