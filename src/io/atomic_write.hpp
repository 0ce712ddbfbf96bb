#pragma once
// Writing a file so that it is never half-written: the bytes go to a
// temporary file in the same folder, are read back and checked, synced, and
// only then renamed over the original (and the folder synced, so the rename
// itself survives a power cut). Nothing happens in a destructor but removing
// an uncommitted temporary file: committing is always explicit.

#include <filesystem>
#include <string>
#include <string_view>

namespace crm::io {

class AtomicFile {
  public:
    // A new temporary file next to `root / relative`, named
    // ".<name>.crm-tmp-<pid>-<n>" (hidden, so readers skip it), with the
    // target's permissions when it exists. `relative` names it in messages.
    // Throws crm::Error when the folder cannot be written.
    AtomicFile(const std::filesystem::path& root, std::string relative);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Writes all of `bytes`; throws crm::Error on any failure (a full disk).
    void write(std::string_view bytes);

    // The bytes as the file system now holds them, for checking.
    std::string read_back() const;

    enum class Mode {
        replace, // rename over the target
        create,  // fail, without touching anything, when the target exists
    };
    // Syncs the data, moves it into place, and syncs the folder. Throws
    // crm::Error when any step fails; the target is then as it was.
    void commit(Mode mode = Mode::replace);

  private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    std::string relative_;
    int fd_ = -1;
    bool committed_ = false;
};

// Removes temporary files a killed crm left next to `root / relative`. Call
// it holding the folder lock, when no other crm can be writing them.
void remove_stale_temporaries(const std::filesystem::path& root, const std::string& relative);

} // namespace crm::io
