// Registers the view and truncate operations with retort.
#include "view_operations.hpp"

using retort::sdk::operation;

RETORT_PLUGIN("ops-views", "0.1.0", "create_view, drop_view and truncate_table for every dialect",
              operation<retort::views::CreateView>("create_view",
                                                   {{"name", RETORT_FIELD_STRING, true},
                                                    {"sql", RETORT_FIELD_SQL, true},
                                                    {"replace", RETORT_FIELD_BOOLEAN}},
                                                   "drop_view"),
              operation<retort::views::DropView>("drop_view",
                                                 {{"name", RETORT_FIELD_STRING, true},
                                                  {"if_exists", RETORT_FIELD_BOOLEAN}}),
              operation<retort::views::TruncateTable>("truncate_table",
                                                      {{"table", RETORT_FIELD_STRING, true},
                                                       {"restart_identity", RETORT_FIELD_BOOLEAN},
                                                       {"cascade", RETORT_FIELD_BOOLEAN}}))
