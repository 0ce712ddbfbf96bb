#pragma once

namespace crm::cli {

// Parses the command line, runs the command and returns the exit status. The
// only place that catches crm::Error and prints "crm: error: …".
int run(int argc, char** argv);

} // namespace crm::cli
