#pragma once
// One `experiment run` at a time per database: a second process started on the
// same --db waits for the first to finish (and then finds its runs recorded),
// so no run is solved twice. The lock is a FileLock on "<db>.lock".
#include <string>

#include "nnmip/util/file_lock.hpp"

namespace nnmip {

class CampaignLock {
 public:
  /// Takes the lock of `db_path`, waiting while another process holds it (and
  /// saying so on stderr unless `quiet`). Throws nnmip::Error when the lock file
  /// cannot be created (e.g. a read-only folder).
  CampaignLock(const std::string& db_path, bool quiet);

 private:
  FileLock lock_;
};

}  // namespace nnmip
