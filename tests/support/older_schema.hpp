#pragma once
// Makes an experiment database look as an older nnmip wrote it.
#include <string>

#include "nnmip/storage/schema.hpp"

namespace nnmip::testing {

/// SQL that drops every column of `runs` added after `version` and sets the
/// recorded schema version to it.
inline std::string downgrade_sql(int version) {
  std::string sql;
  for (const RunColumn& column : run_columns())
    if (column.since > version) sql += "ALTER TABLE runs DROP COLUMN " + column.name + "; ";
  return sql + "UPDATE meta SET value = '" + std::to_string(version) + "' WHERE key = 'schema_version';";
}

}  // namespace nnmip::testing
