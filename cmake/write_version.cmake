# Writes the version header (src/nnmip/util/version.hpp.in) with the git
# revision of the source tree as it is now. Run at every build (the target
# nnmip_version), so results never carry the revision of an earlier configure;
# configure_file leaves the header untouched when nothing changed, so an
# unchanged revision rebuilds nothing.
# Inputs: SOURCE_DIR, TEMPLATE, OUTPUT, PROJECT_VERSION.
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE NNMIP_GIT_VERSION OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
if(NOT NNMIP_GIT_VERSION)
  set(NNMIP_GIT_VERSION "unknown")
endif()
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
