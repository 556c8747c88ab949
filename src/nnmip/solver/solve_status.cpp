#include "nnmip/solver/milp_solver.hpp"

namespace nnmip {

const char* to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::optimal: return "optimal";
    case SolveStatus::infeasible: return "infeasible";
    case SolveStatus::time_limit: return "time_limit";
    case SolveStatus::node_limit: return "node_limit";
    case SolveStatus::stopped_by_callback: return "stopped_by_callback";
  }
  return "unknown";
}

}  // namespace nnmip
