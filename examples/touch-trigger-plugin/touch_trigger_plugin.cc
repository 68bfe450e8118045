// The plugin's entry point: one library, two operations. create_touch_trigger names drop_touch_trigger as
// its inverse, so a revision without [[downgrade]] is undone automatically; the inverse gets the fields
// it declares (table, column, name, schema) copied from the create.
#include "touch_trigger.hpp"

using retort::sdk::operation;

RETORT_PLUGIN("touch-trigger", "1.0.0", "create_touch_trigger and drop_touch_trigger: keep an updated_at column current",
              operation<touch_trigger::CreateTouchTrigger>("create_touch_trigger",
                                                           {{"table", RETORT_FIELD_STRING, true},
                                                            {"column", RETORT_FIELD_STRING, true},
                                                            {"name", RETORT_FIELD_STRING}},
                                                           "drop_touch_trigger"),
              operation<touch_trigger::DropTouchTrigger>("drop_touch_trigger",
                                                         {{"table", RETORT_FIELD_STRING, true},
                                                          {"column", RETORT_FIELD_STRING, true},
                                                          {"name", RETORT_FIELD_STRING}}))
