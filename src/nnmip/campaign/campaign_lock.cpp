#include "nnmip/campaign/campaign_lock.hpp"

#include <cstdio>

#include "nnmip/util/log.hpp"

namespace nnmip {

CampaignLock::CampaignLock(const std::string& db_path, bool quiet)
    : lock_(
          db_path + ".lock",
          [&](const std::string& holder) {
            if (quiet) return;
            log_info("another experiment run" + (holder.empty() ? "" : " (process " + holder + ")") +
                     " is recording into " + db_path +
                     "; waiting for it to finish (the runs it records are not solved again)");
          },
          "choose a database file in a writable folder (report and merge read a database as it is)") {}

}  // namespace nnmip
