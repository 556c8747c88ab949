# Install rules: the CLI, one static library per concern, their headers (and the
# generated version.hpp), and a CMake package, so that another project can write
#   find_package(nnmip 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE nnmip::lib)   # or one concern, e.g. nnmip::formats
# The package finds the same Debian packages the build found (nnmipConfig.cmake.in).
include(CMakePackageConfigHelpers)

get_property(nnmip_concern_targets GLOBAL PROPERTY NNMIP_CONCERN_TARGETS)
set(nnmip_package_dir ${CMAKE_INSTALL_LIBDIR}/cmake/nnmip)

install(TARGETS nnmip RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS ${nnmip_concern_targets} nnmip_lib EXPORT nnmipTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
# solver/coin_model.hpp is the CBC adapter's own (it includes COIN-OR headers).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/nnmip DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "coin_model.hpp" EXCLUDE)
install(FILES ${PROJECT_BINARY_DIR}/generated/nnmip/util/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/nnmip/util)
install(EXPORT nnmipTargets NAMESPACE nnmip:: DESTINATION ${nnmip_package_dir})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/nnmipConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/nnmipConfig.cmake INSTALL_DESTINATION ${nnmip_package_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/nnmipConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/nnmipConfig.cmake ${PROJECT_BINARY_DIR}/nnmipConfigVersion.cmake
        DESTINATION ${nnmip_package_dir})
