# retort_add_plugin(NAME SOURCES file... [LIBRARIES target...])
#
# Builds a loadable retort plugin: a MODULE library named retort_<NAME>.so with hidden visibility,
# linked against the SDK, placed where retort looks for plugins (the build's plugin folder when
# RETORT_PLUGIN_OUTPUT_DIR is set) and installed into the plugin folder.
function(retort_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "retort_add_plugin(${name}) needs SOURCES")
  endif()
  set(target retort_plugin_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE RetortSDK::sdk ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME retort_${name}
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(RETORT_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${RETORT_PLUGIN_OUTPUT_DIR})
  endif()
  if(RETORT_PLUGIN_INSTALL_DIR)
    install(TARGETS ${target} LIBRARY DESTINATION ${RETORT_PLUGIN_INSTALL_DIR})
  endif()
endfunction()
