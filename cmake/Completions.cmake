# Shell completion scripts, written by the built crm (`crm completion
# bash|zsh|fish`, made from its own command line) and installed where
# bash-completion, zsh and fish look for them.
#
# Also run as a script (cmake -P) by the build: writes `${CRM} completion
# ${CRM_SHELL}` to ${CRM_OUTPUT}.

if(CMAKE_SCRIPT_MODE_FILE)
  # The scripts are the same whatever the builder's language.
  set(ENV{LC_ALL} C.UTF-8)
  set(ENV{LANGUAGE} "")
  unset(ENV{CRM_DIR})
  execute_process(COMMAND ${CRM} completion ${CRM_SHELL}
    OUTPUT_FILE ${CRM_OUTPUT}.tmp RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "'crm completion ${CRM_SHELL}' failed: ${status}")
  endif()
  file(RENAME ${CRM_OUTPUT}.tmp ${CRM_OUTPUT})
  return()
endif()

# A cross-compiled crm cannot run here to write them.
if(CMAKE_CROSSCOMPILING)
  return()
endif()

set(CRM_COMPLETIONS_DIR ${PROJECT_BINARY_DIR}/completions)
set(CRM_COMPLETION_FILES)
foreach(pair "bash;crm.bash" "zsh;_crm" "fish;crm.fish")
  list(GET pair 0 shell)
  list(GET pair 1 file)
  add_custom_command(OUTPUT ${CRM_COMPLETIONS_DIR}/${file}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CRM_COMPLETIONS_DIR}
    COMMAND ${CMAKE_COMMAND} -DCRM=$<TARGET_FILE:crm> -DCRM_SHELL=${shell}
            -DCRM_OUTPUT=${CRM_COMPLETIONS_DIR}/${file} -P ${CMAKE_CURRENT_LIST_FILE}
    DEPENDS crm ${CMAKE_CURRENT_LIST_FILE}
    COMMENT "Writing the ${shell} completion for crm"
    VERBATIM)
  list(APPEND CRM_COMPLETION_FILES ${CRM_COMPLETIONS_DIR}/${file})
endforeach()
add_custom_target(completions ALL DEPENDS ${CRM_COMPLETION_FILES})

install(FILES ${CRM_COMPLETIONS_DIR}/crm.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME crm)
install(FILES ${CRM_COMPLETIONS_DIR}/_crm
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${CRM_COMPLETIONS_DIR}/crm.fish
  DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
