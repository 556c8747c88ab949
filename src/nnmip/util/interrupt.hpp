#pragma once
// Ctrl-C (SIGINT) or SIGTERM during a long search: the first signal asks the
// work in progress to stop at its next check - the solver at its next node, a
// heuristic at its next step, the search before its next MILP, all of which
// treat it like their time running out - so the command still reports (and
// writes as JSON, marked "interrupted") the best result found so far. A stop is
// never a proof: what was not decided stays unknown. A second signal ends the
// process at once.
namespace nnmip {

/// Installs the handlers for SIGINT and SIGTERM (verify, maximize and check do).
void install_interrupt_handlers();
/// Whether a first signal arrived (or request_interrupt was called).
bool interrupt_requested();
/// What the first signal does, for tests.
void request_interrupt();

}  // namespace nnmip
