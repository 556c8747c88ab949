#include "nnmip/solver/solver_registry.hpp"

#include <map>
#include <mutex>

#include "nnmip/util/error.hpp"

namespace nnmip {

namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, SolverFactory> factories{{"cbc", [] { return make_cbc_solver(); }}};
};

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

void register_solver(const std::string& name, SolverFactory factory) {
  Registry& r = registry();
  const std::lock_guard<std::mutex> lock(r.mutex);
  r.factories[name] = std::move(factory);
}

std::vector<std::string> solver_names() {
  Registry& r = registry();
  const std::lock_guard<std::mutex> lock(r.mutex);
  std::vector<std::string> names;
  for (const auto& [name, factory] : r.factories) names.push_back(name);
  return names;
}

std::unique_ptr<MilpSolver> make_solver(const std::string& name) {
  SolverFactory factory;
  {
    Registry& r = registry();
    const std::lock_guard<std::mutex> lock(r.mutex);
    const auto it = r.factories.find(name);
    if (it != r.factories.end()) factory = it->second;
  }
  if (!factory) {
    std::string known;
    for (const std::string& n : solver_names()) known += (known.empty() ? "" : ", ") + n;
    throw Error("unknown solver '" + name + "': this nnmip has " + known);
  }
  return factory();
}

}  // namespace nnmip
