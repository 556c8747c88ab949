#include "nnmip/util/interrupt.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace nnmip {

namespace {

std::atomic<bool> g_interrupted{false};

}  // namespace

void install_interrupt_handlers() {
  // SIGINT and SIGTERM are blocked in every thread (threads made later, such as
  // CBC's, inherit the mask) and taken by one watcher thread with sigwait. A
  // signal handler would not do: CLP installs its own SIGINT handler while it
  // solves an LP, and a Ctrl-C then only ends that one LP.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0) return;
  std::thread([signals] {
    for (;;) {
      int signal = 0;
      if (sigwait(&signals, &signal) != 0) continue;
      if (g_interrupted.exchange(true)) _exit(128 + signal);  // the second one: now
      static const char message[] =
          "\nnnmip: interrupted: stopping the search; the best result so far follows (again to quit at once)\n";
      [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, message, sizeof message - 1);
    }
  }).detach();
}

bool interrupt_requested() { return g_interrupted.load(std::memory_order_relaxed); }

void request_interrupt() { g_interrupted = true; }

}  // namespace nnmip
