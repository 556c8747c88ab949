#pragma once
// One `experiment run` at a time per database: a second process started on the
// same --db waits for the first to finish (and then finds its runs recorded),
// so no run is solved twice. The lock is flock(2) on "<db>.lock": the kernel
// releases it when the holder exits, even after kill -9, so a leftover .lock
// file is harmless.
#include <string>

namespace nnmip {

class CampaignLock {
 public:
  /// Takes the lock of `db_path`, waiting while another process holds it (and
  /// saying so on stderr unless `quiet`). Throws nnmip::Error when the lock file
  /// cannot be created (e.g. a read-only folder).
  CampaignLock(const std::string& db_path, bool quiet);
  ~CampaignLock();
  CampaignLock(const CampaignLock&) = delete;
  CampaignLock& operator=(const CampaignLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace nnmip
