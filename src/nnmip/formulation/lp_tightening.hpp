#pragma once
// LP-based bound tightening (`--bounds lp`). Layer by layer, for every neuron
// that interval arithmetic leaves unstable:
//   L_i^l = min g_i^l,  U_i^l = max g_i^l  over the LP relaxation of
//   {x in X} + encoding of layers 1..l-1 (with their already-tightened bounds),
// solved with CLP. The LP relaxation contains every MILP point, so these are
// valid bounds, and they are never looser than interval bounds (we keep the
// tighter of the two). After each layer, the bounds of the layers after it are
// re-propagated (symbolically or by interval arithmetic), keeping the tighter. Past the time budget the remaining
// layers keep their interval bounds.
#include "nnmip/formulation/input_domain.hpp"
#include "nnmip/network/network.hpp"

namespace nnmip {

struct LpTighteningReport {
  int neurons_tightened = 0;  // neurons whose LP bounds were computed
  bool budget_exhausted = false;
};

LpTighteningReport tighten_bounds_lp(const Network& network, const InputDomain& domain, ActivationBounds& bounds,
                                     double time_limit_s, bool symbolic);

}  // namespace nnmip
