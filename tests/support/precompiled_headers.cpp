// Empty: nnmip_test_pch (tests/CMakeLists.txt) compiles only the precompiled header
// that the tests reuse, and CMake needs one source to build it from.
