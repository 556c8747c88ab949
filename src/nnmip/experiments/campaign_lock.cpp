#include "nnmip/experiments/campaign_lock.hpp"

#include <cstdio>

namespace nnmip {

CampaignLock::CampaignLock(const std::string& db_path, bool quiet)
    : lock_(db_path + ".lock",
            [&](const std::string& holder) {
              if (quiet) return;
              std::fprintf(stderr,
                           "nnmip: another experiment run%s is recording into %s; waiting for it to finish "
                           "(the runs it records are not solved again)\n",
                           holder.empty() ? "" : (" (process " + holder + ")").c_str(), db_path.c_str());
            },
            "choose a --db in a writable folder (report and merge read a database as it is)") {}

}  // namespace nnmip
