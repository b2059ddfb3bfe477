#pragma once
// The order that lets section-3 cases share a connection (live_connection.hpp): the cases of
// one share group run one after another, where the first of them stands, in their own order.

#include "suites/case_def.hpp"

namespace athil::suites {

// Moves every later case of a share group up behind the previous case of its group; every
// other case keeps its place relative to the rest.
void keep_share_groups_together(case_list& cases);

} // namespace athil::suites
