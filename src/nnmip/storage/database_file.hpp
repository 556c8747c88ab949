#pragma once
// Opening an experiment database file: the one place that decides how
// (read-write, read-only, or immutable on a read-only medium) and that checks
// the file is intact (PRAGMA quick_check) before anything reads or copies it.
#include <string>

struct sqlite3;

namespace nnmip {

enum class DatabaseAccess { read_only, read_write };

/// Opens the SQLite file at `path` and runs PRAGMA quick_check on it.
/// read_write creates the file when absent. read_only opens "file:PATH?mode=ro",
/// or, when the file or its folder cannot be written (a read-only file system,
/// where SQLite cannot create the -shm file that WAL databases need) and no
/// unmerged -wal file is beside it, "file:PATH?immutable=1". Throws nnmip::Error
/// naming the file when it cannot be opened, is not an SQLite database, or is
/// damaged. The connection accepts URIs (see database_uri).
sqlite3* open_database(const std::string& path, DatabaseAccess access);

/// The URI by which a read-only connection reaches `path` (for ATTACH).
std::string database_uri(const std::string& path);

}  // namespace nnmip
