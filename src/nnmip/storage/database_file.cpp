#include "nnmip/storage/database_file.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

namespace fs = std::filesystem;

bool writable(const std::string& path) {
  // access() reports EROFS on a read-only mount even for root.
  const fs::path folder = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
  return ::access(path.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

bool has_unmerged_log(const std::string& path) {
  std::error_code ec;
  return fs::exists(path + "-wal", ec) && fs::file_size(path + "-wal", ec) > 0 && !ec;
}

std::string percent_encoded(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

/// Throws nnmip::Error when PRAGMA quick_check finds the file damaged, not an
/// SQLite database, or unreadable (e.g. read-only and WAL without its -shm).
void check_intact(sqlite3* db, const std::string& path) {
  sqlite3_stmt* check = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &check, nullptr);
  std::string answer;
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(check);
    if (rc == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(check, 0);
      answer = text ? reinterpret_cast<const char*>(text) : "";
      rc = answer == "ok" ? SQLITE_OK : SQLITE_CORRUPT;
    } else if (rc == SQLITE_DONE) {
      rc = SQLITE_OK;
    }
  }
  if (rc != SQLITE_OK && answer.empty()) answer = sqlite3_errmsg(db);
  sqlite3_finalize(check);
  switch (rc & 0xff) {
    case SQLITE_OK: return;
    case SQLITE_NOTADB:
      throw Error(path + " is not an SQLite database (" + answer +
                  "); nnmip neither reads nor overwrites it: pass the .sqlite file a campaign wrote");
    case SQLITE_CORRUPT:
      throw Error(
          "the database " + path + " is damaged (SQLite quick_check: " + answer +
          "); nnmip will not use it: restore it from a backup, or re-run the campaign into a new database file");
    default:
      throw Error("cannot read the database " + path + ": " + answer +
                  "; check that the file and its folder are readable (and writable for experiment run)");
  }
}

}  // namespace

std::string database_uri(const std::string& path) {
  if (!writable(path) && !has_unmerged_log(path)) return "file:" + percent_encoded(path) + "?immutable=1";
  return "file:" + percent_encoded(path) + "?mode=ro";
}

sqlite3* open_database(const std::string& path, DatabaseAccess access) {
  if (access == DatabaseAccess::read_only && !writable(path) && has_unmerged_log(path) && !fs::exists(path + "-shm"))
    throw Error(path + " has changes in " + path + "-wal that SQLite cannot read on a read-only file system: copy " +
                path + " and " + path + "-wal to a writable folder and use the copy");
  std::error_code ec;
  if (access == DatabaseAccess::read_write && fs::exists(path, ec) && !writable(path))
    throw Error(
        "cannot write to the database " + path + " (" + std::strerror(errno) +
        "): the file or its folder is read-only; choose a writable database file (report and merge read it as it is)");
  const std::string name = access == DatabaseAccess::read_only ? database_uri(path) : path;
  const int flags =
      SQLITE_OPEN_URI |
      (access == DatabaseAccess::read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(name.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw Error("cannot open the database " + path + ": " + why + "; check that the file is readable");
  }
  sqlite3_busy_timeout(db, 60000);  // several worker processes write to one file
  try {
    check_intact(db, path);
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

}  // namespace nnmip
